//! The orders the inspector offers the selected army: one button each,
//! greyed out with the engine's reason when the rules refuse it and marked
//! ⚠ with the warnings it earns (`advice`); the odds beside every attack;
//! a Merge button for each army of the same faction in the same place.

use bevy::prelude::*;
use bevy_egui::egui;

use super::advice::{merge_targets, order_warnings};
use crate::core::kinds::{Timing, TroopKind};
use crate::core::order::Order;
use crate::desktop::names::thousands;
use crate::desktop::odds;
use crate::desktop::orders::GiveOrders;
use crate::desktop::session::Session;
use crate::rules::state::Fate;
use crate::scenario::model::ArmyId;

/// A button for an order: greyed out with the engine's reason when it cannot be given.
/// Returns true when the order was given.
pub fn order_button(
    ui: &mut egui::Ui,
    session: &Session,
    army: ArmyId,
    order: Order,
    label: &str,
    tip: &str,
    give: &mut MessageWriter<GiveOrders>,
) -> bool {
    if session.is_thinking() {
        ui.add_enabled(false, egui::Button::new(label))
            .on_disabled_hover_text(format!("{tip}\nWait: the turn is being played"));
        return false;
    }
    match session.game.check(army, &order) {
        Ok(()) => {
            let warnings = order_warnings(session, army, &order);
            let (label, tip) = if warnings.is_empty() {
                (label.to_string(), tip.to_string())
            } else {
                (
                    format!("{label} ⚠"),
                    format!("{tip}\n⚠ {}", warnings.join("\n⚠ ")),
                )
            };
            if ui.button(label).on_hover_text(tip).clicked() {
                give.write(GiveOrders {
                    army,
                    orders: vec![order],
                });
                return true;
            }
        }
        Err(reason) => {
            let why = reason.text(session.game.scenario(), session.game.state());
            ui.add_enabled(false, egui::Button::new(label))
                .on_disabled_hover_text(format!("{tip}\nNot now: {why}"));
        }
    }
    false
}

/// The odds of an attack beside its button: red, and a warning in words,
/// when the chance is under 30%.
pub fn odds_label(ui: &mut egui::Ui, o: &odds::Odds, text: String) {
    let tip =
        "The chance the rules give before the day's dice, against the enemies your army can see";
    match o.warning() {
        Some(w) => {
            ui.colored_label(egui::Color32::DARK_RED, format!("{text} — long odds"))
                .on_hover_text(format!("{w}. {tip}"));
        }
        None => {
            ui.label(text).on_hover_text(tip);
        }
    }
}

/// The orders an army can be given where it stands.
pub(super) fn order_buttons(
    ui: &mut egui::Ui,
    session: &Session,
    a: ArmyId,
    give: &mut MessageWriter<GiveOrders>,
) {
    let st = session.game.state();
    let army = st.army(a);
    let simple = [
        (Order::Hold, "Hold", "Stand and rest"),
        (
            Order::Fortify,
            "Fortify",
            "Stockade the camp: prepared in two days, fortified in five",
        ),
        (Order::Forage, "Forage", "Gather food from the land"),
        (Order::Raid, "Raid", "Seize the region's herds"),
        (
            Order::Ambush,
            "Ambush",
            "Hide and fall on any enemy that comes",
        ),
        (
            Order::Assault {
                timing: Timing::Dawn,
            },
            "Assault at dawn",
            "Storm the enemy city's walls at first light",
        ),
        (
            Order::Besiege,
            "Besiege",
            "Blockade the city until hunger opens it",
        ),
    ];
    let assault_odds = odds::assault(session.game.scenario(), session.game.rules(), st, a);
    for (order, label, tip) in simple {
        // The chance beside the button, when the army can storm where it stands.
        let assault =
            matches!(order, Order::Assault { .. }) && session.game.check(a, &order).is_ok();
        order_button(ui, session, a, order, label, tip, give);
        if assault && let Some(o) = &assault_odds {
            odds_label(ui, o, odds::assault_text(o));
        }
    }
    let half: Vec<(TroopKind, u32)> = army
        .men
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 1)
        .map(|(i, n)| (TroopKind::ALL[i], n / 2))
        .collect();
    let split = Order::Split {
        id: format!("{}_{}", army.id, st.armies.len()),
        name: format!("Detachment of {}", army.name),
        commander: None,
        contingents: half,
        baggage: false,
    };
    let tip = "Send half the army off as a detachment";
    order_button(ui, session, a, split, "Split in half", tip, give);
    let s = session.game.scenario();
    for c in &army.companions {
        let label = format!("Install {}", s.commanders[c.index()].name);
        let tip = "Install him as ruler of the city the army holds";
        order_button(
            ui,
            session,
            a,
            Order::InstallRuler { ruler: *c },
            &label,
            tip,
            give,
        );
    }
    for c in &army.captives {
        if st.commanders[c.index()].fate == Fate::Captured {
            let label = format!("Execute {}", s.commanders[c.index()].name);
            let order = Order::Execute { commander: *c };
            order_button(
                ui,
                session,
                a,
                order,
                &label,
                "Put the captive to death",
                give,
            );
        }
    }
}

/// The enemies in sight, with attack, dawn attack and pursuit for each.
pub(super) fn attacks(
    ui: &mut egui::Ui,
    session: &Session,
    a: ArmyId,
    give: &mut MessageWriter<GiveOrders>,
) {
    let s = session.game.scenario();
    let st = session.game.state();
    let mine = st.army(a).faction;
    let enemies: Vec<ArmyId> = (0..st.armies.len())
        .map(|i| ArmyId(i as u16))
        .filter(|b| {
            let t = st.army(*b);
            session.shows(*b) && !t.hidden && s.hostile(t.faction, mine)
        })
        .collect();
    if enemies.is_empty() {
        return;
    }
    ui.label("Attack:");
    for b in enemies {
        let t = st.army(b);
        let label = format!("{} ({})", t.name, thousands(t.strength()));
        ui.horizontal_wrapped(|ui| {
            let by_day = Order::Attack {
                target: b,
                timing: Timing::Day,
            };
            let at_dawn = Order::Attack {
                target: b,
                timing: Timing::Dawn,
            };
            let tip = "Seek out the army and give battle";
            order_button(ui, session, a, by_day, &label, tip, give);
            let tip = "A dawn attack may take it by surprise";
            order_button(ui, session, a, at_dawn, "at dawn", tip, give);
            let pursue = Order::Pursue { target: b };
            order_button(
                ui,
                session,
                a,
                pursue,
                "pursue",
                "Forced march after it",
                give,
            );
        });
        if let Some(o) = odds::attack(s, session.game.rules(), st, a, b) {
            odds_label(ui, &o, odds::attack_text(&o));
        }
    }
}

/// A Merge button for each other army of the same faction standing in the same place.
pub(super) fn merges(
    ui: &mut egui::Ui,
    session: &Session,
    a: ArmyId,
    give: &mut MessageWriter<GiveOrders>,
) {
    let st = session.game.state();
    for b in merge_targets(session, a) {
        let into = st.army(b);
        let label = format!("Merge into {} ({})", into.name, thousands(into.strength()));
        let tip = "Join this army to the other: one army, one commander, the men and food together";
        order_button(ui, session, a, Order::Merge { into: b }, &label, tip, give);
    }
}
