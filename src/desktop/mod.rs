//! The desktop game: a Bevy window on the headless [`Game`](crate::game::Game).
//!
//! The layout follows bevy_new_2d: one plugin per file, screens and menus as
//! states, each screen's entities scoped to its state.
//!
//! - `screens`: the [`Screen`] state (title, playing, ended), the computed
//!   [`InGame`] state during which the [`Session`] exists, and each screen;
//! - `menus`: the pause menu, its own [`Menu`] sub-state;
//! - `session`: the game on screen, inserted on entering play and removed on
//!   leaving it; `orders`: order intake, the hotkeys and the turn; `lull`:
//!   ending turns until something happens; `saves`:
//!   save, load and the replay viewer ([`Replay`], a sub-state of playing);
//!   `hot_reload`: scenario and rules files edited on the title screen;
//!   `mirror`: the engine's armies and regions as entities;
//! - `journal`, `names`: the typed turn log and the player-facing names;
//!   `sight`: the fog of war, what the player is shown of the enemy;
//!   `odds`: the chances shown beside an attack; `stakes`: the victory
//!   conditions and the turns left;
//! - `hud`: the panels; `map`: land, markers, camera, picking, routes;
//!   `capture`: screenshots.
//!
//! [`logic_plugin`] needs no window, so tests run it with `MinimalPlugins`;
//! [`run`] adds the window, egui, the map and the capture.

pub mod capture;
pub mod hot_reload;
pub mod hud;
pub mod journal;
pub mod lull;
pub mod map;
pub mod menus;
pub mod mirror;
pub mod names;
pub mod odds;
pub mod orders;
pub mod saves;
pub mod screens;
pub mod session;
pub mod sight;
pub mod stakes;

use bevy::prelude::*;
use bevy::winit::WinitSettings;

pub use menus::Menu;
pub use saves::Replay;
pub use screens::{InGame, Screen};
pub use session::{Catalog, Launch, Session};

/// What the panels took last frame: the map ignores the pointer or the
/// keyboard while they have it.
#[derive(Resource, Default, Debug, Clone, Copy)]
pub struct UiFocus {
    /// The pointer is over a panel or window, or egui is dragging something.
    pub pointer: bool,
    /// A text field has the keyboard.
    pub keyboard: bool,
}

/// The game's logic: states, the session, orders, saves, the mirror, the
/// hotkeys. Needs `StatesPlugin` and `InputPlugin` (or `DefaultPlugins`),
/// no window. The panels are registered too; without `EguiPlugin` their
/// schedule never runs.
pub fn logic_plugin(app: &mut App) {
    app.init_resource::<UiFocus>();
    app.add_plugins((
        screens::plugin,
        menus::plugin,
        session::plugin,
        orders::plugin,
        lull::plugin,
        saves::plugin,
        hot_reload::plugin,
        mirror::plugin,
        hud::plugin,
        sight::plugin,
    ));
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
        )
        .add_plugins((map::plugin, capture::plugin));
    match app.run() {
        AppExit::Success => std::process::ExitCode::SUCCESS,
        AppExit::Error(_) => std::process::ExitCode::FAILURE,
    }
}
