//! The migration ladder and typed open errors.

mod common;

use common::{example, meta};
use dnd_store::schema::{MIGRATIONS, SCHEMA_VERSION};
use dnd_store::{SqliteStore, Store, StoreConfig};

fn v1_database(path: &std::path::Path) {
    let c = rusqlite::Connection::open(path).expect("create");
    c.execute_batch(MIGRATIONS[0].1).expect("0001");
    c.pragma_update(None, "user_version", 1).expect("version");
    c.execute(
        "INSERT INTO characters (id, owner, name, created_ms, updated_ms) VALUES ('ch_000000000001', 'alice', 'Old Timer', 1, 1)",
        [],
    )
    .expect("row");
}

#[test]
fn upgrades_a_v1_database_built_here() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("v1.db");
    v1_database(&path);
    let s = SqliteStore::open(&path).expect("upgrade");
    assert_eq!(s.schema_version().expect("version"), SCHEMA_VERSION);
    assert_eq!(s.list(None).expect("list")[0].name, "Old Timer");
    assert!(s.events(0, 10).expect("events table exists").is_empty());
    let saved = s
        .save_character(
            "alice",
            &example("fighter-1"),
            "main",
            None,
            &meta("alice", "new", 1),
        )
        .expect("save");
    assert_eq!(s.events(0, 10).expect("events").len(), 1);
    drop(s);
    let again = SqliteStore::open(&path).expect("reopen");
    assert!(again.load(&saved.id, "main").is_ok());
}

#[test]
fn upgrades_the_checked_in_v1_fixture() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("v1.db");
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/v1.db"),
        &path,
    )
    .expect("copy fixture");
    let raw = rusqlite::Connection::open(&path).expect("raw");
    let v: i64 = raw
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("version");
    assert_eq!(v, 1);
    drop(raw);
    let s = SqliteStore::open(&path).expect("upgrade");
    assert_eq!(s.schema_version().expect("version"), SCHEMA_VERSION);
    assert_eq!(s.list(Some("alice")).expect("list").len(), 1);
    assert_eq!(
        s.get_document("camp-1").expect("document").body["name"],
        "Old"
    );
    assert!(s.verify().expect("verify").is_clean());
}

#[test]
fn refuses_a_newer_schema() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("new.db");
    drop(SqliteStore::open(&path).expect("create"));
    let raw = rusqlite::Connection::open(&path).expect("raw");
    raw.pragma_update(None, "user_version", SCHEMA_VERSION + 7)
        .expect("bump");
    drop(raw);
    let e = SqliteStore::open(&path).expect_err("newer");
    assert_eq!(e.code(), "store.newer_schema");
    let text = e.to_string();
    assert!(
        text.contains(&(SCHEMA_VERSION + 7).to_string())
            && text.contains(&SCHEMA_VERSION.to_string()),
        "{text}"
    );
}

#[test]
fn typed_open_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = dir.path().join("notes.txt");
    std::fs::write(
        &text,
        "these are not the pages you are looking for\n".repeat(100),
    )
    .expect("write");
    assert_eq!(
        SqliteStore::open(&text).expect_err("text").code(),
        "store.corrupt"
    );

    let missing = dir.path().join("no/such/dir/store.db");
    assert_eq!(
        SqliteStore::open(&missing).expect_err("missing dir").code(),
        "store.open"
    );
    assert_eq!(
        SqliteStore::open(dir.path())
            .expect_err("a directory")
            .code(),
        "store.open"
    );

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let ro = dir.path().join("ro");
        std::fs::create_dir(&ro).expect("mkdir");
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).expect("chmod");
        assert_eq!(
            SqliteStore::open(ro.join("store.db"))
                .expect_err("read-only")
                .code(),
            "store.read_only"
        );
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).expect("chmod back");
    }
}

#[test]
fn full_disk_is_typed_and_loses_nothing_committed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("small.db");
    drop(SqliteStore::open(&path).expect("create"));
    let pages: u64 = rusqlite::Connection::open(&path)
        .and_then(|c| c.pragma_query_value(None, "page_count", |r| r.get(0)))
        .expect("pages");
    let config = StoreConfig {
        max_pages: Some(pages + 8),
        ..StoreConfig::default()
    };
    let s = SqliteStore::open_with(&path, config).expect("open capped");
    let mut committed = Vec::new();
    let mut ch = example("wizard-20");
    let mut head: Option<String> = None;
    let mut full = None;
    for i in 0..10_000 {
        ch.details.backstory = format!("{i} {}", "a long tale of many pages ".repeat(40 + i % 7));
        match s.save_character(
            "alice",
            &ch,
            "main",
            head.as_deref(),
            &meta("alice", "grow", i64::try_from(i).expect("i")),
        ) {
            Ok(saved) => {
                ch.id = Some(saved.id.clone());
                head = Some(saved.version.clone());
                committed.push(saved);
            }
            Err(e) => {
                full = Some(e);
                break;
            }
        }
    }
    let e = full.expect("the cap is reached");
    assert_eq!(e.code(), "store.full", "{e}");
    assert!(!committed.is_empty());
    drop(s);
    let s = SqliteStore::open(&path).expect("reopen uncapped");
    for saved in &committed {
        s.load(&saved.id, &saved.version)
            .expect("every committed version is there");
    }
    let last = committed.last().expect("last");
    assert_eq!(s.load(&last.id, "main").expect("head").1.id, last.version);
    assert!(s.verify().expect("verify").is_clean());
}
