//! One name for the player for each kind the engine speaks of: troop kinds,
//! terrain, walls, postures, timings, battles. `Debug` names such as
//! `HorseArchers` never reach the screen.

use crate::core::kinds::{Posture, Terrain, Timing, TroopKind, Walls};
use crate::rules::event::BattleKind;

/// The word the player reads for a kind.
pub trait PlayerName {
    fn player_name(&self) -> &'static str;
}

impl PlayerName for TroopKind {
    fn player_name(&self) -> &'static str {
        match self {
            TroopKind::Infantry => "infantry",
            TroopKind::Spearmen => "spearmen",
            TroopKind::Crossbowmen => "crossbowmen",
            TroopKind::Archers => "archers",
            TroopKind::Cavalry => "cavalry",
            TroopKind::HorseArchers => "horse archers",
            TroopKind::Auxiliaries => "auxiliaries",
            TroopKind::Militia => "militia",
        }
    }
}

impl PlayerName for Terrain {
    fn player_name(&self) -> &'static str {
        match self {
            Terrain::Oasis => "oasis",
            Terrain::Desert => "desert",
            Terrain::Steppe => "steppe",
            Terrain::HighSteppe => "high steppe",
            Terrain::MountainPass => "mountain pass",
            Terrain::Mountains => "mountains",
            Terrain::HighGrassland => "high grassland",
            Terrain::RiverValley => "river valley",
            Terrain::Plain => "plain",
        }
    }
}

impl PlayerName for Walls {
    fn player_name(&self) -> &'static str {
        match self {
            Walls::None => "open",
            Walls::Stockade => "stockaded",
            Walls::Walled => "walled",
            Walls::Fortress => "fortress",
        }
    }
}

impl PlayerName for Posture {
    fn player_name(&self) -> &'static str {
        match self {
            Posture::Hasty => "hasty camp",
            Posture::Prepared => "prepared camp",
            Posture::Fortified => "fortified camp",
        }
    }
}

impl PlayerName for Timing {
    fn player_name(&self) -> &'static str {
        match self {
            Timing::Day => "by day",
            Timing::Dawn => "at dawn",
            Timing::Night => "by night",
        }
    }
}

impl PlayerName for BattleKind {
    fn player_name(&self) -> &'static str {
        match self {
            BattleKind::Field => "Battle",
            BattleKind::Assault => "Assault",
            BattleKind::Ambush => "Ambush",
            BattleKind::Relief => "Relief battle",
        }
    }
}

/// Capitalised: "oasis" as "Oasis".
pub fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or(String::new(), |f| {
        f.to_uppercase().collect::<String>() + c.as_str()
    })
}

/// The noun for a count: `one` for 1, `many` for any other.
pub fn noun<'a>(n: impl Into<u64>, one: &'a str, many: &'a str) -> &'a str {
    if n.into() == 1 { one } else { many }
}

/// A count with its noun: "1 day", "3 days", "0 orders".
pub fn counted(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", noun(n, one, many))
}

/// 12345 as "12,345".
pub fn thousands(n: u32) -> String {
    let d = n.to_string();
    let mut out = String::new();
    for (i, c) in d.chars().enumerate() {
        if i > 0 && (d.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_of_one_takes_the_singular() {
        assert_eq!(counted(1u32, "day", "days"), "1 day");
        assert_eq!(counted(0u32, "order", "orders"), "0 orders");
        assert_eq!(counted(14u64, "turn", "turns"), "14 turns");
        assert_eq!(thousands(12345), "12,345");
    }
}
