//! Saves and replays. A record holds the scenario (its text and a hash of
//! it), the rules, the seed and the orders given at the start of every
//! turn, with a hash of the state after each turn; a save adds a snapshot of
//! the state, so loading never replays the game. Files are written
//! atomically: a crash or a kill during a save leaves the last good file.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::core::order::Order;
use crate::game::catalog::load_scenario;
use crate::rules::params::Rules;
use crate::rules::state::State;
use crate::scenario::Scenario;
use crate::scenario::model::{ArmyId, SideId};
use crate::scenario::sources::SourceLibrary;

/// Version of the file format; a file of another version is refused with a
/// message. Raised also when the rules' code changes how a recorded game
/// plays out (2: frontage in the field, the general in command, commanders
/// escaping on horseback), so that an older replay is refused by name
/// rather than diverging at some turn.
pub const FORMAT: u32 = 2;

/// 64-bit FNV-1a, as hex: stable across platforms and builds.
pub fn hash_bytes(bytes: &[u8]) -> String {
    let h = bytes.iter().fold(0xcbf29ce484222325u64, |h, b| {
        (h ^ *b as u64).wrapping_mul(0x100000001b3)
    });
    format!("{h:016x}")
}

/// A hash of the whole state, generator included.
pub fn state_hash(st: &State) -> String {
    hash_bytes(serde_json::to_string(st).unwrap_or_default().as_bytes())
}

/// The orders given at the start of one turn, in the order they were given.
pub type TurnOrders = Vec<(ArmyId, Vec<Order>)>;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Record {
    pub format: u32,
    pub scenario_id: String,
    pub scenario_hash: String,
    pub scenario_text: String,
    pub rules_text: String,
    pub seed: u64,
    /// The side a player commands, if any.
    pub player: Option<SideId>,
    /// Orders per turn played, from turn 1.
    pub turns: Vec<TurnOrders>,
    /// Hash of the state after each turn played.
    pub hashes: Vec<String>,
    /// A snapshot of the state at the end of the last turn (saves only).
    pub snapshot: Option<State>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum RecordError {
    Io(String),
    NotARecord(String),
    Version {
        found: u32,
    },
    Scenario(String),
    /// The saved state, or an order in the record, does not fit the scenario.
    BadState(String),
    ModifiedScenario {
        expected: String,
        found: String,
    },
    Diverged {
        turn: u32,
        expected: String,
        found: String,
    },
}

impl std::fmt::Display for RecordError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RecordError::Io(e) => write!(f, "cannot read or write the file: {e}"),
            RecordError::NotARecord(e) => write!(
                f,
                "not a saved game or replay of Anxi (the file may be truncated): {e}"
            ),
            RecordError::Version { found } => write!(
                f,
                "the file is of format version {found}; this version of Anxi reads version {FORMAT}"
            ),
            RecordError::Scenario(e) => {
                write!(f, "the scenario stored in the file does not load: {e}")
            }
            RecordError::BadState(e) => {
                write!(
                    f,
                    "the saved game does not fit its scenario (was it edited?): {e}"
                )
            }
            RecordError::ModifiedScenario { expected, found } => {
                write!(
                    f,
                    "the scenario stored in the file was modified (hash {found}, the file says {expected})"
                )
            }
            RecordError::Diverged {
                turn,
                expected,
                found,
            } => {
                write!(
                    f,
                    "the replay differs from the record at turn {turn}: state hash {found}, recorded {expected}"
                )
            }
        }
    }
}

impl Record {
    /// A new record for a game about to start.
    pub fn new(
        scenario_text: &str,
        rules_text: &str,
        scenario_id: &str,
        seed: u64,
        player: Option<SideId>,
    ) -> Record {
        Record {
            format: FORMAT,
            scenario_id: scenario_id.to_string(),
            scenario_hash: hash_bytes(scenario_text.as_bytes()),
            scenario_text: scenario_text.to_string(),
            rules_text: rules_text.to_string(),
            seed,
            player,
            turns: Vec::new(),
            hashes: Vec::new(),
            snapshot: None,
        }
    }

    /// Notes a turn played: the orders given at its start and the state after it.
    pub fn push_turn(&mut self, orders: TurnOrders, after: &State) {
        self.turns.push(orders);
        self.hashes.push(state_hash(after));
    }

    /// The scenario and rules stored in the record, checked against their hash.
    pub fn scenario(&self) -> Result<(Scenario, Rules), RecordError> {
        let found = hash_bytes(self.scenario_text.as_bytes());
        if found != self.scenario_hash {
            return Err(RecordError::ModifiedScenario {
                expected: self.scenario_hash.clone(),
                found,
            });
        }
        let rules = Rules::parse("rules in the file", &self.rules_text).map_err(|d| {
            RecordError::Scenario(
                d.iter()
                    .map(|x| x.to_string())
                    .collect::<Vec<_>>()
                    .join("; "),
            )
        })?;
        let loaded = load_scenario(
            &format!("{} (in the file)", self.scenario_id),
            &self.scenario_text,
            &SourceLibrary::shipped(),
            &rules,
        );
        match loaded.scenario {
            Some(s) => Ok((s, rules)),
            None => Err(RecordError::Scenario(
                loaded
                    .diagnostics
                    .iter()
                    .filter(|d| d.is_error())
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
                    .join("; "),
            )),
        }
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_default()
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Record, RecordError> {
        // Read the version first, so a file of another version gets that message rather than a parse error.
        #[derive(Deserialize)]
        struct Head {
            format: u32,
        }
        let head: Head =
            serde_json::from_slice(bytes).map_err(|e| RecordError::NotARecord(e.to_string()))?;
        if head.format != FORMAT {
            return Err(RecordError::Version { found: head.format });
        }
        serde_json::from_slice(bytes).map_err(|e| RecordError::NotARecord(e.to_string()))
    }

    pub fn load(path: &Path) -> Result<Record, RecordError> {
        let bytes =
            std::fs::read(path).map_err(|e| RecordError::Io(format!("{}: {e}", path.display())))?;
        Record::from_bytes(&bytes)
    }

    /// Writes the record atomically.
    pub fn save(&self, path: &Path) -> Result<(), RecordError> {
        write_atomic(path, &self.to_bytes())
            .map_err(|e| RecordError::Io(format!("{}: {e}", path.display())))
    }
}

/// Writes a file so that a crash at any moment leaves either the old file or
/// the new one whole: write a temporary file in the same folder, flush it to
/// disk, rename it over the old one, then flush the folder.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("save");
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, path)?;
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Writes an autosave and keeps the newest `keep` in the folder. Files are
/// named by the time they were written (then the turn), so a new game's or
/// a loaded game's autosaves never sort before an older game's.
pub fn autosave(
    dir: &Path,
    record: &Record,
    turn: u32,
    keep: usize,
) -> Result<PathBuf, RecordError> {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    // A sequence number keeps files written in the same instant in order.
    let mut n = 0;
    let mut path = dir.join(format!("autosave-{nanos:020}-{n:03}-turn{turn:03}.json"));
    while path.exists() {
        n += 1;
        path = dir.join(format!("autosave-{nanos:020}-{n:03}-turn{turn:03}.json"));
    }
    record.save(&path)?;
    let mut old: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| RecordError::Io(e.to_string()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("autosave-") && n.ends_with(".json"))
        })
        .collect();
    old.sort();
    while old.len() > keep {
        let p = old.remove(0);
        let _ = std::fs::remove_file(p);
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::catalog::shipped_text;

    fn record_of_history(id: &str, seed: u64) -> Record {
        let rules = Rules::shipped().unwrap();
        let text = shipped_text(id).unwrap();
        let s = load_scenario("x.ron", text, &SourceLibrary::shipped(), &rules)
            .scenario
            .unwrap();
        let game = crate::game::history::playout::playout_recorded(
            &s,
            &rules,
            seed,
            text,
            crate::rules::params::SHIPPED_RULES,
        );
        game.record().unwrap().clone()
    }

    #[test]
    fn a_replay_of_the_historical_line_verifies_and_a_tampered_one_names_its_turn() {
        for id in [
            "644_karasahr",
            "648_karasahr",
            "670_tarim_basin",
            "717_aksu",
        ] {
            let rec = record_of_history(id, 9);
            assert!(!rec.turns.is_empty());
            let back = Record::from_bytes(&rec.to_bytes()).unwrap();
            let game = crate::game::Game::replay_to(&back, None).unwrap();
            assert_eq!(state_hash(game.state()), *rec.hashes.last().unwrap());
            // Drop the orders of the first turn that has any: the replay must diverge there or later.
            let mut bad = rec.clone();
            let t = bad.turns.iter().position(|o| !o.is_empty()).unwrap();
            bad.turns[t].clear();
            match crate::game::Game::replay_to(&bad, None).map(|_| ()) {
                Err(RecordError::Diverged { turn, .. }) => assert!(turn as usize > t),
                other => panic!("expected a divergence, got {other:?}"),
            }
        }
    }

    #[test]
    fn bad_files_get_clear_messages() {
        let rec = record_of_history("644_karasahr", 1);
        let bytes = rec.to_bytes();
        assert!(matches!(
            Record::from_bytes(&bytes[..bytes.len() / 2]),
            Err(RecordError::NotARecord(_))
        ));
        let mut v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        v["format"] = serde_json::json!(99);
        let e = Record::from_bytes(&serde_json::to_vec(&v).unwrap()).unwrap_err();
        assert_eq!(e, RecordError::Version { found: 99 });
        assert!(e.to_string().contains("version 99"));
        let mut modified = rec.clone();
        modified.scenario_text = modified
            .scenario_text
            .replace("3,000 infantry", "3,000 infantry ");
        assert!(matches!(
            modified.scenario(),
            Err(RecordError::ModifiedScenario { .. })
        ));
    }

    #[test]
    fn autosaves_keep_the_newest_few() {
        let dir = std::env::temp_dir().join(format!("anxi-autosave-{}", std::process::id()));
        let rec = record_of_history("648_karasahr", 1);
        // Turns out of order, as after loading an older save: the newest written stay.
        let mut written = Vec::new();
        for turn in [7, 8, 9, 2, 3, 4] {
            written.push(autosave(&dir, &rec, turn, 3).unwrap());
        }
        let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        names.sort();
        assert_eq!(names, written[3..].to_vec());
        std::fs::remove_dir_all(&dir).ok();
    }
}
