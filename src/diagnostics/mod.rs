//! Problems found in a data file, each with its file, line and column, what
//! was found and what was expected, printed in the style of a compiler.

use std::fmt;

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term;

pub mod locate;

use locate::{Locator, Step, line_col};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one file.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: String,
    pub line: usize,
    pub col: usize,
    /// Byte range in the file the problem points at.
    pub span: (usize, usize),
    /// What is wrong, in one line.
    pub message: String,
    /// What was expected there.
    pub expected: String,
    /// A suggestion, such as the id that was probably meant.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Renders the diagnostic with the offending line underlined.
    pub fn render(&self, src: &str) -> String {
        let file = SimpleFile::new(&self.file, src);
        let diag = match self.severity {
            Severity::Error => CsDiagnostic::error(),
            Severity::Warning => CsDiagnostic::warning(),
        };
        let mut notes = Vec::new();
        if let Some(help) = &self.help {
            notes.push(format!("help: {help}"));
        }
        let (a, b) = clamp_span(src, self.span);
        let diag = diag
            .with_message(&self.message)
            .with_labels(vec![Label::primary((), a..b).with_message(&self.expected)])
            .with_notes(notes);
        let config = term::Config::default();
        term::emit_into_string(&config, &file, &diag).unwrap_or_else(|_| self.to_string())
    }
}

fn clamp_span(src: &str, (a, b): (usize, usize)) -> (usize, usize) {
    let mut a = a.min(src.len());
    let mut b = b.clamp(a, src.len());
    while !src.is_char_boundary(a) {
        a -= 1;
    }
    while !src.is_char_boundary(b) {
        b += 1;
    }
    (a, b)
}

impl fmt::Display for Diagnostic {
    /// `file:line:col: error: message (expected ...)`, one line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{}:{}:{}: {level}: {}",
            self.file, self.line, self.col, self.message
        )?;
        if !self.expected.is_empty() {
            write!(f, " (expected {})", self.expected)?;
        }
        if let Some(help) = &self.help {
            write!(f, "; {help}")?;
        }
        Ok(())
    }
}

/// Collects the diagnostics of one file, locating each by its data path.
pub struct Reporter<'a> {
    file: String,
    src: &'a str,
    locator: Locator<'a>,
    diagnostics: Vec<Diagnostic>,
    errors: usize,
    /// Problems found after the first `MAX_DIAGNOSTICS`, counted but not located.
    dropped: usize,
}

/// The most problems reported, with their positions, for one file; the rest
/// are counted in one last line. A file with thousands of mistakes is
/// checked in time that grows with its length, not with the mistakes.
pub const MAX_DIAGNOSTICS: usize = 100;

impl<'a> Reporter<'a> {
    pub fn new(file: &str, src: &'a str) -> Self {
        Reporter {
            file: file.to_string(),
            src,
            locator: Locator::new(src),
            diagnostics: Vec::new(),
            errors: 0,
            dropped: 0,
        }
    }

    /// The problems found, the first `MAX_DIAGNOSTICS` of them located, then
    /// "… and N more" at the last one's place if there were more.
    pub fn finish(mut self) -> Vec<Diagnostic> {
        if self.dropped > 0
            && let Some(last) = self.diagnostics.last().cloned()
        {
            let dropped_error =
                self.errors > self.diagnostics.iter().filter(|d| d.is_error()).count();
            self.diagnostics.push(Diagnostic {
                severity: if dropped_error {
                    Severity::Error
                } else {
                    Severity::Warning
                },
                message: format!("… and {} more problem(s) not shown", self.dropped),
                expected: "the problems above fixed first".into(),
                help: None,
                ..last
            });
        }
        self.diagnostics
    }

    fn push(
        &mut self,
        severity: Severity,
        path: &[Step],
        message: String,
        expected: String,
        help: Option<String>,
    ) {
        if severity == Severity::Error {
            self.errors += 1;
        }
        if self.diagnostics.len() >= MAX_DIAGNOSTICS {
            self.dropped += 1;
            return;
        }
        let span = self.locator.span(path);
        let (line, col) = line_col(self.src, span.0);
        self.diagnostics.push(Diagnostic {
            severity,
            file: self.file.clone(),
            line,
            col,
            span,
            message,
            expected,
            help,
        });
    }

    pub fn error(
        &mut self,
        path: &[Step],
        message: impl Into<String>,
        expected: impl Into<String>,
    ) {
        self.push(Severity::Error, path, message.into(), expected.into(), None);
    }

    pub fn error_help(
        &mut self,
        path: &[Step],
        message: impl Into<String>,
        expected: impl Into<String>,
        help: Option<String>,
    ) {
        self.push(Severity::Error, path, message.into(), expected.into(), help);
    }

    pub fn warning(
        &mut self,
        path: &[Step],
        message: impl Into<String>,
        expected: impl Into<String>,
    ) {
        self.push(
            Severity::Warning,
            path,
            message.into(),
            expected.into(),
            None,
        );
    }

    pub fn has_errors(&self) -> bool {
        self.errors > 0
    }
}

/// Turns RON's own parse error into a diagnostic at its position.
pub fn from_ron_error(file: &str, src: &str, err: &ron::error::SpannedError) -> Diagnostic {
    let line = err.span.start.line.max(1);
    let col = err.span.start.col.max(1);
    let offset = offset_of(src, line, col);
    let end = offset_of(src, err.span.end.line.max(1), err.span.end.col.max(1)).max(offset + 1);
    let message = err.code.to_string();
    let expected = expected_from_ron(&err.code);
    Diagnostic {
        severity: Severity::Error,
        file: file.to_string(),
        line,
        col,
        span: (offset, end.min(src.len())),
        message,
        expected,
        help: None,
    }
}

fn expected_from_ron(code: &ron::Error) -> String {
    use ron::Error as E;
    match code {
        E::NoSuchStructField { expected, .. } => format!("one of {}", expected.join(", ")),
        E::NoSuchEnumVariant { expected, .. } => format!("one of {}", expected.join(", ")),
        E::MissingStructField { field, .. } => format!("a field `{field}`"),
        _ => "valid RON for this field".to_string(),
    }
}

/// Byte offset of a 1-based line and column (column in characters).
pub fn offset_of(src: &str, line: usize, col: usize) -> usize {
    let mut offset = 0;
    for (n, text) in src.split_inclusive('\n').enumerate() {
        if n + 1 == line {
            return offset
                + text
                    .char_indices()
                    .nth(col - 1)
                    .map_or(text.len(), |(i, _)| i);
        }
        offset += text.len();
    }
    src.len()
}

/// The closest of `known` to `wrong`, when it is close enough to be a typo.
pub fn did_you_mean<'k>(wrong: &str, known: impl IntoIterator<Item = &'k str>) -> Option<String> {
    // Ids are short; comparing a huge one with every known id would cost its length times theirs.
    if wrong.len() > 64 {
        return None;
    }
    let mut best: Option<(f64, &str)> = None;
    for k in known.into_iter().filter(|k| k.len() <= 64) {
        let score = strsim::jaro_winkler(wrong, k);
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, k));
        }
    }
    best.filter(|(s, _)| *s >= 0.8)
        .map(|(_, k)| format!("did you mean `{k}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_nearest_id_only_when_close() {
        let ids = ["kucha", "karasahr", "aksu"];
        assert_eq!(
            did_you_mean("kuche", ids).as_deref(),
            Some("did you mean `kucha`?")
        );
        assert_eq!(did_you_mean("lhasa", ids), None);
    }

    #[test]
    fn offsets_and_positions_agree() {
        let src = "ab\ncdé\nf";
        assert_eq!(offset_of(src, 2, 3), 5);
        assert_eq!(line_col(src, 5), (2, 3));
        assert_eq!(offset_of(src, 3, 1), 8);
    }
}
