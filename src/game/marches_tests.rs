//! Tests of the turn's trails and battle places.

use std::borrow::Cow;

use super::*;
use crate::core::date::Date;
use crate::core::order::Order;
use crate::game::catalog::shipped_scenario;
use crate::game::{Game, Player};
use crate::rules::event::{BattleKind, Fighter};
use crate::rules::params::Rules;
use crate::rules::state::Losses;
use crate::scenario::Scenario;
use crate::scenario::model::RouteId;

fn aksu() -> (Scenario, Rules) {
    let rules = Rules::shipped().unwrap();
    let s = shipped_scenario(&rules, "717_aksu").unwrap();
    (s, rules)
}

/// The road between two regions.
fn road(s: &Scenario, a: RegionId, b: RegionId) -> RouteId {
    let i = s
        .routes
        .iter()
        .position(|r| (r.a, r.b) == (a, b) || (r.b, r.a) == (a, b))
        .expect("a road");
    RouteId(i as u16)
}

fn day() -> Event {
    Event::DayPassed {
        day: 1,
        date: Date::parse("717-06-02").unwrap(),
    }
}

fn moved(army: ArmyId, to: Position, km: f64) -> Event {
    Event::Moved {
        army,
        to,
        km,
        fatigue: 0.0,
    }
}

/// Kucha to Uqturpan through Aksu in three days, as the march reports it.
fn kucha_aksu_uqturpan(s: &Scenario, a: ArmyId) -> Vec<Event> {
    let r = |id: &str| s.region(id).unwrap();
    let (kucha, aksu, uqturpan) = (r("kucha"), r("aksu"), r("uqturpan"));
    let first = road(s, kucha, aksu);
    let second = road(s, aksu, uqturpan);
    let on = |route, from, km| Position::Road { route, from, km };
    vec![
        Event::Departed {
            army: a,
            from: kucha,
        },
        moved(a, on(first, kucha, 60.0), 60.0),
        day(),
        moved(a, Position::At(aksu), 40.0),
        Event::Entered {
            army: a,
            region: aksu,
            unseen: false,
        },
        Event::Departed {
            army: a,
            from: aksu,
        },
        moved(a, on(second, aksu, 20.0), 20.0),
        day(),
        moved(a, Position::At(uqturpan), 30.0),
        Event::Entered {
            army: a,
            region: uqturpan,
            unseen: false,
        },
        day(),
    ]
}

#[test]
fn a_march_from_a_through_b_to_c_passes_b_and_nobody_else_moves() {
    let (s, rules) = aksu();
    let st = State::new(&s, &rules, 1);
    let jiahui = s.army("jiahui_army").unwrap();
    assert_eq!(
        st.army(jiahui).pos,
        Position::At(s.region("kucha").unwrap())
    );
    let trails = trails(&st, &kucha_aksu_uqturpan(&s, jiahui));
    assert_eq!(trails.len(), 1, "only the army that marched: {trails:?}");
    let t = &trails[0];
    assert_eq!(t.army, jiahui);
    let names: Vec<&str> = t
        .regions()
        .iter()
        .map(|r| s.regions[r.index()].id.as_str())
        .collect();
    assert_eq!(names, ["kucha", "aksu", "uqturpan"]);
    // From the start of the turn to its end, never back in time; at Aksu
    // on the second day, part way through it.
    assert_eq!(t.points[0].0, 0.0);
    assert_eq!(t.points.last().unwrap().0, 1.0);
    assert!(t.points.windows(2).all(|w| w[0].0 <= w[1].0), "{t:?}");
    let at_aksu = t.points[2].0;
    assert!(at_aksu > 1.0 / 3.0 && at_aksu < 2.0 / 3.0, "{t:?}");
}

/// Each two points in a row of a trail lie on one road.
fn on_one_road(s: &Scenario, a: Position, b: Position) -> bool {
    let ends = |p: Position| -> Vec<RouteId> {
        match p {
            Position::At(r) => s.regions[r.index()].routes.clone(),
            Position::Road { route, .. } => vec![route],
        }
    };
    a == b || ends(a).iter().any(|r| ends(b).contains(r))
}

#[test]
fn a_played_march_runs_from_the_start_of_the_turn_to_its_end_along_roads() {
    let (s, rules) = aksu();
    let players = vec![Player::Human, Player::Human];
    let (mut game, _) = Game::new(Cow::Borrowed(&s), Cow::Borrowed(&rules), 1, players, true);
    let jiahui = s.army("jiahui_army").unwrap();
    let kashgar = s.region("kashgar").unwrap();
    let mut passed = Vec::new();
    let mut orders = vec![(
        jiahui,
        vec![Order::March {
            to: kashgar,
            via: vec![],
        }],
    )];
    for _ in 0..8 {
        let before = game.state().clone();
        let played = game.play_turn(std::mem::take(&mut orders));
        let after = game.state();
        let trails = trails(&before, &played.events);
        for (i, a) in after.armies.iter().enumerate() {
            let id = ArmyId(i as u16);
            let trail = trails.iter().find(|t| t.army == id);
            let was = before.armies.get(i).filter(|b| b.active()).map(|b| b.pos);
            if !a.active() || was != Some(a.pos) {
                continue;
            }
            assert!(trail.is_none(), "{} stood still: {trail:?}", a.name);
        }
        if let Some(t) = trails.iter().find(|t| t.army == jiahui) {
            assert_eq!(t.points[0].1, before.army(jiahui).pos);
            assert_eq!(t.points.last().unwrap().1, after.army(jiahui).pos);
            for w in t.points.windows(2) {
                assert!(on_one_road(&s, w[0].1, w[1].1), "{w:?}");
            }
            passed.extend(t.regions());
        }
    }
    let aksu = s.region("aksu").unwrap();
    assert!(passed.contains(&aksu), "{passed:?}");
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
fn a_battle_on_a_road_is_placed_where_the_defenders_stood() {
    let (s, rules) = aksu();
    let st = State::new(&s, &rules, 1);
    let jiahui = s.army("jiahui_army").unwrap();
    let other = ArmyId(
        (0..st.armies.len())
            .find(|i| ArmyId(*i as u16) != jiahui && st.armies[*i].active())
            .unwrap() as u16,
    );
    let mut events = kucha_aksu_uqturpan(&s, jiahui);
    events.truncate(2);
    let battle = Battle {
        kind: BattleKind::Field,
        region: None,
        terrain: s.routes[0].terrain,
        attackers: vec![fighter(other)],
        defenders: vec![fighter(jiahui)],
        attack_power: 1.0,
        defence_power: 1.0,
        modifiers: Vec::new(),
        surprise: false,
        attacker_won: true,
        rout: false,
        chase_days: 0.0,
    };
    events.push(Event::BattleFought(Box::new(battle)));
    // After the battle the defender falls back: the mark stays where it fought.
    events.push(moved(
        jiahui,
        Position::At(s.region("kucha").unwrap()),
        60.0,
    ));
    let places = battle_places(Some(&st), &events);
    let kucha = s.region("kucha").unwrap();
    let route = road(&s, kucha, s.region("aksu").unwrap());
    assert_eq!(
        places.iter().map(|(_, p)| *p).collect::<Vec<_>>(),
        [Some(Position::Road {
            route,
            from: kucha,
            km: 60.0
        })]
    );
}
