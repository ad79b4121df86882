//! The land under the game: Natural Earth's shaded relief of the region
//! (assets/relief.png) with its rivers and lakes (assets/water.ron) on it,
//! built once as the game opens and gone with it. Without the relief the map
//! file's own deserts, ranges, lowlands, lakes and rivers are drawn instead.

use bevy::asset::RenderAssetUsages;
use bevy::mesh::{Indices, PrimitiveTopology};
use bevy::prelude::*;
use bevy::render::render_resource::{Extent3d, TextureDimension, TextureFormat};

use super::{MapView, projection_for, world};
use crate::desktop::screens::InGame;
use crate::desktop::session::Session;
use crate::geo::relief::SHIPPED_RELIEF_PNG;
use crate::geo::{FeatureKind, Geography, Relief, Shape, Water};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(InGame), build_land);
}

fn polygon_mesh(points: &[Vec2]) -> Mesh {
    // A fan from the centre: the shapes are drawn roughly star-shaped around it.
    let c = points.iter().copied().sum::<Vec2>() / points.len().max(1) as f32;
    let mut pos = vec![[c.x, c.y, 0.0]];
    pos.extend(points.iter().map(|p| [p.x, p.y, 0.0]));
    let n = points.len() as u32;
    let mut idx = Vec::new();
    for i in 0..n {
        idx.extend([0, 1 + i, 1 + (i + 1) % n]);
    }
    Mesh::new(
        PrimitiveTopology::TriangleList,
        RenderAssetUsages::default(),
    )
    .with_inserted_attribute(Mesh::ATTRIBUTE_POSITION, pos)
    .with_inserted_indices(Indices::U32(idx))
}

fn band_mesh(path: &[Vec2], width: f32) -> Mesh {
    let mut pos = Vec::new();
    let mut idx = Vec::new();
    for (i, w) in path.windows(2).enumerate() {
        let d = (w[1] - w[0]).normalize_or_zero();
        let n = Vec2::new(-d.y, d.x) * width / 2.0;
        let base = (i * 4) as u32;
        for p in [w[0] + n, w[0] - n, w[1] + n, w[1] - n] {
            pos.push([p.x, p.y, 0.0]);
        }
        idx.extend([base, base + 1, base + 2, base + 1, base + 3, base + 2]);
    }
    Mesh::new(
        PrimitiveTopology::TriangleList,
        RenderAssetUsages::default(),
    )
    .with_inserted_attribute(Mesh::ATTRIBUTE_POSITION, pos)
    .with_inserted_indices(Indices::U32(idx))
}

/// The colour and depth of a kind of land.
fn look(kind: FeatureKind) -> (Color, f32) {
    match kind {
        FeatureKind::Desert => (Color::srgb(0.90, 0.82, 0.62), -5.0),
        FeatureKind::Mountains => (Color::srgb(0.62, 0.56, 0.48), -4.0),
        FeatureKind::Lowland => (Color::srgb(0.84, 0.74, 0.55), -4.5),
        FeatureKind::Lake => (Color::srgb(0.45, 0.62, 0.78), -3.0),
        FeatureKind::River => (Color::srgb(0.45, 0.62, 0.78), -3.5),
    }
}

/// The shipped relief as an image for the GPU (RGBA, sRGB).
fn relief_image() -> Option<Image> {
    let decoder = png::Decoder::new(std::io::Cursor::new(SHIPPED_RELIEF_PNG));
    let mut reader = decoder.read_info().ok()?;
    let mut buf = vec![0; reader.output_buffer_size()?];
    let info = reader.next_frame(&mut buf).ok()?;
    let px = &buf[..info.buffer_size()];
    let rgba: Vec<u8> = match info.color_type {
        png::ColorType::Rgb => px
            .chunks_exact(3)
            .flat_map(|p| [p[0], p[1], p[2], 255])
            .collect(),
        png::ColorType::Rgba => px.to_vec(),
        _ => return None,
    };
    Some(Image::new(
        Extent3d {
            width: info.width,
            height: info.height,
            depth_or_array_layers: 1,
        },
        TextureDimension::D2,
        rgba,
        TextureFormat::Rgba8UnormSrgb,
        RenderAssetUsages::RENDER_WORLD,
    ))
}

/// Draws the land and sets the map's projection for the scenario.
fn build_land(
    mut commands: Commands,
    session: Res<Session>,
    mut view: ResMut<MapView>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<ColorMaterial>>,
    mut images: ResMut<Assets<Image>>,
    // Decoded once for the whole run: the relief and its image on the GPU.
    mut relief_cache: Local<Option<Option<(Relief, Handle<Image>)>>>,
) {
    let p = projection_for(session.game.scenario());
    view.projection = Some(p);
    view.menu = None;
    // The relief, stretched over the rectangle its edges project to (the projection is linear in each).
    let relief = relief_cache
        .get_or_insert_with(|| {
            let relief = Relief::shipped().ok()?;
            Some((relief, images.add(relief_image()?)))
        })
        .clone();
    if let Some((relief, image)) = &relief {
        let rect = relief.map_rect(&p);
        let (cx, cy) = rect.centre();
        let (w, h) = rect.size();
        commands.spawn((
            DespawnOnExit(InGame),
            Sprite {
                image: image.clone(),
                custom_size: Some(Vec2::new(w as f32, h as f32)),
                ..default()
            },
            Transform::from_xyz(cx as f32, cy as f32, -6.0),
        ));
    }
    // Over the relief, Natural Earth's rivers and lakes; the relief shows the land itself.
    if relief.is_some()
        && let Ok(water) = Water::shipped()
    {
        let (blue, _) = look(FeatureKind::Lake);
        let material = materials.add(blue);
        for lake in &water.lakes {
            let pos: Vec<[f32; 3]> = lake
                .vertices()
                .iter()
                .map(|(lat, lon)| world(&p, *lat, *lon).extend(0.0).to_array())
                .collect();
            let idx: Vec<u32> = lake
                .triangles()
                .iter()
                .flatten()
                .map(|i| *i as u32)
                .collect();
            let mesh = Mesh::new(
                PrimitiveTopology::TriangleList,
                RenderAssetUsages::default(),
            )
            .with_inserted_attribute(Mesh::ATTRIBUTE_POSITION, pos)
            .with_inserted_indices(Indices::U32(idx));
            commands.spawn((
                DespawnOnExit(InGame),
                Mesh2d(meshes.add(mesh)),
                MeshMaterial2d(material.clone()),
                Transform::from_xyz(0.0, 0.0, -3.0),
            ));
        }
        for river in &water.rivers {
            let pts: Vec<Vec2> = river
                .points
                .iter()
                .map(|(a, b)| world(&p, *a, *b))
                .collect();
            commands.spawn((
                DespawnOnExit(InGame),
                Mesh2d(meshes.add(band_mesh(&pts, 4.0))),
                MeshMaterial2d(material.clone()),
                Transform::from_xyz(0.0, 0.0, -3.5),
            ));
        }
        return;
    }
    let Ok(geo) = Geography::shipped() else {
        return;
    };
    for f in &geo.features {
        let (colour, z) = look(f.kind);
        let pts =
            |v: &Vec<(f64, f64)>| v.iter().map(|(a, b)| world(&p, *a, *b)).collect::<Vec<_>>();
        let mesh = match &f.shape {
            Shape::Area(v) => polygon_mesh(&pts(v)),
            Shape::Band { width_deg, path } => band_mesh(&pts(path), (*width_deg * 111.2) as f32),
            Shape::Line(v) => band_mesh(&pts(v), 6.0),
        };
        commands.spawn((
            DespawnOnExit(InGame),
            Mesh2d(meshes.add(mesh)),
            MeshMaterial2d(materials.add(colour)),
            Transform::from_xyz(0.0, 0.0, z),
        ));
    }
}
