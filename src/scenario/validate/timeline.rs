//! The timeline: the campaign's dates and its turns, events (what triggers
//! them and what they do; none may decide a battle), the sides' victory
//! conditions, and the conditions that triggers, victories and outcome
//! checks are written in.

use super::{Validator, with};
use crate::core::date::Date;
use crate::diagnostics::locate::Step;
use crate::path;
use crate::scenario::model::*;
use crate::scenario::raw::*;

/// The campaign's dates and turns, as far as they could be read.
pub(super) struct Calendar {
    pub start: Option<Date>,
    pub end: Option<Date>,
    pub turn_start: Option<Date>,
    pub days_per_turn: u32,
    pub limit: u32,
}

impl<'a, 'r> Validator<'a, 'r> {
    /// Dates and turns: the campaign ends after it starts, and its first
    /// turn falls within its dates.
    pub(super) fn calendar(&mut self) -> Calendar {
        let raw = self.raw;
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
        Calendar {
            start,
            end,
            turn_start,
            days_per_turn,
            limit,
        }
    }

    /// Events, with their triggers and effects.
    pub(super) fn events(&mut self, calendar: &Calendar) -> Vec<Event> {
        let raw = self.raw;
        let mut events = Vec::new();
        for (i, e) in raw.events.iter().enumerate() {
            let ep = path![f "events", i i];
            self.check_provenance(&with(&ep, &path![f "source"]), &e.source);
            let wp = with(&ep, &path![f "when"]);
            let trigger = self.trigger(&wp, &e.when, calendar);
            let mut effects = Vec::new();
            for (j, eff) in e.effects.iter().enumerate() {
                let fp = with(&ep, &path![f "effects", i j]);
                effects.extend(self.effect(&fp, e, eff));
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
        events
    }

    /// What sets an event off: a turn, a date within the campaign, a
    /// condition, or a number of days after an army leaves a region.
    fn trigger(&mut self, wp: &[Step], when: &RawTrigger, calendar: &Calendar) -> Option<Trigger> {
        let (start, end, limit) = (calendar.start, calendar.end, calendar.limit);
        match when {
            RawTrigger::Turn(t) => Some(Trigger::Turn(self.whole(
                &with(wp, &path![i 0]),
                *t,
                "event turn",
                1,
                limit as i64,
            ))),
            RawTrigger::Date(d) => {
                let date = self.date(&with(wp, &path![i 0]), d);
                if let (Some(d), Some(s), Some(en)) = (date, start, end)
                    && (d < s || d > en)
                {
                    self.rep.error(
                        &with(wp, &path![i 0]),
                        format!("event date {d} is outside the campaign's dates ({s} to {en})"),
                        "a date within `dates`",
                    );
                }
                date.map(Trigger::Date)
            }
            RawTrigger::When(c) => self.condition(&with(wp, &path![i 0]), c).map(Trigger::When),
            RawTrigger::AfterDeparture { army, region, days } => {
                let a = self.army(&with(wp, &path![f "army"]), army);
                let r = self.region(&with(wp, &path![f "region"]), region);
                let d = self.whole(&with(wp, &path![f "days"]), *days, "days", 0, 365);
                match (a, r) {
                    (Some(army), Some(region)) => Some(Trigger::AfterDeparture {
                        army,
                        region,
                        days: d,
                    }),
                    _ => None,
                }
            }
        }
    }

    /// One effect of an event. Effects that would decide a battle are refused.
    fn effect(&mut self, fp: &[Step], e: &RawEvent, eff: &RawEffect) -> Option<Effect> {
        let raw = self.raw;
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
                fp,
                format!("event `{}` {what}: that would decide a battle", e.id),
                "an arrival, reinforcement, defection, ruler, control or seat change; battles are left to the rules",
            );
            return None;
        }
        match eff {
            RawEffect::Arrive(a) => self
                .army_ids
                .get(a.id.as_str())
                .map(|id| Effect::Arrive(*id)),
            RawEffect::Reinforce { army, contingents } => {
                let army = self.army(&with(fp, &path![f "army"]), army);
                let mut cs = Vec::new();
                for (k, c) in contingents.iter().enumerate() {
                    if let Some(n) = self.count(
                        &with(fp, &path![f "contingents", i k, f "strength"]),
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
                let c = self.commander(&with(fp, &path![f "commander"]), commander);
                let f = self.faction(&with(fp, &path![f "to"]), to);
                c.zip(f)
                    .map(|(commander, to)| Effect::Defect { commander, to })
            }
            RawEffect::InstallRuler { region, ruler } => {
                let r = self.region(&with(fp, &path![f "region"]), region);
                let c = self.commander(&with(fp, &path![f "ruler"]), ruler);
                r.zip(c)
                    .map(|(region, ruler)| Effect::InstallRuler { region, ruler })
            }
            RawEffect::RemoveRuler { region } => self
                .region(&with(fp, &path![f "region"]), region)
                .map(|region| Effect::RemoveRuler { region }),
            RawEffect::SetControl { region, faction } => {
                let r = self.region(&with(fp, &path![f "region"]), region);
                let f = self.faction(&with(fp, &path![f "faction"]), faction);
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
                        &with(fp, &path![f "seat"]),
                        format!("no region is the seat `{seat}`"),
                        "a seat named by a region's `seat`",
                    );
                }
                self.region(&with(fp, &path![f "to"]), to)
                    .map(|to| Effect::MoveSeat {
                        seat: seat.clone(),
                        to,
                    })
            }
            RawEffect::ChangeSides { army, to } => {
                let a = self.army(&with(fp, &path![f "army"]), army);
                let f = self.faction(&with(fp, &path![f "to"]), to);
                a.zip(f).map(|(army, to)| Effect::ChangeSides { army, to })
            }
            RawEffect::MenGoOver {
                from,
                kind,
                share,
                into,
            } => {
                let a = self.army(&with(fp, &path![f "from"]), from);
                let b = self.army(&with(fp, &path![f "into"]), into);
                let share = self.share(&with(fp, &path![f "share"]), *share, "share of the men");
                if a.is_some() && a == b {
                    self.rep.error(
                        &with(fp, &path![f "into"]),
                        format!("`{from}` cannot go over to itself"),
                        "another army",
                    );
                    return None;
                }
                a.zip(b).map(|(from, into)| Effect::MenGoOver {
                    from,
                    kind: *kind,
                    share,
                    into,
                })
            }
            RawEffect::Truce { a, b } => {
                let x = self.faction(&with(fp, &path![f "a"]), a);
                let y = self.faction(&with(fp, &path![f "b"]), b);
                if x.is_some() && x == y {
                    self.rep.error(
                        &with(fp, &path![f "b"]),
                        format!("`{a}` cannot make a truce with itself"),
                        "another faction",
                    );
                    return None;
                }
                x.zip(y).map(|(a, b)| Effect::Truce { a, b })
            }
            RawEffect::Message(m) => Some(Effect::Message(m.clone())),
            _ => None,
        }
    }

    /// Each side's victory conditions; there must be at least one.
    pub(super) fn victory(&mut self) -> Vec<Victory> {
        let raw = self.raw;
        let mut victory = Vec::new();
        for (i, v) in raw.victory.iter().enumerate() {
            let vp = path![f "victory", i i];
            let side = match self.side_ids.get(v.side.as_str()) {
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
        victory
    }

    pub(super) fn condition(&mut self, path: &[Step], c: &RawCondition) -> Option<Condition> {
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
}
