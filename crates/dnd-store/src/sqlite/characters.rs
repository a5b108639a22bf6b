//! Characters, versions and refs in SQLite: the [`Store`] implementation.

use dnd_core::history::{
    Commit, CommitMeta, Graph, canonical_bytes, check_ref_name, is_hash, sha256_hex,
};
use dnd_core::model::Character;
use rayon::prelude::*;
use rusqlite::{Connection, params};
use serde_json::json;

use super::rows::{
    character_state, check_head, load_branch_head, load_version, parse_commit, read_commit,
    read_ref, require_character, resolve, set_branch, write_commit, write_object_bytes,
};
use super::save::{actor_of, apply_all, prepare};
use super::{SqliteStore, StoreGraph, now_ms};
use crate::error::{Result, SqlStep, StoreError};
use crate::events::{append_audit, append_event};
use crate::store::{CharacterRow, RefRow, SaveRequest, Saved, Store};

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
        let r = prepare(&req).and_then(|p| self.save_grouped(p));
        let target = ch.id.as_deref().unwrap_or("new character");
        self.audited(actor_of(owner, meta), "character.save", target, r)
    }

    fn save_batch(&self, items: &[SaveRequest<'_>]) -> Result<Vec<Saved>> {
        // Canonical JSON, hashes and deflate of every item on all cores, before the write lock.
        let prepared = items.par_iter().map(prepare).collect::<Result<Vec<_>>>()?;
        self.write(|tx| apply_all(tx, prepared, now_ms()))
    }

    fn load(&self, id: &str, branch_or_version: &str) -> Result<(Character, Commit)> {
        // A branch, then a tag, then a commit id, as `resolve` orders them; each found version
        // is read with its object in one query (for a branch head, the only statement).
        let v = branch_or_version;
        if let Some(found) = self.read_one(|c| load_branch_head(c, id, v, &self.verified, true))? {
            return Ok(found);
        }
        self.read(|c| {
            if let Some(found) = load_branch_head(c, id, v, &self.verified, false)? {
                return Ok(found);
            }
            let at = match read_ref(c, id, "tag", v)? {
                Some(tagged) => tagged,
                None if is_hash(v) => v.to_string(),
                None => resolve(c, id, v)?,
            };
            if let Some(found) = load_version(c, id, &at, &self.verified)? {
                return Ok(found);
            }
            // No such version: the error `resolve` gives (no character, or no version).
            require_character(c, id)?;
            Err(StoreError::NotFound {
                kind: "version",
                id: at,
            })
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
                    // Parent links come from each commit's body (its canonical JSON lists
                    // them); a body that is not JSON ends the walk and fails its hash check.
                    "WITH RECURSIVE anc(id) AS (
                         SELECT ?1 UNION
                         SELECT j.value FROM anc JOIN commits p ON p.id = anc.id,
                             json_each(CASE WHEN json_valid(p.body) THEN p.body ELSE '{}' END, '$.parents') j)
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
            let text = canonical_bytes(ch)?;
            let object = sha256_hex(&text);
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
            write_object_bytes(tx, &object, &text)?;
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
        Ok(Box::new(StoreGraph::new(self, id)))
    }
}
