//! # dnd-gen
//!
//! Generation for **dnd**: a concept becomes a character that the rules engine validates, plus
//! backstories, NPCs, campaign skeletons, image prompts and procedural maps, through offline
//! tables or an OpenAI-compatible provider. The generation issue builds it; today the crate
//! only fixes its place in the workspace: it may depend on `dnd-core` (and later `dnd-store`),
//! and every number it returns comes from `dnd-core`'s derivation.

/// The rules engine that keeps generated content honest.
pub use dnd_core as core;
