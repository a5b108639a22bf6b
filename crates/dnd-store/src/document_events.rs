//! A document write with an event of the caller's choosing, in one transaction (job records
//! and their progress events: the event log tells followers what changed and how far it is).

use rusqlite::params;
use serde_json::Value;

use crate::error::{Result, SqlStep};
use crate::events::append_event;
use crate::sqlite::{SqliteStore, now_ms};

impl SqliteStore {
    /// Creates or replaces a document and appends the event `event_kind` (subject: the
    /// document id, actor: `owner`) with `payload`, atomically.
    pub fn put_document_with_event(
        &self,
        id: &str,
        kind: &str,
        owner: &str,
        body: &Value,
        event_kind: &str,
        payload: &Value,
    ) -> Result<()> {
        let text = body.to_string();
        self.write(|tx| {
            let now = now_ms();
            tx.execute(
                "INSERT INTO documents (id, kind, owner, body, created_ms, updated_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?5)
                 ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, owner = excluded.owner,
                     body = excluded.body, updated_ms = excluded.updated_ms",
                params![id, kind, owner, text, now],
            )
            .step("put document")?;
            append_event(tx, now, event_kind, id, owner, payload)
        })
    }
}
