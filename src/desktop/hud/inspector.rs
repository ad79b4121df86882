//! The army inspector down the left: the selected army's commander, its
//! troops with every figure marked documented or estimated, its condition
//! and orders, and the orders it can be given, each greyed out with the
//! engine's reason when it cannot.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::advice::army_notes;
use super::commands::{attacks, forecasts_here, merges, order_buttons};
use super::{Hud, HudArea, panel_ui};
use crate::core::kinds::TroopKind;
use crate::core::order::Order;
use crate::desktop::names::{PlayerName, thousands};
use crate::desktop::orders::{CancelOrders, GiveOrders, SelectArmy};
use crate::desktop::session::Session;
use crate::desktop::stakes;
use crate::rules::state::ArmyState as Army;
use crate::scenario::model::{ArmyId, RegionId};
use crate::scenario::raw::{Figure, RawArmy, RawEffect};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(EguiPrimaryContextPass, inspector_panel.in_set(Hud::Left));
}

fn inspector_panel(
    mut contexts: EguiContexts,
    session: Res<Session>,
    mut area: ResMut<HudArea>,
    mut give: MessageWriter<GiveOrders>,
    mut cancel: MessageWriter<CancelOrders>,
    mut select: MessageWriter<SelectArmy>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut ui = panel_ui(ctx, "inspector", &area);
    egui::Panel::left("inspector")
        .default_size(300.0)
        .min_size(260.0)
        .show(&mut ui, |ui| {
            let selected = session.selected.filter(|a| session.shows(*a));
            egui::ScrollArea::vertical().show(ui, |ui| match selected {
                None => no_selection(ui, &session, &mut select),
                Some(a) => {
                    let army = session.game.state().army(a);
                    header(ui, &session, a, army);
                    troops(ui, &session, army);
                    condition(ui, army);
                    notes(ui, &session, a);
                    orders(ui, &session, a, &mut cancel);
                    if session.is_mine(a) {
                        ui.separator();
                        ui.label(egui::RichText::new("Give an order").strong());
                        ui.horizontal_wrapped(|ui| {
                            order_buttons(ui, &session, a, &mut give);
                            merges(ui, &session, a, &mut give);
                        });
                        forecasts_here(ui, &session, a);
                        attacks(ui, &session, a, &mut give);
                    }
                }
            });
        });
    area.0 = ui.available_rect_before_wrap();
    Ok(())
}

/// Help, and the player's armies, each a click away from being selected,
/// when none is selected.
fn no_selection(ui: &mut egui::Ui, session: &Session, select: &mut MessageWriter<SelectArmy>) {
    ui.heading("No army selected");
    ui.label(
        "Click an army counter to inspect it, or press Tab to cycle through yours. \
         Click a region to march the selected army there; right-click for other orders. \
         Drag to pan, wheel to zoom.",
    );
    ui.separator();
    ui.label(egui::RichText::new("Your armies").strong());
    for a in session.my_armies() {
        let army = session.game.state().army(a);
        let text = format!("{} — {}", army.name, thousands(army.strength()));
        if ui
            .selectable_label(false, text)
            .on_hover_text("Select this army")
            .clicked()
        {
            select.write(SelectArmy(Some(a)));
        }
    }
    ui.separator();
    victory_conditions(ui, session);
}

/// Each side's victory conditions, whether each holds now, and the turns left.
fn victory_conditions(ui: &mut egui::Ui, session: &Session) {
    let s = session.game.scenario();
    let st = session.game.state();
    ui.label(egui::RichText::new("Victory conditions").strong());
    let all = stakes::stakes(s, st);
    for (i, side) in s.sides.iter().enumerate() {
        let yours = i == session.player.index();
        let head = if yours {
            format!("{} (you)", side.name)
        } else {
            side.name.clone()
        };
        ui.label(egui::RichText::new(head).italics());
        let mine: Vec<_> = all.iter().filter(|k| k.side == i).collect();
        if mine.is_empty() {
            ui.label("  none: this side wins only if the other fails");
        }
        for k in mine {
            let colour = if k.holds {
                egui::Color32::DARK_GREEN
            } else if !k.possible {
                egui::Color32::from_rgb(200, 60, 50)
            } else {
                ui.visuals().text_color()
            };
            ui.colored_label(colour, stakes::stake_text(k));
        }
    }
    ui.label(stakes::turns_text(s, st));
}

/// The army's name and faction, its commander's ratings, companions and captives.
fn header(ui: &mut egui::Ui, session: &Session, a: ArmyId, army: &Army) {
    let s = session.game.scenario();
    ui.heading(&army.name);
    ui.label(format!(
        "{} — {}",
        s.factions[army.faction.index()].name,
        if session.is_mine(a) { "yours" } else { "enemy" }
    ));
    if let Some(c) = army.commander {
        let cm = &s.commanders[c.index()];
        ui.label(egui::RichText::new(format!("Commander: {}", cm.name)).strong());
        if let Some(raw) = s.raw.commanders.iter().find(|x| x.id == cm.id) {
            ui.horizontal(|ui| {
                ui.label(format!("command {}", raw.command.0))
                    .on_hover_text(&raw.command.1);
                ui.label(format!("tactics {}", raw.tactics.0))
                    .on_hover_text(&raw.tactics.1);
                ui.label(format!("logistics {}", raw.logistics.0))
                    .on_hover_text(&raw.logistics.1);
            });
        }
    }
    for c in &army.companions {
        ui.label(format!("With: {}", s.commanders[c.index()].name));
    }
    for c in &army.captives {
        ui.label(format!("Captive: {}", s.commanders[c.index()].name));
    }
}

/// The army as the scenario file gives it, or as it arrives later.
fn raw_army<'a>(session: &'a Session, id: &str) -> Option<&'a RawArmy> {
    let raw = &session.game.scenario().raw;
    raw.armies.iter().find(|a| a.id == id).or_else(|| {
        raw.events
            .iter()
            .flat_map(|e| &e.effects)
            .find_map(|eff| match eff {
                RawEffect::Arrive(a) if a.id == id => Some(a),
                _ => None,
            })
    })
}

/// A figure's provenance for a tooltip, and a mark for the label; a
/// reported figure shows its note's fact.
fn provenance(session: &Session, f: &Figure<u32>) -> (&'static str, String) {
    match f {
        Figure::Documented { source, quote, .. } => {
            ("documented", format!("Documented: \"{quote}\" ({source})"))
        }
        Figure::Reported { source, fact, .. } => {
            let text = session
                .game
                .scenario()
                .fact_texts
                .get(&(source.clone(), fact.clone()))
                .map_or("", String::as_str);
            ("documented", format!("Reported ({source}, {fact}): {text}"))
        }
        Figure::Estimate { reason, .. } => ("estimate", format!("Designer's estimate: {reason}")),
        Figure::Unknown { reason, .. } => (
            "unknown; estimate",
            format!("The sources give no number. {reason}"),
        ),
    }
}

/// The men by kind, each figure marked with where it comes from, and the losses so far.
fn troops(ui: &mut egui::Ui, session: &Session, army: &Army) {
    ui.separator();
    ui.label(egui::RichText::new(format!("{} men", thousands(army.strength()))).strong());
    let raw = raw_army(session, &army.id);
    for (i, n) in army.men.iter().enumerate() {
        if *n == 0 {
            continue;
        }
        let kind = TroopKind::ALL[i];
        let line = format!("{} {}", thousands(*n), kind.player_name());
        let fig = raw
            .and_then(|r| r.contingents.iter().find(|c| c.kind == kind))
            .map(|c| provenance(session, &c.strength));
        match fig {
            Some((mark, tip)) => {
                ui.label(format!("{line} [{mark}]")).on_hover_text(tip);
            }
            None => {
                ui.label(line);
            }
        }
    }
    if let Some((mark, tip)) = raw
        .and_then(|r| r.total.as_ref())
        .map(|f| provenance(session, f))
    {
        ui.label(format!("Total as the sources give it [{mark}]"))
            .on_hover_text(tip);
    }
    let l = &army.losses;
    ui.label(format!("Lost so far: {}", thousands(l.total())))
        .on_hover_text(format!(
            "killed {}, wounded {}, captured {}, dispersed {}",
            l.killed, l.wounded, l.captured, l.dispersed
        ));
}

/// Morale, fatigue, food, baggage, camp.
fn condition(ui: &mut egui::Ui, army: &Army) {
    ui.label(format!(
        "Morale {:.0}%   fatigue {:.0}%",
        army.morale * 100.0,
        army.fatigue * 100.0
    ));
    ui.label(format!(
        "Food: {:.0} days of {:.0}",
        army.food_days, army.carry_days
    ))
    .on_hover_text(
        "Home ground and open cities of your side feed an army; a baggage train within reach tops it up.",
    );
    if let Some(bg) = &army.baggage {
        ui.label(format!(
            "Baggage: {} man-days of rations",
            thousands(bg.man_days as u32)
        ));
    }
    ui.label(format!(
        "Camp: {}{}",
        army.posture.player_name(),
        if army.hidden { ", unseen" } else { "" }
    ));
    if army.routed {
        ui.colored_label(egui::Color32::DARK_RED, "Routed: falling back to safety");
    }
}

/// What the engine leaves silent about the army, in words: warnings in orange.
fn notes(ui: &mut egui::Ui, session: &Session, a: ArmyId) {
    for n in army_notes(session, a) {
        let text = egui::RichText::new(&n.text);
        if n.warning {
            ui.label(text.color(egui::Color32::from_rgb(170, 80, 0)));
        } else {
            ui.label(text.italics());
        }
    }
}

/// The orders the army will follow, and why the last one was refused.
fn orders(
    ui: &mut egui::Ui,
    session: &Session,
    a: ArmyId,
    cancel: &mut MessageWriter<CancelOrders>,
) {
    ui.separator();
    ui.label(egui::RichText::new("Orders").strong());
    if !session.is_mine(a) && session.viewing.is_none() {
        ui.label("unknown: the enemy keeps its plans to itself");
        return;
    }
    let orders = session.orders_of(a);
    if orders.is_empty() {
        ui.label("none (holds and rests)");
    }
    for o in &orders {
        ui.label(format!("• {}", order_text(session, o)));
    }
    if session.pending.contains_key(&a) && ui.button("Take back this turn's orders").clicked() {
        cancel.write(CancelOrders { army: a });
    }
    if let Some(r) = &session.refusal {
        ui.colored_label(egui::Color32::DARK_RED, format!("Refused: {r}"));
    }
}

/// An order in words.
pub fn order_text(session: &Session, o: &Order) -> String {
    let s = session.game.scenario();
    let region = |r: &RegionId| s.regions[r.index()].name.clone();
    let army = |a: &ArmyId| session.game.state().army(*a).name.clone();
    match o {
        Order::March { to, .. } => format!("march to {}", region(to)),
        Order::Withdraw { to } => format!("withdraw to {}", region(to)),
        Order::Lure { to } => format!("feigned retreat to {}", region(to)),
        Order::Attack { target, timing } => {
            format!("attack {} {}", army(target), timing.player_name())
        }
        Order::Pursue { target } => format!("pursue {}", army(target)),
        Order::Harry { target } => format!("harry {}", army(target)),
        Order::Assault { timing } => format!("assault {}", timing.player_name()),
        Order::InstallRuler { ruler } => {
            format!("install {} as ruler", s.commanders[ruler.index()].name)
        }
        Order::Execute { commander } => format!("execute {}", s.commanders[commander.index()].name),
        Order::Merge { into } => format!("join {}", army(into)),
        Order::Split { name, .. } => format!("split off {name}"),
        other => other.name().to_string(),
    }
}
