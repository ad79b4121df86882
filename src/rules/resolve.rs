//! The entry points of turn resolution under their older path; the turn
//! clock itself is in [`super::turn`]. A day's work is spread over
//! `orders`, `march`, `contact`, `retreat`, `siege`, `supply` and `combat`.

pub use super::turn::{Log, begin_turn, end_turn, give_orders};
