//! The interface's scale follows the window: egui's zoom is the window's
//! height over 720 pixels (1 at 1280×720, 1.5 at 1920×1080), so text and
//! panels take the same share of any window. The map's counters and names
//! read the same scale from [`UiZoom`].

use bevy::prelude::*;
use bevy::window::PrimaryWindow;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass};

use super::Hud;

/// Pixels a point of the interface: egui's zoom, and the map's.
#[derive(Resource, Debug, Clone, Copy, PartialEq)]
pub struct UiZoom(pub f32);

impl Default for UiZoom {
    fn default() -> UiZoom {
        UiZoom(1.0)
    }
}

/// The interface's scale for a window `height` pixels high.
pub fn zoom_for(height: f32) -> f32 {
    (height / 720.0).clamp(0.75, 2.5)
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<UiZoom>()
        .add_systems(EguiPrimaryContextPass, follow_the_window.before(Hud::Begin));
}

/// Sets egui's zoom from the window's height; it takes effect from the next frame.
fn follow_the_window(
    mut contexts: EguiContexts,
    window: Query<&Window, With<PrimaryWindow>>,
    mut zoom: ResMut<UiZoom>,
) -> Result {
    let Ok(w) = window.single() else {
        return Ok(());
    };
    let z = zoom_for(w.height());
    let ctx = contexts.ctx_mut()?;
    if ctx.options(|o| o.zoom_with_keyboard) {
        ctx.options_mut(|o| o.zoom_with_keyboard = false);
    }
    ctx.set_zoom_factor(z);
    if zoom.0 != z {
        zoom.0 = z;
    }
    Ok(())
}
