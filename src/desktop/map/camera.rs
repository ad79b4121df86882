//! The camera: the opening view fits the scenario's armies, their counters
//! and their places' names into the part of the window the panels leave
//! free, and is fitted again while that part changes until the player takes
//! the view; dragging or the arrow keys pan, the wheel zooms toward the
//! pointer. Markers that keep their size on screen whatever the zoom carry
//! [`ScreenSized`].
//!
//! A resized window ([`refit`]) fits the view again when the player has not
//! panned or zoomed since it was last fitted: the armies stay framed, as they
//! were before. Once the player has, it keeps their zoom and the point of the
//! map at the middle of the free part where it was, so their view stays
//! theirs. A panel that widens after the first input moves nothing.

use bevy::input::mouse::{AccumulatedMouseMotion, AccumulatedMouseScroll};
use bevy::prelude::*;
use bevy::window::PrimaryWindow;

use super::layout::map_layout;
use super::{MapView, army_world, camera_scale, projection_for, region_world, world};
use crate::desktop::UiFocus;
use crate::desktop::hud::UiZoom;
use crate::desktop::menus::Menu;
use crate::desktop::screens::InGame;
use crate::desktop::session::Session;
use crate::geo::Projection;
use crate::rules::movement::nearest_region;
use crate::scenario::model::{ArmyId, RegionId};

/// Keeps its size on screen whatever the zoom.
#[derive(Component)]
pub struct ScreenSized;

/// The scale of a marker that keeps its size on screen at `scale` world
/// units a pixel. Only its breadth and height follow the zoom; the depths
/// its parts are drawn at do not. Bevy draws a transparent mesh (the pale
/// plate under a place's name) in the order of the depth it had when it was
/// queued, while words are ordered by their depth of the moment: a plate
/// whose depth shrank with the zoom came to be drawn over its name once the
/// player had zoomed in, and the name showed faded through it.
pub fn screen_scale(scale: f32) -> Vec3 {
    Vec3::new(scale, scale, 1.0)
}

/// The zoom's bounds, in world units (km) a pixel.
const SCALES: (f32, f32) = (0.05, 50.0);
/// The opening view shows at least this much of the map, in km.
const LEAST_SPAN: f32 = 150.0;
/// Armies closer together than this (km) open with the places around them in view.
pub const NEAR: f32 = 300.0;
/// How many roads out from the player's armies those places are.
const AROUND: usize = 2;

/// What the camera shows: the world point at the window's centre, world
/// units a pixel, and the window's size in pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    pub centre: Vec2,
    pub scale: f32,
    pub window: Vec2,
}

impl View {
    /// Where a world point is in the window (pixels, y down).
    pub fn to_screen(&self, w: Vec2) -> Vec2 {
        let d = (w - self.centre) / self.scale;
        Vec2::new(self.window.x / 2.0 + d.x, self.window.y / 2.0 - d.y)
    }

    /// The world point at a point of the window.
    pub fn to_world(&self, s: Vec2) -> Vec2 {
        let d = Vec2::new(s.x - self.window.x / 2.0, self.window.y / 2.0 - s.y);
        self.centre + d * self.scale
    }

    /// The same zoom in a window of size `window`, with the map's point that
    /// was at the middle of `from` (window pixels) at the middle of `to`.
    pub fn kept(&self, from: Rect, to: Rect, window: Vec2) -> View {
        let middle = self.to_world(from.center());
        let mut v = View { window, ..*self };
        v.centre += middle - v.to_world(to.center());
        v
    }

    /// Zoomed to `scale`, keeping the world point under `pointer` (window pixels) where it is.
    pub fn zoomed_at(&self, pointer: Vec2, scale: f32) -> View {
        let under = self.to_world(pointer);
        let mut v = View { scale, ..*self };
        v.centre += under - v.to_world(pointer);
        v
    }
}

/// The view that shows every army on the map, with its counter and its
/// place's name, inside `free` (window pixels, y down) of a window of size
/// `window`, at the interface scale `ui`. Where the armies shown stand
/// closer together than [`NEAR`], the places up to two roads from the
/// player's armies are shown too, with their names, so the player sees
/// where they can march.
pub fn fit(session: &Session, p: &Projection, free: Rect, window: Vec2, ui: f32) -> View {
    let s = session.game.scenario();
    let st = session.game.state();
    let shown: Vec<ArmyId> = (0..st.armies.len())
        .map(|i| ArmyId(i as u16))
        .filter(|a| session.shows(*a))
        .collect();
    let mut points: Vec<Vec2> = shown.iter().map(|a| army_world(session, p, *a)).collect();
    let spread = |points: &[Vec2]| {
        let lo = points.iter().copied().fold(Vec2::MAX, Vec2::min);
        let hi = points.iter().copied().fold(Vec2::MIN, Vec2::max);
        (hi - lo).max_element()
    };
    // The places in view with their names: the armies', and those around the player's.
    let mut places: Vec<RegionId> = Vec::new();
    if points.is_empty() || spread(&points) < NEAR {
        places = shown
            .iter()
            .filter(|a| session.is_mine(**a))
            .map(|a| nearest_region(s, st.army(*a).pos))
            .collect();
        for _ in 0..AROUND {
            for rt in &s.routes {
                for (here, there) in [(rt.a, rt.b), (rt.b, rt.a)] {
                    if places.contains(&here) && !places.contains(&there) {
                        places.push(there);
                    }
                }
            }
        }
        points.extend(places.iter().map(|r| region_world(s, p, *r)));
    }
    if points.is_empty() {
        points = s.regions.iter().map(|r| world(p, r.lat, r.lon)).collect();
    }
    let margin = 12.0 * ui;
    let room = (free.size() - Vec2::splat(2.0 * margin)).max(Vec2::splat(100.0));
    let spot = Rect::from_center_size(points[0], Vec2::ZERO);
    let span = points.iter().fold(spot, |r, p| r.union_point(*p)).size();
    // What the view must hold at a zoom: the armies, their counters, their places' names.
    let bounds = |scale: f32| {
        let layout = map_layout(session, p, scale, ui);
        let mut b = points.iter().fold(spot, |r, p| r.union_point(*p));
        for r in layout.counter_rects() {
            b = b.union(r);
        }
        let names = layout.regions.iter().filter(|m| m.label_offset.is_some());
        for (r, mark) in layout.label_rects().into_iter().zip(names) {
            if places.contains(&mark.region)
                || layout.stacks.iter().any(|s| !s.on_road && s.at == mark.at)
            {
                b = b.union(r);
            }
        }
        b
    };
    let fits = |scale: f32| (bounds(scale).size() / scale / room).max_element() <= 1.0;
    // The closest zoom that holds it all: from the armies' span alone, out until it fits, then halved between.
    let mut lo = (span.max(Vec2::splat(LEAST_SPAN)) / room).max_element();
    let mut hi = lo;
    while !fits(hi) && hi < SCALES.1 {
        lo = hi;
        hi *= 1.5;
    }
    if hi > lo {
        for _ in 0..12 {
            let mid = (lo * hi).sqrt();
            if fits(mid) { hi = mid } else { lo = mid }
        }
    }
    let scale = hi;
    let bounds = bounds(scale);
    let scale = scale.clamp(SCALES.0, SCALES.1);
    let c = free.center();
    let centre = bounds.center() - Vec2::new(c.x - window.x / 2.0, window.y / 2.0 - c.y) * scale;
    View {
        centre,
        scale,
        window,
    }
}

/// What a change of the part of the window the panels leave free does to the view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refit {
    /// Fit it anew to the armies.
    Fit,
    /// Keep the zoom and the point at the middle of the free part.
    Keep,
    /// Leave it as it is.
    Stay,
}

/// The free part changed: fit the view again while the player has not yet
/// acted (`acted`: clicked, pressed a key, panned or zoomed) and, when the
/// window was `resized` since they last acted (so also as the panels
/// settle to the new size), while they have not panned or zoomed since it
/// was last fitted (`panned`); a resize after that keeps their view; a
/// panel that changes after an input leaves the view as it is.
pub fn refit(acted: bool, panned: bool, resized: bool) -> Refit {
    match (resized, panned, acted) {
        (true, false, _) | (false, _, false) => Refit::Fit,
        (true, true, _) => Refit::Keep,
        (false, _, true) => Refit::Stay,
    }
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Startup, spawn_camera)
        .add_systems(OnEnter(InGame), first_view)
        .add_systems(
            Update,
            (
                fit_to_the_free_part,
                pan_and_zoom.run_if(in_state(Menu::None)),
            )
                .chain()
                .run_if(in_state(InGame)),
        )
        .add_systems(PostUpdate, keep_screen_size);
}

fn spawn_camera(mut commands: Commands) {
    commands.spawn(Camera2d);
}

type CameraQuery<'w, 's> = Query<
    'w,
    's,
    (
        &'static mut Transform,
        &'static mut bevy::camera::Projection,
    ),
    With<Camera2d>,
>;

fn window_size(window: &Query<&Window, With<PrimaryWindow>>) -> Vec2 {
    window
        .single()
        .map(|w| Vec2::new(w.width(), w.height()))
        .unwrap_or(Vec2::new(1280.0, 720.0))
}

fn apply(camera: &mut CameraQuery, v: View) {
    if let Ok((mut t, mut proj)) = camera.single_mut() {
        t.translation = v.centre.extend(t.translation.z);
        if let bevy::camera::Projection::Orthographic(o) = &mut *proj {
            o.scale = v.scale;
        }
    }
}

/// Before the panels have drawn: fitted to the window less the panels' usual widths.
fn first_view(
    session: Res<Session>,
    zoom: Res<UiZoom>,
    window: Query<&Window, With<PrimaryWindow>>,
    mut camera: CameraQuery,
) {
    let size = window_size(&window);
    let free = Rect::new(
        300.0 * zoom.0,
        30.0 * zoom.0,
        size.x - 300.0 * zoom.0,
        size.y,
    );
    let p = projection_for(session.game.scenario());
    apply(&mut camera, fit(&session, &p, free, size, zoom.0));
}

/// Fits the view again as the panels settle and the window is resized, as
/// [`refit`] decides: until the player first clicks, presses a key, pans or
/// zooms, and on a resize until they pan or zoom.
#[allow(clippy::too_many_arguments)]
fn fit_to_the_free_part(
    session: Res<Session>,
    zoom: Res<UiZoom>,
    window: Query<&Window, With<PrimaryWindow>>,
    buttons: Res<ButtonInput<MouseButton>>,
    keys: Res<ButtonInput<KeyCode>>,
    mut view: ResMut<MapView>,
    mut camera: CameraQuery,
) {
    let size = window_size(&window);
    if buttons.get_just_pressed().next().is_some() || keys.get_just_pressed().next().is_some() {
        view.moved = true;
        view.input_window = Some(size);
    }
    let Some(free) = view.free else { return };
    if view.fitted_to == Some(free) {
        return;
    }
    let was = (view.fitted_to, view.fitted_window);
    let resized = view.input_window.is_some_and(|w| w != size);
    view.fitted_to = Some(free);
    view.fitted_window = Some(size);
    match refit(view.moved, view.panned, resized) {
        Refit::Fit => {
            let p = projection_for(session.game.scenario());
            apply(&mut camera, fit(&session, &p, free, size, zoom.0));
            view.panned = false;
        }
        Refit::Keep => {
            let (Some(from), Some(old)) = was else { return };
            let Ok((t, proj)) = camera.single() else {
                return;
            };
            let now = View {
                centre: t.translation.truncate(),
                scale: camera_scale(proj),
                window: old,
            };
            apply(&mut camera, now.kept(from, free, size));
        }
        Refit::Stay => {}
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
        t.scale = screen_scale(scale);
    }
}

/// Drag with the left or middle button or use the arrow keys to pan; the wheel zooms toward the pointer.
#[allow(clippy::too_many_arguments)]
fn pan_and_zoom(
    mut camera: CameraQuery,
    window: Query<&Window, With<PrimaryWindow>>,
    buttons: Res<ButtonInput<MouseButton>>,
    keys: Res<ButtonInput<KeyCode>>,
    motion: Res<AccumulatedMouseMotion>,
    scroll: Res<AccumulatedMouseScroll>,
    focus: Res<UiFocus>,
    time: Res<Time>,
    mut view: ResMut<MapView>,
) {
    let Ok((t, proj)) = camera.single() else {
        return;
    };
    let size = window_size(&window);
    let mut v = View {
        centre: t.translation.truncate(),
        scale: camera_scale(proj),
        window: size,
    };
    let before = v;
    if !focus.pointer {
        if (buttons.pressed(MouseButton::Left) || buttons.pressed(MouseButton::Middle))
            && motion.delta != Vec2::ZERO
        {
            v.centre += Vec2::new(-motion.delta.x, motion.delta.y) * v.scale;
        }
        if scroll.delta.y != 0.0 {
            let pointer = window
                .single()
                .ok()
                .and_then(|w| w.cursor_position())
                .unwrap_or(size / 2.0);
            let scale = (v.scale * 0.9f32.powf(scroll.delta.y.signum())).clamp(SCALES.0, SCALES.1);
            v = v.zoomed_at(pointer, scale);
        }
    }
    if !focus.keyboard {
        let mut d = Vec2::ZERO;
        for (k, dir) in [
            (KeyCode::ArrowLeft, -Vec2::X),
            (KeyCode::ArrowRight, Vec2::X),
            (KeyCode::ArrowUp, Vec2::Y),
            (KeyCode::ArrowDown, -Vec2::Y),
        ] {
            if keys.pressed(k) {
                d += dir;
            }
        }
        if d != Vec2::ZERO {
            v.centre += d * 600.0 * v.scale * time.delta_secs().min(0.1);
        }
    }
    if v != before {
        view.moved = true;
        view.panned = true;
        view.input_window = Some(size);
        apply(&mut camera, v);
    }
}
