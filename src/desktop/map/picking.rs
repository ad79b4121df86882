//! The pointer on the map: what it is over (the stack whose counter the
//! layout puts there, or the nearest region); a click on a counter selects
//! its army, or opens the list of a stack of several to pick one from; a
//! click on a region marches the selected army there; a right click opens
//! the order menu. Not while a menu is open or the pointer is on a panel.

use bevy::input::mouse::AccumulatedMouseMotion;
use bevy::prelude::*;
use bevy::window::PrimaryWindow;

use super::layout::MapLayout;
use super::{MapView, camera_scale, region_world};
use crate::core::order::Order;
use crate::desktop::UiFocus;
use crate::desktop::menus::Menu;
use crate::desktop::orders::{GiveOrders, Intake, SelectArmy};
use crate::desktop::session::Session;
use crate::scenario::model::RegionId;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        pointer.run_if(in_state(Menu::None)).in_set(Intake::Keys),
    );
}

#[allow(clippy::too_many_arguments)]
fn pointer(
    window: Query<&Window, With<PrimaryWindow>>,
    camera: Query<(&Camera, &GlobalTransform, &bevy::camera::Projection), With<Camera2d>>,
    buttons: Res<ButtonInput<MouseButton>>,
    motion: Res<AccumulatedMouseMotion>,
    focus: Res<UiFocus>,
    layout: Res<MapLayout>,
    mut view: ResMut<MapView>,
    session: Res<Session>,
    mut select: MessageWriter<SelectArmy>,
    mut give: MessageWriter<GiveOrders>,
    mut dragged: Local<f32>,
) {
    let (Ok(w), Ok((cam, gt, proj))) = (window.single(), camera.single()) else {
        return;
    };
    let Some(p) = view.projection else { return };
    let Some(cursor) = w.cursor_position() else {
        return;
    };
    let Ok(at) = cam.viewport_to_world_2d(gt, cursor) else {
        return;
    };
    if focus.pointer {
        if view.hovered_stack.is_some() {
            view.hovered_stack = None;
        }
        return;
    }
    let scale = camera_scale(proj);
    let s = session.game.scenario();
    let stack = layout.hit(at);
    let armies = stack.map_or(&[][..], |i| &layout.stacks[i].armies[..]);
    let army = (armies.len() == 1).then(|| armies[0]);
    let region = (0..s.regions.len())
        .map(|i| RegionId(i as u16))
        .map(|r| (r, region_world(s, &p, r).distance(at)))
        .filter(|(_, d)| *d < 16.0 * layout.ui * scale)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(r, _)| r);
    if view.hovered_stack != stack {
        view.hovered_stack = stack;
    }
    if view.hovered_army != army {
        view.hovered_army = army;
    }
    let hovered_region = if stack.is_some() { None } else { region };
    if view.hovered_region != hovered_region {
        view.hovered_region = hovered_region;
    }
    if buttons.just_pressed(MouseButton::Left) {
        *dragged = 0.0;
    }
    if buttons.pressed(MouseButton::Left) {
        *dragged += motion.delta.length();
    }
    if buttons.just_released(MouseButton::Left) && *dragged < 4.0 {
        view.menu = None;
        view.stack_list = None;
        if let Some(a) = army {
            select.write(SelectArmy(Some(a)));
        } else if stack.is_some() {
            view.stack_list = Some((armies.to_vec(), cursor + Vec2::new(12.0, 12.0)));
        } else if let (Some(r), Some(sel)) = (region, session.selected)
            && session.is_mine(sel)
        {
            give.write(GiveOrders {
                army: sel,
                orders: vec![Order::March { to: r, via: vec![] }],
            });
        } else if region.is_none() {
            select.write(SelectArmy(None));
        }
    }
    if buttons.just_pressed(MouseButton::Right) {
        view.menu = region
            .or_else(|| {
                armies
                    .iter()
                    .find_map(|a| session.game.state().army(*a).region())
            })
            .map(|r| (r, cursor));
    }
}
