//! What happened: the engine's resolution produces these, `apply` changes
//! the state from them, and the view and the log only watch them.

use serde::{Deserialize, Serialize};

use super::check::Reason;
use super::state::{Fate, Losses, Men, Position};
use crate::core::date::Date;
use crate::core::order::Order;
use crate::scenario::model::*;
use crate::scenario::raw::{Posture, Terrain};

/// Whose side a battle's participant fought on, with what and what it cost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fighter {
    pub army: ArmyId,
    pub men: u32,
    pub losses: Losses,
    /// Losses by troop type, to take from the army.
    pub lost_men: Men,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BattleKind {
    /// In the open.
    Field,
    /// Storming a city's walls.
    Assault,
    /// Sprung from hiding.
    Ambush,
    /// A relief army falling on besiegers, the garrison sallying.
    Relief,
}

/// Everything that went into a battle and came out of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Battle {
    pub kind: BattleKind,
    pub region: Option<RegionId>,
    pub terrain: Terrain,
    pub attackers: Vec<Fighter>,
    pub defenders: Vec<Fighter>,
    pub attack_power: f64,
    pub defence_power: f64,
    /// Factors applied, named, for the battle report.
    pub modifiers: Vec<(String, f64)>,
    pub surprise: bool,
    pub attacker_won: bool,
    /// The beaten side broke and was pursued.
    pub rout: bool,
    /// Days the beaten side was chased before reaching safety.
    pub chase_days: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FallCause {
    Storm,
    Starvation,
    Unguarded,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Event {
    TurnBegan {
        turn: u32,
        date: Date,
    },
    DayPassed {
        day: u32,
        date: Date,
    },
    ScenarioEvent {
        event: EventId,
        description: String,
    },
    Arrived {
        army: ArmyId,
        at: RegionId,
    },
    Reinforced {
        army: ArmyId,
        men: Men,
    },
    /// An army went over to another faction, its commanders with it.
    /// Two factions under a truce: neither watches against the other.
    TruceMade {
        a: FactionId,
        b: FactionId,
    },
    /// The truce between them ended, broken by a battle.
    TruceBroken {
        a: FactionId,
        b: FactionId,
    },
    ChangedSides {
        army: ArmyId,
        to: FactionId,
    },
    /// Men left one army for another (`into` None: they left the field).
    WentOver {
        from: ArmyId,
        into: Option<ArmyId>,
        men: Men,
    },
    Defected {
        commander: CommanderId,
        to: FactionId,
    },
    RulerInstalled {
        region: RegionId,
        ruler: CommanderId,
        by: Option<ArmyId>,
    },
    RulerRemoved {
        region: RegionId,
    },
    ControlChanged {
        region: RegionId,
        to: Option<FactionId>,
    },
    SeatMoved {
        seat: String,
        to: RegionId,
    },
    OrdersSet {
        army: ArmyId,
        orders: Vec<Order>,
    },
    OrderStarted {
        army: ArmyId,
    },
    OrderDone {
        army: ArmyId,
    },
    /// A day's fighting ended with neither side broken: the attack goes on
    /// tomorrow, and every army in it is the more tired.
    BattleGoesOn {
        army: ArmyId,
        day: u32,
        fatigue: Vec<(ArmyId, f64)>,
    },
    /// The first `via` region of the army's march was reached.
    WaypointReached {
        army: ArmyId,
    },
    OrderRefused {
        army: ArmyId,
        order: Order,
        reason: Reason,
    },
    Moved {
        army: ArmyId,
        to: Position,
        km: f64,
        fatigue: f64,
    },
    Departed {
        army: ArmyId,
        from: RegionId,
    },
    Entered {
        army: ArmyId,
        region: RegionId,
        unseen: bool,
    },
    Rested {
        army: ArmyId,
        fatigue: f64,
        morale: f64,
    },
    PostureChanged {
        army: ArmyId,
        posture: Posture,
        days: u32,
    },
    /// An army that was hidden has been found out.
    Spotted {
        army: ArmyId,
    },
    Hid {
        army: ArmyId,
    },
    Fed {
        army: ArmyId,
        food_days: f64,
        from_baggage: Option<(ArmyId, f64)>,
        from_stores: Option<(RegionId, f64)>,
    },
    Foraged {
        army: ArmyId,
        food_days: f64,
    },
    Raided {
        army: ArmyId,
        region: RegionId,
        livestock: u32,
        food_days: f64,
    },
    Starved {
        army: ArmyId,
        lost: Men,
        morale: f64,
    },
    Besieging {
        army: ArmyId,
        region: RegionId,
        lost: Men,
    },
    BattleFought(Box<Battle>),
    /// A routed army overtaken on its road by an enemy column: the fugitives
    /// the column cuts down or takes (no battle: a beaten army in flight does
    /// not stand).
    Caught {
        army: ArmyId,
        by: ArmyId,
        losses: Losses,
        lost: Men,
    },
    /// A day of harrying (`Order::Harry`): the men of `army` the riders of
    /// `by` bring down or cut off, `thirst` more lost to thirst once its
    /// water is gone (counted in `losses`), the riders its screen brings
    /// down, and its morale after a day under arrows.
    Harried {
        army: ArmyId,
        by: ArmyId,
        losses: Losses,
        #[serde(default)]
        thirst: u32,
        lost: Men,
        harriers_losses: Losses,
        harriers_lost: Men,
        morale: f64,
    },
    MoraleChanged {
        army: ArmyId,
        morale: f64,
    },
    Routed {
        army: ArmyId,
    },
    Rallied {
        army: ArmyId,
    },
    CommanderFate {
        commander: CommanderId,
        fate: Fate,
        by: Option<ArmyId>,
    },
    CaptiveFreed {
        commander: CommanderId,
        from: ArmyId,
    },
    CityFell {
        region: RegionId,
        by: ArmyId,
        cause: FallCause,
        garrison: Vec<(ArmyId, Losses, Men)>,
    },
    BaggageTaken {
        from: ArmyId,
        by: ArmyId,
        man_days: f64,
    },
    /// A beaten army driven from the place it stood leaves its camp: it
    /// flees with `food_days` of food, and `by` takes `man_days` of food
    /// (its days of food become `by_food_days`).
    CampTaken {
        from: ArmyId,
        by: ArmyId,
        man_days: f64,
        food_days: f64,
        by_food_days: f64,
    },
    Split {
        from: ArmyId,
        new: ArmyId,
        id: String,
        name: String,
        men: Men,
        baggage: bool,
        commander: Option<CommanderId>,
    },
    Merged {
        army: ArmyId,
        into: ArmyId,
    },
    Ended(super::state::Outcome),
}
