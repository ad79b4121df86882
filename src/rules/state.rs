//! The state of a game in progress: date, regions, armies, commanders and
//! the random generator. Built from a scenario; changed only by `apply`.

use std::collections::{BTreeMap, VecDeque};

use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::SeedableRng;
use serde::{Deserialize, Serialize};

use super::params::Rules;
use crate::core::date::Date;
use crate::core::order::Order;
use crate::scenario::model::*;
use crate::scenario::raw::{Posture, TroopKind};

/// Where an army stands.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Position {
    At(RegionId),
    /// On a road, `km` from `from` towards the other end.
    Road {
        route: RouteId,
        from: RegionId,
        km: f64,
    },
}

impl Position {
    pub fn region(self) -> Option<RegionId> {
        match self {
            Position::At(r) => Some(r),
            Position::Road { .. } => None,
        }
    }
}

/// Men lost, by how.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Losses {
    pub killed: u32,
    pub wounded: u32,
    pub captured: u32,
    pub dispersed: u32,
}

impl Losses {
    pub fn total(&self) -> u32 {
        self.killed + self.wounded + self.captured + self.dispersed
    }
    pub fn add(&mut self, o: &Losses) {
        self.killed += o.killed;
        self.wounded += o.wounded;
        self.captured += o.captured;
        self.dispersed += o.dispersed;
    }
}

/// Men by troop type.
pub type Men = [u32; 8];

pub fn men_total(m: &Men) -> u32 {
    m.iter().sum()
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Baggage {
    /// Rations carried, in man-days.
    pub man_days: f64,
    pub feeds: Vec<ArmyId>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ArmyState {
    pub id: String,
    pub name: String,
    pub faction: FactionId,
    pub commander: Option<CommanderId>,
    /// Commanders travelling with the army of their own will.
    pub companions: Vec<CommanderId>,
    /// Commanders held prisoner by the army.
    pub captives: Vec<CommanderId>,
    /// On the map (arrived and not dissolved).
    pub present: bool,
    pub pos: Position,
    pub men: Men,
    pub morale: f64,
    pub fatigue: f64,
    /// Days of food carried.
    pub food_days: f64,
    /// Days of food the army can carry.
    pub carry_days: f64,
    pub posture: Posture,
    pub fortify_days: u32,
    pub hidden: bool,
    pub garrison: bool,
    pub baggage: Option<Baggage>,
    pub orders: VecDeque<Order>,
    /// The first order in `orders` has begun (it was checked when it began).
    pub started: bool,
    /// Broken and falling back; takes no orders until it rallies.
    pub routed: bool,
    /// Has been routed or driven off at some point.
    pub beaten: bool,
    /// Routed and since overtaken on the road by an enemy column
    /// ([`super::event::Event::Caught`]); a beaten army is caught once a flight.
    #[serde(default)]
    pub caught: bool,
    /// Outcome of the first battle it fought: Some(true) if won.
    pub first_battle: Option<bool>,
    /// Men at the start plus men who joined later.
    pub raised: u32,
    pub losses: Losses,
    /// Regions left, with the day each was left.
    pub departures: Vec<(RegionId, u32)>,
    /// Region it came from, where a beaten army falls back.
    pub came_from: Option<RegionId>,
    /// Days its attack has been fought without a decision (0 when it is not
    /// fighting one): the battle goes on the next day, up to `battle.max_days`.
    #[serde(default)]
    pub battle_day: u32,
    /// The last day it was harried (`Event::Harried`): that day it could
    /// neither forage nor graze its herds.
    #[serde(default)]
    pub harried_on: Option<u32>,
    /// Days in a row, to `harried_on`, it has been harried: days without
    /// water parties, against `harry.water_days`.
    #[serde(default)]
    pub harried_days: u32,
}

impl ArmyState {
    pub fn strength(&self) -> u32 {
        men_total(&self.men)
    }
    pub fn region(&self) -> Option<RegionId> {
        self.pos.region()
    }
    /// On the map and able to act.
    pub fn active(&self) -> bool {
        self.present && self.strength() > 0
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Fate {
    Free,
    Captured,
    Killed,
    Executed,
    Fled,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CommanderState {
    pub faction: FactionId,
    pub fate: Fate,
    pub ever_captured: bool,
    /// Region where he stays when with no army (a ruler in his city).
    pub at: Option<RegionId>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RegionState {
    pub control: Option<FactionId>,
    /// Factions that have controlled the region, as a bit set.
    pub ever: u64,
    pub ruler: Option<CommanderId>,
    /// Food in the city's stores, man-days.
    pub stores: f64,
    pub livestock: u32,
    /// Under siege by an army.
    pub besieged_by: Option<ArmyId>,
}

/// A battle, as remembered for the outcome checks.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BattleRecord {
    pub day: u32,
    pub winners: Vec<ArmyId>,
    pub losers: Vec<ArmyId>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Outcome {
    Victory { side: SideId, description: String },
    Draw,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct State {
    /// Turn in progress, from 1.
    pub turn: u32,
    /// Days since the start.
    pub day: u32,
    pub date: Date,
    pub rng: ChaCha8Rng,
    pub regions: Vec<RegionState>,
    pub armies: Vec<ArmyState>,
    pub commanders: Vec<CommanderState>,
    pub seats: BTreeMap<String, RegionId>,
    /// Scenario events already fired (or struck out by a variant).
    pub fired: Vec<bool>,
    pub battles: Vec<BattleRecord>,
    pub outcome: Option<Outcome>,
    /// Pairs of factions under a truce (`Effect::Truce`), until a battle between them.
    #[serde(default)]
    pub truces: Vec<(FactionId, FactionId)>,
}

impl State {
    /// The battles fought today, the latest first.
    pub fn battles_today(&self) -> impl Iterator<Item = &BattleRecord> {
        self.battles
            .iter()
            .rev()
            .take_while(move |r| r.day == self.day)
    }

    /// Whether factions `a` and `b` are under a truce.
    pub fn at_truce(&self, a: FactionId, b: FactionId) -> bool {
        self.truces
            .iter()
            .any(|(x, y)| (*x == a && *y == b) || (*x == b && *y == a))
    }

    /// The opening state of a scenario with the given seed.
    pub fn new(s: &Scenario, rules: &Rules, seed: u64) -> State {
        let regions = s
            .regions
            .iter()
            .map(|r| RegionState {
                control: r.control,
                ever: r.control.map_or(0, |f| 1u64 << (f.0 % 64)),
                ruler: r.ruler,
                stores: 0.0,
                livestock: r.livestock,
                besieged_by: None,
            })
            .collect();
        let armies: Vec<ArmyState> = s
            .armies
            .iter()
            .map(|a| {
                let mut men = [0u32; 8];
                for (k, n) in &a.contingents {
                    men[k.index()] += n;
                }
                let raised = if a.origin == Origin::Start {
                    men_total(&men)
                } else {
                    0
                };
                ArmyState {
                    id: a.id.clone(),
                    name: a.name.clone(),
                    faction: a.faction,
                    commander: a.commander,
                    companions: a.companions.clone(),
                    captives: Vec::new(),
                    present: a.origin == Origin::Start,
                    pos: Position::At(a.at),
                    men: if a.origin == Origin::Split {
                        [0; 8]
                    } else {
                        men
                    },
                    morale: rules.morale.start,
                    fatigue: 0.0,
                    food_days: a.supply_days as f64,
                    carry_days: (a.supply_days as f64)
                        .clamp(rules.supply.min_carry_days, rules.supply.max_days),
                    posture: a.posture,
                    fortify_days: match a.posture {
                        Posture::Hasty => 0,
                        Posture::Prepared => rules.posture.days_to_prepared,
                        Posture::Fortified => rules.posture.days_to_fortified,
                    },
                    hidden: false,
                    garrison: a.garrison,
                    baggage: a.baggage.as_ref().map(|b| {
                        let fed: u32 = b
                            .feeds
                            .iter()
                            .map(|f| {
                                s.armies[f.index()]
                                    .contingents
                                    .iter()
                                    .map(|c| c.1)
                                    .sum::<u32>()
                            })
                            .sum();
                        Baggage {
                            man_days: b.days as f64 * fed.max(1) as f64,
                            feeds: b.feeds.clone(),
                        }
                    }),
                    orders: VecDeque::new(),
                    started: false,
                    routed: false,
                    beaten: false,
                    caught: false,
                    first_battle: None,
                    raised,
                    losses: Losses::default(),
                    departures: Vec::new(),
                    came_from: None,
                    battle_day: 0,
                    harried_on: None,
                    harried_days: 0,
                }
            })
            .collect();
        let mut state = State {
            turn: 1,
            day: 0,
            date: s.turns.start,
            rng: ChaCha8Rng::seed_from_u64(seed),
            regions,
            armies,
            commanders: s
                .commanders
                .iter()
                .map(|c| CommanderState {
                    faction: c.faction,
                    fate: Fate::Free,
                    ever_captured: false,
                    at: c.at,
                })
                .collect(),
            seats: s
                .regions
                .iter()
                .enumerate()
                .filter_map(|(i, r)| r.seat.clone().map(|seat| (seat, RegionId(i as u16))))
                .collect(),
            fired: vec![false; s.events.len()],
            battles: Vec::new(),
            outcome: None,
            truces: Vec::new(),
        };
        // City stores feed the men garrisoned there.
        let stores = super::siege::opening_stores(s, rules, &state);
        for (region, stores) in state.regions.iter_mut().zip(stores) {
            region.stores = stores;
        }
        state
    }

    pub fn army(&self, a: ArmyId) -> &ArmyState {
        &self.armies[a.index()]
    }

    /// Armies on the map standing in a region.
    pub fn armies_at(&self, r: RegionId) -> impl Iterator<Item = ArmyId> + '_ {
        self.armies
            .iter()
            .enumerate()
            .filter(move |(_, a)| a.active() && a.pos == Position::At(r))
            .map(|(i, _)| ArmyId(i as u16))
    }

    /// Losses of all the armies of these factions.
    pub fn faction_losses(&self, factions: &Factions) -> Losses {
        let mut l = Losses::default();
        for a in &self.armies {
            if factions.contains(a.faction) {
                l.add(&a.losses);
            }
        }
        l
    }

    /// Every soldier accounted for: present plus lost equals raised, for every army.
    pub fn check_invariants(&self) -> Result<(), String> {
        for a in &self.armies {
            if !a.present && a.raised == 0 && a.losses.total() == 0 {
                // Not yet on the map: its men are not raised until it arrives.
                continue;
            }
            if a.strength() + a.losses.total() != a.raised {
                return Err(format!(
                    "army {}: {} present + {} lost != {} raised",
                    a.id,
                    a.strength(),
                    a.losses.total(),
                    a.raised
                ));
            }
            if !(a.morale.is_finite()
                && a.fatigue.is_finite()
                && a.food_days.is_finite()
                && a.food_days >= 0.0)
            {
                return Err(format!(
                    "army {}: morale, fatigue or food out of range",
                    a.id
                ));
            }
        }
        for (i, r) in self.regions.iter().enumerate() {
            if let Some(b) = r.besieged_by {
                let a = &self.armies[b.index()];
                if !a.active() || a.routed || a.pos != Position::At(RegionId(i as u16)) {
                    return Err(format!(
                        "region {i} is besieged by army {}, which is not there",
                        a.id
                    ));
                }
            }
        }
        Ok(())
    }
}

/// Index of a troop kind in `Men`.
pub fn kind_of(i: usize) -> TroopKind {
    TroopKind::ALL[i]
}
