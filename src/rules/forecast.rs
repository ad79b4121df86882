//! Forecasts: the battle an order would bring, fought from the current state
//! over many seeds by the rules' own battle ([`fight`], day after day while
//! [`goes_on`] says it does), on copies of the state, so nothing in the game
//! changes. The same setups the turn uses ([`attack_setup`],
//! [`assault_setup`], [`ambush_setup`]) say who fights; an attack on an
//! army not yet reached is fought where that army stands now.
//!
//! A forecast draws from its own seeds, never from the game's generator:
//! it tells the chances, not what this game's dice will do. Give it the
//! state as the attacker's side sees it (`game::fog`), and it tells no more
//! than that side knows.

use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::SeedableRng;

use super::apply::apply;
use super::check::check;
use super::combat::odds::{self, SideFactors};
use super::combat::{Setup, fight};
use super::contact::{ambush_setup, attack_setup, goes_on, hostile_here};
use super::event::{BattleKind, Event};
use super::params::Rules;
use super::siege::assault_setup;
use super::state::*;
use crate::core::order::Order;
use crate::scenario::model::*;
use crate::scenario::raw::Timing;

/// Seeded runs in a forecast the panels show.
pub const RUNS: u32 = 500;

/// The first of a forecast's own seeds; run i draws from seed `SEED + i`.
pub const SEED: u64 = 0x5EED_0DD5;

/// The battle to forecast: what the army is ordered to do.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Plan {
    /// Attack an army, at a time of day.
    Attack { target: ArmyId, timing: Timing },
    /// Pursue an army (caught by day).
    Pursue { target: ArmyId },
    /// Storm the walls of the region where the army stands.
    Assault { timing: Timing },
    /// Lie in ambush where the army stands, and `victim` walks in.
    Ambush { victim: ArmyId },
}

/// Men lost over the battle by one side: the 10th, 50th and 90th percentile
/// of the runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spread {
    pub p10: u32,
    pub median: u32,
    pub p90: u32,
}

/// A commander's chances in the battle.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Peril {
    pub commander: CommanderId,
    /// On the attacking side.
    pub attacking: bool,
    pub captured: f64,
    pub killed: f64,
}

/// One factor on the sides' power: the factor on the attackers' and on the
/// defenders' (1 where it does not apply to that side).
#[derive(Debug, Clone, PartialEq)]
pub struct Factor {
    pub name: String,
    pub attack: f64,
    pub defence: f64,
}

/// What a battle is likely to bring.
#[derive(Debug, Clone, PartialEq)]
pub struct Forecast {
    pub kind: BattleKind,
    pub runs: u32,
    pub attackers: Vec<ArmyId>,
    pub defenders: Vec<ArmyId>,
    pub attack_men: u32,
    pub defence_men: u32,
    /// Share of the runs the attackers won (carried the walls, for an
    /// assault); over several days, the last day's winner.
    pub win: f64,
    /// Share of the runs the defenders broke and were pursued.
    pub defenders_broke: f64,
    /// Share the attackers broke.
    pub attackers_broke: f64,
    /// The attackers' chance of surprise on the first day.
    pub surprise: f64,
    /// The factor surprise puts on the attackers' power when it comes.
    pub surprise_power: f64,
    /// Mean days fought.
    pub days: f64,
    pub attack_losses: Spread,
    pub defence_losses: Spread,
    /// Every commander in the battle, attackers' first.
    pub perils: Vec<Peril>,
    /// Attack power over defence power on the first day, without surprise,
    /// before the day's chance.
    pub ratio: f64,
    /// The factors in that ratio.
    pub factors: Vec<Factor>,
}

/// The state the battle `army` would fight under `plan` starts from (an
/// attacker moved to its target), and the battle's first day. None when
/// there is no such battle: the rules refuse the order (`check`), or there
/// is no enemy to storm, or the target is gone or not hostile.
fn first_day(
    s: &Scenario,
    rules: &Rules,
    st: &State,
    army: ArmyId,
    plan: Plan,
) -> Option<(State, Setup)> {
    let a = st.army(army);
    let order = match plan {
        Plan::Attack { target, timing } => Order::Attack { target, timing },
        Plan::Pursue { target } => Order::Pursue { target },
        Plan::Assault { timing } => Order::Assault { timing },
        Plan::Ambush { .. } => Order::Ambush,
    };
    if !a.active() || a.routed || check(s, rules, st, army, &order).is_err() {
        return None;
    }
    let hostile_army = |t: ArmyId| {
        let x = st.army(t);
        x.active() && s.hostile(a.faction, x.faction)
    };
    let mut start = st.clone();
    let setup = match plan {
        Plan::Attack { target, .. } | Plan::Pursue { target } => {
            if !hostile_army(target) {
                return None;
            }
            let timing = match plan {
                Plan::Attack { timing, .. } => timing,
                _ => Timing::Day,
            };
            let w = &mut start.armies[army.index()];
            w.pos = st.army(target).pos;
            w.orders = [order].into();
            w.battle_day = 0;
            attack_setup(s, rules, &start, army, target, timing)
        }
        Plan::Assault { timing } => {
            let r = a.region()?;
            let defenders = hostile_here(s, st, army, r);
            if defenders.is_empty() {
                return None;
            }
            assault_setup(s, st, army, r, &defenders, timing)
        }
        Plan::Ambush { victim } => {
            let r = a.region()?;
            if !hostile_army(victim) {
                return None;
            }
            start.armies[victim.index()].pos = Position::At(r);
            ambush_setup(s, rules, &start, army, &[victim])
        }
    };
    Some((start, setup))
}

/// Forecasts the battle `army` would fight under `plan`, over `runs` seeds.
/// None when there is no such battle.
pub fn forecast(
    s: &Scenario,
    rules: &Rules,
    st: &State,
    army: ArmyId,
    plan: Plan,
    runs: u32,
) -> Option<Forecast> {
    let (start, setup) = first_day(s, rules, st, army, plan)?;
    let runs = runs.max(1);
    let ids = |list: &[(ArmyId, f64)]| list.iter().map(|(a, _)| *a).collect::<Vec<_>>();
    let (attackers, defenders) = (ids(&setup.attackers), ids(&setup.defenders));
    let commanders = |list: &[ArmyId]| -> Vec<CommanderId> {
        list.iter()
            .flat_map(|a| {
                let x = start.army(*a);
                x.commander.into_iter().chain(x.companions.iter().copied())
            })
            .collect()
    };
    let (att_cmd, def_cmd) = (commanders(&attackers), commanders(&defenders));
    let target = match plan {
        Plan::Attack { target, .. } | Plan::Pursue { target } => Some(target),
        _ => None,
    };
    let timing = setup.timing;

    let (mut wins, mut att_broke, mut def_broke, mut days) = (0u32, 0u32, 0u32, 0u32);
    let (mut att_lost, mut def_lost) = (Vec::new(), Vec::new());
    let mut fates = vec![(0u32, 0u32); att_cmd.len() + def_cmd.len()];
    for i in 0..runs {
        let mut w = start.clone();
        w.rng = ChaCha8Rng::seed_from_u64(SEED.wrapping_add(u64::from(i)));
        let mut day_setup = setup.clone();
        let (mut lost_a, mut lost_d, mut won) = (0u32, 0u32, false);
        let (mut a_broke, mut d_broke) = (false, false);
        loop {
            days += 1;
            let events = fight(s, rules, &mut w, day_setup.clone());
            let mut broke = false;
            for e in &events {
                match e {
                    Event::BattleFought(b) => {
                        won = b.attacker_won;
                        lost_a += b.attackers.iter().map(|f| f.losses.total()).sum::<u32>();
                        lost_d += b.defenders.iter().map(|f| f.losses.total()).sum::<u32>();
                    }
                    Event::Routed { army: r } => {
                        broke = true;
                        if attackers.contains(r) {
                            a_broke = true;
                        } else {
                            d_broke = true;
                        }
                    }
                    Event::CommanderFate {
                        commander, fate, ..
                    } => {
                        if let Some(k) = att_cmd.iter().chain(&def_cmd).position(|c| c == commander)
                        {
                            match fate {
                                Fate::Captured => fates[k].0 += 1,
                                Fate::Killed => fates[k].1 += 1,
                                _ => {}
                            }
                        }
                    }
                    _ => {}
                }
            }
            let Some(t) = target else { break };
            let Some((day, fatigue)) = goes_on(s, rules, &w, army, t, &day_setup, broke) else {
                break;
            };
            apply(&mut w, &Event::BattleGoesOn { army, day, fatigue });
            day_setup = attack_setup(s, rules, &w, army, t, timing);
        }
        wins += u32::from(won);
        att_broke += u32::from(a_broke);
        def_broke += u32::from(d_broke);
        att_lost.push(lost_a);
        def_lost.push(lost_d);
    }

    let n = f64::from(runs);
    let share = |k: u32| f64::from(k) / n;
    let perils = att_cmd
        .iter()
        .map(|c| (*c, true))
        .chain(def_cmd.iter().map(|c| (*c, false)))
        .zip(&fates)
        .map(|((commander, attacking), (taken, killed))| Peril {
            commander,
            attacking,
            captured: share(*taken),
            killed: share(*killed),
        })
        .collect();
    let powers = odds::powers(s, rules, &start, &setup, false);
    let att_f = odds::side_factors(rules, &start, &setup.attackers, setup.terrain);
    let def_f = odds::side_factors(rules, &start, &setup.defenders, setup.terrain);
    Some(Forecast {
        kind: setup.kind,
        runs,
        attack_men: att_f.men,
        defence_men: def_f.men,
        attackers,
        defenders,
        win: share(wins),
        defenders_broke: share(def_broke),
        attackers_broke: share(att_broke),
        surprise: odds::surprise_chance(s, rules, &start, &setup),
        surprise_power: rules.battle.surprise_power,
        days: f64::from(days) / n,
        attack_losses: spread(att_lost),
        defence_losses: spread(def_lost),
        perils,
        ratio: powers.attack / powers.defence.max(1e-9),
        factors: factors(&att_f, &def_f, &powers.modifiers),
    })
}

/// The 10th, 50th and 90th percentiles (nearest rank) of the runs.
fn spread(mut v: Vec<u32>) -> Spread {
    v.sort_unstable();
    let at = |q: usize| {
        v.get((v.len().saturating_sub(1)) * q / 100)
            .copied()
            .unwrap_or(0)
    };
    Spread {
        p10: at(10),
        median: at(50),
        p90: at(90),
    }
}

/// The factors of a battle's power, each side's inside factors first and
/// then the battle's own (frontage, commanders, posture, ground, walls),
/// read from the names the battle report gives them.
fn factors(att: &SideFactors, def: &SideFactors, modifiers: &[(String, f64)]) -> Vec<Factor> {
    let mut rows = vec![
        Factor {
            name: "troops on this ground".into(),
            attack: att.troops_on_ground,
            defence: def.troops_on_ground,
        },
        Factor {
            name: "morale".into(),
            attack: att.morale,
            defence: def.morale,
        },
        Factor {
            name: "fatigue".into(),
            attack: att.fatigue,
            defence: def.fatigue,
        },
        Factor {
            name: "supply".into(),
            attack: att.supply,
            defence: def.supply,
        },
    ];
    for (name, value) in modifiers {
        let (name, attacking) = if let Some(n) = name.strip_prefix("attacker's ") {
            (n, true)
        } else if let Some(n) = name.strip_prefix("defender's ") {
            (n, false)
        } else {
            // The assault's frontage and surprise weigh on the attack;
            // ground and walls help the defence.
            (
                name.as_str(),
                matches!(name.as_str(), "frontage" | "surprise"),
            )
        };
        let k = match rows.iter().position(|r| r.name == name) {
            Some(k) => k,
            None => {
                rows.push(Factor {
                    name: name.to_string(),
                    attack: 1.0,
                    defence: 1.0,
                });
                rows.len() - 1
            }
        };
        if attacking {
            rows[k].attack *= value;
        } else {
            rows[k].defence *= value;
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_are_read_at_their_rank() {
        let s = spread((1..=100).rev().collect());
        assert_eq!((s.p10, s.median, s.p90), (10, 50, 90));
        assert_eq!(spread(vec![]).median, 0);
    }

    #[test]
    fn each_modifier_lands_on_its_side() {
        let side = SideFactors {
            men: 10,
            troops_on_ground: 1.0,
            morale: 1.0,
            fatigue: 1.0,
            supply: 1.0,
        };
        let rows = factors(
            &side,
            &side,
            &[
                ("attacker's commander".into(), 1.2),
                ("defender's commander".into(), 0.8),
                ("walls".into(), 3.0),
                ("frontage".into(), 0.5),
            ],
        );
        let row = |n: &str| rows.iter().find(|r| r.name == n).unwrap().clone();
        assert_eq!(
            (row("commander").attack, row("commander").defence),
            (1.2, 0.8)
        );
        assert_eq!((row("walls").attack, row("walls").defence), (1.0, 3.0));
        assert_eq!(
            (row("frontage").attack, row("frontage").defence),
            (0.5, 1.0)
        );
    }
}
