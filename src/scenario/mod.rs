//! Scenarios: the RON format a modder writes (`raw`), its validation into
//! typed ids (`validate`, `model`) and the source texts its figures quote
//! (`sources`), and the notes written in our own words for battles no
//! shipped text covers (`notes`). This layer never imports the rules: what the rules make of
//! a scenario (a road's length in march days, say) they work out themselves.

pub mod model;
pub mod notes;
pub mod raw;
pub mod sources;
pub mod validate;

pub use model::Scenario;
