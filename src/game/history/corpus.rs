//! The corpus measurement: every scenario's recorded checks played over
//! several disjoint blocks of seeds, and again with every commander rated
//! average, so that a result which holds only at one block of seeds or only
//! through its commanders' ratings shows as such.

use serde::Serialize;

use super::{report, run_many};
use crate::rules::params::{AVERAGE_RATING, Rules};
use crate::scenario::model::Scenario;

/// How the corpus is measured.
#[derive(Debug, Clone, Copy)]
pub struct Plan {
    /// Runs in each block of seeds.
    pub runs: u32,
    /// Disjoint blocks: block b uses seeds `first_seed + b * stride ..`.
    pub blocks: u32,
    pub first_seed: u64,
    /// Seeds from the first seed of one block to the next: `runs` for
    /// blocks side by side, more to spread them (1,000,000 gives the blocks
    /// at seeds 1, 1,000,001 and 2,000,001). Taken as at least `runs`, so
    /// that the blocks never overlap.
    pub stride: u64,
    /// Also play every block with every commander rated average.
    pub neutral: bool,
}

impl Plan {
    /// The stride actually used: never less than a block's runs.
    pub fn block_stride(&self) -> u64 {
        self.stride.max(u64::from(self.runs))
    }

    /// The first seed of each block.
    pub fn block_seeds(&self) -> Vec<u64> {
        (0..self.blocks.max(1))
            .map(|b| {
                self.first_seed
                    .wrapping_add(u64::from(b) * self.block_stride())
            })
            .collect()
    }
}

/// One check of one scenario, measured.
#[derive(Debug, Clone, Serialize)]
pub struct CheckLine {
    pub scenario: String,
    pub check: String,
    pub description: String,
    /// The required share, or the median's range.
    pub required: serde_json::Value,
    /// Over all blocks together.
    pub pooled: f64,
    pub pooled_pass: bool,
    /// The lowest and highest block's share.
    pub block_min: f64,
    pub block_max: f64,
    pub blocks_passed: u32,
    pub blocks: u32,
    /// With every commander rated average, over all blocks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub neutral: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub neutral_pass: Option<bool>,
}

impl CheckLine {
    /// Holds in every block, and (when measured) with neutral commanders.
    pub fn robust(&self) -> bool {
        self.blocks_passed == self.blocks && self.neutral_pass.unwrap_or(true)
    }
}

/// The scenario with every commander's command, tactics and logistics at
/// the average: what remains of a result when no general is better than another.
pub fn neutral_commanders(s: &Scenario) -> Scenario {
    let mut n = s.clone();
    for c in &mut n.commanders {
        c.command = AVERAGE_RATING;
        c.tactics = AVERAGE_RATING;
        c.logistics = AVERAGE_RATING;
    }
    n
}

/// Measures every check of a scenario by the plan.
pub fn measure(
    s: &Scenario,
    rules: &Rules,
    plan: Plan,
    on_run: &(dyn Fn() + Sync),
) -> Vec<CheckLine> {
    let blocks = plan.blocks.max(1);
    let mut all = Vec::new();
    let mut per_block = Vec::new();
    for seed in plan.block_seeds() {
        let runs = run_many(s, rules, plan.runs, seed, on_run);
        per_block.push(report(s, None, seed, &runs));
        all.extend(runs);
    }
    let pooled = report(s, None, plan.first_seed, &all);
    let neutral = plan.neutral.then(|| {
        let n = neutral_commanders(s);
        let runs = run_many(&n, rules, plan.runs * blocks, plan.first_seed, on_run);
        report(&n, None, plan.first_seed, &runs)
    });
    pooled
        .checks
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let shares: Vec<f64> = per_block.iter().map(|r| r.checks[i].share).collect();
            CheckLine {
                scenario: s.id.clone(),
                check: c.id.clone(),
                description: c.description.clone(),
                required: c.required.clone(),
                pooled: c.share,
                pooled_pass: c.pass,
                block_min: shares.iter().copied().fold(f64::INFINITY, f64::min),
                block_max: shares.iter().copied().fold(f64::NEG_INFINITY, f64::max),
                blocks_passed: per_block.iter().filter(|r| r.checks[i].pass).count() as u32,
                blocks,
                neutral: neutral.as_ref().map(|r| r.checks[i].share),
                neutral_pass: neutral.as_ref().map(|r| r.checks[i].pass),
            }
        })
        .collect()
}

/// The measurement as a table, one line a check, and a count at the end.
pub fn render(lines: &[CheckLine]) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "{:<22} {:<28} {:>9} {:>7} {:>15} {:>7} {:>8}\n",
        "scenario", "check", "required", "pooled", "blocks min-max", "passed", "neutral"
    ));
    for l in lines {
        let required = match l.required.as_f64() {
            Some(x) => format!("≥{x:.2}"),
            None => "median".to_string(),
        };
        let neutral = l.neutral.map_or(String::from("-"), |n| {
            format!(
                "{n:.3}{}",
                if l.neutral_pass == Some(true) {
                    ""
                } else {
                    "✗"
                }
            )
        });
        out.push_str(&format!(
            "{:<22} {:<28} {:>9} {:>6.3}{} {:>7.3}-{:<7.3} {:>3}/{:<3} {:>8}\n",
            l.scenario,
            l.check,
            required,
            l.pooled,
            if l.pooled_pass { " " } else { "✗" },
            l.block_min,
            l.block_max,
            l.blocks_passed,
            l.blocks,
            neutral
        ));
    }
    let passed = lines.iter().filter(|l| l.pooled_pass).count();
    let every_block = lines.iter().filter(|l| l.blocks_passed == l.blocks).count();
    out.push_str(&format!(
        "\n{passed} of {} checks reproduced over all seeds; {every_block} in every block",
        lines.len()
    ));
    if lines.iter().any(|l| l.neutral.is_some()) {
        let neutral = lines
            .iter()
            .filter(|l| l.neutral_pass == Some(true))
            .count();
        let robust = lines.iter().filter(|l| l.robust()).count();
        out.push_str(&format!(
            "; {neutral} with average commanders; {robust} in every block and with average commanders"
        ));
    }
    out.push_str(".\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::catalog::shipped;

    #[test]
    fn blocks_start_a_stride_apart_and_never_overlap() {
        let plan = |runs, stride| Plan {
            runs,
            blocks: 3,
            first_seed: 1,
            stride,
            neutral: false,
        };
        assert_eq!(
            plan(1000, 1_000_000).block_seeds(),
            [1, 1_000_001, 2_000_001]
        );
        assert_eq!(plan(1000, 1000).block_seeds(), [1, 1001, 2001]);
        // A stride shorter than a block is taken as the block's length.
        assert_eq!(plan(1000, 10).block_seeds(), [1, 1001, 2001]);
    }

    #[test]
    fn neutral_commanders_are_all_average_and_nothing_else_changes() {
        let rules = Rules::shipped().unwrap();
        let s = shipped(&rules)
            .into_iter()
            .find_map(|e| e.scenario.filter(|s| s.id == "644_karasahr"))
            .unwrap();
        assert!(s.commanders.iter().any(|c| c.tactics != AVERAGE_RATING));
        let n = neutral_commanders(&s);
        assert!(n.commanders.iter().all(|c| c.command == AVERAGE_RATING
            && c.tactics == AVERAGE_RATING
            && c.logistics == AVERAGE_RATING));
        assert_eq!(n.armies.len(), s.armies.len());
        assert_eq!(n.history.outcome.len(), s.history.outcome.len());
    }
}
