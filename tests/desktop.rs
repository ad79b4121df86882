//! The game's logic in a Bevy app without a window: each scenario loads,
//! its armies and regions are mirrored as entities matching the engine,
//! orders sent as the panels send them are checked, turns end with the AI
//! playing the other side, and the end screen's comparison with history is
//! ready; the screens and menus are states, and the session lives exactly
//! as long as a game is on screen.

#![cfg(feature = "desktop")]

use bevy::input::InputPlugin;
use bevy::prelude::*;
use bevy::state::app::StatesPlugin;

use anxi::core::order::Order;
use anxi::desktop::mirror::{MirroredArmy, MirroredRegion};
use anxi::desktop::orders::{EndTurn, GiveOrders};
use anxi::desktop::session::StartGame;
use anxi::desktop::{Catalog, Screen, Session, logic_plugin};
use anxi::game::Game;
use anxi::game::ai::Level;
use anxi::game::catalog::shipped;
use anxi::rules::params::Rules;
use anxi::scenario::model::{ArmyId, SideId};

static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

fn app() -> App {
    let rules = Rules::shipped().unwrap();
    let entries = shipped(&rules);
    let mut app = App::new();
    let saves = std::env::temp_dir().join(format!(
        "anxi-desktop-test-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    ));
    app.add_plugins((MinimalPlugins, StatesPlugin, InputPlugin))
        .insert_resource(Catalog {
            rules,
            entries,
            saves,
            rules_file: None,
        });
    logic_plugin(&mut app);
    app.update();
    app
}

fn start(app: &mut App, entry: usize, side: u16) {
    app.world_mut().write_message(StartGame {
        entry,
        side: SideId(side),
        seed: 5,
        level: Level::Easy,
    });
    app.update();
    app.update();
}

/// Updates until the turn being played in the background is done.
fn wait_for_turn(app: &mut App) {
    let start = std::time::Instant::now();
    app.update();
    while app
        .world()
        .get_resource::<Session>()
        .is_some_and(|s| s.is_thinking())
    {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(600),
            "the turn was not played"
        );
        std::thread::sleep(std::time::Duration::from_millis(2));
        app.update();
    }
}

/// Ends the turn as the button does, and waits for it to be played.
fn end_turn(app: &mut App) {
    app.world_mut().write_message(EndTurn);
    wait_for_turn(app);
}

fn screen(app: &App) -> Screen {
    *app.world().resource::<State<Screen>>().get()
}

/// Updates until the end screen's comparison with history is in.
fn wait_for_history(app: &mut App) {
    let start = std::time::Instant::now();
    while app.world().resource::<Session>().history.is_none() {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(600),
            "the playouts did not finish"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
        app.update();
    }
}

fn check_mirror(app: &mut App) {
    let world = app.world_mut();
    let mut armies: Vec<MirroredArmy> = world
        .query::<&MirroredArmy>()
        .iter(world)
        .cloned()
        .collect();
    armies.sort_by_key(|m| m.id);
    let regions: Vec<MirroredRegion> = world
        .query::<&MirroredRegion>()
        .iter(world)
        .cloned()
        .collect();
    let session = world.resource::<Session>();
    let st = &session.game.state();
    let expected: Vec<MirroredArmy> = st
        .armies
        .iter()
        .enumerate()
        .filter(|(_, a)| a.active())
        .map(|(i, a)| MirroredArmy {
            id: ArmyId(i as u16),
            strength: a.strength(),
            position: a.pos,
            faction: a.faction,
            routed: a.routed,
        })
        .collect();
    assert_eq!(armies, expected);
    assert_eq!(regions.len(), st.regions.len());
    for r in regions {
        assert_eq!(r.control, st.regions[r.id.index()].control);
    }
}

#[test]
fn every_scenario_starts_and_its_entities_match_the_engine() {
    for entry in 0..4 {
        let mut app = app();
        assert_eq!(screen(&app), Screen::Title);
        start(&mut app, entry, 0);
        assert_eq!(screen(&app), Screen::Playing);
        check_mirror(&mut app);
    }
}

#[test]
fn an_order_from_the_panels_is_checked_and_a_refusal_explained() {
    let mut app = app();
    start(&mut app, 3, 0); // 717 Aksu as the Tang side
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
    start(&mut app, 3, 0);
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
    start(&mut app, 2, 0); // 670 as Tang
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
    start(&mut app, 0, 0); // 644 as Tang
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

/// A key pressed in one frame and released in the next, as the window sends it.
fn tap(app: &mut App, key: KeyCode) {
    use bevy::input::ButtonState;
    use bevy::input::keyboard::{Key, KeyboardInput};
    for state in [ButtonState::Pressed, ButtonState::Released] {
        app.world_mut().write_message(KeyboardInput {
            key_code: key,
            logical_key: Key::Unidentified(bevy::input::keyboard::NativeKey::Unidentified),
            state,
            text: None,
            repeat: false,
            window: Entity::PLACEHOLDER,
        });
        app.update();
    }
}

fn menu(app: &App) -> Option<anxi::desktop::Menu> {
    app.world()
        .get_resource::<State<anxi::desktop::Menu>>()
        .map(|s| *s.get())
}

fn turn(app: &App) -> u32 {
    app.world().resource::<Session>().game.state().turn
}

/// Nothing of a game is left: no session, no mirrored entity, no menu, no playouts.
fn nothing_of_a_game_left(app: &mut App) {
    assert_eq!(screen(app), Screen::Title);
    assert!(app.world().get_resource::<Session>().is_none());
    assert!(menu(app).is_none());
    let world = app.world_mut();
    assert_eq!(world.query::<&MirroredArmy>().iter(world).count(), 0);
    assert_eq!(world.query::<&MirroredRegion>().iter(world).count(), 0);
    let runs = world
        .query::<&anxi::desktop::screens::HistoryRun>()
        .iter(world)
        .count();
    assert_eq!(runs, 0);
}

/// The crash of issue 8: quitting to the title from the pause menu, and from
/// the end screen, removed the session in the middle of the map's systems.
/// Now it goes as the game's state is left, and nothing that reads it runs.
#[test]
fn quitting_to_the_title_from_the_menu_and_the_end_screen_leaves_no_game_behind() {
    use anxi::desktop::Menu;
    use anxi::desktop::session::QuitToTitle;
    let mut app = app();
    start(&mut app, 3, 0);
    assert_eq!(menu(&app), Some(Menu::None));
    tap(&mut app, KeyCode::Escape);
    assert_eq!(menu(&app), Some(Menu::Pause));
    app.world_mut().write_message(QuitToTitle);
    app.update();
    app.update();
    nothing_of_a_game_left(&mut app);
    // Another campaign, played to its end, then back to the title.
    start(&mut app, 0, 0);
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
    start(&mut app, 3, 0);
    assert_eq!(screen(&app), Screen::Playing);
    check_mirror(&mut app);
}

#[test]
fn space_ends_the_turn_only_when_no_menu_is_open() {
    use anxi::desktop::Menu;
    let mut app = app();
    start(&mut app, 3, 0);
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
    start(&mut app, 3, 0);
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
    start(&mut app, 3, 0);
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
    start(&mut app, 3, 0);
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
    app.world_mut().write_message(StartGame {
        entry: 3,
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

/// The odds shown beside the Assault button are the rules' own chance of
/// carrying the walls, and those beside an attack the force ratio and win
/// chance of a dawn battle in the field; long odds are warned of.
#[test]
fn the_odds_beside_an_assault_and_an_attack_are_the_rules_own() {
    use anxi::desktop::odds;
    use anxi::rules::combat::Setup;
    use anxi::rules::combat::odds::{assault_odds, powers, win_chance};
    use anxi::rules::event::BattleKind;
    use anxi::rules::state::Position;
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
        for i in 0..st.armies.len() {
            let a = ArmyId(i as u16);
            if !st.army(a).active() {
                continue;
            }
            let shown = odds::assault(s, &rules, st, a);
            assert_eq!(
                shown.as_ref().map(|o| o.chance),
                assault_odds(s, &rules, st, a)
            );
            if let Some(o) = shown {
                let text = odds::assault_text(&o);
                assert!(text.starts_with("carry the walls: "), "{text}");
                if o.chance > 0.01 && o.chance < 0.99 {
                    assert_eq!(text, format!("carry the walls: {:.0}%", o.chance * 100.0));
                }
                assaults += 1;
            }
            for j in 0..st.armies.len() {
                let b = ArmyId(j as u16);
                let (x, t) = (st.army(a), st.army(b));
                let visible = t.active() && !t.hidden && s.hostile(x.faction, t.faction);
                let shown = odds::attack(s, &rules, st, a, b);
                assert_eq!(shown.is_some(), visible, "only for enemies in sight");
                let Some(o) = shown else { continue };
                let (region, terrain) = match t.pos {
                    Position::At(r) => (Some(r), s.regions[r.index()].terrain),
                    Position::Road { route, .. } => (None, s.routes[route.index()].terrain),
                };
                let setup = Setup {
                    kind: BattleKind::Field,
                    region,
                    terrain,
                    attackers: vec![(a, 1.0)],
                    defenders: vec![(b, 1.0)],
                    timing: anxi::scenario::raw::Timing::Dawn,
                    unseen: false,
                    chase_days: 0.0,
                };
                let p = powers(s, &rules, st, &setup, false);
                let ratio = p.attack / p.defence;
                assert!((o.ratio.unwrap() - ratio).abs() < 1e-9);
                assert!((o.chance - win_chance(&rules, ratio)).abs() < 1e-12);
                let text = odds::attack_text(&o);
                assert!(text.contains("force ") && text.contains("win "), "{text}");
                assert_eq!(o.warning().is_some(), (o.chance * 100.0).round() < 30.0);
                long += usize::from(o.long());
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
    start(&mut app, 3, 0);
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
    assert!(turns.contains(&format!("{} turn(s) left", s.turns.limit + 1 - st.turn)));
}
