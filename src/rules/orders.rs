//! The orders an army carries out each day: the first in its queue is
//! checked when it begins, then worked on day after day until complete;
//! orders that take no time let the next begin the same day. Marching is in
//! [`super::march`], assaults and sieges in [`super::siege`].

use super::check::check;
use super::contact::in_contact;
use super::event::Event;
use super::march::{chase_goal, march};
use super::movement::terrain_at;
use super::params::Rules;
use super::siege;
use super::state::*;
use super::turn::Log;
use crate::core::order::Order;
use crate::scenario::model::*;
use crate::scenario::raw::Posture;

/// Not a parameter but a bound on the work of a day: at most this many
/// orders of an army begin (or are refused) in one day; any further wait for
/// the next.
const MOST_STEPS_A_DAY: usize = 6;

/// Carries out an army's orders for the day.
pub(super) fn act(s: &Scenario, rules: &Rules, st: &mut State, a: ArmyId, log: &mut Log) {
    // Instant orders may follow one another within a day.
    for _ in 0..MOST_STEPS_A_DAY {
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

/// How far an order got today.
pub(super) enum Step {
    /// Complete; the next order may begin today.
    Done,
    /// Complete, and the day is spent.
    FinishedToday,
    /// Goes on tomorrow.
    DoneForToday,
}

/// A day standing still: fatigue shed, morale regained if fed; an unseen
/// army is found out unless it lies in ambush.
pub(super) fn rest(rules: &Rules, st: &mut State, a: ArmyId, log: &mut Log) {
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

/// One day's work (or an instant's) on an army's current order.
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
        Order::Lure { to } => {
            // There, it turns about and waits for the pursuer (the contact
            // phase springs the trap); on the way it falls back as beaten.
            if st.army(a).pos == Position::At(*to) {
                rest(rules, st, a, log);
                return Step::DoneForToday;
            }
            match march(s, rules, st, a, *to, &[], false, log) {
                Step::Done | Step::FinishedToday => Step::DoneForToday,
                other => other,
            }
        }
        Order::Attack { target, .. } | Order::Pursue { target } | Order::Harry { target } => {
            let forced = matches!(order, Order::Pursue { .. });
            if !st.army(*target).active() {
                return Step::Done;
            }
            if in_contact(s, rules, st, a, *target) {
                // The battle is fought in the contact phase, with every army
                // that joins, and so is a day of harrying.
                return Step::DoneForToday;
            }
            let goal = chase_goal(s, st.army(a).pos, st.army(*target).pos);
            let r = march(s, rules, st, a, goal, &[], forced, log);
            if matches!(r, Step::Done)
                && !in_contact(s, rules, st, a, *target)
                && !st.army(*target).active()
            {
                return Step::Done;
            }
            Step::DoneForToday
        }
        Order::Assault { timing } => siege::assault(s, rules, st, a, *timing, log),
        Order::Besiege => siege::besiege(s, rules, st, a, log),
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
