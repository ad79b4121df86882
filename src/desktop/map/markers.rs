//! Region markers and army counters, drawn on the mirror's entities: each
//! mirrored region or army gets its meshes once, as it appears, from meshes
//! and materials made once per game; after that only what changed is
//! touched (a counter's place, width, words and highlight, a region's
//! colour, the march days shown for the selected army). A selection change
//! moves a highlight; no marker is despawned for it.

use bevy::prelude::*;

use super::camera::ScreenSized;
use super::layout::{COUNTER_HEIGHT, CounterLayout, LaidOut};
use super::{MapView, region_world};
use crate::core::kinds::Walls;
use crate::desktop::mirror::{MirroredArmy, MirroredRegion};
use crate::desktop::names::capitalised;
use crate::desktop::screens::InGame;
use crate::desktop::session::Session;
use crate::rules::movement::{dijkstra, nearest_region};

/// The meshes and materials every marker of the game shares.
#[derive(Resource)]
struct MarkerAssets {
    /// A 1×1 square, scaled to each counter's size.
    square: Handle<Mesh>,
    town: Handle<Mesh>,
    city: Handle<Mesh>,
    wall: Handle<Mesh>,
    wall_colour: Handle<ColorMaterial>,
    highlight: Handle<ColorMaterial>,
    neutral: Handle<ColorMaterial>,
    /// By faction.
    factions: Vec<Handle<ColorMaterial>>,
}

impl MarkerAssets {
    fn colour(&self, f: Option<crate::scenario::model::FactionId>) -> Handle<ColorMaterial> {
        f.and_then(|f| self.factions.get(f.index()))
            .unwrap_or(&self.neutral)
            .clone()
    }
}

/// The parts of an army's counter.
#[derive(Component)]
struct CounterParts {
    highlight: Entity,
    body: Entity,
    text: Entity,
}

/// The parts of a region's marker.
#[derive(Component)]
struct RegionParts {
    disc: Entity,
    days: Entity,
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(InGame), make_assets).add_systems(
        PostUpdate,
        (
            (dress_regions, dress_armies),
            (place_counters, colour_regions, march_days),
        )
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
    commands.insert_resource(MarkerAssets {
        square: meshes.add(Rectangle::new(1.0, 1.0)),
        town: meshes.add(Circle::new(5.0)),
        city: meshes.add(Circle::new(8.0)),
        wall: meshes.add(Circle::new(10.5)),
        wall_colour: materials.add(Color::srgb(0.15, 0.12, 0.1)),
        highlight: materials.add(Color::srgb(1.0, 0.95, 0.3)),
        neutral: materials.add(Color::srgb(0.55, 0.55, 0.55)),
        factions,
    });
}

fn font(px: f32) -> TextFont {
    TextFont {
        font_size: FontSize::Px(px),
        ..default()
    }
}

/// Gives each new region its ring, disc, name and march-days label.
fn dress_regions(
    mut commands: Commands,
    session: Res<Session>,
    view: Res<MapView>,
    assets: Res<MarkerAssets>,
    new: Query<(Entity, &MirroredRegion), Added<MirroredRegion>>,
) {
    let Some(p) = view.projection else { return };
    let s = session.game.scenario();
    let st = session.game.state();
    for (e, m) in &new {
        let r = &s.regions[m.id.index()];
        let at = region_world(s, &p, m.id);
        let walled = r.walls != Walls::None;
        let radius = if walled { 8.0 } else { 5.0 };
        let seat = st
            .seats
            .iter()
            .find(|(_, at)| at.index() == m.id.index())
            .map(|(name, _)| name.clone());
        let label = match seat {
            Some(seat) => format!("{} ({} seat)", r.name, capitalised(&seat)),
            None => r.name.clone(),
        };
        let mut entity = commands.entity(e);
        entity.insert((
            ScreenSized,
            Transform::from_xyz(at.x, at.y, 1.0),
            Visibility::default(),
        ));
        let mut disc = Entity::PLACEHOLDER;
        let mut days = Entity::PLACEHOLDER;
        entity.with_children(|c| {
            if walled {
                c.spawn((
                    Mesh2d(assets.wall.clone()),
                    MeshMaterial2d(assets.wall_colour.clone()),
                    Transform::from_xyz(0.0, 0.0, 0.0),
                ));
            }
            let mesh = if walled { &assets.city } else { &assets.town };
            disc = c
                .spawn((
                    Mesh2d(mesh.clone()),
                    MeshMaterial2d(assets.colour(m.control)),
                    Transform::from_xyz(0.0, 0.0, 0.1),
                ))
                .id();
            c.spawn((
                Text2d::new(label),
                font(15.0),
                TextColor(Color::srgb(0.12, 0.10, 0.08)),
                Transform::from_xyz(0.0, -radius - 11.0, 0.2),
            ));
            days = c
                .spawn((
                    Text2d::new(""),
                    font(13.0),
                    TextColor(Color::srgb(0.05, 0.45, 0.15)),
                    Transform::from_xyz(-24.0, 10.0, 1.3),
                    Visibility::Hidden,
                ))
                .id();
        });
        entity.insert(RegionParts { disc, days });
    }
}

/// Gives each new army its counter: a highlight, a block in the faction's colour, its words.
fn dress_armies(
    mut commands: Commands,
    assets: Res<MarkerAssets>,
    new: Query<(Entity, &MirroredArmy), Added<MirroredArmy>>,
) {
    for (e, m) in &new {
        let mut entity = commands.entity(e);
        entity.insert((ScreenSized, Transform::default(), Visibility::default()));
        let mut parts = CounterParts {
            highlight: Entity::PLACEHOLDER,
            body: Entity::PLACEHOLDER,
            text: Entity::PLACEHOLDER,
        };
        entity.with_children(|c| {
            parts.highlight = c
                .spawn((
                    Mesh2d(assets.square.clone()),
                    MeshMaterial2d(assets.highlight.clone()),
                    Transform::default(),
                    Visibility::Hidden,
                ))
                .id();
            parts.body = c
                .spawn((
                    Mesh2d(assets.square.clone()),
                    MeshMaterial2d(assets.colour(Some(m.faction))),
                    Transform::default(),
                ))
                .id();
            parts.text = c
                .spawn((
                    Text2d::new(""),
                    font(11.0),
                    TextColor(Color::WHITE),
                    Transform::default(),
                ))
                .id();
        });
        entity.insert(parts);
    }
}

/// Puts each counter where the layout says, with its width, words, colour and highlight.
fn place_counters(
    session: Res<Session>,
    layout: Res<CounterLayout>,
    assets: Res<MarkerAssets>,
    counters: Query<(Ref<MirroredArmy>, Ref<CounterParts>, Entity)>,
    mut transforms: Query<&mut Transform>,
    mut texts: Query<&mut Text2d>,
    mut visibility: Query<&mut Visibility>,
    mut materials: Query<&mut MeshMaterial2d<ColorMaterial>>,
) {
    let fresh = counters
        .iter()
        .any(|(m, p, _)| m.is_changed() || p.is_added());
    if !(session.is_changed() || layout.is_changed() || fresh) {
        return;
    }
    for (m, parts, e) in &counters {
        let Some(place) = layout.get(m.id) else {
            continue;
        };
        let w = place.width;
        let (ox, oy) = (place.offset.x, place.offset.y);
        let set = |t: &mut Transform, to: Transform| {
            if *t != to {
                *t = to;
            }
        };
        if let Ok(mut t) = transforms.get_mut(e) {
            let to = Vec3::new(place.at.x, place.at.y, 5.0 + place.slot as f32 * 0.01);
            if t.translation != to {
                t.translation = to;
            }
        }
        if let Ok(mut t) = transforms.get_mut(parts.highlight) {
            let to = Transform::from_xyz(ox, oy, 0.0).with_scale(Vec3::new(
                w + 5.0,
                COUNTER_HEIGHT + 5.0,
                1.0,
            ));
            set(&mut t, to);
        }
        if let Ok(mut t) = transforms.get_mut(parts.body) {
            let to = Transform::from_xyz(ox, oy, 0.1).with_scale(Vec3::new(w, COUNTER_HEIGHT, 1.0));
            set(&mut t, to);
        }
        if let Ok(mut t) = transforms.get_mut(parts.text) {
            set(&mut t, Transform::from_xyz(ox, oy, 0.2));
        }
        if let Ok(mut text) = texts.get_mut(parts.text)
            && text.0 != place.label
        {
            text.0 = place.label.clone();
        }
        if let Ok(mut v) = visibility.get_mut(parts.highlight) {
            let shown = if session.selected == Some(m.id) {
                Visibility::Inherited
            } else {
                Visibility::Hidden
            };
            v.set_if_neq(shown);
        }
        if m.is_changed()
            && let Ok(mut mat) = materials.get_mut(parts.body)
        {
            mat.0 = assets.colour(Some(m.faction));
        }
    }
}

/// A region that changes hands takes its new holder's colour.
fn colour_regions(
    assets: Res<MarkerAssets>,
    regions: Query<(&MirroredRegion, &RegionParts), Changed<MirroredRegion>>,
    mut materials: Query<&mut MeshMaterial2d<ColorMaterial>>,
) {
    for (m, parts) in &regions {
        if let Ok(mut mat) = materials.get_mut(parts.disc) {
            mat.0 = assets.colour(m.control);
        }
    }
}

/// March days for the selected army to every region it can reach.
fn march_days(
    session: Res<Session>,
    regions: Query<(&MirroredRegion, Ref<RegionParts>)>,
    mut texts: Query<(&mut Text2d, &mut Visibility)>,
) {
    let fresh = regions.iter().any(|(_, p)| p.is_added());
    if !session.is_changed() && !fresh {
        return;
    }
    let st = session.game.state();
    let best = session
        .selected
        .filter(|a| session.is_mine(*a) && st.army(*a).active())
        .map(|a| {
            let army = st.army(a);
            let s = session.game.scenario();
            dijkstra(s, session.game.rules(), army, nearest_region(s, army.pos))
        });
    for (m, parts) in &regions {
        let Ok((mut text, mut v)) = texts.get_mut(parts.days) else {
            continue;
        };
        let days = best
            .as_ref()
            .map(|b| b[m.id.index()].0)
            .filter(|d| d.is_finite() && *d > 0.0);
        match days {
            Some(d) => {
                let words = format!("{:.0} d", d.ceil());
                if text.0 != words {
                    text.0 = words;
                }
                v.set_if_neq(Visibility::Inherited);
            }
            None => {
                v.set_if_neq(Visibility::Hidden);
            }
        }
    }
}
