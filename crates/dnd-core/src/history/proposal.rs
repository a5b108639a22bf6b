//! DM approvals: a critical change on a shared branch becomes a pending proposal that a DM
//! approves (then it is committed) or rejects; a proposal whose branch moved is stale until it
//! is rebased (a three-way merge onto the new head).

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::canonical::content_id;
use super::commit::{Commit, CommitKind, CommitMeta, object_id};
use super::diff::{Category, Change, Diff, diff};
use super::graph::{Graph, MemoryGraph};
use super::merge::merge3;
use crate::error::{Error, Result};
use crate::model::Character;
use crate::play::refuse;
use crate::rules::Rules;

/// Which changes need a DM's approval (a campaign profile's `critical` section). By default:
/// ability scores, class and level, custom content, and removing items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct CriticalRules {
    pub ability_scores: bool,
    pub class_level: bool,
    /// Custom items (an inventory entry with `custom`) and custom ids.
    pub custom_content: bool,
    /// An item removed or its quantity lowered.
    pub removing_items: bool,
    /// Extra JSON-pointer prefixes that are critical (`/state/exhaustion`).
    pub paths: Vec<String>,
}

impl Default for CriticalRules {
    fn default() -> Self {
        CriticalRules {
            ability_scores: true,
            class_level: true,
            custom_content: true,
            removing_items: true,
            paths: Vec::new(),
        }
    }
}

impl CriticalRules {
    /// Whether one change needs approval.
    pub fn is_critical(&self, c: &Change) -> bool {
        let num = |v: &Option<serde_json::Value>| v.as_ref().and_then(serde_json::Value::as_u64);
        let has_custom = |v: &Option<serde_json::Value>| {
            v.as_ref()
                .and_then(|v| v.get("custom"))
                .is_some_and(|x| !x.is_null())
        };
        let item = c.path.strip_prefix("/inventory/items/");
        let element = item.is_some_and(|rest| !rest.contains('/'));
        let removed = element && c.new.is_none();
        let lowered = item.is_some() && c.path.ends_with("/quantity") && num(&c.new) < num(&c.old);
        let custom = item.is_some() && (c.path.contains("/custom") || has_custom(&c.new));
        (self.ability_scores && c.category == Category::AbilityScore)
            || (self.class_level && c.category == Category::Level)
            || (self.custom_content && custom)
            || (self.removing_items && (removed || lowered))
            || self.paths.iter().any(|p| c.path.starts_with(p.as_str()))
    }

    /// The critical changes of a diff.
    pub fn critical<'d>(&self, d: &'d Diff) -> Vec<&'d Change> {
        d.changes.iter().filter(|c| self.is_critical(c)).collect()
    }
}

/// Where a proposal stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum ProposalStatus {
    Pending,
    Approved {
        by: String,
        note: String,
        at: i64,
        commit: String,
    },
    Rejected {
        by: String,
        note: String,
        at: i64,
    },
}

/// A change waiting for a DM.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Proposal {
    /// Content id of what was proposed (branch, base, object, author, reason, time).
    pub id: String,
    pub branch: String,
    /// The branch head the change was made against.
    pub base: String,
    /// The proposed character's content address.
    pub object: String,
    pub character: Character,
    /// From the base version to the proposal.
    pub diff: Diff,
    /// The changes that made it need approval.
    pub critical: Vec<Change>,
    pub author: String,
    pub reason: String,
    pub created: i64,
    #[serde(flatten)]
    pub status: ProposalStatus,
}

/// A change either went straight in or waits for approval.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Submitted {
    Committed { commit: Commit },
    Proposed { proposal: Box<Proposal> },
}

/// Commits `ch` on `branch`, unless the branch is shared and the change is critical: then it
/// becomes a pending proposal and nothing is committed.
#[allow(clippy::too_many_arguments)]
pub fn submit(
    rules: &CriticalRules,
    graph: &mut MemoryGraph,
    branch: &str,
    expected: Option<&str>,
    ch: &Character,
    shared: bool,
    reason: &str,
    meta: &CommitMeta,
) -> Result<Submitted> {
    let head = graph.head(branch)?;
    if shared && let Some(base) = head.clone() {
        let before = graph.object(&graph.commit(&base)?.body.object)?;
        let d = diff(&before, ch)?;
        let critical: Vec<Change> = rules.critical(&d).into_iter().cloned().collect();
        if !critical.is_empty() {
            if head.as_deref() != expected {
                return Err(Error::HeadConflict {
                    branch: branch.into(),
                    expected: expected.map(str::to_string),
                    actual: head,
                });
            }
            return Ok(Submitted::Proposed {
                proposal: Box::new(proposal(branch, base, ch, d, critical, reason, meta)?),
            });
        }
    }
    let commit = graph.commit_on(branch, expected, ch, CommitKind::Commit, &[], meta)?;
    Ok(Submitted::Committed { commit })
}

fn proposal(
    branch: &str,
    base: String,
    ch: &Character,
    diff: Diff,
    critical: Vec<Change>,
    reason: &str,
    meta: &CommitMeta,
) -> Result<Proposal> {
    let object = object_id(ch)?;
    let key: BTreeMap<&str, String> = BTreeMap::from([
        ("branch", branch.to_string()),
        ("base", base.clone()),
        ("object", object.clone()),
        ("author", meta.author.clone()),
        ("reason", reason.to_string()),
        ("created", meta.timestamp.to_string()),
    ]);
    Ok(Proposal {
        id: format!("pr_{}", &content_id(&key)?[..16]),
        branch: branch.to_string(),
        base,
        object,
        character: ch.clone(),
        diff,
        critical,
        author: meta.author.clone(),
        reason: reason.to_string(),
        created: meta.timestamp,
        status: ProposalStatus::Pending,
    })
}

fn pending(p: &Proposal) -> Result<()> {
    if p.status != ProposalStatus::Pending {
        return Err(refuse(
            "history.proposal.closed",
            format!(
                "proposal `{}` is already {}",
                p.id,
                match p.status {
                    ProposalStatus::Approved { .. } => "approved",
                    _ => "rejected",
                }
            ),
            None,
            vec![],
        ));
    }
    Ok(())
}

/// Whether the proposal's branch moved since it was made.
pub fn is_stale(graph: &impl Graph, p: &Proposal) -> Result<bool> {
    Ok(graph.head(&p.branch)?.as_deref() != Some(p.base.as_str()))
}

/// Approves a pending, current proposal: its character is committed on its branch
/// ([`CommitKind::Approval`]) and the proposal records the DM, the note and the commit. A stale
/// proposal is refused (`history.proposal.stale`) until rebased.
pub fn approve(
    graph: &mut MemoryGraph,
    p: &mut Proposal,
    dm: &str,
    note: &str,
    meta: &CommitMeta,
) -> Result<Commit> {
    pending(p)?;
    if is_stale(graph, p)? {
        let head = graph.head(&p.branch)?.unwrap_or_default();
        return Err(refuse(
            "history.proposal.stale",
            format!(
                "branch `{}` moved from `{}` to `{head}` since the proposal; rebase it first",
                p.branch, p.base
            ),
            None,
            vec!["rebase the proposal".into(), "reject it".into()],
        ));
    }
    let mut m = meta.clone();
    if m.message.is_empty() {
        m.message = format!("approved {} ({}): {note}", p.id, p.reason);
    }
    m.provenance.insert("proposal".into(), p.id.clone());
    m.provenance.insert("approved_by".into(), dm.to_string());
    let c = graph.commit_on(
        &p.branch,
        Some(&p.base),
        &p.character,
        CommitKind::Approval,
        &[],
        &m,
    )?;
    p.status = ProposalStatus::Approved {
        by: dm.into(),
        note: note.into(),
        at: meta.timestamp,
        commit: c.id.clone(),
    };
    Ok(c)
}

/// Rejects a pending proposal with a note; nothing is committed.
pub fn reject(p: &mut Proposal, dm: &str, note: &str, at: i64) -> Result<()> {
    pending(p)?;
    p.status = ProposalStatus::Rejected {
        by: dm.into(),
        note: note.into(),
        at,
    };
    Ok(())
}

/// Replays a stale proposal onto its branch's current head (three-way merge from the
/// proposal's base); conflicts are an [`Error::MergeConflicts`] and the proposal is unchanged.
pub fn rebase(
    rules: &Rules,
    graph: &MemoryGraph,
    p: &mut Proposal,
    resolutions: &BTreeMap<String, super::Resolution>,
) -> Result<()> {
    pending(p)?;
    let Some(head) = graph.head(&p.branch)? else {
        return Err(Error::NotFound {
            kind: "branch",
            id: p.branch.clone(),
        });
    };
    if head == p.base {
        return Ok(());
    }
    let base = graph.object(&graph.commit(&p.base)?.body.object)?;
    let now = graph.object(&graph.commit(&head)?.body.object)?;
    let merged = merge3(rules, &base, &now, &p.character, resolutions)?;
    if !merged.conflicts.is_empty() {
        return Err(Error::MergeConflicts {
            conflicts: merged.conflicts,
        });
    }
    p.diff = diff(&now, &merged.character)?;
    p.object = object_id(&merged.character)?;
    p.character = merged.character;
    p.base = head;
    Ok(())
}
