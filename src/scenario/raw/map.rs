//! The map as written: factions, sides, regions with their settlements,
//! and the routes between regions.

use serde::{Deserialize, Serialize};

use super::{Figure, Provenance, Terrain, Walls};

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
    /// The end region whose field works this route turns: a track over the
    /// heights or round a flank that comes on the place where its works do
    /// not face. An attack made along it on an army dug in there meets it
    /// without its works, its ground or its watch.
    #[serde(default)]
    pub turns: Option<String>,
}
