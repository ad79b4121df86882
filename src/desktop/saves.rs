//! Saves, loads and the replay viewer. Saving writes the game atomically;
//! loading checks the file against its scenario and puts the game on
//! screen (during a game, through the title, so the old game closes
//! first). The viewer is [`Replay::Watching`], a sub-state of playing: the
//! recorded game shown after any of its turns, with command taken back
//! from any of them.

use std::path::{Path, PathBuf};

use bevy::prelude::*;

use super::journal::{LogEntry, LogKind, replayed};
use super::names::counted;
use super::orders::{Intake, TurnResolved};
use super::screens::{InGame, Screen};
use super::session::{Catalog, LoadNotice, Session, open, outcome_text, replace};
use crate::game::record::{Record, RecordError};

/// The replay viewer, while playing.
#[derive(SubStates, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[source(Screen = Screen::Playing)]
pub enum Replay {
    /// The player gives orders.
    #[default]
    Off,
    /// The player watches the record, turn by turn.
    Watching,
}

/// Save the game to a file (the quicksave when none is named).
#[derive(Message, Clone, Debug, Default)]
pub struct SaveGame(pub Option<PathBuf>);

/// Load a saved game.
#[derive(Message, Clone, Debug)]
pub struct LoadGame(pub PathBuf);

/// Show the recorded game after this many turns (0: the opening).
#[derive(Message, Clone, Debug)]
pub struct ViewTurn(pub usize);

/// Branch a new game from the turn being watched.
#[derive(Message, Clone, Debug, Default)]
pub struct TakeCommand;

pub(super) fn plugin(app: &mut App) {
    app.add_sub_state::<Replay>()
        .add_message::<SaveGame>()
        .add_message::<LoadGame>()
        .add_message::<ViewTurn>()
        .add_message::<TakeCommand>()
        .add_systems(Update, load_game.in_set(Intake::Saves))
        .add_systems(
            Update,
            (save_game, view_turn, take_command)
                .chain()
                .in_set(Intake::Saves)
                .after(load_game)
                .run_if(in_state(InGame)),
        );
}

/// The quicksave's file.
pub fn quicksave(saves: &Path) -> PathBuf {
    saves.join("quicksave.json")
}

/// The newest autosave, if any.
pub fn latest_autosave(saves: &Path) -> Option<PathBuf> {
    let mut all: Vec<_> = std::fs::read_dir(saves.join("autosave"))
        .ok()?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    all.sort();
    all.pop()
}

impl Session {
    /// Shows the recorded game after `n` of its turns; the whole record
    /// stays aside while the viewer shows a game made from its first turns.
    pub fn watch(&mut self, n: usize) -> Result<(), RecordError> {
        if self.watched.is_none() {
            self.watched = self.game.record().cloned();
        }
        let Some(watched) = self.watched.as_ref() else {
            return Err(RecordError::Io("this game is not recorded".into()));
        };
        let total = watched.turns.len();
        let n = n.min(total);
        // Every turn's events and orders up to the one shown, as the game logged them.
        let past = replayed(watched, Some(n))?;
        let game = past.game.with_levels(self.levels());
        let mut log = past.log;
        log.push(LogEntry::new(
            LogKind::Notice,
            format!(
                "— watching the game after {n} of {} —",
                counted(total as u64, "turn", "turns")
            ),
        ));
        let outcome = outcome_text(game.scenario(), &game.state().outcome);
        log.push(LogEntry::new(LogKind::Ending, outcome));
        self.game = game;
        self.log = log;
        self.fog = past.memory;
        self.last_events = past.last_events;
        self.turn_start = past.last_start;
        self.pending.clear();
        self.viewing = Some(n);
        self.notice = None;
        Ok(())
    }
}

fn save_game(mut msgs: MessageReader<SaveGame>, mut session: ResMut<Session>) {
    for SaveGame(path) in msgs.read() {
        let path = path.clone().unwrap_or_else(|| quicksave(&session.saves));
        session.save_to(&path);
    }
}

fn load_game(
    mut msgs: MessageReader<LoadGame>,
    catalog: Res<Catalog>,
    screen: Res<State<Screen>>,
    session: Option<ResMut<Session>>,
    mut commands: Commands,
    mut next: ResMut<NextState<Screen>>,
    mut notice: ResMut<LoadNotice>,
) {
    let Some(LoadGame(path)) = msgs.read().last() else {
        return;
    };
    let level = session
        .as_ref()
        .map_or(crate::desktop::session::DEFAULT_LEVEL, |s| s.level);
    match Record::load(path).and_then(|r| Session::from_record(r, level, catalog.saves.clone())) {
        Ok(loaded) => {
            notice.0 = None;
            if *screen.get() == Screen::Title {
                open(&mut commands, &mut next, loaded);
            } else {
                replace(&mut commands, &mut next, loaded);
            }
        }
        Err(e) => {
            let why = format!("{}: {e}", path.display());
            match session {
                Some(mut s) if *screen.get() != Screen::Title => s.notice = Some(why),
                _ => notice.0 = Some(why),
            }
        }
    }
}

fn view_turn(
    mut msgs: MessageReader<ViewTurn>,
    mut session: ResMut<Session>,
    mut screen: ResMut<NextState<Screen>>,
    mut replay: ResMut<NextState<Replay>>,
    mut done: MessageWriter<TurnResolved>,
) {
    let Some(ViewTurn(n)) = msgs.read().last().cloned() else {
        return;
    };
    if session.is_thinking() {
        session.notice = Some("Wait: the turn is being played".into());
        return;
    }
    match session.watch(n) {
        Ok(()) => {
            NextState::set_if_neq(&mut *screen, Screen::Playing);
            NextState::set_if_neq(&mut *replay, Replay::Watching);
            done.write(TurnResolved);
        }
        Err(e) => session.notice = Some(format!("Cannot replay: {e}")),
    }
}

fn take_command(
    mut msgs: MessageReader<TakeCommand>,
    mut session: ResMut<Session>,
    mut replay: ResMut<NextState<Replay>>,
) {
    if msgs.read().count() == 0 {
        return;
    }
    if let Some(n) = session.viewing.take() {
        session.watched = None;
        session.game.take_command();
        session.notice = Some(format!(
            "You take command after turn {n}: a new line of history begins."
        ));
        let line = format!("— you take command at turn {} —", session.game.state().turn);
        session.log.push(LogEntry::new(LogKind::Notice, line));
        NextState::set_if_neq(&mut *replay, Replay::Off);
    }
}
