//! Fog of war: which of the other side's armies a side can see, and where
//! it saw each one last. Pure functions of the scenario and the state.
//!
//! A side's eyes are its armies in the field and the regions it holds.
//! Each eye sees the place it stands in, the regions at the end of an open
//! road no longer than the rules' scouting reach (`march.scout_km`), and that far along the roads out of it;
//! an army on a road sees that far along its road, whether open or
//! concealed. An enemy army the rules mark `hidden` (arrived unseen, lying
//! in ambush) is never seen until it is found out.

use std::collections::BTreeMap;

use crate::rules::params::Rules;
use crate::rules::state::{Position, State};
use crate::scenario::Scenario;
use crate::scenario::model::{ArmyId, RegionId, RouteId, SideId};

/// The regions a side watches: `watched(..)[r]` is true when it sees region `r`.
pub fn watched(s: &Scenario, rules: &Rules, st: &State, side: SideId) -> Vec<bool> {
    let mut seen = vec![false; s.regions.len()];
    for e in eyes(s, st, side) {
        match e {
            Position::At(r) => {
                seen[r.index()] = true;
                for route in &s.regions[r.index()].routes {
                    let rt = &s.routes[route.index()];
                    if !rt.concealed && rt.km <= rules.march.scout_km {
                        seen[rt.other(r).index()] = true;
                    }
                }
            }
            Position::Road { route, from, km } => {
                let rt = &s.routes[route.index()];
                if km <= rules.march.scout_km {
                    seen[from.index()] = true;
                }
                if rt.km - km <= rules.march.scout_km {
                    seen[rt.other(from).index()] = true;
                }
            }
        }
    }
    seen
}

/// Where a side has eyes: its armies in the field, and the regions it holds.
fn eyes(s: &Scenario, st: &State, side: SideId) -> Vec<Position> {
    let armies = st
        .armies
        .iter()
        .filter(|a| a.active() && s.side_of(a.faction) == side)
        .map(|a| a.pos);
    let held = st
        .regions
        .iter()
        .enumerate()
        .filter(|(_, r)| r.control.is_some_and(|f| s.side_of(f) == side))
        .map(|(i, _)| Position::At(RegionId(i as u16)));
    armies.chain(held).collect()
}

/// Km along `route` from its end `from` to a position on it, if it is on it.
fn along(s: &Scenario, route: RouteId, from: RegionId, p: Position) -> Option<f64> {
    let rt = &s.routes[route.index()];
    match p {
        Position::At(r) if r == from => Some(0.0),
        Position::At(r) if r == rt.other(from) => Some(rt.km),
        Position::Road {
            route: r,
            from: f,
            km,
        } if r == route => Some(if f == from { km } else { rt.km - km }),
        _ => None,
    }
}

/// True when the side sees the army: its own always; another side's when
/// it is in the field, not hidden, and within reach of one of the side's eyes.
pub fn sees(s: &Scenario, rules: &Rules, st: &State, side: SideId, a: ArmyId) -> bool {
    let Some(army) = st.armies.get(a.index()) else {
        return false;
    };
    if !army.active() {
        return false;
    }
    if s.side_of(army.faction) == side {
        return true;
    }
    if army.hidden {
        return false;
    }
    match army.pos {
        Position::At(r) => watched(s, rules, st, side)[r.index()],
        Position::Road { route, from, km } => {
            let rt = &s.routes[route.index()];
            eyes(s, st, side).into_iter().any(|e| {
                let on_road = matches!(e, Position::Road { route: r, .. } if r == route);
                if !on_road && rt.concealed {
                    return false;
                }
                along(s, route, from, e).is_some_and(|k| (k - km).abs() <= rules.march.scout_km)
            })
        }
    }
}

/// For every army, whether the side sees it.
pub fn seen_armies(s: &Scenario, rules: &Rules, st: &State, side: SideId) -> Vec<bool> {
    (0..st.armies.len())
        .map(|i| sees(s, rules, st, side, ArmyId(i as u16)))
        .collect()
}

/// What the side knows: the state with the enemy armies it cannot see taken off the map.
pub fn as_seen_by(s: &Scenario, rules: &Rules, st: &State, side: SideId) -> State {
    let mut seen = st.clone();
    for (i, a) in seen.armies.iter_mut().enumerate() {
        if s.side_of(a.faction) != side && a.present && !sees(s, rules, st, side, ArmyId(i as u16))
        {
            a.present = false;
        }
    }
    seen
}

/// Where and when a side last saw an enemy army.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sighting {
    pub pos: Position,
    /// The turn it was seen at the start of.
    pub turn: u32,
    /// Its men then.
    pub men: u32,
}

/// What a side remembers of the enemy armies it has seen.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Memory {
    last: BTreeMap<ArmyId, Sighting>,
}

impl Memory {
    /// Notes every enemy army the side sees now; forgets armies gone from the map.
    pub fn note(&mut self, s: &Scenario, rules: &Rules, st: &State, side: SideId) {
        let seen = seen_armies(s, rules, st, side);
        for (i, a) in st.armies.iter().enumerate() {
            let id = ArmyId(i as u16);
            if !a.active() {
                self.last.remove(&id);
            } else if seen[i] && s.side_of(a.faction) != side {
                let sighting = Sighting {
                    pos: a.pos,
                    turn: st.turn,
                    men: a.strength(),
                };
                self.last.insert(id, sighting);
            }
        }
    }

    /// The last sighting of an army, if the side has ever seen it.
    pub fn last(&self, a: ArmyId) -> Option<&Sighting> {
        self.last.get(&a)
    }

    /// The enemy armies seen before but out of sight now, with where they were last seen.
    pub fn lost_sight(
        &self,
        s: &Scenario,
        rules: &Rules,
        st: &State,
        side: SideId,
    ) -> Vec<(ArmyId, Sighting)> {
        let seen = seen_armies(s, rules, st, side);
        self.last
            .iter()
            .filter(|(a, _)| !seen.get(a.index()).copied().unwrap_or(true))
            .map(|(a, x)| (*a, *x))
            .collect()
    }
}

#[cfg(test)]
#[path = "fog_tests.rs"]
mod tests;
