//! The turn clock: a turn is resolved day by day, scenario events fire when
//! their triggers hold, and every change goes through `apply` as an event,
//! recorded in the [`Log`].
//!
//! Each day: scripted events, then every army acts ([`super::orders`], or
//! [`super::retreat`] for a routed one), then contact and battles
//! ([`super::contact`]), then supply ([`super::supply`]), then the victory
//! conditions.

use super::apply::apply;
use super::conditions::holds;
use super::contact::contacts;
use super::event::Event;
use super::orders::act;
use super::params::Rules;
use super::retreat::retreat;
use super::state::*;
use super::supply::supply;
use crate::core::order::Order;
use crate::scenario::model::*;

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
    /// Applies an event to the state and records it.
    pub(super) fn emit(&mut self, st: &mut State, e: Event) {
        apply(st, &e);
        if self.keep {
            self.events.push(e);
        }
    }
    /// Records events already applied (a battle applies its own as it goes).
    pub(super) fn extend(&mut self, es: Vec<Event>) {
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
            Effect::Truce { a, b } => log.emit(st, Event::TruceMade { a: *a, b: *b }),
            Effect::ChangeSides { army, to } => {
                if st.army(*army).active() {
                    log.emit(
                        st,
                        Event::ChangedSides {
                            army: *army,
                            to: *to,
                        },
                    );
                }
            }
            Effect::MenGoOver {
                from,
                kind,
                share,
                into,
            } => {
                let have = st.army(*from).men[kind.index()];
                let n = ((have as f64) * share).round() as u32;
                if st.army(*from).active() && n > 0 {
                    let mut men = [0u32; 8];
                    men[kind.index()] = n.min(have);
                    // Joining needs the other army on the map in the same place.
                    let b = st.army(*into);
                    let joins = b.active() && b.pos == st.army(*from).pos;
                    log.emit(
                        st,
                        Event::WentOver {
                            from: *from,
                            into: joins.then_some(*into),
                            men,
                        },
                    );
                }
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
