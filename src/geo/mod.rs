//! The land behind the map: deserts, ranges, rivers and lakes read from
//! `assets/map.ron` (editable like a scenario), and the projection from
//! latitude and longitude to map coordinates. No screen here: the desktop
//! game draws these, tests check them.
//!
//! The real geography, converted offline by `tools/make_map.py`: the shaded
//! relief image and its bounds ([`relief`]), Natural Earth's rivers and
//! lakes ([`water`]), and triangles to fill the lakes ([`triangulate`]).

pub mod relief;
pub mod triangulate;
pub mod water;

pub use relief::{MapRect, Relief};
pub use triangulate::triangulate;
pub use water::{Lake, River, Water};

use serde::{Deserialize, Serialize};

use crate::diagnostics::{Diagnostic, from_ron_error};

/// The shipped map file.
pub const SHIPPED_MAP: &str = include_str!("../../assets/map.ron");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FeatureKind {
    Desert,
    Mountains,
    River,
    Lake,
    Lowland,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Shape {
    /// A filled polygon.
    Area(Vec<(f64, f64)>),
    /// A line, such as a river.
    Line(Vec<(f64, f64)>),
    /// A wide line, such as a mountain range.
    Band {
        width_deg: f64,
        path: Vec<(f64, f64)>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Feature {
    pub name: String,
    pub kind: FeatureKind,
    pub shape: Shape,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Geography {
    pub features: Vec<Feature>,
}

impl Geography {
    /// Reads a map file, checking every point is a latitude and longitude.
    pub fn parse(file: &str, src: &str) -> Result<Geography, Vec<Diagnostic>> {
        let g: Geography = ron::Options::default()
            .from_str(src)
            .map_err(|e| vec![from_ron_error(file, src, &e)])?;
        let mut rep = crate::diagnostics::Reporter::new(file, src);
        for (i, f) in g.features.iter().enumerate() {
            let points = match &f.shape {
                Shape::Area(p) | Shape::Line(p) => p,
                Shape::Band { path, .. } => path,
            };
            let min = if matches!(f.shape, Shape::Area(_)) {
                3
            } else {
                2
            };
            if points.len() < min {
                rep.error(
                    &crate::path![f "features", i i, f "shape"],
                    format!("`{}` has {} point(s)", f.name, points.len()),
                    format!("at least {min} points"),
                );
            }
            if points
                .iter()
                .any(|(lat, lon)| !(-90.0..=90.0).contains(lat) || !(-180.0..=180.0).contains(lon))
            {
                rep.error(
                    &crate::path![f "features", i i, f "shape"],
                    format!("`{}` has a point off the globe", f.name),
                    "(latitude, longitude) in degrees",
                );
            }
        }
        if rep.has_errors() {
            Err(rep.finish())
        } else {
            Ok(g)
        }
    }

    pub fn shipped() -> Result<Geography, Vec<Diagnostic>> {
        Geography::parse("assets/map.ron", SHIPPED_MAP)
    }
}

/// An equirectangular projection centred on a latitude, in map units of one
/// kilometre, x east and y north.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Projection {
    pub lat0: f64,
    pub lon0: f64,
}

const KM_PER_DEG: f64 = 111.2;

impl Projection {
    /// Centred on the middle of a set of points.
    pub fn around(points: impl IntoIterator<Item = (f64, f64)>) -> Projection {
        let (mut n, mut lat, mut lon) = (0.0, 0.0, 0.0);
        for (a, b) in points {
            n += 1.0;
            lat += a;
            lon += b;
        }
        if n == 0.0 {
            Projection {
                lat0: 40.0,
                lon0: 84.0,
            }
        } else {
            Projection {
                lat0: lat / n,
                lon0: lon / n,
            }
        }
    }

    pub fn project(&self, lat: f64, lon: f64) -> (f64, f64) {
        (
            (lon - self.lon0) * KM_PER_DEG * self.lat0.to_radians().cos(),
            (lat - self.lat0) * KM_PER_DEG,
        )
    }

    pub fn unproject(&self, x: f64, y: f64) -> (f64, f64) {
        (
            y / KM_PER_DEG + self.lat0,
            x / (KM_PER_DEG * self.lat0.to_radians().cos()) + self.lon0,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_map_reads() {
        let g = Geography::shipped().unwrap();
        for name in [
            "Taklamakan Desert",
            "Tian Shan",
            "Kunlun Shan",
            "Tarim River",
            "Kaidu River",
            "Bosten Lake",
            "Qinghai Lake",
        ] {
            assert!(g.features.iter().any(|f| f.name == name), "{name}");
        }
    }

    #[test]
    fn a_bad_point_is_reported() {
        let err = Geography::parse("m.ron", "(features: [(name: \"X\", kind: Lake, shape: Area([(1.0, 2.0), (95.0, 2.0), (1.0, 3.0)]))])").unwrap_err();
        assert!(err[0].message.contains("off the globe"), "{}", err[0]);
    }

    #[test]
    fn projection_round_trips_and_keeps_distances_near_the_centre() {
        let p = Projection {
            lat0: 42.0,
            lon0: 86.0,
        };
        let (x, y) = p.project(42.85, 89.53);
        let (lat, lon) = p.unproject(x, y);
        assert!((lat - 42.85).abs() < 1e-9 && (lon - 89.53).abs() < 1e-9);
        // Karasahr to Turfan: about 260 km.
        let (x2, y2) = p.project(42.06, 86.57);
        let d = ((x - x2).powi(2) + (y - y2).powi(2)).sqrt();
        assert!((240.0..280.0).contains(&d), "{d}");
    }
}
