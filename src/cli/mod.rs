//! The command line: `anxi check`, `anxi history`, and the game itself.

pub mod check;
pub mod history;
pub mod replay;
