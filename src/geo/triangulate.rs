//! Triangles for filling concave polygons (the lakes of `assets/water.ron`),
//! by the `earcutr` crate (a port of Mapbox's earcut).

/// Triangulates a polygon given as an outline and holes, each a ring of
/// (latitude, longitude) points (or any (y, x) pairs: only their plane
/// geometry counts), not closed, either way round.
///
/// Returns triangles as indices into the points of `outline` followed by
/// those of each hole in turn (as [`super::Lake::vertices`] lists them).
/// The triangles cover the polygon less its holes, without overlap. A ring
/// with fewer than three points, or a polygon earcut cannot read, gives nothing.
pub fn triangulate(outline: &[(f64, f64)], holes: &[Vec<(f64, f64)>]) -> Vec<[usize; 3]> {
    if outline.len() < 3 {
        return Vec::new();
    }
    let mut flat = Vec::new();
    let mut hole_starts = Vec::new();
    for (k, ring) in std::iter::once(outline)
        .chain(holes.iter().map(Vec::as_slice))
        .enumerate()
    {
        if k > 0 {
            hole_starts.push(flat.len() / 2);
        }
        flat.extend(ring.iter().flat_map(|&(a, b)| [b, a]));
    }
    let at = |i: usize| (flat[2 * i], flat[2 * i + 1]);
    earcutr::earcut(&flat, &hole_starts, 2)
        .unwrap_or_default()
        .chunks_exact(3)
        .map(|t| [t[0], t[1], t[2]])
        // Earcut can leave slivers of no area along straight runs of the outline; they fill nothing.
        .filter(|t| {
            let (a, b, c) = (at(t[0]), at(t[1]), at(t[2]));
            ((b.0 - a.0) * (c.1 - a.1) - (c.0 - a.0) * (b.1 - a.1)).abs() > 1e-12
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn area(p: &[(f64, f64)], t: &[usize; 3]) -> f64 {
        let (a, b, c) = (p[t[0]], p[t[1]], p[t[2]]);
        ((b.1 - a.1) * (c.0 - a.0) - (c.1 - a.1) * (b.0 - a.0)).abs() / 2.0
    }

    fn cross(a: (f64, f64), b: (f64, f64), p: (f64, f64)) -> f64 {
        (b.0 - a.0) * (p.1 - a.1) - (b.1 - a.1) * (p.0 - a.0)
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
