//! What a defender's works give it and when they are turned: its posture
//! (that of its largest army), the stockade of a camp fortified in the open
//! or a city's walls in an assault, and the share of an attack that came on
//! them by a track that turns them (`Route::turns`), for which they count
//! for nothing.

use super::Setup;
use crate::rules::event::BattleKind;
use crate::rules::params::Rules;
use crate::rules::state::*;
use crate::scenario::model::*;
use crate::scenario::raw::{Posture, Walls};

use super::odds::engaged_men;

/// The posture of the defenders' largest army.
pub(super) fn defenders_posture(st: &State, setup: &Setup) -> Posture {
    let lead_def = setup
        .defenders
        .iter()
        .max_by_key(|(a, _)| st.army(*a).strength())
        .map(|x| x.0);
    lead_def.map_or(Posture::Hasty, |a| st.army(a).posture)
}

/// The share of the attacking men who came on the defenders' works from the
/// side they do not face: along a route that `turns` the battle's region
/// (`Route::turns`), into a place where the defenders are dug in (prepared
/// or fortified). 0 when the defenders hold no works there.
pub fn turned_share(s: &Scenario, st: &State, setup: &Setup) -> f64 {
    let Some(region) = setup.region else {
        return 0.0;
    };
    if setup.kind == BattleKind::Assault || defenders_posture(st, setup) == Posture::Hasty {
        return 0.0;
    }
    let came_by_track = |a: ArmyId| {
        let army = st.army(a);
        army.region() == Some(region)
            && army.came_from.is_some_and(|from| {
                s.regions[region.index()].routes.iter().any(|r| {
                    let rt = &s.routes[r.index()];
                    rt.other(region) == from && rt.turns == Some(region)
                })
            })
    };
    let all = engaged_men(st, &setup.attackers);
    if all <= 0.0 {
        return 0.0;
    }
    let turning: Vec<(ArmyId, f64)> = setup
        .attackers
        .iter()
        .copied()
        .filter(|(a, _)| came_by_track(*a))
        .collect();
    (engaged_men(st, &turning) / all).clamp(0.0, 1.0)
}

/// A defender's factor `f` (works, posture, ground) against an attack of
/// which `turned` came on it from the side the factor does not face.
pub(super) fn facing(f: f64, turned: f64) -> f64 {
    1.0 + (f - 1.0) * (1.0 - turned)
}

/// The factor of the walls the defenders hold: a city's for an assault, a
/// stockade for a camp fortified in the open (less the share of the attack
/// that turned it), else 1.
pub fn walls(s: &Scenario, rules: &Rules, st: &State, setup: &Setup) -> f64 {
    walls_turned(s, rules, st, setup, turned_share(s, st, setup))
}

/// [`walls`] with the share of the attack that turned the works already known.
pub(super) fn walls_turned(
    s: &Scenario,
    rules: &Rules,
    st: &State,
    setup: &Setup,
    turned: f64,
) -> f64 {
    let region_walls = setup
        .region
        .map_or(Walls::None, |r| s.regions[r.index()].walls);
    let region_moat = setup.region.is_some_and(|r| s.regions[r.index()].moat);
    match setup.kind {
        BattleKind::Assault => rules.walls_factor(region_walls, region_moat),
        BattleKind::Field | BattleKind::Ambush
            if defenders_posture(st, setup) == Posture::Fortified =>
        {
            facing(rules.walls_factor(Walls::Stockade, false), turned)
        }
        _ => 1.0,
    }
}
