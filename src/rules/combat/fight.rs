//! The fight itself: the dice of a battle drawn in their fixed order
//! (surprise, the day's spread of each side's power, victory, whether the
//! loser breaks, the losses), and every event that follows from them:
//! losses, morale, a city stormed, a rout with its pursuit, commanders taken
//! or killed, captives freed and baggage lost. The odds are in [`super::odds`].

use super::{Setup, odds};
use crate::rules::apply::apply;
use crate::rules::dice::{chance, normal, unit};
use crate::rules::event::{Battle, BattleKind, Event, Fighter};
use crate::rules::harry::behind_own_walls;
use crate::rules::params::Rules;
use crate::rules::siege;
use crate::rules::state::*;
use crate::scenario::model::*;

/// Splits `total` men over the kinds by the numbers present.
pub(crate) fn spread(men: &Men, total: u32) -> Men {
    let have = men_total(men);
    let mut out = [0u32; 8];
    if have == 0 || total == 0 {
        return out;
    }
    let total = total.min(have);
    let mut given = 0;
    for i in 0..8 {
        out[i] = ((men[i] as u64 * total as u64) / have as u64) as u32;
        given += out[i];
    }
    // Hand out the remainder to the kinds with men left.
    let mut i = 0;
    while given < total {
        if out[i] < men[i] {
            out[i] += 1;
            given += 1;
        }
        i = (i + 1) % 8;
    }
    out
}

/// Splits a count into killed, wounded, captured, dispersed by shares.
pub(crate) fn split_losses(n: u32, shares: (f64, f64, f64, f64)) -> Losses {
    let sum = shares.0 + shares.1 + shares.2 + shares.3;
    let part = |s: f64| ((n as f64) * s / sum).floor() as u32;
    // Each part at most what is left, so odd shares in a rules file cannot make more losses than men.
    let killed = part(shares.0).min(n);
    let wounded = part(shares.1).min(n - killed);
    let captured = part(shares.2).min(n - killed - wounded);
    Losses {
        killed,
        wounded,
        captured,
        dispersed: n - killed - wounded - captured,
    }
}

/// A surprised side fights only where it is struck: its armies' shares in
/// the battle fall together so that at most `surprised_engaged` of its men
/// for each of the attackers' engage (their losses in the fighting are of
/// those); the rest are caught up in its rout if it breaks.
fn struck_only(rules: &Rules, st: &State, mut setup: Setup) -> Setup {
    let att = odds::engaged_men(st, &setup.attackers);
    let def = odds::engaged_men(st, &setup.defenders);
    let reach = rules.battle.surprised_engaged * att;
    if def > reach && def > 0.0 {
        let k = reach / def;
        for d in &mut setup.defenders {
            d.1 *= k;
        }
    }
    setup
}

/// Resolves a battle. Returns the battle event and what follows from it.
pub fn fight(s: &Scenario, rules: &Rules, st: &mut State, setup: Setup) -> Vec<Event> {
    let b = &rules.battle;
    // The men each army had when the battle began: its camp held their food.
    let men_before: Vec<(ArmyId, u32)> = setup
        .attackers
        .iter()
        .chain(&setup.defenders)
        .map(|(a, _)| (*a, st.army(*a).strength()))
        .collect();
    let p_surprise = odds::surprise_chance(s, rules, st, &setup);
    let surprise = chance(&mut st.rng, p_surprise);
    let setup = if surprise {
        struck_only(rules, st, setup)
    } else {
        setup
    };
    let odds::Powers {
        attack: mut att,
        defence: mut def,
        modifiers,
        ..
    } = odds::powers(s, rules, st, &setup, surprise);
    att *= libm::exp(b.power_noise * normal(&mut st.rng));
    def *= libm::exp(b.power_noise * normal(&mut st.rng));
    let ratio = att / def.max(1e-9);
    let p_win = odds::win_chance(rules, ratio);
    let attacker_won = chance(&mut st.rng, p_win);

    let (winners, losers) = if attacker_won {
        (&setup.attackers, &setup.defenders)
    } else {
        (&setup.defenders, &setup.attackers)
    };
    let advantage = if attacker_won {
        ratio
    } else {
        1.0 / ratio.max(1e-9)
    };
    let assault_failed = setup.kind == BattleKind::Assault && !attacker_won;
    let city_falls = setup.kind == BattleKind::Assault && attacker_won;
    let loser_surprised = surprise && attacker_won;
    // An open battle's loser breaks unless it was a close thing, and the
    // less it holds together the less close a thing it takes.
    let held = odds::cohesion(s, rules, st, losers);
    // The pursuit: cavalry decides how many of a broken army are caught,
    // and a loser the winners cannot keep up with draws off in order more
    // often than it breaks.
    let pursuit_ratio = odds::pursuit_ratio(rules, st, winners, losers);
    let outpaced = pursuit_ratio.min(1.0);
    let rout = !assault_failed
        && !city_falls
        && (loser_surprised
            || advantage >= b.rout_advantage * held / outpaced
            || unit(&mut st.rng) < (b.rout_chance * outpaced / held).min(1.0));

    let winner_share = b.winner_loss.0
        + (b.winner_loss.1 - b.winner_loss.0)
            * unit(&mut st.rng)
            * (1.0 / advantage).clamp(b.winner_loss_scale_min, 1.0);
    // The winners lose no more men than the losers brought to the fight:
    // a great army falling on a remnant does not lose a share of its own size.
    let (won_men, lost_men) = (
        odds::engaged_men(st, winners),
        odds::engaged_men(st, losers),
    );
    let winner_share = if won_men > 0.0 {
        winner_share.min(lost_men / won_men)
    } else {
        winner_share
    };
    let mut loser_share = if assault_failed {
        siege::repulse_share(rules, &mut st.rng)
    } else {
        b.loser_loss.0 + (b.loser_loss.1 - b.loser_loss.0) * unit(&mut st.rng)
    };
    if loser_surprised {
        loser_share *= b.surprised_losses;
    }
    loser_share = loser_share.min(b.loser_loss_max);

    let pursuit_share = if rout {
        let free = odds::pursuit_share(rules, pursuit_ratio, setup.chase_days);
        if loser_surprised {
            // Caught unready in narrow ground, the men beyond what it holds,
            // every man of the armies and not only those struck, cannot get
            // away: they are caught as at the pursuit's limit.
            let whole: Vec<(ArmyId, f64)> = losers.iter().map(|(a, _)| (*a, 1.0)).collect();
            let (_, crowded) = odds::frontage(rules, st, &whole, setup.terrain);
            free * (1.0 - crowded) + free.max(b.pursuit_max * outpaced) * crowded
        } else {
            free
        }
    } else {
        0.0
    };

    let fighters = |list: &Vec<(ArmyId, f64)>, won: bool| -> Vec<Fighter> {
        list.iter()
            .map(|(a, share)| {
                let army = st.army(*a);
                let engaged = (army.strength() as f64 * share).round() as u32;
                let (mut lost, mut losses);
                if won {
                    let n = ((engaged as f64 * winner_share).round() as u32).min(engaged);
                    losses = split_losses(n, b.fighting_split);
                    lost = n;
                } else {
                    let n = ((engaged as f64 * loser_share).round() as u32).min(engaged);
                    losses = split_losses(n, b.fighting_split);
                    lost = n;
                    if rout {
                        let rest = army.strength().saturating_sub(lost);
                        let caught = ((rest as f64 * pursuit_share).round() as u32).min(rest);
                        let (k, c, d) = b.pursuit_split;
                        let pl = split_losses(caught, (k, 0.0, c, d));
                        losses.add(&pl);
                        lost += caught;
                    }
                }
                if city_falls && !won {
                    // The wounded of a city taken by storm fall into the victor's hands.
                    losses.captured += losses.wounded;
                    losses.wounded = 0;
                }
                lost = lost.min(army.strength());
                // Keep the breakdown equal to the men taken.
                let over = losses.total().saturating_sub(lost);
                losses.dispersed = losses.dispersed.saturating_sub(over);
                let lost_men = spread(&army.men, losses.total());
                Fighter {
                    army: *a,
                    men: engaged,
                    losses,
                    lost_men,
                }
            })
            .collect()
    };
    let att_f = fighters(&setup.attackers, attacker_won);
    let def_f = fighters(&setup.defenders, !attacker_won);

    let battle = Battle {
        kind: setup.kind,
        region: setup.region,
        terrain: setup.terrain,
        attackers: att_f,
        defenders: def_f,
        attack_power: att,
        defence_power: def,
        modifiers,
        surprise,
        attacker_won,
        rout,
        chase_days: setup.chase_days,
    };
    let winners: Vec<ArmyId> = winners.iter().map(|x| x.0).collect();
    let losers: Vec<ArmyId> = losers.iter().map(|x| x.0).collect();
    let mut events = vec![Event::BattleFought(Box::new(battle))];
    apply(st, &events[0]);
    // A battle between factions at truce ends their truce.
    let broken: Vec<(FactionId, FactionId)> = st
        .truces
        .iter()
        .copied()
        .filter(|(x, y)| {
            let side_of = |list: &[(ArmyId, f64)], f: FactionId| {
                list.iter().any(|(a, _)| st.army(*a).faction == f)
            };
            (side_of(&setup.attackers, *x) && side_of(&setup.defenders, *y))
                || (side_of(&setup.attackers, *y) && side_of(&setup.defenders, *x))
        })
        .collect();
    for (a, b) in broken {
        push(st, &mut events, Event::TruceBroken { a, b });
    }

    let lead_winner = winners
        .iter()
        .copied()
        .max_by_key(|a| st.army(*a).strength())
        .unwrap_or(winners[0]);
    for a in &winners {
        let m = (st.army(*a).morale + rules.morale.after_win).min(1.0);
        push(
            st,
            &mut events,
            Event::MoraleChanged {
                army: *a,
                morale: m,
            },
        );
    }
    for a in &losers {
        let drop = if rout {
            rules.morale.after_rout
        } else {
            rules.morale.after_loss
        };
        let m = (st.army(*a).morale - drop).max(0.0);
        push(
            st,
            &mut events,
            Event::MoraleChanged {
                army: *a,
                morale: m,
            },
        );
    }

    if city_falls && let Some(r) = setup.region {
        siege::stormed(rules, st, &losers, r, lead_winner, &mut events);
    }

    if rout {
        let p_taken = (rules.capture.rout_base * pursuit_ratio).min(rules.capture.rout_max);
        for a in &losers {
            let army = st.army(*a).clone();
            fates_in_pursuit(rules, st, &mut events, *a, p_taken, lead_winner);
            for c in &army.captives {
                push(
                    st,
                    &mut events,
                    Event::CaptiveFreed {
                        commander: *c,
                        from: *a,
                    },
                );
            }
            if let Some(bg) = &army.baggage {
                let man_days = bg.man_days;
                let fed = bg.feeds.clone();
                push(
                    st,
                    &mut events,
                    Event::BaggageTaken {
                        from: *a,
                        by: lead_winner,
                        man_days,
                    },
                );
                for f in fed {
                    if st.army(f).active() {
                        let m = (st.army(f).morale - rules.morale.baggage_lost).max(0.0);
                        push(st, &mut events, Event::MoraleChanged { army: f, morale: m });
                    }
                }
            }
            // A garrison beaten in a sally falls back behind its own walls instead.
            let behind_walls = army.garrison && behind_own_walls(s, st, *a);
            let had = men_before
                .iter()
                .find(|(x, _)| x == a)
                .map_or(0, |(_, n)| *n);
            if let Some(camp) = camp_taken(rules, st, &setup, *a, had, lead_winner, behind_walls) {
                push(st, &mut events, camp);
            }
            if st.army(*a).active() && !behind_walls {
                push(st, &mut events, Event::Routed { army: *a });
            }
        }
    }
    events
}

/// The camp that beaten army `a` leaves to `by`, if it was driven from the
/// place it stood: a defender routed in a field or relief battle fought in
/// its region (not one that walked into an ambush, nor a garrison back
/// behind its walls). Its survivors flee with at most `supply.fugitive_days`
/// of food on them; the winner takes the rest of what the camp held for the
/// `had` men the army brought to the battle (the fallen and the taken left
/// theirs in it), up to `supply.max_days` of its own.
fn camp_taken(
    rules: &Rules,
    st: &State,
    setup: &Setup,
    a: ArmyId,
    had: u32,
    by: ArmyId,
    behind_walls: bool,
) -> Option<Event> {
    let stood = matches!(setup.kind, BattleKind::Field | BattleKind::Relief)
        && setup.region.is_some()
        && setup.defenders.iter().any(|(d, _)| *d == a)
        && !behind_walls;
    let (loser, winner) = (st.army(a), st.army(by));
    let keep = rules.supply.fugitive_days.max(0.0);
    if !stood || !winner.active() || loser.food_days <= keep {
        return None;
    }
    let man_days = loser.food_days * f64::from(had) - keep * f64::from(loser.strength());
    let room = rules.supply.max_days.max(winner.food_days);
    let by_food_days =
        (winner.food_days + man_days / f64::from(winner.strength().max(1))).min(room);
    Some(Event::CampTaken {
        from: a,
        by,
        man_days,
        food_days: keep,
        by_food_days,
    })
}

/// The fates of a routed army's commanders (its commander and companions)
/// in the pursuit by `by`: each taken with chance `p_taken` or killed with
/// the rules' `rout_killed`, both less for an army on horseback pursued by
/// one with fewer horses ([`odds::horses_spare`]). Of those that shooters
/// catch, `shot_down` are shot rather than taken ([`odds::shooting_share`]),
/// save a ruler, who is worth more alive.
pub(crate) fn fates_in_pursuit(
    rules: &Rules,
    st: &mut State,
    events: &mut Vec<Event>,
    a: ArmyId,
    p_taken: f64,
    by: ArmyId,
) {
    let army = st.army(a).clone();
    let saved = odds::horses_spare(rules, st, a, by);
    let shooting = rules.capture.shot_down * odds::shooting_share(rules, st, by);
    for c in army.commander.iter().chain(&army.companions) {
        let ruler = st.regions.iter().any(|r| r.ruler == Some(*c));
        let shot = if ruler { 0.0 } else { shooting };
        let (p_taken, p_killed) = (
            p_taken * (1.0 - shot) * saved,
            (rules.capture.rout_killed + p_taken * shot) * saved,
        );
        let roll = unit(&mut st.rng);
        let fate = if roll < p_taken {
            Some(Fate::Captured)
        } else if roll < p_taken + p_killed {
            Some(Fate::Killed)
        } else {
            None
        };
        if let Some(fate) = fate {
            push(
                st,
                events,
                Event::CommanderFate {
                    commander: *c,
                    fate,
                    by: Some(by),
                },
            );
        }
    }
}

/// Applies an event and records it.
pub fn push(st: &mut State, events: &mut Vec<Event>, e: Event) {
    apply(st, &e);
    events.push(e);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spreading_losses_keeps_every_man() {
        let men = [10, 0, 7, 0, 3, 0, 0, 1];
        for total in [0, 1, 5, 20, 21, 50] {
            let out = spread(&men, total);
            assert_eq!(men_total(&out), total.min(21));
            assert!(out.iter().zip(&men).all(|(o, m)| o <= m));
        }
        let l = split_losses(101, (0.4, 0.45, 0.05, 0.1));
        assert_eq!(l.total(), 101);
    }
}
