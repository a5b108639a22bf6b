//! `dnd new`, `dnd level-up` and `dnd level-down` end to end: every class from 1 to 20 through
//! the CLI alone, validating clean at each level; refusals exit 1 and leave the file untouched.

mod common;
use common::dnd;
use std::path::PathBuf;
use std::process::Output;

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("dnd-build-{}", std::process::id()));
    std::fs::create_dir_all(&d).expect("temp dir");
    d.join(name)
}

fn ok(o: &Output) {
    assert_eq!(
        o.status.code(),
        Some(0),
        "stdout: {}\nstderr: {}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

fn path(p: &std::path::Path) -> &str {
    p.to_str().expect("utf-8 path")
}

#[test]
fn every_class_goes_from_1_to_20_through_the_cli_and_validates_at_each_level() {
    let classes = dnd(&["rules", "list", "classes", "--json"]);
    let list: Vec<serde_json::Value> = serde_json::from_slice(&classes.stdout).expect("json");
    assert_eq!(list.len(), 12);
    let species = ["human", "elf", "dwarf", "halfling", "gnome", "tiefling"];
    let backgrounds = ["acolyte", "criminal", "sage", "soldier"];
    for (k, c) in list.iter().enumerate() {
        let class = c["id"].as_str().expect("id");
        let f = tmp(&format!("{class}.json"));
        let o = dnd(&[
            "new",
            "--class",
            class,
            "--species",
            species[k % 6],
            "--background",
            backgrounds[k % 4],
            "-o",
            path(&f),
        ]);
        ok(&o);
        ok(&dnd(&["validate", path(&f)]));
        for _ in 2..=20 {
            ok(&dnd(&["level-up", path(&f), "--class", class]));
            let v = dnd(&["validate", path(&f)]);
            ok(&v);
        }
        let sheet = dnd(&["sheet", path(&f), "--json"]);
        let s: serde_json::Value = serde_json::from_slice(&sheet.stdout).expect("sheet");
        assert_eq!(s["level"], 20, "{class}");
        assert_eq!(s["proficiency_bonus"], 6, "{class}");
    }
}

#[test]
fn new_prints_a_character_and_lists_what_it_filled() {
    let o = dnd(&[
        "new",
        "--class",
        "wizard",
        "--species",
        "gnome",
        "--background",
        "sage",
        "--lineage",
        "rock-gnome",
        "--name",
        "Pip",
    ]);
    ok(&o);
    let ch: serde_json::Value = serde_json::from_slice(&o.stdout).expect("a character file");
    assert_eq!(ch["name"], "Pip");
    assert_eq!(ch["species"]["lineage"], "rock-gnome");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("decision(s) filled"), "{err}");
    let d = dnd(&[
        "new",
        "--class",
        "wizard",
        "--species",
        "gnome",
        "--background",
        "sage",
        "--decisions",
    ]);
    ok(&d);
    let states: Vec<serde_json::Value> = serde_json::from_slice(&d.stdout).expect("decisions");
    assert!(
        states
            .iter()
            .any(|s| s["key"] == "cantrips" && s["count"] == 3)
    );
}

#[test]
fn strict_new_refuses_with_pending_decisions() {
    let o = dnd(&[
        "new",
        "--class",
        "fighter",
        "--species",
        "human",
        "--background",
        "soldier",
        "--strict",
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json error");
    assert_eq!(v["error"]["code"], "build.decision.pending");
    assert!(
        !v["error"]["alternatives"]
            .as_array()
            .expect("list")
            .is_empty()
    );
}

#[test]
fn level_up_refusals_exit_1_and_leave_the_file_untouched() {
    let f = tmp("fighter.json");
    ok(&dnd(&[
        "new",
        "--class",
        "fighter",
        "--species",
        "human",
        "--background",
        "soldier",
        "-o",
        path(&f),
    ]));
    let before = std::fs::read(&f).expect("read");
    let o = dnd(&["level-up", path(&f), "--class", "wizard", "--json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json error");
    assert_eq!(v["error"]["code"], "multiclass.prerequisite.unmet");
    assert_eq!(std::fs::read(&f).expect("read"), before);
    let o = dnd(&["level-up", path(&f), "--class", "wizzard"]);
    assert_eq!(o.status.code(), Some(2), "an unknown id is bad input");
    assert!(String::from_utf8_lossy(&o.stderr).contains("wizard"));
    let o = dnd(&[
        "level-up",
        path(&f),
        "--class",
        "fighter",
        "--choose",
        "oops",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read(&f).expect("read"), before);
}

#[test]
fn level_up_with_given_choices_then_level_down() {
    let f = tmp("cleric.json");
    ok(&dnd(&[
        "new",
        "--class",
        "cleric",
        "--species",
        "dwarf",
        "--background",
        "acolyte",
        "--choose",
        "divine-order=protector",
        "-o",
        path(&f),
    ]));
    let start = std::fs::read(&f).expect("read");
    let out = tmp("cleric-2.json");
    let o = dnd(&[
        "level-up",
        path(&f),
        "--class",
        "cleric",
        "--hp",
        "roll",
        "--seed",
        "3",
        "--choose",
        "spells=sanctuary",
        "-o",
        path(&out),
        "--json",
    ]);
    ok(&o);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("outcome");
    assert_eq!(v["events"][0]["event"], "level_gained");
    assert_eq!(
        std::fs::read(&f).expect("read"),
        start,
        "-o leaves the input alone"
    );
    let ch: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("out")).expect("json");
    assert_eq!(ch["levels"][1]["spells"][0], "sanctuary");
    assert!(ch["levels"][1]["hp_roll"].is_u64());
    ok(&dnd(&["level-down", path(&out)]));
    assert_eq!(
        std::fs::read(&out).expect("read"),
        start,
        "level-down undoes level-up exactly"
    );
    let d = dnd(&["level-up", path(&f), "--class", "cleric", "--decisions"]);
    ok(&d);
    let ds: Vec<serde_json::Value> = serde_json::from_slice(&d.stdout).expect("decisions");
    assert!(ds.iter().any(|x| x["key"] == "spells"));
}
