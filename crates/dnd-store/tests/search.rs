//! The search index over the rules pack and user content, on real tantivy indexes (in memory
//! and on disk) and real SQLite stores. The imported-SRD checks are in `import.rs`, the plug-in
//! points (embedders, other user content) in `search_plugins.rs`.

mod common;

use dnd_store::core::rules::Rules;
use dnd_store::search::index_dir_for;
use dnd_store::{
    CatalogEntry, Facets, Filter, SearchIndex, SearchRequest, Sort, SqliteStore, Store, Viewer,
};
use serde_json::json;

fn rules() -> &'static Rules {
    Rules::srd()
}

fn anyone() -> Viewer {
    Viewer::user("anyone")
}

fn keys(idx: &SearchIndex, req: &SearchRequest) -> Vec<String> {
    idx.search(req)
        .expect("search")
        .hits
        .into_iter()
        .map(|h| h.key)
        .collect()
}

fn first(idx: &SearchIndex, q: &str) -> String {
    keys(idx, &SearchRequest::new(q, anyone()))
        .into_iter()
        .next()
        .unwrap_or_default()
}

/// A small catalog with text of our own, as an importer would write it.
fn entry(kind: &str, id: &str, name: &str, text: &str) -> CatalogEntry {
    CatalogEntry {
        source: "test".into(),
        kind: kind.into(),
        id: id.into(),
        name: name.into(),
        rules_id: None,
        text: text.into(),
        facets: Facets::default(),
        origin: "test".into(),
        licence: "test".into(),
    }
}

fn memory_index(store: &SqliteStore) -> SearchIndex {
    SearchIndex::open(None, store, rules()).expect("index")
}

#[test]
fn the_rules_pack_alone_is_searchable_with_typos_prefixes_and_similar_entries() {
    let store = SqliteStore::open_in_memory().expect("store");
    let idx = memory_index(&store);
    assert_eq!(first(&idx, "fireball"), "spell:fireball");
    assert_eq!(first(&idx, "Fireball"), "spell:fireball");
    for typo in ["firebal", "fierball", "fireblal"] {
        let r = idx
            .search(&SearchRequest::new(typo, anyone()))
            .expect("search");
        assert_eq!(r.hits[0].key, "spell:fireball", "{typo}");
        assert_eq!(r.fuzzy, vec![typo.to_string()]);
    }
    assert_eq!(first(&idx, "magic misile"), "spell:magic-missile");
    let s = idx.suggest("fire", &anyone(), &[], 5).expect("suggest");
    assert!(s.iter().any(|x| x.key == "spell:fireball"), "{s:?}");
    assert!(s.iter().all(|x| x.name.to_lowercase().contains("fire")));
    let s = idx
        .suggest("magic mi", &anyone(), &["spell".into()], 5)
        .expect("suggest");
    assert_eq!(s[0].key, "spell:magic-missile");
    let like = idx
        .more_like_this("spell:fireball", &anyone(), 10)
        .expect("mlt");
    assert!(!like.iter().any(|h| h.key == "spell:fireball"));
    assert!(like.iter().any(|h| h.kind == "spell"), "{like:?}");
    assert!(idx.more_like_this("spell:nope", &anyone(), 3).is_err());
}

#[test]
fn filters_facets_sorting_and_paging() {
    let store = SqliteStore::open_in_memory().expect("store");
    let idx = memory_index(&store);
    let mut req = SearchRequest::new("", anyone());
    req.kinds = vec!["spells".into()];
    req.filters = vec![
        Filter::parse("level<=3").expect("filter"),
        Filter::parse("school=evocation").expect("filter"),
    ];
    req.limit = 500;
    req.facets = true;
    let r = idx.search(&req).expect("search");
    let expected = rules()
        .spells
        .all()
        .iter()
        .filter(|s| s.level <= 3 && format!("{:?}", s.school).eq_ignore_ascii_case("evocation"))
        .count();
    assert_eq!(r.total, expected);
    assert!(expected > 10);
    for h in &r.hits {
        assert_eq!(h.kind, "spell");
        assert!(h.facets.level.is_some_and(|l| l <= 3), "{h:?}");
        assert_eq!(h.facets.school.as_deref(), Some("evocation"));
    }
    assert_eq!(r.facets["kind"]["spell"], expected as u64);
    assert_eq!(r.facets["school"].len(), 1);
    // Ranges, lists, exclusions.
    req.filters = vec![
        Filter::parse("level=1..2").expect("f"),
        Filter::parse("class=wizard,cleric").expect("f"),
    ];
    let r = idx.search(&req).expect("search");
    assert!(r.hits.iter().all(|h| matches!(h.facets.level, Some(1 | 2))));
    assert!(r.hits.iter().all(|h| {
        h.facets
            .classes
            .iter()
            .any(|c| c == "wizard" || c == "cleric")
    }));
    req.filters = vec![Filter::parse("school!=evocation").expect("f")];
    assert!(
        idx.search(&req)
            .expect("s")
            .hits
            .iter()
            .all(|h| h.facets.school.as_deref() != Some("evocation"))
    );
    let mut cr = SearchRequest::new("dragon", anyone());
    cr.filters = vec![
        Filter::parse("cr>=10").expect("f"),
        Filter::parse("kind=creature").expect("f"),
    ];
    cr.limit = 100;
    let r = idx.search(&cr).expect("cr");
    assert!(!r.hits.is_empty());
    assert!(
        r.hits
            .iter()
            .all(|h| h.facets.cr.is_some_and(|c| c >= 10.0))
    );
    // Sorting by level, then paging through it.
    let mut by_level = SearchRequest::new("", anyone());
    by_level.kinds = vec!["spell".into()];
    by_level.sort = Sort::Level;
    by_level.limit = 20;
    let page1 = idx.search(&by_level).expect("sorted");
    assert!(page1.hits.iter().all(|h| h.facets.level == Some(0)));
    by_level.descending = true;
    assert_eq!(
        idx.search(&by_level).expect("desc").hits[0].facets.level,
        Some(9)
    );
    let mut page = SearchRequest::new("fire", anyone());
    page.limit = 3;
    let a = keys(&idx, &page);
    page.offset = 3;
    let b = keys(&idx, &page);
    assert_eq!((a.len(), b.len()), (3, 3));
    assert!(a.iter().all(|k| !b.contains(k)));
    // Bad filters are typed errors.
    for bad in ["levle<=3", "level<=x", "school<3", "level"] {
        let e = Filter::parse(bad).expect_err(bad);
        assert_eq!(e.code(), "store.search.query", "{bad}");
    }
}

#[test]
fn synonyms_phrases_and_boolean_operators() {
    let store = SqliteStore::open_in_memory().expect("store");
    store
        .replace_catalog(
            "test",
            "-",
            &[
                entry(
                    "rule",
                    "armor-class",
                    "Armor Class",
                    "How hard you are to hit: your armor class.",
                ),
                entry(
                    "rule",
                    "shield-note",
                    "Shield note",
                    "A shield adds 2 to AC while held.",
                ),
                entry(
                    "rule",
                    "hit-points",
                    "Hit Points",
                    "HP measure durability; temporary hit points come first.",
                ),
            ],
            "t",
        )
        .expect("catalog");
    let idx = memory_index(&store);
    let mut ac = SearchRequest::new("AC", anyone());
    ac.limit = 1000;
    let mut long = SearchRequest::new("armor class", anyone());
    long.limit = 1000;
    let (a, b) = (
        idx.search(&ac).expect("ac"),
        idx.search(&long).expect("long"),
    );
    assert_eq!(a.total, b.total);
    let (mut ka, mut kb): (Vec<_>, Vec<_>) = (
        a.hits.iter().map(|h| &h.key).collect(),
        b.hits.iter().map(|h| &h.key).collect(),
    );
    ka.sort();
    kb.sort();
    assert_eq!(ka, kb);
    assert!(
        ka.contains(&&"rule:shield-note".to_string())
            && ka.contains(&&"rule:armor-class".to_string())
    );
    assert!(
        keys(&idx, &SearchRequest::new("hp", anyone())).contains(&"rule:hit-points".to_string())
    );
    let phrase = keys(
        &idx,
        &SearchRequest::new("\"temporary hit points\"", anyone()),
    );
    assert_eq!(phrase.first().map(String::as_str), Some("rule:hit-points"));
    let not = keys(&idx, &SearchRequest::new("shield -note", anyone()));
    assert!(!not.contains(&"rule:shield-note".to_string()));
    let and = keys(&idx, &SearchRequest::new("shield AND held", anyone()));
    assert_eq!(and, vec!["rule:shield-note".to_string()]);
    let hit = &idx
        .search(&SearchRequest::new("durability", anyone()))
        .expect("s")
        .hits[0];
    assert!(hit.snippet.contains("**durability**"), "{}", hit.snippet);
    assert_eq!(hit.highlights.len(), 1);
}

fn save(store: &SqliteStore, owner: &str, example: &str, name: &str) -> String {
    let mut ch = common::example(example);
    ch.id = None;
    ch.name = name.into();
    let meta = common::meta(owner, "created", 1);
    store
        .save_character(owner, &ch, "main", None, &meta)
        .expect("save")
        .id
}

#[test]
fn user_content_is_visible_to_its_owner_and_campaign_only_and_follows_the_event_log() {
    let store = SqliteStore::open_in_memory().expect("store");
    let ana = save(&store, "ana", "fighter-1", "Zephyrine Quill");
    let idx = memory_index(&store);
    let find = |who: Viewer, q: &str| keys(&idx, &SearchRequest::new(q, who));
    let key = format!("character:{ana}");
    assert_eq!(find(Viewer::user("ana"), "zephyrine"), vec![key.clone()]);
    assert!(
        find(Viewer::user("bo"), "zephyrine").is_empty(),
        "another owner cannot find it"
    );
    assert!(
        find(Viewer::user("bo"), "zephyrin").is_empty(),
        "not even fuzzily"
    );
    assert!(
        idx.suggest("zephyri", &Viewer::user("bo"), &[], 5)
            .expect("s")
            .is_empty()
    );
    assert_eq!(
        idx.suggest("zephyri", &Viewer::user("ana"), &[], 5)
            .expect("s")[0]
            .key,
        key
    );
    // A campaign that lists the character shows it to its members.
    store
        .put_document("camp1", "campaign", "dm-dora", &json!({"name": "Shadows of Vel", "dm": "dm-dora", "players": ["bo"], "characters": [ana]}))
        .expect("campaign");
    store
        .put_document("npc1", "npc", "dm-dora", &json!({"name": "Orsolya the Fence", "campaign": "camp1", "notes": "met in session 4 at the docks"}))
        .expect("npc");
    assert_eq!(idx.sync(&store, rules()).expect("sync"), 2);
    let bo_in = Viewer {
        user: "bo".into(),
        campaigns: vec!["camp1".into()],
    };
    assert_eq!(find(bo_in.clone(), "zephyrine"), vec![key.clone()]);
    assert_eq!(
        find(bo_in.clone(), "session 4 docks")
            .first()
            .map(String::as_str),
        Some("npc:npc1")
    );
    assert!(find(Viewer::user("bo"), "orsolya").is_empty());
    let mut npcs = SearchRequest::new("", Viewer::user("dm-dora"));
    npcs.filters = vec![Filter::parse("owner=dm-dora").expect("f")];
    assert_eq!(idx.search(&npcs).expect("s").total, 2);
    // A new version is picked up; a deletion removes it.
    let (mut ch, c) = store.load(&ana, "main").expect("load");
    ch.name = "Zephyrine Marrow".into();
    store
        .save_character(
            "ana",
            &ch,
            "main",
            Some(&c.id),
            &common::meta("ana", "rename", 2),
        )
        .expect("save");
    idx.sync(&store, rules()).expect("sync");
    assert_eq!(find(Viewer::user("ana"), "marrow"), vec![key.clone()]);
    assert!(find(Viewer::user("ana"), "quill").is_empty());
    store.soft_delete(&ana, "ana").expect("delete");
    store
        .delete_document("npc1", "dm-dora")
        .expect("delete npc");
    idx.sync(&store, rules()).expect("sync");
    assert!(find(Viewer::user("ana"), "zephyrine").is_empty());
    assert!(find(bo_in, "orsolya").is_empty());
    assert_eq!(idx.sync(&store, rules()).expect("nothing new"), 0);
}

#[test]
fn the_index_on_disk_survives_reopening_corruption_and_deletion() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("dnd.db");
    let store = SqliteStore::open(&db).expect("store");
    let at = index_dir_for(&db);
    let stats = {
        let idx = SearchIndex::open(Some(&at), &store, rules()).expect("open");
        assert!(idx.take_warnings().is_empty());
        idx.optimize().expect("merge");
        idx.stats().expect("stats")
    };
    assert_eq!(stats.segments, 1);
    assert!(stats.size_bytes > 0 && stats.rules_documents > 1000);
    // Reopened as it was, events since then applied.
    let id = save(&store, "ana", "wizard-1", "Ilsabet Vane");
    let idx = SearchIndex::open(Some(&at), &store, rules()).expect("reopen");
    assert!(idx.take_warnings().is_empty());
    assert_eq!(
        keys(&idx, &SearchRequest::new("ilsabet", Viewer::user("ana"))),
        vec![format!("character:{id}")]
    );
    drop(idx);
    // Every index file overwritten with garbage: rebuilt with a warning, and it works.
    for f in std::fs::read_dir(&at).expect("dir").flatten() {
        if f.path().is_file() {
            std::fs::write(f.path(), b"not an index at all").expect("corrupt");
        }
    }
    let idx = SearchIndex::open(Some(&at), &store, rules()).expect("rebuilt");
    let w = idx.take_warnings();
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].contains("rebuilt"));
    assert_eq!(
        keys(&idx, &SearchRequest::new("fireball", anyone()))[0],
        "spell:fireball"
    );
    drop(idx);
    // One segment file truncated: caught by the checksums.
    let victim = std::fs::read_dir(&at)
        .expect("dir")
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "idx"))
        .expect("a segment file");
    let bytes = std::fs::read(&victim).expect("read");
    std::fs::write(&victim, &bytes[..bytes.len() / 2]).expect("truncate");
    let idx = SearchIndex::open(Some(&at), &store, rules()).expect("rebuilt again");
    assert_eq!(idx.take_warnings().len(), 1);
    assert_eq!(first(&idx, "fireball"), "spell:fireball");
    drop(idx);
    std::fs::remove_dir_all(&at).expect("rm");
    let idx = SearchIndex::open(Some(&at), &store, rules()).expect("recreated");
    assert!(
        idx.take_warnings().is_empty(),
        "a missing index is simply built"
    );
    assert_eq!(first(&idx, "fireball"), "spell:fireball");
}

#[test]
fn analytics_count_queries_popular_and_zero_result_ones() {
    let store = SqliteStore::open_in_memory().expect("store");
    for (q, hits) in [
        ("Fireball", 3),
        ("fireball ", 3),
        ("xyzzy", 0),
        ("xyzzy", 0),
        ("slow", 2),
    ] {
        store
            .record_search(q, "ana", &json!({}), hits, 120)
            .expect("record");
    }
    let a = store.search_analytics(5).expect("analytics");
    assert_eq!((a.queries, a.distinct, a.zero_results), (5, 3, 2));
    assert_eq!(a.popular[0].query, "fireball");
    assert_eq!(a.popular[0].count, 2);
    assert_eq!(a.zero_result_queries[0].query, "xyzzy");
}
