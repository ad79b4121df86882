//! Games against the computer as the README tells a new player to play
//! them: the rules and the AI without the window, so that they run in every
//! build and in release.

/// The README's first game of 717: Tang Jiahui's regulars attack the
/// Umayyads at Aksu at dawn on the first turn, Ashina Xin's Karluk horse
/// follow two turns later, and once the Umayyad army is dealt with both go
/// for the Turgesh at Uqturpan. Over seeds 1-40, against the computer at
/// `easy`, the level the README's first game is played at, it wins more
/// often than not (34 of 40); against `normal`, which may leave its siege
/// lines to meet the relief on the road, it still wins at least one game in
/// five (10 of 40). Over six seeds either figure can swing by a third.
#[test]
fn the_readmes_first_game_of_717_wins_more_often_than_not() {
    use std::borrow::Cow;

    use anxi::core::kinds::Timing;
    use anxi::core::order::Order;
    use anxi::game::ai::Level;
    use anxi::game::catalog::shipped_scenario;
    use anxi::game::{Game, Player};
    use anxi::rules::params::Rules;
    use anxi::rules::state::Outcome;
    use anxi::scenario::model::SideId;

    let rules = Rules::shipped().unwrap();
    let s = shipped_scenario(&rules, "717_aksu").unwrap();
    let id = |x: &str| s.army(x).unwrap();
    let (jiahui, xin, umayyads, turgesh) = (
        id("jiahui_army"),
        id("xin_army"),
        id("umayyad_army"),
        id("turgesh_army"),
    );
    let attack = |target| Order::Attack {
        target,
        timing: Timing::Dawn,
    };
    for level in [Level::Easy, Level::Normal] {
        let mut wins = 0;
        let seeds = 40;
        for seed in 1..=seeds {
            let (game, _) = Game::new(
                Cow::Borrowed(&s),
                Cow::Borrowed(&rules),
                seed,
                vec![Player::Human, Player::Computer],
                true,
            );
            let mut game = game.with_levels(vec![Level::Easy, level]);
            let mut on_to_uqturpan = false;
            while !game.is_over() {
                let st = game.state();
                let mut orders = Vec::new();
                if st.turn == 1 {
                    orders.push((jiahui, vec![attack(umayyads)]));
                }
                if st.turn == 3 {
                    orders.push((xin, vec![attack(umayyads)]));
                }
                let free = st.turn > 3
                    && (!st.army(umayyads).active() || st.army(jiahui).orders.is_empty());
                if free && !on_to_uqturpan && st.army(turgesh).active() {
                    on_to_uqturpan = true;
                    for a in [jiahui, xin] {
                        if st.army(a).active() {
                            orders.push((a, vec![attack(turgesh)]));
                        }
                    }
                }
                game.play_turn(orders);
            }
            let won = matches!(
                &game.state().outcome,
                Some(Outcome::Victory { side, .. }) if *side == SideId(0)
            );
            wins += u32::from(won);
        }
        eprintln!("first game of 717 against {level}: {wins} of {seeds} won");
        match level {
            Level::Easy => assert!(2 * wins > seeds as u32, "{level}: {wins} of {seeds}"),
            _ => assert!(5 * wins >= seeds as u32, "{level}: {wins} of {seeds}"),
        }
    }
}
