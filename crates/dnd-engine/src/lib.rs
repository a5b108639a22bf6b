//! # dnd-engine
//!
//! The facade of **dnd**: one [`Engine`] (rules + store + clock + acting user) whose public
//! methods are the verb list that every surface exposes — the `dnd` CLI, the bindings and the
//! server call these and nothing below them. Pure rules work stays in `dnd-core`; persistence
//! in `dnd-store`; this crate composes them (load a history, run a core operation, write the
//! result back with the head it read as the expected head).

mod admin;
mod characters;
mod engine;
mod error;
mod history;
mod proposals;
mod search;
mod themes;

pub use engine::{Clock, Engine};
pub use error::{EngineError, Result};
pub use history::DiffReport;
pub use search::SearchReport;

pub use dnd_core as core;
pub use dnd_store as store;
