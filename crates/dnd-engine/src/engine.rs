//! The handle: rules, store, clock and actor; loading a character's history as a graph and
//! writing back what a core operation made of it.

use std::borrow::Cow;
use std::path::Path;
use std::sync::Arc;

use dnd_core::history::{Commit, CommitMeta, Graph, MemoryGraph};
use dnd_core::rules::Rules;
use dnd_store::{SqliteStore, Store};

use crate::error::Result;

/// Milliseconds since the Unix epoch; injected so tests and replays are deterministic.
pub type Clock = Arc<dyn Fn() -> i64 + Send + Sync>;

/// The facade. Its public methods are the verb list (`fixtures/verbs.txt`): every binding, the
/// CLI and the server call these and nothing else.
pub struct Engine {
    pub(crate) rules: Cow<'static, Rules>,
    pub(crate) store: SqliteStore,
    pub(crate) clock: Clock,
    pub(crate) actor: String,
    pub(crate) profile: dnd_core::validate::Profile,
    pub(crate) search: crate::search::SearchState,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("store", &self.store.path())
            .field("actor", &self.actor)
            .finish_non_exhaustive()
    }
}

fn system_clock() -> Clock {
    Arc::new(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as i64)
    })
}

impl Engine {
    /// Opens (or creates) the database at `path` with these rules.
    pub fn open(path: impl AsRef<Path>, rules: Cow<'static, Rules>) -> Result<Engine> {
        Ok(Engine::with_store(SqliteStore::open(path)?, rules))
    }

    /// An engine over an in-memory database (tests, one-shot tools).
    pub fn open_in_memory(rules: Cow<'static, Rules>) -> Result<Engine> {
        Ok(Engine::with_store(SqliteStore::open_in_memory()?, rules))
    }

    /// An engine over an already opened store.
    pub fn with_store(store: SqliteStore, rules: Cow<'static, Rules>) -> Engine {
        Engine {
            rules,
            store,
            clock: system_clock(),
            actor: "local".into(),
            profile: Default::default(),
            search: Default::default(),
        }
    }

    /// Uses this clock for commit timestamps.
    pub fn with_clock(mut self, clock: Clock) -> Engine {
        self.clock = clock;
        self
    }

    /// Acts as this user (author of commits, actor of audit rows).
    pub fn with_actor(mut self, actor: impl Into<String>) -> Engine {
        self.actor = actor.into();
        self
    }

    /// Uses this campaign profile (its `critical` section decides what needs a DM).
    pub fn with_profile(mut self, profile: dnd_core::validate::Profile) -> Engine {
        self.profile = profile;
        self
    }

    /// The rules in use.
    pub fn rules(&self) -> &Rules {
        &self.rules
    }

    /// The store underneath.
    pub fn store(&self) -> &SqliteStore {
        &self.store
    }

    /// The acting user.
    pub fn actor(&self) -> &str {
        &self.actor
    }

    pub(crate) fn now(&self) -> i64 {
        (self.clock)()
    }

    pub(crate) fn meta(&self, message: &str) -> CommitMeta {
        CommitMeta {
            author: self.actor.clone(),
            message: message.to_string(),
            timestamp: self.now(),
            provenance: Default::default(),
        }
    }

    /// One character's whole history in memory (branches, tags, every reachable commit and the
    /// objects still stored), for the core's merge, restore and theme operations.
    pub(crate) fn memory(&self, id: &str) -> Result<MemoryGraph> {
        let mut g = MemoryGraph::default();
        let graph = self.store.graph(id)?;
        let branches = self.store.branches(id)?;
        let tags = self.store.tags(id)?;
        let mut todo: Vec<String> = branches
            .iter()
            .chain(tags.iter())
            .map(|r| r.commit.clone())
            .collect();
        while let Some(cid) = todo.pop() {
            if g.commits.contains_key(&cid) {
                continue;
            }
            let c = graph.commit(&cid)?;
            if let Ok(ch) = graph.object(&c.body.object) {
                g.objects.insert(c.body.object.clone(), ch);
            }
            todo.extend(c.body.parents.iter().cloned());
            g.commits.insert(cid, c);
        }
        g.branches = branches.into_iter().map(|r| (r.name, r.commit)).collect();
        g.tags = tags.into_iter().map(|r| (r.name, r.commit)).collect();
        Ok(g)
    }

    /// Runs a core operation on the character's graph and writes back the branch's new head.
    pub(crate) fn on_branch(
        &self,
        id: &str,
        branch: &str,
        message: &str,
        op: impl FnOnce(&mut MemoryGraph, &CommitMeta) -> dnd_core::Result<Commit>,
    ) -> Result<Commit> {
        let mut g = self.memory(id)?;
        let before = g.head(branch)?;
        op(&mut g, &self.meta(message))?;
        self.write_back(id, &g, branch, before.as_deref())
    }

    /// Writes the new head of `branch` that a core operation left in `g` (if it moved), with the
    /// head read before as the expected head, so a concurrent writer makes it a conflict.
    pub(crate) fn write_back(
        &self,
        id: &str,
        g: &MemoryGraph,
        branch: &str,
        before: Option<&str>,
    ) -> Result<Commit> {
        let head = g.head(branch)?.unwrap_or_default();
        let c = g.commit(&head)?;
        if before != Some(head.as_str()) {
            let ch = g.object(&c.body.object)?;
            self.store
                .commit_raw(id, branch, before, &c, &ch, &self.actor)?;
        }
        Ok(c)
    }
}
