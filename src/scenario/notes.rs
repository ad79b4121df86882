//! Notes: a source text written in our own words for a battle no shipped
//! text covers. A note lists the works it draws on and, one line each, the
//! facts a scenario uses, each ending with its citation:
//!
//! ```text
//! ## Works
//! - [WP-Aksu] "Battle of Aksu (717)", Wikipedia, section Battle.
//!
//! ## Facts
//! - F1: The relief army was 10,000 strong. [WP-Aksu §Battle]
//! ```
//!
//! A scenario points at a fact with `Reported(value: 10000, source:
//! "note.md", fact: "F1")`; the validator checks that the fact exists,
//! cites works the note lists and gives the figure. Whole-note rules (every
//! fact cited, no quoted passage longer than [`MAX_QUOTED_WORDS`]) are in
//! [`Note::problems`].

/// The most words a note may quote from a work in one passage: a note is
/// written in its own words and quotes only the few words around a figure.
pub const MAX_QUOTED_WORDS: usize = 12;

/// One fact of a note.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    pub id: String,
    /// The fact's words, without its id and citation.
    pub text: String,
    /// The keys of the works it cites, in order.
    pub cites: Vec<String>,
    /// Its line in the note, from 1.
    pub line: usize,
}

/// A parsed note.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Note {
    /// Keys of the works listed under `## Works`.
    pub works: Vec<String>,
    pub facts: Vec<Fact>,
    /// Lines (from 1) and word counts of quoted passages that are too long.
    long_quotes: Vec<(usize, usize)>,
}

/// True if the text is laid out as a note (it has both sections).
pub fn is_note(text: &str) -> bool {
    let heading = |h: &str| text.lines().any(|l| l.trim().eq_ignore_ascii_case(h));
    heading("## Works") && heading("## Facts")
}

#[derive(PartialEq)]
enum Section {
    Other,
    Works,
    Facts,
}

/// The citation at the end of a fact line: `text [KEY §x; KEY2]` gives
/// (`text`, [KEY, KEY2]); a line without one gives no keys.
fn split_citation(rest: &str) -> (String, Vec<String>) {
    let rest = rest.trim_end();
    if rest.ends_with(']')
        && let Some(open) = rest.rfind('[')
    {
        let inner = &rest[open + 1..rest.len() - 1];
        let keys = inner
            .split(';')
            .filter_map(|part| part.split_whitespace().next())
            .map(|k| k.trim_end_matches([',', '.', ':']).to_string())
            .filter(|k| !k.is_empty())
            .collect();
        return (rest[..open].trim_end().to_string(), keys);
    }
    (rest.to_string(), Vec::new())
}

impl Note {
    pub fn parse(text: &str) -> Note {
        let mut note = Note::default();
        let mut section = Section::Other;
        for (i, raw_line) in text.lines().enumerate() {
            let line = raw_line.trim();
            if let Some(h) = line.strip_prefix("## ") {
                section = match h.trim().to_ascii_lowercase().as_str() {
                    "works" => Section::Works,
                    "facts" => Section::Facts,
                    _ => Section::Other,
                };
                continue;
            }
            let Some(item) = line.strip_prefix("- ") else {
                continue;
            };
            match section {
                Section::Works => {
                    if let Some(rest) = item.strip_prefix('[')
                        && let Some(close) = rest.find(']')
                    {
                        note.works.push(rest[..close].trim().to_string());
                    }
                }
                Section::Facts => {
                    if let Some((id, rest)) = item.split_once(':') {
                        let id = id.trim();
                        if !id.is_empty()
                            && id
                                .chars()
                                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
                        {
                            let (text, cites) = split_citation(rest);
                            note.facts.push(Fact {
                                id: id.to_string(),
                                text: text.trim().to_string(),
                                cites,
                                line: i + 1,
                            });
                        }
                    }
                }
                Section::Other => {}
            }
        }
        note.long_quotes = long_quotes(text);
        note
    }

    pub fn fact(&self, id: &str) -> Option<&Fact> {
        self.facts.iter().find(|f| f.id == id)
    }

    /// The keys a fact cites that the note does not list under `## Works`.
    pub fn unknown_works<'n>(&'n self, fact: &'n Fact) -> Vec<&'n str> {
        fact.cites
            .iter()
            .filter(|k| !self.works.contains(k))
            .map(String::as_str)
            .collect()
    }

    /// What is wrong with the note as a whole, one sentence each with its line.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.facts.is_empty() {
            out.push("it lists no facts (`- F1: ... [WORK]` under `## Facts`)".to_string());
        }
        for (line, words) in &self.long_quotes {
            out.push(format!(
                "line {line} quotes {words} words in one passage; a note quotes at most {MAX_QUOTED_WORDS}"
            ));
        }
        let mut seen: Vec<&str> = Vec::new();
        for f in &self.facts {
            if seen.contains(&f.id.as_str()) {
                out.push(format!("line {}: fact {} is listed twice", f.line, f.id));
            }
            seen.push(&f.id);
            if f.cites.is_empty() {
                out.push(format!(
                    "line {}: fact {} has no citation (`[WORK §section]` at the end)",
                    f.line, f.id
                ));
            }
            for k in self.unknown_works(f) {
                out.push(format!(
                    "line {}: fact {} cites `{k}`, which is not under `## Works`",
                    f.line, f.id
                ));
            }
        }
        out
    }
}

/// Quoted passages longer than [`MAX_QUOTED_WORDS`], by the line they start on.
fn long_quotes(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut line = 1;
    let mut open: Option<(usize, usize)> = None; // (start line, words so far)
    let mut in_word = false;
    for c in text.chars() {
        let quote_mark = matches!(c, '"' | '\u{201c}' | '\u{201d}');
        if quote_mark {
            match open.take() {
                Some((start, words)) => {
                    if words > MAX_QUOTED_WORDS {
                        out.push((start, words));
                    }
                }
                None => open = Some((line, 0)),
            }
            in_word = false;
        } else if c.is_whitespace() {
            in_word = false;
        } else if !in_word {
            in_word = true;
            if let Some((_, words)) = open.as_mut() {
                *words += 1;
            }
        }
        if c == '\n' {
            line += 1;
            // A quote does not run over a paragraph break in a note.
        }
    }
    if let Some((start, words)) = open
        && words > MAX_QUOTED_WORDS
    {
        out.push((start, words));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOTE: &str = "# x\n\nA note.\n\n## Works\n- [WP-A] Page A, section B.\n- [B2] Book.\n\n## Facts\n- F1: Li Jing led 3,000 horsemen (\"3,000 elite cavalry\"). [WP-A §Campaign]\n- F2: The Qaghan fled west. [WP-A §Aftermath; B2 ch. 3]\n- F3: Uncited.\n- F4: Cites a stranger. [XX]\n";

    #[test]
    fn facts_are_read_with_their_citations() {
        let n = Note::parse(NOTE);
        assert!(is_note(NOTE));
        assert_eq!(n.works, vec!["WP-A", "B2"]);
        let f1 = n.fact("F1").unwrap();
        assert_eq!(f1.cites, vec!["WP-A"]);
        assert_eq!(f1.line, 10);
        assert!(f1.text.starts_with("Li Jing led 3,000"));
        assert_eq!(n.fact("F2").unwrap().cites, vec!["WP-A", "B2"]);
        let problems = n.problems();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].contains("F3 has no citation"));
        assert!(problems[1].contains("cites `XX`"));
    }

    #[test]
    fn a_long_quote_is_a_problem() {
        let long = format!(
            "## Works\n- [A] a\n## Facts\n- F1: x \"{}\" [A]\n",
            ["word"; 13].join(" ")
        );
        let p = Note::parse(&long).problems();
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(p[0].contains("line 4 quotes 13 words"));
        let short = long.replace("word word word word ", "");
        assert!(Note::parse(&short).problems().is_empty());
    }
}
