//! The engine's armies and regions as entities, updated when the game
//! changes: one entity per army in the field that the player is shown and
//! per region, each scoped to the game. The map gives them their meshes and keeps them in step.

use bevy::prelude::*;

use super::screens::InGame;
use super::session::Session;
use crate::rules::state::Position;
use crate::scenario::model::{ArmyId, FactionId, RegionId};

/// An army of the engine's state, mirrored as an entity for the view.
#[derive(Component, Debug, Clone, PartialEq)]
pub struct MirroredArmy {
    pub id: ArmyId,
    pub strength: u32,
    pub position: Position,
    pub faction: FactionId,
    pub routed: bool,
}

/// A region of the engine's state, mirrored as an entity.
#[derive(Component, Debug, Clone, PartialEq)]
pub struct MirroredRegion {
    pub id: RegionId,
    pub control: Option<FactionId>,
}

/// The mirror is up to date after this set, in `PostUpdate`.
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub struct Mirrored;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        PostUpdate,
        mirror
            .run_if(in_state(InGame).and_then(resource_changed::<Session>))
            .in_set(Mirrored),
    );
}

/// The army as the view shows it: only while in the field and shown to
/// the player (the fog of war hides the enemy armies their side cannot see).
fn mirrored(session: &Session, id: ArmyId) -> Option<MirroredArmy> {
    let a = session.game.state().armies.get(id.index())?;
    session.shows(id).then(|| MirroredArmy {
        id,
        strength: a.strength(),
        position: a.pos,
        faction: a.faction,
        routed: a.routed,
    })
}

/// Keeps one entity per army in the field and per region, matching the engine's state.
fn mirror(
    session: Res<Session>,
    mut commands: Commands,
    mut armies: Query<(Entity, &mut MirroredArmy)>,
    mut regions: Query<&mut MirroredRegion>,
) {
    let st = session.game.state();
    let mut seen = vec![false; st.armies.len()];
    for (e, mut m) in &mut armies {
        match mirrored(&session, m.id) {
            Some(now) => {
                seen[m.id.index()] = true;
                // Only a real change marks the entity changed.
                m.set_if_neq(now);
            }
            None => commands.entity(e).despawn(),
        }
    }
    for (i, seen) in seen.iter().enumerate() {
        if !seen && let Some(m) = mirrored(&session, ArmyId(i as u16)) {
            commands.spawn((m, DespawnOnExit(InGame)));
        }
    }
    if regions.is_empty() {
        for (i, r) in st.regions.iter().enumerate() {
            commands.spawn((
                MirroredRegion {
                    id: RegionId(i as u16),
                    control: r.control,
                },
                DespawnOnExit(InGame),
            ));
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
