//! Camps taken: a beaten army driven from the place it stood flees with the
//! food its men carry on them (`supply.fugitive_days`) and leaves its camp,
//! with the rest of its food, to the winners. An army beaten where it came
//! to attack, or ambushed on its way, has no camp there to lose.

mod common;

use anxi::core::order::Order;
use anxi::rules::event::Event;
use anxi::rules::params::{Rules, SHIPPED_RULES};
use anxi::scenario::raw::{Terrain, Timing, TroopKind, Walls};
use common::{Build, play};

/// Tang horse at `a` and Tibetan foot at `b`, 20 km apart in open country
/// that feeds no one (a desert road between two bare places).
fn ground(tang: u32, tibet: u32) -> anxi::scenario::Scenario {
    Build::new()
        .region("a", 40.0, 80.0, Terrain::Desert, None, Walls::None, 0)
        .region("b", 40.0, 80.3, Terrain::Desert, None, Walls::None, 0)
        .route("a", "b", 20.0, Terrain::Desert)
        .army("t", "tang", "a", &[(TroopKind::Cavalry, tang)], None)
        .army("u", "tibet", "b", &[(TroopKind::Infantry, tibet)], None)
        .build()
}

/// The first seed in 50 on which the Tang attack at `b` routs the Tibetans;
/// its events.
fn a_rout(s: &anxi::scenario::Scenario) -> Vec<Event> {
    let u = s.army("u").unwrap();
    let attack = Order::Attack {
        target: u,
        timing: Timing::Day,
    };
    (0..50)
        .map(|seed| play(s, seed, &[("t", vec![attack.clone()])], 2).2)
        .find(|events| {
            events
                .iter()
                .any(|e| matches!(e, Event::Routed { army } if *army == u))
        })
        .expect("a rout in 50 seeds")
}

/// Army `army`'s days of food before the camp is taken: the last the day's
/// feeding left it, or the 20 it set out with.
fn food_before_camp(events: &[Event], army: anxi::scenario::model::ArmyId) -> f64 {
    events
        .iter()
        .take_while(|e| !matches!(e, Event::CampTaken { .. }))
        .filter_map(|e| match e {
            Event::Fed {
                army: a, food_days, ..
            } if *a == army => Some(*food_days),
            _ => None,
        })
        .last()
        .unwrap_or(20.0)
}

#[test]
fn a_beaten_army_driven_from_where_it_stood_leaves_its_camp_to_the_winners() {
    let s = ground(8_000, 4_000);
    let (t, u) = (s.army("t").unwrap(), s.army("u").unwrap());
    let events = a_rout(&s);
    let camp = events
        .iter()
        .find_map(|e| match e {
            Event::CampTaken {
                from,
                by,
                man_days,
                food_days,
                by_food_days,
            } => Some((*from, *by, *man_days, *food_days, *by_food_days)),
            _ => None,
        })
        .expect("the camp is taken");
    let keep = Rules::shipped().unwrap().supply.fugitive_days;
    assert_eq!((camp.0, camp.1, camp.3), (u, t, keep));
    // The winners' food rises by the camp's man-days over their men.
    let fed_before = food_before_camp(&events, t);
    assert!(camp.2 > 0.0 && camp.4 > fed_before, "{camp:?}");
}

/// The camp held food for every man the army brought to the battle: the
/// fallen and the taken leave theirs in it, and only the men who get away
/// carry `fugitive_days` off with them.
#[test]
fn the_camp_holds_the_food_of_the_men_who_fell_as_well() {
    let s = ground(8_000, 4_000);
    let u = s.army("u").unwrap();
    let events = a_rout(&s);
    let food_before = food_before_camp(&events, u);
    let before_camp: Vec<&Event> = events
        .iter()
        .take_while(|e| !matches!(e, Event::CampTaken { .. }))
        .collect();
    let fought = before_camp
        .iter()
        .rev()
        .find_map(|e| match e {
            Event::BattleFought(b) => b.defenders.iter().find(|f| f.army == u).cloned(),
            _ => None,
        })
        .expect("the battle before the camp is taken");
    let got_away = f64::from(fought.men - fought.losses.total());
    let man_days = events
        .iter()
        .find_map(|e| match e {
            Event::CampTaken { man_days, .. } => Some(*man_days),
            _ => None,
        })
        .unwrap();
    let keep = Rules::shipped().unwrap().supply.fugitive_days;
    assert!(fought.losses.total() > 0 && got_away > 0.0, "{fought:?}");
    let expected = food_before * f64::from(fought.men) - keep * got_away;
    assert!(
        (man_days - expected).abs() < 1e-6,
        "camp {man_days} man-days, expected {expected}: {food_before} days for {} men, {got_away} got away",
        fought.men
    );
}

#[test]
fn an_attacker_beaten_far_from_its_camp_loses_none() {
    // Too few horse to win: the Tang attack is beaten at `b`, where it came
    // to fight, and the Tang keep their food.
    let s = ground(1_500, 6_000);
    let u = s.army("u").unwrap();
    let attack = Order::Attack {
        target: u,
        timing: Timing::Day,
    };
    let mut beaten = 0;
    for seed in 0..30 {
        let (st, _, events) = play(&s, seed, &[("t", vec![attack.clone()])], 2);
        if st.battles.first().is_some_and(|b| b.winners.contains(&u)) {
            beaten += 1;
            assert!(
                !events.iter().any(|e| matches!(e, Event::CampTaken { .. })),
                "seed {seed}"
            );
        }
    }
    assert!(beaten > 0, "never beaten");
}

#[test]
fn rules_written_before_camps_were_taken_take_none() {
    let old = SHIPPED_RULES
        .lines()
        .filter(|l| !l.trim_start().starts_with("fugitive_days:"))
        .collect::<Vec<_>>()
        .join("\n");
    assert_ne!(old, SHIPPED_RULES);
    let r = Rules::parse("old_rules.ron", &old).expect("an older rules file loads");
    assert!(r.supply.fugitive_days > 1e6);
}
