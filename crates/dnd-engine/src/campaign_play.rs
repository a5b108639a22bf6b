//! Verbs: sessions, journals, XP awards, campaign events on characters and their reversion.
//! Each is one store transaction: the campaign version, the journal entries, the character
//! versions and the reversion records are written together or not at all.

use std::collections::BTreeMap;

use dnd_core::campaign::impacts::{Impact, apply_impacts};
use dnd_core::campaign::journal::{JournalEntry, JournalSummary, XpAward, check_entry, summarize};
use dnd_core::campaign::progress::{LevelUpSuggestion, Progress, progress};
use dnd_core::campaign::sessions::{Session, record_session};
use dnd_core::history::{self as h, Graph, content_id};
use dnd_core::model::Character;
use dnd_store::{CampaignSave, CampaignStep, Reversion, SaveRequest, Saved, Store};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::engine::Engine;
use crate::error::{EngineError, Result};

/// What recording a session, adding a journal entry or awarding XP wrote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Recorded {
    /// The new campaign version (for a session).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The journal entries, with their ids.
    pub journal: Vec<JournalEntry>,
    /// The character versions that got XP: `(character, version, reversion id)`.
    pub characters: Vec<(String, String, String)>,
    /// Characters that now have the XP (or milestone) for a higher level.
    pub suggestions: Vec<LevelUpSuggestion>,
}

/// A character's journal and what it adds up to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct JournalView {
    pub entries: Vec<JournalEntry>,
    pub summary: JournalSummary,
}

impl Engine {
    /// Records a session: the campaign gets a new version (chapters in progress, plot branches
    /// settled, calendar moved, standings changed), each attendee a journal entry, and each
    /// character its XP as a new character version with a reversion record.
    pub fn session_record(&self, id: &str, branch: &str, session: &Session) -> Result<Recorded> {
        let (mut c, head) = self.campaign(id, Some(branch))?;
        let entries = record_session(&mut c, session.clone(), self.now())?;
        let msg = format!("session {}", session.number);
        self.write_entries(id, Some((&c, branch, &head.id)), &entries, &msg)
    }

    /// Adds a journal entry; its XP awards (if any) are applied to the character at once.
    pub fn journal_add(&self, id: &str, entry: &JournalEntry) -> Result<Recorded> {
        let (c, _) = self.campaign(id, None)?;
        let mut e = entry.clone();
        e.id.clear();
        if e.timestamp == 0 {
            e.timestamp = self.now();
        }
        check_entry(&e)?;
        if !c.characters().any(|x| x == e.character) {
            return Err(dnd_core::Error::NotFound {
                kind: "campaign entry",
                id: format!("character {}", e.character),
            }
            .into());
        }
        self.write_entries(id, None, std::slice::from_ref(&e), "journal entry")
    }

    /// Awards XP to characters of the campaign: a journal entry and a new version each.
    pub fn xp_award(
        &self,
        id: &str,
        characters: &[String],
        amount: u32,
        source: &str,
        reason: &str,
    ) -> Result<Recorded> {
        let (c, _) = self.campaign(id, None)?;
        let mut entries = Vec::new();
        for ch in characters {
            let e = JournalEntry {
                character: ch.clone(),
                title: format!("{amount} XP"),
                xp: vec![XpAward {
                    amount,
                    source: source.into(),
                    reason: reason.into(),
                }],
                timestamp: self.now(),
                ..Default::default()
            };
            check_entry(&e)?;
            if !c.characters().any(|x| x == ch) {
                return Err(dnd_core::Error::NotFound {
                    kind: "campaign entry",
                    id: format!("character {ch}"),
                }
                .into());
            }
            entries.push(e);
        }
        self.write_entries(id, None, &entries, &format!("{amount} XP from {source}"))
    }

    /// A character's journal in a campaign (every character's when `None`) and its summary.
    pub fn journal(&self, id: &str, character: Option<&str>) -> Result<JournalView> {
        let entries = self.store.journal(id, character)?;
        let who = character.unwrap_or_default();
        Ok(JournalView {
            summary: summarize(who, &entries),
            entries,
        })
    }

    /// Where a character stands: level, XP, the next threshold and any level-up suggestion.
    pub fn progress(&self, id: &str, character: &str) -> Result<Progress> {
        let (c, _) = self.campaign(id, None)?;
        let (ch, _) = self.store.load(character, "main")?;
        let milestone =
            summarize(character, &self.store.journal(id, Some(character))?).milestone_level;
        Ok(progress(&self.rules, &ch, c.advancement, milestone)?)
    }

    /// Applies a campaign event's impacts to a character as a new version on `main`, with a
    /// reversion record; gives the record.
    pub fn campaign_event(
        &self,
        id: &str,
        character: &str,
        event: &str,
        impacts: &[Impact],
    ) -> Result<Reversion> {
        self.campaign(id, None)?;
        let (ch, head) = self.store.load(character, "main")?;
        let applied = apply_impacts(&self.rules, &ch, impacts)?;
        let r = self.reversion(id, character, event, impacts, &head.id, applied.changes)?;
        let meta = self.meta(&format!("campaign event: {event}"));
        let req = [SaveRequest {
            owner: &self.actor,
            character: &applied.character,
            branch: "main",
            expected_head: Some(&head.id),
            meta: &meta,
        }];
        let w = self.store.campaign_step(CampaignStep {
            campaign_id: id,
            characters: &req,
            reversions: vec![Some(r)],
            actor: &self.actor,
            ..Default::default()
        })?;
        w.reversions
            .into_iter()
            .next()
            .ok_or_else(|| EngineError::Document {
                kind: "reversion",
                id: id.into(),
                reason: "the store wrote no reversion record".into(),
            })
    }

    /// Reverts a campaign event: the changes it made are undone on the character's branch (a
    /// three-way revert, so later unrelated changes stay), restoring the exact prior values.
    pub fn campaign_event_revert(&self, reversion: &str) -> Result<Saved> {
        let r = self.store.reversion(reversion)?;
        if r.reverted.is_some() {
            return Err(dnd_core::Error::Refused {
                code: "campaign.event.reverted",
                message: format!("campaign event {} is reverted already", r.id),
                path: None,
                alternatives: vec![],
            }
            .into());
        }
        let mut g = self.memory(&r.character)?;
        let before = g.head(&r.branch)?;
        let meta = self.meta(&format!("revert campaign event: {}", r.event));
        let c = h::revert(
            &self.rules,
            &mut g,
            &r.branch,
            &r.after,
            &BTreeMap::new(),
            &meta,
        )?;
        let ch: Character = g.object(&c.body.object)?;
        let req = SaveRequest {
            owner: &self.actor,
            character: &ch,
            branch: &r.branch,
            expected_head: before.as_deref(),
            meta: &meta,
        };
        Ok(self.store.revert_step(&r, &req, &self.actor)?)
    }

    /// The reversion records of a campaign.
    pub fn campaign_events(&self, id: &str) -> Result<Vec<Reversion>> {
        Ok(self.store.reversions(id)?)
    }

    fn reversion(
        &self,
        id: &str,
        character: &str,
        event: &str,
        impacts: &[Impact],
        before: &str,
        changes: h::Diff,
    ) -> Result<Reversion> {
        let created = self.now();
        let seed = serde_json::json!([id, character, event, before, created]);
        Ok(Reversion {
            id: format!("rv_{}", &content_id(&seed)?[..12]),
            campaign: id.into(),
            character: character.into(),
            branch: "main".into(),
            event: event.into(),
            impacts: impacts.to_vec(),
            before: before.into(),
            after: String::new(),
            changes,
            created,
            reverted: None,
            revert_version: None,
        })
    }

    /// Writes journal entries (and a campaign version), applying each entry's XP to its
    /// character, in one transaction; then the level-up suggestions.
    fn write_entries(
        &self,
        id: &str,
        save: Option<(&dnd_core::campaign::Campaign, &str, &str)>,
        entries: &[JournalEntry],
        message: &str,
    ) -> Result<Recorded> {
        let (c, _) = match save {
            Some((c, _, _)) => (c.clone(), ()),
            None => (self.campaign(id, None)?.0, ()),
        };
        let meta = self.meta(message);
        let mut chars: Vec<(Character, String)> = Vec::new();
        let mut reversions = Vec::new();
        for e in entries.iter().filter(|e| e.xp_total() > 0) {
            let amount = u32::try_from(e.xp_total()).unwrap_or(u32::MAX);
            let (ch, head) = self.store.load(&e.character, "main")?;
            let impacts = [Impact::Xp { amount }];
            let applied = apply_impacts(&self.rules, &ch, &impacts)?;
            reversions.push(Some(self.reversion(
                id,
                &e.character,
                message,
                &impacts,
                &head.id,
                applied.changes,
            )?));
            chars.push((applied.character, head.id));
        }
        let reqs: Vec<SaveRequest<'_>> = chars
            .iter()
            .map(|(ch, head)| SaveRequest {
                owner: &self.actor,
                character: ch,
                branch: "main",
                expected_head: Some(head),
                meta: &meta,
            })
            .collect();
        let w = self.store.campaign_step(CampaignStep {
            campaign_id: id,
            save: save.map(|(c, branch, head)| CampaignSave {
                campaign: c,
                branch,
                expected_head: Some(head),
                meta: &meta,
            }),
            journal: entries,
            characters: &reqs,
            reversions,
            actor: &self.actor,
        })?;
        let mut suggestions = Vec::new();
        let mut seen = Vec::new();
        for e in entries {
            if seen.contains(&&e.character) {
                continue;
            }
            seen.push(&e.character);
            let (ch, _) = self.store.load(&e.character, "main")?;
            let milestone = summarize(&e.character, &self.store.journal(id, Some(&e.character))?)
                .milestone_level;
            if let Some(s) = progress(&self.rules, &ch, c.advancement, milestone)?.suggestion {
                suggestions.push(s);
            }
        }
        Ok(Recorded {
            version: w.campaign.map(|s| s.version),
            journal: w.journal,
            characters: w
                .characters
                .into_iter()
                .zip(w.reversions)
                .map(|(s, r)| (s.id, s.version, r.id))
                .collect(),
            suggestions,
        })
    }
}
