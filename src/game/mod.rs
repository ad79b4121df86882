//! The headless game: one `Game` (a scenario, the rules, the state, the
//! record of what was played and who plays which side) with its one turn
//! loop, saves and replays (`record`), the scenarios on offer (`catalog`),
//! the folders it keeps its files in (`dirs`), the computer opponent (`ai`)
//! and the history harness (`history`). No window: the desktop and the
//! command line both sit on top of it.

pub mod ai;
pub mod catalog;
pub mod dirs;
pub mod history;
pub mod play;
pub mod record;

pub use play::{Game, Player, TurnPlayed};
