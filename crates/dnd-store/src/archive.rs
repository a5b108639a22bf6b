//! Online backup, a portable JSON Lines archive (export / import), and `verify`.
//!
//! Archive format, one JSON object per line, in this order, each group sorted: `header`;
//! `character` (by id); `object` (by id; `json` is the canonical text); `commit` (by character,
//! then commit order); `ref` (by character, type, name); `document` (by id); `asset` (by id;
//! `data` in base64); `link` (by asset, subject); and a last `manifest` line with the counts
//! and the SHA-256 of every line before it; the campaign tables come as `row` lines before the
//! manifest (see `archive_rows`). The event and audit logs are not exported.

use std::io::{BufRead, Write};

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use dnd_core::history::sha256_hex;
use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::error::{Result, SqlStep, StoreError};
use crate::events::append_event;
use crate::sqlite::rows::parse_commit;
use crate::sqlite::{SqliteStore, compress, decompress, io, now_ms};

/// One line of an archive.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Line {
    Header {
        format: u32,
        schema: i64,
    },
    Character {
        id: String,
        owner: String,
        name: String,
        created_ms: i64,
        updated_ms: i64,
        deleted_ms: Option<i64>,
    },
    Object {
        id: String,
        json: String,
    },
    Commit {
        character: String,
        id: String,
        body: String,
    },
    Ref {
        character: String,
        kind: String,
        name: String,
        commit: String,
    },
    Document {
        id: String,
        kind: String,
        owner: String,
        body: String,
        created_ms: i64,
        updated_ms: i64,
    },
    Asset {
        id: String,
        owner: String,
        content_type: String,
        kind: String,
        tags: String,
        created_ms: i64,
        data: String,
    },
    Link {
        asset: String,
        subject: String,
    },
    /// A row of a campaign table (see `archive_rows`).
    Row {
        table: String,
        row: std::collections::BTreeMap<String, serde_json::Value>,
    },
    Manifest {
        counts: [usize; 7],
        /// How many `row` lines (absent when none, as in archives from before campaigns).
        #[serde(default, skip_serializing_if = "is_zero")]
        rows: usize,
        sha256: String,
    },
}

pub(crate) fn all<T>(
    c: &Connection,
    sql: &str,
    f: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut s = c.prepare(sql).step("export")?;
    let rows = s.query_map([], f).step("export")?;
    rows.collect::<rusqlite::Result<_>>().step("export")
}

fn archive_lines(c: &Connection) -> Result<Vec<Line>> {
    let mut out = vec![Line::Header {
        format: 1,
        schema: crate::schema::SCHEMA_VERSION,
    }];
    out.extend(all(
        c,
        "SELECT id, owner, name, created_ms, updated_ms, deleted_ms FROM characters ORDER BY id",
        |r| {
            Ok(Line::Character {
                id: r.get(0)?,
                owner: r.get(1)?,
                name: r.get(2)?,
                created_ms: r.get(3)?,
                updated_ms: r.get(4)?,
                deleted_ms: r.get(5)?,
            })
        },
    )?);
    for (id, data) in all(c, "SELECT id, data FROM objects ORDER BY id", |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, Vec<u8>>(1)?))
    })? {
        let json = String::from_utf8(decompress(&data)?).map_err(|e| StoreError::Corrupt {
            reason: format!("object `{id}`: {e}"),
        })?;
        out.push(Line::Object { id, json });
    }
    out.extend(all(
        c,
        "SELECT character_id, id, body FROM commits ORDER BY character_id, seq",
        |r| {
            Ok(Line::Commit {
                character: r.get(0)?,
                id: r.get(1)?,
                body: r.get(2)?,
            })
        },
    )?);
    out.extend(all(
        c,
        "SELECT character_id, kind, name, commit_id FROM refs ORDER BY character_id, kind, name",
        |r| {
            Ok(Line::Ref {
                character: r.get(0)?,
                kind: r.get(1)?,
                name: r.get(2)?,
                commit: r.get(3)?,
            })
        },
    )?);
    out.extend(all(
        c,
        "SELECT id, kind, owner, body, created_ms, updated_ms FROM documents ORDER BY id",
        |r| {
            Ok(Line::Document {
                id: r.get(0)?,
                kind: r.get(1)?,
                owner: r.get(2)?,
                body: r.get(3)?,
                created_ms: r.get(4)?,
                updated_ms: r.get(5)?,
            })
        },
    )?);
    out.extend(all(
        c,
        "SELECT id, owner, content_type, kind, tags, created_ms, data FROM assets ORDER BY id",
        |r| {
            Ok(Line::Asset {
                id: r.get(0)?,
                owner: r.get(1)?,
                content_type: r.get(2)?,
                kind: r.get(3)?,
                tags: r.get(4)?,
                created_ms: r.get(5)?,
                data: B64.encode(r.get::<_, Vec<u8>>(6)?),
            })
        },
    )?);
    out.extend(all(
        c,
        "SELECT asset_id, subject FROM asset_links ORDER BY asset_id, subject",
        |r| {
            Ok(Line::Link {
                asset: r.get(0)?,
                subject: r.get(1)?,
            })
        },
    )?);
    for (table, row) in crate::archive_rows::rows(c)? {
        out.push(Line::Row { table, row });
    }
    Ok(out)
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

fn group(l: &Line) -> usize {
    match l {
        Line::Character { .. } => 0,
        Line::Object { .. } => 1,
        Line::Commit { .. } => 2,
        Line::Ref { .. } => 3,
        Line::Document { .. } => 4,
        Line::Asset { .. } => 5,
        Line::Link { .. } => 6,
        Line::Header { .. } | Line::Manifest { .. } | Line::Row { .. } => 7,
    }
}

fn json_line(l: &Line) -> Result<String> {
    serde_json::to_string(l).map_err(|e| io("export", &e))
}

impl SqliteStore {
    /// Writes the whole store as a JSON Lines archive (see the module docs). The same content
    /// always gives the same bytes.
    pub fn export(&self, mut w: impl Write) -> Result<()> {
        let lines = self.read(archive_lines)?;
        let mut counts = [0usize; 7];
        let mut hash_input = Vec::new();
        for l in &lines {
            if let Some(n) = counts.get_mut(group(l)) {
                *n += 1;
            }
            let text = json_line(l)?;
            hash_input.extend_from_slice(text.as_bytes());
            hash_input.push(b'\n');
        }
        w.write_all(&hash_input).map_err(|e| io("export", &e))?;
        let manifest = Line::Manifest {
            counts,
            rows: lines
                .iter()
                .filter(|l| matches!(l, Line::Row { .. }))
                .count(),
            sha256: sha256_hex(&hash_input),
        };
        writeln!(w, "{}", json_line(&manifest)?).map_err(|e| io("export", &e))
    }

    /// Reads an archive written by [`SqliteStore::export`] into this store in one transaction,
    /// checking the manifest and every hash first (nothing is written if one fails).
    pub fn import(&self, r: impl BufRead) -> Result<usize> {
        let mut lines = Vec::new();
        let mut hash_input = Vec::new();
        let mut manifest = None;
        for (n, text) in r.lines().enumerate() {
            let text = text.map_err(|e| io("import", &e))?;
            let line: Line = serde_json::from_str(&text).map_err(|e| StoreError::Invalid {
                what: "archive",
                reason: format!("line {}: {e}", n + 1),
            })?;
            if let Line::Manifest { sha256, .. } = &line {
                manifest = Some(sha256.clone());
                break;
            }
            hash_input.extend_from_slice(text.as_bytes());
            hash_input.push(b'\n');
            lines.push(line);
        }
        let expected = manifest.ok_or_else(|| StoreError::Invalid {
            what: "archive",
            reason: "no manifest line".into(),
        })?;
        let actual = sha256_hex(&hash_input);
        if actual != expected {
            return Err(StoreError::Tampered {
                kind: "archive",
                id: expected,
                actual,
            });
        }
        self.write(|tx| {
            for l in &lines {
                import_line(tx, l)?;
            }
            append_event(
                tx,
                now_ms(),
                "store.imported",
                "store",
                "store",
                &json!({"lines": lines.len()}),
            )?;
            Ok(lines.len())
        })
    }
}

fn import_line(tx: &Connection, l: &Line) -> Result<()> {
    let step = "import";
    match l {
        Line::Header { format, .. } if *format != 1 => {
            return Err(StoreError::Invalid {
                what: "archive",
                reason: format!("format {format} is unknown"),
            });
        }
        Line::Header { .. } | Line::Manifest { .. } => {}
        Line::Character {
            id,
            owner,
            name,
            created_ms,
            updated_ms,
            deleted_ms,
        } => {
            tx.execute(
                "INSERT OR REPLACE INTO characters (id, owner, name, created_ms, updated_ms, deleted_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![id, owner, name, created_ms, updated_ms, deleted_ms],
            )
            .step(step)?;
        }
        Line::Object { id, json } => {
            let actual = sha256_hex(json.as_bytes());
            if &actual != id {
                return Err(StoreError::Tampered {
                    kind: "object",
                    id: id.clone(),
                    actual,
                });
            }
            tx.execute(
                "INSERT OR IGNORE INTO objects (id, data) VALUES (?1, ?2)",
                params![id, compress(json.as_bytes())?],
            )
            .step(step)?;
        }
        Line::Commit {
            character,
            id,
            body,
        } => {
            let c = parse_commit(id, body)?;
            crate::sqlite::rows::write_commit(tx, character, &c)?;
        }
        Line::Ref {
            character,
            kind,
            name,
            commit,
        } => {
            tx.execute(
                "INSERT OR REPLACE INTO refs (character_id, kind, name, commit_id) VALUES (?1, ?2, ?3, ?4)",
                params![character, kind, name, commit],
            )
            .step(step)?;
        }
        Line::Document {
            id,
            kind,
            owner,
            body,
            created_ms,
            updated_ms,
        } => {
            tx.execute(
                "INSERT OR REPLACE INTO documents (id, kind, owner, body, created_ms, updated_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![id, kind, owner, body, created_ms, updated_ms],
            )
            .step(step)?;
        }
        Line::Asset {
            id,
            owner,
            content_type,
            kind,
            tags,
            created_ms,
            data,
        } => {
            let bytes = B64.decode(data).map_err(|e| StoreError::Invalid {
                what: "archive",
                reason: format!("asset `{id}`: {e}"),
            })?;
            let actual = sha256_hex(&bytes);
            if &actual != id {
                return Err(StoreError::Tampered {
                    kind: "asset",
                    id: id.clone(),
                    actual,
                });
            }
            tx.execute(
                "INSERT OR IGNORE INTO assets (id, owner, content_type, kind, size, tags, created_ms, data) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![id, owner, content_type, kind, i64::try_from(bytes.len()).unwrap_or(i64::MAX), tags, created_ms, bytes],
            )
            .step(step)?;
        }
        Line::Row { table, row } => crate::archive_rows::import_row(tx, table, row)?,
        Line::Link { asset, subject } => {
            tx.execute(
                "INSERT OR IGNORE INTO asset_links (asset_id, subject) VALUES (?1, ?2)",
                params![asset, subject],
            )
            .step(step)?;
        }
    }
    Ok(())
}
