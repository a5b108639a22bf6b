//! [`SqliteStore`]: one SQLite file in WAL mode, one writer connection behind a mutex and a
//! small pool of reader connections, so many threads read while one writes; other processes
//! share the file through WAL and the busy timeout (writes take `BEGIN IMMEDIATE`).

mod characters;
mod deflate;
mod graph;
mod group;
mod lifecycle;
pub(crate) mod rows;
pub(crate) mod save;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rusqlite::{Connection, ErrorCode, OpenFlags, Transaction, TransactionBehavior};

use crate::assets::Limits;
use crate::cache::Lru;
use crate::error::{Result, SqlStep, StoreError};
use crate::events::Subscriber;
use crate::schema;

pub(crate) use deflate::{compress, decompress};
pub use graph::StoreGraph;

/// How a store is opened.
#[derive(Debug, Clone)]
pub struct StoreConfig {
    /// How long a connection waits for another process's lock.
    pub busy_timeout: Duration,
    /// `true`: every commit is fsynced (`synchronous = FULL`, survives power loss);
    /// `false`: `synchronous = NORMAL` (survives a crash of the process, not of the machine).
    pub durable: bool,
    /// Size limits for assets.
    pub limits: Limits,
    /// A cap on the database size in pages (`PRAGMA max_page_count`); beyond it writes fail
    /// with `store.full`.
    pub max_pages: Option<u64>,
    /// First retry delay of a failing event handler (doubled at each attempt).
    pub retry_base: Duration,
    /// Attempts before an event goes to the dead-letter table.
    pub max_attempts: u32,
    /// Entries of the derived-data cache.
    pub cache_capacity: usize,
    /// Character objects (and as many times four commits) kept after a read verified them, with
    /// the stored bytes they came from: a later read whose stored bytes are identical skips
    /// inflating, hashing and parsing them again (bytes that differ are verified afresh, so
    /// tampering is still caught). `0` turns this off.
    pub verified_capacity: usize,
    /// WAL size in pages (4 KiB each) after which a commit checkpoints it into the database
    /// file (`PRAGMA wal_autocheckpoint`; SQLite's default is 1,000). Larger means fewer
    /// checkpoints, each copying a page rewritten by many commits once, and a larger WAL
    /// beside the file between them. Durability does not depend on it.
    pub checkpoint_pages: i64,
}

impl Default for StoreConfig {
    fn default() -> Self {
        StoreConfig {
            busy_timeout: Duration::from_secs(5),
            durable: true,
            limits: Limits::default(),
            max_pages: None,
            retry_base: Duration::from_millis(100),
            max_attempts: 5,
            cache_capacity: 1024,
            verified_capacity: 256,
            checkpoint_pages: 16_384,
        }
    }
}

/// The SQLite store. `Send + Sync`: share it between threads behind an `Arc`.
pub struct SqliteStore {
    writer: Mutex<Connection>,
    /// Idle reader connections; `None` for an in-memory store (reads use the writer).
    readers: Option<Mutex<Vec<Connection>>>,
    path: Option<PathBuf>,
    pub(crate) config: StoreConfig,
    pub(crate) subscribers: Mutex<Vec<Subscriber>>,
    pub(crate) cache: Mutex<Lru>,
    /// Objects and commits verified on an earlier read, with the bytes they were read from.
    pub(crate) verified: rows::Verified,
    /// Single saves waiting to be written by the next group commit.
    queue: group::Queue,
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteStore")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

/// Locks a mutex, taking the data of a poisoned one (SQLite rolled back any open transaction).
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Milliseconds since the Unix epoch.
pub(crate) fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

pub(crate) fn io(step: &'static str, e: &dyn std::fmt::Display) -> StoreError {
    StoreError::Io {
        step,
        reason: e.to_string(),
    }
}

fn configure(conn: &Connection, config: &StoreConfig, file: bool) -> Result<()> {
    conn.busy_timeout(config.busy_timeout).step("configure")?;
    conn.pragma_update(None, "foreign_keys", true)
        .step("configure")?;
    if file {
        let mode: String = conn
            .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))
            .step("configure")?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::Io {
                step: "configure",
                reason: format!("journal mode is {mode}, not WAL"),
            });
        }
    }
    let sync = if config.durable { "FULL" } else { "NORMAL" };
    conn.pragma_update(None, "synchronous", sync)
        .step("configure")?;
    tune(conn)?;
    let _: i64 = conn
        .pragma_update_and_check(None, "wal_autocheckpoint", config.checkpoint_pages, |r| {
            r.get(0)
        })
        .step("configure")?;
    if let Some(pages) = config.max_pages {
        let _: i64 = conn
            .pragma_update_and_check(None, "max_page_count", pages, |r| r.get(0))
            .step("configure")?;
    }
    Ok(())
}

/// Memory settings of every connection: a 32 MiB page cache (SQLite's default of 2 MiB makes a
/// batch of a thousand saves spill dirty pages and re-read index pages through `pread`), the
/// file memory-mapped for reads (up to 256 MiB), and temporary tables in memory. None of them
/// changes what is durable.
fn tune(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "cache_size", -32_768)
        .step("configure")?;
    // Answered with the size granted (0 where mmap is unavailable); either is fine.
    let _: Option<i64> = conn
        .pragma_update_and_check(None, "mmap_size", 268_435_456_i64, |r| r.get(0))
        .ok();
    conn.pragma_update(None, "temp_store", "MEMORY")
        .step("configure")?;
    Ok(())
}

fn open_error(path: &Path, e: rusqlite::Error) -> StoreError {
    match e.sqlite_error_code() {
        Some(ErrorCode::CannotOpen) => StoreError::Open {
            path: path.to_path_buf(),
            reason: e.to_string(),
        },
        _ => StoreError::sql("open", e),
    }
}

impl SqliteStore {
    /// Opens (creating if needed) the store at `path` with the default configuration.
    pub fn open(path: impl AsRef<Path>) -> Result<SqliteStore> {
        SqliteStore::open_with(path, StoreConfig::default())
    }

    /// Opens (creating if needed) the store at `path`, migrating it to [`schema::SCHEMA_VERSION`].
    /// A missing directory is `store.open`, a directory without write permission
    /// `store.read_only`, a file that is not SQLite `store.corrupt`, a newer schema
    /// `store.newer_schema`.
    pub fn open_with(path: impl AsRef<Path>, config: StoreConfig) -> Result<SqliteStore> {
        let path = path.as_ref();
        let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
        if let Some(dir) = parent {
            match fs::metadata(dir) {
                Err(e) => {
                    return Err(StoreError::Open {
                        path: path.to_path_buf(),
                        reason: format!("directory `{}`: {e}", dir.display()),
                    });
                }
                Ok(m) if !m.is_dir() => {
                    return Err(StoreError::Open {
                        path: path.to_path_buf(),
                        reason: format!("`{}` is not a directory", dir.display()),
                    });
                }
                Ok(m) if m.permissions().readonly() => {
                    return Err(StoreError::ReadOnly {
                        reason: format!(
                            "directory `{}` is not writable (SQLite keeps its WAL beside the file)",
                            dir.display()
                        ),
                    });
                }
                Ok(_) => {}
            }
        }
        if path.is_dir() {
            return Err(StoreError::Open {
                path: path.to_path_buf(),
                reason: "it is a directory".into(),
            });
        }
        let mut conn = Connection::open(path).map_err(|e| open_error(path, e))?;
        configure(&conn, &config, true)?;
        schema::migrate(&mut conn)?;
        Ok(SqliteStore::assemble(
            conn,
            Some(path.to_path_buf()),
            config,
        ))
    }

    /// A store in memory (one connection; reads wait for writes).
    pub fn open_in_memory() -> Result<SqliteStore> {
        SqliteStore::open_in_memory_with(StoreConfig::default())
    }

    /// A store in memory with this configuration.
    pub fn open_in_memory_with(config: StoreConfig) -> Result<SqliteStore> {
        let mut conn = Connection::open_in_memory().step("open")?;
        configure(&conn, &config, false)?;
        schema::migrate(&mut conn)?;
        Ok(SqliteStore::assemble(conn, None, config))
    }

    fn assemble(conn: Connection, path: Option<PathBuf>, config: StoreConfig) -> SqliteStore {
        let cache = Lru::new(config.cache_capacity);
        let verified = rows::Verified::new(config.verified_capacity);
        SqliteStore {
            verified,
            queue: group::Queue::default(),
            writer: Mutex::new(conn),
            readers: path.as_ref().map(|_| Mutex::new(Vec::new())),
            path,
            subscribers: Mutex::new(Vec::new()),
            cache: Mutex::new(cache),
            config,
        }
    }

    /// The database file, for a store on disk.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64> {
        self.read(schema::user_version)
    }

    /// Runs `f` in an immediate (write-locked) transaction, committing if it succeeds.
    pub(crate) fn write<R>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<R>) -> Result<R> {
        let mut conn = lock(&self.writer);
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .step("begin write")?;
        let r = f(&tx)?;
        tx.commit().step("commit")?;
        Ok(r)
    }

    /// Runs `f` on the writer connection outside any transaction (vacuum, checkpoints).
    pub(crate) fn with_writer<R>(&self, f: impl FnOnce(&mut Connection) -> Result<R>) -> Result<R> {
        let mut conn = lock(&self.writer);
        f(&mut conn)
    }

    /// Runs `f` inside one read transaction (a consistent snapshot) on a reader connection.
    pub(crate) fn read<R>(&self, f: impl FnOnce(&Connection) -> Result<R>) -> Result<R> {
        self.on_reader(|c| snapshot(c, f))
    }

    /// Runs `f`, which must run a single statement (itself a consistent snapshot), on a reader
    /// connection without an explicit transaction around it.
    pub(crate) fn read_one<R>(&self, f: impl FnOnce(&Connection) -> Result<R>) -> Result<R> {
        self.on_reader(f)
    }

    fn on_reader<R>(&self, f: impl FnOnce(&Connection) -> Result<R>) -> Result<R> {
        let (Some(pool), Some(path)) = (&self.readers, &self.path) else {
            let conn = lock(&self.writer);
            return f(&conn);
        };
        let conn = match lock(pool).pop() {
            Some(c) => c,
            None => self.open_reader(path)?,
        };
        let r = f(&conn);
        let mut idle = lock(pool);
        if idle.len() < 8 {
            idle.push(conn);
        }
        r
    }

    /// A fresh connection for reading (also used by `backup_to`).
    pub(crate) fn open_reader(&self, path: &Path) -> Result<Connection> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| open_error(path, e))?;
        conn.busy_timeout(self.config.busy_timeout)
            .step("configure")?;
        conn.pragma_update(None, "query_only", true)
            .step("configure")?;
        tune(&conn)?;
        Ok(conn)
    }
}

fn snapshot<R>(conn: &Connection, f: impl FnOnce(&Connection) -> Result<R>) -> Result<R> {
    let tx = conn.unchecked_transaction().step("begin read")?;
    let r = f(&tx)?;
    tx.finish().step("end read")?;
    Ok(r)
}
