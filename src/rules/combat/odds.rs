//! The odds of a battle, computed without changing anything: each army's
//! fighting power from men, troop type against terrain, morale, fatigue and
//! supply; each side's from its posture, walls, frontage (how many can
//! fight at once on the ground, the rest standing in reserve), the general in
//! command and surprise; the chance of surprise, the attacker's chance of winning at a
//! force ratio, and the share of a routed army the pursuit catches.

use super::Setup;
use super::works::{defenders_posture, facing, walls_turned};
pub use super::works::{turned_share, walls};
use crate::rules::event::BattleKind;
use crate::rules::params::{AVERAGE_RATING, Rules, TroopRules};
use crate::rules::state::*;
use crate::scenario::model::*;
use crate::scenario::raw::{Posture, Terrain, Timing, TroopKind};

fn mounted(k: TroopKind) -> bool {
    matches!(k, TroopKind::Cavalry | TroopKind::HorseArchers)
}

fn morale_factor(rules: &Rules, a: &ArmyState) -> f64 {
    rules.morale.power_at_zero + (1.0 - rules.morale.power_at_zero) * a.morale.clamp(0.0, 1.0)
}

/// The general in command of a side's armies in a battle: of the
/// commanders leading them, the one of highest command rating (the senior
/// general), the leader of the larger army among equals. None when no army
/// has a commander.
pub fn battle_general(s: &Scenario, st: &State, armies: &[(ArmyId, f64)]) -> Option<CommanderId> {
    armies
        .iter()
        .filter_map(|(a, _)| {
            let army = st.army(*a);
            army.commander.map(|c| (c, army.strength()))
        })
        .max_by_key(|(c, men)| (s.commanders[c.index()].command, *men))
        .map(|(c, _)| c)
}

/// The tactics rating of a side: that of its general in command.
fn lead_tactics(s: &Scenario, st: &State, armies: &[(ArmyId, f64)]) -> u8 {
    battle_general(s, st, armies).map_or(AVERAGE_RATING, |c| s.commanders[c.index()].tactics)
}

/// A side's cohesion: how well it holds together when beaten. Its general's
/// command rating holds it together (`cohesion_per_command` a point above or
/// below the average), and every faction beyond the first loosens a
/// coalition (`coalition_cohesion`). 1 for one faction under an average general.
pub fn cohesion(s: &Scenario, rules: &Rules, st: &State, armies: &[(ArmyId, f64)]) -> f64 {
    let b = &rules.battle;
    let command =
        battle_general(s, st, armies).map_or(AVERAGE_RATING, |c| s.commanders[c.index()].command);
    let mut factions: Vec<FactionId> = armies.iter().map(|(a, _)| st.army(*a).faction).collect();
    factions.sort_by_key(|f| f.index());
    factions.dedup();
    let general = 1.0 + b.cohesion_per_command * (f64::from(command) - f64::from(AVERAGE_RATING));
    let coalition = 1.0 - b.coalition_cohesion * (factions.len().saturating_sub(1)) as f64;
    (general * coalition).clamp(0.25, 2.0)
}

/// A side's men, each weighted by a value of its troop type, times each
/// army's share in the battle.
fn weighted_men(
    rules: &Rules,
    st: &State,
    armies: &[(ArmyId, f64)],
    value: impl Fn(&TroopRules) -> f64,
) -> f64 {
    armies
        .iter()
        .map(|(a, share)| {
            st.army(*a)
                .men
                .iter()
                .enumerate()
                .map(|(i, n)| *n as f64 * value(rules.troop(TroopKind::ALL[i])))
                .sum::<f64>()
                * share
        })
        .sum()
}

/// The places in the fighting line a side's men would fill.
fn places(rules: &Rules, st: &State, armies: &[(ArmyId, f64)]) -> f64 {
    weighted_men(rules, st, armies, |t| t.space)
}

/// A side's frontage on this ground: the factor on its power (the line's
/// men count in full, the reserves' at `reserve_power`) and the share of its
/// places that stand in reserve.
pub fn frontage(
    rules: &Rules,
    st: &State,
    armies: &[(ArmyId, f64)],
    terrain: Terrain,
) -> (f64, f64) {
    let have = places(rules, st, armies);
    let line = rules.terrain(terrain).frontage;
    if have <= line {
        return (1.0, 0.0);
    }
    let reserve = have - line;
    (
        (line + rules.battle.reserve_power * reserve) / have,
        reserve / have,
    )
}

/// The mounted men of an army.
fn horsemen(st: &State, army: ArmyId) -> u32 {
    st.army(army)
        .men
        .iter()
        .enumerate()
        .filter(|(i, _)| mounted(TroopKind::ALL[*i]))
        .map(|(_, n)| *n)
        .sum()
}

/// The share of an army's men that are mounted.
pub fn mounted_share(st: &State, army: ArmyId) -> f64 {
    let all = st.army(army).strength();
    if all == 0 {
        return 0.0;
    }
    f64::from(horsemen(st, army)) / f64::from(all)
}

/// How much of a beaten army's commanders' flight is on horseback: a
/// commander keeps a guard of picked riders about him (`capture.guard` of
/// them) whatever his army marches on, so with that many horsemen in the
/// army he rides away as if it were all mounted, with fewer in proportion,
/// and never less than the army's mounted share. With no guard in the
/// rules (0), the army's mounted share.
pub fn commanders_mounted(rules: &Rules, st: &State, army: ArmyId) -> f64 {
    let share = mounted_share(st, army);
    let guard = rules.capture.guard;
    if guard > 0.0 {
        share.max((f64::from(horsemen(st, army)) / guard).min(1.0))
    } else {
        share
    }
}

/// The share of the pursuit's chances of taking or killing a routed army's
/// commanders that still holds when `pursuers` chase `fugitives`: horses
/// carry commanders away from men on foot, not from other riders, so the
/// chances fall by `mounted_escape` times the commanders' flight on
/// horseback ([`commanders_mounted`]) times the pursuers' share on foot (a
/// guard on horseback against all on foot: by `mounted_escape`; riders
/// against riders: not at all).
pub fn horses_spare(rules: &Rules, st: &State, fugitives: ArmyId, pursuers: ArmyId) -> f64 {
    1.0 - rules.capture.mounted_escape
        * commanders_mounted(rules, st, fugitives)
        * (1.0 - mounted_share(st, pursuers))
}

/// The share of army `pursuers`' pursuit that shoots from the saddle: its
/// men times troop `pursuit` times `skirmish`, over its men times `pursuit`.
/// Horse archers run fugitives down with the bow, lancers and foot with the
/// hand; 0 for an army that cannot pursue at all.
pub fn shooting_share(rules: &Rules, st: &State, pursuers: ArmyId) -> f64 {
    let side = [(pursuers, 1.0)];
    let all = pursuit_value(rules, st, &side);
    let shooting = weighted_men(rules, st, &side, |t| t.pursuit * t.skirmish.clamp(0.0, 1.0));
    if all > 0.0 { shooting / all } else { 0.0 }
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
    p * share * morale_factor(rules, a) * fatigue_factor(rules, a) * supply_factor(rules, a)
}

/// What fatigue leaves of an army's power.
fn fatigue_factor(rules: &Rules, a: &ArmyState) -> f64 {
    1.0 - (1.0 - rules.fatigue.power_when_spent) * a.fatigue.clamp(0.0, 1.0)
}

/// What hunger leaves of an army's power: all of it while it has food.
fn supply_factor(rules: &Rules, a: &ArmyState) -> f64 {
    if a.food_days <= 0.0 {
        rules.supply.starving_power
    } else {
        1.0
    }
}

/// The factors inside a side's armies' power, for a preview: its men in
/// the battle, and the troop types against the ground, morale, fatigue and
/// supply, each as the factor it puts on the side's power (the armies'
/// factors averaged by their power).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SideFactors {
    pub men: u32,
    pub troops_on_ground: f64,
    pub morale: f64,
    pub fatigue: f64,
    pub supply: f64,
}

/// The [`SideFactors`] of armies fighting on `terrain`.
pub fn side_factors(
    rules: &Rules,
    st: &State,
    armies: &[(ArmyId, f64)],
    terrain: Terrain,
) -> SideFactors {
    let t = rules.terrain(terrain);
    let (mut men, mut base, mut ground, mut morale, mut fatigue, mut supply) =
        (0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
    for (army, share) in armies {
        let a = st.army(*army);
        let (mut raw, mut on_ground) = (0.0, 0.0);
        for (i, n) in a.men.iter().enumerate() {
            let kind = TroopKind::ALL[i];
            let v = *n as f64 * rules.troop(kind).power * share;
            raw += v;
            on_ground += if mounted(kind) { v * t.mounted } else { v };
        }
        men += a.strength() as f64 * share;
        base += raw;
        ground += on_ground;
        morale += on_ground * morale_factor(rules, a);
        fatigue += on_ground * fatigue_factor(rules, a);
        supply += on_ground * supply_factor(rules, a);
    }
    let over = |x: f64, by: f64| if by > 0.0 { x / by } else { 1.0 };
    SideFactors {
        men: men.round() as u32,
        troops_on_ground: over(ground, base),
        morale: over(morale, ground),
        fatigue: over(fatigue, ground),
        supply: over(supply, ground),
    }
}

/// The pursuit value of a side: its men weighted by their troop type's pursuit.
fn pursuit_value(rules: &Rules, st: &State, armies: &[(ArmyId, f64)]) -> f64 {
    weighted_men(rules, st, armies, |t| t.pursuit)
}

/// The men a side brings to a battle: each army's men times its share in it.
pub fn engaged_men(st: &State, armies: &[(ArmyId, f64)]) -> f64 {
    armies
        .iter()
        .map(|(a, share)| f64::from(st.army(*a).strength()) * share)
        .sum()
}

/// The two sides of a battle include factions at truce with each other.
pub fn at_truce(st: &State, setup: &Setup) -> bool {
    setup.attackers.iter().any(|(a, _)| {
        setup
            .defenders
            .iter()
            .any(|(d, _)| st.at_truce(st.army(*a).faction, st.army(*d).faction))
    })
}

/// The attacker's chance of achieving surprise.
pub fn surprise_chance(s: &Scenario, rules: &Rules, st: &State, setup: &Setup) -> f64 {
    let b = &rules.battle;
    let att_tactics = lead_tactics(s, st, &setup.attackers) as f64;
    let def_tactics = lead_tactics(s, st, &setup.defenders) as f64;
    let mut p_surprise = match setup.timing {
        Timing::Day => b.surprise_day,
        Timing::Dawn => b.surprise_dawn,
        Timing::Night => b.surprise_night,
    };
    // An attacker whose enemy is at truce with it comes unseen: no watch is
    // kept against it. So does one that comes wholly by a track that turns
    // the enemy's works: the watches face where the works face.
    let unseen = setup.unseen || at_truce(st, setup) || turned_share(s, st, setup) >= 1.0;
    if unseen {
        p_surprise += b.surprise_unseen;
    } else if setup.timing == Timing::Night {
        p_surprise +=
            b.surprise_unseen * night_party_unseen(rules, engaged_men(st, &setup.attackers));
    }
    if setup.kind == BattleKind::Ambush {
        p_surprise = p_surprise.max(b.surprise_ambush);
    }
    if p_surprise > 0.0 {
        p_surprise += b.surprise_per_tactics * (att_tactics - def_tactics);
    }
    // A camp that has stood long enough to dig in has its watches posted on
    // the approaches it knows: an enemy seen coming by them is expected.
    if !unseen {
        p_surprise *= match defenders_posture(st, setup) {
            Posture::Fortified => 1.0 - b.surprise_guarded,
            Posture::Prepared => 1.0 - b.surprise_guarded / 2.0,
            Posture::Hasty => 1.0,
        };
    }
    p_surprise.clamp(0.0, b.surprise_max)
}

/// How nearly a night attack of `men` comes as if unseen: a party of a few
/// hundred slips past the watches in the dark, a host is heard on the move.
/// `night_party / (night_party + men)`: a half for a party of `night_party`
/// men, nothing in rules files without it.
pub fn night_party_unseen(rules: &Rules, men: f64) -> f64 {
    let party = rules.battle.night_party;
    if party > 0.0 {
        party / (party + men.max(0.0))
    } else {
        0.0
    }
}

/// Each side's fighting power before the day's chance, and the factors
/// that made it.
pub struct Powers {
    pub attack: f64,
    pub defence: f64,
    /// Share of each side's places that stand in reserve beyond the frontage.
    pub attack_reserve: f64,
    pub defence_reserve: f64,
    /// Named factors, for the battle report.
    pub modifiers: Vec<(String, f64)>,
}

/// Each side's fighting power, with or without surprise, before the random
/// spread of the day.
pub fn powers(s: &Scenario, rules: &Rules, st: &State, setup: &Setup, surprise: bool) -> Powers {
    let b = &rules.battle;
    let def_posture = defenders_posture(st, setup);
    let turned = turned_share(s, st, setup);
    let walls = walls_turned(s, rules, st, setup, turned);
    let storming = walls > 1.0;
    let att_tactics = lead_tactics(s, st, &setup.attackers) as f64;
    let def_tactics = lead_tactics(s, st, &setup.defenders) as f64;

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
        let att_men = engaged_men(st, &setup.attackers);
        let def_men = engaged_men(st, &setup.defenders);
        let frontage = (b.assault_frontage * def_men / att_men.max(1.0)).min(1.0);
        if frontage < 1.0 {
            att *= frontage;
            modifiers.push(("frontage".into(), frontage));
        }
    }
    // In the open, only so many can fight at once; the rest are reserves.
    let (mut attack_reserve, mut defence_reserve) = (0.0, 0.0);
    if !storming || surprise {
        let (att_front, att_res) = frontage(rules, st, &setup.attackers, setup.terrain);
        let (def_front, def_res) = frontage(rules, st, &setup.defenders, setup.terrain);
        if att_front < 1.0 {
            att *= att_front;
            modifiers.push(("attacker's frontage".into(), att_front));
        }
        if def_front < 1.0 {
            def *= def_front;
            modifiers.push(("defender's frontage".into(), def_front));
        }
        attack_reserve = att_res;
        defence_reserve = def_res;
    }
    let average = f64::from(AVERAGE_RATING);
    let att_cmd = 1.0 + b.per_tactics * (att_tactics - average);
    let def_cmd = 1.0 + b.per_tactics * (def_tactics - average);
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
            // Behind a city's walls the walls are the prepared position: a
            // garrison's posture does not count on top of them.
            (BattleKind::Assault, _) if walls > 1.0 => 1.0,
            (_, Posture::Hasty) => rules.posture.hasty,
            (_, Posture::Prepared) => rules.posture.prepared,
            (_, Posture::Fortified) => rules.posture.fortified,
        };
        // Works turned from a flank face the wrong way, and the heights the
        // turning column came by are its own: the share of the attack that
        // came so meets neither the posture nor the ground.
        let posture = facing(posture, turned);
        let ground = facing(rules.terrain(setup.terrain).defence, turned);
        def *= posture * ground * walls;
        modifiers.push(("defender's posture".into(), posture));
        modifiers.push(("ground".into(), ground));
        if walls > 1.0 {
            modifiers.push(("walls".into(), walls));
        }
    }
    Powers {
        attack: att,
        defence: def,
        attack_reserve,
        defence_reserve,
        modifiers,
    }
}

/// The chance that `army`, storming the walls of the region where it stands
/// at dawn, carries them against the hostile armies it can see there (a
/// hidden one is left out: the odds tell no more than the attacker knows):
/// the same powers and chance the assault itself uses, before its dice. None
/// when the army is not in a region or no one it can see defends it.
pub fn assault_odds(s: &Scenario, rules: &Rules, st: &State, army: ArmyId) -> Option<f64> {
    let r = st.army(army).region()?;
    let f = st.army(army).faction;
    let defenders: Vec<(ArmyId, f64)> = st
        .armies_at(r)
        .filter(|b| {
            let d = st.army(*b);
            s.hostile(f, d.faction) && !d.routed && !d.hidden
        })
        .map(|b| (b, 1.0))
        .collect();
    if defenders.is_empty() {
        return None;
    }
    let setup = Setup {
        kind: BattleKind::Assault,
        region: Some(r),
        terrain: s.regions[r.index()].terrain,
        attackers: vec![(army, 1.0)],
        defenders,
        timing: Timing::Dawn,
        unseen: false,
        chase_days: 0.0,
    };
    Some(chances(s, rules, st, &setup).1)
}

/// A battle in the field between `army` and `target` where the target
/// stands, at dawn, seen: the force ratio (attack power over defence power)
/// and the attacker's chance, before the dice. None when the target is
/// hidden, gone or not hostile: the odds tell no more than the attacker knows.
pub fn field_odds(
    s: &Scenario,
    rules: &Rules,
    st: &State,
    army: ArmyId,
    target: ArmyId,
) -> Option<(f64, f64)> {
    let (a, t) = (st.army(army), st.army(target));
    if !t.active() || t.hidden || !s.hostile(a.faction, t.faction) {
        return None;
    }
    let (region, terrain) = match t.pos {
        Position::At(r) => (Some(r), s.regions[r.index()].terrain),
        Position::Road { route, .. } => (None, s.routes[route.index()].terrain),
    };
    let setup = Setup {
        kind: BattleKind::Field,
        region,
        terrain,
        attackers: vec![(army, 1.0)],
        defenders: vec![(target, 1.0)],
        timing: Timing::Dawn,
        unseen: false,
        chase_days: 0.0,
    };
    Some(chances(s, rules, st, &setup))
}

/// The force ratio of a battle so set up, without surprise, and the attacker's chance at it.
fn chances(s: &Scenario, rules: &Rules, st: &State, setup: &Setup) -> (f64, f64) {
    let p = powers(s, rules, st, setup, false);
    let ratio = p.attack / p.defence.max(1e-9);
    (ratio, win_chance(rules, ratio))
}

/// The attacker's chance of winning at a force ratio (attack power over defence power).
pub fn win_chance(rules: &Rules, ratio: f64) -> f64 {
    let b = &rules.battle;
    1.0 / (1.0 + libm::exp(-b.slope * (libm::log(ratio.max(1e-9)) - libm::log(b.even_ratio))))
}

/// How far the winners' pursuit value outweighs the losers': the square
/// root of the ratio, within bounds.
pub fn pursuit_ratio(
    rules: &Rules,
    st: &State,
    winners: &[(ArmyId, f64)],
    losers: &[(ArmyId, f64)],
) -> f64 {
    let b = &rules.battle;
    (pursuit_value(rules, st, winners) / pursuit_value(rules, st, losers).max(b.pursuit_value_min))
        .sqrt()
        .clamp(b.pursuit_ratio_min, b.pursuit_ratio_max)
}

/// Share of a routed army's remaining men caught in the pursuit.
pub fn pursuit_share(rules: &Rules, pursuit_ratio: f64, chase_days: f64) -> f64 {
    let b = &rules.battle;
    (b.pursuit_base * pursuit_ratio * (1.0 + b.chase_days * chase_days.min(b.chase_days_max)))
        .min(b.pursuit_max)
}

#[cfg(test)]
#[path = "odds_tests.rs"]
mod tests;
