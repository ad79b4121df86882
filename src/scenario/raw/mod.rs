//! The scenario file as a modder writes it: plain serde types read from RON,
//! with ids as strings. Nothing here is checked beyond what RON's parser
//! checks (syntax, field names, variant names, types); `validate` turns a
//! [`RawScenario`] into a typed [`crate::scenario::Scenario`].
//!
//! Every struct denies unknown fields, so a misspelt field name is an error
//! with its line and column rather than a value silently ignored.
//!
//! The types are grouped as the file is: the scenario, its dates and
//! sources and the [`Figure`]s everything documented is written as (here);
//! the map (`map`); commanders and armies (`forces`); turns, events and
//! victory conditions (`timeline`); the historical orders, variants and
//! outcome checks (`history`). All of them are used from here, as
//! `raw::RawArmy` and so on.

mod forces;
mod history;
mod map;
mod timeline;

use serde::{Deserialize, Serialize};

pub use crate::core::kinds::{LossKind, Posture, Terrain, Timing, TroopKind, Walls};
pub use forces::*;
pub use history::*;
pub use map::*;
pub use timeline::*;

/// Where a number, a date or a fact comes from.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub enum Figure<T> {
    /// Given by a source text: `source` is its file name, `quote` the words
    /// the value was read from, verbatim.
    Documented {
        value: T,
        source: String,
        quote: String,
    },
    /// Given by a note (a source written in our own words, see
    /// [`crate::scenario::notes`]): `source` is the note's file name, `fact`
    /// the id of the fact the value is read from, which cites its works.
    Reported {
        value: T,
        source: String,
        fact: String,
    },
    /// A designer's estimate where the sources give nothing. `range` is the
    /// plausible low and high the figure could be, if the designer gives one
    /// (`anxi history --sensitivity` varies the figure over it; ±30% without).
    Estimate {
        value: T,
        reason: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        range: Option<(T, T)>,
    },
    /// The sources say the figure is unknown. `estimate` is the designer's
    /// figure used in play, if the game needs one, and `reason` explains it;
    /// `range` as for an estimate.
    Unknown {
        #[serde(default)]
        estimate: Option<T>,
        reason: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        range: Option<(T, T)>,
    },
}

impl<T: Clone> Figure<T> {
    /// The value used in play, if there is one.
    pub fn value(&self) -> Option<T> {
        match self {
            Figure::Documented { value, .. }
            | Figure::Reported { value, .. }
            | Figure::Estimate { value, .. } => Some(value.clone()),
            Figure::Unknown { estimate, .. } => estimate.clone(),
        }
    }

    /// The plausible range a designer declared for an estimate or an
    /// unknown figure's estimate, if any.
    pub fn declared_range(&self) -> Option<(T, T)> {
        match self {
            Figure::Estimate { range, .. } | Figure::Unknown { range, .. } => range.clone(),
            _ => None,
        }
    }

    /// True for a figure read from a source (a quoted text or a note's fact).
    pub fn is_documented(&self) -> bool {
        matches!(self, Figure::Documented { .. } | Figure::Reported { .. })
    }
}

/// Where a fact without a number comes from.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub enum Provenance {
    /// Quoted verbatim from a source text.
    Documented {
        source: String,
        quote: String,
    },
    /// A fact of a note, by its id.
    Reported {
        source: String,
        fact: String,
    },
    Estimate {
        reason: String,
    },
}

/// A whole scenario file.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawScenario {
    pub id: String,
    pub title: String,
    /// The campaign's historical dates, `"YYYY-MM-DD"` (Julian calendar).
    pub dates: RawDates,
    pub briefing: String,
    pub sources: Vec<RawSource>,
    /// Seed of the scenario's random generator unless the player gives one.
    pub seed: u64,
    pub factions: Vec<RawFaction>,
    pub sides: Vec<RawSide>,
    pub regions: Vec<RawRegion>,
    pub routes: Vec<RawRoute>,
    pub commanders: Vec<RawCommander>,
    pub armies: Vec<RawArmy>,
    /// Documented totals spread over several armies (a side's strength in
    /// the sources, say): the listed armies' contingents must add up to it.
    #[serde(default)]
    pub totals: Vec<RawTotal>,
    pub turns: RawTurns,
    #[serde(default)]
    pub events: Vec<RawEvent>,
    pub victory: Vec<RawVictory>,
    pub history: RawHistory,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawDates {
    pub start: Figure<String>,
    pub end: Figure<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    /// File name of the source text.
    pub file: String,
    pub title: String,
    /// What the scenario takes from it.
    pub took: String,
}
