//! Anxi: a turn-based wargame of the Tarim Basin in the 7th and 8th
//! centuries. The library holds the scenario format and its loader
//! (`scenario`), the rules engine (`rules`), the history harness
//! (`history`) and, behind the `desktop` feature, the Bevy game (`desktop`).

pub mod ai;
pub mod cli;
#[cfg(feature = "desktop")]
pub mod desktop;
pub mod geo;
pub mod history;
pub mod record;
pub mod rules;
pub mod scenario;
