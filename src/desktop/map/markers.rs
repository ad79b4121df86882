//! Region markers, drawn where the layout puts them, and the meshes and
//! materials they and the counters share.
//!
//! Each mirrored region gets its disc (and wall), the shape of the side
//! holding it (circle, triangle, diamond, square: told apart without
//! colour), its name on a pale plate, and the march days of the selected
//! army, once, as it appears; after that only what changed is touched.
//! Meshes are unit shapes scaled to the layout's sizes; words are set at the
//! layout's font size, so they stay sharp at any interface scale.

use bevy::prelude::*;

use super::camera::{ScreenSized, screen_scale};
use super::layout::{DAYS_FONT, LABEL_FONT, LaidOut, MapLayout, text_width};
use crate::core::kinds::Walls;
use crate::desktop::mirror::MirroredRegion;
use crate::desktop::screens::InGame;
use crate::desktop::session::Session;
use crate::scenario::model::{FactionId, SideId};

/// Depth of the pale plate under a name or march days, above the region's
/// disc (0.1) and its side's shape (0.2).
const PLATE_DEPTH: f32 = 0.25;
/// Depth of a name or march days, above their plate.
const NAME_DEPTH: f32 = 0.3;

/// The meshes and materials every marker of the game shares.
#[derive(Resource)]
pub(super) struct MarkerAssets {
    pub(super) square: Handle<Mesh>,
    pub(super) circle: Handle<Mesh>,
    /// The sides' shapes, by side: circle, triangle, diamond, square, then again.
    pub(super) shapes: [Handle<Mesh>; 4],
    pub(super) wall_colour: Handle<ColorMaterial>,
    pub(super) highlight: Handle<ColorMaterial>,
    pub(super) border: Handle<ColorMaterial>,
    pub(super) card: Handle<ColorMaterial>,
    pub(super) glyph: Handle<ColorMaterial>,
    pub(super) plate: Handle<ColorMaterial>,
    pub(super) neutral: Handle<ColorMaterial>,
    /// By faction.
    pub(super) factions: Vec<Handle<ColorMaterial>>,
    /// By faction: its colour is light, and words and shapes on it are dark.
    pub(super) light: Vec<bool>,
    /// For words and shapes on a light colour.
    pub(super) ink: Handle<ColorMaterial>,
}

impl MarkerAssets {
    pub(super) fn colour(&self, f: Option<FactionId>) -> Handle<ColorMaterial> {
        f.and_then(|f| self.factions.get(f.index()))
            .unwrap_or(&self.neutral)
            .clone()
    }

    pub(super) fn shape(&self, side: SideId) -> Handle<Mesh> {
        self.shapes[side.index() % 4].clone()
    }
}

/// The parts of a region's marker.
#[derive(Component)]
struct RegionParts {
    wall: Option<Entity>,
    disc: Entity,
    glyph: Entity,
    /// A pale plate under the name, so it reads on the relief and over a road.
    plate: Entity,
    name: Entity,
    days_plate: Entity,
    days: Entity,
}

pub(super) fn plugin(app: &mut App) {
    // The map's words in Hack: Bevy's default font is a subset of Fira Mono
    // without accented letters, and the gazetteer's names have them.
    if let Some(mut fonts) = app.world_mut().get_resource_mut::<Assets<Font>>() {
        let hack = Font::from_bytes(epaint_default_fonts::HACK_REGULAR.to_vec());
        let _ = fonts.insert(bevy::asset::AssetId::default(), hack);
    }
    app.add_systems(OnEnter(InGame), make_assets).add_systems(
        PostUpdate,
        (dress_regions, (place_regions, colour_regions, march_days))
            .chain()
            .after(LaidOut)
            .run_if(in_state(InGame).and_then(resource_exists::<MarkerAssets>)),
    );
}

fn make_assets(
    mut commands: Commands,
    session: Res<Session>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<ColorMaterial>>,
) {
    let factions = session
        .game
        .scenario()
        .factions
        .iter()
        .map(|f| {
            let [r, g, b] = f.colour;
            materials.add(Color::srgb_u8(r, g, b))
        })
        .collect();
    let light = session
        .game
        .scenario()
        .factions
        .iter()
        .map(|f| {
            let [r, g, b] = f.colour.map(|c| f32::from(c) / 255.0);
            0.2126 * r + 0.7152 * g + 0.0722 * b > 0.55
        })
        .collect();
    let triangle = Triangle2d::new(
        Vec2::new(0.0, 0.55),
        Vec2::new(-0.55, -0.45),
        Vec2::new(0.55, -0.45),
    );
    commands.insert_resource(MarkerAssets {
        square: meshes.add(Rectangle::new(1.0, 1.0)),
        circle: meshes.add(Circle::new(1.0)),
        shapes: [
            meshes.add(Circle::new(0.5)),
            meshes.add(triangle),
            meshes.add(Rhombus::new(1.1, 1.1)),
            meshes.add(Rectangle::new(0.85, 0.85)),
        ],
        wall_colour: materials.add(Color::srgb(0.15, 0.12, 0.1)),
        highlight: materials.add(Color::srgb(1.0, 0.85, 0.0)),
        border: materials.add(Color::srgb(0.97, 0.95, 0.88)),
        card: materials.add(Color::srgb(0.25, 0.22, 0.2)),
        glyph: materials.add(Color::WHITE),
        ink: materials.add(Color::srgb(0.08, 0.07, 0.06)),
        plate: materials.add(Color::srgba(0.96, 0.93, 0.85, 0.6)),
        neutral: materials.add(Color::srgb(0.55, 0.55, 0.55)),
        factions,
        light,
    });
}

pub(super) fn font(px: f32) -> TextFont {
    TextFont {
        font_size: FontSize::Px(px),
        ..default()
    }
}

/// Gives each new region its wall, disc, side's shape, name and march-days label.
fn dress_regions(
    mut commands: Commands,
    session: Res<Session>,
    assets: Res<MarkerAssets>,
    new: Query<(Entity, &MirroredRegion), Added<MirroredRegion>>,
) {
    let s = session.game.scenario();
    for (e, m) in &new {
        let walled = s.regions[m.id.index()].walls != Walls::None;
        let mut entity = commands.entity(e);
        entity.insert((ScreenSized, Transform::default(), Visibility::default()));
        let mut wall = None;
        let [
            mut disc,
            mut glyph,
            mut plate,
            mut name,
            mut days_plate,
            mut days,
        ] = [Entity::PLACEHOLDER; 6];
        entity.with_children(|c| {
            if walled {
                wall = Some(
                    c.spawn((
                        Mesh2d(assets.circle.clone()),
                        MeshMaterial2d(assets.wall_colour.clone()),
                        Transform::default(),
                    ))
                    .id(),
                );
            }
            disc = c
                .spawn((
                    Mesh2d(assets.circle.clone()),
                    MeshMaterial2d(assets.colour(m.control)),
                    Transform::default(),
                ))
                .id();
            glyph = c
                .spawn((
                    Mesh2d(assets.square.clone()),
                    MeshMaterial2d(assets.glyph.clone()),
                    Transform::default(),
                    Visibility::Hidden,
                ))
                .id();
            plate = c
                .spawn((
                    Mesh2d(assets.square.clone()),
                    MeshMaterial2d(assets.plate.clone()),
                    Transform::default(),
                    Visibility::Hidden,
                ))
                .id();
            name = c
                .spawn((
                    Text2d::new(""),
                    font(LABEL_FONT),
                    TextColor(Color::srgb(0.12, 0.10, 0.08)),
                    Transform::default(),
                    Visibility::Hidden,
                ))
                .id();
            days_plate = c
                .spawn((
                    Mesh2d(assets.square.clone()),
                    MeshMaterial2d(assets.plate.clone()),
                    Transform::default(),
                    Visibility::Hidden,
                ))
                .id();
            days = c
                .spawn((
                    Text2d::new(""),
                    font(DAYS_FONT),
                    TextColor(Color::srgb(0.0, 0.42, 0.12)),
                    Transform::default(),
                    Visibility::Hidden,
                ))
                .id();
        });
        entity.insert(RegionParts {
            wall,
            disc,
            glyph,
            plate,
            name,
            days_plate,
            days,
        });
    }
}

/// A region's marker at `at` (world units), sized for `scale` world units a pixel.
fn region_transform(at: Vec2, scale: f32) -> Transform {
    Transform::from_translation(at.extend(1.0)).with_scale(screen_scale(scale))
}

pub(super) fn set_transform(q: &mut Query<&mut Transform>, e: Entity, to: Transform) {
    if let Ok(mut t) = q.get_mut(e)
        && *t != to
    {
        *t = to;
    }
}

pub(super) fn set_visible(q: &mut Query<&mut Visibility>, e: Entity, shown: bool) {
    if let Ok(mut v) = q.get_mut(e) {
        v.set_if_neq(if shown {
            Visibility::Inherited
        } else {
            Visibility::Hidden
        });
    }
}

pub(super) fn set_text(
    q: &mut Query<(&mut Text2d, &mut TextFont)>,
    e: Entity,
    words: &str,
    px: f32,
) {
    if let Ok((mut text, mut f)) = q.get_mut(e) {
        if text.0 != words {
            text.0 = words.to_string();
        }
        if f.font_size != FontSize::Px(px) {
            f.font_size = FontSize::Px(px);
        }
    }
}

/// A block of `size` pixels centred at `at`, at depth `z`.
pub(super) fn block(at: Vec2, size: Vec2, z: f32) -> Transform {
    Transform::from_translation(at.extend(z)).with_scale(size.extend(1.0))
}

/// Puts each region's disc, wall, shape and name where the layout says.
fn place_regions(
    layout: Res<MapLayout>,
    regions: Query<(Entity, &MirroredRegion, Ref<RegionParts>)>,
    mut transforms: Query<&mut Transform>,
    mut visibility: Query<&mut Visibility>,
    mut texts: Query<(&mut Text2d, &mut TextFont)>,
) {
    let fresh = regions.iter().any(|(_, _, p)| p.is_added());
    if !layout.is_changed() && !fresh {
        return;
    }
    let ui = layout.ui;
    for (e, m, parts) in &regions {
        let Some(mark) = layout.regions.get(m.id.index()) else {
            continue;
        };
        set_transform(&mut transforms, e, region_transform(mark.at, layout.scale));
        let r = mark.radius;
        if let Some(w) = parts.wall {
            set_transform(&mut transforms, w, block(Vec2::ZERO, Vec2::splat(r), 0.0));
        }
        let disc = if parts.wall.is_some() {
            r * 0.75
        } else {
            r * 0.85
        };
        set_transform(
            &mut transforms,
            parts.disc,
            block(Vec2::ZERO, Vec2::splat(disc), 0.1),
        );
        set_transform(
            &mut transforms,
            parts.glyph,
            block(Vec2::ZERO, Vec2::splat(disc * 1.1), 0.2),
        );
        set_visible(&mut visibility, parts.name, mark.label_offset.is_some());
        set_visible(&mut visibility, parts.plate, mark.label_offset.is_some());
        if let Some(o) = mark.label_offset {
            set_transform(
                &mut transforms,
                parts.name,
                Transform::from_translation(o.extend(NAME_DEPTH)),
            );
            let plate = block(o, mark.label_size + Vec2::new(4.0 * ui, 0.0), PLATE_DEPTH);
            set_transform(&mut transforms, parts.plate, plate);
        }
        set_text(&mut texts, parts.name, &mark.label, LABEL_FONT * ui);
    }
}

/// A region's disc takes its holder's colour, and its shape the holder's side's.
fn colour_regions(
    session: Res<Session>,
    assets: Res<MarkerAssets>,
    regions: Query<(Ref<MirroredRegion>, Ref<RegionParts>)>,
    mut materials: Query<&mut MeshMaterial2d<ColorMaterial>>,
    mut meshes: Query<&mut Mesh2d>,
    mut visibility: Query<&mut Visibility>,
) {
    let s = session.game.scenario();
    for (m, parts) in &regions {
        if !m.is_changed() && !parts.is_added() {
            continue;
        }
        if let Ok(mut mat) = materials.get_mut(parts.disc) {
            mat.0 = assets.colour(m.control);
        }
        set_visible(&mut visibility, parts.glyph, m.control.is_some());
        if let (Some(f), Ok(mut mesh)) = (m.control, meshes.get_mut(parts.glyph)) {
            mesh.0 = assets.shape(s.side_of(f));
        }
    }
}

/// March days for the selected army, where the layout found room for them.
fn march_days(
    layout: Res<MapLayout>,
    regions: Query<(&MirroredRegion, Ref<RegionParts>)>,
    mut transforms: Query<&mut Transform>,
    mut texts: Query<(&mut Text2d, &mut TextFont)>,
    mut visibility: Query<&mut Visibility>,
) {
    let fresh = regions.iter().any(|(_, p)| p.is_added());
    if !layout.is_changed() && !fresh {
        return;
    }
    for (m, parts) in &regions {
        let days = layout
            .regions
            .get(m.id.index())
            .and_then(|r| r.days.as_ref());
        set_visible(&mut visibility, parts.days, days.is_some());
        set_visible(&mut visibility, parts.days_plate, days.is_some());
        if let Some((words, o)) = days {
            let size = Vec2::new(text_width(words, DAYS_FONT), DAYS_FONT * 1.25) * layout.ui;
            set_transform(
                &mut transforms,
                parts.days_plate,
                block(*o, size, PLATE_DEPTH),
            );
            set_text(&mut texts, parts.days, words, DAYS_FONT * layout.ui);
            set_transform(
                &mut transforms,
                parts.days,
                Transform::from_translation(o.extend(NAME_DEPTH)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A name is drawn above its plate, at the same depths at every zoom:
    /// the plate keeps the draw order of its first depth, so a depth that
    /// moved with the zoom put it over the name.
    #[test]
    fn a_names_depth_and_its_plates_stay_the_same_at_every_zoom() {
        let depths = |scale: f32| {
            let region = GlobalTransform::from(region_transform(Vec2::new(120.0, -40.0), scale));
            let o = Vec2::new(0.0, -14.0);
            let plate =
                region * GlobalTransform::from(block(o, Vec2::new(60.0, 16.0), PLATE_DEPTH));
            let name =
                region * GlobalTransform::from(Transform::from_translation(o.extend(NAME_DEPTH)));
            (plate.translation().z, name.translation().z)
        };
        let first = depths(50.0);
        assert!(first.1 > first.0, "the name under its plate: {first:?}");
        for scale in [12.0, 2.0, 0.5, 0.05] {
            assert_eq!(depths(scale), first, "at {scale} km a pixel");
        }
    }
}
