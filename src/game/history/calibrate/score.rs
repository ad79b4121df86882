//! Scoring a candidate: each scenario's checks (as rated, with average
//! commanders) and its variants' expected shifts measured at one set of
//! rules over one block of seeds, and what counts as passing with room and
//! as losing ground on the rules as given.

use super::laid;
use crate::game::history::corpus::neutral_commanders;
use crate::game::history::variant::apply_variant;
use crate::game::history::{self, Report, report, run_many};
use crate::rules::params::Rules;
use crate::scenario::model::Scenario;

/// Weight of a share check's margin beside a check passed.
const MARGIN_WEIGHT: f64 = 0.2;
/// A margin counts up to this far above the required share and down to this far below.
const MARGIN_CAP: (f64, f64) = (0.1, 0.5);

/// In the search a share check counts as passed only when it clears its
/// requirement by this many standard errors of a share over the search's
/// runs, so that a fit holds on other seeds and not only on the search's.
const ROOM_SE: f64 = 2.0;

/// One measured check: its share (or a variant's drop), whether it
/// passed, the share (or drop) it needs where that is one number, and the
/// standard error of the share over the runs.
#[derive(Debug, Clone)]
pub(super) struct Measured {
    pub(super) share: f64,
    pub(super) pass: bool,
    pub(super) need: Option<f64>,
    pub(super) se: f64,
}

impl Measured {
    /// This measure of a check loses ground the start had: the start
    /// passed it and this fails it, or falls below the start's margin where
    /// that margin was less than the room the search asks for.
    pub(super) fn loses_ground_on(&self, start: &Measured) -> bool {
        if !start.pass {
            return false;
        }
        match (self.need, start.need) {
            (Some(need), Some(_)) => {
                let kept = (start.share - need).min(ROOM_SE * start.se);
                !self.pass || self.share - need < kept
            }
            _ => !self.pass,
        }
    }

    /// Passed with room to spare (see [`ROOM_SE`]).
    fn passes_with_room(&self) -> bool {
        match self.need {
            Some(need) => self.share - need >= ROOM_SE * self.se,
            None => self.pass,
        }
    }

    fn score(&self) -> f64 {
        let pass = if self.passes_with_room() { 1.0 } else { 0.0 };
        let margin = self.need.map_or(0.0, |need| {
            (self.share - need).clamp(-MARGIN_CAP.1, MARGIN_CAP.0)
        });
        pass + MARGIN_WEIGHT * margin
    }
}

/// A scenario measured at one set of rules: its checks as rated, with
/// every commander average (when asked), and each variant's shifts.
#[derive(Debug, Clone)]
pub(super) struct ScenarioMeasure {
    pub(super) rated: Vec<Measured>,
    pub(super) neutral: Option<Vec<Measured>>,
    pub(super) shifts: Vec<Measured>,
}

impl ScenarioMeasure {
    /// Each check as rated, then each variant's shift.
    pub(super) fn checks(&self) -> Vec<Measured> {
        self.rated.iter().chain(&self.shifts).cloned().collect()
    }

    pub(super) fn score(&self) -> f64 {
        let sum = |v: &[Measured]| v.iter().map(Measured::score).sum::<f64>();
        let checks = match &self.neutral {
            Some(n) => (sum(&self.rated) + sum(n)) / 2.0,
            None => sum(&self.rated),
        };
        checks + sum(&self.shifts)
    }
}

/// The standard error of a share `p` over `runs` runs.
fn share_se(p: f64, runs: u32) -> f64 {
    libm::sqrt(p.clamp(0.0, 1.0) * (1.0 - p.clamp(0.0, 1.0)) / f64::from(runs.max(1)))
}

fn measured(r: &Report) -> Vec<Measured> {
    r.checks
        .iter()
        .map(|c| {
            let need = c.required.as_f64();
            Measured {
                share: c.share,
                pass: c.pass,
                need,
                se: need.map_or(0.0, |n| share_se(n, r.runs)),
            }
        })
        .collect()
}

/// Plays a scenario (its roads laid by `rules`) and its variants that
/// expect something over `runs` seeds from `seed`.
pub(super) fn measure_scenario(
    s: &Scenario,
    rules: &Rules,
    runs: u32,
    seed: u64,
    neutral: bool,
    on_run: &(dyn Fn() + Sync),
) -> ScenarioMeasure {
    let all = measure_scenario_keeping(s, rules, runs, seed, neutral, None, on_run);
    all.expect("a scenario measured against no start always finishes")
}

/// As [`measure_scenario`], but held to `kept`, the scenario's checks at
/// the start of a search: as soon as a check loses ground on it (see
/// [`Measured::loses_ground_on`]) the candidate is lost whatever else it
/// scores, and the rest (further variants, the average commanders) is not
/// played: `None`.
pub(super) fn measure_scenario_keeping(
    s: &Scenario,
    rules: &Rules,
    runs: u32,
    seed: u64,
    neutral: bool,
    kept: Option<&[Measured]>,
    on_run: &(dyn Fn() + Sync),
) -> Option<ScenarioMeasure> {
    let lost = |at: usize, m: &Measured| {
        kept.and_then(|k| k.get(at))
            .is_some_and(|was| m.loses_ground_on(was))
    };
    let s = laid(s, rules);
    let played = |s: &Scenario| report(s, None, seed, &run_many(s, rules, runs, seed, on_run));
    let base = played(&s);
    let rated = measured(&base);
    if rated.iter().enumerate().any(|(i, m)| lost(i, m)) {
        return None;
    }
    let mut shifts = Vec::new();
    for v in s.history.variants.iter().filter(|v| !v.expect.is_empty()) {
        let var = played(&apply_variant(&s, v));
        for x in history::shifts(&s, v, &base, &var) {
            let (b, v) = (share_se(x.base, runs), share_se(x.variant, runs));
            let se = libm::sqrt(b * b + v * v);
            let m = Measured {
                share: x.moved,
                pass: x.pass,
                need: Some(x.at_least),
                se,
            };
            if lost(rated.len() + shifts.len(), &m) {
                return None;
            }
            shifts.push(m);
        }
    }
    Some(ScenarioMeasure {
        rated,
        neutral: neutral.then(|| measured(&played(&neutral_commanders(&s)))),
        shifts,
    })
}
