//! What each side is fighting for: the scenario's victory conditions, each
//! with whether it holds in the state on screen, and the turns left; and,
//! for the title screen, the campaign's length, sides and conditions. Pure
//! functions of the scenario and the state, for the panels and the tests.

use crate::desktop::names::counted;
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
        "The campaign ends after turn {limit} ({} a turn): {} left, this one included.",
        counted(s.turns.days_per_turn, "day", "days"),
        counted(left, "turn", "turns")
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

/// How long the campaign lasts, before it begins: "10 turns of 5 days
/// (50 days), 717-06-01 to 717-07-20".
pub fn length_text(s: &Scenario) -> String {
    let (limit, days) = (s.turns.limit, s.turns.days_per_turn);
    let total = u64::from(limit) * u64::from(days);
    let end = last_day(s);
    format!(
        "{} of {} ({}), {} to {end}",
        counted(limit, "turn", "turns"),
        counted(days, "day", "days"),
        counted(total, "day", "days"),
        s.turns.start
    )
}

/// The last day the campaign can be played to: its first day and its turns.
pub fn last_day(s: &Scenario) -> crate::core::date::Date {
    let total = u64::from(s.turns.limit) * u64::from(s.turns.days_per_turn);
    // Capped far beyond any campaign, so a modder's huge figures cannot overflow the date.
    let last = i64::try_from(total.saturating_sub(1).min(10_000_000)).unwrap_or(0);
    s.turns.start.plus_days(last)
}

/// The side the scenario means the player to take, or the sides there are.
pub fn sides_text(s: &Scenario) -> String {
    let names: Vec<String> = s
        .sides
        .iter()
        .map(|x| format!("{} (led by {})", x.name, x.led_by))
        .collect();
    match s.sides.iter().find(|x| x.player_default) {
        Some(x) => format!(
            "Meant to be played as {}; the other side: {}.",
            x.name,
            s.sides
                .iter()
                .filter(|y| !y.player_default)
                .map(|y| y.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        None => format!("Either side can be played: {}.", names.join("; ")),
    }
}

/// One side's victory conditions before play, each in the scenario's
/// words with when it is judged.
pub fn conditions_text(s: &Scenario, side: usize) -> Vec<String> {
    s.victory
        .iter()
        .filter(|v| v.side.index() == side)
        .map(|v| {
            let when = if v.at_end {
                "judged when the last turn ends"
            } else {
                "wins at once, the day it holds"
            };
            format!("{} — {when}", v.description.trim_end_matches('.'))
        })
        .collect()
}

/// What the title screen says of a campaign beside its briefing: its
/// length, its sides, each side's victory conditions, and what happens
/// when none is met.
pub fn title_lines(s: &Scenario) -> Vec<String> {
    let mut out = vec![format!("Length: {}.", length_text(s)), sides_text(s)];
    for (i, side) in s.sides.iter().enumerate() {
        let conditions = conditions_text(s, i);
        if conditions.is_empty() {
            out.push(format!(
                "{} has no victory condition of its own.",
                side.name
            ));
        } else {
            out.push(format!("Victory for {}:", side.name));
            out.extend(conditions.into_iter().map(|c| format!("  • {c}")));
        }
    }
    out.push(
        "If no side's condition holds when the last turn ends, the campaign is a draw.".into(),
    );
    out
}
