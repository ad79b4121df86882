//! The armies on the map grouped into stacks: one for each side in each
//! place (a region, or a point on a road), one for a side's stacks that
//! would stand closer than a counter's height at the zoom laid out; and the
//! words on each stack's counter.

use std::collections::BTreeMap;

use bevy::prelude::*;

use super::{COUNTER_FONT, COUNTER_HEIGHT, GLYPH_ROOM, Stack, text_width};
use crate::desktop::map::army_world;
use crate::desktop::names::thousands;
use crate::desktop::session::Session;
use crate::geo::Projection;
use crate::rules::state::Position;
use crate::scenario::model::{ArmyId, SideId};

/// Beyond this zoom (km a point of the interface) a counter gives only the strength.
pub const COMPACT: f32 = 2.0;

/// The words on a stack's counter: its strength and its first army's
/// commander (or name) unless `compact`, and how many more armies it holds.
fn stack_label(session: &Session, armies: &[ArmyId], strength: u32, compact: bool) -> String {
    let st = session.game.state();
    let a = st.army(armies[0]);
    let mut who = a.commander.map_or(a.name.clone(), |c| {
        session.game.scenario().commanders[c.index()].name.clone()
    });
    if who.chars().count() > 20 {
        who = who.chars().take(18).collect::<String>() + "...";
    }
    let mut label = if compact {
        thousands(strength)
    } else {
        format!("{} {}", thousands(strength), who)
    };
    if armies.len() > 1 {
        label.push_str(&format!(" +{}", armies.len() - 1));
    } else if a.routed && !compact {
        label.push_str(" (routed)");
    }
    if armies.iter().any(|a| session.pending.contains_key(a)) {
        label.push_str(" *");
    }
    label
}

/// The armies on the map as stacks, strongest stack first within a place,
/// the player's side first: one for each side in each place, merged where
/// two of a side would stand closer than a counter's height at this zoom.
pub(super) fn stacks(session: &Session, p: &Projection, scale: f32, ui: f32) -> Vec<Stack> {
    let s = session.game.scenario();
    let st = session.game.state();
    // (place, side) -> armies; a place is a region or a point on a road.
    let mut groups: BTreeMap<(u8, u16, i64, u16), (Vec<ArmyId>, Vec2)> = BTreeMap::new();
    for a in (0..st.armies.len()).map(|i| ArmyId(i as u16)) {
        if !session.shows(a) {
            continue;
        }
        let side = session.game.side_of(a);
        let ahead = u16::from(side != session.player);
        let key = match st.army(a).pos {
            Position::At(r) => (0, r.0, 0, ahead * 1000 + side.0),
            Position::Road { route, from, km } => {
                let from_a = from == s.routes[route.index()].a;
                let along = if from_a {
                    km
                } else {
                    s.routes[route.index()].km - km
                };
                (
                    1,
                    route.0,
                    (along * 10.0).round() as i64,
                    ahead * 1000 + side.0,
                )
            }
        };
        let entry = groups
            .entry(key)
            .or_insert_with(|| (Vec::new(), army_world(session, p, a)));
        entry.0.push(a);
    }
    let mut out: Vec<(Vec<ArmyId>, Vec2, bool, SideId)> = groups
        .into_iter()
        .map(|(k, (armies, at))| (armies, at, k.0 == 1, SideId(k.3 % 1000)))
        .collect();
    // Same side, closer than a counter's height on screen: one stack, at the place of its first.
    let near = COUNTER_HEIGHT * ui * scale;
    let mut i = 0;
    while i < out.len() {
        let mut j = i + 1;
        while j < out.len() {
            if out[j].3 == out[i].3 && out[j].1.distance(out[i].1) < near {
                let (more, ..) = out.remove(j);
                out[i].0.extend(more);
                j = i + 1;
            } else {
                j += 1;
            }
        }
        i += 1;
    }
    out.into_iter()
        .map(|(mut armies, at, on_road, side)| {
            armies.sort_by_key(|a| (std::cmp::Reverse(st.army(*a).strength()), *a));
            let strength = armies.iter().map(|a| st.army(*a).strength()).sum();
            let compact = scale * ui > COMPACT;
            let label = stack_label(session, &armies, strength, compact);
            let width = GLYPH_ROOM * ui + text_width(&label, COUNTER_FONT * ui) + 8.0 * ui;
            Stack {
                faction: st.army(armies[0]).faction,
                armies,
                side,
                at,
                on_road,
                offset: Vec2::ZERO,
                size: Vec2::new(width, COUNTER_HEIGHT * ui),
                label,
                strength,
                compact,
            }
        })
        .collect()
}
