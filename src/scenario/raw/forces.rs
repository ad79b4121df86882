//! The forces as written: commanders with their ratings, armies with their
//! contingents and baggage, and documented totals over several armies.

use serde::{Deserialize, Serialize};

use super::{Figure, Posture, Provenance, TroopKind};

/// A rating from 1 (poor) to 5 (excellent) with the reason for it.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Rating(pub i64, pub String);

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawCommander {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub spellings: Vec<String>,
    pub faction: String,
    pub title: String,
    /// Holding an army together: morale and rallying.
    pub command: Rating,
    /// Handling troops in battle: surprise, ambush, manoeuvre.
    pub tactics: Rating,
    /// Supply and march discipline.
    pub logistics: Rating,
    /// Regions whose unwatched approaches this commander knows.
    #[serde(default)]
    pub guide_to: Vec<String>,
    /// Where the commander is when not with an army (a ruler in his city).
    /// Left out for one who leads or travels with an army, or who is off the map.
    #[serde(default)]
    pub at: Option<String>,
    pub source: Provenance,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawArmy {
    pub id: String,
    pub name: String,
    pub faction: String,
    #[serde(default)]
    pub commander: Option<String>,
    /// Other commanders travelling with the army: guides, captives, rulers
    /// to be installed.
    #[serde(default)]
    pub companions: Vec<String>,
    /// Region where the army stands at the start (or arrives).
    pub at: String,
    pub contingents: Vec<RawContingent>,
    /// The army's documented total where the sources give one for the whole
    /// army rather than by troop type: the contingents must add up to it.
    #[serde(default)]
    pub total: Option<Figure<u32>>,
    /// Days of food carried with the army.
    pub supply_days: Figure<u32>,
    #[serde(default)]
    pub posture: Posture,
    /// Guarding its city: fights from the walls and feeds from the stores.
    #[serde(default)]
    pub garrison: bool,
    /// A baggage train carried with the army.
    #[serde(default)]
    pub baggage: Option<RawBaggage>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawContingent {
    pub kind: TroopKind,
    pub strength: Figure<u32>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawBaggage {
    /// Rations carried, in days for the armies it feeds.
    pub days: Figure<u32>,
    /// Armies of the same faction that draw on this train when near it.
    pub feeds: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawTotal {
    pub description: String,
    pub armies: Vec<String>,
    pub strength: Figure<u32>,
}
