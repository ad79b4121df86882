//! The sensitivity of the recorded checks to the designer's figures, on a
//! small built battle: every Estimate the rules read is found and named by
//! where it is, a declared range is honoured, a figure no rule reads in the
//! battle moves nothing, and the attacker's men move who wins.

mod common;

use anxi::game::history::sensitivity::{estimate_figures, playouts, sensitivity, with_value};
use anxi::scenario::raw::*;
use common::{rules, two_oases};

/// Tang's 1,000 foot at `a` attack Tibet's 1,000 at `b` on the first day.
fn battle() -> anxi::scenario::Scenario {
    two_oases()
        .livestock("b", 500)
        .army("t", "tang", "a", &[(TroopKind::Infantry, 1000)], None)
        .army("x", "tibet", "b", &[(TroopKind::Infantry, 1000)], None)
        .with_army("t", |a| {
            a.supply_days = Figure::Estimate {
                value: 20,
                reason: "a test".into(),
                range: Some((5, 40)),
            }
        })
        .with_raw(|r| {
            r.turns.limit = 4;
            r.history.orders.push(RawTimedOrder {
                turn: 1,
                army: "t".into(),
                order: RawOrder::Attack {
                    target: "x".into(),
                    timing: Timing::Day,
                },
            });
            r.history.outcome.push(RawCheck {
                id: "x_beaten".into(),
                description: "Tibet's army is beaten".into(),
                test: RawTest::Share {
                    holds: RawCondition::Beaten("x".into()),
                    at_least: 0.5,
                },
                recorded: RawRecorded::Fact(Provenance::Estimate {
                    reason: "a test".into(),
                }),
            });
        })
        .build()
}

#[test]
fn every_estimate_the_rules_read_is_found_with_its_range() {
    let s = battle();
    let figures = estimate_figures(&s);
    let places: Vec<&str> = figures.iter().map(|f| f.place.as_str()).collect();
    assert_eq!(
        places,
        [
            "army t: Infantry men",
            "army t: supply days",
            "army x: Infantry men",
            "army x: supply days",
            "region a: stores days",
            "region b: livestock",
        ]
    );
    let men = &figures[0];
    assert_eq!(
        (men.kind, men.value, men.low, men.high),
        ("estimate", 1000, 700, 1300)
    );
    assert!(!men.declared);
    // The file's own range, not ±30%.
    let supply = &figures[1];
    assert_eq!((supply.low, supply.high, supply.declared), (5, 40, true));
    // Setting a figure changes that number of the scenario and nothing else.
    let t = s.army("t").unwrap().index();
    let changed = with_value(&s, men, men.high);
    assert_eq!(changed.armies[t].contingents[0].1, 1300);
    assert_eq!(changed.armies[t].supply_days, s.armies[t].supply_days);
    assert_eq!(playouts(&figures, 10), 10 * 13);
}

#[test]
fn the_attackers_men_move_the_battle_and_distant_herds_do_not() {
    let s = battle();
    let r = sensitivity(&s, &rules(), 200, 1, &|| {});
    assert_eq!(r.checks.len(), 1);
    assert_eq!(r.figures.len(), 6);
    let by = |place: &str| r.figures.iter().find(|f| f.figure.place == place).unwrap();
    let herds = by("region b: livestock");
    assert_eq!(herds.swing, 0.0, "no raid is ordered: {herds:?}");
    assert_eq!(herds.checks[0].low, herds.checks[0].base);
    let men = by("army t: Infantry men");
    let c = &men.checks[0];
    // Fewer attackers win less often, more win more often.
    assert!(c.low < c.base && c.base < c.high, "{c:?}");
    assert!(men.swing > 0.1, "{c:?}");
    assert_eq!(men.swing, c.high - c.low);
    // Sorted by swing, largest first.
    assert!(r.figures.windows(2).all(|w| w[0].swing >= w[1].swing));
    assert!(r.figures[0].swing >= men.swing);
    let movers = r.movers(0);
    assert!(movers.iter().all(|(f, _)| f.place != "region b: livestock"));
}

#[test]
fn a_reinforcement_of_unknown_size_is_found_with_its_declared_range() {
    let s = two_oases()
        .army("t", "tang", "a", &[(TroopKind::Infantry, 1000)], None)
        .event(
            "more",
            2,
            vec![RawEffect::Reinforce {
                army: "t".into(),
                contingents: vec![RawContingent {
                    kind: TroopKind::Cavalry,
                    strength: Figure::Unknown {
                        estimate: Some(200),
                        reason: "a test".into(),
                        range: Some((100, 400)),
                    },
                }],
            }],
        )
        .build();
    let figures = estimate_figures(&s);
    let f = figures
        .iter()
        .find(|f| f.place == "event more: reinforcement of t: Cavalry men")
        .unwrap_or_else(|| panic!("{figures:?}"));
    assert_eq!(
        (f.kind, f.value, f.low, f.high, f.declared),
        ("unknown", 200, 100, 400, true)
    );
    let changed = with_value(&s, f, 400);
    let e = s.events.iter().position(|e| e.id == "more").unwrap();
    let men = |sc: &anxi::scenario::Scenario| {
        sc.events[e].effects.iter().find_map(|eff| match eff {
            anxi::scenario::model::Effect::Reinforce { contingents, .. } => Some(contingents[0].1),
            _ => None,
        })
    };
    assert_eq!((men(&s), men(&changed)), (Some(200), Some(400)));
}
