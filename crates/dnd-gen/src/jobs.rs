//! A job queue for long generations: priorities, bounded concurrency, progress, status and
//! result retrieval, and cancellation. With a store, every change of a job is written as a
//! `job` document together with an event (`job.queued`, `job.progress`, `job.done`, …) in
//! the store's event log, so `dnd events` and other processes can follow it.

use std::collections::{BinaryHeap, HashMap};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use dnd_store::SqliteStore;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::error::{GenError, Result};
use crate::provider::CancelToken;

/// Where a job is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JobStatus {
    Queued,
    Running,
    Done,
    Failed,
    Cancelled,
}

impl JobStatus {
    /// Whether the job has ended.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            JobStatus::Done | JobStatus::Failed | JobStatus::Cancelled
        )
    }
}

/// A job as stored and listed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JobRecord {
    pub id: String,
    /// `generate_character`, `map`, …
    pub kind: String,
    /// Higher runs first.
    pub priority: i32,
    pub status: JobStatus,
    /// 0.0 to 1.0.
    pub progress: f32,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<Value>,
    /// The error's code and message when it failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<Value>,
    pub created_ms: i64,
    pub updated_ms: i64,
}

/// What a running job can use: its id, its cancellation flag and progress reports.
pub struct JobContext<'a> {
    pub id: String,
    pub cancel: CancelToken,
    queue: &'a Inner,
}

impl std::fmt::Debug for JobContext<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JobContext")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

impl JobContext<'_> {
    /// Reports progress (0.0 to 1.0) with a message.
    pub fn progress(&self, fraction: f32, message: &str) {
        self.queue.update(&self.id, "job.progress", |r| {
            r.progress = fraction.clamp(0.0, 1.0);
            r.message = message.to_string();
        });
    }
}

/// The work of a job.
pub type Work = Box<dyn FnOnce(&JobContext<'_>) -> Result<Value> + Send>;

struct Pending {
    priority: i32,
    seq: u64,
    id: String,
    work: Work,
}

impl PartialEq for Pending {
    fn eq(&self, o: &Self) -> bool {
        (self.priority, self.seq) == (o.priority, o.seq)
    }
}
impl Eq for Pending {}
impl PartialOrd for Pending {
    fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Pending {
    fn cmp(&self, o: &Self) -> std::cmp::Ordering {
        // Higher priority first; among equals, the older first.
        self.priority.cmp(&o.priority).then(o.seq.cmp(&self.seq))
    }
}

#[derive(Default)]
struct State {
    heap: BinaryHeap<Pending>,
    records: HashMap<String, JobRecord>,
    cancels: HashMap<String, CancelToken>,
    running: usize,
    seq: u64,
    shutdown: bool,
}

struct Inner {
    state: Mutex<State>,
    changed: Condvar,
    store: Option<Arc<SqliteStore>>,
    actor: String,
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

impl Inner {
    fn persist(&self, rec: &JobRecord, event: &str) {
        if let Some(s) = &self.store {
            let body = serde_json::to_value(rec).unwrap_or(Value::Null);
            let payload = json!({"status": rec.status, "progress": rec.progress, "message": rec.message, "kind": rec.kind});
            // A failed write is not fatal to the job: the in-memory record stays authoritative.
            let _ = s.put_document_with_event(&rec.id, "job", &self.actor, &body, event, &payload);
        }
    }

    fn update(&self, id: &str, event: &str, f: impl FnOnce(&mut JobRecord)) {
        let rec = {
            let Ok(mut st) = self.state.lock() else {
                return;
            };
            let Some(r) = st.records.get_mut(id) else {
                return;
            };
            f(r);
            r.updated_ms = now();
            r.clone()
        };
        self.persist(&rec, event);
        self.changed.notify_all();
    }
}

/// The queue. Dropping it stops the workers after their current jobs.
pub struct JobQueue {
    inner: Arc<Inner>,
    workers: Vec<std::thread::JoinHandle<()>>,
}

impl std::fmt::Debug for JobQueue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JobQueue")
            .field("workers", &self.workers.len())
            .finish_non_exhaustive()
    }
}

impl JobQueue {
    /// A queue running at most `concurrency` jobs at once, recording to `store` when given.
    pub fn new(concurrency: usize, store: Option<Arc<SqliteStore>>, actor: &str) -> JobQueue {
        let inner = Arc::new(Inner {
            state: Mutex::new(State::default()),
            changed: Condvar::new(),
            store,
            actor: actor.to_string(),
        });
        let workers = (0..concurrency.max(1))
            .map(|_| {
                let inner = Arc::clone(&inner);
                std::thread::spawn(move || worker(&inner))
            })
            .collect();
        JobQueue { inner, workers }
    }

    /// Queues a job; returns its id.
    pub fn submit(&self, kind: &str, priority: i32, work: Work) -> String {
        let rec = {
            let Ok(mut st) = self.inner.state.lock() else {
                return String::new();
            };
            st.seq += 1;
            let seq = st.seq;
            let id = format!("job_{:x}_{seq}", now());
            let t = now();
            let rec = JobRecord {
                id: id.clone(),
                kind: kind.into(),
                priority,
                status: JobStatus::Queued,
                progress: 0.0,
                message: String::new(),
                result: None,
                error: None,
                created_ms: t,
                updated_ms: t,
            };
            st.records.insert(id.clone(), rec.clone());
            st.cancels.insert(id.clone(), CancelToken::new());
            st.heap.push(Pending {
                priority,
                seq,
                id,
                work,
            });
            rec
        };
        self.inner.persist(&rec, "job.queued");
        self.inner.changed.notify_all();
        rec.id
    }

    /// A job's record.
    pub fn status(&self, id: &str) -> Result<JobRecord> {
        let st = self
            .inner
            .state
            .lock()
            .map_err(|_| GenError::NoJob(id.into()))?;
        st.records
            .get(id)
            .cloned()
            .ok_or_else(|| GenError::NoJob(id.into()))
    }

    /// Every job, newest first.
    pub fn list(&self) -> Vec<JobRecord> {
        let mut v: Vec<JobRecord> = self
            .inner
            .state
            .lock()
            .map(|s| s.records.values().cloned().collect())
            .unwrap_or_default();
        v.sort_by(|a, b| b.created_ms.cmp(&a.created_ms).then(b.id.cmp(&a.id)));
        v
    }

    /// Cancels a job: a queued one never runs; a running one sees its token set.
    pub fn cancel(&self, id: &str) -> Result<JobRecord> {
        let queued = {
            let st = self
                .inner
                .state
                .lock()
                .map_err(|_| GenError::NoJob(id.into()))?;
            let r = st
                .records
                .get(id)
                .ok_or_else(|| GenError::NoJob(id.into()))?;
            if let Some(c) = st.cancels.get(id) {
                c.cancel();
            }
            r.status == JobStatus::Queued
        };
        if queued {
            self.inner
                .update(id, "job.cancelled", |r| r.status = JobStatus::Cancelled);
        }
        self.status(id)
    }

    /// Waits until the job has ended and returns its record.
    pub fn wait(&self, id: &str) -> Result<JobRecord> {
        let mut st = self
            .inner
            .state
            .lock()
            .map_err(|_| GenError::NoJob(id.into()))?;
        loop {
            let r = st
                .records
                .get(id)
                .ok_or_else(|| GenError::NoJob(id.into()))?;
            if r.status.is_final() {
                return Ok(r.clone());
            }
            st = self
                .inner
                .changed
                .wait(st)
                .map_err(|_| GenError::NoJob(id.into()))?;
        }
    }
}

impl Drop for JobQueue {
    fn drop(&mut self) {
        if let Ok(mut st) = self.inner.state.lock() {
            st.shutdown = true;
        }
        self.inner.changed.notify_all();
        for w in self.workers.drain(..) {
            let _ = w.join();
        }
    }
}

fn worker(inner: &Inner) {
    loop {
        let (job, cancel) = {
            let Ok(mut st) = inner.state.lock() else {
                return;
            };
            loop {
                if st.shutdown {
                    return;
                }
                if let Some(p) = st.heap.pop() {
                    let cancelled = st
                        .records
                        .get(&p.id)
                        .is_some_and(|r| r.status == JobStatus::Cancelled);
                    if cancelled {
                        continue;
                    }
                    st.running += 1;
                    let c = st.cancels.get(&p.id).cloned().unwrap_or_default();
                    break (p, c);
                }
                let Ok(next) = inner.changed.wait(st) else {
                    return;
                };
                st = next;
            }
        };
        inner.update(&job.id, "job.started", |r| r.status = JobStatus::Running);
        let ctx = JobContext {
            id: job.id.clone(),
            cancel: cancel.clone(),
            queue: inner,
        };
        let out = (job.work)(&ctx);
        let (event, status) = match &out {
            Ok(_) => ("job.done", JobStatus::Done),
            Err(GenError::Cancelled) => ("job.cancelled", JobStatus::Cancelled),
            Err(_) => ("job.failed", JobStatus::Failed),
        };
        inner.update(&job.id, event, |r| {
            r.status = status;
            match out {
                Ok(v) => {
                    r.progress = 1.0;
                    r.result = Some(v);
                }
                Err(e) => r.error = Some(json!({"code": e.code(), "message": e.to_string()})),
            }
        });
        if let Ok(mut st) = inner.state.lock() {
            st.running -= 1;
        }
    }
}
