//! The migration ladder: numbered SQL files applied in order, tracked by `PRAGMA user_version`.

use rusqlite::{Connection, TransactionBehavior};

use crate::error::{Result, SqlStep, StoreError};

/// The migrations, in order: `(user_version after the step, SQL)`.
pub const MIGRATIONS: &[(i64, &str)] = &[
    (1, include_str!("../migrations/0001_init.sql")),
    (2, include_str!("../migrations/0002_events.sql")),
    (3, include_str!("../migrations/0003_fewer_indexes.sql")),
    (4, include_str!("../migrations/0004_campaigns.sql")),
    (5, include_str!("../migrations/0005_catalog.sql")),
];

/// The schema version this build writes (the last step of [`MIGRATIONS`]).
pub const SCHEMA_VERSION: i64 = 5;

/// The schema version of an open database.
pub fn user_version(conn: &Connection) -> Result<i64> {
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
        .step("read schema version")
}

/// Applies every step above the database's version, each in its own immediate transaction
/// (re-reading the version inside it, so two processes opening one file at once are safe).
/// A database newer than [`SCHEMA_VERSION`] is refused with [`StoreError::NewerSchema`].
pub fn migrate(conn: &mut Connection) -> Result<()> {
    let found = user_version(conn)?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema {
            found,
            known: SCHEMA_VERSION,
        });
    }
    for (version, sql) in MIGRATIONS {
        if found >= *version {
            continue;
        }
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .step("migrate")?;
        let current = user_version(&tx)?;
        if current > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema {
                found: current,
                known: SCHEMA_VERSION,
            });
        }
        if current < *version {
            tx.execute_batch(sql).step("migrate")?;
            tx.pragma_update(None, "user_version", version)
                .step("migrate")?;
        }
        tx.commit().step("migrate")?;
    }
    Ok(())
}
