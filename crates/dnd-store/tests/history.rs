//! Characters, versions, branches, tags, conflicts, tampering, the Graph view, lifecycle, cache.

mod common;

use common::{example, meta};
use dnd_store::core::history::{Commit, CommitKind, object_id};
use dnd_store::{SqliteStore, Store, StoreError};

fn store() -> (tempfile::TempDir, SqliteStore) {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = SqliteStore::open(dir.path().join("store.db")).expect("open");
    (dir, s)
}

#[test]
fn save_load_list_history_branches_tags() {
    let (_d, s) = store();
    let fighter = example("fighter-1");
    let first = s
        .save_character("alice", &fighter, "main", None, &meta("alice", "new", 1))
        .expect("save");
    assert!(
        first.id.starts_with("ch_") && first.id.len() == 15,
        "{}",
        first.id
    );
    let (loaded, commit) = s.load(&first.id, "main").expect("load");
    assert_eq!(loaded.id.as_deref(), Some(first.id.as_str()));
    assert_eq!(loaded.name, fighter.name);
    assert_eq!(commit.id, first.version);
    assert!(commit.body.parents.is_empty());

    let mut edited = loaded.clone();
    edited.name = "Bren the Bold".into();
    let second = s
        .save_character(
            "alice",
            &edited,
            "main",
            Some(&first.version),
            &meta("alice", "rename", 2),
        )
        .expect("second version");
    assert_eq!(second.id, first.id);
    let (now, c2) = s.load(&first.id, "main").expect("load head");
    assert_eq!(now.name, "Bren the Bold");
    assert_eq!(c2.body.parents, vec![first.version.clone()]);
    let (old, _) = s.load(&first.id, &first.version).expect("load by version");
    assert_eq!(old.name, fighter.name);

    let h = s.history(&first.id, "main", 0, 10).expect("history");
    assert_eq!(
        h.iter().map(|c| c.id.clone()).collect::<Vec<_>>(),
        vec![second.version.clone(), first.version.clone()]
    );
    assert_eq!(s.history(&first.id, "main", 1, 10).expect("page").len(), 1);

    s.create_branch(&first.id, "what-if", &first.version, "alice")
        .expect("branch");
    let e = s
        .create_branch(&first.id, "what-if", "main", "alice")
        .expect_err("exists");
    assert_eq!(e.code(), "store.invalid");
    let names: Vec<_> = s
        .branches(&first.id)
        .expect("branches")
        .into_iter()
        .map(|b| (b.name, b.commit))
        .collect();
    assert_eq!(
        names,
        vec![
            ("main".into(), second.version.clone()),
            ("what-if".into(), first.version.clone())
        ]
    );
    s.tag(&first.id, "level-1", "main", "alice").expect("tag");
    assert_eq!(
        s.load(&first.id, "level-1").expect("load tag").1.id,
        second.version
    );
    assert_eq!(
        s.tag(&first.id, "level-1", &first.version, "alice")
            .expect_err("moved")
            .code(),
        "store.invalid"
    );
    assert_eq!(s.tags(&first.id).expect("tags").len(), 1);

    let wizard = s
        .save_character(
            "bob",
            &example("wizard-1"),
            "main",
            None,
            &meta("bob", "new", 3),
        )
        .expect("wizard");
    assert_eq!(s.list(None).expect("list").len(), 2);
    let bobs = s.list(Some("bob")).expect("list bob");
    assert_eq!(bobs.len(), 1);
    assert_eq!(bobs[0].id, wizard.id);
    assert_eq!(
        s.load("ch_nope", "main").expect_err("missing").code(),
        "store.not_found"
    );
    assert_eq!(
        s.load(&first.id, "nope").expect_err("no branch").code(),
        "store.not_found"
    );
}

#[test]
fn head_conflict_carries_both_heads() {
    let (_d, s) = store();
    let a = s
        .save_character(
            "alice",
            &example("rogue-1"),
            "main",
            None,
            &meta("alice", "new", 1),
        )
        .expect("save");
    let (ch, _) = s.load(&a.id, "main").expect("load");
    let b = s
        .save_character(
            "alice",
            &ch,
            "main",
            Some(&a.version),
            &meta("alice", "edit", 2),
        )
        .expect("edit");
    let e = s
        .save_character(
            "alice",
            &ch,
            "main",
            Some(&a.version),
            &meta("alice", "stale", 3),
        )
        .expect_err("stale");
    assert_eq!(e.code(), "store.conflict");
    match e {
        StoreError::Conflict {
            expected,
            actual,
            branch,
            ..
        } => {
            assert_eq!(branch, "main");
            assert_eq!(expected.as_deref(), Some(a.version.as_str()));
            assert_eq!(actual.as_deref(), Some(b.version.as_str()));
        }
        other => panic!("not a conflict: {other:?}"),
    }
    assert_eq!(s.history(&a.id, "main", 0, 100).expect("history").len(), 2);
}

#[test]
fn tampered_object_and_commit_are_detected() {
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
    let (_, c) = s.load(&a.id, "main").expect("load");
    let raw = rusqlite::Connection::open(&path).expect("raw");
    let mut other = example("monk-20");
    other.id = Some(a.id.clone());
    let forged = dnd_store_compress(&serde_json::to_vec(&other).expect("json"));
    raw.execute(
        "UPDATE objects SET data = ?1 WHERE id = ?2",
        rusqlite::params![forged, c.body.object],
    )
    .expect("tamper");
    let e = s.load(&a.id, "main").expect_err("tampered");
    assert_eq!(e.code(), "store.tampered");
    let report = s.verify().expect("verify");
    assert_eq!(report.problems.len(), 1);
    assert_eq!(report.problems[0].kind, "object");

    raw.execute(
        "UPDATE commits SET body = replace(body, '\"new\"', '\"forged\"')",
        [],
    )
    .expect("tamper commit");
    let report = s.verify().expect("verify");
    assert_eq!(report.problems.len(), 2, "{report:?}");
    assert_eq!(
        s.history(&a.id, "main", 0, 10).expect_err("commit").code(),
        "store.tampered"
    );
}

#[test]
fn repeated_loads_still_catch_tampering() {
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
    // Loaded twice: the second read finds the same stored bytes it verified the first time.
    let first = s.load(&a.id, "main").expect("load");
    assert_eq!(s.load(&a.id, "main").expect("load again"), first);
    let raw = rusqlite::Connection::open(&path).expect("raw");
    raw.execute(
        "UPDATE commits SET body = replace(body, '\"new\"', '\"forged\"')",
        [],
    )
    .expect("tamper commit");
    assert_eq!(
        s.load(&a.id, "main").expect_err("commit").code(),
        "store.tampered"
    );
    // Put the commit back; now forge the object with a valid deflate stream of other content.
    raw.execute(
        "UPDATE commits SET body = replace(body, '\"forged\"', '\"new\"')",
        [],
    )
    .expect("restore commit");
    assert_eq!(s.load(&a.id, "main").expect("restored"), first);
    let mut other = example("monk-20");
    other.id = Some(a.id.clone());
    let forged = dnd_store_compress(&serde_json::to_vec(&other).expect("json"));
    raw.execute(
        "UPDATE objects SET data = ?1 WHERE id = ?2",
        rusqlite::params![forged, first.1.body.object],
    )
    .expect("tamper object");
    assert_eq!(
        s.load(&a.id, "main").expect_err("object").code(),
        "store.tampered"
    );
}

fn dnd_store_compress(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).expect("deflate");
    e.finish().expect("deflate")
}

#[test]
fn graph_view_and_commit_raw() {
    let (_d, s) = store();
    let a = s
        .save_character(
            "alice",
            &example("bard-1"),
            "main",
            None,
            &meta("alice", "new", 1),
        )
        .expect("save");
    let (mut ch, c1) = s.load(&a.id, "main").expect("load");
    {
        let g = s.graph(&a.id).expect("graph");
        assert_eq!(g.head("main").expect("head"), Some(a.version.clone()));
        assert_eq!(g.commit(&a.version).expect("commit"), c1);
        assert_eq!(g.object(&c1.body.object).expect("object"), ch);
        assert_eq!(g.head("nope").expect("no head"), None);
        assert!(g.commit(&"0".repeat(64)).is_err());
    }
    ch.name = "Merged".into();
    let merge = Commit::new(
        object_id(&ch).expect("id"),
        vec![a.version.clone()],
        CommitKind::Merge,
        &meta("alice", "merge", 5),
    )
    .expect("commit");
    let mut forged = merge.clone();
    forged.body.message = "forged".into();
    assert_eq!(
        s.commit_raw(&a.id, "main", Some(&a.version), &forged, &ch, "alice")
            .expect_err("hash")
            .code(),
        "store.tampered"
    );
    assert_eq!(
        s.commit_raw(&a.id, "main", None, &merge, &ch, "alice")
            .expect_err("head")
            .code(),
        "store.conflict"
    );
    s.commit_raw(&a.id, "main", Some(&a.version), &merge, &ch, "alice")
        .expect("raw commit");
    let (now, c) = s.load(&a.id, "main").expect("load");
    assert_eq!(c, merge);
    assert_eq!(now.name, "Merged");
}

#[test]
fn soft_delete_undelete_purge_and_prune() {
    let (_d, s) = store();
    let a = s
        .save_character(
            "alice",
            &example("druid-1"),
            "main",
            None,
            &meta("alice", "new", 1),
        )
        .expect("save");
    let (mut ch, _) = s.load(&a.id, "main").expect("load");
    let mut head = a.version.clone();
    let mut versions = vec![head.clone()];
    for i in 0..5 {
        ch.name = format!("Druid {i}");
        head = s
            .save_character(
                "alice",
                &ch,
                "main",
                Some(&head),
                &meta("alice", "edit", 2 + i),
            )
            .expect("edit")
            .version;
        versions.push(head.clone());
    }
    s.tag(&a.id, "first", &versions[0], "alice").expect("tag");
    assert_eq!(s.prune_versions(&a.id, 2, "alice").expect("prune"), 3);
    assert!(s.load(&a.id, &versions[0]).is_ok(), "tagged version kept");
    assert_eq!(
        s.load(&a.id, &versions[1]).expect_err("pruned").code(),
        "store.not_found"
    );
    assert!(s.load(&a.id, &versions[4]).is_ok());
    assert_eq!(
        s.history(&a.id, "main", 0, 100).expect("history").len(),
        6,
        "commits stay"
    );
    assert!(s.verify().expect("verify").is_clean());

    s.soft_delete(&a.id, "alice").expect("delete");
    assert!(s.list(None).expect("list")[0].deleted_ms.is_some());
    assert_eq!(
        s.save_character("alice", &ch, "main", Some(&head), &meta("alice", "x", 9))
            .expect_err("deleted")
            .code(),
        "store.not_found"
    );
    s.undelete(&a.id, "alice").expect("undelete");
    assert!(s.list(None).expect("list")[0].deleted_ms.is_none());
    assert_eq!(s.purge(i64::MAX).expect("purge none"), 0);
    s.soft_delete(&a.id, "alice").expect("delete");
    assert_eq!(s.purge(0).expect("too recent"), 0);
    assert_eq!(s.purge(i64::MAX).expect("purge"), 1);
    assert!(s.list(None).expect("list").is_empty());
    assert_eq!(
        s.load(&a.id, "main").expect_err("gone").code(),
        "store.not_found"
    );
    s.vacuum().expect("vacuum");
    assert!(s.verify().expect("verify").is_clean());
}

#[test]
fn batch_is_all_or_nothing_and_cache_counts() {
    let s = SqliteStore::open_in_memory().expect("memory");
    let chars = [example("fighter-1"), example("cleric-1")];
    let m = meta("alice", "batch", 1);
    let reqs: Vec<_> = chars
        .iter()
        .map(|c| dnd_store::SaveRequest {
            owner: "alice",
            character: c,
            branch: "main",
            expected_head: None,
            meta: &m,
        })
        .collect();
    assert_eq!(s.save_batch(&reqs).expect("batch").len(), 2);
    let mut bad = reqs.clone();
    bad[1].expected_head = Some("x");
    assert!(s.save_batch(&bad).is_err());
    assert_eq!(
        s.list(None).expect("list").len(),
        2,
        "failed batch wrote nothing"
    );

    let v = s
        .cached("sheet", "abc", || Ok(serde_json::json!({"hp": 12})))
        .expect("miss");
    let w = s
        .cached("sheet", "abc", || Ok(serde_json::json!({"hp": 99})))
        .expect("hit");
    assert_eq!(v, w);
    let st = s.cache_stats();
    assert_eq!((st.hits, st.misses, st.entries), (1, 1, 1));
}
