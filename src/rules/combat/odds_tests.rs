//! The force-ratio curve against the published shapes.

use super::*;

#[test]
fn win_chance_follows_the_published_shapes() {
    // Attackers at about 1:1 usually fail (one in three on board-game tables),
    // at 1.5:1 they succeed about four times in five, at 2.7:1 nearly always.
    let rules = Rules::shipped().unwrap();
    let p = |r| win_chance(&rules, r);
    assert!((0.25..0.4).contains(&p(1.0)), "{}", p(1.0));
    assert!((0.7..0.9).contains(&p(1.5)), "{}", p(1.5));
    assert!(p(2.7) > 0.95, "{}", p(2.7));
    assert!(p(0.5) < 0.05);
}
