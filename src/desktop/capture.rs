//! `anxi play SCENARIO --screenshot PATH`: render the opening map, save a
//! PNG and exit. Used for the README and by the window tests.

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured, save_to_disk};

use super::Screen;
use super::session::Launch;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, take);
}

/// Keeps frames coming (a reactive window would wait for input), waits a
/// few frames on the map for it and the panels to settle, then captures.
fn take(
    launch: Res<Launch>,
    screen: Res<State<Screen>>,
    mut frames: Local<u32>,
    mut done: Local<bool>,
    mut commands: Commands,
    mut redraw: MessageWriter<bevy::window::RequestRedraw>,
) {
    let Some(path) = launch.screenshot.clone() else {
        return;
    };
    redraw.write(bevy::window::RequestRedraw);
    if *done || *screen.get() != Screen::Playing {
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
