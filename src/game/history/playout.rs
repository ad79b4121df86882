//! One historical playout: the scenario's orders given turn by turn, the
//! rules resolving everything else.

use std::borrow::Cow;
use std::collections::BTreeMap;

use crate::core::order::Order;
use crate::game::play::{Game, Player};
use crate::rules::event::Event;
use crate::rules::params::Rules;
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

/// A game of the historical line: every side plays the scenario's orders.
pub fn history_game<'a>(
    s: &'a Scenario,
    rules: &'a Rules,
    seed: u64,
    keep_events: bool,
) -> (Game<'a>, Vec<Event>) {
    Game::new(
        Cow::Borrowed(s),
        Cow::Borrowed(rules),
        seed,
        vec![Player::History; s.sides.len()],
        keep_events,
    )
}

/// Plays the historical orders from a fresh state with this seed to the end.
/// Orders for an army not yet on the map wait until it arrives.
pub fn playout(s: &Scenario, rules: &Rules, seed: u64) -> State {
    let (mut game, _) = history_game(s, rules, seed, false);
    game.play_out(|_| {});
    game.state().clone()
}

/// The same, with every event of the game in order.
pub fn playout_events(s: &Scenario, rules: &Rules, seed: u64) -> (State, Vec<Event>) {
    let (mut game, mut events) = history_game(s, rules, seed, true);
    game.play_out(|turn| events.extend(turn.events.iter().cloned()));
    (game.state().clone(), events)
}

/// The same, recorded turn by turn for a replay; `scenario_text` and
/// `rules_text` are the files the scenario and the rules came from.
pub fn playout_recorded<'a>(
    s: &'a Scenario,
    rules: &'a Rules,
    seed: u64,
    scenario_text: &str,
    rules_text: &str,
) -> Game<'a> {
    let (game, _) = history_game(s, rules, seed, false);
    let mut game = game.recorded(scenario_text, rules_text);
    game.play_out(|_| {});
    game
}
