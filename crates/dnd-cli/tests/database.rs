//! The `dnd --db` verbs end to end on a real SQLite file: save, load, list, branch, tag,
//! history, diff, merge (with a conflict, exit 1, then resolved), restore, cherry-pick,
//! revert, proposals, themes, assets, events, audit, backup and restore, export and import,
//! verify, gc, delete, undelete and purge.

mod common;
use common::root;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Db {
    dir: PathBuf,
}

impl Db {
    fn new(name: &str) -> Db {
        let dir = std::env::temp_dir().join(format!("dnd-db-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        Db { dir }
    }

    fn path(&self, name: &str) -> String {
        self.dir.join(name).to_string_lossy().into_owned()
    }

    fn run(&self, args: &[&str]) -> Output {
        let db = self.path("dnd.db");
        let themes = root().join("examples/packs/themes");
        let mut all = vec!["--db", &db, "--pack", themes.to_str().expect("utf-8")];
        all.extend_from_slice(args);
        Command::new(env!("CARGO_BIN_EXE_dnd"))
            .args(&all)
            .current_dir(&self.dir)
            .output()
            .expect("dnd runs")
    }

    fn ok(&self, args: &[&str]) -> String {
        let o = self.run(args);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8_lossy(&o.stdout).into_owned()
    }

    fn json(&self, args: &[&str]) -> serde_json::Value {
        let s = self.ok(args);
        serde_json::from_str(&s).unwrap_or_else(|e| panic!("{args:?} is not JSON ({e}): {s}"))
    }

    /// A new saved level 1 fighter; its id.
    fn hero(&self) -> String {
        let f = self.path("hero.json");
        self.ok(&[
            "new",
            "--class",
            "fighter",
            "--species",
            "human",
            "--background",
            "soldier",
            "-o",
            &f,
        ]);
        let v = self.json(&["save", &f, "-m", "created", "--json"]);
        assert!(v["version"].as_str().is_some_and(|s| s.len() == 64));
        v["id"].as_str().expect("id").to_string()
    }
}

fn edit_and_save(db: &Db, id: &str, branch: &str, file: &str, edit: &[&str]) {
    db.ok(&["load", id, "--version", branch, "-o", file]);
    if !edit.is_empty() {
        let mut args = edit.to_vec();
        args.insert(1, file);
        db.ok(&args);
    }
    db.ok(&[
        "save",
        file,
        "--branch",
        branch,
        "-m",
        edit.first().copied().unwrap_or("save"),
    ]);
}

#[test]
fn save_branch_merge_restore_and_history() {
    let db = Db::new("history");
    let id = db.hero();
    let list = db.json(&["list", "--json"]);
    assert_eq!(list[0]["id"], id.as_str());
    db.ok(&["branch", &id, "plan"]);
    let plan = db.path("plan.json");
    edit_and_save(&db, &id, "plan", &plan, &["level-up", "--class", "fighter"]);
    let main = db.path("main.json");
    edit_and_save(&db, &id, "main", &main, &["damage", "5"]);
    let merged = db.json(&["merge", &id, "plan", "--json"]);
    assert_eq!(merged["parents"].as_array().expect("parents").len(), 2);
    let log = db.json(&["history", &id, "--json"]);
    assert_eq!(log.as_array().expect("log").len(), 4);
    let first = log[3]["id"].as_str().expect("first").to_string();
    let d = db.json(&["diff", &id, &first, "main", "--json"]);
    assert!(
        d["summary"]
            .as_str()
            .expect("summary")
            .contains("Fighter 1 → 2"),
        "{d}"
    );
    db.ok(&["tag", &id, "milestone"]);
    assert!(db.ok(&["tag", &id]).contains("milestone"));
    db.ok(&["restore", &id, &first]);
    let back: serde_json::Value = serde_json::from_str(&db.ok(&["load", &id])).expect("json");
    assert_eq!(back["levels"].as_array().expect("levels").len(), 1);
    let reverted = db.json(&[
        "revert",
        &id,
        log[0]["id"].as_str().expect("merge"),
        "--json",
    ]);
    assert_eq!(reverted["kind"], "revert");
    let v = db.json(&["verify", "--json"]);
    assert!(v["problems"].as_array().expect("problems").is_empty());
}

#[test]
fn a_conflicting_merge_exits_1_with_the_conflicts_then_resolves() {
    let db = Db::new("conflict");
    let id = db.hero();
    db.ok(&["branch", &id, "other"]);
    for (branch, name) in [("main", "Kara"), ("other", "Kira")] {
        let f = db.path(&format!("{branch}.json"));
        db.ok(&["load", &id, "--version", branch, "-o", &f]);
        let mut ch: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&f).expect("read")).expect("json");
        ch["name"] = serde_json::json!(name);
        std::fs::write(&f, ch.to_string()).expect("write");
        db.ok(&["save", &f, "--branch", branch]);
    }
    let o = db.run(&["merge", &id, "other", "--json"]);
    assert_eq!(o.status.code(), Some(1));
    let e: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json error");
    assert_eq!(e["error"]["code"], "history.merge.conflict");
    assert_eq!(e["error"]["conflicts"][0]["path"], "/name");
    assert_eq!(e["error"]["conflicts"][0]["theirs"], "Kira");
    let o = db.run(&["merge", &id, "other", "--resolve", "/name=theirs"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let ch: serde_json::Value = serde_json::from_str(&db.ok(&["load", &id])).expect("json");
    assert_eq!(ch["name"], "Kira");
}

#[test]
fn proposals_and_themes() {
    let db = Db::new("proposals");
    let id = db.hero();
    let f = db.path("p.json");
    db.ok(&["load", &id, "-o", &f]);
    db.ok(&["level-up", &f, "--class", "fighter"]);
    let p = db.json(&["propose", &f, "--reason", "level 2", "--json"]);
    assert_eq!(p["outcome"], "proposed");
    let pid = p["proposal"]["id"].as_str().expect("id").to_string();
    assert!(db.ok(&["proposals", &id]).contains(&pid));
    let c = db.json(&["approve", &pid, "--note", "ok", "--json"]);
    assert_eq!(c["kind"], "approval");
    let o = db.run(&["reject", &pid, "--json"]);
    assert_eq!(o.status.code(), Some(1), "a closed proposal");
    // Without a profile a new catalog item is not critical; the low-magic profile makes every
    // item change wait for the DM.
    let g = db.path("g.json");
    db.ok(&["load", &id, "-o", &g]);
    db.ok(&["give", &g, "rope"]);
    let direct = db.json(&["propose", &g, "--reason", "rope", "--json"]);
    assert_eq!(direct["outcome"], "committed");
    db.ok(&["load", &id, "-o", &g]);
    db.ok(&["give", &g, "torch"]);
    let profile = root().join("examples/profiles/low-magic.json");
    let p = profile.to_str().expect("utf-8");
    let held = db.json(&["propose", &g, "--reason", "torch", "--profile", p, "--json"]);
    assert_eq!(held["outcome"], "proposed");
    assert!(db.ok(&["theme", "list"]).contains("cyberpunk"));
    db.ok(&["theme", "apply", &id, "cyberpunk"]);
    db.ok(&["theme", "rollback", &id]);
    let plain = db.hero();
    let o = db.run(&["theme", "rollback", &plain]);
    assert_eq!(o.status.code(), Some(1), "no theme transition to roll back");
}

#[test]
fn assets_events_audit_backup_archive_and_lifecycle() {
    let db = Db::new("admin");
    let id = db.hero();
    let img = db.path("face.png");
    std::fs::write(&img, b"\x89PNG not really").expect("write");
    let aid = db.ok(&[
        "asset",
        "put",
        &img,
        "--kind",
        "portrait",
        "--type",
        "image/png",
        "--subject",
        &id,
    ]);
    let aid = aid.trim();
    let got = db.path("got.png");
    db.ok(&["asset", "get", aid, "-o", &got]);
    assert_eq!(std::fs::read(&got).expect("read"), b"\x89PNG not really");
    assert!(db.ok(&["asset", "list"]).contains(aid));
    db.ok(&["asset", "gc"]);
    assert!(db.ok(&["events", "--json"]).contains("character"));
    assert!(!db.ok(&["audit"]).is_empty());
    let backup = db.path("backup.db");
    db.ok(&["backup", &backup]);
    let archive = db.path("archive.jsonl");
    db.ok(&["export", &archive]);
    db.ok(&["delete", &id]);
    assert!(db.ok(&["list"]).contains("(deleted)"));
    db.ok(&["undelete", &id]);
    db.ok(&["purge", "--older-than-days", "30"]);
    db.ok(&["gc"]);
    db.ok(&["backup", "--restore", &backup]);
    let other = Db::new("import");
    other.ok(&["import", &archive]);
    let again = other.path("again.jsonl");
    other.ok(&["export", &again]);
    assert_eq!(
        std::fs::read(&archive).expect("a"),
        std::fs::read(&again).expect("b")
    );
}

#[test]
fn bad_databases_and_ids_are_typed_errors() {
    let db = Db::new("bad");
    std::fs::write(db.path("dnd.db"), "not a database at all, just text").expect("write");
    let o = db.run(&["list", "--json"]);
    assert_eq!(o.status.code(), Some(2));
    let e: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(e["error"]["code"], "store.corrupt");
    let fresh = Db::new("fresh");
    let o = fresh.run(&["load", "ch_nothere"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(Path::new(&fresh.path("dnd.db")).exists());
}
