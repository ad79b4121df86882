//! The rules engine: pure Rust, no screen. Orders are checked (`check`),
//! resolved day by day into events (`turn`, which runs `orders`, `march`,
//! `contact`, `retreat`, `siege`, `supply` and `combat`), and each event
//! changes the state in one place (`apply`). Every random draw comes from
//! the generator carried in the state, seeded from the scenario, so a
//! scenario, a seed and the orders give the same events on every run.
//! Every number a designer might tune is in `params` (`assets/rules.ron`).
//! `forecast` fights the battle an order would bring over many seeds on
//! copies of the state, for the previews.

pub mod apply;
pub mod check;
pub mod combat;
pub mod conditions;
pub mod contact;
pub mod describe;
pub mod dice;
pub mod event;
pub mod forecast;
pub mod harry;
pub mod march;
pub mod movement;
pub mod orders;
pub mod params;
pub mod resolve;
pub mod retreat;
pub mod siege;
pub mod snapshot;
pub mod state;
pub mod supply;
pub mod turn;
