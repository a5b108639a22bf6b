//! The event log (appended in the transaction of each change), and subscribers with retry,
//! backoff and a dead-letter table.

use std::thread::sleep;

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{Result, SqlStep, StoreError};
use crate::sqlite::{SqliteStore, lock, now_ms};

pub(crate) use crate::audit::append_audit;

/// One committed change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Position in the log (increasing, never reused).
    pub seq: i64,
    /// When (milliseconds since the Unix epoch).
    pub time_ms: i64,
    /// What happened (`character.created`, `character.saved`, `tag.created`, `asset.put`…).
    pub kind: String,
    /// The id of what changed.
    pub subject: String,
    /// Who changed it.
    pub actor: String,
    /// Details (branch, version…).
    pub payload: Value,
}

/// An event handler: `Err` asks for a retry.
pub type Handler = Box<dyn FnMut(&Event) -> std::result::Result<(), String> + Send>;

/// A named, registered handler; its offset lives in the database.
pub(crate) struct Subscriber {
    name: String,
    handler: Handler,
}

/// What one [`SqliteStore::dispatch`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DispatchReport {
    /// Events a handler accepted.
    pub delivered: usize,
    /// Events that went to the dead-letter table.
    pub dead_lettered: usize,
}

/// An event a subscriber failed on after every attempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadLetter {
    /// The dead letter's id (for [`SqliteStore::replay_dead_letter`]).
    pub id: i64,
    /// The subscriber that failed.
    pub subscriber: String,
    /// The event it failed on.
    pub event_seq: i64,
    /// How many attempts were made.
    pub attempts: i64,
    /// The last error.
    pub error: String,
    /// When it was dead-lettered.
    pub time_ms: i64,
}

/// Appends an event inside the caller's transaction.
pub(crate) fn append_event(
    c: &Connection,
    time: i64,
    kind: &str,
    subject: &str,
    actor: &str,
    payload: &Value,
) -> Result<()> {
    append_event_text(c, time, kind, subject, actor, &payload.to_string())
}

/// [`append_event`] with the payload already written as JSON text.
pub(crate) fn append_event_text(
    c: &Connection,
    time: i64,
    kind: &str,
    subject: &str,
    actor: &str,
    payload: &str,
) -> Result<()> {
    c.prepare_cached(
        "INSERT INTO events (time_ms, kind, subject, actor, payload) VALUES (?1, ?2, ?3, ?4, ?5)",
    )
    .and_then(|mut s| s.execute(params![time, kind, subject, actor, payload]))
    .step("append event")?;
    Ok(())
}

fn event_row(
    r: &rusqlite::Row<'_>,
) -> rusqlite::Result<(i64, i64, String, String, String, String)> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
    ))
}

fn to_event(row: (i64, i64, String, String, String, String)) -> Result<Event> {
    let (seq, time_ms, kind, subject, actor, payload) = row;
    let payload = serde_json::from_str(&payload).map_err(|e| StoreError::Corrupt {
        reason: format!("event {seq} payload: {e}"),
    })?;
    Ok(Event {
        seq,
        time_ms,
        kind,
        subject,
        actor,
        payload,
    })
}

fn read_events(c: &Connection, from_seq: i64, limit: usize) -> Result<Vec<Event>> {
    let mut s = c
        .prepare_cached("SELECT seq, time_ms, kind, subject, actor, payload FROM events WHERE seq >= ?1 ORDER BY seq LIMIT ?2")
        .step("read events")?;
    let rows = s
        .query_map(
            params![from_seq, i64::try_from(limit).unwrap_or(i64::MAX)],
            event_row,
        )
        .step("read events")?;
    rows.map(|r| to_event(r.step("read events")?)).collect()
}

impl SqliteStore {
    /// Events with `seq >= from_seq`, oldest first, at most `limit`.
    pub fn events(&self, from_seq: i64, limit: usize) -> Result<Vec<Event>> {
        self.read(|c| read_events(c, from_seq, limit))
    }

    /// The sequence number of the last event (0 for an empty log).
    pub fn last_event_seq(&self) -> Result<i64> {
        self.read(|c| {
            c.query_row("SELECT COALESCE(MAX(seq), 0) FROM events", [], |r| r.get(0))
                .step("read events")
        })
    }

    /// Registers a handler under `name` (replacing one of the same name in this process). Its
    /// offset is kept in the database: a new name starts at the first event, a known one where
    /// it stopped.
    pub fn subscribe(&self, name: &str, handler: Handler) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT OR IGNORE INTO subscribers (name, last_seq) VALUES (?1, 0)",
                [name],
            )
            .step("subscribe")?;
            Ok(())
        })?;
        let mut subs = lock(&self.subscribers);
        subs.retain(|s| s.name != name);
        subs.push(Subscriber {
            name: name.to_string(),
            handler,
        });
        Ok(())
    }

    /// Delivers every event after each subscriber's offset, in order. A failing handler is
    /// retried after `retry_base`, doubling each time; after `max_attempts` the event goes to
    /// the dead-letter table and delivery moves on. Offsets are saved after each event.
    pub fn dispatch(&self) -> Result<DispatchReport> {
        let mut report = DispatchReport::default();
        let mut subs = lock(&self.subscribers);
        for sub in subs.iter_mut() {
            loop {
                let last: i64 = self.read(|c| {
                    c.query_row(
                        "SELECT last_seq FROM subscribers WHERE name = ?1",
                        [&sub.name],
                        |r| r.get(0),
                    )
                    .step("dispatch")
                })?;
                let batch = self.events(last + 1, 256)?;
                if batch.is_empty() {
                    break;
                }
                for ev in &batch {
                    let failure = self.deliver(sub, ev);
                    self.write(|tx| {
                        if let Some((attempts, error)) = &failure {
                            tx.execute(
                                "INSERT INTO dead_letters (subscriber, event_seq, attempts, error, time_ms) VALUES (?1, ?2, ?3, ?4, ?5)",
                                params![sub.name, ev.seq, attempts, error, now_ms()],
                            )
                            .step("dead letter")?;
                        }
                        tx.execute("UPDATE subscribers SET last_seq = ?2 WHERE name = ?1", params![sub.name, ev.seq])
                            .step("dispatch")?;
                        Ok(())
                    })?;
                    match failure {
                        Some(_) => report.dead_lettered += 1,
                        None => report.delivered += 1,
                    }
                }
            }
        }
        Ok(report)
    }

    /// Runs a handler with retries; `Some((attempts, last error))` if it never succeeded.
    fn deliver(&self, sub: &mut Subscriber, ev: &Event) -> Option<(u32, String)> {
        let attempts = self.config.max_attempts.max(1);
        let mut delay = self.config.retry_base;
        let mut last = String::new();
        for attempt in 1..=attempts {
            match (sub.handler)(ev) {
                Ok(()) => return None,
                Err(e) => last = e,
            }
            if attempt < attempts {
                sleep(delay);
                delay = delay.saturating_mul(2);
            }
        }
        Some((attempts, last))
    }

    /// The dead-letter table, oldest first.
    pub fn dead_letters(&self) -> Result<Vec<DeadLetter>> {
        self.read(|c| {
            let mut s = c
                .prepare("SELECT id, subscriber, event_seq, attempts, error, time_ms FROM dead_letters ORDER BY id")
                .step("dead letters")?;
            let rows = s
                .query_map([], |r| {
                    Ok(DeadLetter {
                        id: r.get(0)?,
                        subscriber: r.get(1)?,
                        event_seq: r.get(2)?,
                        attempts: r.get(3)?,
                        error: r.get(4)?,
                        time_ms: r.get(5)?,
                    })
                })
                .step("dead letters")?;
            rows.collect::<rusqlite::Result<_>>().step("dead letters")
        })
    }

    /// Hands a dead letter's event to its subscriber once more: on success the dead letter is
    /// removed; on failure it stays (one more attempt counted) and the error is returned.
    pub fn replay_dead_letter(&self, id: i64) -> Result<()> {
        let letter = self
            .dead_letters()?
            .into_iter()
            .find(|d| d.id == id)
            .ok_or_else(|| StoreError::NotFound {
                kind: "dead letter",
                id: id.to_string(),
            })?;
        let ev = self
            .events(letter.event_seq, 1)?
            .into_iter()
            .find(|e| e.seq == letter.event_seq)
            .ok_or_else(|| StoreError::NotFound {
                kind: "event",
                id: letter.event_seq.to_string(),
            })?;
        let mut subs = lock(&self.subscribers);
        let sub = subs
            .iter_mut()
            .find(|s| s.name == letter.subscriber)
            .ok_or_else(|| StoreError::NotFound {
                kind: "subscriber",
                id: letter.subscriber.clone(),
            })?;
        match (sub.handler)(&ev) {
            Ok(()) => self.write(|tx| {
                tx.execute("DELETE FROM dead_letters WHERE id = ?1", [id])
                    .step("replay")?;
                Ok(())
            }),
            Err(reason) => {
                self.write(|tx| {
                    tx.execute(
                        "UPDATE dead_letters SET attempts = attempts + 1, error = ?2 WHERE id = ?1",
                        params![id, reason],
                    )
                    .step("replay")?;
                    Ok(())
                })?;
                Err(StoreError::Handler {
                    subscriber: letter.subscriber,
                    seq: ev.seq,
                    reason,
                })
            }
        }
    }

    /// The saved offset of a subscriber, if it is known.
    pub fn subscriber_offset(&self, name: &str) -> Result<Option<i64>> {
        self.read(|c| {
            c.query_row(
                "SELECT last_seq FROM subscribers WHERE name = ?1",
                [name],
                |r| r.get(0),
            )
            .optional()
            .step("dispatch")
        })
    }
}
