//! The game being played: the map and the panels (`map`, `hud`), and here
//! the replay viewer's bar while [`Replay::Watching`]: step, jump, and take
//! command from the turn shown.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use crate::desktop::hud::{Hud, HudArea, panel_ui};
use crate::desktop::saves::{Replay, TakeCommand, ViewTurn};
use crate::desktop::session::Session;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        replay_bar
            .in_set(Hud::Bottom)
            .run_if(in_state(Replay::Watching)),
    );
}

fn replay_bar(
    mut contexts: EguiContexts,
    session: Res<Session>,
    mut area: ResMut<HudArea>,
    mut to_turn: MessageWriter<ViewTurn>,
    mut take: MessageWriter<TakeCommand>,
) -> Result {
    let Some(n) = session.viewing else {
        return Ok(());
    };
    let ctx = contexts.ctx_mut()?;
    let total = session.watched.as_ref().map_or(0, |r| r.turns.len());
    let mut ui = panel_ui(ctx, "replay", &area);
    egui::Panel::bottom("replay").show(&mut ui, |ui| {
        ui.horizontal(|ui| {
            ui.label(egui::RichText::new("Replay").strong());
            let step = |ui: &mut egui::Ui, enabled: bool, label: &str, tip: &str| {
                ui.add_enabled(enabled, egui::Button::new(label))
                    .on_hover_text(tip)
                    .clicked()
            };
            if step(ui, true, "⏮", "The opening") {
                to_turn.write(ViewTurn(0));
            }
            if step(ui, n > 0, "◀", "One turn back") {
                to_turn.write(ViewTurn(n.saturating_sub(1)));
            }
            ui.label(format!("after turn {n} of {total}"));
            if step(ui, n < total, "▶", "One turn on") {
                to_turn.write(ViewTurn(n + 1));
            }
            if step(ui, true, "⏭", "The last turn recorded") {
                to_turn.write(ViewTurn(total));
            }
            let mut jump = n;
            if ui
                .add(egui::Slider::new(&mut jump, 0..=total).text("jump to turn"))
                .changed()
            {
                to_turn.write(ViewTurn(jump));
            }
            if ui
                .button(egui::RichText::new("Take command from here").strong())
                .on_hover_text("Branch a new game from this turn: your own counterfactual")
                .clicked()
            {
                take.write(TakeCommand);
            }
        });
    });
    area.0 = ui.available_rect_before_wrap();
    Ok(())
}
