//! Speed of the rules engine: one historical playout of each shipped
//! scenario, and 1,000 of them (on every core, as `anxi history` runs them).
//! Target: 1,000 playouts of any shipped scenario in under a second in release.

use criterion::{Criterion, criterion_group, criterion_main};

use anxi::game::catalog::shipped;
use anxi::game::history::{playout::playout, run_many};
use anxi::rules::params::Rules;

fn playouts(c: &mut Criterion) {
    let rules = Rules::shipped().expect("shipped rules");
    let scenarios: Vec<_> = shipped(&rules)
        .into_iter()
        .filter_map(|e| e.scenario)
        .collect();
    let mut one = c.benchmark_group("one playout");
    for s in &scenarios {
        let mut seed = 0u64;
        one.bench_function(&s.id, |b| {
            b.iter(|| {
                seed += 1;
                playout(s, &rules, seed)
            })
        });
    }
    one.finish();
    let mut many = c.benchmark_group("1000 playouts");
    many.sample_size(10);
    for s in &scenarios {
        many.bench_function(&s.id, |b| b.iter(|| run_many(s, &rules, 1000, 1, &|| {})));
    }
    many.finish();
}

criterion_group!(benches, playouts);
criterion_main!(benches);
