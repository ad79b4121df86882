//! `anxi replay FILE --verify`: plays a replay (or a save) headless and
//! checks that every turn ends in the state the record says.

use std::io::Write;
use std::path::Path;

use crate::game::Game;
use crate::game::record::{Record, state_hash};

/// Returns the exit code: 0 when the replay matches, 1 when it differs, 2 when the file cannot be used.
pub fn run(path: &Path, verify: bool, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let rec = match Record::load(path) {
        Ok(r) => r,
        Err(e) => {
            let _ = writeln!(err, "error: {}: {e}", path.display());
            return 2;
        }
    };
    let _ = writeln!(
        out,
        "{}: scenario {} (hash {}), seed {}, {} turn(s)",
        path.display(),
        rec.scenario_id,
        rec.scenario_hash,
        rec.seed,
        rec.turns.len()
    );
    if verify && rec.hashes.len() != rec.turns.len() {
        let _ = writeln!(
            err,
            "error: {}: the record has {} turn(s) but {} state hash(es): nothing to verify against",
            path.display(),
            rec.turns.len(),
            rec.hashes.len()
        );
        return 1;
    }
    match Game::replay_to(&rec, None) {
        Ok(game) => {
            let hash = state_hash(game.state());
            if verify && rec.hashes.last().is_some_and(|h| *h != hash) {
                let _ = writeln!(
                    err,
                    "error: final state hash {hash} differs from the recorded {}",
                    rec.hashes.last().cloned().unwrap_or_default()
                );
                return 1;
            }
            let _ = writeln!(
                out,
                "replayed {} turn(s); final state hash {hash}{}",
                rec.turns.len(),
                if verify { " matches the record" } else { "" }
            );
            0
        }
        Err(e @ crate::game::record::RecordError::Diverged { .. }) => {
            let _ = writeln!(err, "error: {e}");
            1
        }
        Err(e) => {
            let _ = writeln!(err, "error: {}: {e}", path.display());
            2
        }
    }
}
