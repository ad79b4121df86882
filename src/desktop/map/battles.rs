//! The last turn's battles on the map: a red cross where each was fought,
//! on its region or, for a battle on a road, at the point of the road where
//! the defenders stood (`game::marches` follows the armies there through
//! the turn's events); and with the pointer on a cross, what it was: the
//! battle and its place, who fought whom with how many men, and who won.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::layout::MapLayout;
use super::{MapView, camera_scale, position_world};
use crate::desktop::hud::{Hud, HudArea};
use crate::desktop::menus::Menu;
use crate::desktop::names::{PlayerName, thousands};
use crate::desktop::screens::InGame;
use crate::desktop::session::Session;
use crate::game::marches::battle_places;
use crate::geo::Projection;
use crate::rules::event::{Battle, Fighter};
use crate::rules::state::Position;

/// Half the width of a battle's cross, in points of the interface's scale.
const CROSS: f32 = 9.0;
/// Half the room a battle's mark on a road takes, which the layout keeps clear.
pub const MARK_ROOM: f32 = 11.0;

/// A battle's mark on the map.
#[derive(Debug, Clone, PartialEq)]
pub struct BattleMark {
    /// Where it was fought, in world units.
    pub at: Vec2,
    pub on_road: bool,
    /// "Battle at Aksu", "Ambush on the road between Kucha and Aksu".
    pub title: String,
    /// Who fought whom with how many, and who won.
    pub words: String,
}

/// The marks of the last turn's battles, in the order they were fought;
/// none for a battle whose place is not known.
pub fn battle_marks(session: &Session, p: &Projection) -> Vec<BattleMark> {
    let s = session.game.scenario();
    battle_places(session.turn_start.as_ref(), &session.last_events)
        .into_iter()
        .filter_map(|(b, place)| {
            let place = place?;
            let name = |r: crate::scenario::model::RegionId| s.regions[r.index()].name.clone();
            let (on_road, where_) = match (b.region, place) {
                (Some(r), _) | (None, Position::At(r)) => (false, format!("at {}", name(r))),
                (None, Position::Road { route, from, .. }) => {
                    let rt = &s.routes[route.index()];
                    let (a, z) = (name(from), name(rt.other(from)));
                    (true, format!("on the road between {a} and {z}"))
                }
            };
            Some(BattleMark {
                at: position_world(s, p, place),
                on_road,
                title: format!("{} {where_}", b.kind.player_name()),
                words: battle_words(session, b),
            })
        })
        .collect()
}

/// "Tang Jiahui's army (4,000 men) attacked the Turgesh (8,000 men): the
/// Turgesh held.", by the armies' names.
fn battle_words(session: &Session, b: &Battle) -> String {
    let st = session.game.state();
    let names = |list: &[Fighter], men: bool| {
        let each: Vec<String> = list
            .iter()
            .map(|f| {
                let name = st
                    .armies
                    .get(f.army.index())
                    .map_or("an army", |a| a.name.as_str());
                if men {
                    format!("{name} ({} men)", thousands(f.men))
                } else {
                    name.to_string()
                }
            })
            .collect();
        match each.split_last() {
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
            None => "nobody".to_string(),
        }
    };
    let outcome = if b.attacker_won {
        format!("{} won", names(&b.attackers, false))
    } else {
        format!("{} held", names(&b.defenders, false))
    };
    let rout = if b.rout {
        "; the beaten side broke and was chased"
    } else {
        ""
    };
    format!(
        "{} attacked {}: {outcome}{rout}.",
        names(&b.attackers, true),
        names(&b.defenders, true)
    )
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, draw_battles.run_if(in_state(InGame)))
        .add_systems(
            EguiPrimaryContextPass,
            battle_tip.in_set(Hud::Windows).run_if(in_state(Menu::None)),
        );
}

fn draw_battles(
    mut gizmos: Gizmos,
    session: Res<Session>,
    view: Res<MapView>,
    layout: Res<MapLayout>,
    camera: Query<&bevy::camera::Projection, With<Camera2d>>,
) {
    let Some(p) = view.projection else { return };
    let px = camera.single().map_or(1.0, camera_scale);
    let d = CROSS * layout.ui * px;
    let red = Color::srgb(0.8, 0.0, 0.0);
    for m in battle_marks(&session, &p) {
        let at = m.at;
        gizmos.line_2d(at + Vec2::new(-d, -d), at + Vec2::new(d, d), red);
        gizmos.line_2d(at + Vec2::new(-d, d), at + Vec2::new(d, -d), red);
        if m.on_road {
            let ring = (MARK_ROOM - 1.0) * layout.ui * px;
            gizmos.circle_2d(Isometry2d::from_translation(at), ring, red);
        }
    }
}

/// The battle under the pointer, in words; not over a counter or a panel.
fn battle_tip(
    mut contexts: EguiContexts,
    session: Res<Session>,
    view: Res<MapView>,
    area: Res<HudArea>,
    camera: Query<(&Camera, &GlobalTransform), With<Camera2d>>,
) -> Result {
    let (Some(p), Ok((camera, at))) = (view.projection, camera.single()) else {
        return Ok(());
    };
    if view.hovered_stack.is_some() || session.last_events.is_empty() {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    let Some(pointer) = ctx.pointer_hover_pos().filter(|h| area.0.contains(*h)) else {
        return Ok(());
    };
    let zoom = ctx.zoom_factor();
    let near: Vec<BattleMark> = battle_marks(&session, &p)
        .into_iter()
        .filter(|m| {
            camera
                .world_to_viewport(at, m.at.extend(0.0))
                .is_ok_and(|px| egui::pos2(px.x / zoom, px.y / zoom).distance(pointer) < 12.0)
        })
        .collect();
    if near.is_empty() {
        return Ok(());
    }
    egui::Tooltip::always_open(
        ctx.clone(),
        egui::LayerId::background(),
        egui::Id::new("battle_tip"),
        egui::PopupAnchor::Pointer,
    )
    .show(|ui| {
        for m in &near {
            ui.label(egui::RichText::new(&m.title).strong());
            ui.label(&m.words);
        }
    });
    Ok(())
}
