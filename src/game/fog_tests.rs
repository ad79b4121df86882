//! Tests of the fog of war on the 717 map: Tang holds Aksu, Uqturpan and
//! Kucha; the Umayyads hold Kashgar, far down the desert road.

use super::*;
use crate::game::catalog::shipped_scenario;
use crate::rules::params::Rules;

fn aksu() -> (Scenario, Rules, State) {
    let rules = Rules::shipped().unwrap();
    let s = shipped_scenario(&rules, "717_aksu").unwrap();
    let st = State::new(&s, &rules, 1);
    (s, rules, st)
}

const TANG: SideId = SideId(0);

fn ids(s: &Scenario, army: &str, region: &str) -> (ArmyId, RegionId) {
    (s.army(army).unwrap(), s.region(region).unwrap())
}

#[test]
fn an_enemy_in_a_held_city_is_seen_and_one_far_away_is_not() {
    let (s, rules, mut st) = aksu();
    let (umayyads, kashgar) = ids(&s, "umayyad_army", "kashgar");
    assert!(
        sees(&s, &rules, &st, TANG, umayyads),
        "besieging Aksu, which Tang holds"
    );
    st.armies[umayyads.index()].pos = Position::At(kashgar);
    assert!(!watched(&s, &rules, &st, TANG)[kashgar.index()]);
    assert!(
        !sees(&s, &rules, &st, TANG, umayyads),
        "at Kashgar, out of reach"
    );
    // A Tang army at Kashgar sees it again.
    let (jiahui, _) = ids(&s, "jiahui_army", "kucha");
    st.armies[jiahui.index()].pos = Position::At(kashgar);
    assert!(sees(&s, &rules, &st, TANG, umayyads));
}

#[test]
fn a_hidden_enemy_is_never_seen_and_a_side_sees_all_its_own() {
    let (s, rules, mut st) = aksu();
    let (umayyads, aksu) = ids(&s, "umayyad_army", "aksu");
    st.armies[umayyads.index()].hidden = true;
    assert!(watched(&s, &rules, &st, TANG)[aksu.index()]);
    assert!(!sees(&s, &rules, &st, TANG, umayyads));
    let (jiahui, kashgar) = ids(&s, "jiahui_army", "kashgar");
    st.armies[jiahui.index()].pos = Position::At(kashgar);
    st.armies[jiahui.index()].hidden = true;
    assert!(
        sees(&s, &rules, &st, TANG, jiahui),
        "its own army, hidden or not"
    );
}

#[test]
fn on_a_road_an_enemy_is_seen_only_near_an_eye() {
    let (s, rules, mut st) = aksu();
    let (umayyads, aksu) = ids(&s, "umayyad_army", "aksu");
    let kashgar = s.region("kashgar").unwrap();
    let route = *s.regions[aksu.index()]
        .routes
        .iter()
        .find(|r| s.routes[r.index()].other(aksu) == kashgar)
        .unwrap();
    let len = s.routes[route.index()].km;
    assert!(
        len > 3.0 * rules.march.scout_km,
        "the desert road is long: {len}"
    );
    let on = |km: f64| Position::Road {
        route,
        from: aksu,
        km,
    };
    st.armies[umayyads.index()].pos = on(rules.march.scout_km / 2.0);
    assert!(sees(&s, &rules, &st, TANG, umayyads), "close to Aksu");
    st.armies[umayyads.index()].pos = on(len / 2.0);
    assert!(
        !sees(&s, &rules, &st, TANG, umayyads),
        "half way down the road"
    );
    // A Tang army on the same road, close behind, sees it.
    let (jiahui, _) = ids(&s, "jiahui_army", "kucha");
    st.armies[jiahui.index()].pos = on(len / 2.0 - rules.march.scout_km / 2.0);
    assert!(sees(&s, &rules, &st, TANG, umayyads));
}

#[test]
fn the_memory_keeps_where_an_army_was_last_seen() {
    let (s, rules, mut st) = aksu();
    let (umayyads, kashgar) = ids(&s, "umayyad_army", "kashgar");
    let at_aksu = st.armies[umayyads.index()].pos;
    let mut memory = Memory::default();
    memory.note(&s, &rules, &st, TANG);
    assert!(memory.lost_sight(&s, &rules, &st, TANG).is_empty());
    st.turn = 4;
    st.armies[umayyads.index()].pos = Position::At(kashgar);
    memory.note(&s, &rules, &st, TANG);
    let lost = memory.lost_sight(&s, &rules, &st, TANG);
    assert_eq!(lost.len(), 1);
    assert_eq!(lost[0].0, umayyads);
    assert_eq!(lost[0].1.pos, at_aksu);
    assert_eq!(lost[0].1.turn, 1);
    // Its own armies are never in the memory.
    let (jiahui, _) = ids(&s, "jiahui_army", "kucha");
    assert!(memory.last(jiahui).is_none());
}

#[test]
fn the_scouting_reach_is_the_rules_own() {
    let (s, rules, mut st) = aksu();
    let (umayyads, aksu) = ids(&s, "umayyad_army", "aksu");
    let kashgar = s.region("kashgar").unwrap();
    let route = *s.regions[aksu.index()]
        .routes
        .iter()
        .find(|r| s.routes[r.index()].other(aksu) == kashgar)
        .unwrap();
    // An enemy 60 km down the desert road from Aksu, which Tang holds...
    st.armies[umayyads.index()].pos = Position::Road {
        route,
        from: aksu,
        km: 60.0,
    };
    assert!(sees(&s, &rules, &st, TANG, umayyads), "within 80 km");
    // ...is out of sight with scouts that reach 50 km.
    let mut short = rules.clone();
    short.march.scout_km = 50.0;
    assert!(!sees(&s, &short, &st, TANG, umayyads), "beyond 50 km");
    // A rules file written before the reach was a parameter has 80 km.
    let text = crate::rules::params::SHIPPED_RULES.replace("scout_km: 80.0,", "");
    assert!(text.len() < crate::rules::params::SHIPPED_RULES.len());
    let old = Rules::parse("old.ron", &text).unwrap();
    assert_eq!(old.march.scout_km, 80.0);
}
