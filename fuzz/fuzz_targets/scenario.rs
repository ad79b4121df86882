//! A scenario file's bytes: loaded into a model or refused with located
//! errors, never a panic; whatever loads plays its history within the invariants.
#![no_main]

use anxi::game::catalog::load_bytes;
use anxi::game::history::playout::history_game;
use anxi::rules::params::Rules;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(rules) = Rules::shipped() else { return };
    let entry = load_bytes("fuzz.ron", data.to_vec(), &rules);
    for d in &entry.diagnostics {
        assert!(d.line >= 1 && d.col >= 1, "{d}");
    }
    if let Some(s) = &entry.scenario {
        let (mut game, _) = history_game(s, &rules, 1, false);
        for _ in 0..40 {
            let over = game.play_turn(Vec::new()).over;
            game.state().check_invariants().unwrap();
            if over {
                break;
            }
        }
    } else {
        assert!(entry.diagnostics.iter().any(|d| d.is_error()));
    }
});
