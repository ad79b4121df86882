//! The forecast of a battle (`rules::forecast`) against the battle itself:
//! the chance it gives agrees, within sampling error, with the share of
//! wins when the same battle is fought from the same state in the game.

mod common;

use anxi::core::order::Order;
use anxi::rules::event::Event;
use anxi::rules::forecast::{Plan, forecast};
use anxi::rules::state::State;
use anxi::scenario::Scenario;
use anxi::scenario::model::ArmyId;
use anxi::scenario::raw::{Terrain, Timing, TroopKind, Walls};
use common::{Build, play_game, rules, two_oases};

const FOUGHT: u64 = 1500;
const FORECAST: u32 = 1500;

/// Whether `army`'s side won the last day of the first battle it attacked in.
fn attacker_won(events: &[Event], army: ArmyId) -> Option<bool> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::BattleFought(b) if b.attackers.iter().any(|f| f.army == army) => {
                Some(b.attacker_won)
            }
            _ => None,
        })
        .last()
}

/// The share of `FOUGHT` games in which `army`, given `order` on turn 1,
/// won; and the forecast's chance from the opening state.
fn fought_and_forecast(s: &Scenario, army: &str, order: Order, plan: Plan) -> (f64, f64) {
    let a = s.army(army).unwrap();
    let mut wins = 0;
    for seed in 0..FOUGHT {
        let (_, events) = play_game(s, 10_000 + seed, &[(army, vec![order.clone()])], 4);
        wins += u32::from(attacker_won(&events, a).expect("the battle was fought"));
    }
    let st = State::new(s, &rules(), 1);
    let f = forecast(s, &rules(), &st, a, plan, FORECAST).expect("a battle to forecast");
    assert!(f.attack_losses.p10 <= f.attack_losses.median);
    assert!(f.attack_losses.median <= f.attack_losses.p90);
    let fought = f64::from(wins) / FOUGHT as f64;
    println!("{army}: fought {fought:.3}, forecast {:.3}", f.win);
    (fought, f.win)
}

/// Four standard errors of the difference of two shares near `p`.
fn tolerance(p: f64) -> f64 {
    let p = p.clamp(0.05, 0.95);
    4.0 * (p * (1.0 - p) * (1.0 / FOUGHT as f64 + 1.0 / f64::from(FORECAST))).sqrt()
}

#[test]
fn an_attack_in_the_field_is_won_as_often_as_forecast() {
    let s = two_oases()
        .commander("li", "tang", 4)
        .army(
            "t",
            "tang",
            "b",
            &[(TroopKind::Infantry, 5000), (TroopKind::Cavalry, 1500)],
            Some("li"),
        )
        .army("u", "tibet", "b", &[(TroopKind::Infantry, 5500)], None)
        .build();
    let target = s.army("u").unwrap();
    let (fought, forecast) = fought_and_forecast(
        &s,
        "t",
        Order::Attack {
            target,
            timing: Timing::Dawn,
        },
        Plan::Attack {
            target,
            timing: Timing::Dawn,
        },
    );
    assert!(
        (0.15..0.85).contains(&forecast),
        "a close battle, so the comparison says something: {forecast}"
    );
    assert!(
        (fought - forecast).abs() < tolerance(forecast),
        "fought {fought:.3}, forecast {forecast:.3}"
    );
}

#[test]
fn a_storm_of_walls_is_carried_as_often_as_forecast() {
    let s = Build::new()
        .region(
            "a",
            40.0,
            80.0,
            Terrain::Oasis,
            Some("tang"),
            Walls::Walled,
            30,
        )
        .region("b", 40.0, 81.0, Terrain::Oasis, None, Walls::None, 0)
        .route("a", "b", 44.0, Terrain::Plain)
        .army("g", "tang", "a", &[(TroopKind::Infantry, 1500)], None)
        .army("u", "tibet", "a", &[(TroopKind::Infantry, 9000)], None)
        .build();
    let (fought, forecast) = fought_and_forecast(
        &s,
        "u",
        Order::Assault {
            timing: Timing::Dawn,
        },
        Plan::Assault {
            timing: Timing::Dawn,
        },
    );
    assert!((0.1..0.9).contains(&forecast), "{forecast}");
    assert!(
        (fought - forecast).abs() < tolerance(forecast),
        "fought {fought:.3}, forecast {forecast:.3}"
    );
}

#[test]
fn a_forecast_draws_its_own_dice_and_changes_nothing() {
    let s = two_oases()
        .army("t", "tang", "b", &[(TroopKind::Cavalry, 3000)], None)
        .army("u", "tibet", "b", &[(TroopKind::Infantry, 3000)], None)
        .build();
    let (t, u) = (s.army("t").unwrap(), s.army("u").unwrap());
    let plan = Plan::Attack {
        target: u,
        timing: Timing::Day,
    };
    let one = State::new(&s, &rules(), 1);
    let other = State::new(&s, &rules(), 2);
    let before = format!("{:?}", one);
    let f1 = forecast(&s, &rules(), &one, t, plan, 200).unwrap();
    let f2 = forecast(&s, &rules(), &other, t, plan, 200).unwrap();
    assert_eq!(f1, f2, "the game's own generator plays no part");
    assert_eq!(format!("{:?}", one), before, "the state is untouched");
    // No battle to forecast against a friend, or a storm with no enemy inside.
    assert!(
        forecast(
            &s,
            &rules(),
            &one,
            t,
            Plan::Attack {
                target: t,
                timing: Timing::Day
            },
            10
        )
        .is_none()
    );
    assert!(
        forecast(
            &s,
            &rules(),
            &one,
            t,
            Plan::Assault {
                timing: Timing::Day
            },
            10
        )
        .is_none()
    );
}

#[test]
fn the_relief_of_aksu_is_won_as_often_as_forecast() {
    // 717: Tang Jiahui's regulars fall on the Umayyad and Tibetan armies
    // before Aksu; the same state fought in the game and forecast.
    let rules = rules();
    let s = anxi::game::catalog::find("717_aksu", &rules).unwrap();
    let (jiahui, umayyads) = (
        s.army("jiahui_army").unwrap(),
        s.army("umayyad_army").unwrap(),
    );
    let mut start = State::new(&s, &rules, 1);
    let mut log = anxi::rules::turn::Log::new(false);
    anxi::rules::turn::begin_turn(&s, &mut start, &mut log);
    start.armies[jiahui.index()].pos = start.army(umayyads).pos;
    let order = Order::Attack {
        target: umayyads,
        timing: Timing::Dawn,
    };
    let mut wins = 0;
    for seed in 0..FOUGHT {
        let mut st = start.clone();
        st.rng = <rand_chacha::ChaCha8Rng as rand_chacha::rand_core::SeedableRng>::seed_from_u64(
            20_000 + seed,
        );
        let mut log = anxi::rules::turn::Log::new(true);
        anxi::rules::turn::give_orders(&mut st, jiahui, vec![order.clone()], &mut log);
        for _ in 0..3 {
            anxi::rules::turn::end_turn(&s, &rules, &mut st, &mut log);
            anxi::rules::turn::begin_turn(&s, &mut st, &mut log);
        }
        wins += u32::from(attacker_won(&log.events, jiahui).expect("the relief was fought"));
    }
    let fought = f64::from(wins) / FOUGHT as f64;
    let f = forecast(
        &s,
        &rules,
        &start,
        jiahui,
        Plan::Attack {
            target: umayyads,
            timing: Timing::Dawn,
        },
        FORECAST,
    )
    .unwrap();
    assert!(
        f.defenders.contains(&umayyads) && f.defenders.len() >= 2,
        "{:?}",
        f.defenders
    );
    assert!(
        (fought - f.win).abs() < tolerance(f.win),
        "fought {fought:.3}, forecast {:.3}",
        f.win
    );
}
