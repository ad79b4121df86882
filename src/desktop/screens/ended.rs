//! The end screen: the outcome, what happened in history, and the player's
//! campaign set beside the historical line played over a few hundred seeds:
//! the recorded outcomes side by side, and a chart for each of the player's
//! side and the enemy of the men lost over those runs, with the player's
//! own figure drawn across it. The playouts run as a task on the async
//! compute pool, so the window stays live; the screen shows how many are done.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use bevy::prelude::*;
use bevy::tasks::{AsyncComputeTaskPool, Task, block_on, poll_once};
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::Screen;
use crate::desktop::hud::Hud;
use crate::desktop::names::{counted, thousands};
use crate::desktop::session::{QuitToTitle, Restart, Session, outcome_text};
use crate::game::history::spread::{bins, median, share_at_most};
use crate::game::history::{Report, RunSummary, report, run_many, summarize};
use crate::scenario::Scenario;
use crate::scenario::model::{Measure, Test};

/// How many historical playouts the end screen compares the player's campaign with.
pub const RUNS: u32 = 300;

/// The historical playouts under way, and how many are done.
#[derive(Component)]
pub struct HistoryRun {
    task: Task<(Report, Vec<Vec<f64>>)>,
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
        let lost = (0..scenario.sides.len())
            .map(|side| runs.iter().map(|r| side_lost(&scenario, r, side)).collect())
            .collect();
        (report(&scenario, None, seed, &runs), lost)
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

/// Men lost over the historical runs, by side and run.
#[derive(Component)]
pub struct Losses(pub Vec<Vec<f64>>);

/// The men a side lost in one run: killed, captured and dispersed.
fn side_lost(s: &Scenario, run: &RunSummary, side: usize) -> f64 {
    s.sides.get(side).map_or(0.0, |x| {
        x.factions
            .iter()
            .filter_map(|f| run.losses.get(f.index()))
            .map(|l| f64::from(l[3]))
            .sum()
    })
}

fn finish_history(
    mut commands: Commands,
    mut runs: Query<(Entity, &mut HistoryRun)>,
    mut session: ResMut<Session>,
) {
    for (e, mut run) in &mut runs {
        if let Some((rep, lost)) = block_on(poll_once(&mut run.task)) {
            info!("history: compared over {} runs", rep.runs);
            session.history = Some(rep);
            commands.entity(e).despawn();
            commands.spawn((Losses(lost), DespawnOnExit(Screen::Ended)));
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
    losses: Query<&Losses>,
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
            // At least `room` tall once the content needs it, however small
            // the window was while the playouts ran (it keeps its last size).
            egui::ScrollArea::vertical()
                .max_height(room)
                .min_scrolled_height(room)
                .show(ui, |ui| {
                    ui.label(egui::RichText::new("What happened in history").strong());
                    ui.label(&s.history.summary);
                    ui.separator();
                    ui.label(
                        egui::RichText::new("Your campaign beside the historical line").strong(),
                    );
                    match (&session.history, runs.iter().next()) {
                        (Some(rep), _) => {
                            comparison(ui, &session, rep);
                            if let Some(l) = losses.iter().next() {
                                ui.separator();
                                charts(ui, &session, &l.0);
                            }
                        }
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
    // The outcomes' words wrap so the two columns of figures stay in the window.
    egui::Grid::new("compare")
        .striped(true)
        .num_columns(3)
        .max_col_width(300.0)
        .show(ui, |ui| {
            ui.label("recorded outcome");
            ui.label("you");
            ui.label(format!("history ({} runs)", rep.runs));
            ui.end_row();
            for (i, c) in rep.checks.iter().enumerate() {
                ui.add(egui::Label::new(&c.description).wrap());
                match c.median {
                    Some(m) => {
                        ui.label(measured(s, i, summary.checks[i]));
                        ui.label(format!("median {}", measured(s, i, m)));
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

/// A check's measure in words: men, or a share of an army.
fn measured(s: &Scenario, check: usize, v: f64) -> String {
    match s.history.outcome.get(check).map(|c| &c.test) {
        Some(Test::Median {
            measure: Measure::LossShare { .. },
            ..
        }) => format!("{:.0}%", (v * 100.0).clamp(0.0, 100.0)),
        _ => format!("{} men", men(v)),
    }
}

/// A number of men, rounded, with thousands marked.
fn men(v: f64) -> String {
    thousands(v.round().clamp(0.0, f64::from(u32::MAX)) as u32)
}

/// How many bars a chart of the runs has.
const BARS: usize = 12;

/// The men each side lost over the historical runs, a chart for the
/// player's side and one for the rest, the player's campaign a line across.
fn charts(ui: &mut egui::Ui, session: &Session, lost: &[Vec<f64>]) {
    let s = session.game.scenario();
    let summary = summarize(s, session.game.state());
    let me = session.player.index();
    let mine = |side: usize| {
        s.sides[side]
            .factions
            .iter()
            .filter_map(|f| summary.losses.get(f.index()))
            .map(|l| f64::from(l[3]))
            .sum::<f64>()
    };
    // The enemy: every other side, run by run.
    let runs = lost.first().map_or(0, Vec::len);
    let theirs: Vec<f64> = (0..runs)
        .map(|r| {
            (0..lost.len())
                .filter(|side| *side != me)
                .filter_map(|side| lost[side].get(r))
                .sum()
        })
        .collect();
    let enemy_lost: f64 = (0..s.sides.len()).filter(|x| *x != me).map(mine).sum();
    ui.label(egui::RichText::new("Men lost: your campaign against the historical line").strong());
    ui.label(format!(
        "Men lost in every way: killed, wounded, taken or dispersed (the outcomes above may count only some of these). Bars: how many of the {runs} historical runs lost so many; the red line: your campaign."
    ));
    let empty = Vec::new();
    ui.columns(2, |cols| {
        chart(
            &mut cols[0],
            "your_side",
            "Your side",
            lost.get(me).unwrap_or(&empty),
            mine(me),
        );
        chart(&mut cols[1], "the_enemy", "The enemy", &theirs, enemy_lost);
    });
}

/// One histogram of the runs, with the player's figure as a line and in words.
fn chart(ui: &mut egui::Ui, id: &str, who: &str, runs: &[f64], yours: f64) {
    use egui_plot::{Bar, BarChart, Plot, VLine};
    let binned = bins(runs, yours, BARS);
    let width = binned.first().map_or(1.0, |b| b.hi - b.lo);
    let bars: Vec<Bar> = binned
        .iter()
        .map(|b| {
            Bar::new(b.middle(), f64::from(b.count))
                .width(width * 0.95)
                .name(format!("{} to {} men", men(b.lo), men(b.hi)))
        })
        .collect();
    let chart = BarChart::new(who, bars)
        .color(egui::Color32::from_rgb(150, 140, 120))
        .element_formatter(Box::new(|bar, _| {
            format!("{}: {}", bar.name, counted(bar.value as u32, "run", "runs"))
        }));
    ui.label(egui::RichText::new(who).strong());
    Plot::new(id)
        .height(140.0)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_x(false)
        .show_y(false)
        .x_axis_formatter(|mark, _| men(mark.value.max(0.0)))
        .y_axis_formatter(|mark, _| {
            // Whole runs only.
            if mark.value.fract().abs() < 1e-9 && mark.value >= 0.0 {
                format!("{}", mark.value as u32)
            } else {
                String::new()
            }
        })
        .include_y(0.0)
        .show(ui, |plot| {
            plot.bar_chart(chart);
            plot.vline(
                VLine::new("your campaign", yours)
                    .color(egui::Color32::from_rgb(200, 40, 30))
                    .width(2.5),
            );
        });
    let more = 1.0 - share_at_most(runs, yours);
    let middle = median(runs).map_or(String::new(), |m| format!(" (their median {})", men(m)));
    ui.label(format!(
        "{} men lost; more were lost in {:.0}% of the historical runs{middle}.",
        men(yours),
        more * 100.0
    ));
}
