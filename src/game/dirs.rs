//! Where the game keeps its files: the platform's data folder for Anxi
//! (`$XDG_DATA_HOME/anxi` or `~/.local/share/anxi` on Linux, Application
//! Support on macOS, `%APPDATA%` on Windows), as the `directories` crate
//! finds it, with `saves/` and `mods/` inside.

use std::path::PathBuf;

use directories::ProjectDirs;

/// The data folder, or `anxi-data` in the working folder when the platform
/// names no home (a stripped-down container, say).
pub fn data_dir() -> PathBuf {
    ProjectDirs::from("", "", "anxi")
        .map(|d| d.data_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from("anxi-data"))
}

/// Saves and autosaves.
pub fn saves_dir() -> PathBuf {
    data_dir().join("saves")
}

/// Scenario files a player adds beside the shipped ones.
pub fn mods_dir() -> PathBuf {
    data_dir().join("mods")
}
