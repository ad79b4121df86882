//! Finding scenarios: those shipped with the game (embedded in the
//! binary, so it runs from any folder), and files or folders a player gives,
//! which add to them or override one with the same id.

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Severity};
use crate::rules::params::Rules;
use crate::scenario::model::Scenario;
use crate::scenario::sources::SourceLibrary;
use crate::scenario::validate::{Loaded, load_str};

/// The shipped scenario files: (file name, text), every `.ron` of
/// `scenarios/` in name order (listed by `build.rs`).
pub const SHIPPED: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/shipped_scenarios.rs"));

/// The text of the shipped scenario `scenarios/{id}.ron`.
pub fn shipped_text(id: &str) -> Option<&'static str> {
    let file = format!("scenarios/{id}.ron");
    SHIPPED.iter().find(|(f, _)| *f == file).map(|(_, t)| *t)
}

/// Parses and validates a scenario text and lays its roads with the rules:
/// the one way the game, the tools and the tests load a scenario.
pub fn load_scenario(file: &str, text: &str, sources: &SourceLibrary, rules: &Rules) -> Loaded {
    let mut loaded = load_str(file, text, sources);
    if let Some(s) = loaded.scenario.as_mut() {
        rules.lay_roads(s);
    }
    loaded
}

/// One scenario file, read and checked.
pub struct Entry {
    pub file: String,
    pub text: String,
    pub scenario: Option<Scenario>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Entry {
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }
}

/// Loads one scenario text. Source texts are looked up among the shipped
/// ones and in a `sources/` folder beside the file or one level up.
pub fn load_text(file: &str, text: String, rules: &Rules) -> Entry {
    let mut sources = SourceLibrary::shipped();
    if let Some(dir) = Path::new(file).parent() {
        sources.add_folder(&dir.join("sources"));
        if let Some(up) = dir.parent() {
            sources.add_folder(&up.join("sources"));
        }
    }
    let loaded = load_scenario(file, &text, &sources, rules);
    Entry {
        file: file.to_string(),
        text,
        scenario: loaded.scenario,
        diagnostics: loaded.diagnostics,
    }
}

/// An embedded scenario: it quotes only the embedded source texts, wherever the game runs from.
fn load_shipped(file: &str, text: &str, rules: &Rules) -> Entry {
    let loaded = load_scenario(file, text, &SourceLibrary::shipped(), rules);
    Entry {
        file: file.to_string(),
        text: text.to_string(),
        scenario: loaded.scenario,
        diagnostics: loaded.diagnostics,
    }
}

/// Reads an entry again (after its file or the rules changed): a shipped
/// scenario from the binary unless a file on disk stands for it.
pub fn reload(e: &Entry, rules: &Rules) -> Entry {
    let path = Path::new(&e.file);
    match SHIPPED.iter().find(|(f, _)| *f == e.file) {
        Some((file, text)) if !path.exists() => load_shipped(file, text, rules),
        _ => load_file(path, rules),
    }
}

/// The shipped scenarios, checked.
pub fn shipped(rules: &Rules) -> Vec<Entry> {
    SHIPPED
        .iter()
        .map(|(file, text)| load_shipped(file, text, rules))
        .collect()
}

/// Scenario files named on the command line: files, or folders searched for `.ron` files.
pub fn files_in(paths: &[PathBuf]) -> Vec<Result<PathBuf, Diagnostic>> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found: Vec<PathBuf> = match std::fs::read_dir(p) {
                Ok(rd) => rd
                    .flatten()
                    .map(|e| e.path())
                    .filter(|f| f.extension().is_some_and(|x| x == "ron"))
                    .collect(),
                Err(e) => {
                    out.push(Err(io_diagnostic(p, &e.to_string())));
                    continue;
                }
            };
            found.sort();
            out.extend(found.into_iter().map(Ok));
        } else if p.exists() {
            out.push(Ok(p.clone()));
        } else {
            out.push(Err(io_diagnostic(p, "no such file or folder")));
        }
    }
    out
}

fn io_diagnostic(p: &Path, why: &str) -> Diagnostic {
    Diagnostic {
        severity: Severity::Error,
        file: p.display().to_string(),
        line: 1,
        col: 1,
        span: (0, 0),
        message: format!("cannot read: {why}"),
        expected: "a scenario file or a folder of them".to_string(),
        help: None,
    }
}

/// The largest scenario file read, in bytes; the shipped ones are under 100 KB.
pub const MAX_SCENARIO_BYTES: u64 = 4 * 1024 * 1024;

/// Loads a file from disk. Only a regular file under `MAX_SCENARIO_BYTES` is
/// read (a FIFO or a device would hang the reader, a huge file fill memory);
/// a file that is not UTF-8 is reported at the line and column of its first
/// bad byte.
pub fn load_file(path: &Path, rules: &Rules) -> Entry {
    let file = path.display().to_string();
    let refused = |d: Diagnostic, text: String| Entry {
        file: file.clone(),
        text,
        scenario: None,
        diagnostics: vec![d],
    };
    match std::fs::metadata(path) {
        Ok(m) if !m.is_file() => {
            return refused(io_diagnostic(path, "not a regular file"), String::new());
        }
        Ok(m) if m.len() > MAX_SCENARIO_BYTES => {
            let why = format!(
                "the file is {} bytes; a scenario file is at most {MAX_SCENARIO_BYTES}",
                m.len()
            );
            return refused(io_diagnostic(path, &why), String::new());
        }
        _ => {}
    }
    match std::fs::read(path) {
        Ok(bytes) => load_bytes(&file, bytes, rules),
        Err(e) => refused(io_diagnostic(path, &e.to_string()), String::new()),
    }
}

/// Loads a scenario file's bytes; a file that is not UTF-8 is reported at
/// the line and column of its first bad byte.
pub fn load_bytes(file: &str, bytes: Vec<u8>, rules: &Rules) -> Entry {
    match String::from_utf8(bytes) {
        Ok(text) => load_text(file, text, rules),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            // The text up to the bad byte is valid, so the lossy text has the same lines there.
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let mut d = io_diagnostic(Path::new(file), "the file is not UTF-8 text");
            d.expected = "UTF-8 text".into();
            d.span = (at, at + 1);
            (d.line, d.col) = crate::diagnostics::locate::line_col(&text, at);
            Entry {
                file: file.to_string(),
                text,
                scenario: None,
                diagnostics: vec![d],
            }
        }
    }
}

/// The shipped scenario whose id is `id`, loaded against `rules`; None when
/// no shipped file has that id or it does not load.
pub fn shipped_scenario(rules: &Rules, id: &str) -> Option<Scenario> {
    shipped(rules)
        .into_iter()
        .filter_map(|e| e.scenario)
        .find(|s| s.id == id)
}

/// The shipped scenarios with the files from `extra` added; a file whose
/// scenario has the id of a shipped one replaces it.
pub fn catalog(extra: &[PathBuf], rules: &Rules) -> Vec<Entry> {
    let mut entries = shipped(rules);
    for f in files_in(extra) {
        let entry = match f {
            Ok(p) => load_file(&p, rules),
            Err(d) => Entry {
                file: d.file.clone(),
                text: String::new(),
                scenario: None,
                diagnostics: vec![d],
            },
        };
        let id = entry.scenario.as_ref().map(|s| s.id.clone());
        match id.and_then(|id| {
            entries
                .iter()
                .position(|e| e.scenario.as_ref().is_some_and(|s| s.id == id))
        }) {
            Some(i) => entries[i] = entry,
            None => entries.push(entry),
        }
    }
    entries
}

/// The file name and text of a scenario named by shipped id or path.
pub fn source_of(name: &str) -> Option<(String, String)> {
    let path = Path::new(name);
    if path.exists() {
        return std::fs::read_to_string(path)
            .ok()
            .map(|t| (name.to_string(), t));
    }
    SHIPPED
        .iter()
        .find(|(f, _)| Path::new(f).file_stem().and_then(|s| s.to_str()) == Some(name))
        .map(|(f, t)| (f.to_string(), t.to_string()))
}

/// Finds a scenario by shipped id (`644_karasahr`) or by path.
pub fn find(name: &str, rules: &Rules) -> Result<Scenario, Vec<(Diagnostic, String)>> {
    let path = Path::new(name);
    let entry = if path.exists() {
        load_file(path, rules)
    } else if let Some((file, text)) = SHIPPED
        .iter()
        .find(|(f, _)| Path::new(f).file_stem().and_then(|s| s.to_str()) == Some(name))
    {
        load_shipped(file, text, rules)
    } else {
        let known: Vec<&str> = SHIPPED
            .iter()
            .filter_map(|(f, _)| Path::new(f).file_stem().and_then(|s| s.to_str()))
            .collect();
        let d = Diagnostic {
            severity: Severity::Error,
            file: name.to_string(),
            line: 1,
            col: 1,
            span: (0, 0),
            message: format!("no scenario file or shipped scenario named `{name}`"),
            expected: format!("a path or one of {}", known.join(", ")),
            help: crate::diagnostics::did_you_mean(name, known.iter().copied()),
        };
        return Err(vec![(d, String::new())]);
    };
    match entry.scenario {
        Some(s) => Ok(s),
        None => Err(entry
            .diagnostics
            .into_iter()
            .map(|d| (d, entry.text.clone()))
            .collect()),
    }
}
