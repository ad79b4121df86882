//! Reading a rules file: RON into [`Rules`], then range checks on every
//! value, each failure a diagnostic pointing at the value.

use super::Rules;
use crate::core::kinds::{Terrain, TroopKind};
use crate::diagnostics::{Diagnostic, Reporter, from_ron_error};

/// Every number in a JSON value, with its dotted name.
pub(super) fn walk_numbers(v: &serde_json::Value, name: String, out: &mut Vec<(String, f64)>) {
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
                        ("space", t.space),
                        ("skirmish", t.skirmish),
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
                    let fields = [
                        (
                            "road_factor",
                            r.road_factor,
                            r.road_factor >= 1.0,
                            "1 or more",
                        ),
                        ("speed", r.speed, r.speed > 0.0, "a number above 0"),
                        ("defence", r.defence, r.defence > 0.0, "a number above 0"),
                        ("mounted", r.mounted, r.mounted > 0.0, "a number above 0"),
                        ("forage", r.forage, r.forage >= 0.0, "0 or more"),
                        ("frontage", r.frontage, r.frontage >= 1.0, "1 place or more"),
                    ];
                    for (name, v, ok, expected) in fields {
                        if !ok {
                            rep.error(
                                &section_path(&format!("terrain.{t:?}.{name}")),
                                format!("terrain {t:?}: {name} is {v}"),
                                expected,
                            );
                        }
                    }
                }
            }
        }
        // Every number is finite and not negative; shares lie between 0 and 1.
        let numbers = rules.numbers();
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
            ("capture.mounted_escape", rules.capture.mounted_escape),
            ("capture.shot_down", rules.capture.shot_down),
            ("battle.reserve_power", rules.battle.reserve_power),
            ("battle.day_fatigue", rules.battle.day_fatigue),
            (
                "battle.cohesion_per_command",
                rules.battle.cohesion_per_command,
            ),
            ("battle.coalition_cohesion", rules.battle.coalition_cohesion),
            ("battle.surprise_guarded", rules.battle.surprise_guarded),
            ("capture.city_taken", rules.capture.city_taken),
            ("capture.city_killed", rules.capture.city_killed),
            ("capture.garrison_captured", rules.capture.garrison_captured),
            ("capture.garrison_killed", rules.capture.garrison_killed),
            ("capture.ruler_taken", rules.capture.ruler_taken),
            ("supply.starving_attrition", rules.supply.starving_attrition),
            ("siege.besieger_attrition", rules.siege.besieger_attrition),
            ("harry.max_share", rules.harry.max_share),
            ("harry.morale", rules.harry.morale),
            ("harry.thirst", rules.harry.thirst),
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
        // Relations between parameters: each error points at the second value of the pair.
        let c = &rules.capture;
        for (name, a, b, a_name) in [
            (
                "capture.rout_killed",
                c.rout_base,
                c.rout_killed,
                "rout_base",
            ),
            (
                "capture.city_killed",
                c.city_taken,
                c.city_killed,
                "city_taken",
            ),
        ] {
            if a + b > 1.0 {
                rep.error(
                    &section_path(name),
                    format!("{a_name} {a} and {name} {b} add up to more than 1"),
                    "chances of being taken and killed that add up to 1 or less",
                );
            }
        }
        // A commander rated 1 must still march forward: 1 - 2 × per_logistics above 0.
        if !(rules.march.per_logistics < 0.5) {
            rep.error(
                &section_path("march.per_logistics"),
                format!("march.per_logistics is {}", rules.march.per_logistics),
                "less than 0.5, so that a logistics rating of 1 still marches",
            );
        }
        let b = &rules.battle;
        let ordered = [
            (
                "supply.min_carry_days",
                rules.supply.min_carry_days,
                "supply.max_days",
                rules.supply.max_days,
            ),
            (
                "battle.pursuit_ratio_min",
                b.pursuit_ratio_min,
                "battle.pursuit_ratio_max",
                b.pursuit_ratio_max,
            ),
            (
                "battle.winner_loss.0",
                b.winner_loss.0,
                "battle.winner_loss.1",
                b.winner_loss.1,
            ),
            (
                "battle.loser_loss.0",
                b.loser_loss.0,
                "battle.loser_loss.1",
                b.loser_loss.1,
            ),
            (
                "siege.repulse_loss.0",
                rules.siege.repulse_loss.0,
                "siege.repulse_loss.1",
                rules.siege.repulse_loss.1,
            ),
            (
                "capture.rout_base",
                c.rout_base,
                "capture.rout_max",
                c.rout_max,
            ),
        ];
        for (low_name, low, high_name, high) in ordered {
            if !(low <= high) {
                rep.error(
                    &section_path(low_name),
                    format!("{low_name} {low} is more than {high_name} {high}"),
                    format!("{low_name} no more than {high_name}"),
                );
            }
        }
        let positive = [
            ("supply.baggage_speed", rules.supply.baggage_speed),
            ("fatigue.forced_speed", rules.fatigue.forced_speed),
            ("battle.assault_frontage", b.assault_frontage),
            ("battle.surprised_engaged", b.surprised_engaged),
            ("march.speed_without_men", rules.march.speed_without_men),
            ("battle.pursuit_value_min", b.pursuit_value_min),
            ("battle.slope", b.slope),
            ("battle.even_ratio", b.even_ratio),
        ];
        for (name, v) in positive {
            if !(v > 0.0) {
                rep.error(
                    &section_path(name),
                    format!("{name} is {v}"),
                    "a number above 0",
                );
            }
        }
        // Each tunable number is a named number of the rules, once, with
        // its range around its value.
        let mut named = std::collections::HashSet::new();
        for (i, t) in rules.tunable.iter().enumerate() {
            let at = |field: &str| section_path(&format!("tunable.{i}.{field}"));
            let value = numbers.iter().find(|(n, _)| *n == t.name).map(|x| x.1);
            let last = t.name.rsplit('.').next().unwrap_or_default();
            match value {
                None => rep.error(
                    &at("name"),
                    format!("the rules have no number `{}`", t.name),
                    "the dotted name of a number in this file, such as `battle.pursuit_base`",
                ),
                Some(_) if last.parse::<usize>().is_ok() => rep.error(
                    &at("name"),
                    format!("`{}` is a member of a pair", t.name),
                    "a number with a name of its own",
                ),
                Some(_) if !named.insert(t.name.as_str()) => rep.error(
                    &at("name"),
                    format!("`{}` is listed twice", t.name),
                    "each tunable number once",
                ),
                Some(v) => {
                    if !(t.min.is_finite() && t.max.is_finite() && t.min <= t.max) {
                        rep.error(
                            &at("max"),
                            format!("range {} to {}", t.min, t.max),
                            "a lowest value no more than the highest",
                        );
                    } else if !(t.min..=t.max).contains(&v) {
                        rep.error(
                            &at("min"),
                            format!(
                                "{} is {v}, outside its range {} to {}",
                                t.name, t.min, t.max
                            ),
                            "a range that holds the number's value",
                        );
                    }
                }
            }
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
        let numbers = rules.numbers();
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

#[cfg(test)]
mod relation_tests {
    use super::*;
    use crate::rules::params::SHIPPED_RULES;

    /// The line and column of the first error for the shipped file with `from` replaced by `to`.
    fn error_at(from: &str, to: &str) -> (usize, usize, String) {
        assert!(SHIPPED_RULES.contains(from), "{from}");
        let text = SHIPPED_RULES.replacen(from, to, 1);
        let errors = Rules::parse("rules.ron", &text).unwrap_err();
        (errors[0].line, errors[0].col, errors[0].message.clone())
    }

    fn position_of(text: &str, needle: &str) -> (usize, usize) {
        let at = text.find(needle).unwrap();
        let line = text[..at].matches('\n').count() + 1;
        let col = at - text[..at].rfind('\n').map_or(0, |i| i + 1) + 1;
        (line, col)
    }

    #[test]
    fn errors_between_parameters_point_at_the_value() {
        let (line, col, msg) = error_at("rout_killed: 0.08", "rout_killed: 0.9");
        let text = SHIPPED_RULES.replacen("rout_killed: 0.08", "rout_killed: 0.9", 1);
        assert_eq!(
            (line, col),
            position_of(&text, "0.9,\n        mounted_escape"),
            "{msg}"
        );
        assert!(msg.contains("add up to more than 1"), "{msg}");

        let (line, col, msg) = error_at("winner_loss: (0.02, 0.08)", "winner_loss: (0.5, 0.08)");
        let text =
            SHIPPED_RULES.replacen("winner_loss: (0.02, 0.08)", "winner_loss: (0.5, 0.08)", 1);
        assert_eq!((line, col), position_of(&text, "0.5, 0.08)"), "{msg}");
        assert!(msg.contains("is more than battle.winner_loss.1"), "{msg}");

        let (line, _, msg) = error_at("frontage: 3200.0", "frontage: 0.0");
        let text = SHIPPED_RULES.replacen("frontage: 3200.0", "frontage: 0.0", 1);
        assert_eq!(line, position_of(&text, "frontage: 0.0").0, "{msg}");
        assert!(msg.contains("MountainPass: frontage is 0"), "{msg}");
    }
}
