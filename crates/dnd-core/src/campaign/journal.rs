//! Character journals: session logs, notes and milestones with XP awards, quest progress, NPC
//! standing changes and achievements, and the summary they add up to.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// What kind of entry.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// What happened in a session (written by `session record`).
    SessionLog,
    #[default]
    Note,
    /// A milestone; with `milestone_level` it grants that level under milestone advancement.
    Milestone,
}

/// XP given to a character: more than 0, with a source and a reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct XpAward {
    pub amount: u32,
    /// What it was for: an encounter, a chapter, a quest (`goblin-ambush`).
    pub source: String,
    #[serde(default)]
    pub reason: String,
}

/// Where a quest stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum QuestState {
    #[default]
    Active,
    Completed,
    Failed,
}

/// A quest's state and progress (0 to 100 %) as of an entry.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct QuestUpdate {
    pub quest: String,
    pub title: String,
    pub state: QuestState,
    pub progress: u8,
}

/// A change of standing with an NPC (−100..=100 in total).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct StandingChange {
    pub npc: String,
    pub delta: i32,
    pub note: String,
}

/// One journal entry of one character.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct JournalEntry {
    /// Given by the store (`seq` order); empty until stored.
    pub id: String,
    /// The character id (`ch_…`).
    pub character: String,
    pub kind: EntryKind,
    /// The session number, for a session log.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session: Option<u32>,
    /// The in-game day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub day: Option<u32>,
    pub title: String,
    pub text: String,
    pub xp: Vec<XpAward>,
    pub quests: Vec<QuestUpdate>,
    pub standing: Vec<StandingChange>,
    pub achievements: Vec<String>,
    /// A milestone that brings the character to this level (milestone advancement).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub milestone_level: Option<u8>,
    /// Milliseconds since the Unix epoch (given by the caller).
    pub timestamp: i64,
}

impl JournalEntry {
    /// The XP this entry awards.
    pub fn xp_total(&self) -> u64 {
        self.xp.iter().map(|x| u64::from(x.amount)).sum()
    }
}

/// Checks an entry: a character, XP awards above 0 with a source, progress up to 100, standing
/// changes within −200..=200 on a named NPC, a milestone level of 1 to 20.
pub fn check_entry(e: &JournalEntry) -> Result<()> {
    if e.character.is_empty() {
        return Err(Error::InvalidValue {
            path: "/character".into(),
            reason: "a journal entry needs a character".into(),
        });
    }
    for (i, x) in e.xp.iter().enumerate() {
        if x.amount == 0 {
            return Err(Error::OutOfRange {
                path: format!("/xp/{i}/amount"),
                value: 0,
                min: 1,
                max: i64::from(u32::MAX),
            });
        }
        if x.source.trim().is_empty() {
            return Err(Error::InvalidValue {
                path: format!("/xp/{i}/source"),
                reason: "an XP award needs a source".into(),
            });
        }
    }
    for (i, q) in e.quests.iter().enumerate() {
        if q.quest.is_empty() {
            return Err(Error::InvalidValue {
                path: format!("/quests/{i}/quest"),
                reason: "a quest update needs a quest id".into(),
            });
        }
        if q.progress > 100 {
            return Err(Error::OutOfRange {
                path: format!("/quests/{i}/progress"),
                value: i64::from(q.progress),
                min: 0,
                max: 100,
            });
        }
    }
    for (i, s) in e.standing.iter().enumerate() {
        if s.npc.is_empty() {
            return Err(Error::InvalidValue {
                path: format!("/standing/{i}/npc"),
                reason: "a standing change needs an NPC".into(),
            });
        }
        if !(-200..=200).contains(&s.delta) {
            return Err(Error::OutOfRange {
                path: format!("/standing/{i}/delta"),
                value: i64::from(s.delta),
                min: -200,
                max: 200,
            });
        }
    }
    if let Some(l) = e.milestone_level
        && !(1..=20).contains(&l)
    {
        return Err(Error::OutOfRange {
            path: "/milestone_level".into(),
            value: i64::from(l),
            min: 1,
            max: 20,
        });
    }
    Ok(())
}

/// What a character's journal adds up to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct JournalSummary {
    pub character: String,
    pub entries: usize,
    /// XP awarded through the journal.
    pub xp: u64,
    /// Each quest's latest update.
    pub quests: BTreeMap<String, QuestUpdate>,
    /// Each NPC's summed standing change.
    pub standing: BTreeMap<String, i32>,
    pub achievements: Vec<String>,
    /// The highest milestone level reached.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub milestone_level: Option<u8>,
}

/// Adds up a character's entries (in the order given, oldest first).
pub fn summarize(character: &str, entries: &[JournalEntry]) -> JournalSummary {
    let mut s = JournalSummary {
        character: character.to_string(),
        ..Default::default()
    };
    for e in entries.iter().filter(|e| e.character == character) {
        s.entries += 1;
        s.xp += e.xp_total();
        for q in &e.quests {
            s.quests.insert(q.quest.clone(), q.clone());
        }
        for d in &e.standing {
            let v = s.standing.entry(d.npc.clone()).or_default();
            *v = (*v + d.delta).clamp(-100, 100);
        }
        for a in &e.achievements {
            if !s.achievements.contains(a) {
                s.achievements.push(a.clone());
            }
        }
        s.milestone_level = s.milestone_level.max(e.milestone_level);
    }
    s
}
