//! Tests of the facts put in words, on the 717 map.

use super::*;
use crate::game::catalog::shipped_scenario;

fn aksu() -> (Scenario, Rules, State) {
    let rules = Rules::shipped().unwrap();
    let s = shipped_scenario(&rules, "717_aksu").unwrap();
    let st = State::new(&s, &rules, 1);
    (s, rules, st)
}

#[test]
fn a_siege_counts_the_days_until_hunger_opens_the_city() {
    let (s, _, mut st) = aksu();
    let aksu = s.region("aksu").unwrap();
    let umayyads = s.army("umayyad_army").unwrap();
    assert!(siege(&s, &st, aksu).is_none());
    st.regions[aksu.index()].besieged_by = Some(umayyads);
    let g = s.army("aksu_garrison").unwrap();
    let men = st.army(g).strength();
    st.regions[aksu.index()].stores = men as f64 * 12.5;
    let siege = siege(&s, &st, aksu).unwrap();
    assert_eq!(
        (siege.by, siege.garrison, siege.inside),
        (umayyads, men, men)
    );
    // 12.5 days of stores: twelve days eaten, and on the thirteenth they no
    // longer cover the men inside.
    assert_eq!(siege.days_left(), 12);
    // An army of as many men again inside hastens the day.
    assert_eq!(siege.with_men(men).days_left(), 11);
    assert_eq!(siege.with_men(20 * men).days_left(), 0);
    assert_eq!(siege_of_army(&s, &st, umayyads), Some(siege));
}

#[test]
fn both_sides_must_hold_aksu_and_uqturpan() {
    let (s, _, _) = aksu();
    let want = [s.region("aksu").unwrap(), s.region("uqturpan").unwrap()];
    for side in [SideId(0), SideId(1)] {
        let got: Vec<RegionId> = must_hold(&s, side).iter().map(|m| m.region).collect();
        assert_eq!(got, want, "side {side:?}");
    }
}

#[test]
fn leaving_and_the_food_for_a_march() {
    let (s, rules, mut st) = aksu();
    let jiahui = s.army("jiahui_army").unwrap();
    let (kucha, kashgar) = (s.region("kucha").unwrap(), s.region("kashgar").unwrap());
    let march = Order::March {
        to: kashgar,
        via: vec![],
    };
    assert_eq!(leaves(&st, jiahui, &march), Some(kucha));
    assert_eq!(leaves(&st, jiahui, &Order::Hold), None);
    let check = food_check(&s, &rules, &st, jiahui, &march).unwrap();
    assert!(check.stretch_days > 2.0 && !check.short(), "{check:?}");
    // Two days of food is enough: it refills on home ground at Aksu, on
    // the way, to what it can carry; unless it can carry no more than that.
    st.armies[jiahui.index()].food_days = 2.0;
    assert!(!food_check(&s, &rules, &st, jiahui, &march).unwrap().short());
    st.armies[jiahui.index()].carry_days = 2.0;
    assert!(food_check(&s, &rules, &st, jiahui, &march).unwrap().short());
    // The words and the rules count the same food: an order the rules
    // refuse for hunger is always one the inspector calls short.
    let mut refused = 0;
    for days in 0..80 {
        st.armies[jiahui.index()].food_days = f64::from(days) / 2.0;
        st.armies[jiahui.index()].carry_days = f64::from(days) / 2.0;
        let f = food_check(&s, &rules, &st, jiahui, &march).unwrap();
        let hungry = matches!(
            crate::rules::check::check(&s, &rules, &st, jiahui, &march),
            Err(crate::rules::check::Reason::NotEnoughSupply { .. })
        );
        assert_eq!(
            hungry,
            f.lowest + rules.march.food_grace_days < 0.0,
            "{f:?}"
        );
        assert!(!hungry || f.short(), "{f:?}");
        refused += usize::from(hungry);
    }
    assert!(refused > 0 && refused < 80, "{refused}");
    assert!(food_check(&s, &rules, &st, jiahui, &Order::Hold).is_none());
    assert!(
        fed_where_it_stands(&s, &rules, &st, jiahui),
        "at Kucha, home ground"
    );
}

#[test]
fn a_march_held_on_the_road_names_the_enemy_in_the_way() {
    let (s, rules, mut st) = aksu();
    let jiahui = s.army("jiahui_army").unwrap();
    let umayyads = s.army("umayyad_army").unwrap();
    let (kucha, aksu) = (s.region("kucha").unwrap(), s.region("aksu").unwrap());
    let route = *s.regions[kucha.index()]
        .routes
        .iter()
        .find(|r| s.routes[r.index()].other(kucha) == aksu)
        .unwrap();
    let at = Position::Road {
        route,
        from: kucha,
        km: 100.0,
    };
    st.armies[jiahui.index()].pos = at;
    st.armies[jiahui.index()].orders.push_back(Order::March {
        to: aksu,
        via: vec![],
    });
    assert!(blocked(&s, &rules, &st, jiahui).is_none());
    st.armies[umayyads.index()].pos = at;
    let b = blocked(&s, &rules, &st, jiahui).unwrap();
    assert_eq!(
        b,
        Blocked {
            by: vec![umayyads],
            on_road: true
        }
    );
}
