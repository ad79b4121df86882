//! Counterfactual variants: a scenario with the variant's changes made,
//! and the variants built into the game for every scenario.

use crate::scenario::model::*;

/// The scenario as the variant changes it.
pub fn apply_variant(s: &Scenario, v: &Variant) -> Scenario {
    let mut out = s.clone();
    for c in &v.changes {
        match c {
            Change::DropOrders { army, from_turn } => out
                .history
                .orders
                .retain(|o| !(o.army == *army && o.turn >= *from_turn)),
            Change::Order(o) => out.history.orders.push(o.clone()),
            Change::RemoveArmy(a) => {
                let spec = &mut out.armies[a.index()];
                spec.contingents.clear();
                spec.commander = None;
                spec.companions.clear();
                spec.baggage = None;
            }
            Change::RemoveContingent { army, kind } => out.armies[army.index()]
                .contingents
                .retain(|(k, _)| k != kind),
            Change::RemoveCompanion { army, commander } => out.armies[army.index()]
                .companions
                .retain(|c| c != commander),
            Change::RemoveEvent(e) => {
                let ev = &mut out.events[e.index()];
                ev.trigger = Trigger::Turn(u32::MAX);
                ev.effects.clear();
            }
        }
    }
    out
}

/// The scenario as the named variant plays it: one of the file's own
/// variants, or a variant built into the game for every scenario
/// ([`NEUTRAL_COMMANDERS`]: every commander rated average). `None` when the
/// scenario has no variant of that name.
pub fn named_variant(s: &Scenario, name: &str) -> Option<Scenario> {
    if name == NEUTRAL_COMMANDERS {
        return Some(super::corpus::neutral_commanders(s));
    }
    s.variant(name).map(|v| apply_variant(s, v))
}

/// The names of every variant the scenario can be played with: its own,
/// then the built-in ones.
pub fn variant_names(s: &Scenario) -> Vec<&str> {
    s.history
        .variants
        .iter()
        .map(|v| v.id.as_str())
        .chain(BUILT_IN_VARIANTS.iter().copied())
        .collect()
}
