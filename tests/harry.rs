//! Harrying: horse archers ordered to harry ride round an enemy army
//! without closing. Each day in contact they shoot into it as the odds
//! (`rules::harry::harrying`) say, the army can neither forage nor graze,
//! the riders stop no march and stand off from their allies' battles, and
//! an army behind its own walls is out of their reach.

mod common;

use std::borrow::Cow;

use anxi::core::order::Order;
use anxi::game::{Game, Player};
use anxi::rules::check::{Reason, check};
use anxi::rules::event::Event;
use anxi::rules::harry::harrying;
use anxi::rules::params::{Rules, SHIPPED_RULES};
use anxi::scenario::Scenario;
use anxi::scenario::raw::{Terrain, TroopKind, Walls};
use common::{Build, rules};

/// Two open places 200 km apart by a road through oases rich enough to feed
/// the Tang column off the land; the column (foot with a few horse) and
/// the Tibetan horse archers start together at `a`.
fn the_road() -> Scenario {
    Build::new()
        .region("a", 40.0, 80.0, Terrain::Oasis, None, Walls::None, 0)
        .region("b", 40.0, 82.0, Terrain::Oasis, None, Walls::None, 0)
        .route("a", "b", 200.0, Terrain::Oasis)
        .army(
            "t",
            "tang",
            "a",
            &[(TroopKind::Infantry, 9_000), (TroopKind::Cavalry, 1_000)],
            None,
        )
        .army("h", "tibet", "a", &[(TroopKind::HorseArchers, 5_000)], None)
        .army("f", "tibet", "b", &[(TroopKind::Infantry, 2_000)], None)
        .build()
}

/// A game of `s` under rules `r`, every side played by hand, seed 1.
fn a_game(s: &Scenario, r: Rules) -> Game<'static> {
    Game::new(
        Cow::Owned(s.clone()),
        Cow::Owned(r),
        1,
        vec![Player::Human; 2],
        true,
    )
    .0
}

fn march(s: &Scenario, to: &str) -> Order {
    Order::March {
        to: s.region(to).unwrap(),
        via: vec![],
    }
}

/// Plays `days` one-day turns with the column marching to `b` and the
/// horse archers given `riders`; every event.
fn play(riders: Order, days: u32) -> (Game<'static>, Vec<Event>) {
    let s = the_road();
    let (t, h) = (s.army("t").unwrap(), s.army("h").unwrap());
    let mut game = a_game(&s, rules());
    let mut events = Vec::new();
    let mut given = vec![(t, vec![march(&s, "b")]), (h, vec![riders])];
    for _ in 0..days {
        let played = game.play_turn(std::mem::take(&mut given));
        events.extend(played.events);
        game.state().check_invariants().unwrap();
    }
    (game, events)
}

fn harry_t() -> Order {
    Order::Harry {
        target: the_road().army("t").unwrap(),
    }
}

#[test]
fn a_day_of_harrying_costs_both_sides_what_the_odds_say_and_no_battle() {
    let s = the_road();
    let (t, h) = (s.army("t").unwrap(), s.army("h").unwrap());
    let r = rules();
    let start = a_game(&s, r.clone());
    let odds = harrying(&s, &r, start.state(), h, t);
    // 5,000 archers against a screen of 1,000 horse and 9,000 foot.
    let screen = 1_000.0 * r.troop(TroopKind::Cavalry).pursuit
        + 9_000.0 * r.troop(TroopKind::Infantry).pursuit;
    assert!((odds.screen - screen).abs() < 1e-9);
    assert!((odds.liberty - 5_000.0 / (5_000.0 + screen)).abs() < 1e-9);
    assert!(odds.lost > 2 * odds.harriers_lost, "{odds:?}");
    // The figures docs/rules.md gives for this case.
    assert_eq!((odds.lost, odds.harriers_lost), (96, 30));

    let (_, events) = play(harry_t(), 1);
    assert!(!events.iter().any(|e| matches!(e, Event::BattleFought(_))));
    let day: Vec<_> = events
        .iter()
        .filter_map(|e| match e {
            Event::Harried {
                army,
                by,
                losses,
                harriers_losses,
                morale,
                ..
            } => Some((*army, *by, losses.total(), harriers_losses.total(), *morale)),
            _ => None,
        })
        .collect();
    assert_eq!(
        day,
        vec![(t, h, odds.lost, odds.harriers_lost, odds.morale)],
        "{events:?}"
    );
}

#[test]
fn a_harried_column_eats_from_its_packs_where_the_land_would_feed_it() {
    let food = |riders: Order| {
        let (game, _) = play(riders, 3);
        let t = game.scenario().army("t").unwrap();
        game.state().army(t).food_days
    };
    let left_alone = food(Order::Hold);
    let harried = food(harry_t());
    assert_eq!(left_alone, 20.0, "the oases feed a column left alone");
    assert_eq!(
        harried, 17.0,
        "three days harried, three days from the packs"
    );
}

#[test]
fn riders_harrying_a_column_do_not_bar_its_road() {
    let arrival = |riders: Order| {
        let (_, events) = play(riders, 12);
        let s = the_road();
        events
            .iter()
            .position(|e| {
                matches!(e, Event::Entered { army, region, .. }
                    if *army == s.army("t").unwrap() && *region == s.region("b").unwrap())
            })
            .map(|i| {
                events[..i]
                    .iter()
                    .filter(|e| matches!(e, Event::DayPassed { .. }))
                    .count()
            })
    };
    let alone = arrival(Order::Hold).expect("the column reaches b");
    assert_eq!(arrival(harry_t()), Some(alone));
}

#[test]
fn riders_harrying_stand_off_from_the_battle_their_allies_fight() {
    // The column reaches `b` and attacks the Tibetan foot there, with the
    // horse archers still riding round it: they do not join the defence.
    let s = the_road();
    let (t, h, f) = (
        s.army("t").unwrap(),
        s.army("h").unwrap(),
        s.army("f").unwrap(),
    );
    let mut game = a_game(&s, rules());
    let attack = Order::Attack {
        target: f,
        timing: anxi::scenario::raw::Timing::Day,
    };
    let mut given = vec![(t, vec![attack]), (h, vec![harry_t()])];
    let mut battle = None;
    for _ in 0..15 {
        let played = game.play_turn(std::mem::take(&mut given));
        battle = battle.or_else(|| {
            played.events.into_iter().find_map(|e| match e {
                Event::BattleFought(b) => Some(b),
                _ => None,
            })
        });
    }
    let b = battle.expect("the column fights the foot at b");
    let defenders: Vec<_> = b.defenders.iter().map(|d| d.army).collect();
    assert_eq!(defenders, vec![f]);
    assert!(!b.attackers.iter().any(|a| a.army == h));
}

#[test]
fn an_army_without_riders_who_shoot_cannot_harry() {
    let s = the_road();
    let (t, h) = (s.army("t").unwrap(), s.army("h").unwrap());
    let r = rules();
    let game = a_game(&s, r.clone());
    let st = game.state();
    let f = s.army("f").unwrap();
    assert_eq!(
        check(&s, &r, st, f, &Order::Harry { target: t }),
        Err(Reason::CannotHarry { army: f })
    );
    assert_eq!(check(&s, &r, st, h, &Order::Harry { target: t }), Ok(()));
    // Lancers must close to fight: the Tang horse cannot harry either.
    assert_eq!(
        check(&s, &r, st, t, &Order::Harry { target: h }),
        Err(Reason::CannotHarry { army: t })
    );
}

#[test]
fn an_army_behind_its_own_walls_is_out_of_the_riders_reach() {
    let s = common::two_walled_cities()
        .army("t", "tang", "a", &[(TroopKind::Infantry, 5_000)], None)
        .army("h", "tibet", "a", &[(TroopKind::HorseArchers, 5_000)], None)
        .build();
    let h = s.army("h").unwrap();
    let harry = Order::Harry {
        target: s.army("t").unwrap(),
    };
    let (_, _, events) = common::play(&s, 1, &[("t", vec![Order::Hold]), ("h", vec![harry])], 5);
    assert!(
        !events.iter().any(|e| matches!(e, Event::Harried { .. })),
        "harried behind its walls"
    );
    assert!(
        !events
            .iter()
            .any(|e| matches!(e, Event::OrderRefused { army, .. } if *army == h)),
        "the order itself stands"
    );
}

#[test]
fn rules_written_before_harrying_load_and_harry_no_one() {
    let old = SHIPPED_RULES
        .lines()
        .filter(|l| !l.trim_start().starts_with("harry:") && !l.contains("\"harry."))
        .collect::<Vec<_>>()
        .join("\n")
        .replace(", skirmish: 1.0", "");
    assert_ne!(old, SHIPPED_RULES);
    let r = Rules::parse("old_rules.ron", &old).expect("an older rules file loads");
    assert_eq!(r.harry.per_rider, 0.0);
    assert_eq!(r.troop(TroopKind::HorseArchers).skirmish, 0.0);
    let s = the_road();
    let game = a_game(&s, r.clone());
    let (t, h) = (s.army("t").unwrap(), s.army("h").unwrap());
    assert_eq!(
        check(&s, &r, game.state(), h, &Order::Harry { target: t }),
        Err(Reason::CannotHarry { army: h })
    );
}

/// The thirst of each day's harrying, in order.
fn thirst_by_day(events: &[Event]) -> Vec<u32> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::Harried { thirst, .. } => Some(*thirst),
            _ => None,
        })
        .collect()
}

#[test]
fn harried_past_its_water_an_army_goes_thirsty() {
    let r = rules();
    let (game, events) = play(harry_t(), 5);
    let thirst = thirst_by_day(&events);
    assert_eq!(thirst.len(), 5, "{events:?}");
    let water = r.harry.water_days as usize;
    assert_eq!(water, 2);
    assert!(thirst[..water].iter().all(|t| *t == 0), "{thirst:?}");
    assert!(thirst[water..].iter().all(|t| *t > 0), "{thirst:?}");
    // The figure docs/rules.md gives for the third day.
    assert!((120..=130).contains(&thirst[water]), "{thirst:?}");
    // Counted in the losses, half dead and half lost to the army.
    let t = game.scenario().army("t").unwrap();
    let Some(Event::Harried { losses, .. }) = events
        .iter()
        .filter(|e| matches!(e, Event::Harried { .. }))
        .nth(water)
    else {
        unreachable!()
    };
    let shot = split_of(r.battle.fighting_split, losses.total() - thirst[water]);
    assert_eq!(losses.killed, shot.killed + thirst[water] / 2);
    assert_eq!(
        game.state().army(t).losses.total(),
        events
            .iter()
            .filter_map(|e| match e {
                Event::Harried { losses, .. } => Some(losses.total()),
                _ => None,
            })
            .sum::<u32>()
    );
}

fn split_of(split: (f64, f64, f64, f64), n: u32) -> anxi::rules::state::Losses {
    let sum = split.0 + split.1 + split.2 + split.3;
    let part = |x: f64| ((f64::from(n)) * x / sum).floor() as u32;
    anxi::rules::state::Losses {
        killed: part(split.0),
        wounded: part(split.1),
        captured: part(split.2),
        dispersed: n - part(split.0) - part(split.1) - part(split.2),
    }
}

#[test]
fn a_day_without_riders_lets_the_army_water_and_the_count_starts_again() {
    let s = the_road();
    let (t, h) = (s.army("t").unwrap(), s.army("h").unwrap());
    let mut game = a_game(&s, rules());
    let mut events = Vec::new();
    let orders = [
        vec![(t, vec![march(&s, "b")]), (h, vec![harry_t()])],
        vec![],
        vec![],
        vec![(h, vec![Order::Hold])],
        vec![(h, vec![harry_t()])],
        vec![],
        vec![],
    ];
    for given in orders {
        events.extend(game.play_turn(given).events);
    }
    // Three days harried (the third thirsty), a day's rest from the riders
    // while the column marches on, a day for them to ride it down again
    // (40 km against its lead of two days' march, 44 km), then two more
    // harried with water again.
    assert_eq!(
        thirst_by_day(&events)
            .iter()
            .map(|t| *t > 0)
            .collect::<Vec<_>>(),
        [false, false, true, false, false]
    );
}

#[test]
fn riders_ride_round_another_army_on_the_road_to_their_target() {
    // A second Tang column, `g`, marches out two days ahead of `t`; the
    // riders coming from `b` meet it first on the road, ride round it and
    // come up with `t` behind it, the day they reach it.
    let s = Build::new()
        .region("a", 40.0, 80.0, Terrain::Oasis, None, Walls::None, 0)
        .region("b", 40.0, 82.0, Terrain::Oasis, None, Walls::None, 0)
        .route("a", "b", 200.0, Terrain::Oasis)
        .army("t", "tang", "a", &[(TroopKind::Infantry, 9_000)], None)
        .army("h", "tibet", "b", &[(TroopKind::HorseArchers, 5_000)], None)
        .army("g", "tang", "a", &[(TroopKind::Infantry, 2_000)], None)
        .build();
    let (t, h, g) = (
        s.army("t").unwrap(),
        s.army("h").unwrap(),
        s.army("g").unwrap(),
    );
    let mut game = a_game(&s, rules());
    let harry = Order::Harry { target: t };
    let mut days = Vec::new();
    for day in 1..=6 {
        let given = match day {
            1 => vec![(g, vec![march(&s, "b")]), (h, vec![harry.clone()])],
            3 => vec![(t, vec![march(&s, "b")])],
            _ => vec![],
        };
        let played = game.play_turn(given);
        if played
            .events
            .iter()
            .any(|e| matches!(e, Event::Harried { army, by, .. } if *army == t && *by == h))
        {
            days.push(day);
        }
    }
    // On day 4 `g` stands between them (66 km out) and `t` 44 km out.
    assert_eq!(days.first(), Some(&4), "{days:?}");
}

#[test]
fn riders_attacked_by_the_army_they_harry_keep_their_order_unless_broken() {
    let s = the_road();
    let (t, h) = (s.army("t").unwrap(), s.army("h").unwrap());
    let attack = Order::Attack {
        target: h,
        timing: anxi::scenario::raw::Timing::Day,
    };
    let mut fought = 0;
    for seed in 0..20 {
        let mut game = Game::new(
            Cow::Owned(s.clone()),
            Cow::Owned(rules()),
            seed,
            vec![Player::Human; 2],
            true,
        )
        .0;
        let played = game.play_turn(vec![(t, vec![attack.clone()]), (h, vec![harry_t()])]);
        if played
            .events
            .iter()
            .any(|e| matches!(e, Event::BattleFought(_)))
        {
            fought += 1;
            let riders = game.state().army(h);
            if riders.active() && !riders.routed {
                assert_eq!(riders.orders.front(), Some(&harry_t()), "seed {seed}");
            }
        }
    }
    assert!(fought > 0);
}
