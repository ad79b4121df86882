//! The forces: army ids (armies on the map, arriving by event, split off
//! by a historical order), commanders and their ratings, each army's
//! faction, commander, companions, contingents, supply and baggage, the
//! rule that a commander is in one place only, baggage that feeds armies
//! of its own faction, and documented totals over several armies.

use std::collections::HashMap;

use super::{MAX_ARMIES, MAX_ARMY_MEN, P, Validator, with};
use crate::diagnostics::locate::Step;
use crate::path;
use crate::scenario::model::*;
use crate::scenario::raw::*;

/// Where the file writes its armies, gathered before any is checked.
pub(super) struct ArmySources<'a> {
    /// Armies written out in full: on the map, or arriving by event.
    pub written: Vec<(&'a RawArmy, P, Origin)>,
    /// Detachments split off by historical orders: the new army's id, the
    /// id of the army it splits from, and where the order gives the id.
    pub splits: Vec<(&'a str, &'a str, P)>,
}

impl<'a, 'r> Validator<'a, 'r> {
    /// Registers the ids of armies, those on the map and those that arrive
    /// by event, and refuses a detachment split off by history whose id is
    /// already taken (detachments get their ids in `detachments`).
    pub(super) fn register_armies(&mut self) -> ArmySources<'a> {
        let raw = self.raw;
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
        self.register(|v| &mut v.army_ids, ids, "army", ArmyId);
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
            if self.army_ids.contains_key(id) {
                self.rep.error(
                    p,
                    format!("duplicate army id `{id}`"),
                    "an id no other army has",
                );
            }
        }
        ArmySources {
            written: army_src,
            splits: split_ids,
        }
    }

    /// Commanders, with their ratings, guides' knowledge and whereabouts.
    pub(super) fn commanders(&mut self) -> Vec<Commander> {
        let raw = self.raw;
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
        commanders
    }

    /// Every army written in the file, and the commanders with each: a
    /// commander is with one army at most, and not also placed `at` a region.
    pub(super) fn armies(
        &mut self,
        army_src: &[(&'a RawArmy, P, Origin)],
        commanders: &[Commander],
    ) {
        let raw = self.raw;
        let mut leads: HashMap<CommanderId, String> = HashMap::new();
        for (a, p, origin) in army_src {
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
        }
    }

    /// Baggage feeds, now that every army has an index.
    pub(super) fn baggage(&mut self, army_src: &[(&'a RawArmy, P, Origin)]) {
        for (n, (a, p, _)) in army_src.iter().enumerate() {
            if let Some(b) = &a.baggage {
                let feeds = self.armies_list(&with(p, &path![f "baggage", f "feeds"]), &b.feeds);
                for (j, f) in feeds.iter().enumerate() {
                    if feeds[..j].contains(f) {
                        self.rep.error(
                            &with(p, &path![f "baggage", f "feeds", i j]),
                            format!("baggage of `{}` feeds army `{}` twice", a.id, b.feeds[j]),
                            "each army fed once",
                        );
                    }
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
    }

    /// Detachments split off by historical orders: copies of their parent
    /// army with no commander, troops or baggage until the split.
    pub(super) fn detachments(&mut self, split_ids: &[(&'a str, &'a str, P)]) {
        for (id, parent, p) in split_ids {
            if self.army_ids.contains_key(id) {
                continue;
            }
            let Some(parent) = self.army_ids.get(parent).copied() else {
                continue;
            };
            let mut spec = self.army_specs[parent.index()].clone();
            spec.id = id.to_string();
            spec.commander = None;
            spec.companions.clear();
            spec.contingents.clear();
            spec.baggage = None;
            spec.origin = Origin::Split;
            if self.army_specs.len() >= MAX_ARMIES {
                self.rep.error(
                    p,
                    format!("detachment `{id}`: more than {MAX_ARMIES} armies"),
                    format!("at most {MAX_ARMIES} armies and detachments in one scenario"),
                );
                continue;
            }
            let n = ArmyId(self.army_specs.len() as u16);
            self.army_ids.insert(id, n);
            self.army_specs.push(spec);
        }
    }

    /// Totals over several armies.
    pub(super) fn totals(&mut self) {
        let raw = self.raw;
        for (i, t) in raw.totals.iter().enumerate() {
            let tp = path![f "totals", i i];
            let armies = self.armies_list(&with(&tp, &path![f "armies"]), &t.armies);
            if let Some(total) =
                self.count(&with(&tp, &path![f "strength"]), &t.strength, "total", true)
            {
                let sum: u64 = armies
                    .iter()
                    .map(|a| {
                        self.army_specs[a.index()]
                            .contingents
                            .iter()
                            .map(|c| c.1 as u64)
                            .sum::<u64>()
                    })
                    .sum();
                if sum != total as u64 {
                    self.rep.error(
                        &with(&tp, &path![f "strength"]),
                        format!("{}: the armies add up to {sum}, not {total}", t.description),
                        "armies whose contingents add up to the documented total",
                    );
                }
            }
        }
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
        // Each contingent is at most MAX_COUNT; the army as a whole is bounded too,
        // so no sum of men the rules make can overflow.
        let men: u64 = contingents.iter().map(|c| c.1 as u64).sum();
        if men > MAX_ARMY_MEN {
            self.rep.error(
                &with(path, &path![f "contingents"]),
                format!(
                    "army `{}` has {men} men, more than the game can count",
                    a.id
                ),
                format!("at most {MAX_ARMY_MEN} men in one army"),
            );
            contingents.clear();
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
}
