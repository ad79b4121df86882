//! The real map lines up: known places fall on the relief's pixels that
//! cover them under the map's projection, the image itself sits where its
//! bounds say (its lakes are where Natural Earth's lake outlines are, its
//! colours follow the ground), and the water file reads and fills.

use anxi::geo::{Projection, Relief, Water, triangulate};

/// (name, latitude, longitude).
const PLACES: [(&str, f64, f64); 7] = [
    ("Kashgar", 39.47, 75.99),
    ("Aksu", 41.17, 80.26),
    ("Kucha", 41.72, 82.96),
    ("Karasahr", 42.06, 86.57),
    ("Turfan", 42.95, 89.19),
    ("Khotan", 37.11, 79.93),
    ("Qinghai lake", 36.9, 100.1),
];
const QINGHAI: (f64, f64) = (36.9, 100.1);
const TAKLAMAKAN: (f64, f64) = (38.9, 83.5);

/// The projections the desktop map may use: centred on each scenario's
/// regions (roughly), and the default.
fn projections() -> Vec<Projection> {
    let mut v = vec![Projection::around(std::iter::empty())];
    for (lat0, lon0) in [(42.0, 86.0), (40.3, 79.5), (39.8, 86.6), (36.9, 100.2)] {
        v.push(Projection { lat0, lon0 });
    }
    v
}

struct Image {
    width: u32,
    height: u32,
    rgb: Vec<u8>,
}

impl Image {
    fn at(&self, col: i64, row: i64) -> [u8; 3] {
        let c = col.clamp(0, i64::from(self.width) - 1) as usize;
        let r = row.clamp(0, i64::from(self.height) - 1) as usize;
        let i = (r * self.width as usize + c) * 3;
        [self.rgb[i], self.rgb[i + 1], self.rgb[i + 2]]
    }

    fn lum(&self, col: i64, row: i64) -> f64 {
        let [r, g, b] = self.at(col, row);
        (f64::from(r) + f64::from(g) + f64::from(b)) / 3.0
    }

    /// How much the shading changes at a pixel: flat water has none.
    fn roughness(&self, col: i64, row: i64) -> f64 {
        (self.lum(col + 1, row) - self.lum(col - 1, row)).abs()
            + (self.lum(col, row + 1) - self.lum(col, row - 1)).abs()
    }
}

fn relief() -> (Relief, Image) {
    let relief = Relief::shipped().unwrap();
    let path = format!("{}/assets/{}", env!("CARGO_MANIFEST_DIR"), relief.image);
    let file = std::fs::File::open(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut decoder = png::Decoder::new(std::io::BufReader::new(file));
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!(info.color_type, png::ColorType::Rgb, "{path}");
    assert_eq!(info.bit_depth, png::BitDepth::Eight, "{path}");
    assert_eq!((info.width, info.height), (relief.width, relief.height));
    buf.truncate(info.buffer_size());
    let image = Image {
        width: info.width,
        height: info.height,
        rgb: buf,
    };
    (relief, image)
}

/// The pixel covering a latitude and longitude, from the bounds alone.
fn expected_pixel(r: &Relief, lat: f64, lon: f64) -> (i64, i64) {
    (
        ((lon - r.west) / (r.east - r.west) * f64::from(r.width)).floor() as i64,
        ((r.north - lat) / (r.north - r.south) * f64::from(r.height)).floor() as i64,
    )
}

/// The pixel the map draws at a latitude and longitude.
fn drawn_pixel(r: &Relief, p: &Projection, lat: f64, lon: f64) -> (i64, i64) {
    let (x, y) = p.project(lat, lon);
    let (c, row) = r
        .pixel_at(p, x, y)
        .unwrap_or_else(|| panic!("({lat}, {lon}) is off the relief"));
    (i64::from(c), i64::from(row))
}

#[test]
fn known_places_sit_on_the_pixels_that_cover_them() {
    let (relief, _) = relief();
    let (dlon, dlat) = relief.degrees_per_pixel();
    for p in projections() {
        for (name, lat, lon) in PLACES {
            let want = expected_pixel(&relief, lat, lon);
            let got = drawn_pixel(&relief, &p, lat, lon);
            assert!(
                (got.0 - want.0).abs() <= 1 && (got.1 - want.1).abs() <= 1,
                "{name} under {p:?}: drawn at pixel {got:?}, covered by {want:?}"
            );
            // And that pixel's centre is within a pixel of the place.
            let (clat, clon) = relief.pixel_centre(got.0 as u32, got.1 as u32);
            assert!(
                (clat - lat).abs() <= dlat && (clon - lon).abs() <= dlon,
                "{name}: pixel centre ({clat}, {clon})"
            );
        }
    }
}

#[test]
fn the_relief_rectangle_is_where_the_projection_puts_its_corners() {
    let (relief, _) = relief();
    for p in projections() {
        let rect = relief.map_rect(&p);
        let (w, h) = rect.size();
        assert!(w > 0.0 && h > 0.0);
        // A sprite of this size at this centre: its corners are the bounds.
        let (cx, cy) = rect.centre();
        let (lat, lon) = p.unproject(cx - w / 2.0, cy + h / 2.0);
        assert!((lat - relief.north).abs() < 1e-9 && (lon - relief.west).abs() < 1e-9);
        let (lat, lon) = p.unproject(cx + w / 2.0, cy - h / 2.0);
        assert!((lat - relief.south).abs() < 1e-9 && (lon - relief.east).abs() < 1e-9);
    }
}

/// Mean roughness of the pixels whose centres are on a lake, read `shift`
/// pixels away, and of the pixels around it (within `pad` pixels of its
/// bounding box) that are off it.
fn lake_roughness(
    relief: &Relief,
    image: &Image,
    lake: &anxi::geo::Lake,
    shift: (i64, i64),
) -> (f64, f64) {
    let pad = 8;
    let lats = lake.outline.iter().map(|p| p.0);
    let lons = lake.outline.iter().map(|p| p.1);
    let (n, s) = (
        lats.clone().fold(f64::MIN, f64::max),
        lats.fold(f64::MAX, f64::min),
    );
    let (w, e) = (
        lons.clone().fold(f64::MAX, f64::min),
        lons.fold(f64::MIN, f64::max),
    );
    let (c0, r0) = expected_pixel(relief, n, w);
    let (c1, r1) = expected_pixel(relief, s, e);
    let (mut on, mut off) = ((0.0, 0), (0.0, 0));
    for row in r0 - pad..=r1 + pad {
        for col in c0 - pad..=c1 + pad {
            let (lat, lon) = relief.pixel_centre(col as u32, row as u32);
            let g = image.roughness(col + shift.0, row + shift.1);
            let acc = if lake.contains(lat, lon) {
                &mut on
            } else {
                &mut off
            };
            acc.0 += g;
            acc.1 += 1;
        }
    }
    assert!(on.1 > 50, "{:?}: {} pixels", lake.name, on.1);
    (on.0 / f64::from(on.1), off.0 / f64::from(off.1))
}

#[test]
fn the_relief_is_flat_where_the_lakes_are() {
    // The shaded relief has no water colour: a lake is a flat patch among
    // shaded slopes. Natural Earth's lake outlines, from the other source,
    // must frame those patches.
    let (relief, image) = relief();
    let water = Water::shipped().unwrap();
    for name in ["Qinghai Lake", "Issyk-Kul"] {
        let lake = water.lake(name).unwrap();
        let (on, off) = lake_roughness(&relief, &image, lake, (0, 0));
        assert!(
            on * 3.0 < off,
            "{name}: roughness {on:.1} on the lake, {off:.1} around it"
        );
    }
    // Read half a degree off in any direction, Qinghai lake's outline falls
    // on slopes: the image is aligned to better than that.
    let lake = water.lake("Qinghai Lake").unwrap();
    let (here, _) = lake_roughness(&relief, &image, lake, (0, 0));
    let half = (0.5 / relief.degrees_per_pixel().0).round() as i64;
    for shift in [(half, 0), (-half, 0), (0, half), (0, -half)] {
        let (there, _) = lake_roughness(&relief, &image, lake, shift);
        assert!(
            there > 2.5 * here,
            "shifted {shift:?}: {there:.1}, in place {here:.1}"
        );
    }
    // Qinghai lake's centre is flat; the mountains north of Aksu are not.
    let mean_rough = |lat: f64, lon: f64| {
        let (c, r) = expected_pixel(&relief, lat, lon);
        let mut sum = 0.0;
        for dr in -3..=3 {
            for dc in -3..=3 {
                sum += image.roughness(c + dc, r + dr);
            }
        }
        sum / 49.0
    };
    let lake_centre = mean_rough(QINGHAI.0, QINGHAI.1);
    let tian_shan = mean_rough(42.0, 80.0);
    assert!(
        lake_centre < 3.0 && tian_shan > 30.0,
        "{lake_centre:.1} {tian_shan:.1}"
    );
}

#[test]
fn the_relief_colours_follow_the_ground() {
    // Natural Earth's relief is tinted by height: sand-coloured basins,
    // white high plateau, green lowland plains.
    let (relief, image) = relief();
    let px = |lat: f64, lon: f64| {
        let (c, r) = expected_pixel(&relief, lat, lon);
        image.at(c, r).map(i32::from)
    };
    let [r, g, b] = px(TAKLAMAKAN.0, TAKLAMAKAN.1);
    assert!(r > b + 20 && r >= g, "Taklamakan: {r} {g} {b}");
    let [r, g, b] = px(33.5, 86.0);
    assert!(
        r.min(g).min(b) >= 200 && r.max(g).max(b) - r.min(g).min(b) <= 12,
        "Tibetan plateau: {r} {g} {b}"
    );
    let [r, g, b] = px(28.2, 80.5);
    assert!(g > r + 15, "Ganges plain: {r} {g} {b}");
    // The Taklamakan is on no lake.
    let water = Water::shipped().unwrap();
    assert!(
        !water
            .lakes
            .iter()
            .any(|l| l.contains(TAKLAMAKAN.0, TAKLAMAKAN.1))
    );
}

#[test]
fn the_water_loads_and_qinghai_lake_holds_its_centre() {
    let water = Water::shipped().unwrap();
    let relief = Relief::shipped().unwrap();
    let qinghai = water.lake("Qinghai Lake").expect("Qinghai Lake");
    assert!(qinghai.contains(QINGHAI.0, QINGHAI.1));
    for (name, lat, lon) in [
        ("Issyk-Kul", 42.45, 77.3),
        ("Bosten Lake", 41.98, 87.0),
        ("Lop Nur", 40.5, 90.3),
    ] {
        let lake = water.lake(name).unwrap_or_else(|| panic!("{name}"));
        assert!(lake.contains(lat, lon), "{name}");
    }
    // Kashgar, Aksu, Kucha are on no lake.
    for (name, lat, lon) in &PLACES[..3] {
        assert!(
            !water.lakes.iter().any(|l| l.contains(*lat, *lon)),
            "{name}"
        );
    }
    // The Tarim runs past Kucha's south, within a degree.
    let tarim: Vec<_> = water.river("Tarim River").collect();
    assert!(!tarim.is_empty());
    assert!(tarim.iter().flat_map(|r| &r.points).any(|&(lat, lon)| {
        (lat - 41.72).abs() < 1.0 && (lon - 82.96).abs() < 0.3 && lat < 41.72
    }));
    // Everything kept touches the relief.
    for r in &water.rivers {
        assert!(r.points.iter().any(|&(a, b)| relief.covers(a, b)));
    }
    for l in &water.lakes {
        assert!(l.outline.iter().any(|&(a, b)| relief.covers(a, b)));
    }
}

fn shoelace(ring: &[(f64, f64)]) -> f64 {
    let n = ring.len();
    (0..n)
        .map(|k| {
            let (a, b) = (ring[k], ring[(k + 1) % n]);
            a.1 * b.0 - b.1 * a.0
        })
        .sum::<f64>()
        .abs()
        / 2.0
}

#[test]
fn every_lake_fills_with_triangles_that_cover_it() {
    let water = Water::shipped().unwrap();
    let p = Projection::around(std::iter::empty());
    for lake in &water.lakes {
        let v = lake.vertices();
        let tris = lake.triangles();
        assert_eq!(tris, triangulate(&lake.outline, &lake.holes));
        let want = shoelace(&lake.outline) - lake.holes.iter().map(|h| shoelace(h)).sum::<f64>();
        let got: f64 = tris
            .iter()
            .map(|t| shoelace(&[v[t[0]], v[t[1]], v[t[2]]]))
            .sum();
        assert!(
            (got - want).abs() <= 1e-9 * want.max(1.0),
            "{:?}: triangles {got}, polygon {want}",
            lake.name
        );
        assert!(tris.iter().all(|t| t.iter().all(|&i| i < v.len())));
        // Projected (as the desktop draws them), the same indices cover the
        // lake's area in square kilometres: the projection is affine.
        let m: Vec<_> = v
            .iter()
            .map(|&(lat, lon)| {
                let (x, y) = p.project(lat, lon);
                (y, x)
            })
            .collect();
        let km2: f64 = tris
            .iter()
            .map(|t| shoelace(&[m[t[0]], m[t[1]], m[t[2]]]))
            .sum();
        let holes_km2: f64 = {
            let mut start = lake.outline.len();
            lake.holes
                .iter()
                .map(|h| {
                    start += h.len();
                    shoelace(&m[start - h.len()..start])
                })
                .sum()
        };
        let want_km2 = shoelace(&m[..lake.outline.len()]) - holes_km2;
        assert!(
            (km2 - want_km2).abs() < 1e-6 * want_km2.max(1.0),
            "{:?}: {km2} km², want {want_km2}",
            lake.name
        );
        // Every triangle's centre is on the lake.
        for t in &tris {
            let c = (
                (v[t[0]].0 + v[t[1]].0 + v[t[2]].0) / 3.0,
                (v[t[0]].1 + v[t[1]].1 + v[t[2]].1) / 3.0,
            );
            assert!(lake.contains(c.0, c.1), "{:?}: {c:?}", lake.name);
        }
    }
}

#[test]
fn every_shipped_scenario_lies_on_the_relief_with_room_around() {
    // A degree around each region, so that the map around a campaign shows
    // ground and not the blank beyond the image's edge.
    let relief = Relief::shipped().unwrap();
    let rules = anxi::rules::params::Rules::shipped().unwrap();
    let mut seen = 0;
    for e in anxi::game::catalog::shipped(&rules) {
        let s = e.scenario.expect("shipped scenarios load");
        for r in &s.regions {
            for (dlat, dlon) in [(1.0, 1.0), (1.0, -1.0), (-1.0, 1.0), (-1.0, -1.0)] {
                assert!(
                    relief.covers(r.lat + dlat, r.lon + dlon),
                    "{}: {} at ({}, {}) is within a degree of the relief's edge",
                    s.id,
                    r.id,
                    r.lat,
                    r.lon
                );
            }
            seen += 1;
        }
    }
    assert!(seen > 50, "{seen}");
    // The Yellow River's great loop round the Ordos, where 630's campaign is
    // fought, is on the map.
    let water = Water::shipped().unwrap();
    assert!(water.river("Yellow River").any(|r| {
        r.points
            .iter()
            .any(|(lat, lon)| *lat > 40.0 && *lon > 109.0)
    }));
}
