//! The headless game: one `Game` (a scenario, the rules, the state, the
//! record of what was played and who plays which side) with its one turn
//! loop, saves and replays (`record`), the scenarios on offer (`catalog`),
//! the folders it keeps its files in (`dirs`), the computer opponent (`ai`),
//! the history harness (`history`), what a side can see (`fog`), when a
//! run of turns stops for the player (`lull`), the facts the panels put in
//! words (`notes`), the roads an order will take an army along (`routes`)
//! and what a turn's marches and battles did on the map (`marches`). No
//! window: the desktop and the command line both sit on top of it.

pub mod ai;
pub mod catalog;
pub mod dirs;
pub mod fog;
pub mod history;
pub mod lull;
pub mod marches;
pub mod notes;
pub mod play;
pub mod record;
pub mod routes;

pub use play::{Game, Player, TurnPlayed};
