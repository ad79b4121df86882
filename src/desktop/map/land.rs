//! The land under the game: the basin's deserts, ranges, lowlands, lakes
//! and rivers from the shipped map file, built once as the game opens and
//! gone with it.

use bevy::asset::RenderAssetUsages;
use bevy::mesh::{Indices, PrimitiveTopology};
use bevy::prelude::*;

use super::{MapView, projection_for, world};
use crate::desktop::screens::InGame;
use crate::desktop::session::Session;
use crate::geo::{FeatureKind, Geography, Shape};

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

/// Draws the land and sets the map's projection for the scenario.
fn build_land(
    mut commands: Commands,
    session: Res<Session>,
    mut view: ResMut<MapView>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<ColorMaterial>>,
) {
    let p = projection_for(session.game.scenario());
    view.projection = Some(p);
    view.menu = None;
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
