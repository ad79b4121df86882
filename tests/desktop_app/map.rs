//! The map's layout and camera, checked headless on the one layout the map
//! draws and picks with: no counter covers another, a region's disc or a
//! name at any zoom; every army shown is in one stack; an army on a road
//! sits on the road; the opening view holds every army in the part of the
//! window the panels leave free; the wheel zooms toward the pointer; order
//! arrows follow the roads.

use bevy::prelude::*;

use anxi::core::order::Order;
use anxi::desktop::Session;
use anxi::desktop::map::camera::{View, fit};
use anxi::desktop::map::layout::{MapLayout, map_layout};
use anxi::desktop::map::routes::order_arrow;
use anxi::desktop::map::{army_world, projection_for, region_world};
use anxi::desktop::orders::GiveOrders;
use anxi::rules::state::Position;

use super::*;

/// Zooms from close in (a fifth of a km a pixel) to the whole basin and beyond.
const SCALES: [f32; 9] = [0.2, 0.35, 0.5, 0.8, 1.2, 2.0, 3.5, 6.0, 12.0];

fn overlap(a: &Rect, b: &Rect) -> bool {
    !a.intersect(*b).is_empty()
}

/// No two counters overlap, and no counter covers a disc or a name; each army shown is in exactly one stack.
fn check_layout(session: &Session, l: &MapLayout, what: &str) {
    let counters = l.counter_rects();
    for (i, a) in counters.iter().enumerate() {
        for (j, b) in counters.iter().enumerate().skip(i + 1) {
            assert!(
                !overlap(a, b),
                "{what}: counters {:?} and {:?} overlap",
                l.stacks[i].label,
                l.stacks[j].label
            );
        }
        for (k, d) in l.disc_rects().iter().enumerate() {
            assert!(
                !overlap(a, d),
                "{what}: counter {:?} covers {}",
                l.stacks[i].label,
                l.regions[k].label
            );
        }
        for n in l.label_rects() {
            assert!(
                !overlap(a, &n),
                "{what}: counter {:?} covers a name",
                l.stacks[i].label
            );
        }
    }
    let st = session.game.state();
    for (i, army) in st.armies.iter().enumerate() {
        let id = anxi::scenario::model::ArmyId(i as u16);
        let n = l.stacks.iter().filter(|s| s.armies.contains(&id)).count();
        assert_eq!(
            n,
            usize::from(session.shows(id)),
            "{what}: {} in {n} stacks",
            army.name
        );
    }
}

fn check_every_zoom(app: &App, what: &str) -> usize {
    let session = app.world().resource::<Session>();
    let p = projection_for(session.game.scenario());
    let mut stacked = 0;
    for ui in [1.0, 1.5] {
        for scale in SCALES {
            let l = map_layout(session, &p, scale, ui);
            check_layout(session, &l, &format!("{what} at {scale} km/px, ui {ui}"));
            stacked += l.stacks.iter().filter(|s| s.armies.len() > 1).count();
        }
    }
    stacked
}

/// Where the armies crowd (Aksu and Uqturpan in 717, Kucha and Aksu in
/// 670), at every zoom and both interface scales, for both sides and after
/// some turns: the counters never overlap and never cover a name.
#[test]
fn counters_never_overlap_each_other_or_the_names_at_any_zoom() {
    for (id, places) in [
        ("717_aksu", ["aksu", "uqturpan"]),
        ("670_tarim_basin", ["kucha", "aksu"]),
    ] {
        for side in [0, 1] {
            let mut app = app();
            start(&mut app, id, side);
            {
                let session = app.world().resource::<Session>();
                let s = session.game.scenario();
                for place in places {
                    let r = s.region(place).unwrap_or_else(|| panic!("{place}"));
                    let here = session
                        .game
                        .state()
                        .armies
                        .iter()
                        .filter(|a| a.active() && a.pos == Position::At(r))
                        .count();
                    assert!(here >= 1, "{id}: no army at {place}");
                }
            }
            let stacked = check_every_zoom(&app, &format!("{id} as side {side}"));
            // Tang Jiahui and Ashina Xin together at Kucha.
            if id == "717_aksu" && side == 0 {
                assert!(stacked > 0, "{id}: no stack of several armies");
            }
            for turn in 0..6 {
                end_turn(&mut app);
                check_every_zoom(&app, &format!("{id} as side {side}, turn {}", turn + 2));
            }
        }
    }
}

/// Every army of the scenario crowded into two neighbouring places and the
/// roads out of them (Kucha and Turfan in 670, Aksu and Uqturpan in 717):
/// still no counter covers another or a name, at any zoom.
#[test]
fn counters_never_overlap_with_every_army_in_two_places_and_on_their_roads() {
    for (id, places) in [
        ("670_tarim_basin", ["kucha", "turfan"]),
        ("717_aksu", ["aksu", "uqturpan"]),
    ] {
        let mut app = app();
        start(&mut app, id, 0);
        let game = {
            let session = app.world().resource::<Session>();
            let s = session.game.scenario();
            let mut record = session.game.to_record().expect("a recorded game");
            let mut st = record.snapshot.take().expect("a snapshot");
            let at: Vec<_> = places.iter().map(|p| s.region(p).unwrap()).collect();
            let roads: Vec<_> = (0..s.routes.len())
                .filter(|i| at.contains(&s.routes[*i].a) || at.contains(&s.routes[*i].b))
                .collect();
            for (i, a) in st.armies.iter_mut().enumerate() {
                a.pos = match i % 4 {
                    3 if !roads.is_empty() => {
                        let rt = roads[(i / 4) % roads.len()];
                        let route = &s.routes[rt];
                        let from = if at.contains(&route.a) {
                            route.a
                        } else {
                            route.b
                        };
                        Position::Road {
                            route: anxi::scenario::model::RouteId(rt as u16),
                            from,
                            km: route.km * [0.05, 0.2, 0.5][(i / 4) % 3],
                        }
                    }
                    k => Position::At(at[k % 2]),
                };
            }
            record.snapshot = Some(st);
            anxi::game::Game::load(record).expect("the edited game loads")
        };
        app.world_mut().resource_mut::<Session>().game = game;
        let stacked = check_every_zoom(&app, &format!("{id}, crowded"));
        assert!(stacked > 0, "{id}: no stack of several armies");
    }
}

/// An army part way along a road has its counter on the road at its
/// place, and the counter under the pointer there is its stack's.
#[test]
fn an_army_on_the_road_sits_on_the_road() {
    let mut app = app();
    start(&mut app, "717_aksu", 0);
    let (jiahui, aksu) = {
        let s = app.world().resource::<Session>().game.scenario();
        (s.army("jiahui_army").unwrap(), s.region("aksu").unwrap())
    };
    app.world_mut()
        .write_message(anxi::desktop::orders::GiveOrders {
            army: jiahui,
            orders: vec![Order::March {
                to: aksu,
                via: vec![],
            }],
        });
    app.update();
    end_turn(&mut app);
    let session = app.world().resource::<Session>();
    assert!(
        matches!(session.game.state().army(jiahui).pos, Position::Road { .. }),
        "Tang Jiahui is on the road after a turn: {:?}",
        session.game.state().army(jiahui).pos
    );
    let p = projection_for(session.game.scenario());
    let at = army_world(session, &p, jiahui);
    for scale in [0.2, 0.3, 0.5] {
        let l = map_layout(session, &p, scale, 1.0);
        let i = l.stack_of(jiahui).expect("a stack");
        let st = &l.stacks[i];
        assert!(st.on_road && st.at == at, "{st:?}");
        eprintln!(
            "{scale}: {st:?}\n{:?}",
            l.regions
                .iter()
                .filter(|r| r.at.distance(at) < 200.0)
                .collect::<Vec<_>>()
        );
        assert!(
            st.rect(scale).contains(at),
            "at {scale} km/px the counter {:?} is not on its place",
            st.label
        );
        assert_eq!(l.hit(at), Some(i));
    }
}

/// The wheel zooms toward the pointer: the map's point under it stays under it.
#[test]
fn zooming_keeps_the_point_under_the_pointer() {
    let v = View {
        centre: Vec2::new(120.0, -40.0),
        scale: 0.8,
        window: Vec2::new(1280.0, 720.0),
    };
    for pointer in [
        Vec2::new(640.0, 360.0),
        Vec2::new(310.0, 40.0),
        Vec2::new(940.0, 700.0),
        Vec2::new(0.0, 0.0),
    ] {
        let under = v.to_world(pointer);
        assert!((v.to_screen(under) - pointer).length() < 1e-3);
        let mut z = v;
        for scale in [0.72, 0.5, 0.9, 2.5, 0.1] {
            z = z.zoomed_at(pointer, scale);
            assert_eq!(z.scale, scale);
            assert!(
                (z.to_world(pointer) - under).length() < 1e-3 * scale.max(1.0),
                "at {pointer}: {} moved to {}",
                under,
                z.to_world(pointer)
            );
        }
        if pointer != v.window / 2.0 {
            assert_ne!(z.centre, v.centre, "the view moves toward the pointer");
        }
    }
}

/// The opening view of every shipped scenario, at both window sizes: every
/// army, its counter and its place's name are inside the part the panels
/// leave free, and no counter covers another or a name.
#[test]
fn the_opening_view_holds_every_army_in_the_free_part_of_the_window() {
    let ids: Vec<String> = {
        let app = app();
        let catalog = app.world().resource::<anxi::desktop::Catalog>();
        catalog
            .entries
            .iter()
            .filter_map(|e| e.scenario.as_ref().map(|s| s.id.clone()))
            .collect()
    };
    assert!(ids.len() >= 4, "{ids:?}");
    for id in &ids {
        let mut app = app();
        start(&mut app, id, 0);
        let session = app.world().resource::<Session>();
        let p = projection_for(session.game.scenario());
        for (w, h) in [(1280.0, 720.0), (1920.0, 1080.0)] {
            let ui = anxi::desktop::hud::zoom_for(h);
            let window = Vec2::new(w, h);
            // The panels: the inspector on the left, the log on the right, the bar on top, the legend below.
            let free = Rect::new(300.0 * ui, 28.0 * ui, w - 330.0 * ui, h - 40.0 * ui);
            let v = fit(session, &p, free, window, ui);
            let l = map_layout(session, &p, v.scale, ui);
            let inside = |r: Rect| {
                let (a, b) = (v.to_screen(r.min), v.to_screen(r.max));
                let r = Rect::from_corners(a, b);
                free.contains(r.min) && free.contains(r.max)
            };
            for st in &l.stacks {
                assert!(
                    inside(st.rect(v.scale)),
                    "{id} at {w}x{h}: {:?} at {:?} is outside {free:?}",
                    st.label,
                    Rect::from_corners(
                        v.to_screen(st.rect(v.scale).min),
                        v.to_screen(st.rect(v.scale).max)
                    )
                );
                assert!(free.contains(v.to_screen(st.at)));
            }
            check_layout(session, &l, &format!("{id} opening at {w}x{h}"));
            // Not lost in a corner: where the view is fitted to the armies alone
            // (they stand far apart), they fill much of it.
            let world: Vec<Vec2> = l.stacks.iter().map(|s| s.at).collect();
            let lo = world.iter().copied().fold(Vec2::MAX, Vec2::min);
            let hi = world.iter().copied().fold(Vec2::MIN, Vec2::max);
            if (hi - lo).max_element() >= anxi::desktop::map::camera::NEAR {
                let filled = ((hi - lo) / v.scale / free.size()).max_element();
                assert!(filled > 0.2, "{id} at {w}x{h}: the armies fill {filled:.2}");
            }
        }
    }
}

/// The regions an army's order arrow passes through, by the regions' places
/// on the map; each two in a row are joined by a road.
fn arrow_regions(app: &App, a: anxi::scenario::model::ArmyId) -> Vec<String> {
    let session = app.world().resource::<Session>();
    let s = session.game.scenario();
    let p = projection_for(s);
    let line = order_arrow(session, &p, a);
    let names: Vec<_> = line
        .iter()
        .map(|pt| {
            let r = (0..s.regions.len())
                .map(|i| anxi::scenario::model::RegionId(i as u16))
                .find(|r| region_world(s, &p, *r).distance(*pt) < 1e-3)
                .unwrap_or_else(|| panic!("{pt} is at no region"));
            (r, s.regions[r.index()].id.clone())
        })
        .collect();
    for w in names.windows(2) {
        assert!(
            s.routes
                .iter()
                .any(|rt| (rt.a, rt.b) == (w[0].0, w[1].0) || (rt.b, rt.a) == (w[0].0, w[1].0)),
            "no road from {} to {}",
            w[0].1,
            w[1].1
        );
    }
    names.into_iter().map(|(_, n)| n).collect()
}

fn give(app: &mut App, army: anxi::scenario::model::ArmyId, order: Order) {
    app.world_mut().write_message(GiveOrders {
        army,
        orders: vec![order],
    });
    app.update();
}

/// An order's arrow runs along the roads the march will take, through each
/// region on the way, not straight across the mountains; another side's
/// orders draw none, nor does an attack on an army the player cannot see.
#[test]
fn order_arrows_follow_the_roads_the_army_will_march() {
    let mut app = app();
    start(&mut app, "717_aksu", 0);
    let jiahui = army(&app, "jiahui_army");
    let region = |app: &App, id: &str| {
        let s = app.world().resource::<Session>();
        s.game.scenario().region(id).unwrap()
    };
    let (aksu, kashgar) = (region(&app, "aksu"), region(&app, "kashgar"));
    give(
        &mut app,
        jiahui,
        Order::March {
            to: aksu,
            via: vec![],
        },
    );
    assert_eq!(arrow_regions(&app, jiahui), ["kucha", "aksu"]);
    give(
        &mut app,
        jiahui,
        Order::March {
            to: kashgar,
            via: vec![],
        },
    );
    // Up the Toshkan valley is quicker than the desert road.
    assert_eq!(
        arrow_regions(&app, jiahui),
        ["kucha", "aksu", "uqturpan", "kashgar"]
    );
    end_turn(&mut app);
    let session = app.world().resource::<Session>();
    let p = projection_for(session.game.scenario());
    for i in 0..session.game.state().armies.len() {
        let a = anxi::scenario::model::ArmyId(i as u16);
        if !session.is_mine(a) {
            assert!(order_arrow(session, &p, a).is_empty(), "an enemy's arrow");
        }
    }

    // Turfan to Karasahr is over the Yinshan road, or round by the Yulduz.
    let mut app = super::app();
    start(&mut app, "644_karasahr", 0);
    let guo = army(&app, "guo_army");
    let (karasahr, yulduz) = (region(&app, "karasahr"), region(&app, "yulduz"));
    give(
        &mut app,
        guo,
        Order::March {
            to: karasahr,
            via: vec![],
        },
    );
    assert_eq!(
        arrow_regions(&app, guo),
        ["turfan", "yinshan_road", "karasahr"]
    );
    give(
        &mut app,
        guo,
        Order::March {
            to: karasahr,
            via: vec![yulduz],
        },
    );
    assert_eq!(
        arrow_regions(&app, guo),
        ["turfan", "yinshan_road", "yulduz", "karasahr"]
    );
    let garrison = army(&app, "karasahr_garrison");
    give(
        &mut app,
        guo,
        Order::Attack {
            target: garrison,
            timing: anxi::core::kinds::Timing::Day,
        },
    );
    // Out of sight and never seen, the target's place is not given away.
    assert!(!app.world().resource::<Session>().shows(garrison));
    assert!(arrow_regions(&app, guo).is_empty());
    app.world_mut().resource_mut::<Session>().show_all = true;
    assert_eq!(
        arrow_regions(&app, guo),
        ["turfan", "yinshan_road", "karasahr"]
    );
}
