//! The forecast the order menu shows (500 runs of the battle), for every
//! attack and storm an army could order at the opening of each shipped
//! campaign (at the first turn of its historical line that has one): the target is a frame, about 16 ms, in release
//! (`cargo bench --no-default-features --bench forecast`).

use criterion::{Criterion, criterion_group, criterion_main};

use anxi::game::catalog::shipped;
use anxi::game::fog;
use anxi::game::history::playout::history_game;
use anxi::rules::forecast::{Plan, RUNS, forecast};
use anxi::rules::params::Rules;
use anxi::rules::state::State;
use anxi::scenario::Scenario;
use anxi::scenario::model::ArmyId;
use anxi::scenario::raw::Timing;

fn forecasts(c: &mut Criterion) {
    let rules = Rules::shipped().unwrap();
    let mut group = c.benchmark_group("a forecast of 500 runs");
    group.sample_size(20);
    for e in shipped(&rules) {
        let Some(s) = e.scenario else { continue };
        if ![
            "644_karasahr",
            "648_karasahr",
            "670_tarim_basin",
            "717_aksu",
        ]
        .contains(&s.id.as_str())
        {
            continue;
        }
        // The first turn of the historical line with a battle to order,
        // and the largest battle any army could order against an enemy it sees.
        let (mut game, _) = history_game(&s, &rules, 1, false);
        let mut battles = Vec::new();
        while battles.is_empty() && !game.is_over() {
            battles = possible(&s, &rules, game.state());
            game.play_turn(Vec::new());
        }
        let Some((_, a, plan, seen)) = battles.into_iter().max_by_key(|b| b.0) else {
            continue;
        };
        group.bench_function(s.id.clone(), |b| {
            b.iter(|| forecast(&s, &rules, &seen, a, plan, RUNS))
        });
    }
    group.finish();
}

type Battle = (u32, ArmyId, Plan, State);

/// Every attack and storm an army could order now, by the men in it.
fn possible(s: &Scenario, rules: &Rules, st: &State) -> Vec<Battle> {
    let mut battles = Vec::new();
    for i in 0..st.armies.len() {
        let a = ArmyId(i as u16);
        let side = s.side_of(st.army(a).faction);
        let seen = fog::as_seen_by(s, rules, st, side);
        for j in 0..st.armies.len() {
            let plan = Plan::Attack {
                target: ArmyId(j as u16),
                timing: Timing::Dawn,
            };
            if let Some(f) = forecast(s, rules, &seen, a, plan, 1) {
                battles.push((f.attack_men + f.defence_men, a, plan, seen.clone()));
            }
        }
        let plan = Plan::Assault {
            timing: Timing::Dawn,
        };
        if let Some(f) = forecast(s, rules, &seen, a, plan, 1) {
            battles.push((f.attack_men + f.defence_men, a, plan, seen.clone()));
        }
    }
    battles
}

criterion_group!(benches, forecasts);
criterion_main!(benches);
