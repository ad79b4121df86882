//! The odds the panels show beside an attack: the chance of carrying the
//! walls for an assault, the force ratio and the win chance for an attack
//! on an army, in words. Pure functions of the state, computed with the
//! rules' own odds (`rules::combat::odds`), and only for what the player's
//! army can see: a hidden army is never named here.

use crate::rules::combat::odds::{assault_odds, field_odds};
use crate::rules::params::Rules;
use crate::rules::state::State;
use crate::scenario::Scenario;
use crate::scenario::model::ArmyId;

/// Under this chance the panels warn in words.
pub const LONG_ODDS: f64 = 0.30;

/// The odds of one attack, as the panels show them.
#[derive(Debug, Clone, PartialEq)]
pub struct Odds {
    /// Attack power over defence power, when the battle is one army against another.
    pub ratio: Option<f64>,
    /// The attacker's chance of winning, 0 to 1.
    pub chance: f64,
}

impl Odds {
    /// True when the chance, as a whole percentage (as it is shown), is
    /// under [`LONG_ODDS`]: no "30% — long odds".
    pub fn long(&self) -> bool {
        (self.chance * 100.0).round() < (LONG_ODDS * 100.0).round()
    }

    /// The warning for long odds, in words, if the chance is under 30%.
    pub fn warning(&self) -> Option<String> {
        self.long().then(|| {
            format!(
                "Long odds: this is likely to fail (under {:.0}% to win)",
                LONG_ODDS * 100.0
            )
        })
    }
}

/// A chance as a whole percentage, never 0% or 100% for what may yet happen.
pub fn percent(p: f64) -> String {
    let v = (p * 100.0).round();
    if v <= 0.0 && p > 0.0 {
        "under 1%".into()
    } else if v >= 100.0 && p < 1.0 {
        "over 99%".into()
    } else {
        format!("{v:.0}%")
    }
}

/// The chance that the army, storming the walls where it stands, carries
/// them against the defenders it can see; None when there are none.
pub fn assault(s: &Scenario, rules: &Rules, st: &State, army: ArmyId) -> Option<Odds> {
    assault_odds(s, rules, st, army).map(|chance| Odds {
        ratio: None,
        chance,
    })
}

/// The assault's odds in words: "carry the walls: 23%".
pub fn assault_text(odds: &Odds) -> String {
    format!("carry the walls: {}", percent(odds.chance))
}

/// A battle in the field between `army` and `target` where the target
/// stands, at dawn, seen: the force ratio and the chance the rules give
/// (`odds::field_odds`). None when the target is hidden, gone, or not hostile.
pub fn attack(
    s: &Scenario,
    rules: &Rules,
    st: &State,
    army: ArmyId,
    target: ArmyId,
) -> Option<Odds> {
    field_odds(s, rules, st, army, target).map(|(ratio, chance)| Odds {
        ratio: Some(ratio),
        chance,
    })
}

/// A force ratio in words: "3.1 : 1" or "1 : 2.4".
pub fn ratio_text(r: f64) -> String {
    if r >= 1.0 {
        format!("{r:.1} : 1")
    } else {
        format!("1 : {:.1}", 1.0 / r.max(1e-9))
    }
}

/// An attack's odds in words: "force 1 : 2.4, win 18%".
pub fn attack_text(odds: &Odds) -> String {
    match odds.ratio {
        Some(r) => format!("force {}, win {}", ratio_text(r), percent(odds.chance)),
        None => format!("win {}", percent(odds.chance)),
    }
}
