//! The source texts figures are quoted from: those shipped with the game,
//! and any found in a `sources/` folder beside a modder's scenario.

use std::collections::HashMap;
use std::path::Path;

/// The largest source text read from a mod's folder, in bytes.
pub const MAX_SOURCE_BYTES: u64 = 8 * 1024 * 1024;

/// Source texts by file name.
#[derive(Debug, Clone, Default)]
pub struct SourceLibrary {
    texts: HashMap<String, String>,
}

/// The shipped texts and notes: every `.txt` and `.md` of `sources/` in
/// name order (listed by `build.rs`).
const SHIPPED: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/shipped_sources.rs"));

impl SourceLibrary {
    /// The texts shipped with the game.
    pub fn shipped() -> Self {
        let mut lib = SourceLibrary::default();
        for (name, text) in SHIPPED.iter().copied() {
            lib.texts.insert(name.to_string(), text.to_string());
        }
        lib
    }

    /// Adds the files of a folder (if it exists); texts shipped with the game
    /// keep precedence. Only regular files of at most `MAX_SOURCE_BYTES` are
    /// read: a FIFO, a device or a huge file in a mod's folder is passed over.
    pub fn add_folder(&mut self, dir: &Path) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let readable =
                std::fs::metadata(&path).is_ok_and(|m| m.is_file() && m.len() <= MAX_SOURCE_BYTES);
            if !readable {
                continue;
            }
            if let (Some(name), Ok(text)) = (
                path.file_name().and_then(|n| n.to_str()),
                std::fs::read_to_string(&path),
            ) {
                // A shipped text is never replaced: a stray file cannot change what shipped quotes are checked against.
                self.texts.entry(name.to_string()).or_insert(text);
            }
        }
    }

    pub fn text(&self, file: &str) -> Option<&str> {
        self.texts.get(file).map(String::as_str)
    }
}
