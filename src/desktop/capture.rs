//! `anxi play SCENARIO --screenshot PATH`: render the opening map, save a
//! PNG and exit. Used for the README and by the window tests.

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured, save_to_disk};

use super::Screen;
use super::session::Launch;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, take);
}

/// Frames to wait for the game to open before giving up: a save or a
/// scenario that cannot be opened leaves the title screen up.
const FRAMES_TO_OPEN: u32 = 600;

/// Keeps frames coming (a reactive window would wait for input), waits a
/// few frames on the map for it and the panels to settle, then captures.
/// If the game never opens (a save that cannot be loaded), exits with an error.
#[allow(clippy::too_many_arguments)]
fn take(
    launch: Res<Launch>,
    screen: Res<State<Screen>>,
    mut frames: Local<u32>,
    mut waited: Local<u32>,
    mut done: Local<bool>,
    mut commands: Commands,
    mut redraw: MessageWriter<bevy::window::RequestRedraw>,
    mut exit: MessageWriter<AppExit>,
) {
    let Some(path) = launch.screenshot.clone() else {
        return;
    };
    redraw.write(bevy::window::RequestRedraw);
    if *done {
        return;
    }
    if *screen.get() != Screen::Playing {
        *waited += 1;
        if *waited == FRAMES_TO_OPEN {
            error!("the game did not open, so no screenshot was taken (see the log above)");
            exit.write(AppExit::error());
        }
        return;
    }
    *frames += 1;
    if *frames < 10 {
        return;
    }
    *done = true;
    commands
        .spawn(Screenshot::primary_window())
        .observe(save_to_disk(path))
        .observe(
            |_: On<ScreenshotCaptured>, mut exit: MessageWriter<AppExit>| {
                exit.write(AppExit::Success);
            },
        );
}
