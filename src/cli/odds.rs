//! `anxi odds SCENARIO --army A --target B`: the forecast of a battle an
//! order would bring (`rules::forecast`), from the scenario's opening, from
//! its historical line at a turn, or from a save, as the army's side sees
//! it under the fog of war. The same forecast the order menu shows.

use std::io::Write;
use std::path::PathBuf;

use clap::ValueEnum;

use std::borrow::Cow;

use crate::game::fog;
use crate::game::record::Record;
use crate::game::{Game, Player};
use crate::rules::forecast::{Forecast, Plan, forecast};
use crate::rules::params::Rules;
use crate::scenario::Scenario;
use crate::scenario::model::ArmyId;
use crate::scenario::raw::Timing;

/// The order whose battle is forecast.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OrderKind {
    Attack,
    Pursue,
    Assault,
    Ambush,
}

/// The time of day of an attack or assault.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TimingArg {
    Day,
    Dawn,
    Night,
}

pub struct Args {
    pub scenario: Option<String>,
    pub army: String,
    pub target: Option<String>,
    pub order: Option<OrderKind>,
    pub timing: TimingArg,
    pub turn: Option<u32>,
    pub load: Option<PathBuf>,
    pub seed: u64,
    pub runs: u32,
    pub json: bool,
}

/// Runs the command; the exit code is 0 with a forecast, 2 when there is no
/// such battle or the input cannot be used.
pub fn run(args: &Args, rules: &Rules, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let game = match open(args, rules, err) {
        Some(g) => g,
        None => return 2,
    };
    let s = game.scenario();
    let army_id = |name: &str, what: &str, err: &mut dyn Write| {
        let id = s.army(name);
        if id.is_none() {
            let known: Vec<&str> = s.armies.iter().map(|a| a.id.as_str()).collect();
            let _ = writeln!(
                err,
                "error: scenario `{}` has no army `{name}` ({what}); its armies: {}",
                s.id,
                known.join(", ")
            );
        }
        id
    };
    let Some(army) = army_id(&args.army, "--army", err) else {
        return 2;
    };
    let target = match &args.target {
        Some(t) => match army_id(t, "--target", err) {
            Some(t) => Some(t),
            None => return 2,
        },
        None => None,
    };
    let timing = match args.timing {
        TimingArg::Day => Timing::Day,
        TimingArg::Dawn => Timing::Dawn,
        TimingArg::Night => Timing::Night,
    };
    let order = args.order.unwrap_or(if target.is_some() {
        OrderKind::Attack
    } else {
        OrderKind::Assault
    });
    let plan = match (order, target) {
        (OrderKind::Attack, Some(target)) => Plan::Attack { target, timing },
        (OrderKind::Pursue, Some(target)) => Plan::Pursue { target },
        (OrderKind::Ambush, Some(victim)) => Plan::Ambush { victim },
        (OrderKind::Assault, None) => Plan::Assault { timing },
        (OrderKind::Assault, Some(_)) => {
            let _ = writeln!(
                err,
                "error: an assault storms the walls where the army stands; it takes no --target"
            );
            return 2;
        }
        (_, None) => {
            let _ = writeln!(err, "error: this order needs --target ARMY");
            return 2;
        }
    };
    let st = game.state();
    let side = s.side_of(st.army(army).faction);
    let seen = fog::as_seen_by(s, game.rules(), st, side);
    if let Some(t) = target
        && !seen.army(t).present
    {
        let _ = writeln!(
            err,
            "error: {} cannot see {} on turn {}: a forecast tells only what the army's side knows",
            s.armies[army.index()].name,
            s.armies[t.index()].name,
            st.turn
        );
        return 2;
    }
    let Some(f) = forecast(s, game.rules(), &seen, army, plan, args.runs) else {
        let _ = writeln!(
            err,
            "error: {} has no such battle to fight on turn {} (no enemy it can see to fight, or not on the map)",
            s.armies[army.index()].name,
            st.turn
        );
        return 2;
    };
    if args.json {
        let _ = writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&json(s, st.turn, &f)).unwrap_or_default()
        );
    } else {
        let _ = write!(out, "{}", text(s, st.turn, &f));
    }
    0
}

/// The game at the wanted turn: a save (replayed to `--turn` if given), or
/// the scenario's historical line played to `--turn` with `--seed`.
fn open(args: &Args, rules: &Rules, err: &mut dyn Write) -> Option<Game<'static>> {
    if let Some(path) = &args.load {
        let rec = match Record::load(path) {
            Ok(r) => r,
            Err(e) => {
                let _ = writeln!(err, "error: {}: {e}", path.display());
                return None;
            }
        };
        let game = match args.turn {
            None => Game::load(rec),
            Some(t) => Game::replay_to(&rec, Some(t.saturating_sub(1) as usize)),
        };
        return match game {
            Ok(g) => Some(g),
            Err(e) => {
                let _ = writeln!(err, "error: {}: {e}", path.display());
                None
            }
        };
    }
    let Some(name) = &args.scenario else {
        let _ = writeln!(err, "error: give a SCENARIO or --load SAVE");
        return None;
    };
    let s: Scenario = super::scenario_named(name, rules, err)?;
    let sides = s.sides.len();
    let (mut game, _) = Game::new(
        Cow::Owned(s.clone()),
        Cow::Owned(rules.clone()),
        args.seed,
        vec![Player::History; sides],
        false,
    );
    if let Some(t) = args.turn {
        while game.state().turn < t && !game.is_over() {
            game.play_turn(Vec::new());
        }
        if game.state().turn < t {
            let _ = writeln!(
                err,
                "error: scenario `{}` ends before turn {t} on this seed",
                s.id
            );
            return None;
        }
    }
    Some(game)
}

/// The name of an army, as the scenario gives it.
fn army_name(s: &Scenario, a: ArmyId) -> &str {
    &s.armies[a.index()].name
}

fn pct(p: f64) -> String {
    crate::game::notes::percent(p)
}

/// The forecast in words, for a terminal.
pub fn text(s: &Scenario, turn: u32, f: &Forecast) -> String {
    let names = |list: &[ArmyId]| {
        list.iter()
            .map(|a| army_name(s, *a))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut t = String::new();
    let kind = match f.kind {
        crate::rules::event::BattleKind::Field => "battle",
        crate::rules::event::BattleKind::Assault => "assault",
        crate::rules::event::BattleKind::Ambush => "ambush",
        crate::rules::event::BattleKind::Relief => "relief of a siege",
    };
    t += &format!(
        "{} on turn {turn}: {} ({} men) against {} ({} men), over {} seeds\n",
        kind,
        names(&f.attackers),
        f.attack_men,
        names(&f.defenders),
        f.defence_men,
        f.runs
    );
    t += &format!("  win: {}", pct(f.win));
    t += &format!(
        "; surprise: {}; the enemy breaks: {}; own side breaks: {}; days fought: {:.1}\n",
        pct(f.surprise),
        pct(f.defenders_broke),
        pct(f.attackers_broke),
        f.days
    );
    let l = |x: &crate::rules::forecast::Spread| format!("{} / {} / {}", x.p10, x.median, x.p90);
    t += &format!(
        "  men lost (10% / median / 90%): own {}; enemy {}\n",
        l(&f.attack_losses),
        l(&f.defence_losses)
    );
    for p in &f.perils {
        t += &format!(
            "  {} ({}): captured {}, killed {}\n",
            s.commanders[p.commander.index()].name,
            if p.attacking { "own" } else { "enemy" },
            pct(p.captured),
            pct(p.killed)
        );
    }
    t += &format!(
        "  power ratio {:.2} before the day's chance; factors (own × / enemy ×):\n",
        f.ratio
    );
    for r in &f.factors {
        t += &format!("    {:<24} {:>5.2} {:>5.2}\n", r.name, r.attack, r.defence);
    }
    t
}

/// The forecast as JSON, with the scenario's ids.
pub fn json(s: &Scenario, turn: u32, f: &Forecast) -> serde_json::Value {
    let ids = |list: &[ArmyId]| {
        list.iter()
            .map(|a| s.armies[a.index()].id.clone())
            .collect::<Vec<_>>()
    };
    let spread = |x: &crate::rules::forecast::Spread| serde_json::json!({ "p10": x.p10, "median": x.median, "p90": x.p90 });
    serde_json::json!({
        "turn": turn,
        "kind": format!("{:?}", f.kind),
        "runs": f.runs,
        "attackers": ids(&f.attackers),
        "defenders": ids(&f.defenders),
        "attack_men": f.attack_men,
        "defence_men": f.defence_men,
        "win": f.win,
        "surprise": f.surprise,
        "surprise_power": f.surprise_power,
        "defenders_broke": f.defenders_broke,
        "attackers_broke": f.attackers_broke,
        "days": f.days,
        "attack_losses": spread(&f.attack_losses),
        "defence_losses": spread(&f.defence_losses),
        "commanders": f.perils.iter().map(|p| serde_json::json!({
            "commander": s.commanders[p.commander.index()].id,
            "attacking": p.attacking,
            "captured": p.captured,
            "killed": p.killed,
        })).collect::<Vec<_>>(),
        "ratio": f.ratio,
        "factors": f.factors.iter().map(|r| serde_json::json!({
            "name": r.name, "attack": r.attack, "defence": r.defence,
        })).collect::<Vec<_>>(),
    })
}
