//! The spread of one measure over many runs, binned for a chart: equal
//! bins from the lowest value to the highest, the player's own value
//! always inside them, so it can be drawn as a line across the bars.

/// One bar of a histogram: the values from `lo` up to `hi` (the last bin
/// takes `hi` too) and how many runs fell there.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bin {
    pub lo: f64,
    pub hi: f64,
    pub count: u32,
}

impl Bin {
    pub fn middle(&self) -> f64 {
        (self.lo + self.hi) / 2.0
    }
}

/// `values` in `n` equal bins (at least one) spanning them and `mark`.
/// Values that are not finite are left out; with nothing to bin but the
/// mark, or every value the same, one bin around it.
pub fn bins(values: &[f64], mark: f64, n: usize) -> Vec<Bin> {
    let n = n.max(1);
    let finite = values.iter().copied().filter(|v| v.is_finite());
    let mark = if mark.is_finite() { mark } else { 0.0 };
    let (lo, hi) = finite
        .clone()
        .fold((mark, mark), |(lo, hi), v| (lo.min(v), hi.max(v)));
    if hi - lo < 1e-9 {
        // Every value the same: one bin of width one around it.
        let count = finite.count() as u32;
        return vec![Bin {
            lo: lo - 0.5,
            hi: hi + 0.5,
            count,
        }];
    }
    let width = (hi - lo) / n as f64;
    let mut out: Vec<Bin> = (0..n)
        .map(|i| Bin {
            lo: lo + width * i as f64,
            hi: if i + 1 == n {
                hi
            } else {
                lo + width * (i + 1) as f64
            },
            count: 0,
        })
        .collect();
    for v in finite {
        let i = (((v - lo) / width).floor() as usize).min(n - 1);
        out[i].count += 1;
    }
    out
}

/// The share of `values` at or below `x` (0 when there are none).
pub fn share_at_most(values: &[f64], x: f64) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    values.iter().filter(|v| **v <= x).count() as f64 / values.len() as f64
}

/// The middle value of the finite `values` (between the two middle ones
/// for an even count); `None` when there are none.
pub fn median(values: &[f64]) -> Option<f64> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_falls_in_one_bin_and_the_mark_is_inside() {
        let values = [0.0, 1.0, 2.0, 2.5, 9.0, 10.0];
        let b = bins(&values, 4.0, 5);
        assert_eq!(b.len(), 5);
        assert_eq!(b.iter().map(|x| x.count).sum::<u32>(), 6);
        assert_eq!(b[0].lo, 0.0);
        assert_eq!(b[4].hi, 10.0);
        // 0 and 1 in [0, 2); 2 and 2.5 in [2, 4); 9 and 10 (the top, kept) in the last.
        assert_eq!(
            b.iter().map(|x| x.count).collect::<Vec<_>>(),
            vec![2, 2, 0, 0, 2]
        );
        assert!(b.iter().any(|x| x.lo <= 4.0 && 4.0 <= x.hi));
        // A mark beyond the values widens the range to take it in.
        let b = bins(&values, 30.0, 3);
        assert_eq!(b[2].hi, 30.0);
        // Bins of ten: 0 to 9 in the first, 10 in the second.
        assert_eq!(b.iter().map(|x| x.count).collect::<Vec<_>>(), vec![5, 1, 0]);
    }

    #[test]
    fn one_value_or_none_makes_one_bin_and_odd_numbers_are_left_out() {
        let b = bins(&[5.0, 5.0, 5.0], 5.0, 8);
        assert_eq!(
            b,
            vec![Bin {
                lo: 4.5,
                hi: 5.5,
                count: 3
            }]
        );
        assert_eq!(bins(&[], 2.0, 8)[0].count, 0);
        let b = bins(&[1.0, f64::NAN, f64::INFINITY, 3.0], f64::NAN, 2);
        assert_eq!(b.iter().map(|x| x.count).sum::<u32>(), 2);
        assert_eq!(b.len(), 2);
        assert!(bins(&[1.0], 2.0, 0).len() == 1);
        assert_eq!(share_at_most(&[1.0, 2.0, 3.0, 4.0], 2.0), 0.5);
        assert_eq!(share_at_most(&[], 2.0), 0.0);
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 2.0, f64::NAN, 3.0]), Some(2.5));
        assert_eq!(median(&[]), None);
    }
}
