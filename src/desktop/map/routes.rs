//! The roads between regions, drawn once as the game opens as thin blocks
//! under the markers (their width kept in pixels whatever the zoom; a track
//! that turns a position dashed and green); and
//! lines drawn fresh each frame over them: rings on the regions the selected
//! army can reach, arrows along the roads the orders given will take, and
//! for a counter the layout put away from its place a line back to it (and
//! a dot, on a road).

use bevy::prelude::*;

use super::layout::MapLayout;
use super::marches::Marches;
use super::{MapView, camera_scale, position_world, projection_for, region_world};
use crate::core::order::Order;
use crate::desktop::hud::UiZoom;
use crate::desktop::screens::InGame;
use crate::desktop::session::Session;
use crate::game::routes::{chase_path, planned_path};
use crate::geo::Projection;
use crate::rules::movement::dijkstra;
use crate::scenario::model::ArmyId;

/// The colour of a track that turns a position (`Route::turns`), drawn
/// dashed; the legend shows it when the scenario has one.
pub(super) const TRACK_COLOUR: Color = Color::srgb(0.30, 0.45, 0.20);
/// The dashes of such a track.
const TRACK_DASHES: usize = 6;

/// A road's block, `width` pixels wide.
#[derive(Component)]
struct Road {
    width: f32,
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(InGame), lay_roads)
        .add_systems(Update, draw_routes.run_if(in_state(InGame)))
        .add_systems(PostUpdate, keep_road_width.run_if(in_state(InGame)));
}

fn lay_roads(
    mut commands: Commands,
    session: Res<Session>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<ColorMaterial>>,
) {
    let s = session.game.scenario();
    let p = projection_for(s);
    let square = meshes.add(Rectangle::new(1.0, 1.0));
    let open = materials.add(Color::srgb(0.42, 0.28, 0.16));
    let hidden = materials.add(Color::srgba(0.35, 0.25, 0.15, 0.55));
    let track = materials.add(TRACK_COLOUR);
    for rt in &s.routes {
        let (a, b) = (region_world(s, &p, rt.a), region_world(s, &p, rt.b));
        let d = b - a;
        if rt.turns.is_some() {
            // A track that turns a position: dashed, in the heights' green.
            let dash = d / (2 * TRACK_DASHES - 1) as f32;
            for i in 0..TRACK_DASHES {
                let from = a + dash * (2 * i) as f32;
                commands.spawn((
                    DespawnOnExit(InGame),
                    Road { width: 2.0 },
                    Mesh2d(square.clone()),
                    MeshMaterial2d(track.clone()),
                    Transform::from_translation((from + dash / 2.0).extend(0.5))
                        .with_rotation(Quat::from_rotation_z(d.y.atan2(d.x)))
                        .with_scale(Vec3::new(dash.length(), 1.0, 1.0)),
                ));
            }
            continue;
        }
        commands.spawn((
            DespawnOnExit(InGame),
            Road {
                width: if rt.concealed { 1.5 } else { 2.0 },
            },
            Mesh2d(square.clone()),
            MeshMaterial2d(if rt.concealed { &hidden } else { &open }.clone()),
            Transform::from_translation(((a + b) / 2.0).extend(0.5))
                .with_rotation(Quat::from_rotation_z(d.y.atan2(d.x)))
                .with_scale(Vec3::new(d.length(), 1.0, 1.0)),
        ));
    }
}

/// Roads keep their width in pixels as the zoom and the interface's scale change.
fn keep_road_width(
    camera: Query<&bevy::camera::Projection, With<Camera2d>>,
    zoom: Res<UiZoom>,
    mut roads: Query<(&Road, &mut Transform)>,
) {
    let px = camera.single().map_or(1.0, camera_scale) * zoom.0;
    for (road, mut t) in &mut roads {
        let w = road.width * px;
        if t.scale.y != w {
            t.scale.y = w;
        }
    }
}

fn draw_routes(
    mut gizmos: Gizmos,
    session: Res<Session>,
    view: Res<MapView>,
    layout: Res<MapLayout>,
    marches: Res<Marches>,
    camera: Query<&bevy::camera::Projection, With<Camera2d>>,
) {
    let Some(p) = view.projection else { return };
    let px = camera.single().map_or(1.0, camera_scale);
    let s = session.game.scenario();
    let st = session.game.state();
    // Rings on the regions the selected army can reach.
    if let Some(a) = session.selected.filter(|a| session.is_mine(*a))
        && let Some(from) = st.army(a).region()
    {
        let best = dijkstra(s, session.game.rules(), st.army(a), from);
        for (i, (days, _)) in best.iter().enumerate() {
            if days.is_finite() && *days > 0.0 {
                let at = region_world(s, &p, crate::scenario::model::RegionId(i as u16));
                gizmos.circle_2d(
                    Isometry2d::from_translation(at),
                    13.0 * layout.ui * px,
                    Color::srgb(0.1, 0.6, 0.2),
                );
            }
        }
    }
    // Where armies with orders are heading, along the roads they will take.
    for (i, a) in st.armies.iter().enumerate() {
        let id = ArmyId(i as u16);
        if !a.active() {
            continue;
        }
        let line = order_arrow(&session, &p, id);
        if let [.., tail, head] = line[..] {
            let colour = if session.pending.contains_key(&id) {
                Color::srgb(0.9, 0.2, 0.1)
            } else {
                Color::srgba(0.2, 0.2, 0.2, 0.7)
            };
            gizmos.linestrip_2d(line[..line.len() - 1].iter().copied(), colour);
            // The head stops at the edge of the region's disc, not under it.
            let len = tail.distance(head);
            let short = layout
                .regions
                .iter()
                .find(|m| m.at.distance(head) < 1e-3)
                .map_or(0.0, |m| (m.radius + 1.0) * px);
            let head = if len > 2.0 * short {
                head + (tail - head) / len * short
            } else {
                head
            };
            let tip = (12.0 * layout.ui * px).min(tail.distance(head) * 0.8);
            gizmos.arrow_2d(tail, head, colour).with_tip_length(tip);
        }
    }
    // Counters away from their places (not while a march runs them along the roads).
    let ink = Color::srgb(0.1, 0.08, 0.06);
    for st in &layout.stacks {
        if st.detached(layout.ui) && marches.shift(&st.armies) == Vec2::ZERO {
            let rect = st.rect(px);
            let end = st.at.clamp(rect.min, rect.max);
            gizmos.line_2d(st.at, end, ink);
            if st.on_road {
                gizmos.circle_2d(
                    Isometry2d::from_translation(st.at),
                    3.0 * layout.ui * px,
                    ink,
                );
            }
        }
    }
}

/// The points of the arrow drawn for an army's first order, in world
/// units: from the army along each road its march takes to where the order
/// ends, as [`planned_path`] reads them off the rules. Empty for an order
/// that does not move it, or another side's (which the player is not shown).
/// A chase after an enemy out of sight heads for where it was last seen.
pub fn order_arrow(session: &Session, p: &Projection, a: ArmyId) -> Vec<Vec2> {
    let Some(order) = session.orders_of(a).into_iter().next() else {
        return Vec::new();
    };
    let (s, rules, st) = (
        session.game.scenario(),
        session.game.rules(),
        session.game.state(),
    );
    let path = match &order {
        Order::Attack { target, .. } | Order::Pursue { target } | Order::Harry { target }
            if !session.shows(*target) =>
        {
            match session.last_sightings().iter().find(|(t, _)| t == target) {
                Some((_, seen)) => chase_path(s, rules, st.army(a), seen.pos),
                None => Vec::new(),
            }
        }
        _ => planned_path(s, rules, st, a, &order),
    };
    if path.len() < 2 {
        return Vec::new();
    }
    let mut out: Vec<Vec2> = path.iter().map(|x| position_world(s, p, *x)).collect();
    out.dedup();
    if out.len() < 2 { Vec::new() } else { out }
}
