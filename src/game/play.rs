//! One game: a scenario, the rules, the engine's state, the record of what
//! was played, and who plays each side. `Game::play_turn` is the one turn
//! loop: the window, the history harness, replays and the tests all go
//! through it. Give the players' orders, let the computer and the history
//! give theirs, resolve the turn, note it in the record, hand back its events.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

use crate::core::order::Order;
use crate::game::ai::orders_for_side;
use crate::game::history::playout::orders_by_turn;
use crate::game::record::{Record, RecordError, TurnOrders, state_hash};
use crate::rules::check::{Reason, check};
use crate::rules::event::Event;
use crate::rules::params::Rules;
use crate::rules::resolve::{Log, begin_turn, end_turn, give_orders};
use crate::rules::state::State;
use crate::scenario::Scenario;
use crate::scenario::model::{ArmyId, SideId};

/// Who gives a side's orders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Player {
    /// A person: the orders passed to `play_turn`.
    Human,
    /// The computer opponent (`game::ai`).
    Computer,
    /// The scenario's historical orders, turn by turn.
    History,
}

/// What one turn did.
#[derive(Debug, Clone, Default)]
pub struct TurnPlayed {
    /// The events of the turn, in order (empty when the game keeps none).
    pub events: Vec<Event>,
    /// The game is over.
    pub over: bool,
}

/// One game in progress. The scenario and rules are borrowed by the history
/// harness (thousands of games over one scenario) and owned by the desktop.
#[derive(Debug, Clone)]
pub struct Game<'a> {
    scenario: Cow<'a, Scenario>,
    rules: Cow<'a, Rules>,
    state: State,
    players: Vec<Player>,
    seed: u64,
    /// The historical orders by turn, when a side plays them.
    plan: BTreeMap<u32, TurnOrders>,
    /// Keep the events of each turn (the harness's thousands of runs don't).
    keep_events: bool,
    /// The record of the game, when it is being recorded.
    record: Option<Record>,
    /// Historical orders that fell due for an army not yet on the map.
    waiting: BTreeMap<ArmyId, Vec<Order>>,
}

impl<'a> Game<'a> {
    /// A new game at its first turn, with the events that opened it (the
    /// scenario's events due on the first turn).
    pub fn new(
        scenario: Cow<'a, Scenario>,
        rules: Cow<'a, Rules>,
        seed: u64,
        players: Vec<Player>,
        keep_events: bool,
    ) -> (Game<'a>, Vec<Event>) {
        let mut state = State::new(&scenario, &rules, seed);
        let mut log = Log::new(keep_events);
        begin_turn(&scenario, &mut state, &mut log);
        let mut players = players;
        players.resize(scenario.sides.len(), Player::Computer);
        let plan = if players.contains(&Player::History) {
            orders_by_turn(&scenario)
        } else {
            BTreeMap::new()
        };
        let game = Game {
            scenario,
            rules,
            state,
            players,
            seed,
            plan,
            keep_events,
            record: None,
            waiting: BTreeMap::new(),
        };
        (game, log.events)
    }

    /// The same game, recording every turn's orders and a hash of the state
    /// after it, for saves and replays. `scenario_text` and `rules_text` are
    /// the files the scenario and rules were read from.
    pub fn recorded(mut self, scenario_text: &str, rules_text: &str) -> Game<'a> {
        let player = self.players.iter().position(|p| *p == Player::Human);
        self.record = Some(Record::new(
            scenario_text,
            rules_text,
            &self.scenario.id,
            self.seed,
            player.map(|i| SideId(i as u16)),
        ));
        self
    }

    /// The seed the game's dice were started from.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    pub fn rules(&self) -> &Rules {
        &self.rules
    }

    pub fn state(&self) -> &State {
        &self.state
    }

    pub fn players(&self) -> &[Player] {
        &self.players
    }

    /// The record so far, if the game is recorded.
    pub fn record(&self) -> Option<&Record> {
        self.record.as_ref()
    }

    /// The game is over.
    pub fn is_over(&self) -> bool {
        self.state.outcome.is_some()
    }

    /// The side an army fights for now.
    pub fn side_of(&self, a: ArmyId) -> SideId {
        self.scenario.side_of(self.state.army(a).faction)
    }

    /// Whether the rules allow this army this order now, and why not.
    pub fn check(&self, army: ArmyId, order: &Order) -> Result<(), Reason> {
        check(&self.scenario, &self.rules, &self.state, army, order)
    }

    /// Plays one turn. `orders` are the human players' orders, each army's
    /// queue replacing what it had; orders for an army of a side no human
    /// plays are ignored. The computer's and the history's sides then give
    /// theirs, the turn is resolved and recorded.
    pub fn play_turn(&mut self, orders: TurnOrders) -> TurnPlayed {
        if self.is_over() {
            return TurnPlayed {
                events: Vec::new(),
                over: true,
            };
        }
        let mut given: TurnOrders = Vec::new();
        // The historical line: orders fall due on their turn and wait for an army not yet arrived.
        if self.players.contains(&Player::History) {
            if let Some(list) = self.plan.get(&self.state.turn) {
                for (a, q) in list.clone() {
                    if a.index() < self.state.armies.len()
                        && self.player_of(self.side_of(a)) == Player::History
                    {
                        self.waiting.insert(a, q);
                    }
                }
            }
            let ready: Vec<ArmyId> = self
                .waiting
                .keys()
                .copied()
                .filter(|a| self.state.army(*a).present)
                .collect();
            for a in ready {
                if let Some(q) = self.waiting.remove(&a) {
                    given.push((a, q));
                }
            }
        }
        for (a, q) in orders {
            if a.index() < self.state.armies.len()
                && self.player_of(self.side_of(a)) == Player::Human
            {
                given.push((a, q));
            }
        }
        let mut log = Log::new(self.keep_events);
        for (a, q) in &given {
            give_orders(&mut self.state, *a, q.clone(), &mut log);
        }
        // The computer decides last, on the state with everyone else's orders given.
        for side in 0..self.players.len() {
            if self.players[side] == Player::Computer {
                let side = SideId(side as u16);
                for (a, q) in orders_for_side(&self.scenario, &self.rules, &self.state, side) {
                    give_orders(&mut self.state, a, q.clone(), &mut log);
                    given.push((a, q));
                }
            }
        }
        self.resolve(given, log)
    }

    /// Resolves the turn after its orders were given, and records it.
    fn resolve(&mut self, given: TurnOrders, mut log: Log) -> TurnPlayed {
        let over = end_turn(&self.scenario, &self.rules, &mut self.state, &mut log);
        if let Some(rec) = self.record.as_mut() {
            rec.push_turn(given, &self.state);
        }
        TurnPlayed {
            events: log.events,
            over,
        }
    }

    fn player_of(&self, side: SideId) -> Player {
        self.players
            .get(side.index())
            .copied()
            .unwrap_or(Player::Computer)
    }

    /// Plays turns until the game ends; the history harness's loop.
    pub fn play_out(&mut self, mut on_turn: impl FnMut(&TurnPlayed)) {
        loop {
            let played = self.play_turn(Vec::new());
            on_turn(&played);
            if played.over {
                return;
            }
        }
    }

    /// The game as a file: the record with a snapshot of the state.
    pub fn to_record(&self) -> Option<Record> {
        let mut rec = self.record.clone()?;
        rec.snapshot = Some(self.state.clone());
        Some(rec)
    }

    /// Saves the game atomically.
    pub fn save(&self, path: &Path) -> Result<(), RecordError> {
        match self.to_record() {
            Some(rec) => rec.save(path),
            None => Err(RecordError::Io("this game is not recorded".into())),
        }
    }

    /// Takes command after the turns played so far: a record watched in the
    /// replay viewer becomes a game that goes on from here, its later turns
    /// dropped; the side the record names is the player's.
    pub fn take_command(&mut self) {
        if let Some(rec) = self.record.as_mut() {
            rec.snapshot = None;
        }
    }
}

impl Game<'static> {
    /// A recorded game from a save: its snapshot, checked against its
    /// scenario and its last state hash, or its orders replayed if it has none.
    /// The side the record names is played by a human, the others by the computer.
    pub fn load(record: Record) -> Result<Game<'static>, RecordError> {
        let Some(snapshot) = record.snapshot.clone() else {
            return Game::replay_to(&record, None);
        };
        let (scenario, rules) = record.scenario()?;
        snapshot
            .validate(&scenario)
            .map_err(|why| RecordError::BadState(format!("the saved state: {why}")))?;
        if record
            .hashes
            .last()
            .is_some_and(|h| *h != state_hash(&snapshot))
        {
            return Err(RecordError::BadState(
                "the saved state is not the one its last turn ended in".into(),
            ));
        }
        let players = players_of(&scenario, &record);
        Ok(Game {
            scenario: Cow::Owned(scenario),
            rules: Cow::Owned(rules),
            state: snapshot,
            players,
            seed: record.seed,
            plan: BTreeMap::new(),
            keep_events: true,
            record: Some(Record {
                snapshot: None,
                ..record
            }),
            waiting: BTreeMap::new(),
        })
    }

    /// The game a record describes after `turns` of its turns (all when
    /// `None`): its orders played from the start, every turn's state checked
    /// against its hash. The record beyond those turns is kept out of the
    /// game's own record, so playing on starts a new line.
    pub fn replay_to(record: &Record, turns: Option<usize>) -> Result<Game<'static>, RecordError> {
        let (scenario, rules) = record.scenario()?;
        let players = players_of(&scenario, record);
        let (mut game, _) = Game::new(
            Cow::Owned(scenario),
            Cow::Owned(rules),
            record.seed,
            players,
            true,
        );
        game.record = Some(Record {
            turns: Vec::new(),
            hashes: Vec::new(),
            snapshot: None,
            ..record.clone()
        });
        for (i, orders) in record
            .turns
            .iter()
            .enumerate()
            .take(turns.unwrap_or(usize::MAX))
        {
            if game.is_over() {
                return Err(RecordError::BadState(format!(
                    "turn {}: the record goes on after the game ended",
                    i + 1
                )));
            }
            if let Some((a, _)) = orders
                .iter()
                .find(|(a, list)| !game.state.orders_fit(&game.scenario, *a, list))
            {
                return Err(RecordError::BadState(format!(
                    "turn {}: an order for army {} names an army, region or commander the scenario does not have",
                    i + 1,
                    a.0
                )));
            }
            let mut log = Log::new(true);
            for (a, q) in orders {
                give_orders(&mut game.state, *a, q.clone(), &mut log);
            }
            game.resolve(orders.clone(), log);
            // The hash the game's own record just noted for this turn.
            let found = game
                .record
                .as_ref()
                .and_then(|r| r.hashes.last().cloned())
                .unwrap_or_default();
            if let Some(expected) = record.hashes.get(i)
                && *expected != found
            {
                return Err(RecordError::Diverged {
                    turn: i as u32 + 1,
                    expected: expected.clone(),
                    found,
                });
            }
        }
        Ok(game)
    }
}

/// A human for the side the record names (the first side when it names
/// none of the scenario's, as in a replay of the historical line), the
/// computer for the rest.
fn players_of(s: &Scenario, record: &Record) -> Vec<Player> {
    let human = record
        .player
        .filter(|p| p.index() < s.sides.len())
        .map_or(0, SideId::index);
    (0..s.sides.len())
        .map(|i| {
            if i == human {
                Player::Human
            } else {
                Player::Computer
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::catalog::shipped;
    use crate::game::history::playout::history_game;

    fn aksu() -> (Scenario, Rules) {
        let rules = Rules::shipped().unwrap();
        let s = shipped(&rules)
            .into_iter()
            .filter_map(|e| e.scenario)
            .find(|s| s.id == "717_aksu")
            .unwrap();
        (s, rules)
    }

    fn orders_set(events: &[Event]) -> Vec<(ArmyId, Vec<Order>)> {
        events
            .iter()
            .filter_map(|e| match e {
                Event::OrdersSet { army, orders } => Some((*army, orders.clone())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_human_commands_only_their_own_side() {
        let (s, rules) = aksu();
        let players = vec![Player::Human, Player::Computer];
        let (mut game, _) = Game::new(Cow::Borrowed(&s), Cow::Borrowed(&rules), 1, players, true);
        let mine = (0..s.armies.len())
            .map(|i| ArmyId(i as u16))
            .find(|a| game.side_of(*a) == SideId(0) && game.state().army(*a).active())
            .unwrap();
        let theirs = (0..s.armies.len())
            .map(|i| ArmyId(i as u16))
            .find(|a| game.side_of(*a) == SideId(1) && game.state().army(*a).active())
            .unwrap();
        let played = game.play_turn(vec![
            (mine, vec![Order::Fortify]),
            (theirs, vec![Order::Fortify]),
        ]);
        let set = orders_set(&played.events);
        // The player's order comes first; the enemy's army gets the computer's orders, never the player's.
        assert_eq!(set[0], (mine, vec![Order::Fortify]));
        assert!(set.iter().all(|(a, o)| *a != theirs || *o != vec![Order::Fortify]));
        assert!(set.iter().skip(1).all(|(a, _)| game.side_of(*a) == SideId(1)));
    }

    #[test]
    fn the_history_gives_each_order_on_its_turn() {
        let (s, rules) = aksu();
        let (mut game, _) = history_game(&s, &rules, 1, true);
        let first = s.history.orders.iter().map(|o| o.turn).min().unwrap();
        for turn in 1..=first {
            let played = game.play_turn(Vec::new());
            let given = orders_set(&played.events);
            let due: Vec<ArmyId> = s
                .history
                .orders
                .iter()
                .filter(|o| o.turn == turn)
                .map(|o| o.army)
                .collect();
            if turn < first {
                assert!(given.is_empty(), "turn {turn}: {given:?}");
            } else {
                assert!(!given.is_empty());
                assert!(given.iter().all(|(a, _)| due.contains(a)), "{given:?}");
            }
        }
    }

    #[test]
    fn a_recorded_game_replays_to_the_state_of_every_turn() {
        let (s, rules) = aksu();
        let (_, text) = crate::game::catalog::SHIPPED[3];
        let (game, _) = Game::new(
            Cow::Borrowed(&s),
            Cow::Borrowed(&rules),
            7,
            vec![Player::Computer, Player::Computer],
            false,
        );
        let mut game = game.recorded(text, crate::rules::params::SHIPPED_RULES);
        for _ in 0..4 {
            game.play_turn(Vec::new());
        }
        let rec = game.record().unwrap().clone();
        assert_eq!(rec.turns.len(), 4);
        assert_eq!(rec.hashes.last(), Some(&state_hash(game.state())));
        for k in 0..=4 {
            let at = Game::replay_to(&rec, Some(k)).unwrap();
            assert_eq!(at.record().unwrap().turns.len(), k);
            if k > 0 {
                assert_eq!(state_hash(at.state()), rec.hashes[k - 1]);
            }
        }
        let mut bad = rec.clone();
        bad.hashes[2] = "0".repeat(16);
        assert!(matches!(
            Game::replay_to(&bad, None),
            Err(RecordError::Diverged { turn: 3, .. })
        ));
    }
}
