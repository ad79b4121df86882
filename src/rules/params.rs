//! Every tunable number of the rules, read from `assets/rules.ron` and the
//! same for every scenario. `docs/rules.md` explains each one.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::core::kinds::{Terrain, TroopKind, Walls};
use crate::diagnostics::{Diagnostic, Reporter, from_ron_error};
use crate::scenario::Scenario;

/// The shipped rules file.
pub const SHIPPED_RULES: &str = include_str!("../../assets/rules.ron");

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
    /// Chance of surprise for an ambush sprung from hiding.
    pub surprise_ambush: f64,
    /// Added to the surprise chance per point the attacker's tactics exceed the defender's.
    pub surprise_per_tactics: f64,
    /// The greatest chance of surprise.
    pub surprise_max: f64,
    /// Factor on power per point of the commander's tactics above or below 3.
    pub per_tactics: f64,
    /// Share of a besieged garrison that sallies to join a relief battle.
    pub sally_share: f64,
    /// Random spread (standard deviation of the log) of each side's power.
    pub power_noise: f64,
    /// When storming walls or a stockade, attackers beyond this many per defender cannot come to grips.
    pub assault_frontage: f64,
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
    pub troops: BTreeMap<TroopKind, TroopRules>,
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
}

/// Every number in a JSON value, with its dotted name.
fn walk_numbers(v: &serde_json::Value, name: String, out: &mut Vec<(String, f64)>) {
    match v {
        serde_json::Value::Number(n) => out.push((name, n.as_f64().unwrap_or(f64::NAN))),
        serde_json::Value::Null => out.push((name, f64::NAN)),
        serde_json::Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                walk_numbers(x, format!("{name}.{i}"), out);
            }
        }
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                walk_numbers(
                    x,
                    if name.is_empty() {
                        k.clone()
                    } else {
                        format!("{name}.{k}")
                    },
                    out,
                );
            }
        }
        _ => {}
    }
}

/// The path of a rules value's section (and field, where it is a plain field), for a diagnostic.
fn section_path(name: &str) -> Vec<crate::diagnostics::locate::Step> {
    const SECTIONS: [&str; 11] = [
        "troops", "terrain", "march", "posture", "walls", "battle", "capture", "supply", "morale",
        "fatigue", "siege",
    ];
    let mut parts = name.split('.');
    let mut path = Vec::new();
    if let Some(sec) = parts
        .next()
        .and_then(|p| SECTIONS.iter().find(|s| **s == p))
    {
        path.push(crate::diagnostics::locate::Step::Field(sec));
    }
    path
}

impl Rules {
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

    /// Reads and checks a rules file.
    pub fn parse(file: &str, src: &str) -> Result<Rules, Vec<Diagnostic>> {
        let rules: Rules = ron::Options::default()
            .from_str(src)
            .map_err(|e| vec![from_ron_error(file, src, &e)])?;
        let mut rep = Reporter::new(file, src);
        for kind in TroopKind::ALL {
            match rules.troops.get(&kind) {
                None => rep.error(
                    &crate::path![f "troops"],
                    format!("no rules for troop type {kind:?}"),
                    "an entry for every troop type",
                ),
                Some(t) => {
                    for (name, v) in [
                        ("speed", t.speed),
                        ("power", t.power),
                        ("pursuit", t.pursuit),
                        ("assault", t.assault),
                        ("defence", t.defence),
                    ] {
                        if !(v.is_finite() && v >= 0.0) {
                            rep.error(
                                &crate::path![f "troops"],
                                format!("{kind:?}.{name} is {v}"),
                                "a number of 0 or more",
                            );
                        }
                    }
                    if t.speed <= 0.0 {
                        rep.error(
                            &crate::path![f "troops"],
                            format!("{kind:?}.speed is {}", t.speed),
                            "a speed above 0",
                        );
                    }
                }
            }
        }
        for t in Terrain::ALL {
            match rules.terrain.get(&t) {
                None => rep.error(
                    &crate::path![f "terrain"],
                    format!("no rules for terrain {t:?}"),
                    "an entry for every terrain",
                ),
                Some(r) => {
                    if !(r.road_factor >= 1.0
                        && r.speed > 0.0
                        && r.defence > 0.0
                        && r.mounted > 0.0
                        && r.forage >= 0.0)
                    {
                        rep.error(
                            &crate::path![f "terrain"],
                            format!("terrain {t:?} has a value out of range"),
                            "road_factor >= 1, speed, defence and mounted above 0, forage >= 0",
                        );
                    }
                }
            }
        }
        // Every number is finite and not negative; shares lie between 0 and 1.
        let value = serde_json::to_value(&rules).unwrap_or_default();
        let mut numbers = Vec::new();
        walk_numbers(&value, String::new(), &mut numbers);
        for (name, v) in &numbers {
            if !(v.is_finite() && *v >= 0.0) {
                rep.error(
                    &section_path(name),
                    format!("{name} is {v}"),
                    "a number of 0 or more",
                );
            }
        }
        let shares = [
            ("battle.pursuit_base", rules.battle.pursuit_base),
            ("battle.pursuit_max", rules.battle.pursuit_max),
            ("battle.sally_share", rules.battle.sally_share),
            ("battle.surprise_day", rules.battle.surprise_day),
            ("battle.surprise_dawn", rules.battle.surprise_dawn),
            ("battle.surprise_night", rules.battle.surprise_night),
            ("battle.surprise_ambush", rules.battle.surprise_ambush),
            ("battle.surprise_max", rules.battle.surprise_max),
            (
                "battle.winner_loss_scale_min",
                rules.battle.winner_loss_scale_min,
            ),
            ("battle.loser_loss_max", rules.battle.loser_loss_max),
            ("battle.rout_chance", rules.battle.rout_chance),
            ("capture.rout_base", rules.capture.rout_base),
            ("capture.rout_max", rules.capture.rout_max),
            ("capture.rout_killed", rules.capture.rout_killed),
            ("capture.city_taken", rules.capture.city_taken),
            ("capture.city_killed", rules.capture.city_killed),
            ("capture.garrison_captured", rules.capture.garrison_captured),
            ("capture.garrison_killed", rules.capture.garrison_killed),
            ("capture.ruler_taken", rules.capture.ruler_taken),
            ("supply.starving_attrition", rules.supply.starving_attrition),
            ("siege.besieger_attrition", rules.siege.besieger_attrition),
            ("morale.start", rules.morale.start),
            ("morale.rally", rules.morale.rally),
        ];
        for (name, v) in shares {
            if !(0.0..=1.0).contains(&v) {
                rep.error(
                    &section_path(name),
                    format!("{name} is {v}"),
                    "a share between 0 and 1",
                );
            }
        }
        let splits = [
            (
                "battle.fighting_split",
                [
                    rules.battle.fighting_split.0,
                    rules.battle.fighting_split.1,
                    rules.battle.fighting_split.2,
                    rules.battle.fighting_split.3,
                ]
                .iter()
                .sum::<f64>(),
            ),
            (
                "battle.pursuit_split",
                [
                    rules.battle.pursuit_split.0,
                    rules.battle.pursuit_split.1,
                    rules.battle.pursuit_split.2,
                ]
                .iter()
                .sum::<f64>(),
            ),
        ];
        for (name, sum) in splits {
            if !(sum > 0.0) {
                rep.error(
                    &section_path(name),
                    format!("{name} adds up to {sum}"),
                    "shares that add up to more than 0",
                );
            }
        }
        if rules.capture.rout_base + rules.capture.rout_killed > 1.0
            || rules.capture.city_taken + rules.capture.city_killed > 1.0
        {
            rep.error(
                &section_path("capture"),
                "the chances of being taken and killed add up to more than 1",
                "chances that add up to 1 or less",
            );
        }
        if !(rules.supply.min_carry_days <= rules.supply.max_days) {
            rep.error(
                &section_path("supply.min_carry_days"),
                format!(
                    "min_carry_days {} is more than max_days {}",
                    rules.supply.min_carry_days, rules.supply.max_days
                ),
                "min_carry_days no more than max_days",
            );
        }
        if !(rules.supply.baggage_speed > 0.0
            && rules.fatigue.forced_speed > 0.0
            && rules.battle.assault_frontage > 0.0)
        {
            rep.error(
                &section_path("supply"),
                "a speed or the assault frontage is 0",
                "numbers above 0",
            );
        }
        if !(rules.march.speed_without_men > 0.0) {
            rep.error(
                &section_path("march"),
                format!(
                    "march.speed_without_men is {}",
                    rules.march.speed_without_men
                ),
                "a speed above 0",
            );
        }
        if !(rules.battle.pursuit_value_min > 0.0) {
            rep.error(
                &section_path("battle"),
                format!(
                    "battle.pursuit_value_min is {}",
                    rules.battle.pursuit_value_min
                ),
                "a number above 0",
            );
        }
        if !(rules.battle.pursuit_ratio_min <= rules.battle.pursuit_ratio_max) {
            rep.error(
                &section_path("battle"),
                format!(
                    "pursuit_ratio_min {} is more than pursuit_ratio_max {}",
                    rules.battle.pursuit_ratio_min, rules.battle.pursuit_ratio_max
                ),
                "pursuit_ratio_min no more than pursuit_ratio_max",
            );
        }
        if rules.battle.slope <= 0.0 || rules.battle.even_ratio <= 0.0 {
            rep.error(
                &crate::path![f "battle", f "slope"],
                "the win curve needs a slope and an even ratio above 0",
                "numbers above 0",
            );
        }
        if rep.has_errors() {
            Err(rep.diagnostics)
        } else {
            Ok(rules)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_parameter_has_a_line_in_the_rules_reference() {
        let docs = include_str!("../../docs/rules.md");
        let rules = Rules::shipped().unwrap();
        let mut numbers = Vec::new();
        walk_numbers(
            &serde_json::to_value(&rules).unwrap(),
            String::new(),
            &mut numbers,
        );
        let mut missing: Vec<String> = numbers
            .iter()
            .filter(|(name, _)| !name.starts_with("troops.") && !name.starts_with("terrain."))
            .filter_map(|(name, _)| {
                let field = name.split('.').nth(1)?;
                (!docs.contains(&format!("| `{field}` |"))).then(|| name.clone())
            })
            .collect();
        missing.dedup();
        assert!(missing.is_empty(), "not in docs/rules.md: {missing:?}");
    }
}
