//! Tests of the calibration's pieces: refusing candidates that break a
//! rule of the file, and rounding the search's values.

use super::*;

#[test]
fn steps_round_the_value_to_a_tenth_of_the_step() {
    assert_eq!(round_to(0.31250000000000006, 0.0625), 0.313);
    assert_eq!(round_to(2.5, 0.5), 2.5);
    assert_eq!(round_to(0.6 + 0.1, 0.1), 0.7);
}

#[test]
fn candidates_that_break_a_rule_of_the_file_are_refused() {
    let rules = Rules::shipped().unwrap();
    assert!(valid(&rules));
    // Taken and killed in a rout add up to more than one.
    let bad = rules
        .with_values(&[("capture.rout_base".to_string(), 0.95)])
        .unwrap();
    assert!(!valid(&bad));
}
