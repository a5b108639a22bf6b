//! Sessions: what was played, who came, what was decided, and the notes that push XP, quest
//! progress and NPC standing into each character's journal.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::chapters::ChapterState;
use super::journal::{EntryKind, JournalEntry, QuestUpdate, StandingChange, XpAward, check_entry};
use super::model::Campaign;
use super::npcs::shift_standing;
use crate::error::{Error, Result};
use crate::play::refuse;

/// A decision the players made, and what follows from it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct SessionDecision {
    pub text: String,
    pub consequences: Vec<String>,
    /// The plot branch it settles: `plot` id, `branch` id and the index of the choice taken.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plot: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub branch: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub choice: Option<usize>,
}

/// What a session gives one character: XP, quest progress, standing changes, achievements.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct CharacterNote {
    pub character: String,
    pub xp: Vec<XpAward>,
    pub quests: Vec<QuestUpdate>,
    pub standing: Vec<StandingChange>,
    pub achievements: Vec<String>,
    pub text: String,
}

/// One session at the table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Session {
    /// 1, 2, 3… unique in the campaign.
    pub number: u32,
    /// The real-world date (`2026-12-01`).
    pub date: String,
    /// The in-game day it ended on (moves the campaign calendar forward).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub day: Option<u32>,
    /// Chapter ids played.
    pub chapters: Vec<String>,
    /// Character ids present.
    pub attendees: Vec<String>,
    pub decisions: Vec<SessionDecision>,
    pub notes: String,
    /// XP awarded to every attendee (added to each character's note).
    pub party_xp: Vec<XpAward>,
    pub characters: Vec<CharacterNote>,
}

/// Records a session: checks it, marks the chapters played as in progress, settles the plot
/// branches its decisions name, moves the calendar, applies standing changes to the
/// relationship graph, and gives each attendee (and each character with a note) a session-log
/// journal entry. Returns those entries (the caller stores them and applies the XP).
pub fn record_session(c: &mut Campaign, s: Session, timestamp: i64) -> Result<Vec<JournalEntry>> {
    if s.number == 0 {
        return Err(Error::OutOfRange {
            path: "/number".into(),
            value: 0,
            min: 1,
            max: i64::from(u32::MAX),
        });
    }
    if c.sessions.iter().any(|x| x.number == s.number) {
        return Err(refuse(
            "campaign.session.duplicate",
            format!("session {} is recorded already", s.number),
            Some("/number".into()),
            vec![format!(
                "use number {}",
                c.sessions.iter().map(|x| x.number).max().unwrap_or(0) + 1
            )],
        ));
    }
    let mut next = c.clone();
    for (i, id) in s.chapters.iter().enumerate() {
        let ch = next
            .chapters
            .iter_mut()
            .find(|x| &x.id == id)
            .ok_or_else(|| Error::NotFound {
                kind: "chapter",
                id: format!("{id} (/chapters/{i})"),
            })?;
        if matches!(ch.state, ChapterState::Draft | ChapterState::Ready) {
            ch.state = ChapterState::InProgress;
        }
    }
    let known: Vec<String> = next.characters().map(str::to_string).collect();
    for (i, a) in s
        .attendees
        .iter()
        .chain(s.characters.iter().map(|n| &n.character))
        .enumerate()
    {
        if !known.contains(a) {
            return Err(Error::NotFound {
                kind: "campaign entry",
                id: format!("character {a} (attendee {i}); add it to a player first"),
            });
        }
    }
    for (i, d) in s.decisions.iter().enumerate() {
        settle(&mut next, d, i)?;
    }
    if let Some(day) = s.day {
        next.calendar.day = next.calendar.day.max(day);
    }
    // One entry per attendee, then per other character with a note.
    let mut who: Vec<&str> = s.attendees.iter().map(String::as_str).collect();
    for n in &s.characters {
        if !who.contains(&n.character.as_str()) {
            who.push(&n.character);
        }
    }
    let mut entries = Vec::new();
    for ch in who {
        let mut e = JournalEntry {
            character: ch.to_string(),
            kind: EntryKind::SessionLog,
            session: Some(s.number),
            day: s.day,
            title: format!("Session {}", s.number),
            text: s.notes.clone(),
            timestamp,
            ..Default::default()
        };
        if s.attendees.iter().any(|a| a == ch) {
            e.xp.extend(s.party_xp.iter().cloned());
        }
        for n in s.characters.iter().filter(|n| n.character == ch) {
            e.xp.extend(n.xp.iter().cloned());
            e.quests.extend(n.quests.iter().cloned());
            e.standing.extend(n.standing.iter().cloned());
            e.achievements.extend(n.achievements.iter().cloned());
            if !n.text.is_empty() {
                e.text = if e.text.is_empty() {
                    n.text.clone()
                } else {
                    format!("{}\n{}", e.text, n.text)
                };
            }
        }
        check_entry(&e)?;
        for d in &e.standing {
            shift_standing(&mut next, ch, &d.npc, d.delta)?;
        }
        entries.push(e);
    }
    next.sessions.push(s);
    next.sessions.sort_by_key(|x| x.number);
    *c = next;
    Ok(entries)
}

fn settle(c: &mut Campaign, d: &SessionDecision, i: usize) -> Result<()> {
    let (Some(plot), Some(branch)) = (&d.plot, &d.branch) else {
        return Ok(());
    };
    let path = format!("/decisions/{i}");
    let p = find_plot(&mut c.plots, plot).ok_or_else(|| Error::NotFound {
        kind: "campaign entry",
        id: format!("plot {plot} ({path})"),
    })?;
    let b = p
        .branches
        .iter_mut()
        .find(|b| &b.id == branch)
        .ok_or_else(|| Error::NotFound {
            kind: "campaign entry",
            id: format!("plot branch {branch} ({path})"),
        })?;
    if let Some(k) = d.choice
        && k >= b.choices.len()
    {
        return Err(Error::OutOfRange {
            path: format!("{path}/choice"),
            value: k as i64,
            min: 0,
            max: b.choices.len() as i64 - 1,
        });
    }
    b.explored = true;
    b.chosen = d.choice;
    Ok(())
}

fn find_plot<'a>(
    plots: &'a mut [super::plots::Plot],
    id: &str,
) -> Option<&'a mut super::plots::Plot> {
    for p in plots {
        if p.id == id {
            return Some(p);
        }
        if let Some(x) = find_plot(&mut p.subplots, id) {
            return Some(x);
        }
    }
    None
}
