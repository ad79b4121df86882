//! `anxi history SCENARIO`: the historical orders played over many seeds,
//! the outcomes set beside the recorded ones.

use std::io::Write;

use super::progress::Progress;
use crate::game::history::variant::{named_variant, variant_names};
use crate::game::history::{render, report, run_many, shifts};
use crate::rules::params::Rules;

pub struct Args {
    pub scenario: String,
    pub runs: u32,
    pub seed: u64,
    pub variant: Option<String>,
    pub json: bool,
    /// Print the event log of the first run instead of a report.
    pub log: bool,
    /// Write the first run as a replay to this file.
    pub replay_out: Option<std::path::PathBuf>,
    /// Report how each designer's figure moves the checks instead.
    pub sensitivity: bool,
    /// With `sensitivity`, the SVG chart to write.
    pub plot: Option<std::path::PathBuf>,
}

/// Runs the harness; returns the exit code (0 when every check passes).
pub fn run(args: &Args, rules: &Rules, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let Some(s) = super::scenario_named(&args.scenario, rules, err) else {
        return 2;
    };
    let played = match &args.variant {
        None => s.clone(),
        Some(name) => match named_variant(&s, name) {
            Some(v) => v,
            None => {
                let _ = writeln!(
                    err,
                    "error: scenario `{}` has no variant `{name}`; its variants: {}",
                    s.id,
                    variant_names(&s).join(", ")
                );
                return 2;
            }
        },
    };
    if args.sensitivity {
        return super::sensitivity::run(&played, rules, args, out, err);
    }
    if let Some(path) = &args.replay_out {
        let (file, text) = match crate::game::catalog::source_of(&args.scenario) {
            Some(x) => x,
            None => {
                let _ = writeln!(
                    err,
                    "error: cannot read the text of scenario `{}`",
                    args.scenario
                );
                return 2;
            }
        };
        let rules_text = ron::ser::to_string_pretty(rules, ron::ser::PrettyConfig::default())
            .unwrap_or_default();
        let base = match &args.variant {
            None => played.clone(),
            Some(_) => {
                let _ = writeln!(
                    err,
                    "error: a replay records the historical orders; variants are not recorded ({file})"
                );
                return 2;
            }
        };
        let game = crate::game::history::playout::playout_recorded(
            &base,
            rules,
            args.seed,
            &text,
            &rules_text,
        );
        let Some(rec) = game.record() else {
            return 2;
        };
        if let Err(e) = rec.save(path) {
            let _ = writeln!(err, "error: {e}");
            return 2;
        }
        let _ = writeln!(
            out,
            "wrote a replay of {} turn(s) of {} (seed {}) to {}",
            rec.turns.len(),
            played.id,
            args.seed,
            path.display()
        );
        return 0;
    }
    if args.log {
        let (st, events) = crate::game::history::playout::playout_events(&played, rules, args.seed);
        for e in &events {
            if let Some(line) = crate::rules::describe::describe(&played, &st, e) {
                let _ = writeln!(out, "{line}");
            }
        }
        return 0;
    }
    let bar = Progress::new(args.runs as u64, "runs", !args.json);
    let runs = run_many(&played, rules, args.runs, args.seed, &|| bar.tick());
    bar.finish();
    let rep = report(&played, args.variant.as_deref(), args.seed, &runs);
    let mut pass = rep.checks.iter().all(|c| c.pass);
    let mut shift_list = Vec::new();
    if let Some(v) = args.variant.as_ref().and_then(|n| s.variant(n))
        && !v.expect.is_empty()
    {
        let base = report(&s, None, args.seed, &{
            let bar = Progress::new(args.runs as u64, "runs without the variant", !args.json);
            let runs = run_many(&s, rules, args.runs, args.seed, &|| bar.tick());
            bar.finish();
            runs
        });
        shift_list = shifts(&s, v, &base, &rep);
        pass = shift_list.iter().all(|x| x.pass);
    }
    if args.json {
        let mut value = serde_json::to_value(&rep).unwrap_or_default();
        if let Some(obj) = value.as_object_mut() {
            obj.insert(
                "shifts".into(),
                serde_json::to_value(&shift_list).unwrap_or_default(),
            );
        }
        let _ = writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&value).unwrap_or_default()
        );
    } else {
        let _ = write!(out, "{}", render(&played, &rep));
        if !shift_list.is_empty() {
            let _ = writeln!(out, "\nagainst the historical line:");
            for x in &shift_list {
                let mark = if x.pass { "ok  " } else { "MISS" };
                let _ = writeln!(
                    out,
                    "  {mark} {:<28} {:.1}% -> {:.1}% ({} {:.1} points, expected at least {:.0})",
                    x.check,
                    x.base * 100.0,
                    x.variant * 100.0,
                    if x.rise { "rise" } else { "drop" },
                    x.moved * 100.0,
                    x.at_least * 100.0
                );
            }
        }
    }
    if pass { 0 } else { 1 }
}
