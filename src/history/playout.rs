//! One historical playout: the scenario's orders given turn by turn, the
//! rules resolving everything else.

use std::collections::BTreeMap;

use crate::rules::order::Order;
use crate::rules::params::Rules;
use crate::rules::resolve::{Log, begin_turn, end_turn, give_orders};
use crate::rules::state::State;
use crate::scenario::model::*;

/// Orders by turn: for each turn, each army's queue in file order.
pub fn orders_by_turn(s: &Scenario) -> BTreeMap<u32, Vec<(ArmyId, Vec<Order>)>> {
    let mut out: BTreeMap<u32, Vec<(ArmyId, Vec<Order>)>> = BTreeMap::new();
    for o in &s.history.orders {
        let turn = out.entry(o.turn).or_default();
        match turn.iter_mut().find(|(a, _)| *a == o.army) {
            Some((_, q)) => q.push(o.order.clone()),
            None => turn.push((o.army, vec![o.order.clone()])),
        }
    }
    out
}

/// Plays the historical orders from a fresh state with this seed to the end.
/// Orders for an army not yet on the map wait until it arrives.
pub fn playout(s: &Scenario, rules: &Rules, seed: u64, log: &mut Log) -> State {
    playout_with(s, rules, seed, log, |_, _| {})
}

/// The same, noting every turn's orders and resulting state in a record (for a replay).
pub fn playout_recorded(
    s: &Scenario,
    rules: &Rules,
    seed: u64,
    log: &mut Log,
    record: &mut crate::record::Record,
) -> State {
    playout_with(s, rules, seed, log, |orders, st| {
        record.push_turn(orders, st)
    })
}

fn playout_with(
    s: &Scenario,
    rules: &Rules,
    seed: u64,
    log: &mut Log,
    mut on_turn: impl FnMut(Vec<(ArmyId, Vec<Order>)>, &State),
) -> State {
    let plan = orders_by_turn(s);
    let mut st = State::new(s, rules, seed);
    begin_turn(s, &mut st, log);
    let mut waiting: BTreeMap<ArmyId, Vec<Order>> = BTreeMap::new();
    loop {
        if let Some(list) = plan.get(&st.turn) {
            for (a, q) in list {
                waiting.insert(*a, q.clone());
            }
        }
        let ready: Vec<ArmyId> = waiting
            .keys()
            .copied()
            .filter(|a| st.army(*a).present)
            .collect();
        let mut given = Vec::new();
        for a in ready {
            if let Some(q) = waiting.remove(&a) {
                give_orders(&mut st, a, q.clone(), log);
                given.push((a, q));
            }
        }
        let over = end_turn(s, rules, &mut st, log);
        on_turn(given, &st);
        if over {
            return st;
        }
    }
}
