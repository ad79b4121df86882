//! Triangles for filling concave polygons (the lakes of `assets/water.ron`).
//!
//! [`triangulate`] is the one entry point. Its body is a small ear-clipping
//! (O(n²), a few hundred points per lake) with holes joined to the outline
//! by bridges. To use the maintained `earcutr` crate instead, add
//! `earcutr = "0.5"` under `[dependencies]` in Cargo.toml and replace the
//! body with:
//!
//! ```ignore
//! let mut flat = Vec::new();
//! let mut hole_starts = Vec::new();
//! for (k, ring) in std::iter::once(outline).chain(holes.iter().map(Vec::as_slice)).enumerate() {
//!     if k > 0 {
//!         hole_starts.push(flat.len() / 2);
//!     }
//!     flat.extend(ring.iter().flat_map(|&(a, b)| [b, a]));
//! }
//! earcutr::earcut(&flat, &hole_starts, 2)
//!     .unwrap_or_default()
//!     .chunks_exact(3)
//!     .map(|t| [t[0], t[1], t[2]])
//!     .collect()
//! ```
//!
//! The tests in this file and in tests/geo.rs hold for either body.

/// Triangulates a polygon given as an outline and holes, each a ring of
/// (latitude, longitude) points (or any (y, x) pairs: only their plane
/// geometry counts), not closed, either way round.
///
/// Returns triangles as indices into the points of `outline` followed by
/// those of each hole in turn (as [`super::Lake::vertices`] lists them).
/// The triangles cover the polygon less its holes, without overlap. A ring
/// with fewer than three points gives nothing.
pub fn triangulate(outline: &[(f64, f64)], holes: &[Vec<(f64, f64)>]) -> Vec<[usize; 3]> {
    if outline.len() < 3 {
        return Vec::new();
    }
    // All points as (x, y).
    let pts: Vec<(f64, f64)> = std::iter::once(outline)
        .chain(holes.iter().map(Vec::as_slice))
        .flat_map(|r| r.iter().map(|&(a, b)| (b, a)))
        .collect();
    let mut ring: Vec<usize> = (0..outline.len()).collect();
    if signed_area(&pts, &ring) < 0.0 {
        ring.reverse();
    }
    // Holes clockwise, joined from their eastmost point, eastmost first.
    let mut start = outline.len();
    let mut hole_rings: Vec<Vec<usize>> = Vec::new();
    for h in holes {
        let mut r: Vec<usize> = (start..start + h.len()).collect();
        start += h.len();
        if r.len() < 3 {
            continue;
        }
        if signed_area(&pts, &r) > 0.0 {
            r.reverse();
        }
        hole_rings.push(r);
    }
    let east = |r: &Vec<usize>| {
        r.iter()
            .map(|&i| pts[i].0)
            .fold(f64::NEG_INFINITY, f64::max)
    };
    hole_rings.sort_by(|a, b| east(b).total_cmp(&east(a)));
    for k in 0..hole_rings.len() {
        let others: Vec<&[usize]> = hole_rings[k + 1..].iter().map(Vec::as_slice).collect();
        ring = bridge(&pts, ring, &hole_rings[k], &others);
    }
    clip_ears(&pts, ring)
}

fn signed_area(pts: &[(f64, f64)], ring: &[usize]) -> f64 {
    let n = ring.len();
    (0..n)
        .map(|k| {
            let (a, b) = (pts[ring[k]], pts[ring[(k + 1) % n]]);
            a.0 * b.1 - b.0 * a.1
        })
        .sum::<f64>()
        / 2.0
}

fn cross(o: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    (a.0 - o.0) * (b.1 - o.1) - (a.1 - o.1) * (b.0 - o.0)
}

/// Whether segments ab and cd cross at a point inside both.
fn crosses(a: (f64, f64), b: (f64, f64), c: (f64, f64), d: (f64, f64)) -> bool {
    let (d1, d2) = (cross(a, b, c), cross(a, b, d));
    let (d3, d4) = (cross(c, d, a), cross(c, d, b));
    d1 * d2 < 0.0 && d3 * d4 < 0.0
}

/// Joins a hole into the outline by a two-way cut from the hole's eastmost
/// point to the nearest outline point it can see.
fn bridge(pts: &[(f64, f64)], ring: Vec<usize>, hole: &[usize], others: &[&[usize]]) -> Vec<usize> {
    let (mi, &m) = hole
        .iter()
        .enumerate()
        .max_by(|a, b| pts[*a.1].0.total_cmp(&pts[*b.1].0))
        .expect("a hole has points");
    let mp = pts[m];
    let edges = |r: &[usize]| -> Vec<(usize, usize)> {
        (0..r.len()).map(|k| (r[k], r[(k + 1) % r.len()])).collect()
    };
    let mut all_edges = edges(&ring);
    all_edges.extend(edges(hole));
    for o in others {
        all_edges.extend(edges(o));
    }
    let mut best: Option<(f64, usize)> = None;
    for (k, &p) in ring.iter().enumerate() {
        let pp = pts[p];
        let d = (pp.0 - mp.0).powi(2) + (pp.1 - mp.1).powi(2);
        if best.is_some_and(|(bd, _)| bd <= d) {
            continue;
        }
        let blocked = all_edges
            .iter()
            .any(|&(a, b)| a != p && b != p && a != m && b != m && crosses(mp, pp, pts[a], pts[b]));
        // The cut must leave p into the polygon's inside.
        let n = ring.len();
        let (prev, next) = (pts[ring[(k + n - 1) % n]], pts[ring[(k + 1) % n]]);
        let inside = if cross(prev, pp, next) >= 0.0 {
            cross(pp, next, mp) >= 0.0 && cross(prev, pp, mp) >= 0.0
        } else {
            cross(pp, next, mp) >= 0.0 || cross(prev, pp, mp) >= 0.0
        };
        if !blocked && inside {
            best = Some((d, k));
        }
    }
    let Some((_, k)) = best else {
        return ring;
    };
    let mut out = Vec::with_capacity(ring.len() + hole.len() + 2);
    out.extend_from_slice(&ring[..=k]);
    for j in 0..=hole.len() {
        out.push(hole[(mi + j) % hole.len()]);
    }
    out.push(ring[k]);
    out.extend_from_slice(&ring[k + 1..]);
    out
}

/// Ear clipping of a counter-clockwise ring (which may touch itself along
/// bridges).
fn clip_ears(pts: &[(f64, f64)], mut ring: Vec<usize>) -> Vec<[usize; 3]> {
    let mut out = Vec::with_capacity(ring.len().saturating_sub(2));
    let scale = ring
        .iter()
        .map(|&i| pts[i].0.abs().max(pts[i].1.abs()))
        .fold(1.0, f64::max);
    let eps = 1e-12 * scale * scale;
    let mut k = 0;
    let mut stalled = 0;
    while ring.len() > 3 {
        let n = ring.len();
        let (ia, ib, ic) = (ring[(k + n - 1) % n], ring[k % n], ring[(k + 1) % n]);
        let (a, b, c) = (pts[ia], pts[ib], pts[ic]);
        let turn = cross(a, b, c);
        let same = |p: (f64, f64)| p == a || p == b || p == c;
        let is_ear = turn > eps
            && !ring.iter().any(|&j| {
                let p = pts[j];
                !same(p) && cross(a, b, p) >= 0.0 && cross(b, c, p) >= 0.0 && cross(c, a, p) >= 0.0
            });
        if is_ear || (turn.abs() <= eps && stalled > n) || stalled > 2 * n {
            // An ear; or, when nothing is left to clip cleanly, a flat or
            // bad corner dropped so the loop ends.
            if turn > eps {
                out.push([ia, ib, ic]);
            }
            ring.remove(k % n);
            stalled = 0;
            k %= ring.len();
            k = (k + ring.len() - 1) % ring.len();
        } else {
            k = (k + 1) % n;
            stalled += 1;
        }
    }
    if ring.len() == 3 && cross(pts[ring[0]], pts[ring[1]], pts[ring[2]]) > eps {
        out.push([ring[0], ring[1], ring[2]]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn area(p: &[(f64, f64)], t: &[usize; 3]) -> f64 {
        let (a, b, c) = (p[t[0]], p[t[1]], p[t[2]]);
        ((b.1 - a.1) * (c.0 - a.0) - (c.1 - a.1) * (b.0 - a.0)).abs() / 2.0
    }

    #[test]
    fn a_concave_polygon_is_covered_exactly() {
        // An L, clockwise.
        let l = [
            (0.0, 0.0),
            (2.0, 0.0),
            (2.0, 1.0),
            (1.0, 1.0),
            (1.0, 3.0),
            (0.0, 3.0),
        ];
        let t = triangulate(&l, &[]);
        assert_eq!(t.len(), 4);
        let sum: f64 = t.iter().map(|t| area(&l, t)).sum();
        assert!((sum - 4.0).abs() < 1e-12, "{sum}");
    }

    #[test]
    fn a_hole_is_left_out() {
        let outer = [(0.0, 0.0), (0.0, 4.0), (4.0, 4.0), (4.0, 0.0)];
        let hole = vec![(1.0, 1.0), (1.0, 2.0), (2.0, 2.0), (2.0, 1.0)];
        let mut all = outer.to_vec();
        all.extend_from_slice(&hole);
        let t = triangulate(&outer, &[hole]);
        let sum: f64 = t.iter().map(|t| area(&all, t)).sum();
        assert!((sum - 15.0).abs() < 1e-12, "{sum}");
        // No triangle covers the hole's middle.
        for tr in &t {
            let (a, b, c) = (all[tr[0]], all[tr[1]], all[tr[2]]);
            let p = (1.5, 1.5);
            let s = [cross(a, b, p), cross(b, c, p), cross(c, a, p)];
            assert!(!(s.iter().all(|v| *v > 0.0) || s.iter().all(|v| *v < 0.0)));
        }
    }

    #[test]
    fn too_few_points_give_nothing() {
        assert!(triangulate(&[(0.0, 0.0), (1.0, 1.0)], &[]).is_empty());
    }
}
