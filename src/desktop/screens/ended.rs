//! The end screen: the outcome, what happened in history, and the player's
//! campaign set beside the historical line played over a few hundred seeds.
//! Those playouts run as a task on the async compute pool, so the window
//! stays live; the screen shows how many are done.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use bevy::prelude::*;
use bevy::tasks::{AsyncComputeTaskPool, Task, block_on, poll_once};
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::Screen;
use crate::desktop::hud::Hud;
use crate::desktop::names::thousands;
use crate::desktop::session::{QuitToTitle, Restart, Session, outcome_text};
use crate::game::history::{Report, report, run_many, summarize};

/// How many historical playouts the end screen compares the player's campaign with.
pub const RUNS: u32 = 300;

/// The historical playouts under way, and how many are done.
#[derive(Component)]
pub struct HistoryRun {
    task: Task<Report>,
    pub done: Arc<AtomicUsize>,
    pub runs: u32,
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Ended), start_history)
        .add_systems(
            Update,
            (
                finish_history,
                keep_drawing.run_if(resource_exists::<Messages<bevy::window::RequestRedraw>>),
            )
                .run_if(in_state(Screen::Ended)),
        )
        .add_systems(
            EguiPrimaryContextPass,
            end_screen
                .in_set(Hud::Windows)
                .run_if(in_state(Screen::Ended)),
        );
}

/// Starts the playouts; they go with the screen if the player leaves first.
fn start_history(mut commands: Commands, session: Res<Session>) {
    if session.history.is_some() {
        return;
    }
    let scenario = session.game.scenario().clone();
    let rules = session.game.rules().clone();
    let seed = session.game.seed();
    let done = Arc::new(AtomicUsize::new(0));
    let counter = done.clone();
    let task = AsyncComputeTaskPool::get().spawn(async move {
        let on_run = move || {
            counter.fetch_add(1, Ordering::Relaxed);
        };
        let runs = run_many(&scenario, &rules, RUNS, seed, &on_run);
        report(&scenario, None, seed, &runs)
    });
    commands.spawn((
        HistoryRun {
            task,
            done,
            runs: RUNS,
        },
        DespawnOnExit(Screen::Ended),
    ));
}

fn finish_history(
    mut commands: Commands,
    mut runs: Query<(Entity, &mut HistoryRun)>,
    mut session: ResMut<Session>,
) {
    for (e, mut run) in &mut runs {
        if let Some(rep) = block_on(poll_once(&mut run.task)) {
            info!("history: compared over {} runs", rep.runs);
            session.history = Some(rep);
            commands.entity(e).despawn();
        }
    }
}

/// The window sleeps until input arrives: while the playouts run, ask for frames to show their progress.
fn keep_drawing(
    runs: Query<(), With<HistoryRun>>,
    mut redraw: MessageWriter<bevy::window::RequestRedraw>,
) {
    if !runs.is_empty() {
        redraw.write(bevy::window::RequestRedraw);
    }
}

fn end_screen(
    mut contexts: EguiContexts,
    session: Res<Session>,
    runs: Query<&HistoryRun>,
    mut restart: MessageWriter<Restart>,
    mut quit_title: MessageWriter<QuitToTitle>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let s = session.game.scenario();
    // Anchored at the top with its buttons under the heading, so they stay
    // in one place whatever the scenario's history says; the rest scrolls.
    let room = (ctx.content_rect().height() - 180.0).max(120.0);
    egui::Window::new("The campaign is over")
        .collapsible(false)
        .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 40.0))
        .default_width(620.0)
        .show(ctx, |ui| {
            ui.heading(outcome_text(s, &session.game.state().outcome));
            ui.horizontal(|ui| {
                if ui.button("Play again").clicked() {
                    restart.write(Restart);
                }
                if ui.button("Back to the title").clicked() {
                    quit_title.write(QuitToTitle);
                }
            });
            ui.separator();
            egui::ScrollArea::vertical()
                .max_height(room)
                .show(ui, |ui| {
                    ui.label(egui::RichText::new("What happened in history").strong());
                    ui.label(&s.history.summary);
                    ui.separator();
                    ui.label(
                        egui::RichText::new("Your campaign beside the historical line").strong(),
                    );
                    match (&session.history, runs.iter().next()) {
                        (Some(rep), _) => comparison(ui, &session, rep),
                        (None, Some(run)) => {
                            let done = run.done.load(Ordering::Relaxed);
                            ui.label("Playing the historical orders over many seeds…");
                            ui.add(
                                egui::ProgressBar::new(done as f32 / run.runs.max(1) as f32)
                                    .text(format!("{done} of {} runs", run.runs)),
                            );
                        }
                        (None, None) => {
                            ui.label("No comparison with history.");
                        }
                    }
                });
        });
    Ok(())
}

/// The scenario's recorded outcomes: the player's result and history's, side by side.
fn comparison(ui: &mut egui::Ui, session: &Session, rep: &Report) {
    let s = session.game.scenario();
    let summary = summarize(s, session.game.state());
    egui::Grid::new("compare").striped(true).show(ui, |ui| {
        ui.label("recorded outcome");
        ui.label("you");
        ui.label(format!("history ({} runs)", rep.runs));
        ui.end_row();
        for (i, c) in rep.checks.iter().enumerate() {
            ui.label(&c.description);
            match c.median {
                Some(m) => {
                    ui.label(format!("{:.2}", summary.checks[i]));
                    ui.label(format!("median {m:.2}"));
                }
                None => {
                    ui.label(if summary.checks[i] > 0.5 { "yes" } else { "no" });
                    ui.label(format!("{:.0}% of runs", c.share * 100.0));
                }
            }
            ui.end_row();
        }
    });
    ui.separator();
    for (k, v) in &rep.outcomes {
        // The report's keys are `<side id> victory` or `draw`: name the side as the player knows it.
        let named = s
            .sides
            .iter()
            .find(|side| k.strip_suffix(" victory") == Some(side.id.as_str()))
            .map_or_else(|| k.clone(), |side| format!("victory for {}", side.name));
        ui.label(format!(
            "Historical line: {named} in {:.0}% of runs",
            v * 100.0
        ));
    }
    let total: u32 = s.sides[session.player.index()]
        .factions
        .iter()
        .map(|f| summary.losses[f.index()][3])
        .sum();
    ui.label(format!("Your side lost {} men.", thousands(total)));
}
