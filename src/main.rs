//! The `anxi` command: the game, and the tools around it.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use anxi::rules::params::Rules;

#[derive(Parser)]
#[command(
    name = "anxi",
    version,
    about = "A turn-based wargame of the Tarim Basin, 7th and 8th centuries"
)]
struct Cli {
    /// A rules file to use instead of the shipped one.
    #[arg(long, global = true)]
    rules: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
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
    },
    /// Replay a recorded game headless.
    Replay {
        file: PathBuf,
        /// Check every turn's state against the record; exit 1 at the first turn that differs.
        #[arg(long)]
        verify: bool,
    },
}

fn load_rules(path: &Option<PathBuf>) -> Result<Rules, ExitCode> {
    let (file, text) = match path {
        None => (
            "assets/rules.ron".to_string(),
            anxi::rules::params::SHIPPED_RULES.to_string(),
        ),
        Some(p) => match std::fs::read_to_string(p) {
            Ok(t) => (p.display().to_string(), t),
            Err(e) => {
                eprintln!("error: cannot read rules file {}: {e}", p.display());
                return Err(ExitCode::from(2));
            }
        },
    };
    Rules::parse(&file, &text).map_err(|diags| {
        for d in diags {
            eprintln!("{d}");
            eprint!("{}", d.render(&text));
        }
        ExitCode::from(2)
    })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let rules = match load_rules(&cli.rules) {
        Ok(r) => r,
        Err(code) => return code,
    };
    match cli.command {
        Some(Command::Check { paths }) => {
            let code = anxi::cli::check::run(&paths, &rules, &mut std::io::stdout());
            ExitCode::from(code as u8)
        }
        Some(Command::History {
            scenario,
            runs,
            seed,
            variant,
            json,
            log,
            replay_out,
        }) => {
            let args = anxi::cli::history::Args {
                scenario,
                runs,
                seed,
                variant,
                json,
                log,
                replay_out,
            };
            let code = anxi::cli::history::run(
                &args,
                &rules,
                &mut std::io::stdout(),
                &mut std::io::stderr(),
            );
            ExitCode::from(code as u8)
        }
        Some(Command::Replay { file, verify }) => {
            let code = anxi::cli::replay::run(
                &file,
                verify,
                &mut std::io::stdout(),
                &mut std::io::stderr(),
            );
            ExitCode::from(code as u8)
        }
        Some(Command::Play {
            scenario,
            load,
            replay,
            saves,
            side,
            seed,
            screenshot,
            mods,
            size,
        }) => {
            let launch = Launch {
                scenario,
                side,
                seed,
                screenshot,
                size,
                load,
                replay,
            };
            open_game(rules, cli.rules.clone(), &mods, saves, launch)
        }
        None => open_game(rules, cli.rules.clone(), &[], None, Launch::default()),
    }
}

#[cfg(feature = "desktop")]
type Launch = anxi::desktop::Launch;

#[cfg(not(feature = "desktop"))]
#[derive(Default)]
struct Launch {
    scenario: Option<String>,
    side: Option<String>,
    seed: Option<u64>,
    screenshot: Option<PathBuf>,
    size: Option<(u32, u32)>,
    load: Option<PathBuf>,
    replay: Option<PathBuf>,
}

fn parse_size(s: &str) -> Result<(u32, u32), String> {
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

#[cfg(feature = "desktop")]
fn open_game(
    rules: Rules,
    rules_file: Option<PathBuf>,
    mods: &[PathBuf],
    saves: Option<PathBuf>,
    launch: Launch,
) -> ExitCode {
    // Mods: the platform's mods folder, then any given on the command line.
    let mut folders = vec![anxi::record::data_dir().join("mods")];
    folders.retain(|d| d.is_dir());
    folders.extend(mods.iter().cloned());
    // A scenario named by its path is offered too.
    if let Some(path) = launch
        .scenario
        .as_ref()
        .map(PathBuf::from)
        .filter(|p| p.is_file())
    {
        folders.push(path);
    }
    let entries = anxi::scenario::catalog::catalog(&folders, &rules);
    let saves = saves.unwrap_or_else(|| anxi::record::data_dir().join("saves"));
    let catalog = anxi::desktop::Catalog {
        rules,
        entries,
        saves,
        rules_file,
    };
    match anxi::desktop::run(catalog, launch) {
        bevy::app::AppExit::Success => ExitCode::SUCCESS,
        bevy::app::AppExit::Error(_) => ExitCode::FAILURE,
    }
}

#[cfg(not(feature = "desktop"))]
fn open_game(
    _rules: Rules,
    _rules_file: Option<PathBuf>,
    _mods: &[PathBuf],
    _saves: Option<PathBuf>,
    launch: Launch,
) -> ExitCode {
    let _ = (
        launch.scenario,
        launch.side,
        launch.seed,
        launch.screenshot,
        launch.size,
        launch.load,
        launch.replay,
    );
    eprintln!(
        "this build has no desktop game (built without the `desktop` feature); try `anxi check` or `anxi history`"
    );
    ExitCode::from(2)
}
