//! What the player is shown: the fog of war over the session. Enemy armies
//! appear only where the player's side can see them (`game::fog`), with a
//! faded mark where each was last seen; the enemy's orders never appear.
//! "Show everything" (the top bar, or the V key) lifts the fog for studying
//! history, and the replay viewer shows everything. The log's entries are
//! filtered the same way.

use bevy::prelude::*;

use super::UiFocus;
use super::journal::{Known, LogEntry, Reader, alarms, entries, seen_in_either};
use super::menus::Menu;
use super::screens::InGame;
use super::session::Session;
use crate::game::fog::{Sighting, sees};
use crate::rules::event::Event;
use crate::rules::state::State;
use crate::scenario::model::ArmyId;

/// The key that shows everything, or brings the fog back.
pub const SHOW_ALL_KEY: KeyCode = KeyCode::KeyV;

/// Show every army, or only what the player's side sees.
#[derive(Message, Clone, Copy, Debug)]
pub struct ShowEverything(pub bool);

pub(super) fn plugin(app: &mut App) {
    app.add_message::<ShowEverything>().add_systems(
        Update,
        (key.run_if(in_state(Menu::None)), show_everything)
            .chain()
            .in_set(super::orders::Intake::Keys)
            .run_if(in_state(InGame)),
    );
}

fn key(
    keys: Res<ButtonInput<KeyCode>>,
    focus: Res<UiFocus>,
    session: Res<Session>,
    mut out: MessageWriter<ShowEverything>,
) {
    if !focus.keyboard && keys.just_pressed(SHOW_ALL_KEY) {
        out.write(ShowEverything(!session.show_all));
    }
}

fn show_everything(mut msgs: MessageReader<ShowEverything>, mut session: ResMut<Session>) {
    if let Some(ShowEverything(on)) = msgs.read().last().copied()
        && session.show_all != on
    {
        session.show_all = on;
        if session.selected.is_some_and(|a| !session.shows(a)) {
            session.selected = None;
        }
    }
}

impl Session {
    /// Every army is shown: by the player's choice, or in the replay viewer.
    pub fn shows_everything(&self) -> bool {
        self.show_all || self.viewing.is_some()
    }

    /// True when the player is shown the army: theirs, seen, or everything shown.
    pub fn shows(&self, a: ArmyId) -> bool {
        let st = self.game.state();
        if !st.armies.get(a.index()).is_some_and(|x| x.active()) {
            return false;
        }
        self.shows_everything() || sees(self.game.scenario(), self.game.rules(), st, self.player, a)
    }

    /// The armies in the field the player is shown, in order.
    pub fn shown_armies(&self) -> Vec<ArmyId> {
        (0..self.game.state().armies.len())
            .map(|i| ArmyId(i as u16))
            .filter(|a| self.shows(*a))
            .collect()
    }

    /// The enemy armies out of sight, with where the player last saw each
    /// (none when everything is shown).
    pub fn last_sightings(&self) -> Vec<(ArmyId, Sighting)> {
        if self.shows_everything() {
            return Vec::new();
        }
        let (s, st) = (self.game.scenario(), self.game.state());
        self.fog.lost_sight(s, self.game.rules(), st, self.player)
    }

    /// True when the player may read the entry now.
    pub fn may_read(&self, e: &LogEntry) -> bool {
        match e.known {
            Known::Public => true,
            Known::WhenSeen => self.shows_everything(),
            Known::InReplay => self.viewing.is_some(),
        }
    }

    /// The log as the player may read it, oldest first.
    pub fn shown_log(&self) -> impl Iterator<Item = &LogEntry> {
        self.log.iter().filter(|e| self.may_read(e))
    }

    /// Notes a turn just played: its log entries, veiled by what the player
    /// saw before and after it, the alarms at its end (a march held up,
    /// hunger coming), and the enemy armies seen at its end.
    pub fn note_turn(&mut self, before: &State, events: Vec<Event>) {
        let (s, st) = (self.game.scenario(), self.game.state());
        let seen = seen_in_either(s, self.game.rules(), before, st, self.player);
        let reader = Reader {
            side: self.player,
            seen: &seen,
        };
        let mut new = entries(s, st, &events, before.turn, &reader);
        // No warnings for the morrow of a campaign that is over.
        if !self.game.is_over() {
            new.extend(alarms(s, self.game.rules(), st, self.player));
        }
        self.fog.note(s, self.game.rules(), st, self.player);
        self.log.extend(new);
        self.last_events = events;
        self.turn_start = Some(before.clone());
    }
}
