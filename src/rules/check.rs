//! Whether an order can be carried out now, and if not, why. The player's
//! clicks, the AI and the scenario's history all go through this.

use serde::{Deserialize, Serialize};

use super::movement;
use super::params::Rules;
use super::siege;
use super::state::{Fate, Position, State};
use super::supply;
use crate::core::order::Order;
use crate::scenario::model::*;
use crate::scenario::raw::TroopKind;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Reason {
    NotOnMap {
        army: ArmyId,
    },
    Routed {
        army: ArmyId,
    },
    NoRoad {
        army: ArmyId,
        to: RegionId,
    },
    AlreadyThere {
        army: ArmyId,
        region: RegionId,
    },
    NotEnoughSupply {
        army: ArmyId,
        have: f64,
        need: f64,
    },
    TargetGone {
        target: ArmyId,
    },
    NotAnEnemy {
        target: ArmyId,
    },
    OnTheRoad {
        army: ArmyId,
    },
    NotAnEnemyCity {
        army: ArmyId,
        region: RegionId,
    },
    NoWalls {
        region: RegionId,
    },
    NothingToRaid {
        region: RegionId,
    },
    RulerNotWithArmy {
        ruler: CommanderId,
        army: ArmyId,
    },
    CityNotHeld {
        region: RegionId,
        army: ArmyId,
    },
    /// A ruler is installed in a city taken, not in one its side held from
    /// the start.
    OwnCity {
        region: RegionId,
        army: ArmyId,
    },
    NotACaptive {
        commander: CommanderId,
        army: ArmyId,
    },
    NotTogether {
        army: ArmyId,
        other: ArmyId,
    },
    OtherFaction {
        army: ArmyId,
        other: ArmyId,
    },
    SameArmy {
        army: ArmyId,
    },
    BadDetachment {
        army: ArmyId,
        kind: TroopKind,
        asked: u32,
        has: u32,
    },
    EmptyDetachment {
        army: ArmyId,
    },
    IdTaken {
        id: String,
    },
    GarrisonCannotLeave {
        army: ArmyId,
    },
    /// A harry order for an army with no men who shoot from the saddle.
    CannotHarry {
        army: ArmyId,
    },
}

fn army_name(s: &Scenario, st: &State, a: ArmyId) -> String {
    let army = &st.armies[a.index()];
    match army.commander {
        Some(c) => format!("{}'s army", s.commanders[c.index()].name),
        None => army.name.clone(),
    }
}

impl Reason {
    /// The reason in words, for the player.
    pub fn text(&self, s: &Scenario, st: &State) -> String {
        let army = |a: &ArmyId| army_name(s, st, *a);
        let region = |r: &RegionId| s.regions[r.index()].name.clone();
        let who = |c: &CommanderId| s.commanders[c.index()].name.clone();
        match self {
            Reason::NotOnMap { army: a } => format!("{} is not on the map", army(a)),
            Reason::Routed { army: a } => {
                format!("{} is routed and will not obey until it rallies", army(a))
            }
            Reason::NoRoad { army: a, to } => {
                format!("no road leads {} to {}", army(a), region(to))
            }
            Reason::AlreadyThere { army: a, region: r } => {
                format!("{} is already at {}", army(a), region(r))
            }
            Reason::NotEnoughSupply {
                army: a,
                have,
                need,
            } => {
                format!(
                    "{} has {:.0} days of supply; the road needs {:.0} with nothing to eat on the way",
                    army(a),
                    have.floor(),
                    need.ceil()
                )
            }
            Reason::TargetGone { target } => format!("{} is no longer in the field", army(target)),
            Reason::NotAnEnemy { target } => format!("{} is not an enemy", army(target)),
            Reason::OnTheRoad { army: a } => {
                format!("{} is on the march and must reach a region first", army(a))
            }
            Reason::NotAnEnemyCity { army: a, region: r } => {
                format!("{} stands at {}, which no enemy holds", army(a), region(r))
            }
            Reason::NoWalls { region: r } => {
                format!("{} has no walls to storm or besiege", region(r))
            }
            Reason::NothingToRaid { region: r } => {
                format!("there are no herds left to seize at {}", region(r))
            }
            Reason::RulerNotWithArmy { ruler, army: a } => {
                format!("{} is not travelling with {}", who(ruler), army(a))
            }
            Reason::CityNotHeld { region: r, army: a } => {
                format!("{} does not hold {}", army(a), region(r))
            }
            Reason::OwnCity { region: r, army: a } => {
                format!(
                    "{} is {}'s own city: a ruler is installed in a city taken",
                    region(r),
                    army(a)
                )
            }
            Reason::NotACaptive { commander, army: a } => {
                format!("{} is not a captive of {}", who(commander), army(a))
            }
            Reason::NotTogether { army: a, other } => {
                format!("{} and {} are not in the same place", army(a), army(other))
            }
            Reason::OtherFaction { army: a, other } => {
                format!("{} and {} serve different masters", army(a), army(other))
            }
            Reason::SameArmy { army: a } => format!("{} cannot join itself", army(a)),
            Reason::BadDetachment {
                army: a,
                kind,
                asked,
                has,
            } => format!("{} has {has} {kind:?}, not {asked}", army(a)),
            Reason::EmptyDetachment { army: a } => {
                format!("a detachment of {} needs men, and some must stay", army(a))
            }
            Reason::IdTaken { id } => format!("an army called `{id}` already exists"),
            Reason::GarrisonCannotLeave { army: a } => format!(
                "{} is a garrison and cannot leave its walls while besieged",
                army(a)
            ),
            Reason::CannotHarry { army: a } => format!(
                "{} has no horsemen who shoot from the saddle to harry with",
                army(a)
            ),
        }
    }
}

fn enemy_city(s: &Scenario, st: &State, army: ArmyId) -> Result<RegionId, Reason> {
    let a = st.army(army);
    let r = a.region().ok_or(Reason::OnTheRoad { army })?;
    let holder = st.regions[r.index()].control;
    if !holder.is_some_and(|f| s.hostile(f, a.faction)) {
        return Err(Reason::NotAnEnemyCity { army, region: r });
    }
    Ok(r)
}

/// Where an army stands, if in a region.
fn t_region(st: &State, a: ArmyId) -> Option<RegionId> {
    st.armies.get(a.index()).and_then(|x| x.region())
}

/// Days of food an army can count on for a march: what it carries, plus
/// the baggage it carries with it.
fn food_for_march(st: &State, army: ArmyId) -> f64 {
    let a = st.army(army);
    let bag = a
        .baggage
        .as_ref()
        .map_or(0.0, |b| b.man_days / a.strength().max(1) as f64);
    a.food_days + bag
}

/// Checks an order for an army against the current state.
pub fn check(
    s: &Scenario,
    rules: &Rules,
    st: &State,
    army: ArmyId,
    order: &Order,
) -> Result<(), Reason> {
    let a = st
        .armies
        .get(army.index())
        .ok_or(Reason::NotOnMap { army })?;
    if !a.active() {
        return Err(Reason::NotOnMap { army });
    }
    if a.routed {
        return Err(Reason::Routed { army });
    }
    match order {
        Order::March { to, .. } | Order::Withdraw { to } | Order::Lure { to } => {
            let via: &[RegionId] = if let Order::March { via, .. } = order {
                via
            } else {
                &[]
            };
            if a.pos == Position::At(*to) && via.is_empty() {
                return Err(Reason::AlreadyThere { army, region: *to });
            }
            if siege::shut_in(st, a) {
                return Err(Reason::GarrisonCannotLeave { army });
            }
            movement::march_days(s, rules, st, army, *to, via)
                .ok_or(Reason::NoRoad { army, to: *to })?;
            march_food(s, rules, st, army, *to, via)
                .map_err(|(have, need)| Reason::NotEnoughSupply { army, have, need })
        }
        Order::Attack { target, .. } | Order::Pursue { target } | Order::Harry { target } => {
            if siege::shut_in(st, a) && t_region(st, *target) != a.region() {
                return Err(Reason::GarrisonCannotLeave { army });
            }
            if matches!(order, Order::Harry { .. })
                && !crate::rules::harry::can_harry(rules, st, army)
            {
                return Err(Reason::CannotHarry { army });
            }
            let t = st
                .armies
                .get(target.index())
                .ok_or(Reason::TargetGone { target: *target })?;
            if !t.active() {
                return Err(Reason::TargetGone { target: *target });
            }
            if !s.hostile(a.faction, t.faction) {
                return Err(Reason::NotAnEnemy { target: *target });
            }
            let from = movement::nearest_region(s, a.pos);
            let to = movement::nearest_region(s, t.pos);
            if from != to && movement::path(s, rules, a, from, to).is_none() {
                return Err(Reason::NoRoad { army, to });
            }
            // An attack marches to its target: the march must be fed, as any
            // march is (a pursuit at the heels of a beaten army is not held back).
            if from != to && matches!(order, Order::Attack { .. }) {
                march_food(s, rules, st, army, to, &[])
                    .map_err(|(have, need)| Reason::NotEnoughSupply { army, have, need })?;
            }
            Ok(())
        }
        Order::Assault { .. } | Order::Besiege => {
            let r = enemy_city(s, st, army)?;
            if s.regions[r.index()].walls == crate::scenario::raw::Walls::None {
                return Err(Reason::NoWalls { region: r });
            }
            Ok(())
        }
        Order::Raid => {
            let r = a.region().ok_or(Reason::OnTheRoad { army })?;
            if st.regions[r.index()].livestock == 0 {
                return Err(Reason::NothingToRaid { region: r });
            }
            Ok(())
        }
        Order::Fortify | Order::Forage | Order::Ambush => {
            a.region().ok_or(Reason::OnTheRoad { army })?;
            Ok(())
        }
        Order::Hold => Ok(()),
        Order::Split {
            id,
            contingents,
            commander,
            ..
        } => {
            if st
                .armies
                .iter()
                .any(|x| x.id == *id && (x.present || x.raised > 0))
            {
                return Err(Reason::IdTaken { id: id.clone() });
            }
            if let Some(c) = commander
                && a.commander != Some(*c)
                && !a.companions.contains(c)
            {
                return Err(Reason::RulerNotWithArmy { ruler: *c, army });
            }
            // The same troop type may be listed more than once: add them up first.
            let mut asked = [0u64; 8];
            for (kind, n) in contingents {
                asked[kind.index()] += *n as u64;
            }
            let mut total = 0u64;
            for (i, n) in asked.iter().enumerate() {
                let kind = TroopKind::ALL[i];
                let (n, has) = (*n, a.men[i]);
                if n > has as u64 {
                    return Err(Reason::BadDetachment {
                        army,
                        kind,
                        asked: n.min(u32::MAX as u64) as u32,
                        has,
                    });
                }
                total += n;
            }
            if total == 0 || total >= a.strength() as u64 {
                return Err(Reason::EmptyDetachment { army });
            }
            Ok(())
        }
        Order::Merge { into } => {
            if *into == army {
                return Err(Reason::SameArmy { army });
            }
            let t = st
                .armies
                .get(into.index())
                .ok_or(Reason::TargetGone { target: *into })?;
            if !t.active() {
                return Err(Reason::TargetGone { target: *into });
            }
            if t.faction != a.faction {
                return Err(Reason::OtherFaction { army, other: *into });
            }
            if t.pos != a.pos {
                return Err(Reason::NotTogether { army, other: *into });
            }
            Ok(())
        }
        Order::InstallRuler { ruler } => {
            if !a.companions.contains(ruler) {
                return Err(Reason::RulerNotWithArmy {
                    ruler: *ruler,
                    army,
                });
            }
            let r = a.region().ok_or(Reason::OnTheRoad { army })?;
            let held = st.regions[r.index()]
                .control
                .is_some_and(|f| !s.hostile(f, a.faction));
            if !held
                || s.regions[r.index()].walls == crate::scenario::raw::Walls::None
                    && s.regions[r.index()].seat.is_none()
                    && s.regions[r.index()].ruler.is_none()
            {
                return Err(Reason::CityNotHeld { region: r, army });
            }
            if s.regions[r.index()]
                .control
                .is_some_and(|f| !s.hostile(f, a.faction))
            {
                return Err(Reason::OwnCity { region: r, army });
            }
            Ok(())
        }
        Order::Execute { commander } => {
            if !a.captives.contains(commander)
                || st.commanders[commander.index()].fate != Fate::Captured
            {
                return Err(Reason::NotACaptive {
                    commander: *commander,
                    army,
                });
            }
            Ok(())
        }
    }
}

/// An army's food over a march, leg by leg: what it can count on at the
/// start (its baggage too), the least it has left on the way (below 0 when
/// it goes hungry before it can refill), the longest stretch, in days,
/// without home ground or land that feeds it, and the stretch at which it
/// first runs out past the grace the rules allow.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Larder {
    pub start: f64,
    pub lowest: f64,
    pub longest_stretch: f64,
    pub fails_at: Option<f64>,
}

/// The [`Larder`] of a march to `to` through `via`: on each leg whose land
/// (or grass, for the men who ride with their herds) does not feed its men
/// the army eats what it carries ([`supply::eats_carried`]), and on home ground
/// of its side it refills to what it can carry, as the daily supply and the
/// march itself do. None when no road leads there.
pub fn march_larder(
    s: &Scenario,
    rules: &Rules,
    st: &State,
    army: ArmyId,
    to: RegionId,
    via: &[RegionId],
) -> Option<Larder> {
    let a = st.army(army);
    let start = food_for_march(st, army);
    let bag = start - a.food_days;
    let mut food = start;
    let mut stretch = 0.0;
    let mut larder = Larder {
        start,
        lowest: start,
        longest_stretch: 0.0,
        fails_at: None,
    };
    let mut here = movement::nearest_region(s, a.pos);
    let mut waypoints = via.to_vec();
    waypoints.push(to);
    for w in waypoints {
        let p = movement::path(s, rules, a, here, w)?;
        for route in p {
            let rt = &s.routes[route.index()];
            let next = rt.other(here);
            let home = supply::home_ground(s, st, a.faction, next);
            let eats = supply::eats_carried(rules, a, rt.terrain);
            if eats > 0.0 && !home {
                let d = movement::route_days(s, rules, a, route, rt.km) * eats;
                food -= d;
                stretch += d;
                larder.lowest = larder.lowest.min(food);
                larder.longest_stretch = larder.longest_stretch.max(stretch);
                if food + rules.march.food_grace_days < 0.0 && larder.fails_at.is_none() {
                    larder.fails_at = Some(stretch);
                }
            }
            if home {
                food = food.max(a.carry_days + bag);
                stretch = 0.0;
            }
            here = next;
        }
    }
    Some(larder)
}

/// Whether an army's food lasts a march ([`march_larder`]). On failure, the
/// food it has and the days without food of the stretch it cannot cover.
fn march_food(
    s: &Scenario,
    rules: &Rules,
    st: &State,
    army: ArmyId,
    to: RegionId,
    via: &[RegionId],
) -> Result<(), (f64, f64)> {
    match march_larder(s, rules, st, army, to, via) {
        Some(Larder {
            start,
            fails_at: Some(stretch),
            ..
        }) => Err((start, stretch)),
        _ => Ok(()),
    }
}
