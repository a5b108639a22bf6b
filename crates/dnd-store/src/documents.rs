//! Generic JSON documents: proposals, themes and campaigns, for the issues that define them.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::error::{Result, SqlStep, StoreError};
use crate::events::{append_audit, append_event};
use crate::sqlite::{SqliteStore, now_ms};

/// A stored JSON document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Its id (chosen by the caller).
    pub id: String,
    /// `proposal`, `theme`, `campaign`…
    pub kind: String,
    /// The owner (a plain user id).
    pub owner: String,
    /// The content.
    pub body: Value,
    /// When it was first stored (set by the store).
    #[serde(default)]
    pub created_ms: i64,
    /// When it was last stored (set by the store).
    #[serde(default)]
    pub updated_ms: i64,
}

type DocRow = (String, String, String, String, i64, i64);

fn doc_of(row: DocRow) -> Result<Document> {
    let (id, kind, owner, body, created_ms, updated_ms) = row;
    let body = serde_json::from_str(&body).map_err(|e| StoreError::Corrupt {
        reason: format!("document `{id}`: {e}"),
    })?;
    Ok(Document {
        id,
        kind,
        owner,
        body,
        created_ms,
        updated_ms,
    })
}

fn doc_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<DocRow> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
    ))
}

impl SqliteStore {
    /// Creates or replaces a document (its kind and owner included).
    pub fn put_document(&self, id: &str, kind: &str, owner: &str, body: &Value) -> Result<()> {
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
            append_event(tx, now, &format!("{kind}.saved"), id, owner, &json!({}))?;
            append_audit(tx, now, owner, &format!("{kind}.save"), id, "ok")
        })
    }

    /// A document by id.
    pub fn get_document(&self, id: &str) -> Result<Document> {
        let row = self.read(|c| {
            c.query_row(
                "SELECT id, kind, owner, body, created_ms, updated_ms FROM documents WHERE id = ?1",
                [id],
                doc_row,
            )
            .optional()
            .step("get document")
        })?;
        doc_of(row.ok_or_else(|| StoreError::NotFound {
            kind: "document",
            id: id.to_string(),
        })?)
    }

    /// Documents of a kind (and owner, if given), by id.
    pub fn list_documents(&self, kind: &str, owner: Option<&str>) -> Result<Vec<Document>> {
        let rows: Vec<DocRow> = self.read(|c| {
            let mut s = c
                .prepare(
                    "SELECT id, kind, owner, body, created_ms, updated_ms FROM documents
                     WHERE kind = ?1 AND (?2 IS NULL OR owner = ?2) ORDER BY id",
                )
                .step("list documents")?;
            let rows = s
                .query_map(params![kind, owner], doc_row)
                .step("list documents")?;
            rows.collect::<rusqlite::Result<_>>().step("list documents")
        })?;
        rows.into_iter().map(doc_of).collect()
    }

    /// Deletes a document; `store.not_found` if there is none.
    pub fn delete_document(&self, id: &str, actor: &str) -> Result<()> {
        self.write(|tx| {
            let n = tx
                .execute("DELETE FROM documents WHERE id = ?1", [id])
                .step("delete document")?;
            if n == 0 {
                return Err(StoreError::NotFound {
                    kind: "document",
                    id: id.to_string(),
                });
            }
            let now = now_ms();
            append_event(tx, now, "document.deleted", id, actor, &json!({}))?;
            append_audit(tx, now, actor, "document.delete", id, "ok")
        })
    }
}
