//! A rules file's bytes: parsed or refused with located errors; rules that
//! parse play every shipped scenario's history within the invariants.
#![no_main]

use anxi::game::catalog::{SHIPPED, load_bytes};
use anxi::game::history::playout::history_game;
use anxi::rules::params::Rules;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let rules = match Rules::parse("fuzz.ron", text) {
        Ok(r) => r,
        Err(diags) => {
            assert!(diags.iter().all(|d| d.line >= 1 && d.col >= 1));
            return;
        }
    };
    for (file, text) in SHIPPED {
        let Some(s) = load_bytes(file, text.as_bytes().to_vec(), &rules).scenario else {
            continue;
        };
        let (mut game, _) = history_game(&s, &rules, 1, false);
        for _ in 0..40 {
            let over = game.play_turn(Vec::new()).over;
            game.state().check_invariants().unwrap();
            if over {
                break;
            }
        }
    }
});
