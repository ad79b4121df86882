//! Reading a rules file: RON into [`Rules`], then range checks on every
//! value, each failure a diagnostic pointing at the value.

use super::Rules;
use crate::core::kinds::{Terrain, TroopKind};
use crate::diagnostics::{Diagnostic, Reporter, from_ron_error};

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

/// The path of a rules value (`battle.winner_loss.1`, `troops.Cavalry.speed`), for a diagnostic at the value itself.
fn section_path(name: &str) -> Vec<crate::diagnostics::locate::Step> {
    use crate::diagnostics::locate::Step;
    name.split('.')
        .map(|part| match part.parse::<usize>() {
            Ok(i) => Step::Index(i),
            Err(_) => Step::Field(std::borrow::Cow::Owned(part.to_string())),
        })
        .collect()
}

impl Rules {
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
                                &section_path(&format!("troops.{kind:?}.{name}")),
                                format!("{kind:?}.{name} is {v}"),
                                "a number of 0 or more",
                            );
                        }
                    }
                    if t.speed <= 0.0 {
                        rep.error(
                            &section_path(&format!("troops.{kind:?}.speed")),
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
                            &section_path(&format!("terrain.{t:?}")),
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
            ("battle.winner_loss.0", rules.battle.winner_loss.0),
            ("battle.winner_loss.1", rules.battle.winner_loss.1),
            ("battle.loser_loss.0", rules.battle.loser_loss.0),
            ("battle.loser_loss.1", rules.battle.loser_loss.1),
            ("siege.repulse_loss.0", rules.siege.repulse_loss.0),
            ("siege.repulse_loss.1", rules.siege.repulse_loss.1),
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
        // A commander rated 1 must still march forward: 1 - 2 × per_logistics above 0.
        if !(rules.march.per_logistics < 0.5) {
            rep.error(
                &section_path("march.per_logistics"),
                format!("march.per_logistics is {}", rules.march.per_logistics),
                "less than 0.5, so that a logistics rating of 1 still marches",
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
            Err(rep.finish())
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
        let docs = include_str!("../../../docs/rules.md");
        let rules = Rules::shipped().unwrap();
        let mut numbers = Vec::new();
        walk_numbers(
            &serde_json::to_value(&rules).unwrap(),
            String::new(),
            &mut numbers,
        );
        assert!(numbers.len() > 100, "only {} numbers found", numbers.len());
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
