//! Verbs: history, diff, branches, tags, merge, restore, cherry-pick, revert.

use std::collections::BTreeMap;

use dnd_core::history::{self as h, Commit, Diff, Graph, Page, Resolution};
use dnd_store::{RefRow, Store};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::engine::Engine;
use crate::error::Result;

/// A diff between two versions, with its one-line summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DiffReport {
    pub from: String,
    pub to: String,
    pub summary: String,
    pub diff: Diff,
}

impl Engine {
    /// The versions of a branch, newest first, paged.
    pub fn history(&self, id: &str, branch: &str, page: Page) -> Result<Vec<Commit>> {
        Ok(self.store.history(id, branch, page.offset, page.limit)?)
    }

    /// The typed changes from version `a` to version `b` (branches, tags or ids) and a summary.
    pub fn diff(&self, id: &str, a: &str, b: &str) -> Result<DiffReport> {
        let (ca, va) = self.store.load(id, a)?;
        let (cb, vb) = self.store.load(id, b)?;
        let d = h::diff(&ca, &cb)?;
        Ok(DiffReport {
            from: va.id,
            to: vb.id,
            summary: h::summary(&self.rules, &ca, &cb, &d),
            diff: d,
        })
    }

    /// The branches of a character.
    pub fn branches(&self, id: &str) -> Result<Vec<RefRow>> {
        Ok(self.store.branches(id)?)
    }

    /// Creates branch `name` at `at` (a branch, tag or version; default `main`).
    pub fn branch(&self, id: &str, name: &str, at: Option<&str>) -> Result<()> {
        let (_, c) = self.store.load(id, at.unwrap_or("main"))?;
        Ok(self.store.create_branch(id, name, &c.id, &self.actor)?)
    }

    /// Tags a version as a milestone.
    pub fn tag(&self, id: &str, name: &str, at: Option<&str>) -> Result<()> {
        let (_, c) = self.store.load(id, at.unwrap_or("main"))?;
        Ok(self.store.tag(id, name, &c.id, &self.actor)?)
    }

    /// The tags of a character.
    pub fn tags(&self, id: &str) -> Result<Vec<RefRow>> {
        Ok(self.store.tags(id)?)
    }

    /// Three-way merge of `from` into `into`: field rules, then `resolutions` by path;
    /// unresolved conflicts are an error with every conflict, and a result with validation
    /// errors is refused unless `force`. The merge commit has two parents.
    pub fn merge(
        &self,
        id: &str,
        from: &str,
        into: &str,
        resolutions: &BTreeMap<String, Resolution>,
        force: bool,
        message: &str,
    ) -> Result<Commit> {
        let msg = if message.is_empty() {
            format!("merge {from} into {into}")
        } else {
            message.to_string()
        };
        self.on_branch(id, into, &msg, |g, meta| {
            h::merge(&self.rules, g, into, from, resolutions, force, meta)
        })
    }

    /// Checks an old version out onto `branch` as a new version (history is kept).
    pub fn restore(&self, id: &str, branch: &str, version: &str) -> Result<Commit> {
        let msg = format!("restore {version}");
        self.on_branch(id, branch, &msg, |g, meta| {
            h::restore(g, branch, version, meta)
        })
    }

    /// Applies the changes of commit `commit` onto `branch`.
    pub fn cherry_pick(
        &self,
        id: &str,
        branch: &str,
        commit: &str,
        resolutions: &BTreeMap<String, Resolution>,
    ) -> Result<Commit> {
        let msg = format!("cherry-pick {commit}");
        self.on_branch(id, branch, &msg, |g, meta| {
            h::cherry_pick(&self.rules, g, branch, commit, resolutions, meta)
        })
    }

    /// Undoes the changes of commit `commit` on `branch`.
    pub fn revert(
        &self,
        id: &str,
        branch: &str,
        commit: &str,
        resolutions: &BTreeMap<String, Resolution>,
    ) -> Result<Commit> {
        let msg = format!("revert {commit}");
        self.on_branch(id, branch, &msg, |g, meta| {
            h::revert(&self.rules, g, branch, commit, resolutions, meta)
        })
    }

    /// The newest version of `branch` at or before `timestamp` (ms since the epoch).
    pub fn state_at(&self, id: &str, branch: &str, timestamp: i64) -> Result<Option<Commit>> {
        let g = self.memory(id)?;
        let Some(head) = g.head(branch)? else {
            return Ok(None);
        };
        Ok(h::state_at(&g, &head, timestamp)?)
    }
}
