//! A headless app of the desktop game for the tests, and the steps a
//! player takes in it.

#![allow(dead_code, unused_imports)]

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

pub fn app() -> App {
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

/// The place of the shipped scenario `id` in the title screen's list.
pub fn entry_of(app: &App, id: &str) -> usize {
    app.world()
        .resource::<Catalog>()
        .entries
        .iter()
        .position(|e| e.scenario.as_ref().is_some_and(|s| s.id == id))
        .unwrap_or_else(|| panic!("no scenario {id} in the catalog"))
}

/// Starts the shipped scenario `id` as its side `side`.
pub fn start(app: &mut App, id: &str, side: u16) {
    let entry = entry_of(app, id);
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
pub fn wait_for_turn(app: &mut App) {
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
pub fn end_turn(app: &mut App) {
    app.world_mut().write_message(EndTurn);
    wait_for_turn(app);
}

pub fn screen(app: &App) -> Screen {
    *app.world().resource::<State<Screen>>().get()
}

/// Updates until the end screen's comparison with history is in.
pub fn wait_for_history(app: &mut App) {
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

pub fn check_mirror(app: &mut App) {
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
        .filter(|(i, a)| a.active() && session.shows(ArmyId(*i as u16)))
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

/// A key pressed in one frame and released in the next, as the window sends it.
pub fn tap(app: &mut App, key: KeyCode) {
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

pub fn menu(app: &App) -> Option<anxi::desktop::Menu> {
    app.world()
        .get_resource::<State<anxi::desktop::Menu>>()
        .map(|s| *s.get())
}

pub fn turn(app: &App) -> u32 {
    app.world().resource::<Session>().game.state().turn
}

/// Nothing of a game is left: no session, no mirrored entity, no menu, no playouts.
pub fn nothing_of_a_game_left(app: &mut App) {
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

/// The game on screen made anew from its record with its state edited, as
/// a save would be loaded: the way to set up a position for a test. Only
/// before the first turn is played (a later snapshot must match its hash).
pub fn load_edited(
    app: &mut App,
    edit: impl FnOnce(&anxi::scenario::Scenario, &mut anxi::rules::state::State),
) {
    use anxi::desktop::saves::LoadGame;
    let session = app.world().resource::<Session>();
    let mut record = session.game.to_record().expect("a recorded game");
    let mut st = record.snapshot.take().expect("a snapshot");
    edit(session.game.scenario(), &mut st);
    record.snapshot = Some(st);
    let file = std::env::temp_dir().join(format!(
        "anxi-edited-{}-{}.json",
        std::process::id(),
        NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    ));
    record.save(&file).unwrap();
    app.world_mut().write_message(LoadGame(file.clone()));
    for _ in 0..4 {
        app.update();
    }
    assert_eq!(screen(app), Screen::Playing, "the edited game loads");
    let notice = app.world().resource::<Session>().notice.clone();
    assert!(
        notice.as_deref().is_some_and(|n| n.starts_with("Loaded")),
        "the edited game loads: {notice:?}"
    );
    std::fs::remove_file(&file).ok();
}

/// The armies the mirror holds, in order.
pub fn mirrored_ids(app: &mut App) -> Vec<ArmyId> {
    let world = app.world_mut();
    let mut ids: Vec<ArmyId> = world
        .query::<&MirroredArmy>()
        .iter(world)
        .map(|m| m.id)
        .collect();
    ids.sort();
    ids
}

/// An army of the session's scenario by its id.
pub fn army(app: &App, id: &str) -> ArmyId {
    app.world()
        .resource::<Session>()
        .game
        .scenario()
        .army(id)
        .unwrap_or_else(|| panic!("no army {id}"))
}

/// The log as the player may read it, as (kind, text).
pub fn shown_log(app: &App) -> Vec<(anxi::desktop::journal::LogKind, String)> {
    app.world()
        .resource::<Session>()
        .shown_log()
        .map(|e| (e.kind, e.text.clone()))
        .collect()
}
