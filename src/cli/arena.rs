//! `anxi arena SCENARIO --side-a LEVEL --side-b LEVEL --games N`: the
//! computer against itself, headless, on every core. Side A commands the
//! scenario's first side, B its second; a level is `easy`, `normal`, `hard`,
//! or `history` (the scenario's historical orders). Prints each side's wins,
//! draws and losses with a 95% interval, and the searching levels' thinking
//! time per turn.

use std::borrow::Cow;
use std::io::Write;

use rayon::prelude::*;
use serde::Serialize;

use super::progress::Progress;
use crate::game::ai::Level;
use crate::game::{Game, Player};
use crate::rules::params::Rules;
use crate::rules::state::Outcome;
use crate::scenario::model::SideId;

/// Who plays a seat.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seat {
    Computer(Level),
    History,
}

impl std::str::FromStr for Seat {
    type Err = String;
    fn from_str(s: &str) -> Result<Seat, String> {
        if s == "history" {
            return Ok(Seat::History);
        }
        s.parse::<Level>()
            .map(Seat::Computer)
            .map_err(|_| format!("`{s}` is not a level: easy, normal, hard or history"))
    }
}

impl Seat {
    fn name(self) -> String {
        match self {
            Seat::Computer(l) => l.to_string(),
            Seat::History => "history".into(),
        }
    }
}

pub struct Args {
    pub scenario: String,
    pub a: Seat,
    pub b: Seat,
    pub games: u32,
    pub seed: u64,
    pub json: bool,
}

#[derive(Debug, Serialize)]
struct SideResult {
    side: String,
    level: String,
    wins: u32,
    draws: u32,
    losses: u32,
    /// Share of games won, with its 95% Wilson interval.
    win_share: f64,
    win_share_ci: (f64, f64),
}

#[derive(Debug, Serialize)]
struct Think {
    median: f64,
    p95: f64,
}

#[derive(Debug, Serialize)]
struct ThinkBySide {
    a: Option<Think>,
    b: Option<Think>,
}

#[derive(Debug, Serialize)]
struct Report {
    scenario: String,
    games: u32,
    seed: u64,
    a: SideResult,
    b: SideResult,
    think_ms: ThinkBySide,
}

/// The 95% Wilson score interval of `k` successes in `n`.
pub fn wilson(k: u32, n: u32) -> (f64, f64) {
    if n == 0 {
        return (0.0, 1.0);
    }
    let (k, n, z) = (k as f64, n as f64, 1.96f64);
    let p = k / n;
    let centre = (p + z * z / (2.0 * n)) / (1.0 + z * z / n);
    let half = z * (p * (1.0 - p) / n + z * z / (4.0 * n * n)).sqrt() / (1.0 + z * z / n);
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

fn percentile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[((sorted.len() - 1) as f64 * q).round() as usize]
}

fn think(mut ms: Vec<f64>) -> Option<Think> {
    if ms.is_empty() {
        return None;
    }
    ms.sort_by(f64::total_cmp);
    Some(Think {
        median: percentile(&ms, 0.5),
        p95: percentile(&ms, 0.95),
    })
}

/// Plays the games; returns the exit code.
pub fn run(args: &Args, rules: &Rules, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let Some(s) = super::scenario_named(&args.scenario, rules, err) else {
        return 2;
    };
    if s.sides.len() < 2 {
        let _ = writeln!(err, "error: scenario `{}` has fewer than two sides", s.id);
        return 2;
    }
    let seats = [args.a, args.b];
    let bar = Progress::new(args.games as u64, "games", !args.json);
    // Each game: the winning side (if any) and the computer's thinking times per side.
    let games: Vec<(Option<SideId>, Vec<Vec<f64>>)> = (0..args.games)
        .into_par_iter()
        .map(|i| {
            let players: Vec<Player> = (0..s.sides.len())
                .map(|side| match seats.get(side) {
                    Some(Seat::History) => Player::History,
                    _ => Player::Computer,
                })
                .collect();
            let levels: Vec<Level> = (0..s.sides.len())
                .map(|side| match seats.get(side) {
                    Some(Seat::Computer(l)) => *l,
                    _ => Level::Easy,
                })
                .collect();
            let seed = args.seed.wrapping_add(i as u64);
            let (game, _) = Game::new(
                Cow::Borrowed(&s),
                Cow::Borrowed(rules),
                seed,
                players,
                false,
            );
            let mut game = game.with_levels(levels);
            game.play_out(|_| {});
            let winner = match &game.state().outcome {
                Some(Outcome::Victory { side, .. }) => Some(*side),
                _ => None,
            };
            bar.tick();
            (winner, game.think_ms().to_vec())
        })
        .collect();
    bar.finish();
    let n = args.games;
    let side_result = |side: usize| {
        let wins = games
            .iter()
            .filter(|(w, _)| *w == Some(SideId(side as u16)))
            .count() as u32;
        let draws = games.iter().filter(|(w, _)| w.is_none()).count() as u32;
        SideResult {
            side: s.sides[side].name.clone(),
            level: seats[side].name(),
            wins,
            draws,
            losses: n - wins - draws,
            win_share: if n == 0 { 0.0 } else { wins as f64 / n as f64 },
            win_share_ci: wilson(wins, n),
        }
    };
    let think_of = |side: usize| {
        think(
            games
                .iter()
                .flat_map(|(_, t)| t.get(side).cloned().unwrap_or_default())
                .collect(),
        )
    };
    let report = Report {
        scenario: s.id.clone(),
        games: n,
        seed: args.seed,
        a: side_result(0),
        b: side_result(1),
        think_ms: ThinkBySide {
            a: think_of(0),
            b: think_of(1),
        },
    };
    if args.json {
        let _ = writeln!(
            out,
            "{}",
            serde_json::to_string(&report).unwrap_or_default()
        );
        return 0;
    }
    let _ = writeln!(
        out,
        "{}: {n} games, seeds {} to {}",
        s.id,
        args.seed,
        args.seed.wrapping_add(n.saturating_sub(1) as u64)
    );
    for (seat, r) in [("A", &report.a), ("B", &report.b)] {
        let _ = writeln!(
            out,
            "side {seat} ({}, {}): {} won, {} drawn, {} lost; wins {:.0}% (95% interval {:.0}-{:.0}%)",
            r.side,
            r.level,
            r.wins,
            r.draws,
            r.losses,
            100.0 * r.win_share,
            100.0 * r.win_share_ci.0,
            100.0 * r.win_share_ci.1
        );
    }
    for (seat, t) in [("A", &report.think_ms.a), ("B", &report.think_ms.b)] {
        if let Some(t) = t {
            let _ = writeln!(
                out,
                "side {seat} thinks {:.0} ms a turn (median), {:.0} ms (95th percentile)",
                t.median, t.p95
            );
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wilson_interval_brackets_the_share() {
        let (lo, hi) = wilson(50, 100);
        assert!(
            (lo - 0.404).abs() < 0.005 && (hi - 0.596).abs() < 0.005,
            "{lo} {hi}"
        );
        assert_eq!(wilson(0, 0), (0.0, 1.0));
        let (lo, hi) = wilson(0, 20);
        assert!(lo == 0.0 && hi > 0.1 && hi < 0.2, "{hi}");
    }
}
