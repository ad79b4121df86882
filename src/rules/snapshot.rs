//! A state read from a file (a save a player may have edited) checked
//! against its scenario before the engine touches it: every id in range,
//! every army somewhere real, every number finite and every count
//! consistent. The engine indexes by id without checking, so a state that
//! passes here cannot make it panic on a bad index.

use crate::core::order::Order;
use crate::scenario::Scenario;
use crate::scenario::model::{ArmyId, CommanderId, FactionId, RegionId};

use super::state::{ArmyState, Outcome, Position, State};

impl State {
    /// Ok when the state fits the scenario; otherwise what is wrong, in words.
    pub fn validate(&self, s: &Scenario) -> Result<(), String> {
        let fits = Fits { s, st: self };
        fits.tables()?;
        for (i, a) in self.armies.iter().enumerate() {
            fits.army(a)
                .map_err(|e| format!("army {} (`{}`): {e}", i, a.id))?;
        }
        for (i, c) in self.commanders.iter().enumerate() {
            fits.faction(c.faction)
                .and(c.at.map_or(Ok(()), |r| fits.region(r)))
                .map_err(|e| format!("commander {i}: {e}"))?;
        }
        for (i, r) in self.regions.iter().enumerate() {
            r.control
                .map_or(Ok(()), |f| fits.faction(f))
                .and(r.ruler.map_or(Ok(()), |c| fits.commander(c)))
                .and(r.besieged_by.map_or(Ok(()), |a| fits.army_id(a)))
                .and(finite(r.stores, "stores"))
                .map_err(|e| format!("region {i}: {e}"))?;
        }
        for (a, b) in &self.truces {
            fits.faction(*a)
                .and(fits.faction(*b))
                .map_err(|e| format!("a truce: {e}"))?;
        }
        for (seat, r) in &self.seats {
            fits.region(*r).map_err(|e| format!("seat `{seat}`: {e}"))?;
        }
        for b in &self.battles {
            for a in b.winners.iter().chain(&b.losers) {
                fits.army_id(*a)
                    .map_err(|e| format!("a battle on day {}: {e}", b.day))?;
            }
        }
        if let Some(Outcome::Victory { side, .. }) = &self.outcome
            && side.index() >= s.sides.len()
        {
            return Err(format!(
                "the outcome names side {}, of {}",
                side.0,
                s.sides.len()
            ));
        }
        self.check_invariants()
    }

    /// True when the army exists and every id the orders name exists.
    pub fn orders_fit(&self, s: &Scenario, army: ArmyId, orders: &[Order]) -> bool {
        let fits = Fits { s, st: self };
        fits.army_id(army).is_ok() && orders.iter().all(|o| fits.order(o).is_ok())
    }
}

fn finite(v: f64, what: &str) -> Result<(), String> {
    if v.is_finite() && v >= 0.0 {
        Ok(())
    } else {
        Err(format!("{what} {v} is not a number of 0 or more"))
    }
}

struct Fits<'a> {
    s: &'a Scenario,
    st: &'a State,
}

impl Fits<'_> {
    fn tables(&self) -> Result<(), String> {
        let (s, st) = (self.s, self.st);
        let sizes = [
            ("regions", st.regions.len(), s.regions.len()),
            ("commanders", st.commanders.len(), s.commanders.len()),
            ("scenario events", st.fired.len(), s.events.len()),
        ];
        for (what, found, want) in sizes {
            if found != want {
                return Err(format!("{found} {what}; the scenario has {want}"));
            }
        }
        if st.armies.len() < s.armies.len() || st.armies.len() > u16::MAX as usize {
            return Err(format!(
                "{} armies; the scenario starts with {}",
                st.armies.len(),
                s.armies.len()
            ));
        }
        if st.turn == 0 {
            return Err("turn 0; turns count from 1".into());
        }
        Ok(())
    }

    fn region(&self, r: RegionId) -> Result<(), String> {
        if r.index() < self.s.regions.len() {
            Ok(())
        } else {
            Err(format!("region {} does not exist", r.0))
        }
    }

    fn faction(&self, f: FactionId) -> Result<(), String> {
        if f.index() < self.s.factions.len() {
            Ok(())
        } else {
            Err(format!("faction {} does not exist", f.0))
        }
    }

    fn commander(&self, c: CommanderId) -> Result<(), String> {
        if c.index() < self.s.commanders.len() {
            Ok(())
        } else {
            Err(format!("commander {} does not exist", c.0))
        }
    }

    fn army_id(&self, a: ArmyId) -> Result<(), String> {
        if a.index() < self.st.armies.len() {
            Ok(())
        } else {
            Err(format!("army {} does not exist", a.0))
        }
    }

    fn army(&self, a: &ArmyState) -> Result<(), String> {
        self.faction(a.faction)?;
        for c in a.commander.iter().chain(&a.companions).chain(&a.captives) {
            self.commander(*c)?;
        }
        match a.pos {
            Position::At(r) => self.region(r)?,
            Position::Road { route, from, km } => {
                let rt = self
                    .s
                    .routes
                    .get(route.index())
                    .ok_or_else(|| format!("on road {}, which does not exist", route.0))?;
                if from != rt.a && from != rt.b {
                    return Err(format!(
                        "on road {} from region {}, not one of its ends",
                        route.0, from.0
                    ));
                }
                if !(km.is_finite() && (0.0..=rt.km).contains(&km)) {
                    return Err(format!("{km} km along a road of {} km", rt.km));
                }
            }
        }
        for (v, what) in [
            (a.morale, "morale"),
            (a.fatigue, "fatigue"),
            (a.food_days, "food"),
            (a.carry_days, "carrying capacity"),
        ] {
            finite(v, what)?;
        }
        if let Some(b) = &a.baggage {
            finite(b.man_days, "baggage")?;
            for f in &b.feeds {
                self.army_id(*f)?;
            }
        }
        for (r, _) in &a.departures {
            self.region(*r)?;
        }
        if let Some(r) = a.came_from {
            self.region(r)?;
        }
        for o in &a.orders {
            self.order(o)?;
        }
        // Sums of men the engine adds up must not overflow.
        a.men
            .iter()
            .try_fold(0u32, |sum, n| sum.checked_add(*n))
            .and_then(|men| {
                let l = &a.losses;
                [l.killed, l.wounded, l.captured, l.dispersed]
                    .iter()
                    .try_fold(men, |sum, n| sum.checked_add(*n))
            })
            .ok_or_else(|| "more men than can be counted".to_string())?;
        Ok(())
    }

    fn order(&self, o: &Order) -> Result<(), String> {
        match o {
            Order::March { to, via } => {
                self.region(*to)?;
                via.iter().try_for_each(|r| self.region(*r))
            }
            Order::Withdraw { to } | Order::Lure { to } => self.region(*to),
            Order::Attack { target, .. } | Order::Pursue { target } | Order::Harry { target } => {
                self.army_id(*target)
            }
            Order::Merge { into } => self.army_id(*into),
            Order::InstallRuler { ruler } => self.commander(*ruler),
            Order::Execute { commander } => self.commander(*commander),
            Order::Split { commander, .. } => commander.map_or(Ok(()), |c| self.commander(c)),
            Order::Assault { .. }
            | Order::Besiege
            | Order::Fortify
            | Order::Forage
            | Order::Raid
            | Order::Ambush
            | Order::Hold => Ok(()),
        }
    }
}
