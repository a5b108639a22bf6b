//! Character history: content-addressed versions, branches and tags, typed diffs, three-way
//! merges with field rules, restore, cherry-pick and revert, DM proposals, and themes.
//!
//! Pure: no clock (timestamps are given), no storage (a [`Graph`] is whatever holds the
//! commits and objects; [`MemoryGraph`] keeps them in memory, `dnd-store` in SQLite).

mod canonical;
mod canonical_ser;
mod commit;
mod critical;
mod diff;
mod graph;
mod merge;
mod merge_rules;
mod ops;
mod proposal;
mod summary;
mod theme;
mod theme_apply;
mod theme_graph;

pub use canonical::{
    canonical_bytes, canonical_json, canonical_of, content_id, is_hash, sha256_hex,
};
pub use commit::{
    Commit, CommitBody, CommitKind, CommitMeta, check_ref_name, object_id, verify_object,
};
pub use critical::CriticalRules;
pub use diff::{Category, Change, Diff, apply, apply_values, diff, diff_values};
pub use graph::{Graph, MemoryGraph};
pub use merge::{Merged, merge3};
pub use ops::{Page, cherry_pick, log, merge, merge_base, restore, revert, state_at};
pub use proposal::{
    Proposal, ProposalStatus, Submitted, approve, is_stale, rebase, reject, submit,
};
pub use summary::summary;
pub use theme::{
    Applied, CustomCheck, Genre, ReplacedItem, Replacement, StyleGuide, ThemeDef, ThemeFeature,
    ThemeState, Variant,
};
pub use theme_apply::transition;
pub use theme_graph::{
    PROVENANCE_THEME_FROM, PROVENANCE_THEME_TO, apply_theme, lineage, rollback_transition, variants,
};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A field both sides changed differently since the merge base.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Conflict {
    /// JSON pointer into the character (`/abilities/base/str`).
    pub path: String,
    /// The value at the merge base (absent: the field did not exist).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ours: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theirs: Option<Value>,
}

/// How a conflict is settled.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Resolution {
    Ours,
    Theirs,
    /// This value (absent = remove the field).
    Value(Option<Value>),
}
