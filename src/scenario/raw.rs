//! The scenario file as a modder writes it: plain serde types read from RON,
//! with ids as strings. Nothing here is checked beyond what RON's parser
//! checks (syntax, field names, variant names, types); `validate` turns a
//! [`RawScenario`] into a typed [`crate::scenario::Scenario`].
//!
//! Every struct denies unknown fields, so a misspelt field name is an error
//! with its line and column rather than a value silently ignored.

use serde::{Deserialize, Serialize};

pub use crate::core::kinds::{LossKind, Posture, Terrain, Timing, TroopKind, Walls};

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
    /// A designer's estimate where the sources give nothing.
    Estimate { value: T, reason: String },
    /// The sources say the figure is unknown. `estimate` is the designer's
    /// figure used in play, if the game needs one, and `reason` explains it.
    Unknown {
        #[serde(default)]
        estimate: Option<T>,
        reason: String,
    },
}

impl<T: Clone> Figure<T> {
    /// The value used in play, if there is one.
    pub fn value(&self) -> Option<T> {
        match self {
            Figure::Documented { value, .. } | Figure::Estimate { value, .. } => {
                Some(value.clone())
            }
            Figure::Unknown { estimate, .. } => estimate.clone(),
        }
    }

    /// True for a figure read from a source.
    pub fn is_documented(&self) -> bool {
        matches!(self, Figure::Documented { .. })
    }
}

/// Where a fact without a number comes from.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub enum Provenance {
    Documented { source: String, quote: String },
    Estimate { reason: String },
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

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawFaction {
    pub id: String,
    pub name: String,
    /// Counter colour as `"#rrggbb"`.
    pub colour: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawSide {
    pub id: String,
    pub name: String,
    pub factions: Vec<String>,
    /// Who led this coalition historically (a line of text).
    pub led_by: String,
    /// The side a player takes unless they choose another.
    #[serde(default)]
    pub player_default: bool,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawRegion {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub other_names: Vec<String>,
    pub lat: f64,
    pub lon: f64,
    /// Where the position comes from (usually the gazetteer).
    pub position: Provenance,
    pub terrain: Terrain,
    #[serde(default)]
    pub settlement: Option<RawSettlement>,
    /// Faction controlling the region at the start, if any.
    #[serde(default)]
    pub control: Option<String>,
    /// Commander ruling the city at the start, if any.
    #[serde(default)]
    pub ruler: Option<String>,
    /// The seat of a protectorate or a court, e.g. `Some("anxi")`.
    #[serde(default)]
    pub seat: Option<String>,
    /// Herds that can be seized by a raid, in head of livestock.
    #[serde(default)]
    pub livestock: Option<Figure<u32>>,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawSettlement {
    pub walls: Walls,
    #[serde(default)]
    pub moat: bool,
    #[serde(default)]
    pub population: Option<Figure<u32>>,
    /// Days the city's stores feed its garrison under siege.
    pub stores_days: Figure<u32>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawRoute {
    pub from: String,
    pub to: String,
    /// Road length. Left out, it is measured from the two regions'
    /// coordinates and lengthened by the rules' road factor for the terrain.
    #[serde(default)]
    pub km: Option<f64>,
    pub terrain: Terrain,
    #[serde(default)]
    pub name: Option<String>,
    /// An approach the defenders do not watch: an army that takes it with a
    /// guide who knows its end region arrives unseen.
    #[serde(default)]
    pub concealed: bool,
}

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

/// An order as written in a scenario's history or sent by a front end,
/// with ids as strings.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub enum RawOrder {
    March {
        to: String,
        #[serde(default)]
        via: Vec<String>,
    },
    Attack {
        target: String,
        #[serde(default)]
        timing: Timing,
    },
    Assault {
        #[serde(default)]
        timing: Timing,
    },
    Besiege,
    Fortify,
    Forage,
    Raid,
    Ambush,
    Hold,
    Withdraw {
        to: String,
    },
    Pursue {
        target: String,
    },
    Split {
        id: String,
        name: String,
        #[serde(default)]
        commander: Option<String>,
        contingents: Vec<(TroopKind, u32)>,
        #[serde(default)]
        baggage: bool,
    },
    Merge {
        into: String,
    },
    InstallRuler {
        ruler: String,
    },
    Execute {
        commander: String,
    },
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawTimedOrder {
    pub turn: i64,
    pub army: String,
    pub order: RawOrder,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawHistory {
    /// What happened, in a paragraph.
    pub summary: String,
    /// The historical orders, turn by turn. An order stands until the army
    /// completes it or is given another.
    pub orders: Vec<RawTimedOrder>,
    #[serde(default)]
    pub variants: Vec<RawVariant>,
    /// The recorded outcome as checks over many seeded runs.
    pub outcome: Vec<RawCheck>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawVariant {
    pub id: String,
    pub description: String,
    pub changes: Vec<RawChange>,
    /// How the variant should move the outcome checks.
    #[serde(default)]
    pub expect: Vec<RawExpect>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub enum RawChange {
    /// Drop every historical order of the army from this turn on.
    DropOrders {
        army: String,
        from_turn: i64,
    },
    /// Add an order, after any the army already has for that turn.
    Order(RawTimedOrder),
    RemoveArmy(String),
    /// Take every contingent of this troop type out of the army.
    RemoveContingent {
        army: String,
        kind: TroopKind,
    },
    RemoveCompanion {
        army: String,
        commander: String,
    },
    RemoveEvent(String),
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawExpect {
    pub check: String,
    /// The check's share must fall by at least this much (0.2 = 20 points).
    pub drop_at_least: f64,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawCheck {
    pub id: String,
    pub description: String,
    pub test: RawTest,
    /// The recorded figure or fact this check stands for.
    pub recorded: RawRecorded,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub enum RawRecorded {
    /// A recorded number, such as a loss figure.
    Figure(Figure<u32>),
    /// A recorded fact without a number.
    Fact(Provenance),
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub enum RawTest {
    /// The condition holds at the end in at least this share of runs.
    Share { holds: RawCondition, at_least: f64 },
    /// The median over runs of a measure lies between `min` and `max`.
    Median {
        measure: RawMeasure,
        min: f64,
        max: f64,
    },
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub enum RawMeasure {
    /// Men lost by the factions, of the kinds listed.
    Losses {
        factions: Vec<String>,
        kinds: Vec<LossKind>,
    },
    /// Share of the armies' men (at the start plus arrivals) lost, of the kinds listed.
    LossShare {
        armies: Vec<String>,
        kinds: Vec<LossKind>,
    },
}
