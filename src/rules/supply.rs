//! Supply: every army is fed each day, from home ground, a besieged city's
//! stores, the land, or what it carries, topped up from a baggage train in
//! reach; an army whose food has run out starves.

use super::event::Event;
use super::movement::{road_km, terrain_at};
use super::params::Rules;
use super::siege;
use super::state::*;
use super::turn::Log;
use crate::scenario::model::*;
use crate::scenario::raw::{Terrain, TroopKind};

/// Home ground of a faction's side: a region its side holds now and held at
/// the start, not under siege. It feeds the side's armies to what they can
/// carry: an open city from the oasis around, open country by requisition.
/// The daily supply, the march and the march's food check all ask this.
pub fn home_ground(s: &Scenario, st: &State, faction: FactionId, r: RegionId) -> bool {
    let friendly = |f: Option<FactionId>| f.is_some_and(|f| !s.hostile(f, faction));
    friendly(st.regions[r.index()].control)
        && friendly(s.regions[r.index()].control)
        && st.regions[r.index()].besieged_by.is_none()
}

/// The army stands on home ground of its side, which fills its packs: the
/// event, when its food changes.
pub(super) fn fed_at_home(s: &Scenario, st: &State, a: ArmyId, r: RegionId) -> Option<Event> {
    let army = st.army(a);
    let food = army.carry_days.max(army.food_days);
    (home_ground(s, st, army.faction, r) && food != army.food_days).then_some(Event::Fed {
        army: a,
        food_days: food,
        from_baggage: None,
        from_stores: None,
    })
}

/// Food for every army for the day: city stores, baggage within reach, the
/// land, or what it carries; hunger when all fail.
pub(super) fn supply(s: &Scenario, rules: &Rules, st: &mut State, log: &mut Log) {
    let n = st.armies.len();
    for i in 0..n {
        let a = ArmyId(i as u16);
        let army = st.army(a);
        if !army.active() {
            continue;
        }
        let men = army.strength() as f64;
        // A city of its own side feeds it from the stores.
        if let Some(r) = army.region() {
            let ours = st.regions[r.index()]
                .control
                .is_some_and(|f| !s.hostile(f, army.faction));
            if home_ground(s, st, army.faction, r) {
                if let Some(fed) = fed_at_home(s, st, a, r) {
                    log.emit(st, fed);
                }
                continue;
            }
            if ours && let Some(fed) = siege::garrison_rations(st, a, r, men) {
                log.emit(st, fed);
                continue;
            }
        }
        // The land feeds it where forage covers its men, and herds where
        // there is grass feed the men who ride with them.
        // A harried army can send out no foragers and graze no herds.
        let terrain = terrain_at(s, army.pos);
        let eats = if army.harried_on == Some(st.day) {
            1.0
        } else {
            eats_carried(rules, army, terrain)
        };
        let mut food = army.food_days - eats;
        // A baggage train within reach tops it up.
        let mut from_baggage = None;
        if food < army.carry_days {
            for j in 0..n {
                let b = ArmyId(j as u16);
                let bag_army = st.army(b);
                let Some(bg) = &bag_army.baggage else {
                    continue;
                };
                if !bag_army.active() || !(b == a || bg.feeds.contains(&a)) || bg.man_days <= 0.0 {
                    continue;
                }
                if road_km(s, army.pos, bag_army.pos) > rules.supply.baggage_reach_km {
                    continue;
                }
                let want = (army.carry_days - food.max(0.0)) * men;
                let give = want.min(bg.man_days);
                food = food.max(0.0) + give / men.max(1.0);
                from_baggage = Some((b, give));
                break;
            }
        }
        if food < 0.0 {
            let lost_n = (men * rules.supply.starving_attrition).round() as u32;
            let lost = spread_men(&army.men, lost_n);
            let morale = (army.morale - rules.supply.starving_morale).max(0.0);
            log.emit(
                st,
                Event::Starved {
                    army: a,
                    lost,
                    morale,
                },
            );
            food = 0.0;
        }
        if food != st.army(a).food_days || from_baggage.is_some() {
            log.emit(
                st,
                Event::Fed {
                    army: a,
                    food_days: food,
                    from_baggage,
                    from_stores: None,
                },
            );
        }
    }
}

/// The share of a day's carried food an army eats on `terrain`. Where the
/// ground has grazing, the men of kinds that ride with their herds
/// (`TroopRules::herds`) live off them; the land's forage feeds the rest if
/// it covers them all. Otherwise the army eats from its packs for those it
/// does not feed: 1 for an army with no herds on land that cannot feed it.
pub fn eats_carried(rules: &Rules, army: &ArmyState, terrain: Terrain) -> f64 {
    let men = army.strength();
    let ground = rules.terrain(terrain);
    let on_herds: u32 = if ground.grazing {
        army.men
            .iter()
            .zip(TroopKind::ALL)
            .filter(|(_, k)| rules.troop(*k).herds)
            .map(|(n, _)| *n)
            .sum()
    } else {
        0
    };
    let rest = men - on_herds;
    if ground.forage >= f64::from(rest) {
        0.0
    } else if on_herds == 0 {
        1.0
    } else {
        f64::from(rest) / f64::from(men)
    }
}

/// Men lost to attrition, taken from the last troop types first (militia,
/// then auxiliaries, ...).
pub(super) fn spread_men(men: &Men, total: u32) -> Men {
    let mut out = [0u32; 8];
    let mut left = total.min(men_total(men));
    for i in (0..8).rev() {
        let t = left.min(men[i]);
        out[i] = t;
        left -= t;
    }
    out
}
