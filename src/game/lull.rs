//! Ending turns through a lull: whether a turn just played holds anything
//! the player would want to stop for (a battle, a city taken, the
//! scenario's own news, an army come onto the map or at the end of its
//! orders, an enemy come into sight, one of its armies starving or held on
//! its way by an enemy, the end of the campaign). A pure
//! function of the turn's events and the states before and after it, as
//! the player's side sees them; the desktop's "end turns until something
//! happens" plays turns one after another until it says stop, or
//! [`MAX_TURNS`] have gone by.

use crate::game::fog::seen_armies;
use crate::rules::event::Event;
use crate::rules::params::Rules;
use crate::rules::state::State;
use crate::scenario::Scenario;
use crate::scenario::model::{ArmyId, SideId};

/// The most turns ended in one go, whatever happens.
pub const MAX_TURNS: u32 = 20;

/// Why a run of turns stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// The campaign is over.
    Over,
    /// A battle the side saw, or fought in.
    Battle,
    /// A city fell.
    CityFell,
    /// The scenario's own news: an event fell due.
    Message,
    /// An army came onto the map, or one of the side's armies finished its orders.
    Arrival,
    /// An enemy army came into sight, or one lying hidden was found out.
    Contact,
    /// One of the side's armies went hungry: men lost to want of food.
    Hunger,
    /// One of the side's armies was held on its road (or in a region on its
    /// way) by an enemy, and was not at the start of the turn.
    Held,
    /// [`MAX_TURNS`] turns went by.
    Cap,
}

impl Stop {
    /// The reason in words, for the player.
    pub fn text(self) -> &'static str {
        match self {
            Stop::Over => "the campaign is over",
            Stop::Battle => "a battle was fought",
            Stop::CityFell => "a city fell",
            Stop::Message => "news came",
            Stop::Arrival => "an army arrived or finished its orders",
            Stop::Contact => "an enemy came into sight",
            Stop::Hunger => "an army of yours is starving",
            Stop::Held => "an army of yours is held on its way by an enemy",
            Stop::Cap => "that is as many turns as are ended in one go",
        }
    }
}

/// Whether the turn that led from `before` to `after` with these events
/// holds something for `side` to stop for, and the first such thing.
/// What the side could not see (an unseen enemy's march, a battle between
/// armies it saw at neither end of the turn) never stops it, so the run
/// gives nothing away.
pub fn stop_for(
    s: &Scenario,
    rules: &Rules,
    before: &State,
    after: &State,
    side: SideId,
    events: &[Event],
) -> Option<Stop> {
    let seen_before = seen_armies(s, rules, before, side);
    let seen_after = seen_armies(s, rules, after, side);
    let seen = |a: &ArmyId| {
        seen_before.get(a.index()).copied().unwrap_or(false)
            || seen_after.get(a.index()).copied().unwrap_or(false)
    };
    let mine = |a: &ArmyId| {
        after
            .armies
            .get(a.index())
            .is_some_and(|x| s.side_of(x.faction) == side)
    };
    let mut found: Option<Stop> = None;
    let mut note = |stop: Stop| {
        // The weightiest reason wins: the order of the enum.
        if found.is_none_or(|f| (stop as u8) < (f as u8)) {
            found = Some(stop);
        }
    };
    for e in events {
        match e {
            Event::Ended(_) => note(Stop::Over),
            Event::BattleFought(b) => {
                if b.attackers
                    .iter()
                    .chain(&b.defenders)
                    .any(|f| seen(&f.army))
                {
                    note(Stop::Battle);
                }
            }
            Event::BattleGoesOn { army, .. } if seen(army) => note(Stop::Battle),
            Event::CityFell { .. } => note(Stop::CityFell),
            Event::ScenarioEvent { .. } => note(Stop::Message),
            Event::Arrived { army, .. } if seen(army) => note(Stop::Arrival),
            Event::OrderDone { army } if mine(army) => {
                let idle = after
                    .armies
                    .get(army.index())
                    .is_some_and(|x| x.active() && x.orders.is_empty());
                if idle {
                    note(Stop::Arrival);
                }
            }
            Event::Spotted { army } if seen(army) && !mine(army) => note(Stop::Contact),
            Event::Starved { army, .. } if mine(army) => note(Stop::Hunger),
            _ => {}
        }
    }
    // An enemy in sight now that was not at the start of the turn.
    let came_into_sight = (0..after.armies.len()).any(|i| {
        let x = &after.armies[i];
        x.active()
            && s.side_of(x.faction) != side
            && seen_after.get(i).copied().unwrap_or(false)
            && !seen_before.get(i).copied().unwrap_or(false)
    });
    if came_into_sight {
        note(Stop::Contact);
    }
    // An army of the side newly held on its way.
    let held = |st: &State, i: usize| {
        crate::game::notes::blocked(s, rules, st, ArmyId(i as u16)).is_some()
    };
    let newly_held = (0..after.armies.len()).any(|i| {
        let x = &after.armies[i];
        x.active()
            && s.side_of(x.faction) == side
            && held(after, i)
            && !(i < before.armies.len() && held(before, i))
    });
    if newly_held {
        note(Stop::Held);
    }
    found
}

#[cfg(test)]
#[path = "lull_tests.rs"]
mod tests;
