//! What the desktop game tells and does for the player beyond the orders:
//! the title screen's words for a campaign (its length, sides and victory
//! conditions), and ending turns until something happens, by the message
//! and by Shift+Space, stopping where the rules' turn says so.

#![cfg(feature = "desktop")]

mod desktop_app;

use bevy::prelude::*;

use anxi::desktop::Session;
use anxi::desktop::lull::{EndTurnsUntil, Lull};
use anxi::desktop::stakes::{length_text, title_lines};
use anxi::game::catalog::{shipped, shipped_scenario};
use anxi::game::lull::MAX_TURNS;
use anxi::rules::params::Rules;

use desktop_app::*;

/// Every shipped campaign's title-screen words hold its length in turns,
/// days and dates, every side's victory conditions in the scenario's own
/// words, and the side it is meant to be played as.
#[test]
fn the_title_screen_tells_each_campaigns_length_sides_and_conditions() {
    let rules = Rules::shipped().unwrap();
    let mut meant = 0;
    for e in shipped(&rules) {
        let s = e.scenario.unwrap();
        let text = title_lines(&s).join("\n");
        let length = length_text(&s);
        assert!(text.contains(&length), "{}: {text}", s.id);
        let (limit, days) = (s.turns.limit, s.turns.days_per_turn);
        assert!(
            length.starts_with(&format!(
                "{limit} turn{} of {days} day{}",
                if limit == 1 { "" } else { "s" },
                if days == 1 { "" } else { "s" }
            )),
            "{length}"
        );
        assert!(
            length.contains(&format!("({} days)", limit * days)),
            "{length}"
        );
        assert!(length.contains(&s.turns.start.to_string()), "{length}");
        let last = s.turns.start.plus_days(i64::from(limit * days) - 1);
        assert!(length.ends_with(&last.to_string()), "{length}");
        for v in &s.victory {
            assert!(
                text.contains(v.description.trim_end_matches('.')),
                "{}: {} missing from\n{text}",
                s.id,
                v.description
            );
        }
        for side in &s.sides {
            assert!(
                text.contains(&format!("Victory for {}:", side.name)),
                "{text}"
            );
        }
        match s.sides.iter().find(|x| x.player_default) {
            Some(x) => {
                meant += 1;
                assert!(
                    text.contains(&format!("Meant to be played as {}", x.name)),
                    "{text}"
                );
            }
            None => assert!(text.contains("Either side can be played"), "{text}"),
        }
        assert!(text.contains("draw"), "{text}");
        // Words for the player: no ids of the file.
        for v in &s.victory {
            let id = &s.sides[v.side.index()].id;
            assert!(!text.contains(id.as_str()), "{}: the id {id} shown", s.id);
        }
    }
    assert!(meant > 0, "some campaign names the side to play");
    // 717 in particular: Tang's 20 turns, the two oasis cities.
    let s = shipped_scenario(&rules, "717_aksu").unwrap();
    let text = title_lines(&s).join("\n");
    assert!(
        text.contains("Aksu and Uqturpan are both in Tang hands"),
        "{text}"
    );
    assert!(text.contains("judged when the last turn ends"), "{text}");
}

/// Updates until the run of turns is over, and returns how many turns it played.
fn run_out(app: &mut App) -> u32 {
    let first = turn(app);
    let start = std::time::Instant::now();
    app.update();
    while app.world().resource::<Lull>().running() {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(900),
            "the run of turns did not stop"
        );
        std::thread::sleep(std::time::Duration::from_millis(2));
        app.update();
    }
    turn(app) - first
}

/// The run stops after a turn with something in it, or the cap, and says
/// why in the notice; the turns it went on through held nothing to stop for.
#[test]
fn ending_turns_until_something_happens_stops_and_says_why() {
    let mut app = app();
    start(&mut app, "717_aksu", 0);
    let mut runs = 0;
    while screen(&app) == anxi::desktop::Screen::Playing && runs < 8 {
        app.world_mut().write_message(EndTurnsUntil);
        let played = run_out(&mut app);
        runs += 1;
        assert!(played >= 1 && played <= MAX_TURNS, "played {played}");
        let session = app.world().resource::<Session>();
        let notice = session.notice.clone().unwrap_or_default();
        eprintln!("turn {}: {notice}", session.game.state().turn);
        let turns = if played == 1 { "turn" } else { "turns" };
        assert!(
            notice.starts_with(&format!("Ended {played} {turns}: stopped because ")),
            "{notice}"
        );
        // The reason stays in the log, not only in the top bar.
        assert_eq!(session.log.last().map(|l| &l.text), Some(&notice));
        if played == MAX_TURNS {
            assert!(notice.contains("as many turns"), "{notice}");
        }
        if session.game.is_over() {
            assert!(notice.ends_with("the campaign is over"), "{notice}");
        }
    }
    assert!(runs > 1, "717 has more than one thing happen");
    // Shift+Space starts a run too, even when Shift goes down and up
    // within the one frame, as a quick press can.
    let mut app = desktop_app::app();
    start(&mut app, "717_aksu", 0);
    keys(
        &mut app,
        &[
            (KeyCode::ShiftLeft, true),
            (KeyCode::Space, true),
            (KeyCode::Space, false),
            (KeyCode::ShiftLeft, false),
        ],
    );
    assert!(
        app.world().resource::<Lull>().running(),
        "Shift+Space started the run"
    );
    let played = run_out(&mut app);
    assert!(played >= 1);
    // Pressed again while it runs, it stops the run after the turn under way.
    app.world_mut().write_message(EndTurnsUntil);
    app.update();
    assert!(app.world().resource::<Lull>().running());
    app.world_mut().write_message(EndTurnsUntil);
    let before = turn(&app);
    let played = run_out(&mut app);
    assert!(
        played <= 1,
        "stopped at once: {played} turn(s) from {before}"
    );
    let notice = app.world().resource::<Session>().notice.clone();
    assert_eq!(notice.as_deref(), Some("Stopped ending turns"));
}

/// Key presses and releases, all in one frame.
fn keys(app: &mut App, events: &[(KeyCode, bool)]) {
    use bevy::input::ButtonState;
    use bevy::input::keyboard::{Key, KeyboardInput};
    for (key, down) in events {
        app.world_mut().write_message(KeyboardInput {
            key_code: *key,
            logical_key: Key::Unidentified(bevy::input::keyboard::NativeKey::Unidentified),
            state: if *down {
                ButtonState::Pressed
            } else {
                ButtonState::Released
            },
            text: None,
            repeat: false,
            window: Entity::PLACEHOLDER,
        });
    }
    app.update();
}

/// Played to its last turn, a campaign's log tells its end under that last
/// turn: no turn past the limit appears in the log.
#[test]
fn the_log_never_shows_a_turn_past_the_last() {
    let mut app = app();
    start(&mut app, "731_defile", 0);
    let limit = app
        .world()
        .resource::<Session>()
        .game
        .scenario()
        .turns
        .limit;
    let mut turns = 0;
    while screen(&app) == anxi::desktop::Screen::Playing && turns < 40 {
        end_turn(&mut app);
        turns += 1;
    }
    let session = app.world().resource::<Session>();
    assert!(
        session.game.is_over(),
        "the campaign ended after {turns} turns"
    );
    let past = format!("turn {}", limit + 1);
    for l in &session.log {
        assert!(l.turn <= limit, "{} at turn {}", l.text, l.turn);
        assert!(!l.text.contains(&past), "{}", l.text);
    }
}
