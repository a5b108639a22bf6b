//! Blobs (portraits, maps, PDFs) addressed by the SHA-256 of their bytes, linked to subjects.

use dnd_core::history::sha256_hex;
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::error::{Result, SqlStep, StoreError};
use crate::events::{append_audit, append_event};
use crate::sqlite::{SqliteStore, now_ms};

const MIB: u64 = 1024 * 1024;

/// What an asset is for; each kind has its own size limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssetKind {
    /// A character portrait.
    Portrait,
    /// A battle or world map.
    Map,
    /// A PDF handout.
    Pdf,
    /// Anything else.
    Other,
}

impl AssetKind {
    /// The stored name of the kind.
    pub fn as_str(self) -> &'static str {
        match self {
            AssetKind::Portrait => "portrait",
            AssetKind::Map => "map",
            AssetKind::Pdf => "pdf",
            AssetKind::Other => "other",
        }
    }

    /// The kind of a stored name (unknown names are `Other`).
    pub fn parse(s: &str) -> AssetKind {
        match s {
            "portrait" => AssetKind::Portrait,
            "map" => AssetKind::Map,
            "pdf" => AssetKind::Pdf,
            _ => AssetKind::Other,
        }
    }
}

/// Size limits in bytes, per asset kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    /// Portraits (default 10 MiB).
    pub portrait: u64,
    /// Maps (default 25 MiB).
    pub map: u64,
    /// PDFs (default 50 MiB).
    pub pdf: u64,
    /// Anything else (default 10 MiB).
    pub other: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            portrait: 10 * MIB,
            map: 25 * MIB,
            pdf: 50 * MIB,
            other: 10 * MIB,
        }
    }
}

impl Limits {
    /// The limit for a kind.
    pub fn for_kind(&self, kind: AssetKind) -> u64 {
        match kind {
            AssetKind::Portrait => self.portrait,
            AssetKind::Map => self.map,
            AssetKind::Pdf => self.pdf,
            AssetKind::Other => self.other,
        }
    }
}

/// An asset's address: the SHA-256 of its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct AssetId(pub String);

impl std::fmt::Display for AssetId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// What is known about an asset besides its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssetMeta {
    /// Its address.
    pub id: AssetId,
    /// Who first stored it.
    pub owner: String,
    /// Its MIME type.
    pub content_type: String,
    /// What it is for.
    pub kind: AssetKind,
    /// Size in bytes.
    pub size: u64,
    /// Free tags given when it was first stored.
    pub tags: Vec<String>,
    /// When it was first stored.
    pub created_ms: i64,
}

type MetaRow = (String, String, String, String, i64, String, i64);

fn meta_of(row: MetaRow) -> Result<AssetMeta> {
    let (id, owner, content_type, kind, size, tags, created_ms) = row;
    Ok(AssetMeta {
        tags: serde_json::from_str(&tags).map_err(|e| StoreError::Corrupt {
            reason: format!("asset `{id}` tags: {e}"),
        })?,
        id: AssetId(id),
        owner,
        content_type,
        kind: AssetKind::parse(&kind),
        size: u64::try_from(size).unwrap_or(0),
        created_ms,
    })
}

fn meta_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<MetaRow> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
    ))
}

const META_COLS: &str = "id, owner, content_type, kind, size, tags, created_ms";

impl SqliteStore {
    /// Stores a blob (once: the same bytes give the same id and are kept once). Above the
    /// kind's limit it is `store.too_large`.
    pub fn put_asset(
        &self,
        owner: &str,
        content_type: &str,
        bytes: &[u8],
        tags: &[&str],
        kind: AssetKind,
    ) -> Result<AssetId> {
        let size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
        let limit = self.config.limits.for_kind(kind);
        if size > limit {
            return Err(StoreError::TooLarge {
                kind: kind.as_str().to_string(),
                size,
                limit,
            });
        }
        let id = sha256_hex(bytes);
        let tags = serde_json::to_string(tags).map_err(|e| StoreError::Invalid {
            what: "tags",
            reason: e.to_string(),
        })?;
        self.write(|tx| {
            let now = now_ms();
            let n = tx
                .execute(
                    "INSERT OR IGNORE INTO assets (id, owner, content_type, kind, size, tags, created_ms, data)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    params![id, owner, content_type, kind.as_str(), i64::try_from(size).unwrap_or(i64::MAX), tags, now, bytes],
                )
                .step("put asset")?;
            if n > 0 {
                append_event(tx, now, "asset.put", &id, owner, &json!({"kind": kind, "size": size}))?;
                append_audit(tx, now, owner, "asset.put", &id, "ok")?;
            }
            Ok(())
        })?;
        Ok(AssetId(id))
    }

    /// An asset and its bytes, verified against its address.
    pub fn get_asset(&self, id: &AssetId) -> Result<(AssetMeta, Vec<u8>)> {
        let (row, data) = self
            .read(|c| {
                c.query_row(
                    &format!("SELECT {META_COLS}, data FROM assets WHERE id = ?1"),
                    [&id.0],
                    |r| Ok((meta_row(r)?, r.get::<_, Vec<u8>>(7)?)),
                )
                .optional()
                .step("get asset")
            })?
            .ok_or_else(|| StoreError::NotFound {
                kind: "asset",
                id: id.0.clone(),
            })?;
        let actual = sha256_hex(&data);
        if actual != id.0 {
            return Err(StoreError::Tampered {
                kind: "asset",
                id: id.0.clone(),
                actual,
            });
        }
        Ok((meta_of(row)?, data))
    }

    /// Assets (of one owner, or all), by id.
    pub fn list_assets(&self, owner: Option<&str>) -> Result<Vec<AssetMeta>> {
        let rows: Vec<MetaRow> = self.read(|c| {
            let mut s = c
                .prepare(&format!(
                    "SELECT {META_COLS} FROM assets WHERE ?1 IS NULL OR owner = ?1 ORDER BY id"
                ))
                .step("list assets")?;
            let rows = s.query_map([owner], meta_row).step("list assets")?;
            rows.collect::<rusqlite::Result<_>>().step("list assets")
        })?;
        rows.into_iter().map(meta_of).collect()
    }

    /// Records that `subject` (a character, campaign or document id) uses an asset.
    pub fn link_asset(&self, id: &AssetId, subject: &str) -> Result<()> {
        self.write(|tx| {
            let exists: bool = tx
                .query_row(
                    "SELECT EXISTS (SELECT 1 FROM assets WHERE id = ?1)",
                    [&id.0],
                    |r| r.get(0),
                )
                .step("link asset")?;
            if !exists {
                return Err(StoreError::NotFound {
                    kind: "asset",
                    id: id.0.clone(),
                });
            }
            tx.execute(
                "INSERT OR IGNORE INTO asset_links (asset_id, subject) VALUES (?1, ?2)",
                params![id.0, subject],
            )
            .step("link asset")?;
            Ok(())
        })
    }

    /// Removes a link made by [`SqliteStore::link_asset`].
    pub fn unlink_asset(&self, id: &AssetId, subject: &str) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "DELETE FROM asset_links WHERE asset_id = ?1 AND subject = ?2",
                params![id.0, subject],
            )
            .step("unlink asset")?;
            Ok(())
        })
    }

    /// The subjects that use an asset.
    pub fn asset_links(&self, id: &AssetId) -> Result<Vec<String>> {
        self.read(|c| {
            let mut s = c
                .prepare("SELECT subject FROM asset_links WHERE asset_id = ?1 ORDER BY subject")
                .step("asset links")?;
            let rows = s.query_map([&id.0], |r| r.get(0)).step("asset links")?;
            rows.collect::<rusqlite::Result<_>>().step("asset links")
        })
    }

    /// Deletes every asset no subject links to; returns how many. Link a new asset before the
    /// next collection.
    pub fn gc_assets(&self) -> Result<usize> {
        self.write(|tx| {
            tx.execute(
                "DELETE FROM assets WHERE id NOT IN (SELECT asset_id FROM asset_links)",
                [],
            )
            .step("gc assets")
        })
    }
}
