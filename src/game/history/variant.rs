//! Counterfactual variants: a scenario with the variant's changes made.

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
