//! The game in progress, as Bevy resources: the scenario, the engine's
//! state, the player's orders for the coming turn. Input arrives as
//! messages; ending a turn runs the AI and the engine and hands the events
//! to the view. Nothing here draws, so it runs in headless tests.

use std::collections::BTreeMap;

use bevy::prelude::*;

use super::Screen;
use crate::ai::orders_for_side;
use crate::history::{Report, report, run_many};
use crate::record::{Record, autosave};
use crate::rules::check::check;
use crate::rules::describe::describe;
use crate::rules::event::Event;
use crate::rules::order::Order;
use crate::rules::params::Rules;
use crate::rules::resolve::{Log, begin_turn, end_turn, give_orders};
use crate::rules::state::{Outcome, State};
use crate::scenario::Scenario;
use crate::scenario::catalog::Entry;
use crate::scenario::model::{ArmyId, SideId};

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

/// One game.
#[derive(Resource)]
pub struct Session {
    pub scenario: Scenario,
    pub rules: Rules,
    pub state: State,
    pub seed: u64,
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
    /// The game so far, for saves and replays.
    pub record: Record,
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
        let mut state = State::new(&scenario, &rules, seed);
        let mut log = Log::new(true);
        begin_turn(&scenario, &mut state, &mut log);
        let lines = words(&scenario, &state, &log.events);
        let rules_text = ron::ser::to_string_pretty(&rules, ron::ser::PrettyConfig::default())
            .unwrap_or_default();
        let record = Record::new(text, &rules_text, &scenario.id, seed, Some(player));
        Session {
            record,
            saves,
            notice: None,
            viewing: None,
            scenario,
            rules,
            state,
            seed,
            player,
            pending: BTreeMap::new(),
            selected: None,
            log: lines,
            last_events: log.events,
            refusal: None,
            history: None,
        }
    }

    /// A game loaded from a save: its snapshot, or its orders replayed if it has none.
    pub fn from_record(
        record: Record,
        saves: std::path::PathBuf,
    ) -> Result<Session, crate::record::RecordError> {
        let (scenario, rules) = record.scenario()?;
        let state = match &record.snapshot {
            Some(st) => st.clone(),
            None => record.replay(None)?,
        };
        // The snapshot must be the state the record's last turn ended in, and fit its scenario.
        let fits = state.armies.len() >= scenario.armies.len()
            && state.regions.len() == scenario.regions.len()
            && state.commanders.len() == scenario.commanders.len()
            && state.fired.len() == scenario.events.len()
            && record
                .hashes
                .last()
                .is_none_or(|h| *h == crate::record::state_hash(&state));
        if !fits {
            return Err(crate::record::RecordError::NotARecord(
                "the saved state does not match its scenario or its record".into(),
            ));
        }
        let player = record
            .player
            .filter(|p| p.index() < scenario.sides.len())
            .unwrap_or(SideId(0));
        let notice = Some(format!("Loaded {} at turn {}", scenario.title, state.turn));
        Ok(Session {
            seed: record.seed,
            scenario,
            rules,
            state,
            player,
            pending: BTreeMap::new(),
            selected: None,
            log: vec![format!("— loaded at turn {} —", record.turns.len() + 1)],
            last_events: Vec::new(),
            refusal: None,
            history: None,
            record,
            saves,
            notice,
            viewing: None,
        })
    }

    /// Saves the game atomically to a file.
    pub fn save_to(&mut self, path: &std::path::Path) {
        let mut rec = self.record.clone();
        rec.snapshot = Some(self.state.clone());
        self.notice = Some(match rec.save(path) {
            Ok(()) => format!("Saved to {}", path.display()),
            Err(e) => format!("Could not save: {e}"),
        });
    }

    /// True when the army is the player's to command.
    pub fn is_mine(&self, a: ArmyId) -> bool {
        self.scenario.side_of(self.state.army(a).faction) == self.player
    }

    /// The orders an army will follow this turn: the player's new ones, or those it already has.
    pub fn orders_of(&self, a: ArmyId) -> Vec<Order> {
        self.pending
            .get(&a)
            .cloned()
            .unwrap_or_else(|| self.state.army(a).orders.iter().cloned().collect())
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
                let over = session.state.outcome.is_some();
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
    let n = n.min(session.record.turns.len());
    match session.record.replay(Some(n)) {
        Ok(st) => {
            let s = &session.scenario;
            let mut log = vec![format!(
                "— watching the game after {n} of {} turn(s) —",
                session.record.turns.len()
            )];
            if let Some(orders) = n.checked_sub(1).and_then(|i| session.record.turns.get(i)) {
                for (a, list) in orders {
                    let what: Vec<String> = list.iter().map(|o| o.name().to_string()).collect();
                    log.push(format!(
                        "{} was ordered to {}",
                        st.army(*a).name,
                        what.join(", then ")
                    ));
                }
            }
            log.push(outcome_text(s, &st.outcome));
            session.state = st;
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
        session.record.turns.truncate(n);
        session.record.hashes.truncate(n);
        session.record.snapshot = None;
        session.notice = Some(format!(
            "You take command after turn {n}: a new line of history begins."
        ));
        let line = format!("— you take command at turn {} —", session.state.turn);
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
                        *e = crate::scenario::catalog::reload(e, &rules);
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
                let fresh = crate::scenario::catalog::reload(&catalog.entries[i], &rules);
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
        match check(
            &session.scenario,
            &session.rules,
            &session.state,
            m.army,
            first,
        ) {
            Ok(()) => {
                session.pending.insert(m.army, m.orders.clone());
                session.refusal = None;
            }
            Err(reason) => {
                let text = reason.text(&session.scenario, &session.state);
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
    if msgs.read().count() == 0 || session.state.outcome.is_some() || session.viewing.is_some() {
        return;
    }
    let session = &mut *session;
    let (s, rules) = (&session.scenario, &session.rules);
    let mut log = Log::new(true);
    let mut given = Vec::new();
    for (a, orders) in std::mem::take(&mut session.pending) {
        give_orders(&mut session.state, a, orders.clone(), &mut log);
        given.push((a, orders));
    }
    for side in 0..s.sides.len() {
        let side = SideId(side as u16);
        if side != session.player {
            for (a, orders) in orders_for_side(s, rules, &session.state, side) {
                give_orders(&mut session.state, a, orders.clone(), &mut log);
                given.push((a, orders));
            }
        }
    }
    let over = end_turn(s, rules, &mut session.state, &mut log);
    session.record.push_turn(given, &session.state);
    // Autosave at the start of every turn, keeping the last five.
    let mut snapshot = session.record.clone();
    snapshot.snapshot = Some(session.state.clone());
    if let Err(e) = autosave(
        &session.saves.join("autosave"),
        &snapshot,
        session.state.turn,
        5,
    ) {
        session.notice = Some(format!("Could not autosave: {e}"));
    }
    session.log.extend(words(s, &session.state, &log.events));
    session.last_events = log.events;
    session.refusal = None;
    done.write(TurnResolved);
    if over {
        next.set(Screen::Ended);
    }
}

fn restart(
    mut msgs: MessageReader<Restart>,
    mut session: ResMut<Session>,
    mut next: ResMut<NextState<Screen>>,
) {
    if msgs.read().count() > 0 {
        let text = session.record.scenario_text.clone();
        let fresh = Session::new(
            session.scenario.clone(),
            &text,
            session.rules.clone(),
            session.player,
            session.seed,
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
    let st = &session.state;
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
    let runs = run_many(&session.scenario, &session.rules, 300, session.seed, false);
    session.history = Some(report(&session.scenario, None, session.seed, &runs));
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
