//! Batched saves (refs and character rows written once per batch, every version still its own
//! commit, event and audit row) and the group commit of single saves from many threads.

mod common;

use std::sync::Arc;

use common::{example, meta};
use dnd_store::core::history::{Commit, CommitKind, object_id};
use dnd_store::{AuditFilter, SaveRequest, SqliteStore, Store};

/// The commit ids a chain of edits will get, computed as the store computes them.
fn chain(
    start: &dnd_store::core::model::Character,
    head: &str,
    n: usize,
    m: &dnd_store::core::history::CommitMeta,
) -> Vec<(dnd_store::core::model::Character, String, String)> {
    let mut prev = head.to_string();
    (0..n)
        .map(|i| {
            let mut c = start.clone();
            c.state.temp_hp = i32::try_from(i).expect("i");
            c.name = format!("Bren {i}");
            let next = Commit::new(
                object_id(&c).expect("id"),
                vec![prev.clone()],
                CommitKind::Commit,
                m,
            )
            .expect("commit")
            .id;
            let item = (c, prev.clone(), next.clone());
            prev = next;
            item
        })
        .collect()
}

#[test]
fn a_batch_writes_every_version_with_its_event_and_moves_each_ref_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = SqliteStore::open(dir.path().join("store.db")).expect("open");
    let first = s
        .save_character(
            "alice",
            &example("fighter-1"),
            "main",
            None,
            &meta("alice", "new", 1),
        )
        .expect("save");
    let (ch, _) = s.load(&first.id, "main").expect("load");
    let m = meta("alice", "edit", 2);
    let edits = chain(&ch, &first.version, 50, &m);
    let newcomer = example("cleric-5");
    let before = s.events(0, usize::MAX).expect("events").len();
    let mut reqs: Vec<SaveRequest<'_>> = edits
        .iter()
        .map(|(c, expected, _)| SaveRequest {
            owner: "alice",
            character: c,
            branch: "main",
            expected_head: Some(expected.as_str()),
            meta: &m,
        })
        .collect();
    reqs.push(SaveRequest {
        owner: "bob",
        character: &newcomer,
        branch: "main",
        expected_head: None,
        meta: &m,
    });
    let saved = s.save_batch(&reqs).expect("batch");
    assert_eq!(saved.len(), 51);
    for ((_, _, want), got) in edits.iter().zip(&saved) {
        assert_eq!(&got.version, want);
        assert_eq!(got.id, first.id);
        s.load(&got.id, &got.version).expect("every version loads");
    }
    let (head, c) = s.load(&first.id, "main").expect("head");
    assert_eq!(c.id, edits[49].2);
    assert_eq!(head.name, "Bren 49");
    let row = s.list(Some("alice")).expect("list");
    assert_eq!(
        row[0].name, "Bren 49",
        "the character row has the last name"
    );
    let history = s
        .history(&first.id, "main", 0, usize::MAX)
        .expect("history");
    assert_eq!(history.len(), 51);
    for pair in history.windows(2) {
        assert_eq!(pair[0].body.parents, vec![pair[1].id.clone()]);
    }
    let events = s.events(0, usize::MAX).expect("events");
    let new_events = &events[before..];
    assert_eq!(new_events.len(), 51, "one event per version");
    for (e, sv) in new_events.iter().zip(&saved) {
        assert_eq!(e.subject, sv.id);
        assert_eq!(e.payload["version"], sv.version.as_str());
    }
    assert_eq!(new_events[50].kind, "character.created");
    assert!(new_events[..50].iter().all(|e| e.kind == "character.saved"));
    let audit = s
        .audit_log(&AuditFilter {
            target: Some(first.id.clone()),
            action: Some("character.saved".into()),
            ..AuditFilter::default()
        })
        .expect("audit");
    assert_eq!(audit.len(), 50, "one audit row per version");

    // A conflict anywhere refuses the whole batch: no version, event or ref moves.
    let more = chain(&head, &c.id, 3, &m);
    let mut bad: Vec<SaveRequest<'_>> = more
        .iter()
        .map(|(c, expected, _)| SaveRequest {
            owner: "alice",
            character: c,
            branch: "main",
            expected_head: Some(expected.as_str()),
            meta: &m,
        })
        .collect();
    bad[2].expected_head = Some(&c.id);
    let e = s.save_batch(&bad).expect_err("conflict");
    assert_eq!(e.code(), "store.conflict");
    assert_eq!(s.load(&first.id, "main").expect("head").1.id, c.id);
    assert_eq!(s.events(0, usize::MAX).expect("events").len(), events.len());
    assert_eq!(
        s.load(&first.id, &more[0].2).expect_err("gone").code(),
        "store.not_found"
    );
    assert!(s.verify().expect("verify").is_clean());
}

#[test]
fn a_new_character_and_its_next_versions_in_one_batch() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = SqliteStore::open(dir.path().join("store.db")).expect("open");
    let m = meta("alice", "new", 1);
    let ch = example("monk-1");
    let created = s
        .save_batch(&[SaveRequest {
            owner: "alice",
            character: &ch,
            branch: "main",
            expected_head: None,
            meta: &m,
        }])
        .expect("create");
    // The id a new character gets is known before saving (it is derived from its first commit),
    // so a batch can hold its creation and its next versions: saved again here into a fresh store.
    let dir2 = tempfile::tempdir().expect("tempdir");
    let t = SqliteStore::open(dir2.path().join("store.db")).expect("open");
    let mut next = ch.clone();
    next.id = Some(created[0].id.clone());
    next.name = "Renamed".into();
    let saved = t
        .save_batch(&[
            SaveRequest {
                owner: "alice",
                character: &ch,
                branch: "main",
                expected_head: None,
                meta: &m,
            },
            SaveRequest {
                owner: "alice",
                character: &next,
                branch: "main",
                expected_head: Some(&created[0].version),
                meta: &m,
            },
        ])
        .expect("batch");
    assert_eq!(saved[0], created[0]);
    assert_eq!(
        t.load(&saved[0].id, "main").expect("head").1.id,
        saved[1].version
    );
    assert_eq!(t.list(None).expect("list")[0].name, "Renamed");
}

#[test]
fn group_commit_gives_every_thread_its_own_durable_result() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("store.db");
    let s = Arc::new(SqliteStore::open(&path).expect("open"));
    let shared = s
        .save_character(
            "alice",
            &example("fighter-1"),
            "main",
            None,
            &meta("alice", "new", 0),
        )
        .expect("save");
    let workers: Vec<_> = (0..8)
        .map(|t| {
            let s = Arc::clone(&s);
            let shared = shared.clone();
            std::thread::spawn(move || {
                let mut ok = Vec::new();
                let mut conflicts = 0;
                // Four threads on characters of their own, four racing on the shared one with
                // a stale head every other time (so groups mix successes and conflicts).
                let mut own = example("cleric-5");
                own.name = format!("Thread {t}");
                let mut head = None;
                for i in 0..40 {
                    let m = meta(&format!("t{t}"), "edit", i);
                    if t % 2 == 0 {
                        own.state.temp_hp = i32::try_from(i).expect("i");
                        let saved = s
                            .save_character("alice", &own, "main", head.as_deref(), &m)
                            .expect("own character");
                        own.id = Some(saved.id.clone());
                        head = Some(saved.version.clone());
                        ok.push(saved);
                    } else {
                        let (mut ch, c) = s.load(&shared.id, "main").expect("load");
                        ch.details.backstory = format!("thread {t} edit {i}");
                        let stale = if i % 2 == 0 {
                            c.id.clone()
                        } else {
                            shared.version.clone()
                        };
                        match s.save_character("alice", &ch, "main", Some(&stale), &m) {
                            Ok(saved) => ok.push(saved),
                            Err(e) if e.code() == "store.conflict" => conflicts += 1,
                            Err(e) => panic!("unexpected {e}"),
                        }
                    }
                }
                (ok, conflicts)
            })
        })
        .collect();
    let mut ok = Vec::new();
    let mut conflicts = 0;
    for w in workers {
        let (o, c) = w.join().expect("worker");
        ok.extend(o);
        conflicts += c;
    }
    assert!(conflicts >= 80, "every stale head is refused ({conflicts})");
    let shared_ok = ok.iter().filter(|v| v.id == shared.id).count();
    drop(s);
    let s = SqliteStore::open(&path).expect("reopen");
    for v in &ok {
        s.load(&v.id, &v.version).expect("every Ok is stored");
    }
    let history = s
        .history(&shared.id, "main", 0, usize::MAX)
        .expect("history");
    assert_eq!(
        history.len(),
        shared_ok + 1,
        "each accepted edit exactly once"
    );
    // One event per accepted save (plus the first), none for a refused one.
    let events = s.events(0, usize::MAX).expect("events");
    assert_eq!(events.len(), ok.len() + 1);
    assert!(s.verify().expect("verify").is_clean());
}

#[test]
fn one_query_loads_follow_the_hashed_body_not_the_object_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("store.db");
    let s = SqliteStore::open(&path).expect("open");
    let a = s
        .save_character(
            "alice",
            &example("monk-1"),
            "main",
            None,
            &meta("alice", "new", 1),
        )
        .expect("save");
    let b = s
        .save_character(
            "bob",
            &example("wizard-20"),
            "main",
            None,
            &meta("bob", "new", 1),
        )
        .expect("save");
    s.tag(&a.id, "start", &a.version, "alice").expect("tag");
    let (want, commit) = s.load(&a.id, "main").expect("load");
    let (_, other) = s.load(&b.id, "main").expect("load");
    // The `object_id` column is not hashed: point it at another character's snapshot.
    let raw = rusqlite::Connection::open(&path).expect("raw");
    raw.execute(
        "UPDATE commits SET object_id = ?1 WHERE id = ?2",
        [&other.body.object, &commit.id],
    )
    .expect("tamper the column");
    for at in ["main", "start", a.version.as_str()] {
        let (got, c) = s.load(&a.id, at).expect("load");
        assert_eq!(got, want, "{at}");
        assert_eq!(c, commit);
    }
    assert_eq!(
        s.load(&a.id, &b.version)
            .expect_err("another character's version")
            .code(),
        "store.not_found"
    );
    assert_eq!(
        s.load("ch_000000000000", "main")
            .expect_err("no character")
            .code(),
        "store.not_found"
    );
}
