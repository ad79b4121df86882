//! The history harness: plays a scenario's historical orders (or a
//! counterfactual variant) over many seeds and sets the distribution of
//! outcomes beside the recorded one; `spread` bins a measure over the runs
//! for a chart, and `sensitivity` shows which estimates move which check.

pub mod calibrate;
pub mod corpus;
pub mod playout;
pub mod sensitivity;
pub mod spread;
pub mod variant;

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use crate::rules::conditions::{holds, measure};
use crate::rules::params::Rules;
use crate::rules::state::{Fate, Outcome, State};
use crate::scenario::model::*;

/// What one run leaves behind, kept small so thousands fit in memory.
#[derive(Debug, Clone)]
pub struct RunSummary {
    /// Per check: the condition held (share checks) or the measure's value (median checks).
    pub checks: Vec<f64>,
    pub control: Vec<Option<FactionId>>,
    pub fates: Vec<Fate>,
    /// Per faction: killed, captured, dispersed, total.
    pub losses: Vec<[u32; 4]>,
    pub outcome: Option<Outcome>,
}

pub fn summarize(s: &Scenario, st: &State) -> RunSummary {
    let checks = s
        .history
        .outcome
        .iter()
        .map(|c| match &c.test {
            Test::Share { holds: cond, .. } => {
                if holds(st, cond) {
                    1.0
                } else {
                    0.0
                }
            }
            Test::Median { measure: m, .. } => measure(st, m),
        })
        .collect();
    let mut losses = vec![[0u32; 4]; s.factions.len()];
    for a in &st.armies {
        let l = &a.losses;
        let e = &mut losses[a.faction.index()];
        e[0] += l.killed;
        e[1] += l.captured;
        e[2] += l.dispersed;
        e[3] += l.total();
    }
    RunSummary {
        checks,
        control: st.regions.iter().map(|r| r.control).collect(),
        fates: st.commanders.iter().map(|c| c.fate).collect(),
        losses,
        outcome: st.outcome.clone(),
    }
}

/// Plays `runs` seeded runs, on every core. Seeds are `seed`, `seed + 1`, ...
pub fn run_many(
    s: &Scenario,
    rules: &Rules,
    runs: u32,
    seed: u64,
    on_run: &(dyn Fn() + Sync),
) -> Vec<RunSummary> {
    (0..runs)
        .into_par_iter()
        .map(|i| {
            let st = playout::playout(s, rules, seed.wrapping_add(i as u64));
            on_run();
            summarize(s, &st)
        })
        .collect()
}

#[derive(Debug, Clone, Serialize)]
pub struct Percentiles {
    pub p10: f64,
    pub median: f64,
    pub p90: f64,
}

fn percentiles(mut v: Vec<f64>) -> Percentiles {
    if v.is_empty() {
        return Percentiles {
            p10: 0.0,
            median: 0.0,
            p90: 0.0,
        };
    }
    v.sort_by(f64::total_cmp);
    let at = |q: f64| v[((v.len() - 1) as f64 * q).round() as usize];
    Percentiles {
        p10: at(0.1),
        median: at(0.5),
        p90: at(0.9),
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct LossStats {
    pub killed: Percentiles,
    pub captured: Percentiles,
    pub dispersed: Percentiles,
    pub total: Percentiles,
}

#[derive(Debug, Clone, Serialize)]
pub struct CheckResult {
    pub id: String,
    pub description: String,
    /// Share of runs in which the condition held (or the measure lay in range).
    pub share: f64,
    /// The required share, or the range the median must lie in.
    pub required: serde_json::Value,
    pub pass: bool,
    /// For median checks, the median over runs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub median: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub scenario: String,
    pub variant: Option<String>,
    pub runs: u32,
    pub seed: u64,
    pub checks: Vec<CheckResult>,
    pub control: BTreeMap<String, BTreeMap<String, f64>>,
    pub commanders: BTreeMap<String, BTreeMap<String, f64>>,
    pub losses: BTreeMap<String, LossStats>,
    pub outcomes: BTreeMap<String, f64>,
}

fn fate_name(f: Fate) -> &'static str {
    match f {
        Fate::Free => "free",
        Fate::Captured => "captured",
        Fate::Killed => "killed",
        Fate::Executed => "executed",
        Fate::Fled => "fled",
    }
}

/// Sums up many runs against the scenario's recorded outcome.
pub fn report(s: &Scenario, variant: Option<&str>, seed: u64, runs: &[RunSummary]) -> Report {
    let n = runs.len().max(1) as f64;
    let checks = s
        .history
        .outcome
        .iter()
        .enumerate()
        .map(|(i, c)| match &c.test {
            Test::Share { at_least, .. } => {
                let share = runs.iter().map(|r| r.checks[i]).sum::<f64>() / n;
                CheckResult {
                    id: c.id.clone(),
                    description: c.description.clone(),
                    share,
                    required: serde_json::json!(at_least),
                    pass: share >= *at_least,
                    median: None,
                }
            }
            Test::Median { min, max, .. } => {
                let values: Vec<f64> = runs.iter().map(|r| r.checks[i]).collect();
                let share = values.iter().filter(|v| **v >= *min && **v <= *max).count() as f64 / n;
                let median = percentiles(values).median;
                CheckResult {
                    id: c.id.clone(),
                    description: c.description.clone(),
                    share,
                    required: serde_json::json!({ "median_min": min, "median_max": max }),
                    pass: median >= *min && median <= *max,
                    median: Some(median),
                }
            }
        })
        .collect();
    let mut control = BTreeMap::new();
    for (i, r) in s.regions.iter().enumerate() {
        let mut m: BTreeMap<String, f64> = BTreeMap::new();
        for run in runs {
            let key =
                run.control[i].map_or("none".to_string(), |f| s.factions[f.index()].id.clone());
            *m.entry(key).or_default() += 1.0 / n;
        }
        control.insert(r.id.clone(), m);
    }
    let mut commanders = BTreeMap::new();
    for (i, c) in s.commanders.iter().enumerate() {
        let mut m: BTreeMap<String, f64> = BTreeMap::new();
        for run in runs {
            *m.entry(fate_name(run.fates[i]).to_string()).or_default() += 1.0 / n;
        }
        commanders.insert(c.id.clone(), m);
    }
    let mut losses = BTreeMap::new();
    for (i, f) in s.factions.iter().enumerate() {
        let col = |k: usize| percentiles(runs.iter().map(|r| r.losses[i][k] as f64).collect());
        losses.insert(
            f.id.clone(),
            LossStats {
                killed: col(0),
                captured: col(1),
                dispersed: col(2),
                total: col(3),
            },
        );
    }
    let mut outcomes: BTreeMap<String, f64> = BTreeMap::new();
    for run in runs {
        let key = match &run.outcome {
            Some(Outcome::Victory { side, .. }) => format!("{} victory", s.sides[side.index()].id),
            Some(Outcome::Draw) | None => "draw".to_string(),
        };
        *outcomes.entry(key).or_default() += 1.0 / n;
    }
    Report {
        scenario: s.id.clone(),
        variant: variant.map(str::to_string),
        runs: runs.len() as u32,
        seed,
        checks,
        control,
        commanders,
        losses,
        outcomes,
    }
}

/// A variant's expected effect on a check, measured.
#[derive(Debug, Clone, Serialize)]
pub struct Shift {
    pub check: String,
    pub base: f64,
    pub variant: f64,
    /// The check is expected to rise under the variant, not to fall.
    pub rise: bool,
    /// How far the share moved the expected way (a fall, or a rise).
    pub moved: f64,
    /// The least it must move that way.
    pub at_least: f64,
    pub pass: bool,
}

/// How the variant moved the checks it expects to move.
pub fn shifts(s: &Scenario, v: &Variant, base: &Report, var: &Report) -> Vec<Shift> {
    v.expect
        .iter()
        .map(|(k, d)| {
            let id = s.history.outcome[*k].id.clone();
            let b = base.checks[*k].share;
            let x = var.checks[*k].share;
            let rise = *d < 0.0;
            let moved = if rise { x - b } else { b - x };
            Shift {
                check: id,
                base: b,
                variant: x,
                rise,
                moved,
                at_least: d.abs(),
                pass: moved >= d.abs(),
            }
        })
        .collect()
}

/// Plain-text report for the terminal.
pub fn render(s: &Scenario, r: &Report) -> String {
    use std::fmt::Write;
    let mut o = String::new();
    let _ = writeln!(o, "{} — {}", s.id, s.title);
    let _ = writeln!(
        o,
        "variant: {}   runs: {}   seed: {}",
        r.variant.as_deref().unwrap_or("historical"),
        r.runs,
        r.seed
    );
    let _ = writeln!(o, "\nrecorded outcome against the runs:");
    for c in &r.checks {
        let mark = if c.pass { "ok  " } else { "MISS" };
        match c.median {
            Some(m) => {
                let _ = writeln!(
                    o,
                    "  {mark} {:<28} median {:>10.2}  (required {})  {}",
                    c.id, m, c.required, c.description
                );
            }
            None => {
                let _ = writeln!(
                    o,
                    "  {mark} {:<28} {:>5.1}%  (required {:.0}%)  {}",
                    c.id,
                    c.share * 100.0,
                    c.required.as_f64().unwrap_or(0.0) * 100.0,
                    c.description
                );
            }
        }
    }
    let _ = writeln!(o, "\noutcomes:");
    for (k, v) in &r.outcomes {
        let _ = writeln!(o, "  {k:<30} {:>5.1}%", v * 100.0);
    }
    let _ = writeln!(o, "\ncontrol at the end:");
    for (region, m) in &r.control {
        let parts: Vec<String> = m
            .iter()
            .map(|(f, v)| format!("{f} {:.0}%", v * 100.0))
            .collect();
        let _ = writeln!(o, "  {region:<16} {}", parts.join(", "));
    }
    let _ = writeln!(o, "\ncommanders:");
    for (c, m) in &r.commanders {
        let parts: Vec<String> = m
            .iter()
            .map(|(f, v)| format!("{f} {:.0}%", v * 100.0))
            .collect();
        let _ = writeln!(o, "  {c:<22} {}", parts.join(", "));
    }
    let _ = writeln!(o, "\nlosses (p10 / median / p90, men):");
    for (f, l) in &r.losses {
        if l.total.p90 > 0.0 {
            let _ = writeln!(
                o,
                "  {f:<14} killed {:.0}/{:.0}/{:.0}  captured {:.0}/{:.0}/{:.0}  dispersed {:.0}/{:.0}/{:.0}  total {:.0}/{:.0}/{:.0}",
                l.killed.p10,
                l.killed.median,
                l.killed.p90,
                l.captured.p10,
                l.captured.median,
                l.captured.p90,
                l.dispersed.p10,
                l.dispersed.median,
                l.dispersed.p90,
                l.total.p10,
                l.total.median,
                l.total.p90
            );
        }
    }
    o
}
