//! Many writers on one character through optimistic concurrency: no lost update.

mod common;

use std::sync::Arc;

use common::{example, meta};
use dnd_store::{SqliteStore, Store, StoreConfig};

const THREADS: usize = 8;
/// 500 edits per thread: 4,001 commits (dependencies are optimised in test builds too).
const EDITS: usize = 500;

#[test]
fn conflicting_edits_with_retry_lose_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    // WAL with `synchronous = NORMAL`: safe against crashes of the process (the crash test
    // covers that with the durable default); this test is about the head check.
    let config = StoreConfig {
        durable: false,
        ..StoreConfig::default()
    };
    let s = Arc::new(SqliteStore::open_with(dir.path().join("store.db"), config).expect("open"));
    let first = s
        .save_character(
            "alice",
            &example("fighter-1"),
            "main",
            None,
            &meta("alice", "new", 0),
        )
        .expect("save");
    let id = first.id.clone();
    let workers: Vec<_> = (0..THREADS)
        .map(|t| {
            let s = Arc::clone(&s);
            let id = id.clone();
            std::thread::spawn(move || {
                let mut mine = Vec::with_capacity(EDITS);
                let mut conflicts = 0usize;
                for i in 0..EDITS {
                    loop {
                        let (mut ch, head) = s.load(&id, "main").expect("reload head");
                        ch.state.temp_hp += 1;
                        ch.details.backstory = format!("thread {t} edit {i}");
                        let m = meta(&format!("t{t}"), "edit", i64::try_from(i).expect("i"));
                        match s.save_character("alice", &ch, "main", Some(&head.id), &m) {
                            Ok(saved) => {
                                mine.push(saved.version);
                                break;
                            }
                            Err(e) if e.code() == "store.conflict" => conflicts += 1,
                            Err(e) => panic!("unexpected {e}"),
                        }
                    }
                }
                (mine, conflicts)
            })
        })
        .collect();
    let mut all = vec![first.version.clone()];
    for w in workers {
        let (mine, _conflicts) = w.join().expect("worker");
        all.extend(mine);
    }
    let history = s.history(&id, "main", 0, usize::MAX).expect("history");
    assert_eq!(history.len(), THREADS * EDITS + 1);
    let mut got: Vec<_> = history.iter().map(|c| c.id.clone()).collect();
    got.sort();
    all.sort();
    assert_eq!(got, all, "every successful commit exactly once");
    for pair in history.windows(2) {
        assert_eq!(
            pair[0].body.parents,
            vec![pair[1].id.clone()],
            "a straight line"
        );
    }
    let (head, _) = s.load(&id, "main").expect("head");
    assert_eq!(
        usize::try_from(head.state.temp_hp).expect("temp"),
        THREADS * EDITS,
        "no lost update"
    );
}
