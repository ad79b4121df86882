//! The computer opponent, at three levels. `easy` is a rule-based opponent
//! for either side: it sees what the player would in its place, under the
//! fog of war (`game::fog`), weighs the odds with the same numbers the rules use, and gives
//! orders only through the engine's `check`. `normal` and `hard` search
//! (`search`): they play candidate plans forward through the engine with the
//! rule-based opponent as the fast policy, thinking longer at `hard`.

pub mod search;

/// How strong the computer plays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Level {
    /// Rules of thumb; instant.
    #[default]
    Easy,
    /// Searches sixteen plans, each played to the end (at most 40 turns) over six seeds.
    Normal,
    /// Searches 32 plans, each played to the end (at most 60 turns) over twelve seeds.
    Hard,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Easy, Level::Normal, Level::Hard];

    pub fn name(self) -> &'static str {
        match self {
            Level::Easy => "easy",
            Level::Normal => "normal",
            Level::Hard => "hard",
        }
    }
}

impl std::str::FromStr for Level {
    type Err = String;
    fn from_str(s: &str) -> Result<Level, String> {
        Level::ALL
            .into_iter()
            .find(|l| l.name() == s)
            .ok_or_else(|| format!("`{s}` is not a level: easy, normal or hard"))
    }
}

impl std::fmt::Display for Level {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The computer's orders for a side at a level; `seed` starts the searching
/// levels' own dice (the game's dice are never drawn).
pub fn computer_orders(
    s: &Scenario,
    rules: &Rules,
    st: &State,
    side: SideId,
    level: Level,
    seed: u64,
) -> Vec<(ArmyId, Vec<Order>)> {
    match level.budget() {
        None => orders_for_side(s, rules, st, side),
        Some(budget) => search::search_orders(s, rules, st, side, budget, seed),
    }
}

use crate::core::order::Order;
use crate::game::fog;
use crate::rules::check::check;
use crate::rules::harry;
use crate::rules::movement::road_km;
use crate::rules::params::Rules;
use crate::rules::state::{ArmyState, Position, State};
use crate::scenario::model::*;
use crate::scenario::raw::{Timing, TroopKind, Walls};

/// Rough fighting value of an army in the open, as a commander would judge it.
pub fn judged_power(rules: &Rules, a: &ArmyState) -> f64 {
    let men: f64 = a
        .men
        .iter()
        .enumerate()
        .map(|(i, n)| *n as f64 * rules.troop(TroopKind::ALL[i]).power)
        .sum();
    men * (0.5 + 0.5 * a.morale.clamp(0.0, 1.0))
}

/// The least chance of carrying the walls at which the AI storms a city.
const STORM_ODDS: f64 = 0.6;

/// How far by road the AI's riders go to harry an enemy: two days' ride.
const HARRY_REACH_KM: f64 = 80.0;

/// Orders for every army of the side that can take one this turn.
pub fn orders_for_side(
    s: &Scenario,
    rules: &Rules,
    st: &State,
    side: SideId,
) -> Vec<(ArmyId, Vec<Order>)> {
    let mut out = Vec::new();
    for (i, a) in st.armies.iter().enumerate() {
        let id = ArmyId(i as u16);
        if !a.active() || a.routed || s.side_of(a.faction) != side {
            continue;
        }
        if let Some(o) = choose(s, rules, st, id)
            && check(s, rules, st, id, &o).is_ok()
            && a.orders.front() != Some(&o)
        {
            out.push((id, vec![o]));
        }
    }
    out
}

/// The enemies the army's side can see, under the same fog as the player.
fn enemies(s: &Scenario, rules: &Rules, st: &State, me: ArmyId) -> Vec<ArmyId> {
    let f = st.army(me).faction;
    let side = s.side_of(f);
    (0..st.armies.len())
        .map(|i| ArmyId(i as u16))
        .filter(|b| {
            fog::sees(s, rules, st, side, *b)
                && s.hostile(f, st.army(*b).faction)
                && !st.army(*b).routed
        })
        .collect()
}

fn choose(s: &Scenario, rules: &Rules, st: &State, me: ArmyId) -> Option<Order> {
    let a = st.army(me);
    let mine = judged_power(rules, a);
    let here = a.region();
    let foes = enemies(s, rules, st, me);
    let ours = |f: FactionId| !s.hostile(f, a.faction);

    // A garrison holds its walls unless the enemy at them is much weaker.
    if a.garrison {
        if let Some(r) = here {
            let at_gates: Vec<ArmyId> = foes
                .iter()
                .copied()
                .filter(|b| st.army(*b).region() == Some(r))
                .collect();
            let theirs: f64 = at_gates
                .iter()
                .map(|b| judged_power(rules, st.army(*b)))
                .sum();
            if !at_gates.is_empty() && mine > theirs * 2.0 {
                return Some(Order::Attack {
                    target: at_gates[0],
                    timing: Timing::Dawn,
                });
            }
        }
        return if a.posture == crate::scenario::raw::Posture::Fortified {
            Some(Order::Hold)
        } else {
            Some(Order::Fortify)
        };
    }

    // Beaten and weak: fall back to the nearest city of our side.
    let threatened = foes.iter().any(|b| {
        road_km(s, st.army(*b).pos, a.pos) < 60.0 && judged_power(rules, st.army(*b)) > mine * 1.5
    });
    if a.morale < 0.3 || threatened {
        if let Some(r) = nearest(s, a, |r| {
            st.regions[r.index()].control.is_some_and(ours)
                && s.regions[r.index()].walls != Walls::None
        }) {
            if Some(r) != here {
                return Some(Order::Withdraw { to: r });
            }
            return Some(Order::Fortify);
        }
    }

    // Standing at an enemy city: storm it if the garrison is weak, else besiege.
    if let Some(r) = here
        && st.regions[r.index()].control.is_some_and(|f| !ours(f))
        && s.regions[r.index()].walls != Walls::None
    {
        // Storm only when the rules' own odds favour it (horsemen at walls rarely do).
        let odds = crate::rules::combat::odds::assault_odds(s, rules, st, me).unwrap_or(1.0);
        return Some(if odds >= STORM_ODDS {
            Order::Assault {
                timing: Timing::Dawn,
            }
        } else {
            Order::Besiege
        });
    }

    // The best target in reach: an enemy army we outmatch, nearest first.
    let mut best: Option<(f64, ArmyId)> = None;
    for b in &foes {
        let theirs = judged_power(rules, st.army(*b));
        let defence = 1.3 * if st.army(*b).garrison { 3.0 } else { 1.0 };
        if mine < theirs * defence * 1.4 {
            continue;
        }
        let d = road_km(s, a.pos, st.army(*b).pos);
        if d.is_finite() && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, *b));
        }
    }
    if let Some((_, b)) = best {
        return Some(Order::Attack {
            target: b,
            timing: Timing::Dawn,
        });
    }

    // Riders who shoot from the saddle harry the nearest enemy they cannot
    // beat in battle, where the day's trade is two of theirs for one of ours
    // or better, by the rules' own odds.
    if harry::can_harry(rules, st, me) {
        let mut best: Option<(f64, ArmyId)> = None;
        for b in &foes {
            let t = st.army(*b);
            if t.garrison {
                continue;
            }
            // Nothing to gain behind its walls: the odds say so (no losses).
            let day = harry::harrying(s, rules, st, me, *b);
            if day.lost == 0 || u64::from(day.lost) < 2 * u64::from(day.harriers_lost) {
                continue;
            }
            let d = road_km(s, a.pos, t.pos);
            if d <= HARRY_REACH_KM && best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, *b));
            }
        }
        if let Some((_, b)) = best {
            return Some(Order::Harry { target: b });
        }
    }

    // Otherwise march on the nearest enemy city no stronger army guards.
    if let Some(r) = nearest(s, a, |r| {
        st.regions[r.index()].control.is_some_and(|f| !ours(f))
            && foes
                .iter()
                .filter(|b| st.army(**b).region() == Some(r))
                .map(|b| judged_power(rules, st.army(*b)))
                .sum::<f64>()
                * 2.0
                < mine
    }) && Some(r) != here
    {
        return Some(Order::March { to: r, via: vec![] });
    }

    // Nothing to gain: hold and dig in.
    Some(if a.posture == crate::scenario::raw::Posture::Fortified {
        Order::Hold
    } else {
        Order::Fortify
    })
}

fn nearest(s: &Scenario, a: &ArmyState, want: impl Fn(RegionId) -> bool) -> Option<RegionId> {
    (0..s.regions.len())
        .map(|i| RegionId(i as u16))
        .filter(|r| want(*r))
        .map(|r| (road_km(s, a.pos, Position::At(r)), r))
        .filter(|(d, _)| d.is_finite())
        .min_by(|x, y| x.0.total_cmp(&y.0))
        .map(|(_, r)| r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    use crate::game::catalog::shipped;
    use crate::game::{Game, Player};
    use crate::rules::event::Event;

    #[test]
    fn both_sides_played_by_the_ai_finish_every_scenario_within_the_rules() {
        let rules = Rules::shipped().unwrap();
        for s in shipped(&rules).into_iter().filter_map(|e| e.scenario) {
            let (mut game, _) = Game::new(
                Cow::Borrowed(&s),
                Cow::Borrowed(&rules),
                3,
                vec![Player::Computer; s.sides.len()],
                true,
            );
            let mut given = 0;
            loop {
                let played = game.play_turn(Vec::new());
                given += played
                    .events
                    .iter()
                    .filter(|e| matches!(e, Event::OrdersSet { .. }))
                    .count();
                game.state().check_invariants().unwrap();
                if played.over {
                    break;
                }
            }
            let st = game.state();
            assert!(st.outcome.is_some(), "{}", s.id);
            assert!(given > 0, "{}: the AI never gave an order", s.id);
        }
    }
}
