//! Order intake and the turn: selecting armies, giving and taking back
//! orders (each checked by the engine), the hotkeys (Space ends the turn,
//! Tab cycles the player's armies), and ending the turn, which is: collect
//! the player's orders, `Game::play_turn`, autosave, log the events.
//!
//! The computer's searching levels think for a while, so the turn is played
//! as a task on the async compute pool: the game is cloned into it and put
//! back when it is done; meanwhile the panels show the state before the
//! turn, a "thinking…" indicator, and take no input that would change the
//! game (orders, the end of the turn, saves).

use bevy::prelude::*;
use bevy::tasks::{AsyncComputeTaskPool, block_on, poll_once};

use super::UiFocus;
use super::menus::Menu;
use super::saves::Replay;
use super::screens::{InGame, Screen};
use super::session::Session;
use crate::core::order::Order;
use crate::game::record::autosave;
use crate::scenario::model::ArmyId;

/// The order of the game's Update systems: orders, then the turn, then
/// saves and the replay viewer, then leaving the game.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Intake {
    Keys,
    Orders,
    Turn,
    Saves,
    Leave,
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

/// A turn has been resolved; the view shows its events.
#[derive(Message, Clone, Debug, Default)]
pub struct TurnResolved;

pub(super) fn plugin(app: &mut App) {
    app.add_message::<GiveOrders>()
        .add_message::<CancelOrders>()
        .add_message::<SelectArmy>()
        .add_message::<EndTurn>()
        .add_message::<TurnResolved>()
        .configure_sets(
            Update,
            (
                Intake::Keys,
                Intake::Orders,
                Intake::Turn,
                Intake::Saves,
                Intake::Leave,
            )
                .chain(),
        )
        .add_systems(
            Update,
            (
                hotkeys.run_if(in_state(Menu::None)).in_set(Intake::Keys),
                (select, give, cancel).chain().in_set(Intake::Orders),
                (end_turn, finish_turn).chain().in_set(Intake::Turn),
                keep_drawing.run_if(resource_exists::<Messages<bevy::window::RequestRedraw>>),
            )
                .run_if(in_state(InGame)),
        );
}

/// Space ends the turn (Shift+Space is `lull`'s), Tab cycles through the player's armies. Not while
/// a menu is open (the system does not run then) or a text field has the keys.
fn hotkeys(
    keys: Res<ButtonInput<KeyCode>>,
    focus: Res<UiFocus>,
    session: Res<Session>,
    screen: Res<State<Screen>>,
    replay: Option<Res<State<Replay>>>,
    mut end: MessageWriter<EndTurn>,
    mut select: MessageWriter<SelectArmy>,
) {
    if focus.keyboard {
        return;
    }
    let watching = replay.is_some_and(|r| *r.get() == Replay::Watching);
    // Shift+Space is `lull`'s: turns until something happens.
    let shift = super::lull::shift_held(&keys);
    if keys.just_pressed(KeyCode::Space) && !shift && *screen.get() == Screen::Playing && !watching
    {
        end.write(EndTurn);
    }
    if keys.just_pressed(KeyCode::Tab) {
        let mine = session.my_armies();
        let next = match session
            .selected
            .and_then(|s| mine.iter().position(|a| *a == s))
        {
            Some(i) => mine.get((i + 1) % mine.len()),
            None => mine.first(),
        };
        if let Some(a) = next {
            select.write(SelectArmy(Some(*a)));
        }
    }
}

fn select(mut msgs: MessageReader<SelectArmy>, mut session: ResMut<Session>) {
    for SelectArmy(a) in msgs.read() {
        // An army the player cannot see cannot be picked.
        if a.is_some_and(|a| !session.shows(a)) {
            continue;
        }
        session.selected = *a;
        session.refusal = None;
    }
}

fn give(mut msgs: MessageReader<GiveOrders>, mut session: ResMut<Session>) {
    for m in msgs.read() {
        if session.is_thinking() {
            session.refusal = Some("wait: the turn is being played".into());
            continue;
        }
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
        if session.is_thinking() {
            continue;
        }
        session.pending.remove(&m.army);
    }
}

/// Starts playing the turn in the background.
fn end_turn(mut msgs: MessageReader<EndTurn>, mut session: ResMut<Session>) {
    if msgs.read().count() == 0
        || session.game.is_over()
        || session.viewing.is_some()
        || session.is_thinking()
    {
        return;
    }
    let orders = std::mem::take(&mut session.pending).into_iter().collect();
    let mut game = session.game.clone();
    info!("thinking: turn {}", game.state().turn);
    let task = AsyncComputeTaskPool::get().spawn(async move {
        let played = game.play_turn(orders);
        (game, played)
    });
    session.thinking = Some(task);
}

/// Puts the game back when the turn is played: autosave, log, the view.
fn finish_turn(
    mut session: ResMut<Session>,
    mut screen: ResMut<NextState<Screen>>,
    mut done: MessageWriter<TurnResolved>,
) {
    let Some(task) = session.thinking.as_mut() else {
        return;
    };
    let Some((game, played)) = block_on(poll_once(task)) else {
        return;
    };
    let session = &mut *session;
    session.thinking = None;
    let before = std::mem::replace(&mut session.game, game);
    info!("turn played: now turn {}", session.game.state().turn);
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
    session.note_turn(before.state(), played.events);
    session.refusal = None;
    done.write(TurnResolved);
    if played.over {
        NextState::set_if_neq(&mut *screen, Screen::Ended);
    }
}

/// The window sleeps until input arrives: while the computer thinks, ask
/// for frames so the indicator moves and the result shows at once.
fn keep_drawing(session: Res<Session>, mut redraw: MessageWriter<bevy::window::RequestRedraw>) {
    if session.is_thinking() {
        redraw.write(bevy::window::RequestRedraw);
    }
}
