//! Campaigns and their versions in SQLite: the same commit format as characters (canonical
//! JSON, SHA-256 ids, [`Commit`]), in their own tables (`campaigns`, `campaign_objects`,
//! `campaign_commits`, `campaign_refs`). Every write is one immediate transaction that checks
//! the expected head (`store.conflict` carrying both heads) and appends its event and audit
//! rows.

use dnd_core::campaign::{Campaign, CampaignGraph};
use dnd_core::history::{Commit, CommitMeta, canonical_bytes, check_ref_name, sha256_hex};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::campaign_write::{PreparedCampaign, apply_campaign, prepare_campaign};
use crate::error::{Result, SqlStep, StoreError};
use crate::events::{append_audit, append_event};
use crate::sqlite::rows::parse_commit;
use crate::sqlite::{SqliteStore, compress, decompress, now_ms};
use crate::store::{RefRow, Saved};

/// One campaign in a listing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignRow {
    pub id: String,
    /// The DM.
    pub owner: String,
    pub title: String,
    /// `traditional` or `antitheticon`.
    pub kind: String,
    /// `draft`, `active`, …
    pub state: String,
    pub created_ms: i64,
    pub updated_ms: i64,
}

pub(crate) fn campaign_exists(conn: &Connection, id: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM campaigns WHERE id = ?1 AND deleted_ms IS NULL")
        .and_then(|mut s| s.query_row([id], |_| Ok(())).optional())
        .step("read campaign")?
        .is_some())
}

pub(crate) fn require(conn: &Connection, id: &str) -> Result<()> {
    if campaign_exists(conn, id)? {
        Ok(())
    } else {
        Err(StoreError::NotFound {
            kind: "campaign",
            id: id.to_string(),
        })
    }
}

pub(crate) fn read_ref(
    conn: &Connection,
    id: &str,
    kind: &str,
    name: &str,
) -> Result<Option<String>> {
    conn.prepare_cached(
        "SELECT commit_id FROM campaign_refs WHERE campaign_id = ?1 AND kind = ?2 AND name = ?3",
    )
    .and_then(|mut s| {
        s.query_row(params![id, kind, name], |r| r.get(0))
            .optional()
    })
    .step("read campaign ref")
}

pub(crate) fn set_branch(conn: &Connection, id: &str, branch: &str, commit: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO campaign_refs (campaign_id, kind, name, commit_id) VALUES (?1, 'branch', ?2, ?3)
         ON CONFLICT (campaign_id, kind, name) DO UPDATE SET commit_id = excluded.commit_id",
    )
    .and_then(|mut s| s.execute(params![id, branch, commit]))
    .step("set campaign branch")?;
    Ok(())
}

pub(crate) fn read_commit(conn: &Connection, id: &str, commit: &str) -> Result<Commit> {
    let body: Option<String> = conn
        .prepare_cached("SELECT body FROM campaign_commits WHERE id = ?1 AND campaign_id = ?2")
        .and_then(|mut s| s.query_row(params![commit, id], |r| r.get(0)).optional())
        .step("read campaign commit")?;
    let body = body.ok_or_else(|| StoreError::NotFound {
        kind: "version",
        id: commit.to_string(),
    })?;
    parse_commit(commit, &body)
}

pub(crate) fn read_object(conn: &Connection, object: &str) -> Result<Campaign> {
    let data: Option<Vec<u8>> = conn
        .prepare_cached("SELECT data FROM campaign_objects WHERE id = ?1")
        .and_then(|mut s| s.query_row([object], |r| r.get(0)).optional())
        .step("read campaign object")?;
    let data = data.ok_or_else(|| StoreError::NotFound {
        kind: "object",
        id: object.to_string(),
    })?;
    let text = decompress(&data)?;
    let actual = sha256_hex(&text);
    if actual != object {
        return Err(StoreError::Tampered {
            kind: "object",
            id: object.to_string(),
            actual,
        });
    }
    serde_json::from_slice(&text).map_err(|e| StoreError::Corrupt {
        reason: format!("campaign object `{object}`: {e}"),
    })
}

/// A branch, then a tag, then a commit id of this campaign.
pub(crate) fn resolve(conn: &Connection, id: &str, at: &str) -> Result<String> {
    if let Some(c) = read_ref(conn, id, "branch", at)? {
        return Ok(c);
    }
    if let Some(c) = read_ref(conn, id, "tag", at)? {
        return Ok(c);
    }
    read_commit(conn, id, at)
        .map(|c| c.id)
        .map_err(|e| match e {
            StoreError::NotFound { .. } => StoreError::NotFound {
                kind: "branch, tag or version",
                id: at.to_string(),
            },
            other => other,
        })
}

impl SqliteStore {
    /// Saves a version of a campaign on `branch`. A campaign without an id is created (its id
    /// `cp_` and 12 hex digits of its first commit) and `expected_head` must be `None`; one with
    /// an id gets a new version whose parent is `expected_head`, which must be the branch's
    /// head (`None` for a new branch).
    pub fn save_campaign(
        &self,
        c: &Campaign,
        branch: &str,
        expected_head: Option<&str>,
        meta: &CommitMeta,
    ) -> Result<Saved> {
        let p = prepare_campaign(c, branch, expected_head, meta)?;
        self.write(|tx| apply_campaign(tx, &p))
    }

    /// Writes a commit made by the core (a merge) on `branch`, after checking its hash, that
    /// `c` is its object, that its parents are stored, and the expected head.
    pub fn commit_campaign_raw(
        &self,
        id: &str,
        branch: &str,
        expected_head: Option<&str>,
        commit: &Commit,
        c: &Campaign,
        actor: &str,
    ) -> Result<()> {
        check_ref_name(branch)?;
        commit.verify()?;
        let text = canonical_bytes(c)?;
        if sha256_hex(&text) != commit.body.object || c.id.as_deref() != Some(id) {
            return Err(StoreError::Invalid {
                what: "commit",
                reason: "the campaign is not the commit's object".into(),
            });
        }
        let p = PreparedCampaign {
            id: id.to_string(),
            branch: branch.to_string(),
            expected: expected_head.map(str::to_string),
            created: false,
            campaign: c.clone(),
            data: compress(&text)?,
            commit: commit.clone(),
            actor: actor.to_string(),
        };
        self.write(|tx| apply_campaign(tx, &p).map(|_| ()))
    }

    /// A campaign at a branch, tag or version, both hashes verified.
    pub fn load_campaign(&self, id: &str, at: &str) -> Result<(Campaign, Commit)> {
        self.read(|conn| {
            require(conn, id)?;
            let commit = read_commit(conn, id, &resolve(conn, id, at)?)?;
            Ok((read_object(conn, &commit.body.object)?, commit))
        })
    }

    /// Campaigns (of one owner, or all), by id.
    pub fn list_campaigns(&self, owner: Option<&str>) -> Result<Vec<CampaignRow>> {
        self.read(|conn| {
            let mut s = conn
                .prepare_cached(
                    "SELECT id, owner, title, kind, state, created_ms, updated_ms FROM campaigns
                     WHERE deleted_ms IS NULL AND (?1 IS NULL OR owner = ?1) ORDER BY id",
                )
                .step("list campaigns")?;
            let rows = s
                .query_map([owner], |r| {
                    Ok(CampaignRow {
                        id: r.get(0)?,
                        owner: r.get(1)?,
                        title: r.get(2)?,
                        kind: r.get(3)?,
                        state: r.get(4)?,
                        created_ms: r.get(5)?,
                        updated_ms: r.get(6)?,
                    })
                })
                .step("list campaigns")?;
            rows.collect::<rusqlite::Result<_>>().step("list campaigns")
        })
    }

    /// The branches (or tags, `kind = "tag"`) of a campaign, by name.
    pub fn campaign_refs(&self, id: &str, kind: &str) -> Result<Vec<RefRow>> {
        self.read(|conn| {
            require(conn, id)?;
            let mut s = conn
                .prepare_cached(
                    "SELECT name, commit_id FROM campaign_refs WHERE campaign_id = ?1 AND kind = ?2 ORDER BY name",
                )
                .step("list campaign refs")?;
            let rows = s
                .query_map(params![id, kind], |r| {
                    Ok(RefRow {
                        name: r.get(0)?,
                        commit: r.get(1)?,
                    })
                })
                .step("list campaign refs")?;
            rows.collect::<rusqlite::Result<_>>().step("list campaign refs")
        })
    }

    /// Creates branch (or tag) `name` at `at`; an existing name is refused.
    pub fn create_campaign_ref(
        &self,
        id: &str,
        kind: &str,
        name: &str,
        at: &str,
        actor: &str,
    ) -> Result<()> {
        check_ref_name(name)?;
        let kind = if kind == "tag" { "tag" } else { "branch" };
        self.write(|tx| {
            require(tx, id)?;
            let commit = resolve(tx, id, at)?;
            if read_ref(tx, id, kind, name)?.is_some() {
                return Err(StoreError::Invalid {
                    what: "ref",
                    reason: format!("{kind} `{name}` exists already"),
                });
            }
            tx.execute(
                "INSERT INTO campaign_refs (campaign_id, kind, name, commit_id) VALUES (?1, ?2, ?3, ?4)",
                params![id, kind, name, commit],
            )
            .step("create campaign ref")?;
            let now = now_ms();
            let ev = format!("campaign.{kind}.created");
            append_event(tx, now, &ev, id, actor, &json!({"name": name, "version": commit}))?;
            append_audit(tx, now, actor, &ev, id, "ok")
        })
    }

    /// The whole history of a campaign (every commit, every object, the branches) in memory.
    pub fn campaign_graph(&self, id: &str) -> Result<CampaignGraph> {
        self.read(|conn| {
            require(conn, id)?;
            let mut g = CampaignGraph::default();
            let mut s = conn
                .prepare_cached("SELECT id, body FROM campaign_commits WHERE campaign_id = ?1 ORDER BY seq")
                .step("read campaign history")?;
            let rows: Vec<(String, String)> = s
                .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))
                .step("read campaign history")?
                .collect::<rusqlite::Result<_>>()
                .step("read campaign history")?;
            for (cid, body) in rows {
                let c = parse_commit(&cid, &body)?;
                if !g.objects.contains_key(&c.body.object) {
                    g.objects.insert(c.body.object.clone(), read_object(conn, &c.body.object)?);
                }
                g.commits.insert(cid, c);
            }
            let mut s = conn
                .prepare_cached("SELECT name, commit_id FROM campaign_refs WHERE campaign_id = ?1 AND kind = 'branch'")
                .step("read campaign refs")?;
            g.branches = s
                .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))
                .step("read campaign refs")?
                .collect::<rusqlite::Result<_>>()
                .step("read campaign refs")?;
            Ok(g)
        })
    }
}
