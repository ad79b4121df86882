//! The shaded relief under the map: `assets/relief.png`, an equirectangular
//! crop of Natural Earth's shaded relief written by `tools/make_map.py`, and
//! `assets/relief.ron`, the latitudes and longitudes of its edges.
//!
//! The map's [`Projection`] is equirectangular too (x grows with longitude,
//! y with latitude, each by a constant factor), so the image lines up with
//! every region and shape when it is stretched over [`Relief::map_rect`]:
//! a sprite of that size at that centre, nothing warped.

use serde::{Deserialize, Serialize};

use super::Projection;
use crate::diagnostics::{Diagnostic, from_ron_error};

/// The shipped bounds file.
pub const SHIPPED_RELIEF: &str = include_str!("../../assets/relief.ron");
/// The shipped image (PNG, 8-bit RGB), for a program that cannot read
/// `assets/` at run time.
pub const SHIPPED_RELIEF_PNG: &[u8] = include_bytes!("../../assets/relief.png");

/// Where the relief image lies on the globe.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relief {
    /// The image's file name under `assets/`.
    pub image: String,
    /// Longitude of the image's left edge (of column 0's left side), degrees east.
    pub west: f64,
    /// Longitude of the image's right edge.
    pub east: f64,
    /// Latitude of the image's bottom edge, degrees north.
    pub south: f64,
    /// Latitude of the image's top edge (of row 0's top side).
    pub north: f64,
    /// Size in pixels.
    pub width: u32,
    pub height: u32,
}

/// A rectangle in map units (kilometres, x east, y north).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MapRect {
    /// The south-west corner.
    pub min: (f64, f64),
    /// The north-east corner.
    pub max: (f64, f64),
}

impl MapRect {
    pub fn centre(&self) -> (f64, f64) {
        (
            (self.min.0 + self.max.0) / 2.0,
            (self.min.1 + self.max.1) / 2.0,
        )
    }

    pub fn size(&self) -> (f64, f64) {
        (self.max.0 - self.min.0, self.max.1 - self.min.1)
    }
}

impl Relief {
    /// Reads a bounds file, checking the edges are on the globe and in order.
    pub fn parse(file: &str, src: &str) -> Result<Relief, Vec<Diagnostic>> {
        let r: Relief = ron::Options::default()
            .from_str(src)
            .map_err(|e| vec![from_ron_error(file, src, &e)])?;
        let mut rep = crate::diagnostics::Reporter::new(file, src);
        for (field, v, range) in [
            ("west", r.west, -180.0..=180.0),
            ("east", r.east, -180.0..=180.0),
            ("south", r.south, -90.0..=90.0),
            ("north", r.north, -90.0..=90.0),
        ] {
            if !range.contains(&v) {
                rep.error(
                    &crate::path![f field],
                    format!("`{field}` is {v}, off the globe"),
                    format!("degrees in {}..={}", range.start(), range.end()),
                );
            }
        }
        if r.west >= r.east {
            rep.error(
                &crate::path![f "east"],
                format!("`east` ({}) is not east of `west` ({})", r.east, r.west),
                "east > west",
            );
        }
        if r.south >= r.north {
            rep.error(
                &crate::path![f "north"],
                format!(
                    "`north` ({}) is not north of `south` ({})",
                    r.north, r.south
                ),
                "north > south",
            );
        }
        for (field, v) in [("width", r.width), ("height", r.height)] {
            if v == 0 {
                rep.error(&crate::path![f field], format!("`{field}` is 0"), "pixels");
            }
        }
        if rep.has_errors() {
            Err(rep.finish())
        } else {
            Ok(r)
        }
    }

    pub fn shipped() -> Result<Relief, Vec<Diagnostic>> {
        Relief::parse("assets/relief.ron", SHIPPED_RELIEF)
    }

    /// Degrees of longitude and of latitude per pixel.
    pub fn degrees_per_pixel(&self) -> (f64, f64) {
        (
            (self.east - self.west) / f64::from(self.width),
            (self.north - self.south) / f64::from(self.height),
        )
    }

    /// Where the image goes on the map: stretch it over this rectangle.
    pub fn map_rect(&self, p: &Projection) -> MapRect {
        MapRect {
            min: p.project(self.south, self.west),
            max: p.project(self.north, self.east),
        }
    }

    /// The texture coordinates (u right, v down, 0..1 across the image) of
    /// a map point, when the image is drawn over [`Relief::map_rect`].
    pub fn uv_at(&self, p: &Projection, x: f64, y: f64) -> (f64, f64) {
        let r = self.map_rect(p);
        (
            (x - r.min.0) / (r.max.0 - r.min.0),
            (r.max.1 - y) / (r.max.1 - r.min.1),
        )
    }

    /// The pixel (column, row) drawn at a map point when the image is
    /// stretched over [`Relief::map_rect`]; `None` off the image.
    pub fn pixel_at(&self, p: &Projection, x: f64, y: f64) -> Option<(u32, u32)> {
        let (u, v) = self.uv_at(p, x, y);
        if !(0.0..1.0).contains(&u) || !(0.0..1.0).contains(&v) {
            return None;
        }
        Some((
            ((u * f64::from(self.width)) as u32).min(self.width - 1),
            ((v * f64::from(self.height)) as u32).min(self.height - 1),
        ))
    }

    /// The latitude and longitude of a pixel's centre.
    pub fn pixel_centre(&self, col: u32, row: u32) -> (f64, f64) {
        let (dlon, dlat) = self.degrees_per_pixel();
        (
            self.north - (f64::from(row) + 0.5) * dlat,
            self.west + (f64::from(col) + 0.5) * dlon,
        )
    }

    /// Whether a latitude and longitude is on the image.
    pub fn covers(&self, lat: f64, lon: f64) -> bool {
        (self.south..=self.north).contains(&lat) && (self.west..=self.east).contains(&lon)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_bounds_read_and_cover_the_basin() {
        let r = Relief::shipped().unwrap();
        assert_eq!(r.image, "relief.png");
        for (lat, lon) in [
            (39.47, 75.99),
            (42.95, 89.19),
            (36.9, 100.1),
            (29.65, 91.13),
        ] {
            assert!(r.covers(lat, lon), "{lat} {lon}");
        }
        // The PNG's own header says the size the bounds file gives.
        let png = SHIPPED_RELIEF_PNG;
        assert_eq!(&png[1..4], b"PNG");
        let w = u32::from_be_bytes(png[16..20].try_into().unwrap());
        let h = u32::from_be_bytes(png[20..24].try_into().unwrap());
        assert_eq!((w, h), (r.width, r.height));
        // Square pixels in degrees, as in the whole-world source.
        let (dlon, dlat) = r.degrees_per_pixel();
        assert!((dlon - dlat).abs() < 1e-9, "{dlon} {dlat}");
    }

    #[test]
    fn bad_bounds_are_located() {
        let src = "(image: \"r.png\", west: 100.0, east: 66.0, south: 28.0, north: 95.0, width: 10, height: 0)";
        let err = Relief::parse("r.ron", src).unwrap_err();
        let messages: Vec<_> = err.iter().map(|d| d.message.clone()).collect();
        assert!(
            messages.iter().any(|m| m.contains("not east")),
            "{messages:?}"
        );
        assert!(
            messages.iter().any(|m| m.contains("`north` is 95")),
            "{messages:?}"
        );
        assert!(
            messages.iter().any(|m| m.contains("`height` is 0")),
            "{messages:?}"
        );
        let north = err
            .iter()
            .find(|d| d.message.contains("`north` is"))
            .unwrap();
        assert_eq!(&src[north.span.0..north.span.0 + 4], "95.0");
    }

    #[test]
    fn pixel_centres_map_back_to_their_pixels() {
        let r = Relief::shipped().unwrap();
        let p = Projection {
            lat0: 40.0,
            lon0: 84.0,
        };
        for (col, row) in [(0, 0), (r.width - 1, r.height - 1), (517, 203)] {
            let (lat, lon) = r.pixel_centre(col, row);
            let (x, y) = p.project(lat, lon);
            assert_eq!(r.pixel_at(&p, x, y), Some((col, row)));
        }
        let (x, y) = p.project(r.north + 0.1, 84.0);
        assert_eq!(r.pixel_at(&p, x, y), None);
    }
}
