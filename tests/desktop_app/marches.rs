//! The last turn on the map, checked headless on the pure functions the map
//! draws with: the marches run along the roads from where each army stood
//! to where the layout puts it, only for armies the player is shown; a
//! battle on a road is marked at its point on the road, in words without
//! ids; and a resized window fits the view again or keeps the player's.

use bevy::prelude::*;

use anxi::core::order::Order;
use anxi::desktop::Session;
use anxi::desktop::map::battles::battle_marks;
use anxi::desktop::map::camera::{Refit, View, refit};
use anxi::desktop::map::marches::{Marches, march_paths, point_at};
use anxi::desktop::map::{position_world, projection_for, region_world};
use anxi::desktop::orders::GiveOrders;
use anxi::game::fog::sees;
use anxi::rules::event::Event;
use anxi::rules::state::Position;
use anxi::scenario::Scenario;
use anxi::scenario::model::ArmyId;

use super::*;

/// A point of the map lies on a road: between its two ends.
fn on_a_road(s: &Scenario, p: &anxi::geo::Projection, x: Vec2) -> Vec<usize> {
    (0..s.routes.len())
        .filter(|i| {
            let rt = &s.routes[*i];
            let (a, b) = (region_world(s, p, rt.a), region_world(s, p, rt.b));
            let t = ((x - a).dot(b - a) / (b - a).length_squared()).clamp(0.0, 1.0);
            (a + (b - a) * t).distance(x) < 1e-2
        })
        .collect()
}

/// Over six turns of Tang Jiahui's march from Kucha to Uqturpan, with
/// the computer moving the other side: every path runs from where its army
/// stood at the start of the turn to where it stands now, each two points
/// in a row on one road (never straight across the mountains), and passes
/// Aksu; an army that stood still has none; an enemy has one only when the
/// player saw it at both ends of the turn; once the run is over, every
/// counter is where the layout puts it.
#[test]
fn the_marches_follow_the_roads_and_only_for_armies_the_player_is_shown() {
    let mut app = app();
    start(&mut app, "717_aksu", 0);
    let jiahui = army(&app, "jiahui_army");
    let (uqturpan, aksu) = {
        let s = app.world().resource::<Session>().game.scenario();
        (s.region("uqturpan").unwrap(), s.region("aksu").unwrap())
    };
    app.world_mut().write_message(GiveOrders {
        army: jiahui,
        orders: vec![Order::March {
            to: uqturpan,
            via: vec![],
        }],
    });
    app.update();
    let mut through_aksu = false;
    for _ in 0..6 {
        end_turn(&mut app);
        let session = app.world().resource::<Session>();
        let s = session.game.scenario();
        let p = projection_for(s);
        let before = session.turn_start.clone().expect("the turn's start");
        let paths = march_paths(session, &p);
        for (a, path) in &paths {
            assert!(session.shows(*a), "{a:?} is not shown");
            if !session.is_mine(*a) {
                assert!(
                    sees(s, session.game.rules(), &before, session.player, *a),
                    "{a:?} unseen at the start"
                );
            }
            let start = position_world(s, &p, before.army(*a).pos);
            let end = position_world(s, &p, session.game.state().army(*a).pos);
            assert_eq!(path[0].1, start, "{a:?} starts where it stood");
            assert_eq!(path.last().unwrap().1, end, "{a:?} ends where it stands");
            assert_eq!(point_at(path, 0.0), start);
            assert_eq!(point_at(path, 1.0), end);
            assert!(path.windows(2).all(|w| w[0].0 <= w[1].0), "{path:?}");
            for w in path.windows(2) {
                let (x, y) = (on_a_road(s, &p, w[0].1), on_a_road(s, &p, w[1].1));
                assert!(
                    x.iter().any(|r| y.contains(r)),
                    "{a:?}: from {} to {} off the roads",
                    w[0].1,
                    w[1].1
                );
            }
            if *a == jiahui && path.iter().any(|(_, x)| *x == region_world(s, &p, aksu)) {
                through_aksu = true;
            }
        }
        for (i, now) in session.game.state().armies.iter().enumerate() {
            let a = ArmyId(i as u16);
            if before
                .armies
                .get(i)
                .is_some_and(|b| b.active() && b.pos == now.pos)
            {
                assert!(
                    paths.iter().all(|(b, _)| *b != a),
                    "{} stood still",
                    now.name
                );
            }
        }
        // The run over, the counters stand where the layout puts them.
        let run = Marches::start(paths.clone());
        assert!(paths.is_empty() || run.running);
        let done = Marches {
            elapsed: 1e3,
            running: false,
            ..run
        };
        for (a, _) in &paths {
            assert_eq!(done.shift(&[*a]), Vec2::ZERO);
        }
        let layout = anxi::desktop::map::layout::map_layout(session, &p, 0.8, 1.0);
        for st in &layout.stacks {
            assert_eq!(done.shift(&st.armies), Vec2::ZERO);
        }
    }
    assert!(through_aksu, "Tang Jiahui's way never passed Aksu");
}

/// An enemy army out of sight at the start and the end of a turn that
/// marched in it has no way on the map; with everything shown it has.
#[test]
fn a_hidden_enemy_march_is_not_run() {
    let mut app = app();
    // The Caliphate's side does not see Kucha, where the Tang armies stand.
    start(&mut app, "717_aksu", 1);
    let mut session = app.world_mut().resource_mut::<Session>();
    let (s, st) = (session.game.scenario(), session.game.state());
    let hidden = (0..st.armies.len())
        .map(|i| ArmyId(i as u16))
        .find(|a| st.army(*a).active() && !session.is_mine(*a) && !session.shows(*a))
        .expect("an enemy out of sight");
    let from = st.army(hidden).region().expect("in a region");
    let route = s.regions[from.index()].routes[0];
    let moved = Event::Moved {
        army: hidden,
        to: Position::Road {
            route,
            from,
            km: 10.0,
        },
        km: 10.0,
        fatigue: 0.0,
    };
    session.turn_start = Some(st.clone());
    session.last_events = vec![moved];
    let p = projection_for(session.game.scenario());
    assert!(
        march_paths(&session, &p).is_empty(),
        "the fog's secret is out"
    );
    session.show_all = true;
    let shown = march_paths(&session, &p);
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert_eq!(shown[0].0, hidden);
}

/// The Umayyad army out on the road from Kucha to Aksu, Ashina Xin's
/// horsemen riding after it from Kucha: the battle is marked at its point
/// on the road (not at either end), no counter covers the mark, and its
/// words name the armies and who won, without ids.
#[test]
fn a_battle_on_a_road_is_marked_at_its_point_on_the_road() {
    let mut app = app();
    start(&mut app, "717_aksu", 0);
    load_edited(&mut app, |s, st| {
        let (kucha, aksu) = (s.region("kucha").unwrap(), s.region("aksu").unwrap());
        let route = s
            .routes
            .iter()
            .position(|r| (r.a, r.b) == (kucha, aksu) || (r.a, r.b) == (aksu, kucha))
            .unwrap();
        let umayyads = s.army("umayyad_army").unwrap();
        st.armies[umayyads.index()].pos = Position::Road {
            route: anxi::scenario::model::RouteId(route as u16),
            from: kucha,
            km: 30.0,
        };
        st.armies[umayyads.index()].present = true;
    });
    let (xin, umayyads) = (army(&app, "xin_army"), army(&app, "umayyad_army"));
    app.world_mut().write_message(GiveOrders {
        army: xin,
        orders: vec![Order::Attack {
            target: umayyads,
            timing: anxi::core::kinds::Timing::Day,
        }],
    });
    app.update();
    end_turn(&mut app);
    let session = app.world().resource::<Session>();
    let s = session.game.scenario();
    let p = projection_for(s);
    let on_road = session
        .last_events
        .iter()
        .filter(|e| matches!(e, Event::BattleFought(b) if b.region.is_none()))
        .count();
    assert!(on_road > 0, "no battle on the road: {:?}", session.log);
    let marks = battle_marks(session, &p);
    let mark = marks
        .iter()
        .find(|m| m.on_road)
        .expect("a mark on the road");
    let (kucha, aksu) = (
        region_world(s, &p, s.region("kucha").unwrap()),
        region_world(s, &p, s.region("aksu").unwrap()),
    );
    let t = (mark.at - kucha).dot(aksu - kucha) / (aksu - kucha).length_squared();
    let off = (kucha + (aksu - kucha) * t).distance(mark.at);
    assert!(
        t > 0.0 && t < 1.0 && off < 1e-2,
        "{mark:?} is not on the road"
    );
    assert!(mark.title.contains("on the road between"), "{mark:?}");
    let names = [xin, umayyads].map(|a| session.game.state().army(a).name.clone());
    for n in &names {
        assert!(
            mark.words.contains(n.as_str()),
            "{mark:?} does not name {n}"
        );
    }
    assert!(
        mark.words.contains(" won") || mark.words.contains(" held"),
        "{mark:?}"
    );
    assert!(
        !mark.words.contains('_') && !mark.title.contains('_'),
        "{mark:?}"
    );
    // No counter covers the mark, so the pointer finds it.
    for scale in [0.3, 0.8, 2.0] {
        let l = anxi::desktop::map::layout::map_layout(session, &p, scale, 1.0);
        assert_eq!(
            l.hit(mark.at),
            None,
            "a counter on the mark at {scale} km/px"
        );
    }
}

/// A resize fits the view again until the player pans or zooms, then keeps
/// their zoom and the point at the middle of the free part; a panel that
/// changes after the first input leaves the view alone.
#[test]
fn a_resized_window_fits_the_view_again_until_the_player_pans_or_zooms() {
    // (acted, panned, resized)
    assert_eq!(refit(false, false, false), Refit::Fit);
    assert_eq!(refit(true, false, false), Refit::Stay);
    assert_eq!(refit(true, true, false), Refit::Stay);
    assert_eq!(refit(false, false, true), Refit::Fit);
    assert_eq!(refit(true, false, true), Refit::Fit);
    assert_eq!(refit(true, true, true), Refit::Keep);
    let v = View {
        centre: Vec2::new(120.0, -40.0),
        scale: 0.8,
        window: Vec2::new(1280.0, 720.0),
    };
    let from = Rect::new(300.0, 28.0, 950.0, 680.0);
    let to = Rect::new(300.0, 28.0, 1590.0, 1040.0);
    let middle = v.to_world(from.center());
    let k = v.kept(from, to, Vec2::new(1920.0, 1080.0));
    assert_eq!(k.scale, v.scale);
    assert!((k.to_screen(middle) - to.center()).length() < 1e-3);
}

/// A run moves a counter along its army's way by the share of the run
/// gone: half way through, half way along a leg that takes the whole run;
/// waiting at the start until its moment comes; at the end, and once
/// stopped, on the layout's place.
#[test]
fn a_run_shifts_each_counter_along_its_way_and_ends_on_the_layout() {
    let (a, b) = (ArmyId(0), ArmyId(1));
    let straight = vec![(0.0, Vec2::ZERO), (1.0, Vec2::new(100.0, 0.0))];
    let late = vec![
        (0.0, Vec2::ZERO),
        (0.5, Vec2::ZERO),
        (0.75, Vec2::new(0.0, 50.0)),
        (1.0, Vec2::new(50.0, 50.0)),
    ];
    assert_eq!(point_at(&late, 0.25), Vec2::ZERO);
    assert_eq!(point_at(&late, 0.625), Vec2::new(0.0, 25.0));
    assert_eq!(point_at(&late, 0.875), Vec2::new(25.0, 50.0));
    let mut run = Marches::start(vec![(a, straight), (b, late)]);
    assert!(run.running);
    run.elapsed = anxi::desktop::map::marches::DURATION / 2.0;
    assert_eq!(run.shift(&[a]), Vec2::new(-50.0, 0.0));
    assert_eq!(run.shift(&[b]), Vec2::new(-50.0, -50.0));
    // A stack speaks for its first army with a way.
    assert_eq!(run.shift(&[ArmyId(7), b, a]), run.shift(&[b]));
    assert_eq!(run.shift(&[ArmyId(7)]), Vec2::ZERO);
    run.elapsed = anxi::desktop::map::marches::DURATION;
    assert_eq!(run.shift(&[a]), Vec2::ZERO);
    run.running = false;
    run.elapsed = 0.0;
    assert_eq!(run.shift(&[b]), Vec2::ZERO);
    assert!(!Marches::start(Vec::new()).running);
}
