//! Tests of the calibration's pieces: refusing candidates that break a
//! rule of the file, and rounding the search's values.

use super::*;

#[test]
fn steps_round_the_value_to_a_tenth_of_the_step() {
    assert_eq!(round_to(0.31250000000000006, 0.0625), 0.313);
    assert_eq!(round_to(2.5, 0.5), 2.5);
    assert_eq!(round_to(0.6 + 0.1, 0.1), 0.7);
}

#[test]
fn candidates_that_break_a_rule_of_the_file_are_refused() {
    let rules = Rules::shipped().unwrap();
    assert!(valid(&rules));
    // Taken and killed in a rout add up to more than one.
    let bad = rules
        .with_values(&[("capture.rout_base".to_string(), 0.95)])
        .unwrap();
    assert!(!valid(&bad));
}

fn shipped_scenarios(rules: &Rules, ids: &[&str]) -> Vec<Scenario> {
    crate::game::catalog::shipped(rules)
        .into_iter()
        .filter_map(|e| e.scenario)
        .filter(|s| ids.contains(&s.id.as_str()))
        .collect()
}

/// A scenario whose check loses ground on the start is stopped there: its
/// variants and its average commanders are not played.
#[test]
fn a_scenario_that_loses_ground_is_not_played_further() {
    use std::sync::atomic::{AtomicU64, Ordering};
    let rules = Rules::shipped().unwrap();
    let s = &shipped_scenarios(&rules, &["747_pamirs"])[0];
    let runs = 20;
    let played = AtomicU64::new(0);
    let count = || {
        played.fetch_add(1, Ordering::Relaxed);
    };
    let whole = measure_scenario(s, &rules, runs, 1, true, &count).checks();
    let whole_runs = played.swap(0, Ordering::Relaxed);
    // The scenario, each variant with an expectation, the average commanders.
    let variants = s
        .history
        .variants
        .iter()
        .filter(|v| !v.expect.is_empty())
        .count();
    assert!(variants > 0);
    assert_eq!(whole_runs, u64::from(runs) * (2 + variants as u64));

    // Held to itself it loses nothing and is played whole.
    let again = measure_scenario_keeping(s, &rules, runs, 1, true, Some(&whole), &count);
    assert!(again.is_some());
    assert_eq!(played.swap(0, Ordering::Relaxed), whole_runs);

    // Held to a start that passed a share check by more than any share
    // can, it is stopped after the scenario's own runs.
    let at = whole.iter().position(|m| m.need.is_some()).unwrap();
    let mut kept = whole.clone();
    kept[at] = Measured {
        share: 2.0,
        pass: true,
        need: kept[at].need,
        se: 1.0,
    };
    let lost = measure_scenario_keeping(s, &rules, runs, 1, true, Some(&kept), &count);
    assert!(lost.is_none());
    assert_eq!(played.load(Ordering::Relaxed), u64::from(runs));
}

/// A fold never plays the scenario it leaves out; the start of the search
/// is played on every scenario.
#[test]
fn a_fold_never_plays_the_scenario_it_leaves_out() {
    let mut rules = Rules::designed().unwrap();
    rules.tunable.truncate(2);
    let scenarios = shipped_scenarios(&rules, &["678_qinghai", "640_gaochang"]);
    assert_eq!(scenarios.len(), 2);
    let plan = Plan {
        runs: 20,
        seed: 1,
        rounds: 1,
        report_runs: 20,
        report_seed: 1_000_001,
        leave_one_out: true,
        neutral: false,
    };
    let names: Vec<String> = rules.tunable.iter().map(|t| t.name.clone()).collect();
    let ranges: Vec<(f64, f64)> = rules.tunable.iter().map(|t| (t.min, t.max)).collect();
    let start: Vec<f64> = names.iter().map(|n| rules.value(n).unwrap()).collect();
    let mut scores = Scores {
        scenarios: &scenarios,
        rules: &rules,
        names,
        plan,
        seen: HashMap::new(),
        breaks: vec![0; scenarios.len()],
        on_run: &|| {},
    };
    scores.search(&start, &ranges, Some(1)).unwrap();
    let mut others = 0;
    for (key, candidate) in &scores.seen {
        let Candidate::Played(v) = candidate else {
            continue;
        };
        if *key == bits(&start) {
            assert!(v.iter().all(Option::is_some));
        } else {
            others += 1;
            assert!(v[1].is_none(), "the fold played the scenario it left out");
            assert!(v[0].is_some());
        }
    }
    assert!(others > 0);
}
