//! Words where a player needs them: what the engine leaves silent about an
//! army, in lines the inspector shows. A march held on the road and by
//! whom, a siege and the stores left, an army's unseen status, hunger
//! coming, and before an order, the warnings it earns (food short for the
//! march, the last army out of a city the side must hold), and the armies
//! an army can merge into. Pure functions
//! of the session, from the facts in `game::notes`; no systems.

use crate::core::order::Order;
use crate::desktop::journal::HUNGRY_DAYS;
use crate::desktop::names::{counted, noun, thousands};
use crate::desktop::session::Session;
use crate::game::notes::{
    Siege, blocked, fed_where_it_stands, food_check, leaves, must_hold, siege, siege_of_army,
};
use crate::scenario::model::ArmyId;

/// One line about an army: its words, and whether it warns.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub text: String,
    pub warning: bool,
}

fn note(text: String, warning: bool) -> Note {
    Note { text, warning }
}

/// The name the player knows an army by: an unseen enemy is "an enemy".
fn known_name(session: &Session, a: ArmyId) -> String {
    let army = session.game.state().army(a);
    if session.shows(a) {
        format!("{} ({} men)", army.name, thousands(army.strength()))
    } else {
        "an enemy the scouts have not made out".into()
    }
}

/// The lines about an army the player is shown: for the player's own,
/// everything; for an enemy's, only the siege it lays or suffers.
pub fn army_notes(session: &Session, a: ArmyId) -> Vec<Note> {
    let s = session.game.scenario();
    let rules = session.game.rules();
    let st = session.game.state();
    let army = st.army(a);
    let mut out = Vec::new();
    let mine = session.is_mine(a);
    if mine && let Some(b) = blocked(s, rules, st, a) {
        let who: Vec<String> = b.by.iter().map(|x| known_name(session, *x)).collect();
        let text = if b.on_road {
            format!(
                "Held on the road by {}: the march goes on only when the way is clear.",
                who.join(" and ")
            )
        } else {
            let here = army
                .region()
                .map_or(String::new(), |r| s.regions[r.index()].name.clone());
            format!("Halted at {here}: {} stands there.", who.join(" and "))
        };
        out.push(note(text, true));
    }
    if let Some(siege) = siege_of_army(s, st, a) {
        let city = &s.regions[siege.city.index()].name;
        let stores = stores_text(&siege);
        let text = if siege.by == a {
            format!("Besieging {city}: {stores}.")
        } else {
            let by = known_name(session, siege.by);
            format!("{city} is under siege by {by}: {stores}.")
        };
        out.push(note(text, !mine || siege.by != a));
    }
    if !mine {
        return out;
    }
    if army.hidden {
        out.push(note(
            "Unseen: the enemy does not know it is here. It is found out when it leaves, \
             fights, or stands a day anywhere but in ambush."
                .into(),
            false,
        ));
    }
    if !fed_where_it_stands(s, rules, st, a) && army.food_days <= HUNGRY_DAYS {
        let text = if army.food_days <= 0.0 {
            "Starving: no food left; it loses men every day until it is fed.".to_string()
        } else {
            format!(
                "Food for {}: then it starves, unless it reaches home ground of its \
                 side, a city of its own, or its baggage.",
                counted(army.food_days.floor() as u32, "day", "days")
            )
        };
        out.push(note(text, true));
    }
    if let Some(o) = session.orders_of(a).first() {
        out.extend(
            order_warnings(session, a, o)
                .into_iter()
                .map(|t| note(t, true)),
        );
    }
    out
}

/// How long a besieged city's stores hold out, in words.
fn stores_text(siege: &Siege) -> String {
    match siege.days_left() {
        u32::MAX => "no garrison eats from its stores".to_string(),
        0 => format!(
            "its stores no longer cover the {} men inside: it gives itself up",
            thousands(siege.inside)
        ),
        days => format!(
            "its stores hold out {days} more {} for the {} men inside; then it gives itself up",
            noun(days, "day", "days"),
            thousands(siege.inside)
        ),
    }
}

/// The warnings an order earns before it is given: a march longer than the
/// food the army carries, and the last army out of a city its side must hold.
pub fn order_warnings(session: &Session, a: ArmyId, order: &Order) -> Vec<String> {
    let s = session.game.scenario();
    let rules = session.game.rules();
    let st = session.game.state();
    let mut out = Vec::new();
    // Marching into a besieged city of its own side: more mouths for its stores.
    if let Order::March { to, .. } = order
        && st.army(a).region() != Some(*to)
        && let Some(siege) = siege(s, st, *to)
        && s.hostile(st.army(siege.by).faction, st.army(a).faction)
    {
        let with = siege.with_men(st.army(a).strength());
        out.push(format!(
            "{} is under siege: with this army inside, {} (without it, {}).",
            s.regions[to.index()].name,
            stores_text(&with),
            match siege.days_left() {
                u32::MAX => "as long as it likes".to_string(),
                d => counted(d, "day", "days"),
            }
        ));
    }
    if let Some(f) = food_check(s, rules, st, a, order) {
        if f.short() {
            out.push(format!(
                "The longest stretch without home ground or land that feeds the army takes {:.0} \
                 days and it carries food for {:.0}: it goes hungry on the way.",
                f.stretch_days.ceil(),
                f.food_days.floor()
            ));
        } else if f.tight() {
            out.push(format!(
                "The longest stretch without home ground or land that feeds the army takes {:.0} \
                 days: it gets through with less than a day's food to spare.",
                f.stretch_days.ceil()
            ));
        }
    }
    if let Some(r) = leaves(st, a, order) {
        let side = session.game.side_of(a);
        let held = st.regions[r.index()]
            .control
            .is_some_and(|f| s.side_of(f) == side);
        // Another army of the side that stays keeps the city.
        let others_stay = st.armies_at(r).any(|b| {
            b != a
                && session.game.side_of(b) == side
                && !st.army(b).routed
                && session
                    .orders_of(b)
                    .first()
                    .is_none_or(|o| leaves(st, b, o).is_none())
        });
        if held
            && !others_stay
            && let Some(m) = must_hold(s, side).into_iter().find(|m| m.region == r)
        {
            out.push(format!(
                "This takes the last army out of {}, which your side must hold: {}",
                s.regions[r.index()].name,
                m.why
            ));
        }
    }
    out
}

/// The armies this one can merge into: others of its faction in the field,
/// in the same place.
pub fn merge_targets(session: &Session, a: ArmyId) -> Vec<ArmyId> {
    let st = session.game.state();
    let army = st.army(a);
    (0..st.armies.len())
        .map(|i| ArmyId(i as u16))
        .filter(|b| {
            let x = st.army(*b);
            *b != a && x.active() && x.faction == army.faction && x.pos == army.pos
        })
        .collect()
}
