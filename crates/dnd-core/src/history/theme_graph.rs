//! Themes over the version graph: committing a transition, rolling it back, walking a
//! version's lineage, and the variants of a root item.

use std::collections::HashSet;

use super::commit::{Commit, CommitKind, CommitMeta};
use super::graph::{Graph, MemoryGraph};
use super::theme::Variant;
use super::theme_apply::transition;
use crate::error::{Error, Result};
use crate::model::Character;
use crate::play::refuse;
use crate::rules::Rules;

/// Provenance key naming the theme a theme commit leaves the character in (empty: none).
pub const PROVENANCE_THEME_TO: &str = "theme.to";
/// Provenance key naming the theme a theme commit started from (empty: none).
pub const PROVENANCE_THEME_FROM: &str = "theme.from";

/// The versions from `head` back to the root commit along first parents, `head` first.
pub fn lineage(g: &impl Graph, head: &str) -> Result<Vec<Commit>> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let mut at = Some(head.to_string());
    while let Some(id) = at {
        if !seen.insert(id.clone()) {
            return Err(Error::InvalidValue {
                path: "parents".into(),
                reason: format!("version `{id}` is its own ancestor"),
            });
        }
        let c = g.commit(&id)?;
        at = c.body.parents.first().cloned();
        out.push(c);
    }
    Ok(out)
}

/// Every themed variant of a root item, as `(theme id, variant)` in load order; each variant's
/// `id` is filled in with its stable id.
pub fn variants(rules: &Rules, item_root: &str) -> Vec<(String, Variant)> {
    rules
        .themes
        .all()
        .iter()
        .filter_map(|t| {
            t.replacement(item_root).map(|r| {
                let mut v = r.variant.clone();
                v.id = Some(r.variant_id(&t.id));
                (t.id.clone(), v)
            })
        })
        .collect()
}

fn head_of(graph: &impl Graph, branch: &str) -> Result<(Commit, Character)> {
    let id = graph.head(branch)?.ok_or_else(|| Error::NotFound {
        kind: "branch",
        id: branch.to_string(),
    })?;
    let c = graph.commit(&id)?;
    let ch = graph.object(&c.body.object)?;
    Ok((c, ch))
}

fn theme_label(ch: &Character) -> String {
    ch.theme.as_ref().map(|t| t.id.clone()).unwrap_or_default()
}

/// Moves the head character of `branch` to `theme` (`None`: no theme) and commits the result
/// there (kind [`CommitKind::Theme`], parent the previous head, which must not move meanwhile).
/// An empty message becomes the transition's summary; provenance records the themes.
pub fn apply_theme(
    rules: &Rules,
    graph: &mut MemoryGraph,
    branch: &str,
    theme: Option<&str>,
    meta: &CommitMeta,
) -> Result<Commit> {
    let (head, ch) = head_of(graph, branch)?;
    let out = transition(rules, &ch, theme)?;
    let mut meta = meta.clone();
    if meta.message.is_empty() {
        meta.message = out.summary.clone();
    }
    meta.provenance
        .insert(PROVENANCE_THEME_FROM.into(), theme_label(&ch));
    meta.provenance
        .insert(PROVENANCE_THEME_TO.into(), theme_label(&out.character));
    graph.commit_on(
        branch,
        Some(&head.id),
        &out.character,
        CommitKind::Theme,
        &[],
        &meta,
    )
}

/// Undoes the theme transition at the head of `branch` by committing its parent's character
/// again (kind [`CommitKind::Theme`], message `rollback of …`). Refused with
/// `theme.rollback.unavailable` when the head is not a theme commit, has no parent, or the
/// character no longer wears the theme that commit put on.
pub fn rollback_transition(
    graph: &mut MemoryGraph,
    branch: &str,
    meta: &CommitMeta,
) -> Result<Commit> {
    let (head, ch) = head_of(graph, branch)?;
    let unavailable = |why: String| {
        refuse(
            "theme.rollback.unavailable",
            why,
            Some("branch".into()),
            vec![],
        )
    };
    if head.body.kind != CommitKind::Theme {
        return Err(unavailable(format!(
            "the head of `{branch}` is not a theme transition"
        )));
    }
    if let Some(to) = head.body.provenance.get(PROVENANCE_THEME_TO) {
        if *to != theme_label(&ch) {
            return Err(unavailable(format!(
                "the character no longer wears the theme `{to}` the transition put on"
            )));
        }
    }
    let Some(parent) = head.body.parents.first() else {
        return Err(unavailable("the transition has no previous version".into()));
    };
    let before = graph.object(&graph.commit(parent)?.body.object)?;
    let mut meta = meta.clone();
    let short: String = head.id.chars().take(12).collect();
    meta.message = if meta.message.is_empty() {
        format!("rollback of {short}: {}", head.body.message)
    } else {
        format!("rollback of {short}: {}", meta.message)
    };
    meta.provenance
        .insert(PROVENANCE_THEME_FROM.into(), theme_label(&ch));
    meta.provenance
        .insert(PROVENANCE_THEME_TO.into(), theme_label(&before));
    meta.provenance
        .insert("rollback_of".into(), head.id.clone());
    graph.commit_on(
        branch,
        Some(&head.id),
        &before,
        CommitKind::Theme,
        &[],
        &meta,
    )
}
