//! Finds where a value stands in a RON file, given its path in the data
//! (`regions[3].id`), so that a validation error can point at the line and
//! column the modder has to change. RON's serde reader keeps no positions
//! for values, so this walks the text once more with a small tokenizer.

/// One step of a path into the data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// A field or a map key (usually a literal; a name built at run time, for the rules file's values).
    Field(std::borrow::Cow<'static, str>),
    Index(usize),
}

/// Builds a path: `path![f "regions", i 3, f "id"]`.
#[macro_export]
macro_rules! path {
    ($($kind:ident $value:expr),* $(,)?) => {
        vec![$($crate::path!(@step $kind $value)),*]
    };
    (@step f $value:expr) => { $crate::diagnostics::locate::Step::Field(std::borrow::Cow::Borrowed($value)) };
    (@step i $value:expr) => { $crate::diagnostics::locate::Step::Index($value) };
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
    Ident,
    Str,
    Other,
    Open(u8),
    Close(u8),
    Colon,
    Comma,
}

#[derive(Debug, Clone, Copy)]
struct Token {
    kind: Tok,
    start: usize,
    end: usize,
}

fn tokenize(src: &str) -> Vec<Token> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
        } else if c == b'/' && b.get(i + 1) == Some(&b'/') {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if c == b'/' && b.get(i + 1) == Some(&b'*') {
            let mut depth = 0;
            while i < b.len() {
                if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
                    depth += 1;
                    i += 2;
                } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if c == b'"' {
            let start = i;
            i += 1;
            while i < b.len() && b[i] != b'"' {
                if b[i] == b'\\' {
                    i += 1;
                }
                i += 1;
            }
            i = (i + 1).min(b.len());
            out.push(Token {
                kind: Tok::Str,
                start,
                end: i,
            });
        } else if c == b'r' && matches!(b.get(i + 1), Some(b'#') | Some(b'"')) {
            let start = i;
            i += 1;
            let mut hashes = 0;
            while b.get(i) == Some(&b'#') {
                hashes += 1;
                i += 1;
            }
            i += 1;
            loop {
                if i >= b.len() {
                    break;
                }
                if b[i] == b'"' && (0..hashes).all(|h| b.get(i + 1 + h) == Some(&b'#')) {
                    i += 1 + hashes;
                    break;
                }
                i += 1;
            }
            out.push(Token {
                kind: Tok::Str,
                start,
                end: i.min(b.len()),
            });
        } else if c == b'\'' {
            let start = i;
            i += 1;
            while i < b.len() && b[i] != b'\'' {
                if b[i] == b'\\' {
                    i += 1;
                }
                i += 1;
            }
            i = (i + 1).min(b.len());
            out.push(Token {
                kind: Tok::Other,
                start,
                end: i,
            });
        } else if matches!(c, b'(' | b'[' | b'{') {
            out.push(Token {
                kind: Tok::Open(c),
                start: i,
                end: i + 1,
            });
            i += 1;
        } else if matches!(c, b')' | b']' | b'}') {
            out.push(Token {
                kind: Tok::Close(c),
                start: i,
                end: i + 1,
            });
            i += 1;
        } else if c == b':' {
            out.push(Token {
                kind: Tok::Colon,
                start: i,
                end: i + 1,
            });
            i += 1;
        } else if c == b',' {
            out.push(Token {
                kind: Tok::Comma,
                start: i,
                end: i + 1,
            });
            i += 1;
        } else if c.is_ascii_alphabetic() || c == b'_' {
            let start = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            out.push(Token {
                kind: Tok::Ident,
                start,
                end: i,
            });
        } else {
            let start = i;
            i += 1;
            while i < b.len()
                && !b[i].is_ascii_whitespace()
                && !matches!(
                    b[i],
                    b'(' | b')' | b'[' | b']' | b'{' | b'}' | b':' | b',' | b'"'
                )
            {
                i += 1;
            }
            out.push(Token {
                kind: Tok::Other,
                start,
                end: i,
            });
        }
    }
    out
}

/// A located RON document.
pub struct Locator<'a> {
    src: &'a str,
    toks: Vec<Token>,
}

impl<'a> Locator<'a> {
    pub fn new(src: &'a str) -> Self {
        Locator {
            src,
            toks: tokenize(src),
        }
    }

    /// Index of the token after the value starting at `i`.
    fn skip_value(&self, mut i: usize) -> usize {
        // An optional name before a parenthesised body: `Name(...)`.
        if matches!(self.toks.get(i).map(|t| t.kind), Some(Tok::Ident)) {
            i += 1;
            if !matches!(self.toks.get(i).map(|t| t.kind), Some(Tok::Open(b'('))) {
                return i;
            }
        }
        match self.toks.get(i).map(|t| t.kind) {
            Some(Tok::Open(_)) => {
                let mut depth = 0i32;
                while i < self.toks.len() {
                    match self.toks[i].kind {
                        Tok::Open(_) => depth += 1,
                        Tok::Close(_) => {
                            depth -= 1;
                            if depth == 0 {
                                return i + 1;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                i
            }
            Some(_) => {
                // A number may be followed by more number-like tokens (e.g. `-`), keep it simple.
                i + 1
            }
            None => i,
        }
    }

    /// The start of the first value of the document, past `#![enable(...)]` lines.
    fn root(&self) -> usize {
        let mut i = 0;
        while let Some(t) = self.toks.get(i) {
            if t.kind == Tok::Other && self.src[t.start..t.end].starts_with('#') {
                // `#!` then `[ ... ]`
                i += 1;
                if matches!(self.toks.get(i).map(|t| t.kind), Some(Tok::Open(b'['))) {
                    i = self.skip_value(i);
                }
            } else {
                break;
            }
        }
        i
    }

    /// Token index of the body's opening bracket for the value at `i`, if it has one.
    fn body(&self, i: usize) -> Option<usize> {
        let mut j = i;
        if matches!(self.toks.get(j).map(|t| t.kind), Some(Tok::Ident)) {
            j += 1;
        }
        match self.toks.get(j).map(|t| t.kind) {
            Some(Tok::Open(_)) => Some(j),
            _ => None,
        }
    }

    /// The entries of a bracketed body: for each, (key token if `key:`, value start).
    fn entries(&self, open: usize) -> Vec<(Option<usize>, usize)> {
        let mut out = Vec::new();
        let mut i = open + 1;
        while i < self.toks.len() {
            if matches!(self.toks[i].kind, Tok::Close(_)) {
                break;
            }
            let mut key = None;
            if self.toks[i].kind == Tok::Ident
                && matches!(self.toks.get(i + 1).map(|t| t.kind), Some(Tok::Colon))
            {
                key = Some(i);
                i += 2;
            }
            let start = i;
            i = self.skip_value(i);
            if i == start {
                break;
            }
            out.push((key, start));
            if matches!(self.toks.get(i).map(|t| t.kind), Some(Tok::Comma)) {
                i += 1;
            }
        }
        out
    }

    fn is_some_wrapper(&self, i: usize) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == Tok::Ident && &self.src[t.start..t.end] == "Some")
            && matches!(self.toks.get(i + 1).map(|t| t.kind), Some(Tok::Open(b'(')))
    }

    fn step(&self, i: usize, step: &Step) -> Option<usize> {
        let open = self.body(i)?;
        let entries = self.entries(open);
        match step {
            Step::Field(name) => {
                for (key, start) in &entries {
                    if let Some(k) = key {
                        let t = self.toks[*k];
                        if self.src[t.start..t.end] == *name.as_ref() {
                            return Some(*start);
                        }
                    }
                }
                // Look through `Some(...)` and newtype variants such as `Arrive((...))`.
                if entries.len() == 1 && entries[0].0.is_none() {
                    return self.step(entries[0].1, step);
                }
                None
            }
            Step::Index(n) => {
                if self.is_some_wrapper(i) && entries.len() == 1 {
                    return self.step(entries[0].1, step);
                }
                entries.get(*n).map(|e| e.1)
            }
        }
    }

    /// Byte range of the value at `path`, or of the deepest part of the
    /// path that exists (a missing field points at its parent).
    pub fn span(&self, path: &[Step]) -> (usize, usize) {
        let mut i = self.root();
        for step in path {
            match self.step(i, step) {
                Some(next) => i = next,
                None => break,
            }
        }
        match self.toks.get(i) {
            Some(t) => {
                // Underline a short value whole; a long one by its first token.
                let end = self.skip_value(i);
                let last = self.toks[end.saturating_sub(1).max(i)];
                if last.end - t.start <= 80 {
                    (t.start, last.end)
                } else {
                    (t.start, t.end)
                }
            }
            None => (0, 0),
        }
    }
}

/// Line and column (both from 1, column in characters) of a byte offset.
pub fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(src.len());
    let before = &src[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"#![enable(implicit_some)]
// a comment with (brackets] and "quotes"
(
    id: "x",
    regions: [
        (id: "a", lat: 1.0),
        ( id: "kuche", /* note */ lat: -2.5 ),
    ],
    routes: [Route(from: "a", to: "kuche")],
    maybe: Some((inner: [1, 2, 3])),
    variant: Arrive((id: "late")),
)"#;

    fn text(path: &[Step]) -> String {
        let l = Locator::new(DOC);
        let (a, b) = l.span(path);
        DOC[a..b].to_string()
    }

    #[test]
    fn finds_values_by_path() {
        assert_eq!(text(&path![f "id"]), "\"x\"");
        assert_eq!(text(&path![f "regions", i 1, f "id"]), "\"kuche\"");
        assert_eq!(text(&path![f "regions", i 1, f "lat"]), "-2.5");
        assert_eq!(text(&path![f "routes", i 0, f "to"]), "\"kuche\"");
        assert_eq!(text(&path![f "maybe", f "inner", i 2]), "3");
        assert_eq!(text(&path![f "variant", f "id"]), "\"late\"");
    }

    #[test]
    fn points_at_the_parent_of_what_is_missing() {
        let l = Locator::new(DOC);
        let (a, _) = l.span(&path![f "regions", i 0, f "terrain"]);
        assert_eq!(line_col(DOC, a), (6, 9));
    }
}
