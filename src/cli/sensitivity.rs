//! `anxi history SCENARIO --sensitivity`: which of the designer's Estimate
//! and Unknown figures move which recorded check, and by how much, as a
//! table, one JSON object, or a tornado chart in an SVG file (`--plot`).

use std::fmt::Write as _;
use std::io::Write;

use super::history::Args;
use super::progress::Progress;
use crate::game::history::sensitivity::{Sensitivity, estimate_figures, playouts, sensitivity};
use crate::rules::params::Rules;
use crate::scenario::Scenario;

/// Figures shown (and drawn) for each check.
pub const TOP: usize = 5;

/// Measures and prints; returns the exit code (0, or 2 when the chart cannot be written).
pub fn run(
    s: &Scenario,
    rules: &Rules,
    args: &Args,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let figures = estimate_figures(s);
    let bar = Progress::new(playouts(&figures, args.runs), "runs", !args.json);
    let sens = sensitivity(s, rules, args.runs, args.seed, &|| bar.tick());
    bar.finish();
    if let Some(path) = &args.plot
        && let Err(e) = super::plot::tornado(&sens, path, TOP)
    {
        let _ = writeln!(err, "error: cannot write the chart {}: {e}", path.display());
        return 2;
    }
    if args.json {
        let _ = writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&sens).unwrap_or_default()
        );
    } else {
        let _ = write!(out, "{}", render(s, &sens, args.variant.as_deref()));
        if let Some(path) = &args.plot {
            let _ = writeln!(out, "\nwrote the chart to {}", path.display());
        }
    }
    0
}

fn pct(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

/// The measurement as text: every figure by its largest swing, then each
/// check's top movers.
pub fn render(s: &Scenario, r: &Sensitivity, variant: Option<&str>) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "{} — {}", s.id, s.title);
    let _ = writeln!(
        o,
        "sensitivity of {}: {} Estimate and Unknown figure(s) at the low and the high end \
         of their range (declared, or ±{:.0}%), {} runs each, seeds {} on",
        variant.unwrap_or("the historical line"),
        r.figures.len(),
        r.spread * 100.0,
        r.runs,
        r.seed
    );
    let _ = writeln!(o, "\nfigures by the largest swing they give a check:");
    let _ = writeln!(
        o,
        "  {:>6}  {:<48} {:>8} {:>17}  moves most",
        "swing", "figure", "value", "range"
    );
    for f in &r.figures {
        let most = f
            .checks
            .iter()
            .max_by(|a, b| a.swing.total_cmp(&b.swing))
            .filter(|c| c.swing > 0.0)
            .map_or("-".to_string(), |c| {
                format!(
                    "{} {} / {} / {}",
                    c.check,
                    pct(c.low),
                    pct(c.base),
                    pct(c.high)
                )
            });
        let range = format!(
            "{}-{}{}",
            f.figure.low,
            f.figure.high,
            if f.figure.declared { " (file)" } else { "" }
        );
        let _ = writeln!(
            o,
            "  {:>6.1}  {:<48} {:>8} {:>17}  {most}",
            f.swing * 100.0,
            f.figure.place,
            f.figure.value,
            range
        );
    }
    let _ = writeln!(
        o,
        "\neach check's top movers (share at the low end / as written / at the high end):"
    );
    for (k, c) in r.checks.iter().enumerate() {
        let _ = writeln!(
            o,
            "  {} (as written {}): {}",
            c.id,
            pct(c.share),
            c.description
        );
        let movers = r.movers(k);
        if movers.is_empty() {
            let _ = writeln!(o, "      no figure moves it");
        }
        for (f, m) in movers.iter().take(TOP) {
            let _ = writeln!(
                o,
                "      {:>6.1}  {:<48} {:>6} / {:>6} / {:>6}",
                m.swing * 100.0,
                f.place,
                pct(m.low),
                pct(m.base),
                pct(m.high)
            );
        }
    }
    let still = r.figures.iter().filter(|f| f.swing == 0.0).count();
    if still > 0 {
        let _ = writeln!(
            o,
            "\n{still} figure(s) move no check over these runs (their swing is 0)."
        );
    }
    o
}
