//! Turns a [`RawScenario`] into a typed [`Scenario`], reporting every
//! problem in the file at once, each at its line and column.

use std::collections::{HashMap, HashSet, VecDeque};

use crate::core::date::Date;
use crate::diagnostics::{Diagnostic, Reporter, did_you_mean, from_ron_error};
use crate::diagnostics::locate::Step;
use super::model::*;
use super::raw::*;
use super::sources::SourceLibrary;
use crate::path;
use crate::core::order::Order;

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
    let diagnostics = rep.diagnostics;
    let ok = !diagnostics.iter().any(Diagnostic::is_error);
    Loaded {
        scenario: if ok { scenario } else { None },
        diagnostics,
    }
}

type P = Vec<Step>;

fn with(base: &[Step], more: &[Step]) -> P {
    let mut p = base.to_vec();
    p.extend_from_slice(more);
    p
}

struct Validator<'a, 'r> {
    raw: &'a RawScenario,
    rep: &'r mut Reporter<'a>,
    sources: &'a SourceLibrary,
    factions: HashMap<&'a str, FactionId>,
    sides: HashMap<&'a str, SideId>,
    regions: HashMap<&'a str, RegionId>,
    commanders: HashMap<&'a str, CommanderId>,
    armies: HashMap<&'a str, ArmyId>,
    events: HashMap<&'a str, EventId>,
    army_specs: Vec<ArmySpec>,
    army_paths: Vec<P>,
}

impl<'a, 'r> Validator<'a, 'r> {
    fn new(
        raw: &'a RawScenario,
        rep: &'r mut Reporter<'a>,
        sources: &'a SourceLibrary,
    ) -> Self {
        Validator {
            raw,
            rep,
            sources,
            factions: HashMap::new(),
            sides: HashMap::new(),
            regions: HashMap::new(),
            commanders: HashMap::new(),
            armies: HashMap::new(),
            events: HashMap::new(),
            army_specs: Vec::new(),
            army_paths: Vec::new(),
        }
    }

    // ----- ids -----------------------------------------------------------

    fn check_id_text(&mut self, path: &[Step], id: &str, what: &str) {
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
        match self.factions.get(id) {
            Some(f) => Some(*f),
            None => {
                let known: Vec<&str> = self.raw.factions.iter().map(|f| f.id.as_str()).collect();
                self.unknown(path, "faction", id, known);
                None
            }
        }
    }

    fn factions_or_side(&mut self, path: &[Step], id: &str) -> Option<Factions> {
        if let Some(f) = self.factions.get(id) {
            return Some(Factions(vec![*f]));
        }
        if let Some(s) = self.sides.get(id) {
            let side = &self.raw.sides[s.index()];
            return Some(Factions(
                side.factions
                    .iter()
                    .filter_map(|f| self.factions.get(f.as_str()).copied())
                    .collect(),
            ));
        }
        let mut known: Vec<&str> = self.raw.factions.iter().map(|f| f.id.as_str()).collect();
        known.extend(self.raw.sides.iter().map(|s| s.id.as_str()));
        self.unknown(path, "faction or side", id, known);
        None
    }

    fn region(&mut self, path: &[Step], id: &str) -> Option<RegionId> {
        match self.regions.get(id) {
            Some(r) => Some(*r),
            None => {
                let known: Vec<&str> = self.raw.regions.iter().map(|r| r.id.as_str()).collect();
                self.unknown(path, "region", id, known);
                None
            }
        }
    }

    fn commander(&mut self, path: &[Step], id: &str) -> Option<CommanderId> {
        match self.commanders.get(id) {
            Some(c) => Some(*c),
            None => {
                let known: Vec<&str> = self.raw.commanders.iter().map(|c| c.id.as_str()).collect();
                self.unknown(path, "commander", id, known);
                None
            }
        }
    }

    fn army(&mut self, path: &[Step], id: &str) -> Option<ArmyId> {
        match self.armies.get(id) {
            Some(a) => Some(*a),
            None => {
                // In the file's order, so the suggestion and the list are the same on every run.
                let mut known: Vec<(&str, ArmyId)> =
                    self.armies.iter().map(|(k, v)| (*k, *v)).collect();
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
        match self.events.get(id) {
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
        for (n, (id, path)) in ids.into_iter().enumerate() {
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

    // ----- figures and provenance ---------------------------------------

    fn check_source(&mut self, path: &[Step], source: &str, quote: &str) {
        if source.trim().is_empty() {
            self.rep.error(
                path,
                "a documented figure without a source",
                "the file name of a source text listed in `sources`",
            );
            return;
        }
        if !self.raw.sources.iter().any(|s| s.file == source) {
            let known: Vec<&str> = self.raw.sources.iter().map(|s| s.file.as_str()).collect();
            let help = did_you_mean(source, known.iter().copied());
            self.rep.error_help(
                &with(path, &path![f "source"]),
                format!("source `{source}` is not listed in the scenario's `sources`"),
                "a file named in `sources`",
                help,
            );
            return;
        }
        if quote.trim().is_empty() {
            self.rep.error(
                &with(path, &path![f "quote"]),
                "a documented figure without a quote",
                "the words of the source the figure is read from",
            );
            return;
        }
        match self.sources.text(source) {
            Some(text) => {
                if !normalise(text).contains(&normalise(quote)) {
                    self.rep.error(
                        &with(path, &path![f "quote"]),
                        format!("the quote is not in `{source}`"),
                        "words copied verbatim from the source text",
                    );
                }
            }
            None => self.rep.warning(
                &with(path, &path![f "source"]),
                format!("the text of `{source}` was not found, so the quote was not checked"),
                "a source text in the scenario's `sources/` folder or shipped with the game",
            ),
        }
    }

    fn check_provenance(&mut self, path: &[Step], p: &Provenance) {
        match p {
            Provenance::Documented { source, quote } => self.check_source(path, source, quote),
            Provenance::Estimate { reason } => {
                if reason.trim().is_empty() {
                    self.rep.error(
                        &with(path, &path![f "reason"]),
                        "an estimate without a reason",
                        "the reasoning behind the estimate",
                    );
                }
            }
        }
    }

    /// Checks a numeric figure and returns the value used in play.
    fn count(
        &mut self,
        path: &[Step],
        f: &Figure<u32>,
        what: &str,
        must_be_positive: bool,
    ) -> Option<u32> {
        match f {
            Figure::Documented {
                value,
                source,
                quote,
            } => {
                self.check_source(path, source, quote);
                if !quote_has_number(quote, *value) {
                    self.rep.error(
                        &with(path, &path![f "value"]),
                        format!(
                            "documented {what} {value} does not appear in its quote \"{quote}\""
                        ),
                        "the number the quote gives",
                    );
                }
            }
            Figure::Estimate { reason, .. } => {
                if reason.trim().is_empty() {
                    self.rep.error(
                        &with(path, &path![f "reason"]),
                        format!("an estimated {what} without a reason"),
                        "the reasoning behind the estimate",
                    );
                }
            }
            Figure::Unknown { reason, .. } => {
                if reason.trim().is_empty() {
                    self.rep.error(
                        &with(path, &path![f "reason"]),
                        format!("an unknown {what} without a reason"),
                        "what the sources say and why the estimate",
                    );
                }
            }
        }
        let value = f.value();
        if value.is_some_and(|v| v > 10_000_000) {
            self.rep.error(
                &with(path, &path![f "value"]),
                format!(
                    "{what} of {} is more than the game can count",
                    value.unwrap_or(0)
                ),
                "a number up to 10,000,000",
            );
            return None;
        }
        match value {
            None if must_be_positive => {
                self.rep.error(
                    path,
                    format!("the {what} is unknown and has no estimate"),
                    "`Unknown(estimate: Some(N), reason: ...)`: the game needs a number to play",
                );
                None
            }
            Some(0) if must_be_positive => {
                self.rep.error(
                    &with(path, &path![f "value"]),
                    format!("{what} of 0"),
                    "a number above 0",
                );
                None
            }
            v => v,
        }
    }

    fn date_figure(&mut self, path: &[Step], f: &Figure<String>) -> Option<Date> {
        match f {
            Figure::Documented {
                value,
                source,
                quote,
            } => {
                self.check_source(path, source, quote);
                if let Ok(d) = Date::parse(value) {
                    let year = d.ymd().0.to_string();
                    if !quote.contains(&year) {
                        self.rep.error(
                            &with(path, &path![f "quote"]),
                            format!(
                                "documented date {value}: the quote does not give the year {year}"
                            ),
                            "the words of the source giving the date",
                        );
                    }
                }
            }
            Figure::Estimate { reason, .. } | Figure::Unknown { reason, .. } => {
                if reason.trim().is_empty() {
                    self.rep.error(
                        &with(path, &path![f "reason"]),
                        "an estimated date without a reason",
                        "the reasoning behind the date",
                    );
                }
            }
        }
        let Some(text) = f.value() else {
            self.rep.error(
                path,
                "the date is unknown and has no estimate",
                "`Unknown(estimate: Some(\"YYYY-MM-DD\"), reason: ...)`: the game needs a date",
            );
            return None;
        };
        self.date(&with(path, &path![f "value"]), &text)
    }

    fn date(&mut self, path: &[Step], text: &str) -> Option<Date> {
        match Date::parse(text) {
            Ok(d) => Some(d),
            Err(why) => {
                self.rep.error(path, why, "a date \"YYYY-MM-DD\"");
                None
            }
        }
    }

    fn whole(&mut self, path: &[Step], v: i64, what: &str, min: i64, max: i64) -> u32 {
        if v < min || v > max {
            self.rep.error(
                path,
                format!("{what} is {v}"),
                format!("a whole number from {min} to {max}"),
            );
            return min.max(0) as u32;
        }
        v as u32
    }

    fn rating(&mut self, path: &[Step], r: &Rating, what: &str) -> u8 {
        if !(1..=5).contains(&r.0) {
            self.rep.error(
                &with(path, &path![i 0]),
                format!("{what} rating {}", r.0),
                "a rating from 1 to 5",
            );
        }
        if r.1.trim().is_empty() {
            self.rep.error(
                &with(path, &path![i 1]),
                format!("{what} rating without a reason"),
                "a one-line reason from the sources",
            );
        }
        r.0.clamp(1, 5) as u8
    }

    fn share(&mut self, path: &[Step], v: f64, what: &str) -> f64 {
        if !(0.0..=1.0).contains(&v) {
            self.rep
                .error(path, format!("{what} is {v}"), "a share between 0 and 1");
            return v.clamp(0.0, 1.0);
        }
        v
    }

    // ----- armies ---------------------------------------------------------

    fn army_spec(&mut self, path: &[Step], a: &'a RawArmy, origin: Origin) -> ArmySpec {
        let faction = self
            .faction(&with(path, &path![f "faction"]), &a.faction)
            .unwrap_or(FactionId(0));
        let commander = a
            .commander
            .as_ref()
            .and_then(|c| self.commander(&with(path, &path![f "commander"]), c));
        let companions = a
            .companions
            .iter()
            .enumerate()
            .filter_map(|(i, c)| self.commander(&with(path, &path![f "companions", i i]), c))
            .collect();
        let at = self
            .region(&with(path, &path![f "at"]), &a.at)
            .unwrap_or(RegionId(0));
        if a.contingents.is_empty() {
            self.rep.error(
                &with(path, &path![f "contingents"]),
                format!("army `{}` has no contingents", a.id),
                "at least one contingent",
            );
        }
        let mut contingents = Vec::new();
        for (i, c) in a.contingents.iter().enumerate() {
            if let Some(n) = self.count(
                &with(path, &path![f "contingents", i i, f "strength"]),
                &c.strength,
                "strength",
                true,
            ) {
                contingents.push((c.kind, n));
            }
        }
        if let Some(total) = &a.total
            && let Some(t) = self.count(&with(path, &path![f "total"]), total, "total", true)
        {
            let sum: u32 = contingents.iter().map(|c| c.1).sum();
            if sum != t {
                self.rep.error(
                    &with(path, &path![f "total"]),
                    format!(
                        "army `{}`: contingents add up to {sum}, not the total {t}",
                        a.id
                    ),
                    "contingents that add up to the army's total",
                );
            }
        }
        let supply_days = self
            .count(
                &with(path, &path![f "supply_days"]),
                &a.supply_days,
                "supply",
                false,
            )
            .unwrap_or(0);
        let baggage = a.baggage.as_ref().map(|b| {
            let bp = with(path, &path![f "baggage"]);
            let days = self
                .count(&with(&bp, &path![f "days"]), &b.days, "baggage", true)
                .unwrap_or(0);
            // Feeds are resolved once every army is registered.
            BaggageSpec {
                days,
                feeds: Vec::new(),
            }
        });
        ArmySpec {
            id: a.id.clone(),
            name: a.name.clone(),
            faction,
            commander,
            companions,
            at,
            contingents,
            supply_days,
            posture: a.posture,
            garrison: a.garrison,
            baggage,
            origin,
        }
    }

    // ----- conditions and orders -------------------------------------------

    fn condition(&mut self, path: &[Step], c: &RawCondition) -> Option<Condition> {
        let p = |more: &[Step]| with(path, more);
        Some(match c {
            RawCondition::Controls { region, by } => Condition::Controls {
                region: self.region(&p(&path![f "region"]), region)?,
                by: self.factions_or_side(&p(&path![f "by"]), by)?,
            },
            RawCondition::EverControlled { region, by } => Condition::EverControlled {
                region: self.region(&p(&path![f "region"]), region)?,
                by: self.factions_or_side(&p(&path![f "by"]), by)?,
            },
            RawCondition::Captured(c) => Condition::Captured(self.commander(&p(&path![i 0]), c)?),
            RawCondition::Dead(c) => Condition::Dead(self.commander(&p(&path![i 0]), c)?),
            RawCondition::Lost { armies, share } => {
                let s = self.share(&p(&path![f "share"]), *share, "lost share");
                Condition::Lost {
                    armies: self.armies_list(&p(&path![f "armies"]), armies),
                    share: s,
                }
            }
            RawCondition::Beaten(a) => Condition::Beaten(self.army(&p(&path![i 0]), a)?),
            RawCondition::WonAgainst { winner, loser } => Condition::WonAgainst {
                winner: self.army(&p(&path![f "winner"]), winner)?,
                loser: self.army(&p(&path![f "loser"]), loser)?,
            },
            RawCondition::FirstBattleWon(a) => {
                Condition::FirstBattleWon(self.army(&p(&path![i 0]), a)?)
            }
            RawCondition::FewerLosses { these, than } => {
                let set = |field: &'static str, ids: &Vec<String>, v: &mut Self| {
                    let mut out = Vec::new();
                    for (i, id) in ids.iter().enumerate() {
                        if let Some(f) = v.factions_or_side(&with(path, &path![f field, i i]), id) {
                            out.extend(f.0);
                        }
                    }
                    Factions(out)
                };
                let a = set("these", these, self);
                let b = set("than", than, self);
                Condition::FewerLosses { these: a, than: b }
            }
            RawCondition::SeatAt { seat, region } => Condition::SeatAt {
                seat: seat.clone(),
                region: self.region(&p(&path![f "region"]), region)?,
            },
            RawCondition::ArmyAt { army, region } => Condition::ArmyAt {
                army: self.army(&p(&path![f "army"]), army)?,
                region: self.region(&p(&path![f "region"]), region)?,
            },
            RawCondition::All(list) | RawCondition::Any(list) => {
                let mut out = Vec::new();
                for (i, c) in list.iter().enumerate() {
                    if let Some(c) = self.condition(&p(&path![i 0, i i]), c) {
                        out.push(c);
                    }
                }
                if matches!(c, RawCondition::All(_)) {
                    Condition::All(out)
                } else {
                    Condition::Any(out)
                }
            }
            RawCondition::Not(inner) => {
                Condition::Not(Box::new(self.condition(&p(&path![i 0]), inner)?))
            }
        })
    }

    fn order(&mut self, path: &[Step], army: Option<ArmyId>, o: &RawOrder) -> Option<Order> {
        let p = |more: &[Step]| with(path, more);
        Some(match o {
            RawOrder::March { to, via } => {
                let to = self.region(&p(&path![f "to"]), to)?;
                let via = via
                    .iter()
                    .enumerate()
                    .filter_map(|(i, r)| self.region(&p(&path![f "via", i i]), r))
                    .collect();
                Order::March { to, via }
            }
            RawOrder::Attack { target, timing } => Order::Attack {
                target: self.army(&p(&path![f "target"]), target)?,
                timing: *timing,
            },
            RawOrder::Assault { timing } => Order::Assault { timing: *timing },
            RawOrder::Besiege => Order::Besiege,
            RawOrder::Fortify => Order::Fortify,
            RawOrder::Forage => Order::Forage,
            RawOrder::Raid => Order::Raid,
            RawOrder::Ambush => Order::Ambush,
            RawOrder::Hold => Order::Hold,
            RawOrder::Withdraw { to } => Order::Withdraw {
                to: self.region(&p(&path![f "to"]), to)?,
            },
            RawOrder::Pursue { target } => Order::Pursue {
                target: self.army(&p(&path![f "target"]), target)?,
            },
            RawOrder::Split {
                id,
                name,
                commander,
                contingents,
                baggage,
            } => {
                let commander = commander
                    .as_ref()
                    .and_then(|c| self.commander(&p(&path![f "commander"]), c));
                for (i, (_, n)) in contingents.iter().enumerate() {
                    if *n == 0 {
                        self.rep.error(
                            &p(&path![f "contingents", i i]),
                            "a detachment of 0 men",
                            "a number above 0",
                        );
                    }
                }
                Order::Split {
                    id: id.clone(),
                    name: name.clone(),
                    commander,
                    contingents: contingents.clone(),
                    baggage: *baggage,
                }
            }
            RawOrder::Merge { into } => {
                let into = self.army(&p(&path![f "into"]), into)?;
                if Some(into) == army {
                    self.rep.error(
                        &p(&path![f "into"]),
                        "an army cannot merge into itself",
                        "another army",
                    );
                }
                Order::Merge { into }
            }
            RawOrder::InstallRuler { ruler } => Order::InstallRuler {
                ruler: self.commander(&p(&path![f "ruler"]), ruler)?,
            },
            RawOrder::Execute { commander } => Order::Execute {
                commander: self.commander(&p(&path![f "commander"]), commander)?,
            },
        })
    }

    fn timed_order(&mut self, path: &[Step], o: &RawTimedOrder, limit: u32) -> Option<TimedOrder> {
        let turn = self.whole(
            &with(path, &path![f "turn"]),
            o.turn,
            "turn",
            1,
            limit.max(1) as i64,
        );
        let army = self.army(&with(path, &path![f "army"]), &o.army);
        let order = self.order(&with(path, &path![f "order"]), army, &o.order)?;
        Some(TimedOrder {
            turn,
            army: army?,
            order,
        })
    }

    // ----- the whole file ----------------------------------------------------

    fn run(mut self) -> Option<Scenario> {
        let raw = self.raw;
        self.check_id_text(&path![f "id"], &raw.id, "scenario");
        if raw.title.trim().is_empty() {
            self.rep
                .error(&path![f "title"], "the scenario has no title", "a title");
        }
        for (i, s) in raw.sources.iter().enumerate() {
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

        // Ids of every kind first, so references can point forward.
        let ids = raw
            .factions
            .iter()
            .enumerate()
            .map(|(i, f)| (f.id.as_str(), path![f "factions", i i, f "id"]))
            .collect();
        self.register(|v| &mut v.factions, ids, "faction", FactionId);
        let ids = raw
            .sides
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), path![f "sides", i i, f "id"]))
            .collect();
        self.register(|v| &mut v.sides, ids, "side", SideId);
        let ids = raw
            .regions
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.as_str(), path![f "regions", i i, f "id"]))
            .collect();
        self.register(|v| &mut v.regions, ids, "region", RegionId);
        let ids = raw
            .commanders
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), path![f "commanders", i i, f "id"]))
            .collect();
        self.register(|v| &mut v.commanders, ids, "commander", CommanderId);
        let ids = raw
            .events
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.as_str(), path![f "events", i i, f "id"]))
            .collect();
        self.register(|v| &mut v.events, ids, "event", EventId);

        // Armies: those on the map, those that arrive by event, detachments split off by history.
        let mut army_src: Vec<(&'a RawArmy, P, Origin)> = Vec::new();
        for (i, a) in raw.armies.iter().enumerate() {
            army_src.push((a, path![f "armies", i i], Origin::Start));
        }
        for (i, e) in raw.events.iter().enumerate() {
            for (j, eff) in e.effects.iter().enumerate() {
                if let RawEffect::Arrive(a) = eff {
                    army_src.push((
                        a,
                        path![f "events", i i, f "effects", i j, i 0],
                        Origin::Event(EventId(i as u16)),
                    ));
                }
            }
        }
        let ids = army_src
            .iter()
            .map(|(a, p, _)| (a.id.as_str(), with(p, &path![f "id"])))
            .collect();
        self.register(|v| &mut v.armies, ids, "army", ArmyId);
        let mut split_ids: Vec<(&'a str, &'a str, P)> = Vec::new();
        for (i, o) in raw.history.orders.iter().enumerate() {
            if let RawOrder::Split { id, .. } = &o.order {
                split_ids.push((
                    id.as_str(),
                    o.army.as_str(),
                    path![f "history", f "orders", i i, f "order", f "id"],
                ));
            }
        }
        for (id, _, p) in &split_ids {
            if self.armies.contains_key(id) {
                self.rep.error(
                    p,
                    format!("duplicate army id `{id}`"),
                    "an id no other army has",
                );
            }
        }

        // Factions and sides.
        let mut factions = Vec::new();
        let mut side_of: Vec<Option<SideId>> = vec![None; raw.factions.len()];
        let mut sides = Vec::new();
        for (i, s) in raw.sides.iter().enumerate() {
            let mut fs = Vec::new();
            for (j, f) in s.factions.iter().enumerate() {
                let fp = path![f "sides", i i, f "factions", i j];
                if let Some(fid) = self.faction(&fp, f) {
                    if let Some(other) = side_of[fid.index()] {
                        self.rep.error(
                            &fp,
                            format!(
                                "faction `{f}` is already on side `{}`",
                                raw.sides[other.index()].id
                            ),
                            "each faction on one side only",
                        );
                    } else {
                        side_of[fid.index()] = Some(SideId(i as u16));
                    }
                    fs.push(fid);
                }
            }
            sides.push(Side {
                id: s.id.clone(),
                name: s.name.clone(),
                factions: fs,
                led_by: s.led_by.clone(),
                player_default: s.player_default,
            });
        }
        if raw.sides.len() < 2 {
            self.rep.error(
                &path![f "sides"],
                format!("{} side(s)", raw.sides.len()),
                "at least two sides",
            );
        }
        if raw.sides.iter().filter(|s| s.player_default).count() != 1 {
            self.rep.error(
                &path![f "sides"],
                "no single side is marked `player_default: true`",
                "exactly one side the player takes by default",
            );
        }
        for (i, f) in raw.factions.iter().enumerate() {
            let colour = match parse_colour(&f.colour) {
                Some(c) => c,
                None => {
                    self.rep.error(
                        &path![f "factions", i i, f "colour"],
                        format!("colour `{}`", f.colour),
                        "a colour \"#rrggbb\"",
                    );
                    [128, 128, 128]
                }
            };
            let side = match side_of[i] {
                Some(s) => s,
                None => {
                    self.rep.error(
                        &path![f "factions", i i, f "id"],
                        format!("faction `{}` is on no side", f.id),
                        "the faction listed in one side's `factions`",
                    );
                    SideId(0)
                }
            };
            factions.push(Faction {
                id: f.id.clone(),
                name: f.name.clone(),
                colour,
                side,
            });
        }

        // Regions.
        let mut regions = Vec::new();
        for (i, r) in raw.regions.iter().enumerate() {
            let rp = path![f "regions", i i];
            if !(-90.0..=90.0).contains(&r.lat) {
                self.rep.error(
                    &with(&rp, &path![f "lat"]),
                    format!("latitude {}", r.lat),
                    "a latitude from -90 to 90",
                );
            }
            if !(-180.0..=180.0).contains(&r.lon) {
                self.rep.error(
                    &with(&rp, &path![f "lon"]),
                    format!("longitude {}", r.lon),
                    "a longitude from -180 to 180",
                );
            }
            self.check_provenance(&with(&rp, &path![f "position"]), &r.position);
            let control = r
                .control
                .as_ref()
                .and_then(|c| self.faction(&with(&rp, &path![f "control"]), c));
            let ruler = r
                .ruler
                .as_ref()
                .and_then(|c| self.commander(&with(&rp, &path![f "ruler"]), c));
            let (walls, moat, stores_days) = match &r.settlement {
                Some(s) => {
                    let sp = with(&rp, &path![f "settlement"]);
                    if let Some(pop) = &s.population {
                        self.count(&with(&sp, &path![f "population"]), pop, "population", false);
                    }
                    let days = self
                        .count(
                            &with(&sp, &path![f "stores_days"]),
                            &s.stores_days,
                            "stores",
                            false,
                        )
                        .unwrap_or(0);
                    (s.walls, s.moat, days)
                }
                None => (Walls::None, false, 0),
            };
            let livestock = match &r.livestock {
                Some(l) => self
                    .count(&with(&rp, &path![f "livestock"]), l, "livestock", false)
                    .unwrap_or(0),
                None => 0,
            };
            regions.push(Region {
                id: r.id.clone(),
                name: r.name.clone(),
                other_names: r.other_names.clone(),
                lat: r.lat,
                lon: r.lon,
                terrain: r.terrain,
                walls,
                moat,
                stores_days,
                control,
                ruler,
                seat: r.seat.clone(),
                livestock,
                routes: Vec::new(),
            });
        }

        // Routes.
        let mut routes = Vec::new();
        let mut seen_pairs = HashSet::new();
        for (i, r) in raw.routes.iter().enumerate() {
            let rp = path![f "routes", i i];
            let a = self.region(&with(&rp, &path![f "from"]), &r.from);
            let b = self.region(&with(&rp, &path![f "to"]), &r.to);
            let (Some(a), Some(b)) = (a, b) else { continue };
            if a == b {
                self.rep.error(
                    &with(&rp, &path![f "to"]),
                    format!("route from `{}` to itself", r.from),
                    "a route between two regions",
                );
                continue;
            }
            if !seen_pairs.insert((a.min(b), a.max(b))) {
                self.rep.error(
                    &rp,
                    format!("a second route between `{}` and `{}`", r.from, r.to),
                    "one route per pair of regions",
                );
            }
            let (ra, rb) = (&regions[a.index()], &regions[b.index()]);
            let straight_km = haversine_km(ra.lat, ra.lon, rb.lat, rb.lon);
            let given_km = match r.km {
                Some(km) if km.is_finite() && km > 0.0 => Some(km),
                Some(km) => {
                    self.rep.error(
                        &with(&rp, &path![f "km"]),
                        format!("route length {km}"),
                        "a length in km above 0",
                    );
                    Some(1.0)
                }
                None => None,
            };
            let id = RouteId(routes.len() as u16);
            regions[a.index()].routes.push(id);
            regions[b.index()].routes.push(id);
            routes.push(Route {
                a,
                b,
                // The straight line until the rules lay the road (`Scenario::lay_roads`).
                km: given_km.unwrap_or(straight_km.max(1.0)),
                given_km,
                straight_km,
                terrain: r.terrain,
                name: r.name.clone(),
                concealed: r.concealed,
            });
        }

        // Commanders.
        let mut commanders = Vec::new();
        for (i, c) in raw.commanders.iter().enumerate() {
            let cp = path![f "commanders", i i];
            let faction = self
                .faction(&with(&cp, &path![f "faction"]), &c.faction)
                .unwrap_or(FactionId(0));
            let command = self.rating(&with(&cp, &path![f "command"]), &c.command, "command");
            let tactics = self.rating(&with(&cp, &path![f "tactics"]), &c.tactics, "tactics");
            let logistics =
                self.rating(&with(&cp, &path![f "logistics"]), &c.logistics, "logistics");
            let guide_to = c
                .guide_to
                .iter()
                .enumerate()
                .filter_map(|(j, r)| self.region(&with(&cp, &path![f "guide_to", i j]), r))
                .collect();
            let at =
                c.at.as_ref()
                    .and_then(|r| self.region(&with(&cp, &path![f "at"]), r));
            self.check_provenance(&with(&cp, &path![f "source"]), &c.source);
            commanders.push(Commander {
                id: c.id.clone(),
                name: c.name.clone(),
                faction,
                command,
                tactics,
                logistics,
                guide_to,
                at,
            });
        }

        // Armies.
        let mut leads: HashMap<CommanderId, String> = HashMap::new();
        for (a, p, origin) in &army_src {
            let spec = self.army_spec(p, a, *origin);
            let mut people: Vec<(CommanderId, P, bool)> = Vec::new();
            if let Some(c) = spec.commander {
                people.push((c, with(p, &path![f "commander"]), true));
            }
            for (j, c) in spec.companions.iter().enumerate() {
                people.push((*c, with(p, &path![f "companions", i j]), false));
            }
            for (c, cp, leading) in people {
                let name = &raw.commanders[c.index()].id;
                if let Some(other) = leads.get(&c) {
                    let what = if leading { "leads" } else { "travels with" };
                    self.rep.error(&cp, format!("commander `{name}` {what} army `{}` but is already with army `{other}`", a.id), "a commander in one army only");
                } else {
                    leads.insert(c, a.id.clone());
                }
                if commanders[c.index()].at.is_some() {
                    self.rep.error(
                        &cp,
                        format!(
                            "commander `{name}` is with army `{}` and also placed `at` a region",
                            a.id
                        ),
                        "either `at` or an army, not both",
                    );
                }
            }
            self.army_specs.push(spec);
            self.army_paths.push(p.clone());
        }
        // Baggage feeds, now that every army has an index.
        for (n, (a, p, _)) in army_src.iter().enumerate() {
            if let Some(b) = &a.baggage {
                let feeds = self.armies_list(&with(p, &path![f "baggage", f "feeds"]), &b.feeds);
                for (j, f) in feeds.iter().enumerate() {
                    if self.army_specs[f.index()].faction != self.army_specs[n].faction {
                        self.rep.error(
                            &with(p, &path![f "baggage", f "feeds", i j]),
                            format!("baggage of `{}` feeds an army of another faction", a.id),
                            "armies of the same faction",
                        );
                    }
                }
                if let Some(bs) = self.army_specs[n].baggage.as_mut() {
                    bs.feeds = feeds;
                }
            }
        }
        // Detachments split off by historical orders.
        for (id, parent, p) in &split_ids {
            if self.armies.contains_key(id) {
                continue;
            }
            let Some(parent) = self.armies.get(parent).copied() else {
                continue;
            };
            let mut spec = self.army_specs[parent.index()].clone();
            spec.id = id.to_string();
            spec.commander = None;
            spec.companions.clear();
            spec.contingents.clear();
            spec.baggage = None;
            spec.origin = Origin::Split;
            let n = ArmyId(self.army_specs.len() as u16);
            self.armies.insert(id, n);
            self.army_specs.push(spec);
            self.army_paths.push(p.clone());
        }

        // Totals over several armies.
        for (i, t) in raw.totals.iter().enumerate() {
            let tp = path![f "totals", i i];
            let armies = self.armies_list(&with(&tp, &path![f "armies"]), &t.armies);
            if let Some(total) =
                self.count(&with(&tp, &path![f "strength"]), &t.strength, "total", true)
            {
                let sum: u32 = armies
                    .iter()
                    .map(|a| {
                        self.army_specs[a.index()]
                            .contingents
                            .iter()
                            .map(|c| c.1)
                            .sum::<u32>()
                    })
                    .sum();
                if sum != total {
                    self.rep.error(
                        &with(&tp, &path![f "strength"]),
                        format!("{}: the armies add up to {sum}, not {total}", t.description),
                        "armies whose contingents add up to the documented total",
                    );
                }
            }
        }

        // Dates and turns.
        let start = self.date_figure(&path![f "dates", f "start"], &raw.dates.start);
        let end = self.date_figure(&path![f "dates", f "end"], &raw.dates.end);
        if let (Some(s), Some(e)) = (start, end)
            && e < s
        {
            self.rep.error(
                &path![f "dates", f "end", f "value"],
                format!("the campaign ends ({e}) before it starts ({s})"),
                "an end date on or after the start date",
            );
        }
        let turn_start = self.date(&path![f "turns", f "start"], &raw.turns.start);
        let days_per_turn = self.whole(
            &path![f "turns", f "days_per_turn"],
            raw.turns.days_per_turn,
            "days per turn",
            1,
            60,
        );
        let limit = self.whole(
            &path![f "turns", f "limit"],
            raw.turns.limit,
            "turn limit",
            1,
            500,
        );
        if let (Some(ts), Some(s), Some(e)) = (turn_start, start, end)
            && s <= e
            && (ts < s || ts > e)
        {
            self.rep.error(
                &path![f "turns", f "start"],
                format!("the first turn ({ts}) is outside the campaign's dates ({s} to {e})"),
                "a first turn within `dates`",
            );
        }

        // Events.
        let mut events = Vec::new();
        for (i, e) in raw.events.iter().enumerate() {
            let ep = path![f "events", i i];
            self.check_provenance(&with(&ep, &path![f "source"]), &e.source);
            let wp = with(&ep, &path![f "when"]);
            let trigger = match &e.when {
                RawTrigger::Turn(t) => Some(Trigger::Turn(self.whole(
                    &with(&wp, &path![i 0]),
                    *t,
                    "event turn",
                    1,
                    limit as i64,
                ))),
                RawTrigger::Date(d) => {
                    let date = self.date(&with(&wp, &path![i 0]), d);
                    if let (Some(d), Some(s), Some(en)) = (date, start, end)
                        && (d < s || d > en)
                    {
                        self.rep.error(
                            &with(&wp, &path![i 0]),
                            format!("event date {d} is outside the campaign's dates ({s} to {en})"),
                            "a date within `dates`",
                        );
                    }
                    date.map(Trigger::Date)
                }
                RawTrigger::When(c) => self
                    .condition(&with(&wp, &path![i 0]), c)
                    .map(Trigger::When),
                RawTrigger::AfterDeparture { army, region, days } => {
                    let a = self.army(&with(&wp, &path![f "army"]), army);
                    let r = self.region(&with(&wp, &path![f "region"]), region);
                    let d = self.whole(&with(&wp, &path![f "days"]), *days, "days", 0, 365);
                    match (a, r) {
                        (Some(army), Some(region)) => Some(Trigger::AfterDeparture {
                            army,
                            region,
                            days: d,
                        }),
                        _ => None,
                    }
                }
            };
            let mut effects = Vec::new();
            for (j, eff) in e.effects.iter().enumerate() {
                let fp = with(&ep, &path![f "effects", i j]);
                let decided = match eff {
                    RawEffect::Destroy(_) => Some("destroys an army"),
                    RawEffect::Rout(_) => Some("routs an army"),
                    RawEffect::Capture(_) => Some("captures a commander"),
                    RawEffect::Kill(_) => Some("kills a commander"),
                    RawEffect::Casualties { .. } => Some("inflicts casualties"),
                    RawEffect::Victory(_) => Some("declares a victory"),
                    _ => None,
                };
                if let Some(what) = decided {
                    self.rep.error(
                        &fp,
                        format!("event `{}` {what}: that would decide a battle", e.id),
                        "an arrival, reinforcement, defection, ruler, control or seat change; battles are left to the rules",
                    );
                    continue;
                }
                let effect = match eff {
                    RawEffect::Arrive(a) => {
                        self.armies.get(a.id.as_str()).map(|id| Effect::Arrive(*id))
                    }
                    RawEffect::Reinforce { army, contingents } => {
                        let army = self.army(&with(&fp, &path![f "army"]), army);
                        let mut cs = Vec::new();
                        for (k, c) in contingents.iter().enumerate() {
                            if let Some(n) = self.count(
                                &with(&fp, &path![f "contingents", i k, f "strength"]),
                                &c.strength,
                                "strength",
                                true,
                            ) {
                                cs.push((c.kind, n));
                            }
                        }
                        army.map(|army| Effect::Reinforce {
                            army,
                            contingents: cs,
                        })
                    }
                    RawEffect::Defect { commander, to } => {
                        let c = self.commander(&with(&fp, &path![f "commander"]), commander);
                        let f = self.faction(&with(&fp, &path![f "to"]), to);
                        c.zip(f)
                            .map(|(commander, to)| Effect::Defect { commander, to })
                    }
                    RawEffect::InstallRuler { region, ruler } => {
                        let r = self.region(&with(&fp, &path![f "region"]), region);
                        let c = self.commander(&with(&fp, &path![f "ruler"]), ruler);
                        r.zip(c)
                            .map(|(region, ruler)| Effect::InstallRuler { region, ruler })
                    }
                    RawEffect::RemoveRuler { region } => self
                        .region(&with(&fp, &path![f "region"]), region)
                        .map(|region| Effect::RemoveRuler { region }),
                    RawEffect::SetControl { region, faction } => {
                        let r = self.region(&with(&fp, &path![f "region"]), region);
                        let f = self.faction(&with(&fp, &path![f "faction"]), faction);
                        r.zip(f)
                            .map(|(region, faction)| Effect::SetControl { region, faction })
                    }
                    RawEffect::MoveSeat { seat, to } => {
                        if !raw
                            .regions
                            .iter()
                            .any(|r| r.seat.as_deref() == Some(seat.as_str()))
                        {
                            self.rep.error(
                                &with(&fp, &path![f "seat"]),
                                format!("no region is the seat `{seat}`"),
                                "a seat named by a region's `seat`",
                            );
                        }
                        self.region(&with(&fp, &path![f "to"]), to)
                            .map(|to| Effect::MoveSeat {
                                seat: seat.clone(),
                                to,
                            })
                    }
                    RawEffect::Message(m) => Some(Effect::Message(m.clone())),
                    _ => None,
                };
                effects.extend(effect);
            }
            if let Some(trigger) = trigger {
                events.push(Event {
                    id: e.id.clone(),
                    description: e.description.clone(),
                    trigger,
                    effects,
                });
            }
        }

        // Victory.
        let mut victory = Vec::new();
        for (i, v) in raw.victory.iter().enumerate() {
            let vp = path![f "victory", i i];
            let side = match self.sides.get(v.side.as_str()) {
                Some(s) => Some(*s),
                None => {
                    let known: Vec<&str> = raw.sides.iter().map(|s| s.id.as_str()).collect();
                    self.unknown(&with(&vp, &path![f "side"]), "side", &v.side, known);
                    None
                }
            };
            let when = self.condition(&with(&vp, &path![f "when"]), &v.when);
            if let (Some(side), Some(when)) = (side, when) {
                victory.push(Victory {
                    side,
                    description: v.description.clone(),
                    when,
                    at_end: v.at_end,
                });
            }
        }
        if raw.victory.is_empty() {
            self.rep.error(
                &path![f "victory"],
                "no victory conditions",
                "at least one side's victory condition",
            );
        }

        // History.
        let hp = path![f "history"];
        let mut numbered = Vec::new();
        for (i, o) in raw.history.orders.iter().enumerate() {
            if let Some(o) = self.timed_order(&with(&hp, &path![f "orders", i i]), o, limit) {
                numbered.push((i, o));
            }
        }
        let mut outcome = Vec::new();
        let mut check_ids = HashSet::new();
        for (i, c) in raw.history.outcome.iter().enumerate() {
            let cp = with(&hp, &path![f "outcome", i i]);
            if !check_ids.insert(c.id.as_str()) {
                self.rep.error(
                    &with(&cp, &path![f "id"]),
                    format!("duplicate check id `{}`", c.id),
                    "an id no other check has",
                );
            }
            match &c.recorded {
                RawRecorded::Figure(f) => {
                    self.count(
                        &with(&cp, &path![f "recorded", i 0]),
                        f,
                        "recorded figure",
                        false,
                    );
                }
                RawRecorded::Fact(p) => {
                    self.check_provenance(&with(&cp, &path![f "recorded", i 0]), p)
                }
            }
            let tp = with(&cp, &path![f "test"]);
            let test = match &c.test {
                RawTest::Share { holds, at_least } => {
                    let s = self.share(
                        &with(&tp, &path![f "at_least"]),
                        *at_least,
                        "required share",
                    );
                    if s <= 0.0 {
                        self.rep.error(
                            &with(&tp, &path![f "at_least"]),
                            "a required share of 0 always passes",
                            "a share above 0",
                        );
                    }
                    self.condition(&with(&tp, &path![f "holds"]), holds)
                        .map(|holds| Test::Share { holds, at_least: s })
                }
                RawTest::Median { measure, min, max } => {
                    if !(min <= max) {
                        self.rep.error(
                            &with(&tp, &path![f "max"]),
                            format!("median range {min} to {max}"),
                            "`min` no greater than `max`",
                        );
                    }
                    let mp = with(&tp, &path![f "measure"]);
                    let m = match measure {
                        RawMeasure::Losses { factions, kinds } => {
                            let mut out = Vec::new();
                            for (k, f) in factions.iter().enumerate() {
                                if let Some(fs) =
                                    self.factions_or_side(&with(&mp, &path![f "factions", i k]), f)
                                {
                                    out.extend(fs.0);
                                }
                            }
                            Some(Measure::Losses {
                                factions: Factions(out),
                                kinds: kinds.clone(),
                            })
                        }
                        RawMeasure::LossShare { armies, kinds } => {
                            let armies = self.armies_list(&with(&mp, &path![f "armies"]), armies);
                            Some(Measure::LossShare {
                                armies,
                                kinds: kinds.clone(),
                            })
                        }
                    };
                    m.map(|measure| Test::Median {
                        measure,
                        min: *min,
                        max: *max,
                    })
                }
            };
            if let Some(test) = test {
                outcome.push(Check {
                    id: c.id.clone(),
                    description: c.description.clone(),
                    test,
                });
            }
        }
        let mut variants = Vec::new();
        let mut variant_ids = HashSet::new();
        for (i, v) in raw.history.variants.iter().enumerate() {
            let vp = with(&hp, &path![f "variants", i i]);
            if !variant_ids.insert(v.id.as_str()) {
                self.rep.error(
                    &with(&vp, &path![f "id"]),
                    format!("duplicate variant id `{}`", v.id),
                    "an id no other variant has",
                );
            }
            let mut changes = Vec::new();
            for (j, c) in v.changes.iter().enumerate() {
                let cp = with(&vp, &path![f "changes", i j]);
                let change = match c {
                    RawChange::DropOrders { army, from_turn } => {
                        let t = self.whole(
                            &with(&cp, &path![f "from_turn"]),
                            *from_turn,
                            "turn",
                            1,
                            limit as i64,
                        );
                        self.army(&with(&cp, &path![f "army"]), army)
                            .map(|army| Change::DropOrders { army, from_turn: t })
                    }
                    RawChange::Order(o) => self
                        .timed_order(&with(&cp, &path![i 0]), o, limit)
                        .map(Change::Order),
                    RawChange::RemoveArmy(a) => self
                        .army(&with(&cp, &path![i 0]), a)
                        .map(Change::RemoveArmy),
                    RawChange::RemoveContingent { army, kind } => {
                        let a = self.army(&with(&cp, &path![f "army"]), army);
                        if let Some(a) = a
                            && !self.army_specs[a.index()]
                                .contingents
                                .iter()
                                .any(|c| c.0 == *kind)
                        {
                            self.rep.error(
                                &with(&cp, &path![f "kind"]),
                                format!("army `{army}` has no {kind:?}"),
                                "a troop type the army has",
                            );
                        }
                        a.map(|army| Change::RemoveContingent { army, kind: *kind })
                    }
                    RawChange::RemoveCompanion { army, commander } => {
                        let a = self.army(&with(&cp, &path![f "army"]), army);
                        let c = self.commander(&with(&cp, &path![f "commander"]), commander);
                        a.zip(c)
                            .map(|(army, commander)| Change::RemoveCompanion { army, commander })
                    }
                    RawChange::RemoveEvent(e) => self
                        .event(&with(&cp, &path![i 0]), e)
                        .map(Change::RemoveEvent),
                };
                changes.extend(change);
            }
            let mut expect = Vec::new();
            for (j, x) in v.expect.iter().enumerate() {
                let xp = with(&vp, &path![f "expect", i j]);
                match outcome.iter().position(|c: &Check| c.id == x.check) {
                    Some(k) => {
                        let d = self.share(
                            &with(&xp, &path![f "drop_at_least"]),
                            x.drop_at_least,
                            "expected drop",
                        );
                        expect.push((k, d));
                    }
                    None => {
                        let known: Vec<&str> = outcome.iter().map(|c| c.id.as_str()).collect();
                        self.unknown(&with(&xp, &path![f "check"]), "check", &x.check, known);
                    }
                }
            }
            variants.push(Variant {
                id: v.id.clone(),
                description: v.description.clone(),
                changes,
                expect,
            });
        }

        // Every region an army is ordered to reach must be connected to where it starts.
        self.check_reachable(&regions, &routes, &numbered);
        let orders = numbered.into_iter().map(|(_, o)| o).collect();

        if self.rep.has_errors() {
            return None;
        }
        Some(Scenario {
            id: raw.id.clone(),
            title: raw.title.clone(),
            start: start?,
            end: end?,
            briefing: raw.briefing.clone(),
            seed: raw.seed,
            factions,
            sides,
            regions,
            routes,
            commanders,
            armies: self.army_specs,
            turns: Turns {
                start: turn_start?,
                days_per_turn,
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
            raw: raw.clone(),
        })
    }

    /// `orders` pairs each typed order with its index among the file's orders.
    fn check_reachable(
        &mut self,
        regions: &[Region],
        routes: &[Route],
        orders: &[(usize, TimedOrder)],
    ) {
        for (i, t) in orders {
            let i = *i;
            let spec = &self.army_specs[t.army.index()];
            let order_path = path![f "history", f "orders", i i, f "order"];
            let targets: Vec<(RegionId, P)> = match &t.order {
                Order::March { to, via } => {
                    let mut v: Vec<(RegionId, P)> = via
                        .iter()
                        .enumerate()
                        .map(|(j, r)| (*r, with(&order_path, &path![f "via", i j])))
                        .collect();
                    v.push((*to, with(&order_path, &path![f "to"])));
                    v
                }
                Order::Withdraw { to } => vec![(*to, with(&order_path, &path![f "to"]))],
                _ => Vec::new(),
            };
            let reach = reachable(regions, routes, spec.at);
            let (army, start) = (spec.id.clone(), regions[spec.at.index()].id.clone());
            for (r, p) in targets {
                if !reach.contains(&r) {
                    self.rep.error(
                        &p,
                        format!("region `{}` cannot be reached from `{start}`, where army `{army}` starts: no route leads there", regions[r.index()].id),
                        "a region connected by routes to the army's start",
                    );
                }
            }
        }
    }
}

/// Regions reachable by road from `from`.
pub fn reachable(regions: &[Region], routes: &[Route], from: RegionId) -> HashSet<RegionId> {
    let mut seen = HashSet::from([from]);
    let mut queue = VecDeque::from([from]);
    while let Some(r) = queue.pop_front() {
        for route in &regions[r.index()].routes {
            let next = routes[route.index()].other(r);
            if seen.insert(next) {
                queue.push_back(next);
            }
        }
    }
    seen
}

/// Great-circle distance in km.
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * a.sqrt().asin()
}

fn parse_colour(s: &str) -> Option<[u8; 3]> {
    let hex = s.strip_prefix('#')?;
    if hex.len() != 6 || !hex.is_ascii() {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

/// Folds white space, so a quote may wrap differently from its source.
fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// True if the quote gives the number, with or without thousands separators.
fn quote_has_number(quote: &str, value: u32) -> bool {
    let digits: String = value.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    // Match whole numbers only: "3,000" must not match inside "13,000".
    let numbers: Vec<String> = quote
        .split(|c: char| !(c.is_ascii_digit() || c == ','))
        .map(|s| s.trim_matches(',').to_string())
        .filter(|s| !s.is_empty())
        .collect();
    numbers.iter().any(|n| *n == digits || *n == grouped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_quotes_match_whole_numbers() {
        assert!(quote_has_number("3,000 infantry and cavalry", 3000));
        assert!(quote_has_number("Strength1: 200,000", 200000));
        assert!(!quote_has_number("13,000 men", 3000));
        assert!(!quote_has_number("3,000 infantry", 300));
        assert!(quote_has_number("sent 10000 troops", 10000));
    }

    #[test]
    fn distances_are_great_circle() {
        // Turfan to Karasahr, about 260 km in a straight line.
        let d = haversine_km(42.85, 89.53, 42.06, 86.57);
        assert!((250.0..270.0).contains(&d), "{d}");
    }
}
