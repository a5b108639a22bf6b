//! Group commit of single saves: while one thread's transaction is being fsynced, saves from
//! other threads queue up; the next thread to take the write lock writes every queued save in
//! one transaction (each in its own savepoint, so one save's conflict or error leaves the
//! others alone) and fsyncs once. Every caller gets its `Ok` only after the shared commit has
//! returned, so an `Ok` is exactly as durable as a save committed alone.

use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};

use rusqlite::{Connection, TransactionBehavior};

use super::save::{Batch, Prepared};
use super::{SqliteStore, lock, now_ms};
use crate::error::{Result, SqlStep, StoreError};
use crate::store::Saved;

/// Where a queued save's result is left for its caller (written and read under the queue's
/// lock).
type Slot = Arc<Mutex<Option<Result<Saved>>>>;

/// Saves waiting for the next group commit, and whether a thread is writing one now.
#[derive(Debug, Default)]
pub(crate) struct Queue {
    state: Mutex<State>,
    /// Signalled whenever a group commit ends.
    done: Condvar,
}

#[derive(Debug, Default)]
struct State {
    pending: Vec<(Prepared, Slot)>,
    leading: bool,
}

/// The thread writing a group. Dropping it (normally, or while unwinding from a panic) gives
/// every save of the group a result, hands leadership on and wakes the waiting threads, so no
/// caller waits forever.
struct Leading<'a> {
    queue: &'a Queue,
    slots: Vec<Slot>,
}

impl Drop for Leading<'_> {
    fn drop(&mut self) {
        let mut st = lock(&self.queue.state);
        for slot in &self.slots {
            let mut r = lock(slot);
            if r.is_none() {
                *r = Some(Err(StoreError::Io {
                    step: "commit",
                    reason: "the group commit holding this save failed".into(),
                }));
            }
        }
        st.leading = false;
        drop(st);
        self.queue.done.notify_all();
    }
}

impl SqliteStore {
    /// Writes one prepared save, together with the saves other threads queued meanwhile: the
    /// first thread to find no group commit running writes every queued save; the others wait
    /// for it (on a condition variable, not on the write lock, so a finished group wakes all
    /// its callers at once) and the next group starts as soon as one ends.
    pub(crate) fn save_grouped(&self, p: Prepared) -> Result<Saved> {
        let slot: Slot = Arc::new(Mutex::new(None));
        let mut st = lock(&self.queue.state);
        st.pending.push((p, Arc::clone(&slot)));
        loop {
            if let Some(done) = lock(&slot).take() {
                return done;
            }
            if st.leading {
                st = wait(&self.queue.done, st);
                continue;
            }
            st.leading = true;
            let (prepared, slots): (Vec<Prepared>, Vec<Slot>) =
                std::mem::take(&mut st.pending).into_iter().unzip();
            drop(st);
            let leading = Leading {
                queue: &self.queue,
                slots,
            };
            let results = {
                let mut conn = lock(&self.writer);
                let n = prepared.len();
                run(&mut conn, prepared).unwrap_or_else(|e| vec![Err(e); n])
            };
            st = lock(&self.queue.state);
            for (slot, r) in leading.slots.iter().zip(results) {
                *lock(slot) = Some(r);
            }
            drop(st);
            drop(leading);
            st = lock(&self.queue.state);
        }
    }
}

fn wait<'a>(cv: &Condvar, st: MutexGuard<'a, State>) -> MutexGuard<'a, State> {
    cv.wait(st).unwrap_or_else(PoisonError::into_inner)
}

/// The results of each save, or the error that undid the whole transaction.
fn run(conn: &mut Connection, prepared: Vec<Prepared>) -> Result<Vec<Result<Saved>>> {
    let now = now_ms();
    let mut tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .step("begin write")?;
    if prepared.len() == 1 {
        // Alone: no savepoint needed; an error rolls the transaction back.
        let mut batch = Batch::default();
        let mut out = Vec::with_capacity(1);
        for p in prepared {
            match batch.apply(&tx, p, now) {
                Ok(saved) => out.push(Ok(saved)),
                Err(e) => return Ok(vec![Err(e)]),
            }
        }
        batch.finish(&tx, now)?;
        tx.commit().step("commit")?;
        return Ok(out);
    }
    let mut out = Vec::with_capacity(prepared.len());
    for p in prepared {
        let sp = tx.savepoint().step("savepoint")?;
        let mut batch = Batch::default();
        let r = batch
            .apply(&sp, p, now)
            .and_then(|saved| batch.finish(&sp, now).map(|()| saved));
        match r {
            Ok(saved) => {
                sp.commit().step("savepoint")?;
                out.push(Ok(saved));
            }
            Err(e) => {
                // Dropping the savepoint rolls back this save only.
                drop(sp);
                if tx.is_autocommit() {
                    // SQLite undid the whole transaction (a full disk, an I/O error): nothing
                    // of this group was written.
                    return Err(e);
                }
                out.push(Err(e));
            }
        }
    }
    tx.commit().step("commit")?;
    Ok(out)
}
