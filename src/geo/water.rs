//! Rivers and lakes from Natural Earth (1:50m), read from `assets/water.ron`
//! as `tools/make_map.py` writes it. Points are (latitude, longitude) in
//! degrees, as in `assets/map.ron` and [`super::Projection::project`].

use serde::{Deserialize, Serialize};

use crate::diagnostics::{Diagnostic, from_ron_error};

/// The shipped water file.
pub const SHIPPED_WATER: &str = include_str!("../../assets/water.ron");

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Water {
    pub rivers: Vec<River>,
    pub lakes: Vec<Lake>,
}

/// A river, or a stretch of one, as a polyline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct River {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub points: Vec<(f64, f64)>,
}

/// A lake: an outline (not closed: the last point joins the first; it may
/// be concave, and may run either way round) and any islands in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lake {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub outline: Vec<(f64, f64)>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub holes: Vec<Vec<(f64, f64)>>,
}

fn off_globe(points: &[(f64, f64)]) -> bool {
    points
        .iter()
        .any(|(lat, lon)| !(-90.0..=90.0).contains(lat) || !(-180.0..=180.0).contains(lon))
}

impl Water {
    /// Reads a water file, checking every point is a latitude and longitude
    /// and every line and ring has enough points.
    pub fn parse(file: &str, src: &str) -> Result<Water, Vec<Diagnostic>> {
        let w: Water = ron::Options::default()
            .from_str(src)
            .map_err(|e| vec![from_ron_error(file, src, &e)])?;
        let mut rep = crate::diagnostics::Reporter::new(file, src);
        for (i, r) in w.rivers.iter().enumerate() {
            let name = r.name.as_deref().unwrap_or("a river");
            let path = crate::path![f "rivers", i i, f "points"];
            if r.points.len() < 2 {
                rep.error(
                    &path,
                    format!("`{name}` has {} point(s)", r.points.len()),
                    "at least 2 points",
                );
            }
            if off_globe(&r.points) {
                rep.error(
                    &path,
                    format!("`{name}` has a point off the globe"),
                    "(latitude, longitude) in degrees",
                );
            }
        }
        for (i, l) in w.lakes.iter().enumerate() {
            let name = l.name.as_deref().unwrap_or("a lake");
            let rings = std::iter::once((crate::path![f "lakes", i i, f "outline"], &l.outline))
                .chain(
                    l.holes
                        .iter()
                        .enumerate()
                        .map(|(h, ring)| (crate::path![f "lakes", i i, f "holes", i h], ring)),
                );
            for (path, ring) in rings {
                if ring.len() < 3 {
                    rep.error(
                        &path,
                        format!("`{name}` has a ring of {} point(s)", ring.len()),
                        "at least 3 points",
                    );
                }
                if off_globe(ring) {
                    rep.error(
                        &path,
                        format!("`{name}` has a point off the globe"),
                        "(latitude, longitude) in degrees",
                    );
                }
            }
        }
        if rep.has_errors() {
            Err(rep.finish())
        } else {
            Ok(w)
        }
    }

    pub fn shipped() -> Result<Water, Vec<Diagnostic>> {
        Water::parse("assets/water.ron", SHIPPED_WATER)
    }

    pub fn lake(&self, name: &str) -> Option<&Lake> {
        self.lakes.iter().find(|l| l.name.as_deref() == Some(name))
    }

    /// Every stretch of a named river.
    pub fn river<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a River> + 'a {
        self.rivers
            .iter()
            .filter(move |r| r.name.as_deref() == Some(name))
    }
}

/// Even-odd test of a point against a ring of (lat, lon).
fn in_ring(lat: f64, lon: f64, ring: &[(f64, f64)]) -> bool {
    let mut inside = false;
    let n = ring.len();
    for k in 0..n {
        let (a_lat, a_lon) = ring[k];
        let (b_lat, b_lon) = ring[(k + 1) % n];
        if (a_lat > lat) != (b_lat > lat) {
            let t = (lat - a_lat) / (b_lat - a_lat);
            if lon < a_lon + t * (b_lon - a_lon) {
                inside = !inside;
            }
        }
    }
    inside
}

impl Lake {
    /// Whether a latitude and longitude is on the lake (inside the outline,
    /// not on an island).
    pub fn contains(&self, lat: f64, lon: f64) -> bool {
        in_ring(lat, lon, &self.outline) && !self.holes.iter().any(|h| in_ring(lat, lon, h))
    }

    /// All the lake's points: the outline, then each hole, in the order the
    /// indices of [`Lake::triangles`] count them.
    pub fn vertices(&self) -> Vec<(f64, f64)> {
        let mut v = self.outline.clone();
        for h in &self.holes {
            v.extend_from_slice(h);
        }
        v
    }

    /// The lake's surface as triangles of indices into [`Lake::vertices`].
    /// Triangulate after projecting if you like: the projection is affine,
    /// so the same indices serve in map units.
    pub fn triangles(&self) -> Vec<[usize; 3]> {
        super::triangulate::triangulate(&self.outline, &self.holes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_water_reads() {
        let w = Water::shipped().unwrap();
        for name in ["Qinghai Lake", "Issyk-Kul", "Bosten Lake", "Lop Nur"] {
            assert!(w.lake(name).is_some(), "{name}");
        }
        for name in ["Tarim River", "Yarkand River"] {
            assert!(w.river(name).next().is_some(), "{name}");
        }
    }

    #[test]
    fn a_short_river_and_an_off_globe_lake_are_located() {
        let src = "(rivers: [(name: Some(\"R\"), points: [(40.0, 80.0)])],\n lakes: [(outline: [(40.0, 80.0), (40.0, 181.0), (41.0, 80.0)])])";
        let err = Water::parse("w.ron", src).unwrap_err();
        assert_eq!(err.len(), 2, "{err:?}");
        assert!(err[0].message.contains("`R` has 1 point"), "{}", err[0]);
        assert_eq!(err[0].line, 1);
        assert!(err[1].message.contains("off the globe"), "{}", err[1]);
        assert_eq!(err[1].line, 2);
    }

    #[test]
    fn an_island_is_not_lake() {
        let lake = Lake {
            name: None,
            outline: vec![(0.0, 0.0), (0.0, 4.0), (4.0, 4.0), (4.0, 0.0)],
            holes: vec![vec![(1.0, 1.0), (1.0, 2.0), (2.0, 2.0), (2.0, 1.0)]],
        };
        assert!(lake.contains(3.0, 3.0));
        assert!(!lake.contains(1.5, 1.5));
        assert!(!lake.contains(5.0, 1.5));
    }
}
