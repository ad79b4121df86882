//! The rules engine: pure Rust, no screen. Orders are checked (`check`),
//! resolved into events (`resolve`), and each event changes the state in one
//! place (`apply`). Every random draw comes from the generator carried in
//! the state, seeded from the scenario, so a scenario, a seed and the orders
//! give the same events on every run.

pub mod apply;
pub mod check;
pub mod combat;
pub mod conditions;
pub mod describe;
pub mod dice;
pub mod event;
pub mod movement;
pub mod params;
pub mod resolve;
pub mod snapshot;
pub mod state;
