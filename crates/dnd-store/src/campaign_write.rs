//! Campaign saves: the hashing and compression done before the write lock, and the write
//! inside the transaction (head check, object, commit, ref, event and audit rows).

use dnd_core::campaign::Campaign;
use dnd_core::history::{
    Commit, CommitKind, CommitMeta, canonical_bytes, check_ref_name, content_id, sha256_hex,
};
use rusqlite::{Connection, params};
use serde::Serialize;
use serde_json::json;

use crate::campaigns::{campaign_exists, read_commit, read_ref, require, set_branch};
use crate::error::{Result, SqlStep, StoreError};
use crate::events::{append_audit, append_event};
use crate::sqlite::rows::check_head;
use crate::sqlite::{compress, now_ms};
use crate::store::Saved;

pub(crate) fn require_campaign(conn: &Connection, id: &str) -> Result<()> {
    require(conn, id)
}

fn word<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// A campaign save with its hashing and compression done before the write lock.
pub(crate) struct PreparedCampaign {
    pub(crate) id: String,
    pub(crate) branch: String,
    pub(crate) expected: Option<String>,
    pub(crate) created: bool,
    pub(crate) campaign: Campaign,
    pub(crate) data: Vec<u8>,
    pub(crate) commit: Commit,
    pub(crate) actor: String,
}

pub(crate) fn prepare_campaign(
    c: &Campaign,
    branch: &str,
    expected_head: Option<&str>,
    meta: &CommitMeta,
) -> Result<PreparedCampaign> {
    check_ref_name(branch)?;
    let mut c = c.clone();
    let created = c.id.is_none();
    if created {
        if let Some(e) = expected_head {
            return Err(StoreError::Conflict {
                character: String::new(),
                branch: branch.into(),
                expected: Some(e.into()),
                actual: None,
            });
        }
        let genesis = Commit::new(content_id(&c)?, vec![], CommitKind::Commit, meta)?.id;
        c.id = Some(format!("cp_{}", &genesis[..12]));
    }
    let id = c.id.clone().unwrap_or_default();
    let text = canonical_bytes(&c)?;
    let data = compress(&text)?;
    let parents = expected_head.map(str::to_string).into_iter().collect();
    let commit = Commit::new(sha256_hex(&text), parents, CommitKind::Commit, meta)?;
    Ok(PreparedCampaign {
        id,
        branch: branch.into(),
        expected: expected_head.map(str::to_string),
        created,
        campaign: c,
        data,
        commit,
        actor: meta.author.clone(),
    })
}

/// Writes a prepared campaign save inside the caller's transaction, checking the head first.
pub(crate) fn apply_campaign(tx: &Connection, p: &PreparedCampaign) -> Result<Saved> {
    if p.created {
        if campaign_exists(tx, &p.id)? {
            return Err(StoreError::Invalid {
                what: "campaign id",
                reason: format!("`{}` exists already", p.id),
            });
        }
    } else {
        require(tx, &p.id)?;
        let actual = read_ref(tx, &p.id, "branch", &p.branch)?;
        check_head(&p.id, &p.branch, p.expected.as_deref(), actual)?;
    }
    write(tx, p)?;
    Ok(Saved {
        id: p.id.clone(),
        version: p.commit.id.clone(),
    })
}

fn write(conn: &Connection, p: &PreparedCampaign) -> Result<()> {
    let (id, branch, commit, c, data, actor, created) = (
        p.id.as_str(),
        p.branch.as_str(),
        &p.commit,
        &p.campaign,
        p.data.as_slice(),
        p.actor.as_str(),
        p.created,
    );
    let now = now_ms();
    if created {
        conn.prepare_cached(
            "INSERT INTO campaigns (id, owner, title, kind, state, created_ms, updated_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        )
        .and_then(|mut s| s.execute(params![id, c.owner, c.title, word(&c.kind), word(&c.state), now]))
        .step("create campaign")?;
    } else if branch == "main" {
        conn.prepare_cached(
            "UPDATE campaigns SET title = ?2, kind = ?3, state = ?4, updated_ms = ?5 WHERE id = ?1",
        )
        .and_then(|mut s| s.execute(params![id, c.title, word(&c.kind), word(&c.state), now]))
        .step("update campaign")?;
    } else {
        conn.prepare_cached("UPDATE campaigns SET updated_ms = ?2 WHERE id = ?1")
            .and_then(|mut s| s.execute(params![id, now]))
            .step("update campaign")?;
    }
    conn.prepare_cached("INSERT OR IGNORE INTO campaign_objects (id, data) VALUES (?1, ?2)")
        .and_then(|mut s| s.execute(params![commit.body.object, data]))
        .step("write campaign object")?;
    for p in &commit.body.parents {
        read_commit(conn, id, p)?;
    }
    let body =
        String::from_utf8(canonical_bytes(&commit.body)?).map_err(|e| StoreError::Invalid {
            what: "commit",
            reason: e.to_string(),
        })?;
    conn.prepare_cached(
        "INSERT OR IGNORE INTO campaign_commits (id, campaign_id, object_id, timestamp, body) VALUES (?1, ?2, ?3, ?4, ?5)",
    )
    .and_then(|mut s| s.execute(params![commit.id, id, commit.body.object, commit.body.timestamp, body]))
    .step("write campaign commit")?;
    set_branch(conn, id, branch, &commit.id)?;
    let kind = if created {
        "campaign.created"
    } else {
        "campaign.saved"
    };
    let payload = json!({"branch": branch, "version": commit.id, "parents": commit.body.parents});
    append_event(conn, now, kind, id, actor, &payload)?;
    append_audit(conn, now, actor, kind, id, "ok")
}
