//! A battle's report in the turn log: who fought with how many, the power
//! of each side and the factors behind it, the losses, and how it ended.
//! Drawn by the log panel, each opening from its title; no systems of its own.

use bevy_egui::egui;

use crate::desktop::names::{PlayerName, thousands};
use crate::desktop::session::Session;
use crate::rules::event::Battle;

/// A battle's title: "Turn 4: Battle at Aksu — the attackers won".
pub fn battle_title(session: &Session, b: &Battle, turn: u32) -> String {
    let s = session.game.scenario();
    let place = b.region.map_or("on the road".to_string(), |r| {
        format!("at {}", s.regions[r.index()].name)
    });
    let won = if b.attacker_won {
        "the attackers won"
    } else {
        "the defenders held"
    };
    format!("Turn {turn}: {} {place} — {won}", b.kind.player_name())
}

/// The report under a header that opens it; `salt` tells two reports apart.
pub fn battle_report(
    ui: &mut egui::Ui,
    session: &Session,
    b: &Battle,
    turn: u32,
    salt: usize,
    open: bool,
) {
    egui::CollapsingHeader::new(
        egui::RichText::new(battle_title(session, b, turn))
            .color(egui::Color32::from_rgb(150, 30, 20)),
    )
    .id_salt(("battle", salt))
    .default_open(open)
    .show(ui, |ui| {
        for (side, list, power) in [
            ("Attackers", &b.attackers, b.attack_power),
            ("Defenders", &b.defenders, b.defence_power),
        ] {
            ui.label(egui::RichText::new(format!("{side} (power {power:.0})")).strong());
            for f in list {
                ui.label(format!(
                    "{}: {} men engaged; killed {}, wounded {}, captured {}, dispersed {}",
                    session.game.state().army(f.army).name,
                    thousands(f.men),
                    thousands(f.losses.killed),
                    thousands(f.losses.wounded),
                    thousands(f.losses.captured),
                    thousands(f.losses.dispersed)
                ));
            }
        }
        let mods: Vec<String> = b
            .modifiers
            .iter()
            .map(|(n, v)| format!("{n} ×{v:.2}"))
            .collect();
        ui.label(mods.join(", "));
        ui.label(format!(
            "{}{}{}",
            if b.surprise { "Surprise! " } else { "" },
            if b.attacker_won {
                "The attackers won"
            } else {
                "The defenders held"
            },
            if b.rout {
                format!(
                    "; the beaten side broke and was chased for {:.0} days",
                    b.chase_days.min(5.0)
                )
            } else {
                String::new()
            }
        ));
    });
}
