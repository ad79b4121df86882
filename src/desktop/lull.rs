//! "End turns until something happens": the top bar's button or
//! Shift+Space ends turns one after another, each played like any other
//! (the computer thinking in the background), until a turn holds something
//! for the player ([`stop_for`]), [`MAX_TURNS`] have gone by, or the player
//! presses it again. The reason it stopped goes in the top bar's notice.

use bevy::prelude::*;

use super::UiFocus;
use super::journal::{LogEntry, LogKind};
use super::menus::Menu;
use super::orders::{EndTurn, Intake};
use super::saves::Replay;
use super::screens::{InGame, Screen};
use super::session::Session;
use crate::game::lull::{MAX_TURNS, Stop, stop_for};
use crate::rules::state::State as GameState;

/// Start ending turns until something happens, or stop if it is under way.
#[derive(Message, Clone, Copy, Debug, Default)]
pub struct EndTurnsUntil;

/// Turns being ended one after another.
#[derive(Resource, Default, Debug)]
pub struct Lull(pub Option<Run>);

/// A run of turns under way.
#[derive(Debug)]
pub struct Run {
    /// Turns played so far.
    pub played: u32,
    /// The state before the turn being played, while it is.
    waiting: Option<GameState>,
}

impl Lull {
    pub fn running(&self) -> bool {
        self.0.is_some()
    }
}

pub(super) fn plugin(app: &mut App) {
    app.add_message::<EndTurnsUntil>()
        .init_resource::<Lull>()
        .add_systems(
            Update,
            (
                key.run_if(in_state(Menu::None)).in_set(Intake::Keys),
                drive.run_if(in_state(Menu::None)).in_set(Intake::Orders),
            )
                .run_if(in_state(InGame)),
        )
        .add_systems(OnExit(InGame), forget);
}

/// Shift is down, or went down or up this frame: a quick Shift+Space can
/// come and go within one frame.
pub fn shift_held(keys: &ButtonInput<KeyCode>) -> bool {
    let shift = [KeyCode::ShiftLeft, KeyCode::ShiftRight];
    keys.any_pressed(shift) || keys.any_just_pressed(shift) || keys.any_just_released(shift)
}

/// Shift+Space (Space alone ends one turn).
fn key(
    keys: Res<ButtonInput<KeyCode>>,
    focus: Res<UiFocus>,
    mut out: MessageWriter<EndTurnsUntil>,
) {
    if !focus.keyboard && shift_held(&keys) && keys.just_pressed(KeyCode::Space) {
        out.write(EndTurnsUntil);
    }
}

/// A run ends with the game.
fn forget(mut lull: ResMut<Lull>) {
    lull.0 = None;
}

/// Ends the next turn when the last is done, or stops, saying why.
fn drive(
    mut msgs: MessageReader<EndTurnsUntil>,
    mut lull: ResMut<Lull>,
    mut session: ResMut<Session>,
    screen: Res<State<Screen>>,
    replay: Option<Res<State<Replay>>>,
    mut end: MessageWriter<EndTurn>,
) {
    let watching =
        replay.is_some_and(|r| *r.get() == Replay::Watching) || session.viewing.is_some();
    let can_play = *screen.get() == Screen::Playing && !watching && !session.game.is_over();
    if msgs.read().count() % 2 == 1 {
        if lull.0.take().is_some() {
            session.notice = Some("Stopped ending turns".into());
            return;
        }
        if !can_play || session.is_thinking() {
            return;
        }
        lull.0 = Some(Run {
            played: 0,
            waiting: None,
        });
    }
    let Some(run) = lull.0.as_mut() else { return };
    if session.is_thinking() {
        return;
    }
    if let Some(before) = run.waiting.take() {
        let st = session.game.state();
        if st.turn == before.turn {
            // The turn was not played after all (a load, the replay viewer).
            lull.0 = None;
            return;
        }
        run.played += 1;
        let s = session.game.scenario();
        let stop = stop_for(
            s,
            session.game.rules(),
            &before,
            st,
            session.player,
            &session.last_events,
        )
        .or((run.played >= MAX_TURNS).then_some(Stop::Cap));
        if let Some(stop) = stop {
            let why = format!(
                "Ended {} turn{}: stopped because {}",
                run.played,
                if run.played == 1 { "" } else { "s" },
                stop.text()
            );
            // In the log, where it stays, as well as in the top bar.
            session
                .log
                .push(LogEntry::new(LogKind::Notice, why.clone()));
            session.notice = Some(why);
            session.notice_detail = None;
            lull.0 = None;
            return;
        }
    }
    if !can_play {
        lull.0 = None;
        return;
    }
    run.waiting = Some(session.game.state().clone());
    end.write(EndTurn);
}
