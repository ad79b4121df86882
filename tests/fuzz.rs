//! The fuzz harness: mutants of the shipped scenario files, of the rules
//! file and of saves (byte flips, cuts, truncations, huge, negative and
//! non-finite numbers, deep nesting, swapped ids, odd Unicode, paths out of
//! the folder) must load into a valid model or be refused with located
//! errors, never panic; and whatever loads must play within the invariants.
//!
//! CI runs a bounded number of cases from a fixed seed, so the suite is the
//! same on every run. Longer runs, from other seeds:
//!
//! ```sh
//! ANXI_FUZZ_CASES=100000 ANXI_FUZZ_SEED=7 cargo test --release --no-default-features --test fuzz
//! ```

use anxi::game::Game;
use anxi::game::catalog::{SHIPPED, load_bytes};
use anxi::game::history::playout::{history_game, playout_recorded};
use anxi::game::record::Record;
use anxi::rules::params::{Rules, SHIPPED_RULES};
use anxi::scenario::Scenario;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};

fn config(default_cases: u32) -> Config {
    let env = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<u64>().ok());
    Config {
        cases: env("ANXI_FUZZ_CASES").map_or(default_cases, |n| n as u32),
        rng_seed: RngSeed::Fixed(env("ANXI_FUZZ_SEED").unwrap_or(20261201)),
        failure_persistence: None,
        max_shrink_iters: 2000,
        ..Config::default()
    }
}

/// Texts a mutation may insert: numbers out of every range, non-finite
/// values, nesting, escapes, paths, Unicode that reorders or joins.
const PAYLOADS: [&str; 24] = [
    "99999999999",
    "9999999",
    "65536",
    "4294967295",
    "4294967296",
    "18446744073709551615",
    "-1",
    "-2147483649",
    "0",
    "NaN",
    "inf",
    "-inf",
    "1e308",
    "1e-320",
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
    "((((((((((((((((((((((((((((((((",
    "\"\"",
    ",",
    ")",
    "Some(",
    "\"../../../etc/passwd\"",
    "\u{202e}\u{200d}é\u{1f40e}",
    "\u{1b}[2J\u{7}",
    "\"x\u{0}y\"",
];

#[derive(Debug, Clone)]
enum Mutation {
    Flip {
        at: usize,
        bit: u8,
    },
    Cut {
        at: usize,
        len: usize,
    },
    Insert {
        at: usize,
        payload: usize,
    },
    Truncate {
        at: usize,
    },
    /// Replace the number that starts at or after `at` with a payload.
    Number {
        at: usize,
        payload: usize,
    },
    /// Swap the quoted strings that start at or after `a` and `b`.
    SwapStrings {
        a: usize,
        b: usize,
    },
    /// Copy the line at `from` `times` times to before the line at `to`.
    DuplicateLine {
        from: usize,
        to: usize,
        times: usize,
    },
    /// Add `times` contingents of `men` to the army list that starts at or after `at`.
    Grow {
        at: usize,
        men: u32,
        times: usize,
    },
    /// Repeat a payload many times at `at` (a huge field).
    Huge {
        at: usize,
        payload: usize,
        times: usize,
    },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let at = any::<usize>();
    let payload = 0..PAYLOADS.len();
    prop_oneof![
        (at.clone(), 0u8..8).prop_map(|(at, bit)| Mutation::Flip { at, bit }),
        (at.clone(), 1usize..400).prop_map(|(at, len)| Mutation::Cut { at, len }),
        (at.clone(), payload.clone()).prop_map(|(at, payload)| Mutation::Insert { at, payload }),
        at.clone().prop_map(|at| Mutation::Truncate { at }),
        (at.clone(), payload.clone()).prop_map(|(at, payload)| Mutation::Number { at, payload }),
        (at.clone(), at.clone()).prop_map(|(a, b)| Mutation::SwapStrings { a, b }),
        (
            at.clone(),
            at.clone(),
            prop_oneof![Just(1usize), 2usize..2000]
        )
            .prop_map(|(from, to, times)| Mutation::DuplicateLine { from, to, times }),
        (
            at.clone(),
            prop_oneof![Just(9_999_999u32), Just(10_000_000), any::<u32>()],
            1usize..600
        )
            .prop_map(|(at, men, times)| Mutation::Grow { at, men, times }),
        (at, payload, 1000usize..20000).prop_map(|(at, payload, times)| Mutation::Huge {
            at,
            payload,
            times
        }),
    ]
}

fn quoted_after(b: &[u8], at: usize) -> Option<(usize, usize)> {
    let start = at + b.get(at..)?.iter().position(|c| *c == b'"')?;
    let len = b.get(start + 1..)?.iter().position(|c| *c == b'"')?;
    Some((start, start + len + 2))
}

fn line_at(b: &[u8], at: usize) -> (usize, usize) {
    let at = at.min(b.len());
    let start = b[..at]
        .iter()
        .rposition(|c| *c == b'\n')
        .map_or(0, |i| i + 1);
    let end = b[at..]
        .iter()
        .position(|c| *c == b'\n')
        .map_or(b.len(), |i| at + i + 1);
    (start, end)
}

fn apply(text: &[u8], ms: &[Mutation]) -> Vec<u8> {
    let mut b = text.to_vec();
    for m in ms {
        let n = b.len().max(1);
        match *m {
            Mutation::Flip { at, bit } => {
                if !b.is_empty() {
                    b[at % n] ^= 1 << bit;
                }
            }
            Mutation::Cut { at, len } => {
                let at = at % n;
                let end = (at + len).min(b.len());
                b.drain(at.min(end)..end);
            }
            Mutation::Insert { at, payload } => {
                let at = at % (b.len() + 1);
                b.splice(at..at, PAYLOADS[payload].bytes());
            }
            Mutation::Truncate { at } => b.truncate(at % n),
            Mutation::Number { at, payload } => {
                let at = at % n;
                if let Some(i) = b[at.min(b.len())..].iter().position(u8::is_ascii_digit) {
                    let s = at + i;
                    let e = s + b[s..]
                        .iter()
                        .take_while(|c| c.is_ascii_digit() || **c == b'.')
                        .count();
                    b.splice(s..e, PAYLOADS[payload].bytes());
                }
            }
            Mutation::SwapStrings { a, b: other } => {
                if let (Some(x), Some(y)) = (quoted_after(&b, a % n), quoted_after(&b, other % n))
                    && (x.1 <= y.0 || y.1 <= x.0)
                {
                    let (x, y) = if x.0 < y.0 { (x, y) } else { (y, x) };
                    let (sx, sy) = (b[x.0..x.1].to_vec(), b[y.0..y.1].to_vec());
                    b.splice(y.0..y.1, sx);
                    b.splice(x.0..x.1, sy);
                }
            }
            Mutation::DuplicateLine { from, to, times } => {
                let (s, e) = line_at(&b, from % n);
                // At most a few megabytes added (a save is one long line).
                let times = times.min(4_000_000 / (e - s).max(1)).max(1);
                let line = b[s..e].repeat(times);
                let (t, _) = line_at(&b, to % n);
                b.splice(t..t, line);
            }
            Mutation::Grow { at, men, times } => {
                let key = b"contingents: [";
                let at = at % n;
                if let Some(i) = b[at.min(b.len())..]
                    .windows(key.len())
                    .position(|w| w == key)
                {
                    let s = at + i + key.len();
                    let one = format!(
                        "(kind: Cavalry, strength: Estimate(value: {men}, reason: \"more\")),"
                    );
                    b.splice(s..s, one.repeat(times).into_bytes());
                }
            }
            Mutation::Huge { at, payload, times } => {
                let at = at % (b.len() + 1);
                let big = PAYLOADS[payload].repeat(times);
                b.splice(at..at, big.bytes());
            }
        }
    }
    b
}

fn shipped_scenarios(rules: &Rules) -> Vec<Scenario> {
    SHIPPED
        .iter()
        .filter_map(|(f, t)| load_bytes(f, t.as_bytes().to_vec(), rules).scenario)
        .collect()
}

/// Plays a game on for at most `turns` turns, checking the invariants after each.
fn play_checked(game: &mut Game, turns: u32) -> Result<(), TestCaseError> {
    for _ in 0..turns {
        let played = game.play_turn(Vec::new());
        if let Err(e) = game.state().check_invariants() {
            return Err(TestCaseError::fail(e));
        }
        if played.over {
            break;
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(160))]

    #[test]
    fn a_mutated_scenario_loads_or_is_refused_with_located_errors(
        which in 0..SHIPPED.len(),
        ms in proptest::collection::vec(mutation(), 1..4),
    ) {
        let rules = Rules::shipped().unwrap();
        let (file, text) = SHIPPED[which];
        let bytes = apply(text.as_bytes(), &ms);
        let entry = load_bytes(file, bytes, &rules);
        for d in &entry.diagnostics {
            prop_assert!(d.line >= 1 && d.col >= 1, "{d}");
            prop_assert!(d.span.0 <= entry.text.len(), "{d}: span {:?} past the end", d.span);
            prop_assert!(!d.message.is_empty() && !d.expected.is_empty(), "{d}");
        }
        match &entry.scenario {
            None => prop_assert!(entry.diagnostics.iter().any(|d| d.is_error()), "refused without an error"),
            Some(s) => {
                let (mut game, _) = history_game(s, &rules, 1, false);
                play_checked(&mut game, 40)?;
            }
        }
    }

    #[test]
    fn a_mutated_rules_file_parses_or_is_refused_and_plays_within_the_invariants(
        ms in proptest::collection::vec(mutation(), 1..3),
        which in 0..SHIPPED.len(),
    ) {
        let bytes = apply(SHIPPED_RULES.as_bytes(), &ms);
        let Ok(text) = String::from_utf8(bytes) else { return Ok(()); };
        match Rules::parse("rules.ron", &text) {
            Err(diags) => {
                prop_assert!(!diags.is_empty());
                for d in &diags {
                    prop_assert!(d.line >= 1 && d.col >= 1, "{d}");
                }
            }
            Ok(rules) => {
                let scenarios = shipped_scenarios(&rules);
                let s = &scenarios[which];
                let (mut game, _) = history_game(s, &rules, 3, false);
                play_checked(&mut game, 40)?;
            }
        }
    }

    #[test]
    fn a_mutated_save_loads_or_is_refused_and_plays_within_the_invariants(
        which in 0..SHIPPED.len(),
        ms in proptest::collection::vec(mutation(), 1..3),
    ) {
        let rules = Rules::shipped().unwrap();
        let (_, text) = SHIPPED[which];
        let s = &shipped_scenarios(&rules)[which];
        let game = playout_recorded(s, &rules, 2, text, SHIPPED_RULES);
        // A short save of the first turns, with its snapshot.
        let full = game.record().unwrap().clone();
        let mut save = Game::replay_to(&full, Some(full.turns.len().min(3))).unwrap().to_record().unwrap();
        save.player = Some(anxi::scenario::model::SideId(0));
        let bytes = apply(&save.to_bytes(), &ms);
        if let Ok(rec) = Record::from_bytes(&bytes) {
            // Loading a snapshot, and replaying the orders from the start, both refuse or play.
            if let Ok(mut loaded) = Game::load(rec.clone()) {
                play_checked(&mut loaded, 5)?;
            }
            if let Ok(mut replayed) = Game::replay_to(&rec, None) {
                play_checked(&mut replayed, 5)?;
            }
        }
    }
}

// Regression tests from the fuzzer's minimal inputs.

/// A rules file with a loss share above 1 once made more losses than men (u32 wrap).
#[test]
fn found_losses_larger_than_the_army_from_odd_rules() {
    let ms = [
        Mutation::Number {
            at: 9986135433603518761,
            payload: 7,
        },
        Mutation::Number {
            at: 14409153071628364680,
            payload: 12,
        },
    ];
    let text = String::from_utf8(apply(SHIPPED_RULES.as_bytes(), &ms)).unwrap();
    if let Ok(rules) = Rules::parse("rules.ron", &text) {
        let all = shipped_scenarios(&rules);
        let s = all.iter().find(|s| s.id == "644_karasahr").unwrap();
        let (mut game, _) = history_game(s, &rules, 3, false);
        play_checked(&mut game, 40).unwrap();
    }
}

/// A save whose embedded rules were edited the same way.
#[test]
fn found_losses_larger_than_the_army_from_a_save_with_edited_rules() {
    let rules = Rules::shipped().unwrap();
    let text = anxi::game::catalog::shipped_text("717_aksu").unwrap();
    let all = shipped_scenarios(&rules);
    let s = all.iter().find(|s| s.id == "717_aksu").unwrap();
    let game = playout_recorded(s, &rules, 2, text, SHIPPED_RULES);
    let full = game.record().unwrap().clone();
    let mut save = Game::replay_to(&full, Some(full.turns.len().min(3)))
        .unwrap()
        .to_record()
        .unwrap();
    save.player = Some(anxi::scenario::model::SideId(0));
    let ms = [Mutation::Number {
        at: 10110912690754968240,
        payload: 0,
    }];
    let bytes = apply(&save.to_bytes(), &ms);
    if let Ok(rec) = Record::from_bytes(&bytes) {
        if let Ok(mut loaded) = Game::load(rec.clone()) {
            play_checked(&mut loaded, 5).unwrap();
        }
        if let Ok(mut replayed) = Game::replay_to(&rec, None) {
            play_checked(&mut replayed, 5).unwrap();
        }
    }
}

/// A logistics factor so large that a poor commander's speed turned
/// negative once sent the road search round a negative cycle until memory
/// ran out: the rules file is refused, and the search never takes a cost below zero.
#[test]
fn found_a_road_search_without_end_from_a_negative_speed() {
    let text = SHIPPED_RULES.replacen("per_logistics: 0.05", "per_logistics: 1e300", 1);
    assert_ne!(text, SHIPPED_RULES, "the rules file names per_logistics");
    let diags = Rules::parse("rules.ron", &text).unwrap_err();
    assert!(
        diags[0].message.contains("march.per_logistics"),
        "{}",
        diags[0]
    );
}
