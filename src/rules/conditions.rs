//! Evaluating a scenario's conditions (victory, event triggers, outcome
//! checks) and measures against a state.

use super::state::{Fate, Losses, State};
use crate::scenario::model::*;
use crate::scenario::raw::LossKind;

/// Share of their men (raised) the armies have lost, of the given kinds.
pub fn loss_share(st: &State, armies: &[ArmyId], kinds: &[crate::scenario::raw::LossKind]) -> f64 {
    let raised: u32 = armies.iter().map(|a| st.army(*a).raised).sum();
    if raised == 0 {
        return 0.0;
    }
    let lost: u32 = armies
        .iter()
        .map(|a| count(&st.army(*a).losses, kinds))
        .sum();
    lost as f64 / raised as f64
}

const ALL_LOSSES: [crate::scenario::raw::LossKind; 4] = [
    crate::scenario::raw::LossKind::Killed,
    crate::scenario::raw::LossKind::Wounded,
    crate::scenario::raw::LossKind::Captured,
    crate::scenario::raw::LossKind::Dispersed,
];

pub fn holds(st: &State, c: &Condition) -> bool {
    match c {
        Condition::Controls { region, by } => st.regions[region.index()]
            .control
            .is_some_and(|f| by.contains(f)),
        Condition::EverControlled { region, by } => {
            by.0.iter()
                .any(|f| st.regions[region.index()].ever & (1u64 << (f.0 % 64)) != 0)
        }
        Condition::Captured(c) => st.commanders[c.index()].ever_captured,
        Condition::Dead(c) => {
            matches!(st.commanders[c.index()].fate, Fate::Killed | Fate::Executed)
        }
        Condition::Lost { armies, share } => {
            armies.iter().any(|a| st.army(*a).raised > 0)
                && loss_share(st, armies, &ALL_LOSSES) >= *share
        }
        Condition::Beaten(a) => st.army(*a).beaten,
        Condition::WonAgainst { winner, loser } => st
            .battles
            .iter()
            .any(|b| b.winners.contains(winner) && b.losers.contains(loser)),
        Condition::FirstBattleWon(a) => st.army(*a).first_battle == Some(true),
        Condition::FewerLosses { these, than } => {
            st.faction_losses(these).total() < st.faction_losses(than).total()
        }
        Condition::SeatAt { seat, region } => st.seats.get(seat) == Some(region),
        Condition::ArmyAt { army, region } => {
            st.army(*army).active() && st.army(*army).region() == Some(*region)
        }
        Condition::All(list) => list.iter().all(|c| holds(st, c)),
        Condition::Any(list) => list.iter().any(|c| holds(st, c)),
        Condition::Not(c) => !holds(st, c),
    }
}

/// False when the condition can never hold again whatever happens next: a
/// commander who had to be taken is dead, a first battle that had to be won
/// was lost, or a thing that must not happen has happened for good. True
/// when it holds or still may (the answer errs on the side of "may").
pub fn still_possible(st: &State, c: &Condition) -> bool {
    match c {
        Condition::Captured(k) => {
            let cm = &st.commanders[k.index()];
            cm.ever_captured || !matches!(cm.fate, Fate::Killed | Fate::Executed)
        }
        Condition::FirstBattleWon(a) => st.army(*a).first_battle != Some(false),
        Condition::All(list) => list.iter().all(|c| still_possible(st, c)),
        Condition::Any(list) => list.iter().any(|c| still_possible(st, c)),
        Condition::Not(c) => !locked_in(st, c),
        _ => true,
    }
}

/// True when the condition holds and nothing can undo it: a capture or a
/// death, a region once held, losses (they only grow), a defeat, a battle won.
fn locked_in(st: &State, c: &Condition) -> bool {
    let forever = match c {
        Condition::Captured(_)
        | Condition::Dead(_)
        | Condition::EverControlled { .. }
        | Condition::Lost { .. }
        | Condition::Beaten(_)
        | Condition::WonAgainst { .. }
        | Condition::FirstBattleWon(_) => true,
        Condition::All(list) => list.iter().all(|c| locked_in(st, c)),
        Condition::Any(list) => list.iter().any(|c| locked_in(st, c)),
        Condition::Not(c) => !still_possible(st, c),
        _ => false,
    };
    forever && holds(st, c)
}

/// The value of a measure in a state.
pub fn measure(st: &State, m: &Measure) -> f64 {
    match m {
        Measure::Losses { factions, kinds } => st
            .armies
            .iter()
            .filter(|a| factions.contains(a.faction))
            .map(|a| count(&a.losses, kinds))
            .sum::<u32>() as f64,
        Measure::LossShare { armies, kinds } => loss_share(st, armies, kinds),
    }
}

/// Men lost of the listed kinds.
fn count(l: &Losses, kinds: &[LossKind]) -> u32 {
    kinds
        .iter()
        .map(|k| match k {
            LossKind::Killed => l.killed,
            LossKind::Wounded => l.wounded,
            LossKind::Captured => l.captured,
            LossKind::Dispersed => l.dispersed,
        })
        .sum()
}
