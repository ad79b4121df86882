//! The odds the panels show beside an attack, an assault, a pursuit and an
//! ambush: the rules' forecast of the battle (`rules::forecast`, the battle
//! fought over 500 seeds from the state as the player's side sees it, so a
//! hidden army is never named or counted), in words: the chance to win,
//! the losses, the commanders' perils, surprise, and every factor. A
//! forecast is kept until the state changes, so the panels ask each once.

use std::sync::Mutex;

use crate::desktop::names::thousands;
use crate::game::fog;
use crate::rules::event::BattleKind;
use crate::rules::forecast::{Forecast, Plan, RUNS, forecast};
use crate::rules::params::Rules;
use crate::rules::state::State;
use crate::scenario::Scenario;
use crate::scenario::model::{ArmyId, SideId};

pub use crate::game::notes::percent;

/// Under this chance the panels warn in words.
pub const LONG_ODDS: f64 = 0.30;

/// The forecast of the battle `army` would fight under `plan`, from the
/// state as `side` sees it; None when there is no such battle in sight.
pub fn forecast_for(
    s: &Scenario,
    rules: &Rules,
    st: &State,
    side: SideId,
    army: ArmyId,
    plan: Plan,
) -> Option<Forecast> {
    forecast(
        s,
        rules,
        &fog::as_seen_by(s, rules, st, side),
        army,
        plan,
        RUNS,
    )
}

/// True when the chance, as a whole percentage (as it is shown), is under
/// [`LONG_ODDS`]: no "30% — long odds".
pub fn long(f: &Forecast) -> bool {
    (f.win * 100.0).round() < (LONG_ODDS * 100.0).round()
}

/// The warning for long odds, in words, if the chance is under 30%.
pub fn warning(f: &Forecast) -> Option<String> {
    long(f).then(|| {
        format!(
            "Long odds: this is likely to fail (under {:.0}% to win)",
            LONG_ODDS * 100.0
        )
    })
}

/// The forecast in one line, with every army on each side counted (those
/// standing with the target, a garrison sallying):
/// "win 48%: your 11,000 against their 12,000; you lose about 1,381, they 637".
pub fn summary(f: &Forecast) -> String {
    let what = match f.kind {
        BattleKind::Assault => "carry the walls",
        _ => "win",
    };
    format!(
        "{what} {}: your {} against their {}; you lose about {}, they {}",
        percent(f.win),
        thousands(f.attack_men),
        thousands(f.defence_men),
        thousands(f.attack_losses.median),
        thousands(f.defence_losses.median),
    )
}

/// The whole forecast, line by line, for the tip beside the summary.
pub fn details(s: &Scenario, f: &Forecast) -> Vec<String> {
    let names = |list: &[ArmyId]| {
        list.iter()
            .map(|a| s.armies[a.index()].name.clone())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let spread = |x: &crate::rules::forecast::Spread| {
        format!(
            "{} (one time in ten under {}, one in ten over {})",
            thousands(x.median),
            thousands(x.p10),
            thousands(x.p90)
        )
    };
    let mut lines = vec![
        format!(
            "{} ({} men) against {} ({} men), fought {} times",
            names(&f.attackers),
            thousands(f.attack_men),
            names(&f.defenders),
            thousands(f.defence_men),
            f.runs
        ),
        format!(
            "Win: {}. Surprise: {}. The enemy breaks: {}; yours breaks: {}. {}",
            percent(f.win),
            percent(f.surprise),
            percent(f.defenders_broke),
            percent(f.attackers_broke),
            if f.days < 1.05 {
                "Decided in a day.".to_string()
            } else {
                format!("{:.1} days of fighting on average.", f.days)
            }
        ),
        format!("Your losses: {}", spread(&f.attack_losses)),
        format!("Their losses: {}", spread(&f.defence_losses)),
    ];
    for p in &f.perils {
        lines.push(format!(
            "{} ({}): taken {}, killed {}",
            s.commanders[p.commander.index()].name,
            if p.attacking { "yours" } else { "theirs" },
            percent(p.captured),
            percent(p.killed)
        ));
    }
    lines.push(format!(
        "Power {} before the day's chance; each factor on yours and on theirs:",
        ratio_text(f.ratio)
    ));
    for r in &f.factors {
        lines.push(format!(
            "  {}: ×{:.2} yours, ×{:.2} theirs",
            r.name, r.attack, r.defence
        ));
    }
    lines.push(format!(
        "  surprise, {} of the time: ×{:.1} yours, and their camp, ground and walls count for nothing",
        percent(f.surprise),
        f.surprise_power
    ));
    lines
}

/// A force ratio in words: "3.1 : 1" or "1 : 2.4".
pub fn ratio_text(r: f64) -> String {
    if r >= 1.0 {
        format!("{r:.1} : 1")
    } else {
        format!("1 : {:.1}", 1.0 / r.max(1e-9))
    }
}

/// What tells one state from another for the forecasts kept: the turn and
/// where the game's generator stands (every turn played moves it).
fn fingerprint(st: &State) -> (u32, [u8; 32], u128) {
    (st.turn, st.rng.get_seed(), st.rng.get_word_pos())
}

type Key = ((u32, [u8; 32], u128), SideId, ArmyId, Plan);

/// Forecasts asked for since the state last changed.
#[derive(Default)]
pub struct Kept {
    kept: Mutex<Vec<(Key, Option<Forecast>)>>,
}

impl Kept {
    /// The forecast, from those kept or made now.
    pub fn get(
        &self,
        s: &Scenario,
        rules: &Rules,
        st: &State,
        side: SideId,
        army: ArmyId,
        plan: Plan,
    ) -> Option<Forecast> {
        let key = (fingerprint(st), side, army, plan);
        let Ok(mut kept) = self.kept.lock() else {
            return forecast_for(s, rules, st, side, army, plan);
        };
        if kept.first().is_some_and(|(k, _)| k.0 != key.0) {
            kept.clear();
        }
        if let Some((_, f)) = kept.iter().find(|(k, _)| *k == key) {
            return f.clone();
        }
        let f = forecast_for(s, rules, st, side, army, plan);
        kept.push((key, f.clone()));
        f
    }
}
