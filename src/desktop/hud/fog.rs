//! Over the map, where the player last saw each enemy army now out of
//! sight: a faded mark with its commander's name and the turn, to the
//! left of the place, clear of the counters and the name; more on hover. Painted by egui into
//! the part of the window the panels leave free.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::{Hud, HudArea};
use crate::desktop::map::{MapView, region_world};
use crate::desktop::names::thousands;
use crate::desktop::session::Session;
use crate::geo::Projection;
use crate::rules::state::Position;
use crate::scenario::Scenario;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        last_seen
            .in_set(Hud::Windows)
            .run_if(resource_exists::<MapView>),
    );
}

/// Where a position stands on the map, in world units.
fn world_at(s: &Scenario, p: &Projection, pos: Position) -> Vec2 {
    match pos {
        Position::At(r) => region_world(s, p, r),
        Position::Road { route, from, km } => {
            let rt = &s.routes[route.index()];
            let a = region_world(s, p, from);
            let b = region_world(s, p, rt.other(from));
            a.lerp(b, (km / rt.km).clamp(0.0, 1.0) as f32)
        }
    }
}

fn last_seen(
    mut contexts: EguiContexts,
    session: Res<Session>,
    view: Res<MapView>,
    area: Res<HudArea>,
    camera: Query<(&Camera, &GlobalTransform), With<Camera2d>>,
) -> Result {
    let Some(p) = view.projection else {
        return Ok(());
    };
    let Ok((camera, at)) = camera.single() else {
        return Ok(());
    };
    let lost = session.last_sightings();
    if lost.is_empty() {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    let zoom = ctx.zoom_factor();
    let painter = ctx
        .layer_painter(egui::LayerId::background())
        .with_clip_rect(area.0);
    let s = session.game.scenario();
    let st = session.game.state();
    let hover = ctx.pointer_hover_pos();
    // Marks at one place stack downwards.
    let mut placed: Vec<(egui::Pos2, u32)> = Vec::new();
    for (a, seen) in lost {
        let world = world_at(s, &p, seen.pos);
        let Ok(px) = camera.world_to_viewport(at, world.extend(0.0)) else {
            continue;
        };
        let place = egui::pos2(px.x / zoom, px.y / zoom);
        let n = placed
            .iter_mut()
            .find(|(q, _)| q.distance(place) < 1.0)
            .map(|(_, n)| {
                *n += 1;
                *n
            })
            .unwrap_or_else(|| {
                placed.push((place, 0));
                0
            });
        let army = st.army(a);
        let name = &army.name;
        // Short, as on a counter: the commander's name, or the army's.
        let mut who = army
            .commander
            .map_or(name.clone(), |c| s.commanders[c.index()].name.clone());
        if who.chars().count() > 16 {
            who = who.chars().take(15).collect::<String>() + "…";
        }
        let text = format!("{who}? turn {}", seen.turn);
        let ink = egui::Color32::from_gray(55);
        let galley = painter.layout_no_wrap(text, egui::FontId::proportional(10.0), ink);
        let size = galley.size() + egui::vec2(8.0, 2.0);
        // To the left of the place, clear of the counters (above and to the
        // right) and the name (below); more marks at one place go downwards.
        let top_left = place + egui::vec2(-size.x - 9.0, -size.y / 2.0 + n as f32 * (size.y + 2.0));
        let rect = egui::Rect::from_min_size(top_left, size);
        painter.rect(
            rect,
            3.0,
            egui::Color32::from_white_alpha(110),
            egui::Stroke::new(1.0, egui::Color32::from_gray(120)),
            egui::StrokeKind::Inside,
        );
        painter.galley(rect.min + egui::vec2(4.0, 1.0), galley, ink);
        if hover.is_some_and(|h| rect.contains(h) && area.0.contains(h)) {
            let tip = format!(
                "{name}: last seen here at the start of turn {}, about {} men. \
                 Where it is now, your scouts do not know.",
                seen.turn,
                thousands(seen.men)
            );
            egui::Tooltip::always_open(
                ctx.clone(),
                egui::LayerId::background(),
                egui::Id::new(("last_seen", a.0)),
                egui::PopupAnchor::Pointer,
            )
            .show(|ui| ui.label(tip));
        }
    }
    Ok(())
}
