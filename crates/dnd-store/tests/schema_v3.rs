//! Migration 3 (fewer random-key index writes per version): a database written by the schema-2
//! store (`tests/fixtures/v2.db`) upgrades with every version loadable, the same histories, a
//! clean `verify`, and a byte-stable export.
//!
//! The fixture was written by `make_v2_fixture` below, run on the schema-2 code (commit
//! `f205b0d`): `DND_STORE_V2_FIXTURE=tests/fixtures/v2.db cargo test -p dnd-store --test
//! schema_v3 -- --ignored make_v2_fixture`.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{example, meta};
use dnd_store::core::history::{Commit, CommitKind, object_id};
use dnd_store::schema::SCHEMA_VERSION;
use dnd_store::{SqliteStore, Store};

/// Writes the schema-2 fixture: three characters, branches, a tag, a merge commit, a pruned
/// history, a soft-deleted character, a document and an asset.
#[test]
#[ignore = "writes the checked-in fixture; run only on the schema-2 code"]
fn make_v2_fixture() {
    let Ok(path) = std::env::var("DND_STORE_V2_FIXTURE") else {
        return;
    };
    let _ = std::fs::remove_file(&path);
    let s = SqliteStore::open(&path).expect("open");
    let mut ids = Vec::new();
    for (n, name) in ["fighter-1", "cleric-5", "wizard-20"].iter().enumerate() {
        let mut ch = example(name);
        let saved = s
            .save_character("alice", &ch, "main", None, &meta("alice", "new", 1))
            .expect("save");
        ch.id = Some(saved.id.clone());
        let mut head = saved.version;
        for i in 0..(10 + 10 * n) {
            ch.state.temp_hp = i32::try_from(i).expect("i");
            ch.details.backstory = format!("entry {i}");
            head = s
                .save_character("alice", &ch, "main", Some(&head), &meta("alice", "edit", 2))
                .expect("edit")
                .version;
        }
        ids.push((saved.id, ch, head));
    }
    // A branch with its own edits, merged back with a two-parent commit.
    let (id, ch, main_head) = ids[0].clone();
    s.create_branch(&id, "what-if", &main_head, "alice")
        .expect("branch");
    let mut side = ch.clone();
    let mut side_head = main_head.clone();
    for i in 0..5 {
        side.details.backstory = format!("what if {i}");
        side_head = s
            .save_character(
                "alice",
                &side,
                "what-if",
                Some(&side_head),
                &meta("bob", "side", 3),
            )
            .expect("side edit")
            .version;
    }
    s.tag(&id, "v1", &side_head, "alice").expect("tag");
    let merged = Commit::new(
        object_id(&side).expect("object"),
        vec![main_head.clone(), side_head],
        CommitKind::Merge,
        &meta("alice", "merge", 4),
    )
    .expect("merge");
    s.commit_raw(&id, "main", Some(&main_head), &merged, &side, "alice")
        .expect("merge commit");
    // Old snapshots of the wizard dropped; the cleric soft-deleted.
    s.prune_versions(&ids[2].0, 5, "alice").expect("prune");
    s.soft_delete(&ids[1].0, "alice").expect("delete");
    s.put_document(
        "camp-1",
        "campaign",
        "alice",
        &serde_json::json!({"name": "Old"}),
    )
    .expect("document");
    s.put_asset(
        "alice",
        "image/png",
        b"not really a png",
        &["hero"],
        dnd_store::AssetKind::Portrait,
    )
    .expect("asset");
    s.vacuum().expect("checkpoint into the file");
}

/// What the raw schema-2 file holds: every commit with its object's presence, and the parent
/// links of its `commit_parents` table.
struct Raw {
    commits: Vec<(String, String, bool)>,
    parents: BTreeMap<String, Vec<String>>,
    refs: Vec<(String, String, String, String)>,
}

fn read_raw(path: &std::path::Path) -> Raw {
    let c = rusqlite::Connection::open(path).expect("raw");
    let v: i64 = c
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("version");
    assert_eq!(v, 2, "the fixture is a schema-2 file");
    let mut s = c
        .prepare(
            "SELECT c.character_id, c.id, EXISTS (SELECT 1 FROM objects o WHERE o.id = c.object_id)
             FROM commits c ORDER BY c.seq",
        )
        .expect("commits");
    let commits = s
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("rows")
        .collect::<rusqlite::Result<Vec<_>>>()
        .expect("commits");
    let mut parents: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut s = c
        .prepare("SELECT commit_id, parent_id FROM commit_parents ORDER BY commit_id, idx")
        .expect("parents");
    for row in s
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
        .expect("rows")
    {
        let (child, parent) = row.expect("parent row");
        parents.entry(child).or_default().push(parent);
    }
    let mut s = c
        .prepare("SELECT character_id, kind, name, commit_id FROM refs ORDER BY 1, 2, 3")
        .expect("refs");
    let refs = s
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .expect("rows")
        .collect::<rusqlite::Result<Vec<_>>>()
        .expect("refs");
    Raw {
        commits,
        parents,
        refs,
    }
}

/// The ancestors of `head` (itself included) by the raw parent links.
fn ancestors(raw: &Raw, head: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut todo = vec![head.to_string()];
    while let Some(c) = todo.pop() {
        if seen.insert(c.clone()) {
            todo.extend(raw.parents.get(&c).cloned().unwrap_or_default());
        }
    }
    seen
}

#[test]
fn a_schema_2_database_upgrades_with_every_version_intact() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("v2.db");
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/v2.db"),
        &path,
    )
    .expect("copy fixture");
    let raw = read_raw(&path);
    assert!(raw.commits.len() > 60 && raw.parents.values().any(|p| p.len() == 2));

    let s = SqliteStore::open(&path).expect("upgrade");
    assert_eq!(s.schema_version().expect("version"), SCHEMA_VERSION);
    assert!(s.verify().expect("verify").is_clean());
    let mut loaded = 0;
    for (character, commit, has_object) in &raw.commits {
        match s.load(character, commit) {
            Ok((ch, c)) => {
                assert!(has_object, "{commit} had no object");
                assert_eq!(&c.id, commit);
                assert_eq!(ch.id.as_deref(), Some(character.as_str()));
                loaded += 1;
            }
            Err(e) => {
                assert!(!has_object, "{commit}: {e}");
                assert_eq!(e.code(), "store.not_found");
            }
        }
    }
    assert!(loaded > 40 && loaded < raw.commits.len(), "{loaded}");
    // Every ref is kept and every branch's history is the ancestry the old links recorded.
    for (character, kind, name, commit) in &raw.refs {
        let rows = if kind == "branch" {
            s.branches(character).expect("branches")
        } else {
            s.tags(character).expect("tags")
        };
        assert!(rows.iter().any(|r| &r.name == name && &r.commit == commit));
        if kind == "branch" {
            let history = s.history(character, name, 0, usize::MAX).expect("history");
            let got: BTreeSet<String> = history.iter().map(|c| c.id.clone()).collect();
            assert_eq!(
                got,
                ancestors(&raw, commit),
                "history of {character} {name}"
            );
            assert_eq!(&history[0].id, commit);
        }
    }
    // The upgraded file takes new versions and round-trips through an archive.
    let (id, _, _, head) = raw
        .refs
        .iter()
        .find(|(_, k, n, _)| k == "branch" && n == "what-if")
        .expect("branch")
        .clone();
    let (mut ch, _) = s.load(&id, "what-if").expect("load");
    ch.details.backstory = "after the upgrade".into();
    let saved = s
        .save_character(
            "alice",
            &ch,
            "what-if",
            Some(&head),
            &meta("alice", "new", 9),
        )
        .expect("save after upgrade");
    assert_eq!(
        s.history(&id, "what-if", 0, 1).expect("history")[0]
            .body
            .parents,
        vec![head]
    );
    assert_eq!(s.load(&id, "what-if").expect("head").1.id, saved.version);
    let mut first = Vec::new();
    s.export(&mut first).expect("export");
    let copy = SqliteStore::open(dir.path().join("copy.db")).expect("open copy");
    copy.import(first.as_slice()).expect("import");
    let mut second = Vec::new();
    copy.export(&mut second).expect("export again");
    assert_eq!(first, second);
    assert!(copy.verify().expect("verify copy").is_clean());

    // Refs have no foreign key to commits any more: `verify` reports one naming a missing
    // version.
    drop(s);
    let raw = rusqlite::Connection::open(&path).expect("raw");
    raw.execute(
        "UPDATE refs SET commit_id = ?1 WHERE kind = 'tag'",
        ["0".repeat(64)],
    )
    .expect("point the tag nowhere");
    drop(raw);
    let s = SqliteStore::open(&path).expect("reopen");
    let report = s.verify().expect("verify");
    assert_eq!(report.problems.len(), 1, "{report:?}");
    assert_eq!(report.problems[0].kind, "ref");
    assert!(report.problems[0].id.ends_with("tag v1"), "{report:?}");
}
