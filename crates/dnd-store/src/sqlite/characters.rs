//! Characters, versions and refs in SQLite: the [`Store`] implementation.

use dnd_core::history::{
    Commit, CommitBody, CommitKind, CommitMeta, Graph, canonical_of, check_ref_name, content_id,
    is_hash, sha256_hex,
};
use dnd_core::model::Character;
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::json;

use super::{SqliteStore, compress, decompress, now_ms};
use crate::error::{Result, SqlStep, StoreError};
use crate::events::{append_audit, append_event};
use crate::store::{CharacterRow, RefRow, SaveRequest, Saved, Store};

/// Reads and verifies a commit of `character` (any character when `None`).
pub(crate) fn read_commit(conn: &Connection, character: Option<&str>, id: &str) -> Result<Commit> {
    let row: Option<(String, String)> = conn
        .prepare_cached("SELECT character_id, body FROM commits WHERE id = ?1")
        .and_then(|mut s| s.query_row([id], |r| Ok((r.get(0)?, r.get(1)?))).optional())
        .step("read commit")?;
    let Some((owner_id, body)) = row.filter(|(c, _)| character.is_none_or(|want| want == c)) else {
        return Err(StoreError::NotFound {
            kind: "version",
            id: id.to_string(),
        });
    };
    let _ = owner_id;
    parse_commit(id, &body)
}

/// Parses a stored commit body and checks it hashes to `id`.
pub(crate) fn parse_commit(id: &str, body: &str) -> Result<Commit> {
    let body: CommitBody = serde_json::from_str(body).map_err(|e| StoreError::Tampered {
        kind: "commit",
        id: id.to_string(),
        actual: format!("unreadable body: {e}"),
    })?;
    let actual = content_id(&body)?;
    if actual != id {
        return Err(StoreError::Tampered {
            kind: "commit",
            id: id.to_string(),
            actual,
        });
    }
    Ok(Commit {
        id: id.to_string(),
        body,
    })
}

/// Reads, inflates, verifies and parses a character object.
pub(crate) fn read_object(conn: &Connection, id: &str) -> Result<Character> {
    let data: Option<Vec<u8>> = conn
        .prepare_cached("SELECT data FROM objects WHERE id = ?1")
        .and_then(|mut s| s.query_row([id], |r| r.get(0)).optional())
        .step("read object")?;
    let data = data.ok_or_else(|| StoreError::NotFound {
        kind: "object",
        id: id.to_string(),
    })?;
    let bytes = decompress(&data).map_err(|_| StoreError::Tampered {
        kind: "object",
        id: id.to_string(),
        actual: "data that does not inflate".into(),
    })?;
    let actual = sha256_hex(&bytes);
    if actual != id {
        return Err(StoreError::Tampered {
            kind: "object",
            id: id.to_string(),
            actual,
        });
    }
    serde_json::from_slice(&bytes).map_err(|e| StoreError::Corrupt {
        reason: format!("object `{id}` is not a character: {e}"),
    })
}

/// Stores a character object (once per content address); returns its id.
pub(crate) fn write_object(conn: &Connection, ch: &Character) -> Result<String> {
    let text = canonical_of(ch)?;
    let id = sha256_hex(text.as_bytes());
    let exists: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM objects WHERE id = ?1)")
        .and_then(|mut s| s.query_row([&id], |r| r.get(0)))
        .step("write object")?;
    if !exists {
        let data = compress(text.as_bytes())?;
        conn.prepare_cached("INSERT INTO objects (id, data) VALUES (?1, ?2)")
            .and_then(|mut s| s.execute(params![id, data]))
            .step("write object")?;
    }
    Ok(id)
}

/// Inserts a verified commit of `character` with its parent rows (once).
pub(crate) fn write_commit(conn: &Connection, character: &str, c: &Commit) -> Result<()> {
    let body = canonical_of(&c.body)?;
    let n = conn
        .prepare_cached(
            "INSERT OR IGNORE INTO commits (id, character_id, object_id, timestamp, body)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )
        .and_then(|mut s| {
            s.execute(params![
                c.id,
                character,
                c.body.object,
                c.body.timestamp,
                body
            ])
        })
        .step("write commit")?;
    if n == 0 {
        read_commit(conn, Some(character), &c.id)?;
        return Ok(());
    }
    let mut s = conn
        .prepare_cached(
            "INSERT INTO commit_parents (commit_id, idx, parent_id) VALUES (?1, ?2, ?3)",
        )
        .step("write commit")?;
    for (i, p) in c.body.parents.iter().enumerate() {
        s.execute(params![c.id, i64::try_from(i).unwrap_or(i64::MAX), p])
            .step("write commit")?;
    }
    Ok(())
}

/// The commit a ref names.
pub(crate) fn read_ref(
    conn: &Connection,
    character: &str,
    kind: &str,
    name: &str,
) -> Result<Option<String>> {
    conn.prepare_cached(
        "SELECT commit_id FROM refs WHERE character_id = ?1 AND kind = ?2 AND name = ?3",
    )
    .and_then(|mut s| {
        s.query_row(params![character, kind, name], |r| r.get(0))
            .optional()
    })
    .step("read ref")
}

fn set_branch(conn: &Connection, character: &str, name: &str, commit: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO refs (character_id, kind, name, commit_id) VALUES (?1, 'branch', ?2, ?3)
         ON CONFLICT (character_id, kind, name) DO UPDATE SET commit_id = excluded.commit_id",
    )
    .and_then(|mut s| s.execute(params![character, name, commit]))
    .step("write ref")?;
    Ok(())
}

/// Whether a character exists, and whether it is soft-deleted.
pub(crate) fn character_state(conn: &Connection, id: &str) -> Result<Option<bool>> {
    conn.prepare_cached("SELECT deleted_ms IS NOT NULL FROM characters WHERE id = ?1")
        .and_then(|mut s| s.query_row([id], |r| r.get(0)).optional())
        .step("read character")
}

fn require_character(conn: &Connection, id: &str) -> Result<()> {
    match character_state(conn, id)? {
        Some(_) => Ok(()),
        None => Err(StoreError::NotFound {
            kind: "character",
            id: id.to_string(),
        }),
    }
}

/// Resolves a branch, a tag or a commit id of a character to a commit id.
pub(crate) fn resolve(conn: &Connection, character: &str, at: &str) -> Result<String> {
    require_character(conn, character)?;
    if let Some(c) = read_ref(conn, character, "branch", at)? {
        return Ok(c);
    }
    if let Some(c) = read_ref(conn, character, "tag", at)? {
        return Ok(c);
    }
    if is_hash(at) {
        return Ok(read_commit(conn, Some(character), at)?.id);
    }
    Err(StoreError::NotFound {
        kind: "branch, tag or version",
        id: at.to_string(),
    })
}

fn check_head(
    character: &str,
    branch: &str,
    expected: Option<&str>,
    actual: Option<String>,
) -> Result<Option<String>> {
    if actual.as_deref() != expected {
        return Err(StoreError::Conflict {
            character: character.to_string(),
            branch: branch.to_string(),
            expected: expected.map(str::to_string),
            actual,
        });
    }
    Ok(actual)
}

/// A free character id derived from the genesis commit id: `ch_` + 12 hex digits, longer on a
/// clash, and a counter on an identical genesis.
fn new_character_id(conn: &Connection, genesis: &str) -> Result<String> {
    for len in [12, 16, 24, 64] {
        let id = format!("ch_{}", &genesis[..len.min(genesis.len())]);
        if character_state(conn, &id)?.is_none() {
            return Ok(id);
        }
    }
    for n in 2u32.. {
        let id = format!("ch_{}_{n}", &genesis[..12.min(genesis.len())]);
        if character_state(conn, &id)?.is_none() {
            return Ok(id);
        }
    }
    Err(StoreError::Invalid {
        what: "character id",
        reason: "no free id".into(),
    })
}

/// A save with its CPU work (canonical JSON, hashes, compression) done before the write lock.
pub(crate) struct Prepared<'a> {
    req: &'a SaveRequest<'a>,
    id: String,
    /// The genesis commit id of a new character (its id is derived from it).
    genesis: Option<String>,
    object: String,
    data: Vec<u8>,
    commit: Commit,
}

/// Prepares a save outside the write transaction.
pub(crate) fn prepare<'a>(req: &'a SaveRequest<'a>) -> Result<Prepared<'a>> {
    check_ref_name(req.branch)?;
    match &req.character.id {
        Some(id) => build(req, id.clone(), None),
        None => {
            if let Some(expected) = req.expected_head {
                return Err(StoreError::Conflict {
                    character: String::new(),
                    branch: req.branch.to_string(),
                    expected: Some(expected.to_string()),
                    actual: None,
                });
            }
            let genesis = Commit::new(
                canonical_id(req.character)?,
                Vec::new(),
                CommitKind::Commit,
                req.meta,
            )?
            .id;
            build(
                req,
                format!("ch_{}", &genesis[..12.min(genesis.len())]),
                Some(genesis),
            )
        }
    }
}

fn build<'a>(
    req: &'a SaveRequest<'a>,
    id: String,
    genesis: Option<String>,
) -> Result<Prepared<'a>> {
    let mut ch = req.character.clone();
    ch.id = Some(id.clone());
    let text = canonical_of(&ch)?;
    let object = sha256_hex(text.as_bytes());
    let data = compress(text.as_bytes())?;
    let parents: Vec<String> = req.expected_head.map(str::to_string).into_iter().collect();
    let commit = Commit::new(object.clone(), parents, CommitKind::Commit, req.meta)?;
    Ok(Prepared {
        req,
        id,
        genesis,
        object,
        data,
        commit,
    })
}

/// Writes a prepared save inside the write transaction, checking the head first.
pub(crate) fn apply(conn: &Connection, mut p: Prepared<'_>, now: i64) -> Result<Saved> {
    let req = p.req;
    let created = p.genesis.is_some();
    if let Some(genesis) = p.genesis.clone() {
        let id = new_character_id(conn, &genesis)?;
        if id != p.id {
            p = build(req, id, Some(genesis))?;
        }
        conn.prepare_cached(
            "INSERT INTO characters (id, owner, name, created_ms, updated_ms) VALUES (?1, ?2, ?3, ?4, ?4)",
        )
        .and_then(|mut s| s.execute(params![p.id, req.owner, req.character.name, now]))
        .step("create character")?;
    } else {
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
        let actual = read_ref(conn, &p.id, "branch", req.branch)?;
        check_head(&p.id, req.branch, req.expected_head, actual)?;
        conn.prepare_cached("UPDATE characters SET name = ?2, updated_ms = ?3 WHERE id = ?1")
            .and_then(|mut s| s.execute(params![p.id, req.character.name, now]))
            .step("update character")?;
    }
    conn.prepare_cached("INSERT OR IGNORE INTO objects (id, data) VALUES (?1, ?2)")
        .and_then(|mut s| s.execute(params![p.object, p.data]))
        .step("write object")?;
    write_commit(conn, &p.id, &p.commit)?;
    set_branch(conn, &p.id, req.branch, &p.commit.id)?;
    let actor = actor_of(req.owner, req.meta);
    let kind = if created {
        "character.created"
    } else {
        "character.saved"
    };
    let payload =
        json!({"branch": req.branch, "version": p.commit.id, "parents": p.commit.body.parents});
    append_event(conn, now, kind, &p.id, actor, &payload)?;
    append_audit(conn, now, actor, kind, &p.id, "ok")?;
    Ok(Saved {
        id: p.id,
        version: p.commit.id,
    })
}

fn canonical_id(ch: &Character) -> Result<String> {
    Ok(sha256_hex(canonical_of(ch)?.as_bytes()))
}

fn actor_of<'a>(owner: &'a str, meta: &'a CommitMeta) -> &'a str {
    if meta.author.is_empty() {
        owner
    } else {
        &meta.author
    }
}

fn refs(conn: &Connection, id: &str, kind: &str) -> Result<Vec<RefRow>> {
    require_character(conn, id)?;
    let mut s = conn
        .prepare_cached(
            "SELECT name, commit_id FROM refs WHERE character_id = ?1 AND kind = ?2 ORDER BY name",
        )
        .step("read refs")?;
    let rows = s
        .query_map(params![id, kind], |r| {
            Ok(RefRow {
                name: r.get(0)?,
                commit: r.get(1)?,
            })
        })
        .step("read refs")?;
    rows.collect::<rusqlite::Result<Vec<_>>>().step("read refs")
}

impl SqliteStore {
    fn audited<R>(&self, actor: &str, action: &str, target: &str, r: Result<R>) -> Result<R> {
        // Conflicts are the normal path of optimistic concurrency (the caller retries) and
        // are not audited; other failures are, best effort.
        if let Some(e) = r.as_ref().err().filter(|e| e.code() != "store.conflict") {
            // Best effort: the failure itself is what is reported.
            let _ = self.write(|tx| append_audit(tx, now_ms(), actor, action, target, e.code()));
        }
        r
    }
}

impl Store for SqliteStore {
    fn save_character(
        &self,
        owner: &str,
        ch: &Character,
        branch: &str,
        expected_head: Option<&str>,
        meta: &CommitMeta,
    ) -> Result<Saved> {
        let req = SaveRequest {
            owner,
            character: ch,
            branch,
            expected_head,
            meta,
        };
        let r = prepare(&req).and_then(|p| self.write(|tx| apply(tx, p, now_ms())));
        let target = ch.id.as_deref().unwrap_or("new character");
        self.audited(actor_of(owner, meta), "character.save", target, r)
    }

    fn save_batch(&self, items: &[SaveRequest<'_>]) -> Result<Vec<Saved>> {
        let now = now_ms();
        let prepared = items.iter().map(prepare).collect::<Result<Vec<_>>>()?;
        self.write(|tx| prepared.into_iter().map(|p| apply(tx, p, now)).collect())
    }

    fn load(&self, id: &str, branch_or_version: &str) -> Result<(Character, Commit)> {
        self.read(|c| {
            let at = resolve(c, id, branch_or_version)?;
            let commit = read_commit(c, Some(id), &at)?;
            let ch = read_object(c, &commit.body.object)?;
            Ok((ch, commit))
        })
    }

    fn list(&self, owner: Option<&str>) -> Result<Vec<CharacterRow>> {
        self.read(|c| {
            let mut s = c
                .prepare_cached(
                    "SELECT id, owner, name, created_ms, updated_ms, deleted_ms FROM characters
                     WHERE ?1 IS NULL OR owner = ?1 ORDER BY id",
                )
                .step("list")?;
            let rows = s
                .query_map([owner], |r| {
                    Ok(CharacterRow {
                        id: r.get(0)?,
                        owner: r.get(1)?,
                        name: r.get(2)?,
                        created_ms: r.get(3)?,
                        updated_ms: r.get(4)?,
                        deleted_ms: r.get(5)?,
                    })
                })
                .step("list")?;
            rows.collect::<rusqlite::Result<Vec<_>>>().step("list")
        })
    }

    fn history(&self, id: &str, branch: &str, offset: usize, limit: usize) -> Result<Vec<Commit>> {
        self.read(|c| {
            let head = resolve(c, id, branch)?;
            let mut s = c
                .prepare_cached(
                    "WITH RECURSIVE anc(id) AS (
                         SELECT ?1 UNION SELECT p.parent_id FROM commit_parents p JOIN anc ON p.commit_id = anc.id)
                     SELECT c.id, c.body FROM commits c JOIN anc ON c.id = anc.id
                     WHERE c.character_id = ?2 ORDER BY c.seq DESC LIMIT ?3 OFFSET ?4",
                )
                .step("history")?;
            let lim = i64::try_from(limit).unwrap_or(i64::MAX);
            let off = i64::try_from(offset).unwrap_or(i64::MAX);
            let rows = s
                .query_map(params![head, id, lim, off], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
                .step("history")?;
            let mut out = Vec::new();
            for row in rows {
                let (cid, body) = row.step("history")?;
                out.push(parse_commit(&cid, &body)?);
            }
            Ok(out)
        })
    }

    fn branches(&self, id: &str) -> Result<Vec<RefRow>> {
        self.read(|c| refs(c, id, "branch"))
    }

    fn tags(&self, id: &str) -> Result<Vec<RefRow>> {
        self.read(|c| refs(c, id, "tag"))
    }

    fn create_branch(&self, id: &str, name: &str, at: &str, actor: &str) -> Result<()> {
        let r = self.write(|tx| {
            check_ref_name(name)?;
            let commit = resolve(tx, id, at)?;
            if read_ref(tx, id, "branch", name)?.is_some() {
                return Err(StoreError::Invalid {
                    what: "branch",
                    reason: format!("branch `{name}` exists already"),
                });
            }
            set_branch(tx, id, name, &commit)?;
            let now = now_ms();
            append_event(
                tx,
                now,
                "branch.created",
                id,
                actor,
                &json!({"branch": name, "at": commit}),
            )?;
            append_audit(tx, now, actor, "branch.create", id, "ok")
        });
        self.audited(actor, "branch.create", id, r)
    }

    fn tag(&self, id: &str, name: &str, at: &str, actor: &str) -> Result<()> {
        let r = self.write(|tx| {
            check_ref_name(name)?;
            let commit = resolve(tx, id, at)?;
            match read_ref(tx, id, "tag", name)? {
                Some(t) if t == commit => return Ok(()),
                Some(_) => {
                    return Err(StoreError::Invalid {
                        what: "tag",
                        reason: format!("tag `{name}` names another version already"),
                    });
                }
                None => {}
            }
            tx.prepare_cached(
                "INSERT INTO refs (character_id, kind, name, commit_id) VALUES (?1, 'tag', ?2, ?3)",
            )
            .and_then(|mut s| s.execute(params![id, name, commit]))
            .step("write ref")?;
            let now = now_ms();
            append_event(
                tx,
                now,
                "tag.created",
                id,
                actor,
                &json!({"tag": name, "at": commit}),
            )?;
            append_audit(tx, now, actor, "tag.create", id, "ok")
        });
        self.audited(actor, "tag.create", id, r)
    }

    fn soft_delete(&self, id: &str, actor: &str) -> Result<()> {
        self.set_deleted(id, actor, true)
    }

    fn undelete(&self, id: &str, actor: &str) -> Result<()> {
        self.set_deleted(id, actor, false)
    }

    fn purge(&self, older_than_ms: i64) -> Result<usize> {
        self.purge_deleted(older_than_ms)
    }

    fn commit_raw(
        &self,
        id: &str,
        branch: &str,
        expected_head: Option<&str>,
        commit: &Commit,
        ch: &Character,
        actor: &str,
    ) -> Result<()> {
        let r = self.write(|tx| {
            check_ref_name(branch)?;
            commit.verify()?;
            if ch.id.as_deref() != Some(id) {
                return Err(StoreError::Invalid { what: "commit", reason: format!("the character's id is not `{id}`") });
            }
            let object = canonical_id(ch)?;
            if object != commit.body.object {
                return Err(StoreError::Tampered { kind: "object", id: commit.body.object.clone(), actual: object });
            }
            if character_state(tx, id)? != Some(false) {
                return Err(StoreError::NotFound { kind: "live character", id: id.to_string() });
            }
            let actual = read_ref(tx, id, "branch", branch)?;
            check_head(id, branch, expected_head, actual)?;
            for p in &commit.body.parents {
                read_commit(tx, Some(id), p)?;
            }
            write_object(tx, ch)?;
            write_commit(tx, id, commit)?;
            set_branch(tx, id, branch, &commit.id)?;
            let now = now_ms();
            tx.prepare_cached("UPDATE characters SET name = ?2, updated_ms = ?3 WHERE id = ?1")
                .and_then(|mut s| s.execute(params![id, ch.name, now]))
                .step("update character")?;
            let payload = json!({"branch": branch, "version": commit.id, "parents": commit.body.parents, "kind": commit.body.kind});
            append_event(tx, now, "character.committed", id, actor, &payload)?;
            append_audit(tx, now, actor, "character.commit", id, "ok")
        });
        self.audited(actor, "character.commit", id, r)
    }

    fn graph<'a>(&'a self, id: &str) -> Result<Box<dyn Graph + 'a>> {
        self.read(|c| require_character(c, id))?;
        Ok(Box::new(StoreGraph {
            store: self,
            character: id.to_string(),
        }))
    }
}

/// One character's history in a [`SqliteStore`], read through the core's [`Graph`] trait.
#[derive(Debug)]
pub struct StoreGraph<'a> {
    store: &'a SqliteStore,
    character: String,
}

impl Graph for StoreGraph<'_> {
    fn commit(&self, id: &str) -> dnd_core::Result<dnd_core::history::Commit> {
        self.store
            .read(|c| read_commit(c, Some(&self.character), id))
            .map_err(StoreError::into_core)
    }

    fn object(&self, id: &str) -> dnd_core::Result<Character> {
        self.store
            .read(|c| read_object(c, id))
            .map_err(StoreError::into_core)
    }

    fn head(&self, branch: &str) -> dnd_core::Result<Option<String>> {
        self.store
            .read(|c| read_ref(c, &self.character, "branch", branch))
            .map_err(StoreError::into_core)
    }
}
