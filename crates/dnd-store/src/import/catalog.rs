//! The catalog table: imported entries, one transaction per import (re-importing a source
//! replaces its entries; a failed import leaves nothing behind).

use std::collections::BTreeMap;
use std::path::Path;

use rusqlite::params;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{CatalogEntry, Facets, ImportFormat, Progress, read_dataset};
use crate::error::{Result, SqlStep, StoreError};
use crate::events::{append_audit, append_event};
use crate::sqlite::{SqliteStore, now_ms};

/// What one import wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    /// The source (`open5e`, `5e-database`, `srd-markdown`).
    pub source: String,
    /// Entries written.
    pub entries: usize,
    /// Entries of that source that were there before and were replaced.
    pub replaced: usize,
    /// Entries linked to a rules pack id.
    pub linked: usize,
    /// Entries per kind.
    pub by_kind: BTreeMap<String, usize>,
}

/// Counts of the catalog.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogStats {
    /// Entries per source and kind.
    pub by_source: BTreeMap<String, BTreeMap<String, usize>>,
    /// Every entry.
    pub total: usize,
}

type Row = (
    String,
    String,
    String,
    String,
    Option<String>,
    String,
    String,
    String,
    String,
);

fn entry_of(r: Row) -> Result<CatalogEntry> {
    let (source, kind, id, name, rules_id, text, facets, origin, licence) = r;
    let facets: Facets = serde_json::from_str(&facets).map_err(|e| StoreError::Corrupt {
        reason: format!("catalog entry {source}/{kind}/{id}: {e}"),
    })?;
    Ok(CatalogEntry {
        source,
        kind,
        id,
        name,
        rules_id,
        text,
        facets,
        origin,
        licence,
    })
}

const COLUMNS: &str = "source, kind, id, name, rules_id, text, facets, origin, licence";

impl SqliteStore {
    /// Reads a data set folder and replaces that source's catalog entries in one transaction.
    /// Reading happens before any write, so a malformed file (its name, line and column in
    /// `store.import.malformed`) leaves the catalog as it was; so does any failed write.
    pub fn import_catalog(
        &self,
        format: ImportFormat,
        dir: &Path,
        rules: &dnd_core::rules::Rules,
        actor: &str,
        progress: &mut dyn FnMut(&Progress),
    ) -> Result<ImportReport> {
        let entries = read_dataset(format, dir, rules, progress)?;
        self.replace_catalog(format.as_str(), &dir.display().to_string(), &entries, actor)
    }

    /// Replaces every entry of `source` with `entries` (one transaction, with a
    /// `catalog.imported` event the search index follows).
    pub fn replace_catalog(
        &self,
        source: &str,
        dir: &str,
        entries: &[CatalogEntry],
        actor: &str,
    ) -> Result<ImportReport> {
        let mut by_kind: BTreeMap<String, usize> = BTreeMap::new();
        for e in entries {
            *by_kind.entry(e.kind.clone()).or_default() += 1;
        }
        let linked = entries.iter().filter(|e| e.rules_id.is_some()).count();
        let replaced = self.write(|tx| {
            let now = now_ms();
            let replaced = tx
                .execute("DELETE FROM catalog_entries WHERE source = ?1", [source])
                .step("import")?;
            let mut ins = tx
                .prepare_cached(&format!(
                    "INSERT INTO catalog_entries ({COLUMNS}, imported_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
                ))
                .step("import")?;
            for e in entries {
                let facets = serde_json::to_string(&e.facets).map_err(|err| StoreError::Invalid {
                    what: "catalog entry",
                    reason: err.to_string(),
                })?;
                ins.execute(params![
                    source, e.kind, e.id, e.name, e.rules_id, e.text, facets, e.origin, e.licence, now
                ])
                .step("import")?;
            }
            tx.execute(
                "INSERT INTO catalog_imports (source, dir, entries, imported_ms) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (source) DO UPDATE SET dir = excluded.dir, entries = excluded.entries,
                     imported_ms = excluded.imported_ms",
                params![source, dir, entries.len() as i64, now],
            )
            .step("import")?;
            let payload = json!({"entries": entries.len(), "replaced": replaced, "by_kind": by_kind});
            append_event(tx, now, "catalog.imported", source, actor, &payload)?;
            append_audit(tx, now, actor, "catalog.import", source, "ok")?;
            Ok(replaced)
        })?;
        Ok(ImportReport {
            source: source.to_string(),
            entries: entries.len(),
            replaced,
            linked,
            by_kind,
        })
    }

    /// Catalog entries, of one kind and/or source if given, by kind, id and source.
    pub fn catalog_entries(
        &self,
        kind: Option<&str>,
        source: Option<&str>,
    ) -> Result<Vec<CatalogEntry>> {
        let rows: Vec<Row> = self.read(|c| {
            let mut s = c
                .prepare(&format!(
                    "SELECT {COLUMNS} FROM catalog_entries WHERE (?1 IS NULL OR kind = ?1)
                     AND (?2 IS NULL OR source = ?2) ORDER BY kind, id, source"
                ))
                .step("catalog")?;
            let rows = s
                .query_map(params![kind, source], |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                        r.get(6)?,
                        r.get(7)?,
                        r.get(8)?,
                    ))
                })
                .step("catalog")?;
            rows.collect::<rusqlite::Result<_>>().step("catalog")
        })?;
        rows.into_iter().map(entry_of).collect()
    }

    /// Entries per source and kind.
    pub fn catalog_stats(&self) -> Result<CatalogStats> {
        let rows: Vec<(String, String, i64)> = self.read(|c| {
            let mut s = c
                .prepare("SELECT source, kind, COUNT(*) FROM catalog_entries GROUP BY source, kind")
                .step("catalog")?;
            let rows = s
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .step("catalog")?;
            rows.collect::<rusqlite::Result<_>>().step("catalog")
        })?;
        let mut stats = CatalogStats::default();
        for (source, kind, n) in rows {
            let n = usize::try_from(n).unwrap_or(0);
            stats.total += n;
            stats.by_source.entry(source).or_default().insert(kind, n);
        }
        Ok(stats)
    }
}
