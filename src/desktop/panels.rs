//! The panels, drawn with egui: the title screen, the top bar with the date
//! and the end-turn button, the army inspector with every figure marked
//! documented or estimated, the order menu, the turn log with battle
//! reports, the menu on Escape and the end screen that sets the result
//! beside history.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::Screen;
use super::map::{MapView, thousands};
use super::session::{
    CancelOrders, Catalog, EndTurn, GiveOrders, LoadGame, LoadNotice, QuitToTitle, Restart,
    SaveGame, Session, StartGame, outcome_text,
};
use super::session::{TakeCommand, ViewTurn};
use crate::core::order::Order;
use crate::rules::check::check;
use crate::rules::event::Event;
use crate::rules::state::Fate;
use crate::scenario::model::{ArmyId, RegionId, SideId};
use crate::scenario::raw::{Figure, RawArmy, RawEffect, Timing, TroopKind, Walls};

/// Choices on the title screen.
#[derive(Resource, Default)]
struct TitleChoice {
    entry: usize,
    side: usize,
    seed: String,
}

/// The Escape menu is open.
#[derive(Resource, Default)]
struct MenuOpen(bool);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<TitleChoice>()
        .init_resource::<MenuOpen>()
        .add_systems(
            EguiPrimaryContextPass,
            title_screen.run_if(in_state(Screen::Title)),
        )
        .add_systems(
            EguiPrimaryContextPass,
            (game_panels, order_menu, escape_menu)
                .chain()
                .run_if(resource_exists::<Session>)
                .run_if(not(in_state(Screen::Title))),
        )
        .add_systems(
            EguiPrimaryContextPass,
            end_screen
                .run_if(in_state(Screen::Ended))
                .after(game_panels),
        )
        .add_systems(Update, toggle_menu);
}

fn toggle_menu(
    keys: Res<ButtonInput<KeyCode>>,
    mut open: ResMut<MenuOpen>,
    state: Res<State<Screen>>,
) {
    if keys.just_pressed(KeyCode::Escape) && *state.get() != Screen::Title {
        open.0 = !open.0;
    }
}

fn root_ui(ctx: &egui::Context, id: &str) -> egui::Ui {
    egui::Ui::new(
        ctx.clone(),
        egui::Id::new(id),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    )
}

fn title_screen(
    mut contexts: EguiContexts,
    catalog: Res<Catalog>,
    mut choice: ResMut<TitleChoice>,
    mut start: MessageWriter<StartGame>,
    mut load: MessageWriter<LoadGame>,
    notice: Res<LoadNotice>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut ui = root_ui(ctx, "title");
    egui::CentralPanel::default().show(&mut ui, |ui| {
        ui.heading("Anxi — the Protectorate to Pacify the West");
        ui.label("Campaigns of the Tarim Basin, 644–717");
        ui.horizontal(|ui| {
            let quick = catalog.saves.join("quicksave.json");
            let auto = latest_autosave(&catalog.saves.join("autosave"));
            if ui
                .add_enabled(quick.exists(), egui::Button::new("Load saved game"))
                .on_hover_text(quick.display().to_string())
                .clicked()
            {
                load.write(LoadGame(quick.clone()));
            }
            if let Some(a) = auto
                && ui
                    .button("Continue from the last autosave")
                    .on_hover_text(a.display().to_string())
                    .clicked()
            {
                load.write(LoadGame(a));
            }
            if let Some(n) = &notice.0 {
                ui.colored_label(egui::Color32::DARK_RED, n);
            }
        });
        ui.separator();
        ui.columns(2, |cols| {
            egui::ScrollArea::vertical()
                .id_salt("list")
                .show(&mut cols[0], |ui| {
                    for (i, e) in catalog.entries.iter().enumerate() {
                        match &e.scenario {
                            Some(s) => {
                                let shipped = crate::game::catalog::SHIPPED
                                    .iter()
                                    .any(|(f, _)| *f == e.file);
                                let label = format!(
                                    "{}  ({} to {}){}",
                                    s.title,
                                    s.start,
                                    s.end,
                                    if shipped { "" } else { "  — mod" }
                                );
                                if ui
                                    .selectable_label(choice.entry == i, label)
                                    .on_hover_text(&e.file)
                                    .clicked()
                                {
                                    choice.entry = i;
                                    choice.side =
                                        s.sides.iter().position(|x| x.player_default).unwrap_or(0);
                                }
                            }
                            None => {
                                let label =
                                    egui::RichText::new(format!("{} — does not load", e.file))
                                        .color(egui::Color32::DARK_RED);
                                if ui
                                    .selectable_label(choice.entry == i, label)
                                    .on_hover_text("Select it to see its errors")
                                    .clicked()
                                {
                                    choice.entry = i;
                                }
                            }
                        }
                    }
                });
            let ui = &mut cols[1];
            if let Some(e) = catalog.entries.get(choice.entry)
                && e.scenario.is_none()
            {
                // A broken mod: its errors in full, as `anxi check` prints them. Fixing the file clears them.
                ui.heading(format!("{} does not load", e.file));
                egui::ScrollArea::vertical()
                    .id_salt("errors")
                    .show(ui, |ui| {
                        for d in e.diagnostics.iter() {
                            ui.label(egui::RichText::new(d.render(&e.text)).monospace());
                        }
                    });
                return;
            }
            let Some(s) = catalog
                .entries
                .get(choice.entry)
                .and_then(|e| e.scenario.as_ref())
            else {
                ui.label("Choose a campaign.");
                return;
            };
            ui.heading(&s.title);
            egui::ScrollArea::vertical()
                .id_salt("briefing")
                .max_height(320.0)
                .show(ui, |ui| {
                    for para in s.briefing.split("\n\n") {
                        ui.label(para);
                        ui.add_space(4.0);
                    }
                    ui.separator();
                    ui.label(egui::RichText::new("Sources").strong());
                    for src in &s.raw.sources {
                        ui.label(format!("{} — {}", src.title, src.took))
                            .on_hover_text(&src.file);
                    }
                });
            ui.separator();
            ui.horizontal(|ui| {
                ui.label("Play as");
                egui::ComboBox::from_id_salt("side")
                    .selected_text(s.sides.get(choice.side).map_or("", |x| x.name.as_str()))
                    .show_ui(ui, |ui| {
                        for (i, side) in s.sides.iter().enumerate() {
                            ui.selectable_value(&mut choice.side, i, &side.name)
                                .on_hover_text(&side.led_by);
                        }
                    });
                ui.label("Seed");
                ui.add(
                    egui::TextEdit::singleline(&mut choice.seed)
                        .hint_text(s.seed.to_string())
                        .desired_width(80.0),
                )
                .on_hover_text("The same seed and the same orders give the same campaign.");
            });
            if ui
                .button(egui::RichText::new("Start").size(20.0))
                .on_hover_text("Begin the campaign")
                .clicked()
            {
                let seed = choice.seed.trim().parse().unwrap_or(s.seed);
                start.write(StartGame {
                    entry: choice.entry,
                    side: SideId(choice.side as u16),
                    seed,
                });
            }
        });
    });
    Ok(())
}

fn latest_autosave(dir: &std::path::Path) -> Option<std::path::PathBuf> {
    let mut all: Vec<_> = std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    all.sort();
    all.pop()
}

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

/// A figure's provenance for a tooltip, and a mark for the label.
fn provenance(f: &Figure<u32>) -> (&'static str, String) {
    match f {
        Figure::Documented { source, quote, .. } => {
            ("documented", format!("Documented: \"{quote}\" ({source})"))
        }
        Figure::Estimate { reason, .. } => ("estimate", format!("Designer's estimate: {reason}")),
        Figure::Unknown { reason, .. } => (
            "unknown; estimate",
            format!("The sources give no number. {reason}"),
        ),
    }
}

fn kind_name(k: TroopKind) -> &'static str {
    match k {
        TroopKind::Infantry => "infantry",
        TroopKind::Spearmen => "spearmen",
        TroopKind::Crossbowmen => "crossbowmen",
        TroopKind::Archers => "archers",
        TroopKind::Cavalry => "cavalry",
        TroopKind::HorseArchers => "horse archers",
        TroopKind::Auxiliaries => "auxiliaries",
        TroopKind::Militia => "militia",
    }
}

pub fn order_text(session: &Session, o: &Order) -> String {
    let s = &session.game.scenario();
    let region = |r: &RegionId| s.regions[r.index()].name.clone();
    let army = |a: &ArmyId| session.game.state().army(*a).name.clone();
    match o {
        Order::March { to, .. } => format!("march to {}", region(to)),
        Order::Withdraw { to } => format!("withdraw to {}", region(to)),
        Order::Attack { target, timing } => format!(
            "attack {} ({})",
            army(target),
            format!("{timing:?}").to_lowercase()
        ),
        Order::Pursue { target } => format!("pursue {}", army(target)),
        Order::Assault { timing } => format!("assault ({})", format!("{timing:?}").to_lowercase()),
        Order::InstallRuler { ruler } => {
            format!("install {} as ruler", s.commanders[ruler.index()].name)
        }
        Order::Execute { commander } => format!("execute {}", s.commanders[commander.index()].name),
        Order::Merge { into } => format!("join {}", army(into)),
        Order::Split { name, .. } => format!("split off {name}"),
        other => other.name().to_string(),
    }
}

/// A button for an order: greyed out with the engine's reason when it cannot be given.
/// Returns true when the order was given.
fn order_button(
    ui: &mut egui::Ui,
    session: &Session,
    army: ArmyId,
    order: Order,
    label: &str,
    tip: &str,
    give: &mut MessageWriter<GiveOrders>,
) -> bool {
    match check(
        &session.game.scenario(),
        &session.game.rules(),
        &session.game.state(),
        army,
        &order,
    ) {
        Ok(()) => {
            if ui.button(label).on_hover_text(tip).clicked() {
                give.write(GiveOrders {
                    army,
                    orders: vec![order],
                });
                return true;
            }
        }
        Err(reason) => {
            ui.add_enabled(false, egui::Button::new(label))
                .on_disabled_hover_text(format!(
                    "{tip}\nNot now: {}",
                    reason.text(&session.game.scenario(), &session.game.state())
                ));
        }
    }
    false
}

#[allow(clippy::too_many_arguments)]
fn game_panels(
    mut contexts: EguiContexts,
    mut to_turn: MessageWriter<ViewTurn>,
    mut take: MessageWriter<TakeCommand>,
    session: Res<Session>,
    mut view: ResMut<MapView>,
    mut give: MessageWriter<GiveOrders>,
    mut cancel: MessageWriter<CancelOrders>,
    mut end: MessageWriter<EndTurn>,
    mut open: ResMut<MenuOpen>,
    state: Res<State<Screen>>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let s = &session.game.scenario();
    let st = &session.game.state();
    let mut ui = root_ui(ctx, "game");
    egui::Panel::top("top").show(&mut ui, |ui| {
        ui.horizontal(|ui| {
            ui.heading(&s.title);
            ui.separator();
            ui.label(format!("{} — turn {} of {}", st.date, st.turn.min(s.turns.limit), s.turns.limit)).on_hover_text(format!("{} days a turn", s.turns.days_per_turn));
            ui.separator();
            ui.label(format!("You command: {}", s.sides[session.player.index()].name));
            if let Some(n) = &session.notice {
                ui.separator();
                ui.label(n);
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button("☰ Menu").on_hover_text("Resume, restart, quit (Escape)").clicked() {
                    open.0 = true;
                }
                let playing = *state.get() == Screen::Playing && session.viewing.is_none();
                if ui.add_enabled(playing, egui::Button::new(egui::RichText::new("End turn ▶").strong())).on_hover_text("Resolve the turn: your orders, the enemy's, the march and the battles (Space)").clicked() {
                    end.write(EndTurn);
                }
                ui.label(format!("{} order(s) given", session.pending.len())).on_hover_text("Armies with new orders for this turn are marked *");
            });
        });
    });
    if let Some(n) = session.viewing {
        let total = session.watched.as_ref().map_or(0, |r| r.turns.len());
        egui::Panel::bottom("replay").show(&mut ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(egui::RichText::new("Replay").strong());
                if ui.button("⏮").on_hover_text("The opening").clicked() {
                    to_turn.write(ViewTurn(0));
                }
                if ui
                    .add_enabled(n > 0, egui::Button::new("◀"))
                    .on_hover_text("One turn back")
                    .clicked()
                {
                    to_turn.write(ViewTurn(n - 1));
                }
                ui.label(format!("after turn {n} of {total}"));
                if ui
                    .add_enabled(n < total, egui::Button::new("▶"))
                    .on_hover_text("One turn on")
                    .clicked()
                {
                    to_turn.write(ViewTurn(n + 1));
                }
                if ui
                    .button("⏭")
                    .on_hover_text("The last turn recorded")
                    .clicked()
                {
                    to_turn.write(ViewTurn(total));
                }
                let mut jump = n;
                if ui
                    .add(egui::Slider::new(&mut jump, 0..=total).text("jump to turn"))
                    .changed()
                {
                    to_turn.write(ViewTurn(jump));
                }
                if ui
                    .button(egui::RichText::new("Take command from here").strong())
                    .on_hover_text("Branch a new game from this turn: your own counterfactual")
                    .clicked()
                {
                    take.write(TakeCommand);
                }
            });
        });
    }
    egui::Panel::left("inspector")
        .default_size(300.0)
        .show(&mut ui, |ui| {
            egui::ScrollArea::vertical()
                .show(ui, |ui| inspector(ui, &session, &mut give, &mut cancel));
        });
    egui::Panel::right("log")
        .default_size(300.0)
        .show(&mut ui, |ui| {
            ui.heading("Turn log");
            egui::ScrollArea::vertical()
                .stick_to_bottom(true)
                .show(ui, |ui| {
                    for line in &session.log {
                        if line.starts_with("battle")
                            || line.starts_with("assault")
                            || line.starts_with("ambush")
                            || line.starts_with("relief")
                        {
                            ui.colored_label(egui::Color32::from_rgb(150, 30, 20), line);
                        } else {
                            ui.label(line);
                        }
                    }
                });
            let battles: Vec<_> = session
                .last_events
                .iter()
                .filter_map(|e| {
                    if let Event::BattleFought(b) = e {
                        Some(b)
                    } else {
                        None
                    }
                })
                .collect();
            if !battles.is_empty() {
                ui.separator();
                ui.heading("Battles this turn");
                for b in battles {
                    battle_report(ui, &session, b);
                }
            }
        });
    // Panels drawn into our own root Ui are not seen by egui's pointer tests: compare with the free area.
    let free = ui.available_rect_before_wrap();
    view.pointer_on_panels = ctx.is_pointer_over_egui()
        || ctx.egui_is_using_pointer()
        || ctx.pointer_hover_pos().is_some_and(|p| !free.contains(p));
    view.keyboard_on_panels = ctx.egui_wants_keyboard_input();
    Ok(())
}

fn battle_report(ui: &mut egui::Ui, session: &Session, b: &crate::rules::event::Battle) {
    let s = &session.game.scenario();
    let place = b.region.map_or("on the road".to_string(), |r| {
        format!("at {}", s.regions[r.index()].name)
    });
    egui::CollapsingHeader::new(format!("{:?} {place}", b.kind))
        .id_salt(format!("{place}{}", b.attack_power))
        .show(ui, |ui| {
            for (side, list, power) in [
                ("Attackers", &b.attackers, b.attack_power),
                ("Defenders", &b.defenders, b.defence_power),
            ] {
                ui.label(egui::RichText::new(format!("{side} (power {:.0})", power)).strong());
                for f in list {
                    ui.label(format!(
                        "{}: {} men; killed {}, wounded {}, captured {}, dispersed {}",
                        session.game.state().army(f.army).name,
                        thousands(f.men),
                        f.losses.killed,
                        f.losses.wounded,
                        f.losses.captured,
                        f.losses.dispersed
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

fn inspector(
    ui: &mut egui::Ui,
    session: &Session,
    give: &mut MessageWriter<GiveOrders>,
    cancel: &mut MessageWriter<CancelOrders>,
) {
    let s = &session.game.scenario();
    let st = &session.game.state();
    let Some(a) = session.selected else {
        ui.heading("No army selected");
        ui.label("Click an army counter to inspect it, or press Tab to cycle through yours. Click a region to march the selected army there; right-click for other orders. Drag to pan, wheel to zoom.");
        ui.separator();
        ui.label(egui::RichText::new("Your armies").strong());
        for (i, army) in st.armies.iter().enumerate() {
            if army.active() && session.is_mine(ArmyId(i as u16)) {
                ui.label(format!("{} — {}", army.name, thousands(army.strength())));
            }
        }
        return;
    };
    let army = st.army(a);
    ui.heading(&army.name);
    ui.label(format!(
        "{} — {}",
        s.factions[army.faction.index()].name,
        if session.is_mine(a) { "yours" } else { "enemy" }
    ));
    if let Some(c) = army.commander {
        let cm = &s.commanders[c.index()];
        let raw = s.raw.commanders.iter().find(|x| x.id == cm.id);
        ui.label(egui::RichText::new(format!("Commander: {}", cm.name)).strong());
        if let Some(raw) = raw {
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
    ui.separator();
    ui.label(egui::RichText::new(format!("{} men", thousands(army.strength()))).strong());
    let raw = raw_army(session, &army.id);
    for (i, n) in army.men.iter().enumerate() {
        if *n == 0 {
            continue;
        }
        let kind = TroopKind::ALL[i];
        let fig = raw
            .and_then(|r| r.contingents.iter().find(|c| c.kind == kind))
            .map(|c| provenance(&c.strength));
        match fig {
            Some((mark, tip)) => {
                ui.label(format!("{} {} [{}]", thousands(*n), kind_name(kind), mark))
                    .on_hover_text(tip);
            }
            None => {
                ui.label(format!("{} {}", thousands(*n), kind_name(kind)));
            }
        }
    }
    if let Some((mark, tip)) = raw.and_then(|r| r.total.as_ref()).map(provenance) {
        ui.label(format!("Total as the sources give it [{mark}]"))
            .on_hover_text(tip);
    }
    ui.label(format!("Lost so far: {}", thousands(army.losses.total())))
        .on_hover_text(format!(
            "killed {}, wounded {}, captured {}, dispersed {}",
            army.losses.killed, army.losses.wounded, army.losses.captured, army.losses.dispersed
        ));
    ui.label(format!(
        "Morale {:.0}%   fatigue {:.0}%",
        army.morale * 100.0,
        army.fatigue * 100.0
    ));
    ui.label(format!("Food: {:.0} days of {:.0}", army.food_days, army.carry_days)).on_hover_text("Home ground and open cities of your side feed an army; a baggage train within reach tops it up.");
    if let Some(bg) = &army.baggage {
        ui.label(format!(
            "Baggage: {} man-days of rations",
            thousands(bg.man_days as u32)
        ));
    }
    ui.label(format!(
        "Posture: {:?}{}",
        army.posture,
        if army.hidden { ", hidden" } else { "" }
    ));
    if army.routed {
        ui.colored_label(egui::Color32::DARK_RED, "Routed: falling back to safety");
    }
    ui.separator();
    let orders = session.orders_of(a);
    ui.label(egui::RichText::new("Orders").strong());
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
    if !session.is_mine(a) {
        return;
    }
    ui.separator();
    ui.label(egui::RichText::new("Give an order").strong());
    ui.horizontal_wrapped(|ui| {
        order_button(ui, session, a, Order::Hold, "Hold", "Stand and rest", give);
        order_button(
            ui,
            session,
            a,
            Order::Fortify,
            "Fortify",
            "Stockade the camp: prepared in two days, fortified in five",
            give,
        );
        order_button(
            ui,
            session,
            a,
            Order::Forage,
            "Forage",
            "Gather food from the land",
            give,
        );
        order_button(
            ui,
            session,
            a,
            Order::Raid,
            "Raid",
            "Seize the region's herds",
            give,
        );
        order_button(
            ui,
            session,
            a,
            Order::Ambush,
            "Ambush",
            "Hide and fall on any enemy that comes",
            give,
        );
        order_button(
            ui,
            session,
            a,
            Order::Assault {
                timing: Timing::Dawn,
            },
            "Assault at dawn",
            "Storm the enemy city's walls at first light",
            give,
        );
        order_button(
            ui,
            session,
            a,
            Order::Besiege,
            "Besiege",
            "Blockade the city until hunger opens it",
            give,
        );
        let half: Vec<(TroopKind, u32)> = army
            .men
            .iter()
            .enumerate()
            .filter(|(_, n)| **n > 1)
            .map(|(i, n)| (TroopKind::ALL[i], n / 2))
            .collect();
        let id = format!("{}_{}", army.id, st.armies.len());
        order_button(
            ui,
            session,
            a,
            Order::Split {
                id,
                name: format!("Detachment of {}", army.name),
                commander: None,
                contingents: half,
                baggage: false,
            },
            "Split in half",
            "Send half the army off as a detachment",
            give,
        );
        for c in &army.companions {
            let name = &s.commanders[c.index()].name;
            order_button(
                ui,
                session,
                a,
                Order::InstallRuler { ruler: *c },
                &format!("Install {name}"),
                "Install him as ruler of the city the army holds",
                give,
            );
        }
        for c in &army.captives {
            if st.commanders[c.index()].fate == Fate::Captured {
                let name = &s.commanders[c.index()].name;
                order_button(
                    ui,
                    session,
                    a,
                    Order::Execute { commander: *c },
                    &format!("Execute {name}"),
                    "Put the captive to death",
                    give,
                );
            }
        }
    });
    // Enemies in reach.
    let enemies: Vec<ArmyId> = (0..st.armies.len())
        .map(|i| ArmyId(i as u16))
        .filter(|b| {
            st.army(*b).active()
                && !st.army(*b).hidden
                && s.hostile(st.army(*b).faction, army.faction)
        })
        .collect();
    if !enemies.is_empty() {
        ui.label("Attack:");
        for b in enemies {
            let t = st.army(b);
            let label = format!("{} ({})", t.name, thousands(t.strength()));
            ui.horizontal(|ui| {
                order_button(
                    ui,
                    session,
                    a,
                    Order::Attack {
                        target: b,
                        timing: Timing::Day,
                    },
                    &label,
                    "Seek out the army and give battle",
                    give,
                );
                order_button(
                    ui,
                    session,
                    a,
                    Order::Attack {
                        target: b,
                        timing: Timing::Dawn,
                    },
                    "at dawn",
                    "A dawn attack may take it by surprise",
                    give,
                );
                order_button(
                    ui,
                    session,
                    a,
                    Order::Pursue { target: b },
                    "pursue",
                    "Forced march after it",
                    give,
                );
            });
        }
    }
}

/// The menu of orders for a right-clicked region.
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
    let s = &session.game.scenario();
    let mut close = false;
    let mut given = false;
    egui::Window::new(s.regions[r.index()].name.clone())
        .id(egui::Id::new("order_menu"))
        .default_pos(egui::pos2(at.x, at.y))
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            let region = &s.regions[r.index()];
            let rs = &session.game.state().regions[r.index()];
            ui.label(format!(
                "{:?}{}{}",
                region.terrain,
                if region.walls != Walls::None {
                    format!(", {:?} city", region.walls)
                } else {
                    String::new()
                },
                rs.control.map_or(String::new(), |f| format!(
                    ", held by {}",
                    s.factions[f.index()].name
                ))
            ));
            if let Some(c) = rs.ruler {
                ui.label(format!("Ruler: {}", s.commanders[c.index()].name));
            }
            match session.selected.filter(|a| session.is_mine(*a)) {
                None => {
                    ui.label("Select one of your armies to give it orders here.");
                }
                Some(a) => {
                    let days = crate::rules::movement::march_days(
                        s,
                        &session.game.rules(),
                        &session.game.state(),
                        a,
                        r,
                        &[],
                    )
                    .map(|(d, _)| d);
                    let march = match days {
                        Some(d) => format!("March here ({:.0} days)", d.ceil()),
                        None => "March here".to_string(),
                    };
                    given |= order_button(
                        ui,
                        &session,
                        a,
                        Order::March { to: r, via: vec![] },
                        &march,
                        "March by the quickest road",
                        &mut give,
                    );
                    given |= order_button(
                        ui,
                        &session,
                        a,
                        Order::Withdraw { to: r },
                        "Withdraw here",
                        "Fall back here",
                        &mut give,
                    );
                    for b in session.game.state().armies_at(r).collect::<Vec<_>>() {
                        let t = session.game.state().army(b);
                        if s.hostile(t.faction, session.game.state().army(a).faction) && !t.hidden {
                            given |= order_button(
                                ui,
                                &session,
                                a,
                                Order::Attack {
                                    target: b,
                                    timing: Timing::Dawn,
                                },
                                &format!("Attack {} at dawn", t.name),
                                "Seek out the army and give battle",
                                &mut give,
                            );
                        }
                    }
                }
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

fn escape_menu(
    mut contexts: EguiContexts,
    mut open: ResMut<MenuOpen>,
    mut restart: MessageWriter<Restart>,
    mut quit_title: MessageWriter<QuitToTitle>,
    mut exit: MessageWriter<AppExit>,
    mut save: MessageWriter<SaveGame>,
    mut load: MessageWriter<LoadGame>,
    mut watch: MessageWriter<ViewTurn>,
    session: Res<Session>,
) -> Result {
    if !open.0 {
        return Ok(());
    }
    let quicksave = session.saves.join("quicksave.json");
    let ctx = contexts.ctx_mut()?;
    egui::Window::new("Menu")
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::vec2(0.0, 0.0))
        .show(ctx, |ui| {
            if ui
                .button("Resume")
                .on_hover_text("Back to the map (Escape)")
                .clicked()
            {
                open.0 = false;
            }
            if ui
                .button("Save")
                .on_hover_text(format!("Save the game to {}", quicksave.display()))
                .clicked()
            {
                save.write(SaveGame(None));
            }
            if ui
                .add_enabled(quicksave.exists(), egui::Button::new("Load"))
                .on_hover_text("Go back to the last save")
                .on_disabled_hover_text("No save yet")
                .clicked()
            {
                load.write(LoadGame(quicksave.clone()));
                open.0 = false;
            }
            if ui
                .button("Watch from the start")
                .on_hover_text(
                    "Step through this game's turns; take command again from any of them",
                )
                .clicked()
            {
                watch.write(ViewTurn(0));
                open.0 = false;
            }
            if let Some(n) = &session.notice {
                ui.label(n);
            }
            if ui
                .button("Restart")
                .on_hover_text("Start this campaign again with the same seed")
                .clicked()
            {
                restart.write(Restart);
                open.0 = false;
            }
            if ui
                .button("Quit to title")
                .on_hover_text("Choose another campaign")
                .clicked()
            {
                quit_title.write(QuitToTitle);
                open.0 = false;
            }
            if ui.button("Quit").on_hover_text("Close the game").clicked() {
                exit.write(AppExit::Success);
            }
        });
    Ok(())
}

fn end_screen(
    mut contexts: EguiContexts,
    session: Res<Session>,
    mut restart: MessageWriter<Restart>,
    mut quit_title: MessageWriter<QuitToTitle>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let s = &session.game.scenario();
    egui::Window::new("The campaign is over")
        .collapsible(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::vec2(0.0, 0.0))
        .default_width(620.0)
        .show(ctx, |ui| {
            ui.heading(outcome_text(s, &session.game.state().outcome));
            ui.separator();
            ui.label(egui::RichText::new("What happened in history").strong());
            ui.label(&s.history.summary);
            ui.separator();
            ui.label(egui::RichText::new("Your campaign beside the historical line").strong());
            match &session.history {
                None => {
                    ui.label("Playing the historical orders over many seeds…");
                }
                Some(rep) => {
                    let summary = crate::game::history::summarize(s, &session.game.state());
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
                        ui.label(format!("Historical line: {k} in {:.0}% of runs", v * 100.0));
                    }
                    // Where the player's losses fall among the historical runs.
                    let mine: Vec<u32> = s.sides[session.player.index()]
                        .factions
                        .iter()
                        .map(|f| summary.losses[f.index()][3])
                        .collect();
                    let total: u32 = mine.iter().sum();
                    ui.label(format!("Your side lost {} men.", thousands(total)));
                }
            }
            ui.horizontal(|ui| {
                if ui.button("Play again").clicked() {
                    restart.write(Restart);
                }
                if ui.button("Back to the title").clicked() {
                    quit_title.write(QuitToTitle);
                }
            });
        });
    Ok(())
}
