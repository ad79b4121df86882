//! The orders the inspector offers the selected army: one button each,
//! greyed out with the engine's reason when the rules refuse it and marked
//! ⚠ with the warnings it earns (`advice`); the forecast under every
//! attack, assault, pursuit and ambush (`odds`);
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
use crate::rules::forecast::Plan;
use crate::rules::harry::{can_harry, harrying};
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

/// The forecast of the battle an order would bring, in a line under its
/// button with the whole forecast on hover: red, with a warning in words,
/// when the chance is under 30%. Nothing when the rules refuse the order or
/// no enemy in sight is there to fight.
pub fn forecast_label(ui: &mut egui::Ui, session: &Session, a: ArmyId, plan: Plan, lead: &str) {
    let (s, st) = (session.game.scenario(), session.game.state());
    let Some(f) = session
        .forecasts
        .get(s, session.game.rules(), st, session.player, a, plan)
    else {
        return;
    };
    let text = format!("{lead}{}", odds::summary(&f));
    let tip = format!(
        "{}\nThe battle played {} times by the rules from where things stand, against the enemies your side can see",
        odds::details(s, &f).join("\n"),
        f.runs
    );
    match odds::warning(&f) {
        Some(w) => {
            ui.colored_label(egui::Color32::DARK_RED, format!("{text} — long odds"))
                .on_hover_text(format!("{w}.\n{tip}"));
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
    for (order, label, tip) in simple {
        order_button(ui, session, a, order, label, tip, give);
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

/// The forecasts of the orders of the army where it stands: a storm of the
/// walls, and an ambush laid for the nearest enemy in sight. Each only when
/// the rules allow the order and there is an enemy to fight.
pub(super) fn forecasts_here(ui: &mut egui::Ui, session: &Session, a: ArmyId) {
    let st = session.game.state();
    let assault = Plan::Assault {
        timing: Timing::Dawn,
    };
    forecast_label(ui, session, a, assault, "Assault at dawn: ");
    if let Some(victim) = nearest_enemy(session, a) {
        let lead = format!("Ambush, if {} walks in: ", st.army(victim).name);
        forecast_label(ui, session, a, Plan::Ambush { victim }, &lead);
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
            if can_harry(session.game.rules(), st, a) {
                let tip = harry_tip(session, a, b);
                let harry = Order::Harry { target: b };
                order_button(ui, session, a, harry, "harry", &tip, give);
            }
        });
        let by_day = Plan::Attack {
            target: b,
            timing: Timing::Day,
        };
        let at_dawn = Plan::Attack {
            target: b,
            timing: Timing::Dawn,
        };
        forecast_label(ui, session, a, by_day, "By day: ");
        forecast_label(ui, session, a, at_dawn, "At dawn: ");
        // A pursuit is of a beaten army; of one still standing it is an attack by day.
        if t.routed {
            forecast_label(ui, session, a, Plan::Pursue { target: b }, "Pursuit: ");
        }
    }
}

/// What a harry order on `b` would do, from the rules' own odds for a day
/// of it where `b` stands now.
pub(super) fn harry_tip(session: &Session, a: ArmyId, b: ArmyId) -> String {
    let (s, rules, st) = (
        session.game.scenario(),
        session.game.rules(),
        session.game.state(),
    );
    let day = harrying(s, rules, st, a, b);
    if day.shooting <= 0.0 {
        return "Ride round it without closing, shooting into it. Behind the walls of its \
                own city it is out of reach: nothing happens until it comes out"
            .to_string();
    }
    format!(
        "Ride round it without closing, shooting into it: about {} of its men and {} of \
         yours a day where it stands now. It can neither forage, nor graze, nor send out \
         water parties: harried more than {} days in a row, it loses men to thirst too",
        thousands(day.lost),
        thousands(day.harriers_lost),
        rules.harry.water_days
    )
}

/// The enemy army in sight nearest to `a` by road, that an ambush would
/// wait for.
fn nearest_enemy(session: &Session, a: ArmyId) -> Option<ArmyId> {
    let (s, st) = (session.game.scenario(), session.game.state());
    let here = st.army(a).pos;
    (0..st.armies.len())
        .map(|i| ArmyId(i as u16))
        .filter(|b| {
            let t = st.army(*b);
            t.active() && !t.routed && session.shows(*b) && s.hostile(t.faction, st.army(a).faction)
        })
        .map(|b| (b, crate::rules::movement::road_km(s, here, st.army(b).pos)))
        .filter(|(_, km)| km.is_finite())
        .min_by(|x, y| x.1.total_cmp(&y.1))
        .map(|(b, _)| b)
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
