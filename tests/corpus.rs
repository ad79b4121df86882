//! The corpus measurement in docs/corpus.md is what the engine gives: every
//! shipped scenario's checks over the three blocks of 1,000 seeds the
//! history tests use (seeds 1, 1,000,001 and 2,000,001) and with average
//! commanders, rendered as `anxi corpus` prints it; and the four shipped
//! campaigns hold in every block.

use anxi::game::catalog::shipped;
use anxi::game::history::corpus::{Plan, measure, render};
use anxi::rules::params::Rules;

#[test]
fn the_table_in_docs_corpus_is_what_the_engine_gives() {
    let rules = Rules::shipped().unwrap();
    let plan = Plan {
        runs: 1000,
        blocks: 3,
        first_seed: 1,
        stride: 1_000_000,
        neutral: true,
    };
    assert_eq!(plan.block_seeds(), [1, 1_000_001, 2_000_001]);
    let mut lines = Vec::new();
    for e in shipped(&rules) {
        let s = e.scenario.expect("shipped scenarios load");
        lines.extend(measure(&s, &rules, plan, &|| {}));
    }
    // The four campaigns and at least eight battles of the corpus.
    let scenarios: std::collections::BTreeSet<&str> =
        lines.iter().map(|l| l.scenario.as_str()).collect();
    assert!(scenarios.len() >= 12, "{scenarios:?}");
    // The four campaigns hold in every one of the three disjoint blocks of
    // 1,000 seeds, not only over the first.
    for l in &lines {
        if [
            "644_karasahr",
            "648_karasahr",
            "670_tarim_basin",
            "717_aksu",
        ]
        .contains(&l.scenario.as_str())
        {
            assert_eq!(
                l.blocks_passed, l.blocks,
                "{} {}: {} of {} blocks (lowest {:.3})",
                l.scenario, l.check, l.blocks_passed, l.blocks, l.block_min
            );
        }
    }
    let table = render(&lines);
    let doc = include_str!("../docs/corpus.md");
    let start = doc.find("```text\n").expect("docs/corpus.md has the table") + 8;
    let end = start + doc[start..].find("```").unwrap();
    assert_eq!(
        &doc[start..end],
        table,
        "docs/corpus.md is out of date: run `anxi corpus --runs 1000 --blocks 3 --stride 1000000 --neutral` and paste its table"
    );
}

/// Every variant of every shipped scenario moves its checks the way its
/// `expect` says, at three disjoint blocks of 1,000 seeds.
#[test]
fn every_variant_moves_its_checks_at_three_blocks() {
    use anxi::game::history::variant::apply_variant;
    use anxi::game::history::{report, run_many, shifts};
    let rules = Rules::shipped().unwrap();
    let mut variants = 0;
    for e in shipped(&rules) {
        let s = e.scenario.expect("shipped scenarios load");
        for v in &s.history.variants {
            assert!(!v.expect.is_empty(), "{} {} expects nothing", s.id, v.id);
            let vs = apply_variant(&s, v);
            for seed in [1, 1_000_001, 2_000_001] {
                let base = report(&s, None, seed, &run_many(&s, &rules, 1000, seed, &|| {}));
                let var = report(
                    &vs,
                    Some(&v.id),
                    seed,
                    &run_many(&vs, &rules, 1000, seed, &|| {}),
                );
                for x in shifts(&s, v, &base, &var) {
                    assert!(
                        x.pass,
                        "{} variant {} at seed {seed}: {} moved from {:.3} to {:.3}, expected a {} of at least {}",
                        s.id,
                        v.id,
                        x.check,
                        x.base,
                        x.variant,
                        if x.rise { "rise" } else { "drop" },
                        x.at_least
                    );
                }
            }
            variants += 1;
        }
    }
    assert!(variants >= 8, "{variants}");
}
