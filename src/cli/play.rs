//! `anxi play`: opens the desktop game, straight into a scenario, a save or
//! a replay if asked.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::rules::params::Rules;

#[cfg(feature = "desktop")]
pub type Launch = crate::desktop::Launch;

#[cfg(not(feature = "desktop"))]
#[derive(Default)]
pub struct Launch {
    pub scenario: Option<String>,
    pub side: Option<String>,
    pub seed: Option<u64>,
    pub screenshot: Option<PathBuf>,
    pub size: Option<(u32, u32)>,
    pub load: Option<PathBuf>,
    pub replay: Option<PathBuf>,
    pub ai: Option<crate::game::ai::Level>,
}

#[cfg(feature = "desktop")]
pub fn open_game(
    rules: Rules,
    rules_file: Option<PathBuf>,
    mods: &[PathBuf],
    saves: Option<PathBuf>,
    launch: Launch,
) -> ExitCode {
    // Mods: the platform's mods folder, then any given on the command line.
    let mut folders = vec![crate::game::dirs::mods_dir()];
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
    let entries = crate::game::catalog::catalog(&folders, &rules);
    let saves = saves.unwrap_or_else(|| crate::game::dirs::saves_dir());
    let catalog = crate::desktop::Catalog {
        rules,
        entries,
        saves,
        rules_file,
    };
    crate::desktop::run(catalog, launch)
}

#[cfg(not(feature = "desktop"))]
pub fn open_game(
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
        launch.ai,
    );
    eprintln!(
        "this build has no desktop game (built without the `desktop` feature); try `anxi check` or `anxi history`"
    );
    ExitCode::from(2)
}
