//! Columns on the road: a march barred by an enemy standing ahead forces
//! its way by battle; a withdrawal does not.

mod common;

use anxi::core::order::Order;
use anxi::rules::event::Event;
use anxi::scenario::raw::{Terrain, TroopKind, Walls};
use common::{Build, play};

/// Two oases 200 km apart by a steppe road, with a Tang army at `a` and a
/// Tibetan one at `b`.
fn a_long_road() -> Build {
    Build::new()
        .region("a", 40.0, 80.0, Terrain::Oasis, None, Walls::None, 0)
        .region("b", 40.0, 82.0, Terrain::Oasis, None, Walls::None, 0)
        .route("a", "b", 200.0, Terrain::Steppe)
        .army("t", "tang", "a", &[(TroopKind::Infantry, 6_000)], None)
        .army("u", "tibet", "b", &[(TroopKind::Infantry, 3_000)], None)
}

/// The battles fought in ten days when the two are given these orders.
fn battles(t: Order, u: Order) -> (Vec<Event>, Vec<String>) {
    let s = a_long_road().build();
    let (_, words, events) = play(&s, 1, &[("t", vec![t]), ("u", vec![u])], 10);
    let fought = events
        .into_iter()
        .filter(|e| matches!(e, Event::BattleFought(_)))
        .collect();
    (fought, words)
}

fn march_to(s: &str) -> Order {
    let map = a_long_road().build();
    Order::March {
        to: map.region(s).unwrap(),
        via: vec![],
    }
}

#[test]
fn columns_meeting_head_on_fight_for_the_road() {
    let (fought, words) = battles(march_to("b"), march_to("a"));
    assert!(!fought.is_empty(), "{words:?}");
    let Event::BattleFought(b) = &fought[0] else {
        unreachable!()
    };
    // On the road, by day, seen: no region, no surprise.
    assert_eq!(b.region, None, "{words:?}");
    assert!(!b.surprise);
    // Once the road is forced, the winner marches on to the end of it.
    let s = a_long_road().build();
    let (st, _, _) = play(
        &s,
        1,
        &[("t", vec![march_to("b")]), ("u", vec![march_to("a")])],
        20,
    );
    let winner = st.battles[0].winners[0];
    let goal = if winner == s.army("t").unwrap() {
        "b"
    } else {
        "a"
    };
    assert_eq!(
        st.army(winner).region(),
        Some(s.region(goal).unwrap()),
        "{:?}",
        st.army(winner).pos
    );
}

#[test]
fn a_march_barred_by_a_withdrawing_enemy_attacks_it() {
    let map = a_long_road().build();
    let (fought, words) = battles(
        march_to("b"),
        Order::Withdraw {
            to: map.region("a").unwrap(),
        },
    );
    assert!(!fought.is_empty(), "{words:?}");
    let Event::BattleFought(b) = &fought[0] else {
        unreachable!()
    };
    // The marching column is the attacker.
    assert_eq!(b.attackers[0].army, map.army("t").unwrap(), "{words:?}");
}

#[test]
fn a_withdrawal_does_not_force_the_road() {
    let (fought, words) = battles(
        Order::Withdraw {
            to: a_long_road().build().region("b").unwrap(),
        },
        Order::Withdraw {
            to: a_long_road().build().region("a").unwrap(),
        },
    );
    assert!(fought.is_empty(), "{words:?}");
    // They stand face to face on the road.
    assert!(words.iter().all(|w| !w.contains("reaches")), "{words:?}");
}
