//! Scenarios: the RON format a modder writes (`raw`), its validation into
//! typed ids (`validate`, `model`), the errors it reports (`diagnostics`,
//! `locate`), the source texts its figures quote (`sources`) and where
//! scenarios are found (`catalog`).

pub mod catalog;
pub mod date;
pub mod diagnostics;
pub mod locate;
pub mod model;
pub mod raw;
pub mod sources;
pub mod validate;

pub use model::Scenario;
