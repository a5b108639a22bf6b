//! # dnd-gen
//!
//! Generation for **dnd**: a concept becomes a character that the rules engine validates, plus
//! backstories, refinements, level-up suggestions, image prompts and procedural maps, through
//! offline tables (the default: no network, deterministic from a seed) or an OpenAI-compatible
//! provider. A provider only chooses catalog ids and writes prose; every number comes from
//! `dnd-core`'s derivation, and an invalid character is never returned.

pub mod backstory;
pub mod catalog;
pub mod character;
pub mod choice;
pub mod concept;
pub mod error;
pub mod http;
pub mod image_prompt;
pub mod jobs;
pub mod maps;
pub mod offline;
pub mod prompt;
pub mod prose;
pub mod provider;
pub mod refine;
pub mod tables;

pub use backstory::{Backstory, write_backstory};
pub use catalog::{Catalog, Fit, Kind, RulesCatalog};
pub use character::{CharacterRequest, Generated, MAX_REPAIRS, Provenance, generate_character};
pub use choice::{Build, build_schema, realize};
pub use error::{GenError, Result};
pub use image_prompt::{ImagePrompt, PromptKind, compile as compile_prompt};
pub use jobs::{JobContext, JobQueue, JobRecord, JobStatus, Work};
pub use offline::{OfflineEmbeddings, OfflineImages, OfflineText};
pub use prose::{Contradiction, Prose, check as check_consistency};
pub use provider::{
    CancelToken, ChatRequest, ChatResponse, EmbeddingProvider, Image, ImageProvider, ImageRequest,
    Message, Role, Task, TextProvider, Usage,
};
pub use refine::{LevelUpSuggestion, Refinement, build_of, refine, suggest_level_up};

/// The rules engine that keeps generated content honest.
pub use dnd_core as core;
