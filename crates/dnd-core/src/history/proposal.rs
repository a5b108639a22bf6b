//! DM approvals: a critical change on a shared branch becomes a pending proposal that a DM
//! approves (then it is committed) or rejects; a proposal whose branch moved is stale until it
//! is rebased (a three-way merge onto the new head).

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::canonical::content_id;
use super::commit::{Commit, CommitKind, CommitMeta, object_id, verify_object};
use super::diff::{Category, Change, Diff, diff, parse_pointer};
use super::graph::{Graph, MemoryGraph};
use super::merge::merge3;
use crate::error::{Error, Result};
use crate::model::Character;
use crate::play::refuse;
use crate::rules::Rules;

/// Which changes need a DM's approval (a campaign profile's `critical` section). By default:
/// ability scores, class and level, custom items, and removing items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct CriticalRules {
    /// Base scores and background ability increases (category `ability_score`).
    pub ability_scores: bool,
    /// Levels taken or removed, their class, subclass and hit point roll (category `level`).
    pub class_level: bool,
    /// A custom item added (an inventory entry with `custom` facts) or its facts changed.
    pub custom_content: bool,
    /// An item removed, its quantity lowered, or an entry turned into another item.
    pub removing_items: bool,
    /// Extra JSON pointers (`/state/exhaustion`): a change at, below or above one that changes
    /// the value there is critical.
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

/// The identity the diff matches inventory entries by: `key`, else `item`.
fn identity(v: &Value) -> Option<&str> {
    v.get("key")
        .or_else(|| v.get("item"))
        .and_then(Value::as_str)
}

fn quantity(v: Option<&Value>) -> u64 {
    v.map_or(0, |v| v.as_u64().unwrap_or(1))
}

fn custom(v: Option<&Value>) -> Option<&Value> {
    v.and_then(|v| v.get("custom")).filter(|c| !c.is_null())
}

impl CriticalRules {
    /// Whether the profile's defaults apply.
    pub fn is_default(&self) -> bool {
        *self == CriticalRules::default()
    }

    /// Whether one change, taken alone, needs approval. Inventory entries are paths by index
    /// (`/inventory/items/2`): a whole entry removed, or replaced by another item or a smaller
    /// stack; a changed `item` id; a lowered `quantity`; an entry added with `custom` facts, or
    /// facts added or changed under `/custom`.
    pub fn is_critical(&self, c: &Change) -> bool {
        let tokens = parse_pointer(&c.path).unwrap_or_default();
        let t: Vec<&str> = tokens.iter().map(String::as_str).collect();
        let (old, new) = (c.old.as_ref(), c.new.as_ref());
        let (removed, added_custom) = match t.as_slice() {
            ["inventory", "items", _] => (
                old.is_some_and(|o| {
                    new.is_none_or(|n| identity(o) != identity(n) || o.get("item") != n.get("item"))
                        || quantity(new.and_then(|n| n.get("quantity")))
                            < quantity(o.get("quantity"))
                }),
                custom(new).is_some() && custom(new) != custom(old),
            ),
            ["inventory", "items", _, "item"] => (true, false),
            ["inventory", "items", _, "quantity"] => (quantity(new) < quantity(old), false),
            ["inventory", "items", _, "custom", ..] => (false, new.is_some_and(|n| !n.is_null())),
            _ => (false, false),
        };
        (self.ability_scores && c.category == Category::AbilityScore)
            || (self.class_level && c.category == Category::Level)
            || (self.custom_content && added_custom)
            || (self.removing_items && removed)
            || self.on_paths(c)
    }

    /// Whether a change touches one of the extra `paths`.
    fn on_paths(&self, c: &Change) -> bool {
        self.paths.iter().any(|p| {
            if p.is_empty() || c.path == *p {
                return true;
            }
            if let Some(below) = c.path.strip_prefix(p.as_str()) {
                return below.starts_with('/');
            }
            // A change of a whole value above the path: critical when the value there differs.
            match p.strip_prefix(c.path.as_str()) {
                Some(rest) if rest.starts_with('/') => {
                    let old = c.old.as_ref().and_then(|v| v.pointer(rest));
                    old != c.new.as_ref().and_then(|v| v.pointer(rest))
                }
                _ => false,
            }
        })
    }

    /// The critical changes of a diff, in order. The diff shows an inventory entry that moved
    /// (another entry before it was removed or added) as a removal and an insertion of the same
    /// identity; such a pair is judged as one change from the old entry to the new one, so a
    /// move alone is not a removal.
    pub fn critical<'d>(&self, d: &'d Diff) -> Vec<&'d Change> {
        let entry = |c: &Change| {
            let t = parse_pointer(&c.path).unwrap_or_default();
            t.len() == 3 && t[0] == "inventory" && t[1] == "items"
        };
        let mut partner: Vec<Option<usize>> = vec![None; d.changes.len()];
        for (i, r) in d.changes.iter().enumerate() {
            let Some(gone) = r.old.as_ref().filter(|_| r.new.is_none() && entry(r)) else {
                continue;
            };
            let found = d.changes.iter().enumerate().position(|(j, a)| {
                partner[j].is_none()
                    && a.old.is_none()
                    && entry(a)
                    && a.new
                        .as_ref()
                        .is_some_and(|n| identity(n) == identity(gone))
            });
            if let Some(j) = found {
                partner[i] = Some(j);
                partner[j] = Some(i);
            }
        }
        let mut out = Vec::new();
        for (i, c) in d.changes.iter().enumerate() {
            let critical = match partner[i] {
                None => self.is_critical(c),
                Some(j) => {
                    let (r, a) = if c.new.is_none() {
                        (c, &d.changes[j])
                    } else {
                        (&d.changes[j], c)
                    };
                    let moved = Change {
                        old: r.old.clone(),
                        ..a.clone()
                    };
                    self.is_critical(&moved) || self.on_paths(c)
                }
            };
            if critical {
                out.push(c);
            }
        }
        out
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
