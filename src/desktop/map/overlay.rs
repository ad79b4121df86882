//! egui over the map: the list of a stack's armies (shown while the pointer
//! is on its counter, opened by a click to pick one of them), the legend of
//! the sides' shapes in the corner, and the part of the window the panels
//! and the legend leave free, noted for the camera.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::MapView;
use super::layout::MapLayout;
use crate::desktop::hud::{Hud, HudArea};
use crate::desktop::menus::Menu;
use crate::desktop::names::thousands;
use crate::desktop::orders::SelectArmy;
use crate::desktop::session::Session;
use crate::scenario::model::ArmyId;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        (
            stack_lists
                .in_set(Hud::Windows)
                .run_if(in_state(Menu::None)),
            legend_and_free_part.in_set(Hud::End),
        ),
    );
}

/// Paints side `side`'s shape into `rect`: circle, triangle, diamond, square, then again.
pub fn paint_shape(p: &egui::Painter, rect: egui::Rect, side: usize, fill: egui::Color32) {
    let (c, r) = (rect.center(), rect.width().min(rect.height()) / 2.0);
    let stroke = egui::Stroke::new(1.0, egui::Color32::from_gray(20));
    let v = egui::vec2;
    let polygon = |points: Vec<egui::Pos2>| {
        p.add(egui::Shape::convex_polygon(points, fill, stroke));
    };
    match side % 4 {
        0 => {
            p.circle(c, r * 0.9, fill, stroke);
        }
        1 => polygon(vec![c + v(0.0, -r), c + v(r, r * 0.8), c + v(-r, r * 0.8)]),
        2 => polygon(vec![
            c + v(0.0, -r),
            c + v(r, 0.0),
            c + v(0.0, r),
            c + v(-r, 0.0),
        ]),
        _ => {
            let sq = egui::Rect::from_center_size(c, v(r * 1.6, r * 1.6));
            p.rect(sq, 0.0, fill, stroke, egui::StrokeKind::Inside);
        }
    }
}

/// One army's line in a stack's list: its side's shape in its faction's colour, strength, name and commander.
fn army_line(ui: &mut egui::Ui, session: &Session, a: ArmyId, selected: bool) -> egui::Response {
    let s = session.game.scenario();
    let army = session.game.state().army(a);
    let [r, g, b] = s.factions[army.faction.index()].colour;
    let mut words = format!("{} {}", thousands(army.strength()), army.name);
    if let Some(c) = army.commander {
        words.push_str(&format!(" ({})", s.commanders[c.index()].name));
    }
    if army.routed {
        words.push_str(", routed");
    }
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::hover());
        paint_shape(
            ui.painter(),
            rect,
            session.game.side_of(a).index(),
            egui::Color32::from_rgb(r, g, b),
        );
        ui.selectable_label(selected, words)
    })
    .inner
}

/// The list of the stack under the pointer, or of the one clicked, to pick an army from.
fn stack_lists(
    mut contexts: EguiContexts,
    session: Res<Session>,
    layout: Res<MapLayout>,
    mut view: ResMut<MapView>,
    mut select: MessageWriter<SelectArmy>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let zoom = ctx.zoom_factor();
    if let Some((armies, at)) = view.stack_list.clone() {
        let mut picked = None;
        egui::Area::new(egui::Id::new("stack_list"))
            .fixed_pos(egui::pos2(at.x / zoom, at.y / zoom))
            .order(egui::Order::Foreground)
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.label(egui::RichText::new("Armies here: pick one").strong());
                    for a in armies {
                        if army_line(ui, &session, a, session.selected == Some(a)).clicked() {
                            picked = Some(a);
                        }
                    }
                });
            });
        if let Some(a) = picked {
            select.write(SelectArmy(Some(a)));
            view.stack_list = None;
        }
    } else if let Some(st) = view.hovered_stack.and_then(|i| layout.stacks.get(i))
        && (st.armies.len() > 1 || st.compact)
        && let Some(pointer) = ctx.pointer_hover_pos()
    {
        egui::Area::new(egui::Id::new("stack_hover"))
            .fixed_pos(pointer + egui::vec2(16.0, 16.0))
            .order(egui::Order::Tooltip)
            .interactable(false)
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    for a in &st.armies {
                        army_line(ui, &session, *a, session.selected == Some(*a));
                    }
                    if st.armies.len() > 1 {
                        ui.weak("Click to pick one");
                    }
                });
            });
    }
    Ok(())
}

/// The sides' shapes in the map's lower left corner, and the dashed track
/// when the scenario has one; what is left above it is the map's free part.
fn legend_and_free_part(
    mut contexts: EguiContexts,
    session: Res<Session>,
    area: Res<HudArea>,
    mut view: ResMut<MapView>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let zoom = ctx.zoom_factor();
    let free = area.0.intersect(ctx.viewport_rect());
    let s = session.game.scenario();
    let shown = egui::Area::new(egui::Id::new("legend"))
        .pivot(egui::Align2::LEFT_BOTTOM)
        .fixed_pos(free.left_bottom() + egui::vec2(6.0, -6.0))
        .order(egui::Order::Background)
        .interactable(false)
        .show(ctx, |ui| {
            ui.set_max_width(free.width() - 12.0);
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    for (i, side) in s.sides.iter().enumerate() {
                        let (rect, _) =
                            ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::hover());
                        paint_shape(ui.painter(), rect, i, egui::Color32::from_gray(235));
                        let you = if i == session.player.index() {
                            " (you)"
                        } else {
                            ""
                        };
                        ui.label(format!("{}{you}", side.name));
                        ui.add_space(8.0);
                    }
                    if s.routes.iter().any(|r| r.turns.is_some()) {
                        let (rect, _) =
                            ui.allocate_exact_size(egui::vec2(22.0, 14.0), egui::Sense::hover());
                        let [r, g, b, _] = super::routes::TRACK_COLOUR.to_srgba().to_u8_array();
                        let ink = egui::Stroke::new(2.5, egui::Color32::from_rgb(r, g, b));
                        for i in 0..3 {
                            let x = rect.left() + 8.0 * i as f32;
                            ui.painter().line_segment(
                                [
                                    egui::pos2(x, rect.center().y),
                                    egui::pos2(x + 5.0, rect.center().y),
                                ],
                                ink,
                            );
                        }
                        ui.label("track that turns a position");
                    }
                });
            });
        });
    let top = shown.response.rect.top().min(free.bottom()) - 4.0;
    let rect = Rect::new(
        free.left() * zoom,
        free.top() * zoom,
        free.right() * zoom,
        top.max(free.top() + 1.0) * zoom,
    );
    if view.free != Some(rect) {
        view.free = Some(rect);
    }
    Ok(())
}
