//! Chapters and their prerequisites: a DAG. Adding a chapter or a prerequisite that closes a
//! cycle is refused (`campaign.chapter.cycle`, with the cycle), ids are unique
//! (`campaign.chapter.duplicate`), a chapter others depend on cannot be removed
//! (`campaign.chapter.required`), and [`play_order`] gives a topological order.

use std::collections::{BTreeMap, BTreeSet};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::model::{Campaign, LevelRange, check_id};
use crate::error::{Error, Result};
use crate::play::refuse;

/// What a chapter is for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChapterKind {
    Intro,
    #[default]
    Story,
    SideQuest,
    BossBattle,
    Finale,
}

/// Where a chapter is in play.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChapterState {
    #[default]
    Draft,
    Ready,
    InProgress,
    Completed,
}

/// An objective of a chapter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Objective {
    pub text: String,
    #[serde(default)]
    pub done: bool,
    /// Optional objectives do not block completing the chapter.
    #[serde(default)]
    pub optional: bool,
}

/// An encounter planned in a chapter: creature ids and counts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct PlannedEncounter {
    pub name: String,
    /// Creature id → how many.
    pub creatures: BTreeMap<String, u32>,
}

/// A reward handed out in a chapter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Reward {
    /// XP for each character.
    pub xp: u32,
    /// Item ids.
    pub items: Vec<String>,
    /// Gold pieces for the party.
    pub gold: u32,
    pub note: String,
}

/// One chapter of a campaign.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Chapter {
    /// Unique within the campaign (`a-z 0-9 - _`).
    pub id: String,
    pub title: String,
    pub kind: ChapterKind,
    pub state: ChapterState,
    pub summary: String,
    pub objectives: Vec<Objective>,
    pub encounters: Vec<PlannedEncounter>,
    /// NPC ids.
    pub npcs: Vec<String>,
    /// Location ids.
    pub locations: Vec<String>,
    pub rewards: Vec<Reward>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level_range: Option<LevelRange>,
    /// Chapter ids that must come first.
    pub prerequisites: Vec<String>,
}

/// A chapter's place in the play order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct OrderedChapter {
    /// 1-based position.
    pub position: usize,
    pub id: String,
    pub title: String,
    /// Its depth in the DAG: 0 for a chapter without prerequisites.
    pub depth: usize,
}

/// Adds a chapter: its id must be new, its prerequisites must exist and must not close a cycle.
pub fn add_chapter(c: &mut Campaign, chapter: Chapter) -> Result<()> {
    check_id("/chapters/-/id", &chapter.id)?;
    if c.chapter(&chapter.id).is_some() {
        return Err(refuse(
            "campaign.chapter.duplicate",
            format!("a chapter `{}` exists already", chapter.id),
            Some("/chapters/-/id".into()),
            vec!["choose another id".into()],
        ));
    }
    for p in &chapter.prerequisites {
        if p != &chapter.id && c.chapter(p).is_none() {
            return Err(unknown(p, "/chapters/-/prerequisites"));
        }
    }
    let mut next = c.chapters.clone();
    next.push(chapter);
    if let Some(cycle) = find_cycle(&next) {
        return Err(cycle_error(&cycle));
    }
    c.chapters = next;
    Ok(())
}

/// Makes `chapter` require `prerequisite` (refused when it would close a cycle).
pub fn require(c: &mut Campaign, chapter: &str, prerequisite: &str) -> Result<()> {
    let mut next = c.chapters.clone();
    if next.iter().all(|x| x.id != prerequisite) {
        return Err(unknown(prerequisite, "prerequisite"));
    }
    let ch = next
        .iter_mut()
        .find(|x| x.id == chapter)
        .ok_or_else(|| unknown(chapter, "chapter"))?;
    if !ch.prerequisites.iter().any(|p| p == prerequisite) {
        ch.prerequisites.push(prerequisite.to_string());
    }
    if let Some(cycle) = find_cycle(&next) {
        return Err(cycle_error(&cycle));
    }
    c.chapters = next;
    Ok(())
}

/// Removes a chapter no other chapter requires (and drops it from plot arcs).
pub fn remove_chapter(c: &mut Campaign, id: &str) -> Result<Chapter> {
    let pos = c
        .chapters
        .iter()
        .position(|x| x.id == id)
        .ok_or_else(|| unknown(id, "chapter"))?;
    let dependents: Vec<String> = c
        .chapters
        .iter()
        .filter(|x| x.prerequisites.iter().any(|p| p == id))
        .map(|x| x.id.clone())
        .collect();
    if !dependents.is_empty() {
        return Err(refuse(
            "campaign.chapter.required",
            format!(
                "chapter `{id}` is a prerequisite of {}",
                dependents.join(", ")
            ),
            Some(format!("/chapters/{pos}")),
            dependents
                .iter()
                .map(|d| format!("remove `{id}` from the prerequisites of `{d}` first"))
                .collect(),
        ));
    }
    for p in &mut c.plots {
        p.arc.retain(|x| x != id);
    }
    Ok(c.chapters.remove(pos))
}

/// The chapters in a play order: every chapter after its prerequisites; among chapters whose
/// prerequisites are met, the one listed first in the campaign comes first. A cycle (possible
/// only in a hand-edited file) is refused with `campaign.chapter.cycle`; an unknown
/// prerequisite is ignored here (validation reports it).
pub fn play_order(chapters: &[Chapter]) -> Result<Vec<OrderedChapter>> {
    if let Some(cycle) = find_cycle(chapters) {
        return Err(cycle_error(&cycle));
    }
    let index: BTreeMap<&str, usize> = chapters
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let mut missing: Vec<usize> = chapters
        .iter()
        .map(|c| {
            c.prerequisites
                .iter()
                .filter(|p| index.contains_key(p.as_str()))
                .collect::<BTreeSet<_>>()
                .len()
        })
        .collect();
    let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); chapters.len()];
    for (i, c) in chapters.iter().enumerate() {
        let pre: BTreeSet<&str> = c.prerequisites.iter().map(String::as_str).collect();
        for p in pre {
            if let Some(&j) = index.get(p) {
                dependents[j].push(i);
            }
        }
    }
    let mut depth = vec![0usize; chapters.len()];
    let mut ready: BTreeSet<usize> = (0..chapters.len()).filter(|&i| missing[i] == 0).collect();
    let mut out = Vec::with_capacity(chapters.len());
    while let Some(i) = ready.pop_first() {
        out.push(OrderedChapter {
            position: out.len() + 1,
            id: chapters[i].id.clone(),
            title: chapters[i].title.clone(),
            depth: depth[i],
        });
        for &d in &dependents[i] {
            depth[d] = depth[d].max(depth[i] + 1);
            missing[d] -= 1;
            if missing[d] == 0 {
                ready.insert(d);
            }
        }
    }
    Ok(out)
}

/// A cycle among the chapters' prerequisites, as the chapter ids around it (the first repeated
/// at the end), or `None`.
pub fn find_cycle(chapters: &[Chapter]) -> Option<Vec<String>> {
    let index: BTreeMap<&str, usize> = chapters
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    // 0 = unseen, 1 = on the stack, 2 = done. Iterative DFS with an explicit path.
    let mut mark = vec![0u8; chapters.len()];
    for start in 0..chapters.len() {
        if mark[start] != 0 {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        mark[start] = 1;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            let pre = &chapters[node].prerequisites;
            if *next < pre.len() {
                let p = &pre[*next];
                *next += 1;
                let Some(&j) = index.get(p.as_str()) else {
                    continue;
                };
                match mark[j] {
                    0 => {
                        mark[j] = 1;
                        stack.push((j, 0));
                    }
                    1 => {
                        let from = stack.iter().position(|(n, _)| *n == j).unwrap_or(0);
                        // The path runs chapter → prerequisite; print it in play order.
                        let mut ids: Vec<String> = stack[from..]
                            .iter()
                            .map(|(n, _)| chapters[*n].id.clone())
                            .collect();
                        ids.reverse();
                        ids.push(ids[0].clone());
                        return Some(ids);
                    }
                    _ => {}
                }
            } else {
                mark[node] = 2;
                stack.pop();
            }
        }
    }
    None
}

fn cycle_error(cycle: &[String]) -> Error {
    refuse(
        "campaign.chapter.cycle",
        format!(
            "chapter prerequisites would form a cycle: {}",
            cycle.join(" → ")
        ),
        Some("/chapters".into()),
        vec!["drop one of the prerequisites in the cycle".into()],
    )
}

fn unknown(id: &str, _what: &str) -> Error {
    Error::NotFound {
        kind: "chapter",
        id: id.to_string(),
    }
}
