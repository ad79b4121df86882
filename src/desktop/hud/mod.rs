//! The panels over the map, drawn with egui: the top bar, the turn log with
//! its battle reports, the army inspector and the order menu. Each panel is
//! its own plugin; they draw in order into the space the ones before them
//! left ([`HudArea`]), and what is left at the end is the map's.

pub mod advice;
mod battle_report;
mod commands;
mod fog;
mod inspector;
mod log;
mod order_menu;
mod scale;
mod top_bar;

use bevy::prelude::*;
use bevy_egui::{
    EguiContext, EguiContexts, EguiInput, EguiPreUpdateSet, EguiPrimaryContextPass, egui,
};

use super::UiFocus;
use super::screens::InGame;

pub use inspector::order_text;
pub use scale::{UiZoom, zoom_for};

/// The order panels draw in, each frame.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Hud {
    /// The whole window is free.
    Begin,
    /// The bar along the top.
    Top,
    /// The bar along the bottom (the replay viewer's).
    Bottom,
    /// The inspector, down the left.
    Left,
    /// The turn log, down the right.
    Right,
    /// Windows over the map: the order menu, the menus, the end screen.
    Windows,
    /// What is left is the map's; the pointer and keyboard are noted.
    End,
}

/// The part of the window no panel has taken yet this frame.
#[derive(Resource, Debug, Clone, Copy)]
pub struct HudArea(pub egui::Rect);

impl Default for HudArea {
    fn default() -> HudArea {
        HudArea(egui::Rect::EVERYTHING)
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<HudArea>()
        .configure_sets(
            EguiPrimaryContextPass,
            (
                Hud::Begin,
                Hud::Top,
                Hud::Bottom,
                Hud::Left,
                Hud::Right,
                Hud::Windows,
                Hud::End,
            )
                .chain()
                .run_if(in_state(InGame)),
        )
        .add_systems(EguiPrimaryContextPass, begin.in_set(Hud::Begin))
        .add_systems(EguiPrimaryContextPass, end.in_set(Hud::End))
        .add_systems(
            PreUpdate,
            keep_keys_for_the_map
                .run_if(in_state(InGame))
                .after(EguiPreUpdateSet::ProcessInput)
                .before(EguiPreUpdateSet::BeginPass),
        )
        .add_plugins((
            top_bar::plugin,
            log::plugin,
            inspector::plugin,
            order_menu::plugin,
            fog::plugin,
            scale::plugin,
        ));
}

/// A Ui over the part of the window still free, for one panel to take its side of.
pub fn panel_ui(ctx: &egui::Context, id: &str, area: &HudArea) -> egui::Ui {
    egui::Ui::new(
        ctx.clone(),
        egui::Id::new(id),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(area.0.intersect(ctx.viewport_rect())),
    )
}

fn begin(mut contexts: EguiContexts, mut area: ResMut<HudArea>) -> Result {
    area.0 = contexts.ctx_mut()?.viewport_rect();
    Ok(())
}

/// Panels drawn into our own Uis are not seen by egui's pointer tests:
/// the pointer is the map's only inside the area left free.
fn end(mut contexts: EguiContexts, area: Res<HudArea>, mut focus: ResMut<UiFocus>) -> Result {
    let ctx = contexts.ctx_mut()?;
    let now = UiFocus {
        pointer: ctx.is_pointer_over_egui()
            || ctx.egui_is_using_pointer()
            || ctx.pointer_hover_pos().is_some_and(|p| !area.0.contains(p)),
        keyboard: ctx.egui_wants_keyboard_input(),
    };
    if focus.pointer != now.pointer || focus.keyboard != now.keyboard {
        *focus = now;
    }
    Ok(())
}

/// During a game Tab is the map's (it cycles the player's armies), so egui
/// never sees it; and no button keeps the keyboard focus, so Space never
/// presses one. Only a text field may hold the keys.
fn keep_keys_for_the_map(mut q: Query<(&mut EguiInput, &mut EguiContext)>) {
    for (mut input, mut ctx) in &mut q {
        input.events.retain(|e| {
            !matches!(
                e,
                egui::Event::Key {
                    key: egui::Key::Tab,
                    ..
                }
            )
        });
        let ctx = ctx.get_mut();
        if !ctx.text_edit_focused()
            && let Some(id) = ctx.memory(|m| m.focused())
        {
            ctx.memory_mut(|m| m.surrender_focus(id));
        }
    }
}
