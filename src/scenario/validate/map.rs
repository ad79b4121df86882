//! The map: sides and the factions on them (each faction on exactly one
//! side, a colour for its counters), regions (coordinates, settlements,
//! stores, herds, who holds them), routes between regions (one per pair,
//! a length if given), and whether every region a historical order marches
//! an army to is connected by routes to where the army starts.

use std::collections::{HashSet, VecDeque};

use super::{MAX_ROUTES, P, Validator, with};
use crate::core::order::Order;
use crate::path;
use crate::scenario::model::*;
use crate::scenario::raw::*;

impl<'a, 'r> Validator<'a, 'r> {
    /// Sides and the factions on them. Returns the sides and, for each
    /// faction, the side it is on (if any).
    pub(super) fn sides(&mut self) -> (Vec<Side>, Vec<Option<SideId>>) {
        let raw = self.raw;
        let mut side_of: Vec<Option<SideId>> = vec![None; raw.factions.len()];
        let mut sides = Vec::new();
        for (i, s) in raw.sides.iter().enumerate() {
            let mut fs = Vec::new();
            for (j, f) in s.factions.iter().enumerate() {
                let fp = path![f "sides", i i, f "factions", i j];
                if let Some(fid) = self.faction(&fp, f) {
                    if let Some(other) = side_of[fid.index()] {
                        self.rep.error(
                            &fp,
                            format!(
                                "faction `{f}` is already on side `{}`",
                                raw.sides[other.index()].id
                            ),
                            "each faction on one side only",
                        );
                    } else {
                        side_of[fid.index()] = Some(SideId(i as u16));
                    }
                    fs.push(fid);
                }
            }
            sides.push(Side {
                id: s.id.clone(),
                name: s.name.clone(),
                factions: fs,
                led_by: s.led_by.clone(),
                player_default: s.player_default,
            });
        }
        if raw.sides.len() < 2 {
            self.rep.error(
                &path![f "sides"],
                format!("{} side(s)", raw.sides.len()),
                "at least two sides",
            );
        }
        if raw.sides.iter().filter(|s| s.player_default).count() != 1 {
            self.rep.error(
                &path![f "sides"],
                "no single side is marked `player_default: true`",
                "exactly one side the player takes by default",
            );
        }
        (sides, side_of)
    }

    /// Factions, each with its colour and the side it is on.
    pub(super) fn factions(&mut self, side_of: &[Option<SideId>]) -> Vec<Faction> {
        let raw = self.raw;
        let mut factions = Vec::new();
        for (i, f) in raw.factions.iter().enumerate() {
            let colour = match parse_colour(&f.colour) {
                Some(c) => c,
                None => {
                    self.rep.error(
                        &path![f "factions", i i, f "colour"],
                        format!("colour `{}`", f.colour),
                        "a colour \"#rrggbb\"",
                    );
                    [128, 128, 128]
                }
            };
            let side = match side_of[i] {
                Some(s) => s,
                None => {
                    self.rep.error(
                        &path![f "factions", i i, f "id"],
                        format!("faction `{}` is on no side", f.id),
                        "the faction listed in one side's `factions`",
                    );
                    SideId(0)
                }
            };
            factions.push(Faction {
                id: f.id.clone(),
                name: f.name.clone(),
                colour,
                side,
            });
        }
        factions
    }

    /// Regions, without their routes (`routes` adds them).
    pub(super) fn regions(&mut self) -> Vec<Region> {
        let raw = self.raw;
        let mut regions = Vec::new();
        for (i, r) in raw.regions.iter().enumerate() {
            let rp = path![f "regions", i i];
            if !(-90.0..=90.0).contains(&r.lat) {
                self.rep.error(
                    &with(&rp, &path![f "lat"]),
                    format!("latitude {}", r.lat),
                    "a latitude from -90 to 90",
                );
            }
            if !(-180.0..=180.0).contains(&r.lon) {
                self.rep.error(
                    &with(&rp, &path![f "lon"]),
                    format!("longitude {}", r.lon),
                    "a longitude from -180 to 180",
                );
            }
            self.check_provenance(&with(&rp, &path![f "position"]), &r.position);
            let control = r
                .control
                .as_ref()
                .and_then(|c| self.faction(&with(&rp, &path![f "control"]), c));
            let ruler = r
                .ruler
                .as_ref()
                .and_then(|c| self.commander(&with(&rp, &path![f "ruler"]), c));
            let (walls, moat, stores_days) = match &r.settlement {
                Some(s) => {
                    let sp = with(&rp, &path![f "settlement"]);
                    if let Some(pop) = &s.population {
                        self.count(&with(&sp, &path![f "population"]), pop, "population", false);
                    }
                    let days = self
                        .count(
                            &with(&sp, &path![f "stores_days"]),
                            &s.stores_days,
                            "stores",
                            false,
                        )
                        .unwrap_or(0);
                    (s.walls, s.moat, days)
                }
                None => (Walls::None, false, 0),
            };
            let livestock = match &r.livestock {
                Some(l) => self
                    .count(&with(&rp, &path![f "livestock"]), l, "livestock", false)
                    .unwrap_or(0),
                None => 0,
            };
            regions.push(Region {
                id: r.id.clone(),
                name: r.name.clone(),
                other_names: r.other_names.clone(),
                lat: r.lat,
                lon: r.lon,
                terrain: r.terrain,
                walls,
                moat,
                stores_days,
                control,
                ruler,
                seat: r.seat.clone(),
                livestock,
                routes: Vec::new(),
            });
        }
        regions
    }

    /// Routes, each added to the two regions it joins.
    pub(super) fn routes(&mut self, regions: &mut [Region]) -> Vec<Route> {
        let raw = self.raw;
        let mut routes = Vec::new();
        let mut seen_pairs = HashSet::new();
        for (i, r) in raw.routes.iter().enumerate() {
            let rp = path![f "routes", i i];
            let a = self.region(&with(&rp, &path![f "from"]), &r.from);
            let b = self.region(&with(&rp, &path![f "to"]), &r.to);
            let (Some(a), Some(b)) = (a, b) else { continue };
            if a == b {
                self.rep.error(
                    &with(&rp, &path![f "to"]),
                    format!("route from `{}` to itself", r.from),
                    "a route between two regions",
                );
                continue;
            }
            if !seen_pairs.insert((a.min(b), a.max(b))) {
                self.rep.error(
                    &rp,
                    format!("a second route between `{}` and `{}`", r.from, r.to),
                    "one route per pair of regions",
                );
            }
            let (ra, rb) = (&regions[a.index()], &regions[b.index()]);
            let straight_km = haversine_km(ra.lat, ra.lon, rb.lat, rb.lon);
            let given_km = match r.km {
                Some(km) if km.is_finite() && km > 0.0 => Some(km),
                Some(km) => {
                    self.rep.error(
                        &with(&rp, &path![f "km"]),
                        format!("route length {km}"),
                        "a length in km above 0",
                    );
                    Some(1.0)
                }
                None => None,
            };
            if routes.len() >= MAX_ROUTES {
                self.rep.error(
                    &rp,
                    format!("more than {MAX_ROUTES} routes"),
                    format!("at most {MAX_ROUTES} routes in one scenario"),
                );
                break;
            }
            let turns = match &r.turns {
                Some(end) if *end == r.from => Some(a),
                Some(end) if *end == r.to => Some(b),
                Some(end) => {
                    self.rep.error(
                        &with(&rp, &path![f "turns"]),
                        format!("`{end}` is not an end of this route"),
                        format!(
                            "`{}` or `{}`, the region whose works the route turns",
                            r.from, r.to
                        ),
                    );
                    None
                }
                None => None,
            };
            let id = RouteId(routes.len() as u16);
            regions[a.index()].routes.push(id);
            regions[b.index()].routes.push(id);
            routes.push(Route {
                a,
                b,
                // The straight line until the rules lay the road (`Scenario::lay_roads`).
                km: given_km.unwrap_or(straight_km.max(1.0)),
                given_km,
                straight_km,
                terrain: r.terrain,
                name: r.name.clone(),
                concealed: r.concealed,
                turns,
            });
        }
        routes
    }

    /// `orders` pairs each typed order with its index among the file's orders.
    pub(super) fn check_reachable(
        &mut self,
        regions: &[Region],
        routes: &[Route],
        orders: &[(usize, TimedOrder)],
    ) {
        for (i, t) in orders {
            let i = *i;
            let spec = &self.army_specs[t.army.index()];
            let order_path = path![f "history", f "orders", i i, f "order"];
            let targets: Vec<(RegionId, P)> = match &t.order {
                Order::March { to, via } => {
                    let mut v: Vec<(RegionId, P)> = via
                        .iter()
                        .enumerate()
                        .map(|(j, r)| (*r, with(&order_path, &path![f "via", i j])))
                        .collect();
                    v.push((*to, with(&order_path, &path![f "to"])));
                    v
                }
                Order::Withdraw { to } | Order::Lure { to } => {
                    vec![(*to, with(&order_path, &path![f "to"]))]
                }
                _ => Vec::new(),
            };
            let reach = reachable(regions, routes, spec.at);
            let (army, start) = (spec.id.clone(), regions[spec.at.index()].id.clone());
            for (r, p) in targets {
                if !reach.contains(&r) {
                    self.rep.error(
                        &p,
                        format!("region `{}` cannot be reached from `{start}`, where army `{army}` starts: no route leads there", regions[r.index()].id),
                        "a region connected by routes to the army's start",
                    );
                }
            }
        }
    }
}

/// Regions reachable by road from `from`.
pub fn reachable(regions: &[Region], routes: &[Route], from: RegionId) -> HashSet<RegionId> {
    let mut seen = HashSet::from([from]);
    let mut queue = VecDeque::from([from]);
    while let Some(r) = queue.pop_front() {
        for route in &regions[r.index()].routes {
            let next = routes[route.index()].other(r);
            if seen.insert(next) {
                queue.push_back(next);
            }
        }
    }
    seen
}

/// Great-circle distance in km.
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    // libm, not std: the same bits on every platform, since road lengths feed the rules.
    let (sp, sl) = (libm::sin(dp / 2.0), libm::sin(dl / 2.0));
    let a = sp * sp + libm::cos(p1) * libm::cos(p2) * sl * sl;
    2.0 * 6371.0 * libm::asin(a.sqrt())
}

fn parse_colour(s: &str) -> Option<[u8; 3]> {
    let hex = s.strip_prefix('#')?;
    if hex.len() != 6 || !hex.is_ascii() {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_are_great_circle() {
        // Turfan to Karasahr, about 260 km in a straight line.
        let d = haversine_km(42.85, 89.53, 42.06, 86.57);
        assert!((250.0..270.0).contains(&d), "{d}");
    }
}
