//! A save or replay file's bytes: loaded (snapshot checked against its
//! scenario) or refused with a message, and a loaded game plays on within the invariants.
#![no_main]

use anxi::game::Game;
use anxi::game::record::Record;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(rec) = Record::from_bytes(data) else { return };
    for game in [Game::load(rec.clone()), Game::replay_to(&rec, None)] {
        if let Ok(mut game) = game {
            for _ in 0..5 {
                let over = game.play_turn(Vec::new()).over;
                game.state().check_invariants().unwrap();
                if over {
                    break;
                }
            }
        }
    }
});
