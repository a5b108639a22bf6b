//! # dnd-store
//!
//! Persistence for **dnd**: characters, their version history, campaigns, assets and the event
//! log in one SQLite file (rusqlite, bundled SQLite, WAL mode). It may depend on `dnd-core`
//! and on I/O crates, never the other way round.
//!
//! - [`Store`] is the backend interface; [`SqliteStore`] implements it.
//! - Every write names the head it expects (`store.conflict` carries both heads otherwise),
//!   runs in one `BEGIN IMMEDIATE` transaction and appends its event and audit rows in it.
//!   Single saves from concurrent threads share one transaction and one fsync (group commit,
//!   a savepoint per save); each caller gets its result only after that commit.
//! - Every read rehashes what it returns (`store.tampered`); [`SqliteStore::verify`] rehashes
//!   everything.
//! - [`import`] reads public SRD data sets into the catalog; [`search`] is the tantivy index
//!   over rules and user content.
//! - The schema is a ladder of migrations ([`schema::MIGRATIONS`]) tracked by `user_version`.

mod archive;
mod archive_rows;
mod assets;
mod audit;
mod backup;
mod cache;
mod campaign_records;
mod campaign_write;
mod campaigns;
mod document_events;
mod documents;
mod error;
mod events;
pub mod import;
pub mod schema;
pub mod search;
mod sqlite;
mod store;

pub use assets::{AssetId, AssetKind, AssetMeta, Limits};
pub use audit::{AuditEntry, AuditFilter};
pub use backup::{Problem, VerifyReport};
pub use cache::CacheStats;
pub use campaign_records::{CampaignSave, CampaignStep, Reversion, StepWritten};
pub use campaigns::CampaignRow;
pub use documents::Document;
pub use error::{Result, StoreError};
pub use events::{DeadLetter, DispatchReport, Event, Handler};
pub use import::{CatalogEntry, CatalogStats, Facets, ImportFormat, ImportReport, Progress};
pub use search::{
    Embedder, Filter, IndexStats, OpenOptions, SearchAnalytics, SearchDoc, SearchHit, SearchIndex,
    SearchRequest, SearchResults, Sort, Suggestion, UserContent, Viewer,
};
pub use sqlite::{SqliteStore, StoreConfig, StoreGraph};
pub use store::{CharacterRow, RefRow, SaveRequest, Saved, Store};

/// The rules engine this store persists.
pub use dnd_core as core;
