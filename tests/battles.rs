//! Battles, pursuits, sieges and contact on small built maps: the rules
//! mechanics that decide fights.

mod common;

use anxi::core::order::Order;
use anxi::rules::event::Event;
use anxi::rules::state::Fate;
use anxi::scenario::raw::{Posture, Terrain, Timing, TroopKind, Walls};
use common::{Build, play, rules, two_oases};

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
    // The same victory, won once by foot and once by horse: the horse catch
    // more of the beaten. Two to one, so that the foot's pursuit is not
    // already at the most a pursuit can catch (`pursuit_max`).
    let run = |kind: TroopKind| {
        let s = two_oases()
            .army("t", "tang", "a", &[(kind, 6000)], None)
            .army("u", "tibet", "b", &[(TroopKind::Infantry, 3000)], None)
            .build();
        let mut caught = 0;
        for seed in 0..200 {
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
    // The toll counts the fighting too, and a battle the foot fail to win on
    // the first day goes on to a second: the margin is the pursuit's.
    assert!(
        mounted as f64 > on_foot as f64 * 1.2,
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
    // At 3 to 2 against walls (2.5; the garrison's posture does not count
    // on top of them) the storm fails about nine times in ten.
    assert!(fell <= 10, "{fell}");
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
    let s = common::two_walled_cities()
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
fn a_battle_where_neither_side_breaks_goes_on_the_next_day_up_to_the_rules_limit() {
    // Two equal armies in the open: many days end with neither broken.
    let s = two_oases()
        .days_per_turn(5)
        .army("t", "tang", "b", &[(TroopKind::Infantry, 5000)], None)
        .army("g", "tibet", "b", &[(TroopKind::Infantry, 5000)], None)
        .build();
    let max = rules().battle.max_days as usize;
    let (mut went_on, mut longest) = (0, 0);
    for seed in 0..60 {
        let target = s.army("g").unwrap();
        let (_, _, events) = play(
            &s,
            seed,
            &[(
                "t",
                vec![Order::Attack {
                    target,
                    timing: Timing::Day,
                }],
            )],
            1,
        );
        let days = events
            .iter()
            .filter(|e| matches!(e, Event::BattleFought(_)))
            .count();
        let goes_on = events
            .iter()
            .filter(|e| matches!(e, Event::BattleGoesOn { .. }))
            .count();
        // Every day but the last of a battle is followed by another.
        assert_eq!(goes_on, days.saturating_sub(1), "seed {seed}");
        assert!(days <= max, "seed {seed}: {days} days");
        if goes_on > 0 {
            went_on += 1;
        }
        longest = longest.max(days);
    }
    assert!(went_on > 0, "no battle went on to a second day");
    assert_eq!(longest, max, "no battle reached the rules' limit");
}

#[test]
fn a_coalition_breaks_more_readily_than_one_army_of_the_same_men() {
    // The same 6,000 Tibetan-side foot, once as one army and once as two
    // contingents of different factions, attacked by 6,000 Tang foot: the
    // coalition is routed more often.
    let routed = |coalition: bool| {
        let mut b = two_oases().army("t", "tang", "b", &[(TroopKind::Infantry, 6000)], None);
        if coalition {
            b = b
                .with_raw(|raw| {
                    raw.factions.push(anxi::scenario::raw::RawFaction {
                        id: "turgesh".into(),
                        name: "Turgesh".into(),
                        colour: "#7a4a2a".into(),
                    });
                    raw.sides[1].factions.push("turgesh".into());
                })
                .army("g", "tibet", "b", &[(TroopKind::Infantry, 3000)], None)
                .army("h", "turgesh", "b", &[(TroopKind::Infantry, 3000)], None);
        } else {
            b = b.army("g", "tibet", "b", &[(TroopKind::Infantry, 6000)], None);
        }
        let s = b.build();
        let target = s.army("g").unwrap();
        let mut n = 0;
        for seed in 0..300 {
            let (_, _, events) = play(
                &s,
                seed,
                &[(
                    "t",
                    vec![Order::Attack {
                        target,
                        timing: Timing::Day,
                    }],
                )],
                1,
            );
            if events
                .iter()
                .any(|e| matches!(e, Event::Routed { army } if *army == target))
            {
                n += 1;
            }
        }
        n
    };
    let (alone, allied) = (routed(false), routed(true));
    assert!(
        allied > alone,
        "one army routed {alone} times, a coalition {allied}"
    );
}

#[test]
fn a_feigned_retreat_draws_the_pursuer_onto_the_ambush_and_turns_on_it() {
    // Tibetan horse archers at X fall back to the valley Y, where Tibetan
    // horse lie in ambush; the Tang foot that attack them follow, and are
    // fallen on at Y by the ambush and by the lure turned about.
    let s = Build::new()
        .region(
            "w",
            40.0,
            79.6,
            Terrain::Plain,
            Some("tang"),
            Walls::None,
            0,
        )
        .region("x", 40.0, 80.0, Terrain::Plain, None, Walls::None, 0)
        .region("y", 40.0, 80.5, Terrain::RiverValley, None, Walls::None, 0)
        .route("w", "x", 35.0, Terrain::Plain)
        .route("x", "y", 45.0, Terrain::Plain)
        .army("t", "tang", "w", &[(TroopKind::Infantry, 5000)], None)
        .army(
            "lure",
            "tibet",
            "x",
            &[(TroopKind::HorseArchers, 2000)],
            None,
        )
        .army("hidden", "tibet", "y", &[(TroopKind::Cavalry, 3000)], None)
        .days_per_turn(3)
        .build();
    let (lure, hidden, t) = (
        s.army("lure").unwrap(),
        s.army("hidden").unwrap(),
        s.army("t").unwrap(),
    );
    let y = s.region("y").unwrap();
    let mut sprung = 0;
    for seed in 0..20 {
        let (_, words, events) = play(
            &s,
            seed,
            &[
                (
                    "t",
                    vec![Order::Attack {
                        target: lure,
                        timing: Timing::Day,
                    }],
                ),
                ("lure", vec![Order::Lure { to: y }]),
                ("hidden", vec![Order::Ambush]),
            ],
            3,
        );
        let trap = events.iter().find_map(|e| match e {
            Event::BattleFought(b) if b.kind == anxi::rules::event::BattleKind::Ambush => Some(b),
            _ => None,
        });
        if let Some(b) = trap {
            let attackers: Vec<_> = b.attackers.iter().map(|f| f.army).collect();
            assert!(attackers.contains(&hidden), "{words:?}");
            assert!(
                attackers.contains(&lure),
                "the lure did not turn about: {words:?}"
            );
            assert_eq!(b.defenders[0].army, t);
            assert_eq!(b.region, Some(y));
            sprung += 1;
        }
    }
    assert!(sprung >= 15, "the trap was sprung in {sprung} of 20 games");
}

/// Tang horse ("t", 3,000) and beaten Tibetan foot ("u", 4,000, routed)
/// on the 44 km road from A to B, `t_km` and `u_km` out of A, at the start
/// of the first turn of a game of `seed`, with `t` given `order`.
fn beaten_on_the_road(
    s: &anxi::scenario::model::Scenario,
    seed: u64,
    t_km: f64,
    u_km: f64,
    order: Order,
) -> (anxi::rules::state::State, anxi::rules::turn::Log) {
    use anxi::rules::state::{Position, State};
    use anxi::rules::turn::{Log, begin_turn, give_orders};
    let (t, u) = (s.army("t").unwrap(), s.army("u").unwrap());
    let a = s.region("a").unwrap();
    let route = s.regions[a.index()].routes[0];
    let mut st = State::new(s, &rules(), seed);
    let mut log = Log::new(true);
    begin_turn(s, &mut st, &mut log);
    st.armies[u.index()].pos = Position::Road {
        route,
        from: a,
        km: u_km,
    };
    st.armies[u.index()].routed = true;
    st.armies[u.index()].morale = 0.1;
    st.armies[t.index()].pos = Position::Road {
        route,
        from: a,
        km: t_km,
    };
    give_orders(&mut st, t, vec![order], &mut log);
    (st, log)
}

fn horse_and_beaten_foot() -> anxi::scenario::model::Scenario {
    two_oases()
        .army("t", "tang", "a", &[(TroopKind::Cavalry, 3000)], None)
        .army("u", "tibet", "b", &[(TroopKind::Infantry, 4000)], None)
        .build()
}

/// A routed army overtaken on its road by an enemy column in good order is
/// caught: no battle (it does not stand), the column cuts down or takes a
/// pursuit's share of it, and only once a flight; the column then passes on.
#[test]
fn a_column_that_overtakes_a_routed_army_on_the_road_catches_it_once() {
    use anxi::rules::turn::{begin_turn, end_turn};
    let s = horse_and_beaten_foot();
    let rules = rules();
    let (t, u) = (s.army("t").unwrap(), s.army("u").unwrap());
    let b = s.region("b").unwrap();
    let mut caught_runs = 0;
    for seed in 0..20 {
        // The beaten Tibetans are 10 km out of A on the road to B, the Tang
        // horse just behind them, marching to B.
        let (mut st, mut log) =
            beaten_on_the_road(&s, seed, 9.5, 10.0, Order::March { to: b, via: vec![] });
        for _ in 0..3 {
            end_turn(&s, &rules, &mut st, &mut log);
            begin_turn(&s, &mut st, &mut log);
        }
        let catches: Vec<_> = log
            .events
            .iter()
            .filter_map(|e| match e {
                Event::Caught { army, by, lost, .. } => {
                    Some((*army, *by, lost.iter().sum::<u32>()))
                }
                _ => None,
            })
            .collect();
        assert!(
            !log.events
                .iter()
                .any(|e| matches!(e, Event::BattleFought(_))),
            "no battle with a beaten army in flight"
        );
        assert!(catches.len() <= 1, "once a flight: {catches:?}");
        if let Some((army, by, lost)) = catches.first() {
            assert_eq!((*army, *by), (u, t));
            assert!(*lost > 0 && *lost < 4000, "{lost}");
            assert_eq!(st.army(t).strength(), 3000, "the column loses no one");
            caught_runs += 1;
        }
    }
    assert_eq!(
        caught_runs, 20,
        "a column on the fugitives' heels always comes up with them"
    );
}

/// An army ordered to attack a beaten army in flight goes after it and
/// stops where it stands, for a column does not march past its quarry even
/// once it has caught it; and it does not fight it, for a beaten army in
/// flight outside its own walls does not stand: it overtakes it, once a
/// flight, and follows it.
#[test]
fn an_attack_on_a_beaten_army_in_flight_overtakes_it_and_stays_on_its_heels() {
    use anxi::rules::state::{Position, State};
    use anxi::rules::turn::{begin_turn, end_turn};
    let s = horse_and_beaten_foot();
    let rules = rules();
    let (t, u) = (s.army("t").unwrap(), s.army("u").unwrap());
    let a = s.region("a").unwrap();
    let km_from_a = |st: &State, x| match st.army(x).pos {
        Position::Road { from, km, .. } if from == a => km,
        Position::Road { km, .. } => 44.0 - km,
        Position::At(r) if r == a => 0.0,
        Position::At(_) => 44.0,
    };
    let mut caught_runs = 0;
    for seed in 0..20 {
        for already_caught in [false, true] {
            // The beaten Tibetans are 25 km out of A on the road to B, the
            // Tang horse 5 km out, ordered to attack them.
            let attack = Order::Attack {
                target: u,
                timing: Timing::Day,
            };
            let (mut st, mut log) = beaten_on_the_road(&s, seed, 5.0, 25.0, attack);
            st.armies[u.index()].caught = already_caught;
            for _ in 0..3 {
                end_turn(&s, &rules, &mut st, &mut log);
                if !st.army(u).routed {
                    break;
                }
                assert!(
                    km_from_a(&st, t) <= km_from_a(&st, u) + 1e-9,
                    "seed {seed}: the attacker marched past its quarry: {:?} and {:?}",
                    st.army(t).pos,
                    st.army(u).pos
                );
                begin_turn(&s, &mut st, &mut log);
            }
            assert!(
                !log.events
                    .iter()
                    .any(|e| matches!(e, Event::BattleFought(_))),
                "seed {seed}: no battle with a beaten army in flight"
            );
            let catches = log
                .events
                .iter()
                .filter(|e| matches!(e, Event::Caught { army, by, .. } if (*army, *by) == (u, t)))
                .count();
            if already_caught {
                assert_eq!(catches, 0, "seed {seed}: once a flight");
            } else {
                assert!(catches <= 1, "seed {seed}: once a flight");
                caught_runs += catches;
            }
        }
    }
    assert_eq!(caught_runs, 20, "the attacker always comes up with them");
}

/// A surprised side fights only where it is struck: a raid of 500 taking a
/// camp of 20,000 by surprise at night meets 500 of them, and the camp's
/// losses in the fighting are of those; without surprise the whole camp fights.
#[test]
fn a_surprised_camp_fights_man_for_man_where_it_is_struck() {
    let s = two_oases()
        .army("t", "tang", "b", &[(TroopKind::Infantry, 500)], None)
        .army("u", "tibet", "b", &[(TroopKind::Infantry, 20000)], None)
        .build();
    let (t, u) = (s.army("t").unwrap(), s.army("u").unwrap());
    let (mut surprised, mut not) = (0, 0);
    for seed in 0..60 {
        let (_, _, events) = play(
            &s,
            seed,
            &[(
                "t",
                vec![Order::Attack {
                    target: u,
                    timing: Timing::Night,
                }],
            )],
            1,
        );
        let Some(b) = events.iter().find_map(|e| match e {
            Event::BattleFought(b) => Some(b.clone()),
            _ => None,
        }) else {
            continue;
        };
        assert_eq!(b.attackers[0].army, t);
        let engaged = b.defenders[0].men;
        if b.surprise {
            surprised += 1;
            assert_eq!(engaged, 500, "man for man");
            let lost_fighting = b.defenders[0].losses.total();
            if !b.rout {
                assert!(lost_fighting <= 500, "{lost_fighting}");
            }
        } else {
            not += 1;
            assert_eq!(engaged, 20000, "the whole camp");
        }
    }
    assert!(surprised > 5 && not > 5, "surprised {surprised}, not {not}");
}

/// A great army falling on a remnant loses no more men than the remnant
/// brought to the fight, not a share of its own size.
#[test]
fn a_great_army_beating_a_remnant_loses_no_more_than_the_remnant_had() {
    let s = two_oases()
        .army("t", "tang", "b", &[(TroopKind::Infantry, 40000)], None)
        .army("u", "tibet", "b", &[(TroopKind::Infantry, 300)], None)
        .build();
    let u = s.army("u").unwrap();
    let mut fought = 0;
    for seed in 0..40 {
        let (_, _, events) = play(
            &s,
            seed,
            &[(
                "t",
                vec![Order::Attack {
                    target: u,
                    timing: Timing::Day,
                }],
            )],
            1,
        );
        for e in &events {
            if let Event::BattleFought(b) = e {
                fought += 1;
                let lost: u32 = b.attackers.iter().map(|f| f.losses.total()).sum();
                assert!(lost <= 300, "lost {lost} to a remnant of 300");
            }
        }
    }
    assert!(fought > 0);
}

/// A truce lulls a camp: an attack by day on a faction at truce with the
/// attacker comes unseen and may surprise, which a day attack never does
/// otherwise; the battle ends the truce.
#[test]
fn a_truce_lulls_a_camp_until_the_first_battle_ends_it() {
    use anxi::rules::combat::Setup;
    use anxi::rules::combat::odds::surprise_chance;
    use anxi::rules::event::BattleKind;
    use anxi::rules::state::State;
    let s = two_oases()
        .army("t", "tang", "b", &[(TroopKind::Cavalry, 3000)], None)
        .army("u", "tibet", "b", &[(TroopKind::Infantry, 6000)], None)
        .build();
    let rules = rules();
    let (t, u) = (s.army("t").unwrap(), s.army("u").unwrap());
    let b = s.region("b").unwrap();
    let setup = Setup {
        kind: BattleKind::Field,
        region: Some(b),
        terrain: Terrain::Oasis,
        attackers: vec![(t, 1.0)],
        defenders: vec![(u, 1.0)],
        timing: Timing::Day,
        unseen: false,
        chase_days: 0.0,
    };
    let mut st = State::new(&s, &rules, 1);
    assert_eq!(
        surprise_chance(&s, &rules, &st, &setup),
        0.0,
        "by day, seen"
    );
    let (tang, tibet) = (st.army(t).faction, st.army(u).faction);
    st.truces.push((tang, tibet));
    assert!(st.at_truce(tibet, tang));
    let lulled = surprise_chance(&s, &rules, &st, &setup);
    assert!(lulled >= rules.battle.surprise_unseen - 1e-9, "{lulled}");
    let events = anxi::rules::combat::fight(&s, &rules, &mut st, setup);
    assert!(
        events
            .iter()
            .any(|e| matches!(e, Event::TruceBroken { .. })),
        "the battle ends the truce"
    );
    assert!(!st.at_truce(tang, tibet));
}

/// Behind a city's walls the walls are the prepared position: in an
/// assault the garrison's posture does not count on top of them, while in
/// the field a fortified camp counts its posture (and its stockade).
#[test]
fn behind_walls_the_posture_does_not_count_twice() {
    use anxi::rules::combat::Setup;
    use anxi::rules::combat::odds::powers;
    use anxi::rules::event::BattleKind;
    use anxi::rules::state::State;
    let s = two_oases()
        .army("g", "tang", "a", &[(TroopKind::Infantry, 2000)], None)
        .army("u", "tibet", "a", &[(TroopKind::Infantry, 8000)], None)
        .build();
    let rules = rules();
    let (g, u) = (s.army("g").unwrap(), s.army("u").unwrap());
    let a = s.region("a").unwrap();
    let setup = |kind| Setup {
        kind,
        region: Some(a),
        terrain: Terrain::Oasis,
        attackers: vec![(u, 1.0)],
        defenders: vec![(g, 1.0)],
        timing: Timing::Day,
        unseen: false,
        chase_days: 0.0,
    };
    let mut st = State::new(&s, &rules, 1);
    let defence = |st: &State, kind| powers(&s, &rules, st, &setup(kind), false).defence;
    st.armies[g.index()].posture = Posture::Hasty;
    let (storm_hasty, field_hasty) = (
        defence(&st, BattleKind::Assault),
        defence(&st, BattleKind::Field),
    );
    st.armies[g.index()].posture = Posture::Fortified;
    let (storm_fortified, field_fortified) = (
        defence(&st, BattleKind::Assault),
        defence(&st, BattleKind::Field),
    );
    assert_eq!(storm_hasty, storm_fortified, "the walls, not the posture");
    assert!(
        field_fortified > field_hasty * 1.2,
        "{field_hasty} {field_fortified}"
    );
}

/// A pass held behind works, its front road from `front` and a track
/// over the heights from `heights` that turns them.
fn a_pass_with_a_track_round_it() -> common::Build {
    Build::new()
        .region("front", 40.0, 80.0, Terrain::Plain, None, Walls::None, 0)
        .region(
            "heights",
            40.05,
            80.25,
            Terrain::Mountains,
            None,
            Walls::None,
            0,
        )
        .region(
            "pass",
            40.0,
            80.3,
            Terrain::MountainPass,
            None,
            Walls::None,
            0,
        )
        .route("front", "pass", 30.0, Terrain::MountainPass)
        .route("heights", "pass", 10.0, Terrain::Mountains)
        .turning("heights", "pass", "pass")
        .army("u", "tibet", "pass", &[(TroopKind::Infantry, 5000)], None)
}

/// Works face the road they were built across: an attack that comes over
/// the heights by a track that turns them meets the defenders without
/// their works, their ground or their watch, and wins where the same men
/// coming up the road fail.
#[test]
fn a_track_over_the_heights_turns_the_works_in_a_pass() {
    let wins_from = |start: &str, posture: Posture| {
        let s = a_pass_with_a_track_round_it()
            .army("t", "tang", start, &[(TroopKind::Infantry, 6000)], None)
            .with_army("u", |u| u.posture = posture)
            .build();
        let (t, u) = (s.army("t").unwrap(), s.army("u").unwrap());
        (0..200)
            .filter(|seed| {
                let (st, _, _) = play(
                    &s,
                    *seed,
                    &[(
                        "t",
                        vec![Order::Attack {
                            target: u,
                            timing: Timing::Day,
                        }],
                    )],
                    6,
                );
                st.battles.first().is_some_and(|b| b.winners.contains(&t))
            })
            .count()
    };
    let by_road = wins_from("front", Posture::Fortified);
    let by_track = wins_from("heights", Posture::Fortified);
    assert!(
        by_road < 20,
        "up the road against the works: {by_road} of 200"
    );
    assert!(by_track > 100, "over the heights: {by_track} of 200");
}

/// Only works are turned: an army standing in the pass without them
/// (hasty) fights the same whichever way the enemy comes, and the factor
/// of the works falls with the share of the attack that came round them.
#[test]
fn the_turn_counts_for_the_share_that_came_round_and_only_against_works() {
    use anxi::rules::combat::Setup;
    use anxi::rules::combat::odds::{powers, turned_share};
    use anxi::rules::event::BattleKind;
    use anxi::rules::state::{Position, State};
    let s = a_pass_with_a_track_round_it()
        .army("t1", "tang", "pass", &[(TroopKind::Infantry, 3000)], None)
        .army("t2", "tang", "pass", &[(TroopKind::Infantry, 3000)], None)
        .build();
    let rules = rules();
    let (t1, t2, u) = (
        s.army("t1").unwrap(),
        s.army("t2").unwrap(),
        s.army("u").unwrap(),
    );
    let (front, heights, pass) = (
        s.region("front").unwrap(),
        s.region("heights").unwrap(),
        s.region("pass").unwrap(),
    );
    let setup = Setup {
        kind: BattleKind::Field,
        region: Some(pass),
        terrain: Terrain::MountainPass,
        attackers: vec![(t1, 1.0), (t2, 1.0)],
        defenders: vec![(u, 1.0)],
        timing: Timing::Day,
        unseen: false,
        chase_days: 0.0,
    };
    let mut st = State::new(&s, &rules, 1);
    for t in [t1, t2] {
        st.armies[t.index()].pos = Position::At(pass);
    }
    let came = |st: &mut State, a: Option<RegionId>, b: Option<RegionId>| {
        st.armies[t1.index()].came_from = a;
        st.armies[t2.index()].came_from = b;
    };
    use anxi::scenario::model::RegionId;
    let defence = |st: &State| powers(&s, &rules, st, &setup, false).defence;

    st.armies[u.index()].posture = Posture::Fortified;
    came(&mut st, Some(front), Some(front));
    assert_eq!(turned_share(&s, &st, &setup), 0.0);
    let facing = defence(&st);
    came(&mut st, Some(front), Some(heights));
    assert_eq!(turned_share(&s, &st, &setup), 0.5);
    let half = defence(&st);
    came(&mut st, Some(heights), Some(heights));
    assert_eq!(turned_share(&s, &st, &setup), 1.0);
    let turned = defence(&st);
    assert!(facing > half && half > turned, "{facing} {half} {turned}");
    assert!(facing > 3.0 * turned, "{facing} {turned}");

    st.armies[u.index()].posture = Posture::Hasty;
    came(&mut st, Some(front), Some(front));
    let hasty_front = defence(&st);
    came(&mut st, Some(heights), Some(heights));
    assert_eq!(turned_share(&s, &st, &setup), 0.0, "no works to turn");
    assert_eq!(hasty_front, defence(&st));
}

/// The pursuit after a battle is the winners' catch for that day: a column
/// that has just routed an army on the road does not overtake it again the
/// same day and cut it down a second time.
#[test]
fn the_winner_of_a_rout_on_the_road_does_not_overtake_its_fugitives_the_same_day() {
    let s = two_oases()
        .army("t", "tang", "a", &[(TroopKind::Cavalry, 6000)], None)
        .army("u", "tibet", "b", &[(TroopKind::Infantry, 4000)], None)
        .build();
    let (t, u) = (s.army("t").unwrap(), s.army("u").unwrap());
    let a = s.region("a").unwrap();
    let mut routs_on_the_road = 0;
    for seed in 0..40 {
        let (_, _, events) = play(
            &s,
            seed,
            &[
                (
                    "t",
                    vec![Order::Attack {
                        target: u,
                        timing: Timing::Day,
                    }],
                ),
                ("u", vec![Order::March { to: a, via: vec![] }]),
            ],
            4,
        );
        // The events of each day, split where a day passes.
        let days = events.split(|e| matches!(e, Event::DayPassed { .. }));
        for day in days {
            let routed_here = day.iter().any(|e| {
                matches!(e, Event::BattleFought(b)
                    if b.region.is_none() && b.rout && b.attacker_won
                        && b.attackers.iter().any(|f| f.army == t))
            });
            if routed_here {
                routs_on_the_road += 1;
                assert!(
                    !day.iter()
                        .any(|e| matches!(e, Event::Caught { by, .. } if *by == t)),
                    "seed {seed}: caught again the day it was beaten"
                );
            }
        }
    }
    assert!(
        routs_on_the_road > 10,
        "{routs_on_the_road} routs on the road"
    );
}

/// Night attacks suit small bodies: a party of 500 comes at night nearly as
/// if unseen, a host of 20,000 hardly more often than the night alone
/// gives; by day or at dawn size changes nothing, and rules files without
/// `night_party` give every night attack the same chance. Played out, the
/// raid surprises the camp far more often than the host does.
#[test]
fn a_small_party_surprises_a_camp_at_night_more_often_than_a_host() {
    use anxi::rules::combat::Setup;
    use anxi::rules::combat::odds::surprise_chance;
    use anxi::rules::event::BattleKind;
    use anxi::rules::state::State;
    let s = two_oases()
        .army("raid", "tang", "b", &[(TroopKind::Infantry, 500)], None)
        .army("host", "tang", "b", &[(TroopKind::Infantry, 20000)], None)
        .army("camp", "tibet", "b", &[(TroopKind::Infantry, 40000)], None)
        .build();
    let rules = rules();
    let (raid, host, camp) = (
        s.army("raid").unwrap(),
        s.army("host").unwrap(),
        s.army("camp").unwrap(),
    );
    let setup = |a, timing| Setup {
        kind: BattleKind::Field,
        region: s.region("b"),
        terrain: Terrain::Oasis,
        attackers: vec![(a, 1.0)],
        defenders: vec![(camp, 1.0)],
        timing,
        unseen: false,
        chase_days: 0.0,
    };
    let st = State::new(&s, &rules, 1);
    let chance = |rules: &anxi::rules::params::Rules, a, timing| {
        surprise_chance(&s, rules, &st, &setup(a, timing))
    };
    let b = &rules.battle;
    assert!(b.night_party > 0.0);
    let (small, large) = (
        chance(&rules, raid, Timing::Night),
        chance(&rules, host, Timing::Night),
    );
    let half = b.night_party / (b.night_party + 500.0);
    assert!(
        (small - (b.surprise_night + b.surprise_unseen * half)).abs() < 1e-9,
        "{small}"
    );
    assert!(
        small > 0.6 && large < b.surprise_night + 0.05,
        "{small} {large}"
    );
    assert_eq!(
        chance(&rules, raid, Timing::Dawn),
        chance(&rules, host, Timing::Dawn)
    );
    let mut old = rules.clone();
    old.battle.night_party = 0.0;
    assert_eq!(chance(&old, raid, Timing::Night), b.surprise_night);
    assert_eq!(chance(&old, host, Timing::Night), b.surprise_night);

    let surprised = |attacker: &str| {
        let mut n = 0;
        for seed in 0..100 {
            let (_, _, events) = play(
                &s,
                seed,
                &[(
                    attacker,
                    vec![Order::Attack {
                        target: camp,
                        timing: Timing::Night,
                    }],
                )],
                1,
            );
            n += events
                .iter()
                .filter(|e| matches!(e, Event::BattleFought(b) if b.surprise))
                .count();
        }
        n
    };
    let (by_raid, by_host) = (surprised("raid"), surprised("host"));
    assert!(
        by_raid > 55 && by_host < 50 && by_raid > by_host + 20,
        "raid {by_raid}, host {by_host} of 100"
    );
}

/// Horses carry a beaten army's commanders away from men on foot, not from
/// other riders: the pursuit's chances of taking or killing them fall by
/// `mounted_escape` for an army all mounted chased by foot, by nothing when
/// riders chase riders or when the beaten army has no horse, and in
/// proportion between. A commander keeps a guard of riders about him
/// (`guard`): a foot army with that many horsemen carries him off as one all
/// mounted would, one with half as many half as well.
#[test]
fn horses_save_a_beaten_commander_from_foot_not_from_riders() {
    use anxi::rules::combat::odds::horses_spare;
    use anxi::rules::state::State;
    let guard = rules().capture.guard.round() as u32;
    assert!(guard >= 2 && guard % 2 == 0 && guard < 2000, "{guard}");
    let s = two_oases()
        .army(
            "riders",
            "tibet",
            "b",
            &[(TroopKind::HorseArchers, 2000)],
            None,
        )
        .army("foot", "tibet", "b", &[(TroopKind::Infantry, 2000)], None)
        .army(
            "guarded",
            "tibet",
            "b",
            &[
                (TroopKind::Infantry, 2000 - guard),
                (TroopKind::Cavalry, guard),
            ],
            None,
        )
        .army(
            "half_guard",
            "tibet",
            "b",
            &[
                (TroopKind::Infantry, 2000 - guard / 2),
                (TroopKind::Cavalry, guard / 2),
            ],
            None,
        )
        .army("lancers", "tang", "b", &[(TroopKind::Cavalry, 3000)], None)
        .army("spears", "tang", "b", &[(TroopKind::Spearmen, 3000)], None)
        .army(
            "mixed",
            "tang",
            "b",
            &[(TroopKind::Cavalry, 1500), (TroopKind::Spearmen, 1500)],
            None,
        )
        .build();
    let rules = rules();
    let st = State::new(&s, &rules, 1);
    let id = |n: &str| s.army(n).unwrap();
    let escape = rules.capture.mounted_escape;
    assert!(escape > 0.0);
    let spare = |f: &str, p: &str| horses_spare(&rules, &st, id(f), id(p));
    assert!((spare("riders", "spears") - (1.0 - escape)).abs() < 1e-12);
    assert_eq!(spare("riders", "lancers"), 1.0);
    assert_eq!(spare("foot", "spears"), 1.0);
    assert_eq!(spare("foot", "lancers"), 1.0);
    assert!((spare("riders", "mixed") - (1.0 - escape / 2.0)).abs() < 1e-12);
    assert!((spare("guarded", "spears") - (1.0 - escape)).abs() < 1e-12);
    assert!((spare("half_guard", "spears") - (1.0 - escape / 2.0)).abs() < 1e-12);
    assert_eq!(spare("guarded", "lancers"), 1.0);
}

/// Horse archers run a beaten army down with the bow: of the commanders
/// they catch, most are shot (`shot_down`), where lancers take theirs alive;
/// a ruler, worth more alive, is taken by either. A beaten foot army's
/// commander, over 200 seeds, by each pursuer.
#[test]
fn horse_archers_shoot_down_the_commanders_they_catch_and_take_a_ruler_alive() {
    let fates = |pursuers: TroopKind, ruler: bool| {
        let s = two_oases()
            .commander("lord", "tibet", 3)
            .army("t", "tang", "b", &[(pursuers, 6000)], None)
            .army(
                "u",
                "tibet",
                "b",
                &[(TroopKind::Infantry, 2000)],
                Some("lord"),
            )
            .with_raw(|r| {
                if ruler {
                    let b = r.regions.iter_mut().find(|g| g.id == "b").unwrap();
                    b.control = Some("tibet".into());
                    b.ruler = Some("lord".into());
                }
            })
            .build();
        let (mut killed, mut taken) = (0, 0);
        for seed in 0..200 {
            let attack = Order::Attack {
                target: s.army("u").unwrap(),
                timing: Timing::Day,
            };
            let (st, _, _) = play(&s, seed, &[("t", vec![attack])], 1);
            match st.commanders[0].fate {
                Fate::Killed => killed += 1,
                Fate::Captured => taken += 1,
                _ => {}
            }
        }
        (killed, taken)
    };
    let (shot, seized) = fates(TroopKind::HorseArchers, false);
    assert!(
        shot > 2 * seized && shot > 100,
        "horse archers: {shot} killed, {seized} taken"
    );
    let (speared, held) = fates(TroopKind::Cavalry, false);
    assert!(
        held > 4 * speared && held > 100,
        "lancers: {speared} killed, {held} taken"
    );
    let (king_shot, king_taken) = fates(TroopKind::HorseArchers, true);
    assert!(
        king_taken > 4 * king_shot && king_taken > 100,
        "a ruler by horse archers: {king_shot} killed, {king_taken} taken"
    );
}

/// A rules file written before the guard and the shooting loads, with
/// neither (0): a commander rides off on the army's mounted share alone
/// and no one is shot, as before them.
#[test]
fn rules_written_before_the_guard_and_the_shooting_load_without_them() {
    use anxi::rules::params::{Rules, SHIPPED_RULES};
    let old = SHIPPED_RULES
        .lines()
        .filter(|l| {
            let l = l.trim_start();
            !l.starts_with("shot_down:")
                && !l.starts_with("guard:")
                && !l.contains("\"capture.shot_down\"")
                && !l.contains("\"capture.guard\"")
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert_eq!(SHIPPED_RULES.lines().count(), old.lines().count() + 4);
    let r = Rules::parse("old_rules.ron", &old).expect("an older rules file loads");
    assert_eq!((r.capture.shot_down, r.capture.guard), (0.0, 0.0));
}

/// A steppe with no walled city anywhere: the Tibetan host routed in its
/// camp has no refuge. It does not stay to rally where the victors stand,
/// but falls back along the road away from every enemy in good order (west,
/// not east where a second Tang army waits), and rallies once clear of them.
#[test]
fn a_routed_army_with_no_refuge_falls_back_from_its_victors_to_rally() {
    use anxi::rules::state::Position;
    let s = Build::new()
        .region(
            "camp",
            42.0,
            100.0,
            Terrain::Steppe,
            Some("tibet"),
            Walls::None,
            0,
        )
        .region(
            "west",
            42.0,
            99.0,
            Terrain::Steppe,
            Some("tibet"),
            Walls::None,
            0,
        )
        .region("east", 42.0, 100.5, Terrain::Steppe, None, Walls::None, 0)
        .route("camp", "west", 80.0, Terrain::Steppe)
        .route("camp", "east", 40.0, Terrain::Steppe)
        .army("t", "tang", "camp", &[(TroopKind::Cavalry, 12000)], None)
        .army("watch", "tang", "east", &[(TroopKind::Cavalry, 2000)], None)
        .army(
            "u",
            "tibet",
            "camp",
            &[(TroopKind::HorseArchers, 3000)],
            None,
        )
        .build();
    let (t, u) = (s.army("t").unwrap(), s.army("u").unwrap());
    let (camp, west) = (s.region("camp").unwrap(), s.region("west").unwrap());
    let mut rallied_away = 0;
    for seed in 0..20 {
        let (st, _, events) = play(
            &s,
            seed,
            &[(
                "t",
                vec![Order::Attack {
                    target: u,
                    timing: Timing::Day,
                }],
            )],
            20,
        );
        if !st.armies[u.index()].beaten {
            continue;
        }
        let mut at = Position::At(camp);
        let mut routed = false;
        for e in &events {
            match e {
                Event::Moved { army, to, .. } if *army == u => at = *to,
                Event::Routed { army } if *army == u => routed = true,
                Event::Rallied { army } if *army == u => {
                    assert!(routed);
                    // Away from the victors: in the west, or on
                    // the road to it, never towards the second Tang army.
                    let westward = match at {
                        Position::At(r) => r == west,
                        Position::Road { route, .. } => s.routes[route.index()].other(camp) == west,
                    };
                    assert!(westward, "seed {seed}: rallied at {at:?}");
                    rallied_away += 1;
                }
                _ => {}
            }
        }
        // The victors did not move: the host left them.
        assert_eq!(st.armies[t.index()].pos, Position::At(camp));
        assert_ne!(st.armies[u.index()].pos, Position::At(camp), "seed {seed}");
    }
    assert!(rallied_away >= 15, "{rallied_away}");
}
