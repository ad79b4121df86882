//! What each side is fighting for: the scenario's victory conditions, each
//! with whether it holds in the state on screen, and the turns left. Pure
//! functions of the scenario and the state, for the panels and the tests.

use crate::rules::conditions::{holds, still_possible};
use crate::rules::state::State;
use crate::scenario::Scenario;

/// One victory condition as the panels show it.
#[derive(Debug, Clone, PartialEq)]
pub struct Stake {
    /// The side it wins for, and its name.
    pub side: usize,
    pub side_name: String,
    /// The scenario's words for it.
    pub description: String,
    /// It holds in the state on screen.
    pub holds: bool,
    /// It is judged only when the campaign ends (else as soon as it holds).
    pub at_end: bool,
    /// It holds or still may: false once nothing can make it hold (a king
    /// who had to be captured is dead).
    pub possible: bool,
}

/// Every side's victory conditions, in the scenario's order.
pub fn stakes(s: &Scenario, st: &State) -> Vec<Stake> {
    s.victory
        .iter()
        .map(|v| Stake {
            side: v.side.index(),
            side_name: s.sides[v.side.index()].name.clone(),
            description: v.description.clone(),
            holds: holds(st, &v.when),
            at_end: v.at_end,
            possible: still_possible(st, &v.when),
        })
        .collect()
}

/// The turn limit and the turns left, in words.
pub fn turns_text(s: &Scenario, st: &State) -> String {
    let limit = s.turns.limit;
    let left = (limit + 1).saturating_sub(st.turn);
    format!(
        "The campaign ends after turn {limit} ({} days a turn): {left} turn(s) left, this one included.",
        s.turns.days_per_turn
    )
}

/// The marks for a condition that holds and one that does not (glyphs the
/// default egui fonts have).
pub const HOLDS: &str = "✔";
pub const FAILS: &str = "❌";

/// A stake's line: "✔ Aksu holds out — holds now", "❌ ... — not yet", or
/// "❌ ... — can no longer be met".
pub fn stake_text(k: &Stake) -> String {
    let mark = if k.holds { HOLDS } else { FAILS };
    let when = if !k.possible {
        "can no longer be met"
    } else if k.at_end {
        if k.holds {
            "holds now; judged at the end"
        } else {
            "not now; judged at the end"
        }
    } else if k.holds {
        "holds now"
    } else {
        "not yet"
    };
    let words = k.description.trim_end_matches('.');
    format!("{mark} {words} — {when}")
}
