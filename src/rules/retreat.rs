//! Refuge and retreat: where a beaten army is safe, how long its pursuers
//! can chase it before it gets there, and the routed army's daily fall back
//! to that refuge until it rallies, or, with no refuge anywhere, away from
//! the enemy standing over it.

use super::event::Event;
use super::march::march;
use super::movement::{km_from, speed};
use super::params::Rules;
use super::state::*;
use super::turn::Log;
use crate::scenario::model::*;
use crate::scenario::raw::{Posture, Walls};

/// A place where a beaten army is safe: a walled city its side holds, a
/// fortified camp or a baggage park of its side.
fn refuge(s: &Scenario, st: &State, a: ArmyId) -> Option<(RegionId, f64)> {
    let army = st.army(a);
    let dist = km_from(s, army.pos);
    let mut best: Option<(RegionId, f64)> = None;
    for (i, r) in s.regions.iter().enumerate() {
        let rid = RegionId(i as u16);
        let ours = |f: FactionId| !s.hostile(f, army.faction);
        let held = st.regions[i].control.is_some_and(ours) && r.walls != Walls::None;
        let camp = st.armies_at(rid).any(|b| {
            b != a
                && ours(st.army(b).faction)
                && (st.army(b).posture == Posture::Fortified || st.army(b).baggage.is_some())
                && !st.army(b).routed
        });
        let enemy = st
            .armies_at(rid)
            .any(|b| s.hostile(st.army(b).faction, army.faction) && !st.army(b).routed);
        if (held || camp) && !enemy {
            let d = dist[i];
            if d.is_finite() && best.is_none_or(|(_, bd)| d < bd) {
                best = Some((rid, d));
            }
        }
    }
    best
}

/// The most days any of these armies would be chased before reaching a refuge,
/// if routed (`battle.chase_days_no_refuge` with no refuge anywhere).
pub(super) fn chase_days(s: &Scenario, rules: &Rules, st: &State, armies: &[ArmyId]) -> f64 {
    armies
        .iter()
        .map(|a| match refuge(s, st, *a) {
            Some((_, km)) => km / speed(s, rules, st.army(*a)),
            None => rules.battle.chase_days_no_refuge,
        })
        .fold(0.0, f64::max)
}

/// A routed army falls back to safety and rallies there.
pub(super) fn retreat(s: &Scenario, rules: &Rules, st: &mut State, a: ArmyId, log: &mut Log) {
    let army = st.army(a);
    let morale = (army.morale + rules.morale.rest).min(1.0);
    let fatigue = army.fatigue;
    log.emit(
        st,
        Event::Rested {
            army: a,
            fatigue,
            morale,
        },
    );
    match refuge(s, st, a) {
        Some((r, _)) if st.army(a).pos != Position::At(r) => {
            march(s, rules, st, a, r, &[], false, log);
        }
        Some(_) => {
            if st.army(a).morale >= rules.morale.rally {
                log.emit(st, Event::Rallied { army: a });
            }
        }
        None => match flight(s, st, a) {
            Flight::To(r) => {
                march(s, rules, st, a, r, &[], false, log);
            }
            Flight::Cornered => {}
            Flight::Clear => {
                if st.army(a).morale >= rules.morale.rally + rules.morale.rally_without_refuge {
                    log.emit(st, Event::Rallied { army: a });
                }
            }
        },
    }
}

/// What a routed army with no refuge anywhere does about the enemy.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Flight {
    /// No enemy army in good order stands where it is: it may rally here.
    Clear,
    /// It falls back from the enemy standing over it to this neighbour.
    To(RegionId),
    /// The enemy stands over it and every road leads nearer another: it
    /// cannot rally, and waits.
    Cornered,
}

/// With no refuge anywhere, a routed army does not stay to rally where an
/// enemy army in good order stands: it falls back along a road to the
/// neighbouring region farthest from every such army (by road), if that is
/// farther than where it stands. Behind the walls of a city its side holds
/// it stays, a garrison shut in.
fn flight(s: &Scenario, st: &State, a: ArmyId) -> Flight {
    let army = st.army(a);
    let Some(here) = army.region() else {
        return Flight::Clear;
    };
    let own_walls = s.regions[here.index()].walls != Walls::None
        && st.regions[here.index()]
            .control
            .is_some_and(|f| !s.hostile(f, army.faction));
    let foes: Vec<Vec<f64>> = st
        .armies
        .iter()
        .filter(|b| b.active() && !b.routed && s.hostile(b.faction, army.faction))
        .map(|b| km_from(s, b.pos))
        .collect();
    let gap = |r: RegionId| {
        foes.iter()
            .map(|km| km[r.index()])
            .fold(f64::INFINITY, f64::min)
    };
    if own_walls || gap(here) > 0.0 {
        return Flight::Clear;
    }
    s.routes
        .iter()
        .filter(|rt| rt.a == here || rt.b == here)
        .map(|rt| rt.other(here))
        .filter(|r| gap(*r) > 0.0)
        .max_by(|x, y| gap(*x).total_cmp(&gap(*y)))
        .map_or(Flight::Cornered, Flight::To)
}
