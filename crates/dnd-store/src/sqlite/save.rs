//! Saving versions. The CPU work of a save (canonical JSON, SHA-256, deflate) is done before the
//! write lock ([`prepare`], in parallel for a batch); then [`Batch`] writes the rows, keeping
//! the branch heads and character rows it touched in memory, so a batch writes each branch ref
//! and each character row once, at its end, whatever number of versions it holds. Every version
//! still gets its own object, commit, event and audit rows.

use std::collections::BTreeMap;

use dnd_core::history::{
    Commit, CommitKind, CommitMeta, canonical_bytes, canonical_of, check_ref_name, sha256_hex,
};
use dnd_core::model::Character;
use rusqlite::{Connection, params};
use serde_json::json;

use super::compress;
use super::rows::{
    character_state, check_head, new_character_id, read_ref, set_branch, write_commit_body,
};
use crate::error::{Result, SqlStep, StoreError};
use crate::events::{append_audit, append_event_text};
use crate::store::{SaveRequest, Saved};

/// A save with its CPU work done, owning everything it needs (so another thread's group
/// commit can write it).
#[derive(Debug)]
pub(crate) struct Prepared {
    owner: String,
    branch: String,
    expected: Option<String>,
    meta: CommitMeta,
    /// The character as stored (its id set).
    ch: Character,
    id: String,
    /// The genesis commit id of a new character (its id is derived from it).
    genesis: Option<String>,
    object: String,
    data: Vec<u8>,
    commit: Commit,
    /// The commit body's canonical JSON, as stored.
    body: String,
    /// The event payload, as stored.
    payload: String,
}

impl Prepared {
    /// Who the save's event and audit rows name.
    pub(crate) fn actor(&self) -> &str {
        actor_of(&self.owner, &self.meta)
    }
}

pub(crate) fn actor_of<'a>(owner: &'a str, meta: &'a CommitMeta) -> &'a str {
    if meta.author.is_empty() {
        owner
    } else {
        &meta.author
    }
}

/// Prepares a save outside the write transaction.
pub(crate) fn prepare(req: &SaveRequest<'_>) -> Result<Prepared> {
    check_ref_name(req.branch)?;
    let mut ch = req.character.clone();
    let expected = req.expected_head.map(str::to_string);
    let (id, genesis) = match ch.id.clone() {
        Some(id) => (id, None),
        None => {
            if let Some(expected) = expected {
                return Err(StoreError::Conflict {
                    character: String::new(),
                    branch: req.branch.to_string(),
                    expected: Some(expected),
                    actual: None,
                });
            }
            let genesis = Commit::new(
                sha256_hex(&canonical_bytes(&ch)?),
                Vec::new(),
                CommitKind::Commit,
                req.meta,
            )?
            .id;
            (
                format!("ch_{}", &genesis[..12.min(genesis.len())]),
                Some(genesis),
            )
        }
    };
    ch.id = Some(id.clone());
    let (object, data, commit) = address(&ch, expected.as_deref(), req.meta)?;
    let mut p = Prepared {
        owner: req.owner.to_string(),
        branch: req.branch.to_string(),
        expected,
        meta: req.meta.clone(),
        ch,
        id,
        genesis,
        object,
        data,
        commit,
        body: String::new(),
        payload: String::new(),
    };
    p.texts()?;
    Ok(p)
}

impl Prepared {
    /// The stored texts that depend on the commit: its body and the event payload.
    fn texts(&mut self) -> Result<()> {
        self.body = canonical_of(&self.commit.body)?;
        self.payload = json!({
            "branch": self.branch,
            "version": self.commit.id,
            "parents": self.commit.body.parents,
        })
        .to_string();
        Ok(())
    }
}

/// One canonical serialization of the stored character: hashed for the object id and
/// compressed as stored; and the commit naming it.
fn address(
    ch: &Character,
    expected: Option<&str>,
    meta: &CommitMeta,
) -> Result<(String, Vec<u8>, Commit)> {
    let text = canonical_bytes(ch)?;
    let object = sha256_hex(&text);
    let data = compress(&text)?;
    let parents: Vec<String> = expected.map(str::to_string).into_iter().collect();
    let commit = Commit::new(object.clone(), parents, CommitKind::Commit, meta)?;
    Ok((object, data, commit))
}

/// The rows one write transaction (or one save of a group commit) has touched.
#[derive(Debug, Default)]
pub(crate) struct Batch {
    /// Branch heads read or moved: `(character, branch)` → (head, moved in this batch).
    heads: BTreeMap<(String, String), (Option<String>, bool)>,
    /// Characters known to be live, with the name their row must get at the end (`None`: the
    /// row is current).
    live: BTreeMap<String, Option<String>>,
}

impl Batch {
    fn head(&mut self, conn: &Connection, id: &str, branch: &str) -> Result<Option<String>> {
        let key = (id.to_string(), branch.to_string());
        if let Some((head, _)) = self.heads.get(&key) {
            return Ok(head.clone());
        }
        let head = read_ref(conn, id, "branch", branch)?;
        self.heads.insert(key, (head.clone(), false));
        Ok(head)
    }

    /// Writes one prepared save (checking its head first) and its event and audit rows.
    pub(crate) fn apply(&mut self, conn: &Connection, mut p: Prepared, now: i64) -> Result<Saved> {
        let created = p.genesis.is_some();
        if let Some(genesis) = &p.genesis {
            let id = new_character_id(conn, genesis)?;
            if id != p.id {
                p.ch.id = Some(id.clone());
                (p.object, p.data, p.commit) = address(&p.ch, None, &p.meta)?;
                p.id = id;
                p.texts()?;
            }
            conn.prepare_cached(
                "INSERT INTO characters (id, owner, name, created_ms, updated_ms) VALUES (?1, ?2, ?3, ?4, ?4)",
            )
            .and_then(|mut s| s.execute(params![p.id, p.owner, p.ch.name, now]))
            .step("create character")?;
            self.live.insert(p.id.clone(), None);
            self.heads
                .insert((p.id.clone(), p.branch.clone()), (None, false));
        } else {
            if !self.live.contains_key(&p.id) {
                match character_state(conn, &p.id)? {
                    None => {
                        return Err(StoreError::NotFound {
                            kind: "character",
                            id: p.id,
                        });
                    }
                    Some(true) => {
                        return Err(StoreError::NotFound {
                            kind: "live character",
                            id: p.id,
                        });
                    }
                    Some(false) => {}
                }
            }
            let actual = self.head(conn, &p.id, &p.branch)?;
            check_head(&p.id, &p.branch, p.expected.as_deref(), actual)?;
            self.live.insert(p.id.clone(), Some(p.ch.name.clone()));
        }
        conn.prepare_cached("INSERT OR IGNORE INTO objects (id, data) VALUES (?1, ?2)")
            .and_then(|mut s| s.execute(params![p.object, p.data]))
            .step("write object")?;
        write_commit_body(conn, &p.id, &p.commit, &p.body)?;
        self.heads.insert(
            (p.id.clone(), p.branch.clone()),
            (Some(p.commit.id.clone()), true),
        );
        let kind = if created {
            "character.created"
        } else {
            "character.saved"
        };
        append_event_text(conn, now, kind, &p.id, p.actor(), &p.payload)?;
        append_audit(conn, now, p.actor(), kind, &p.id, "ok")?;
        Ok(Saved {
            id: p.id,
            version: p.commit.id,
        })
    }

    /// Writes the branch refs that moved and the character rows that changed.
    pub(crate) fn finish(self, conn: &Connection, now: i64) -> Result<()> {
        for ((id, branch), (head, moved)) in &self.heads {
            if let (Some(head), true) = (head, moved) {
                set_branch(conn, id, branch, head)?;
            }
        }
        for (id, name) in &self.live {
            if let Some(name) = name {
                conn.prepare_cached(
                    "UPDATE characters SET name = ?2, updated_ms = ?3 WHERE id = ?1",
                )
                .and_then(|mut s| s.execute(params![id, name, now]))
                .step("update character")?;
            }
        }
        Ok(())
    }
}

/// Writes saves in order inside the caller's transaction: all or (on the first error) none.
pub(crate) fn apply_all(
    conn: &Connection,
    prepared: Vec<Prepared>,
    now: i64,
) -> Result<Vec<Saved>> {
    let mut batch = Batch::default();
    let saved = prepared
        .into_iter()
        .map(|p| batch.apply(conn, p, now))
        .collect::<Result<Vec<_>>>()?;
    batch.finish(conn, now)?;
    Ok(saved)
}
