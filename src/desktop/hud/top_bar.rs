//! The bar along the top: the campaign, the date and turn, the side the
//! player commands, the last notice (cut short to fit, whole on hover), the
//! fog-of-war toggle, the menu, the end-turn button and the one that ends
//! turns until something happens.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::{Hud, HudArea, panel_ui};
use crate::desktop::lull::{EndTurnsUntil, Lull};
use crate::desktop::menus::Menu;
use crate::desktop::names::counted;
use crate::desktop::orders::EndTurn;
use crate::desktop::screens::Screen;
use crate::desktop::session::Session;
use crate::desktop::sight::ShowEverything;
use crate::game::lull::MAX_TURNS;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(EguiPrimaryContextPass, top_bar.in_set(Hud::Top));
}

fn top_bar(
    mut contexts: EguiContexts,
    session: Res<Session>,
    screen: Res<State<Screen>>,
    mut area: ResMut<HudArea>,
    mut menu: ResMut<NextState<Menu>>,
    mut end: MessageWriter<EndTurn>,
    lull: Res<Lull>,
    mut until: MessageWriter<EndTurnsUntil>,
    mut show: MessageWriter<ShowEverything>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let s = session.game.scenario();
    let st = session.game.state();
    let mut ui = panel_ui(ctx, "top_bar", &area);
    egui::Panel::top("top").show(&mut ui, |ui| {
        // The buttons on the right are laid out first; the words on the
        // left take what room is left and are cut short (whole on hover)
        // rather than running under the buttons.
        egui::containers::Sides::new().shrink_left().truncate().show(
            ui,
            |ui| {
                ui.heading(&s.title).on_hover_text(&s.title);
                ui.separator();
                ui.label(format!(
                    "{} — turn {} of {}",
                    st.date,
                    st.turn.min(s.turns.limit),
                    s.turns.limit
                ))
                .on_hover_text(format!("{} a turn", counted(s.turns.days_per_turn, "day", "days")));
                ui.separator();
                let side = &s.sides[session.player.index()].name;
                ui.label(format!("You command: {side}"))
                    .on_hover_text(format!("You command: {side}"));
                if session.is_thinking() {
                    ui.separator();
                    ui.spinner();
                    ui.label(egui::RichText::new("thinking…").strong())
                        .on_hover_text(format!(
                            "The computer ({}) is choosing its orders and the turn is being played",
                            session.level
                        ));
                }
                if let Some(n) = &session.notice {
                    ui.separator();
                    let label = ui.label(n);
                    if let Some(d) = &session.notice_detail {
                        label.on_hover_text(d);
                    }
                }
            },
            |ui| {
                if ui
                    .button("☰ Menu")
                    .on_hover_text("Resume, restart, quit (Escape)")
                    .clicked()
                {
                    menu.set(Menu::Pause);
                }
                let playing = *screen.get() == Screen::Playing
                    && session.viewing.is_none()
                    && !session.is_thinking();
                let button = egui::Button::new(egui::RichText::new("End turn ▶").strong());
                if ui
                    .add_enabled(playing, button)
                    .on_hover_text(
                        "Resolve the turn: your orders, the enemy's, the march and the battles (Space)",
                    )
                    .clicked()
                {
                    end.write(EndTurn);
                }
                if lull.running() {
                    if ui
                        .button("Stop ⏹")
                        .on_hover_text("Stop ending turns after this one (Shift+Space)")
                        .clicked()
                    {
                        until.write(EndTurnsUntil);
                    }
                } else if ui
                    .add_enabled(playing, egui::Button::new("Until something happens ⏩"))
                    .on_hover_text(format!(
                        "End turn after turn until a battle, a city taken, news, an arrival, \
                         an enemy in sight or the end, at most {MAX_TURNS} turns (Shift+Space)"
                    ))
                    .clicked()
                {
                    until.write(EndTurnsUntil);
                }
                ui.label(format!("{} given", counted(session.pending.len() as u64, "order", "orders")))
                    .on_hover_text("Armies with new orders for this turn are marked *");
                let mut all = session.show_all;
                let tip = "Show every army, seen by your side or not, for studying the history \
                           (V). The enemy's orders stay hidden.";
                if ui.checkbox(&mut all, "Show everything").on_hover_text(tip).changed() {
                    show.write(ShowEverything(all));
                }
            },
        );
    });
    area.0 = ui.available_rect_before_wrap();
    Ok(())
}
