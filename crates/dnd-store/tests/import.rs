//! The importers on the SRD 5.2 data sets in `../shared/srd-5.2` (skipped with a notice when
//! absent, a failure under `CI=true`): counts, facts, idempotence, all-or-nothing imports and
//! a round trip into the search index.

mod common;

use std::path::{Path, PathBuf};

use dnd_store::core::rules::Rules;
use dnd_store::{
    CatalogEntry, Filter, ImportFormat, SearchIndex, SearchRequest, SqliteStore, StoreError, Viewer,
};

fn import(s: &SqliteStore, f: ImportFormat, dir: &Path) -> dnd_store::ImportReport {
    let mut ticks = 0;
    let r = s
        .import_catalog(f, dir, Rules::srd(), "tester", &mut |p| {
            ticks += 1;
            assert!(p.done <= p.total && !p.file.is_empty());
        })
        .expect("import");
    assert!(ticks > 0, "progress is reported");
    r
}

fn one(s: &SqliteStore, source: &str, kind: &str, id: &str) -> CatalogEntry {
    s.catalog_entries(Some(kind), Some(source))
        .expect("entries")
        .into_iter()
        .find(|e| e.id == id)
        .unwrap_or_else(|| panic!("{source} has no {kind} {id}"))
}

fn dirs() -> Option<(PathBuf, PathBuf, PathBuf)> {
    let d = common::srd_dir()?;
    Some((d.join("open5e"), d.join("5e-database"), d.join("markdown")))
}

#[test]
fn open5e_counts_facts_and_links() {
    let Some((open5e, _, _)) = dirs() else { return };
    let s = SqliteStore::open_in_memory().expect("store");
    let r = import(&s, ImportFormat::Open5e, &open5e);
    for (kind, n) in [
        ("spell", 339),
        ("creature", 331),
        ("class", 12),
        ("subclass", 12),
        ("species", 9),
        ("background", 4),
        ("feat", 17),
        ("condition", 15),
        ("weapon", 38),
        ("armor", 13),
    ] {
        assert_eq!(r.by_kind.get(kind), Some(&n), "{kind}: {:?}", r.by_kind);
    }
    assert!(r.by_kind["magic-item"] >= 700 && r.by_kind["class-feature"] >= 300);
    // Every spell, creature, class and condition is linked to the pack.
    for kind in [
        "spell",
        "creature",
        "class",
        "condition",
        "feat",
        "species",
        "background",
    ] {
        let unlinked: Vec<String> = s
            .catalog_entries(Some(kind), Some("open5e"))
            .expect("e")
            .into_iter()
            .filter(|e| e.rules_id.is_none())
            .map(|e| e.id)
            .collect();
        assert!(unlinked.is_empty(), "{kind}: {unlinked:?}");
    }
    let fb = one(&s, "open5e", "spell", "fireball");
    assert_eq!(fb.rules_id.as_deref(), Some("fireball"));
    assert_eq!(
        (fb.facets.level, fb.facets.school.as_deref()),
        (Some(3), Some("evocation"))
    );
    assert!(fb.facets.classes.contains(&"wizard".to_string()));
    assert!(
        fb.text.contains("8d6") && fb.text.contains("150 feet"),
        "{}",
        fb.text
    );
    assert!(fb.licence.contains("CC-BY-4.0"));
    assert_eq!(fb.origin, "Spell.json#srd-2024_fireball");
    let aboleth = one(&s, "open5e", "creature", "aboleth");
    assert_eq!(aboleth.facets.cr, Some(10.0));
    assert_eq!(aboleth.facets.category.as_deref(), Some("aberration"));
    assert!(aboleth.text.contains("### Legendary Actions"));
    assert_eq!(
        one(&s, "open5e", "creature", "goblin-warrior").facets.cr,
        Some(0.25)
    );
    let rage = one(&s, "open5e", "class-feature", "barbarian-rage");
    assert_eq!(rage.rules_id.as_deref(), Some("barbarian-rage"));
    assert_eq!(rage.facets.level, Some(1));
    let bag = one(&s, "open5e", "magic-item", "bag-of-holding");
    assert_eq!(bag.facets.rarity.as_deref(), Some("uncommon"));
}

#[test]
fn five_e_database_and_markdown_counts_and_facts() {
    let Some((_, fivee, md)) = dirs() else { return };
    let s = SqliteStore::open_in_memory().expect("store");
    let r = import(&s, ImportFormat::FiveEDatabase, &fivee);
    for (kind, n) in [
        ("class", 12),
        ("subclass", 12),
        ("feat", 17),
        ("condition", 15),
        ("language", 19),
        ("magic-item", 262),
    ] {
        assert_eq!(r.by_kind.get(kind), Some(&n), "{kind}: {:?}", r.by_kind);
    }
    assert_eq!(r.by_kind["species"], 9 + 24, "species and their lineages");
    let wizard = one(&s, "5e-database", "class", "wizard");
    assert_eq!(wizard.rules_id.as_deref(), Some("wizard"));
    assert!(wizard.text.contains("**Hit die:** 6"), "{}", wizard.text);
    assert_eq!(
        one(&s, "5e-database", "class-feature", "barbarian-rage")
            .facets
            .level,
        Some(1)
    );
    let orc = one(&s, "5e-database", "species", "orc");
    assert!(
        orc.text.contains("Adrenaline Rush"),
        "traits are part of the species"
    );

    let r = import(&s, ImportFormat::SrdMarkdown, &md);
    assert_eq!(r.by_kind["spell"], 339);
    assert_eq!(r.by_kind["class"], 12);
    assert_eq!(r.by_kind["feat"], 17);
    assert!(r.by_kind["creature"] >= 320, "{:?}", r.by_kind);
    assert!(r.by_kind["rule"] >= 150 && r.by_kind["section"] >= 300);
    let unlinked: Vec<String> = s
        .catalog_entries(Some("spell"), Some("srd-markdown"))
        .expect("e")
        .into_iter()
        .filter(|e| e.rules_id.is_none())
        .map(|e| e.id)
        .collect();
    assert!(unlinked.is_empty(), "{unlinked:?}");
    let fb = one(&s, "srd-markdown", "spell", "fireball");
    assert_eq!(
        (fb.facets.level, fb.facets.school.as_deref()),
        (Some(3), Some("evocation"))
    );
    assert_eq!(fb.facets.classes, ["sorcerer", "wizard"]);
    assert!(fb.origin.starts_with("08_b_spellsaz.md:"));
    let light = one(&s, "srd-markdown", "spell", "light");
    assert_eq!(light.facets.level, Some(0), "cantrips are level 0");
    assert_eq!(
        one(&s, "srd-markdown", "creature", "aboleth").facets.cr,
        Some(10.0)
    );
    let stats = s.catalog_stats().expect("stats");
    assert_eq!(stats.by_source.len(), 2);
}

#[test]
fn reimporting_replaces_and_a_malformed_file_leaves_everything_as_it_was() {
    let Some((open5e, _, _)) = dirs() else { return };
    let s = SqliteStore::open_in_memory().expect("store");
    let first = import(&s, ImportFormat::Open5e, &open5e);
    let again = import(&s, ImportFormat::Open5e, &open5e);
    assert_eq!(again.entries, first.entries);
    assert_eq!(again.replaced, first.entries);
    assert_eq!(s.catalog_stats().expect("stats").total, first.entries);
    // A copy with a broken Creature.json: the error names the file, line and column; the
    // catalog keeps the previous import whole.
    let tmp = tempfile::tempdir().expect("tmp");
    for f in std::fs::read_dir(&open5e).expect("dir").flatten() {
        std::fs::copy(f.path(), tmp.path().join(f.file_name())).expect("copy");
    }
    let path = tmp.path().join("Creature.json");
    let text = std::fs::read_to_string(&path).expect("read");
    let cut = text.len() / 2;
    std::fs::write(&path, format!("{}\n  ,,, broken", &text[..cut])).expect("write");
    let err = s
        .import_catalog(
            ImportFormat::Open5e,
            tmp.path(),
            Rules::srd(),
            "t",
            &mut |_| {},
        )
        .expect_err("malformed");
    assert_eq!(err.code(), "store.import.malformed");
    match &err {
        StoreError::Malformed {
            file, line, column, ..
        } => {
            assert!(file.ends_with("Creature.json"), "{file}");
            assert!(*line > 1 && *column > 0);
        }
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().contains("Creature.json:"), "{err}");
    assert_eq!(s.catalog_stats().expect("stats").total, first.entries);
    assert_eq!(
        one(&s, "open5e", "creature", "aboleth").facets.cr,
        Some(10.0)
    );
    // A wrong shape fails the same way; a folder that is not the data set is its own error.
    std::fs::write(&path, "{\"not\": \"a list\"}").expect("write");
    let e = s.import_catalog(
        ImportFormat::Open5e,
        tmp.path(),
        Rules::srd(),
        "t",
        &mut |_| {},
    );
    assert_eq!(e.expect_err("shape").code(), "store.import.malformed");
    let empty = tempfile::tempdir().expect("tmp");
    for f in ImportFormat::ALL {
        let e = s.import_catalog(f, empty.path(), Rules::srd(), "t", &mut |_| {});
        assert_eq!(
            e.expect_err("not a data set").code(),
            "store.import.source",
            "{f:?}"
        );
    }
    assert_eq!(s.catalog_stats().expect("stats").total, first.entries);
}

#[test]
fn an_import_round_trips_into_the_search_index() {
    let Some((open5e, fivee, md)) = dirs() else {
        return;
    };
    let s = SqliteStore::open_in_memory().expect("store");
    let idx = SearchIndex::open(None, &s, Rules::srd()).expect("index");
    let before = idx.stats().expect("stats").documents;
    import(&s, ImportFormat::Open5e, &open5e);
    assert!(idx.sync(&s, Rules::srd()).expect("sync") >= 1);
    let who = Viewer::user("anyone");
    let r = idx
        .search(&SearchRequest::new("fireball", who.clone()))
        .expect("search");
    assert_eq!(r.hits[0].key, "spell:fireball");
    assert!(r.hits[0].sources.contains(&"open5e".to_string()));
    assert!(idx.stats().expect("stats").documents > before);
    // Full text is searchable: a phrase only the imported text has.
    let r = idx
        .search(&SearchRequest::new("\"bat guano\"", who.clone()))
        .expect("phrase");
    assert!(
        r.hits.iter().any(|h| h.key == "spell:fireball"),
        "{:?}",
        r.hits
    );
    import(&s, ImportFormat::FiveEDatabase, &fivee);
    import(&s, ImportFormat::SrdMarkdown, &md);
    idx.sync(&s, Rules::srd()).expect("sync");
    assert_eq!(
        idx.search(&SearchRequest::new("firebal", who.clone()))
            .expect("s")
            .hits[0]
            .key,
        "spell:fireball"
    );
    let mut req = SearchRequest::new("", who.clone());
    req.kinds = vec!["spell".into()];
    req.filters = vec![
        Filter::parse("level<=3").expect("f"),
        Filter::parse("school=evocation").expect("f"),
    ];
    req.limit = 1000;
    let r = idx.search(&req).expect("filtered");
    assert!(r.total > 20);
    assert!(r.hits.iter().all(|h| h.kind == "spell"
        && h.facets.level.is_some_and(|l| l <= 3)
        && h.facets.school.as_deref() == Some("evocation")));
    let mut ac = SearchRequest::new("AC", who.clone());
    ac.limit = 5000;
    let mut long = SearchRequest::new("armor class", who);
    long.limit = 5000;
    let (a, b) = (
        idx.search(&ac).expect("ac"),
        idx.search(&long).expect("armor class"),
    );
    assert_eq!(a.total, b.total);
    let mut ka: Vec<String> = a.hits.into_iter().map(|h| h.key).collect();
    let mut kb: Vec<String> = b.hits.into_iter().map(|h| h.key).collect();
    ka.sort();
    kb.sort();
    assert_eq!(ka, kb, "armor class finds what AC finds");
    // Re-importing does not duplicate documents.
    let n = idx.stats().expect("stats").documents;
    import(&s, ImportFormat::Open5e, &open5e);
    idx.sync(&s, Rules::srd()).expect("sync");
    assert_eq!(idx.stats().expect("stats").documents, n);
}
