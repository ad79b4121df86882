//! The roads an army's order will take it along, read off the rules' own
//! march: each day the march asks [`next_leg`] for the road to take next,
//! and so does this, from where the army stands to where the order ends.
//! Nothing is changed; the map draws its order arrows from these points.

use crate::core::order::Order;
use crate::rules::march::chase_goal;
use crate::rules::movement::next_leg;
use crate::rules::params::Rules;
use crate::rules::state::{ArmyState, Position, State};
use crate::scenario::Scenario;
use crate::scenario::model::{ArmyId, RegionId};

/// The places an army's order takes it through, in order: where it stands,
/// each region it will enter on the way, and where the order ends (for an
/// attack or a pursuit, the target army's place, on a road or in a region).
/// Empty for an order that does not move the army, and just the army's
/// place when no road leads on.
pub fn planned_path(
    s: &Scenario,
    rules: &Rules,
    st: &State,
    army: ArmyId,
    order: &Order,
) -> Vec<Position> {
    let a = st.army(army);
    match order {
        Order::March { to, via } => march_path(s, rules, a, *to, via),
        Order::Withdraw { to } | Order::Lure { to } => march_path(s, rules, a, *to, &[]),
        Order::Attack { target, .. } | Order::Pursue { target } | Order::Harry { target } => {
            match st.armies.get(target.index()) {
                Some(t) if t.active() => chase_path(s, rules, a, t.pos),
                _ => Vec::new(),
            }
        }
        _ => Vec::new(),
    }
}

/// The places a march to `to` through `via` passes, as the march takes
/// them one road at a time.
pub fn march_path(
    s: &Scenario,
    rules: &Rules,
    a: &ArmyState,
    to: RegionId,
    via: &[RegionId],
) -> Vec<Position> {
    let mut via = via.to_vec();
    let mut pos = a.pos;
    let mut out = vec![pos];
    // Each road taken reaches a region, each waypoint is passed once: a bound on any march.
    for _ in 0..2 * (s.regions.len() + via.len()) + 2 {
        if let Position::At(r) = pos {
            if via.first() == Some(&r) {
                via.remove(0);
                continue;
            }
            if r == to && via.is_empty() {
                break;
            }
        }
        let Some((_, end, _, _)) = next_leg(s, rules, a, pos, to, &via) else {
            break;
        };
        pos = Position::At(end);
        out.push(pos);
    }
    out
}

/// The places a chase after an army at `target` passes: the roads to the
/// region the chase makes for, and on to the target itself when it is out
/// on a road (without going to the road's far end and back).
pub fn chase_path(s: &Scenario, rules: &Rules, a: &ArmyState, target: Position) -> Vec<Position> {
    let mut out = march_path(s, rules, a, chase_goal(s, a.pos, target), &[]);
    if let Position::Road { route, .. } = target {
        let rt = &s.routes[route.index()];
        let n = out.len();
        if n >= 2
            && let (Position::At(x), Position::At(y)) = (out[n - 2], out[n - 1])
            && ((rt.a, rt.b) == (x, y) || (rt.b, rt.a) == (x, y))
        {
            out.pop();
        }
        out.push(target);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::catalog::shipped_scenario;

    fn scenario(id: &str) -> (Scenario, Rules, State) {
        let rules = Rules::shipped().unwrap();
        let s = shipped_scenario(&rules, id).unwrap();
        let st = State::new(&s, &rules, 1);
        (s, rules, st)
    }

    fn at(s: &Scenario, names: &[&str]) -> Vec<Position> {
        names
            .iter()
            .map(|n| Position::At(s.region(n).unwrap()))
            .collect()
    }

    #[test]
    fn a_march_passes_each_region_on_its_road_and_its_waypoints() {
        let (s, rules, st) = scenario("644_karasahr");
        let guo = s.army("guo_army").unwrap();
        let karasahr = s.region("karasahr").unwrap();
        let straight = Order::March {
            to: karasahr,
            via: vec![],
        };
        assert_eq!(
            planned_path(&s, &rules, &st, guo, &straight),
            at(&s, &["turfan", "yinshan_road", "karasahr"])
        );
        let round = Order::March {
            to: karasahr,
            via: vec![s.region("yulduz").unwrap()],
        };
        assert_eq!(
            planned_path(&s, &rules, &st, guo, &round),
            at(&s, &["turfan", "yinshan_road", "yulduz", "karasahr"])
        );
        assert!(planned_path(&s, &rules, &st, guo, &Order::Hold).is_empty());
    }

    #[test]
    fn an_attack_follows_the_roads_to_the_target_even_out_on_a_road() {
        let (s, rules, mut st) = scenario("644_karasahr");
        let guo = s.army("guo_army").unwrap();
        let garrison = s.army("karasahr_garrison").unwrap();
        let attack = Order::Attack {
            target: garrison,
            timing: crate::core::kinds::Timing::Day,
        };
        assert_eq!(
            planned_path(&s, &rules, &st, guo, &attack),
            at(&s, &["turfan", "yinshan_road", "karasahr"])
        );
        // The garrison out on the road down from the Yinshan road: the
        // chase goes into the mountains and down that road to it.
        let (yinshan, karasahr) = (
            s.region("yinshan_road").unwrap(),
            s.region("karasahr").unwrap(),
        );
        let route = s.regions[yinshan.index()]
            .routes
            .iter()
            .copied()
            .find(|r| s.routes[r.index()].other(yinshan) == karasahr)
            .unwrap();
        let out = Position::Road {
            route,
            from: karasahr,
            km: 1.0,
        };
        st.armies[garrison.index()].pos = out;
        let path = planned_path(&s, &rules, &st, guo, &attack);
        assert_eq!(&path[..2], &at(&s, &["turfan", "yinshan_road"])[..]);
        assert_eq!(path.last(), Some(&out));
    }
}
