//! The turn log as typed entries: what kind of thing happened, on which
//! turn, its words for the player, how much of it the player's side may
//! know, and the report of a battle. The view picks colours and filters by
//! kind and by what is known, never by matching the words.
//!
//! The log is rebuilt from a record by replaying its turns ([`replayed`]),
//! so a loaded game and the replay viewer show every turn's events as the
//! game did.

use crate::desktop::names::counted;
use crate::game::fog::{Memory, seen_armies, sees};
use crate::game::notes::{blocked, fed_where_it_stands};
use crate::game::record::{Record, RecordError};
use crate::game::{Game, Player};
use crate::rules::describe::describe;
use crate::rules::event::{Battle, Event};
use crate::rules::params::Rules;
use crate::rules::state::State;
use crate::scenario::Scenario;
use crate::scenario::model::{ArmyId, Effect, SideId};

/// What a log entry is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LogKind {
    /// A turn begins.
    Turn,
    /// A battle, an assault, an ambush or a relief battle.
    Battle,
    /// A city falls, a region changes hands, a ruler comes or goes.
    Control,
    /// Armies arrive, leave, reach places, split, merge, rout and rally.
    Army,
    /// Hunger, foraging and raids.
    Supply,
    /// Commanders captured, killed, freed; defections.
    Commander,
    /// The scenario's own events.
    Scripted,
    /// A message of the scenario's, told to the player.
    Message,
    /// The orders an army was given (shown in the replay viewer).
    Orders,
    /// An order the engine refused.
    Refusal,
    /// The campaign ends.
    Ending,
    /// Said by the game itself: loaded, watching, taking command.
    Notice,
}

/// How much of an entry the player's side may know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Known {
    /// Anyone knows: its own armies, battles, cities falling, messages.
    Public,
    /// About an enemy army the side did not see that turn: shown only
    /// when everything is shown.
    WhenSeen,
    /// Orders given: shown only in the replay viewer.
    InReplay,
}

/// One line of the turn log.
#[derive(Debug, Clone, PartialEq)]
pub struct LogEntry {
    pub kind: LogKind,
    pub text: String,
    /// The turn it happened in (0 for the game's own notices).
    pub turn: u32,
    pub known: Known,
    /// The battle's report, for a battle.
    pub battle: Option<Box<Battle>>,
}

impl LogEntry {
    /// A public entry with no turn, said by the game itself.
    pub fn new(kind: LogKind, text: impl Into<String>) -> LogEntry {
        LogEntry {
            kind,
            text: text.into(),
            turn: 0,
            known: Known::Public,
            battle: None,
        }
    }
}

/// The kind of entry an event makes in the log; `None` for the events the
/// log leaves out (each day's march, rests, postures: the map shows them).
pub fn kind_of(e: &Event) -> Option<LogKind> {
    Some(match e {
        Event::TurnBegan { .. } => LogKind::Turn,
        Event::BattleFought(_) => LogKind::Battle,
        Event::CityFell { .. }
        | Event::ControlChanged { .. }
        | Event::RulerInstalled { .. }
        | Event::RulerRemoved { .. }
        | Event::SeatMoved { .. }
        | Event::TruceMade { .. }
        | Event::TruceBroken { .. } => LogKind::Control,
        Event::Arrived { .. }
        | Event::Reinforced { .. }
        | Event::Entered { .. }
        | Event::Departed { .. }
        | Event::Routed { .. }
        | Event::Rallied { .. }
        | Event::Split { .. }
        | Event::Merged { .. }
        | Event::Spotted { .. }
        | Event::Hid { .. }
        | Event::BaggageTaken { .. }
        | Event::CampTaken { .. } => LogKind::Army,
        Event::Raided { .. } | Event::Starved { .. } => LogKind::Supply,
        Event::Caught { .. } | Event::Harried { .. } => LogKind::Army,
        Event::CommanderFate { .. } | Event::CaptiveFreed { .. } | Event::Defected { .. } => {
            LogKind::Commander
        }
        Event::ScenarioEvent { .. } => LogKind::Scripted,
        Event::OrdersSet { .. } => LogKind::Orders,
        Event::OrderRefused { .. } => LogKind::Refusal,
        Event::Ended(_) => LogKind::Ending,
        _ => return None,
    })
}

/// The army an event tells of, for the events that tell of one army's doings.
fn subject(e: &Event) -> Option<ArmyId> {
    match e {
        Event::Arrived { army, .. }
        | Event::Reinforced { army, .. }
        | Event::Entered { army, .. }
        | Event::Departed { army, .. }
        | Event::Routed { army }
        | Event::Rallied { army }
        | Event::Spotted { army }
        | Event::Hid { army }
        | Event::Raided { army, .. }
        | Event::Starved { army, .. }
        | Event::Caught { army, .. }
        | Event::Harried { army, .. }
        | Event::Merged { army, .. } => Some(*army),
        Event::Split { from, .. } => Some(*from),
        _ => None,
    }
}

/// Who reads the log: the player's side, and the armies it saw during the turn.
pub struct Reader<'a> {
    pub side: SideId,
    /// By army: seen at the start or the end of the turn.
    pub seen: &'a [bool],
}

/// The words for an event, where the engine's own have none or too few.
fn words(s: &Scenario, st: &State, e: &Event) -> Option<String> {
    let name = |a: &ArmyId| st.armies.get(a.index()).map(|x| x.name.clone());
    match e {
        Event::Spotted { army } => Some(format!("{} has been found out", name(army)?)),
        Event::Hid { army } => Some(format!("{} lies hidden", name(army)?)),
        Event::OrdersSet { army, orders } => {
            let what: Vec<&str> = orders.iter().map(|o| o.name()).collect();
            Some(format!(
                "{} was ordered to {}",
                name(army)?,
                what.join(", then ")
            ))
        }
        Event::ScenarioEvent { event, .. } => {
            // An event that only tells something is told by its message alone.
            let effects = &s.events.get(event.index())?.effects;
            if effects.iter().all(|f| matches!(f, Effect::Message(_))) {
                None
            } else {
                describe(s, st, e)
            }
        }
        _ => describe(s, st, e),
    }
}

/// The log entries for a turn's events, described with the state after it.
/// `turn` is the turn they begin in.
pub fn entries(
    s: &Scenario,
    st: &State,
    events: &[Event],
    turn: u32,
    reader: &Reader,
) -> Vec<LogEntry> {
    let mut turn = turn;
    let mut out = Vec::new();
    for e in events {
        if let Event::TurnBegan { turn: t, .. } = e {
            // The turn after the last is never played: the campaign's end
            // is told under the last turn, not under a turn past the limit.
            if *t > s.turns.limit {
                continue;
            }
            turn = *t;
        }
        let Some(kind) = kind_of(e) else { continue };
        let theirs = |a: ArmyId| {
            st.armies
                .get(a.index())
                .is_some_and(|x| s.side_of(x.faction) != reader.side)
        };
        let known = match e {
            Event::OrdersSet { .. } => Known::InReplay,
            Event::OrderRefused { army, .. } if theirs(*army) => Known::InReplay,
            _ => match subject(e) {
                Some(a) if theirs(a) && !reader.seen.get(a.index()).copied().unwrap_or(false) => {
                    Known::WhenSeen
                }
                _ => Known::Public,
            },
        };
        let battle = match e {
            Event::BattleFought(b) => Some(b.clone()),
            _ => None,
        };
        if let Some(text) = words(s, st, e) {
            out.push(LogEntry {
                kind,
                text,
                turn,
                known,
                battle,
            });
        }
        if let Event::ScenarioEvent { event, .. } = e
            && let Some(ev) = s.events.get(event.index())
        {
            for f in &ev.effects {
                if let Effect::Message(text) = f {
                    out.push(LogEntry {
                        kind: LogKind::Message,
                        text: text.clone(),
                        turn,
                        known: Known::Public,
                        battle: None,
                    });
                }
            }
        }
    }
    out
}

/// Food left, at or below which the log warns of hunger at the end of a turn.
pub const HUNGRY_DAYS: f64 = 3.0;

/// What the engine leaves silent at the end of a turn, for the side's own
/// armies: a march held on the road, and by whom; hunger coming.
pub fn alarms(s: &Scenario, rules: &Rules, st: &State, side: SideId) -> Vec<LogEntry> {
    let mut out = Vec::new();
    let line = |kind, text| LogEntry {
        turn: st.turn,
        ..LogEntry::new(kind, text)
    };
    for (i, army) in st.armies.iter().enumerate() {
        let a = ArmyId(i as u16);
        if !army.active() || s.side_of(army.faction) != side {
            continue;
        }
        if let Some(b) = blocked(s, rules, st, a)
            && b.on_road
        {
            let who: Vec<String> =
                b.by.iter()
                    .map(|x| {
                        if sees(s, rules, st, side, *x) {
                            st.army(*x).name.clone()
                        } else {
                            "an enemy".to_string()
                        }
                    })
                    .collect();
            let text = format!("{} is held on the road by {}", army.name, who.join(" and "));
            out.push(line(LogKind::Army, text));
        }
        if army.food_days <= HUNGRY_DAYS && !fed_where_it_stands(s, rules, st, a) {
            let text = format!(
                "{} has food for {} and nothing to live on where it stands",
                army.name,
                counted(army.food_days.max(0.0).floor() as u32, "day", "days")
            );
            out.push(line(LogKind::Supply, text));
        }
    }
    out
}

/// The line that opens the log: the first turn and its date.
pub fn opening(st: &State) -> LogEntry {
    LogEntry {
        turn: st.turn,
        ..LogEntry::new(LogKind::Turn, format!("— turn {}, {} —", st.turn, st.date))
    }
}

/// The armies a side sees in either of two states (before and after a turn).
pub fn seen_in_either(
    s: &Scenario,
    rules: &Rules,
    before: &State,
    after: &State,
    side: SideId,
) -> Vec<bool> {
    let a = seen_armies(s, rules, before, side);
    let b = seen_armies(s, rules, after, side);
    (0..a.len().max(b.len()))
        .map(|i| a.get(i).copied().unwrap_or(false) || b.get(i).copied().unwrap_or(false))
        .collect()
}

/// A game replayed from its record, with its log and what its player saw.
pub struct Replayed {
    pub game: Game<'static>,
    pub log: Vec<LogEntry>,
    pub memory: Memory,
    /// The events of the last turn replayed.
    pub last_events: Vec<Event>,
    /// The state at the start of that turn.
    pub last_start: Option<State>,
}

/// The side a record's human plays.
pub fn player_of(game: &Game) -> SideId {
    game.players()
        .iter()
        .position(|p| *p == Player::Human)
        .map_or(SideId(0), |i| SideId(i as u16))
}

/// Replays a record's first `turns` turns (all when `None`), building the
/// log of every turn and the player's memory of the enemy's armies.
pub fn replayed(record: &Record, turns: Option<usize>) -> Result<Replayed, RecordError> {
    let mut log = Vec::new();
    let mut memory = Memory::default();
    let mut last_events = Vec::new();
    let mut last_start = None;
    let game = Game::replay_with(record, turns, |before, game, events| {
        let (s, st) = (game.scenario(), game.state());
        let side = player_of(game);
        let seen = seen_in_either(s, game.rules(), before, st, side);
        let reader = Reader { side, seen: &seen };
        if log.is_empty() {
            log.push(opening(st));
        }
        log.extend(entries(s, st, events, before.turn, &reader));
        // No warnings for the morrow of a campaign that is over.
        if !game.is_over() {
            log.extend(alarms(s, game.rules(), st, side));
        }
        memory.note(s, game.rules(), st, side);
        last_events = events.to_vec();
        last_start = Some(before.clone());
    })?;
    Ok(Replayed {
        game,
        log,
        memory,
        last_events,
        last_start,
    })
}
