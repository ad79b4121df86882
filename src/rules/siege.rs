//! Sieges and cities: storming walls, blockading a city until its stores
//! run out, taking a city no one defends, a relief army falling on the
//! besiegers with the garrison sallying, a garrison living on its stores and
//! shut in by the siege, and the siege lifted when the besieger leaves or
//! breaks. The state still changes only in `apply`; this file decides.
//!
//! A siege is laid by the `Besiege` order ([`besiege`]); each day it costs
//! the besiegers `siege.besieger_attrition` of their men, and when the
//! city's stores no longer cover the garrison it gives itself up. It is
//! lifted when the besieger departs (`Event::Departed`), the city falls
//! (`Event::CityFell`), or the besieger is destroyed, merged away or routed
//! ([`broken_sieges`]).

use super::combat::{Setup, fight, push};
use super::contact::hostile_here;
use super::dice::{chance, unit};
use super::event::{BattleKind, Event, FallCause};
use super::orders::{Step, rest};
use super::params::Rules;
use super::state::*;
use super::supply::spread_men;
use super::turn::Log;
use crate::scenario::model::*;
use crate::scenario::raw::{Timing, Walls};

/// The `Assault` order: the army storms the walls of the enemy city where it
/// stands, or takes the city if no one defends it. Takes the day.
pub(super) fn assault(
    s: &Scenario,
    rules: &Rules,
    st: &mut State,
    a: ArmyId,
    timing: Timing,
    log: &mut Log,
) -> Step {
    let Some(r) = st.army(a).region() else {
        return Step::Done;
    };
    let defenders = hostile_here(s, st, a, r);
    if defenders.is_empty() {
        take_unguarded(s, rules, st, a, r, log);
        return Step::FinishedToday;
    }
    let es = fight(s, rules, st, assault_setup(s, st, a, r, &defenders, timing));
    log.extend(es);
    Step::FinishedToday
}

/// The storm of the walls of region `r` by army `a` against `defenders`.
pub fn assault_setup(
    s: &Scenario,
    st: &State,
    a: ArmyId,
    r: RegionId,
    defenders: &[ArmyId],
    timing: Timing,
) -> Setup {
    Setup {
        kind: BattleKind::Assault,
        region: Some(r),
        terrain: s.regions[r.index()].terrain,
        attackers: vec![(a, 1.0)],
        defenders: defenders.iter().map(|d| (*d, 1.0)).collect(),
        timing,
        unseen: st.army(a).hidden,
        chase_days: 0.0,
    }
}

/// The `Besiege` order, one day of it: the blockade costs the besiegers men,
/// and a garrison whose city's stores no longer feed it gives itself up.
/// Ends when the city falls or no enemy holds it any more.
pub(super) fn besiege(
    s: &Scenario,
    rules: &Rules,
    st: &mut State,
    a: ArmyId,
    log: &mut Log,
) -> Step {
    let Some(r) = st.army(a).region() else {
        return Step::Done;
    };
    if st.regions[r.index()]
        .control
        .is_none_or(|f| !s.hostile(f, st.army(a).faction))
    {
        return Step::Done;
    }
    let defenders = hostile_here(s, st, a, r);
    if defenders.is_empty() {
        take_unguarded(s, rules, st, a, r, log);
        return Step::FinishedToday;
    }
    let stores = st.regions[r.index()].stores;
    let garrison: u32 = defenders.iter().map(|d| st.army(*d).strength()).sum();
    if stores < garrison as f64 {
        // Starved out: the garrison gives itself up.
        let mut g = Vec::new();
        for d in &defenders {
            let army = st.army(*d);
            let l = Losses {
                captured: army.strength(),
                ..Losses::default()
            };
            g.push((*d, l, army.men));
        }
        let people = people_in_city(st, &defenders, r);
        log.emit(
            st,
            Event::CityFell {
                region: r,
                by: a,
                cause: FallCause::Starvation,
                garrison: g,
            },
        );
        for c in people {
            log.emit(
                st,
                Event::CommanderFate {
                    commander: c,
                    fate: Fate::Captured,
                    by: Some(a),
                },
            );
        }
        return Step::FinishedToday;
    }
    let lost_n = (st.army(a).strength() as f64 * rules.siege.besieger_attrition).round() as u32;
    let lost = spread_men(&st.army(a).men, lost_n);
    log.emit(
        st,
        Event::Besieging {
            army: a,
            region: r,
            lost,
        },
    );
    rest(rules, st, a, log);
    Step::DoneForToday
}

/// Takes a region no enemy army defends.
pub(super) fn take_unguarded(
    s: &Scenario,
    rules: &Rules,
    st: &mut State,
    a: ArmyId,
    r: RegionId,
    log: &mut Log,
) {
    let faction = st.army(a).faction;
    if st.regions[r.index()].control == Some(faction) {
        return;
    }
    let ruler = st.regions[r.index()].ruler;
    if s.regions[r.index()].walls != Walls::None {
        log.emit(
            st,
            Event::CityFell {
                region: r,
                by: a,
                cause: FallCause::Unguarded,
                garrison: Vec::new(),
            },
        );
    } else {
        log.emit(
            st,
            Event::ControlChanged {
                region: r,
                to: Some(faction),
            },
        );
    }
    let away = |c: CommanderId| {
        st.armies
            .iter()
            .any(|x| x.active() && (x.commander == Some(c) || x.companions.contains(&c)))
    };
    if let Some(c) = ruler
        && s.hostile(st.commanders[c.index()].faction, faction)
        && !away(c)
    {
        if chance(&mut st.rng, rules.capture.ruler_taken) {
            log.emit(
                st,
                Event::CommanderFate {
                    commander: c,
                    fate: Fate::Captured,
                    by: Some(a),
                },
            );
        } else {
            log.emit(
                st,
                Event::CommanderFate {
                    commander: c,
                    fate: Fate::Fled,
                    by: None,
                },
            );
        }
    }
}

/// A city falls by storm: its garrison is killed, captured or scattered, and
/// the commanders in it are taken, killed or escape.
pub(super) fn stormed(
    rules: &Rules,
    st: &mut State,
    losers: &[ArmyId],
    r: RegionId,
    lead_winner: ArmyId,
    events: &mut Vec<Event>,
) {
    // The city is taken: its garrison is killed, captured or scattered.
    let mut garrison = Vec::new();
    for a in losers {
        let army = st.army(*a);
        let rest = army.strength();
        let captured = (rest as f64 * rules.capture.garrison_captured).round() as u32;
        let killed = ((rest - captured) as f64 * rules.capture.garrison_killed).floor() as u32;
        let l = Losses {
            killed,
            wounded: 0,
            captured,
            dispersed: rest - captured - killed,
        };
        garrison.push((*a, l, army.men));
    }
    let people = people_in_city(st, losers, r);
    push(
        st,
        events,
        Event::CityFell {
            region: r,
            by: lead_winner,
            cause: FallCause::Storm,
            garrison,
        },
    );
    for c in people {
        let fate = if chance(&mut st.rng, rules.capture.city_taken) {
            Fate::Captured
        } else if chance(
            &mut st.rng,
            rules.capture.city_killed / (1.0 - rules.capture.city_taken).max(1e-9),
        ) {
            Fate::Killed
        } else {
            Fate::Fled
        };
        push(
            st,
            events,
            Event::CommanderFate {
                commander: c,
                fate,
                by: Some(lead_winner),
            },
        );
    }
}

/// Share of its men a failed assault costs the attackers (drawn between the
/// low and high `siege.repulse_loss`).
pub(super) fn repulse_share(rules: &Rules, rng: &mut rand_chacha::ChaCha8Rng) -> f64 {
    rules.siege.repulse_loss.0
        + (rules.siege.repulse_loss.1 - rules.siege.repulse_loss.0) * unit(rng)
}

/// The commanders caught in a city that falls: those with its defenders and its ruler.
fn people_in_city(st: &State, defenders: &[ArmyId], r: RegionId) -> Vec<CommanderId> {
    let mut people: Vec<CommanderId> = Vec::new();
    for a in defenders {
        let army = st.army(*a);
        people.extend(army.commander);
        people.extend(army.companions.iter().copied());
    }
    people.extend(st.regions[r.index()].ruler);
    // A king commanding his own garrison is one man with one fate.
    people.sort();
    people.dedup();
    people
}

/// The region is under siege by one of these armies.
pub(super) fn besieged_by_one_of(st: &State, r: RegionId, armies: &[ArmyId]) -> bool {
    st.regions[r.index()]
        .besieged_by
        .is_some_and(|x| armies.contains(&x))
}

/// The kind of battle an attack on these defenders makes: a relief when they
/// are besieging the region, an assault when they hold its walls with a
/// garrison, else a battle in the field.
pub(super) fn kind_of_battle(
    s: &Scenario,
    st: &State,
    region: Option<RegionId>,
    tf: FactionId,
    defenders: &[ArmyId],
) -> BattleKind {
    let besiegers = region.is_some_and(|r| besieged_by_one_of(st, r, defenders));
    let walled_garrison = region.is_some_and(|r| {
        s.regions[r.index()].walls != Walls::None
            && st.regions[r.index()].control == Some(tf)
            && defenders.iter().any(|d| st.army(*d).garrison)
    });
    if besiegers {
        BattleKind::Relief
    } else if walled_garrison {
        BattleKind::Assault
    } else {
        BattleKind::Field
    }
}

/// Under siege a garrison lives on its city's stores, one man-day a man, as
/// long as they last: the day's rations, if so. The caller has checked that
/// the city is of the army's side.
pub(super) fn garrison_rations(st: &State, a: ArmyId, r: RegionId, men: f64) -> Option<Event> {
    let army = st.army(a);
    let besieged = st.regions[r.index()].besieged_by.is_some();
    (besieged && army.garrison && st.regions[r.index()].stores >= men).then(|| Event::Fed {
        army: a,
        food_days: army.food_days,
        from_baggage: None,
        from_stores: Some((r, men)),
    })
}

/// A garrison under siege cannot leave its walls.
pub(super) fn shut_in(st: &State, a: &ArmyState) -> bool {
    a.garrison
        && a.region()
            .is_some_and(|r| st.regions[r.index()].besieged_by.is_some())
}

/// Sieges whose besieger has been destroyed, merged away or routed: `apply`
/// lifts them after every event that can break a besieger.
pub(super) fn broken_sieges(state: &State) -> Vec<usize> {
    (0..state.regions.len())
        .filter(|i| {
            state.regions[*i].besieged_by.is_some_and(|b| {
                let a = &state.armies[b.index()];
                !a.active() || a.routed
            })
        })
        .collect()
}

/// The stores each city lays in at the start: its scenario's days of
/// stores for the men garrisoned there (counted as at least
/// `siege.stores_min_garrison`).
pub(super) fn opening_stores(s: &Scenario, rules: &Rules, state: &State) -> Vec<f64> {
    s.regions
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let garrison: u32 = state
                .armies
                .iter()
                .filter(|a| a.present && a.garrison && a.pos == Position::At(RegionId(i as u16)))
                .map(ArmyState::strength)
                .sum();
            r.stores_days as f64 * garrison.max(rules.siege.stores_min_garrison) as f64
        })
        .collect()
}
