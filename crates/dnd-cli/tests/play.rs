//! The play verbs end to end: each edits a copy of an example file, prints a one-line summary
//! (or `--json`), exits 1 on a refusal leaving the file byte-identical and 2 on bad input.

mod common;
use common::{dnd, example};
use std::path::PathBuf;
use std::process::Output;

/// A fresh copy of an example in a temp dir of this test.
fn copy(example_name: &str, test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dnd-play-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let p = dir.join(format!("{example_name}.json"));
    std::fs::write(&p, example(&format!("{example_name}.json"))).expect("copy");
    p
}

fn run(args: &[&str]) -> Output {
    dnd(args)
}

fn ok(args: &[&str]) -> String {
    let o = run(args);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn state(p: &std::path::Path) -> serde_json::Value {
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(p).expect("file")).expect("json");
    v["state"].clone()
}

/// Runs a refused verb: exit 1, the file unchanged, the code on stderr.
fn refused(p: &std::path::Path, args: &[&str], code: &str) {
    let before = std::fs::read(p).expect("file");
    let o = run(args);
    assert_eq!(o.status.code(), Some(1), "{args:?}");
    assert!(
        String::from_utf8_lossy(&o.stderr).contains(code),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(
        std::fs::read(p).expect("file"),
        before,
        "{args:?} left the file"
    );
}

fn s(p: &std::path::Path) -> &str {
    p.to_str().expect("utf-8 path")
}

#[test]
fn prepare_and_unprepare() {
    let p = copy("cleric-5", "prepare");
    let out = ok(&["prepare", s(&p), "command"]);
    assert!(out.starts_with("Prepared Command for cleric"), "{out}");
    assert!(
        state(&p)["prepared"]["cleric"]
            .as_array()
            .expect("list")
            .contains(&"command".into())
    );
    ok(&["unprepare", s(&p), "command", "--class", "cleric"]);
    refused(
        &p,
        &["unprepare", s(&p), "command"],
        "play.spell.not_prepared",
    );
    refused(
        &p,
        &["prepare", s(&p), "magic-missile"],
        "spell.list.off_list",
    );
}

#[test]
fn cast_spends_slots_and_refuses_without_them() {
    let p = copy("cleric-5", "cast");
    let out = ok(&["cast", s(&p), "guiding-bolt", "--level", "3"]);
    assert_eq!(out.trim(), "Cast Guiding Bolt (level 3 slot)");
    assert_eq!(state(&p)["slots_spent"][2], 1);
    refused(
        &p,
        &["cast", s(&p), "banishment"],
        "play.spell.level_too_high",
    );
    ok(&["cast", s(&p), "spiritual-weapon", "--level", "3"]);
    refused(
        &p,
        &["cast", s(&p), "spiritual-weapon", "--level", "3"],
        "play.slot.unavailable",
    );
    let w = copy("warlock-3-sorcerer-2", "cast");
    ok(&["cast", s(&w), "magic-missile", "--pact"]);
    assert_eq!(state(&w)["pact_slots_spent"], 1);
    let wiz = copy("wizard-1", "cast");
    ok(&["cast", s(&wiz), "detect-magic", "--ritual"]);
    assert_eq!(state(&wiz)["concentration"], "detect-magic");
}

#[test]
fn damage_heal_temp_hp_and_json() {
    let p = copy("cleric-5", "damage");
    let o = run(&["damage", s(&p), "10", "--json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["summary"], "Hit for 10: 38 → 28 HP");
    assert_eq!(v["events"][0]["event"], "damaged");
    assert_eq!(v["events"][0]["hp_after"], 28);
    assert!(v["warnings"].is_array());
    assert_eq!(v["written"], s(&p));
    ok(&["heal", s(&p), "4"]);
    assert_eq!(state(&p)["hp"], 32);
    ok(&["temp-hp", s(&p), "6"]);
    assert_eq!(state(&p)["temp_hp"], 6);
    ok(&["damage", s(&p), "100", "--critical"]);
    refused(&p, &["heal", s(&p), "1"], "play.dead");
    // Bad input: exit 2, file untouched.
    let before = std::fs::read(&p).expect("file");
    assert_eq!(run(&["damage", s(&p), "-3"]).status.code(), Some(2));
    assert_eq!(run(&["damage", s(&p), "lots"]).status.code(), Some(2));
    assert_eq!(std::fs::read(&p).expect("file"), before);
}

#[test]
fn death_saves() {
    let p = copy("cleric-5", "death");
    refused(&p, &["death-save", s(&p), "--roll", "12"], "play.not_dying");
    ok(&["damage", s(&p), "38"]);
    ok(&["death-save", s(&p), "--roll", "1"]);
    assert_eq!(state(&p)["death_saves"]["failures"], 2);
    let out = ok(&["death-save", s(&p), "--roll", "20"]);
    assert!(out.contains("natural 20"), "{out}");
    assert_eq!(state(&p)["hp"], 1);
    assert_eq!(run(&["death-save", s(&p)]).status.code(), Some(2));
    ok(&["damage", s(&p), "1"]);
    ok(&["death-save", s(&p), "--seed", "9"]);
    assert_eq!(
        run(&["death-save", s(&p), "--roll", "21"]).status.code(),
        Some(2)
    );
}

#[test]
fn conditions_exhaustion_inspiration_concentration() {
    let p = copy("cleric-5", "conditions");
    ok(&["condition", s(&p), "add", "prone"]);
    assert_eq!(state(&p)["conditions"][0], "prone");
    ok(&["condition", s(&p), "remove", "prone"]);
    refused(
        &p,
        &["condition", s(&p), "remove", "prone"],
        "play.condition.absent",
    );
    let o = run(&["condition", s(&p), "add", "prne"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("prone"));
    ok(&["exhaustion", s(&p), "+2"]);
    ok(&["exhaustion", s(&p), "-1"]);
    assert_eq!(state(&p)["exhaustion"], 1);
    ok(&["exhaustion", s(&p), "0"]);
    assert_eq!(run(&["exhaustion", s(&p), "7"]).status.code(), Some(2));
    assert_eq!(run(&["exhaustion", s(&p), "x"]).status.code(), Some(2));
    refused(
        &p,
        &["inspiration", s(&p), "spend"],
        "play.inspiration.none",
    );
    ok(&["inspiration", s(&p), "gain"]);
    assert_eq!(state(&p)["heroic_inspiration"], true);
    ok(&["inspiration", s(&p), "spend"]);
    refused(
        &p,
        &["concentration", s(&p), "end"],
        "play.not_concentrating",
    );
    ok(&["cast", s(&p), "bless"]);
    ok(&["concentration", s(&p), "save-failed"]);
    assert!(state(&p).get("concentration").is_none());
    ok(&["exhaustion", s(&p), "6"]);
    refused(&p, &["exhaustion", s(&p), "-1"], "play.dead");
}

#[test]
fn rests() {
    let p = copy("cleric-5", "rest");
    ok(&["damage", s(&p), "20"]);
    let out = ok(&["rest", s(&p), "short", "--spend", "d8:2", "--rolls", "3,4"]);
    assert!(out.starts_with("Short rest: 27 HP"), "{out}");
    assert_eq!(state(&p)["hit_dice_spent"]["d8"], 2);
    refused(
        &p,
        &["rest", s(&p), "short", "--spend", "d8:4", "--seed", "1"],
        "play.hit_dice.unavailable",
    );
    ok(&["rest", s(&p), "short", "--spend", "d8", "--seed", "1"]);
    assert_eq!(
        run(&["rest", s(&p), "short", "--spend", "d7:1"])
            .status
            .code(),
        Some(2)
    );
    ok(&["rest", s(&p), "long"]);
    let st = state(&p);
    assert!(st.get("hp").is_none() && st.get("hit_dice_spent").is_none());
    ok(&["damage", s(&p), "38"]);
    refused(&p, &["rest", s(&p), "long"], "play.rest.no_hp");
}

#[test]
fn out_flag_leaves_the_input_alone() {
    let p = copy("cleric-5", "out");
    let before = std::fs::read(&p).expect("file");
    let out = p.with_file_name("after.json");
    ok(&["damage", s(&p), "5", "-o", s(&out)]);
    assert_eq!(std::fs::read(&p).expect("file"), before);
    assert_eq!(state(&out)["hp"], 33);
    // A refusal with --json prints a JSON error with the code.
    let o = run(&["cast", s(&p), "banishment", "--json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["error"]["code"], "play.spell.level_too_high");
}
