//! Battles. [`odds`] computes, without changing anything, the fighting power
//! of each side and the chances that follow from it (surprise, victory, the
//! pursuit); [`fight`] draws the dice and turns them into the battle's
//! events: losses, morale, routs, commanders taken and baggage lost. The
//! same odds can serve a preview or the AI. `works` holds what a defender's
//! posture, stockade and walls give it, and when they are turned.

pub mod fight;
pub mod odds;
mod works;

pub use fight::{fight, push};
pub use odds::win_chance;

use crate::scenario::model::*;
use crate::scenario::raw::{Terrain, Timing};

use super::event::BattleKind;

/// What a battle is fought over and how it began.
#[derive(Debug, Clone)]
pub struct Setup {
    pub kind: BattleKind,
    pub region: Option<RegionId>,
    pub terrain: Terrain,
    /// Armies and the share of each that fights.
    pub attackers: Vec<(ArmyId, f64)>,
    pub defenders: Vec<(ArmyId, f64)>,
    pub timing: Timing,
    /// The attacker came unseen.
    pub unseen: bool,
    /// Days each side's armies would be chased before reaching safety, if routed.
    pub chase_days: f64,
}
