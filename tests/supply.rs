//! Supply on small built maps: horsemen who ride with their herds live off
//! them where there is grass, and the march's food check counts it the same
//! way the daily supply does.

mod common;

use anxi::core::order::Order;
use anxi::rules::check::{Reason, check};
use anxi::rules::params::Rules;
use anxi::rules::state::State;
use anxi::scenario::raw::{Terrain, TroopKind, Walls};
use common::{Build, play, rules};

/// A neutral oasis `b` and, 1,000 km of steppe beyond it, `far`.
fn oasis_and_steppe() -> Build {
    Build::new()
        .region("b", 40.0, 81.0, Terrain::Oasis, None, Walls::None, 0)
        .region("far", 40.0, 90.0, Terrain::Steppe, None, Walls::None, 0)
        .route("b", "far", 1000.0, Terrain::Steppe)
}

/// The food an army of these men has after ten days of holding at the oasis.
fn food_after_ten_days(men: &[(TroopKind, u32)]) -> f64 {
    let s = oasis_and_steppe().army("t", "tang", "b", men, None).build();
    let (st, _, _) = play(&s, 1, &[("t", vec![Order::Hold])], 10);
    st.armies[0].food_days
}

#[test]
fn horse_archers_live_off_their_herds_where_there_is_grass() {
    // An oasis feeds 20,000: a host of 40,000 eats its packs, unless it
    // rides with its herds.
    assert_eq!(food_after_ten_days(&[(TroopKind::Cavalry, 40_000)]), 10.0);
    assert_eq!(
        food_after_ten_days(&[(TroopKind::HorseArchers, 40_000)]),
        20.0
    );
    // Foot beside them eat from the packs for themselves alone: 30,000 of
    // 33,000 are beyond what the oasis can feed.
    let mixed = food_after_ten_days(&[
        (TroopKind::HorseArchers, 3_000),
        (TroopKind::Infantry, 30_000),
    ]);
    assert!(
        (mixed - (20.0 - 10.0 * 30.0 / 33.0)).abs() < 1e-9,
        "{mixed}"
    );
    // With the herds' men fed, the oasis covers the 15,000 foot.
    assert_eq!(
        food_after_ten_days(&[
            (TroopKind::HorseArchers, 30_000),
            (TroopKind::Infantry, 15_000)
        ]),
        20.0
    );
}

#[test]
fn herds_find_no_grass_in_the_desert() {
    let s = Build::new()
        .region("d", 40.0, 81.0, Terrain::Desert, None, Walls::None, 0)
        .region("e", 40.0, 82.0, Terrain::Desert, None, Walls::None, 0)
        .route("d", "e", 90.0, Terrain::Desert)
        .army("t", "tang", "d", &[(TroopKind::HorseArchers, 5_000)], None)
        .build();
    let (st, _, _) = play(&s, 1, &[("t", vec![Order::Hold])], 10);
    assert_eq!(st.armies[0].food_days, 10.0);
}

#[test]
fn the_march_check_counts_the_herds() {
    // 1,000 km of steppe is 25 days for horse archers and 29 for cavalry,
    // beyond their 20 days of food; the steppe feeds 2,500, not 5,000.
    let s = oasis_and_steppe()
        .army("h", "tang", "b", &[(TroopKind::HorseArchers, 5_000)], None)
        .army("c", "tang", "b", &[(TroopKind::Cavalry, 5_000)], None)
        .build();
    let rules = rules();
    let st = State::new(&s, &rules, 1);
    let order = Order::March {
        to: s.region("far").unwrap(),
        via: vec![],
    };
    assert_eq!(check(&s, &rules, &st, s.army("h").unwrap(), &order), Ok(()));
    assert!(matches!(
        check(&s, &rules, &st, s.army("c").unwrap(), &order),
        Err(Reason::NotEnoughSupply { .. })
    ));
}

#[test]
fn a_rules_file_without_herds_or_grazing_loads_with_none() {
    let shipped = anxi::rules::params::SHIPPED_RULES;
    let old = shipped
        .replace(", herds: true", "")
        .replace(", grazing: true", "");
    assert_ne!(old, shipped);
    let rules = Rules::parse("old.ron", &old).unwrap();
    assert!(TroopKind::ALL.iter().all(|k| !rules.troop(*k).herds));
    // Without them, horse archers eat their packs like any army.
    let shipped = Rules::shipped().unwrap();
    assert!(shipped.troop(TroopKind::HorseArchers).herds);
    assert!(shipped.terrain(Terrain::Oasis).grazing);
    assert!(!shipped.terrain(Terrain::Desert).grazing);
    assert!(!rules.terrain(Terrain::Oasis).grazing);
}
