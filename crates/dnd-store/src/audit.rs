//! The append-only audit log: who did what to what, when, and how it ended.

use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};

use crate::error::{Result, SqlStep};
use crate::sqlite::{SqliteStore, now_ms};

/// One row of the append-only audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// Row id.
    pub id: i64,
    /// When (milliseconds since the Unix epoch).
    pub time_ms: i64,
    /// Who acted.
    pub actor: String,
    /// What they did (`character.save`, `tag.create`…).
    pub action: String,
    /// What they did it to.
    pub target: String,
    /// `ok`, or the error code of a refused or failed action.
    pub outcome: String,
}

/// Which audit rows to return; every set field must match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// Only this actor.
    pub actor: Option<String>,
    /// Only this action.
    pub action: Option<String>,
    /// Only this target.
    pub target: Option<String>,
    /// Only this outcome.
    pub outcome: Option<String>,
    /// Only rows at or after this time.
    pub since_ms: Option<i64>,
    /// Only rows before this time.
    pub until_ms: Option<i64>,
    /// At most this many (newest first); all when `None`.
    pub limit: Option<usize>,
}

/// Appends an audit row inside the caller's transaction.
pub(crate) fn append_audit(
    c: &Connection,
    time: i64,
    actor: &str,
    action: &str,
    target: &str,
    outcome: &str,
) -> Result<()> {
    c.prepare_cached(
        "INSERT INTO audit (time_ms, actor, action, target, outcome) VALUES (?1, ?2, ?3, ?4, ?5)",
    )
    .and_then(|mut s| s.execute(params![time, actor, action, target, outcome]))
    .step("append audit")?;
    Ok(())
}

impl SqliteStore {
    /// Appends an audit row (for actions decided outside the store, such as a denied request).
    pub fn record_audit(
        &self,
        actor: &str,
        action: &str,
        target: &str,
        outcome: &str,
    ) -> Result<()> {
        self.write(|tx| append_audit(tx, now_ms(), actor, action, target, outcome))
    }

    /// Audit rows matching `filter`, newest first.
    pub fn audit_log(&self, filter: &AuditFilter) -> Result<Vec<AuditEntry>> {
        self.read(|c| {
            let mut s = c
                .prepare(
                    "SELECT id, time_ms, actor, action, target, outcome FROM audit
                     WHERE (?1 IS NULL OR actor = ?1) AND (?2 IS NULL OR action = ?2)
                       AND (?3 IS NULL OR target = ?3) AND (?4 IS NULL OR outcome = ?4)
                       AND (?5 IS NULL OR time_ms >= ?5) AND (?6 IS NULL OR time_ms < ?6)
                     ORDER BY id DESC LIMIT ?7",
                )
                .step("audit")?;
            let limit = filter
                .limit
                .map_or(-1, |l| i64::try_from(l).unwrap_or(i64::MAX));
            let f = filter;
            let rows = s
                .query_map(
                    params![
                        f.actor, f.action, f.target, f.outcome, f.since_ms, f.until_ms, limit
                    ],
                    |r| {
                        Ok(AuditEntry {
                            id: r.get(0)?,
                            time_ms: r.get(1)?,
                            actor: r.get(2)?,
                            action: r.get(3)?,
                            target: r.get(4)?,
                            outcome: r.get(5)?,
                        })
                    },
                )
                .step("audit")?;
            rows.collect::<rusqlite::Result<_>>().step("audit")
        })
    }

    /// Deletes audit rows older than `older_than_ms`; returns how many.
    pub fn prune_audit(&self, older_than_ms: i64) -> Result<usize> {
        self.write(|tx| {
            tx.execute("DELETE FROM audit WHERE time_ms < ?1", [older_than_ms])
                .step("prune audit")
        })
    }
}
