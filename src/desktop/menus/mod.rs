//! Menus over a game, as a state of their own: while one is open the map
//! takes no orders and the hotkeys are off. Escape opens and closes them.

mod pause;

use bevy::prelude::*;

use super::screens::InGame;

/// The menu open over the game, if any.
#[derive(SubStates, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[source(InGame = InGame)]
pub enum Menu {
    #[default]
    None,
    /// Resume, save, load, watch, restart, quit.
    Pause,
}

pub(super) fn plugin(app: &mut App) {
    app.add_sub_state::<Menu>()
        .add_systems(
            Update,
            toggle
                .run_if(in_state(InGame))
                .before(super::orders::Intake::Keys),
        )
        .add_plugins(pause::plugin);
}

/// Escape opens the pause menu, and closes whichever menu is open.
fn toggle(
    keys: Res<ButtonInput<KeyCode>>,
    menu: Res<State<Menu>>,
    mut next: ResMut<NextState<Menu>>,
) {
    if keys.just_pressed(KeyCode::Escape) {
        let to = match menu.get() {
            Menu::None => Menu::Pause,
            Menu::Pause => Menu::None,
        };
        info!("menu: {:?}", to);
        next.set(to);
    }
}
