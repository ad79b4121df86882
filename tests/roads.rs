//! Columns on the road: a march barred by an enemy standing ahead forces
//! its way by battle; two columns on the march that meet halt face to face,
//! a withdrawal does not force the road, and armies that met at one point
//! can part again.

mod common;

use std::borrow::Cow;

use anxi::core::order::Order;
use anxi::game::{Game, Player};
use anxi::rules::event::Event;
use anxi::scenario::Scenario;
use anxi::scenario::raw::{Terrain, TroopKind, Walls};
use common::{Build, rules};

/// Two oases 200 km apart by a steppe road, with a Tang army at `a` and a
/// Tibetan one at `b`; one-day turns.
fn a_long_road() -> Scenario {
    Build::new()
        .region("a", 40.0, 80.0, Terrain::Oasis, None, Walls::None, 0)
        .region("b", 40.0, 82.0, Terrain::Oasis, None, Walls::None, 0)
        .route("a", "b", 200.0, Terrain::Steppe)
        .army("t", "tang", "a", &[(TroopKind::Infantry, 6_000)], None)
        .army("u", "tibet", "b", &[(TroopKind::Infantry, 3_000)], None)
        .build()
}

/// A game of `s` with both sides played by hand, from seed 1.
fn two_humans(s: &Scenario) -> Game<'static> {
    Game::new(
        Cow::Owned(s.clone()),
        Cow::Owned(rules()),
        1,
        vec![Player::Human; 2],
        true,
    )
    .0
}

/// An order to march to `r`.
fn march_to(r: anxi::core::ids::RegionId) -> Order {
    Order::March { to: r, via: vec![] }
}

/// Twelve days: the Tang army is given `t` on the first; the Tibetans march
/// out towards `a` on the first and are given `u` on the second, partway
/// along the road. The battles fought, and the Tibetans' place after day one.
fn play(t: Order, u: Order) -> (Vec<Event>, anxi::rules::state::Position) {
    let s = a_long_road();
    let (tang, tibet) = (s.army("t").unwrap(), s.army("u").unwrap());
    let mut game = two_humans(&s);
    let out = march_to(s.region("a").unwrap());
    let mut events = Vec::new();
    events.extend(
        game.play_turn(vec![(tang, vec![t]), (tibet, vec![out])])
            .events,
    );
    let after_one_day = game.state().army(tibet).pos;
    events.extend(game.play_turn(vec![(tibet, vec![u])]).events);
    for _ in 0..10 {
        events.extend(game.play_turn(Vec::new()).events);
    }
    let fought = events
        .into_iter()
        .filter(|e| matches!(e, Event::BattleFought(_)))
        .collect();
    (fought, after_one_day)
}

fn march_to_b() -> Order {
    march_to(a_long_road().region("b").unwrap())
}

#[test]
fn a_march_barred_by_an_enemy_standing_on_the_road_attacks_it() {
    let (fought, tibetans_at) = play(march_to_b(), Order::Hold);
    assert!(tibetans_at.region().is_none(), "{tibetans_at:?}");
    assert!(!fought.is_empty(), "no battle");
    let Event::BattleFought(b) = &fought[0] else {
        unreachable!()
    };
    let s = a_long_road();
    // On the road, by day, seen, the marching column the attacker.
    assert_eq!(b.region, None);
    assert!(!b.surprise);
    assert_eq!(b.attackers[0].army, s.army("t").unwrap());
    assert_eq!(b.defenders[0].army, s.army("u").unwrap());
}

#[test]
fn columns_on_the_march_that_meet_halt_face_to_face() {
    // The Tibetans keep marching towards `a`: neither is standing in the
    // other's way, and with no order to attack neither fights.
    let out = march_to(a_long_road().region("a").unwrap());
    let (fought, _) = play(march_to_b(), out);
    assert!(fought.is_empty(), "{fought:?}");
}

#[test]
fn a_withdrawal_does_not_force_the_road() {
    let (fought, _) = play(
        Order::Withdraw {
            to: a_long_road().region("b").unwrap(),
        },
        Order::Hold,
    );
    assert!(fought.is_empty(), "{fought:?}");
}

#[test]
fn an_army_turning_away_from_the_column_it_met_is_not_held_by_it() {
    // The columns march at each other and halt face to face; then the
    // Tibetans turn back to `b`, the way the Tang column is going. At the
    // meeting point the Tang are behind them, not ahead: they march off, and
    // the Tang follow without a battle. (Each used to hold the other at the
    // meeting point for good, counting the other, at the same spot, as
    // standing ahead of it.)
    let s = a_long_road();
    let (tang, tibet, a, b) = (
        s.army("t").unwrap(),
        s.army("u").unwrap(),
        s.region("a").unwrap(),
        s.region("b").unwrap(),
    );
    let mut game = two_humans(&s);
    let to = march_to;
    let mut events = Vec::new();
    events.extend(
        game.play_turn(vec![(tang, vec![to(b)]), (tibet, vec![to(a)])])
            .events,
    );
    for _ in 0..6 {
        events.extend(game.play_turn(Vec::new()).events);
    }
    let met = game.state().army(tibet).pos;
    assert!(met.region().is_none(), "{met:?}");
    assert_eq!(
        anxi::rules::movement::road_km(&s, met, game.state().army(tang).pos),
        0.0,
        "the columns halt at one point"
    );
    events.extend(game.play_turn(vec![(tibet, vec![to(b)])]).events);
    for _ in 0..12 {
        events.extend(game.play_turn(Vec::new()).events);
    }
    assert!(
        !events.iter().any(|e| matches!(e, Event::BattleFought(_))),
        "no battle: neither has an order to attack"
    );
    assert_eq!(
        game.state().army(tibet).region(),
        Some(b),
        "the Tibetans get home"
    );
    assert_ne!(game.state().army(tang).pos, met, "the Tang column follows");
}

#[test]
fn an_army_that_came_up_behind_a_column_can_turn_back() {
    // Tibetan horse from `c` ride after the Tang column on the road from `a`
    // and come up with it at one point; the Tang halt there. Both came from
    // `a`: the Tibetans stand beside the Tang, and when they turn back for
    // `c` the way they came, nothing stands in their way. (A column that
    // turned about used to count an enemy beside it, at the same point, as
    // ahead, and was held there for good: so a beaten army that had come up
    // behind an enemy could not flee.)
    let s = Build::new()
        .region("c", 40.0, 79.6, Terrain::Oasis, None, Walls::None, 0)
        .region("a", 40.0, 80.0, Terrain::Oasis, None, Walls::None, 0)
        .region("b", 40.0, 82.0, Terrain::Oasis, None, Walls::None, 0)
        .route("c", "a", 30.0, Terrain::Steppe)
        .route("a", "b", 200.0, Terrain::Steppe)
        .army("t", "tang", "a", &[(TroopKind::Infantry, 6_000)], None)
        .army("u", "tibet", "c", &[(TroopKind::Cavalry, 3_000)], None)
        .build();
    let (tang, tibet, b, c) = (
        s.army("t").unwrap(),
        s.army("u").unwrap(),
        s.region("b").unwrap(),
        s.region("c").unwrap(),
    );
    let mut game = two_humans(&s);
    let to = march_to;
    let mut events = Vec::new();
    events.extend(
        game.play_turn(vec![(tang, vec![to(b)]), (tibet, vec![to(b)])])
            .events,
    );
    let together = |game: &Game| {
        let st = game.state();
        st.army(tibet).region().is_none()
            && anxi::rules::movement::road_km(&s, st.army(tibet).pos, st.army(tang).pos) == 0.0
    };
    for _ in 0..4 {
        if together(&game) {
            break;
        }
        events.extend(game.play_turn(Vec::new()).events);
    }
    assert!(together(&game), "the horse come up with the column");
    let met = game.state().army(tang).pos;
    events.extend(
        game.play_turn(vec![(tang, vec![Order::Hold]), (tibet, vec![to(c)])])
            .events,
    );
    for _ in 0..8 {
        events.extend(game.play_turn(Vec::new()).events);
    }
    assert!(
        !events.iter().any(|e| matches!(e, Event::BattleFought(_))),
        "no battle: neither has an order to attack"
    );
    assert_eq!(game.state().army(tang).pos, met, "the Tang hold");
    assert_eq!(
        game.state().army(tibet).region(),
        Some(c),
        "the Tibetans ride back the way they came"
    );
}
