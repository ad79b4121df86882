//! The validated scenario: every reference resolved to a typed index, every
//! date parsed, every number in range. The rules engine reads only this.

use super::raw::{Figure, LossKind, Posture, RawScenario, Terrain, TroopKind, Walls};
use crate::core::date::Date;
pub use crate::core::ids::*;
use crate::core::order::Order;

#[derive(Debug, Clone)]
pub struct Faction {
    pub id: String,
    pub name: String,
    pub colour: [u8; 3],
    pub side: SideId,
}

#[derive(Debug, Clone)]
pub struct Side {
    pub id: String,
    pub name: String,
    pub factions: Vec<FactionId>,
    pub led_by: String,
    pub player_default: bool,
}

#[derive(Debug, Clone)]
pub struct Region {
    pub id: String,
    pub name: String,
    pub other_names: Vec<String>,
    pub lat: f64,
    pub lon: f64,
    pub terrain: Terrain,
    pub walls: Walls,
    pub moat: bool,
    pub stores_days: u32,
    pub control: Option<FactionId>,
    pub ruler: Option<CommanderId>,
    pub seat: Option<String>,
    pub livestock: u32,
    /// Routes that touch this region.
    pub routes: Vec<RouteId>,
}

#[derive(Debug, Clone)]
pub struct Route {
    pub a: RegionId,
    pub b: RegionId,
    /// The road's length: the file's figure, or one the rules lay from the
    /// straight line and the terrain (`Scenario::lay_roads`).
    pub km: f64,
    /// The length the file gives, if it gives one.
    pub given_km: Option<f64>,
    /// The great-circle distance between the two ends.
    pub straight_km: f64,
    pub terrain: Terrain,
    pub name: Option<String>,
    pub concealed: bool,
    /// The end whose field works the route turns (`raw::Route::turns`).
    pub turns: Option<RegionId>,
}

impl Route {
    /// The road's length: the file's figure, or the straight line times
    /// `road_factor` (roads wind more in some terrain than in other), at least 1 km.
    pub fn length(&self, road_factor: f64) -> f64 {
        self.given_km
            .unwrap_or_else(|| (self.straight_km * road_factor).max(1.0))
    }

    /// The region at the other end from `from`.
    pub fn other(&self, from: RegionId) -> RegionId {
        if self.a == from { self.b } else { self.a }
    }
}

#[derive(Debug, Clone)]
pub struct Commander {
    pub id: String,
    pub name: String,
    pub faction: FactionId,
    pub command: u8,
    pub tactics: u8,
    pub logistics: u8,
    pub guide_to: Vec<RegionId>,
    pub at: Option<RegionId>,
}

#[derive(Debug, Clone)]
pub struct BaggageSpec {
    pub days: u32,
    pub feeds: Vec<ArmyId>,
}

/// How an army comes onto the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// On the map at the start.
    Start,
    /// Brought by a scenario event.
    Event(EventId),
    /// Split off another army by a historical order.
    Split,
}

#[derive(Debug, Clone)]
pub struct ArmySpec {
    pub id: String,
    pub name: String,
    pub faction: FactionId,
    pub commander: Option<CommanderId>,
    pub companions: Vec<CommanderId>,
    pub at: RegionId,
    pub contingents: Vec<(TroopKind, u32)>,
    pub supply_days: u32,
    pub posture: Posture,
    pub garrison: bool,
    pub baggage: Option<BaggageSpec>,
    pub origin: Origin,
}

#[derive(Debug, Clone)]
pub enum Trigger {
    Turn(u32),
    Date(Date),
    When(Condition),
    AfterDeparture {
        army: ArmyId,
        region: RegionId,
        days: u32,
    },
}

#[derive(Debug, Clone)]
pub enum Effect {
    Arrive(ArmyId),
    Reinforce {
        army: ArmyId,
        contingents: Vec<(TroopKind, u32)>,
    },
    Defect {
        commander: CommanderId,
        to: FactionId,
    },
    ChangeSides {
        army: ArmyId,
        to: FactionId,
    },
    MenGoOver {
        from: ArmyId,
        kind: TroopKind,
        share: f64,
        into: ArmyId,
    },
    InstallRuler {
        region: RegionId,
        ruler: CommanderId,
    },
    RemoveRuler {
        region: RegionId,
    },
    SetControl {
        region: RegionId,
        faction: FactionId,
    },
    MoveSeat {
        seat: String,
        to: RegionId,
    },
    Truce {
        a: FactionId,
        b: FactionId,
    },
    Message(String),
}

#[derive(Debug, Clone)]
pub struct Event {
    pub id: String,
    pub description: String,
    pub trigger: Trigger,
    pub effects: Vec<Effect>,
}

/// A set of factions: one faction, or all the factions of a side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Factions(pub Vec<FactionId>);

impl Factions {
    pub fn contains(&self, f: FactionId) -> bool {
        self.0.contains(&f)
    }
}

#[derive(Debug, Clone)]
pub enum Condition {
    Controls { region: RegionId, by: Factions },
    EverControlled { region: RegionId, by: Factions },
    Captured(CommanderId),
    Dead(CommanderId),
    Lost { armies: Vec<ArmyId>, share: f64 },
    Beaten(ArmyId),
    WonAgainst { winner: ArmyId, loser: ArmyId },
    FirstBattleWon(ArmyId),
    FewerLosses { these: Factions, than: Factions },
    SeatAt { seat: String, region: RegionId },
    ArmyAt { army: ArmyId, region: RegionId },
    All(Vec<Condition>),
    Any(Vec<Condition>),
    Not(Box<Condition>),
}

#[derive(Debug, Clone)]
pub struct Victory {
    pub side: SideId,
    pub description: String,
    pub when: Condition,
    pub at_end: bool,
}

#[derive(Debug, Clone)]
pub struct TimedOrder {
    pub turn: u32,
    pub army: ArmyId,
    pub order: Order,
}

#[derive(Debug, Clone)]
pub enum Change {
    DropOrders {
        army: ArmyId,
        from_turn: u32,
    },
    Order(TimedOrder),
    RemoveArmy(ArmyId),
    RemoveContingent {
        army: ArmyId,
        kind: TroopKind,
    },
    RemoveCompanion {
        army: ArmyId,
        commander: CommanderId,
    },
    RemoveEvent(EventId),
}

/// The variant every scenario has without declaring it: every commander's
/// ratings at the average (`anxi history --variant neutral-commanders`).
pub const NEUTRAL_COMMANDERS: &str = "neutral-commanders";

/// Variant ids the game gives every scenario, which a file may not use.
pub const BUILT_IN_VARIANTS: &[&str] = &[NEUTRAL_COMMANDERS];

#[derive(Debug, Clone)]
pub struct Variant {
    pub id: String,
    pub description: String,
    pub changes: Vec<Change>,
    /// The checks the variant should move, each with the least drop of its
    /// share (a negative drop: the least rise).
    pub expect: Vec<(usize, f64)>,
}

#[derive(Debug, Clone)]
pub enum Measure {
    Losses {
        factions: Factions,
        kinds: Vec<LossKind>,
    },
    LossShare {
        armies: Vec<ArmyId>,
        kinds: Vec<LossKind>,
    },
}

#[derive(Debug, Clone)]
pub enum Test {
    Share {
        holds: Condition,
        at_least: f64,
    },
    Median {
        measure: Measure,
        min: f64,
        max: f64,
    },
}

#[derive(Debug, Clone)]
pub struct Check {
    pub id: String,
    pub description: String,
    pub test: Test,
}

#[derive(Debug, Clone)]
pub struct History {
    pub summary: String,
    pub orders: Vec<TimedOrder>,
    pub variants: Vec<Variant>,
    pub outcome: Vec<Check>,
}

#[derive(Debug, Clone)]
pub struct Turns {
    pub start: Date,
    pub days_per_turn: u32,
    pub limit: u32,
}

/// A validated scenario, ready for the rules engine. `raw` keeps what the
/// modder wrote, with every figure's provenance, for display.
#[derive(Debug, Clone)]
pub struct Scenario {
    pub id: String,
    pub title: String,
    pub start: Date,
    pub end: Date,
    pub briefing: String,
    pub seed: u64,
    pub factions: Vec<Faction>,
    pub sides: Vec<Side>,
    pub regions: Vec<Region>,
    pub routes: Vec<Route>,
    pub commanders: Vec<Commander>,
    pub armies: Vec<ArmySpec>,
    pub turns: Turns,
    pub events: Vec<Event>,
    pub victory: Vec<Victory>,
    pub history: History,
    /// The words of every note fact the file's figures point at:
    /// (note file, fact id) → the fact, for display beside the figure.
    pub fact_texts: std::collections::BTreeMap<(String, String), String>,
    pub raw: RawScenario,
}

impl Scenario {
    pub fn region(&self, id: &str) -> Option<RegionId> {
        self.regions
            .iter()
            .position(|r| r.id == id)
            .map(|i| RegionId(i as u16))
    }
    pub fn army(&self, id: &str) -> Option<ArmyId> {
        self.armies
            .iter()
            .position(|a| a.id == id)
            .map(|i| ArmyId(i as u16))
    }
    pub fn commander(&self, id: &str) -> Option<CommanderId> {
        self.commanders
            .iter()
            .position(|c| c.id == id)
            .map(|i| CommanderId(i as u16))
    }
    pub fn faction(&self, id: &str) -> Option<FactionId> {
        self.factions
            .iter()
            .position(|f| f.id == id)
            .map(|i| FactionId(i as u16))
    }
    pub fn side(&self, id: &str) -> Option<SideId> {
        self.sides
            .iter()
            .position(|s| s.id == id)
            .map(|i| SideId(i as u16))
    }
    pub fn variant(&self, id: &str) -> Option<&Variant> {
        self.history.variants.iter().find(|v| v.id == id)
    }
    pub fn side_of(&self, f: FactionId) -> SideId {
        self.factions[f.index()].side
    }
    pub fn hostile(&self, a: FactionId, b: FactionId) -> bool {
        self.side_of(a) != self.side_of(b)
    }

    /// Every documented figure of the file: (where, value, source, quote);
    /// a reported one's quote is its note's fact.
    pub fn documented_figures(&self) -> Vec<DocumentedFigure> {
        let mut out = Vec::new();
        let raw = &self.raw;
        let facts = &self.fact_texts;
        let mut add = |place: String, f: &Figure<u32>| match f {
            Figure::Documented {
                value,
                source,
                quote,
            } => out.push(DocumentedFigure {
                place,
                value: *value,
                source: source.clone(),
                quote: quote.clone(),
            }),
            Figure::Reported {
                value,
                source,
                fact,
            } => out.push(DocumentedFigure {
                place,
                value: *value,
                source: source.clone(),
                quote: facts
                    .get(&(source.clone(), fact.clone()))
                    .cloned()
                    .unwrap_or_default(),
            }),
            _ => {}
        };
        let mut armies: Vec<&super::raw::RawArmy> = raw.armies.iter().collect();
        for e in &raw.events {
            for eff in &e.effects {
                if let super::raw::RawEffect::Arrive(a) = eff {
                    armies.push(a);
                }
            }
        }
        for a in armies {
            for (i, c) in a.contingents.iter().enumerate() {
                add(format!("armies.{}.contingents[{i}]", a.id), &c.strength);
            }
            if let Some(t) = &a.total {
                add(format!("armies.{}.total", a.id), t);
            }
        }
        for t in &raw.totals {
            add(format!("totals.{}", t.description), &t.strength);
        }
        for c in &raw.history.outcome {
            if let super::raw::RawRecorded::Figure(f) = &c.recorded {
                add(format!("history.outcome.{}", c.id), f);
            }
        }
        out
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct DocumentedFigure {
    pub place: String,
    pub value: u32,
    pub source: String,
    pub quote: String,
}
