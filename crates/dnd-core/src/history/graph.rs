//! Where commits and objects live, and the in-memory graph.

use std::collections::{BTreeMap, HashMap};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::commit::{Commit, CommitKind, CommitMeta, check_ref_name, object_id, verify_object};
use crate::error::{Error, Result};
use crate::model::Character;

/// Read access to a history: commits and character objects by id, and the branch heads.
/// Implementations verify hashes on read (a tampered entry is an [`Error::Tampered`]).
pub trait Graph {
    /// A commit by id.
    fn commit(&self, id: &str) -> Result<Commit>;
    /// A character object by content address.
    fn object(&self, id: &str) -> Result<Character>;
    /// The head of a branch, if it exists.
    fn head(&self, branch: &str) -> Result<Option<String>>;
}

/// A whole history in memory: objects, commits, branches and tags. Serializable, so a caller
/// can keep it anywhere; `dnd-store` keeps the same data in SQLite.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct MemoryGraph {
    pub objects: HashMap<String, Character>,
    pub commits: HashMap<String, Commit>,
    /// Branch name → head commit id.
    pub branches: BTreeMap<String, String>,
    /// Tag name → commit id.
    pub tags: BTreeMap<String, String>,
}

impl Graph for MemoryGraph {
    fn commit(&self, id: &str) -> Result<Commit> {
        let c = self.commits.get(id).ok_or_else(|| Error::NotFound {
            kind: "version",
            id: id.to_string(),
        })?;
        c.verify()?;
        Ok(c.clone())
    }

    fn object(&self, id: &str) -> Result<Character> {
        let ch = self.objects.get(id).ok_or_else(|| Error::NotFound {
            kind: "object",
            id: id.to_string(),
        })?;
        verify_object(id, ch)?;
        Ok(ch.clone())
    }

    fn head(&self, branch: &str) -> Result<Option<String>> {
        Ok(self.branches.get(branch).cloned())
    }
}

impl MemoryGraph {
    /// Commits `ch` on `branch` (creating the branch on its first commit). `expected` is the head
    /// the caller last saw (`None` for a new branch): a different head is a
    /// [`Error::HeadConflict`] and nothing is written.
    pub fn commit_on(
        &mut self,
        branch: &str,
        expected: Option<&str>,
        ch: &Character,
        kind: CommitKind,
        extra_parents: &[String],
        meta: &CommitMeta,
    ) -> Result<Commit> {
        check_ref_name(branch)?;
        let actual = self.branches.get(branch).cloned();
        if actual.as_deref() != expected {
            return Err(Error::HeadConflict {
                branch: branch.to_string(),
                expected: expected.map(str::to_string),
                actual,
            });
        }
        let object = object_id(ch)?;
        let mut parents: Vec<String> = actual.into_iter().collect();
        parents.extend(extra_parents.iter().cloned());
        let c = Commit::new(object.clone(), parents, kind, meta)?;
        self.objects.entry(object).or_insert_with(|| ch.clone());
        self.commits.insert(c.id.clone(), c.clone());
        self.branches.insert(branch.to_string(), c.id.clone());
        Ok(c)
    }

    /// Creates `name` at commit `at` (a new branch must not exist yet).
    pub fn create_branch(&mut self, name: &str, at: &str) -> Result<()> {
        check_ref_name(name)?;
        self.commit(at)?;
        if self.branches.contains_key(name) {
            return Err(Error::InvalidValue {
                path: "branch".into(),
                reason: format!("branch `{name}` exists already"),
            });
        }
        self.branches.insert(name.to_string(), at.to_string());
        Ok(())
    }

    /// Tags commit `at` as `name` (moving an existing tag is refused).
    pub fn tag(&mut self, name: &str, at: &str) -> Result<()> {
        check_ref_name(name)?;
        self.commit(at)?;
        if self.tags.get(name).is_some_and(|t| t != at) {
            return Err(Error::InvalidValue {
                path: "tag".into(),
                reason: format!("tag `{name}` names another version already"),
            });
        }
        self.tags.insert(name.to_string(), at.to_string());
        Ok(())
    }
}
