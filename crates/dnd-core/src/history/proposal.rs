//! DM approvals: a critical change on a shared branch becomes a pending proposal that a DM
//! approves (then it is committed) or rejects; a proposal whose branch moved is stale until it
//! is rebased (a three-way merge onto the new head).

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::canonical::content_id;
use super::commit::{Commit, CommitKind, CommitMeta, object_id, verify_object};
use super::critical::CriticalRules;
use super::diff::{Change, Diff, diff};
use super::graph::{Graph, MemoryGraph};
use super::merge::merge3;
use crate::error::{Error, Result};
use crate::model::Character;
use crate::play::refuse;
use crate::rules::Rules;

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

/// Commits `ch` on `branch`, unless the branch is shared and the change (from its head) is
/// critical: then it becomes a pending proposal and nothing is committed. `expected` is the head
/// the caller last saw: another head is a [`Error::HeadConflict`] either way. `reason` is the
/// commit message when `meta` has none. An error leaves the graph unchanged.
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
    if head.as_deref() != expected {
        return Err(Error::HeadConflict {
            branch: branch.into(),
            expected: expected.map(str::to_string),
            actual: head,
        });
    }
    if shared && let Some(base) = head {
        let before = graph.object(&graph.commit(&base)?.body.object)?;
        let d = diff(&before, ch)?;
        let critical: Vec<Change> = rules.critical(&d).into_iter().cloned().collect();
        if !critical.is_empty() {
            let p = proposal(branch, base, ch, d, critical, reason, meta)?;
            return Ok(Submitted::Proposed {
                proposal: Box::new(p),
            });
        }
    }
    let mut m = meta.clone();
    if m.message.is_empty() {
        m.message = reason.to_string();
    }
    let commit = graph.commit_on(branch, expected, ch, CommitKind::Commit, &[], &m)?;
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
/// ([`CommitKind::Approval`], parent the proposal's base) and the proposal records the DM, the
/// note and the commit. A closed proposal is refused (`history.proposal.closed`), a stale one
/// (`history.proposal.stale`) until rebased; an error changes neither the graph nor `p`.
pub fn approve(
    graph: &mut MemoryGraph,
    p: &mut Proposal,
    dm: &str,
    note: &str,
    meta: &CommitMeta,
) -> Result<Commit> {
    pending(p)?;
    if dm.trim().is_empty() {
        return Err(Error::InvalidValue {
            path: "dm".into(),
            reason: "an approval names the DM".into(),
        });
    }
    verify_object(&p.object, &p.character)?;
    let head = graph.head(&p.branch)?;
    if head.as_deref() != Some(p.base.as_str()) {
        return Err(refuse(
            "history.proposal.stale",
            format!(
                "branch `{}` moved from `{}` to `{}` since the proposal; rebase it first",
                p.branch,
                p.base,
                head.as_deref().unwrap_or("nothing")
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
    m.provenance.insert("proposed_by".into(), p.author.clone());
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

/// Rejects a pending proposal with a note; nothing is committed. A closed proposal is refused
/// (`history.proposal.closed`).
pub fn reject(p: &mut Proposal, dm: &str, note: &str, at: i64) -> Result<()> {
    pending(p)?;
    p.status = ProposalStatus::Rejected {
        by: dm.into(),
        note: note.into(),
        at,
    };
    Ok(())
}

/// Replays a pending proposal onto its branch's current head: a three-way merge from the
/// proposal's base, the branch as `ours` and the proposal as `theirs` (so
/// [`Resolution::Ours`](super::Resolution::Ours) keeps the branch's value). The proposal then
/// has the head as its base, the merged character, and its diff and critical changes
/// recomputed from the head. Conflicts left unresolved are an [`Error::MergeConflicts`]; on any
/// error the proposal is unchanged. A current proposal is left as it is (resolutions for it are
/// an [`Error::InvalidValue`]).
pub fn rebase(
    rules: &Rules,
    critical: &CriticalRules,
    graph: &impl Graph,
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
        if let Some(path) = resolutions.keys().next() {
            return Err(Error::InvalidValue {
                path: path.clone(),
                reason: "a resolution for a path that is not a conflict".into(),
            });
        }
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
    let d = diff(&now, &merged.character)?;
    let changes: Vec<Change> = critical.critical(&d).into_iter().cloned().collect();
    p.object = object_id(&merged.character)?;
    p.critical = changes;
    p.diff = d;
    p.character = merged.character;
    p.base = head;
    Ok(())
}
