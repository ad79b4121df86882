//! Facts the panels put in words that the engine does not report as
//! events: a march held up by an enemy on the road, a siege and the stores
//! left in the city, how long an army's food lasts against the march it is
//! given, and the cities a side must hold to win. Pure, read-only
//! functions of the scenario, the rules and the state.

use crate::core::order::Order;
use crate::rules::movement::{nearest_region, road_km, terrain_at};
use crate::rules::params::Rules;
use crate::rules::state::{Position, State};
use crate::scenario::Scenario;
use crate::scenario::model::{ArmyId, Condition, RegionId, SideId};

/// An army whose march is held up by enemies in its way.
#[derive(Debug, Clone, PartialEq)]
pub struct Blocked {
    /// The enemies in the way.
    pub by: Vec<ArmyId>,
    /// Held on the road (else halted in a region the enemy stands in).
    pub on_road: bool,
}

/// True for the orders that move an army from where it stands and that an
/// enemy in the way holds up. Riders harrying (`Order::Harry`) ride round
/// whatever stands in their way, and their target is where they mean to be.
fn moves(o: &Order) -> bool {
    matches!(
        o,
        Order::March { .. }
            | Order::Withdraw { .. }
            | Order::Lure { .. }
            | Order::Attack { .. }
            | Order::Pursue { .. }
    )
}

/// The enemies that hold up the army's march, if its orders move it and
/// hostile armies (not routed) stand in its way: on its road within contact,
/// or in the region it has reached on the way.
pub fn blocked(s: &Scenario, rules: &Rules, st: &State, a: ArmyId) -> Option<Blocked> {
    let army = st.army(a);
    let order = army.orders.front().filter(|o| moves(o))?;
    let hostile = |b: usize| {
        let o = &st.armies[b];
        b != a.index() && o.active() && !o.routed && s.hostile(army.faction, o.faction)
    };
    let (by, on_road): (Vec<ArmyId>, bool) = match army.pos {
        Position::Road { route, .. } => {
            let by = (0..st.armies.len())
                .filter(|b| hostile(*b))
                .filter(|b| {
                    let p = st.armies[*b].pos;
                    matches!(p, Position::Road { route: r, .. } if r == route)
                        && road_km(s, army.pos, p) <= rules.march.contact_km
                })
                .map(|b| ArmyId(b as u16))
                .collect();
            (by, true)
        }
        Position::At(r) => {
            let goal = match order {
                Order::March { to, .. } | Order::Withdraw { to } | Order::Lure { to } => Some(*to),
                _ => None,
            };
            if goal == Some(r) || goal.is_none() {
                return None;
            }
            let by = st.armies_at(r).filter(|b| hostile(b.index())).collect();
            (by, false)
        }
    };
    (!by.is_empty()).then_some(Blocked { by, on_road })
}

/// A city under siege: who besieges it, the stores left, and the men
/// inside. The garrison eats from the stores, a man-day a man each day;
/// the city gives itself up on the day its stores no longer cover every
/// man inside, garrison or not (`rules::siege`).
#[derive(Debug, Clone, PartialEq)]
pub struct Siege {
    pub city: RegionId,
    pub by: ArmyId,
    /// Man-days of food in the stores.
    pub stores: f64,
    /// Men of the garrison, who eat from the stores.
    pub garrison: u32,
    /// Every man inside that the besieger must starve out.
    pub inside: u32,
}

impl Siege {
    /// Whole days the city still holds before hunger opens it (`u32::MAX`
    /// when no one eats from the stores).
    pub fn days_left(&self) -> u32 {
        let (stores, inside) = (self.stores, self.inside as f64);
        if stores < inside {
            return 0;
        }
        if self.garrison == 0 {
            return u32::MAX;
        }
        ((stores - inside) / self.garrison as f64).floor() as u32 + 1
    }

    /// The same siege with an army of `men` more inside.
    pub fn with_men(&self, men: u32) -> Siege {
        Siege {
            inside: self.inside + men,
            ..self.clone()
        }
    }
}

/// The siege of a region, if it is under one.
pub fn siege(s: &Scenario, st: &State, r: RegionId) -> Option<Siege> {
    let region = &st.regions[r.index()];
    let by = region.besieged_by?;
    let besieger = st.army(by).faction;
    let (mut garrison, mut inside) = (0, 0);
    for b in st.armies_at(r) {
        let x = st.army(b);
        if s.hostile(x.faction, besieger) && !x.routed {
            inside += x.strength();
            if x.garrison {
                garrison += x.strength();
            }
        }
    }
    Some(Siege {
        city: r,
        by,
        stores: region.stores,
        garrison,
        inside,
    })
}

/// The siege an army is in: of the city it stands in, or the one it besieges.
pub fn siege_of_army(s: &Scenario, st: &State, a: ArmyId) -> Option<Siege> {
    let r = st.army(a).region()?;
    siege(s, st, r)
}

/// True when the army is fed where it stands without eating what it
/// carries: home ground of its side (held now and at the start, not under
/// siege), a besieged city's stores for its garrison, or land that forages enough.
pub fn fed_where_it_stands(s: &Scenario, rules: &Rules, st: &State, a: ArmyId) -> bool {
    let army = st.army(a);
    let ours = |f: Option<_>| f.is_some_and(|f| !s.hostile(f, army.faction));
    if let Some(r) = army.region() {
        let now = &st.regions[r.index()];
        if crate::rules::supply::home_ground(s, st, army.faction, r) {
            return true;
        }
        if ours(now.control) && now.besieged_by.is_some() && army.garrison {
            return now.stores >= army.strength() as f64;
        }
    }
    rules.terrain(terrain_at(s, army.pos)).forage >= army.strength() as f64
}

/// How an army's food lasts the march an order sets it on, as the rules
/// count it (`rules::check::march_larder`: refills on home ground of its
/// side, land that feeds it costs nothing).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FoodCheck {
    /// Days of food it carries, its baggage too.
    pub food_days: f64,
    /// The longest stretch of the march, in days, without home ground or
    /// land that feeds it.
    pub stretch_days: f64,
    /// The least food it has left on the way, in days; below 0 when it goes hungry.
    pub lowest: f64,
}

impl FoodCheck {
    /// The army goes hungry on the way before it can refill.
    pub fn short(&self) -> bool {
        self.lowest < 0.0
    }
    /// It gets through with less than a day's food to spare.
    pub fn tight(&self) -> bool {
        !self.short() && self.lowest < 1.0
    }
}

/// The food check for an order that marches: to a region, or to the
/// place an enemy army stands; None for orders that stay, or with no road.
pub fn food_check(
    s: &Scenario,
    rules: &Rules,
    st: &State,
    a: ArmyId,
    order: &Order,
) -> Option<FoodCheck> {
    let (to, via): (RegionId, &[RegionId]) = match order {
        Order::March { to, via } => (*to, via),
        Order::Withdraw { to } | Order::Lure { to } => (*to, &[]),
        Order::Attack { target, .. } | Order::Pursue { target } | Order::Harry { target } => {
            (nearest_region(s, st.armies.get(target.index())?.pos), &[])
        }
        _ => return None,
    };
    let l = crate::rules::check::march_larder(s, rules, st, a, to, via)?;
    Some(FoodCheck {
        food_days: l.start,
        stretch_days: l.longest_stretch,
        lowest: l.lowest,
    })
}

/// A region a side must hold to win (or to keep the other side from
/// winning), with the victory condition's words.
#[derive(Debug, Clone, PartialEq)]
pub struct MustHold {
    pub region: RegionId,
    pub why: String,
}

/// The regions whose holding by `side` helps it in some victory condition
/// (its own, or another side's it keeps from coming true).
pub fn must_hold(s: &Scenario, side: SideId) -> Vec<MustHold> {
    let mut out: Vec<MustHold> = Vec::new();
    for v in &s.victory {
        let mut regions = Vec::new();
        walk(s, side, &v.when, true, v.side == side, &mut regions);
        for region in regions {
            if !out.iter().any(|m| m.region == region) {
                out.push(MustHold {
                    region,
                    why: v.description.clone(),
                });
            }
        }
    }
    out
}

/// The `Controls` conditions that the side holding the region helps:
/// holding it makes the condition true when `by` is the side's, and a
/// true condition helps when it is wanted (`positive` for the side's own
/// victory, negated under a `Not` and for another side's).
fn walk(
    s: &Scenario,
    side: SideId,
    c: &Condition,
    positive: bool,
    own: bool,
    out: &mut Vec<RegionId>,
) {
    match c {
        Condition::Controls { region, by } => {
            let mine = by.0.iter().any(|f| s.side_of(*f) == side);
            if (mine == positive) == own {
                out.push(*region);
            }
        }
        Condition::All(list) | Condition::Any(list) => {
            for c in list {
                walk(s, side, c, positive, own, out);
            }
        }
        Condition::Not(c) => walk(s, side, c, !positive, own, out),
        _ => {}
    }
}

/// The region an order takes the army out of, if it moves it away from
/// the region it stands in.
pub fn leaves(st: &State, a: ArmyId, order: &Order) -> Option<RegionId> {
    let here = st.army(a).region()?;
    let away = match order {
        Order::March { to, .. } | Order::Withdraw { to } | Order::Lure { to } => *to != here,
        Order::Attack { target, .. } | Order::Pursue { target } | Order::Harry { target } => st
            .armies
            .get(target.index())
            .is_some_and(|t| t.pos != Position::At(here)),
        _ => false,
    };
    away.then_some(here)
}

/// A chance as a whole percentage, never 0% or 100% for what may yet happen.
pub fn percent(p: f64) -> String {
    let v = (p * 100.0).round();
    if v <= 0.0 && p > 0.0 {
        "under 1%".into()
    } else if v >= 100.0 && p < 1.0 {
        "over 99%".into()
    } else {
        format!("{v:.0}%")
    }
}

#[cfg(test)]
#[path = "notes_tests.rs"]
mod tests;
