//! The desktop game's screens, menus and panels in a headless app: quitting
//! to the title leaves nothing of a game behind, keys do nothing under a
//! menu, Tab cycles the player's armies, the log is typed, the computer's
//! level reaches the game, and the odds and the stakes shown are the rules' own.

#![cfg(feature = "desktop")]

mod desktop_app;
/// The map's layout and camera.
#[path = "desktop_app/map.rs"]
mod map;
/// The last turn's marches and battles on the map, and the view on a resize.
#[path = "desktop_app/marches.rs"]
mod marches;

use bevy::prelude::*;

use anxi::core::order::Order;
use anxi::desktop::orders::{EndTurn, GiveOrders};
use anxi::desktop::session::StartGame;
use anxi::desktop::{Screen, Session};
use anxi::game::Game;
use anxi::game::ai::Level;
use anxi::game::catalog::shipped;
use anxi::rules::params::Rules;
use anxi::scenario::model::{ArmyId, SideId};

use desktop_app::*;

/// The crash of issue 8: quitting to the title from the pause menu, and from
/// the end screen, removed the session in the middle of the map's systems.
/// Now it goes as the game's state is left, and nothing that reads it runs.
#[test]
fn quitting_to_the_title_from_the_menu_and_the_end_screen_leaves_no_game_behind() {
    use anxi::desktop::Menu;
    use anxi::desktop::session::QuitToTitle;
    let mut app = app();
    start(&mut app, "717_aksu", 0);
    assert_eq!(menu(&app), Some(Menu::None));
    tap(&mut app, KeyCode::Escape);
    assert_eq!(menu(&app), Some(Menu::Pause));
    app.world_mut().write_message(QuitToTitle);
    app.update();
    app.update();
    nothing_of_a_game_left(&mut app);
    // Another campaign, played to its end, then back to the title.
    start(&mut app, "644_karasahr", 0);
    assert_eq!(screen(&app), Screen::Playing);
    check_mirror(&mut app);
    let limit = app
        .world()
        .resource::<Session>()
        .game
        .scenario()
        .turns
        .limit;
    for _ in 0..=limit {
        if screen(&app) == Screen::Ended {
            break;
        }
        end_turn(&mut app);
    }
    assert_eq!(screen(&app), Screen::Ended);
    // Leave before the playouts are done: they go with the screen.
    app.world_mut().write_message(QuitToTitle);
    app.update();
    app.update();
    nothing_of_a_game_left(&mut app);
    // And the title starts a game again.
    start(&mut app, "717_aksu", 0);
    assert_eq!(screen(&app), Screen::Playing);
    check_mirror(&mut app);
}

#[test]
fn space_ends_the_turn_only_when_no_menu_is_open() {
    use anxi::desktop::Menu;
    let mut app = app();
    start(&mut app, "717_aksu", 0);
    assert_eq!(turn(&app), 1);
    tap(&mut app, KeyCode::Escape);
    assert_eq!(menu(&app), Some(Menu::Pause));
    tap(&mut app, KeyCode::Space);
    wait_for_turn(&mut app);
    assert_eq!(turn(&app), 1, "Space ended the turn under the menu");
    tap(&mut app, KeyCode::Escape);
    assert_eq!(menu(&app), Some(Menu::None));
    tap(&mut app, KeyCode::Space);
    wait_for_turn(&mut app);
    assert_eq!(turn(&app), 2);
}

#[test]
fn tab_cycles_through_the_players_armies_every_time() {
    let mut app = app();
    start(&mut app, "717_aksu", 0);
    let mine = app.world().resource::<Session>().my_armies();
    assert!(mine.len() > 1);
    for round in 0..2 {
        for a in &mine {
            tap(&mut app, KeyCode::Tab);
            assert_eq!(
                app.world().resource::<Session>().selected,
                Some(*a),
                "round {round}"
            );
        }
    }
}

#[test]
fn restarting_goes_through_the_title_and_begins_the_campaign_again() {
    use anxi::desktop::session::Restart;
    let mut app = app();
    start(&mut app, "717_aksu", 0);
    for _ in 0..2 {
        end_turn(&mut app);
    }
    assert_eq!(turn(&app), 3);
    app.world_mut().write_message(Restart);
    for _ in 0..4 {
        app.update();
    }
    assert_eq!(screen(&app), Screen::Playing);
    assert_eq!(turn(&app), 1);
    check_mirror(&mut app);
}

#[test]
fn the_log_is_typed_and_leaves_out_the_daily_march() {
    use anxi::desktop::journal::LogKind;
    let mut app = app();
    start(&mut app, "717_aksu", 0);
    for _ in 0..3 {
        end_turn(&mut app);
    }
    let session = app.world().resource::<Session>();
    assert!(session.log.iter().any(|l| l.kind == LogKind::Turn));
    assert!(!session.log.iter().any(|l| l.text.contains(" marches to ")));
}

/// The level chosen on the title screen reaches the game: the turn is
/// played in the background at that level (orders wait meanwhile), and it
/// comes out as the same turn played headless at that level.
#[test]
fn the_computers_level_reaches_the_game_and_its_turn_is_played_as_a_task() {
    use anxi::game::Player;
    use anxi::game::record::state_hash;
    let mut app = app();
    let entry = entry_of(&app, "717_aksu");
    app.world_mut().write_message(StartGame {
        entry,
        side: SideId(0),
        seed: 5,
        level: Level::Normal,
    });
    app.update();
    app.update();
    assert_eq!(screen(&app), Screen::Playing);
    let (scenario, rules, jiahui, aksu) = {
        let session = app.world().resource::<Session>();
        assert_eq!(session.level, Level::Normal);
        let s = session.game.scenario().clone();
        let (j, a) = (s.army("jiahui_army").unwrap(), s.region("aksu").unwrap());
        (s, session.game.rules().clone(), j, a)
    };
    app.world_mut().write_message(EndTurn);
    app.update();
    assert!(
        app.world().resource::<Session>().is_thinking(),
        "the turn is played in the background"
    );
    // An order given while the computer thinks waits: it is refused.
    app.world_mut().write_message(GiveOrders {
        army: jiahui,
        orders: vec![Order::March {
            to: aksu,
            via: vec![],
        }],
    });
    app.update();
    {
        let session = app.world().resource::<Session>();
        if session.is_thinking() {
            assert!(session.pending.is_empty());
            assert!(session.refusal.as_deref().unwrap_or("").contains("wait"));
        }
    }
    wait_for_turn(&mut app);
    assert_eq!(turn(&app), 2);
    let (game, _) = Game::new(
        std::borrow::Cow::Owned(scenario),
        std::borrow::Cow::Owned(rules),
        5,
        vec![Player::Human, Player::Computer],
        true,
    );
    let mut game = game.with_levels(vec![Level::Easy, Level::Normal]);
    game.play_turn(Default::default());
    assert_eq!(
        state_hash(app.world().resource::<Session>().game.state()),
        state_hash(game.state())
    );
}

/// The odds shown beside an assault and an attack are the rules' forecast
/// of that battle from the state as the army's side sees it: never for an
/// enemy out of sight, the summary in words, long odds warned of; the
/// forecasts kept for the panels are the same as made afresh.
#[test]
fn the_odds_beside_an_assault_and_an_attack_are_the_rules_forecast() {
    use anxi::desktop::odds;
    use anxi::game::fog;
    use anxi::rules::forecast::{Plan, RUNS, forecast};
    use anxi::scenario::raw::Timing;
    let rules = Rules::shipped().unwrap();
    let (mut assaults, mut attacks, mut long) = (0, 0, 0);
    for e in shipped(&rules) {
        let s = e.scenario.unwrap();
        let players = vec![anxi::game::Player::Human; s.sides.len()];
        let (game, _) = Game::new(
            std::borrow::Cow::Owned(s),
            std::borrow::Cow::Borrowed(&rules),
            5,
            players,
            false,
        );
        let (s, st) = (game.scenario(), game.state());
        let kept = odds::Kept::default();
        for i in 0..st.armies.len() {
            let a = ArmyId(i as u16);
            if !st.army(a).active() {
                continue;
            }
            let side = s.side_of(st.army(a).faction);
            let seen = fog::as_seen_by(s, &rules, st, side);
            let plan = Plan::Assault {
                timing: Timing::Dawn,
            };
            let shown = odds::forecast_for(s, &rules, st, side, a, plan);
            assert_eq!(shown, forecast(s, &rules, &seen, a, plan, RUNS));
            if let Some(f) = shown {
                let text = odds::summary(&f);
                assert!(text.starts_with("carry the walls "), "{text}");
                assaults += 1;
            }
            for j in 0..st.armies.len() {
                let b = ArmyId(j as u16);
                let plan = Plan::Attack {
                    target: b,
                    timing: Timing::Dawn,
                };
                let shown = kept.get(s, &rules, st, side, a, plan);
                assert_eq!(shown, odds::forecast_for(s, &rules, st, side, a, plan));
                let Some(f) = shown else { continue };
                assert!(
                    fog::sees(s, &rules, st, side, b)
                        && s.hostile(st.army(a).faction, st.army(b).faction),
                    "only for enemies in sight"
                );
                assert!(
                    f.defenders
                        .iter()
                        .all(|d| fog::sees(s, &rules, st, side, *d))
                );
                assert_eq!(f.runs, RUNS);
                let text = odds::summary(&f);
                // An attack on an army behind its walls is a storm of them.
                let lead = match f.kind {
                    anxi::rules::event::BattleKind::Assault => "carry the walls ",
                    _ => "win ",
                };
                assert!(
                    text.starts_with(lead) && text.contains("lose about"),
                    "{text}"
                );
                let lines = odds::details(s, &f);
                assert!(
                    lines.iter().any(|l| l.starts_with("Your losses: ")),
                    "{lines:?}"
                );
                assert!(!lines.join(" ").contains("_army"), "no ids: {lines:?}");
                assert_eq!(odds::warning(&f).is_some(), (f.win * 100.0).round() < 30.0);
                long += usize::from(odds::long(&f));
                attacks += 1;
            }
        }
    }
    assert!(
        attacks > 0 && long > 0,
        "attacks {attacks}, long odds {long}"
    );
    eprintln!("assaults with odds in the openings: {assaults}");
}

/// The stakes in view: every side's victory conditions, in the scenario's
/// words, with whether each holds now, and the turn limit.
#[test]
fn the_victory_conditions_are_listed_with_whether_they_hold() {
    use anxi::desktop::stakes::{FAILS, HOLDS, stake_text, stakes, turns_text};
    use anxi::rules::conditions::holds;
    let mut app = app();
    start(&mut app, "717_aksu", 0);
    end_turn(&mut app);
    let session = app.world().resource::<Session>();
    let (s, st) = (session.game.scenario(), session.game.state());
    let shown = stakes(s, st);
    assert!(!shown.is_empty());
    assert_eq!(shown.len(), s.victory.len());
    for (k, v) in shown.iter().zip(&s.victory) {
        assert_eq!(k.description, v.description);
        assert_eq!(k.side, v.side.index());
        assert_eq!(k.holds, holds(st, &v.when));
        let text = stake_text(k);
        assert!(text.contains(v.description.trim_end_matches('.')));
        assert!(text.starts_with(if k.holds { HOLDS } else { FAILS }));
    }
    let turns = turns_text(s, st);
    assert!(turns.contains(&s.turns.limit.to_string()), "{turns}");
    let left = s.turns.limit + 1 - st.turn;
    let noun = if left == 1 { "turn" } else { "turns" };
    assert!(turns.contains(&format!("{left} {noun} left")), "{turns}");
    let per_turn = if s.turns.days_per_turn == 1 {
        "1 day a turn".to_string()
    } else {
        format!("{} days a turn", s.turns.days_per_turn)
    };
    assert!(turns.contains(&per_turn), "{turns}");
}

/// The scenario's message at the start of 717 is in the log, in its own
/// words, and not the designer's description of the event.
#[test]
fn the_scenarios_message_is_told_in_the_log() {
    use anxi::desktop::journal::LogKind;
    let mut app = app();
    start(&mut app, "717_aksu", 0);
    let log = shown_log(&app);
    let told = log
        .iter()
        .find(|(k, _)| *k == LogKind::Message)
        .expect("a message");
    assert!(
        told.1.starts_with("Two years ago Zhang Xiaosong"),
        "{told:?}"
    );
    assert!(
        !log.iter().any(|(_, t)| t.contains("told at the start")),
        "{log:?}"
    );
}

/// "Show everything" (the V key) lifts the fog and brings it back; the
/// replay viewer shows every army and the events and orders of each turn.
#[test]
fn show_everything_and_the_replay_viewer_lift_the_fog() {
    use anxi::desktop::journal::LogKind;
    use anxi::desktop::saves::ViewTurn;
    use anxi::rules::state::Position;
    let mut app = app();
    start(&mut app, "717_aksu", 0);
    let umayyads = army(&app, "umayyad_army");
    load_edited(&mut app, |s, st| {
        st.armies[umayyads.index()].pos = Position::At(s.region("kashgar").unwrap());
    });
    assert!(!mirrored_ids(&mut app).contains(&umayyads));
    tap(&mut app, KeyCode::KeyV);
    assert!(app.world().resource::<Session>().show_all);
    assert!(mirrored_ids(&mut app).contains(&umayyads));
    check_mirror(&mut app);
    tap(&mut app, KeyCode::KeyV);
    assert!(!mirrored_ids(&mut app).contains(&umayyads));
    // The viewer, on a game played from its opening.
    let mut app = desktop_app::app();
    start(&mut app, "717_aksu", 0);
    for _ in 0..3 {
        end_turn(&mut app);
    }
    app.world_mut().write_message(ViewTurn(2));
    app.update();
    app.update();
    let (viewing, active) = {
        let session = app.world().resource::<Session>();
        let st = session.game.state();
        (
            session.viewing,
            st.armies.iter().filter(|a| a.active()).count(),
        )
    };
    assert_eq!(viewing, Some(2));
    assert_eq!(
        mirrored_ids(&mut app).len(),
        active,
        "every army in the viewer"
    );
    let log = shown_log(&app);
    let turns: Vec<&String> = log
        .iter()
        .filter(|(k, _)| *k == LogKind::Turn)
        .map(|(_, t)| t)
        .collect();
    assert!(turns.len() >= 3, "turns 1 to 3 begin: {turns:?}");
    assert!(log.iter().any(|(k, _)| *k == LogKind::Orders), "{log:?}");
    assert!(log.iter().any(|(k, _)| *k == LogKind::Message), "{log:?}");
}

/// The words the inspector shows: a siege with the days its stores last,
/// hunger coming, a march held on the road and by whom, and the warning
/// before an order that takes the last army out of a city to be held.
#[test]
fn the_inspector_puts_sieges_hunger_blocks_and_stakes_in_words() {
    use anxi::desktop::hud::advice::{army_notes, order_warnings};
    use anxi::rules::state::Position;
    let mut app = app();
    start(&mut app, "717_aksu", 0);
    let (umayyads, tibet, garrison, jiahui) = (
        army(&app, "umayyad_army"),
        army(&app, "tibet_contingent"),
        army(&app, "aksu_garrison"),
        army(&app, "jiahui_army"),
    );
    let (kucha, aksu) = {
        let s = app.world().resource::<Session>().game.scenario();
        (s.region("kucha").unwrap(), s.region("aksu").unwrap())
    };
    let road = {
        let s = app.world().resource::<Session>().game.scenario();
        *s.regions[kucha.index()]
            .routes
            .iter()
            .find(|r| s.routes[r.index()].other(kucha) == aksu)
            .unwrap()
    };
    let on_road = Position::Road {
        route: road,
        from: kucha,
        km: 120.0,
    };
    load_edited(&mut app, |_, st| {
        st.regions[aksu.index()].besieged_by = Some(umayyads);
        let men = st.armies[garrison.index()].strength() as f64;
        st.regions[aksu.index()].stores = men * 9.5;
        let j = &mut st.armies[jiahui.index()];
        j.pos = on_road;
        j.food_days = 2.0;
        j.orders.push_back(Order::March {
            to: aksu,
            via: vec![],
        });
        st.armies[tibet.index()].pos = on_road;
    });
    let session = app.world().resource::<Session>();
    let words = |a| -> String {
        army_notes(session, a)
            .iter()
            .map(|n| n.text.clone())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let g = words(garrison);
    assert!(g.contains("Aksu is under siege by Umayyad"), "{g}");
    assert!(g.contains("its stores hold out 9 more days"), "{g}");
    let j = words(jiahui);
    assert!(j.contains("Held on the road by Tibet"), "{j}");
    assert!(j.contains("Food for 2 days"), "{j}");
    // The same at the end of a turn, in the log.
    let (s, st) = (session.game.scenario(), session.game.state());
    let alarms: Vec<String> =
        anxi::desktop::journal::alarms(s, session.game.rules(), st, SideId(0))
            .into_iter()
            .map(|e| e.text)
            .collect();
    assert!(
        alarms.contains(
            &"Tang Jiahui's regulars is held on the road by Tibetan contingent".to_string()
        ),
        "{alarms:?}"
    );
    assert!(
        alarms.iter().any(|a| a.contains("has food for 2 days")),
        "{alarms:?}"
    );
    // The garrison is the only Tang army at Aksu, which Tang must hold.
    let out = Order::March {
        to: kucha,
        via: vec![],
    };
    let w = order_warnings(session, garrison, &out).join("\n");
    assert!(w.contains("last army out of Aksu"), "{w}");
    assert!(
        w.contains("Aksu and Uqturpan are both in Tang hands"),
        "{w}"
    );
    assert!(order_warnings(session, garrison, &Order::Hold).is_empty());
    // Ashina Xin's 10,000 marching in would eat the stores faster.
    let xin = session.game.scenario().army("xin_army").unwrap();
    let relief = Order::March {
        to: aksu,
        via: vec![],
    };
    let w = order_warnings(session, xin, &relief).join("\n");
    assert!(
        w.contains("Aksu is under siege: with this army inside, its stores hold out 4 more days"),
        "{w}"
    );
    assert!(w.contains("(without it, 9 days)"), "{w}");
}

/// A save to a long path leaves a short notice: the file's name, with the
/// whole path kept for the hover.
#[test]
fn a_save_notice_names_the_file_not_its_path() {
    use anxi::desktop::saves::SaveGame;
    let mut app = app();
    start(&mut app, "644_karasahr", 0);
    let dir = std::env::temp_dir()
        .join(format!(
            "anxi-a-rather-long-folder-name-{}",
            std::process::id()
        ))
        .join("and-another-one-inside-it-for-good-measure");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("campaign.json");
    app.world_mut().write_message(SaveGame(Some(file.clone())));
    app.update();
    let session = app.world().resource::<Session>();
    assert_eq!(session.notice.as_deref(), Some("Saved to campaign.json"));
    assert_eq!(
        session.notice_detail.as_deref(),
        Some(file.display().to_string().as_str())
    );
    std::fs::remove_dir_all(dir.parent().unwrap()).ok();
}
