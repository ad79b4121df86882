//! The menu of orders for a right-clicked region: what the region is, and
//! the marches and attacks the selected army can make there.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::Hud;
use super::commands::{forecast_label, harry_tip, order_button};
use crate::core::kinds::{Timing, Walls};
use crate::core::order::Order;
use crate::desktop::map::MapView;
use crate::desktop::names::{PlayerName, capitalised, noun};
use crate::desktop::orders::GiveOrders;
use crate::desktop::session::Session;
use crate::rules::forecast::Plan;
use crate::rules::harry::can_harry;
use crate::scenario::model::{ArmyId, RegionId};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        order_menu
            .in_set(Hud::Windows)
            .run_if(resource_exists::<MapView>),
    );
}

fn order_menu(
    mut contexts: EguiContexts,
    session: Res<Session>,
    mut view: ResMut<MapView>,
    mut give: MessageWriter<GiveOrders>,
) -> Result {
    let Some((r, at)) = view.menu else {
        return Ok(());
    };
    let ctx = contexts.ctx_mut()?;
    let s = session.game.scenario();
    let mut close = false;
    let mut given = false;
    egui::Window::new(s.regions[r.index()].name.clone())
        .id(egui::Id::new("order_menu"))
        .default_pos(egui::pos2(at.x, at.y))
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            describe_region(ui, &session, r);
            match session.selected.filter(|a| session.is_mine(*a)) {
                None => {
                    ui.label("Select one of your armies to give it orders here.");
                }
                Some(a) => given = orders_here(ui, &session, a, r, &mut give),
            }
            if ui.button("Close").clicked() {
                close = true;
            }
        });
    if close || given {
        view.menu = None;
    }
    Ok(())
}

/// The region's terrain, walls, holder and ruler.
fn describe_region(ui: &mut egui::Ui, session: &Session, r: RegionId) {
    let s = session.game.scenario();
    let region = &s.regions[r.index()];
    let rs = &session.game.state().regions[r.index()];
    let mut line = capitalised(region.terrain.player_name());
    if region.walls != Walls::None {
        line += &format!(", {} city", region.walls.player_name());
    }
    if let Some(f) = rs.control {
        line += &format!(", held by {}", s.factions[f.index()].name);
    }
    ui.label(line);
    if let Some(c) = rs.ruler {
        ui.label(format!("Ruler: {}", s.commanders[c.index()].name));
    }
    if let Some(siege) = crate::game::notes::siege(s, session.game.state(), r) {
        let by = if session.shows(siege.by) {
            session.game.state().army(siege.by).name.clone()
        } else {
            "an enemy".into()
        };
        let days = siege.days_left();
        let left = if days == u32::MAX {
            String::new()
        } else {
            format!(": stores for {days} more {}", noun(days, "day", "days"))
        };
        ui.colored_label(
            egui::Color32::from_rgb(170, 80, 0),
            format!("Under siege by {by}{left}"),
        );
    }
}

/// March, withdraw, or attack an enemy here; true when an order was given.
fn orders_here(
    ui: &mut egui::Ui,
    session: &Session,
    a: ArmyId,
    r: RegionId,
    give: &mut MessageWriter<GiveOrders>,
) -> bool {
    let s = session.game.scenario();
    let st = session.game.state();
    let days =
        crate::rules::movement::march_days(s, session.game.rules(), st, a, r, &[]).map(|(d, _)| d);
    let march = match days {
        Some(d) => format!("March here ({:.0} days)", d.ceil()),
        None => "March here".to_string(),
    };
    let mut given = false;
    let to_here = Order::March { to: r, via: vec![] };
    given |= order_button(
        ui,
        session,
        a,
        to_here,
        &march,
        "March by the quickest road",
        give,
    );
    let back = Order::Withdraw { to: r };
    given |= order_button(
        ui,
        session,
        a,
        back,
        "Withdraw here",
        "Fall back here by the quickest road: the rules move it as a march, and the log \
         tells it as a withdrawal",
        give,
    );
    let lure = Order::Lure { to: r };
    given |= order_button(
        ui,
        session,
        a,
        lure,
        "Feigned retreat here",
        "A feigned retreat: fall back here as if beaten and wait; when a pursuer comes in and \
         an army of yours lying in ambush here springs, turn about and fight beside it. \
         Without an ambush here it is only a retreat",
        give,
    );
    for b in st.armies_at(r).collect::<Vec<_>>() {
        let t = st.army(b);
        if s.hostile(t.faction, st.army(a).faction) && !t.hidden && session.shows(b) {
            let attack = Order::Attack {
                target: b,
                timing: Timing::Dawn,
            };
            let label = format!("Attack {} at dawn", t.name);
            let tip = "Seek out the army and give battle";
            given |= order_button(ui, session, a, attack, &label, tip, give);
            let plan = Plan::Attack {
                target: b,
                timing: Timing::Dawn,
            };
            forecast_label(ui, session, a, plan, "");
            if can_harry(session.game.rules(), st, a) {
                let label = format!("Harry {}", t.name);
                let tip = harry_tip(session, a, b);
                given |= order_button(
                    ui,
                    session,
                    a,
                    Order::Harry { target: b },
                    &label,
                    &tip,
                    give,
                );
            }
        }
    }
    given
}
