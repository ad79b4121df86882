//! Events in words, for the turn log and the command line.

use super::event::{BattleKind, Event, FallCause};
use super::state::{Fate, Position, State, men_total};
use crate::scenario::model::*;

fn army(st: &State, s: &Scenario, a: ArmyId) -> String {
    let x = &st.armies[a.index()];
    match x.commander {
        Some(c) => format!("{} ({})", x.name, s.commanders[c.index()].name),
        None => x.name.clone(),
    }
}

fn pos(s: &Scenario, p: Position) -> String {
    match p {
        Position::At(r) => s.regions[r.index()].name.clone(),
        Position::Road { route, from, km } => {
            let rt = &s.routes[route.index()];
            format!(
                "{:.0} km from {} towards {}",
                km,
                s.regions[from.index()].name,
                s.regions[rt.other(from).index()].name
            )
        }
    }
}

/// One line for an event, or None for bookkeeping the log leaves out.
/// A faction's name, or its number for one the scenario does not have.
fn faction_name(s: &Scenario, f: FactionId) -> String {
    s.factions
        .get(f.index())
        .map_or_else(|| format!("faction {}", f.0), |x| x.name.clone())
}

pub fn describe(s: &Scenario, st: &State, e: &Event) -> Option<String> {
    let region = |r: &RegionId| s.regions[r.index()].name.clone();
    let who = |c: &CommanderId| s.commanders[c.index()].name.clone();
    Some(match e {
        Event::TurnBegan { turn, date } => format!("— turn {turn}, {date} —"),
        Event::ScenarioEvent { description, .. } => format!("event: {description}"),
        Event::Arrived { army: a, at } => format!("{} arrives at {}", army(st, s, *a), region(at)),
        Event::Reinforced { army: a, men } => {
            format!("{} is joined by {} men", army(st, s, *a), men_total(men))
        }
        Event::TruceMade { a, b } => format!(
            "{} and {} are at truce: neither keeps watch against the other",
            faction_name(s, *a),
            faction_name(s, *b)
        ),
        Event::TruceBroken { a, b } => format!(
            "the truce between {} and {} is broken",
            faction_name(s, *a),
            faction_name(s, *b)
        ),
        Event::ChangedSides { army: a, to } => format!(
            "{} goes over to {}",
            army(st, s, *a),
            s.factions[to.index()].name
        ),
        Event::WentOver { from, into, men } => match into {
            Some(b) => format!(
                "{} men of {} go over to {}",
                men_total(men),
                army(st, s, *from),
                army(st, s, *b)
            ),
            None => format!(
                "{} men of {} leave the field to go over to the enemy",
                men_total(men),
                army(st, s, *from)
            ),
        },
        Event::Defected { commander, to } => format!(
            "{} goes over to {}",
            who(commander),
            s.factions[to.index()].name
        ),
        Event::RulerInstalled {
            region: r, ruler, ..
        } => format!("{} is installed as ruler of {}", who(ruler), region(r)),
        Event::RulerRemoved { region: r } => format!("{} is left without a ruler", region(r)),
        Event::ControlChanged { region: r, to } => {
            format!(
                "{} passes to {}",
                region(r),
                to.map_or("no one".to_string(), |f| s.factions[f.index()].name.clone())
            )
        }
        Event::SeatMoved { seat, to } => format!("the seat of {seat} moves to {}", region(to)),
        Event::OrderRefused {
            army: a, reason, ..
        } => format!("{}: order refused: {}", army(st, s, *a), reason.text(s, st)),
        Event::Entered {
            army: a,
            region: r,
            unseen,
        } => {
            format!(
                "{} reaches {}{}",
                army(st, s, *a),
                region(r),
                if *unseen { " unseen" } else { "" }
            )
        }
        Event::Departed { army: a, from } => format!("{} leaves {}", army(st, s, *a), region(from)),
        Event::Raided {
            army: a,
            region: r,
            livestock,
            ..
        } => format!(
            "{} seizes {livestock} head of livestock at {}",
            army(st, s, *a),
            region(r)
        ),
        Event::Caught {
            army: a, by, lost, ..
        } => format!(
            "{} overtakes {} on the road: {} of the fugitives cut down or taken",
            army(st, s, *by),
            army(st, s, *a),
            men_total(lost)
        ),
        Event::Harried {
            army: a,
            by,
            lost,
            harriers_lost,
            thirst,
            ..
        } => format!(
            "{} rides round {}: {} men shot down or cut off{}, {} of the riders brought down, no forage{}",
            army(st, s, *by),
            army(st, s, *a),
            men_total(lost) - thirst,
            if *thirst > 0 {
                format!(" and {thirst} lost to thirst")
            } else {
                String::new()
            },
            men_total(harriers_lost),
            if *thirst > 0 { " or water" } else { "" }
        ),
        Event::Starved { army: a, lost, .. } => format!(
            "{} is starving: {} men lost",
            army(st, s, *a),
            men_total(lost)
        ),
        Event::BattleFought(b) => {
            let names = |fs: &Vec<super::event::Fighter>| {
                fs.iter()
                    .map(|f| army(st, s, f.army))
                    .collect::<Vec<_>>()
                    .join(" and ")
            };
            let lost =
                |fs: &Vec<super::event::Fighter>| fs.iter().map(|f| f.losses.total()).sum::<u32>();
            let men = |fs: &Vec<super::event::Fighter>| fs.iter().map(|f| f.men).sum::<u32>();
            let kind = match b.kind {
                BattleKind::Field => "battle",
                BattleKind::Assault => "assault",
                BattleKind::Ambush => "ambush",
                BattleKind::Relief => "relief battle",
            };
            format!(
                "{kind}{} at {}: {} ({} men engaged, power {:.0}) against {} ({} men engaged, power {:.0}){}: {} win{}; losses {} and {}",
                if b.surprise { " with surprise" } else { "" },
                b.region.map_or("the road".to_string(), |r| region(&r)),
                names(&b.attackers),
                men(&b.attackers),
                b.attack_power,
                names(&b.defenders),
                men(&b.defenders),
                b.defence_power,
                "",
                if b.attacker_won {
                    "attackers"
                } else {
                    "defenders"
                },
                if b.rout {
                    ", the beaten side routs"
                } else {
                    ""
                },
                lost(&b.attackers),
                lost(&b.defenders),
            )
        }
        Event::Routed { army: a } => format!("{} is routed", army(st, s, *a)),
        Event::BattleGoesOn { army: a, day, .. } => format!(
            "neither side breaks: {}'s battle goes on tomorrow (day {} of it)",
            army(st, s, *a),
            day + 1
        ),
        Event::Rallied { army: a } => format!("{} rallies", army(st, s, *a)),
        Event::CommanderFate {
            commander, fate, ..
        } => {
            let f = match fate {
                Fate::Free => "is free",
                Fate::Captured => "is captured",
                Fate::Killed => "is killed",
                Fate::Executed => "is executed",
                Fate::Fled => "escapes",
            };
            format!("{} {f}", who(commander))
        }
        Event::CaptiveFreed { commander, .. } => format!("{} is freed", who(commander)),
        Event::CityFell {
            region: r,
            by,
            cause,
            garrison,
        } => {
            let how = match cause {
                FallCause::Storm => "is stormed",
                FallCause::Starvation => "is starved into surrender",
                FallCause::Unguarded => "is occupied",
            };
            let lost: u32 = garrison.iter().map(|g| g.1.total()).sum();
            format!(
                "{} {how} by {}{}",
                region(r),
                army(st, s, *by),
                if lost > 0 {
                    format!("; {lost} of its defenders lost")
                } else {
                    String::new()
                }
            )
        }
        Event::CampTaken {
            from, by, man_days, ..
        } => format!(
            "{} takes the camp of {}, with {:.0} man-days of food",
            army(st, s, *by),
            army(st, s, *from),
            man_days
        ),
        Event::BaggageTaken { from, by, .. } => format!(
            "the baggage of {} is taken by {}",
            army(st, s, *from),
            army(st, s, *by)
        ),
        Event::Split { from, new, men, .. } => format!(
            "{} splits off {} men as {}",
            army(st, s, *from),
            men_total(men),
            st.armies
                .get(new.index())
                .map_or("a detachment".to_string(), |a| a.name.clone())
        ),
        Event::Merged { army: a, into } => {
            format!("{} joins {}", army(st, s, *a), army(st, s, *into))
        }
        Event::Ended(o) => match o {
            super::state::Outcome::Victory { side, description } => format!(
                "the campaign ends: {} victory — {description}",
                s.sides[side.index()].name
            ),
            super::state::Outcome::Draw => "the campaign ends undecided".to_string(),
        },
        Event::Moved { army: a, to, .. } => {
            format!("{} marches to {}", army(st, s, *a), pos(s, *to))
        }
        _ => return None,
    })
}
