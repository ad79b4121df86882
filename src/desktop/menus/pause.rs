//! The pause menu, on Escape or the top bar's menu button: resume, save,
//! load, watch the game from its start, restart, quit to the title, quit;
//! and whether the marches run on the map as a turn resolves.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::Menu;
use crate::desktop::hud::Hud;
use crate::desktop::map::marches::AnimateMarches;
use crate::desktop::saves::{LoadGame, SaveGame, ViewTurn, quicksave};
use crate::desktop::session::{QuitToTitle, Restart, Session};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        pause_menu
            .in_set(Hud::Windows)
            .run_if(in_state(Menu::Pause)),
    );
}

/// What the player chose in the menu.
enum Choice {
    Resume,
    Save,
    Load,
    Watch,
    Restart,
    QuitToTitle,
    Quit,
}

#[allow(clippy::too_many_arguments)]
fn pause_menu(
    mut contexts: EguiContexts,
    session: Res<Session>,
    mut menu: ResMut<NextState<Menu>>,
    mut save: MessageWriter<SaveGame>,
    mut load: MessageWriter<LoadGame>,
    mut watch: MessageWriter<ViewTurn>,
    mut restart: MessageWriter<Restart>,
    mut quit_title: MessageWriter<QuitToTitle>,
    mut exit: MessageWriter<AppExit>,
    animate: Option<ResMut<AnimateMarches>>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let Some(choice) = buttons(ctx, &session, animate) else {
        return Ok(());
    };
    match choice {
        Choice::Resume => {}
        Choice::Save => {
            save.write(SaveGame(None));
            // The menu stays open to show where the game went.
            return Ok(());
        }
        Choice::Load => {
            load.write(LoadGame(quicksave(&session.saves)));
        }
        Choice::Watch => {
            watch.write(ViewTurn(0));
        }
        Choice::Restart => {
            restart.write(Restart);
        }
        Choice::QuitToTitle => {
            quit_title.write(QuitToTitle);
        }
        Choice::Quit => {
            exit.write(AppExit::Success);
        }
    }
    menu.set(Menu::None);
    Ok(())
}

fn buttons(
    ctx: &egui::Context,
    session: &Session,
    animate: Option<ResMut<AnimateMarches>>,
) -> Option<Choice> {
    let quick = quicksave(&session.saves);
    let mut choice = None;
    egui::Window::new("Menu")
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::vec2(0.0, 0.0))
        .show(ctx, |ui| {
            // The last notice, which the top bar may have cut short.
            if let Some(n) = &session.notice {
                ui.label(egui::RichText::new(n).weak());
                ui.separator();
            }
            let mut item = |ui: &mut egui::Ui, enabled: bool, label: &str, tip: &str, c: Choice| {
                if ui
                    .add_enabled(enabled, egui::Button::new(label))
                    .on_hover_text(tip)
                    .on_disabled_hover_text(tip)
                    .clicked()
                {
                    choice = Some(c);
                }
            };
            item(
                ui,
                true,
                "Resume",
                "Back to the map (Escape)",
                Choice::Resume,
            );
            let to = format!("Save the game to {}", quick.display());
            item(ui, true, "Save", &to, Choice::Save);
            let tip = if quick.exists() {
                "Go back to the last save"
            } else {
                "No save yet"
            };
            item(ui, quick.exists(), "Load", tip, Choice::Load);
            let tip = "Step through this game's turns; take command again from any of them";
            item(ui, true, "Watch from the start", tip, Choice::Watch);
            let tip = "Start this campaign again with the same seed";
            item(ui, true, "Restart", tip, Choice::Restart);
            let tip = "Choose another campaign";
            item(ui, true, "Quit to title", tip, Choice::QuitToTitle);
            item(ui, true, "Quit", "Close the game", Choice::Quit);
            if let Some(mut animate) = animate {
                ui.separator();
                let mut on = animate.0;
                let tip = "When a turn resolves, the counters run along the roads their armies \
                           marched (a click or a key ends the run)";
                if ui
                    .checkbox(&mut on, "Animate marches")
                    .on_hover_text(tip)
                    .changed()
                {
                    animate.0 = on;
                }
            }
        });
    choice
}
