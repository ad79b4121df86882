//! The screens, as states: the title, the game being played, the game
//! ended. [`InGame`] is computed from them: it holds while a game is on
//! screen, playing or ended, and the session exists exactly as long.

mod ended;
mod playing;
mod title;

use bevy::prelude::*;

pub use ended::HistoryRun;

/// The screens of the game.
#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Screen {
    #[default]
    Title,
    Playing,
    Ended,
}

/// A game is on screen: the [`Session`](super::Session) is there, and every
/// entity of the game carries `DespawnOnExit(InGame)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct InGame;

/// Notes each change of screen in the log (the window tests follow them).
fn log_transitions(mut screens: MessageReader<StateTransitionEvent<Screen>>) {
    for t in screens.read() {
        if t.exited != t.entered {
            info!("screen: {:?} -> {:?}", t.exited, t.entered);
        }
    }
}

impl ComputedStates for InGame {
    type SourceStates = Screen;

    /// Going from playing to ended stays in the game: no exit, no enter.
    const ALLOW_SAME_STATE_TRANSITIONS: bool = false;

    fn compute(screen: Screen) -> Option<InGame> {
        match screen {
            Screen::Playing | Screen::Ended => Some(InGame),
            Screen::Title => None,
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_state::<Screen>()
        .add_computed_state::<InGame>()
        .add_systems(Update, log_transitions);
    app.add_plugins((title::plugin, playing::plugin, ended::plugin));
}
