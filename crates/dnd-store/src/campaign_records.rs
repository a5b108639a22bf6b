//! The campaign records beside its versions: merge requests, journal entries, the reversion
//! records of campaign events, and [`CampaignStep`]: one transaction that writes a campaign
//! version, journal entries, character versions and their reversion records together (a
//! recorded session awarding XP is all written or none of it).

use dnd_core::campaign::MergeRequest;
use dnd_core::campaign::impacts::Impact;
use dnd_core::campaign::journal::JournalEntry;
use dnd_core::history::{CommitMeta, Diff};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::campaign_write::{apply_campaign, prepare_campaign, require_campaign};
use crate::error::{Result, SqlStep, StoreError};
use crate::events::{append_audit, append_event};
use crate::sqlite::save::{apply_all as apply_characters, prepare as prepare_character};
use crate::sqlite::{SqliteStore, now_ms};
use crate::store::{SaveRequest, Saved};

/// What a campaign event did to one character version, to revert it exactly.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reversion {
    /// `rv_` and 12 hex digits.
    pub id: String,
    pub campaign: String,
    pub character: String,
    pub branch: String,
    /// What happened (`session 3`, `cursed tome`).
    pub event: String,
    pub impacts: Vec<Impact>,
    /// The character version before the event.
    pub before: String,
    /// The version the event made (filled in when written).
    pub after: String,
    /// The exact changes.
    pub changes: Diff,
    pub created: i64,
    /// When it was reverted, and by which version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reverted: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revert_version: Option<String>,
}

/// A campaign version to write in a [`CampaignStep`].
#[derive(Debug, Clone, Copy)]
pub struct CampaignSave<'a> {
    pub campaign: &'a dnd_core::campaign::Campaign,
    pub branch: &'a str,
    pub expected_head: Option<&'a str>,
    pub meta: &'a CommitMeta,
}

/// Writes that belong together, in one transaction.
#[derive(Debug, Default)]
pub struct CampaignStep<'a> {
    /// The campaign the journal entries and reversions belong to.
    pub campaign_id: &'a str,
    pub save: Option<CampaignSave<'a>>,
    pub journal: &'a [JournalEntry],
    /// Character versions (each with its expected head).
    pub characters: &'a [SaveRequest<'a>],
    /// One per character save (or `None`): its `after` is set to the new version.
    pub reversions: Vec<Option<Reversion>>,
    pub actor: &'a str,
}

/// What a [`CampaignStep`] wrote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepWritten {
    pub campaign: Option<Saved>,
    /// The journal entries with their ids.
    pub journal: Vec<JournalEntry>,
    pub characters: Vec<Saved>,
    pub reversions: Vec<Reversion>,
}

fn corrupt(what: &str, id: &str, e: &serde_json::Error) -> StoreError {
    StoreError::Corrupt {
        reason: format!("{what} `{id}`: {e}"),
    }
}

fn to_text<T: Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| StoreError::Invalid {
        what: "record",
        reason: e.to_string(),
    })
}

fn put_reversion(tx: &Connection, r: &Reversion, actor: &str, now: i64) -> Result<()> {
    let body = to_text(r)?;
    tx.prepare_cached(
        "INSERT INTO campaign_reversions (id, campaign_id, character_id, body, created_ms, reverted_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (id) DO UPDATE SET body = excluded.body, reverted_ms = excluded.reverted_ms",
    )
    .and_then(|mut s| s.execute(params![r.id, r.campaign, r.character, body, now, r.reverted]))
    .step("write reversion")?;
    let kind = if r.reverted.is_some() {
        "campaign.event.reverted"
    } else {
        "campaign.event.applied"
    };
    append_event(
        tx,
        now,
        kind,
        &r.campaign,
        actor,
        &json!({"reversion": r.id, "character": r.character, "version": r.revert_version.as_ref().unwrap_or(&r.after)}),
    )?;
    append_audit(tx, now, actor, kind, &r.character, "ok")
}

impl SqliteStore {
    /// Writes a campaign version, journal entries, character versions and reversion records in
    /// one transaction: any conflict or failure writes nothing.
    pub fn campaign_step(&self, step: CampaignStep<'_>) -> Result<StepWritten> {
        let save = step
            .save
            .map(|s| prepare_campaign(s.campaign, s.branch, s.expected_head, s.meta))
            .transpose()?;
        let chars = step
            .characters
            .iter()
            .map(prepare_character)
            .collect::<Result<Vec<_>>>()?;
        let now = now_ms();
        self.write(|tx| {
            let campaign = save.as_ref().map(|p| apply_campaign(tx, p)).transpose()?;
            let cid = campaign.as_ref().map_or(step.campaign_id, |s| s.id.as_str()).to_string();
            require_campaign(tx, &cid)?;
            let mut entries = Vec::new();
            for e in step.journal {
                let mut e = e.clone();
                tx.prepare_cached(
                    "INSERT INTO journals (campaign_id, character_id, body, created_ms) VALUES (?1, ?2, '{}', ?3)",
                )
                .and_then(|mut s| s.execute(params![cid, e.character, now]))
                .step("write journal")?;
                let seq = tx.last_insert_rowid();
                e.id = format!("j{seq}");
                let body = to_text(&e)?;
                tx.prepare_cached("UPDATE journals SET body = ?2 WHERE seq = ?1")
                    .and_then(|mut s| s.execute(params![seq, body]))
                    .step("write journal")?;
                append_event(tx, now, "journal.added", &cid, step.actor, &json!({"character": e.character, "entry": e.id}))?;
                entries.push(e);
            }
            if !entries.is_empty() {
                append_audit(tx, now, step.actor, "journal.add", &cid, "ok")?;
            }
            let saved = apply_characters(tx, chars, now)?;
            let mut reversions = Vec::new();
            for (r, s) in step.reversions.into_iter().zip(&saved) {
                if let Some(mut r) = r {
                    r.after = s.version.clone();
                    r.campaign = cid.clone();
                    put_reversion(tx, &r, step.actor, now)?;
                    reversions.push(r);
                }
            }
            Ok(StepWritten {
                campaign,
                journal: entries,
                characters: saved,
                reversions,
            })
        })
    }

    /// The journal of a campaign (one character's, or everyone's), oldest first.
    pub fn journal(&self, campaign: &str, character: Option<&str>) -> Result<Vec<JournalEntry>> {
        self.read(|c| {
            require_campaign(c, campaign)?;
            let mut s = c
                .prepare_cached(
                    "SELECT seq, body FROM journals WHERE campaign_id = ?1 AND (?2 IS NULL OR character_id = ?2) ORDER BY seq",
                )
                .step("read journal")?;
            let rows: Vec<(i64, String)> = s
                .query_map(params![campaign, character], |r| Ok((r.get(0)?, r.get(1)?)))
                .step("read journal")?
                .collect::<rusqlite::Result<_>>()
                .step("read journal")?;
            rows.into_iter()
                .map(|(seq, b)| serde_json::from_str(&b).map_err(|e| corrupt("journal entry", &seq.to_string(), &e)))
                .collect()
        })
    }

    /// Creates or updates a merge request.
    pub fn put_merge_request(&self, mr: &MergeRequest, actor: &str) -> Result<()> {
        let body = to_text(mr)?;
        let status = serde_json::to_value(mr.status)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default();
        self.write(|tx| {
            require_campaign(tx, &mr.campaign)?;
            let now = now_ms();
            tx.execute(
                "INSERT INTO merge_requests (id, campaign_id, status, body, created_ms, updated_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?5)
                 ON CONFLICT (id) DO UPDATE SET status = excluded.status, body = excluded.body, updated_ms = excluded.updated_ms",
                params![mr.id, mr.campaign, status, body, now],
            )
            .step("write merge request")?;
            let kind = format!("campaign.merge_request.{status}");
            append_event(tx, now, &kind, &mr.campaign, actor, &json!({"merge_request": mr.id}))?;
            append_audit(tx, now, actor, &kind, &mr.id, "ok")
        })
    }

    /// A merge request by id.
    pub fn merge_request(&self, id: &str) -> Result<MergeRequest> {
        let body: Option<String> = self.read(|c| {
            c.query_row("SELECT body FROM merge_requests WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()
            .step("read merge request")
        })?;
        let body = body.ok_or_else(|| StoreError::NotFound {
            kind: "merge request",
            id: id.to_string(),
        })?;
        serde_json::from_str(&body).map_err(|e| corrupt("merge request", id, &e))
    }

    /// The merge requests of a campaign, oldest first.
    pub fn merge_requests(&self, campaign: &str) -> Result<Vec<MergeRequest>> {
        self.read(|c| {
            require_campaign(c, campaign)?;
            let mut s = c
                .prepare_cached("SELECT id, body FROM merge_requests WHERE campaign_id = ?1 ORDER BY created_ms, id")
                .step("list merge requests")?;
            let rows: Vec<(String, String)> = s
                .query_map([campaign], |r| Ok((r.get(0)?, r.get(1)?)))
                .step("list merge requests")?
                .collect::<rusqlite::Result<_>>()
                .step("list merge requests")?;
            rows.into_iter()
                .map(|(id, b)| serde_json::from_str(&b).map_err(|e| corrupt("merge request", &id, &e)))
                .collect()
        })
    }

    /// A reversion record by id.
    pub fn reversion(&self, id: &str) -> Result<Reversion> {
        let body: Option<String> = self.read(|c| {
            c.query_row(
                "SELECT body FROM campaign_reversions WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()
            .step("read reversion")
        })?;
        let body = body.ok_or_else(|| StoreError::NotFound {
            kind: "reversion",
            id: id.to_string(),
        })?;
        serde_json::from_str(&body).map_err(|e| corrupt("reversion", id, &e))
    }

    /// Marks a reversion reverted and writes the reverting character version, together.
    pub fn revert_step(&self, r: &Reversion, save: &SaveRequest<'_>, actor: &str) -> Result<Saved> {
        let p = prepare_character(save)?;
        let now = now_ms();
        self.write(|tx| {
            let saved =
                apply_characters(tx, vec![p], now)?
                    .pop()
                    .ok_or_else(|| StoreError::Corrupt {
                        reason: "a reverting save wrote no version".into(),
                    })?;
            let mut r = r.clone();
            r.reverted = Some(now);
            r.revert_version = Some(saved.version.clone());
            put_reversion(tx, &r, actor, now)?;
            Ok(saved)
        })
    }

    /// The reversion records of a campaign, oldest first.
    pub fn reversions(&self, campaign: &str) -> Result<Vec<Reversion>> {
        self.read(|c| {
            let mut s = c
                .prepare_cached("SELECT id, body FROM campaign_reversions WHERE campaign_id = ?1 ORDER BY created_ms, id")
                .step("list reversions")?;
            let rows: Vec<(String, String)> = s
                .query_map([campaign], |r| Ok((r.get(0)?, r.get(1)?)))
                .step("list reversions")?
                .collect::<rusqlite::Result<_>>()
                .step("list reversions")?;
            rows.into_iter()
                .map(|(id, b)| serde_json::from_str(&b).map_err(|e| corrupt("reversion", &id, &e)))
                .collect()
        })
    }
}
