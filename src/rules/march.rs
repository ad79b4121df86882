//! A day's march: an army follows the quickest road towards its goal
//! through its waypoints, stops for the day on entering a region where a
//! hostile army stands, halts on the road where one blocks the way, and may
//! arrive unseen by a concealed approach with a guide. Speeds and roads are
//! in [`super::movement`].

use super::contact::hostile_here;
use super::event::Event;
use super::movement::{nearest_region, next_leg, route_days};
use super::orders::Step;
use super::params::Rules;
use super::state::*;
use super::turn::Log;
use crate::core::order::Order;
use crate::scenario::model::*;

/// Marches towards a region. Stops on arriving where a hostile army stands.
#[allow(clippy::too_many_arguments)]
pub(super) fn march(
    s: &Scenario,
    rules: &Rules,
    st: &mut State,
    a: ArmyId,
    to: RegionId,
    via: &[RegionId],
    forced: bool,
    log: &mut Log,
) -> Step {
    let mut via: Vec<RegionId> = via.to_vec();
    let mut budget = 1.0;
    let mut moved = false;
    loop {
        let army = st.army(a);
        if let Position::At(r) = army.pos {
            if via.first() == Some(&r) {
                via.remove(0);
                log.emit(st, Event::WaypointReached { army: a });
                continue;
            }
            if r == to && via.is_empty() {
                return if moved {
                    Step::FinishedToday
                } else {
                    Step::Done
                };
            }
        }
        if budget <= 1e-9 {
            break;
        }
        let army = st.army(a);
        let Some((route, end, _, _)) = next_leg(s, rules, army, army.pos, to, &via) else {
            return Step::Done;
        };
        let rt = &s.routes[route.index()];
        let (from, km_done) = match army.pos {
            Position::At(r) => (r, 0.0),
            Position::Road { from, km, .. } => {
                if rt.other(from) == end {
                    (from, km)
                } else {
                    (rt.other(from), rt.km - km)
                }
            }
        };
        if let Position::At(r) = army.pos {
            log.emit(st, Event::Departed { army: a, from: r });
        }
        let army = st.army(a);
        let pace = if forced {
            rules.fatigue.forced_speed
        } else {
            1.0
        };
        let left_km = rt.km - km_done;
        let days_left = route_days(s, rules, army, route, left_km) / pace;
        let fatigue_rate = if forced {
            rules.fatigue.forced_march
        } else {
            rules.fatigue.march
        };
        // A hostile army standing on the rest of this road stops the march short of the end.
        let blocked_before_end =
            blocked_at(s, st, a, route, from, km_done, rt.km).filter(|k| *k < rt.km);
        if days_left <= budget && blocked_before_end.is_none() {
            let used = days_left;
            budget -= used;
            let fatigue = (army.fatigue + fatigue_rate * used).min(1.0);
            log.emit(
                st,
                Event::Moved {
                    army: a,
                    to: Position::At(end),
                    km: left_km,
                    fatigue,
                },
            );
            let unseen = rt.concealed && guided(s, st, a, end);
            log.emit(
                st,
                Event::Entered {
                    army: a,
                    region: end,
                    unseen,
                },
            );
            moved = true;
            // Home ground on the way fills the packs, as a night's halt there would.
            if let Some(fed) = super::supply::fed_at_home(s, st, a, end) {
                log.emit(st, fed);
            }
            if !hostile_here(s, st, a, end).is_empty() {
                // Contact: the march halts for the day.
                return if end == to && via.is_empty() {
                    Step::FinishedToday
                } else {
                    Step::DoneForToday
                };
            }
        } else {
            let km = left_km * budget / days_left;
            let mut new_km = km_done + km;
            // A hostile army on the road ahead blocks the way: the march halts where it stands.
            if let Some(block) = blocked_at(s, st, a, route, from, km_done, new_km) {
                new_km = block.max(km_done);
            }
            let fatigue = (army.fatigue + fatigue_rate * budget).min(1.0);
            log.emit(
                st,
                Event::Moved {
                    army: a,
                    to: Position::Road {
                        route,
                        from,
                        km: new_km,
                    },
                    km: new_km - km_done,
                    fatigue,
                },
            );
            break;
        }
    }
    Step::DoneForToday
}

/// Where to march to reach a target: its region, or along its road towards
/// it. Public so the map's arrows show the chase the rules will make.
pub fn chase_goal(s: &Scenario, me: Position, target: Position) -> RegionId {
    match target {
        Position::At(r) => r,
        Position::Road { route, from, km } => {
            let rt = &s.routes[route.index()];
            match me {
                Position::At(x) if x == from || x == rt.other(from) => rt.other(x),
                Position::Road {
                    route: mr,
                    from: mf,
                    km: mk,
                } if mr == route => {
                    let mine = if mf == from { mk } else { rt.km - mk };
                    if mine <= km { rt.other(from) } else { from }
                }
                _ => nearest_region(s, target),
            }
        }
    }
}

/// Where on a road (km from `from`) the first hostile army between
/// `km_done` and `until` stands, if any. A beaten army in flight stands in
/// the way of a column until the column has come up with it once (there is
/// no way round on a road, and a column that has caught it passes on); it
/// never stops another beaten army. The army a column attacks, pursues or
/// harries stops it where it stands, beaten and caught or not: a column
/// does not march past its quarry. Riders harrying (`Order::Harry`) give
/// way and ride round: they stop no one, and no one but their target stops
/// them (they ride up to it, and no further). An enemy at the very point
/// the march starts from stops it only if it stands across the way
/// ([`across_the_way`]).
#[allow(clippy::too_many_arguments)]
fn blocked_at(
    s: &Scenario,
    st: &State,
    a: ArmyId,
    route: RouteId,
    from: RegionId,
    km_done: f64,
    until: f64,
) -> Option<f64> {
    let me = st.army(a).faction;
    let fleeing = st.army(a).routed;
    // The army it goes after stops it where it stands, beaten or not: a
    // column does not march past its quarry.
    let front = st.army(a).orders.front();
    let quarry =
        match front {
            Some(
                Order::Attack { target, .. } | Order::Pursue { target } | Order::Harry { target },
            ) if !fleeing => Some(*target),
            _ => None,
        };
    // Riders harrying are stopped by no one else.
    let only = quarry.filter(|_| matches!(front, Some(Order::Harry { .. })));
    let len = s.routes[route.index()].km;
    st.armies
        .iter()
        .enumerate()
        .filter(|(j, o)| {
            let in_the_way = quarry.is_some_and(|q| q.index() == *j)
                || ((!o.routed || (!fleeing && !o.caught))
                    && !matches!(o.orders.front(), Some(Order::Harry { .. })));
            *j != a.index()
                && o.active()
                && in_the_way
                && s.hostile(me, o.faction)
                && only.is_none_or(|t| t.index() == *j)
        })
        .filter_map(|(j, o)| match o.pos {
            Position::Road {
                route: r,
                from: f,
                km,
            } if r == route => {
                let k = if f == from { km } else { len - km };
                // At the very point the march starts from, one beside or
                // behind the marcher is not in its way, unless it is the quarry.
                let beside = k <= km_done + SAME_POINT_KM
                    && !across_the_way(st.army(a).pos, from, f)
                    && quarry.is_none_or(|q| q.index() != j);
                (!beside).then_some(k)
            }
            _ => None,
        })
        .filter(|k| *k >= km_done - SAME_POINT_KM && *k <= until)
        .min_by(f64::total_cmp)
}

/// How near two places on a road are to count as one point (kilometres
/// measured from either end differ in the last bits).
pub(super) const SAME_POINT_KM: f64 = 1e-6;

/// Whether an army standing at the very point a march on a road starts
/// from, last facing away from its end `theirs` (its `from`), stands across
/// the way of a marcher at `marcher` that sets off away from end `from`.
/// Two armies that met on a road stand on either side of the meeting point,
/// each on the side it came from: one that came from the end the marcher
/// sets off from stands beside or behind it, and a marcher that has turned
/// about (it last faced the other way, so it retraces its steps) has every
/// army at that point beside or behind it. Only one that came from the end
/// the marcher is making for, while the marcher still faces it, is in its way.
pub(super) fn across_the_way(marcher: Position, from: RegionId, theirs: RegionId) -> bool {
    let turned_about = matches!(marcher, Position::Road { from: mine, .. } if mine != from);
    theirs != from && !turned_about
}

/// The army has a guide who knows the region's unwatched approaches.
fn guided(s: &Scenario, st: &State, a: ArmyId, r: RegionId) -> bool {
    let army = st.army(a);
    army.commander
        .iter()
        .chain(&army.companions)
        .any(|c| s.commanders[c.index()].guide_to.contains(&r))
}
