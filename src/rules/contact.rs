//! Contact and battle: who meets whom, ambushes sprung, attacks and pursuits
//! that reached their quarry fought with every army that joins, and
//! undefended regions taken. The fighting itself is in [`super::combat`].

use super::combat::fight::{fates_in_pursuit, split_losses, spread};
use super::combat::{Setup, fight, odds};
use super::event::{BattleKind, Event};
use super::harry::{self, fought_today};
use super::march::{SAME_POINT_KM, across_the_way};
use super::movement::{next_leg, road_km, speed, terrain_at};
use super::params::Rules;
use super::retreat::chase_days;
use super::siege::{self, take_unguarded};
use super::state::*;
use super::turn::Log;
use crate::core::order::Order;
use crate::scenario::model::*;
use crate::scenario::raw::{Timing, Walls};

/// The hostile armies, not routed, standing in a region with an army.
pub(super) fn hostile_here(s: &Scenario, st: &State, army: ArmyId, r: RegionId) -> Vec<ArmyId> {
    let f = st.army(army).faction;
    st.armies_at(r)
        .filter(|b| s.hostile(f, st.army(*b).faction) && !st.army(*b).routed)
        .collect()
}

/// Two armies meet: in the same region, or on the same road closer than
/// `march.contact_km` (following or head-on).
pub(super) fn in_contact(s: &Scenario, rules: &Rules, st: &State, a: ArmyId, b: ArmyId) -> bool {
    match (st.army(a).pos, st.army(b).pos) {
        (Position::At(x), Position::At(y)) => x == y,
        (pa @ Position::Road { route: ra, .. }, pb @ Position::Road { route: rb, .. })
            if ra == rb =>
        {
            road_km(s, pa, pb) < rules.march.contact_km
        }
        _ => false,
    }
}

/// Battles from contact: ambushes sprung, attacks and pursuits that reached their quarry.
pub(super) fn contacts(s: &Scenario, rules: &Rules, st: &mut State, log: &mut Log) {
    let n = st.armies.len();
    // Ambushes.
    for i in 0..n {
        let a = ArmyId(i as u16);
        let army = st.army(a);
        if !army.active() || army.routed || !matches!(army.orders.front(), Some(Order::Ambush)) {
            continue;
        }
        let Some(r) = army.region() else { continue };
        let victims = hostile_here(s, st, a, r);
        if victims.is_empty() {
            continue;
        }
        let setup = ambush_setup(s, rules, st, a, &victims);
        let sprung: Vec<ArmyId> = setup.attackers.iter().map(|(b, _)| *b).collect();
        let es = fight(s, rules, st, setup);
        log.extend(es);
        for b in sprung {
            if st.army(b).active() && !st.army(b).routed {
                log.emit(st, Event::OrderDone { army: b });
            }
        }
    }
    // Attacks and pursuits in contact.
    for i in 0..n {
        let a = ArmyId(i as u16);
        let army = st.army(a);
        if !army.active() || army.routed {
            continue;
        }
        let (target, timing) = match army.orders.front() {
            Some(Order::Attack { target, timing }) => (*target, *timing),
            Some(Order::Pursue { target }) => (*target, Timing::Day),
            _ => continue,
        };
        if !st.army(target).active()
            || !in_contact(s, rules, st, a, target)
            || allies_converging(s, rules, st, a, target)
        {
            continue;
        }
        if st.army(target).routed && !harry::behind_own_walls(s, st, target) {
            // A beaten army in flight does not stand to fight, unless its
            // own walls shelter it: the attacker overtakes it, once a
            // flight, and follows it after.
            if !st.army(target).caught {
                caught(rules, st, a, target, log);
            }
            continue;
        }
        battle_for(s, rules, st, a, target, timing, log);
    }
    // Columns barred on the road force their way.
    for i in 0..n {
        let a = ArmyId(i as u16);
        if let Some(b) = barred_by(s, rules, st, a) {
            battle_for(s, rules, st, a, b, Timing::Day, log);
        }
    }
    // Horsemen riding round an army without closing shoot into it.
    harry::harry(s, rules, st, log);
    // Beaten armies overtaken on the road.
    for i in 0..n {
        let a = ArmyId(i as u16);
        if let Some(b) = overtaken_by(s, rules, st, a) {
            caught(rules, st, a, b, log);
        }
    }
    // Armies entering an undefended enemy region take it.
    for i in 0..n {
        let a = ArmyId(i as u16);
        let army = st.army(a);
        if !army.active() || army.routed || army.garrison {
            continue;
        }
        let Some(r) = army.region() else { continue };
        let holder = st.regions[r.index()].control;
        if holder.is_some_and(|f| s.hostile(f, army.faction))
            && hostile_here(s, st, a, r).is_empty()
        {
            take_unguarded(s, rules, st, a, r, log);
        } else if holder.is_none()
            && hostile_here(s, st, a, r).is_empty()
            && s.regions[r.index()].walls != Walls::None
        {
            log.emit(
                st,
                Event::ControlChanged {
                    region: r,
                    to: Some(army.faction),
                },
            );
        }
    }
}

/// The enemy standing on the road ahead of army `a`, in contact, that bars
/// its march: a column ordered to march on does not stand face to face with
/// it for ever but attacks it by day to force the road. The enemy stands: it
/// is not itself marching or falling back (two columns on the march that meet
/// halt face to face, and fight only if one has an order to). Not when
/// either has fought today, nor for a column falling back (`Withdraw`,
/// `Lure`: those avoid battle).
fn barred_by(s: &Scenario, rules: &Rules, st: &State, a: ArmyId) -> Option<ArmyId> {
    let army = st.army(a);
    let Position::Road { route, from, km } = army.pos else {
        return None;
    };
    let Some(Order::March { to, via }) = army.orders.front() else {
        return None;
    };
    if !army.active() || army.routed {
        return None;
    }
    let fought_today = |x: ArmyId| fought_today(st, x);
    if fought_today(a) {
        return None;
    }
    let rt = &s.routes[route.index()];
    let len = rt.km;
    // The way the column goes: on towards the far end, or back.
    let (from, km) = match next_leg(s, rules, army, army.pos, *to, via) {
        Some((r, end, _, _)) if r == route && end == from => (rt.other(from), len - km),
        _ => (from, km),
    };
    (0..st.armies.len()).map(|j| ArmyId(j as u16)).find(|b| {
        let x = st.army(*b);
        let ahead = match x.pos {
            Position::Road {
                route: r,
                from: f,
                km: k,
            } if r == route => {
                let theirs = if f == from { k } else { len - k };
                theirs > km + SAME_POINT_KM
                    || (theirs >= km - SAME_POINT_KM && across_the_way(army.pos, from, f))
            }
            _ => false,
        };
        let standing = !matches!(
            x.orders.front(),
            Some(
                Order::March { .. }
                    | Order::Withdraw { .. }
                    | Order::Lure { .. }
                    | Order::Harry { .. }
            )
        );
        *b != a
            && x.active()
            && !x.routed
            && standing
            && ahead
            && s.hostile(army.faction, x.faction)
            && in_contact(s, rules, st, a, *b)
            && !fought_today(*b)
    })
}

/// A routed enemy, not yet caught in this flight, that army `a` (a column in
/// good order on a road) has come up with. Not one `a` itself beat today:
/// the pursuit after that battle was its catch for the day.
fn overtaken_by(s: &Scenario, rules: &Rules, st: &State, a: ArmyId) -> Option<ArmyId> {
    let army = st.army(a);
    if !army.active() || army.routed || !matches!(army.pos, Position::Road { .. }) {
        return None;
    }
    let beat_today = |b: ArmyId| {
        st.battles_today()
            .any(|r| r.winners.contains(&a) && r.losers.contains(&b))
    };
    (0..st.armies.len()).map(|j| ArmyId(j as u16)).find(|b| {
        let x = st.army(*b);
        x.active()
            && x.routed
            && !x.caught
            && !beat_today(*b)
            && s.hostile(army.faction, x.faction)
            && in_contact(s, rules, st, a, *b)
    })
}

/// Column `by` overtakes the routed army `a` on the road: no battle, for a
/// beaten army in flight does not stand; the column cuts down or takes the
/// share a pursuit would (`pursuit_share` at the pursuit ratio of the two,
/// split as `pursuit_split`), and its commanders face the pursuit's chances.
/// Once a flight.
fn caught(rules: &Rules, st: &mut State, by: ArmyId, a: ArmyId, log: &mut Log) {
    let ratio = odds::pursuit_ratio(rules, st, &[(by, 1.0)], &[(a, 1.0)]);
    let share = odds::pursuit_share(rules, ratio, 0.0);
    let men = st.army(a).strength();
    let n = ((f64::from(men) * share).round() as u32).min(men);
    let (k, c, d) = rules.battle.pursuit_split;
    let losses = split_losses(n, (k, 0.0, c, d));
    let lost = spread(&st.army(a).men, losses.total());
    log.emit(
        st,
        Event::Caught {
            army: a,
            by,
            losses,
            lost,
        },
    );
    let p_taken = (rules.capture.rout_base * ratio).min(rules.capture.rout_max);
    let mut events = Vec::new();
    fates_in_pursuit(rules, st, &mut events, a, p_taken, by);
    log.extend(events);
}

/// Another army of the attacker's side is marching on the same target and
/// is at most a day or two away: the attack waits for it. An ally held in
/// contact by an enemy of its own is not coming, and is not waited for (two
/// armies each waiting on the other would otherwise stand for ever).
fn allies_converging(s: &Scenario, rules: &Rules, st: &State, a: ArmyId, target: ArmyId) -> bool {
    let af = st.army(a).faction;
    let goal = st.army(target).pos;
    let held = |b: ArmyId| {
        st.armies.iter().enumerate().any(|(j, c)| {
            c.active()
                && !c.routed
                && s.hostile(c.faction, af)
                && in_contact(s, rules, st, b, ArmyId(j as u16))
        })
    };
    st.armies.iter().enumerate().any(|(i, b)| {
        let bid = ArmyId(i as u16);
        bid != a
            && b.active()
            && !b.routed
            && !s.hostile(b.faction, af)
            && !in_contact(s, rules, st, bid, target)
            && !held(bid)
            && b.orders
                .iter()
                .take(2)
                .any(|o| matches!(o, Order::Attack { target: t, .. } if *t == target))
            && road_km(s, b.pos, goal) / speed(s, rules, b) <= rules.battle.wait_for_allies_days
    })
}

/// The ambush an army lying in wait in its region springs on `victims`
/// there, with the armies of its side that fell back to that region in a
/// feigned retreat turning about to fight beside it.
pub fn ambush_setup(
    s: &Scenario,
    rules: &Rules,
    st: &State,
    a: ArmyId,
    victims: &[ArmyId],
) -> Setup {
    let r = st.army(a).region();
    let side = s.side_of(st.army(a).faction);
    let lures: Vec<ArmyId> = r
        .map(|r| {
            st.armies_at(r)
                .filter(|b| {
                    let x = st.army(*b);
                    *b != a
                        && !x.routed
                        && s.side_of(x.faction) == side
                        && matches!(x.orders.front(), Some(Order::Lure { to }) if *to == r)
                })
                .collect()
        })
        .unwrap_or_default();
    Setup {
        kind: BattleKind::Ambush,
        region: r,
        terrain: terrain_at(s, st.army(a).pos),
        attackers: std::iter::once(a).chain(lures).map(|b| (b, 1.0)).collect(),
        defenders: victims.iter().map(|v| (*v, 1.0)).collect(),
        timing: Timing::Day,
        unseen: true,
        chase_days: chase_days(s, rules, st, victims),
    }
}

/// The battle an attack or pursuit by `a` on `target` brings where the
/// target stands: every army of the target's side there defends, but for
/// riders harrying another army, who stand off (`Order::Harry`); every army
/// of the attacker's side there with an attack on one of them joins, and a
/// garrison the defenders besiege there sallies.
pub fn attack_setup(
    s: &Scenario,
    rules: &Rules,
    st: &State,
    a: ArmyId,
    target: ArmyId,
    timing: Timing,
) -> Setup {
    let pos = st.army(target).pos;
    let region = pos.region();
    let tf = st.army(target).faction;
    let af = st.army(a).faction;
    let defenders: Vec<ArmyId> = match region {
        Some(r) => st
            .armies_at(r)
            .filter(|d| {
                let x = st.army(*d);
                *d == target
                    || (!s.hostile(x.faction, tf)
                        && !x.routed
                        && !matches!(x.orders.front(), Some(Order::Harry { .. })))
            })
            .collect(),
        None => vec![target],
    };
    let mut attackers = vec![(a, 1.0)];
    if let Some(r) = region {
        for b in st.armies_at(r).collect::<Vec<_>>() {
            if b == a || s.hostile(st.army(b).faction, af) || st.army(b).routed {
                continue;
            }
            let joins = match st.army(b).orders.front() {
                Some(Order::Attack { target: t, .. }) | Some(Order::Pursue { target: t }) => {
                    defenders.contains(t)
                }
                _ => false,
            };
            if joins {
                attackers.push((b, 1.0));
            } else if st.army(b).garrison && siege::besieged_by_one_of(st, r, &defenders) {
                // The besieged garrison sallies to meet the relief.
                attackers.push((b, rules.battle.sally_share));
            }
        }
    }
    Setup {
        kind: siege::kind_of_battle(s, st, region, tf, &defenders),
        region,
        terrain: terrain_at(s, pos),
        attackers,
        defenders: defenders.iter().map(|d| (*d, 1.0)).collect(),
        timing,
        unseen: st.army(a).hidden,
        chase_days: chase_days(s, rules, st, &defenders),
    }
}

/// After a day's fighting of `a`'s attack on `target` in a battle so set
/// up, whether it goes on the next day: a battle in the field or a relief
/// where neither side broke, both still there and in contact, no garrison among
/// the defenders (one that sallied is back behind its walls either way),
/// and days left. With it, the fatigue each army will carry into that day.
pub fn goes_on(
    s: &Scenario,
    rules: &Rules,
    st: &State,
    a: ArmyId,
    target: ArmyId,
    setup: &Setup,
    broke: bool,
) -> Option<(u32, Vec<(ArmyId, f64)>)> {
    let day = st.army(a).battle_day + 1;
    let fought_on = matches!(setup.kind, BattleKind::Field | BattleKind::Relief)
        && !broke
        && setup.defenders.iter().all(|(d, _)| !st.army(*d).garrison)
        && day < rules.battle.max_days
        && st.army(a).active()
        && st.army(target).active()
        && in_contact(s, rules, st, a, target);
    fought_on.then(|| {
        let fatigue = setup
            .attackers
            .iter()
            .chain(&setup.defenders)
            .map(|(b, _)| *b)
            .filter(|b| st.army(*b).active())
            .map(|b| (b, (st.army(b).fatigue + rules.battle.day_fatigue).min(1.0)))
            .collect();
        (day, fatigue)
    })
}

/// An attack that has reached its target, fought for the day; if neither
/// side broke it goes on the next day ([`goes_on`]), else the attackers'
/// orders are done.
fn battle_for(
    s: &Scenario,
    rules: &Rules,
    st: &mut State,
    a: ArmyId,
    target: ArmyId,
    timing: Timing,
    log: &mut Log,
) {
    let setup = attack_setup(s, rules, st, a, target, timing);
    let es = fight(s, rules, st, setup.clone());
    let broke = es.iter().any(|e| matches!(e, Event::Routed { .. }));
    log.extend(es);
    if let Some((day, fatigue)) = goes_on(s, rules, st, a, target, &setup, broke) {
        log.emit(
            st,
            Event::BattleGoesOn {
                army: a,
                day,
                fatigue,
            },
        );
        return;
    }
    for (b, _) in setup.attackers {
        if st.army(b).active()
            && matches!(
                st.army(b).orders.front(),
                Some(Order::Attack { .. }) | Some(Order::Pursue { .. })
            )
        {
            log.emit(st, Event::OrderDone { army: b });
        }
    }
}
