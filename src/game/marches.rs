//! What a turn did on the map, read off its events: the way each army
//! marched along the roads, each point with the moment of the turn it was
//! there, and the place of each battle (on a road, the point where the
//! defenders stood). Pure functions of the state before the turn and the
//! turn's events; the map animates the marches and marks the battles from
//! them.
//!
//! The moment of a point is the share of the turn gone: the turn's days
//! follow one another, and within a day an army's legs share the day by
//! their length, so armies that met on a day reach the place together.

use std::collections::BTreeMap;

use crate::rules::event::{Battle, Event};
use crate::rules::state::{Position, State};
use crate::scenario::model::{ArmyId, RegionId};

/// One army's way over a turn: where it stood at the start (or came onto
/// the map), each region it entered and each halt on a road, with the
/// share of the turn (0 to 1) gone when it was there.
#[derive(Debug, Clone, PartialEq)]
pub struct Trail {
    pub army: ArmyId,
    pub points: Vec<(f64, Position)>,
}

impl Trail {
    /// The regions the trail passes through or stops in, in order.
    pub fn regions(&self) -> Vec<RegionId> {
        self.points.iter().filter_map(|(_, p)| p.region()).collect()
    }
}

/// Every army's place as a turn's events go by.
struct Places {
    at: BTreeMap<ArmyId, Position>,
}

impl Places {
    fn new(before: Option<&State>) -> Places {
        let at = before
            .into_iter()
            .flat_map(|st| st.armies.iter().enumerate())
            .filter(|(_, a)| a.active())
            .map(|(i, a)| (ArmyId(i as u16), a.pos))
            .collect();
        Places { at }
    }

    /// Follows one event; the army whose place it changed, and its new place.
    fn follow(&mut self, e: &Event) -> Option<(ArmyId, Position)> {
        let (army, to) = match e {
            Event::Moved { army, to, .. } => (*army, *to),
            Event::Entered { army, region, .. } => (*army, Position::At(*region)),
            Event::Arrived { army, at } => (*army, Position::At(*at)),
            Event::Split { from, new, .. } => (*new, *self.at.get(from)?),
            _ => return None,
        };
        let was = self.at.insert(army, to);
        (was != Some(to)).then_some((army, to))
    }
}

/// The turn's days: one for each `DayPassed`, at least one.
fn days(events: &[Event]) -> usize {
    let n = events
        .iter()
        .filter(|e| matches!(e, Event::DayPassed { .. }))
        .count();
    n.max(1)
}

/// The way each army went over a turn, from the state before it and its
/// events: only armies whose place changed, each from where it stood at
/// the start (or came onto the map, or split off) through every region it
/// entered to where it ends, in order. An army that came onto the map
/// during the turn starts where it arrived.
pub fn trails(before: &State, events: &[Event]) -> Vec<Trail> {
    let total = days(events) as f64;
    let mut places = Places::new(Some(before));
    // Each army's legs: (day, km, where it got to), and where it started.
    let mut legs: BTreeMap<ArmyId, (Position, f64, Vec<(usize, f64, Position)>)> = BTreeMap::new();
    for (a, pos) in &places.at {
        legs.insert(*a, (*pos, 0.0, Vec::new()));
    }
    let mut day = 0usize;
    for e in events {
        if matches!(e, Event::DayPassed { .. }) {
            day += 1;
            continue;
        }
        let km = match e {
            Event::Moved { km, .. } => km.max(0.0),
            _ => 0.0,
        };
        let Some((army, to)) = places.follow(e) else {
            continue;
        };
        match e {
            // Onto the map: the way starts here.
            Event::Arrived { .. } | Event::Split { .. } => {
                legs.insert(army, (to, day as f64 / total, Vec::new()));
            }
            _ => match legs.get_mut(&army) {
                Some((_, _, l)) => l.push((day, km, to)),
                None => {
                    legs.insert(army, (to, day as f64 / total, Vec::new()));
                }
            },
        }
    }
    let mut out = Vec::new();
    for (army, (start, t0, legs)) in legs {
        if legs.is_empty() {
            continue;
        }
        let mut points = vec![(t0, start)];
        let mut i = 0;
        while i < legs.len() {
            let d = legs[i].0;
            let j = legs[i..].iter().take_while(|l| l.0 == d).count() + i;
            let km: f64 = legs[i..j].iter().map(|l| l.1).sum();
            let (from, to) = (d as f64 / total, (d + 1) as f64 / total);
            // Standing still until the day it set out.
            if let Some(&(t, p)) = points.last()
                && t < from
            {
                points.push((from, p));
            }
            let mut done = 0.0;
            for (k, (_, leg, pos)) in legs[i..j].iter().enumerate() {
                done += leg;
                let share = if km > 0.0 {
                    done / km
                } else {
                    (k + 1) as f64 / (j - i) as f64
                };
                points.push(((from + (to - from) * share).min(1.0), *pos));
            }
            i = j;
        }
        if points.iter().any(|(_, p)| *p != start) {
            out.push(Trail { army, points });
        }
    }
    out
}

/// Each battle of a turn's events with where it was fought: its region,
/// or for a battle on a road, where the defenders (or else the attackers)
/// stood on it then, followed from the state before the turn (`None` when
/// that is not known).
pub fn battle_places<'a>(
    before: Option<&State>,
    events: &'a [Event],
) -> Vec<(&'a Battle, Option<Position>)> {
    let mut places = Places::new(before);
    let mut out = Vec::new();
    for e in events {
        places.follow(e);
        let Event::BattleFought(b) = e else { continue };
        let place = match b.region {
            Some(r) => Some(Position::At(r)),
            None => {
                let known: Vec<Position> = b
                    .defenders
                    .iter()
                    .chain(&b.attackers)
                    .filter_map(|f| places.at.get(&f.army).copied())
                    .collect();
                known
                    .iter()
                    .copied()
                    .find(|p| matches!(p, Position::Road { .. }))
                    .or(known.first().copied())
            }
        };
        out.push((&**b, place));
    }
    out
}

#[cfg(test)]
#[path = "marches_tests.rs"]
mod tests;
