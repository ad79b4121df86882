//! Figures and where they come from: a documented figure names a listed
//! source and quotes it verbatim, and its number (or its date's year) is in
//! the quote; a reported one names a listed note and a fact of it that cites
//! its works and gives the number; an estimate or an unknown gives a reason; counts, whole
//! numbers, ratings and shares are in range.

use super::{Validator, with};
use crate::core::date::Date;
use crate::diagnostics::did_you_mean;
use crate::diagnostics::locate::Step;
use crate::path;
use crate::scenario::notes::{Note, is_note};
use crate::scenario::raw::*;

impl<'a, 'r> Validator<'a, 'r> {
    pub(super) fn check_source(&mut self, path: &[Step], source: &str, quote: &str) {
        if source.trim().is_empty() {
            self.rep.error(
                path,
                "a documented figure without a source",
                "the file name of a source text listed in `sources`",
            );
            return;
        }
        if !self.raw.sources.iter().any(|s| s.file == source) {
            let known: Vec<&str> = self.raw.sources.iter().map(|s| s.file.as_str()).collect();
            let help = did_you_mean(source, known.iter().copied());
            self.rep.error_help(
                &with(path, &path![f "source"]),
                format!("source `{source}` is not listed in the scenario's `sources`"),
                "a file named in `sources`",
                help,
            );
            return;
        }
        if quote.trim().is_empty() {
            self.rep.error(
                &with(path, &path![f "quote"]),
                "a documented figure without a quote",
                "the words of the source the figure is read from",
            );
            return;
        }
        match self.sources.text(source) {
            Some(text) => {
                if !normalise(text).contains(&normalise(quote)) {
                    self.rep.error(
                        &with(path, &path![f "quote"]),
                        format!("the quote is not in `{source}`"),
                        "words copied verbatim from the source text",
                    );
                }
            }
            None => self.rep.warning(
                &with(path, &path![f "source"]),
                format!("the text of `{source}` was not found, so the quote was not checked"),
                "a source text in the scenario's `sources/` folder or shipped with the game",
            ),
        }
    }

    /// Checks that `source` is a listed note with the fact `fact`, cited from
    /// works the note lists; returns the fact's words when it has them.
    pub(super) fn check_fact(&mut self, path: &[Step], source: &str, fact: &str) -> Option<String> {
        if !self.raw.sources.iter().any(|s| s.file == source) {
            let known: Vec<&str> = self.raw.sources.iter().map(|s| s.file.as_str()).collect();
            let help = did_you_mean(source, known.iter().copied());
            self.rep.error_help(
                &with(path, &path![f "source"]),
                format!("source `{source}` is not listed in the scenario's `sources`"),
                "a note named in `sources`",
                help,
            );
            return None;
        }
        let Some(text) = self.sources.text(source) else {
            self.rep.warning(
                &with(path, &path![f "source"]),
                format!("the text of `{source}` was not found, so the fact was not checked"),
                "a note in the scenario's `sources/` folder or shipped with the game",
            );
            return None;
        };
        if !is_note(text) {
            self.rep.error(
                &with(path, &path![f "source"]),
                format!("`{source}` is not a note (it has no `## Works` and `## Facts` sections)"),
                "a note for `Reported`, or `Documented(source, quote)` for a source text",
            );
            return None;
        }
        let note = self
            .notes
            .entry(source.to_string())
            .or_insert_with(|| Note::parse(text));
        let Some(found) = note.fact(fact) else {
            let help = did_you_mean(fact, note.facts.iter().map(|f| f.id.as_str()));
            self.rep.error_help(
                &with(path, &path![f "fact"]),
                format!("the note `{source}` has no fact `{fact}`"),
                "the id of a fact listed under `## Facts`, such as `F1`",
                help,
            );
            return None;
        };
        if found.cites.is_empty() {
            self.rep.error(
                &with(path, &path![f "fact"]),
                format!(
                    "fact {fact} of `{source}` (line {}) cites no work",
                    found.line
                ),
                "a fact ending with its citation, `[WORK §section]`",
            );
            return None;
        }
        let unknown = note.unknown_works(found);
        if let Some(k) = unknown.first() {
            self.rep.error(
                &with(path, &path![f "fact"]),
                format!(
                    "fact {fact} of `{source}` (line {}) cites `{k}`, which the note's `## Works` does not list",
                    found.line
                ),
                "citations of works listed in the note",
            );
            return None;
        }
        let text = found.text.clone();
        self.fact_texts
            .insert((source.to_string(), fact.to_string()), text.clone());
        Some(text)
    }

    pub(super) fn check_provenance(&mut self, path: &[Step], p: &Provenance) {
        match p {
            Provenance::Documented { source, quote } => self.check_source(path, source, quote),
            Provenance::Reported { source, fact } => {
                self.check_fact(path, source, fact);
            }
            Provenance::Estimate { reason } => {
                if reason.trim().is_empty() {
                    self.rep.error(
                        &with(path, &path![f "reason"]),
                        "an estimate without a reason",
                        "the reasoning behind the estimate",
                    );
                }
            }
        }
    }

    /// Checks a numeric figure and returns the value used in play.
    pub(super) fn count(
        &mut self,
        path: &[Step],
        f: &Figure<u32>,
        what: &str,
        must_be_positive: bool,
    ) -> Option<u32> {
        match f {
            Figure::Documented {
                value,
                source,
                quote,
            } => {
                self.check_source(path, source, quote);
                if !quote_has_number(quote, *value) {
                    self.rep.error(
                        &with(path, &path![f "value"]),
                        format!(
                            "documented {what} {value} does not appear in its quote \"{quote}\""
                        ),
                        "the number the quote gives",
                    );
                }
            }
            Figure::Reported {
                value,
                source,
                fact,
            } => {
                if let Some(text) = self.check_fact(path, source, fact)
                    && !quote_has_number(&text, *value)
                {
                    self.rep.error(
                        &with(path, &path![f "value"]),
                        format!("reported {what} {value} is not in fact {fact}: \"{text}\""),
                        "the number the fact gives",
                    );
                }
            }
            Figure::Estimate { reason, .. } => {
                if reason.trim().is_empty() {
                    self.rep.error(
                        &with(path, &path![f "reason"]),
                        format!("an estimated {what} without a reason"),
                        "the reasoning behind the estimate",
                    );
                }
            }
            Figure::Unknown { reason, .. } => {
                if reason.trim().is_empty() {
                    self.rep.error(
                        &with(path, &path![f "reason"]),
                        format!("an unknown {what} without a reason"),
                        "what the sources say and why the estimate",
                    );
                }
            }
        }
        let value = f.value();
        if let Some((low, high)) = f.declared_range() {
            let within = value.is_some_and(|v| low <= v && v <= high);
            if !within || high > 10_000_000 {
                self.rep.error(
                    &with(path, &path![f "range"]),
                    format!(
                        "the {what} of {} is outside its range {low} to {high}",
                        value.map_or("(none)".to_string(), |v| v.to_string())
                    ),
                    "`range: Some((LOW, HIGH))` with LOW <= the value <= HIGH <= 10,000,000",
                );
            }
        }
        if value.is_some_and(|v| v > 10_000_000) {
            self.rep.error(
                &with(path, &path![f "value"]),
                format!(
                    "{what} of {} is more than the game can count",
                    value.unwrap_or(0)
                ),
                "a number up to 10,000,000",
            );
            return None;
        }
        match value {
            None if must_be_positive => {
                self.rep.error(
                    path,
                    format!("the {what} is unknown and has no estimate"),
                    "`Unknown(estimate: Some(N), reason: ...)`: the game needs a number to play",
                );
                None
            }
            Some(0) if must_be_positive => {
                self.rep.error(
                    &with(path, &path![f "value"]),
                    format!("{what} of 0"),
                    "a number above 0",
                );
                None
            }
            v => v,
        }
    }

    pub(super) fn date_figure(&mut self, path: &[Step], f: &Figure<String>) -> Option<Date> {
        match f {
            Figure::Documented {
                value,
                source,
                quote,
            } => {
                self.check_source(path, source, quote);
                if let Ok(d) = Date::parse(value) {
                    let year = d.ymd().0.to_string();
                    if !quote.contains(&year) {
                        self.rep.error(
                            &with(path, &path![f "quote"]),
                            format!(
                                "documented date {value}: the quote does not give the year {year}"
                            ),
                            "the words of the source giving the date",
                        );
                    }
                }
            }
            Figure::Reported {
                value,
                source,
                fact,
            } => {
                if let Some(text) = self.check_fact(path, source, fact)
                    && let Ok(d) = Date::parse(value)
                {
                    let year = d.ymd().0.to_string();
                    if !text.contains(&year) {
                        self.rep.error(
                            &with(path, &path![f "fact"]),
                            format!(
                                "reported date {value}: fact {fact} does not give the year {year}"
                            ),
                            "the fact giving the date",
                        );
                    }
                }
            }
            Figure::Estimate { reason, .. } | Figure::Unknown { reason, .. } => {
                if reason.trim().is_empty() {
                    self.rep.error(
                        &with(path, &path![f "reason"]),
                        "an estimated date without a reason",
                        "the reasoning behind the date",
                    );
                }
                if f.declared_range().is_some() {
                    self.rep.error(
                        &with(path, &path![f "range"]),
                        "a date with a range",
                        "a range only on a number",
                    );
                }
            }
        }
        let Some(text) = f.value() else {
            self.rep.error(
                path,
                "the date is unknown and has no estimate",
                "`Unknown(estimate: Some(\"YYYY-MM-DD\"), reason: ...)`: the game needs a date",
            );
            return None;
        };
        self.date(&with(path, &path![f "value"]), &text)
    }

    pub(super) fn date(&mut self, path: &[Step], text: &str) -> Option<Date> {
        match Date::parse(text) {
            Ok(d) => Some(d),
            Err(why) => {
                self.rep.error(path, why, "a date \"YYYY-MM-DD\"");
                None
            }
        }
    }

    pub(super) fn whole(&mut self, path: &[Step], v: i64, what: &str, min: i64, max: i64) -> u32 {
        if v < min || v > max {
            self.rep.error(
                path,
                format!("{what} is {v}"),
                format!("a whole number from {min} to {max}"),
            );
            return min.max(0) as u32;
        }
        v as u32
    }

    pub(super) fn rating(&mut self, path: &[Step], r: &Rating, what: &str) -> u8 {
        if !(1..=5).contains(&r.0) {
            self.rep.error(
                &with(path, &path![i 0]),
                format!("{what} rating {}", r.0),
                "a rating from 1 to 5",
            );
        }
        if r.1.trim().is_empty() {
            self.rep.error(
                &with(path, &path![i 1]),
                format!("{what} rating without a reason"),
                "a one-line reason from the sources",
            );
        }
        r.0.clamp(1, 5) as u8
    }

    pub(super) fn share(&mut self, path: &[Step], v: f64, what: &str) -> f64 {
        if !(0.0..=1.0).contains(&v) {
            self.rep
                .error(path, format!("{what} is {v}"), "a share between 0 and 1");
            return v.clamp(0.0, 1.0);
        }
        v
    }
}

/// Folds white space, so a quote may wrap differently from its source.
fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// True if the quote gives the number, with or without thousands separators.
fn quote_has_number(quote: &str, value: u32) -> bool {
    let digits: String = value.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    // Match whole numbers only: "3,000" must not match inside "13,000".
    let numbers: Vec<String> = quote
        .split(|c: char| !(c.is_ascii_digit() || c == ','))
        .map(|s| s.trim_matches(',').to_string())
        .filter(|s| !s.is_empty())
        .collect();
    numbers.iter().any(|n| *n == digits || *n == grouped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_quotes_match_whole_numbers() {
        assert!(quote_has_number("3,000 infantry and cavalry", 3000));
        assert!(quote_has_number("Strength1: 200,000", 200000));
        assert!(!quote_has_number("13,000 men", 3000));
        assert!(!quote_has_number("3,000 infantry", 300));
        assert!(quote_has_number("sent 10000 troops", 10000));
    }
}
