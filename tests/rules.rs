//! The rules on small built maps: each order's check, and each mechanic's
//! whole event log.

mod common;

use anxi::core::order::Order;
use anxi::rules::check::{Reason, check};
use anxi::rules::describe::describe;
use anxi::rules::event::Event;
use anxi::rules::params::Rules;
use anxi::rules::state::State;
use anxi::scenario::raw::{Figure, Posture, Terrain, Timing, TroopKind, Walls};
use common::{Build, play, play_game, rules, two_oases};

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
        "GUO's army has 20 days of supply; the road needs 35 with nothing to eat on the way"
    );
    // And the engine refuses it the same way when the turn is played.
    let (_, words, _) = play(&s, 1, &[("t", vec![order])], 1);
    assert_eq!(
        words,
        vec![
            "T (GUO): order refused: GUO's army has 20 days of supply; the road needs 35 with nothing to eat on the way"
        ]
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

#[test]
fn a_rules_value_out_of_range_is_reported_at_the_value() {
    let text = anxi::rules::params::SHIPPED_RULES;
    let at = text.find("winner_loss: (0.02, 0.08)").unwrap();
    let bad = text.replacen("winner_loss: (0.02, 0.08)", "winner_loss: (0.02, 1.5)", 1);
    let diags = Rules::parse("bad.ron", &bad).unwrap_err();
    assert_eq!(diags.len(), 1, "{diags:?}");
    let d = &diags[0];
    let value = at + "winner_loss: (0.02, ".len();
    let line = bad[..value].matches('\n').count() + 1;
    let col = value - bad[..value].rfind('\n').map_or(0, |i| i + 1) + 1;
    assert_eq!((d.line, d.col), (line, col), "{d}");
    assert!(d.message.contains("battle.winner_loss.1 is 1.5"), "{d}");
    // A troop type's value, at the value too.
    let at = text.find("Cavalry:").unwrap();
    let speed = at + text[at..].find("speed: ").unwrap() + "speed: ".len();
    let mut bad = text.to_string();
    bad.replace_range(speed..speed + 4, "-3.0");
    let d = &Rules::parse("bad.ron", &bad).unwrap_err()[0];
    let line = bad[..speed].matches('\n').count() + 1;
    let col = speed - bad[..speed].rfind('\n').map_or(0, |i| i + 1) + 1;
    assert_eq!((d.line, d.col), (line, col), "{d}");
}

#[test]
fn home_ground_passed_on_the_march_fills_the_packs() {
    // An army low on food marches through a city of its side without
    // stopping there: the halt on home ground feeds it as a night there would.
    let s = Build::new()
        .region("x", 40.0, 80.0, Terrain::Desert, None, Walls::None, 0)
        .region(
            "home",
            40.0,
            80.2,
            Terrain::Oasis,
            Some("tang"),
            Walls::Walled,
            30,
        )
        .region("y", 40.0, 84.0, Terrain::Desert, None, Walls::None, 0)
        .route("x", "home", 10.0, Terrain::Desert)
        .route("home", "y", 300.0, Terrain::Desert)
        .army("t", "tang", "x", &[(TroopKind::Infantry, 1000)], None)
        .with_army("t", |a| {
            a.supply_days = Figure::Estimate {
                value: 3,
                reason: "low on food".into(),
                range: None,
            }
        })
        .build();
    let home = s.region("home").unwrap();
    let (st, _, events) = play(
        &s,
        1,
        &[(
            "t",
            vec![Order::March {
                to: s.region("y").unwrap(),
                via: vec![],
            }],
        )],
        1,
    );
    let fed_on_the_way = events
        .iter()
        .any(|e| matches!(e, Event::Fed { food_days, .. } if *food_days > 3.0));
    assert!(fed_on_the_way, "{events:?}");
    assert!(st.armies[0].region() != Some(home), "it marched on");
    assert!(st.armies[0].food_days > 3.0, "{}", st.armies[0].food_days);
}

#[test]
fn a_contingent_goes_over_without_its_commander_and_an_army_changes_sides() {
    use anxi::scenario::raw::RawEffect;
    // Turn 2: half the horse of the Tang army go over to the Tibetan army
    // standing with it, and an allied army changes sides whoever leads it.
    let s = two_oases()
        .commander("guo", "tang", 3)
        .army(
            "t",
            "tang",
            "a",
            &[(TroopKind::Infantry, 3000), (TroopKind::Cavalry, 2000)],
            Some("guo"),
        )
        .army("g", "tibet", "a", &[(TroopKind::Cavalry, 1000)], None)
        .army("ally", "tang", "b", &[(TroopKind::Cavalry, 500)], None)
        .event(
            "defections",
            2,
            vec![
                RawEffect::MenGoOver {
                    from: "t".into(),
                    kind: TroopKind::Cavalry,
                    share: 0.5,
                    into: "g".into(),
                },
                RawEffect::ChangeSides {
                    army: "ally".into(),
                    to: "tibet".into(),
                },
            ],
        )
        .build();
    let (st, words, _) = play(&s, 1, &[], 2);
    let t = &st.armies[s.army("t").unwrap().index()];
    let g = &st.armies[s.army("g").unwrap().index()];
    assert_eq!(t.men[TroopKind::Cavalry.index()], 1000);
    assert_eq!(t.men[TroopKind::Infantry.index()], 3000);
    assert_eq!(g.men[TroopKind::Cavalry.index()], 2000);
    // The commander stays with the army he leads: only the men went over.
    assert_eq!(t.commander, s.commander("guo"));
    assert_eq!(t.faction, s.faction("tang").unwrap());
    assert_eq!(
        st.armies[s.army("ally").unwrap().index()].faction,
        s.faction("tibet").unwrap()
    );
    assert!(
        words
            .iter()
            .any(|w| w == "1000 men of T (GUO) go over to G"),
        "{words:?}"
    );
    assert!(
        words.iter().any(|w| w.starts_with("ALLY goes over to")),
        "{words:?}"
    );
}

#[test]
fn an_attack_on_an_enemy_beyond_the_army_s_food_is_refused_like_a_march() {
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
        .army("t", "tang", "a", &[(TroopKind::Infantry, 3000)], None)
        .army("g", "tibet", "far", &[(TroopKind::Infantry, 1000)], None)
        .build();
    let rules = rules();
    let st = State::new(&s, &rules, 1);
    let attack = Order::Attack {
        target: s.army("g").unwrap(),
        timing: Timing::Day,
    };
    let err = check(&s, &rules, &st, s.army("t").unwrap(), &attack).unwrap_err();
    assert!(matches!(err, Reason::NotEnoughSupply { .. }), "{err:?}");
    // A pursuit at the heels of a beaten army is not held back.
    let pursue = Order::Pursue {
        target: s.army("g").unwrap(),
    };
    assert!(check(&s, &rules, &st, s.army("t").unwrap(), &pursue).is_ok());
}

#[test]
fn a_condition_that_can_never_hold_again_is_known_as_such() {
    use anxi::rules::conditions::still_possible;
    use anxi::rules::state::Fate;
    use anxi::scenario::model::Condition;
    let s = two_oases()
        .commander("king", "tibet", 3)
        .army(
            "g",
            "tibet",
            "b",
            &[(TroopKind::Infantry, 1000)],
            Some("king"),
        )
        .build();
    let rules = rules();
    let mut st = State::new(&s, &rules, 1);
    let king = s.commander("king").unwrap();
    let taken = Condition::Captured(king);
    let not_dead = Condition::Not(Box::new(Condition::Dead(king)));
    assert!(still_possible(&st, &taken) && still_possible(&st, &not_dead));
    // Killed before anyone took him: he can no longer be captured, and "not dead" is over.
    st.commanders[king.index()].fate = Fate::Killed;
    assert!(!still_possible(&st, &taken));
    assert!(!still_possible(&st, &not_dead));
    assert!(!still_possible(
        &st,
        &Condition::All(vec![taken.clone(), not_dead.clone()])
    ));
    assert!(still_possible(
        &st,
        &Condition::Any(vec![taken, Condition::Dead(king)])
    ));
}
