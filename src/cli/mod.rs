//! The command line: `anxi check`, `anxi history`, `anxi corpus`, `anxi
//! calibrate`, `anxi arena`, `anxi odds`, `anxi replay`, and
//! `anxi play` (the game itself). This layer parses the arguments, loads the
//! rules, and does all the printing; the library below never prints.

pub mod arena;
pub mod args;
pub mod calibrate;
pub mod check;
pub mod corpus;
pub mod history;
pub mod odds;
pub mod play;
pub mod plot;
pub mod progress;
pub mod replay;
pub mod sensitivity;
pub mod terminal;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use crate::rules::params::Rules;
use args::{Cli, Command};
use play::Launch;
use terminal::Escaping;

/// A scenario by shipped id or path, or its problems printed to `err`.
fn scenario_named(
    name: &str,
    rules: &Rules,
    err: &mut dyn std::io::Write,
) -> Option<crate::scenario::Scenario> {
    match crate::game::catalog::find(name, rules) {
        Ok(s) => Some(s),
        Err(diags) => {
            for (d, text) in diags {
                let _ = writeln!(err, "{d}");
                if !text.is_empty() {
                    let _ = write!(err, "{}", d.render(&text));
                }
            }
            None
        }
    }
}

/// The scenarios named (ids or files), or every shipped one when none is;
/// None when one cannot be read (its problems printed to `err`).
fn scenarios_named(
    names: &[String],
    rules: &Rules,
    err: &mut dyn std::io::Write,
) -> Option<Vec<crate::scenario::Scenario>> {
    let names: Vec<String> = if names.is_empty() {
        crate::game::catalog::shipped(rules)
            .into_iter()
            .filter_map(|e| e.scenario.map(|s| s.id))
            .collect()
    } else {
        names.to_vec()
    };
    names
        .iter()
        .map(|name| scenario_named(name, rules, err))
        .collect()
}

/// The rules file given (or the built-in one named, shipped or designed),
/// read and checked, with its text.
fn load_rules(path: &Option<PathBuf>, built_in: (&str, &str)) -> Result<(Rules, String), ExitCode> {
    use std::io::Write;
    let mut err = Escaping::new(std::io::stderr());
    let (file, text) = match path {
        None => (built_in.0.to_string(), built_in.1.to_string()),
        Some(p) => match std::fs::read(p) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(t) => (p.display().to_string(), t),
                Err(e) => {
                    let at = e.utf8_error().valid_up_to();
                    let text = String::from_utf8_lossy(e.as_bytes());
                    let (line, col) = crate::diagnostics::locate::line_col(&text, at);
                    let _ = writeln!(
                        err,
                        "{}:{line}:{col}: error: the rules file is not UTF-8 text (expected UTF-8 text)",
                        p.display()
                    );
                    return Err(ExitCode::from(2));
                }
            },
            Err(e) => {
                let _ = writeln!(err, "error: cannot read rules file {}: {e}", p.display());
                return Err(ExitCode::from(2));
            }
        },
    };
    match Rules::parse(&file, &text) {
        Ok(rules) => Ok((rules, text)),
        Err(diags) => {
            for d in diags {
                let _ = writeln!(err, "{d}");
                let _ = write!(err, "{}", d.render(&text));
            }
            Err(ExitCode::from(2))
        }
    }
}

/// The `anxi` command: parses the arguments and runs the command.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    // The calibration starts from the rules as designed, so that its
    // defaults give the shipped file again; everything else plays the
    // shipped rules.
    let built_in = if matches!(cli.command, Some(Command::Calibrate { .. })) {
        (
            "assets/rules_designed.ron",
            crate::rules::params::DESIGNED_RULES,
        )
    } else {
        ("assets/rules.ron", crate::rules::params::SHIPPED_RULES)
    };
    let (rules, rules_text) = match load_rules(&cli.rules, built_in) {
        Ok(r) => r,
        Err(code) => return code,
    };
    match cli.command {
        Some(Command::Check { paths }) => {
            let code = check::run(&paths, &rules, &mut Escaping::new(std::io::stdout()));
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
            sensitivity,
            plot,
        }) => {
            let args = history::Args {
                scenario,
                runs,
                seed,
                variant,
                json,
                log,
                replay_out,
                sensitivity,
                plot,
            };
            let code = history::run(
                &args,
                &rules,
                &mut Escaping::new(std::io::stdout()),
                &mut Escaping::new(std::io::stderr()),
            );
            ExitCode::from(code as u8)
        }
        Some(Command::Calibrate {
            scenarios,
            runs,
            seed,
            rounds,
            report_runs,
            report_seed,
            no_leave_one_out,
            rated_only,
            out,
            json,
        }) => {
            let args = calibrate::Args {
                scenarios,
                plan: crate::game::history::calibrate::Plan {
                    runs,
                    seed,
                    rounds,
                    report_runs,
                    report_seed,
                    leave_one_out: !no_leave_one_out,
                    neutral: !rated_only,
                },
                out,
                json,
            };
            let code = calibrate::run(
                &args,
                &rules,
                &rules_text,
                &mut Escaping::new(std::io::stdout()),
                &mut Escaping::new(std::io::stderr()),
            );
            ExitCode::from(code as u8)
        }
        Some(Command::Corpus {
            scenarios,
            runs,
            blocks,
            seed,
            stride,
            neutral,
            json,
        }) => {
            let args = corpus::Args {
                scenarios,
                plan: crate::game::history::corpus::Plan {
                    runs,
                    blocks,
                    first_seed: seed,
                    stride: stride.unwrap_or(u64::from(runs)),
                    neutral,
                },
                json,
            };
            let code = corpus::run(
                &args,
                &rules,
                &mut Escaping::new(std::io::stdout()),
                &mut Escaping::new(std::io::stderr()),
            );
            ExitCode::from(code as u8)
        }
        Some(Command::Arena {
            scenario,
            side_a,
            side_b,
            games,
            seed,
            json,
        }) => {
            let args = arena::Args {
                scenario,
                a: side_a,
                b: side_b,
                games,
                seed,
                json,
            };
            let code = arena::run(
                &args,
                &rules,
                &mut Escaping::new(std::io::stdout()),
                &mut Escaping::new(std::io::stderr()),
            );
            ExitCode::from(code as u8)
        }
        Some(Command::Odds {
            scenario,
            army,
            target,
            order,
            timing,
            turn,
            load,
            seed,
            runs,
            json,
        }) => {
            let args = odds::Args {
                scenario,
                army,
                target,
                order,
                timing,
                turn,
                load,
                seed,
                runs,
                json,
            };
            let code = odds::run(
                &args,
                &rules,
                &mut Escaping::new(std::io::stdout()),
                &mut Escaping::new(std::io::stderr()),
            );
            ExitCode::from(code as u8)
        }
        Some(Command::Replay { file, verify }) => {
            let code = replay::run(
                &file,
                verify,
                &mut Escaping::new(std::io::stdout()),
                &mut Escaping::new(std::io::stderr()),
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
            ai,
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
                ai,
            };
            play::open_game(rules, cli.rules.clone(), &mods, saves, launch)
        }
        None => play::open_game(rules, cli.rules.clone(), &[], None, Launch::default()),
    }
}
