//! Operations on a history: merge base, log, the state at a time (read-only, on any [`Graph`]),
//! and merge, restore, cherry-pick and revert (writing, on a [`MemoryGraph`]).
//!
//! Every write builds the new state first and writes last, through
//! [`MemoryGraph::commit_on`] with the head it read: an error leaves the graph unchanged.
//!
//! Where a revision is asked for, a branch name gives its head, then (on a [`MemoryGraph`]) a
//! tag name its commit, and anything else is taken as a commit id.

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::merge::merge3;
use super::{Commit, CommitKind, CommitMeta, Graph, MemoryGraph, Resolution};
use crate::error::{Error, Result};
use crate::model::Character;
use crate::rules::Rules;
use crate::validate::{Profile, Report, Severity, validate};

/// A window on a list: skip `offset` entries, then at most `limit`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Page {
    /// Entries skipped first.
    pub offset: usize,
    /// At most this many entries (0 gives none).
    pub limit: usize,
}

impl Default for Page {
    fn default() -> Self {
        Page {
            offset: 0,
            limit: 50,
        }
    }
}

/// A branch's head, else the name itself as a commit id.
fn rev<G: Graph>(g: &G, name: &str) -> Result<String> {
    Ok(g.head(name)?.unwrap_or_else(|| name.to_string()))
}

/// Every commit reachable from `start` (included), with its distance in parent steps.
fn ancestors<G: Graph>(g: &G, start: &str) -> Result<HashMap<String, (usize, Commit)>> {
    let mut seen: HashMap<String, (usize, Commit)> = HashMap::new();
    let mut queue = VecDeque::from([(start.to_string(), 0usize)]);
    while let Some((id, d)) = queue.pop_front() {
        if seen.contains_key(&id) {
            continue;
        }
        let c = g.commit(&id)?;
        for p in &c.body.parents {
            if !seen.contains_key(p) {
                queue.push_back((p.clone(), d + 1));
            }
        }
        seen.insert(id, (d, c));
    }
    Ok(seen)
}

/// The lowest common ancestor of `a` and `b` (branch names or commit ids): a common ancestor
/// that is no ancestor of another common one. When several qualify (criss-cross merges), the
/// one nearest to both (fewest parent steps summed), then the smallest id. `None` when the
/// histories share nothing.
pub fn merge_base<G: Graph>(g: &G, a: &str, b: &str) -> Result<Option<String>> {
    let from_a = ancestors(g, &rev(g, a)?)?;
    let from_b = ancestors(g, &rev(g, b)?)?;
    let common: Vec<(&String, usize)> = from_a
        .iter()
        .filter_map(|(id, (da, _))| from_b.get(id).map(|(db, _)| (id, da + db)))
        .collect();
    // Ancestors of a common ancestor are not lowest: walk from the parents of all of them.
    let mut covered: HashSet<&str> = HashSet::new();
    let mut stack: Vec<&str> = common
        .iter()
        .filter_map(|(id, _)| from_a.get(*id))
        .flat_map(|(_, c)| c.body.parents.iter().map(String::as_str))
        .collect();
    while let Some(id) = stack.pop() {
        if covered.insert(id) {
            if let Some((_, c)) = from_a.get(id) {
                stack.extend(c.body.parents.iter().map(String::as_str));
            }
        }
    }
    Ok(common
        .into_iter()
        .filter(|(id, _)| !covered.contains(id.as_str()))
        .min_by(|x, y| x.1.cmp(&y.1).then_with(|| x.0.cmp(y.0)))
        .map(|(id, _)| id.clone()))
}

/// Every commit reachable from `head`: the first-parent chain from `head` down, then the
/// others newest first (timestamp descending, then id).
fn history<G: Graph>(g: &G, head: &str) -> Result<Vec<Commit>> {
    let mut all = ancestors(g, &rev(g, head)?)?;
    let mut out = Vec::with_capacity(all.len());
    let mut next = Some(rev(g, head)?);
    while let Some((_, c)) = next.as_deref().and_then(|id| all.remove(id)) {
        next = c.body.parents.first().cloned();
        out.push(c);
    }
    let mut rest: Vec<Commit> = all.into_values().map(|(_, c)| c).collect();
    rest.sort_by(|x, y| {
        y.body
            .timestamp
            .cmp(&x.body.timestamp)
            .then_with(|| x.id.cmp(&y.id))
    });
    out.extend(rest);
    Ok(out)
}

/// The commits reachable from `head` (a branch or commit id), newest first: the first-parent
/// chain, then the commits merged in from elsewhere by timestamp descending (then id).
pub fn log<G: Graph>(g: &G, head: &str, page: Page) -> Result<Vec<Commit>> {
    Ok(history(g, head)?
        .into_iter()
        .skip(page.offset)
        .take(page.limit)
        .collect())
}

/// The newest commit reachable from `head` with a timestamp at or before `timestamp` (on a tie,
/// the first in [`log`] order); `None` when all are later.
pub fn state_at<G: Graph>(g: &G, head: &str, timestamp: i64) -> Result<Option<Commit>> {
    let mut best: Option<Commit> = None;
    for c in history(g, head)? {
        let t = c.body.timestamp;
        if t <= timestamp && best.as_ref().is_none_or(|b| t > b.body.timestamp) {
            best = Some(c);
        }
    }
    Ok(best)
}

/// A branch's head commit id.
fn branch_head(g: &MemoryGraph, branch: &str) -> Result<String> {
    g.head(branch)?.ok_or_else(|| Error::NotFound {
        kind: "branch",
        id: branch.to_string(),
    })
}

/// A branch, a tag or a commit id, as a commit id.
fn resolve(g: &MemoryGraph, name: &str) -> Result<String> {
    if let Some(h) = g.head(name)? {
        return Ok(h);
    }
    if let Some(t) = g.tags.get(name) {
        return Ok(t.clone());
    }
    g.commit(name).map(|c| c.id)
}

/// The character of a commit.
fn character_of(g: &MemoryGraph, id: &str) -> Result<Character> {
    let c = g.commit(id)?;
    g.object(&c.body.object)
}

fn no_resolutions(resolutions: &BTreeMap<String, Resolution>) -> Result<()> {
    match resolutions.keys().next() {
        Some(path) => Err(Error::InvalidValue {
            path: path.clone(),
            reason: "a resolution for a path that is not a conflict".into(),
        }),
        None => Ok(()),
    }
}

/// The first validation error of a report, as a refusal.
fn refuse_errors(report: &Report) -> Result<()> {
    match report.issues.iter().find(|i| i.severity == Severity::Error) {
        Some(e) => Err(Error::Refused {
            code: crate::play::static_code(&e.code),
            message: e.message.clone(),
            path: Some(e.path.clone()),
            alternatives: e.suggestion.clone().into_iter().collect(),
        }),
        None => Ok(()),
    }
}

/// Merges `from` (a branch, tag or commit id) into branch `into`: a commit with two parents
/// (`into`'s head first, [`CommitKind::Merge`]) of the [`merge3`] of both heads over their
/// [`merge_base`].
///
/// - Unresolved conflicts are an [`Error::MergeConflicts`]; a merged character with validation
///   errors is refused (the first error's code, message and path) unless `force`.
/// - When `from` already is in `into`'s history, nothing changes and `into`'s head is returned.
/// - When `into`'s head is an ancestor of `from` (a fast-forward), no commit is made: `into`
///   moves to `from`'s head, which is returned (its character is validated the same way).
/// - Histories with no common ancestor are an [`Error::InvalidValue`].
pub fn merge(
    rules: &Rules,
    graph: &mut MemoryGraph,
    into: &str,
    from: &str,
    resolutions: &BTreeMap<String, Resolution>,
    force: bool,
    meta: &CommitMeta,
) -> Result<Commit> {
    let ours = branch_head(graph, into)?;
    let theirs = resolve(graph, from)?;
    let base = if ours == theirs {
        ours.clone()
    } else {
        merge_base(graph, &ours, &theirs)?.ok_or_else(|| Error::InvalidValue {
            path: "from".into(),
            reason: format!("`{from}` shares no history with `{into}`"),
        })?
    };
    if base == theirs {
        no_resolutions(resolutions)?;
        return graph.commit(&ours);
    }
    if base == ours {
        no_resolutions(resolutions)?;
        let c = graph.commit(&theirs)?;
        if !force {
            let ch = graph.object(&c.body.object)?;
            refuse_errors(&validate(rules, &ch, &Profile::default()))?;
        }
        graph.branches.insert(into.to_string(), theirs);
        return Ok(c);
    }
    let b = character_of(graph, &base)?;
    let o = character_of(graph, &ours)?;
    let t = character_of(graph, &theirs)?;
    let merged = merge3(rules, &b, &o, &t, resolutions)?;
    if !merged.conflicts.is_empty() {
        return Err(Error::MergeConflicts {
            conflicts: merged.conflicts,
        });
    }
    if !force {
        refuse_errors(&merged.report)?;
    }
    graph.commit_on(
        into,
        Some(&ours),
        &merged.character,
        CommitKind::Merge,
        &[theirs],
        meta,
    )
}

/// Checks out `version` (a tag or commit id) onto `branch` as a new commit
/// ([`CommitKind::Restore`], parent = the branch's head): history is kept, not rewound.
pub fn restore(
    graph: &mut MemoryGraph,
    branch: &str,
    version: &str,
    meta: &CommitMeta,
) -> Result<Commit> {
    let head = branch_head(graph, branch)?;
    let ch = character_of(graph, &resolve(graph, version)?)?;
    graph.commit_on(branch, Some(&head), &ch, CommitKind::Restore, &[], meta)
}

/// What a cherry-pick or revert applies: the changes from `base` to `theirs`.
struct Apply {
    base: Character,
    theirs: Character,
    kind: CommitKind,
}

/// The commit and its first parent's character.
fn with_parent(g: &MemoryGraph, commit: &str) -> Result<(Character, Character)> {
    let c = g.commit(&resolve(g, commit)?)?;
    let parent = c.body.parents.first().ok_or_else(|| Error::InvalidValue {
        path: "commit".into(),
        reason: format!("version `{}` has no parent to compare with", c.id),
    })?;
    Ok((g.object(&c.body.object)?, character_of(g, parent)?))
}

/// Applies `commit`'s changes (from its first parent to it) on `branch`: a three-way merge with
/// base = the first parent, ours = the head, theirs = the commit ([`CommitKind::CherryPick`],
/// one parent). Refused when unresolved conflicts remain, or when the result has more
/// validation errors of some code than the head (see [`crate::play::guard`]).
pub fn cherry_pick(
    rules: &Rules,
    graph: &mut MemoryGraph,
    branch: &str,
    commit: &str,
    resolutions: &BTreeMap<String, Resolution>,
    meta: &CommitMeta,
) -> Result<Commit> {
    let (picked, parent) = with_parent(graph, commit)?;
    let apply = Apply {
        base: parent,
        theirs: picked,
        kind: CommitKind::CherryPick,
    };
    apply_on(rules, graph, branch, &apply, resolutions, meta)
}

/// Undoes `commit`'s changes on `branch`: a three-way merge with base = the commit, ours = the
/// head, theirs = its first parent ([`CommitKind::Revert`], one parent), refused like
/// [`cherry_pick`].
pub fn revert(
    rules: &Rules,
    graph: &mut MemoryGraph,
    branch: &str,
    commit: &str,
    resolutions: &BTreeMap<String, Resolution>,
    meta: &CommitMeta,
) -> Result<Commit> {
    let (reverted, parent) = with_parent(graph, commit)?;
    let apply = Apply {
        base: reverted,
        theirs: parent,
        kind: CommitKind::Revert,
    };
    apply_on(rules, graph, branch, &apply, resolutions, meta)
}

fn apply_on(
    rules: &Rules,
    graph: &mut MemoryGraph,
    branch: &str,
    apply: &Apply,
    resolutions: &BTreeMap<String, Resolution>,
    meta: &CommitMeta,
) -> Result<Commit> {
    let head = branch_head(graph, branch)?;
    let ours = character_of(graph, &head)?;
    let merged = merge3(rules, &apply.base, &ours, &apply.theirs, resolutions)?;
    if !merged.conflicts.is_empty() {
        return Err(Error::MergeConflicts {
            conflicts: merged.conflicts,
        });
    }
    crate::play::guard(rules, &ours, &merged.character)?;
    graph.commit_on(
        branch,
        Some(&head),
        &merged.character,
        apply.kind,
        &[],
        meta,
    )
}
