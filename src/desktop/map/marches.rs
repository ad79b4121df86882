//! The turn's marches, run on the map as the turn resolves: each counter
//! goes from where its army stood at the start of the turn along the roads
//! it took, through every region it passed (`game::marches` reads them off
//! the turn's events), to where the layout puts it now, all armies at once
//! and the whole turn in [`DURATION`]. A click or a key ends the run at
//! once, and the pause menu's "Animate marches" turns it off; a screenshot
//! never waits for it.
//!
//! Only armies the map shows move: the player's own, and an enemy only
//! when it is in sight both at the start of the turn and at its end (or
//! everything is shown), so the run gives away no more than the fog of war
//! does. The run only shifts each stack's counter by where its army is on
//! the way less where the way ends, so when it ends every counter stands
//! exactly where the one layout puts it.

use bevy::prelude::*;

use super::{MapView, position_world};
use crate::desktop::menus::Menu;
use crate::desktop::orders::{Intake, TurnResolved};
use crate::desktop::screens::InGame;
use crate::desktop::session::{Launch, Session};
use crate::game::fog::sees;
use crate::game::marches::trails;
use crate::geo::Projection;
use crate::scenario::model::ArmyId;

/// How long the run of a whole turn's marches lasts, in seconds.
pub const DURATION: f32 = 0.8;

/// Run the marches on the map when a turn resolves: the pause menu's setting.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnimateMarches(pub bool);

impl Default for AnimateMarches {
    fn default() -> AnimateMarches {
        AnimateMarches(true)
    }
}

/// An army's way on the map: points in world units, each with the moment
/// (0 to 1 of the run) it is there.
pub type Path = Vec<(f32, Vec2)>;

/// The marches being run.
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct Marches {
    pub paths: Vec<(ArmyId, Path)>,
    /// Seconds run so far.
    pub elapsed: f32,
    pub running: bool,
}

impl Marches {
    /// A run of these paths, from their start.
    pub fn start(paths: Vec<(ArmyId, Path)>) -> Marches {
        Marches {
            running: !paths.is_empty(),
            paths,
            elapsed: 0.0,
        }
    }

    /// How far through the run it is, from 0 to 1 (1 when not running).
    pub fn progress(&self) -> f32 {
        if self.running {
            (self.elapsed / DURATION).clamp(0.0, 1.0)
        } else {
            1.0
        }
    }

    /// How far a stack's counter stands from its place now: where the
    /// first of its armies with a way is on it, less where the way ends.
    /// Zero when nothing runs, and at the end of the run.
    pub fn shift(&self, armies: &[ArmyId]) -> Vec2 {
        if !self.running {
            return Vec2::ZERO;
        }
        let t = self.progress();
        armies
            .iter()
            .find_map(|a| self.paths.iter().find(|(b, _)| b == a))
            .and_then(|(_, path)| Some(point_at(path, t) - path.last()?.1))
            .unwrap_or(Vec2::ZERO)
    }
}

/// The point of a path at moment `t`: between the two points either side
/// of it, in proportion; the first point before it begins, the last after.
pub fn point_at(path: &[(f32, Vec2)], t: f32) -> Vec2 {
    let Some(&(_, first)) = path.first() else {
        return Vec2::ZERO;
    };
    let mut at = first;
    for w in path.windows(2) {
        let ((t0, a), (t1, b)) = (w[0], w[1]);
        if t < t0 {
            break;
        }
        at = if t >= t1 || t1 <= t0 {
            b
        } else {
            a.lerp(b, (t - t0) / (t1 - t0))
        };
    }
    at
}

/// The way each army the map shows went over the last turn, on the map:
/// from the state at the turn's start through its events, the moments
/// stretched so the run starts as the first army sets out and ends as the
/// last one arrives. None for an army that did not move, nor for an enemy
/// out of sight at the start or the end of the turn (unless everything is
/// shown). Empty when the turn's start is not known.
pub fn march_paths(session: &Session, p: &Projection) -> Vec<(ArmyId, Path)> {
    let Some(before) = session.turn_start.as_ref() else {
        return Vec::new();
    };
    let s = session.game.scenario();
    let shown = |a: ArmyId| {
        session.shows(a)
            && (session.shows_everything()
                || session.is_mine(a)
                || sees(s, session.game.rules(), before, session.player, a))
    };
    let mut out: Vec<(ArmyId, Path)> = trails(before, &session.last_events)
        .into_iter()
        .filter(|t| shown(t.army))
        .map(|t| {
            let path: Path = t
                .points
                .iter()
                .map(|(m, pos)| (*m as f32, position_world(s, p, *pos)))
                .collect();
            (t.army, path)
        })
        .filter(|(_, path)| path.len() >= 2)
        .collect();
    // From the first setting out (the last moment at the start) to the last arrival.
    let lo = out
        .iter()
        .map(|(_, path)| departure(path))
        .fold(1.0, f32::min);
    let hi = out
        .iter()
        .filter_map(|(_, path)| path.last().map(|x| x.0))
        .fold(0.0, f32::max);
    if hi > lo {
        for (_, path) in &mut out {
            for (m, _) in path.iter_mut() {
                *m = ((*m - lo) / (hi - lo)).clamp(0.0, 1.0);
            }
        }
    }
    out
}

/// The moment a path leaves its first point.
fn departure(path: &[(f32, Vec2)]) -> f32 {
    let start = path[0].1;
    path.windows(2)
        .find(|w| w[1].1 != start)
        .map_or(path[0].0, |w| w[0].0)
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<AnimateMarches>()
        .init_resource::<Marches>()
        .add_systems(OnExit(InGame), |mut m: ResMut<Marches>| {
            *m = Marches::default();
        })
        .add_systems(
            Update,
            (start_marches.after(Intake::Turn), run_marches)
                .chain()
                .run_if(in_state(InGame)),
        );
}

/// A turn resolved: its marches start, unless the setting is off or the game is taking a screenshot.
fn start_marches(
    mut resolved: MessageReader<TurnResolved>,
    session: Res<Session>,
    view: Res<MapView>,
    setting: Res<AnimateMarches>,
    launch: Option<Res<Launch>>,
    mut marches: ResMut<Marches>,
) {
    if resolved.read().count() == 0 {
        return;
    }
    let screenshot = launch.is_some_and(|l| l.screenshot.is_some());
    let run = match view.projection {
        Some(p) if setting.0 && !screenshot => Marches::start(march_paths(&session, &p)),
        _ => Marches::default(),
    };
    marches.set_if_neq(run);
}

/// Moves the run on by the frame's time, and ends it at its end or on any click or key.
fn run_marches(
    time: Res<Time<Real>>,
    buttons: Res<ButtonInput<MouseButton>>,
    keys: Res<ButtonInput<KeyCode>>,
    menu: Option<Res<State<Menu>>>,
    mut marches: ResMut<Marches>,
    mut redraw: MessageWriter<bevy::window::RequestRedraw>,
) {
    if !marches.running {
        return;
    }
    let input =
        buttons.get_just_pressed().next().is_some() || keys.get_just_pressed().next().is_some();
    let paused = menu.is_some_and(|m| *m.get() != Menu::None);
    // A frame held up (the window asleep, a slow machine) moves the run on by a tenth of a second at most.
    marches.elapsed += time.delta_secs().min(0.1);
    if input || paused || marches.elapsed >= DURATION {
        marches.running = false;
    } else {
        redraw.write(bevy::window::RequestRedraw);
    }
}
