//! Draws from the state's seeded generator (ChaCha8, the same numbers on
//! every platform and build).

use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::Rng;

/// A number in [0, 1).
pub fn unit(rng: &mut ChaCha8Rng) -> f64 {
    (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// True with probability `p`.
pub fn chance(rng: &mut ChaCha8Rng, p: f64) -> bool {
    unit(rng) < p
}

/// A standard normal draw (Box-Muller).
pub fn normal(rng: &mut ChaCha8Rng) -> f64 {
    let u1 = unit(rng).max(1e-12);
    let u2 = unit(rng);
    (-2.0 * libm::log(u1)).sqrt() * libm::cos(std::f64::consts::TAU * u2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand_chacha::rand_core::SeedableRng;

    #[test]
    fn draws_are_reproducible_and_in_range() {
        let mut a = ChaCha8Rng::seed_from_u64(7);
        let mut b = ChaCha8Rng::seed_from_u64(7);
        for _ in 0..1000 {
            let x = unit(&mut a);
            assert_eq!(x, unit(&mut b));
            assert!((0.0..1.0).contains(&x));
        }
        let mean: f64 = (0..20000).map(|_| normal(&mut a)).sum::<f64>() / 20000.0;
        assert!(mean.abs() < 0.05, "{mean}");
    }
}
