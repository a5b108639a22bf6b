//! Online backup during writes; export → import → export is byte-identical.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use common::{example, meta};
use dnd_store::{AssetKind, SqliteStore, Store, StoreConfig};

fn fill(s: &SqliteStore) -> String {
    let a = s
        .save_character(
            "alice",
            &example("warlock-1"),
            "main",
            None,
            &meta("alice", "new", 1),
        )
        .expect("save");
    let (mut ch, mut head) = s.load(&a.id, "main").map(|(c, h)| (c, h.id)).expect("load");
    for i in 0..5 {
        ch.state.temp_hp = i;
        head = s
            .save_character(
                "alice",
                &ch,
                "main",
                Some(&head),
                &meta("alice", "edit", 2 + i64::from(i)),
            )
            .expect("edit")
            .version;
    }
    s.create_branch(&a.id, "alt", "main", "alice")
        .expect("branch");
    s.tag(&a.id, "v1", "main", "alice").expect("tag");
    s.save_character(
        "bob",
        &example("sorcerer-1"),
        "main",
        None,
        &meta("bob", "new", 9),
    )
    .expect("save bob");
    s.put_document(
        "camp-1",
        "campaign",
        "dm",
        &serde_json::json!({"name": "Lost Mine", "players": ["alice", "bob"]}),
    )
    .expect("doc");
    let asset = s
        .put_asset(
            "alice",
            "image/png",
            b"\x89PNG portrait",
            &["face"],
            AssetKind::Portrait,
        )
        .expect("asset");
    s.link_asset(&asset, &a.id).expect("link");
    a.id
}

#[test]
fn backup_while_writers_keep_going() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = StoreConfig {
        durable: false,
        ..StoreConfig::default()
    };
    let s = Arc::new(SqliteStore::open_with(dir.path().join("live.db"), config).expect("open"));
    let id = fill(&s);
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (s, stop, id) = (Arc::clone(&s), Arc::clone(&stop), id.clone());
        std::thread::spawn(move || {
            let mut n = 0;
            while !stop.load(Ordering::SeqCst) {
                let (mut ch, head) = s.load(&id, "main").expect("load");
                ch.details.backstory = format!("edit {n}");
                s.save_character(
                    "alice",
                    &ch,
                    "main",
                    Some(&head.id),
                    &meta("alice", "bg", n),
                )
                .expect("save");
                n += 1;
            }
            n
        })
    };
    std::thread::sleep(std::time::Duration::from_millis(50));
    let target = dir.path().join("backup.db");
    s.backup_to(&target).expect("backup");
    stop.store(true, Ordering::SeqCst);
    let writes = writer.join().expect("writer");
    assert!(writes > 0);
    let b = SqliteStore::open(&target).expect("open backup");
    assert!(b.verify().expect("verify").is_clean());
    assert_eq!(b.list(None).expect("list").len(), 2);
    assert!(b.load(&id, "v1").is_ok());
    assert!(
        b.history(&id, "main", 0, usize::MAX)
            .expect("history")
            .len()
            >= 6
    );
}

#[test]
fn export_import_export_is_byte_identical() {
    let s = SqliteStore::open_in_memory().expect("memory");
    let id = fill(&s);
    s.soft_delete(&id, "alice").expect("delete");
    let mut first = Vec::new();
    s.export(&mut first).expect("export");
    let text = String::from_utf8(first.clone()).expect("utf-8");
    assert!(
        text.lines()
            .last()
            .expect("manifest")
            .contains("\"type\":\"manifest\"")
    );

    let dir = tempfile::tempdir().expect("tempdir");
    let t = SqliteStore::open(dir.path().join("imported.db")).expect("open");
    t.import(first.as_slice()).expect("import");
    let mut second = Vec::new();
    t.export(&mut second).expect("export again");
    assert_eq!(first, second);
    assert!(t.verify().expect("verify").is_clean());
    assert!(t.load(&id, "alt").is_ok());
    assert_eq!(
        t.get_document("camp-1").expect("doc").body["name"],
        "Lost Mine"
    );

    let tampered = text.replacen("Lost Mine", "Lost Mind", 1);
    let u = SqliteStore::open_in_memory().expect("memory");
    assert_eq!(
        u.import(tampered.as_bytes()).expect_err("manifest").code(),
        "store.tampered"
    );
    assert!(u.list(None).expect("list").is_empty());
}
