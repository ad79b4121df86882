//! Lines drawn fresh each frame: the routes between regions, rings on the
//! regions the selected army can reach, arrows for the orders given, and a
//! cross on each battlefield of the last turn.

use bevy::prelude::*;

use super::{MapView, army_world, camera_scale, region_world};
use crate::core::order::Order;
use crate::desktop::screens::InGame;
use crate::desktop::session::Session;
use crate::rules::event::Event;
use crate::rules::movement::dijkstra;
use crate::scenario::model::ArmyId;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, draw_routes.run_if(in_state(InGame)));
}

fn draw_routes(
    mut gizmos: Gizmos,
    session: Res<Session>,
    view: Res<MapView>,
    camera: Query<&bevy::camera::Projection, With<Camera2d>>,
) {
    let Some(p) = view.projection else { return };
    let px = camera.single().map_or(1.0, camera_scale);
    let s = session.game.scenario();
    let st = session.game.state();
    for rt in &s.routes {
        let colour = if rt.concealed {
            Color::srgba(0.35, 0.25, 0.15, 0.6)
        } else {
            Color::srgb(0.45, 0.30, 0.18)
        };
        gizmos.line_2d(region_world(s, &p, rt.a), region_world(s, &p, rt.b), colour);
    }
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
                    13.0 * px,
                    Color::srgb(0.1, 0.6, 0.2),
                );
            }
        }
    }
    // Where armies with orders are heading.
    for (i, a) in st.armies.iter().enumerate() {
        let id = ArmyId(i as u16);
        if !a.active() {
            continue;
        }
        if let Some(Order::March { to, .. } | Order::Withdraw { to }) =
            session.orders_of(id).first()
        {
            let colour = if session.pending.contains_key(&id) {
                Color::srgb(0.9, 0.2, 0.1)
            } else {
                Color::srgba(0.2, 0.2, 0.2, 0.7)
            };
            gizmos.arrow_2d(
                army_world(&session, &p, id),
                region_world(s, &p, *to),
                colour,
            );
        }
    }
    // Battles of the last turn.
    for e in &session.last_events {
        if let Event::BattleFought(b) = e
            && let Some(r) = b.region
        {
            let at = region_world(s, &p, r);
            let d = 9.0 * px;
            let red = Color::srgb(0.8, 0.0, 0.0);
            gizmos.line_2d(at + Vec2::new(-d, -d), at + Vec2::new(d, d), red);
            gizmos.line_2d(at + Vec2::new(-d, d), at + Vec2::new(d, -d), red);
        }
    }
}
