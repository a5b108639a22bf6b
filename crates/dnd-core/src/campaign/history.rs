//! Campaign versions on the same commit format as characters: canonical JSON, SHA-256 content
//! ids, [`Commit`] / [`CommitMeta`]; branches for player choices and the merge base.

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::model::Campaign;
use crate::error::{Error, Result};
use crate::history::{
    Commit, CommitKind, CommitMeta, Diff, check_ref_name, content_id, diff_values,
};

/// The content address of a campaign (SHA-256 of its canonical JSON).
pub fn campaign_object_id(c: &Campaign) -> Result<String> {
    content_id(c)
}

/// The typed changes from one campaign to another (JSON pointers into the campaign file).
pub fn campaign_diff(a: &Campaign, b: &Campaign) -> Result<Diff> {
    let va = serde_json::to_value(a).map_err(|e| Error::from_serde(&e))?;
    let vb = serde_json::to_value(b).map_err(|e| Error::from_serde(&e))?;
    Ok(diff_values(&va, &vb))
}

/// A campaign's history in memory: objects, commits and branches (`dnd-store` keeps the same
/// in SQLite and loads it into one of these for merges).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CampaignGraph {
    pub objects: HashMap<String, Campaign>,
    pub commits: HashMap<String, Commit>,
    /// Branch name → head commit id.
    pub branches: BTreeMap<String, String>,
}

impl CampaignGraph {
    /// A commit by id, its hash checked.
    pub fn commit(&self, id: &str) -> Result<Commit> {
        let c = self.commits.get(id).ok_or_else(|| Error::NotFound {
            kind: "version",
            id: id.to_string(),
        })?;
        c.verify()?;
        Ok(c.clone())
    }

    /// A campaign object by content address, its hash checked.
    pub fn object(&self, id: &str) -> Result<Campaign> {
        let c = self.objects.get(id).ok_or_else(|| Error::NotFound {
            kind: "object",
            id: id.to_string(),
        })?;
        let actual = campaign_object_id(c)?;
        if actual != id {
            return Err(Error::Tampered {
                kind: "object",
                id: id.to_string(),
                actual,
            });
        }
        Ok(c.clone())
    }

    /// The head of a branch.
    pub fn head(&self, branch: &str) -> Option<String> {
        self.branches.get(branch).cloned()
    }

    /// A branch's head, else the name taken as a commit id.
    pub fn rev(&self, name: &str) -> String {
        self.head(name).unwrap_or_else(|| name.to_string())
    }

    /// The campaign at a branch or commit.
    pub fn at(&self, rev: &str) -> Result<(Campaign, Commit)> {
        let c = self.commit(&self.rev(rev))?;
        Ok((self.object(&c.body.object)?, c))
    }

    /// Commits on `branch` with the head the caller last saw (`None`: a new branch); another
    /// head is [`Error::HeadConflict`] and nothing changes.
    pub fn commit_on(
        &mut self,
        branch: &str,
        expected: Option<&str>,
        c: &Campaign,
        kind: CommitKind,
        extra_parents: &[String],
        meta: &CommitMeta,
    ) -> Result<Commit> {
        check_ref_name(branch)?;
        let actual = self.head(branch);
        if actual.as_deref() != expected {
            return Err(Error::HeadConflict {
                branch: branch.to_string(),
                expected: expected.map(str::to_string),
                actual,
            });
        }
        let object = campaign_object_id(c)?;
        let mut parents: Vec<String> = actual.into_iter().collect();
        parents.extend(extra_parents.iter().cloned());
        let commit = Commit::new(object.clone(), parents, kind, meta)?;
        self.objects.entry(object).or_insert_with(|| c.clone());
        self.commits.insert(commit.id.clone(), commit.clone());
        self.branches.insert(branch.to_string(), commit.id.clone());
        Ok(commit)
    }

    /// Creates branch `name` at `at` (a branch or commit id).
    pub fn create_branch(&mut self, name: &str, at: &str) -> Result<()> {
        check_ref_name(name)?;
        let id = self.commit(&self.rev(at))?.id;
        if self.branches.contains_key(name) {
            return Err(Error::InvalidValue {
                path: "branch".into(),
                reason: format!("branch `{name}` exists already"),
            });
        }
        self.branches.insert(name.to_string(), id);
        Ok(())
    }

    fn ancestors(&self, start: &str) -> Result<HashMap<String, usize>> {
        let mut seen = HashMap::new();
        let mut queue = VecDeque::from([(start.to_string(), 0usize)]);
        while let Some((id, d)) = queue.pop_front() {
            if seen.contains_key(&id) {
                continue;
            }
            for p in &self.commit(&id)?.body.parents {
                queue.push_back((p.clone(), d + 1));
            }
            seen.insert(id, d);
        }
        Ok(seen)
    }

    /// The lowest common ancestor of two branches or commits (nearest to both, then the
    /// smallest id), or `None` when they share nothing.
    pub fn merge_base(&self, a: &str, b: &str) -> Result<Option<String>> {
        let from_a = self.ancestors(&self.rev(a))?;
        let from_b = self.ancestors(&self.rev(b))?;
        let common: Vec<(&String, usize)> = from_a
            .iter()
            .filter_map(|(id, da)| from_b.get(id).map(|db| (id, da + db)))
            .collect();
        // Ancestors of a common ancestor are not lowest: one walk from all their parents.
        let mut covered: HashSet<String> = HashSet::new();
        let mut stack: Vec<String> = Vec::new();
        for (id, _) in &common {
            stack.extend(self.commit(id)?.body.parents);
        }
        while let Some(id) = stack.pop() {
            if covered.insert(id.clone()) {
                stack.extend(self.commit(&id)?.body.parents);
            }
        }
        Ok(common
            .into_iter()
            .filter(|(id, _)| !covered.contains(*id))
            .min_by(|x, y| x.1.cmp(&y.1).then(x.0.cmp(y.0)))
            .map(|(id, _)| id.clone()))
    }

    /// The commits reachable from a branch, newest first (by timestamp, then id).
    pub fn log(&self, branch: &str) -> Result<Vec<Commit>> {
        let mut out: Vec<Commit> = self
            .ancestors(&self.rev(branch))?
            .into_keys()
            .map(|id| self.commit(&id))
            .collect::<Result<_>>()?;
        out.sort_by(|a, b| {
            b.body
                .timestamp
                .cmp(&a.body.timestamp)
                .then(a.id.cmp(&b.id))
        });
        Ok(out)
    }
}
