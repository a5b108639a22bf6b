//! `dnd search`, `dnd search suggest|like`, `dnd index` and `dnd import FORMAT DIR` end to end
//! on a real database and index folder.

mod common;
use std::path::PathBuf;
use std::process::{Command, Output};

struct Db {
    dir: PathBuf,
}

impl Db {
    fn new(name: &str) -> Db {
        let dir = std::env::temp_dir().join(format!("dnd-search-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        Db { dir }
    }

    fn path(&self, name: &str) -> String {
        self.dir.join(name).to_string_lossy().into_owned()
    }

    fn run_as(&self, author: &str, args: &[&str]) -> Output {
        let db = self.path("dnd.db");
        let mut all = vec!["--db", &db, "--author", author];
        all.extend_from_slice(args);
        Command::new(env!("CARGO_BIN_EXE_dnd"))
            .args(&all)
            .current_dir(&self.dir)
            .output()
            .expect("dnd runs")
    }

    fn ok_as(&self, author: &str, args: &[&str]) -> String {
        let o = self.run_as(author, args);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8_lossy(&o.stdout).into_owned()
    }

    fn json_as(&self, author: &str, args: &[&str]) -> serde_json::Value {
        let s = self.ok_as(author, args);
        serde_json::from_str(&s).unwrap_or_else(|e| panic!("{args:?} is not JSON ({e}): {s}"))
    }

    fn json(&self, args: &[&str]) -> serde_json::Value {
        self.json_as("local", args)
    }
}

impl Drop for Db {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[test]
fn search_suggest_like_index_and_permissions_on_the_rules_pack() {
    let db = Db::new("pack");
    let hits = db.json(&["search", "fireball", "--json"]);
    let first = &hits[0];
    assert_eq!(first["id"], "fireball");
    assert_eq!(first["kind"], "spell");
    assert_eq!(first["name"], "Fireball");
    assert!(first["score"].as_f64().is_some_and(|s| s > 0.0));
    assert!(first["snippet"].is_string());
    assert_eq!(
        db.json(&["search", "firebal", "--json"])[0]["id"],
        "fireball"
    );
    let text = db.ok_as("local", &["search", "suggest", "magic", "mi"]);
    assert!(
        text.starts_with("Magic Missile  (spell:magic-missile)"),
        "{text}"
    );
    let like = db.json(&["search", "like", "spell:fireball", "--json", "--limit", "3"]);
    assert_eq!(like.as_array().map(Vec::len), Some(3));
    let filtered = db.json(&[
        "search",
        "--kind",
        "spell",
        "--filter",
        "level<=3",
        "--filter",
        "school=evocation",
        "--limit",
        "200",
        "--json",
    ]);
    let list = filtered.as_array().expect("array");
    assert!(list.len() > 10);
    for h in list {
        assert_eq!(h["kind"], "spell");
        assert!(h["facets"]["level"].as_i64().is_some_and(|l| l <= 3));
        assert_eq!(h["facets"]["school"], "evocation");
    }
    let with_facets = db.json(&["search", "dragon", "--facets", "--json"]);
    assert!(
        with_facets["facets"]["kind"]["creature"]
            .as_u64()
            .is_some_and(|n| n > 0)
    );
    // Bad input exits 2 with the code.
    let o = db.run_as("local", &["search", "x", "--filter", "levle<=3", "--json"]);
    assert_eq!(o.status.code(), Some(2));
    let err: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json error");
    assert_eq!(err["error"]["code"], "store.search.query");
    assert_eq!(
        db.run_as("local", &["search", "x", "--sort", "size"])
            .status
            .code(),
        Some(2)
    );
    // A character is found by its owner only.
    let f = db.path("hero.json");
    db.ok_as(
        "ana",
        &[
            "new",
            "--class",
            "wizard",
            "--species",
            "elf",
            "--background",
            "sage",
            "--lineage",
            "high-elf",
            "--name",
            "Quorra Vantablack",
            "-o",
            &f,
        ],
    );
    let saved = db.json_as("ana", &["save", &f, "--json"]);
    let mine = db.json_as("ana", &["search", "quorra", "--json"]);
    assert_eq!(mine[0]["id"], saved["id"]);
    assert_eq!(mine[0]["kind"], "character");
    assert_eq!(
        db.json_as("bo", &["search", "quorra", "--json"]),
        serde_json::json!([])
    );
    assert_eq!(
        db.json_as("bo", &["search", "suggest", "quorr", "--json"]),
        serde_json::json!([])
    );
    // Index management.
    let stats = db.json(&["index", "stats", "--json"]);
    assert_eq!(stats["index"]["user_documents"], 1);
    assert!(
        stats["analytics"]["queries"]
            .as_u64()
            .is_some_and(|n| n >= 5)
    );
    let rebuilt = db.json(&["index", "rebuild", "--json"]);
    assert_eq!(rebuilt["segments"], 1);
    assert_eq!(rebuilt["documents"], stats["index"]["documents"]);
    // A damaged index is rebuilt with a warning on stderr, and the search still answers.
    let index = PathBuf::from(db.path("dnd.db.index"));
    for e in std::fs::read_dir(&index).expect("index dir").flatten() {
        std::fs::write(e.path(), b"garbage").expect("corrupt");
    }
    let o = db.run_as("local", &["search", "fireball", "--json"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stderr).contains("warning: search index"));
    let hits: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(hits[0]["id"], "fireball");
}

#[test]
fn import_formats_and_the_archive_form_of_import() {
    let db = Db::new("import");
    // The archive form keeps working, with or without the word `archive`.
    let all = db.path("all.jsonl");
    db.ok_as("local", &["export", &all]);
    assert!(db.ok_as("local", &["import", &all]).starts_with("imported"));
    assert!(
        db.ok_as("local", &["import", "archive", &all])
            .starts_with("imported")
    );
    let o = db.run_as("local", &["import", "nonsense", &all]);
    assert_eq!(o.status.code(), Some(2));
    let Some(srd) = srd_dir() else { return };
    let r = db.json(&[
        "import",
        "open5e",
        srd.join("open5e").to_str().expect("utf-8"),
        "--json",
    ]);
    assert_eq!(r["by_kind"]["spell"], 339);
    assert_eq!(r["by_kind"]["creature"], 331);
    let r = db.json(&[
        "import",
        "5e-database",
        srd.join("5e-database").to_str().expect("utf-8"),
        "--json",
    ]);
    assert_eq!(r["by_kind"]["class"], 12);
    let text = db.ok_as(
        "local",
        &[
            "import",
            "srd-markdown",
            srd.join("markdown").to_str().expect("utf-8"),
        ],
    );
    assert!(
        text.starts_with("imported ") && text.contains("339 spell"),
        "{text}"
    );
    let hits = db.json(&["search", "\"bat guano\"", "--json"]);
    assert_eq!(hits[0]["id"], "fireball");
    let stats = db.json(&["index", "stats", "--json"]);
    assert_eq!(stats["catalog"]["by_source"]["open5e"]["spell"], 339);
    // A malformed file: exit 2, its name, line and column; nothing of it kept.
    let bad = PathBuf::from(db.path("bad"));
    std::fs::create_dir_all(&bad).expect("dir");
    std::fs::write(
        bad.join("Spell.json"),
        "[\n  {\"pk\": 1,\n  \"fields\": }\n]",
    )
    .expect("write");
    std::fs::copy(srd.join("open5e/Creature.json"), bad.join("Creature.json")).expect("copy");
    let o = db.run_as("local", &["import", "open5e", bad.to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("store.import.malformed") && err.contains("Spell.json:3:"),
        "{err}"
    );
    let stats = db.json(&["index", "stats", "--json"]);
    assert_eq!(stats["catalog"]["by_source"]["open5e"]["spell"], 339);
}

/// `../shared/srd-5.2`, or `None` with a notice (a failure under `CI=true`).
fn srd_dir() -> Option<PathBuf> {
    let dir = common::root().join("../shared/srd-5.2");
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "../shared/srd-5.2 is missing"
    );
    let _ = std::io::Write::write_all(
        &mut std::io::stderr(),
        b"notice: skipping the import CLI checks: ../shared/srd-5.2 not found\n",
    );
    None
}
