//! The one place where the state changes: each event applied in turn.
//! Resolution decides (and draws the dice); this only carries it out.

use super::event::{Event, FallCause};
use super::state::*;
use crate::scenario::model::*;
use crate::scenario::raw::Posture;

fn take(men: &mut Men, lost: &Men) {
    for (m, l) in men.iter_mut().zip(lost) {
        *m = m.saturating_sub(*l);
    }
}

fn remove_commander(state: &mut State, c: CommanderId) {
    for a in &mut state.armies {
        if a.commander == Some(c) {
            a.commander = None;
        }
        a.companions.retain(|x| *x != c);
        a.captives.retain(|x| *x != c);
    }
    for r in &mut state.regions {
        if r.ruler == Some(c) {
            r.ruler = None;
        }
    }
    state.commanders[c.index()].at = None;
}

fn set_control(state: &mut State, r: RegionId, to: Option<FactionId>) {
    let reg = &mut state.regions[r.index()];
    reg.control = to;
    if let Some(f) = to {
        reg.ever |= 1u64 << (f.0 % 64);
    }
}

/// Days in a row army `a` will have been harried if it is harried on `day`.
pub fn harried_days_on(a: &ArmyState, day: u32) -> u32 {
    match a.harried_on {
        Some(d) if d == day => a.harried_days,
        Some(d) if d.checked_add(1) == Some(day) => a.harried_days.saturating_add(1),
        _ => 1,
    }
}

/// Applies one event to the state.
pub fn apply(state: &mut State, event: &Event) {
    apply_one(state, event);
    if matches!(
        event,
        Event::BattleFought(_)
            | Event::Routed { .. }
            | Event::Merged { .. }
            | Event::Starved { .. }
            | Event::Harried { .. }
            | Event::Besieging { .. }
    ) {
        lift_broken_sieges(state);
    }
}

/// A siege ends when the besieger is destroyed, merged away or routed.
fn lift_broken_sieges(state: &mut State) {
    for i in super::siege::broken_sieges(state) {
        state.regions[i].besieged_by = None;
    }
}

fn apply_one(state: &mut State, event: &Event) {
    match event {
        Event::TurnBegan { turn, date } => {
            state.turn = *turn;
            state.date = *date;
        }
        Event::DayPassed { day, date } => {
            state.day = *day;
            state.date = *date;
        }
        Event::ScenarioEvent { event, .. } => state.fired[event.index()] = true,
        Event::Arrived { army, at } => {
            let a = &mut state.armies[army.index()];
            a.present = true;
            a.pos = Position::At(*at);
            a.raised += a.strength();
        }
        Event::Reinforced { army, men } => {
            let a = &mut state.armies[army.index()];
            for (m, n) in a.men.iter_mut().zip(men) {
                *m += n;
            }
            // Men who join an army not yet on the map are counted when it arrives.
            if a.present {
                a.raised += men_total(men);
            }
        }
        Event::TruceMade { a, b } => {
            if !state.at_truce(*a, *b) {
                state.truces.push((*a, *b));
            }
        }
        Event::TruceBroken { a, b } => state
            .truces
            .retain(|(x, y)| !((x == a && y == b) || (x == b && y == a))),
        Event::ChangedSides { army, to } => {
            let a = &mut state.armies[army.index()];
            a.faction = *to;
            let leaders: Vec<CommanderId> =
                a.commander.iter().chain(&a.companions).copied().collect();
            for c in leaders {
                state.commanders[c.index()].faction = *to;
            }
        }
        Event::WentOver { from, into, men } => {
            let a = &mut state.armies[from.index()];
            for (m, n) in a.men.iter_mut().zip(men) {
                *m -= (*n).min(*m);
            }
            // Lost to their army as deserters are, whether they join the other.
            a.losses.dispersed += men_total(men);
            if let Some(b) = into {
                let b = &mut state.armies[b.index()];
                for (m, n) in b.men.iter_mut().zip(men) {
                    *m += n;
                }
                b.raised += men_total(men);
            }
        }
        Event::Defected { commander, to } => {
            state.commanders[commander.index()].faction = *to;
            for a in &mut state.armies {
                if a.commander == Some(*commander) {
                    a.faction = *to;
                }
            }
        }
        Event::RulerInstalled { region, ruler, by } => {
            if let Some(a) = by {
                state.armies[a.index()].companions.retain(|c| c != ruler);
            }
            state.regions[region.index()].ruler = Some(*ruler);
            state.commanders[ruler.index()].at = Some(*region);
        }
        Event::RulerRemoved { region } => {
            if let Some(c) = state.regions[region.index()].ruler.take() {
                state.commanders[c.index()].at = None;
            }
        }
        Event::ControlChanged { region, to } => set_control(state, *region, *to),
        Event::SeatMoved { seat, to } => {
            state.seats.insert(seat.clone(), *to);
        }
        Event::OrdersSet { army, orders } => {
            let a = &mut state.armies[army.index()];
            a.orders = orders.iter().cloned().collect();
            a.started = false;
            // New orders end any battle its old attack was fighting.
            a.battle_day = 0;
        }
        Event::OrderStarted { army } => state.armies[army.index()].started = true,
        Event::OrderDone { army } | Event::OrderRefused { army, .. } => {
            let a = &mut state.armies[army.index()];
            a.orders.pop_front();
            a.started = false;
            a.battle_day = 0;
        }
        Event::BattleGoesOn { army, day, fatigue } => {
            state.armies[army.index()].battle_day = *day;
            for (b, f) in fatigue {
                state.armies[b.index()].fatigue = *f;
            }
        }
        Event::WaypointReached { army } => {
            if let Some(crate::core::order::Order::March { via, .. }) =
                state.armies[army.index()].orders.front_mut()
                && !via.is_empty()
            {
                via.remove(0);
            }
        }
        Event::Moved {
            army, to, fatigue, ..
        } => {
            let a = &mut state.armies[army.index()];
            a.pos = *to;
            a.posture = Posture::Hasty;
            a.fortify_days = 0;
            a.fatigue = *fatigue;
        }
        Event::Departed { army, from } => {
            let day = state.day;
            let a = &mut state.armies[army.index()];
            a.departures.push((*from, day));
            a.came_from = Some(*from);
            a.hidden = false;
            if state.regions[from.index()].besieged_by == Some(*army) {
                state.regions[from.index()].besieged_by = None;
            }
        }
        Event::Entered {
            army,
            region,
            unseen,
        } => {
            let a = &mut state.armies[army.index()];
            a.pos = Position::At(*region);
            a.hidden = *unseen;
        }
        Event::Rested {
            army,
            fatigue,
            morale,
        } => {
            let a = &mut state.armies[army.index()];
            a.fatigue = *fatigue;
            a.morale = *morale;
        }
        Event::PostureChanged {
            army,
            posture,
            days,
        } => {
            let a = &mut state.armies[army.index()];
            a.posture = *posture;
            a.fortify_days = *days;
        }
        Event::Hid { army } => state.armies[army.index()].hidden = true,
        Event::Spotted { army } => state.armies[army.index()].hidden = false,
        Event::Fed {
            army,
            food_days,
            from_baggage,
            from_stores,
        } => {
            state.armies[army.index()].food_days = *food_days;
            if let Some((b, md)) = from_baggage
                && let Some(bg) = state.armies[b.index()].baggage.as_mut()
            {
                bg.man_days = (bg.man_days - md).max(0.0);
            }
            if let Some((r, md)) = from_stores {
                let reg = &mut state.regions[r.index()];
                reg.stores = (reg.stores - md).max(0.0);
            }
        }
        Event::Foraged { army, food_days } => state.armies[army.index()].food_days = *food_days,
        Event::Raided {
            army,
            region,
            livestock,
            food_days,
        } => {
            let reg = &mut state.regions[region.index()];
            reg.livestock = reg.livestock.saturating_sub(*livestock);
            state.armies[army.index()].food_days = *food_days;
        }
        Event::Starved { army, lost, morale } => {
            let a = &mut state.armies[army.index()];
            take(&mut a.men, lost);
            a.losses.dispersed += men_total(lost);
            a.morale = *morale;
        }
        Event::Besieging { army, region, lost } => {
            let reg = &mut state.regions[region.index()];
            reg.besieged_by = Some(*army);
            let a = &mut state.armies[army.index()];
            take(&mut a.men, lost);
            a.losses.killed += men_total(lost);
        }
        Event::BattleFought(b) => {
            let day = state.day;
            for f in b.attackers.iter().chain(&b.defenders) {
                let a = &mut state.armies[f.army.index()];
                take(&mut a.men, &f.lost_men);
                a.losses.add(&f.losses);
                a.hidden = false;
            }
            let (winners, losers) = if b.attacker_won {
                (&b.attackers, &b.defenders)
            } else {
                (&b.defenders, &b.attackers)
            };
            for f in winners {
                let a = &mut state.armies[f.army.index()];
                a.first_battle.get_or_insert(true);
            }
            for f in losers {
                let a = &mut state.armies[f.army.index()];
                a.first_battle.get_or_insert(false);
                a.beaten = true;
            }
            state.battles.push(BattleRecord {
                day,
                winners: winners.iter().map(|f| f.army).collect(),
                losers: losers.iter().map(|f| f.army).collect(),
            });
        }
        Event::Caught {
            army, losses, lost, ..
        } => {
            let a = &mut state.armies[army.index()];
            take(&mut a.men, lost);
            a.losses.add(losses);
            a.caught = true;
        }
        Event::Harried {
            army,
            by,
            losses,
            lost,
            harriers_losses,
            harriers_lost,
            morale,
            ..
        } => {
            let day = state.day;
            let a = &mut state.armies[army.index()];
            take(&mut a.men, lost);
            a.losses.add(losses);
            a.morale = *morale;
            a.harried_days = harried_days_on(a, day);
            a.harried_on = Some(day);
            let h = &mut state.armies[by.index()];
            take(&mut h.men, harriers_lost);
            h.losses.add(harriers_losses);
        }
        Event::MoraleChanged { army, morale } => state.armies[army.index()].morale = *morale,
        Event::Routed { army } => {
            let a = &mut state.armies[army.index()];
            a.routed = true;
            a.beaten = true;
            a.caught = false;
            a.hidden = false;
            a.garrison = false;
            a.posture = Posture::Hasty;
            a.fortify_days = 0;
            a.orders.clear();
            a.started = false;
        }
        Event::Rallied { army } => state.armies[army.index()].routed = false,
        Event::CommanderFate {
            commander,
            fate,
            by,
        } => {
            remove_commander(state, *commander);
            let c = &mut state.commanders[commander.index()];
            c.fate = *fate;
            if *fate == Fate::Captured {
                c.ever_captured = true;
                if let Some(a) = by {
                    state.armies[a.index()].captives.push(*commander);
                }
            }
        }
        Event::CaptiveFreed { commander, from } => {
            state.armies[from.index()]
                .captives
                .retain(|c| c != commander);
            state.commanders[commander.index()].fate = Fate::Free;
        }
        Event::CityFell {
            region,
            by,
            cause,
            garrison,
        } => {
            let faction = state.armies[by.index()].faction;
            set_control(state, *region, Some(faction));
            let reg = &mut state.regions[region.index()];
            reg.besieged_by = None;
            if *cause != FallCause::Unguarded {
                reg.ruler = None;
            }
            for (army, losses, lost) in garrison {
                let a = &mut state.armies[army.index()];
                take(&mut a.men, lost);
                a.losses.add(losses);
                a.beaten = true;
                a.orders.clear();
            }
        }
        Event::CampTaken {
            from,
            by,
            food_days,
            by_food_days,
            ..
        } => {
            state.armies[from.index()].food_days = *food_days;
            state.armies[by.index()].food_days = *by_food_days;
        }
        Event::BaggageTaken { from, by, man_days } => {
            state.armies[from.index()].baggage = None;
            let a = &mut state.armies[by.index()];
            let per_day = a.strength().max(1) as f64;
            a.food_days += man_days / per_day;
        }
        Event::Split {
            from,
            new,
            id,
            name,
            men,
            baggage,
            commander,
        } => {
            let src = state.armies[from.index()].clone();
            let moved = men_total(men);
            let bag = if *baggage {
                state.armies[from.index()].baggage.take()
            } else {
                None
            };
            {
                let f = &mut state.armies[from.index()];
                take(&mut f.men, men);
                f.raised = f.raised.saturating_sub(moved);
                if let Some(c) = commander {
                    f.companions.retain(|x| x != c);
                    if f.commander == Some(*c) {
                        f.commander = None;
                    }
                }
            }
            let mut n = src;
            n.men = *men;
            n.raised = moved;
            n.losses = Losses::default();
            n.commander = *commander;
            n.companions.clear();
            n.captives.clear();
            n.baggage = bag;
            n.orders.clear();
            n.present = true;
            n.first_battle = None;
            n.departures.clear();
            n.id = id.clone();
            n.name = name.clone();
            if new.index() < state.armies.len() {
                state.armies[new.index()] = n;
            } else {
                state.armies.push(n);
            }
        }
        Event::Merged { army, into } => {
            let src = state.armies[army.index()].clone();
            let moved = src.strength();
            {
                let a = &mut state.armies[army.index()];
                a.men = [0; 8];
                a.raised = a.raised.saturating_sub(moved);
                a.present = false;
                a.commander = None;
                a.companions.clear();
                a.captives.clear();
                a.orders.clear();
            }
            let t = &mut state.armies[into.index()];
            for (m, n) in t.men.iter_mut().zip(&src.men) {
                *m += n;
            }
            let before = (t.strength() - moved) as f64;
            let weight = |mine: f64, theirs: f64| {
                (mine * before + theirs * moved as f64) / (before + moved as f64).max(1.0)
            };
            t.food_days = weight(t.food_days, src.food_days);
            t.morale = weight(t.morale, src.morale);
            t.fatigue = weight(t.fatigue, src.fatigue);
            t.raised += moved;
            t.companions.extend(src.commander);
            t.companions.extend(src.companions);
            t.captives.extend(src.captives);
            match (&mut t.baggage, src.baggage) {
                (Some(mine), Some(theirs)) => mine.man_days += theirs.man_days,
                (mine @ None, theirs) => *mine = theirs,
                _ => {}
            }
        }
        Event::Ended(outcome) => state.outcome = Some(outcome.clone()),
    }
}
