//! Tests of the one turn loop.

use super::*;
use crate::game::catalog::shipped_scenario;
use crate::game::history::playout::history_game;

fn aksu() -> (Scenario, Rules) {
    let rules = Rules::shipped().unwrap();
    let s = shipped_scenario(&rules, "717_aksu").unwrap();
    (s, rules)
}

fn orders_set(events: &[Event]) -> Vec<(ArmyId, Vec<Order>)> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::OrdersSet { army, orders } => Some((*army, orders.clone())),
            _ => None,
        })
        .collect()
}

#[test]
fn a_human_commands_only_their_own_side() {
    let (s, rules) = aksu();
    let players = vec![Player::Human, Player::Computer];
    let (mut game, _) = Game::new(Cow::Borrowed(&s), Cow::Borrowed(&rules), 1, players, true);
    let mine = (0..s.armies.len())
        .map(|i| ArmyId(i as u16))
        .find(|a| game.side_of(*a) == SideId(0) && game.state().army(*a).active())
        .unwrap();
    let theirs = (0..s.armies.len())
        .map(|i| ArmyId(i as u16))
        .find(|a| game.side_of(*a) == SideId(1) && game.state().army(*a).active())
        .unwrap();
    let played = game.play_turn(vec![
        (mine, vec![Order::Fortify]),
        (theirs, vec![Order::Fortify]),
    ]);
    let set = orders_set(&played.events);
    // The player's order comes first; the enemy's army gets the computer's orders, never the player's.
    assert_eq!(set[0], (mine, vec![Order::Fortify]));
    assert!(
        set.iter()
            .all(|(a, o)| *a != theirs || *o != vec![Order::Fortify])
    );
    assert!(
        set.iter()
            .skip(1)
            .all(|(a, _)| game.side_of(*a) == SideId(1))
    );
}

#[test]
fn the_history_gives_each_order_on_its_turn() {
    let (s, rules) = aksu();
    let (mut game, _) = history_game(&s, &rules, 1, true);
    let first = s.history.orders.iter().map(|o| o.turn).min().unwrap();
    for turn in 1..=first {
        let played = game.play_turn(Vec::new());
        let given = orders_set(&played.events);
        let due: Vec<ArmyId> = s
            .history
            .orders
            .iter()
            .filter(|o| o.turn == turn)
            .map(|o| o.army)
            .collect();
        if turn < first {
            assert!(given.is_empty(), "turn {turn}: {given:?}");
        } else {
            assert!(!given.is_empty());
            assert!(given.iter().all(|(a, _)| due.contains(a)), "{given:?}");
        }
    }
}

#[test]
fn a_recorded_game_replays_to_the_state_of_every_turn() {
    let (s, rules) = aksu();
    let text = crate::game::catalog::shipped_text("717_aksu").unwrap();
    let (game, _) = Game::new(
        Cow::Borrowed(&s),
        Cow::Borrowed(&rules),
        7,
        vec![Player::Computer, Player::Computer],
        false,
    );
    let mut game = game.recorded(text, crate::rules::params::SHIPPED_RULES);
    for _ in 0..4 {
        game.play_turn(Vec::new());
    }
    let rec = game.record().unwrap().clone();
    assert_eq!(rec.turns.len(), 4);
    assert_eq!(rec.hashes.last(), Some(&state_hash(game.state())));
    for k in 0..=4 {
        let at = Game::replay_to(&rec, Some(k)).unwrap();
        assert_eq!(at.record().unwrap().turns.len(), k);
        if k > 0 {
            assert_eq!(state_hash(at.state()), rec.hashes[k - 1]);
        }
    }
    let mut bad = rec.clone();
    bad.hashes[2] = "0".repeat(16);
    assert!(matches!(
        Game::replay_to(&bad, None),
        Err(RecordError::Diverged { turn: 3, .. })
    ));
}
