//! The one error type of `dnd-store`.

use std::path::PathBuf;

use thiserror::Error;

/// Everything that can fail in `dnd-store`. Each variant has a stable [`StoreError::code`].
#[derive(Debug, Clone, Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The database file could not be opened (missing directory, not a file, locked out).
    #[error("cannot open store `{}`: {reason}", .path.display())]
    Open { path: PathBuf, reason: String },
    /// The database was written by a newer `dnd-store` than this one.
    #[error("store schema version {found} is newer than the newest this build knows ({known})")]
    NewerSchema { found: i64, known: i64 },
    /// The file is not an SQLite database, or its content is damaged.
    #[error("store is corrupt: {reason}")]
    Corrupt { reason: String },
    /// A file-system or SQLite failure not covered by a more specific variant.
    #[error("store I/O failed during {step}: {reason}")]
    Io { step: &'static str, reason: String },
    /// A write named a head the branch no longer has; nothing was written.
    #[error("branch `{branch}` of `{character}` moved: expected head {}, found {}", opt(.expected), opt(.actual))]
    Conflict {
        character: String,
        branch: String,
        expected: Option<String>,
        actual: Option<String>,
    },
    /// A character, version, branch, tag, asset, document or dead letter that does not exist.
    #[error("no {kind} `{id}`")]
    NotFound { kind: &'static str, id: String },
    /// An asset or document above its configured size limit.
    #[error("{kind} of {size} bytes is above the limit of {limit} bytes")]
    TooLarge { kind: String, size: u64, limit: u64 },
    /// Stored content that does not hash to its id.
    #[error("{kind} `{id}` is tampered: its content hashes to `{actual}`")]
    Tampered {
        kind: &'static str,
        id: String,
        actual: String,
    },
    /// The database or its directory cannot be written.
    #[error("store is read-only: {reason}")]
    ReadOnly { reason: String },
    /// The disk (or the configured page limit) is full; the write was rolled back.
    #[error("store is full: {reason}")]
    Full { reason: String },
    /// An input the store refuses (a bad ref name, an existing branch, a malformed archive).
    #[error("invalid {what}: {reason}")]
    Invalid { what: &'static str, reason: String },
    /// An event handler failed (in `replay_dead_letter`).
    #[error("subscriber `{subscriber}` failed on event {seq}: {reason}")]
    Handler {
        subscriber: String,
        seq: i64,
        reason: String,
    },
    /// A data-set file that is not valid JSON (or not the shape its format has); nothing of the
    /// import was kept.
    #[error("{file}:{line}:{column}: {reason}")]
    Malformed {
        file: String,
        line: usize,
        column: usize,
        reason: String,
    },
    /// A folder that is not a copy of the data set named (a required file is missing).
    #[error("`{}` is not a {format} folder: {reason}", .path.display())]
    ImportSource {
        format: &'static str,
        path: PathBuf,
        reason: String,
    },
    /// The search index could not be opened, written or rebuilt.
    #[error("search index: {reason}")]
    Index { reason: String },
    /// A search query or filter that does not parse.
    #[error("invalid search query `{query}`: {reason}")]
    Query { query: String, reason: String },
    /// The configured embedding provider failed (semantic search).
    #[error("embedder `{name}` failed: {reason}")]
    Embedder { name: String, reason: String },
    /// An error from the rules engine (hashing, a ref name).
    #[error(transparent)]
    Core(#[from] dnd_core::Error),
}

fn opt(s: &Option<String>) -> String {
    s.as_deref().map_or("none".into(), |h| format!("`{h}`"))
}

/// `Result` with [`StoreError`].
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

impl StoreError {
    /// Every code of this crate with its meaning and CLI exit code, for the generated list.
    pub const CODES: &'static [(&'static str, &'static str, u8)] = &[
        (
            "store.open",
            "the database file could not be opened or created",
            2,
        ),
        (
            "store.newer_schema",
            "the file was written by a newer version (both schema numbers given)",
            2,
        ),
        (
            "store.corrupt",
            "the file is not a dnd database, or a stored row cannot be read",
            2,
        ),
        ("store.io", "a read or write of the database failed", 2),
        (
            "store.conflict",
            "the branch moved since the head the write named (both heads given); reload and retry",
            1,
        ),
        (
            "store.not_found",
            "no character, version, branch, tag, asset or document with that id",
            2,
        ),
        ("store.too_large", "an asset over its kind's size limit", 2),
        (
            "store.tampered",
            "a stored object, commit or blob whose content does not hash to its id",
            2,
        ),
        (
            "store.read_only",
            "the database or its folder cannot be written",
            2,
        ),
        (
            "store.full",
            "the disk (or the configured page limit) is full; nothing was half-written",
            2,
        ),
        (
            "store.invalid",
            "a write that does not make sense (a commit whose object is not the character)",
            2,
        ),
        (
            "store.handler",
            "an event subscriber's handler failed (retried, then dead-lettered)",
            2,
        ),
        (
            "store.import.malformed",
            "a data-set file that is not valid JSON or not its format's shape (file, line, column); nothing of the import was kept",
            2,
        ),
        (
            "store.import.source",
            "the folder given to an importer is not a copy of that data set",
            2,
        ),
        (
            "store.index",
            "the search index could not be opened, written or rebuilt",
            2,
        ),
        (
            "store.search.query",
            "a search query or `--filter` that does not parse",
            2,
        ),
        (
            "store.search.embedder",
            "the configured embedding provider failed",
            2,
        ),
    ];

    /// The stable, machine-readable code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::Open { .. } => "store.open",
            StoreError::NewerSchema { .. } => "store.newer_schema",
            StoreError::Corrupt { .. } => "store.corrupt",
            StoreError::Io { .. } => "store.io",
            StoreError::Conflict { .. } => "store.conflict",
            StoreError::NotFound { .. } => "store.not_found",
            StoreError::TooLarge { .. } => "store.too_large",
            StoreError::Tampered { .. } => "store.tampered",
            StoreError::ReadOnly { .. } => "store.read_only",
            StoreError::Full { .. } => "store.full",
            StoreError::Invalid { .. } => "store.invalid",
            StoreError::Handler { .. } => "store.handler",
            StoreError::Malformed { .. } => "store.import.malformed",
            StoreError::ImportSource { .. } => "store.import.source",
            StoreError::Index { .. } => "store.index",
            StoreError::Query { .. } => "store.search.query",
            StoreError::Embedder { .. } => "store.search.embedder",
            StoreError::Core(e) => match e {
                dnd_core::Error::Tampered { .. } => "store.tampered",
                dnd_core::Error::NotFound { .. } => "store.not_found",
                dnd_core::Error::HeadConflict { .. } => "store.conflict",
                other => other.code(),
            },
        }
    }

    /// Maps an SQLite error met during `step` to the matching variant.
    pub(crate) fn sql(step: &'static str, e: rusqlite::Error) -> StoreError {
        use rusqlite::ErrorCode as C;
        if let rusqlite::Error::SqliteFailure(f, msg) = &e {
            let reason = msg.clone().unwrap_or_else(|| e.to_string());
            match f.code {
                C::DiskFull => return StoreError::Full { reason },
                C::NotADatabase | C::DatabaseCorrupt => return StoreError::Corrupt { reason },
                C::ReadOnly => return StoreError::ReadOnly { reason },
                _ => {}
            }
        }
        StoreError::Io {
            step,
            reason: e.to_string(),
        }
    }

    /// Converts to a core error, for the [`dnd_core::history::Graph`] implementation.
    pub(crate) fn into_core(self) -> dnd_core::Error {
        match self {
            StoreError::Core(e) => e,
            StoreError::NotFound { kind, id } => dnd_core::Error::NotFound { kind, id },
            StoreError::Tampered { kind, id, actual } => {
                dnd_core::Error::Tampered { kind, id, actual }
            }
            other => dnd_core::Error::Refused {
                code: other.code(),
                message: other.to_string(),
                path: None,
                alternatives: Vec::new(),
            },
        }
    }
}

/// Extension to tag SQLite results with the step that failed.
pub(crate) trait SqlStep<T> {
    /// Maps an SQLite error to a [`StoreError`] for `step`.
    fn step(self, step: &'static str) -> Result<T>;
}

impl<T> SqlStep<T> for std::result::Result<T, rusqlite::Error> {
    fn step(self, step: &'static str) -> Result<T> {
        self.map_err(|e| StoreError::sql(step, e))
    }
}
