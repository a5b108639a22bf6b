//! The rules pack format, the embedded SRD 5.2 pack and the merged catalog ([`Rules`]).
//!
//! A pack is data: a manifest plus arrays of classes, subclasses, species, backgrounds, feats,
//! spells, weapons, armor, gear, tools, magic items, creatures, conditions, languages and
//! themes. Homebrew packs load through the same loader and may reference the ids of the packs
//! before them.

mod catalog;
mod classes;
mod effects;
mod index;
mod origins;
mod pack;
mod references;
pub mod srd;
pub mod tables;

pub use catalog::*;
pub use classes::*;
pub use effects::*;
pub use index::{AnyTable, Entry, ItemRef, Kind, Rules, Table};
pub use origins::*;
pub use pack::{KIND_FILES, Pack, PackManifest};
