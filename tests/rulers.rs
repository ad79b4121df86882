//! Installing a ruler: in a city the army's side has taken, never in one
//! its side held from the start.

mod common;

use anxi::core::order::Order;
use anxi::rules::check::{Reason, check};
use anxi::rules::state::State;
use anxi::scenario::raw::{Terrain, TroopKind, Walls};
use common::{Build, play, rules};

/// A Tang city `a`, a Tibetan city `c` with no garrison, a road between;
/// a Tang army at `a` with a prince travelling with it.
fn two_cities() -> Build {
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
        .region(
            "c",
            40.0,
            80.3,
            Terrain::Oasis,
            Some("tibet"),
            Walls::Walled,
            30,
        )
        .route("a", "c", 25.0, Terrain::Plain)
        .commander("prince", "tang", 3)
        .army("t", "tang", "a", &[(TroopKind::Infantry, 3000)], None)
        .with_army("t", |t| t.companions = vec!["prince".into()])
}

#[test]
fn a_ruler_is_not_installed_in_his_own_side_s_city() {
    let s = two_cities().build();
    let rules = rules();
    let st = State::new(&s, &rules, 1);
    let (t, prince) = (s.army("t").unwrap(), s.commander("prince").unwrap());
    let err = check(&s, &rules, &st, t, &Order::InstallRuler { ruler: prince }).unwrap_err();
    assert_eq!(
        err,
        Reason::OwnCity {
            region: s.region("a").unwrap(),
            army: t
        }
    );
    assert_eq!(
        err.text(&s, &st),
        "A is T's own city: a ruler is installed in a city taken"
    );
}

#[test]
fn a_ruler_is_installed_in_a_city_taken() {
    let s = two_cities().build();
    let c = s.region("c").unwrap();
    let (st, words, _) = play(
        &s,
        1,
        &[(
            "t",
            vec![
                Order::March { to: c, via: vec![] },
                Order::InstallRuler {
                    ruler: s.commander("prince").unwrap(),
                },
            ],
        )],
        3,
    );
    assert_eq!(
        st.regions[c.index()].ruler,
        s.commander("prince"),
        "{words:?}"
    );
}
