//! The desktop game: a Bevy window on the rules engine. The engine's state
//! is mirrored on the map, the player's clicks become orders checked by the
//! engine, and the engine's events become what the player sees.
//!
//! `session` holds the game and needs no window, so tests run it with
//! `MinimalPlugins`; `map`, `panels` and `capture` draw.

pub mod capture;
pub mod map;
pub mod panels;
pub mod session;

use bevy::prelude::*;
use bevy::winit::WinitSettings;

pub use session::{Catalog, Launch, Session};

/// The screens of the game.
#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Screen {
    #[default]
    Title,
    Playing,
    Ended,
}

/// The game's logic without any drawing: screens, the session, its messages.
pub fn logic_plugin(app: &mut App) {
    app.init_state::<Screen>();
    session::plugin(app);
    app.add_systems(Startup, launch);
}

/// Starts a game straight away when the command line named a scenario.
fn launch(
    launch: Option<Res<Launch>>,
    catalog: Res<Catalog>,
    mut start: MessageWriter<session::StartGame>,
    mut load: MessageWriter<session::LoadGame>,
    mut view: MessageWriter<session::ViewTurn>,
) {
    let Some(launch) = launch else { return };
    if let Some(path) = &launch.replay {
        load.write(session::LoadGame(path.clone()));
        view.write(session::ViewTurn(0));
        return;
    }
    if let Some(path) = &launch.load {
        load.write(session::LoadGame(path.clone()));
        return;
    }
    let Some(name) = &launch.scenario else { return };
    let found = catalog.entries.iter().position(|e| {
        e.scenario.as_ref().is_some_and(|s| s.id == *name)
            || e.file == *name
            || std::path::Path::new(&e.file)
                .file_stem()
                .is_some_and(|f| f == name.as_str())
    });
    let Some(entry) = found else {
        error!("no scenario named `{name}`");
        return;
    };
    let Some(s) = catalog.entries[entry].scenario.as_ref() else {
        return;
    };
    let side = launch
        .side
        .as_ref()
        .and_then(|want| {
            s.side(want)
                .or_else(|| s.faction(want).map(|f| s.side_of(f)))
        })
        .or_else(|| {
            s.sides
                .iter()
                .position(|x| x.player_default)
                .map(|i| crate::scenario::model::SideId(i as u16))
        })
        .unwrap_or(crate::scenario::model::SideId(0));
    start.write(session::StartGame {
        entry,
        side,
        seed: launch.seed.unwrap_or(s.seed),
    });
}

/// bevy_egui feeds egui a "modifier keys changed" event every frame, and
/// egui answers any event with a request to paint again at once, so the
/// window would redraw forever and burn a core while the player thinks.
/// Dropping the event when the modifiers have not changed lets the app
/// sleep until real input arrives.
fn drop_unchanged_modifiers(
    mut q: Query<(&mut bevy_egui::EguiInput, &mut bevy_egui::EguiContext)>,
) {
    for (mut input, mut ctx) in &mut q {
        let current = ctx.get_mut().input(|i| i.modifiers);
        input
            .events
            .retain(|e| !matches!(e, bevy_egui::egui::Event::ModifiersChanged(m) if *m == current));
    }
}

/// Opens the window and runs the game until the player quits.
pub fn run(catalog: Catalog, launch: Launch) -> std::process::ExitCode {
    let title = "Anxi — the Protectorate to Pacify the West".to_string();
    let mut app = App::new();
    app.add_plugins(DefaultPlugins.set(WindowPlugin {
        primary_window: Some(Window {
            title,
            resolution: launch.size.unwrap_or((1280, 720)).into(),
            ..default()
        }),
        ..default()
    }))
    .insert_resource(WinitSettings::desktop_app())
    .insert_resource(ClearColor(Color::srgb(0.80, 0.76, 0.66)))
    .insert_resource(catalog)
    .insert_resource(launch);
    logic_plugin(&mut app);
    app.add_plugins(bevy_egui::EguiPlugin::default())
        .add_systems(
            PostUpdate,
            drop_unchanged_modifiers.before(bevy_egui::EguiPostUpdateSet::EndPass),
        );
    map::plugin(&mut app);
    panels::plugin(&mut app);
    capture::plugin(&mut app);
    match app.run() {
        AppExit::Success => std::process::ExitCode::SUCCESS,
        AppExit::Error(_) => std::process::ExitCode::FAILURE,
    }
}
