//! The kinds the rules and the scenario files share: terrain, walls, troop
//! kinds, camp postures, the timing of an attack, kinds of loss.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
pub enum Terrain {
    Oasis,
    Desert,
    Steppe,
    HighSteppe,
    MountainPass,
    Mountains,
    HighGrassland,
    RiverValley,
    Plain,
}

impl Terrain {
    pub const ALL: [Terrain; 9] = [
        Terrain::Oasis,
        Terrain::Desert,
        Terrain::Steppe,
        Terrain::HighSteppe,
        Terrain::MountainPass,
        Terrain::Mountains,
        Terrain::HighGrassland,
        Terrain::RiverValley,
        Terrain::Plain,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum Walls {
    None,
    /// A palisade or a stockaded camp.
    Stockade,
    Walled,
    Fortress,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
pub enum TroopKind {
    Infantry,
    Spearmen,
    Crossbowmen,
    Archers,
    Cavalry,
    HorseArchers,
    Auxiliaries,
    Militia,
}

impl TroopKind {
    pub const ALL: [TroopKind; 8] = [
        TroopKind::Infantry,
        TroopKind::Spearmen,
        TroopKind::Crossbowmen,
        TroopKind::Archers,
        TroopKind::Cavalry,
        TroopKind::HorseArchers,
        TroopKind::Auxiliaries,
        TroopKind::Militia,
    ];

    pub fn index(self) -> usize {
        self as usize
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
pub enum Posture {
    #[default]
    Hasty,
    Prepared,
    Fortified,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
pub enum Timing {
    #[default]
    Day,
    Dawn,
    Night,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum LossKind {
    Killed,
    Wounded,
    Captured,
    Dispersed,
}
