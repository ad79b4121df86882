//! Turns a [`RawScenario`] into a typed [`Scenario`], reporting every
//! problem in the file at once, each at its line and column.
//!
//! The validator reads the file section by section, always in the same
//! order, so its diagnostics come out in the same order on every run. This
//! file holds the loader, the validator with its id tables and lookups, the
//! scenario's heading (id, title, source texts) and the order of the
//! sections; each group of sections has its own file:
//!
//! - `map`: sides, factions, regions, routes, and whether ordered marches
//!   can reach where they go;
//! - `forces`: army ids, commanders, armies with their contingents and
//!   baggage, detachments, totals over several armies;
//! - `timeline`: dates and turns, events (triggers and effects), victory
//!   conditions and the conditions they are made of;
//! - `history`: historical orders, outcome checks, variants;
//! - `figures`: provenance, counts, dates, ratings and shares, and the
//!   quotes that document them.

mod figures;
mod forces;
mod history;
mod map;
mod timeline;

use std::collections::{BTreeMap, HashMap};

use super::model::*;
use super::notes::{Note, is_note};
use super::raw::*;
use super::sources::SourceLibrary;
use crate::diagnostics::locate::Step;
use crate::diagnostics::{Diagnostic, Reporter, did_you_mean, from_ron_error};
use crate::path;

pub use map::{haversine_km, reachable};

/// The outcome of loading one file: the scenario if it has no errors, and
/// every diagnostic (warnings too).
pub struct Loaded {
    pub scenario: Option<Scenario>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses and validates a scenario file's text. Roads the file gives no
/// length for are laid by the rules afterwards (`Rules::lay_roads`); the
/// game layer's `catalog::load_scenario` does both.
pub fn load_str(file: &str, src: &str, sources: &SourceLibrary) -> Loaded {
    let raw: RawScenario = match ron::Options::default().from_str(src) {
        Ok(raw) => raw,
        Err(e) => {
            return Loaded {
                scenario: None,
                diagnostics: vec![from_ron_error(file, src, &e)],
            };
        }
    };
    let mut rep = Reporter::new(file, src);
    let scenario = Validator::new(&raw, &mut rep, sources).run();
    let diagnostics = rep.finish();
    let ok = !diagnostics.iter().any(Diagnostic::is_error);
    Loaded {
        scenario: if ok { scenario } else { None },
        diagnostics,
    }
}

type P = Vec<Step>;

/// The most factions (or sides) in a scenario: the rules keep a 64-bit set of them.
pub const MAX_FACTIONS: usize = 64;
/// The most regions, commanders, armies or events of a scenario (ids are 16-bit).
pub const MAX_ITEMS: usize = 10_000;
/// The most armies, detachments included.
pub const MAX_ARMIES: usize = 10_000;
/// The most routes.
pub const MAX_ROUTES: usize = 20_000;
/// The longest id.
pub const MAX_ID_LEN: usize = 64;
/// The most men in one army.
pub const MAX_ARMY_MEN: u64 = 10_000_000;
/// The most men in a whole scenario, reinforcements included: every sum of
/// men the rules make stays far below `u32::MAX`.
pub const MAX_SCENARIO_MEN: u64 = 100_000_000;

fn with(base: &[Step], more: &[Step]) -> P {
    let mut p = base.to_vec();
    p.extend_from_slice(more);
    p
}

struct Validator<'a, 'r> {
    raw: &'a RawScenario,
    rep: &'r mut Reporter<'a>,
    sources: &'a SourceLibrary,
    faction_ids: HashMap<&'a str, FactionId>,
    side_ids: HashMap<&'a str, SideId>,
    region_ids: HashMap<&'a str, RegionId>,
    commander_ids: HashMap<&'a str, CommanderId>,
    army_ids: HashMap<&'a str, ArmyId>,
    event_ids: HashMap<&'a str, EventId>,
    /// Every army, in the order of `army_ids`: on the map, arriving by
    /// event, split off by a historical order.
    army_specs: Vec<ArmySpec>,
    /// Notes read so far, by file name, each parsed once.
    notes: HashMap<String, Note>,
    /// The words of every note fact a figure points at: (note, fact id) → text.
    fact_texts: BTreeMap<(String, String), String>,
}

impl<'a, 'r> Validator<'a, 'r> {
    fn new(raw: &'a RawScenario, rep: &'r mut Reporter<'a>, sources: &'a SourceLibrary) -> Self {
        Validator {
            raw,
            rep,
            sources,
            faction_ids: HashMap::new(),
            side_ids: HashMap::new(),
            region_ids: HashMap::new(),
            commander_ids: HashMap::new(),
            army_ids: HashMap::new(),
            event_ids: HashMap::new(),
            army_specs: Vec::new(),
            notes: HashMap::new(),
            fact_texts: BTreeMap::new(),
        }
    }

    /// The whole file, section by section.
    fn run(mut self) -> Option<Scenario> {
        self.heading();
        // Ids of every kind first, so references can point forward.
        self.register_ids();
        let armies = self.register_armies();
        let (sides, side_of) = self.sides();
        let factions = self.factions(&side_of);
        let mut regions = self.regions();
        let routes = self.routes(&mut regions);
        let commanders = self.commanders();
        self.armies(&armies.written, &commanders);
        self.baggage(&armies.written);
        self.detachments(&armies.splits);
        self.totals();
        let calendar = self.calendar();
        let events = self.events(&calendar);
        let victory = self.victory();
        let limit = calendar.limit;
        let numbered = self.historical_orders(limit);
        let outcome = self.outcome();
        let variants = self.variants(&outcome, limit);
        // Every region an army is ordered to reach must be connected to where it starts.
        self.check_reachable(&regions, &routes, &numbered);
        let orders = numbered.into_iter().map(|(_, o)| o).collect();
        self.men_in_all(&events);

        if self.rep.has_errors() {
            return None;
        }
        let raw = self.raw;
        Some(Scenario {
            id: raw.id.clone(),
            title: raw.title.clone(),
            start: calendar.start?,
            end: calendar.end?,
            briefing: raw.briefing.clone(),
            seed: raw.seed,
            factions,
            sides,
            regions,
            routes,
            commanders,
            armies: self.army_specs,
            turns: Turns {
                start: calendar.turn_start?,
                days_per_turn: calendar.days_per_turn,
                limit,
            },
            events,
            victory,
            history: History {
                summary: raw.history.summary.clone(),
                orders,
                variants,
                outcome,
            },
            fact_texts: self.fact_texts,
            raw: raw.clone(),
        })
    }

    /// All the men of the scenario, its armies and every reinforcement, are
    /// few enough that no sum the rules make of them can overflow.
    fn men_in_all(&mut self, events: &[crate::scenario::model::Event]) {
        let in_armies: u64 = self
            .army_specs
            .iter()
            .flat_map(|a| &a.contingents)
            .map(|c| c.1 as u64)
            .sum();
        let reinforcing: u64 = events
            .iter()
            .flat_map(|e| &e.effects)
            .map(|e| match e {
                crate::scenario::model::Effect::Reinforce { contingents, .. } => {
                    contingents.iter().map(|c| c.1 as u64).sum()
                }
                _ => 0,
            })
            .sum();
        let all = in_armies + reinforcing;
        if all > MAX_SCENARIO_MEN {
            self.rep.error(
                &path![f "armies"],
                format!("the armies and reinforcements add up to {all} men"),
                format!("at most {MAX_SCENARIO_MEN} men in all"),
            );
        }
    }

    /// The scenario's own id and title, and whether its source texts are at hand.
    fn heading(&mut self) {
        let raw = self.raw;
        self.check_id_text(&path![f "id"], &raw.id, "scenario");
        if raw.title.trim().is_empty() {
            self.rep
                .error(&path![f "title"], "the scenario has no title", "a title");
        }
        for (i, s) in raw.sources.iter().enumerate() {
            // A bare file name: the game reads source texts from its own folder and
            // the mod's `sources/` folder only, never from a path a file names.
            let name = std::path::Path::new(&s.file);
            let bare = name.file_name().is_some_and(|n| n == name.as_os_str())
                && !s.file.contains(['/', '\\'])
                && s.file != ".."
                && s.file != ".";
            if !bare {
                self.rep.error(
                    &path![f "sources", i i, f "file"],
                    format!("`{}` is a path, not a file name", s.file),
                    "the name of a file in the `sources` folder, such as `my_notes.txt`",
                );
                continue;
            }
            if let Some(text) = self.sources.text(&s.file)
                && is_note(text)
            {
                let note = Note::parse(text);
                for problem in note.problems() {
                    self.rep.error(
                        &path![f "sources", i i, f "file"],
                        format!("the note `{}`: {problem}", s.file),
                        "a note in our own words, each fact on one line with its citation",
                    );
                }
                self.notes.insert(s.file.clone(), note);
            }
            if self.sources.text(&s.file).is_none() {
                self.rep.warning(
                    &path![f "sources", i i, f "file"],
                    format!(
                        "the text of `{}` was not found; its quotes cannot be checked",
                        s.file
                    ),
                    "a source text beside the scenario or shipped with the game",
                );
            }
        }
    }

    /// Registers the ids of factions, sides, regions, commanders and events.
    /// Armies are registered with the forces (`register_armies`).
    fn register_ids(&mut self) {
        let raw = self.raw;
        let ids = raw
            .factions
            .iter()
            .enumerate()
            .map(|(i, f)| (f.id.as_str(), path![f "factions", i i, f "id"]))
            .collect();
        self.register(|v| &mut v.faction_ids, ids, "faction", FactionId);
        let ids = raw
            .sides
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), path![f "sides", i i, f "id"]))
            .collect();
        self.register(|v| &mut v.side_ids, ids, "side", SideId);
        let ids = raw
            .regions
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.as_str(), path![f "regions", i i, f "id"]))
            .collect();
        self.register(|v| &mut v.region_ids, ids, "region", RegionId);
        let ids = raw
            .commanders
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), path![f "commanders", i i, f "id"]))
            .collect();
        self.register(|v| &mut v.commander_ids, ids, "commander", CommanderId);
        let ids = raw
            .events
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.as_str(), path![f "events", i i, f "id"]))
            .collect();
        self.register(|v| &mut v.event_ids, ids, "event", EventId);
    }

    fn check_id_text(&mut self, path: &[Step], id: &str, what: &str) {
        if id.len() > MAX_ID_LEN {
            self.rep.error(
                path,
                format!("a {what} id of {} bytes", id.len()),
                format!("an id of at most {MAX_ID_LEN} characters"),
            );
            return;
        }
        let ok = !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
        if !ok {
            self.rep.error(
                path,
                format!("{what} id `{id}` is not a valid id"),
                "lower-case letters, digits, `_` or `-`",
            );
        }
    }

    fn unknown(&mut self, path: &[Step], what: &str, id: &str, known: Vec<&str>) {
        let help = did_you_mean(id, known.iter().copied());
        let message = match &help {
            Some(h) => format!("unknown {what} `{id}`; {h}"),
            None => format!("unknown {what} `{id}`"),
        };
        self.rep.error_help(
            path,
            message,
            format!("the id of a {what} in this file"),
            help.map(|_| format!("known {what}s: {}", known.join(", "))),
        );
    }

    fn faction(&mut self, path: &[Step], id: &str) -> Option<FactionId> {
        match self.faction_ids.get(id) {
            Some(f) => Some(*f),
            None => {
                let known: Vec<&str> = self.raw.factions.iter().map(|f| f.id.as_str()).collect();
                self.unknown(path, "faction", id, known);
                None
            }
        }
    }

    fn factions_or_side(&mut self, path: &[Step], id: &str) -> Option<Factions> {
        if let Some(f) = self.faction_ids.get(id) {
            return Some(Factions(vec![*f]));
        }
        if let Some(s) = self.side_ids.get(id) {
            let side = &self.raw.sides[s.index()];
            return Some(Factions(
                side.factions
                    .iter()
                    .filter_map(|f| self.faction_ids.get(f.as_str()).copied())
                    .collect(),
            ));
        }
        let mut known: Vec<&str> = self.raw.factions.iter().map(|f| f.id.as_str()).collect();
        known.extend(self.raw.sides.iter().map(|s| s.id.as_str()));
        self.unknown(path, "faction or side", id, known);
        None
    }

    fn region(&mut self, path: &[Step], id: &str) -> Option<RegionId> {
        match self.region_ids.get(id) {
            Some(r) => Some(*r),
            None => {
                let known: Vec<&str> = self.raw.regions.iter().map(|r| r.id.as_str()).collect();
                self.unknown(path, "region", id, known);
                None
            }
        }
    }

    fn commander(&mut self, path: &[Step], id: &str) -> Option<CommanderId> {
        match self.commander_ids.get(id) {
            Some(c) => Some(*c),
            None => {
                let known: Vec<&str> = self.raw.commanders.iter().map(|c| c.id.as_str()).collect();
                self.unknown(path, "commander", id, known);
                None
            }
        }
    }

    fn army(&mut self, path: &[Step], id: &str) -> Option<ArmyId> {
        match self.army_ids.get(id) {
            Some(a) => Some(*a),
            None => {
                // In the file's order, so the suggestion and the list are the same on every run.
                let mut known: Vec<(&str, ArmyId)> =
                    self.army_ids.iter().map(|(k, v)| (*k, *v)).collect();
                known.sort_by_key(|(_, v)| *v);
                self.unknown(
                    path,
                    "army",
                    id,
                    known.into_iter().map(|(k, _)| k).collect(),
                );
                None
            }
        }
    }

    fn armies_list(&mut self, path: &[Step], ids: &[String]) -> Vec<ArmyId> {
        ids.iter()
            .enumerate()
            .filter_map(|(i, a)| self.army(&with(path, &path![i i]), a))
            .collect()
    }

    fn event(&mut self, path: &[Step], id: &str) -> Option<EventId> {
        match self.event_ids.get(id) {
            Some(e) => Some(*e),
            None => {
                let known: Vec<&str> = self.raw.events.iter().map(|e| e.id.as_str()).collect();
                self.unknown(path, "event", id, known);
                None
            }
        }
    }

    /// Registers ids of one kind, reporting duplicates at the second one.
    fn register<T: Copy>(
        &mut self,
        map_of: fn(&mut Self) -> &mut HashMap<&'a str, T>,
        ids: Vec<(&'a str, P)>,
        what: &str,
        make: fn(u16) -> T,
    ) {
        // Factions are counted in a 64-bit set; ids are 16-bit.
        let limit = if what == "faction" || what == "side" {
            MAX_FACTIONS
        } else {
            MAX_ITEMS
        };
        for (n, (id, path)) in ids.into_iter().enumerate() {
            if n >= limit {
                self.rep.error(
                    &path,
                    format!("more than {limit} {what}s"),
                    format!("at most {limit} {what}s in one scenario"),
                );
                break;
            }
            self.check_id_text(&path, id, what);
            if map_of(self).contains_key(id) {
                self.rep.error(
                    &path,
                    format!("duplicate {what} id `{id}`"),
                    format!("an id no other {what} has"),
                );
            } else {
                map_of(self).insert(id, make(n as u16));
            }
        }
    }
}
