//! One game: a scenario, the rules, the engine's state, the record of what
//! was played, and who plays each side. `Game::play_turn` is the one turn
//! loop: the window, the history harness, replays and the tests all go
//! through it. Give the players' orders, let the computer and the history
//! give theirs, resolve the turn, note it in the record, hand back its events.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

use crate::core::order::Order;
use crate::game::ai::{Level, computer_orders};
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
    /// How strong the computer plays each side it plays.
    levels: Vec<Level>,
    /// Milliseconds the computer took to decide, per side, turn by turn.
    think_ms: Vec<Vec<f64>>,
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
            levels: Vec::new(),
            think_ms: Vec::new(),
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

    /// The same game with the computer playing each side at these levels
    /// (`easy` for a side not listed).
    pub fn with_levels(mut self, levels: Vec<Level>) -> Game<'a> {
        self.levels = levels;
        self
    }

    /// A game going on from a state, unrecorded and keeping no events: for
    /// playing ahead (the searching AI), never for a game on screen.
    pub(crate) fn from_state(
        scenario: Cow<'a, Scenario>,
        rules: Cow<'a, Rules>,
        state: State,
        players: Vec<Player>,
    ) -> Game<'a> {
        Game {
            scenario,
            rules,
            state,
            players,
            seed: 0,
            plan: BTreeMap::new(),
            keep_events: false,
            record: None,
            waiting: BTreeMap::new(),
            levels: Vec::new(),
            think_ms: Vec::new(),
        }
    }

    /// Hands a side to another player from the next turn on.
    pub fn set_player(&mut self, side: SideId, player: Player) {
        if let Some(p) = self.players.get_mut(side.index()) {
            *p = player;
        }
    }

    /// Milliseconds the computer took to decide its orders, per side, turn by turn.
    pub fn think_ms(&self) -> &[Vec<f64>] {
        &self.think_ms
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
                let level = self.levels.get(side).copied().unwrap_or_default();
                // The searching levels' own dice: from the game's seed, the turn and the side.
                let seed = self.seed
                    ^ (self.state.turn as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)
                    ^ ((side as u64 + 1) << 56);
                let started = std::time::Instant::now();
                let side_id = SideId(side as u16);
                let orders = computer_orders(
                    &self.scenario,
                    &self.rules,
                    &self.state,
                    side_id,
                    level,
                    seed,
                );
                if level != Level::Easy {
                    if self.think_ms.len() <= side {
                        self.think_ms.resize(side + 1, Vec::new());
                    }
                    self.think_ms[side].push(started.elapsed().as_secs_f64() * 1000.0);
                }
                for (a, q) in orders {
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
            levels: Vec::new(),
            think_ms: Vec::new(),
        })
    }

    /// The game a record describes after `turns` of its turns (all when
    /// `None`): its orders played from the start, every turn's state checked
    /// against its hash. The record beyond those turns is kept out of the
    /// game's own record, so playing on starts a new line.
    pub fn replay_to(record: &Record, turns: Option<usize>) -> Result<Game<'static>, RecordError> {
        Game::replay_with(record, turns, |_, _, _| {})
    }

    /// [`Game::replay_to`], handing each turn's events to `on_turn` with
    /// the state before the turn and the game after it; the opening events
    /// come first, with the opening state as both.
    pub fn replay_with(
        record: &Record,
        turns: Option<usize>,
        mut on_turn: impl FnMut(&State, &Game<'static>, &[Event]),
    ) -> Result<Game<'static>, RecordError> {
        let (scenario, rules) = record.scenario()?;
        let players = players_of(&scenario, record);
        let (mut game, opening) = Game::new(
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
        on_turn(&game.state, &game, &opening);
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
            let before = game.state.clone();
            let played = game.resolve(orders.clone(), log);
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
            on_turn(&before, &game, &played.events);
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
#[path = "play_tests.rs"]
mod tests;
