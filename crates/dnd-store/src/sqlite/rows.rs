//! Row-level reads and writes of objects, commits, refs and characters, shared by the store's
//! operations (all run on a connection inside the caller's transaction).

use std::sync::{Arc, Mutex};

use dnd_core::history::{Commit, CommitBody, canonical_of, content_id, is_hash, sha256_hex};
use dnd_core::model::Character;
use rusqlite::{Connection, OptionalExtension, params};

use super::{compress, decompress, lock};
use crate::cache::Lru;
use crate::error::{Result, SqlStep, StoreError};

/// Objects and commits that a read verified, each with the exact stored bytes it came from
/// (the compressed object, the commit body). A read still fetches the stored bytes; only when
/// they equal the remembered ones does it skip inflating, hashing and parsing them, since the
/// same bytes verify and parse the same way. Any other bytes go through the full check.
#[derive(Debug)]
pub(crate) struct Verified {
    objects: Mutex<Lru<(Vec<u8>, Character)>>,
    commits: Mutex<Lru<(String, Commit)>>,
}

impl Verified {
    pub(crate) fn new(capacity: usize) -> Verified {
        Verified {
            objects: Mutex::new(Lru::new(capacity)),
            commits: Mutex::new(Lru::new(capacity.saturating_mul(4))),
        }
    }
}

/// Reads and verifies a commit of `character` (any character when `None`).
pub(crate) fn read_commit(conn: &Connection, character: Option<&str>, id: &str) -> Result<Commit> {
    read_commit_with(conn, character, id, None)
}

/// [`read_commit`], skipping the parse and hash of a body identical to one verified before.
pub(crate) fn read_commit_with(
    conn: &Connection,
    character: Option<&str>,
    id: &str,
    verified: Option<&Verified>,
) -> Result<Commit> {
    let row: Option<(String, String)> = conn
        .prepare_cached("SELECT character_id, body FROM commits WHERE id = ?1")
        .and_then(|mut s| s.query_row([id], |r| Ok((r.get(0)?, r.get(1)?))).optional())
        .step("read commit")?;
    let Some((_, body)) = row.filter(|(c, _)| character.is_none_or(|want| want == c)) else {
        return Err(StoreError::NotFound {
            kind: "version",
            id: id.to_string(),
        });
    };
    commit_of(id, body, verified)
}

/// Verifies a stored commit body (skipping bytes identical to ones verified before).
fn commit_of(id: &str, body: String, verified: Option<&Verified>) -> Result<Commit> {
    let Some(verified) = verified else {
        return parse_commit(id, &body);
    };
    if let Some(hit) = lock(&verified.commits).get(id)
        && hit.0 == body
    {
        return Ok(hit.1.clone());
    }
    let c = parse_commit(id, &body)?;
    lock(&verified.commits).put(id.to_string(), Arc::new((body, c.clone())));
    Ok(c)
}

/// Loads the head of branch `branch` of `character` in one query (ref, commit and object
/// joined), verifying both hashes as [`read_commit_with`] and [`read_object_with`] do.
/// `None` when there is no such branch (the caller then resolves tags and commit ids), or,
/// with `single`, when answering would take a second statement (the joined row's object is not
/// the one its body names, or is missing): the caller retries inside a transaction.
pub(crate) fn load_branch_head(
    conn: &Connection,
    character: &str,
    branch: &str,
    verified: &Verified,
    single: bool,
) -> Result<Option<(Character, Commit)>> {
    let sql = "SELECT c.id, c.body, c.object_id, o.data FROM refs r
               JOIN commits c ON c.id = r.commit_id AND c.character_id = r.character_id
               LEFT JOIN objects o ON o.id = c.object_id
               WHERE r.character_id = ?1 AND r.kind = 'branch' AND r.name = ?2";
    load_joined(conn, sql, character, branch, verified, single)
}

/// Loads version `commit` of `character` in one query (commit and object joined), verified.
/// `None` when the character has no such version.
pub(crate) fn load_version(
    conn: &Connection,
    character: &str,
    commit: &str,
    verified: &Verified,
) -> Result<Option<(Character, Commit)>> {
    let sql = "SELECT c.id, c.body, c.object_id, o.data FROM commits c
               LEFT JOIN objects o ON o.id = c.object_id
               WHERE c.character_id = ?1 AND c.id = ?2";
    load_joined(conn, sql, character, commit, verified, false)
}

fn load_joined(
    conn: &Connection,
    sql: &str,
    character: &str,
    key: &str,
    verified: &Verified,
    single: bool,
) -> Result<Option<(Character, Commit)>> {
    type Row = (String, String, String, Option<Vec<u8>>);
    let row: Option<Row> = conn
        .prepare_cached(sql)
        .and_then(|mut s| {
            s.query_row(params![character, key], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })
            .optional()
        })
        .step("load")?;
    let Some((id, body, object_column, data)) = row else {
        return Ok(None);
    };
    let commit = commit_of(&id, body, Some(verified))?;
    // The joined object is the one the verified body names (the column is not hashed).
    let ch = match data {
        Some(data) if object_column == commit.body.object => {
            object_of(&commit.body.object, data, Some(verified))?
        }
        _ if single => return Ok(None),
        _ => read_object_with(conn, &commit.body.object, Some(verified))?,
    };
    Ok(Some((ch, commit)))
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

/// Reads, inflates, verifies and parses a character object; with `verified`, skips inflate, hash
/// and parse of stored bytes identical to ones verified before.
pub(crate) fn read_object_with(
    conn: &Connection,
    id: &str,
    verified: Option<&Verified>,
) -> Result<Character> {
    let data: Option<Vec<u8>> = conn
        .prepare_cached("SELECT data FROM objects WHERE id = ?1")
        .and_then(|mut s| s.query_row([id], |r| r.get(0)).optional())
        .step("read object")?;
    let data = data.ok_or_else(|| StoreError::NotFound {
        kind: "object",
        id: id.to_string(),
    })?;
    object_of(id, data, verified)
}

/// Verifies stored object bytes (skipping bytes identical to ones verified before).
fn object_of(id: &str, data: Vec<u8>, verified: Option<&Verified>) -> Result<Character> {
    let Some(verified) = verified else {
        return inflate_object(id, &data);
    };
    if let Some(hit) = lock(&verified.objects).get(id)
        && hit.0 == data
    {
        return Ok(hit.1.clone());
    }
    let ch = inflate_object(id, &data)?;
    lock(&verified.objects).put(id.to_string(), Arc::new((data, ch.clone())));
    Ok(ch)
}

/// Inflates, verifies and parses stored object bytes.
fn inflate_object(id: &str, data: &[u8]) -> Result<Character> {
    let bytes = decompress(data).map_err(|_| StoreError::Tampered {
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

/// Stores the canonical bytes `text` of an object whose id is `id` (once per content address).
pub(crate) fn write_object_bytes(conn: &Connection, id: &str, text: &[u8]) -> Result<()> {
    let exists: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM objects WHERE id = ?1)")
        .and_then(|mut s| s.query_row([id], |r| r.get(0)))
        .step("write object")?;
    if !exists {
        let data = compress(text)?;
        conn.prepare_cached("INSERT INTO objects (id, data) VALUES (?1, ?2)")
            .and_then(|mut s| s.execute(params![id, data]))
            .step("write object")?;
    }
    Ok(())
}

/// Inserts a verified commit of `character` (once). Its parents are read from its body.
pub(crate) fn write_commit(conn: &Connection, character: &str, c: &Commit) -> Result<()> {
    write_commit_body(conn, character, c, &canonical_of(&c.body)?)
}

/// [`write_commit`] with the canonical JSON of the body already made.
pub(crate) fn write_commit_body(
    conn: &Connection,
    character: &str,
    c: &Commit,
    body: &str,
) -> Result<()> {
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
        // Stored already (an import of a known commit): it must be this character's.
        read_commit(conn, Some(character), &c.id)?;
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

pub(crate) fn set_branch(
    conn: &Connection,
    character: &str,
    name: &str,
    commit: &str,
) -> Result<()> {
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

pub(crate) fn require_character(conn: &Connection, id: &str) -> Result<()> {
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

pub(crate) fn check_head(
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
pub(crate) fn new_character_id(conn: &Connection, genesis: &str) -> Result<String> {
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
