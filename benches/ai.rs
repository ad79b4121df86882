//! The computer's thinking time for one turn at each level, at the opening
//! of each shipped scenario, for each side (`cargo bench --no-default-features --bench ai`).

use criterion::{Criterion, criterion_group, criterion_main};

use anxi::game::ai::{Level, computer_orders};
use anxi::game::catalog::shipped;
use anxi::rules::params::Rules;
use anxi::rules::state::State;
use anxi::scenario::model::SideId;

fn thinking(c: &mut Criterion) {
    let rules = Rules::shipped().unwrap();
    let scenarios: Vec<_> = shipped(&rules)
        .into_iter()
        .filter_map(|e| e.scenario)
        .collect();
    for level in Level::ALL {
        let mut group = c.benchmark_group(format!("one turn's thinking, {level}"));
        group.sample_size(10);
        for s in &scenarios {
            let st = State::new(s, &rules, 1);
            for side in 0..s.sides.len() {
                let side = SideId(side as u16);
                group.bench_function(format!("{} side {}", s.id, side.0), |b| {
                    b.iter(|| computer_orders(s, &rules, &st, side, level, 7))
                });
            }
        }
        group.finish();
    }
}

criterion_group!(benches, thinking);
criterion_main!(benches);
