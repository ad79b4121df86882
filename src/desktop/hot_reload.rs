//! Hot reload on the title screen: a scenario file edited on disk is read
//! again, its errors shown in place and cleared when the file is fixed; an
//! edited rules file reloads the rules and every scenario with them.

use bevy::prelude::*;

use super::screens::Screen;
use super::session::{Catalog, LoadNotice};
use crate::rules::params::Rules;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Watched>()
        .add_systems(Update, hot_reload.run_if(in_state(Screen::Title)));
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
