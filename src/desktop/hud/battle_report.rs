//! A battle's report in the turn log: who fought with how many, the power
//! of each side and the factors behind it, the losses, and how it ended.
//! Drawn by the log panel; no systems of its own.

use bevy_egui::egui;

use crate::desktop::names::{PlayerName, thousands};
use crate::desktop::session::Session;
use crate::rules::event::Battle;

pub fn battle_report(ui: &mut egui::Ui, session: &Session, b: &Battle) {
    let s = session.game.scenario();
    let place = b.region.map_or("on the road".to_string(), |r| {
        format!("at {}", s.regions[r.index()].name)
    });
    egui::CollapsingHeader::new(format!("{} {place}", b.kind.player_name()))
        .id_salt(format!("{place}{}", b.attack_power))
        .show(ui, |ui| {
            for (side, list, power) in [
                ("Attackers", &b.attackers, b.attack_power),
                ("Defenders", &b.defenders, b.defence_power),
            ] {
                ui.label(egui::RichText::new(format!("{side} (power {power:.0})")).strong());
                for f in list {
                    ui.label(format!(
                        "{}: {} men; killed {}, wounded {}, captured {}, dispersed {}",
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
