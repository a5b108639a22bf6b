//! Verbs: themes and theme transitions.

use dnd_core::history::{self as h, Commit, ThemeDef};
use dnd_store::Store;

use crate::engine::Engine;
use crate::error::{EngineError, Result};

impl Engine {
    /// Every theme the loaded packs define.
    pub fn themes(&self) -> Vec<ThemeDef> {
        self.rules.themes.all().to_vec()
    }

    /// One theme by id.
    pub fn theme(&self, id: &str) -> Result<ThemeDef> {
        self.rules.themes.get(id).cloned().ok_or_else(|| {
            EngineError::Core(dnd_core::Error::NotFound {
                kind: "theme",
                id: id.to_string(),
            })
        })
    }

    /// Moves a character's `branch` into `theme` (or out of any theme with `None`): checks
    /// first, then one atomic change recorded as a new version.
    pub fn theme_apply(&self, id: &str, branch: &str, theme: Option<&str>) -> Result<Commit> {
        self.on_branch(id, branch, "", |g, meta| {
            h::apply_theme(&self.rules, g, branch, theme, meta)
        })
    }

    /// Rolls back the last theme transition while the character is still in its theme.
    pub fn theme_rollback(&self, id: &str, branch: &str) -> Result<Commit> {
        self.on_branch(id, branch, "", |g, meta| {
            h::rollback_transition(g, branch, meta)
        })
    }

    /// The versions from `at` back to the first (parent links).
    pub fn lineage(&self, id: &str, at: &str) -> Result<Vec<Commit>> {
        let (_, c) = self.store.load(id, at)?;
        let g = self.memory(id)?;
        Ok(h::lineage(&g, &c.id)?)
    }
}
