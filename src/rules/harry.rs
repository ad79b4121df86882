//! Harrying: horsemen who shoot from the saddle ride round an enemy army
//! without closing (`Order::Harry`). Each day in contact their arrows bring
//! down men of the army and cut off its stragglers and water parties, the
//! army's own horse and archers bring down some of them, and the army can
//! neither forage nor graze and is worn down. The odds of a day of it,
//! [`harrying`], are apart from the day itself, so that the order's preview,
//! the computer and the rules read the same numbers.

use super::apply::harried_days_on;
use super::contact::in_contact;
use super::event::Event;
use super::movement::terrain_at;
use super::params::Rules;
use super::state::*;
use super::turn::Log;
use crate::core::order::Order;
use crate::rules::combat::fight::{split_losses, spread};
use crate::scenario::model::*;
use crate::scenario::raw::{TroopKind, Walls};

/// A day of harrying, worked out before it is fought.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Harrying {
    /// The harriers' shooting from the saddle (men times troop `skirmish`,
    /// times the ground's factor for mounted troops).
    pub shooting: f64,
    /// The harried army's screen: men times troop `pursuit`, those who can
    /// ride out and drive the harriers off.
    pub screen: f64,
    /// The harriers' liberty, shooting over shooting and screen: 0 when the
    /// screen keeps them off, 1 when nothing does.
    pub liberty: f64,
    /// Men the harried army loses in the day to the riders.
    pub lost: u32,
    /// Days in a row the army will have been harried, this day counted.
    pub days: u32,
    /// Men it loses besides to thirst, its water gone (`harry.water_days`).
    pub thirst: u32,
    /// Men the harriers lose.
    pub harriers_lost: u32,
    /// The harried army's morale after the day.
    pub morale: f64,
}

/// The odds of army `by` harrying army `target` for a day where the target
/// stands: each rider shooting at liberty brings down `harry.per_rider` men
/// a day, at most `harry.max_share` of the army; the screen brings down the
/// riders the same way at the liberty it leaves itself; the army's morale
/// falls by `harry.morale` at full liberty. Harried more days in a row than
/// its water lasts (`harry.water_days`), the army loses `harry.thirst` of
/// its men besides at full liberty. Nothing, behind the walls of a city of
/// its side.
pub fn harrying(s: &Scenario, rules: &Rules, st: &State, by: ArmyId, target: ArmyId) -> Harrying {
    let h = &rules.harry;
    let ground = rules.terrain(terrain_at(s, st.army(target).pos));
    let value = |a: ArmyId, of: &dyn Fn(TroopKind) -> f64| -> f64 {
        st.army(a)
            .men
            .iter()
            .zip(TroopKind::ALL)
            .map(|(n, k)| f64::from(*n) * of(k))
            .sum()
    };
    // Behind the walls of a city of its side the army is out of reach.
    let reach = if behind_own_walls(s, st, target) {
        0.0
    } else {
        1.0
    };
    let shooting = value(by, &|k| rules.troop(k).skirmish) * ground.mounted * reach;
    let screen = value(target, &|k| rules.troop(k).pursuit);
    let liberty = if shooting > 0.0 {
        shooting / (shooting + screen)
    } else {
        0.0
    };
    let capped = |n: f64, men: u32| -> u32 {
        (n.max(0.0)
            .min(h.max_share.clamp(0.0, 1.0) * f64::from(men))
            .round() as u32)
            .min(men)
    };
    let men = st.army(target).strength();
    let lost = capped(h.per_rider * shooting * liberty, men);
    let days = harried_days_on(st.army(target), st.day);
    let thirst = if f64::from(days) > h.water_days {
        let n = f64::from(men - lost) * h.thirst.clamp(0.0, 1.0) * liberty;
        (n.round() as u32).min(men - lost)
    } else {
        0
    };
    let harriers_lost = capped(
        h.per_rider * screen * (1.0 - liberty),
        st.army(by).strength(),
    );
    let morale = (st.army(target).morale - h.morale * liberty).clamp(0.0, 1.0);
    Harrying {
        shooting,
        screen,
        liberty,
        lost,
        days,
        thirst,
        harriers_lost,
        morale,
    }
}

/// Whether army `a` has men who can harry (any troop kind with `skirmish`).
pub fn can_harry(rules: &Rules, st: &State, a: ArmyId) -> bool {
    st.army(a)
        .men
        .iter()
        .zip(TroopKind::ALL)
        .any(|(n, k)| *n > 0 && rules.troop(k).skirmish > 0.0)
}

/// The day's harrying: every army with a harry order in contact with its
/// target, neither of them having fought a battle today, shoots into it.
pub(super) fn harry(s: &Scenario, rules: &Rules, st: &mut State, log: &mut Log) {
    for i in 0..st.armies.len() {
        let a = ArmyId(i as u16);
        let army = st.army(a);
        let Some(Order::Harry { target }) = army.orders.front() else {
            continue;
        };
        let target = *target;
        if !army.active()
            || army.routed
            || !st.army(target).active()
            || !in_contact(s, rules, st, a, target)
            || fought_today(st, a)
            || fought_today(st, target)
        {
            continue;
        }
        let day = harrying(s, rules, st, a, target);
        if day.shooting <= 0.0 {
            continue;
        }
        let split = rules.battle.fighting_split;
        let mut losses = split_losses(day.lost, split);
        // The parched fall out: half die, half are lost to the army.
        losses.killed += day.thirst / 2;
        losses.dispersed += day.thirst - day.thirst / 2;
        let harriers_losses = split_losses(day.harriers_lost, split);
        let lost = spread(&st.army(target).men, losses.total());
        let harriers_lost = spread(&st.army(a).men, harriers_losses.total());
        log.emit(
            st,
            Event::Harried {
                army: target,
                by: a,
                losses,
                thirst: day.thirst,
                lost,
                harriers_losses,
                harriers_lost,
                morale: day.morale,
            },
        );
    }
}

/// Army `a` stands in a walled city its side holds, fed from its stores and
/// its wells, where riders outside cannot get at it.
pub fn behind_own_walls(s: &Scenario, st: &State, a: ArmyId) -> bool {
    let army = st.army(a);
    army.region().is_some_and(|r| {
        s.regions[r.index()].walls != Walls::None
            && st.regions[r.index()]
                .control
                .is_some_and(|f| !s.hostile(f, army.faction))
    })
}

/// Army `a` fought a battle today.
pub(super) fn fought_today(st: &State, a: ArmyId) -> bool {
    st.battles_today()
        .any(|r| r.winners.contains(&a) || r.losers.contains(&a))
}
