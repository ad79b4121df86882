//! The map: the basin's deserts, ranges, rivers and lakes from
//! `assets/map.ron`, the scenario's regions and routes, army counters in
//! faction colours, and the mouse and keys that move the view and give orders.

use bevy::asset::RenderAssetUsages;
use bevy::input::mouse::{AccumulatedMouseMotion, AccumulatedMouseScroll};
use bevy::mesh::{Indices, PrimitiveTopology};
use bevy::prelude::*;
use bevy::window::PrimaryWindow;

use super::Screen;
use super::session::{EndTurn, GiveOrders, SelectArmy, Session, TurnResolved};
use crate::core::order::Order;
use crate::geo::{FeatureKind, Geography, Projection, Shape};
use crate::rules::movement::dijkstra;
use crate::rules::state::Position;
use crate::scenario::model::{ArmyId, RegionId};

/// Everything drawn for the current scenario, removed when it closes.
#[derive(Component)]
pub struct MapEntity;

/// Keeps its size on screen whatever the zoom.
#[derive(Component)]
struct ScreenSized;

#[derive(Component)]
pub struct RegionMarker(pub RegionId);

#[derive(Component)]
pub struct ArmyCounter(pub ArmyId);

/// The map's projection and what the pointer is over, shared with the panels.
#[derive(Resource, Default)]
pub struct MapView {
    pub projection: Option<Projection>,
    pub hovered_region: Option<RegionId>,
    pub hovered_army: Option<ArmyId>,
    /// A region right-clicked, for the order menu, with the screen position.
    pub menu: Option<(RegionId, Vec2)>,
    /// The panels have the pointer: the map ignores clicks.
    pub pointer_on_panels: bool,
    /// The keyboard is taken by a text field.
    pub keyboard_on_panels: bool,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<MapView>()
        .add_systems(Startup, spawn_camera)
        .add_systems(OnEnter(Screen::Playing), build_map)
        .add_systems(OnEnter(Screen::Title), clear_map)
        .add_systems(
            Update,
            (
                refresh_markers,
                pan_and_zoom,
                keep_screen_size,
                pointer,
                keys,
                draw_routes,
            )
                .chain()
                .run_if(resource_exists::<Session>)
                .run_if(not(in_state(Screen::Title))),
        );
}

fn spawn_camera(mut commands: Commands) {
    commands.spawn(Camera2d);
}

fn faction_colour(session: &Session, f: crate::scenario::model::FactionId) -> Color {
    let [r, g, b] = session.game.scenario().factions[f.index()].colour;
    Color::srgb_u8(r, g, b)
}

fn projection_for(session: &Session) -> Projection {
    Projection::around(
        session
            .game
            .scenario()
            .regions
            .iter()
            .map(|r| (r.lat, r.lon)),
    )
}

fn world(p: &Projection, lat: f64, lon: f64) -> Vec2 {
    let (x, y) = p.project(lat, lon);
    Vec2::new(x as f32, y as f32)
}

/// Where an army's counter stands.
pub fn army_world(session: &Session, p: &Projection, a: ArmyId) -> Vec2 {
    let s = &session.game.scenario();
    match session.game.state().army(a).pos {
        Position::At(r) => world(p, s.regions[r.index()].lat, s.regions[r.index()].lon),
        Position::Road { route, from, km } => {
            let rt = &s.routes[route.index()];
            let to = rt.other(from);
            let a = world(p, s.regions[from.index()].lat, s.regions[from.index()].lon);
            let b = world(p, s.regions[to.index()].lat, s.regions[to.index()].lon);
            a.lerp(b, (km / rt.km).clamp(0.0, 1.0) as f32)
        }
    }
}

fn clear_map(mut commands: Commands, q: Query<Entity, With<MapEntity>>) {
    for e in &q {
        commands.entity(e).despawn();
    }
}

fn polygon_mesh(points: &[Vec2]) -> Mesh {
    // A fan from the centre: the shapes are drawn roughly star-shaped around it.
    let c = points.iter().copied().sum::<Vec2>() / points.len().max(1) as f32;
    let mut pos = vec![[c.x, c.y, 0.0]];
    pos.extend(points.iter().map(|p| [p.x, p.y, 0.0]));
    let n = points.len() as u32;
    let mut idx = Vec::new();
    for i in 0..n {
        idx.extend([0, 1 + i, 1 + (i + 1) % n]);
    }
    Mesh::new(
        PrimitiveTopology::TriangleList,
        RenderAssetUsages::default(),
    )
    .with_inserted_attribute(Mesh::ATTRIBUTE_POSITION, pos)
    .with_inserted_indices(Indices::U32(idx))
}

fn band_mesh(path: &[Vec2], width: f32) -> Mesh {
    let mut pos = Vec::new();
    let mut idx = Vec::new();
    for (i, w) in path.windows(2).enumerate() {
        let d = (w[1] - w[0]).normalize_or_zero();
        let n = Vec2::new(-d.y, d.x) * width / 2.0;
        let base = (i * 4) as u32;
        for p in [w[0] + n, w[0] - n, w[1] + n, w[1] - n] {
            pos.push([p.x, p.y, 0.0]);
        }
        idx.extend([base, base + 1, base + 2, base + 1, base + 3, base + 2]);
    }
    Mesh::new(
        PrimitiveTopology::TriangleList,
        RenderAssetUsages::default(),
    )
    .with_inserted_attribute(Mesh::ATTRIBUTE_POSITION, pos)
    .with_inserted_indices(Indices::U32(idx))
}

/// Draws the land and fits the view to the scenario's regions.
fn build_map(
    mut commands: Commands,
    session: Res<Session>,
    mut view: ResMut<MapView>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<ColorMaterial>>,
    old: Query<Entity, With<MapEntity>>,
    mut camera: Query<(&mut Transform, &mut bevy::camera::Projection), With<Camera2d>>,
    window: Query<&Window, With<PrimaryWindow>>,
) {
    for e in &old {
        commands.entity(e).despawn();
    }
    let p = projection_for(&session);
    view.projection = Some(p);
    view.menu = None;
    if let Ok(geo) = Geography::shipped() {
        for f in &geo.features {
            let (colour, z) = match f.kind {
                FeatureKind::Desert => (Color::srgb(0.90, 0.82, 0.62), -5.0),
                FeatureKind::Mountains => (Color::srgb(0.62, 0.56, 0.48), -4.0),
                FeatureKind::Lowland => (Color::srgb(0.84, 0.74, 0.55), -4.5),
                FeatureKind::Lake => (Color::srgb(0.45, 0.62, 0.78), -3.0),
                FeatureKind::River => (Color::srgb(0.45, 0.62, 0.78), -3.5),
            };
            let pts =
                |v: &Vec<(f64, f64)>| v.iter().map(|(a, b)| world(&p, *a, *b)).collect::<Vec<_>>();
            let mesh = match &f.shape {
                Shape::Area(v) => polygon_mesh(&pts(v)),
                Shape::Band { width_deg, path } => {
                    band_mesh(&pts(path), (*width_deg * 111.2) as f32)
                }
                Shape::Line(v) => band_mesh(&pts(v), 6.0),
            };
            commands.spawn((
                MapEntity,
                Mesh2d(meshes.add(mesh)),
                MeshMaterial2d(materials.add(colour)),
                Transform::from_xyz(0.0, 0.0, z),
            ));
        }
    }
    // Fit the view to the regions, leaving room for the panels.
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
    spawn_markers(&mut commands, &session, &p, &mut meshes, &mut materials);
}

fn spawn_markers(
    commands: &mut Commands,
    session: &Session,
    p: &Projection,
    meshes: &mut Assets<Mesh>,
    materials: &mut Assets<ColorMaterial>,
) {
    let s = &session.game.scenario();
    let neutral = Color::srgb(0.55, 0.55, 0.55);
    for (i, r) in s.regions.iter().enumerate() {
        let at = world(p, r.lat, r.lon);
        let control = session.game.state().regions[i].control;
        let colour = control.map_or(neutral, |f| faction_colour(session, f));
        let walled = r.walls != crate::scenario::raw::Walls::None;
        let radius = if walled { 8.0 } else { 5.0 };
        let mut e = commands.spawn((
            MapEntity,
            RegionMarker(RegionId(i as u16)),
            ScreenSized,
            Transform::from_xyz(at.x, at.y, 1.0),
            Visibility::default(),
        ));
        e.with_children(|c| {
            if walled {
                c.spawn((
                    Mesh2d(meshes.add(Circle::new(radius + 2.5))),
                    MeshMaterial2d(materials.add(Color::srgb(0.15, 0.12, 0.1))),
                    Transform::from_xyz(0.0, 0.0, 0.0),
                ));
            }
            c.spawn((
                Mesh2d(meshes.add(Circle::new(radius))),
                MeshMaterial2d(materials.add(colour)),
                Transform::from_xyz(0.0, 0.0, 0.1),
            ));
            let seat = session
                .game
                .state()
                .seats
                .iter()
                .find(|(_, at)| at.index() == i)
                .map(|(name, _)| name.clone());
            let label = match seat {
                Some(seat) => format!("{} ({} seat)", r.name, capitalised(&seat)),
                None => r.name.clone(),
            };
            c.spawn((
                Text2d::new(label),
                TextFont {
                    font_size: FontSize::Px(15.0),
                    ..default()
                },
                TextColor(Color::srgb(0.12, 0.10, 0.08)),
                Transform::from_xyz(0.0, -radius - 11.0, 0.2),
            ));
        });
    }
    // March times for the selected army to every region it can reach.
    if let Some(sel) = session
        .selected
        .filter(|a| session.is_mine(*a) && session.game.state().army(*a).active())
    {
        let army = session.game.state().army(sel);
        let from = crate::rules::movement::nearest_region(s, army.pos);
        let best = dijkstra(s, &session.game.rules(), army, from);
        for (i, r) in s.regions.iter().enumerate() {
            let days = best[i].0;
            if days.is_finite() && days > 0.0 {
                let at = world(p, r.lat, r.lon);
                commands.spawn((
                    MapEntity,
                    RegionMarker(RegionId(i as u16)),
                    ScreenSized,
                    Transform::from_xyz(at.x, at.y, 2.0),
                    Visibility::default(),
                    children![(
                        Text2d::new(format!("{:.0} d", days.ceil())),
                        TextFont {
                            font_size: FontSize::Px(13.0),
                            ..default()
                        },
                        TextColor(Color::srgb(0.05, 0.45, 0.15)),
                        Transform::from_xyz(-24.0, 10.0, 0.3),
                    )],
                ));
            }
        }
    }
    // Army counters: a block in the faction's colour with the strength and the commander.
    let mut stacked: std::collections::HashMap<(i32, i32), f32> = std::collections::HashMap::new();
    for (i, a) in session.game.state().armies.iter().enumerate() {
        if !a.active() {
            continue;
        }
        let id = ArmyId(i as u16);
        let at = army_world(session, p, id);
        let key = ((at.x / 5.0) as i32, (at.y / 5.0) as i32);
        let slot = stacked.entry(key).or_insert(0.0);
        let offset = *slot;
        *slot += 1.0;
        let colour = faction_colour(session, a.faction);
        let selected = session.selected == Some(id);
        let label = counter_label(session, id);
        let w = counter_width(&label);
        commands
            .spawn((
                MapEntity,
                ArmyCounter(id),
                ScreenSized,
                Transform::from_xyz(at.x, at.y, 5.0 + offset * 0.01),
                Visibility::default(),
            ))
            .with_children(|c| {
                let y = 18.0 + offset * 21.0;
                if selected {
                    c.spawn((
                        Mesh2d(meshes.add(Rectangle::new(w + 5.0, 23.0))),
                        MeshMaterial2d(materials.add(Color::srgb(1.0, 0.95, 0.3))),
                        Transform::from_xyz(w / 2.0 + 4.0, y, 0.0),
                    ));
                }
                c.spawn((
                    Mesh2d(meshes.add(Rectangle::new(w, 18.0))),
                    MeshMaterial2d(materials.add(colour)),
                    Transform::from_xyz(w / 2.0 + 4.0, y, 0.1),
                ));
                c.spawn((
                    Text2d::new(label),
                    TextFont {
                        font_size: FontSize::Px(11.0),
                        ..default()
                    },
                    TextColor(Color::WHITE),
                    Transform::from_xyz(w / 2.0 + 4.0, y, 0.2),
                ));
            });
    }
}

/// The words on an army's counter: its strength and its commander (or its name), with marks.
fn counter_label(session: &Session, id: ArmyId) -> String {
    let a = session.game.state().army(id);
    let mut who = a.commander.map_or(a.name.clone(), |c| {
        session.game.scenario().commanders[c.index()].name.clone()
    });
    if who.chars().count() > 20 {
        who = who.chars().take(18).collect::<String>() + "...";
    }
    let mut label = format!("{} {}", thousands(a.strength()), who);
    if a.routed {
        label.push_str(" (routed)");
    }
    if session.pending.contains_key(&id) {
        label.push_str(" *");
    }
    label
}

/// Width in pixels of a counter for its label.
fn counter_width(label: &str) -> f32 {
    label.chars().count() as f32 * 6.8 + 10.0
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or(String::new(), |f| {
        f.to_uppercase().collect::<String>() + c.as_str()
    })
}

/// 12345 as "12,345".
pub fn thousands(n: u32) -> String {
    let d = n.to_string();
    let mut out = String::new();
    for (i, c) in d.chars().enumerate() {
        if i > 0 && (d.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Redraws the regions and counters when the game changes.
fn refresh_markers(
    mut commands: Commands,
    session: Res<Session>,
    view: Res<MapView>,
    markers: Query<Entity, Or<(With<RegionMarker>, With<ArmyCounter>)>>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<ColorMaterial>>,
    mut resolved: MessageReader<TurnResolved>,
) {
    let turned = resolved.read().count() > 0;
    if !(session.is_changed() || turned) || session.is_added() {
        return;
    }
    let Some(p) = view.projection else { return };
    for e in &markers {
        commands.entity(e).despawn();
    }
    spawn_markers(&mut commands, &session, &p, &mut meshes, &mut materials);
}

fn camera_scale(proj: &bevy::camera::Projection) -> f32 {
    match proj {
        bevy::camera::Projection::Orthographic(o) => o.scale,
        _ => 1.0,
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
    view: Res<MapView>,
    time: Res<Time>,
) {
    let Ok((mut t, mut proj)) = camera.single_mut() else {
        return;
    };
    let scale = camera_scale(&proj);
    if !view.pointer_on_panels {
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
    if !view.keyboard_on_panels {
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

/// What the pointer is over; clicks select armies and order marches; a right click opens the order menu.
#[allow(clippy::too_many_arguments)]
fn pointer(
    window: Query<&Window, With<PrimaryWindow>>,
    camera: Query<(&Camera, &GlobalTransform, &bevy::camera::Projection), With<Camera2d>>,
    buttons: Res<ButtonInput<MouseButton>>,
    motion: Res<AccumulatedMouseMotion>,
    mut view: ResMut<MapView>,
    session: Res<Session>,
    mut select: MessageWriter<SelectArmy>,
    mut give: MessageWriter<GiveOrders>,
    mut dragged: Local<f32>,
) {
    let (Ok(w), Ok((cam, gt, proj))) = (window.single(), camera.single()) else {
        return;
    };
    let Some(p) = view.projection else { return };
    let Some(cursor) = w.cursor_position() else {
        return;
    };
    let Ok(at) = cam.viewport_to_world_2d(gt, cursor) else {
        return;
    };
    if view.pointer_on_panels {
        return;
    }
    let scale = camera_scale(proj);
    // The nearest counter (counters stand above and to the right of their place) or region.
    let mut army = None;
    let mut best = f32::MAX;
    let mut stacked: std::collections::HashMap<(i32, i32), f32> = std::collections::HashMap::new();
    for (i, a) in session.game.state().armies.iter().enumerate() {
        if !a.active() {
            continue;
        }
        let id = ArmyId(i as u16);
        let base = army_world(&session, &p, id);
        let key = ((base.x / 5.0) as i32, (base.y / 5.0) as i32);
        let slot = stacked.entry(key).or_insert(0.0);
        let w = counter_width(&counter_label(&session, id));
        let centre = base + Vec2::new(w / 2.0 + 4.0, 18.0 + *slot * 21.0) * scale;
        *slot += 1.0;
        let d = (at - centre).abs();
        if d.x < w / 2.0 * scale && d.y < 9.0 * scale && d.length() < best {
            best = d.length();
            army = Some(id);
        }
    }
    let region = session
        .game
        .scenario()
        .regions
        .iter()
        .enumerate()
        .map(|(i, r)| (RegionId(i as u16), world(&p, r.lat, r.lon).distance(at)))
        .filter(|(_, d)| *d < 16.0 * scale)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(r, _)| r);
    view.hovered_army = army;
    view.hovered_region = if army.is_some() { None } else { region };
    if buttons.just_pressed(MouseButton::Left) {
        *dragged = 0.0;
    }
    if buttons.pressed(MouseButton::Left) {
        *dragged += motion.delta.length();
    }
    if buttons.just_released(MouseButton::Left) && *dragged < 4.0 {
        view.menu = None;
        if let Some(a) = army {
            select.write(SelectArmy(Some(a)));
        } else if let (Some(r), Some(sel)) = (region, session.selected)
            && session.is_mine(sel)
        {
            give.write(GiveOrders {
                army: sel,
                orders: vec![Order::March { to: r, via: vec![] }],
            });
        } else if region.is_none() {
            select.write(SelectArmy(None));
        }
    }
    if buttons.just_pressed(MouseButton::Right) {
        view.menu = region
            .or_else(|| army.and_then(|a| session.game.state().army(a).region()))
            .map(|r| (r, cursor));
    }
}

/// Space ends the turn, Tab cycles through the player's armies.
fn keys(
    keys: Res<ButtonInput<KeyCode>>,
    view: Res<MapView>,
    session: Res<Session>,
    mut end: MessageWriter<EndTurn>,
    mut select: MessageWriter<SelectArmy>,
    state: Res<State<Screen>>,
) {
    if view.keyboard_on_panels || *state.get() != Screen::Playing {
        return;
    }
    if keys.just_pressed(KeyCode::Space) {
        end.write(EndTurn);
    }
    if keys.just_pressed(KeyCode::Tab) {
        let mine: Vec<ArmyId> = (0..session.game.state().armies.len())
            .map(|i| ArmyId(i as u16))
            .filter(|a| session.game.state().army(*a).active() && session.is_mine(*a))
            .collect();
        if !mine.is_empty() {
            let next = match session
                .selected
                .and_then(|s| mine.iter().position(|a| *a == s))
            {
                Some(i) => mine[(i + 1) % mine.len()],
                None => mine[0],
            };
            select.write(SelectArmy(Some(next)));
        }
    }
}

/// Routes, with march times for the selected army, and the paths of orders given.
fn draw_routes(
    mut gizmos: Gizmos,
    session: Res<Session>,
    view: Res<MapView>,
    camera: Query<&bevy::camera::Projection, With<Camera2d>>,
) {
    let Some(p) = view.projection else { return };
    let px = camera.single().map_or(1.0, camera_scale);
    let s = &session.game.scenario();
    let reach = session
        .selected
        .filter(|a| session.is_mine(*a) && session.game.state().army(*a).region().is_some())
        .map(|a| {
            let army = session.game.state().army(a);
            (
                a,
                dijkstra(
                    s,
                    &session.game.rules(),
                    army,
                    army.region().unwrap_or(RegionId(0)),
                ),
            )
        });
    for rt in &s.routes {
        let a = world(&p, s.regions[rt.a.index()].lat, s.regions[rt.a.index()].lon);
        let b = world(&p, s.regions[rt.b.index()].lat, s.regions[rt.b.index()].lon);
        let colour = if rt.concealed {
            Color::srgba(0.35, 0.25, 0.15, 0.6)
        } else {
            Color::srgb(0.45, 0.30, 0.18)
        };
        gizmos.line_2d(a, b, colour);
    }
    if let Some((_, best)) = &reach {
        for (i, r) in s.regions.iter().enumerate() {
            if best[i].0.is_finite() && best[i].0 > 0.0 {
                let at = world(&p, r.lat, r.lon);
                gizmos.circle_2d(
                    Isometry2d::from_translation(at),
                    13.0 * px,
                    Color::srgb(0.1, 0.6, 0.2),
                );
            }
        }
    }
    // Where armies with orders are heading.
    for (i, a) in session.game.state().armies.iter().enumerate() {
        let id = ArmyId(i as u16);
        if !a.active() {
            continue;
        }
        let orders = session.orders_of(id);
        if let Some(Order::March { to, .. } | Order::Withdraw { to }) = orders.first() {
            let from = army_world(&session, &p, id);
            let r = &s.regions[to.index()];
            let colour = if session.pending.contains_key(&id) {
                Color::srgb(0.9, 0.2, 0.1)
            } else {
                Color::srgba(0.2, 0.2, 0.2, 0.7)
            };
            gizmos.arrow_2d(from, world(&p, r.lat, r.lon), colour);
        }
    }
    // Battles of the last turn.
    for e in &session.last_events {
        if let crate::rules::event::Event::BattleFought(b) = e
            && let Some(r) = b.region
        {
            let at = world(&p, s.regions[r.index()].lat, s.regions[r.index()].lon);
            let d = 9.0 * px;
            gizmos.line_2d(
                at + Vec2::new(-d, -d),
                at + Vec2::new(d, d),
                Color::srgb(0.8, 0.0, 0.0),
            );
            gizmos.line_2d(
                at + Vec2::new(-d, d),
                at + Vec2::new(d, -d),
                Color::srgb(0.8, 0.0, 0.0),
            );
        }
    }
}
