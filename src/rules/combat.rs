//! Battles: combat power from men, troop type against terrain, posture,
//! walls, morale, fatigue, supply, commander and surprise; a force ratio
//! turned into a win chance; losses that fall mostly on the side that
//! breaks, in a pursuit that cavalry decides.

use super::dice::{chance, normal, unit};
use super::event::{Battle, BattleKind, Event, FallCause, Fighter};
use super::params::Rules;
use super::state::*;
use crate::scenario::model::*;
use crate::scenario::raw::{LossKind, Posture, Terrain, Timing, TroopKind, Walls};

fn mounted(k: TroopKind) -> bool {
    matches!(k, TroopKind::Cavalry | TroopKind::HorseArchers)
}

/// What a battle is fought over and how it began.
pub struct Setup {
    pub kind: BattleKind,
    pub region: Option<RegionId>,
    pub terrain: Terrain,
    /// Armies and the share of each that fights.
    pub attackers: Vec<(ArmyId, f64)>,
    pub defenders: Vec<(ArmyId, f64)>,
    pub timing: Timing,
    /// The attacker came unseen.
    pub unseen: bool,
    /// Days each side's armies would be chased before reaching safety, if routed.
    pub chase_days: f64,
}

fn morale_factor(rules: &Rules, a: &ArmyState) -> f64 {
    rules.morale.power_at_zero + (1.0 - rules.morale.power_at_zero) * a.morale.clamp(0.0, 1.0)
}

fn lead_tactics(s: &Scenario, st: &State, armies: &[(ArmyId, f64)]) -> u8 {
    armies
        .iter()
        .max_by_key(|(a, _)| st.army(*a).strength())
        .and_then(|(a, _)| st.army(*a).commander)
        .map_or(3, |c| s.commanders[c.index()].tactics)
}

/// Fighting power of one army, before the side's posture, walls and surprise.
fn army_power(
    rules: &Rules,
    st: &State,
    army: ArmyId,
    share: f64,
    terrain: Terrain,
    storming: bool,
    behind_walls: bool,
) -> f64 {
    let a = st.army(army);
    let t = rules.terrain(terrain);
    let mut p = 0.0;
    for (i, n) in a.men.iter().enumerate() {
        let kind = TroopKind::ALL[i];
        let tr = rules.troop(kind);
        let mut v = *n as f64 * tr.power;
        if mounted(kind) {
            v *= t.mounted;
        }
        if storming {
            v *= tr.assault;
        }
        if behind_walls {
            v *= tr.defence;
        }
        p += v;
    }
    let fatigue = 1.0 - (1.0 - rules.fatigue.power_when_spent) * a.fatigue.clamp(0.0, 1.0);
    let supply = if a.food_days <= 0.0 {
        rules.supply.starving_power
    } else {
        1.0
    };
    p * share * morale_factor(rules, a) * fatigue * supply
}

fn pursuit_value(rules: &Rules, st: &State, armies: &[(ArmyId, f64)]) -> f64 {
    armies
        .iter()
        .map(|(a, share)| {
            st.army(*a)
                .men
                .iter()
                .enumerate()
                .map(|(i, n)| *n as f64 * rules.troop(TroopKind::ALL[i]).pursuit)
                .sum::<f64>()
                * share
        })
        .sum()
}

/// Splits `total` men over the kinds by the numbers present.
fn spread(men: &Men, total: u32) -> Men {
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
fn split_losses(n: u32, shares: (f64, f64, f64, f64)) -> Losses {
    let sum = shares.0 + shares.1 + shares.2 + shares.3;
    let part = |s: f64| ((n as f64) * s / sum).floor() as u32;
    let killed = part(shares.0);
    let wounded = part(shares.1);
    let captured = part(shares.2);
    Losses {
        killed,
        wounded,
        captured,
        dispersed: n - killed - wounded - captured,
    }
}

/// The attacker's chance of winning at a force ratio (attack power over defence power).
pub fn win_chance(rules: &Rules, ratio: f64) -> f64 {
    let b = &rules.battle;
    1.0 / (1.0 + (-b.slope * (ratio.max(1e-9).ln() - b.even_ratio.ln())).exp())
}

/// Resolves a battle. Returns the battle event and what follows from it.
pub fn fight(s: &Scenario, rules: &Rules, st: &mut State, setup: Setup) -> Vec<Event> {
    let b = &rules.battle;
    let region_walls = setup
        .region
        .map_or(Walls::None, |r| s.regions[r.index()].walls);
    let region_moat = setup.region.is_some_and(|r| s.regions[r.index()].moat);
    let lead_def = setup
        .defenders
        .iter()
        .max_by_key(|(a, _)| st.army(*a).strength())
        .map(|x| x.0);
    let def_posture = lead_def.map_or(Posture::Hasty, |a| st.army(a).posture);
    // Walls: a city's for an assault, a stockade for a camp fortified in the open.
    let walls = match setup.kind {
        BattleKind::Assault => rules.walls_factor(region_walls, region_moat),
        BattleKind::Field | BattleKind::Ambush if def_posture == Posture::Fortified => {
            rules.walls_factor(Walls::Stockade, false)
        }
        _ => 1.0,
    };
    let storming = walls > 1.0;

    // Surprise.
    let att_tactics = lead_tactics(s, st, &setup.attackers) as f64;
    let def_tactics = lead_tactics(s, st, &setup.defenders) as f64;
    let mut p_surprise = match setup.timing {
        Timing::Day => b.surprise_day,
        Timing::Dawn => b.surprise_dawn,
        Timing::Night => b.surprise_night,
    };
    if setup.unseen {
        p_surprise += b.surprise_unseen;
    }
    if setup.kind == BattleKind::Ambush {
        p_surprise = p_surprise.max(b.surprise_ambush);
    }
    if p_surprise > 0.0 {
        p_surprise += b.surprise_per_tactics * (att_tactics - def_tactics);
    }
    let surprise = chance(&mut st.rng, p_surprise.clamp(0.0, 0.95));

    let mut modifiers: Vec<(String, f64)> = Vec::new();
    let mut att = 0.0;
    for (a, share) in &setup.attackers {
        att += army_power(
            rules,
            st,
            *a,
            *share,
            setup.terrain,
            storming && !surprise,
            false,
        );
    }
    let mut def = 0.0;
    for (a, share) in &setup.defenders {
        def += army_power(
            rules,
            st,
            *a,
            *share,
            setup.terrain,
            false,
            storming && !surprise,
        );
    }
    if storming && !surprise {
        // Only so many can come at a wall or a stockade at once.
        let att_men: f64 = setup
            .attackers
            .iter()
            .map(|(a, sh)| st.army(*a).strength() as f64 * sh)
            .sum();
        let def_men: f64 = setup
            .defenders
            .iter()
            .map(|(a, sh)| st.army(*a).strength() as f64 * sh)
            .sum();
        let frontage = (b.assault_frontage * def_men / att_men.max(1.0)).min(1.0);
        if frontage < 1.0 {
            att *= frontage;
            modifiers.push(("frontage".into(), frontage));
        }
    }
    let att_cmd = 1.0 + b.per_tactics * (att_tactics - 3.0);
    let def_cmd = 1.0 + b.per_tactics * (def_tactics - 3.0);
    att *= att_cmd;
    def *= def_cmd;
    modifiers.push(("attacker's commander".into(), att_cmd));
    modifiers.push(("defender's commander".into(), def_cmd));
    if surprise {
        att *= b.surprise_power;
        modifiers.push(("surprise".into(), b.surprise_power));
    } else {
        let posture = match (setup.kind, def_posture) {
            // Besiegers caught between the relief and the walls have no line to hold.
            (BattleKind::Relief, _) => 1.0,
            (_, Posture::Hasty) => rules.posture.hasty,
            (_, Posture::Prepared) => rules.posture.prepared,
            (_, Posture::Fortified) => rules.posture.fortified,
        };
        let ground = rules.terrain(setup.terrain).defence;
        def *= posture * ground * walls;
        modifiers.push(("defender's posture".into(), posture));
        modifiers.push(("ground".into(), ground));
        if walls > 1.0 {
            modifiers.push(("walls".into(), walls));
        }
    }
    att *= (b.power_noise * normal(&mut st.rng)).exp();
    def *= (b.power_noise * normal(&mut st.rng)).exp();
    let ratio = att / def.max(1e-9);
    let p_win = win_chance(rules, ratio);
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
    // An open battle's loser breaks unless it was a close thing.
    let rout = !assault_failed
        && !city_falls
        && (loser_surprised || advantage >= 1.3 || unit(&mut st.rng) < 0.5);

    let winner_share = b.winner_loss.0
        + (b.winner_loss.1 - b.winner_loss.0)
            * unit(&mut st.rng)
            * (1.0 / advantage).clamp(0.2, 1.0);
    let mut loser_share = if assault_failed {
        rules.siege.repulse_loss.0
            + (rules.siege.repulse_loss.1 - rules.siege.repulse_loss.0) * unit(&mut st.rng)
    } else {
        b.loser_loss.0 + (b.loser_loss.1 - b.loser_loss.0) * unit(&mut st.rng)
    };
    if loser_surprised {
        loser_share *= b.surprised_losses;
    }
    loser_share = loser_share.min(0.9);

    // The pursuit: cavalry decides how many of a broken army are caught.
    let pursuit_ratio = (pursuit_value(rules, st, winners)
        / pursuit_value(rules, st, losers).max(100.0))
    .sqrt()
    .clamp(0.3, 3.0);
    let pursuit_share = if rout {
        (b.pursuit_base * pursuit_ratio * (1.0 + b.chase_days * setup.chase_days.min(5.0)))
            .min(b.pursuit_max)
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
                    let n = (engaged as f64 * winner_share).round() as u32;
                    losses = split_losses(n, b.fighting_split);
                    lost = n;
                } else {
                    let n = (engaged as f64 * loser_share).round() as u32;
                    losses = split_losses(n, b.fighting_split);
                    lost = n;
                    if rout {
                        let rest = army.strength().saturating_sub(lost);
                        let caught = (rest as f64 * pursuit_share).round() as u32;
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
    super::apply::apply(st, &events[0]);

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
        // The city is taken: its garrison is killed, captured or scattered.
        let mut garrison = Vec::new();
        for a in &losers {
            let army = st.army(*a);
            let rest = army.strength();
            let captured = (rest as f64 * rules.capture.garrison_captured).round() as u32;
            let killed = (rest - captured) / 2;
            let l = Losses {
                killed,
                wounded: 0,
                captured,
                dispersed: rest - captured - killed,
            };
            garrison.push((*a, l, army.men));
        }
        let people = people_in_city(st, &losers, r);
        push(
            st,
            &mut events,
            Event::CityFell {
                region: r,
                by: lead_winner,
                cause: FallCause::Storm,
                garrison,
            },
        );
        for c in people {
            let fate = if chance(&mut st.rng, rules.capture.city_taken) {
                Fate::Captured
            } else if chance(
                &mut st.rng,
                rules.capture.city_killed / (1.0 - rules.capture.city_taken).max(1e-9),
            ) {
                Fate::Killed
            } else {
                Fate::Fled
            };
            push(
                st,
                &mut events,
                Event::CommanderFate {
                    commander: c,
                    fate,
                    by: Some(lead_winner),
                },
            );
        }
    }

    if rout {
        let p_taken = (rules.capture.rout_base * pursuit_ratio).min(rules.capture.rout_max);
        for a in &losers {
            let army = st.army(*a).clone();
            for c in army.commander.iter().chain(&army.companions) {
                let roll = unit(&mut st.rng);
                let fate = if roll < p_taken {
                    Some(Fate::Captured)
                } else if roll < p_taken + rules.capture.rout_killed {
                    Some(Fate::Killed)
                } else {
                    None
                };
                if let Some(fate) = fate {
                    push(
                        st,
                        &mut events,
                        Event::CommanderFate {
                            commander: *c,
                            fate,
                            by: Some(lead_winner),
                        },
                    );
                }
            }
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
            let behind_walls = army.garrison
                && army.region().is_some_and(|r| {
                    s.regions[r.index()].walls != Walls::None
                        && st.regions[r.index()]
                            .control
                            .is_some_and(|f| !s.hostile(f, army.faction))
                });
            if st.army(*a).active() && !behind_walls {
                push(st, &mut events, Event::Routed { army: *a });
            }
        }
    }
    events
}

/// The commanders caught in a city that falls: those with its defenders and its ruler.
pub fn people_in_city(st: &State, defenders: &[ArmyId], r: RegionId) -> Vec<CommanderId> {
    let mut people: Vec<CommanderId> = Vec::new();
    for a in defenders {
        let army = st.army(*a);
        people.extend(army.commander);
        people.extend(army.companions.iter().copied());
    }
    people.extend(st.regions[r.index()].ruler);
    // A king commanding his own garrison is one man with one fate.
    people.sort();
    people.dedup();
    people
}

/// Applies an event and records it.
pub fn push(st: &mut State, events: &mut Vec<Event>, e: Event) {
    super::apply::apply(st, &e);
    events.push(e);
}

/// Men lost of the listed kinds.
pub fn count(l: &Losses, kinds: &[LossKind]) -> u32 {
    kinds
        .iter()
        .map(|k| match k {
            LossKind::Killed => l.killed,
            LossKind::Wounded => l.wounded,
            LossKind::Captured => l.captured,
            LossKind::Dispersed => l.dispersed,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn win_chance_follows_the_published_shapes() {
        // Attackers at about 1:1 usually fail (one in three on board-game tables),
        // at 1.5:1 they succeed about four times in five, at 2.7:1 nearly always.
        let rules = Rules::shipped().unwrap();
        let p = |r| win_chance(&rules, r);
        assert!((0.25..0.4).contains(&p(1.0)), "{}", p(1.0));
        assert!((0.7..0.9).contains(&p(1.5)), "{}", p(1.5));
        assert!(p(2.7) > 0.95, "{}", p(2.7));
        assert!(p(0.5) < 0.05);
    }

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
