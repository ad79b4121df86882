//! The game's logic in a Bevy app without a window: each scenario loads,
//! its armies and regions are mirrored as entities matching the engine,
//! orders sent as the panels send them are checked, turns end with the AI
//! playing the other side, and the end screen's comparison with history is
//! ready; the screens and menus are states, and the session lives exactly
//! as long as a game is on screen.

#![cfg(feature = "desktop")]

mod desktop_app;

use bevy::input::InputPlugin;
use bevy::prelude::*;
use bevy::state::app::StatesPlugin;

use anxi::core::order::Order;
use anxi::desktop::orders::GiveOrders;
use anxi::desktop::{Catalog, Screen, Session, logic_plugin};
use anxi::game::Game;
use anxi::game::catalog::shipped;
use anxi::rules::params::Rules;

use desktop_app::*;

#[test]
fn every_scenario_starts_and_its_entities_match_the_engine() {
    let rules = Rules::shipped().unwrap();
    let ids: Vec<String> = shipped(&rules)
        .into_iter()
        .filter_map(|e| e.scenario.map(|s| s.id))
        .collect();
    assert!(ids.len() >= 12, "{ids:?}");
    for id in &ids {
        let mut app = app();
        assert_eq!(screen(&app), Screen::Title);
        start(&mut app, id, 0);
        assert_eq!(screen(&app), Screen::Playing);
        check_mirror(&mut app);
    }
}

#[test]
fn an_order_from_the_panels_is_checked_and_a_refusal_explained() {
    let mut app = app();
    start(&mut app, "717_aksu", 0); // 717 Aksu as the Tang side
    let (army, aksu, kucha) = {
        let s = &app.world().resource::<Session>().game.scenario();
        (
            s.army("jiahui_army").unwrap(),
            s.region("aksu").unwrap(),
            s.region("kucha").unwrap(),
        )
    };
    app.world_mut().write_message(GiveOrders {
        army,
        orders: vec![Order::March {
            to: kucha,
            via: vec![],
        }],
    });
    app.update();
    let session = app.world().resource::<Session>();
    assert!(session.pending.is_empty());
    assert!(
        session
            .refusal
            .as_deref()
            .unwrap_or_default()
            .contains("already at Kucha"),
        "{:?}",
        session.refusal
    );
    app.world_mut().write_message(GiveOrders {
        army,
        orders: vec![Order::March {
            to: aksu,
            via: vec![],
        }],
    });
    app.update();
    assert_eq!(
        app.world().resource::<Session>().pending.get(&army),
        Some(&vec![Order::March {
            to: aksu,
            via: vec![]
        }])
    );
    // The enemy's armies are not the player's to command.
    let enemy = app
        .world()
        .resource::<Session>()
        .game
        .scenario()
        .army("umayyad_army")
        .unwrap();
    app.world_mut().write_message(GiveOrders {
        army: enemy,
        orders: vec![Order::Hold],
    });
    app.update();
    assert!(
        app.world()
            .resource::<Session>()
            .pending
            .get(&enemy)
            .is_none()
    );
}

#[test]
fn playing_717_as_tang_against_the_ai_reaches_the_end_screen_with_history() {
    let mut app = app();
    start(&mut app, "717_aksu", 0);
    let (s, jiahui, xin, aksu, umayyads) = {
        let s = app.world().resource::<Session>().game.scenario().clone();
        (
            s.clone(),
            s.army("jiahui_army").unwrap(),
            s.army("xin_army").unwrap(),
            s.region("aksu").unwrap(),
            s.army("umayyad_army").unwrap(),
        )
    };
    for army in [jiahui, xin] {
        app.world_mut().write_message(GiveOrders {
            army,
            orders: vec![
                Order::March {
                    to: aksu,
                    via: vec![],
                },
                Order::Attack {
                    target: umayyads,
                    timing: anxi::scenario::raw::Timing::Dawn,
                },
            ],
        });
    }
    app.update();
    assert_eq!(app.world().resource::<Session>().pending.len(), 2);
    let mut turns = 0;
    while screen(&app) == Screen::Playing {
        end_turn(&mut app);
        check_mirror(&mut app);
        turns += 1;
        assert!(turns <= s.turns.limit + 1, "the game did not end");
    }
    assert_eq!(screen(&app), Screen::Ended);
    // The playouts run as a task: the window keeps drawing while they do.
    wait_for_history(&mut app);
    let session = app.world().resource::<Session>();
    assert!(session.game.state().outcome.is_some());
    assert!(session.log.iter().any(|l| l.text.contains("Aksu")));
    let history = session
        .history
        .as_ref()
        .expect("the end screen's comparison with history");
    assert_eq!(history.scenario, "717_aksu");
    assert!(!history.checks.is_empty());
}

#[test]
fn a_game_saved_mid_way_loads_back_to_the_same_state_and_replays() {
    use anxi::desktop::saves::{LoadGame, SaveGame};
    use anxi::game::record::{Record, state_hash};
    let mut app = app();
    start(&mut app, "670_tarim_basin", 0); // 670 as Tang
    for _ in 0..3 {
        end_turn(&mut app);
    }
    let file = std::env::temp_dir().join(format!("anxi-save-test-{}.json", std::process::id()));
    app.world_mut().write_message(SaveGame(Some(file.clone())));
    app.update();
    let saved = state_hash(&app.world().resource::<Session>().game.state());
    end_turn(&mut app);
    assert_ne!(
        state_hash(&app.world().resource::<Session>().game.state()),
        saved
    );
    app.world_mut().write_message(LoadGame(file.clone()));
    // Loading during a game closes it first, through the title.
    for _ in 0..3 {
        app.update();
    }
    assert_eq!(screen(&app), Screen::Playing);
    assert_eq!(
        state_hash(&app.world().resource::<Session>().game.state()),
        saved
    );
    check_mirror(&mut app);
    // The save is also a replay of the game so far, and it verifies.
    let rec = Record::load(&file).unwrap();
    assert_eq!(rec.turns.len(), 3);
    assert_eq!(
        state_hash(Game::replay_to(&rec, None).unwrap().state()),
        saved
    );
    std::fs::remove_file(&file).ok();
}

#[test]
fn the_replay_viewer_steps_through_turns_and_a_branch_takes_command() {
    use anxi::desktop::saves::{TakeCommand, ViewTurn};
    use anxi::game::record::state_hash;
    let mut app = app();
    start(&mut app, "644_karasahr", 0); // 644 as Tang
    for _ in 0..4 {
        end_turn(&mut app);
    }
    let after_two = state_hash(
        Game::replay_to(
            app.world().resource::<Session>().game.record().unwrap(),
            Some(2),
        )
        .unwrap()
        .state(),
    );
    app.world_mut().write_message(ViewTurn(2));
    app.update();
    let session = app.world().resource::<Session>();
    assert_eq!(session.viewing, Some(2));
    assert_eq!(state_hash(session.game.state()), after_two);
    // While watching, ending the turn does nothing.
    end_turn(&mut app);
    assert_eq!(
        state_hash(&app.world().resource::<Session>().game.state()),
        after_two
    );
    // Take command: the record is cut at turn 2 and the game goes on from there.
    app.world_mut().write_message(TakeCommand);
    app.update();
    end_turn(&mut app);
    let session = app.world().resource::<Session>();
    assert_eq!(session.viewing, None);
    let record = session.game.record().unwrap();
    assert_eq!(record.turns.len(), 3);
    assert_eq!(
        state_hash(Game::replay_to(record, None).unwrap().state()),
        state_hash(session.game.state())
    );
}

#[test]
fn a_mod_edited_on_the_title_screen_reloads_and_its_errors_clear() {
    let rules = Rules::shipped().unwrap();
    let dir = std::env::temp_dir().join(format!("anxi-hot-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/mods/715_namangan.ron"
    ))
    .unwrap();
    let file = dir.join("my_mod.ron");
    std::fs::write(
        &file,
        good.replace(
            "(from: \"ferghana\", to: \"namangan\"",
            "(from: \"ferghana\", to: \"namangn\"",
        ),
    )
    .unwrap();
    let entries = anxi::game::catalog::catalog(&[dir.clone()], &rules);
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, StatesPlugin, InputPlugin))
        .insert_resource(Catalog {
            rules,
            entries,
            saves: dir.join("saves"),
            rules_file: None,
        });
    logic_plugin(&mut app);
    app.update();
    let broken = |app: &App| {
        let c = app.world().resource::<Catalog>();
        let e = c
            .entries
            .iter()
            .find(|e| e.file.ends_with("my_mod.ron"))
            .unwrap();
        e.scenario.is_none()
    };
    assert!(broken(&app), "the misspelt route should not load");
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&file, &good).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(600));
    app.update();
    assert!(!broken(&app), "fixing the file clears its errors");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn an_edited_rules_file_reloads_on_the_title_screen_with_its_errors_shown() {
    use anxi::desktop::session::LoadNotice;
    let dir = std::env::temp_dir().join(format!("anxi-rules-hot-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("rules.ron");
    let text = anxi::rules::params::SHIPPED_RULES;
    std::fs::write(&file, text).unwrap();
    let rules = Rules::parse("rules.ron", text).unwrap();
    let entries = shipped(&rules);
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, StatesPlugin, InputPlugin))
        .insert_resource(Catalog {
            rules,
            entries,
            saves: dir.join("saves"),
            rules_file: Some(file.clone()),
        });
    logic_plugin(&mut app);
    app.update();
    let wait = |app: &mut App| {
        std::thread::sleep(std::time::Duration::from_millis(600));
        app.update();
    };
    std::fs::write(
        &file,
        text.replace("min_carry_days: 20.0", "min_carry_days: 99.0"),
    )
    .unwrap();
    wait(&mut app);
    let notice = app
        .world()
        .resource::<LoadNotice>()
        .0
        .clone()
        .unwrap_or_default();
    assert!(notice.contains("min_carry_days"), "{notice}");
    std::fs::write(&file, text.replace("rally: 0.3", "rally: 0.35")).unwrap();
    wait(&mut app);
    assert!(app.world().resource::<LoadNotice>().0.is_none());
    assert_eq!(app.world().resource::<Catalog>().rules.morale.rally, 0.35);
    assert!(
        app.world()
            .resource::<Catalog>()
            .entries
            .iter()
            .all(|e| e.scenario.is_some())
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// Fog of war: an enemy army out of the reach of Tang's armies and cities
/// is not on the map, cannot be selected and is not offered as a target;
/// one in a Tang city is. Where the hidden one was last seen is kept.
#[test]
fn fog_hides_an_unseen_enemy_and_shows_a_seen_one() {
    use anxi::desktop::orders::SelectArmy;
    use anxi::rules::state::Position;
    let mut app = app();
    start(&mut app, "717_aksu", 0);
    let (umayyads, tibet) = (army(&app, "umayyad_army"), army(&app, "tibet_contingent"));
    assert!(
        mirrored_ids(&mut app).contains(&umayyads),
        "at Aksu, a Tang city"
    );
    load_edited(&mut app, |s, st| {
        st.armies[umayyads.index()].pos = Position::At(s.region("kashgar").unwrap());
    });
    let ids = mirrored_ids(&mut app);
    assert!(
        !ids.contains(&umayyads),
        "at Kashgar, out of sight: {ids:?}"
    );
    assert!(ids.contains(&tibet), "still at Aksu");
    check_mirror(&mut app);
    app.world_mut().write_message(SelectArmy(Some(umayyads)));
    app.update();
    let session = app.world().resource::<Session>();
    assert_eq!(session.selected, None, "an unseen army cannot be picked");
    let lost = session.last_sightings();
    assert_eq!(lost.len(), 1);
    assert_eq!(lost[0].0, umayyads);
    let aksu = session.game.scenario().region("aksu").unwrap();
    assert_eq!(lost[0].1.pos, Position::At(aksu), "last seen at Aksu");
    // A hidden army stays hidden even in a Tang city.
    load_edited(&mut app, |_, st| st.armies[tibet.index()].hidden = true);
    assert!(!mirrored_ids(&mut app).contains(&tibet));
}

/// The enemy's planned marches are never drawn: the arrows come from
/// `Session::orders_of`, which gives no other side's orders, and the log
/// gives none of them either.
#[test]
fn the_enemys_orders_are_never_shown() {
    use anxi::desktop::journal::LogKind;
    let mut app = app();
    start(&mut app, "717_aksu", 0);
    for _ in 0..3 {
        end_turn(&mut app);
    }
    let session = app.world().resource::<Session>();
    let st = session.game.state();
    let theirs: Vec<_> = (0..st.armies.len())
        .map(|i| anxi::scenario::model::ArmyId(i as u16))
        .filter(|a| !session.is_mine(*a) && st.army(*a).active())
        .collect();
    assert!(
        theirs.iter().any(|a| !st.army(*a).orders.is_empty()),
        "the computer gave orders"
    );
    for a in theirs {
        assert!(session.orders_of(a).is_empty(), "{}", st.army(a).name);
    }
    let log = shown_log(&app);
    assert!(!log.iter().any(|(k, _)| *k == LogKind::Orders), "{log:?}");
}

/// Battle reports stay in the log for the whole campaign, and a saved game
/// loads with its whole log, rebuilt from its turns.
#[test]
fn the_log_keeps_every_battle_report_to_the_end_and_after_a_load() {
    use anxi::desktop::saves::{LoadGame, SaveGame};
    let mut app = app();
    start(&mut app, "717_aksu", 0);
    for _ in 0..30 {
        if screen(&app) != Screen::Playing {
            break;
        }
        end_turn(&mut app);
    }
    let battles = |app: &App| -> Vec<(u32, String)> {
        app.world()
            .resource::<Session>()
            .shown_log()
            .filter(|e| e.battle.is_some())
            .map(|e| (e.turn, e.text.clone()))
            .collect()
    };
    let before = battles(&app);
    assert!(!before.is_empty(), "battles were fought in 30 turns");
    let turns = app.world().resource::<Session>().game.state().turn;
    assert!(turns > 20, "turn {turns}");
    let first = before[0].0;
    assert!(
        first < turns - 1,
        "an early battle is still there: {before:?}"
    );
    let lines = shown_log(&app);
    let file = std::env::temp_dir().join(format!("anxi-log-test-{}.json", std::process::id()));
    app.world_mut().write_message(SaveGame(Some(file.clone())));
    app.update();
    app.world_mut().write_message(LoadGame(file.clone()));
    for _ in 0..4 {
        app.update();
    }
    assert_eq!(battles(&app), before);
    // Every line as it was, and a line saying the game was loaded.
    let log = shown_log(&app);
    assert_eq!(log[..lines.len()], lines[..]);
    assert_eq!(log.len(), lines.len() + 1);
    std::fs::remove_file(&file).ok();
}

/// Two armies of one faction in one place merge with the order the
/// inspector's Merge button gives.
#[test]
fn a_detachment_merges_back_into_its_army() {
    use anxi::core::kinds::TroopKind;
    use anxi::desktop::hud::advice::merge_targets;
    let mut app = app();
    start(&mut app, "717_aksu", 0);
    let jiahui = army(&app, "jiahui_army");
    let men = app
        .world()
        .resource::<Session>()
        .game
        .state()
        .army(jiahui)
        .strength();
    let split = Order::Split {
        id: "jiahui_detachment".into(),
        name: "Detachment".into(),
        commander: None,
        contingents: vec![(TroopKind::Spearmen, 500)],
        baggage: false,
    };
    app.world_mut().write_message(GiveOrders {
        army: jiahui,
        orders: vec![split],
    });
    app.update();
    end_turn(&mut app);
    let session = app.world().resource::<Session>();
    let st = session.game.state();
    let new = (0..st.armies.len())
        .map(|i| anxi::scenario::model::ArmyId(i as u16))
        .find(|a| st.army(*a).id == "jiahui_detachment" && st.army(*a).active())
        .expect("the detachment");
    assert_eq!(st.army(jiahui).strength(), men - 500);
    assert_eq!(merge_targets(session, new), vec![jiahui]);
    app.world_mut().write_message(GiveOrders {
        army: new,
        orders: vec![Order::Merge { into: jiahui }],
    });
    app.update();
    assert!(app.world().resource::<Session>().pending.contains_key(&new));
    end_turn(&mut app);
    let st = app.world().resource::<Session>().game.state();
    assert!(!st.army(new).active());
    assert_eq!(st.army(jiahui).strength(), men);
}
