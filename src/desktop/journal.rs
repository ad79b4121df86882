//! The turn log as typed entries: what kind of thing happened, and its
//! words for the player. The view picks colours and filters by kind, never
//! by matching the words.

use crate::rules::describe::describe;
use crate::rules::event::Event;
use crate::rules::state::State;
use crate::scenario::Scenario;

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
    /// An order the engine refused.
    Refusal,
    /// The campaign ends.
    Ending,
    /// Said by the game itself: loaded, watching, taking command.
    Notice,
}

/// One line of the turn log.
#[derive(Debug, Clone, PartialEq)]
pub struct LogEntry {
    pub kind: LogKind,
    pub text: String,
}

impl LogEntry {
    pub fn new(kind: LogKind, text: impl Into<String>) -> LogEntry {
        LogEntry {
            kind,
            text: text.into(),
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
        | Event::SeatMoved { .. } => LogKind::Control,
        Event::Arrived { .. }
        | Event::Reinforced { .. }
        | Event::Entered { .. }
        | Event::Departed { .. }
        | Event::Routed { .. }
        | Event::Rallied { .. }
        | Event::Split { .. }
        | Event::Merged { .. }
        | Event::BaggageTaken { .. } => LogKind::Army,
        Event::Raided { .. } | Event::Starved { .. } => LogKind::Supply,
        Event::CommanderFate { .. } | Event::CaptiveFreed { .. } | Event::Defected { .. } => {
            LogKind::Commander
        }
        Event::ScenarioEvent { .. } => LogKind::Scripted,
        Event::OrderRefused { .. } => LogKind::Refusal,
        Event::Ended(_) => LogKind::Ending,
        _ => return None,
    })
}

/// The log entries for a turn's events.
pub fn entries(s: &Scenario, st: &State, events: &[Event]) -> Vec<LogEntry> {
    events
        .iter()
        .filter_map(|e| Some(LogEntry::new(kind_of(e)?, describe(s, st, e)?)))
        .collect()
}
