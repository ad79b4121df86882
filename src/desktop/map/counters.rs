//! The counters, one for each stack of the layout, from a pool kept for the
//! game: a block in the first army's faction colour with a light border, the
//! shape of its side on the left (circle, triangle, diamond, square: told
//! apart without colour), its words, a card behind it when it holds more
//! than one army, and a highlight when it holds the selected army. Counters
//! the layout has no stack for are hidden. While the last turn's marches
//! run (`marches`), each counter is shifted along its army's way.

use bevy::prelude::*;

use super::camera::{ScreenSized, screen_scale};
use super::layout::{COUNTER_FONT, GLYPH_ROOM, LaidOut, MapLayout};
use super::marches::Marches;
use super::markers::{MarkerAssets, block, font, set_text, set_transform, set_visible};
use crate::desktop::screens::InGame;
use crate::desktop::session::Session;

/// One counter of the pool; `slot` is its stack's place in the layout.
#[derive(Component)]
struct Counter {
    slot: usize,
    highlight: Entity,
    card: Entity,
    border: Entity,
    body: Entity,
    glyph: Entity,
    text: Entity,
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        PostUpdate,
        (grow_the_pool, place_counters)
            .chain()
            .after(LaidOut)
            .run_if(in_state(InGame).and_then(resource_exists::<MarkerAssets>)),
    );
}

/// Keeps a counter in the pool for every stack of the layout.
fn grow_the_pool(
    mut commands: Commands,
    layout: Res<MapLayout>,
    assets: Res<MarkerAssets>,
    pool: Query<&Counter>,
) {
    for slot in pool.iter().count()..layout.stacks.len() {
        let mut parts = [Entity::PLACEHOLDER; 6];
        let mut entity = commands.spawn((
            DespawnOnExit(InGame),
            ScreenSized,
            Transform::default(),
            Visibility::Hidden,
        ));
        entity.with_children(|c| {
            let materials = [
                &assets.highlight,
                &assets.card,
                &assets.border,
                &assets.neutral,
                &assets.glyph,
            ];
            for (k, m) in materials.into_iter().enumerate() {
                parts[k] = c
                    .spawn((
                        Mesh2d(assets.square.clone()),
                        MeshMaterial2d(m.clone()),
                        Transform::default(),
                    ))
                    .id();
            }
            parts[5] = c
                .spawn((
                    Text2d::new(""),
                    font(COUNTER_FONT),
                    TextColor(Color::WHITE),
                    bevy::sprite::Anchor::CENTER_LEFT,
                    Transform::default(),
                ))
                .id();
        });
        let [highlight, card, border, body, glyph, text] = parts;
        entity.insert(Counter {
            slot,
            highlight,
            card,
            border,
            body,
            glyph,
            text,
        });
    }
}

/// Puts each counter of the pool on its stack, with its size, words, colours and highlight.
fn place_counters(
    session: Res<Session>,
    layout: Res<MapLayout>,
    marches: Res<Marches>,
    assets: Res<MarkerAssets>,
    pool: Query<(Entity, Ref<Counter>)>,
    mut transforms: Query<&mut Transform>,
    mut visibility: Query<&mut Visibility>,
    mut texts: Query<(&mut Text2d, &mut TextFont)>,
    mut materials: Query<&mut MeshMaterial2d<ColorMaterial>>,
    mut meshes: Query<&mut Mesh2d>,
    mut inks: Query<&mut TextColor>,
) {
    let fresh = pool.iter().any(|(_, c)| c.is_added());
    if !(session.is_changed() || layout.is_changed() || marches.is_changed() || fresh) {
        return;
    }
    let ui = layout.ui;
    for (e, c) in &pool {
        let Some(st) = layout.stacks.get(c.slot) else {
            set_visible(&mut visibility, e, false);
            continue;
        };
        set_visible(&mut visibility, e, true);
        let at = st.at + marches.shift(&st.armies);
        // Each counter a layer of its own, above the regions: one shifted
        // over another while the marches run covers it whole, parts and all.
        let mut t = Transform::from_translation(at.extend(5.0 + c.slot as f32));
        t.scale = screen_scale(layout.scale);
        set_transform(&mut transforms, e, t);
        let (o, size) = (st.offset, st.size);
        let selected = session.selected.is_some_and(|a| st.armies.contains(&a));
        let pad = Vec2::splat(2.0 * ui);
        set_visible(&mut visibility, c.highlight, selected);
        set_transform(
            &mut transforms,
            c.highlight,
            block(o, size + pad * 3.0, 0.0),
        );
        set_visible(&mut visibility, c.card, st.armies.len() > 1);
        set_transform(
            &mut transforms,
            c.card,
            block(o + Vec2::new(2.0, -2.0) * ui, size - pad, 0.05),
        );
        set_transform(&mut transforms, c.border, block(o, size - pad * 0.5, 0.1));
        set_transform(&mut transforms, c.body, block(o, size - pad * 1.5, 0.15));
        let glyph_at = o + Vec2::new(-size.x / 2.0 + GLYPH_ROOM * ui / 2.0 + 1.0 * ui, 0.0);
        set_transform(
            &mut transforms,
            c.glyph,
            block(glyph_at, Vec2::splat(10.0 * ui), 0.2),
        );
        let text_at = o + Vec2::new(-size.x / 2.0 + GLYPH_ROOM * ui + 2.0 * ui, 0.0);
        set_transform(
            &mut transforms,
            c.text,
            Transform::from_translation(text_at.extend(0.3)),
        );
        set_text(&mut texts, c.text, &st.label, COUNTER_FONT * ui);
        if let Ok(mut mat) = materials.get_mut(c.body) {
            let colour = assets.colour(Some(st.faction));
            if mat.0 != colour {
                mat.0 = colour;
            }
        }
        let light = assets
            .light
            .get(st.faction.index())
            .copied()
            .unwrap_or(false);
        if let Ok(mut mat) = materials.get_mut(c.glyph) {
            let ink = if light { &assets.ink } else { &assets.glyph };
            if mat.0 != *ink {
                mat.0 = ink.clone();
            }
        }
        if let Ok(mut ink) = inks.get_mut(c.text) {
            let colour = if light {
                Color::srgb(0.08, 0.07, 0.06)
            } else {
                Color::WHITE
            };
            if ink.0 != colour {
                ink.0 = colour;
            }
        }
        if let Ok(mut mesh) = meshes.get_mut(c.glyph) {
            let shape = assets.shape(st.side);
            if mesh.0 != shape {
                mesh.0 = shape;
            }
        }
    }
}
