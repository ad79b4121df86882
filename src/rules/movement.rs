//! Marching: an army's speed by troop type, road terrain and baggage, and
//! the quickest road to a region.

use std::collections::BinaryHeap;

use super::params::{AVERAGE_RATING, Rules};
use super::state::{ArmyState, Position, State};
use crate::scenario::model::*;

/// An army's marching speed on open ground, km a day: its slowest troops,
/// held back by a baggage train, helped or hindered by its commander's logistics.
pub fn speed(s: &Scenario, rules: &Rules, a: &ArmyState) -> f64 {
    let mut v = f64::INFINITY;
    for (i, n) in a.men.iter().enumerate() {
        if *n > 0 {
            v = v.min(rules.troop(crate::scenario::raw::TroopKind::ALL[i]).speed);
        }
    }
    if !v.is_finite() {
        v = rules.march.speed_without_men;
    }
    if a.baggage.is_some() {
        v = v.min(rules.supply.baggage_speed);
    }
    let logistics = a
        .commander
        .map_or(AVERAGE_RATING, |c| s.commanders[c.index()].logistics) as f64;
    v * (1.0 + rules.march.per_logistics * (logistics - f64::from(AVERAGE_RATING)))
}

/// Days an army needs to cover a route (at its speed on that road's terrain).
pub fn route_days(s: &Scenario, rules: &Rules, a: &ArmyState, r: RouteId, km: f64) -> f64 {
    km / (speed(s, rules, a) * rules.terrain(s.routes[r.index()].terrain).speed)
}

#[derive(PartialEq)]
struct Node(f64, RegionId);
impl Eq for Node {}
impl PartialOrd for Node {
    fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Node {
    fn cmp(&self, o: &Self) -> std::cmp::Ordering {
        o.0.total_cmp(&self.0).then(o.1.cmp(&self.1))
    }
}

/// Quickest roads from a region to every other, in days for this army:
/// (days, previous route) per region.
pub fn dijkstra(
    s: &Scenario,
    rules: &Rules,
    a: &ArmyState,
    from: RegionId,
) -> Vec<(f64, Option<RouteId>)> {
    shortest(s, from, |route| {
        route_days(s, rules, a, route, s.routes[route.index()].km)
    })
}

/// Shortest paths from a region by a cost per route: (cost, last route) per region.
fn shortest(
    s: &Scenario,
    from: RegionId,
    cost: impl Fn(RouteId) -> f64,
) -> Vec<(f64, Option<RouteId>)> {
    let mut best = vec![(f64::INFINITY, None); s.regions.len()];
    best[from.index()] = (0.0, None);
    let mut heap = BinaryHeap::from([Node(0.0, from)]);
    while let Some(Node(d, r)) = heap.pop() {
        if d > best[r.index()].0 {
            continue;
        }
        for route in &s.regions[r.index()].routes {
            let next = s.routes[route.index()].other(r);
            // A cost below zero (or not a number) would let the search run for ever.
            let nd = d + cost(*route).max(0.0);
            if nd < best[next.index()].0 {
                best[next.index()] = (nd, Some(*route));
                heap.push(Node(nd, next));
            }
        }
    }
    best
}

/// The routes from `from` to `to`, in order, or None if there is no road.
pub fn path(
    s: &Scenario,
    rules: &Rules,
    a: &ArmyState,
    from: RegionId,
    to: RegionId,
) -> Option<Vec<RouteId>> {
    let best = dijkstra(s, rules, a, from);
    if !best[to.index()].0.is_finite() {
        return None;
    }
    let mut out = Vec::new();
    let mut r = to;
    while r != from {
        let route = best[r.index()].1?;
        out.push(route);
        r = s.routes[route.index()].other(r);
    }
    out.reverse();
    Some(out)
}

/// The next step of a march from a position towards `to` through `via`:
/// the route to take and the region at its far end, and the whole journey
/// in (days, km). None when already there or when no road leads there.
pub fn next_leg(
    s: &Scenario,
    rules: &Rules,
    a: &ArmyState,
    pos: Position,
    to: RegionId,
    via: &[RegionId],
) -> Option<(RouteId, RegionId, f64, f64)> {
    let mut waypoints: Vec<RegionId> = via.to_vec();
    waypoints.push(to);
    // From a road: go on to the far end, or back, whichever is quicker.
    let starts: Vec<(RegionId, f64, f64, Option<(RouteId, RegionId)>)> = match pos {
        Position::At(r) => vec![(r, 0.0, 0.0, None)],
        Position::Road { route, from, km } => {
            let rt = &s.routes[route.index()];
            let ahead = rt.other(from);
            vec![
                (
                    ahead,
                    route_days(s, rules, a, route, rt.km - km),
                    rt.km - km,
                    Some((route, ahead)),
                ),
                (
                    from,
                    route_days(s, rules, a, route, km),
                    km,
                    Some((route, from)),
                ),
            ]
        }
    };
    let mut best: Option<(f64, f64, RouteId, RegionId)> = None;
    for (start, d0, k0, first) in starts {
        let mut here = start;
        let (mut days, mut km) = (d0, k0);
        let mut first_leg = first;
        let mut ok = true;
        for w in &waypoints {
            if here == *w {
                continue;
            }
            match path(s, rules, a, here, *w) {
                Some(p) => {
                    for route in &p {
                        let rt = &s.routes[route.index()];
                        days += route_days(s, rules, a, *route, rt.km);
                        km += rt.km;
                        if first_leg.is_none() {
                            first_leg = Some((*route, rt.other(here)));
                        }
                        here = rt.other(here);
                    }
                }
                None => {
                    ok = false;
                    break;
                }
            }
        }
        if ok
            && let Some((route, end)) = first_leg
            && best.is_none_or(|b| days < b.0)
        {
            best = Some((days, km, route, end));
        }
    }
    best.map(|(days, km, route, end)| (route, end, days, km))
}

/// Distance in km between two positions along the roads, for baggage and supply reach.
pub fn road_km(s: &Scenario, a: Position, b: Position) -> f64 {
    // Regions at each end with the km to reach them.
    let ends = |p: Position| -> Vec<(RegionId, f64)> {
        match p {
            Position::At(r) => vec![(r, 0.0)],
            Position::Road { route, from, km } => {
                let rt = &s.routes[route.index()];
                vec![(from, km), (rt.other(from), rt.km - km)]
            }
        }
    };
    if let (
        Position::Road {
            route: ra,
            from: fa,
            km: ka,
        },
        Position::Road {
            route: rb,
            from: fb,
            km: kb,
        },
    ) = (a, b)
        && ra == rb
    {
        let kb = if fa == fb {
            kb
        } else {
            s.routes[rb.index()].km - kb
        };
        return (ka - kb).abs();
    }
    let dist = km_from(s, a);
    ends(b)
        .into_iter()
        .map(|(rb, db)| dist[rb.index()] + db)
        .fold(f64::INFINITY, f64::min)
}

/// Shortest road km from a position (a region, or a point on a road) to every region.
pub fn km_from(s: &Scenario, p: Position) -> Vec<f64> {
    let by_km = |from: RegionId| shortest(s, from, |route| s.routes[route.index()].km);
    match p {
        Position::At(r) => by_km(r).into_iter().map(|x| x.0).collect(),
        Position::Road { route, from, km } => {
            let rt = &s.routes[route.index()];
            let (back, ahead) = (by_km(from), by_km(rt.other(from)));
            back.iter()
                .zip(&ahead)
                .map(|(b, f)| (b.0 + km).min(f.0 + rt.km - km))
                .collect()
        }
    }
}

/// The region an army's position counts as for reaching it: where it stands,
/// or the end of its road it is nearer to.
pub fn nearest_region(s: &Scenario, pos: Position) -> RegionId {
    match pos {
        Position::At(r) => r,
        Position::Road { route, from, km } => {
            let rt = &s.routes[route.index()];
            if km * 2.0 <= rt.km {
                from
            } else {
                rt.other(from)
            }
        }
    }
}

/// Used by the check: days of march to a region through waypoints.
pub fn march_days(
    s: &Scenario,
    rules: &Rules,
    st: &State,
    army: ArmyId,
    to: RegionId,
    via: &[RegionId],
) -> Option<(f64, f64)> {
    let a = st.army(army);
    if a.pos == Position::At(to) && via.is_empty() {
        return Some((0.0, 0.0));
    }
    next_leg(s, rules, a, a.pos, to, via).map(|(_, _, d, k)| (d, k))
}

/// The terrain under a position: its region's, or its road's.
pub fn terrain_at(s: &Scenario, pos: Position) -> crate::scenario::raw::Terrain {
    match pos {
        Position::At(r) => s.regions[r.index()].terrain,
        Position::Road { route, .. } => s.routes[route.index()].terrain,
    }
}
