//! Every tunable number of the rules, read from `assets/rules.ron` and the
//! same for every scenario. `docs/rules.md` explains each one. This file
//! holds their structure; [`parse`] reads a rules file and range-checks it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::core::kinds::{Terrain, TroopKind, Walls};
use crate::diagnostics::Diagnostic;
use crate::scenario::Scenario;

mod parse;
pub mod rewrite;

/// The shipped rules file: the designed one with its tunable numbers as
/// the recorded calibration fitted them.
pub const SHIPPED_RULES: &str = include_str!("../../../assets/rules.ron");

/// The rules file as designed, where `anxi calibrate` starts from: the
/// shipped file is this one with the fitted numbers written in.
pub const DESIGNED_RULES: &str = include_str!("../../../assets/rules_designed.ron");

/// Not a parameter: the middle of the 1 to 5 scale scenarios rate
/// commanders' tactics and logistics on. Ratings above it help, below it
/// hinder, and an army without a commander counts as average.
pub const AVERAGE_RATING: u8 = 3;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TroopRules {
    /// Marching speed on open ground, km a day.
    pub speed: f64,
    /// Fighting value of one man in the open.
    pub power: f64,
    /// Value of one man in the pursuit after a battle (cavalry decides it).
    pub pursuit: f64,
    /// Factor on power when storming walls.
    pub assault: f64,
    /// Factor on power when defending walls or a camp.
    pub defence: f64,
    /// Places in the fighting line one man takes, where an infantryman in
    /// close order takes 1: a horseman needs room to move and a shallower file.
    pub space: f64,
    /// Men of this kind ride with their own herds and remounts and live off
    /// them wherever the ground has grazing (`TerrainRules::grazing`), as
    /// steppe armies did: they eat nothing they carry there. None in rules
    /// files without it.
    #[serde(default)]
    pub herds: bool,
    /// Shooting from the saddle: one man's share in harrying an enemy
    /// without closing (`Order::Harry`, [`HarryRules`]); 0 for men who must
    /// close to fight. 0 in rules files without it.
    #[serde(default)]
    pub skirmish: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TerrainRules {
    /// Road length over straight-line distance, for routes without a length.
    pub road_factor: f64,
    /// Factor on marching speed.
    pub speed: f64,
    /// Factor on the defender's power (rugged ground).
    pub defence: f64,
    /// Factor on mounted troops' power.
    pub mounted: f64,
    /// Food a region of this terrain yields to foragers, man-days per day.
    pub forage: f64,
    /// Places in the fighting line a side can fill at once on this ground
    /// (see `TroopRules::space`): men beyond it stand in reserve.
    pub frontage: f64,
    /// Herds find grass here for as long as an army stays (see
    /// `TroopRules::herds`). None in rules files without it.
    #[serde(default)]
    pub grazing: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarchRules {
    /// Factor on marching speed per point of the commander's logistics above or below the average.
    pub per_logistics: f64,
    /// Marching speed, km a day, of an army with no men (a detachment not yet split off).
    pub speed_without_men: f64,
    /// Armies on the same road closer than this, km, are in contact.
    pub contact_km: f64,
    /// Days of march a march may need beyond the food counted for it.
    pub food_grace_days: f64,
    /// How far a side's scouts see along the roads from its armies and the
    /// regions it holds, km (the fog of war); 80 in rules files without it.
    #[serde(default = "default_scout_km")]
    pub scout_km: f64,
}

/// Rules files written before a surprised side's engagement was a parameter
/// fight with all their men, as they did then (a billion a man: no limit).
fn default_surprised_engaged() -> f64 {
    1e9
}

/// The scouting reach of rules files written before it was a parameter:
/// two days' ride of light horse.
fn default_scout_km() -> f64 {
    80.0
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostureRules {
    pub hasty: f64,
    pub prepared: f64,
    pub fortified: f64,
    /// Days of fortifying to reach a prepared position, then a fortified one.
    pub days_to_prepared: u32,
    pub days_to_fortified: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WallRules {
    pub stockade: f64,
    pub walled: f64,
    pub fortress: f64,
    /// Extra factor for a moat.
    pub moat: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BattleRules {
    /// Steepness of the win chance against the log of the force ratio.
    pub slope: f64,
    /// Force ratio at which the attacker wins half the time.
    pub even_ratio: f64,
    /// Share of the winner's men lost in the fighting, low and high.
    pub winner_loss: (f64, f64),
    /// The least the random part of the winner's losses is scaled to by its
    /// advantage (one over the force ratio in its favour, at most 1).
    pub winner_loss_scale_min: f64,
    /// Share of the loser's men lost in the fighting before it breaks.
    pub loser_loss: (f64, f64),
    /// The most of its men a loser can lose in the fighting.
    pub loser_loss_max: f64,
    /// An open battle's loser breaks if the winner had this many times its power
    /// (or it was surprised), and otherwise with this chance.
    pub rout_advantage: f64,
    pub rout_chance: f64,
    /// How losses in the fighting split: killed, wounded, captured, dispersed.
    pub fighting_split: (f64, f64, f64, f64),
    /// Share of a routed army caught in the pursuit with equal pursuit value on each side,
    /// and the most it can be.
    pub pursuit_base: f64,
    pub pursuit_max: f64,
    /// How the pursuit's toll splits: killed, captured, dispersed.
    pub pursuit_split: (f64, f64, f64),
    /// The least a side's pursuit value counts as, when it is the loser's.
    pub pursuit_value_min: f64,
    /// Bounds of the pursuit ratio (the square root of the winner's pursuit value over the loser's).
    pub pursuit_ratio_min: f64,
    pub pursuit_ratio_max: f64,
    /// Increase of the pursuit's toll per day the beaten need to reach a refuge.
    pub chase_days: f64,
    /// The most days of chase counted, and the days counted when there is no refuge at all.
    pub chase_days_max: f64,
    pub chase_days_no_refuge: f64,
    /// Factor on the beaten side's losses when it was surprised.
    pub surprised_losses: f64,
    /// Factor on the attacker's power when it achieves surprise.
    pub surprise_power: f64,
    /// Chance of surprise by timing, before modifiers.
    pub surprise_day: f64,
    pub surprise_dawn: f64,
    pub surprise_night: f64,
    /// Added to the surprise chance when the attacker arrived unseen.
    pub surprise_unseen: f64,
    /// A night attack by a small party comes partly unseen: it adds
    /// `surprise_unseen` × `night_party` / (`night_party` + the attackers'
    /// men), half of it for a party of this many men. 0 (no such bonus) in
    /// rules files without it.
    #[serde(default)]
    pub night_party: f64,
    /// Chance of surprise for an ambush sprung from hiding.
    pub surprise_ambush: f64,
    /// Added to the surprise chance per point the attacker's tactics exceed the defender's.
    pub surprise_per_tactics: f64,
    /// The greatest chance of surprise.
    pub surprise_max: f64,
    /// Share by which the chance of surprise falls against a fortified
    /// defender seen coming (half of it against a prepared one): its
    /// watches are posted on the approaches it knows.
    pub surprise_guarded: f64,
    /// A surprised side fights only where it is struck: at most this many of
    /// its men for each man of the attackers engage, the rest caught up in
    /// its confusion and rout (1: man for man); none when not surprised.
    #[serde(default = "default_surprised_engaged")]
    pub surprised_engaged: f64,
    /// Factor on power per point of the commander's tactics above or below 3.
    pub per_tactics: f64,
    /// Share of a besieged garrison that sallies to join a relief battle.
    pub sally_share: f64,
    /// Random spread (standard deviation of the log) of each side's power.
    pub power_noise: f64,
    /// When storming walls or a stockade, attackers beyond this many per defender cannot come to grips.
    pub assault_frontage: f64,
    /// Factor on a beaten side's cohesion per point of its general's command
    /// above or below the average: the advantage that breaks it, and its
    /// chance of breaking in a close fight, scale with its cohesion.
    pub cohesion_per_command: f64,
    /// Cohesion a side loses for every faction beyond its first: a
    /// coalition's contingents look to their own safety.
    pub coalition_cohesion: f64,
    /// The most days an attack is fought when neither side breaks: a day
    /// without a decision is fought again the next day, until one side
    /// breaks or this many days have passed.
    pub max_days: u32,
    /// Fatigue every army in an undecided battle gains for each day of it.
    pub day_fatigue: f64,
    /// Share of a reserve man's power that counts in the day's fighting
    /// (fresh men fed into the line, a threat to a flank).
    pub reserve_power: f64,
    /// An attack in contact waits for allies marching on the same target that are this many days away or less.
    pub wait_for_allies_days: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaptureRules {
    /// Chance the commander of a routed army is taken, with equal pursuit value, and the most.
    pub rout_base: f64,
    pub rout_max: f64,
    /// Chance he is killed instead.
    pub rout_killed: f64,
    /// How much a beaten army's horses save its commanders from pursuers
    /// on foot: the chances of being taken or killed fall by this share for
    /// an army all mounted chased by one all on foot, in proportion to the
    /// mounted share of the one and the share on foot of the other.
    pub mounted_escape: f64,
    /// Horsemen a commander keeps about him as his guard: with that many in
    /// his army his flight is on horseback whatever the army marches on,
    /// with fewer in proportion. 0 when a rules file leaves it out: the
    /// army's mounted share alone.
    #[serde(default)]
    pub guard: f64,
    /// Of the commanders that shooters from the saddle catch, the share shot
    /// down rather than taken alive, in proportion to the skirmishing share
    /// of the pursuit (troop `skirmish`). Not a ruler: he is taken alive.
    /// 0 when a rules file leaves it out: the fates are as before it, taken
    /// or killed by `rout_killed` alone.
    #[serde(default)]
    pub shot_down: f64,
    /// Chance the commanders in a city that falls by storm are taken, and killed.
    pub city_taken: f64,
    pub city_killed: f64,
    /// Share of a garrison captured when its city falls by storm, and share of the
    /// rest killed (the others are dispersed).
    pub garrison_captured: f64,
    pub garrison_killed: f64,
    /// Chance an unguarded installed ruler is taken when an enemy enters his city.
    pub ruler_taken: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupplyRules {
    /// Share of the men an army out of food loses each day (deserters and the starving).
    pub starving_attrition: f64,
    /// Morale lost each day without food.
    pub starving_morale: f64,
    /// Factor on power of an army without food.
    pub starving_power: f64,
    /// Distance within which an army draws on a baggage train of its faction, km.
    pub baggage_reach_km: f64,
    /// Marching speed of an army with a baggage train, km a day at most.
    pub baggage_speed: f64,
    /// Head of livestock that feed one man for one day.
    pub livestock_man_days: f64,
    /// Most days of food an army can carry.
    pub max_days: f64,
    /// Days of food any army can load when it sets out from a base of its side.
    pub min_carry_days: f64,
    /// Days of food a beaten army driven from the place it stood carries
    /// away on its men: it leaves its camp and the rest of its food to the
    /// winners. No camp is taken in rules files without it.
    #[serde(default = "default_fugitive_days")]
    pub fugitive_days: f64,
}

/// Rules files written before camps were taken: a fugitive keeps all it
/// has (a billion days: no limit).
fn default_fugitive_days() -> f64 {
    1e9
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MoraleRules {
    pub start: f64,
    pub after_win: f64,
    pub after_loss: f64,
    pub after_rout: f64,
    /// Morale regained each day of rest.
    pub rest: f64,
    /// Morale lost when the army's baggage is taken.
    pub baggage_lost: f64,
    /// Factor on power at zero morale (one at full morale).
    pub power_at_zero: f64,
    /// Morale a routed army needs to be willing to fight again.
    pub rally: f64,
    /// Extra morale it needs to rally when no refuge is left anywhere.
    pub rally_without_refuge: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FatigueRules {
    /// Fatigue gained per day of march (0 = fresh, 1 = spent), and per day of forced march.
    pub march: f64,
    pub forced_march: f64,
    /// Speed factor of a forced march.
    pub forced_speed: f64,
    /// Fatigue shed per day of rest.
    pub rest: f64,
    /// Factor on power when spent.
    pub power_when_spent: f64,
}

/// Harrying (`Order::Harry`): riders who shoot from the saddle (troop
/// `skirmish`) ride round an army without closing. Their liberty is their
/// shooting over their shooting and the army's screen (its men times troop
/// `pursuit`: those who can ride out and drive them off).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HarryRules {
    /// Men one rider shooting at full liberty brings down or cuts off in a
    /// day; the screen brings down riders at the same rate at the liberty
    /// it leaves itself.
    pub per_rider: f64,
    /// The most of an army either side loses to a day of harrying.
    pub max_share: f64,
    /// Morale a harried army loses in a day at full liberty.
    pub morale: f64,
    /// Days of water an army carries: harried day after day it cannot send
    /// out water parties, and after this many days its water is gone.
    #[serde(default)]
    pub water_days: f64,
    /// Share of a harried army's men lost to thirst each day after its
    /// water is gone, at full liberty (stragglers who fall out and die).
    #[serde(default)]
    pub thirst: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiegeRules {
    /// Share of the besiegers lost to disease and sorties each day.
    pub besieger_attrition: f64,
    /// Share of the defenders a failed assault costs the attackers, relative to the defenders' strength.
    pub repulse_loss: (f64, f64),
    /// A city's stores are laid in for its garrison at the start, counted as at least this many men.
    pub stores_min_garrison: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    #[serde(deserialize_with = "unique_keys")]
    pub troops: BTreeMap<TroopKind, TroopRules>,
    #[serde(deserialize_with = "unique_keys")]
    pub terrain: BTreeMap<Terrain, TerrainRules>,
    pub march: MarchRules,
    pub posture: PostureRules,
    pub walls: WallRules,
    pub battle: BattleRules,
    pub capture: CaptureRules,
    pub supply: SupplyRules,
    pub morale: MoraleRules,
    pub fatigue: FatigueRules,
    pub siege: SiegeRules,
    /// Harrying; none (every number 0) in rules files without it.
    #[serde(default)]
    pub harry: HarryRules,
    /// The numbers `anxi calibrate` may move, each within its declared
    /// range. A rules file without the list has none to fit.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tunable: Vec<Tunable>,
}

/// A number of the rules that calibration may move, and the range the
/// literature or the plain reading of it allows.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tunable {
    /// The number's dotted name: `battle.pursuit_base`, `troops.Cavalry.power`.
    pub name: String,
    pub min: f64,
    pub max: f64,
    /// Where the range comes from.
    pub why: String,
}

impl Rules {
    /// Every number of the rules with its dotted name (`battle.slope`,
    /// `troops.Cavalry.power`, `battle.winner_loss.1`), the list of
    /// tunable numbers left out.
    pub fn numbers(&self) -> Vec<(String, f64)> {
        let mut value = serde_json::to_value(self).unwrap_or_default();
        if let Some(m) = value.as_object_mut() {
            m.remove("tunable");
        }
        let mut out = Vec::new();
        parse::walk_numbers(&value, String::new(), &mut out);
        out
    }

    /// The number of this dotted name, if the rules have one.
    pub fn value(&self, name: &str) -> Option<f64> {
        self.numbers()
            .into_iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v)
    }

    /// These rules with the named numbers set to new values; an error
    /// names a number the rules do not have or a value they cannot hold.
    pub fn with_values(&self, values: &[(String, f64)]) -> Result<Rules, String> {
        let mut value = serde_json::to_value(self).map_err(|e| e.to_string())?;
        for (name, v) in values {
            let pointer = format!("/{}", name.replace('.', "/"));
            let slot = value
                .pointer_mut(&pointer)
                .filter(|x| x.is_number())
                .ok_or_else(|| format!("the rules have no number `{name}`"))?;
            *slot = serde_json::Number::from_f64(*v)
                .map(serde_json::Value::Number)
                .ok_or_else(|| format!("{name}: {v} is not a number"))?;
        }
        serde_json::from_value(value).map_err(|e| e.to_string())
    }

    pub fn troop(&self, kind: TroopKind) -> &TroopRules {
        &self.troops[&kind]
    }

    pub fn terrain(&self, t: Terrain) -> &TerrainRules {
        &self.terrain[&t]
    }

    /// Sets the length of every road the scenario file gives no length for:
    /// the straight line times its terrain's road factor.
    pub fn lay_roads(&self, s: &mut Scenario) {
        for r in &mut s.routes {
            r.km = r.length(self.terrain(r.terrain).road_factor);
        }
    }

    pub fn walls_factor(&self, walls: Walls, moat: bool) -> f64 {
        let w = match walls {
            Walls::None => 1.0,
            Walls::Stockade => self.walls.stockade,
            Walls::Walled => self.walls.walled,
            Walls::Fortress => self.walls.fortress,
        };
        if moat && walls != Walls::None {
            w * self.walls.moat
        } else {
            w
        }
    }

    /// The shipped rules. They are tested, so this cannot fail at run time
    /// unless the binary was built from a broken file.
    pub fn shipped() -> Result<Rules, Vec<Diagnostic>> {
        Rules::parse("assets/rules.ron", SHIPPED_RULES)
    }

    /// The rules as designed, before the calibration's fit.
    pub fn designed() -> Result<Rules, Vec<Diagnostic>> {
        Rules::parse("assets/rules_designed.ron", DESIGNED_RULES)
    }
}

/// Reads a map, refusing a key written twice (serde's own map reading keeps the last silently).
fn unique_keys<'de, D, K, V>(d: D) -> Result<BTreeMap<K, V>, D::Error>
where
    D: serde::Deserializer<'de>,
    K: Deserialize<'de> + Ord + std::fmt::Debug,
    V: Deserialize<'de>,
{
    struct Unique<K, V>(std::marker::PhantomData<(K, V)>);
    impl<'de, K, V> serde::de::Visitor<'de> for Unique<K, V>
    where
        K: Deserialize<'de> + Ord + std::fmt::Debug,
        V: Deserialize<'de>,
    {
        type Value = BTreeMap<K, V>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a map with each key once")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut m: A,
        ) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some(k) = m.next_key::<K>()? {
                if out.contains_key(&k) {
                    return Err(serde::de::Error::custom(format!("`{k:?}` is given twice")));
                }
                let v = m.next_value()?;
                out.insert(k, v);
            }
            Ok(out)
        }
    }
    d.deserialize_map(Unique(std::marker::PhantomData))
}
