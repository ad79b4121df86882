//! Where each army's counter sits: computed once per change of the game,
//! and read both by the markers that draw the counters and by the picking
//! that finds the counter under the pointer, so the two always agree.
//!
//! A counter stands above and to the right of its army's place; counters at
//! the same place stack upwards. Offsets and sizes are in screen pixels, so
//! counters keep their size whatever the zoom.

use std::collections::HashMap;

use bevy::prelude::*;

use super::{MapView, army_world};
use crate::desktop::mirror::Mirrored;
use crate::desktop::names::thousands;
use crate::desktop::screens::InGame;
use crate::desktop::session::Session;
use crate::geo::Projection;
use crate::scenario::model::ArmyId;

/// The height of a counter, in pixels.
pub const COUNTER_HEIGHT: f32 = 18.0;
/// From one stacked counter to the next, in pixels.
const STACK_STEP: f32 = 21.0;
/// From the army's place to the lowest counter's centre, in pixels.
const LIFT: f32 = 18.0;

/// One counter: where it stands and what it says.
#[derive(Debug, Clone, PartialEq)]
pub struct CounterPlace {
    pub army: ArmyId,
    /// The army's place on the map, in world units.
    pub at: Vec2,
    /// From `at` to the counter's centre, in pixels.
    pub offset: Vec2,
    /// The counter's width, in pixels.
    pub width: f32,
    pub label: String,
    /// Its place in the stack at `at`, from the bottom.
    pub slot: u32,
}

impl CounterPlace {
    /// The counter's centre on the map at a zoom of `scale` world units a pixel.
    pub fn centre(&self, scale: f32) -> Vec2 {
        self.at + self.offset * scale
    }

    /// True when the point (world units) lies on the counter.
    pub fn contains(&self, point: Vec2, scale: f32) -> bool {
        let d = (point - self.centre(scale)).abs();
        d.x < self.width / 2.0 * scale && d.y < COUNTER_HEIGHT / 2.0 * scale
    }
}

/// Every counter on the map, in army order.
#[derive(Resource, Default, Debug, PartialEq)]
pub struct CounterLayout(pub Vec<CounterPlace>);

impl CounterLayout {
    /// The counter under a point of the map (world units), nearest its centre.
    pub fn hit(&self, point: Vec2, scale: f32) -> Option<ArmyId> {
        self.0
            .iter()
            .filter(|c| c.contains(point, scale))
            .min_by(|a, b| {
                let da = a.centre(scale).distance(point);
                let db = b.centre(scale).distance(point);
                da.total_cmp(&db)
            })
            .map(|c| c.army)
    }

    pub fn get(&self, a: ArmyId) -> Option<&CounterPlace> {
        self.0.iter().find(|c| c.army == a)
    }
}

/// Counters are laid out in `PostUpdate`, after the mirror, before the markers.
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub struct LaidOut;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<CounterLayout>().add_systems(
        PostUpdate,
        lay_out
            .run_if(in_state(InGame).and_then(resource_changed::<Session>))
            .after(Mirrored)
            .in_set(LaidOut),
    );
}

fn lay_out(session: Res<Session>, view: Res<MapView>, mut layout: ResMut<CounterLayout>) {
    let Some(p) = view.projection else { return };
    layout.set_if_neq(CounterLayout(counter_layout(&session, &p)));
}

/// The layout of every counter of the armies in the field.
pub fn counter_layout(session: &Session, p: &Projection) -> Vec<CounterPlace> {
    let mut stacked: HashMap<(i32, i32), u32> = HashMap::new();
    let st = session.game.state();
    (0..st.armies.len())
        .map(|i| ArmyId(i as u16))
        .filter(|a| st.army(*a).active())
        .map(|army| {
            let at = army_world(session, p, army);
            let key = ((at.x / 5.0) as i32, (at.y / 5.0) as i32);
            let slot = stacked.entry(key).or_insert(0);
            let here = *slot;
            *slot += 1;
            let label = counter_label(session, army);
            let width = counter_width(&label);
            CounterPlace {
                army,
                at,
                offset: Vec2::new(width / 2.0 + 4.0, LIFT + here as f32 * STACK_STEP),
                width,
                label,
                slot: here,
            }
        })
        .collect()
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
