//! The command line's arguments, as clap reads them.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "anxi",
    version,
    about = "A turn-based wargame of the Tarim Basin, 7th and 8th centuries"
)]
pub struct Cli {
    /// A rules file to use instead of the shipped one (for `calibrate`, instead
    /// of the designed one it starts from).
    #[arg(long, global = true)]
    pub rules: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Check scenario files (or folders of them) and report every problem.
    Check {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Open the game straight into a scenario.
    Play {
        /// A shipped scenario id or a scenario file.
        #[arg(required_unless_present_any = ["load", "replay", "mods"])]
        scenario: Option<String>,
        /// Open a saved game instead.
        #[arg(long)]
        load: Option<PathBuf>,
        /// Watch a saved game or replay from its first turn, and take command from any turn.
        #[arg(long, conflicts_with = "load")]
        replay: Option<PathBuf>,
        /// Folder for saves and autosaves (default: the platform's data folder).
        #[arg(long)]
        saves: Option<PathBuf>,
        /// The side (or a faction of it) to command.
        #[arg(long)]
        side: Option<String>,
        #[arg(long)]
        seed: Option<u64>,
        /// How strong the computer plays: easy, normal (the default) or hard.
        #[arg(long, value_name = "LEVEL")]
        ai: Option<crate::game::ai::Level>,
        /// Render the opening map to this PNG file and exit.
        #[arg(long)]
        screenshot: Option<PathBuf>,
        /// Scenario files or folders to offer beside the shipped ones.
        #[arg(long)]
        mods: Vec<PathBuf>,
        /// Window size, such as 1920x1080.
        #[arg(long, value_parser = parse_size)]
        size: Option<(u32, u32)>,
    },
    /// Play a scenario's historical orders over many seeds and compare the outcomes with history.
    History {
        /// A shipped scenario id (such as `644_karasahr`) or a scenario file.
        scenario: String,
        /// Number of seeded runs.
        #[arg(long, default_value_t = 1000)]
        runs: u32,
        /// First seed; run i uses seed + i.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// A named counterfactual variant of the scenario.
        #[arg(long)]
        variant: Option<String>,
        /// Print one JSON object instead of the text report.
        #[arg(long)]
        json: bool,
        /// Print the event log of one run (the first seed) instead.
        #[arg(long)]
        log: bool,
        /// Write the historical line of the first seed as a replay file.
        #[arg(long)]
        replay_out: Option<PathBuf>,
        /// Vary each Estimate and Unknown figure over its plausible range
        /// (declared, or ±30%) and report which checks each one moves.
        #[arg(long, conflicts_with_all = ["log", "replay_out"])]
        sensitivity: bool,
        /// With --sensitivity: draw a tornado chart of the top movers of each check to this SVG file.
        #[arg(long, requires = "sensitivity", value_name = "FILE.svg")]
        plot: Option<PathBuf>,
    },
    /// Fit the rules' tunable numbers to every scenario's recorded checks, with each scenario left out in turn, and write the fitted rules file.
    Calibrate {
        /// Scenario ids or files (default: every shipped scenario).
        scenarios: Vec<String>,
        /// Runs per scenario for each candidate of the search.
        #[arg(long, default_value_t = crate::game::history::calibrate::RECORDED.runs)]
        runs: u32,
        /// First seed of the search's block of seeds.
        #[arg(long, default_value_t = crate::game::history::calibrate::RECORDED.seed)]
        seed: u64,
        /// Rounds of the coordinate search (each halves the steps).
        #[arg(long, default_value_t = crate::game::history::calibrate::RECORDED.rounds)]
        rounds: u32,
        /// Runs per scenario on the fresh block the results are reported on.
        #[arg(long, default_value_t = crate::game::history::calibrate::RECORDED.report_runs)]
        report_runs: u32,
        /// First seed of that block.
        #[arg(long, default_value_t = crate::game::history::calibrate::RECORDED.report_seed)]
        report_seed: u64,
        /// Skip the fits that leave each scenario out.
        #[arg(long)]
        no_leave_one_out: bool,
        /// Score the scenarios with their commanders as rated only (by
        /// default half the score is with every commander average).
        #[arg(long)]
        rated_only: bool,
        /// Where to write the fitted rules file (the recorded run writes
        /// assets/rules.ron).
        #[arg(long, default_value = "calibrated_rules.ron", value_name = "FILE.ron")]
        out: PathBuf,
        /// Print JSON instead of the table.
        #[arg(long)]
        json: bool,
    },
    /// Measure every scenario's recorded checks over disjoint blocks of seeds and with average commanders.
    Corpus {
        /// Scenario ids or files (default: every shipped scenario).
        scenarios: Vec<String>,
        /// Runs in each block of seeds.
        #[arg(long, default_value_t = 1000)]
        runs: u32,
        /// Number of disjoint blocks of seeds.
        #[arg(long, default_value_t = 5)]
        blocks: u32,
        /// First seed of the first block.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Seeds from one block's first seed to the next (default: the runs,
        /// blocks side by side; 1000000 gives seeds 1, 1,000,001, 2,000,001).
        #[arg(long)]
        stride: Option<u64>,
        /// Also play every block with every commander rated average (3).
        #[arg(long)]
        neutral: bool,
        /// Print JSON instead of the table.
        #[arg(long)]
        json: bool,
    },
    /// Play the computer against itself headless and count each side's wins.
    Arena {
        /// A shipped scenario id or a scenario file.
        scenario: String,
        /// Who commands the scenario's first side: easy, normal, hard or history.
        #[arg(long, default_value = "easy")]
        side_a: crate::cli::arena::Seat,
        /// Who commands the second side.
        #[arg(long, default_value = "easy")]
        side_b: crate::cli::arena::Seat,
        #[arg(long, default_value_t = 100)]
        games: u32,
        /// First seed; game i uses seed + i.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Print one JSON object instead of the text report.
        #[arg(long)]
        json: bool,
    },
    /// Forecast the battle an order would bring: an army's chance to win,
    /// the losses, the commanders' perils and the factors, over many seeds,
    /// as the army's side sees it.
    Odds {
        /// A shipped scenario id or a scenario file (not needed with --load).
        #[arg(required_unless_present = "load")]
        scenario: Option<String>,
        /// The army that attacks, storms, pursues or lies in ambush (its id in the scenario).
        #[arg(long)]
        army: String,
        /// The enemy army attacked, pursued, or walking into the ambush.
        #[arg(long)]
        target: Option<String>,
        /// The order (default: attack with a target, assault without).
        #[arg(long, value_enum)]
        order: Option<crate::cli::odds::OrderKind>,
        /// The time of day of an attack or assault.
        #[arg(long, value_enum, default_value = "dawn")]
        timing: crate::cli::odds::TimingArg,
        /// The turn to forecast from: the historical line played to it, or the save replayed to it.
        #[arg(long)]
        turn: Option<u32>,
        /// A saved game to forecast from.
        #[arg(long)]
        load: Option<PathBuf>,
        /// The seed of the historical line played to --turn.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Seeded runs of the battle.
        #[arg(long, default_value_t = crate::rules::forecast::RUNS)]
        runs: u32,
        /// Print one JSON object instead of the text.
        #[arg(long)]
        json: bool,
    },
    /// Replay a recorded game headless.
    Replay {
        file: PathBuf,
        /// Check every turn's state against the record; exit 1 at the first turn that differs.
        #[arg(long)]
        verify: bool,
    },
}

pub fn parse_size(s: &str) -> Result<(u32, u32), String> {
    let (w, h) = s
        .split_once('x')
        .ok_or_else(|| format!("`{s}` is not a size such as 1920x1080"))?;
    let n = |t: &str| {
        t.trim()
            .parse::<u32>()
            .map_err(|_| format!("`{s}` is not a size such as 1920x1080"))
    };
    let (w, h) = (n(w)?, n(h)?);
    if !(320..=8192).contains(&w) || !(240..=8192).contains(&h) {
        return Err(format!("{w}x{h} is outside 320x240 to 8192x8192"));
    }
    Ok((w, h))
}
