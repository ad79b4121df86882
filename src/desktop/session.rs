//! The game on screen, as a Bevy resource: the headless game, the side the
//! player commands, the orders given for the coming turn, what the panels
//! show. The session is inserted as play begins and removed on leaving the
//! game (`OnExit(InGame)`), so every system that reads it runs
//! `in_state(InGame)` and none can run without it. Nothing here draws.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::PathBuf;

use bevy::prelude::*;

use super::journal::{LogEntry, LogKind, Reader, entries, opening, player_of, replayed};
use super::saves::Replay;
use super::screens::{InGame, Screen};
use crate::core::order::Order;
use crate::game::ai::Level;
use crate::game::catalog::Entry;
use crate::game::fog::{Memory, seen_armies};
use crate::game::history::Report;
use crate::game::record::{Record, RecordError};
use crate::game::{Game, Player, TurnPlayed};
use crate::rules::event::Event;
use crate::rules::params::Rules;
use crate::rules::state::{Outcome, State};
use crate::scenario::Scenario;
use crate::scenario::model::{ArmyId, SideId};

/// The scenarios on offer: shipped ones and any given on the command line.
#[derive(Resource)]
pub struct Catalog {
    pub rules: Rules,
    pub entries: Vec<Entry>,
    /// Where saves and autosaves go.
    pub saves: PathBuf,
    /// The rules file given on the command line, watched for changes on the title screen.
    pub rules_file: Option<PathBuf>,
}

/// How the game was asked to start from the command line.
#[derive(Resource, Clone, Debug, Default)]
pub struct Launch {
    /// Go straight into this scenario (id or path).
    pub scenario: Option<String>,
    /// Side or faction id for the player.
    pub side: Option<String>,
    pub seed: Option<u64>,
    /// Save a picture of the opening map here and exit.
    pub screenshot: Option<PathBuf>,
    /// Window size in pixels.
    pub size: Option<(u32, u32)>,
    /// Open this saved game.
    pub load: Option<PathBuf>,
    /// Watch this saved game or replay from its first turn.
    pub replay: Option<PathBuf>,
    /// How strong the computer plays (default: normal).
    pub ai: Option<Level>,
}

/// The level the computer plays when none is chosen.
pub const DEFAULT_LEVEL: Level = Level::Normal;

/// The level of each side: `level` for the sides the computer plays.
pub fn levels_for(sides: usize, player: SideId, level: Level) -> Vec<Level> {
    (0..sides)
        .map(|i| {
            if i == player.index() {
                Level::Easy
            } else {
                level
            }
        })
        .collect()
}

/// The end of the turn being played in the background: the game, moved
/// into the task and back, and what the turn did.
pub type Thinking = bevy::tasks::Task<(Game<'static>, TurnPlayed)>;

/// One game on screen: the headless game, and what the player is doing with it.
#[derive(Resource)]
pub struct Session {
    pub game: Game<'static>,
    /// The side the player commands.
    pub player: SideId,
    /// Orders for the coming turn, by army.
    pub pending: BTreeMap<ArmyId, Vec<Order>>,
    pub selected: Option<ArmyId>,
    /// The turn log, newest last.
    pub log: Vec<LogEntry>,
    /// The events of the last turn, for the view to show.
    pub last_events: Vec<Event>,
    /// The state at the start of that turn: where its marches began.
    pub turn_start: Option<State>,
    /// Why the last order was refused, for the player.
    pub refusal: Option<String>,
    /// The history harness's outcomes, set beside the player's at the end.
    pub history: Option<Report>,
    /// The record being watched in the replay viewer, whole.
    pub watched: Option<Record>,
    /// Where saves go.
    pub saves: PathBuf,
    /// What the last save or load did, for the player (a file by its name).
    pub notice: Option<String>,
    /// The notice in full (a file by its whole path), on hover.
    pub notice_detail: Option<String>,
    /// Watching the recorded game: the number of turns shown played.
    pub viewing: Option<usize>,
    /// How strong the computer plays.
    pub level: Level,
    /// The turn being resolved in the background (the computer thinking):
    /// while it runs, `game` shows the state before it and no input that
    /// would change the game is taken.
    pub thinking: Option<Thinking>,
    /// Where the player's side last saw each enemy army.
    pub fog: Memory,
    /// Show every army, seen or not (for studying history).
    pub show_all: bool,
    /// The battles forecast for the panels since the state last changed.
    pub forecasts: crate::desktop::odds::Kept,
}

impl Session {
    /// A new game. `text` is the scenario file's text, kept for saves.
    pub fn new(
        scenario: Scenario,
        text: &str,
        rules: Rules,
        player: SideId,
        seed: u64,
        level: Level,
        saves: PathBuf,
    ) -> Session {
        let rules_text = ron::ser::to_string_pretty(&rules, ron::ser::PrettyConfig::default())
            .unwrap_or_default();
        let players = (0..scenario.sides.len())
            .map(|i| {
                if i == player.index() {
                    Player::Human
                } else {
                    Player::Computer
                }
            })
            .collect();
        let (game, events) =
            Game::new(Cow::Owned(scenario), Cow::Owned(rules), seed, players, true);
        let game = game.recorded(text, &rules_text);
        let (s, st) = (game.scenario(), game.state());
        let seen = seen_armies(s, game.rules(), st, player);
        let mut log = vec![opening(st)];
        log.extend(entries(
            s,
            st,
            &events,
            st.turn,
            &Reader {
                side: player,
                seen: &seen,
            },
        ));
        let mut session = Session::with(game, player, level, log, events, saves);
        session.fog.note(
            session.game.scenario(),
            session.game.rules(),
            session.game.state(),
            player,
        );
        session
    }

    /// A game loaded from a save, checked against its scenario.
    pub fn from_record(
        record: Record,
        level: Level,
        saves: PathBuf,
    ) -> Result<Session, RecordError> {
        // The log and what the player saw come from replaying the record's turns.
        let past = replayed(&record, None);
        let game = Game::load(record)?;
        let player = player_of(&game);
        let turn = game.state().turn;
        let notice = format!("Loaded {} at turn {turn}", game.scenario().title);
        let line = LogEntry::new(LogKind::Notice, format!("— loaded at turn {turn} —"));
        let (mut log, fog, last, start) = match past {
            Ok(p) => (p.log, p.memory, p.last_events, p.last_start),
            Err(_) => (Vec::new(), Memory::default(), Vec::new(), None),
        };
        log.push(line);
        let mut session = Session::with(game, player, level, log, last, saves);
        session.fog = fog;
        session.turn_start = start;
        session.fog.note(
            session.game.scenario(),
            session.game.rules(),
            session.game.state(),
            player,
        );
        session.notice = Some(notice);
        Ok(session)
    }

    fn with(
        game: Game<'static>,
        player: SideId,
        level: Level,
        log: Vec<LogEntry>,
        last_events: Vec<Event>,
        saves: PathBuf,
    ) -> Session {
        let sides = game.scenario().sides.len();
        Session {
            game: game.with_levels(levels_for(sides, player, level)),
            player,
            pending: BTreeMap::new(),
            selected: None,
            log,
            last_events,
            turn_start: None,
            refusal: None,
            history: None,
            watched: None,
            saves,
            notice: None,
            notice_detail: None,
            viewing: None,
            level,
            thinking: None,
            fog: Memory::default(),
            show_all: false,
            forecasts: Default::default(),
        }
    }

    /// The levels of the game's sides, for a game made anew (replays).
    pub fn levels(&self) -> Vec<Level> {
        levels_for(self.game.scenario().sides.len(), self.player, self.level)
    }

    /// True while the computer thinks: orders, the end of the turn and saves wait.
    pub fn is_thinking(&self) -> bool {
        self.thinking.is_some()
    }

    /// The same campaign from its first turn, with the same seed.
    pub fn restarted(&self) -> Session {
        let text = self
            .game
            .record()
            .map(|r| r.scenario_text.clone())
            .unwrap_or_default();
        Session::new(
            self.game.scenario().clone(),
            &text,
            self.game.rules().clone(),
            self.player,
            self.game.seed(),
            self.level,
            self.saves.clone(),
        )
    }

    /// Saves the game atomically to a file.
    pub fn save_to(&mut self, path: &std::path::Path) {
        if self.is_thinking() {
            self.notice = Some("Wait: the turn is being played".into());
            return;
        }
        let name = path.file_name().map_or(path.display().to_string(), |n| {
            n.to_string_lossy().into_owned()
        });
        self.notice = Some(match self.game.save(path) {
            Ok(()) => format!("Saved to {name}"),
            Err(e) => format!("Could not save {name}: {e}"),
        });
        self.notice_detail = Some(format!("{}", path.display()));
    }

    /// True when the army is the player's to command.
    pub fn is_mine(&self, a: ArmyId) -> bool {
        self.game.side_of(a) == self.player
    }

    /// The player's armies still in the field, in order.
    pub fn my_armies(&self) -> Vec<ArmyId> {
        let st = self.game.state();
        (0..st.armies.len())
            .map(|i| ArmyId(i as u16))
            .filter(|a| st.army(*a).active() && self.is_mine(*a))
            .collect()
    }

    /// The orders an army will follow this turn: the player's new ones, or
    /// those it already has. Another side's orders are never shown to the
    /// player, only in the replay viewer.
    pub fn orders_of(&self, a: ArmyId) -> Vec<Order> {
        if !self.is_mine(a) && self.viewing.is_none() {
            return Vec::new();
        }
        self.pending
            .get(&a)
            .cloned()
            .unwrap_or_else(|| self.game.state().army(a).orders.iter().cloned().collect())
    }
}

/// Why the last load failed, for the title screen.
#[derive(Resource, Default)]
pub struct LoadNotice(pub Option<String>);

/// A session waiting for the old one to go: restarting or loading during a
/// game leaves it through the title, so the old game's entities and
/// resources all go before the new one comes.
#[derive(Resource, Default)]
struct Queued(Option<Session>);

/// Start a scenario (index into the catalog) as a side.
#[derive(Message, Clone, Debug)]
pub struct StartGame {
    pub entry: usize,
    pub side: SideId,
    pub seed: u64,
    /// How strong the computer plays.
    pub level: Level,
}

#[derive(Message, Clone, Debug, Default)]
pub struct QuitToTitle;

#[derive(Message, Clone, Debug, Default)]
pub struct Restart;

pub(super) fn plugin(app: &mut App) {
    app.add_message::<StartGame>()
        .add_message::<QuitToTitle>()
        .add_message::<Restart>()
        .init_resource::<LoadNotice>()
        .init_resource::<Queued>()
        .add_systems(Startup, launch)
        .add_systems(Update, start_game.run_if(in_state(Screen::Title)))
        .add_systems(
            Update,
            (restart, quit_to_title)
                .chain()
                .run_if(in_state(InGame))
                .in_set(super::orders::Intake::Leave),
        )
        .add_systems(OnExit(InGame), close)
        .add_systems(OnEnter(Screen::Title), open_queued);
}

/// Puts a session on screen. Only from the title: during a game use [`replace`].
pub(super) fn open(commands: &mut Commands, screen: &mut NextState<Screen>, session: Session) {
    let over = session.game.is_over();
    let st = session.game.state();
    info!("opening {} at turn {}", session.game.scenario().id, st.turn);
    commands.insert_resource(session);
    NextState::set_if_neq(
        &mut *screen,
        if over { Screen::Ended } else { Screen::Playing },
    );
}

/// Replaces the session on screen by another: the old game closes first.
pub(super) fn replace(commands: &mut Commands, screen: &mut NextState<Screen>, session: Session) {
    commands.insert_resource(Queued(Some(session)));
    NextState::set_if_neq(&mut *screen, Screen::Title);
}

fn open_queued(
    mut queued: ResMut<Queued>,
    mut commands: Commands,
    mut screen: ResMut<NextState<Screen>>,
) {
    if let Some(session) = queued.0.take() {
        open(&mut commands, &mut screen, session);
    }
}

/// Leaving the game: the session goes with it.
fn close(mut commands: Commands) {
    commands.remove_resource::<Session>();
}

fn start_game(
    mut msgs: MessageReader<StartGame>,
    catalog: Res<Catalog>,
    mut commands: Commands,
    mut screen: ResMut<NextState<Screen>>,
) {
    let Some(m) = msgs.read().last() else { return };
    let Some(entry) = catalog.entries.get(m.entry) else {
        return;
    };
    let Some(s) = entry.scenario.clone() else {
        return;
    };
    let session = Session::new(
        s,
        &entry.text,
        catalog.rules.clone(),
        m.side,
        m.seed,
        m.level,
        catalog.saves.clone(),
    );
    open(&mut commands, &mut screen, session);
}

fn restart(
    mut msgs: MessageReader<Restart>,
    session: Res<Session>,
    mut commands: Commands,
    mut screen: ResMut<NextState<Screen>>,
) {
    if msgs.read().count() > 0 {
        replace(&mut commands, &mut screen, session.restarted());
    }
}

fn quit_to_title(mut msgs: MessageReader<QuitToTitle>, mut screen: ResMut<NextState<Screen>>) {
    if msgs.read().count() > 0 {
        NextState::set_if_neq(&mut *screen, Screen::Title);
    }
}

/// Starts, loads or replays a game straight away when the command line asked.
fn launch(
    launch: Option<Res<Launch>>,
    catalog: Res<Catalog>,
    mut commands: Commands,
    mut screen: ResMut<NextState<Screen>>,
    mut replay: ResMut<NextState<Replay>>,
    mut notice: ResMut<LoadNotice>,
) {
    let Some(launch) = launch else { return };
    if let Some(path) = launch.replay.as_ref().or(launch.load.as_ref()) {
        let level = launch.ai.unwrap_or(DEFAULT_LEVEL);
        let loaded =
            Record::load(path).and_then(|r| Session::from_record(r, level, catalog.saves.clone()));
        match loaded {
            Ok(mut session) => {
                if launch.replay.is_some() {
                    if let Err(e) = session.watch(0) {
                        notice.0 = Some(format!("{}: {e}", path.display()));
                        return;
                    }
                    replay.set(Replay::Watching);
                }
                open(&mut commands, &mut screen, session);
            }
            Err(e) => {
                error!("{}: {e}", path.display());
                notice.0 = Some(format!("{}: {e}", path.display()));
            }
        }
        return;
    }
    let Some(name) = &launch.scenario else { return };
    let Some((entry, s)) = find(&catalog, name) else {
        error!("no scenario named `{name}`");
        return;
    };
    let side = launch
        .side
        .as_ref()
        .and_then(|want| {
            s.side(want)
                .or_else(|| s.faction(want).map(|f| s.side_of(f)))
        })
        .or_else(|| {
            s.sides
                .iter()
                .position(|x| x.player_default)
                .map(|i| SideId(i as u16))
        })
        .unwrap_or(SideId(0));
    let session = Session::new(
        s.clone(),
        &catalog.entries[entry].text,
        catalog.rules.clone(),
        side,
        launch.seed.unwrap_or(s.seed),
        launch.ai.unwrap_or(DEFAULT_LEVEL),
        catalog.saves.clone(),
    );
    open(&mut commands, &mut screen, session);
}

/// A scenario of the catalog by id, file or file stem.
fn find<'a>(catalog: &'a Catalog, name: &str) -> Option<(usize, &'a Scenario)> {
    catalog.entries.iter().enumerate().find_map(|(i, e)| {
        let s = e.scenario.as_ref()?;
        let stem = std::path::Path::new(&e.file).file_stem();
        (s.id == name || e.file == name || stem.is_some_and(|f| f == name)).then_some((i, s))
    })
}

/// The outcome in words.
pub fn outcome_text(s: &Scenario, o: &Option<Outcome>) -> String {
    match o {
        Some(Outcome::Victory { side, description }) => {
            format!("Victory for {}: {description}", s.sides[side.index()].name)
        }
        Some(Outcome::Draw) => "Neither side achieved its aims.".into(),
        None => "The campaign goes on.".into(),
    }
}
