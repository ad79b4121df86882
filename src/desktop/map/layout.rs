//! The map's one layout, read by the markers that draw it, by the picking
//! that finds what is under the pointer, by the camera that fits the opening
//! view and by the tests: every region's disc and name, and every stack of
//! counters, placed for the zoom it is made at.
//!
//! The armies of one side in one place form a stack with one counter; at a
//! zoom where two stacks of a side would stand closer than a counter's
//! height they form one. A region's name goes below its disc, or above, to
//! the right or to the left, whichever is free, and is left out when none
//! is; names are placed before counters, and a counter is put in the free
//! spot nearest its place (on a road, on the road itself), so no counter
//! covers another, a disc, a name or the mark of a battle on a road. Sizes are in window pixels, so they do
//! not change with the zoom; they grow with the interface's scale.

use bevy::prelude::*;

use super::battles::{MARK_ROOM, battle_marks};
use super::{MapView, camera_scale, region_world};
use crate::core::kinds::Walls;
use crate::desktop::hud::UiZoom;
use crate::desktop::mirror::Mirrored;
use crate::desktop::names::capitalised;
use crate::desktop::screens::InGame;
use crate::desktop::session::Session;
use crate::geo::Projection;
use crate::rules::movement::{dijkstra, nearest_region};
use crate::scenario::model::{ArmyId, FactionId, RegionId, SideId};

mod stacks;
use stacks::stacks;

/// The height of a counter, in points of the interface's scale.
pub const COUNTER_HEIGHT: f32 = 20.0;
/// The size of a counter's words.
pub const COUNTER_FONT: f32 = 12.0;
/// The size of a region's name.
pub const LABEL_FONT: f32 = 14.0;
/// The size of the march days shown beside a region.
pub const DAYS_FONT: f32 = 13.0;
/// Room on a counter's left for its side's shape.
pub const GLYPH_ROOM: f32 = 16.0;
/// The least space between two things on the map.
const GAP: f32 = 3.0;
/// The advance of a character of the map's font (Fira Mono), in ems.
const ADVANCE: f32 = 0.6;

/// How wide a text is drawn, in pixels.
pub fn text_width(text: &str, font: f32) -> f32 {
    text.chars().count() as f32 * ADVANCE * font
}

/// A region's disc and name.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionMark {
    pub region: RegionId,
    /// The region's place, in world units.
    pub at: Vec2,
    /// The disc's radius (the wall's, for a walled town), in pixels.
    pub radius: f32,
    pub label: String,
    /// From `at` to the name's centre, in pixels; `None` when there is no room for it.
    pub label_offset: Option<Vec2>,
    /// The room the name takes, in pixels.
    pub label_size: Vec2,
    /// The selected army's march days to here, and from `at` to the words' centre in pixels.
    pub days: Option<(String, Vec2)>,
}

/// The armies of one side in one place, under one counter.
#[derive(Debug, Clone, PartialEq)]
pub struct Stack {
    /// Strongest first; the counter speaks for the first.
    pub armies: Vec<ArmyId>,
    pub side: SideId,
    /// The first army's faction, which colours the counter.
    pub faction: FactionId,
    /// The place, in world units: a region's, or a point on a road.
    pub at: Vec2,
    pub on_road: bool,
    /// From `at` to the counter's centre, in pixels.
    pub offset: Vec2,
    /// The counter's size, in pixels.
    pub size: Vec2,
    pub label: String,
    pub strength: u32,
    /// Zoomed out: the counter gives only the strength, its list the rest.
    pub compact: bool,
}

impl Stack {
    /// The counter's rectangle on the map, in world units, at `scale` world units a pixel.
    pub fn rect(&self, scale: f32) -> Rect {
        Rect::from_center_size(self.at + self.offset * scale, self.size * scale)
    }

    /// The counter stands away from its place, and a line leads back to it.
    pub fn detached(&self, ui: f32) -> bool {
        let half = self.size / 2.0;
        let d = (self.offset.abs() - half).max(Vec2::ZERO);
        d.length() > if self.on_road { 0.0 } else { 14.0 * ui + GAP }
    }
}

/// Everything the map shows at one zoom.
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct MapLayout {
    /// World units a pixel.
    pub scale: f32,
    /// The interface's scale: pixels a point.
    pub ui: f32,
    pub regions: Vec<RegionMark>,
    pub stacks: Vec<Stack>,
}

impl MapLayout {
    /// The stack whose counter is under a point of the map (world units).
    pub fn hit(&self, point: Vec2) -> Option<usize> {
        self.stacks
            .iter()
            .position(|s| s.rect(self.scale).contains(point))
    }

    /// The stack an army is in.
    pub fn stack_of(&self, a: ArmyId) -> Option<usize> {
        self.stacks.iter().position(|s| s.armies.contains(&a))
    }

    /// Every counter's rectangle, in world units.
    pub fn counter_rects(&self) -> Vec<Rect> {
        self.stacks.iter().map(|s| s.rect(self.scale)).collect()
    }

    /// Every name shown, in world units.
    pub fn label_rects(&self) -> Vec<Rect> {
        self.regions
            .iter()
            .filter_map(|r| {
                let o = r.label_offset?;
                Some(Rect::from_center_size(
                    r.at + o * self.scale,
                    r.label_size * self.scale,
                ))
            })
            .collect()
    }

    /// Every march-days figure shown, in world units.
    pub fn days_rects(&self) -> Vec<Rect> {
        let ui = self.ui;
        self.regions
            .iter()
            .filter_map(|r| {
                let (words, o) = r.days.as_ref()?;
                Some(Rect::from_center_size(
                    r.at + *o * self.scale,
                    days_size(words, ui) * self.scale,
                ))
            })
            .collect()
    }

    /// Every region's disc as a square, in world units.
    pub fn disc_rects(&self) -> Vec<Rect> {
        self.regions
            .iter()
            .map(|r| Rect::from_center_half_size(r.at, Vec2::splat(r.radius * self.scale)))
            .collect()
    }
}

/// Laid out in `PostUpdate`, before the markers draw.
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub struct LaidOut;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<MapLayout>().add_systems(
        PostUpdate,
        lay_out
            .run_if(in_state(InGame))
            .after(Mirrored)
            .in_set(LaidOut),
    );
}

/// Lays the map out again when the game, the zoom or the interface's scale changes.
fn lay_out(
    session: Res<Session>,
    view: Res<MapView>,
    zoom: Res<UiZoom>,
    camera: Query<&bevy::camera::Projection, With<Camera2d>>,
    mut layout: ResMut<MapLayout>,
) {
    let Some(p) = view.projection else { return };
    let scale = camera.single().map_or(1.0, camera_scale);
    if session.is_changed() || layout.scale != scale || layout.ui != zoom.0 {
        layout.set_if_neq(map_layout(&session, &p, scale, zoom.0));
    }
}

/// A region's name on the map, with the seat it holds.
pub fn region_label(session: &Session, r: RegionId) -> String {
    let name = &session.game.scenario().regions[r.index()].name;
    match session.game.state().seats.iter().find(|(_, at)| **at == r) {
        Some((seat, _)) => format!("{name} ({} seat)", capitalised(seat)),
        None => name.clone(),
    }
}

/// The radius of a region's disc in points: a walled town's wall, or a town.
pub fn disc_radius(walls: Walls) -> f32 {
    if walls == Walls::None { 6.0 } else { 11.0 }
}

/// The map at a zoom of `scale` world units a pixel and an interface scale of `ui` pixels a point.
pub fn map_layout(session: &Session, p: &Projection, scale: f32, ui: f32) -> MapLayout {
    let s = session.game.scenario();
    let px = |w: Vec2| w / scale;
    let mut regions: Vec<RegionMark> = (0..s.regions.len())
        .map(|i| {
            let region = RegionId(i as u16);
            let label = region_label(session, region);
            let width = text_width(&label, LABEL_FONT * ui);
            RegionMark {
                region,
                at: region_world(s, p, region),
                radius: disc_radius(s.regions[i].walls) * ui,
                label,
                label_offset: None,
                label_size: Vec2::new(width, LABEL_FONT * 1.25 * ui),
                days: None,
            }
        })
        .collect();
    // What is taken, in pixels from the world's origin.
    let mut taken: Vec<Rect> = regions
        .iter()
        .map(|r| Rect::from_center_half_size(px(r.at), Vec2::splat(r.radius)))
        .collect();
    // The last turn's battles on the roads: no counter or name covers their marks.
    taken.extend(
        battle_marks(session, p)
            .iter()
            .filter(|m| m.on_road)
            .map(|m| Rect::from_center_half_size(px(m.at), Vec2::splat(MARK_ROOM * ui))),
    );
    let mut stacks = stacks(session, p, scale, ui);
    // A counter on a road sits on it where nothing is yet: before the names, which go round it.
    let mut placed = vec![false; stacks.len()];
    for (k, st) in stacks.iter_mut().enumerate() {
        let rect = Rect::from_center_size(px(st.at), st.size + Vec2::splat(GAP));
        if st.on_road && !taken.iter().any(|t| overlaps(t, &rect)) {
            taken.push(Rect::from_center_size(px(st.at), st.size));
            placed[k] = true;
        }
    }
    // Names: walled towns first, then the places of armies, then the rest;
    // below the disc, else beside it, else above (where counters go first).
    let mut order: Vec<usize> = (0..regions.len()).collect();
    order.sort_by_key(|&i| {
        let r = &regions[i];
        let armies = stacks.iter().any(|st| !st.on_road && st.at == r.at);
        (r.radius < 10.0 * ui, !armies, i)
    });
    for i in order {
        let r = &regions[i];
        let (w, h) = (r.label_size.x, r.label_size.y);
        let (dx, dy) = (r.radius + GAP + w / 2.0, r.radius + GAP / 2.0 + h / 2.0);
        let free = [
            Vec2::new(0.0, -dy),
            Vec2::new(dx, 0.0),
            Vec2::new(-dx, 0.0),
            Vec2::new(0.0, dy),
        ]
        .into_iter()
        .find(|o| {
            let rect = Rect::from_center_size(px(r.at) + *o, r.label_size);
            !taken.iter().any(|t| overlaps(t, &rect))
        });
        if let Some(o) = free {
            taken.push(Rect::from_center_size(px(r.at) + o, r.label_size));
            regions[i].label_offset = Some(o);
        }
    }
    for (st, placed) in stacks.iter_mut().zip(placed) {
        if placed {
            continue;
        }
        let radius = regions
            .iter()
            .find(|r| !st.on_road && r.at == st.at)
            .map_or(0.0, |r| r.radius);
        st.offset = place(px(st.at), st.size, radius, st.on_road, &taken);
        taken.push(Rect::from_center_size(px(st.at) + st.offset, st.size));
    }
    // Last, the march days where there is room: they come and go with the selection and move nothing.
    for (r, words) in regions.iter_mut().zip(march_days(session)) {
        let Some(words) = words else { continue };
        let size = days_size(&words, ui);
        let (dx, dy) = (r.radius + GAP + size.x / 2.0, r.radius + size.y / 2.0);
        let free = [
            Vec2::new(-dx, 0.0),
            Vec2::new(dx, 0.0),
            Vec2::new(-dx, dy),
            Vec2::new(dx, dy),
            Vec2::new(-dx, -dy),
            Vec2::new(dx, -dy),
        ]
        .into_iter()
        .find(|o| {
            let rect = Rect::from_center_size(px(r.at) + *o, size);
            !taken.iter().any(|t| overlaps(t, &rect))
        });
        if let Some(o) = free {
            taken.push(Rect::from_center_size(px(r.at) + o, size));
            r.days = Some((words, o));
        }
    }
    MapLayout {
        scale,
        ui,
        regions,
        stacks,
    }
}

/// The room march days take.
fn days_size(words: &str, ui: f32) -> Vec2 {
    Vec2::new(text_width(words, DAYS_FONT * ui), DAYS_FONT * 1.25 * ui)
}

/// The selected army's march days to each region, if it is the player's.
fn march_days(session: &Session) -> Vec<Option<String>> {
    let s = session.game.scenario();
    let st = session.game.state();
    let Some(a) = session
        .selected
        .filter(|a| session.is_mine(*a) && st.army(*a).active())
    else {
        return vec![None; s.regions.len()];
    };
    let army = st.army(a);
    dijkstra(s, session.game.rules(), army, nearest_region(s, army.pos))
        .iter()
        .map(|(d, _)| (d.is_finite() && *d > 0.0).then(|| format!("{:.0} d", d.ceil())))
        .collect()
}

/// Two rectangles share some area.
fn overlaps(a: &Rect, b: &Rect) -> bool {
    !a.intersect(*b).is_empty()
}

/// Where a counter of `size` goes near its place `at` (pixels): the free
/// spot nearest it, above its disc (of `radius`) rather than below, on it
/// when the place is on a road.
fn place(at: Vec2, size: Vec2, radius: f32, on_road: bool, taken: &[Rect]) -> Vec2 {
    let free = |o: Vec2| {
        let rect = Rect::from_center_size(at + o, size + Vec2::splat(GAP));
        !taken.iter().any(|t| overlaps(t, &rect))
    };
    let step = Vec2::new(8.0, size.y / 2.0 + GAP / 2.0);
    // The first row above (and below) the place: clear of its disc, or just clear of the road's point.
    let first = if on_road {
        step.y
    } else {
        radius + GAP + size.y / 2.0
    };
    let mut best: Vec<(f32, Vec2)> = Vec::new();
    for j in -24i32..=24 {
        let y = match j {
            0 => 0.0,
            _ => (first + (j.abs() - 1) as f32 * step.y).copysign(j as f32),
        };
        for i in -40..=40 {
            let o = Vec2::new(i as f32 * step.x, y);
            // From the place to the nearest point of the counter.
            let gap = (o.abs() - size / 2.0).max(Vec2::ZERO).length();
            let below = if o.y < 0.0 && !on_road { 6.0 } else { 0.0 };
            best.push((gap + below + o.x.abs() * 0.02, o));
        }
    }
    best.sort_by(|a, b| a.0.total_cmp(&b.0));
    if let Some((_, o)) = best.into_iter().find(|(_, o)| free(*o)) {
        return o;
    }
    // Above everything taken, which is always free.
    let top = taken.iter().map(|t| t.max.y).fold(at.y, f32::max);
    Vec2::new(0.0, top - at.y + GAP * 2.0 + size.y / 2.0)
}
