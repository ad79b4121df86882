//! The turn log down the right: every entry of the game so far, coloured by
//! its kind, and the reports of this turn's battles beneath.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::battle_report::battle_report;
use super::{Hud, HudArea, panel_ui};
use crate::desktop::journal::LogKind;
use crate::desktop::session::Session;
use crate::rules::event::Event;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(EguiPrimaryContextPass, log_panel.in_set(Hud::Right));
}

/// The colour of a kind of entry; `None` for the ordinary text colour.
fn colour(kind: LogKind) -> Option<egui::Color32> {
    match kind {
        LogKind::Battle => Some(egui::Color32::from_rgb(150, 30, 20)),
        LogKind::Control | LogKind::Ending => Some(egui::Color32::from_rgb(20, 60, 140)),
        LogKind::Refusal => Some(egui::Color32::DARK_RED),
        LogKind::Turn | LogKind::Notice => Some(egui::Color32::from_gray(90)),
        LogKind::Army | LogKind::Supply | LogKind::Commander | LogKind::Scripted => None,
    }
}

fn log_panel(
    mut contexts: EguiContexts,
    session: Res<Session>,
    mut area: ResMut<HudArea>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut ui = panel_ui(ctx, "log", &area);
    egui::Panel::right("log")
        .default_size(300.0)
        .min_size(260.0)
        .show(&mut ui, |ui| {
            ui.heading("Turn log");
            egui::ScrollArea::vertical()
                .stick_to_bottom(true)
                .show(ui, |ui| {
                    for entry in &session.log {
                        let text = egui::RichText::new(&entry.text);
                        let text = match colour(entry.kind) {
                            Some(c) => text.color(c),
                            None => text,
                        };
                        ui.label(if entry.kind == LogKind::Turn {
                            text.strong()
                        } else {
                            text
                        });
                    }
                });
            let battles: Vec<_> = session
                .last_events
                .iter()
                .filter_map(|e| match e {
                    Event::BattleFought(b) => Some(b),
                    _ => None,
                })
                .collect();
            if !battles.is_empty() {
                ui.separator();
                ui.heading("Battles this turn");
                for b in battles {
                    battle_report(ui, &session, b);
                }
            }
        });
    area.0 = ui.available_rect_before_wrap();
    Ok(())
}
