//! The timeline as written: turns, events with their triggers and effects,
//! the sides' victory conditions, and the conditions that triggers and
//! victories are written in.

use serde::{Deserialize, Serialize};

use super::{Provenance, RawArmy, RawContingent};
use crate::core::kinds::TroopKind;

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawTurns {
    /// Date of the first turn, `"YYYY-MM-DD"`.
    pub start: String,
    pub days_per_turn: i64,
    pub limit: i64,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvent {
    pub id: String,
    pub description: String,
    pub when: RawTrigger,
    pub effects: Vec<RawEffect>,
    pub source: Provenance,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub enum RawTrigger {
    /// At the start of this turn.
    Turn(i64),
    /// At the start of the turn holding this date.
    Date(String),
    /// At the start of the first turn on which the condition holds.
    When(RawCondition),
    /// `days` days after `army` leaves `region` (at the start of the turn
    /// holding that day).
    AfterDeparture {
        army: String,
        region: String,
        days: i64,
    },
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub enum RawEffect {
    /// A new army enters the map.
    Arrive(RawArmy),
    /// Troops join an army already on the map.
    Reinforce {
        army: String,
        contingents: Vec<RawContingent>,
    },
    /// A commander changes sides (alone, or with the army he leads).
    Defect {
        commander: String,
        to: String,
    },
    /// An army (a contingent under its own banner) changes sides, whoever
    /// leads it: its commander and companions go over with it.
    ChangeSides {
        army: String,
        to: String,
    },
    /// A share of one kind of an army's men goes over to another army
    /// (joining it if it stands in the same place, leaving the field if not).
    MenGoOver {
        from: String,
        kind: TroopKind,
        share: f64,
        into: String,
    },
    /// A ruler is installed in a city by a political act.
    InstallRuler {
        region: String,
        ruler: String,
    },
    /// A ruler leaves or is withdrawn.
    RemoveRuler {
        region: String,
    },
    /// Control of an unguarded region passes by a political act.
    SetControl {
        region: String,
        faction: String,
    },
    /// A protectorate's seat moves.
    MoveSeat {
        seat: String,
        to: String,
    },
    /// A truce between two factions, the political fact a source records
    /// (envoys received, a submission accepted): neither keeps watch
    /// against the other, so an attack by one on the other comes unseen. The
    /// first battle between them ends it.
    Truce {
        a: String,
        b: String,
    },
    /// A line for the log.
    Message(String),
    // The variants below decide battles, and the validator refuses them.
    // They parse so that the error can say why.
    Destroy(String),
    Rout(String),
    Capture(String),
    Kill(String),
    Casualties {
        army: String,
        men: i64,
    },
    Victory(String),
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub enum RawCondition {
    /// The faction (or a faction of the side) controls the region now.
    Controls {
        region: String,
        by: String,
    },
    /// The faction (or side) has controlled the region at some point.
    EverControlled {
        region: String,
        by: String,
    },
    /// The commander has been captured at some point.
    Captured(String),
    /// The commander has been killed or executed.
    Dead(String),
    /// The armies together have lost at least this share of their men.
    Lost {
        armies: Vec<String>,
        share: f64,
    },
    /// The army has been routed or has withdrawn from the field.
    Beaten(String),
    /// `winner` (an army) has won a battle against `loser` (an army).
    WonAgainst {
        winner: String,
        loser: String,
    },
    /// The first battle the army fought was won by it.
    FirstBattleWon(String),
    /// The first group of factions lost fewer men than the second.
    FewerLosses {
        these: Vec<String>,
        than: Vec<String>,
    },
    /// The seat is in this region.
    SeatAt {
        seat: String,
        region: String,
    },
    /// The army stands in the region.
    ArmyAt {
        army: String,
        region: String,
    },
    All(Vec<RawCondition>),
    Any(Vec<RawCondition>),
    Not(Box<RawCondition>),
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawVictory {
    pub side: String,
    pub description: String,
    /// Checked at the end of every turn; the first side whose condition
    /// holds wins. At the turn limit with no winner the game is drawn.
    pub when: RawCondition,
    /// Checked only at the turn limit, if `when` never held.
    #[serde(default)]
    pub at_end: bool,
}
