//! Verbs: assets, the event and audit logs, backup, export and import, verification and
//! garbage collection.

use std::io::{BufRead, Write};
use std::path::Path;

use dnd_store::{AssetId, AssetKind, AssetMeta, AuditEntry, AuditFilter, Event, VerifyReport};

use crate::engine::Engine;
use crate::error::Result;

impl Engine {
    /// Stores a blob (deduplicated by SHA-256) within its kind's size limit, linked to
    /// `subject` (a character or campaign id) when given.
    pub fn asset_put(
        &self,
        bytes: &[u8],
        content_type: &str,
        kind: &str,
        tags: &[&str],
        subject: Option<&str>,
    ) -> Result<AssetId> {
        let id = self.store.put_asset(
            &self.actor,
            content_type,
            bytes,
            tags,
            AssetKind::parse(kind),
        )?;
        if let Some(s) = subject {
            self.store.link_asset(&id, s)?;
        }
        Ok(id)
    }

    /// A blob and its metadata.
    pub fn asset_get(&self, id: &str) -> Result<(AssetMeta, Vec<u8>)> {
        Ok(self.store.get_asset(&AssetId(id.to_string()))?)
    }

    /// Every asset (or one owner's).
    pub fn assets(&self, owner: Option<&str>) -> Result<Vec<AssetMeta>> {
        Ok(self.store.list_assets(owner)?)
    }

    /// Deletes blobs nothing links to; returns how many.
    pub fn asset_gc(&self) -> Result<usize> {
        Ok(self.store.gc_assets()?)
    }

    /// Events from sequence number `from` on (every committed change appends one).
    pub fn events(&self, from: i64, limit: usize) -> Result<Vec<Event>> {
        Ok(self.store.events(from, limit)?)
    }

    /// Audit rows, newest first, filtered.
    pub fn audit(&self, filter: &AuditFilter) -> Result<Vec<AuditEntry>> {
        Ok(self.store.audit_log(filter)?)
    }

    /// An online backup to a new database file (writers may keep going).
    pub fn backup(&self, to: impl AsRef<Path>) -> Result<()> {
        Ok(self.store.backup_to(to)?)
    }

    /// Replaces the database at `to` with the backup at `from`, after the backup verifies
    /// clean (otherwise nothing changes and the report says why). Run it with no engine open
    /// on `to`.
    pub fn restore_backup(from: impl AsRef<Path>, to: impl AsRef<Path>) -> Result<VerifyReport> {
        let src = dnd_store::SqliteStore::open(from)?;
        let report = src.verify()?;
        if report.is_clean() {
            src.backup_to(to)?;
        }
        Ok(report)
    }

    /// A portable archive (JSON Lines with a manifest of hashes).
    pub fn export(&self, to: impl Write) -> Result<()> {
        Ok(self.store.export(to)?)
    }

    /// Reads an archive made by [`Engine::export`]; returns how many records it wrote.
    pub fn import(&self, from: impl BufRead) -> Result<usize> {
        Ok(self.store.import(from)?)
    }

    /// Rehashes every object, commit and blob.
    pub fn verify(&self) -> Result<VerifyReport> {
        Ok(self.store.verify()?)
    }

    /// Garbage collection: unreferenced blobs, then `VACUUM`; returns the blobs removed.
    pub fn gc(&self) -> Result<usize> {
        let n = self.store.gc_assets()?;
        self.store.vacuum()?;
        Ok(n)
    }

    /// Drops the snapshots of versions older than the newest `keep_last` (tags and branch
    /// heads kept); returns how many.
    pub fn prune(&self, id: &str, keep_last: usize) -> Result<usize> {
        Ok(self.store.prune_versions(id, keep_last, &self.actor)?)
    }
}
