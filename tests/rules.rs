//! The rules on small built maps: each order's check, and each mechanic's
//! whole event log.

mod common;

use anxi::core::order::Order;
use anxi::game::{Game, Player};
use anxi::rules::check::{Reason, check};
use anxi::rules::describe::describe;
use anxi::rules::event::Event;
use anxi::rules::params::Rules;
use anxi::rules::state::{Fate, State};
use anxi::scenario::Scenario;
use anxi::scenario::raw::{Posture, Terrain, Timing, TroopKind, Walls};
use common::Build;
use std::borrow::Cow;

fn rules() -> Rules {
    Rules::shipped().unwrap()
}

/// Plays `turns` turns with these orders given on turn 1, every side played
/// by hand; returns the game and every event from the opening on.
fn play_game(
    s: &Scenario,
    seed: u64,
    orders: &[(&str, Vec<Order>)],
    turns: u32,
) -> (Game<'static>, Vec<Event>) {
    let (mut game, mut events) = Game::new(
        Cow::Owned(s.clone()),
        Cow::Owned(rules()),
        seed,
        vec![Player::Human; s.sides.len()],
        true,
    );
    let mut given: Vec<_> = orders
        .iter()
        .map(|(a, list)| (s.army(a).unwrap(), list.clone()))
        .collect();
    for _ in 0..turns {
        let played = game.play_turn(std::mem::take(&mut given));
        events.extend(played.events);
        if played.over {
            break;
        }
        game.state().check_invariants().unwrap();
    }
    (game, events)
}

/// The same; returns the state, the log in words and the events.
fn play(
    s: &Scenario,
    seed: u64,
    orders: &[(&str, Vec<Order>)],
    turns: u32,
) -> (State, Vec<String>, Vec<Event>) {
    let (game, events) = play_game(s, seed, orders, turns);
    let st = game.state().clone();
    let words = events
        .iter()
        .filter_map(|e| describe(s, &st, e))
        .filter(|l| !l.starts_with("—"))
        .collect();
    (st, words, events)
}

fn two_oases() -> Build {
    Build::new()
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
}

#[test]
fn a_march_takes_days_by_the_slowest_troops() {
    let s = two_oases()
        .army(
            "t",
            "tang",
            "a",
            &[(TroopKind::Infantry, 1000), (TroopKind::Cavalry, 500)],
            None,
        )
        .build();
    let to_b = Order::March {
        to: s.region("b").unwrap(),
        via: vec![],
    };
    let (st, words, _) = play(&s, 1, &[("t", vec![to_b])], 3);
    // 44 km at 22 km a day: two days.
    assert_eq!(
        words,
        vec![
            "T leaves A",
            "T marches to 22 km from A towards B",
            "T marches to B",
            "T reaches B"
        ]
    );
    assert_eq!(st.armies[0].region(), s.region("b"));
}

#[test]
fn cavalry_alone_marches_faster() {
    let s = two_oases()
        .army("t", "tang", "a", &[(TroopKind::Cavalry, 500)], None)
        .build();
    let (_, words, _) = play(
        &s,
        1,
        &[(
            "t",
            vec![Order::March {
                to: s.region("b").unwrap(),
                via: vec![],
            }],
        )],
        1,
    );
    // 35 km in a day against the foot's 22.
    assert_eq!(
        words,
        vec!["T leaves A", "T marches to 35 km from A towards B"]
    );
}

#[test]
fn a_march_beyond_the_army_s_food_is_refused_with_its_reason() {
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
        .region("far", 40.0, 84.0, Terrain::Oasis, None, Walls::None, 0)
        .route("a", "far", 600.0, Terrain::Desert)
        .commander("guo", "tang", 3)
        .army(
            "t",
            "tang",
            "a",
            &[(TroopKind::Infantry, 3000)],
            Some("guo"),
        )
        .build();
    let rules = rules();
    let st = State::new(&s, &rules, 1);
    let order = Order::March {
        to: s.region("far").unwrap(),
        via: vec![],
    };
    let err = check(&s, &rules, &st, s.army("t").unwrap(), &order).unwrap_err();
    assert!(matches!(err, Reason::NotEnoughSupply { .. }));
    assert_eq!(
        err.text(&s, &st),
        "GUO's army has 20 days of supply; the route needs 35"
    );
    // And the engine refuses it the same way when the turn is played.
    let (_, words, _) = play(&s, 1, &[("t", vec![order])], 1);
    assert_eq!(
        words,
        vec!["T (GUO): order refused: GUO's army has 20 days of supply; the route needs 35"]
    );
}

#[test]
fn checks_refuse_what_cannot_be_done() {
    let s = two_oases()
        .commander("king", "tibet", 3)
        .army("t", "tang", "a", &[(TroopKind::Infantry, 1000)], None)
        .army("u", "tibet", "b", &[(TroopKind::Cavalry, 500)], None)
        .army("v", "tang", "b", &[(TroopKind::Cavalry, 500)], None)
        .build();
    let rules = rules();
    let st = State::new(&s, &rules, 1);
    let t = s.army("t").unwrap();
    let a = s.region("a").unwrap();
    let c = |o: Order| check(&s, &rules, &st, t, &o);
    assert_eq!(
        c(Order::March { to: a, via: vec![] }),
        Err(Reason::AlreadyThere { army: t, region: a })
    );
    assert_eq!(
        c(Order::Assault {
            timing: Timing::Dawn
        }),
        Err(Reason::NotAnEnemyCity { army: t, region: a })
    );
    assert_eq!(
        c(Order::Besiege),
        Err(Reason::NotAnEnemyCity { army: t, region: a })
    );
    assert_eq!(c(Order::Raid), Err(Reason::NothingToRaid { region: a }));
    assert_eq!(
        c(Order::Attack {
            target: s.army("v").unwrap(),
            timing: Timing::Day
        }),
        Err(Reason::NotAnEnemy {
            target: s.army("v").unwrap()
        })
    );
    assert!(
        c(Order::Attack {
            target: s.army("u").unwrap(),
            timing: Timing::Day
        })
        .is_ok()
    );
    let king = s.commander("king").unwrap();
    assert_eq!(
        c(Order::InstallRuler { ruler: king }),
        Err(Reason::RulerNotWithArmy {
            ruler: king,
            army: t
        })
    );
    assert_eq!(
        c(Order::Execute { commander: king }),
        Err(Reason::NotACaptive {
            commander: king,
            army: t
        })
    );
    assert_eq!(
        c(Order::Merge { into: t }),
        Err(Reason::SameArmy { army: t })
    );
    assert_eq!(
        c(Order::Merge {
            into: s.army("u").unwrap()
        }),
        Err(Reason::OtherFaction {
            army: t,
            other: s.army("u").unwrap()
        })
    );
    assert_eq!(
        c(Order::Merge {
            into: s.army("v").unwrap()
        }),
        Err(Reason::NotTogether {
            army: t,
            other: s.army("v").unwrap()
        })
    );
    let split = |n| Order::Split {
        id: "d".into(),
        name: "D".into(),
        commander: None,
        contingents: vec![(TroopKind::Infantry, n)],
        baggage: false,
    };
    assert_eq!(c(split(1000)), Err(Reason::EmptyDetachment { army: t }));
    assert_eq!(
        c(split(2000)),
        Err(Reason::BadDetachment {
            army: t,
            kind: TroopKind::Infantry,
            asked: 2000,
            has: 1000
        })
    );
    assert!(c(split(400)).is_ok());
    assert!(
        c(Order::Fortify).is_ok()
            && c(Order::Hold).is_ok()
            && c(Order::Forage).is_ok()
            && c(Order::Ambush).is_ok()
    );
}

#[test]
fn a_split_and_a_merge_keep_every_man() {
    let s = two_oases()
        .army(
            "t",
            "tang",
            "a",
            &[(TroopKind::Infantry, 1000), (TroopKind::Cavalry, 300)],
            None,
        )
        .build();
    let split = Order::Split {
        id: "d".into(),
        name: "D".into(),
        commander: None,
        contingents: vec![(TroopKind::Cavalry, 300)],
        baggage: false,
    };
    let (mut game, events) = play_game(&s, 1, &[("t", vec![split])], 1);
    let st = game.state();
    let words: Vec<String> = events
        .iter()
        .filter_map(|e| describe(&s, st, e))
        .filter(|l| !l.starts_with("—"))
        .collect();
    assert_eq!(words, vec!["T splits off 300 men as D"]);
    assert_eq!(st.armies[0].strength(), 1000);
    assert_eq!(st.armies[1].strength(), 300);
    let d = anxi::scenario::model::ArmyId(1);
    game.play_turn(vec![(
        d,
        vec![Order::Merge {
            into: s.army("t").unwrap(),
        }],
    )]);
    let st = game.state();
    assert_eq!(st.armies[0].strength(), 1300);
    assert!(!st.armies[1].active());
    st.check_invariants().unwrap();
}

#[test]
fn fortifying_raises_the_posture_day_by_day() {
    let s = two_oases()
        .army("t", "tang", "b", &[(TroopKind::Infantry, 1000)], None)
        .build();
    let (st, _, events) = play(&s, 1, &[("t", vec![Order::Fortify])], 6);
    let postures: Vec<Posture> = events
        .iter()
        .filter_map(|e| {
            if let Event::PostureChanged { posture, .. } = e {
                Some(*posture)
            } else {
                None
            }
        })
        .collect();
    assert_eq!(
        postures,
        vec![
            Posture::Hasty,
            Posture::Prepared,
            Posture::Prepared,
            Posture::Prepared,
            Posture::Fortified
        ]
    );
    assert_eq!(st.armies[0].posture, Posture::Fortified);
}

#[test]
fn a_raid_turns_herds_into_food() {
    let s = two_oases()
        .livestock("b", 10_000)
        .army("t", "tang", "b", &[(TroopKind::Cavalry, 1000)], None)
        .build();
    let (st, words, _) = play(&s, 1, &[("t", vec![Order::Raid])], 1);
    assert_eq!(words, vec!["T seizes 10000 head of livestock at B"]);
    assert_eq!(st.regions[1].livestock, 0);
    assert!(st.armies[0].food_days > 20.0);
}

#[test]
fn an_overwhelming_attack_wins_and_a_feeble_one_fails() {
    let s = two_oases()
        .commander("big", "tang", 3)
        .army(
            "t",
            "tang",
            "a",
            &[(TroopKind::Infantry, 9000), (TroopKind::Cavalry, 3000)],
            Some("big"),
        )
        .army("u", "tibet", "b", &[(TroopKind::Infantry, 1000)], None)
        .build();
    let mut wins = 0;
    for seed in 0..100 {
        let (st, words, _) = play(
            &s,
            seed,
            &[(
                "t",
                vec![Order::Attack {
                    target: s.army("u").unwrap(),
                    timing: Timing::Day,
                }],
            )],
            4,
        );
        assert!(
            words.iter().any(|w| w.starts_with("battle at B")),
            "{words:?}"
        );
        if st.battles[0].winners.contains(&s.army("t").unwrap()) {
            wins += 1;
        }
    }
    assert!(wins >= 97, "{wins}");
    // Reversed, the small army nearly always loses.
    let s2 = two_oases()
        .army("t", "tang", "a", &[(TroopKind::Infantry, 1000)], None)
        .army(
            "u",
            "tibet",
            "b",
            &[(TroopKind::Infantry, 9000), (TroopKind::Cavalry, 3000)],
            None,
        )
        .build();
    let mut losses = 0;
    for seed in 0..100 {
        let (st, _, _) = play(
            &s2,
            seed,
            &[(
                "t",
                vec![Order::Attack {
                    target: s2.army("u").unwrap(),
                    timing: Timing::Day,
                }],
            )],
            4,
        );
        if st.battles[0].losers.contains(&s2.army("t").unwrap()) {
            losses += 1;
        }
    }
    assert!(losses >= 97, "{losses}");
}

#[test]
fn cavalry_decides_the_pursuit() {
    // The same victory, won once by foot and once by horse: the horse catch more of the beaten.
    let run = |kind: TroopKind| {
        let s = two_oases()
            .army("t", "tang", "a", &[(kind, 12000)], None)
            .army("u", "tibet", "b", &[(TroopKind::Infantry, 3000)], None)
            .build();
        let mut caught = 0;
        for seed in 0..50 {
            let (st, _, _) = play(
                &s,
                seed,
                &[(
                    "t",
                    vec![Order::Attack {
                        target: s.army("u").unwrap(),
                        timing: Timing::Day,
                    }],
                )],
                4,
            );
            let l = st.armies[1].losses;
            caught += l.killed + l.captured;
        }
        caught
    };
    let on_foot = run(TroopKind::Infantry);
    let mounted = run(TroopKind::Cavalry);
    assert!(
        mounted as f64 > on_foot as f64 * 1.3,
        "foot {on_foot}, horse {mounted}"
    );
}

#[test]
fn walls_hold_off_an_assault_that_would_win_in_the_open() {
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
        .region(
            "c",
            40.0,
            80.5,
            Terrain::Oasis,
            Some("tibet"),
            Walls::Walled,
            30,
        )
        .route("a", "c", 40.0, Terrain::Plain)
        .army("t", "tang", "c", &[(TroopKind::Infantry, 3000)], None)
        .army("g", "tibet", "c", &[(TroopKind::Infantry, 2000)], None)
        .with_army("g", |a| {
            a.garrison = true;
            a.posture = Posture::Fortified;
        })
        .build();
    let mut fell = 0;
    for seed in 0..100 {
        let (st, _, _) = play(
            &s,
            seed,
            &[(
                "t",
                vec![Order::Assault {
                    timing: Timing::Day,
                }],
            )],
            1,
        );
        if st.regions[1].control == s.faction("tang") {
            fell += 1;
        }
    }
    assert!(fell <= 5, "{fell}");
}

#[test]
fn a_siege_starves_the_garrison_into_surrender() {
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
        .region(
            "c",
            40.0,
            80.5,
            Terrain::Oasis,
            Some("tibet"),
            Walls::Walled,
            4,
        )
        .route("a", "c", 40.0, Terrain::Plain)
        .commander("lord", "tibet", 3)
        .army("t", "tang", "c", &[(TroopKind::Infantry, 3000)], None)
        .army(
            "g",
            "tibet",
            "c",
            &[(TroopKind::Infantry, 1000)],
            Some("lord"),
        )
        .with_army("g", |a| a.garrison = true)
        .build();
    let (st, words, _) = play(&s, 1, &[("t", vec![Order::Besiege])], 8);
    assert!(
        words.contains(&"C is starved into surrender by T; 1000 of its defenders lost".to_string()),
        "{words:?}"
    );
    assert!(words.contains(&"LORD is captured".to_string()), "{words:?}");
    assert_eq!(st.regions[1].control, s.faction("tang"));
    assert_eq!(st.armies[1].losses.captured, 1000);
    assert_eq!(st.commanders[0].fate, Fate::Captured);
}

#[test]
fn an_unguarded_city_is_taken_by_marching_in() {
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
        .region(
            "c",
            40.0,
            80.5,
            Terrain::Oasis,
            Some("tibet"),
            Walls::Walled,
            30,
        )
        .route("a", "c", 20.0, Terrain::Plain)
        .army("t", "tang", "a", &[(TroopKind::Cavalry, 500)], None)
        .build();
    let (st, words, _) = play(
        &s,
        1,
        &[(
            "t",
            vec![Order::March {
                to: s.region("c").unwrap(),
                via: vec![],
            }],
        )],
        1,
    );
    assert_eq!(
        words,
        vec![
            "T leaves A",
            "T marches to C",
            "T reaches C",
            "C is occupied by T"
        ]
    );
    assert_eq!(st.regions[1].control, s.faction("tang"));
}

#[test]
fn the_same_seed_gives_the_same_events_and_another_seed_may_not() {
    let s = two_oases()
        .army(
            "t",
            "tang",
            "a",
            &[(TroopKind::Infantry, 3000), (TroopKind::Cavalry, 1000)],
            None,
        )
        .army("u", "tibet", "b", &[(TroopKind::Infantry, 3500)], None)
        .build();
    let order = vec![Order::Attack {
        target: s.army("u").unwrap(),
        timing: Timing::Dawn,
    }];
    let log = |seed| serde_json::to_string(&play(&s, seed, &[("t", order.clone())], 5).2).unwrap();
    assert_eq!(log(7), log(7));
    assert!((0..20).any(|seed| log(seed) != log(7)));
}

#[test]
fn armies_marching_head_on_along_a_road_meet_and_fight() {
    let s = Build::new()
        .region(
            "a",
            40.0,
            80.0,
            Terrain::Oasis,
            Some("tang"),
            Walls::None,
            0,
        )
        .region(
            "b",
            40.0,
            81.0,
            Terrain::Oasis,
            Some("tibet"),
            Walls::None,
            0,
        )
        .route("a", "b", 200.0, Terrain::Plain)
        .army("t", "tang", "a", &[(TroopKind::Infantry, 5000)], None)
        .army("u", "tibet", "b", &[(TroopKind::Infantry, 5000)], None)
        .build();
    let (st, words, _) = play(
        &s,
        1,
        &[
            (
                "t",
                vec![Order::Attack {
                    target: s.army("u").unwrap(),
                    timing: Timing::Day,
                }],
            ),
            (
                "u",
                vec![Order::March {
                    to: s.region("a").unwrap(),
                    via: vec![],
                }],
            ),
        ],
        6,
    );
    assert!(
        words.iter().any(|w| w.starts_with("battle at the road")),
        "{words:?}"
    );
    assert_eq!(st.battles.len(), 1);
}

#[test]
fn a_routed_army_can_be_run_down_and_its_commander_taken() {
    let s = two_oases()
        .commander("khan", "tibet", 3)
        .army("t", "tang", "b", &[(TroopKind::Cavalry, 6000)], None)
        .army(
            "u",
            "tibet",
            "b",
            &[(TroopKind::Infantry, 2000)],
            Some("khan"),
        )
        .build();
    // Attack, then keep after the beaten army.
    let (st, _, events) = play(
        &s,
        3,
        &[(
            "t",
            vec![
                Order::Attack {
                    target: s.army("u").unwrap(),
                    timing: Timing::Day,
                },
                Order::Pursue {
                    target: s.army("u").unwrap(),
                },
            ],
        )],
        4,
    );
    let battles = events
        .iter()
        .filter(|e| matches!(e, Event::BattleFought(_)))
        .count();
    assert!(battles >= 1);
    assert!(st.armies[1].beaten);
    // Whatever the dice, every battle against the routed army had it among the defenders.
    for e in &events {
        if let Event::BattleFought(b) = e {
            assert!(!b.defenders.is_empty());
        }
    }
}

#[test]
fn a_relief_army_fights_the_besiegers_with_the_garrison_sallying() {
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
        .region(
            "c",
            40.0,
            80.3,
            Terrain::Oasis,
            Some("tang"),
            Walls::Walled,
            30,
        )
        .route("a", "c", 20.0, Terrain::Plain)
        .army("relief", "tang", "a", &[(TroopKind::Cavalry, 6000)], None)
        .army("g", "tang", "c", &[(TroopKind::Infantry, 2000)], None)
        .with_army("g", |a| a.garrison = true)
        .army("siege", "tibet", "c", &[(TroopKind::Infantry, 5000)], None)
        .build();
    let (_, _, events) = play(
        &s,
        2,
        &[
            ("siege", vec![Order::Besiege]),
            (
                "relief",
                vec![Order::Attack {
                    target: s.army("siege").unwrap(),
                    timing: Timing::Day,
                }],
            ),
        ],
        3,
    );
    let b = events
        .iter()
        .find_map(|e| {
            if let Event::BattleFought(b) = e {
                Some(b.clone())
            } else {
                None
            }
        })
        .expect("a battle");
    assert_eq!(b.kind, anxi::rules::event::BattleKind::Relief);
    let garrison = s.army("g").unwrap();
    let sally = b
        .attackers
        .iter()
        .find(|f| f.army == garrison)
        .expect("the garrison sallies");
    assert_eq!(sally.men, 1000, "half the garrison sallies");
}

#[test]
fn an_ambush_springs_on_an_army_entering_the_region() {
    let s = two_oases()
        .army("t", "tang", "a", &[(TroopKind::Infantry, 3000)], None)
        .army("u", "tibet", "b", &[(TroopKind::Cavalry, 3000)], None)
        .build();
    let (_, words, events) = play(
        &s,
        1,
        &[
            ("u", vec![Order::Ambush]),
            (
                "t",
                vec![Order::March {
                    to: s.region("b").unwrap(),
                    via: vec![],
                }],
            ),
        ],
        4,
    );
    let b = events
        .iter()
        .find_map(|e| {
            if let Event::BattleFought(b) = e {
                Some(b.clone())
            } else {
                None
            }
        })
        .unwrap_or_else(|| panic!("{words:?}"));
    assert_eq!(b.kind, anxi::rules::event::BattleKind::Ambush);
    assert_eq!(b.attackers[0].army, s.army("u").unwrap());
}

#[test]
fn a_rules_file_with_a_troop_kind_twice_is_refused_at_the_second() {
    let text = anxi::rules::params::SHIPPED_RULES;
    let line = text
        .lines()
        .position(|l| l.trim_start().starts_with("Cavalry:"))
        .unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    let copy = lines[line];
    lines.insert(line + 1, copy);
    let twice = lines.join("\n");
    let diags = Rules::parse("twice.ron", &twice).unwrap_err();
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!((diags[0].line, diags[0].col), (line + 2, 9), "{}", diags[0]);
    assert!(
        diags[0].message.contains("`Cavalry` is given twice"),
        "{}",
        diags[0]
    );
}
