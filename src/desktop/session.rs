//! The game in progress, as Bevy resources: the scenario, the engine's
//! state, the player's orders for the coming turn. Input arrives as
//! messages; ending a turn runs the AI and the engine and hands the events
//! to the view. Nothing here draws, so it runs in headless tests.

use std::collections::BTreeMap;

use bevy::prelude::*;

use super::Screen;
use crate::core::order::Order;
use crate::game::catalog::Entry;
use crate::game::history::{Report, report, run_many};
use crate::game::record::{Record, autosave};
use crate::game::{Game, Player};
use crate::rules::describe::describe;
use crate::rules::event::Event;
use crate::rules::params::Rules;
use crate::rules::state::{Outcome, State};
use crate::scenario::Scenario;
use crate::scenario::model::{ArmyId, SideId};
use std::borrow::Cow;

/// The scenarios on offer: shipped ones and any given on the command line.
#[derive(Resource)]
pub struct Catalog {
    pub rules: Rules,
    pub entries: Vec<Entry>,
    /// Where saves and autosaves go.
    pub saves: std::path::PathBuf,
    /// The rules file given on the command line, watched for changes on the title screen.
    pub rules_file: Option<std::path::PathBuf>,
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
    pub screenshot: Option<std::path::PathBuf>,
    /// Window size in pixels.
    pub size: Option<(u32, u32)>,
    /// Open this saved game.
    pub load: Option<std::path::PathBuf>,
    /// Watch this saved game or replay from its first turn.
    pub replay: Option<std::path::PathBuf>,
}

/// One game on screen: the headless game, and what the player is doing with it.
#[derive(Resource)]
pub struct Session {
    pub game: Game<'static>,
    /// The side the player commands.
    pub player: SideId,
    /// Orders for the coming turn, by army.
    pub pending: BTreeMap<ArmyId, Vec<Order>>,
    pub selected: Option<ArmyId>,
    /// The turn log in words, newest last.
    pub log: Vec<String>,
    /// The events of the last turn, for the view to show.
    pub last_events: Vec<Event>,
    /// Why the last order was refused, for the player.
    pub refusal: Option<String>,
    /// The history harness's outcomes, set beside the player's at the end.
    pub history: Option<Report>,
    /// The record being watched in the replay viewer, whole.
    pub watched: Option<Record>,
    /// Where saves go.
    pub saves: std::path::PathBuf,
    /// What the last save or load did, for the player.
    pub notice: Option<String>,
    /// Watching the recorded game: the number of turns shown played.
    pub viewing: Option<usize>,
}

impl Session {
    /// A new game. `text` is the scenario file's text, kept for saves.
    pub fn new(
        scenario: Scenario,
        text: &str,
        rules: Rules,
        player: SideId,
        seed: u64,
        saves: std::path::PathBuf,
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
        let log = words(game.scenario(), game.state(), &events);
        Session {
            game,
            player,
            pending: BTreeMap::new(),
            selected: None,
            log,
            last_events: events,
            refusal: None,
            history: None,
            watched: None,
            saves,
            notice: None,
            viewing: None,
        }
    }

    /// A game loaded from a save, checked against its scenario.
    pub fn from_record(
        record: Record,
        saves: std::path::PathBuf,
    ) -> Result<Session, crate::game::record::RecordError> {
        let game = Game::load(record)?;
        let player = game
            .players()
            .iter()
            .position(|p| *p == Player::Human)
            .map_or(SideId(0), |i| SideId(i as u16));
        let turn = game.state().turn;
        let notice = Some(format!("Loaded {} at turn {turn}", game.scenario().title));
        Ok(Session {
            log: vec![format!("— loaded at turn {turn} —")],
            game,
            player,
            pending: BTreeMap::new(),
            selected: None,
            last_events: Vec::new(),
            refusal: None,
            history: None,
            watched: None,
            saves,
            notice,
            viewing: None,
        })
    }

    /// Saves the game atomically to a file.
    pub fn save_to(&mut self, path: &std::path::Path) {
        self.notice = Some(match self.game.save(path) {
            Ok(()) => format!("Saved to {}", path.display()),
            Err(e) => format!("Could not save: {e}"),
        });
    }

    /// True when the army is the player's to command.
    pub fn is_mine(&self, a: ArmyId) -> bool {
        self.game.side_of(a) == self.player
    }

    /// The orders an army will follow this turn: the player's new ones, or those it already has.
    pub fn orders_of(&self, a: ArmyId) -> Vec<Order> {
        self.pending
            .get(&a)
            .cloned()
            .unwrap_or_else(|| self.game.state().army(a).orders.iter().cloned().collect())
    }
}

fn words(s: &Scenario, st: &State, events: &[Event]) -> Vec<String> {
    events
        .iter()
        .filter_map(|e| describe(s, st, e))
        .filter(|l| !l.contains(" marches to "))
        .collect()
}

/// Start a scenario (index into the catalog) as a side.
#[derive(Message, Clone, Debug)]
pub struct StartGame {
    pub entry: usize,
    pub side: SideId,
    pub seed: u64,
}

/// Give an army new orders for the coming turn (replacing any not yet carried out).
#[derive(Message, Clone, Debug)]
pub struct GiveOrders {
    pub army: ArmyId,
    pub orders: Vec<Order>,
}

/// Take back the orders given this turn.
#[derive(Message, Clone, Debug)]
pub struct CancelOrders {
    pub army: ArmyId,
}

#[derive(Message, Clone, Debug)]
pub struct SelectArmy(pub Option<ArmyId>);

#[derive(Message, Clone, Debug, Default)]
pub struct EndTurn;

#[derive(Message, Clone, Debug, Default)]
pub struct QuitToTitle;

#[derive(Message, Clone, Debug, Default)]
pub struct Restart;

/// A turn has been resolved; the view shows its events.
#[derive(Message, Clone, Debug, Default)]
pub struct TurnResolved;

pub(super) fn plugin(app: &mut App) {
    app.add_message::<StartGame>()
        .add_message::<GiveOrders>()
        .add_message::<CancelOrders>()
        .add_message::<SelectArmy>()
        .add_message::<EndTurn>()
        .add_message::<QuitToTitle>()
        .add_message::<Restart>()
        .add_message::<TurnResolved>()
        .add_message::<SaveGame>()
        .add_message::<ViewTurn>()
        .add_message::<TakeCommand>()
        .add_message::<LoadGame>()
        .init_resource::<LoadNotice>()
        .add_systems(Update, load_game)
        .init_resource::<Watched>()
        .add_systems(Update, hot_reload.run_if(in_state(Screen::Title)))
        .add_systems(Update, start_game)
        .add_systems(
            Update,
            (
                select,
                give,
                cancel,
                end_turn_system,
                save_game,
                view_turn,
                take_command,
                restart,
            )
                .chain()
                .run_if(resource_exists::<Session>),
        )
        .add_systems(Update, quit_to_title)
        .add_systems(PostUpdate, mirror.run_if(resource_exists::<Session>))
        .add_systems(OnEnter(Screen::Title), unmirror)
        .add_systems(OnEnter(Screen::Ended), compare_with_history);
}

fn start_game(
    mut msgs: MessageReader<StartGame>,
    catalog: Res<Catalog>,
    mut commands: Commands,
    mut next: ResMut<NextState<Screen>>,
) {
    for m in msgs.read() {
        let Some(entry) = catalog.entries.get(m.entry) else {
            continue;
        };
        let Some(s) = entry.scenario.clone() else {
            continue;
        };
        commands.insert_resource(Session::new(
            s,
            &entry.text,
            catalog.rules.clone(),
            m.side,
            m.seed,
            catalog.saves.clone(),
        ));
        next.set(Screen::Playing);
    }
}

/// Save the game to a file (the quicksave when none is named).
#[derive(Message, Clone, Debug, Default)]
pub struct SaveGame(pub Option<std::path::PathBuf>);

/// Load a saved game.
#[derive(Message, Clone, Debug)]
pub struct LoadGame(pub std::path::PathBuf);

fn save_game(mut msgs: MessageReader<SaveGame>, mut session: ResMut<Session>) {
    for SaveGame(path) in msgs.read() {
        let path = path
            .clone()
            .unwrap_or_else(|| session.saves.join("quicksave.json"));
        session.save_to(&path);
    }
}

fn load_game(
    mut msgs: MessageReader<LoadGame>,
    catalog: Res<Catalog>,
    mut commands: Commands,
    mut next: ResMut<NextState<Screen>>,
    mut notice: ResMut<LoadNotice>,
) {
    for LoadGame(path) in msgs.read() {
        match Record::load(path).and_then(|r| Session::from_record(r, catalog.saves.clone())) {
            Ok(session) => {
                let over = session.game.is_over();
                commands.insert_resource(session);
                next.set(if over { Screen::Ended } else { Screen::Playing });
                notice.0 = None;
            }
            Err(e) => notice.0 = Some(format!("{}: {e}", path.display())),
        }
    }
}

/// Show the recorded game after this many turns (0: the opening).
#[derive(Message, Clone, Debug)]
pub struct ViewTurn(pub usize);

/// Branch a new game from the turn being watched.
#[derive(Message, Clone, Debug, Default)]
pub struct TakeCommand;

fn view_turn(
    mut msgs: MessageReader<ViewTurn>,
    mut session: ResMut<Session>,
    mut next: ResMut<NextState<Screen>>,
    mut done: MessageWriter<TurnResolved>,
) {
    let Some(ViewTurn(n)) = msgs.read().last().cloned() else {
        return;
    };
    let session = &mut *session;
    // The whole record stays aside while the viewer shows a game made from its first turns.
    if session.watched.is_none() {
        session.watched = session.game.record().cloned();
    }
    let Some(watched) = session.watched.as_ref() else {
        return;
    };
    let total = watched.turns.len();
    let n = n.min(total);
    match Game::replay_to(watched, Some(n)) {
        Ok(game) => {
            let mut log = vec![format!(
                "— watching the game after {n} of {total} turn(s) —"
            )];
            if let Some(orders) = n.checked_sub(1).and_then(|i| watched.turns.get(i)) {
                for (a, list) in orders {
                    let what: Vec<String> = list.iter().map(|o| o.name().to_string()).collect();
                    log.push(format!(
                        "{} was ordered to {}",
                        game.state().army(*a).name,
                        what.join(", then ")
                    ));
                }
            }
            log.push(outcome_text(game.scenario(), &game.state().outcome));
            session.game = game;
            session.log = log;
            session.last_events.clear();
            session.pending.clear();
            session.viewing = Some(n);
            session.notice = None;
            next.set(Screen::Playing);
            done.write(TurnResolved);
        }
        Err(e) => session.notice = Some(format!("Cannot replay: {e}")),
    }
}

fn take_command(mut msgs: MessageReader<TakeCommand>, mut session: ResMut<Session>) {
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
        session.log.push(line);
    }
}

/// Modification times of the scenario files on disk, for hot reload.
#[derive(Resource, Default)]
pub struct Watched {
    times: Vec<Option<std::time::SystemTime>>,
    rules_time: Option<std::time::SystemTime>,
    since: f32,
}

fn modified(file: &str) -> Option<std::time::SystemTime> {
    std::fs::metadata(file).and_then(|m| m.modified()).ok()
}

/// While the title screen is open, a scenario file edited on disk is read
/// again: its errors show in place, and fixing the file clears them.
fn hot_reload(
    mut catalog: ResMut<Catalog>,
    mut watched: ResMut<Watched>,
    time: Res<Time<Real>>,
    mut notice: ResMut<LoadNotice>,
) {
    watched.since += time.delta_secs();
    if watched.since < 0.5 && !watched.times.is_empty() {
        return;
    }
    watched.since = 0.0;
    let first = watched.times.is_empty();
    // The rules file: a change reloads the rules, and every scenario with them.
    let rules_now = catalog
        .rules_file
        .as_ref()
        .and_then(|p| modified(&p.display().to_string()));
    if !first && rules_now.is_some() && rules_now != watched.rules_time {
        if let Some(path) = catalog.rules_file.clone() {
            match std::fs::read_to_string(&path)
                .map_err(|e| e.to_string())
                .and_then(|t| {
                    Rules::parse(&path.display().to_string(), &t).map_err(|d| {
                        d.iter()
                            .map(|x| x.to_string())
                            .collect::<Vec<_>>()
                            .join("\n")
                    })
                }) {
                Ok(rules) => {
                    catalog.rules = rules;
                    let rules = catalog.rules.clone();
                    for e in catalog.entries.iter_mut() {
                        *e = crate::game::catalog::reload(e, &rules);
                    }
                    notice.0 = None;
                }
                Err(why) => notice.0 = Some(format!("the rules file does not load: {why}")),
            }
        }
    }
    watched.rules_time = rules_now;
    let now: Vec<Option<std::time::SystemTime>> =
        catalog.entries.iter().map(|e| modified(&e.file)).collect();
    if watched.times.len() == now.len() {
        for (i, t) in now.iter().enumerate() {
            if t.is_some() && *t != watched.times[i] {
                let rules = catalog.rules.clone();
                let fresh = crate::game::catalog::reload(&catalog.entries[i], &rules);
                catalog.entries[i] = fresh;
            }
        }
    }
    watched.times = now;
}

/// Why the last load failed, for the title screen.
#[derive(Resource, Default)]
pub struct LoadNotice(pub Option<String>);

fn select(mut msgs: MessageReader<SelectArmy>, mut session: ResMut<Session>) {
    for SelectArmy(a) in msgs.read() {
        session.selected = *a;
        session.refusal = None;
    }
}

fn give(mut msgs: MessageReader<GiveOrders>, mut session: ResMut<Session>) {
    for m in msgs.read() {
        if session.viewing.is_some() {
            session.refusal = Some("you are watching a recorded game: take command first".into());
            continue;
        }
        if !session.is_mine(m.army) {
            session.refusal = Some("that army is not yours to command".into());
            continue;
        }
        let Some(first) = m.orders.first() else {
            continue;
        };
        match session.game.check(m.army, first) {
            Ok(()) => {
                session.pending.insert(m.army, m.orders.clone());
                session.refusal = None;
            }
            Err(reason) => {
                let text = reason.text(session.game.scenario(), session.game.state());
                session.refusal = Some(text);
            }
        }
    }
}

fn cancel(mut msgs: MessageReader<CancelOrders>, mut session: ResMut<Session>) {
    for m in msgs.read() {
        session.pending.remove(&m.army);
    }
}

fn end_turn_system(
    mut msgs: MessageReader<EndTurn>,
    mut session: ResMut<Session>,
    mut next: ResMut<NextState<Screen>>,
    mut done: MessageWriter<TurnResolved>,
) {
    if msgs.read().count() == 0 || session.game.is_over() || session.viewing.is_some() {
        return;
    }
    let session = &mut *session;
    let orders = std::mem::take(&mut session.pending).into_iter().collect();
    let played = session.game.play_turn(orders);
    // Autosave at the start of every turn, keeping the last five.
    if let Some(snapshot) = session.game.to_record()
        && let Err(e) = autosave(
            &session.saves.join("autosave"),
            &snapshot,
            session.game.state().turn,
            5,
        )
    {
        session.notice = Some(format!("Could not autosave: {e}"));
    }
    session.log.extend(words(
        session.game.scenario(),
        session.game.state(),
        &played.events,
    ));
    session.last_events = played.events;
    session.refusal = None;
    done.write(TurnResolved);
    if played.over {
        next.set(Screen::Ended);
    }
}

fn restart(
    mut msgs: MessageReader<Restart>,
    mut session: ResMut<Session>,
    mut next: ResMut<NextState<Screen>>,
) {
    if msgs.read().count() > 0 {
        let text = session
            .game
            .record()
            .map(|r| r.scenario_text.clone())
            .unwrap_or_default();
        let fresh = Session::new(
            session.game.scenario().clone(),
            &text,
            session.game.rules().clone(),
            session.player,
            session.game.seed(),
            session.saves.clone(),
        );
        *session = fresh;
        next.set(Screen::Playing);
    }
}

fn quit_to_title(
    mut msgs: MessageReader<QuitToTitle>,
    mut commands: Commands,
    mut next: ResMut<NextState<Screen>>,
) {
    if msgs.read().count() > 0 {
        commands.remove_resource::<Session>();
        next.set(Screen::Title);
    }
}

/// An army of the engine's state, mirrored as an entity for the view.
#[derive(Component, Debug, Clone, PartialEq)]
pub struct MirroredArmy {
    pub id: ArmyId,
    pub strength: u32,
    pub position: crate::rules::state::Position,
    pub faction: crate::scenario::model::FactionId,
    pub routed: bool,
}

/// A region of the engine's state, mirrored as an entity.
#[derive(Component, Debug, Clone, PartialEq)]
pub struct MirroredRegion {
    pub id: crate::scenario::model::RegionId,
    pub control: Option<crate::scenario::model::FactionId>,
}

/// Keeps one entity per army on the map and per region, matching the engine's state.
fn mirror(
    session: Res<Session>,
    mut commands: Commands,
    mut armies: Query<(Entity, &mut MirroredArmy)>,
    mut regions: Query<&mut MirroredRegion>,
) {
    if !session.is_changed() {
        return;
    }
    let st = session.game.state();
    let mut seen = vec![false; st.armies.len()];
    for (e, mut m) in &mut armies {
        match st.armies.get(m.id.index()).filter(|a| a.active()) {
            Some(a) => {
                seen[m.id.index()] = true;
                let now = MirroredArmy {
                    id: m.id,
                    strength: a.strength(),
                    position: a.pos,
                    faction: a.faction,
                    routed: a.routed,
                };
                if *m != now {
                    *m = now;
                }
            }
            None => commands.entity(e).despawn(),
        }
    }
    for (i, a) in st.armies.iter().enumerate() {
        if a.active() && !seen[i] {
            commands.spawn(MirroredArmy {
                id: ArmyId(i as u16),
                strength: a.strength(),
                position: a.pos,
                faction: a.faction,
                routed: a.routed,
            });
        }
    }
    if regions.is_empty() {
        for (i, r) in st.regions.iter().enumerate() {
            commands.spawn(MirroredRegion {
                id: crate::scenario::model::RegionId(i as u16),
                control: r.control,
            });
        }
    } else {
        for mut m in &mut regions {
            let control = st.regions[m.id.index()].control;
            if m.control != control {
                m.control = control;
            }
        }
    }
}

fn unmirror(
    mut commands: Commands,
    q: Query<Entity, Or<(With<MirroredArmy>, With<MirroredRegion>)>>,
) {
    for e in &q {
        commands.entity(e).despawn();
    }
}

/// Runs the historical line over a few hundred seeds to place the player's result.
fn compare_with_history(mut session: ResMut<Session>) {
    let g = &session.game;
    let runs = run_many(g.scenario(), g.rules(), 300, g.seed(), &|| {});
    let rep = report(g.scenario(), None, g.seed(), &runs);
    session.history = Some(rep);
}

/// The outcome in words.
pub fn outcome_text(s: &Scenario, o: &Option<Outcome>) -> String {
    match o {
        Some(Outcome::Victory { side, description }) => {
            format!("{} victory: {description}", s.sides[side.index()].name)
        }
        Some(Outcome::Draw) => "Neither side achieved its aims.".into(),
        None => "The campaign goes on.".into(),
    }
}
