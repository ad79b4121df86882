//! The map: the basin's land (`land`), the regions (`markers`) and the
//! stacks of army counters (`counters`), all placed by the one `layout`;
//! the camera and the opening view (`camera`), the pointer (`picking`), the
//! stack lists and the legend over the map (`overlay`), the roads and
//! arrows (`routes`), the last turn's marches run along the roads
//! (`marches`) and its battles marked where they were fought (`battles`).

pub mod battles;
pub mod camera;
mod counters;
mod land;
pub mod layout;
pub mod marches;
mod markers;
mod overlay;
mod picking;
pub mod routes;

use bevy::prelude::*;

use super::screens::InGame;
use super::session::Session;
use crate::geo::Projection;
use crate::rules::state::Position;
use crate::scenario::Scenario;
use crate::scenario::model::{ArmyId, RegionId};

/// The map's projection, what the pointer is over and the part of the
/// window the panels leave it, shared with the panels.
#[derive(Resource, Default)]
pub struct MapView {
    pub projection: Option<Projection>,
    pub hovered_region: Option<RegionId>,
    pub hovered_army: Option<ArmyId>,
    /// The stack of counters under the pointer, by its place in the layout.
    pub hovered_stack: Option<usize>,
    /// A stack's list opened by a click, to pick one of its armies: the armies and the window position.
    pub stack_list: Option<(Vec<ArmyId>, Vec2)>,
    /// A region right-clicked, for the order menu, with the screen position.
    pub menu: Option<(RegionId, Vec2)>,
    /// The part of the window no panel covers, in window pixels (y down), as of last frame.
    pub free: Option<Rect>,
    /// The free part the view was last fitted or kept to.
    pub fitted_to: Option<Rect>,
    /// The window's size then, in pixels.
    pub fitted_window: Option<Vec2>,
    /// The player has acted (a click, a key, a pan, a zoom): the view is theirs.
    pub moved: bool,
    /// The player has panned or zoomed since the view was last fitted.
    pub panned: bool,
    /// The window's size when the player last acted.
    pub input_window: Option<Vec2>,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<MapView>()
        .add_systems(OnExit(InGame), |mut view: ResMut<MapView>| {
            *view = MapView::default();
        })
        .add_plugins((
            battles::plugin,
            camera::plugin,
            counters::plugin,
            land::plugin,
            layout::plugin,
            marches::plugin,
            markers::plugin,
            overlay::plugin,
            picking::plugin,
            routes::plugin,
        ));
}

/// A latitude and longitude on the map.
pub fn world(p: &Projection, lat: f64, lon: f64) -> Vec2 {
    let (x, y) = p.project(lat, lon);
    Vec2::new(x as f32, y as f32)
}

/// Where a region stands on the map.
pub fn region_world(s: &Scenario, p: &Projection, r: RegionId) -> Vec2 {
    let r = &s.regions[r.index()];
    world(p, r.lat, r.lon)
}

/// Where an army stands: at its region, or part way along its road.
pub fn army_world(session: &Session, p: &Projection, a: ArmyId) -> Vec2 {
    position_world(session.game.scenario(), p, session.game.state().army(a).pos)
}

/// Where a position lies on the map: a region, or part way along a road.
pub fn position_world(s: &Scenario, p: &Projection, pos: Position) -> Vec2 {
    match pos {
        Position::At(r) => region_world(s, p, r),
        Position::Road { route, from, km } => {
            let rt = &s.routes[route.index()];
            let a = region_world(s, p, from);
            let b = region_world(s, p, rt.other(from));
            a.lerp(b, (km / rt.km).clamp(0.0, 1.0) as f32)
        }
    }
}

/// The projection for a scenario: centred on its regions.
pub fn projection_for(s: &Scenario) -> Projection {
    Projection::around(s.regions.iter().map(|r| (r.lat, r.lon)))
}

/// The camera's zoom: world units per pixel.
pub fn camera_scale(proj: &bevy::camera::Projection) -> f32 {
    match proj {
        bevy::camera::Projection::Orthographic(o) => o.scale,
        _ => 1.0,
    }
}
