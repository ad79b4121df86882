//! The camera: fitted to the scenario's regions as the game opens, panned
//! by dragging or the arrow keys, zoomed by the wheel. Markers that keep
//! their size on screen whatever the zoom carry [`ScreenSized`].

use bevy::input::mouse::{AccumulatedMouseMotion, AccumulatedMouseScroll};
use bevy::prelude::*;
use bevy::window::PrimaryWindow;

use super::{camera_scale, projection_for, world};
use crate::desktop::UiFocus;
use crate::desktop::menus::Menu;
use crate::desktop::screens::InGame;
use crate::desktop::session::Session;

/// Keeps its size on screen whatever the zoom.
#[derive(Component)]
pub struct ScreenSized;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Startup, spawn_camera)
        .add_systems(OnEnter(InGame), fit_view)
        .add_systems(Update, pan_and_zoom.run_if(in_state(Menu::None)))
        .add_systems(PostUpdate, keep_screen_size);
}

fn spawn_camera(mut commands: Commands) {
    commands.spawn(Camera2d);
}

/// Fits the view to the regions, leaving room for the panels.
fn fit_view(
    session: Res<Session>,
    mut camera: Query<(&mut Transform, &mut bevy::camera::Projection), With<Camera2d>>,
    window: Query<&Window, With<PrimaryWindow>>,
) {
    let p = projection_for(session.game.scenario());
    let pts: Vec<Vec2> = session
        .game
        .scenario()
        .regions
        .iter()
        .map(|r| world(&p, r.lat, r.lon))
        .collect();
    let min = pts.iter().copied().fold(Vec2::splat(f32::MAX), Vec2::min);
    let max = pts.iter().copied().fold(Vec2::splat(f32::MIN), Vec2::max);
    let size = window
        .single()
        .map(|w| Vec2::new(w.width(), w.height()))
        .unwrap_or(Vec2::new(1280.0, 720.0));
    let usable = (size - Vec2::new(720.0, 180.0)).max(Vec2::splat(200.0));
    let span = (max - min).max(Vec2::splat(50.0));
    let scale = (span.x / usable.x).max(span.y / usable.y) * 1.3;
    if let Ok((mut t, mut proj)) = camera.single_mut() {
        let centre = (min + max) / 2.0;
        // The left panel is wider than the right one and counters stand to the right of their places: shift the view.
        t.translation = Vec3::new(centre.x + 15.0 * scale, centre.y - 10.0 * scale, 0.0);
        if let bevy::camera::Projection::Orthographic(o) = &mut *proj {
            o.scale = scale;
        }
    }
}

fn keep_screen_size(
    camera: Query<Ref<bevy::camera::Projection>, With<Camera2d>>,
    mut q: Query<&mut Transform, With<ScreenSized>>,
    added: Query<(), Added<ScreenSized>>,
) {
    let Ok(proj) = camera.single() else { return };
    if !proj.is_changed() && added.is_empty() {
        return;
    }
    let scale = camera_scale(&proj);
    for mut t in q.iter_mut() {
        t.scale = Vec3::splat(scale);
    }
}

/// Drag with the left or middle button or use the arrow keys to pan; the wheel zooms.
fn pan_and_zoom(
    mut camera: Query<(&mut Transform, &mut bevy::camera::Projection), With<Camera2d>>,
    buttons: Res<ButtonInput<MouseButton>>,
    keys: Res<ButtonInput<KeyCode>>,
    motion: Res<AccumulatedMouseMotion>,
    scroll: Res<AccumulatedMouseScroll>,
    focus: Res<UiFocus>,
    time: Res<Time>,
) {
    let Ok((mut t, mut proj)) = camera.single_mut() else {
        return;
    };
    let scale = camera_scale(&proj);
    if !focus.pointer {
        if (buttons.pressed(MouseButton::Left) || buttons.pressed(MouseButton::Middle))
            && motion.delta != Vec2::ZERO
        {
            t.translation.x -= motion.delta.x * scale;
            t.translation.y += motion.delta.y * scale;
        }
        if scroll.delta.y != 0.0
            && let bevy::camera::Projection::Orthographic(o) = &mut *proj
        {
            o.scale = (o.scale * 0.9f32.powf(scroll.delta.y.signum())).clamp(0.05, 50.0);
        }
    }
    if !focus.keyboard {
        let mut d = Vec2::ZERO;
        for (k, v) in [
            (KeyCode::ArrowLeft, -Vec2::X),
            (KeyCode::ArrowRight, Vec2::X),
            (KeyCode::ArrowUp, Vec2::Y),
            (KeyCode::ArrowDown, -Vec2::Y),
        ] {
            if keys.pressed(k) {
                d += v;
            }
        }
        if d != Vec2::ZERO {
            let step = 600.0 * scale * time.delta_secs().min(0.1);
            t.translation += (d * step).extend(0.0);
        }
    }
}
