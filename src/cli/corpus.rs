//! `anxi corpus`: every scenario's recorded checks over disjoint blocks of
//! seeds, and with every commander rated average (see
//! [`crate::game::history::corpus`]).

use std::io::Write;

use super::progress::Progress;
use crate::game::history::corpus::{CheckLine, Plan, measure, render};
use crate::rules::params::Rules;

pub struct Args {
    /// Scenario ids or files; none means every shipped scenario.
    pub scenarios: Vec<String>,
    pub plan: Plan,
    pub json: bool,
}

/// Runs the measurement; returns 0 when every check is reproduced over all
/// seeds, 1 when some is not, 2 when a scenario cannot be read.
pub fn run(args: &Args, rules: &Rules, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let Some(scenarios) = super::scenarios_named(&args.scenarios, rules, err) else {
        return 2;
    };
    let per = u64::from(args.plan.runs) * u64::from(args.plan.blocks.max(1));
    let total = per * scenarios.len() as u64 * if args.plan.neutral { 2 } else { 1 };
    let bar = Progress::new(total, "runs", !args.json);
    let mut lines: Vec<CheckLine> = Vec::new();
    for s in &scenarios {
        lines.extend(measure(s, rules, args.plan, &|| bar.tick()));
    }
    bar.finish();
    if args.json {
        let _ = writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&lines).unwrap_or_default()
        );
    } else {
        let _ = write!(out, "{}", render(&lines));
    }
    if lines.iter().all(|l| l.pooled_pass) {
        0
    } else {
        1
    }
}
