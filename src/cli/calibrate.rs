//! `anxi calibrate`: fits the rules' tunable numbers to every scenario's
//! recorded checks, with each scenario left out in turn, prints every check
//! with the rules as given, at the fit and left out, and writes the fitted
//! rules file (see [`crate::game::history::calibrate`]).

use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;

use super::progress::Progress;
use crate::game::history::calibrate::{Calibration, Plan, calibrate, max_runs};
use crate::rules::params::Rules;
use crate::rules::params::rewrite::rewrite;

pub struct Args {
    /// Scenario ids or files; none means every shipped scenario.
    pub scenarios: Vec<String>,
    pub plan: Plan,
    pub out: PathBuf,
    pub json: bool,
}

/// Fits, prints and writes; returns 0, or 2 when a scenario cannot be read,
/// the rules declare nothing to fit or the file cannot be written.
pub fn run(
    args: &Args,
    rules: &Rules,
    source: &str,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let Some(scenarios) = super::scenarios_named(&args.scenarios, rules, err) else {
        return 2;
    };
    let plan = args.plan;
    let most = max_runs(rules, &plan, &scenarios);
    let bar = Progress::new(most, "runs (at most)", !args.json);
    let fit = calibrate(&scenarios, rules, plan, &|| bar.tick());
    bar.finish();
    let fit = match fit {
        Ok(f) => f,
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            return 2;
        }
    };
    let text = match rewrite(source, &fit.fitted_values()) {
        Ok(t) => t,
        Err(e) => {
            let _ = writeln!(err, "error: cannot write the fitted numbers: {e}");
            return 2;
        }
    };
    if let Err(e) = crate::game::record::write_atomic(&args.out, text.as_bytes()) {
        let _ = writeln!(err, "error: cannot write {}: {e}", args.out.display());
        return 2;
    }
    if args.json {
        let _ = writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&fit).unwrap_or_default()
        );
    } else {
        let _ = write!(out, "{}", render(&fit, &plan));
        let _ = writeln!(out, "fitted rules written to {}", args.out.display());
    }
    0
}

fn mark(share: f64, pass: bool) -> String {
    format!("{share:.3}{}", if pass { " " } else { "✗" })
}

/// The calibration as text: the numbers, then every check.
pub fn render(fit: &Calibration, plan: &Plan) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "searched on seeds {}-{} ({} runs a scenario, {} rounds, {} candidates played); reported on seeds {}-{}",
        plan.seed,
        plan.seed + u64::from(plan.runs) - 1,
        plan.runs,
        plan.rounds,
        fit.evaluations,
        plan.report_seed,
        plan.report_seed + u64::from(plan.report_runs) - 1
    );
    let _ = writeln!(
        o,
        "score on the search block: given {:.3}, fitted {:.3}\n",
        fit.score_given, fit.score_fitted
    );
    let _ = writeln!(
        o,
        "{:<30} {:>15} {:>8} {:>8}",
        "number", "range", "given", "fitted"
    );
    for x in &fit.numbers {
        let _ = writeln!(
            o,
            "{:<30} {:>15} {:>8} {:>8}",
            x.name,
            format!("{}-{}", x.min, x.max),
            x.given,
            x.fitted
        );
    }
    let _ = writeln!(
        o,
        "\n{:<22} {:<28} {:>9} {:>7} {:>7} {:>8} {:>9}",
        "scenario", "check", "required", "given", "fitted", "neutral", "left out"
    );
    for c in &fit.checks {
        let required = match c.required.as_f64() {
            Some(r) => format!("≥{r:.2}"),
            None => "median".to_string(),
        };

        let left = match (c.left_out, c.left_out_pass) {
            (Some(s), Some(p)) => mark(s, p),
            _ => "-".to_string(),
        };
        let check = match &c.variant {
            Some(v) => format!("{v}: {} {}", c.check, if c.rise { "rise" } else { "drop" }),
            None => c.check.clone(),
        };
        let _ = writeln!(
            o,
            "{:<22} {:<28} {:>9} {:>7} {:>7} {:>8} {:>9}",
            c.scenario,
            check,
            required,
            mark(c.given, c.given_pass),
            mark(c.fitted, c.fitted_pass),
            mark(c.fitted_neutral, c.fitted_neutral_pass),
            left
        );
    }
    let (given, fitted, neutral, left, all) = fit.totals(false);
    let pct = |k: usize| 100.0 * k as f64 / all.max(1) as f64;
    let _ = write!(
        o,
        "\nrecorded checks passed on the report block: given {given} of {all} ({:.0}%), fitted {fitted} of {all} ({:.0}%), fitted with average commanders {neutral} of {all} ({:.0}%)",
        pct(given),
        pct(fitted),
        pct(neutral)
    );
    match left {
        Some(l) => {
            let _ = writeln!(o, ", each scenario left out {l} of {all} ({:.0}%)", pct(l));
        }
        None => {
            let _ = writeln!(o);
        }
    }
    let (given, fitted, _, left, all) = fit.totals(true);
    let _ = write!(
        o,
        "variants' expected shifts on the report block: given {given} of {all}, fitted {fitted} of {all}"
    );
    match left {
        Some(l) => {
            let _ = writeln!(o, ", each scenario left out {l} of {all}");
        }
        None => {
            let _ = writeln!(o);
        }
    }
    o
}
