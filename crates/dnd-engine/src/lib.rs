//! # dnd-engine
//!
//! The facade of **dnd**: one [`Engine`] (rules + store + clock + acting user) whose public
//! methods are the verb list that every surface exposes — the `dnd` CLI, the bindings and the
//! server call these and nothing below them. Pure rules work stays in `dnd-core`; persistence
//! in `dnd-store`; this crate composes them (load a history, run a core operation, write the
//! result back with the head it read as the expected head).

mod admin;
mod antitheticon;
mod campaign_merge;
mod campaign_play;
mod campaigns;
mod characters;
mod engine;
mod error;
mod generate;
mod history;
mod proposals;
mod rules_verbs;
mod search;
mod themes;

pub use campaign_play::{JournalView, Recorded};
pub use engine::{Clock, Engine};
pub use error::{EngineError, Result};
pub use generate::{
    GenOptions, GeneratedCharacter, MapFormat, MapKind, MapOutput, MapRequest, ProviderChoice,
};
pub use history::DiffReport;
pub use rules_verbs::RulesEntry;
pub use search::SearchReport;

pub use dnd_core as core;
pub use dnd_gen as generation;
pub use dnd_store as store;
