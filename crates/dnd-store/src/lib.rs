//! # dnd-store
//!
//! Persistence for **dnd**: characters, their version history, campaigns, assets and the event
//! log in one SQLite file (rusqlite), with a tantivy search index beside it. The storage issue
//! builds it; today the crate only fixes its place in the workspace and its dependency rule:
//! it may depend on `dnd-core` and on I/O crates, never the other way round.

/// The rules engine this store persists.
pub use dnd_core as core;
