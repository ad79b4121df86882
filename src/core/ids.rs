//! Typed indices into a scenario's tables: a `RegionId` can never be passed
//! where an `ArmyId` is meant. Each is the position of the thing in the
//! validated scenario (or, for armies, in the engine's state).

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($($name:ident),*) => {$(
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub struct $name(pub u16);
        impl $name {
            pub fn index(self) -> usize { self.0 as usize }
        }
    )*};
}
id_type!(
    FactionId,
    SideId,
    RegionId,
    RouteId,
    CommanderId,
    ArmyId,
    EventId
);
