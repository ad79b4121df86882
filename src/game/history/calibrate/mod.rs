//! Calibration: fits the rules' tunable numbers (each within the range the
//! rules file declares for it, `Rules::tunable`) to the recorded outcomes of
//! a set of scenarios, and measures how the fit generalises by leaving each
//! scenario out in turn.
//!
//! The fit is a coordinate search from the rules as given: each tunable
//! number in turn is tried a step up and a step down within its range and
//! kept where the corpus scores better; after every round the steps are
//! halved. A candidate is scored by playing every scenario's historical
//! orders over one block of seeds (the same seeds for every candidate, so
//! that candidates are compared on the same dice): a check passed scores 1,
//! and a share check's margin over or under its required share adds a
//! little, so that among fits passing as many checks the one with room to
//! spare wins; a share check counts as passed only when it clears its
//! requirement by two standard errors of a share over the search's runs.
//! A candidate that fails a check the rules as given pass, or erodes a
//! thin margin they pass it by, is never taken. Each scenario is scored with its commanders as rated and
//! again with every commander average, half and half, and each
//! counterfactual variant's expected shift counts as a check of its
//! scenario (the drop it must make, with its margin). Leave-one-out runs the same search on all scenarios but one
//! and reports the one left out at that fit. Every result is then measured
//! on a second, fresh block of seeds, not the block the search saw.

use std::collections::HashMap;

use serde::Serialize;

mod score;

use crate::rules::params::Rules;
use crate::scenario::model::Scenario;
use score::{Measured, ScenarioMeasure, measure_scenario, measure_scenario_keeping};

/// How a calibration is run.
#[derive(Debug, Clone, Copy)]
pub struct Plan {
    /// Runs per scenario for each candidate in the search.
    pub runs: u32,
    /// First seed of the search's block.
    pub seed: u64,
    /// Rounds of the coordinate search (the steps halve after each).
    pub rounds: u32,
    /// Runs per scenario on the fresh block the results are reported on.
    pub report_runs: u32,
    /// First seed of that block.
    pub report_seed: u64,
    /// Also fit with each scenario left out.
    pub leave_one_out: bool,
    /// Score each scenario with its commanders as rated and again with
    /// every commander average, half and half, so that a fit does not rest
    /// on the ratings.
    pub neutral: bool,
}

/// The plan of the recorded run reported in docs/rules.md, and the command
/// line's defaults.
pub const RECORDED: Plan = Plan {
    runs: 500,
    seed: 1,
    rounds: 3,
    report_runs: 1000,
    report_seed: 1_000_001,
    leave_one_out: true,
    neutral: true,
};

/// One check of one scenario at the fit on all scenarios and at the fit
/// that left its scenario out, on the report block.
#[derive(Debug, Clone, Serialize)]
pub struct CheckFit {
    pub scenario: String,
    /// For a variant's expected shift, the variant; the share columns then
    /// hold the drop it makes and `required` the drop it must make (or the
    /// rise, with `rise`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
    /// The variant's shift is an expected rise, not a drop.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub rise: bool,
    pub check: String,
    pub required: serde_json::Value,
    /// With the rules as given.
    pub given: f64,
    pub given_pass: bool,
    /// At the fit on every scenario.
    pub fitted: f64,
    pub fitted_pass: bool,
    /// At the fit on every scenario, with every commander rated average.
    pub fitted_neutral: f64,
    pub fitted_neutral_pass: bool,
    /// At the fit on every other scenario.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub left_out: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub left_out_pass: Option<bool>,
}

/// One tunable number: its range, the value given and the fitted one.
#[derive(Debug, Clone, Serialize)]
pub struct FittedNumber {
    pub name: String,
    pub min: f64,
    pub max: f64,
    pub given: f64,
    pub fitted: f64,
}

/// What a calibration found.
#[derive(Debug, Clone, Serialize)]
pub struct Calibration {
    pub numbers: Vec<FittedNumber>,
    pub checks: Vec<CheckFit>,
    /// The fitted rules' score on the search block, and the given rules'.
    pub score_given: f64,
    pub score_fitted: f64,
    /// Candidates played (each over every scenario, or every one but one).
    pub evaluations: usize,
    #[serde(skip)]
    pub rules: Rules,
}

impl Calibration {
    /// Each tunable number by name at its fitted value: what the fitted
    /// rules file is written with.
    pub fn fitted_values(&self) -> Vec<(String, f64)> {
        self.numbers
            .iter()
            .map(|x| (x.name.clone(), x.fitted))
            .collect()
    }

    /// Checks passed with the given rules, at the fit, at the fit with
    /// average commanders, and left out; and the number of checks.
    /// Counted over the recorded checks (`variants` false) or over the
    /// variants' expected shifts (true).
    pub fn totals(&self, variants: bool) -> (usize, usize, usize, Option<usize>, usize) {
        let rows: Vec<&CheckFit> = self
            .checks
            .iter()
            .filter(|c| c.variant.is_some() == variants)
            .collect();
        let given = rows.iter().filter(|c| c.given_pass).count();
        let fitted = rows.iter().filter(|c| c.fitted_pass).count();
        let neutral = rows.iter().filter(|c| c.fitted_neutral_pass).count();
        let left_out = rows
            .iter()
            .map(|c| c.left_out_pass)
            .collect::<Option<Vec<bool>>>()
            .map(|v| v.into_iter().filter(|p| *p).count());
        (given, fitted, neutral, left_out, rows.len())
    }
}

/// The number of candidates a search plays at most: every tunable number
/// tried up and down in every round, and the start.
pub fn max_candidates(rules: &Rules, plan: &Plan) -> usize {
    1 + 2 * rules.tunable.len() * plan.rounds as usize
}

/// Playouts a calibration plays at most, for a progress bar.
pub fn max_runs(rules: &Rules, plan: &Plan, scenarios: &[Scenario]) -> u64 {
    let folds = if plan.leave_one_out {
        1 + scenarios.len()
    } else {
        1
    } as u64;
    // Per scenario: its line, its variants' lines, and with average commanders.
    let lines: u64 = scenarios
        .iter()
        .map(|s| {
            let variants = s
                .history
                .variants
                .iter()
                .filter(|v| !v.expect.is_empty())
                .count();
            1 + variants as u64 + u64::from(plan.neutral)
        })
        .sum();
    let reports = if plan.leave_one_out { 3 } else { 2 };
    max_candidates(rules, plan) as u64 * folds * lines * u64::from(plan.runs)
        + reports * lines * u64::from(plan.report_runs)
}

/// The rules at a point of the search: the given rules with the tunable
/// numbers set, and each scenario's roads laid again by them.
fn at_point(rules: &Rules, names: &[String], x: &[f64]) -> Result<Rules, String> {
    let values: Vec<(String, f64)> = names.iter().cloned().zip(x.iter().copied()).collect();
    rules.with_values(&values)
}

/// Whether rules set by the search still pass every check a rules file is
/// held to (declared ranges can meet, say, two chances that add up to more
/// than one): a candidate that does not is never taken.
fn valid(rules: &Rules) -> bool {
    ron::ser::to_string(rules).is_ok_and(|text| Rules::parse("candidate", &text).is_ok())
}

fn laid(s: &Scenario, rules: &Rules) -> Scenario {
    let mut s = s.clone();
    rules.lay_roads(&mut s);
    s
}

/// A scenario's score at one candidate, and its checks.
type Scored = (f64, Vec<Measured>);

/// A scenario at one candidate: scored, or stopped as soon as a check lost
/// ground on the start (the candidate cannot be taken, so the rest of the
/// scenario is not played).
#[derive(Clone)]
enum Played {
    Scored(Scored),
    LostGround,
}

/// What the search knows of one candidate: refused by the rules file's
/// checks, or each scenario as far as it has been played.
enum Candidate {
    Refused,
    Played(Vec<Option<Played>>),
}

/// The candidates played so far, by their numbers' bits. A candidate is
/// played one scenario at a time and only as far as the search needs: a
/// fold that leaves a scenario out never plays it, and a candidate that
/// loses ground on one scenario is not played on the others. What is
/// played is kept, so the folds share the candidates they meet; the search
/// takes the same steps it would if every candidate were played whole.
struct Scores<'a> {
    scenarios: &'a [Scenario],
    rules: &'a Rules,
    names: Vec<String>,
    plan: Plan,
    seen: HashMap<Vec<u64>, Candidate>,
    /// Times each scenario was the one a candidate lost ground on: the
    /// scenarios that break candidates most are played first.
    breaks: Vec<u32>,
    on_run: &'a (dyn Fn() + Sync),
}

impl Scores<'_> {
    /// Every scenario at `x`, played whole: the start of a search.
    fn of(&mut self, x: &[f64]) -> Result<Vec<Scored>, String> {
        let Some(rules) = self.rules_at(x)? else {
            return Ok(vec![(f64::NEG_INFINITY, Vec::new()); self.scenarios.len()]);
        };
        (0..self.scenarios.len())
            .map(|i| match self.scenario(x, &rules, i, None) {
                Played::Scored(s) => Ok(s),
                Played::LostGround => Err("a scenario held to no start lost ground".into()),
            })
            .collect()
    }

    /// The rules at `x`, or `None` where the rules file's checks refuse them.
    fn rules_at(&mut self, x: &[f64]) -> Result<Option<Rules>, String> {
        let key = bits(x);
        if matches!(self.seen.get(&key), Some(Candidate::Refused)) {
            return Ok(None);
        }
        let rules = at_point(self.rules, &self.names, x)?;
        if !valid(&rules) {
            self.seen.insert(key, Candidate::Refused);
            return Ok(None);
        }
        self.seen
            .entry(key)
            .or_insert_with(|| Candidate::Played(vec![None; self.scenarios.len()]));
        Ok(Some(rules))
    }

    /// Scenario `i` at `x`, if it has been played there already.
    fn played(&self, x: &[f64], i: usize) -> Option<Played> {
        match self.seen.get(&bits(x)) {
            Some(Candidate::Played(v)) => v[i].clone(),
            _ => None,
        }
    }

    /// Scenario `i` at `x` (whose rules are `rules`), held to `kept`, its
    /// checks at the start, where given.
    fn scenario(
        &mut self,
        x: &[f64],
        rules: &Rules,
        i: usize,
        kept: Option<&[Measured]>,
    ) -> Played {
        if let Some(p) = self.played(x, i) {
            return p;
        }
        let key = bits(x);
        let p = self.plan;
        let m = measure_scenario_keeping(
            &self.scenarios[i],
            rules,
            p.runs,
            p.seed,
            p.neutral,
            kept,
            self.on_run,
        );
        let played = match m {
            Some(m) => Played::Scored((m.score(), m.checks())),
            None => Played::LostGround,
        };
        if let Some(Candidate::Played(v)) = self.seen.get_mut(&key) {
            v[i] = Some(played.clone());
        }
        played
    }

    /// The search's score of `x` on every scenario but `left_out`: the sum
    /// of their scores, or minus infinity where a check loses ground on
    /// `kept`, the start's.
    fn total(
        &mut self,
        x: &[f64],
        kept: &[Scored],
        left_out: Option<usize>,
    ) -> Result<f64, String> {
        // The rules are built (and held to the rules file's checks) only
        // when a scenario must be played: a candidate met again by another
        // fold is often known on every scenario it needs.
        let mut rules: Option<Rules> = None;
        if !matches!(self.seen.get(&bits(x)), Some(Candidate::Played(_))) {
            rules = self.rules_at(x)?;
            if rules.is_none() {
                return Ok(f64::NEG_INFINITY);
            }
        }
        let mut order: Vec<usize> = (0..self.scenarios.len())
            .filter(|i| Some(*i) != left_out)
            .collect();
        order.sort_by_key(|i| std::cmp::Reverse(self.breaks[*i]));
        let mut scores = vec![0.0; self.scenarios.len()];
        for i in order {
            let played = match self.played(x, i) {
                Some(p) => p,
                None => {
                    if rules.is_none() {
                        rules = self.rules_at(x)?;
                    }
                    let Some(r) = &rules else {
                        return Ok(f64::NEG_INFINITY);
                    };
                    self.scenario(x, r, i, Some(&kept[i].1))
                }
            };
            match played {
                Played::Scored((score, _)) => scores[i] = score,
                Played::LostGround => {
                    self.breaks[i] += 1;
                    return Ok(f64::NEG_INFINITY);
                }
            }
        }
        // Summed in the scenarios' order, whatever order they were played in.
        Ok(scores.iter().sum())
    }

    /// The coordinate search from `start`, scored on every scenario but
    /// `left_out`. A candidate that loses ground on a check the start
    /// passes (on the search's seeds) is not taken, however it scores: it
    /// must pass it too, with the room the search asks for or, where the
    /// start had less, with no less than the start. The fit improves on the
    /// rules as given and breaks nothing they reproduce.
    fn search(
        &mut self,
        start: &[f64],
        ranges: &[(f64, f64)],
        left_out: Option<usize>,
    ) -> Result<(Vec<f64>, f64), String> {
        let kept = self.of(start)?;
        let mut x = start.to_vec();
        let mut best = self.total(&x, &kept, left_out)?;
        let mut steps: Vec<f64> = ranges.iter().map(|(lo, hi)| (hi - lo) / 4.0).collect();
        for _ in 0..self.plan.rounds {
            for i in 0..x.len() {
                for dir in [1.0, -1.0] {
                    let (lo, hi) = ranges[i];
                    let v = (x[i] + dir * steps[i]).clamp(lo, hi);
                    if v == x[i] {
                        continue;
                    }
                    let mut y = x.clone();
                    y[i] = round_to(v, steps[i]);
                    let s = self.total(&y, &kept, left_out)?;
                    if s > best + 1e-9 {
                        best = s;
                        x = y;
                        break;
                    }
                }
            }
            for s in &mut steps {
                *s /= 2.0;
            }
        }
        Ok((x, best))
    }
}

/// A candidate's key: its numbers' bits.
fn bits(x: &[f64]) -> Vec<u64> {
    x.iter().map(|v| v.to_bits()).collect()
}

/// A value rounded to a tenth of the step it was reached by, so the
/// fitted file reads 0.3125 rather than 0.31250000000000006.
fn round_to(v: f64, step: f64) -> f64 {
    let decimals = (-libm::floor(libm::log10(step / 10.0))).clamp(0.0, 12.0) as usize;
    format!("{v:.decimals$}").parse().unwrap_or(v)
}

/// Fits the tunable numbers of `rules` to `scenarios` by the plan.
pub fn calibrate(
    scenarios: &[Scenario],
    rules: &Rules,
    plan: Plan,
    on_run: &(dyn Fn() + Sync),
) -> Result<Calibration, String> {
    if rules.tunable.is_empty() {
        return Err("the rules declare no tunable numbers (a `tunable` list)".into());
    }
    let names: Vec<String> = rules.tunable.iter().map(|t| t.name.clone()).collect();
    let ranges: Vec<(f64, f64)> = rules.tunable.iter().map(|t| (t.min, t.max)).collect();
    let start: Vec<f64> = names
        .iter()
        .map(|n| {
            rules
                .value(n)
                .ok_or_else(|| format!("the rules have no number `{n}`"))
        })
        .collect::<Result<_, _>>()?;
    let mut scores = Scores {
        scenarios,
        rules,
        names: names.clone(),
        plan,
        seen: HashMap::new(),
        breaks: vec![0; scenarios.len()],
        on_run,
    };
    let score_given: f64 = scores.of(&start)?.iter().map(|s| s.0).sum();
    let (fit, score_fitted) = scores.search(&start, &ranges, None)?;
    let folds: Vec<Option<Vec<f64>>> = if plan.leave_one_out {
        (0..scenarios.len())
            .map(|k| {
                scores
                    .search(&start, &ranges, Some(k))
                    .map(|(x, _)| Some(x))
            })
            .collect::<Result<_, _>>()?
    } else {
        vec![None; scenarios.len()]
    };
    let evaluations = scores.seen.len();

    // Every result on the fresh block.
    let given_rules = rules.clone();
    let mut fitted_rules = at_point(rules, &names, &fit)?;
    fitted_rules.tunable = rules.tunable.clone();
    let reported = |s: &Scenario, r: &Rules, neutral: bool| {
        measure_scenario(s, r, plan.report_runs, plan.report_seed, neutral, on_run)
    };
    let mut checks = Vec::new();
    for (k, s) in scenarios.iter().enumerate() {
        let given = reported(s, &given_rules, false);
        let fitted = reported(s, &fitted_rules, true);
        let left = match &folds[k] {
            Some(x) => Some(reported(s, &at_point(rules, &names, x)?, false)),
            None => None,
        };
        let mut rows: Vec<(Option<String>, String, serde_json::Value, bool)> = s
            .history
            .outcome
            .iter()
            .zip(&given.rated)
            .map(|(c, m)| {
                let required = m.need.map_or_else(
                    || serde_json::Value::String("median".into()),
                    serde_json::Value::from,
                );
                (None, c.id.clone(), required, false)
            })
            .collect();
        for v in s.history.variants.iter().filter(|v| !v.expect.is_empty()) {
            for (c, need) in &v.expect {
                let id = s.history.outcome[*c].id.clone();
                // A rise is kept as a negative drop.
                rows.push((
                    Some(v.id.clone()),
                    id,
                    serde_json::Value::from(need.abs()),
                    *need < 0.0,
                ));
            }
        }
        let all = |m: &ScenarioMeasure| -> Vec<Measured> {
            m.rated.iter().chain(&m.shifts).cloned().collect()
        };
        let (g, f, l) = (all(&given), all(&fitted), left.as_ref().map(all));
        let neutral = fitted.neutral.clone().unwrap_or_default();
        for (i, (variant, check, required, rise)) in rows.into_iter().enumerate() {
            // A variant's shift has no average-commander measure of its own.
            let n = if variant.is_none() {
                neutral.get(i).cloned()
            } else {
                None
            }
            .unwrap_or_else(|| f[i].clone());
            checks.push(CheckFit {
                scenario: s.id.clone(),
                variant,
                rise,
                check,
                required,
                given: g[i].share,
                given_pass: g[i].pass,
                fitted: f[i].share,
                fitted_pass: f[i].pass,
                fitted_neutral: n.share,
                fitted_neutral_pass: n.pass,
                left_out: l.as_ref().map(|l| l[i].share),
                left_out_pass: l.as_ref().map(|l| l[i].pass),
            });
        }
    }
    let numbers = rules
        .tunable
        .iter()
        .zip(start.iter().zip(&fit))
        .map(|(t, (g, f))| FittedNumber {
            name: t.name.clone(),
            min: t.min,
            max: t.max,
            given: *g,
            fitted: *f,
        })
        .collect();
    Ok(Calibration {
        numbers,
        checks,
        score_given,
        score_fitted,
        evaluations,
        rules: fitted_rules,
    })
}

#[cfg(test)]
mod tests;
