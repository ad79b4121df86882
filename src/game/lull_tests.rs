//! Tests of when a run of turns stops.

use std::borrow::Cow;

use super::*;
use crate::game::catalog::shipped_scenario;
use crate::game::history::playout::history_game;
use crate::game::{Game, Player};
use crate::rules::event::{Battle, BattleKind, Fighter};
use crate::rules::params::Rules;
use crate::rules::state::Losses;

fn aksu() -> (Scenario, Rules) {
    let rules = Rules::shipped().unwrap();
    let s = shipped_scenario(&rules, "717_aksu").unwrap();
    (s, rules)
}

fn fighter(army: ArmyId) -> Fighter {
    Fighter {
        army,
        men: 1000,
        losses: Losses::default(),
        lost_men: [0; 8],
    }
}

#[test]
fn a_quiet_turn_does_not_stop_and_a_battle_does() {
    let (s, rules) = aksu();
    let players = vec![Player::Human, Player::Computer];
    let (game, _) = Game::new(Cow::Borrowed(&s), Cow::Borrowed(&rules), 1, players, true);
    let st = game.state();
    let quiet = vec![
        Event::TurnBegan {
            turn: 1,
            date: st.date,
        },
        Event::DayPassed {
            day: 1,
            date: st.date,
        },
    ];
    assert_eq!(stop_for(&s, &rules, st, st, SideId(0), &quiet), None);
    // A battle between the side's own army and the enemy's.
    let (mine, theirs) = (
        s.army("jiahui_army").unwrap(),
        s.army("umayyad_army").unwrap(),
    );
    let battle = Event::BattleFought(Box::new(Battle {
        kind: BattleKind::Field,
        region: s.region("aksu"),
        terrain: s.regions[s.region("aksu").unwrap().index()].terrain,
        attackers: vec![fighter(mine)],
        defenders: vec![fighter(theirs)],
        attack_power: 1.0,
        defence_power: 1.0,
        modifiers: Vec::new(),
        surprise: false,
        attacker_won: true,
        rout: false,
        chase_days: 0.0,
    }));
    let mut loud = quiet.clone();
    loud.push(battle);
    assert_eq!(
        stop_for(&s, &rules, st, st, SideId(0), &loud),
        Some(Stop::Battle)
    );
    // The end of the campaign outweighs the battle.
    loud.push(Event::Ended(crate::rules::state::Outcome::Draw));
    assert_eq!(
        stop_for(&s, &rules, st, st, SideId(0), &loud),
        Some(Stop::Over)
    );
}

/// The historical line of 717 played turn by turn: its first battle's turn
/// stops the run, and the turns the run goes on through hold nothing but
/// what the side could not see.
#[test]
fn the_historical_line_stops_at_its_battles_and_its_news() {
    let (s, rules) = aksu();
    let (mut game, _) = history_game(&s, &rules, 1, true);
    let (mut stops, mut battles, mut quiet) = (0, 0, 0);
    while !game.is_over() {
        let before = game.state().clone();
        let played = game.play_turn(Vec::new());
        let stop = stop_for(&s, &rules, &before, game.state(), SideId(0), &played.events);
        let fought = played
            .events
            .iter()
            .any(|e| matches!(e, Event::BattleFought(_)));
        let news = played
            .events
            .iter()
            .any(|e| matches!(e, Event::ScenarioEvent { .. }));
        if news {
            assert!(stop.is_some(), "turn {}: news and no stop", before.turn);
        }
        if played.over {
            assert_eq!(stop, Some(Stop::Over));
        }
        battles += usize::from(fought);
        match stop {
            Some(_) => stops += 1,
            None => {
                quiet += 1;
                assert!(!news && !played.over);
            }
        }
    }
    assert!(battles > 0, "the line fights");
    assert!(stops > 0);
    // Some turns go by with nothing to stop for: the run has something to skip.
    assert!(quiet > 0, "stops {stops}, battle turns {battles}");
}

/// One of the side's armies starving stops the run; an enemy's does not.
#[test]
fn hunger_in_the_side_s_own_army_stops_the_run() {
    let (s, rules) = aksu();
    let players = vec![Player::Human, Player::Computer];
    let (game, _) = Game::new(Cow::Borrowed(&s), Cow::Borrowed(&rules), 1, players, true);
    let st = game.state();
    let starving = |army: &str| Event::Starved {
        army: s.army(army).unwrap(),
        lost: [0; 8],
        morale: 0.5,
    };
    assert_eq!(
        stop_for(&s, &rules, st, st, SideId(0), &[starving("jiahui_army")]),
        Some(Stop::Hunger)
    );
    assert_eq!(
        stop_for(&s, &rules, st, st, SideId(0), &[starving("umayyad_army")]),
        None
    );
}
