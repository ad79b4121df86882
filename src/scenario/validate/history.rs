//! The history: the orders the armies were given, turn by turn; the
//! recorded outcome as checks over many seeded runs (each standing for a
//! recorded figure or fact); and variants, which change the history and
//! say how they should move the checks.

use std::collections::HashSet;

use super::{Validator, with};
use crate::core::order::Order;
use crate::diagnostics::locate::Step;
use crate::path;
use crate::scenario::model::*;
use crate::scenario::raw::*;

impl<'a, 'r> Validator<'a, 'r> {
    /// The historical orders, each paired with its index among the file's
    /// orders (for reporting on it later).
    pub(super) fn historical_orders(&mut self, limit: u32) -> Vec<(usize, TimedOrder)> {
        let raw = self.raw;
        let hp = path![f "history"];
        let mut numbered = Vec::new();
        for (i, o) in raw.history.orders.iter().enumerate() {
            if let Some(o) = self.timed_order(&with(&hp, &path![f "orders", i i]), o, limit) {
                numbered.push((i, o));
            }
        }
        numbered
    }

    /// The outcome checks.
    pub(super) fn outcome(&mut self) -> Vec<Check> {
        let raw = self.raw;
        let hp = path![f "history"];
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
            let test = self.test(&tp, &c.test);
            if let Some(test) = test {
                outcome.push(Check {
                    id: c.id.clone(),
                    description: c.description.clone(),
                    test,
                });
            }
        }
        outcome
    }

    /// The variants: their changes to the history and what they expect of
    /// the outcome checks.
    pub(super) fn variants(&mut self, outcome: &[Check], limit: u32) -> Vec<Variant> {
        let raw = self.raw;
        let hp = path![f "history"];
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
            if BUILT_IN_VARIANTS.contains(&v.id.as_str()) {
                self.rep.error(
                    &with(&vp, &path![f "id"]),
                    format!("variant id `{}` is built into the game", v.id),
                    format!("an id other than {}", BUILT_IN_VARIANTS.join(", ")),
                );
            }
            let mut changes = Vec::new();
            for (j, c) in v.changes.iter().enumerate() {
                let cp = with(&vp, &path![f "changes", i j]);
                changes.extend(self.change(&cp, c, limit));
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
                        let r = self.share(
                            &with(&xp, &path![f "rise_at_least"]),
                            x.rise_at_least,
                            "expected rise",
                        );
                        if (d > 0.0) == (r > 0.0) {
                            self.rep.error(
                                &xp,
                                format!(
                                    "the expectation on `{}` gives {}",
                                    x.check,
                                    if d > 0.0 {
                                        "both a drop and a rise"
                                    } else {
                                        "neither a drop nor a rise"
                                    }
                                ),
                                "one of drop_at_least or rise_at_least, above 0",
                            );
                        }
                        // A rise is kept as a negative drop.
                        expect.push((k, if d > 0.0 { d } else { -r }));
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
        variants
    }

    /// What an outcome check tests: a share of runs in which a condition
    /// holds, or the median of a measure over the runs.
    fn test(&mut self, tp: &[Step], test: &RawTest) -> Option<Test> {
        match test {
            RawTest::Share { holds, at_least } => {
                let s = self.share(&with(tp, &path![f "at_least"]), *at_least, "required share");
                if s <= 0.0 {
                    self.rep.error(
                        &with(tp, &path![f "at_least"]),
                        "a required share of 0 always passes",
                        "a share above 0",
                    );
                }
                self.condition(&with(tp, &path![f "holds"]), holds)
                    .map(|holds| Test::Share { holds, at_least: s })
            }
            RawTest::Median { measure, min, max } => {
                if !(min <= max) {
                    self.rep.error(
                        &with(tp, &path![f "max"]),
                        format!("median range {min} to {max}"),
                        "`min` no greater than `max`",
                    );
                }
                let mp = with(tp, &path![f "measure"]);
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
        }
    }

    /// One change a variant makes to the history.
    fn change(&mut self, cp: &[Step], c: &RawChange, limit: u32) -> Option<Change> {
        match c {
            RawChange::DropOrders { army, from_turn } => {
                let t = self.whole(
                    &with(cp, &path![f "from_turn"]),
                    *from_turn,
                    "turn",
                    1,
                    limit as i64,
                );
                self.army(&with(cp, &path![f "army"]), army)
                    .map(|army| Change::DropOrders { army, from_turn: t })
            }
            RawChange::Order(o) => self
                .timed_order(&with(cp, &path![i 0]), o, limit)
                .map(Change::Order),
            RawChange::RemoveArmy(a) => {
                self.army(&with(cp, &path![i 0]), a).map(Change::RemoveArmy)
            }
            RawChange::RemoveContingent { army, kind } => {
                let a = self.army(&with(cp, &path![f "army"]), army);
                if let Some(a) = a
                    && !self.army_specs[a.index()]
                        .contingents
                        .iter()
                        .any(|c| c.0 == *kind)
                {
                    self.rep.error(
                        &with(cp, &path![f "kind"]),
                        format!("army `{army}` has no {kind:?}"),
                        "a troop type the army has",
                    );
                }
                a.map(|army| Change::RemoveContingent { army, kind: *kind })
            }
            RawChange::RemoveCompanion { army, commander } => {
                let a = self.army(&with(cp, &path![f "army"]), army);
                let c = self.commander(&with(cp, &path![f "commander"]), commander);
                a.zip(c)
                    .map(|(army, commander)| Change::RemoveCompanion { army, commander })
            }
            RawChange::RemoveEvent(e) => self
                .event(&with(cp, &path![i 0]), e)
                .map(Change::RemoveEvent),
        }
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
            RawOrder::Lure { to } => Order::Lure {
                to: self.region(&p(&path![f "to"]), to)?,
            },
            RawOrder::Pursue { target } => Order::Pursue {
                target: self.army(&p(&path![f "target"]), target)?,
            },
            RawOrder::Harry { target } => Order::Harry {
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
}
