//! Anxi: a turn-based wargame of the Tarim Basin in the 7th and 8th
//! centuries. The crate is layered; each layer imports only those above it
//! in this list:
//!
//! - `core`: ids, troop kinds, terrain, dates, orders;
//! - `diagnostics`: located errors and their rendering;
//! - `geo`: the map file and its projection;
//! - `scenario`: the RON format and its validation into a typed scenario;
//! - `rules`: the rules engine, pure and deterministic;
//! - `game`: one headless game, saves and replays, the catalog, the AI and
//!   the history harness;
//! - `cli` and, behind the `desktop` feature, `desktop` (the Bevy game).
//!
//! `tests/layers.rs` fails when a module imports a layer above its own.

pub mod cli;
pub mod core;
#[cfg(feature = "desktop")]
pub mod desktop;
pub mod diagnostics;
pub mod game;
pub mod geo;
pub mod rules;
pub mod scenario;
