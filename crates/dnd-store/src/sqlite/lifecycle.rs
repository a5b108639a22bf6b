//! Soft delete, purge, pruning old snapshots, vacuum.

use rusqlite::params;
use serde_json::json;

use super::rows::character_state;
use super::{SqliteStore, now_ms};
use crate::error::{Result, SqlStep, StoreError};
use crate::events::{append_audit, append_event};

impl SqliteStore {
    pub(super) fn set_deleted(&self, id: &str, actor: &str, deleted: bool) -> Result<()> {
        self.write(|tx| {
            if character_state(tx, id)?.is_none() {
                return Err(StoreError::NotFound {
                    kind: "character",
                    id: id.to_string(),
                });
            }
            let now = now_ms();
            let (sql, kind) = if deleted {
                (
                    "UPDATE characters SET deleted_ms = ?2 WHERE id = ?1 AND deleted_ms IS NULL",
                    "character.deleted",
                )
            } else {
                (
                    "UPDATE characters SET deleted_ms = NULL WHERE id = ?1 AND ?2 IS NOT NULL",
                    "character.undeleted",
                )
            };
            tx.execute(sql, params![id, now]).step("delete")?;
            append_event(tx, now, kind, id, actor, &json!({}))?;
            append_audit(tx, now, actor, kind, id, "ok")
        })
    }

    pub(super) fn purge_deleted(&self, older_than_ms: i64) -> Result<usize> {
        self.write(|tx| {
            let ids: Vec<String> = {
                let mut s = tx
                    .prepare("SELECT id FROM characters WHERE deleted_ms IS NOT NULL AND deleted_ms < ?1 ORDER BY id")
                    .step("purge")?;
                let rows = s.query_map([older_than_ms], |r| r.get(0)).step("purge")?;
                rows.collect::<rusqlite::Result<_>>().step("purge")?
            };
            let now = now_ms();
            for id in &ids {
                tx.execute("DELETE FROM refs WHERE character_id = ?1", [id])
                    .step("purge")?;
                tx.execute("DELETE FROM commits WHERE character_id = ?1", [id])
                    .step("purge")?;
                tx.execute("DELETE FROM characters WHERE id = ?1", [id])
                    .step("purge")?;
                tx.execute("DELETE FROM asset_links WHERE subject = ?1", [id])
                    .step("purge")?;
                append_event(tx, now, "character.purged", id, "store", &json!({}))?;
                append_audit(tx, now, "store", "character.purge", id, "ok")?;
            }
            tx.execute(
                "DELETE FROM objects WHERE id NOT IN (SELECT object_id FROM commits)",
                [],
            )
            .step("purge")?;
            Ok(ids.len())
        })
    }

    /// Drops the snapshots (not the commits) of old versions of a character: every version
    /// keeps its commit (small, and the ancestry merges and `history` need), but only the
    /// newest `keep_last` versions, every branch head and every tagged version keep their
    /// character object; loading another version is then `store.not_found` (kind `object`).
    /// No commit reachable from a kept one is deleted. Returns how many snapshots were dropped.
    pub fn prune_versions(&self, id: &str, keep_last: usize, actor: &str) -> Result<usize> {
        self.write(|tx| {
            if character_state(tx, id)?.is_none() {
                return Err(StoreError::NotFound {
                    kind: "character",
                    id: id.to_string(),
                });
            }
            let keep = i64::try_from(keep_last).unwrap_or(i64::MAX);
            let n = tx
                .execute(
                    "DELETE FROM objects WHERE id IN (
                         SELECT object_id FROM commits WHERE character_id = ?1
                         EXCEPT
                         SELECT object_id FROM commits WHERE id IN (
                             SELECT id FROM commits WHERE character_id = ?1 ORDER BY seq DESC LIMIT ?2)
                         EXCEPT
                         SELECT c.object_id FROM commits c JOIN refs r ON r.commit_id = c.id
                         WHERE r.character_id = ?1)",
                    params![id, keep],
                )
                .step("prune")?;
            let now = now_ms();
            append_event(tx, now, "character.pruned", id, actor, &json!({"keep_last": keep_last, "dropped": n}))?;
            append_audit(tx, now, actor, "character.prune", id, "ok")?;
            Ok(n)
        })
    }

    /// Checkpoints the WAL and rebuilds the file, returning free pages to the file system.
    pub fn vacuum(&self) -> Result<()> {
        self.with_writer(|c| {
            c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
                .step("vacuum")?;
            c.execute_batch("VACUUM").step("vacuum")
        })
    }
}
