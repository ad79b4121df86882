//! The searching opponent: for the side it plays it makes candidate plans
//! (the rule-based orders and variations of them, one army at a time) and
//! scores each by playing the game forward through the real engine, over
//! several seeds and a few turns, with the rule-based AI as the fast policy
//! for every side inside the playouts. It gives the best plan's orders.
//!
//! It sees only what its side may, under the player's fog of war
//! (`game::fog`): enemy armies its side does not see are taken out
//! of the states it plays forward. Its dice are its own (seeded from the
//! game's seed, the turn and the side), so its thinking never touches the
//! game's generator, and the same game with the same seed plays the same.

use std::borrow::Cow;

use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{Rng, SeedableRng};

use super::{Level, orders_for_side};
use crate::core::order::Order;
use crate::game::fog;
use crate::game::play::{Game, Player};
use crate::game::record::TurnOrders;
use crate::rules::check::check;
use crate::rules::conditions::holds;
use crate::rules::params::Rules;
use crate::rules::state::{Outcome, State};
use crate::scenario::model::*;
use crate::scenario::raw::Timing;

/// How much better, in the evaluation's points averaged over the seeds, a
/// plan must score than the best so far to replace it.
const SWITCH_MARGIN: f64 = 5.0;

/// How much a level thinks: plans tried, seeds per plan, turns ahead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    pub plans: usize,
    pub seeds: usize,
    pub horizon: u32,
}

impl Level {
    /// The thinking budget of a searching level; none for `easy`.
    pub fn budget(self) -> Option<Budget> {
        match self {
            Level::Easy => None,
            Level::Normal => Some(Budget {
                plans: 16,
                seeds: 6,
                horizon: 40,
            }),
            Level::Hard => Some(Budget {
                plans: 32,
                seeds: 12,
                horizon: 60,
            }),
        }
    }
}

/// Candidate plans: the rule-based orders, then each of the side's armies
/// given another order the rules allow, one change per plan.
fn candidates(
    s: &Scenario,
    rules: &Rules,
    st: &State,
    side: SideId,
    most: usize,
) -> Vec<TurnOrders> {
    let base = orders_for_side(s, rules, st, side);
    let mut plans = vec![base.clone()];
    let armies: Vec<ArmyId> = (0..st.armies.len())
        .map(|i| ArmyId(i as u16))
        .filter(|a| {
            let x = st.army(*a);
            x.active() && !x.routed && s.side_of(x.faction) == side
        })
        .collect();
    let foes: Vec<ArmyId> = (0..st.armies.len())
        .map(|i| ArmyId(i as u16))
        .filter(|b| fog::sees(s, rules, st, side, *b) && s.side_of(st.army(*b).faction) != side)
        .collect();
    for a in &armies {
        let mut options = vec![
            Order::Hold,
            Order::Fortify,
            Order::Besiege,
            Order::Assault {
                timing: Timing::Dawn,
            },
        ];
        for b in &foes {
            options.push(Order::Attack {
                target: *b,
                timing: Timing::Dawn,
            });
        }
        for r in st.army(*a).region().into_iter().flat_map(|r| {
            s.regions[r.index()]
                .routes
                .iter()
                .map(move |rt| s.routes[rt.index()].other(r))
        }) {
            options.push(Order::March { to: r, via: vec![] });
            options.push(Order::Withdraw { to: r });
        }
        let current = base
            .iter()
            .find(|(x, _)| x == a)
            .map(|(_, o)| o.clone())
            .unwrap_or_else(|| st.army(*a).orders.iter().cloned().collect());
        for o in options {
            if current.first() == Some(&o) || check(s, rules, st, *a, &o).is_err() {
                continue;
            }
            let mut plan: TurnOrders = base.iter().filter(|(x, _)| x != a).cloned().collect();
            plan.push((*a, vec![o]));
            plans.push(plan);
        }
    }
    // Keep the rule-based plan and an even spread of the others.
    if plans.len() > most {
        let step = (plans.len() - 1) as f64 / (most - 1).max(1) as f64;
        let picked: Vec<TurnOrders> = (0..most)
            .map(|k| plans[((k as f64 * step).round() as usize).min(plans.len() - 1)].clone())
            .collect();
        plans = picked;
    }
    plans
}

/// How good a state is for `side`: the scenario's own victory conditions
/// first, then the share of fighting men and of walled cities it holds.
pub fn evaluate(s: &Scenario, st: &State, side: SideId) -> f64 {
    match &st.outcome {
        Some(Outcome::Victory { side: w, .. }) => return if *w == side { 1000.0 } else { -1000.0 },
        Some(Outcome::Draw) => return 0.0,
        None => {}
    }
    let conditions: f64 = s
        .victory
        .iter()
        .filter(|v| holds(st, &v.when))
        .map(|v| if v.side == side { 100.0 } else { -100.0 })
        .sum();
    let (mut mine, mut all) = (0.0f64, 0.0f64);
    for a in st.armies.iter().filter(|a| a.active()) {
        let men = a.strength() as f64 * (0.5 + 0.5 * a.morale.clamp(0.0, 1.0));
        all += men;
        if s.side_of(a.faction) == side {
            mine += men;
        }
    }
    let (mut held, mut cities) = (0.0f64, 0.0f64);
    for (i, r) in s.regions.iter().enumerate() {
        if r.walls != crate::scenario::raw::Walls::None {
            cities += 1.0;
            if st.regions[i].control.is_some_and(|f| s.side_of(f) == side) {
                held += 1.0;
            }
        }
    }
    conditions + 100.0 * mine / all.max(1.0) + 50.0 * held / cities.max(1.0)
}

/// The searching AI's orders for `side`, thinking within `budget`; `seed`
/// starts its own dice.
pub fn search_orders(
    s: &Scenario,
    rules: &Rules,
    st: &State,
    side: SideId,
    budget: Budget,
    seed: u64,
) -> TurnOrders {
    let seen = fog::as_seen_by(s, rules, st, side);
    let plans = candidates(s, rules, &seen, side, budget.plans);
    if plans.len() == 1 {
        return plans.into_iter().next().unwrap_or_default();
    }
    let mut dice = ChaCha8Rng::seed_from_u64(seed);
    // The same seeds for every plan, so plans are compared on the same luck.
    let seeds: Vec<u64> = (0..budget.seeds).map(|_| dice.next_u64()).collect();
    let players: Vec<Player> = (0..s.sides.len())
        .map(|i| {
            if i == side.index() {
                Player::Human
            } else {
                Player::Computer
            }
        })
        .collect();
    let mut best: Option<(f64, usize)> = None;
    for (k, plan) in plans.iter().enumerate() {
        let mut total = 0.0;
        for seed in &seeds {
            let mut state = seen.clone();
            state.rng = ChaCha8Rng::seed_from_u64(*seed);
            let mut game = Game::from_state(
                Cow::Borrowed(s),
                Cow::Borrowed(rules),
                state,
                players.clone(),
            );
            let mut played = game.play_turn(plan.clone());
            game.set_player(side, Player::Computer);
            for _ in 1..budget.horizon {
                if played.over {
                    break;
                }
                played = game.play_turn(Vec::new());
            }
            total += evaluate(s, game.state(), side);
        }
        let mean = total / seeds.len() as f64;
        // Another plan must beat the rule-based one (the first) by a clear margin,
        // not by the luck of a few seeds.
        let bar = if k == 0 {
            f64::NEG_INFINITY
        } else {
            SWITCH_MARGIN
        };
        if best.is_none_or(|(b, _)| mean > b + bar) {
            best = Some((mean, k));
        }
    }
    let k = best.map_or(0, |(_, k)| k);
    plans.into_iter().nth(k).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::catalog::shipped;

    fn scenarios() -> (Vec<Scenario>, Rules) {
        let rules = Rules::shipped().unwrap();
        let all = shipped(&rules)
            .into_iter()
            .filter_map(|e| e.scenario)
            .collect();
        (all, rules)
    }

    #[test]
    fn every_order_of_a_searched_plan_passes_the_check_and_the_same_seed_gives_the_same_plan() {
        let (all, rules) = scenarios();
        let budget = Budget {
            plans: 6,
            seeds: 2,
            horizon: 2,
        };
        for s in &all {
            let st = State::new(s, &rules, 5);
            for side in 0..s.sides.len() {
                let side = SideId(side as u16);
                let plan = search_orders(s, &rules, &st, side, budget, 9);
                for (a, orders) in &plan {
                    assert_eq!(s.side_of(st.army(*a).faction), side);
                    assert!(
                        check(s, &rules, &st, *a, &orders[0]).is_ok(),
                        "{}: {orders:?}",
                        s.id
                    );
                }
                assert_eq!(plan, search_orders(s, &rules, &st, side, budget, 9));
            }
        }
    }

    #[test]
    fn a_hidden_army_does_not_change_the_plan() {
        let (all, rules) = scenarios();
        let s = all.iter().find(|s| s.id == "717_aksu").unwrap();
        let budget = Budget {
            plans: 8,
            seeds: 2,
            horizon: 3,
        };
        let st = State::new(s, &rules, 5);
        // Hide an enemy army of the Tang side's, then move it and halve it: the Tang plan stays.
        let tang = SideId(0);
        let enemy = (0..st.armies.len())
            .find(|i| st.armies[*i].active() && s.side_of(st.armies[*i].faction) != tang)
            .unwrap();
        let mut hidden = st.clone();
        hidden.armies[enemy].hidden = true;
        let mut moved = hidden.clone();
        moved.armies[enemy].pos = crate::rules::state::Position::At(RegionId(0));
        for m in moved.armies[enemy].men.iter_mut() {
            *m /= 2;
        }
        assert_eq!(
            search_orders(s, &rules, &hidden, tang, budget, 3),
            search_orders(s, &rules, &moved, tang, budget, 3)
        );
    }

    #[test]
    fn the_computer_plays_forward_only_the_enemies_its_side_sees() {
        // 644: from Turfan the Tang do not see the garrison of Karasahr (not
        // hidden, only out of sight), and the Karasahr side sees its own.
        let (all, rules) = scenarios();
        let s = all.iter().find(|s| s.id == "644_karasahr").unwrap();
        let st = State::new(s, &rules, 5);
        let (tang, karasahr) = (SideId(0), SideId(1));
        let garrison = s.army("karasahr_garrison").unwrap();
        assert!(!st.army(garrison).hidden);
        assert!(!fog::sees(s, &rules, &st, tang, garrison));
        assert!(!fog::as_seen_by(s, &rules, &st, tang).army(garrison).present);
        assert!(
            fog::as_seen_by(s, &rules, &st, karasahr)
                .army(garrison)
                .present
        );
        // Every army a side does see stays in what it plays forward.
        for side in [tang, karasahr] {
            let seen = fog::as_seen_by(s, &rules, &st, side);
            for i in 0..st.armies.len() {
                let a = ArmyId(i as u16);
                if st.army(a).present && fog::sees(s, &rules, &st, side, a) {
                    assert!(seen.army(a).present, "{}", st.army(a).id);
                }
            }
        }
    }
}
