//! A builder for small scenarios, so each rule can be tested on a map of a
//! few regions without writing RON by hand.

#![allow(dead_code)]

use anxi::game::catalog::load_scenario;
use anxi::rules::params::Rules;
use anxi::scenario::Scenario;
use anxi::scenario::raw::*;
use anxi::scenario::sources::SourceLibrary;

fn est<T>(value: T) -> Figure<T> {
    Figure::Estimate {
        value,
        reason: "test".into(),
        range: None,
    }
}

pub struct Build {
    raw: RawScenario,
}

impl Build {
    /// Two sides, `tang` and `tibet`, no regions yet; 1-day turns.
    pub fn new() -> Self {
        let raw = RawScenario {
            id: "test".into(),
            title: "Test".into(),
            dates: RawDates {
                start: est("700-01-01".into()),
                end: est("700-12-31".into()),
            },
            briefing: String::new(),
            sources: Vec::new(),
            seed: 1,
            factions: vec![
                RawFaction {
                    id: "tang".into(),
                    name: "Tang".into(),
                    colour: "#b22222".into(),
                },
                RawFaction {
                    id: "tibet".into(),
                    name: "Tibet".into(),
                    colour: "#2f5d8a".into(),
                },
            ],
            sides: vec![
                RawSide {
                    id: "tang_side".into(),
                    name: "Tang".into(),
                    factions: vec!["tang".into()],
                    led_by: String::new(),
                    player_default: true,
                },
                RawSide {
                    id: "tibet_side".into(),
                    name: "Tibet".into(),
                    factions: vec!["tibet".into()],
                    led_by: String::new(),
                    player_default: false,
                },
            ],
            regions: Vec::new(),
            routes: Vec::new(),
            commanders: Vec::new(),
            armies: Vec::new(),
            totals: Vec::new(),
            turns: RawTurns {
                start: "700-01-01".into(),
                days_per_turn: 1,
                limit: 60,
            },
            events: Vec::new(),
            victory: vec![RawVictory {
                side: "tang_side".into(),
                description: "never".into(),
                when: RawCondition::Any(vec![]),
                at_end: true,
            }],
            history: RawHistory {
                summary: String::new(),
                orders: Vec::new(),
                variants: Vec::new(),
                outcome: Vec::new(),
            },
        };
        Build { raw }
    }

    pub fn days_per_turn(mut self, d: i64) -> Self {
        self.raw.turns.days_per_turn = d;
        self
    }

    /// A region at a position (degrees); `walls` makes it a city held by `control`.
    pub fn region(
        mut self,
        id: &str,
        lat: f64,
        lon: f64,
        terrain: Terrain,
        control: Option<&str>,
        walls: Walls,
        stores_days: u32,
    ) -> Self {
        self.raw.regions.push(RawRegion {
            id: id.into(),
            name: id.to_uppercase(),
            other_names: Vec::new(),
            lat,
            lon,
            position: Provenance::Estimate {
                reason: "test".into(),
            },
            terrain,
            settlement: (walls != Walls::None).then(|| RawSettlement {
                walls,
                moat: false,
                population: None,
                stores_days: est(stores_days),
            }),
            control: control.map(str::to_string),
            ruler: None,
            seat: None,
            livestock: None,
            note: String::new(),
        });
        self
    }

    pub fn livestock(mut self, region: &str, head: u32) -> Self {
        self.raw
            .regions
            .iter_mut()
            .find(|r| r.id == region)
            .unwrap()
            .livestock = Some(est(head));
        self
    }

    pub fn route(mut self, from: &str, to: &str, km: f64, terrain: Terrain) -> Self {
        self.raw.routes.push(RawRoute {
            from: from.into(),
            to: to.into(),
            km: Some(km),
            terrain,
            name: None,
            concealed: false,
            turns: None,
        });
        self
    }

    /// Marks the route between `from` and `to` as a track that turns the
    /// works at `end`.
    pub fn turning(mut self, from: &str, to: &str, end: &str) -> Self {
        let r = self
            .raw
            .routes
            .iter_mut()
            .find(|r| (r.from == from && r.to == to) || (r.from == to && r.to == from))
            .unwrap();
        r.turns = Some(end.into());
        self
    }

    pub fn commander(mut self, id: &str, faction: &str, tactics: i64) -> Self {
        let r = |v| Rating(v, "test".into());
        self.raw.commanders.push(RawCommander {
            id: id.into(),
            name: id.to_uppercase(),
            spellings: Vec::new(),
            faction: faction.into(),
            title: String::new(),
            command: r(3),
            tactics: r(tactics),
            logistics: r(3),
            guide_to: Vec::new(),
            at: None,
            source: Provenance::Estimate {
                reason: "test".into(),
            },
        });
        self
    }

    pub fn army(
        mut self,
        id: &str,
        faction: &str,
        at: &str,
        men: &[(TroopKind, u32)],
        commander: Option<&str>,
    ) -> Self {
        self.raw.armies.push(RawArmy {
            id: id.into(),
            name: id.to_uppercase(),
            faction: faction.into(),
            commander: commander.map(str::to_string),
            companions: Vec::new(),
            at: at.into(),
            contingents: men
                .iter()
                .map(|(kind, n)| RawContingent {
                    kind: *kind,
                    strength: est(*n),
                })
                .collect(),
            total: None,
            supply_days: est(20),
            posture: Posture::Hasty,
            garrison: false,
            baggage: None,
        });
        self
    }

    /// A scenario event with these effects at the start of turn `turn`.
    pub fn event(mut self, id: &str, turn: i64, effects: Vec<RawEffect>) -> Self {
        self.raw.events.push(RawEvent {
            id: id.into(),
            description: id.into(),
            when: RawTrigger::Turn(turn),
            effects,
            source: Provenance::Estimate {
                reason: "a test".into(),
            },
        });
        self
    }

    pub fn with_army(mut self, id: &str, f: impl FnOnce(&mut RawArmy)) -> Self {
        f(self.raw.armies.iter_mut().find(|a| a.id == id).unwrap());
        self
    }

    /// Any change to the raw scenario (a faction, a side) the builder has no method for.
    pub fn with_raw(mut self, f: impl FnOnce(&mut RawScenario)) -> Self {
        f(&mut self.raw);
        self
    }

    pub fn raw(&self) -> &RawScenario {
        &self.raw
    }

    pub fn build(self) -> Scenario {
        let rules = Rules::shipped().unwrap();
        let text =
            ron::ser::to_string_pretty(&self.raw, ron::ser::PrettyConfig::default()).unwrap();
        let loaded = load_scenario("built.ron", &text, &SourceLibrary::default(), &rules);
        let errors: Vec<String> = loaded
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.to_string())
            .collect();
        assert!(errors.is_empty(), "{errors:?}");
        loaded.scenario.unwrap()
    }
}

// ----- playing built scenarios -----------------------------------------

use anxi::core::order::Order;
use anxi::game::{Game, Player};
use anxi::rules::describe::describe;
use anxi::rules::event::Event;
use anxi::rules::state::State;
use anxi::scenario::raw::{Terrain, Walls};
use std::borrow::Cow;

pub fn rules() -> Rules {
    Rules::shipped().unwrap()
}

/// Plays `turns` turns with these orders given on turn 1, every side played
/// by hand; returns the game and every event from the opening on.
pub fn play_game(
    s: &Scenario,
    seed: u64,
    orders: &[(&str, Vec<Order>)],
    turns: u32,
) -> (Game<'static>, Vec<Event>) {
    let (mut game, mut events) = Game::new(
        Cow::Owned(s.clone()),
        Cow::Owned(rules()),
        seed,
        vec![Player::Human; s.sides.len()],
        true,
    );
    let mut given: Vec<_> = orders
        .iter()
        .map(|(a, list)| (s.army(a).unwrap(), list.clone()))
        .collect();
    for _ in 0..turns {
        let played = game.play_turn(std::mem::take(&mut given));
        events.extend(played.events);
        if played.over {
            break;
        }
        game.state().check_invariants().unwrap();
    }
    (game, events)
}

/// The same; returns the state, the log in words and the events.
pub fn play(
    s: &Scenario,
    seed: u64,
    orders: &[(&str, Vec<Order>)],
    turns: u32,
) -> (State, Vec<String>, Vec<Event>) {
    let (game, events) = play_game(s, seed, orders, turns);
    let st = game.state().clone();
    let words = events
        .iter()
        .filter_map(|e| describe(s, &st, e))
        .filter(|l| !l.starts_with("—"))
        .collect();
    (st, words, events)
}

/// Two walled Tang cities 20 km apart, `a` and `c`: a relief's ground.
pub fn two_walled_cities() -> Build {
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
            Some("tang"),
            Walls::Walled,
            30,
        )
        .route("a", "c", 20.0, Terrain::Plain)
}

pub fn two_oases() -> Build {
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
        .region("b", 40.0, 81.0, Terrain::Oasis, None, Walls::None, 0)
        .route("a", "b", 44.0, Terrain::Plain)
}
