//! The turn log down the right, at a usable width from the first frame:
//! every entry of the game so far that the player may read, coloured by
//! its kind, each battle opening its report; the last turn's battles
//! beneath; and a tab with every battle of the game, newest first.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::battle_report::battle_report;
use super::{Hud, HudArea, panel_ui};
use crate::desktop::journal::{LogEntry, LogKind};
use crate::desktop::session::Session;
use crate::rules::event::Event;

/// The log panel's width at the start, in points; the player may drag it.
pub const LOG_WIDTH: f32 = 330.0;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(EguiPrimaryContextPass, log_panel.in_set(Hud::Right));
}

/// The colour of a kind of entry; `None` for the ordinary text colour.
fn colour(kind: LogKind) -> Option<egui::Color32> {
    match kind {
        LogKind::Battle => Some(egui::Color32::from_rgb(150, 30, 20)),
        LogKind::Control | LogKind::Ending => Some(egui::Color32::from_rgb(20, 60, 140)),
        LogKind::Refusal => Some(egui::Color32::DARK_RED),
        LogKind::Message => Some(egui::Color32::from_rgb(110, 70, 10)),
        LogKind::Turn | LogKind::Notice | LogKind::Orders => Some(egui::Color32::from_gray(90)),
        LogKind::Army | LogKind::Supply | LogKind::Commander | LogKind::Scripted => None,
    }
}

/// The tab the log panel shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Tab {
    #[default]
    Log,
    Battles,
}

fn log_panel(
    mut contexts: EguiContexts,
    session: Res<Session>,
    mut area: ResMut<HudArea>,
    mut tab: Local<Tab>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut ui = panel_ui(ctx, "log", &area);
    let battles = session.shown_log().filter(|e| e.battle.is_some()).count();
    egui::Panel::right("log")
        .default_size(LOG_WIDTH)
        .min_size(260.0)
        .show(&mut ui, |ui| {
            ui.horizontal(|ui| {
                ui.selectable_value(
                    &mut *tab,
                    Tab::Log,
                    egui::RichText::new("Turn log").heading(),
                );
                ui.selectable_value(&mut *tab, Tab::Battles, format!("Battles ({battles})"))
                    .on_hover_text("Every battle of the campaign, each with its report");
            });
            ui.separator();
            match *tab {
                Tab::Log => log_tab(ui, &session),
                Tab::Battles => battles_tab(ui, &session),
            }
            // Keep the panel its full width even when there is little to say.
            ui.allocate_space(egui::vec2(ui.available_width(), 0.0));
        });
    area.0 = ui.available_rect_before_wrap();
    Ok(())
}

/// One entry: its words in its colour; a battle opens its report.
fn entry(ui: &mut egui::Ui, session: &Session, e: &LogEntry, i: usize) {
    if let Some(b) = &e.battle {
        battle_report(ui, session, b, e.turn, i, false);
        ui.label(egui::RichText::new(&e.text).small());
        return;
    }
    let text = egui::RichText::new(&e.text);
    let text = match colour(e.kind) {
        Some(c) => text.color(c),
        None => text,
    };
    let text = match e.kind {
        LogKind::Turn => text.strong(),
        LogKind::Message => text.italics(),
        _ => text,
    };
    ui.add(egui::Label::new(text).wrap());
}

fn log_tab(ui: &mut egui::Ui, session: &Session) {
    let battles: Vec<_> = session
        .last_events
        .iter()
        .filter_map(|e| match e {
            Event::BattleFought(b) => Some(b),
            _ => None,
        })
        .collect();
    // The last turn's battles stay under the log until the next turn.
    let reserve = if battles.is_empty() {
        0.0
    } else {
        (40.0 + 22.0 * battles.len() as f32).min(ui.available_height() / 2.0)
    };
    egui::ScrollArea::vertical()
        .id_salt("log_entries")
        .auto_shrink([false, false])
        .max_height((ui.available_height() - reserve).max(60.0))
        .stick_to_bottom(true)
        .show(ui, |ui| {
            for (i, e) in session.log.iter().enumerate() {
                if session.may_read(e) {
                    entry(ui, session, e, i);
                }
            }
        });
    if !battles.is_empty() {
        ui.separator();
        ui.label(egui::RichText::new("Battles of the last turn").strong());
        let turn = session.game.state().turn.saturating_sub(1).max(1);
        egui::ScrollArea::vertical()
            .id_salt("last_battles")
            .auto_shrink([false, true])
            .show(ui, |ui| {
                for (i, b) in battles.into_iter().enumerate() {
                    battle_report(ui, session, b, turn, usize::MAX - i, false);
                }
            });
    }
}

fn battles_tab(ui: &mut egui::Ui, session: &Session) {
    egui::ScrollArea::vertical()
        .id_salt("all_battles")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let all: Vec<(usize, &LogEntry)> = session
                .log
                .iter()
                .enumerate()
                .filter(|(_, e)| e.battle.is_some() && session.may_read(e))
                .collect();
            if all.is_empty() {
                ui.label("No battle has been fought yet.");
            }
            for (i, e) in all.into_iter().rev() {
                if let Some(b) = &e.battle {
                    battle_report(ui, session, b, e.turn, i, false);
                }
            }
        });
}
