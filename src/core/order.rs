//! Orders a side gives its armies, with typed ids. The same orders come
//! from the player's clicks, the AI and a scenario's history.

use serde::{Deserialize, Serialize};

use super::ids::{ArmyId, CommanderId, RegionId};
use super::kinds::{Timing, TroopKind};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Order {
    /// March along the shortest road through `via` to `to`.
    March { to: RegionId, via: Vec<RegionId> },
    /// Seek out the target army and fight it.
    Attack { target: ArmyId, timing: Timing },
    /// Storm the walls of the enemy city where the army stands.
    Assault { timing: Timing },
    /// Blockade the enemy city where the army stands until it falls.
    Besiege,
    /// Stockade the camp: posture rises day by day to fortified.
    Fortify,
    /// Gather food from the region.
    Forage,
    /// Seize the region's herds.
    Raid,
    /// Hide in the region and fall on any enemy that comes.
    Ambush,
    /// Stand and rest.
    Hold,
    /// Fall back to a region, avoiding battle.
    Withdraw { to: RegionId },
    /// A feigned retreat: fall back to a region as if beaten, drawing a
    /// pursuer after it, and there turn on the enemy with the armies lying
    /// in ambush for it. The army waits at the region, its order standing,
    /// until the trap is sprung.
    Lure { to: RegionId },
    /// Follow a beaten army at forced march and fight it.
    Pursue { target: ArmyId },
    /// Ride round the target army without closing, shooting into it and
    /// cutting off its foragers and water parties, and follow it wherever
    /// it goes (horse archers; see `rules::harry`).
    Harry { target: ArmyId },
    /// Split off a detachment as a new army.
    Split {
        id: String,
        name: String,
        commander: Option<CommanderId>,
        contingents: Vec<(TroopKind, u32)>,
        baggage: bool,
    },
    /// Join another army of the same faction in the same place.
    Merge { into: ArmyId },
    /// Install a ruler travelling with the army in the city it holds.
    InstallRuler { ruler: CommanderId },
    /// Put a captive to death.
    Execute { commander: CommanderId },
}

impl Order {
    /// A short name for logs and menus.
    pub fn name(&self) -> &'static str {
        match self {
            Order::March { .. } => "march",
            Order::Attack { .. } => "attack",
            Order::Assault { .. } => "assault",
            Order::Besiege => "besiege",
            Order::Fortify => "fortify",
            Order::Forage => "forage",
            Order::Raid => "raid",
            Order::Ambush => "ambush",
            Order::Hold => "hold",
            Order::Withdraw { .. } => "withdraw",
            Order::Lure { .. } => "feigned retreat",
            Order::Pursue { .. } => "pursue",
            Order::Harry { .. } => "harry",
            Order::Split { .. } => "split",
            Order::Merge { .. } => "merge",
            Order::InstallRuler { .. } => "install ruler",
            Order::Execute { .. } => "execute",
        }
    }
}
