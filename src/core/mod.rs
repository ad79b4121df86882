//! The shared vocabulary every layer speaks: typed ids, the kinds of troops,
//! terrain and walls, calendar dates, and the orders a side gives. It imports
//! nothing of the crate.

pub mod date;
pub mod ids;
pub mod kinds;
pub mod order;
