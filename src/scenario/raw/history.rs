//! The history as written: orders (also the form a front end sends them
//! in), the historical orders turn by turn, variants and their changes, and
//! the outcome checks with the recorded figures they stand for.

use serde::{Deserialize, Serialize};

use super::{Figure, LossKind, Provenance, RawCondition, Timing, TroopKind};

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
    /// A feigned retreat to a region, to draw a pursuer onto an ambush there.
    Lure {
        to: String,
    },
    Pursue {
        target: String,
    },
    /// Ride round an enemy army without closing, shooting into it.
    Harry {
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
    /// The check's share must fall by at least this much (0.2 = 20 points),
    /// or, with `rise_at_least`, rise by at least that much: one of the two.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub drop_at_least: f64,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub rise_at_least: f64,
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

/// An expectation's unused half.
fn is_zero(x: &f64) -> bool {
    *x == 0.0
}
