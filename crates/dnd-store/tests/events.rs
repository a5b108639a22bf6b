//! The event log (same transaction as the change), subscribers, dead letters and the audit log.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{example, meta};
use dnd_store::{AuditFilter, SqliteStore, Store, StoreConfig};

fn store() -> (tempfile::TempDir, SqliteStore) {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = StoreConfig {
        retry_base: Duration::from_millis(10),
        max_attempts: 3,
        ..StoreConfig::default()
    };
    let s = SqliteStore::open_with(dir.path().join("store.db"), config).expect("open");
    (dir, s)
}

#[test]
fn every_change_appends_one_event_and_a_failing_write_none() {
    let (_d, s) = store();
    let a = s
        .save_character(
            "alice",
            &example("paladin-1"),
            "main",
            None,
            &meta("alice", "new", 1),
        )
        .expect("save");
    s.tag(&a.id, "v1", "main", "alice").expect("tag");
    let before = s.events(0, 100).expect("events");
    assert_eq!(
        before.iter().map(|e| e.kind.as_str()).collect::<Vec<_>>(),
        vec!["character.created", "tag.created"]
    );
    assert_eq!(before[0].subject, a.id);
    assert_eq!(before[0].actor, "alice");
    assert_eq!(before[0].payload["version"], a.version.as_str());

    let (ch, _) = s.load(&a.id, "main").expect("load");
    assert!(
        s.save_character(
            "alice",
            &ch,
            "main",
            Some(&"0".repeat(64)),
            &meta("alice", "stale", 2)
        )
        .is_err()
    );
    assert!(
        s.create_branch(&a.id, "bad..name", "main", "alice")
            .is_err()
    );
    assert_eq!(
        s.events(0, 100).expect("events").len(),
        2,
        "failed writes append no event"
    );
    assert_eq!(s.events(before[1].seq, 100).expect("from seq").len(), 1);

    let audit = s
        .audit_log(&AuditFilter {
            actor: Some("alice".into()),
            ..AuditFilter::default()
        })
        .expect("audit");
    assert!(
        audit
            .iter()
            .any(|r| r.action == "character.created" && r.outcome == "ok")
    );
    assert!(
        audit
            .iter()
            .any(|r| r.action == "branch.create" && r.outcome != "ok"),
        "{audit:?}"
    );
    s.record_audit("dm", "proposal.deny", &a.id, "denied")
        .expect("record");
    let dm = s
        .audit_log(&AuditFilter {
            outcome: Some("denied".into()),
            ..AuditFilter::default()
        })
        .expect("filter");
    assert_eq!(dm.len(), 1);
    let raw = rusqlite::Connection::open(s.path().expect("path")).expect("raw");
    assert!(
        raw.execute("UPDATE audit SET outcome = 'ok'", []).is_err(),
        "append-only"
    );
    assert_eq!(s.prune_audit(0).expect("prune none"), 0);
    assert!(s.prune_audit(i64::MAX).expect("prune all") >= 3);
    assert!(
        s.audit_log(&AuditFilter::default())
            .expect("audit")
            .is_empty()
    );
}

#[test]
fn subscribers_retry_with_backoff_then_dead_letter_and_replay() {
    let (_d, s) = store();
    for (i, name) in ["fighter-1", "rogue-1", "monk-1"].iter().enumerate() {
        s.save_character(
            "alice",
            &example(name),
            "main",
            None,
            &meta("alice", "new", i64::try_from(i).expect("i")),
        )
        .expect("save");
    }
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    s.subscribe(
        "indexer",
        Box::new(move |e| {
            log.lock().map_err(|e| e.to_string())?.push(e.seq);
            Ok(())
        }),
    )
    .expect("subscribe");
    let calls = Arc::new(AtomicUsize::new(0));
    let c = Arc::clone(&calls);
    let healed = Arc::new(AtomicUsize::new(0));
    let h = Arc::clone(&healed);
    // Fails twice on the first event (then succeeds), and always on the second until healed.
    s.subscribe(
        "flaky",
        Box::new(move |e| {
            let n = c.fetch_add(1, Ordering::SeqCst);
            match e.seq {
                1 if n < 2 => Err("first event: transient".into()),
                2 if h.load(Ordering::SeqCst) == 0 => Err("second event: broken".into()),
                _ => Ok(()),
            }
        }),
    )
    .expect("subscribe");
    let started = Instant::now();
    let report = s.dispatch().expect("dispatch");
    let took = started.elapsed();
    assert_eq!(report.delivered, 3 + 2);
    assert_eq!(report.dead_lettered, 1);
    // Backoff: 10 + 20 ms for event 1, 10 + 20 ms for event 2.
    assert!(took >= Duration::from_millis(60), "{took:?}");
    assert_eq!(*seen.lock().expect("seen"), vec![1, 2, 3]);
    let dead = s.dead_letters().expect("dead letters");
    assert_eq!(dead.len(), 1);
    assert_eq!(
        (
            dead[0].subscriber.as_str(),
            dead[0].event_seq,
            dead[0].attempts
        ),
        ("flaky", 2, 3)
    );
    assert_eq!(
        s.dispatch().expect("again"),
        dnd_store::DispatchReport::default(),
        "offsets saved"
    );
    assert_eq!(s.subscriber_offset("flaky").expect("offset"), Some(3));

    assert_eq!(
        s.replay_dead_letter(dead[0].id)
            .expect_err("still broken")
            .code(),
        "store.handler"
    );
    assert_eq!(s.dead_letters().expect("dead")[0].attempts, 4);
    healed.store(1, Ordering::SeqCst);
    s.replay_dead_letter(dead[0].id).expect("replayed");
    assert!(s.dead_letters().expect("dead").is_empty());
    assert_eq!(
        s.replay_dead_letter(dead[0].id).expect_err("gone").code(),
        "store.not_found"
    );
}
