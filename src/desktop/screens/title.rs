//! The title screen: the campaigns on offer (mods marked, broken ones with
//! their errors in full), the chosen one's map, length, sides and victory
//! conditions (`stakes::title_lines`), its briefing and sources, the side
//! and the computer's level to play (the seed under "Advanced"), and the
//! saved games to go back to.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::Screen;
use crate::desktop::hud::{HudArea, panel_ui};
use crate::desktop::saves::{LoadGame, latest_autosave, quicksave};
use crate::desktop::session::DEFAULT_LEVEL;
use crate::desktop::session::{Catalog, LoadNotice, Session, StartGame};
use crate::desktop::stakes::{conditions_text, length_text, sides_text};
use crate::game::ai::Level;
use crate::game::catalog::Entry;
use crate::scenario::Scenario;
use crate::scenario::model::SideId;

/// Choices on the title screen.
#[derive(Resource, Default)]
struct TitleChoice {
    entry: usize,
    side: usize,
    seed: String,
    /// How strong the computer plays; `None` for the default.
    level: Option<Level>,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<TitleChoice>().add_systems(
        EguiPrimaryContextPass,
        // Not in the frame where a game is already on its way in.
        title_screen.run_if(in_state(Screen::Title).and_then(not(resource_exists::<Session>))),
    );
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
    let mut ui = panel_ui(ctx, "title", &HudArea::default());
    egui::CentralPanel::default().show(&mut ui, |ui| {
        ui.heading("Anxi — the Protectorate to Pacify the West");
        ui.label(subtitle(&catalog.entries));
        ui.horizontal(|ui| saved_games(ui, &catalog, &notice, &mut load));
        ui.separator();
        ui.columns(2, |cols| {
            egui::ScrollArea::vertical()
                .id_salt("list")
                .show(&mut cols[0], |ui| campaigns(ui, &catalog, &mut choice));
            let ui = &mut cols[1];
            match catalog.entries.get(choice.entry) {
                Some(e) if e.scenario.is_none() => broken(ui, e),
                Some(Entry {
                    scenario: Some(s), ..
                }) => {
                    ui.heading(&s.title);
                    ui.horizontal_top(|ui| {
                        map_preview(ui, s, egui::vec2(250.0, 170.0));
                        ui.vertical(|ui| outline(ui, s));
                    });
                    ui.separator();
                    briefing(ui, s);
                    if let Some(seed) = side_and_seed(ui, s, &mut choice) {
                        start.write(StartGame {
                            entry: choice.entry,
                            side: SideId(choice.side as u16),
                            seed,
                            level: choice.level.unwrap_or(DEFAULT_LEVEL),
                        });
                    }
                }
                _ => {
                    ui.label("Choose a campaign.");
                }
            }
        });
    });
    Ok(())
}

/// The quicksave and the last autosave, and why the last load failed.
fn saved_games(
    ui: &mut egui::Ui,
    catalog: &Catalog,
    notice: &LoadNotice,
    load: &mut MessageWriter<LoadGame>,
) {
    let quick = quicksave(&catalog.saves);
    if ui
        .add_enabled(quick.exists(), egui::Button::new("Load saved game"))
        .on_hover_text(quick.display().to_string())
        .clicked()
    {
        load.write(LoadGame(quick.clone()));
    }
    if let Some(a) = latest_autosave(&catalog.saves)
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
}

/// The line under the title: the years the campaigns on offer span, from
/// the first campaign's start to the last one's (mods included).
fn subtitle(entries: &[Entry]) -> String {
    let years = entries
        .iter()
        .filter_map(|e| e.scenario.as_ref())
        .map(|s| s.turns.start.ymd().0);
    match (years.clone().min(), years.max()) {
        (Some(a), Some(b)) if a < b => {
            format!("Campaigns of the Tang on its western and northern frontiers, {a}–{b}")
        }
        (Some(a), _) => format!("A campaign of the Tang on its frontiers, {a}"),
        _ => "No campaign loads".to_string(),
    }
}

/// The list of campaigns: mods marked, broken files in red.
fn campaigns(ui: &mut egui::Ui, catalog: &Catalog, choice: &mut TitleChoice) {
    for (i, e) in catalog.entries.iter().enumerate() {
        match &e.scenario {
            Some(s) => {
                let shipped = crate::game::catalog::SHIPPED
                    .iter()
                    .any(|(f, _)| *f == e.file);
                let label = format!(
                    "{}  ({} to {}){}",
                    s.title,
                    s.turns.start,
                    crate::desktop::stakes::last_day(s),
                    if shipped { "" } else { "  — mod" }
                );
                if ui
                    .selectable_label(choice.entry == i, label)
                    .on_hover_text(&e.file)
                    .clicked()
                {
                    choice.entry = i;
                    choice.side = s.sides.iter().position(|x| x.player_default).unwrap_or(0);
                }
            }
            None => {
                let label = egui::RichText::new(format!("{} — does not load", e.file))
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
}

/// A broken mod: its errors in full, as `anxi check` prints them. Fixing the file clears them.
fn broken(ui: &mut egui::Ui, e: &Entry) {
    ui.heading(format!("{} does not load", e.file));
    egui::ScrollArea::vertical()
        .id_salt("errors")
        .show(ui, |ui| {
            for d in e.diagnostics.iter() {
                ui.label(egui::RichText::new(d.render(&e.text)).monospace());
            }
        });
}

/// The campaign's briefing and its sources.
fn briefing(ui: &mut egui::Ui, s: &Scenario) {
    // What room the side, level and start below it leave.
    let room = (ui.available_height() - 110.0).max(80.0);
    egui::ScrollArea::vertical()
        .id_salt("briefing")
        .max_height(room)
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
}

/// What a level means, for the player.
fn level_hint(l: Level) -> &'static str {
    match l {
        Level::Easy => "Rules of thumb: plays at once",
        Level::Normal => "Plays plans forward through the rules before it chooses",
        Level::Hard => "Plays more plans, further and over more seeds: thinks longer",
    }
}

/// The side and level, the seed under "Advanced", and the start button: the seed to start with when pressed.
fn side_and_seed(ui: &mut egui::Ui, s: &Scenario, choice: &mut TitleChoice) -> Option<u64> {
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
        ui.label("Opponent");
        let mut level = choice.level.unwrap_or(DEFAULT_LEVEL);
        egui::ComboBox::from_id_salt("level")
            .selected_text(level.name())
            .show_ui(ui, |ui| {
                for l in Level::ALL {
                    ui.selectable_value(&mut level, l, l.name())
                        .on_hover_text(level_hint(l));
                }
            })
            .response
            .on_hover_text("How strong the computer plays the other side");
        choice.level = Some(level);
    });
    egui::CollapsingHeader::new("Advanced")
        .id_salt("advanced")
        .default_open(false)
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label("Seed");
                ui.add(
                    egui::TextEdit::singleline(&mut choice.seed)
                        .hint_text(s.seed.to_string())
                        .desired_width(80.0),
                )
                .on_hover_text("The same seed and the same orders give the same campaign.");
            });
        });
    ui.button(egui::RichText::new("Start").size(20.0))
        .on_hover_text("Begin the campaign")
        .clicked()
        .then(|| choice.seed.trim().parse().unwrap_or(s.seed))
}

/// A faction's colour, for the map and the conditions.
fn colour(c: [u8; 3]) -> egui::Color32 {
    egui::Color32::from_rgb(c[0], c[1], c[2])
}

/// The campaign's length, its sides and what each must do to win, each
/// side's conditions under its own colour.
fn outline(ui: &mut egui::Ui, s: &Scenario) {
    ui.label(format!("Length: {}.", length_text(s)))
        .on_hover_text("One turn: you give orders, then the days of the turn are played out");
    ui.label(sides_text(s));
    for (i, side) in s.sides.iter().enumerate() {
        let c = side.factions.first().map_or(egui::Color32::GRAY, |f| {
            colour(s.factions[f.index()].colour)
        });
        // The swatch in the side's colour, the words in the text's own (a dark colour stays readable).
        ui.horizontal(|ui| {
            ui.label(egui::RichText::new("■").color(c));
            ui.label(egui::RichText::new(format!("Victory for {}:", side.name)).strong());
        });
        let conditions = conditions_text(s, i);
        if conditions.is_empty() {
            ui.label("  (no condition of its own)");
        }
        for line in conditions {
            ui.label(format!("  • {line}"));
        }
    }
    ui.label("Otherwise the campaign ends in a draw.");
}

/// The scenario's map in small: its roads, and its places coloured by who
/// holds them at the start (walled cities larger and named).
fn map_preview(ui: &mut egui::Ui, s: &Scenario, size: egui::Vec2) {
    use crate::scenario::raw::Walls;
    let (response, painter) = ui.allocate_painter(size, egui::Sense::hover());
    let rect = response.rect;
    painter.rect_filled(rect, 4.0, egui::Color32::from_rgb(226, 216, 190));
    if s.regions.is_empty() {
        return;
    }
    let (mut lon0, mut lon1, mut lat0, mut lat1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for r in &s.regions {
        lon0 = lon0.min(r.lon);
        lon1 = lon1.max(r.lon);
        lat0 = lat0.min(r.lat);
        lat1 = lat1.max(r.lat);
    }
    // East-west squeezed by the cosine of the middle latitude, as on the map.
    let squeeze = ((lat0 + lat1) / 2.0).to_radians().cos().abs().max(0.1);
    let span_x = ((lon1 - lon0) * squeeze).max(0.01);
    let span_y = (lat1 - lat0).max(0.01);
    let inner = rect.shrink(14.0);
    let k = (f64::from(inner.width()) / span_x).min(f64::from(inner.height()) / span_y);
    let centre = inner.center();
    let at = |lat: f64, lon: f64| {
        let x = ((lon - (lon0 + lon1) / 2.0) * squeeze * k) as f32;
        let y = (((lat0 + lat1) / 2.0 - lat) * k) as f32;
        centre + egui::vec2(x, y)
    };
    let road = egui::Stroke::new(1.5, egui::Color32::from_rgb(140, 120, 90));
    for route in &s.routes {
        let (a, b) = (&s.regions[route.a.index()], &s.regions[route.b.index()]);
        painter.line_segment([at(a.lat, a.lon), at(b.lat, b.lon)], road);
    }
    let font = egui::FontId::proportional(10.0);
    for r in &s.regions {
        let p = at(r.lat, r.lon);
        let fill = r.control.map_or(egui::Color32::from_gray(150), |f| {
            colour(s.factions[f.index()].colour)
        });
        let city = matches!(r.walls, Walls::Walled | Walls::Fortress);
        let radius = if city { 4.5 } else { 3.0 };
        painter.circle(
            p,
            radius,
            fill,
            egui::Stroke::new(1.0, egui::Color32::from_gray(40)),
        );
        if city {
            painter.text(
                p + egui::vec2(0.0, -5.0),
                egui::Align2::CENTER_BOTTOM,
                &r.name,
                font.clone(),
                egui::Color32::from_gray(30),
            );
        }
    }
    response.on_hover_text(
        "The campaign's places and roads; each place in the colour of its holder at the start",
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::params::Rules;

    #[test]
    fn the_subtitle_spans_the_years_of_the_campaigns_on_offer() {
        let rules = Rules::shipped().unwrap();
        let shipped = crate::game::catalog::shipped(&rules);
        assert_eq!(
            subtitle(&shipped),
            "Campaigns of the Tang on its western and northern frontiers, 630–747"
        );
        let one: Vec<Entry> = shipped
            .into_iter()
            .filter(|e| e.scenario.as_ref().is_some_and(|s| s.id == "717_aksu"))
            .collect();
        assert_eq!(
            subtitle(&one),
            "A campaign of the Tang on its frontiers, 717"
        );
        assert_eq!(subtitle(&[]), "No campaign loads");
    }
}
