//! Sensitivity of the recorded checks to the designer's figures: every
//! Estimate and Unknown figure that the rules play with is set in turn at
//! the low and at the high end of its plausible range (the range the file
//! declares, or ±30%), the historical line is played over the same seeds as
//! the unchanged scenario, and each check's share at the low end, the
//! figure as written and the high end is set side by side. A figure whose
//! range moves a check by many points is one the result rests on.

use serde::Serialize;

use super::{report, run_many};
use crate::rules::params::Rules;
use crate::scenario::model::*;
use crate::scenario::raw::{Figure, RawArmy, RawContingent, RawEffect, TroopKind};
use crate::scenario::validate::MAX_ARMY_MEN;

/// The spread on either side of a figure that declares no range.
pub const DEFAULT_SPREAD: f64 = 0.3;

/// The largest count a scenario may give (as the checker has it).
const MAX_COUNT: u32 = 10_000_000;

/// Where in the validated scenario a figure's value is played.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Contingent {
        army: ArmyId,
        index: usize,
    },
    Supply(ArmyId),
    Baggage(ArmyId),
    Stores(RegionId),
    Livestock(RegionId),
    Reinforcement {
        event: EventId,
        effect: usize,
        index: usize,
    },
}

/// One designer's figure that the rules play with, and its range.
#[derive(Debug, Clone, Serialize)]
pub struct EstimateFigure {
    /// Where it is, as "army tang_main: Cavalry men".
    pub place: String,
    /// `estimate` or `unknown`.
    pub kind: &'static str,
    pub value: u32,
    pub low: u32,
    pub high: u32,
    /// The range is the file's own (rather than ±30%).
    pub declared: bool,
    #[serde(skip)]
    slot: Slot,
}

/// Each Estimate and Unknown figure (with an estimate) of the scenario that
/// the rules read: army contingents, supply and baggage days, arriving
/// armies and reinforcements, cities' stores and regions' herds, in file
/// order. Figures the rules never read (populations, dates, documented
/// totals, the recorded outcome) and figures of 0 without a declared range
/// are left out, as
/// are the contingents of an army made by a split (it takes its men from
/// the army it splits from).
pub fn estimate_figures(s: &Scenario) -> Vec<EstimateFigure> {
    let mut out = Vec::new();
    let raw = &s.raw;
    let mut armies: Vec<&RawArmy> = raw.armies.iter().collect();
    for e in &raw.events {
        for eff in &e.effects {
            if let RawEffect::Arrive(a) = eff {
                armies.push(a);
            }
        }
    }
    for a in armies {
        let Some(id) = s.army(&a.id) else { continue };
        let spec = &s.armies[id.index()];
        contingents(
            &mut out,
            &a.contingents,
            &spec.contingents,
            &format!("army {}", a.id),
            |index| Slot::Contingent { army: id, index },
        );
        push(
            &mut out,
            format!("army {}: supply days", a.id),
            &a.supply_days,
            spec.supply_days,
            Slot::Supply(id),
        );
        if let (Some(b), Some(bs)) = (&a.baggage, &spec.baggage) {
            push(
                &mut out,
                format!("army {}: baggage days", a.id),
                &b.days,
                bs.days,
                Slot::Baggage(id),
            );
        }
    }
    for r in &raw.regions {
        let Some(id) = s.region(&r.id) else { continue };
        let region = &s.regions[id.index()];
        if let Some(settlement) = &r.settlement {
            push(
                &mut out,
                format!("region {}: stores days", r.id),
                &settlement.stores_days,
                region.stores_days,
                Slot::Stores(id),
            );
        }
        if let Some(l) = &r.livestock {
            push(
                &mut out,
                format!("region {}: livestock", r.id),
                l,
                region.livestock,
                Slot::Livestock(id),
            );
        }
    }
    for e in &raw.events {
        let Some(n) = s.events.iter().position(|x| x.id == e.id) else {
            continue;
        };
        let event = EventId(n as u16);
        // The n-th reinforcement of the file's event is the n-th of the played one.
        let played: Vec<(usize, &Vec<(TroopKind, u32)>)> = s.events[n]
            .effects
            .iter()
            .enumerate()
            .filter_map(|(j, eff)| match eff {
                Effect::Reinforce { contingents, .. } => Some((j, contingents)),
                _ => None,
            })
            .collect();
        let written = e.effects.iter().filter_map(|eff| match eff {
            RawEffect::Reinforce { army, contingents } => Some((army, contingents)),
            _ => None,
        });
        for ((army, cs), (effect, played_cs)) in written.zip(played) {
            contingents(
                &mut out,
                cs,
                played_cs,
                &format!("event {}: reinforcement of {army}", e.id),
                |index| Slot::Reinforcement {
                    event,
                    effect,
                    index,
                },
            );
        }
    }
    out
}

/// The contingents of an army or a reinforcement, each by its troop kind
/// (numbered when a kind comes twice), when the played list matches the file's.
fn contingents(
    out: &mut Vec<EstimateFigure>,
    written: &[RawContingent],
    played: &[(TroopKind, u32)],
    place: &str,
    slot: impl Fn(usize) -> Slot,
) {
    for (i, c) in written.iter().enumerate() {
        let Some(&(kind, value)) = played.get(i) else {
            continue;
        };
        if kind != c.kind || c.strength.value() != Some(value) {
            continue;
        }
        let same = written.iter().filter(|x| x.kind == c.kind).count();
        let name = if same > 1 {
            let nth = written[..=i].iter().filter(|x| x.kind == c.kind).count();
            format!("{place}: {kind:?} men ({nth})")
        } else {
            format!("{place}: {kind:?} men")
        };
        push(out, name, &c.strength, value, slot(i));
    }
}

fn push(out: &mut Vec<EstimateFigure>, place: String, f: &Figure<u32>, played: u32, slot: Slot) {
    let kind = match f {
        Figure::Estimate { .. } => "estimate",
        Figure::Unknown { .. } => "unknown",
        _ => return,
    };
    if f.value() != Some(played) {
        return;
    }
    let declared = f.declared_range();
    let (low, high) = declared.unwrap_or_else(|| {
        let v = f64::from(played);
        let low = (v * (1.0 - DEFAULT_SPREAD)).round() as u32;
        let high = (v * (1.0 + DEFAULT_SPREAD)).round() as u32;
        // A figure of men or rations stays at least 1 when it was.
        (low.max(played.min(1)), high.min(MAX_COUNT))
    });
    if low == played && high == played {
        return;
    }
    out.push(EstimateFigure {
        place,
        kind,
        value: played,
        low,
        high,
        declared: declared.is_some(),
        slot,
    });
}

/// The scenario with one figure at `value` instead of the file's. An army's
/// men stay within what the game can count.
pub fn with_value(s: &Scenario, f: &EstimateFigure, value: u32) -> Scenario {
    let mut out = s.clone();
    let bounded = |cs: &[(TroopKind, u32)], index: usize| {
        let others: u64 = cs
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != index)
            .map(|(_, c)| u64::from(c.1))
            .sum();
        value.min(
            MAX_ARMY_MEN
                .saturating_sub(others)
                .min(u64::from(MAX_COUNT)) as u32,
        )
    };
    match f.slot {
        Slot::Contingent { army, index } => {
            let cs = &mut out.armies[army.index()].contingents;
            if index < cs.len() {
                cs[index].1 = bounded(cs, index);
            }
        }
        Slot::Supply(army) => out.armies[army.index()].supply_days = value,
        Slot::Baggage(army) => {
            if let Some(b) = out.armies[army.index()].baggage.as_mut() {
                b.days = value;
            }
        }
        Slot::Stores(region) => out.regions[region.index()].stores_days = value,
        Slot::Livestock(region) => out.regions[region.index()].livestock = value,
        Slot::Reinforcement {
            event,
            effect,
            index,
        } => {
            if let Some(Effect::Reinforce { contingents, .. }) =
                out.events[event.index()].effects.get_mut(effect)
                && index < contingents.len()
            {
                contingents[index].1 = bounded(contingents, index);
            }
        }
    }
    out
}

/// One check as one figure moves it.
#[derive(Debug, Clone, Serialize)]
pub struct CheckSwing {
    pub check: String,
    /// The check's share with the figure at its low end, as written, at its high end.
    pub low: f64,
    pub base: f64,
    pub high: f64,
    /// The widest gap between the three.
    pub swing: f64,
}

/// One figure and every check it moves.
#[derive(Debug, Clone, Serialize)]
pub struct FigureSwing {
    #[serde(flatten)]
    pub figure: EstimateFigure,
    pub checks: Vec<CheckSwing>,
    /// The largest swing over the checks.
    pub swing: f64,
}

/// A check's share with every figure as written.
#[derive(Debug, Clone, Serialize)]
pub struct BaseCheck {
    pub id: String,
    pub description: String,
    pub share: f64,
}

/// The whole measurement: figures sorted by their largest swing, largest first.
#[derive(Debug, Clone, Serialize)]
pub struct Sensitivity {
    pub scenario: String,
    pub runs: u32,
    pub seed: u64,
    pub spread: f64,
    pub checks: Vec<BaseCheck>,
    pub figures: Vec<FigureSwing>,
}

/// How many playouts [`sensitivity`] makes for these figures.
pub fn playouts(figures: &[EstimateFigure], runs: u32) -> u64 {
    u64::from(runs) * (1 + 2 * figures.len() as u64)
}

/// Plays the historical line over `runs` seeds from `seed`, as written and
/// with each figure at either end of its range, every one on the same seeds.
pub fn sensitivity(
    s: &Scenario,
    rules: &Rules,
    runs: u32,
    seed: u64,
    on_run: &(dyn Fn() + Sync),
) -> Sensitivity {
    let shares = |sc: &Scenario| -> Vec<f64> {
        let r = report(sc, None, seed, &run_many(sc, rules, runs, seed, on_run));
        r.checks.iter().map(|c| c.share).collect()
    };
    let base_report = report(s, None, seed, &run_many(s, rules, runs, seed, on_run));
    let base: Vec<f64> = base_report.checks.iter().map(|c| c.share).collect();
    let mut figures: Vec<FigureSwing> = estimate_figures(s)
        .into_iter()
        .map(|f| {
            let low = shares(&with_value(s, &f, f.low));
            let high = shares(&with_value(s, &f, f.high));
            let checks: Vec<CheckSwing> = base_report
                .checks
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let (l, b, h) = (low[i], base[i], high[i]);
                    CheckSwing {
                        check: c.id.clone(),
                        low: l,
                        base: b,
                        high: h,
                        swing: l.max(b).max(h) - l.min(b).min(h),
                    }
                })
                .collect();
            let swing = checks.iter().map(|c| c.swing).fold(0.0, f64::max);
            FigureSwing {
                figure: f,
                checks,
                swing,
            }
        })
        .collect();
    // Stable: figures of equal swing keep the file's order.
    figures.sort_by(|a, b| b.swing.total_cmp(&a.swing));
    Sensitivity {
        scenario: s.id.clone(),
        runs,
        seed,
        spread: DEFAULT_SPREAD,
        checks: base_report
            .checks
            .iter()
            .map(|c| BaseCheck {
                id: c.id.clone(),
                description: c.description.clone(),
                share: c.share,
            })
            .collect(),
        figures,
    }
}

impl Sensitivity {
    /// The figures that move check `k` at all, by how much they move it, largest first.
    pub fn movers(&self, k: usize) -> Vec<(&EstimateFigure, &CheckSwing)> {
        let mut v: Vec<(&EstimateFigure, &CheckSwing)> = self
            .figures
            .iter()
            .filter_map(|f| f.checks.get(k).map(|c| (&f.figure, c)))
            .filter(|(_, c)| c.swing > 0.0)
            .collect();
        v.sort_by(|a, b| b.1.swing.total_cmp(&a.1.swing));
        v
    }
}
