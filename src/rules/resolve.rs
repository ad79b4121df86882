//! Resolving a turn: orders are carried out day by day (marches, battles,
//! sieges, supply), scenario events fire when their triggers hold, and
//! every change goes through `apply` as an event.

use super::apply::apply;
use super::check::check;
use super::combat::{Setup, fight};
use super::conditions::holds;
use super::dice::chance;
use super::event::{BattleKind, Event, FallCause};
use super::movement::{nearest_region, next_leg, road_km, route_days, speed};
use crate::core::order::Order;
use super::params::Rules;
use super::state::*;
use crate::scenario::model::*;
use crate::scenario::raw::{Posture, Timing, Walls};

/// The events of a game so far, kept or not.
pub struct Log {
    pub keep: bool,
    pub events: Vec<Event>,
}

impl Log {
    pub fn new(keep: bool) -> Self {
        Log {
            keep,
            events: Vec::new(),
        }
    }
    fn emit(&mut self, st: &mut State, e: Event) {
        apply(st, &e);
        if self.keep {
            self.events.push(e);
        }
    }
    fn extend(&mut self, es: Vec<Event>) {
        if self.keep {
            self.events.extend(es);
        }
    }
}

/// Fires the events due at the start of the current turn. Call once after
/// creating the state and after every turn.
pub fn begin_turn(s: &Scenario, st: &mut State, log: &mut Log) {
    let turn_end = st.date.plus_days(s.turns.days_per_turn as i64);
    for (i, e) in s.events.iter().enumerate() {
        if st.fired[i] {
            continue;
        }
        let due = match &e.trigger {
            Trigger::Turn(t) => *t <= st.turn,
            Trigger::Date(d) => *d < turn_end,
            _ => false,
        };
        if due {
            fire(s, st, EventId(i as u16), log);
        }
    }
}

fn fire(s: &Scenario, st: &mut State, id: EventId, log: &mut Log) {
    let e = &s.events[id.index()];
    log.emit(
        st,
        Event::ScenarioEvent {
            event: id,
            description: e.description.clone(),
        },
    );
    for eff in &e.effects {
        match eff {
            Effect::Arrive(a) => {
                let at = s.armies[a.index()].at;
                log.emit(st, Event::Arrived { army: *a, at });
            }
            Effect::Reinforce { army, contingents } => {
                let mut men = [0u32; 8];
                for (k, n) in contingents {
                    men[k.index()] += n;
                }
                log.emit(st, Event::Reinforced { army: *army, men });
            }
            Effect::Defect { commander, to } => log.emit(
                st,
                Event::Defected {
                    commander: *commander,
                    to: *to,
                },
            ),
            Effect::InstallRuler { region, ruler } => log.emit(
                st,
                Event::RulerInstalled {
                    region: *region,
                    ruler: *ruler,
                    by: None,
                },
            ),
            Effect::RemoveRuler { region } => log.emit(st, Event::RulerRemoved { region: *region }),
            Effect::SetControl { region, faction } => log.emit(
                st,
                Event::ControlChanged {
                    region: *region,
                    to: Some(*faction),
                },
            ),
            Effect::MoveSeat { seat, to } => log.emit(
                st,
                Event::SeatMoved {
                    seat: seat.clone(),
                    to: *to,
                },
            ),
            Effect::Message(_) => {}
        }
    }
}

fn fire_daily(s: &Scenario, st: &mut State, log: &mut Log) {
    for (i, e) in s.events.iter().enumerate() {
        if st.fired[i] {
            continue;
        }
        let due = match &e.trigger {
            Trigger::When(c) => holds(st, c),
            Trigger::AfterDeparture { army, region, days } => st
                .army(*army)
                .departures
                .iter()
                .any(|(r, d)| r == region && st.day >= d + days),
            _ => false,
        };
        if due {
            fire(s, st, EventId(i as u16), log);
        }
    }
}

/// Sets new orders for an army (replacing what it had). The first is
/// checked when it begins.
pub fn give_orders(st: &mut State, army: ArmyId, orders: Vec<Order>, log: &mut Log) {
    log.emit(st, Event::OrdersSet { army, orders });
}

/// Resolves the current turn and begins the next. Returns true when the game is over.
pub fn end_turn(s: &Scenario, rules: &Rules, st: &mut State, log: &mut Log) -> bool {
    if st.outcome.is_some() {
        return true;
    }
    for _ in 0..s.turns.days_per_turn {
        day(s, rules, st, log);
        let day = st.day + 1;
        log.emit(
            st,
            Event::DayPassed {
                day,
                date: st.date.plus_days(1),
            },
        );
        if let Some(v) = s.victory.iter().find(|v| !v.at_end && holds(st, &v.when)) {
            let o = Outcome::Victory {
                side: v.side,
                description: v.description.clone(),
            };
            log.emit(st, Event::Ended(o));
            return true;
        }
    }
    let next = st.turn + 1;
    log.emit(
        st,
        Event::TurnBegan {
            turn: next,
            date: st.date,
        },
    );
    if next > s.turns.limit {
        let o = match s.victory.iter().find(|v| holds(st, &v.when)) {
            Some(v) => Outcome::Victory {
                side: v.side,
                description: v.description.clone(),
            },
            None => Outcome::Draw,
        };
        log.emit(st, Event::Ended(o));
        return true;
    }
    begin_turn(s, st, log);
    false
}

fn hostile_here(s: &Scenario, st: &State, army: ArmyId, r: RegionId) -> Vec<ArmyId> {
    let f = st.army(army).faction;
    st.armies_at(r)
        .filter(|b| s.hostile(f, st.army(*b).faction) && !st.army(*b).routed)
        .collect()
}

/// One day of the campaign.
fn day(s: &Scenario, rules: &Rules, st: &mut State, log: &mut Log) {
    fire_daily(s, st, log);
    let n = st.armies.len();
    for i in 0..n {
        let a = ArmyId(i as u16);
        if !st.army(a).active() {
            continue;
        }
        if st.army(a).routed {
            retreat(s, rules, st, a, log);
        } else {
            act(s, rules, st, a, log);
        }
    }
    contacts(s, rules, st, log);
    supply(s, rules, st, log);
}

/// Carries out an army's orders for the day.
fn act(s: &Scenario, rules: &Rules, st: &mut State, a: ArmyId, log: &mut Log) {
    // Instant orders may follow one another within a day.
    for _ in 0..6 {
        if !st.army(a).active() || st.army(a).routed {
            return;
        }
        let Some(order) = st.army(a).orders.front().cloned() else {
            rest(rules, st, a, log);
            return;
        };
        if !st.army(a).started {
            if let Err(reason) = check(s, rules, st, a, &order) {
                log.emit(
                    st,
                    Event::OrderRefused {
                        army: a,
                        order,
                        reason,
                    },
                );
                continue;
            }
            log.emit(st, Event::OrderStarted { army: a });
        }
        match step(s, rules, st, a, &order, log) {
            Step::Done => log.emit(st, Event::OrderDone { army: a }),
            Step::DoneForToday => return,
            Step::FinishedToday => {
                log.emit(st, Event::OrderDone { army: a });
                return;
            }
        }
    }
}

enum Step {
    /// Complete; the next order may begin today.
    Done,
    /// Complete, and the day is spent.
    FinishedToday,
    /// Goes on tomorrow.
    DoneForToday,
}

fn rest(rules: &Rules, st: &mut State, a: ArmyId, log: &mut Log) {
    // An army that arrived unseen is found out after a day standing still, unless it lies in ambush.
    if st.army(a).hidden && !matches!(st.army(a).orders.front(), Some(Order::Ambush)) {
        log.emit(st, Event::Spotted { army: a });
    }
    let army = st.army(a);
    let fatigue = (army.fatigue - rules.fatigue.rest).max(0.0);
    let morale = if army.food_days > 0.0 {
        (army.morale + rules.morale.rest).min(1.0)
    } else {
        army.morale
    };
    if fatigue != army.fatigue || morale != army.morale {
        log.emit(
            st,
            Event::Rested {
                army: a,
                fatigue,
                morale,
            },
        );
    }
}

fn step(
    s: &Scenario,
    rules: &Rules,
    st: &mut State,
    a: ArmyId,
    order: &Order,
    log: &mut Log,
) -> Step {
    match order {
        Order::March { to, via } => march(s, rules, st, a, *to, via, false, log),
        Order::Withdraw { to } => march(s, rules, st, a, *to, &[], false, log),
        Order::Attack { target, .. } | Order::Pursue { target } => {
            let forced = matches!(order, Order::Pursue { .. });
            if !st.army(*target).active() {
                return Step::Done;
            }
            if in_contact(s, st, a, *target) {
                // The battle is fought in the contact phase, with every army that joins.
                return Step::DoneForToday;
            }
            let goal = chase_goal(s, st.army(a).pos, st.army(*target).pos);
            let r = march(s, rules, st, a, goal, &[], forced, log);
            if matches!(r, Step::Done)
                && !in_contact(s, st, a, *target)
                && !st.army(*target).active()
            {
                return Step::Done;
            }
            Step::DoneForToday
        }
        Order::Assault { timing } => {
            let Some(r) = st.army(a).region() else {
                return Step::Done;
            };
            let defenders = hostile_here(s, st, a, r);
            if defenders.is_empty() {
                take_unguarded(s, rules, st, a, r, log);
                return Step::FinishedToday;
            }
            let unseen = st.army(a).hidden;
            let attackers = vec![(a, 1.0)];
            let es = fight(
                s,
                rules,
                st,
                Setup {
                    kind: BattleKind::Assault,
                    region: Some(r),
                    terrain: s.regions[r.index()].terrain,
                    attackers,
                    defenders: defenders.iter().map(|d| (*d, 1.0)).collect(),
                    timing: *timing,
                    unseen,
                    chase_days: 0.0,
                },
            );
            log.extend(es);
            Step::FinishedToday
        }
        Order::Besiege => {
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
                let people = super::combat::people_in_city(st, &defenders, r);
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
            let lost_n =
                (st.army(a).strength() as f64 * rules.siege.besieger_attrition).round() as u32;
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
        Order::Fortify => {
            let army = st.army(a);
            let days = army.fortify_days + 1;
            let posture = if days >= rules.posture.days_to_fortified {
                Posture::Fortified
            } else if days >= rules.posture.days_to_prepared {
                Posture::Prepared
            } else {
                Posture::Hasty
            };
            log.emit(
                st,
                Event::PostureChanged {
                    army: a,
                    posture,
                    days,
                },
            );
            rest(rules, st, a, log);
            if posture == Posture::Fortified {
                Step::FinishedToday
            } else {
                Step::DoneForToday
            }
        }
        Order::Forage => {
            let army = st.army(a);
            let terrain = terrain_at(s, army.pos);
            let gained = rules.terrain(terrain).forage / army.strength().max(1) as f64;
            let food = (army.food_days + gained).min(army.carry_days);
            log.emit(
                st,
                Event::Foraged {
                    army: a,
                    food_days: food,
                },
            );
            rest(rules, st, a, log);
            Step::DoneForToday
        }
        Order::Raid => {
            let Some(r) = st.army(a).region() else {
                return Step::Done;
            };
            let head = st.regions[r.index()].livestock;
            let army = st.army(a);
            let gained =
                head as f64 * rules.supply.livestock_man_days / army.strength().max(1) as f64;
            let food = (army.food_days + gained).min(rules.supply.max_days);
            log.emit(
                st,
                Event::Raided {
                    army: a,
                    region: r,
                    livestock: head,
                    food_days: food,
                },
            );
            Step::FinishedToday
        }
        Order::Ambush => {
            if !st.army(a).hidden {
                log.emit(st, Event::Hid { army: a });
            }
            rest(rules, st, a, log);
            Step::DoneForToday
        }
        Order::Hold => {
            rest(rules, st, a, log);
            Step::DoneForToday
        }
        Order::Split {
            id,
            name,
            contingents,
            baggage,
            commander,
        } => {
            let mut men = [0u32; 8];
            for (k, n) in contingents {
                men[k.index()] += n;
            }
            let new = match s.army(id) {
                Some(slot)
                    if !st.army(slot).present
                        && st.army(slot).raised == 0
                        && st.army(slot).losses.total() == 0 =>
                {
                    slot
                }
                _ => ArmyId(st.armies.len() as u16),
            };
            log.emit(
                st,
                Event::Split {
                    from: a,
                    new,
                    id: id.clone(),
                    name: name.clone(),
                    men,
                    baggage: *baggage,
                    commander: *commander,
                },
            );
            Step::Done
        }
        Order::Merge { into } => {
            log.emit(
                st,
                Event::Merged {
                    army: a,
                    into: *into,
                },
            );
            Step::Done
        }
        Order::InstallRuler { ruler } => {
            let Some(r) = st.army(a).region() else {
                return Step::Done;
            };
            log.emit(
                st,
                Event::RulerInstalled {
                    region: r,
                    ruler: *ruler,
                    by: Some(a),
                },
            );
            Step::Done
        }
        Order::Execute { commander } => {
            log.emit(
                st,
                Event::CommanderFate {
                    commander: *commander,
                    fate: Fate::Executed,
                    by: Some(a),
                },
            );
            Step::Done
        }
    }
}

fn spread_men(men: &Men, total: u32) -> Men {
    let mut out = [0u32; 8];
    let mut left = total.min(men_total(men));
    for i in (0..8).rev() {
        let t = left.min(men[i]);
        out[i] = t;
        left -= t;
    }
    out
}

fn terrain_at(s: &Scenario, pos: Position) -> crate::scenario::raw::Terrain {
    match pos {
        Position::At(r) => s.regions[r.index()].terrain,
        Position::Road { route, .. } => s.routes[route.index()].terrain,
    }
}

/// Takes a region no enemy army defends.
fn take_unguarded(
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

/// Two armies meet: in the same region, or on the same road within a km of
/// each other (following or head-on).
fn in_contact(s: &Scenario, st: &State, a: ArmyId, b: ArmyId) -> bool {
    match (st.army(a).pos, st.army(b).pos) {
        (Position::At(x), Position::At(y)) => x == y,
        (pa @ Position::Road { route: ra, .. }, pb @ Position::Road { route: rb, .. })
            if ra == rb =>
        {
            road_km(s, pa, pb) < 1.0
        }
        _ => false,
    }
}

/// Marches towards a region. Stops on arriving where a hostile army stands.
#[allow(clippy::too_many_arguments)]
fn march(
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
                new_km = block;
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

/// Where to march to reach a target: its region, or along its road towards it.
fn chase_goal(s: &Scenario, me: Position, target: Position) -> RegionId {
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

/// Where on a road (km from `from`) the first hostile army between `km_done` and `until` stands, if any.
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
    let len = s.routes[route.index()].km;
    st.armies
        .iter()
        .enumerate()
        .filter(|(j, o)| *j != a.index() && o.active() && !o.routed && s.hostile(me, o.faction))
        .filter_map(|(_, o)| match o.pos {
            Position::Road {
                route: r,
                from: f,
                km,
            } if r == route => Some(if f == from { km } else { len - km }),
            _ => None,
        })
        .filter(|k| *k >= km_done && *k <= until)
        .min_by(f64::total_cmp)
}

/// The army has a guide who knows the region's unwatched approaches.
fn guided(s: &Scenario, st: &State, a: ArmyId, r: RegionId) -> bool {
    let army = st.army(a);
    army.commander
        .iter()
        .chain(&army.companions)
        .any(|c| s.commanders[c.index()].guide_to.contains(&r))
}

/// Battles from contact: ambushes sprung, attacks and pursuits that reached their quarry.
fn contacts(s: &Scenario, rules: &Rules, st: &mut State, log: &mut Log) {
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
        let chase = chase_days(s, rules, st, &victims);
        let es = fight(
            s,
            rules,
            st,
            Setup {
                kind: BattleKind::Ambush,
                region: Some(r),
                terrain: s.regions[r.index()].terrain,
                attackers: vec![(a, 1.0)],
                defenders: victims.iter().map(|v| (*v, 1.0)).collect(),
                timing: Timing::Day,
                unseen: true,
                chase_days: chase,
            },
        );
        log.extend(es);
        if st.army(a).active() {
            log.emit(st, Event::OrderDone { army: a });
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
            || !in_contact(s, st, a, target)
            || allies_converging(s, rules, st, a, target)
        {
            continue;
        }
        battle_for(s, rules, st, a, target, timing, log);
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

/// Another army of the attacker's side is marching on the same target and
/// is at most a day or two away: the attack waits for it.
fn allies_converging(s: &Scenario, rules: &Rules, st: &State, a: ArmyId, target: ArmyId) -> bool {
    let af = st.army(a).faction;
    let goal = st.army(target).pos;
    st.armies.iter().enumerate().any(|(i, b)| {
        let bid = ArmyId(i as u16);
        bid != a
            && b.active()
            && !b.routed
            && !s.hostile(b.faction, af)
            && !in_contact(s, st, bid, target)
            && b.orders
                .iter()
                .take(2)
                .any(|o| matches!(o, Order::Attack { target: t, .. } if *t == target))
            && road_km(s, b.pos, goal) / speed(s, rules, b) <= rules.battle.wait_for_allies_days
    })
}

/// An attack that has reached its target: every army of the target's side
/// there defends; every army of the attacker's side there with an attack on
/// one of them joins.
fn battle_for(
    s: &Scenario,
    rules: &Rules,
    st: &mut State,
    a: ArmyId,
    target: ArmyId,
    timing: Timing,
    log: &mut Log,
) {
    let pos = st.army(target).pos;
    let region = pos.region();
    let tf = st.army(target).faction;
    let af = st.army(a).faction;
    let defenders: Vec<ArmyId> = match region {
        Some(r) => st
            .armies_at(r)
            .filter(|d| {
                *d == target || (!s.hostile(st.army(*d).faction, tf) && !st.army(*d).routed)
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
            } else if st.army(b).garrison
                && st.regions[r.index()]
                    .besieged_by
                    .is_some_and(|x| defenders.contains(&x))
            {
                // The besieged garrison sallies to meet the relief.
                attackers.push((b, rules.battle.sally_share));
            }
        }
    }
    let besiegers = region.is_some_and(|r| {
        st.regions[r.index()]
            .besieged_by
            .is_some_and(|x| defenders.contains(&x))
    });
    let walled_garrison = region.is_some_and(|r| {
        s.regions[r.index()].walls != Walls::None
            && st.regions[r.index()].control == Some(tf)
            && defenders.iter().any(|d| st.army(*d).garrison)
    });
    let kind = if besiegers {
        BattleKind::Relief
    } else if walled_garrison {
        BattleKind::Assault
    } else {
        BattleKind::Field
    };
    let unseen = st.army(a).hidden;
    let chase = chase_days(s, rules, st, &defenders);
    let terrain = terrain_at(s, pos);
    let es = fight(
        s,
        rules,
        st,
        Setup {
            kind,
            region,
            terrain,
            attackers: attackers.clone(),
            defenders: defenders.iter().map(|d| (*d, 1.0)).collect(),
            timing,
            unseen,
            chase_days: chase,
        },
    );
    log.extend(es);
    for (b, _) in attackers {
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

/// A place where a beaten army is safe: a walled city its side holds, a
/// fortified camp or a baggage park of its side.
fn refuge(s: &Scenario, st: &State, a: ArmyId) -> Option<(RegionId, f64)> {
    let army = st.army(a);
    let dist = crate::rules::movement::km_from(s, army.pos);
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

fn chase_days(s: &Scenario, rules: &Rules, st: &State, armies: &[ArmyId]) -> f64 {
    armies
        .iter()
        .map(|a| match refuge(s, st, *a) {
            Some((_, km)) => km / speed(s, rules, st.army(*a)),
            None => 10.0,
        })
        .fold(0.0, f64::max)
}

/// A routed army falls back to safety and rallies there.
fn retreat(s: &Scenario, rules: &Rules, st: &mut State, a: ArmyId, log: &mut Log) {
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
        None => {
            if st.army(a).morale >= rules.morale.rally + 0.2 {
                log.emit(st, Event::Rallied { army: a });
            }
        }
    }
}

/// Food for every army for the day: city stores, baggage within reach, the
/// land, or what it carries; hunger when all fail.
fn supply(s: &Scenario, rules: &Rules, st: &mut State, log: &mut Log) {
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
            let besieged = st.regions[r.index()].besieged_by.is_some();
            let home = s.regions[r.index()]
                .control
                .is_some_and(|f| !s.hostile(f, army.faction));
            if ours && home && !besieged {
                // Home ground of its side feeds it: an open city from the oasis
                // around, open country by requisition from its people and herds.
                let food = army.carry_days.max(army.food_days);
                if food != army.food_days {
                    log.emit(
                        st,
                        Event::Fed {
                            army: a,
                            food_days: food,
                            from_baggage: None,
                            from_stores: None,
                        },
                    );
                }
                continue;
            }
            if ours && besieged && army.garrison && st.regions[r.index()].stores >= men {
                // Under siege the garrison lives on the stores.
                log.emit(
                    st,
                    Event::Fed {
                        army: a,
                        food_days: army.food_days,
                        from_baggage: None,
                        from_stores: Some((r, men)),
                    },
                );
                continue;
            }
        }
        // The land feeds it where forage covers its men.
        let terrain = terrain_at(s, army.pos);
        let land = rules.terrain(terrain).forage >= men;
        let mut food = army.food_days;
        if !land {
            food -= 1.0;
        }
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
