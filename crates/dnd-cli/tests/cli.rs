//! The `dnd` binary end to end: verbs, output shapes and exit codes (0 ok, 1 rules refuse,
//! 2 bad input or usage).

mod common;
use common::{dnd, example, root};
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn dnd_stdin(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dnd"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dnd runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write");
    child.wait_with_output().expect("dnd ends")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("stdout is JSON ({e}): {}", stdout(o)))
}

#[test]
fn rules_list_every_kind_as_json() {
    for kind in [
        "classes",
        "subclasses",
        "species",
        "backgrounds",
        "feats",
        "spells",
        "weapons",
        "armor",
        "gear",
        "tools",
        "magic-items",
        "creatures",
        "conditions",
        "languages",
    ] {
        let o = dnd(&["rules", "list", kind, "--json"]);
        assert_eq!(o.status.code(), Some(0), "{kind}: {}", stderr(&o));
        let v = json(&o);
        let arr = v.as_array().expect("array");
        assert!(!arr.is_empty(), "{kind} is empty");
        assert!(
            arr.iter()
                .all(|e| e["id"].is_string() && e["name"].is_string()),
            "{kind} entries have id and name"
        );
    }
    assert_eq!(
        json(&dnd(&["rules", "list", "spells", "--json"]))
            .as_array()
            .map(Vec::len),
        Some(339)
    );
    assert_eq!(
        json(&dnd(&["rules", "list", "classes", "--json"]))
            .as_array()
            .map(Vec::len),
        Some(12)
    );
}

#[test]
fn rules_show_an_entry() {
    let o = dnd(&["rules", "show", "spells", "fireball", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["level"], 3);
    assert_eq!(v["school"], "evocation");
    assert_eq!(v["pack"], "srd-5.2");
    let text = dnd(&["rules", "show", "class", "wizard"]);
    assert_eq!(text.status.code(), Some(0));
    assert!(stdout(&text).contains("hit_die: d6"), "{}", stdout(&text));
}

#[test]
fn unknown_id_names_the_closest_and_exits_2() {
    let o = dnd(&["rules", "show", "spells", "firebal"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("not_found.content") && stderr(&o).contains("`fireball`"),
        "{}",
        stderr(&o)
    );
    let o = dnd(&["rules", "show", "spells", "firebal", "--json"]);
    assert_eq!(json(&o)["error"]["code"], "not_found.content");
}

#[test]
fn unknown_kind_and_bad_usage_exit_2() {
    assert_eq!(dnd(&["rules", "list", "dragons"]).status.code(), Some(2));
    assert_eq!(dnd(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(dnd(&["schema", "nope"]).status.code(), Some(2));
    assert_eq!(dnd(&["--help"]).status.code(), Some(0));
}

#[test]
fn sheet_text_json_and_explain() {
    let file = "examples/characters/paladin-3-bard-9.json";
    let o = dnd(&["sheet", file]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("Seraphine Vale"));
    assert!(stdout(&o).contains("AC 19"), "{}", stdout(&o));

    let v = json(&dnd(&["sheet", file, "--json"]));
    assert_eq!(v["level"], 12);
    assert_eq!(
        v["spellcasting"]["slots"],
        serde_json::json!([4, 3, 3, 3, 2, 1, 0, 0, 0])
    );

    let o = dnd(&["sheet", file, "--explain", "armor_class"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let line = stdout(&o);
    assert!(
        line.starts_with("armor_class 19 = chain mail 16 + shield 2 + Defense 1"),
        "{line}"
    );
    assert!(line.contains("Dex not applied: heavy armor"), "{line}");

    let v = json(&dnd(&[
        "sheet",
        file,
        "--explain",
        "spellcasting",
        "--json",
    ]));
    assert_eq!(v["spellcasting.caster_level"]["value"], 11);

    assert_eq!(
        dnd(&["sheet", file, "--explain", "no.such.path"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn sheet_reads_stdin() {
    let o = dnd_stdin(&["sheet", "-", "--json"], &example("fighter-1.json"));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(json(&o)["name"], "Bren Holloway");
}

#[test]
fn malformed_json_reports_line_and_column() {
    let o = dnd_stdin(&["sheet", "-"], "{\n  \"name\": \"x\",\n  oops\n}");
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(
        e.contains("invalid_input.json") && e.contains("line 3, column 3"),
        "{e}"
    );
}

#[test]
fn out_of_range_score_names_the_field() {
    let bad = example("fighter-1.json").replace("\"str\": 15", "\"str\": 44");
    let o = dnd_stdin(&["sheet", "-", "--json"], &bad);
    assert_eq!(o.status.code(), Some(2));
    let v = json(&o);
    assert_eq!(v["error"]["code"], "invalid_input.out_of_range");
    assert_eq!(v["error"]["path"], "/abilities/base/str");
}

#[test]
fn unknown_class_suggests_the_closest() {
    let bad = example("fighter-1.json").replace("\"class\": \"fighter\"", "\"class\": \"figther\"");
    let o = dnd_stdin(&["sheet", "-", "--json"], &bad);
    assert_eq!(o.status.code(), Some(2));
    let v = json(&o);
    assert_eq!(v["error"]["path"], "/levels/0/class");
    assert!(
        v["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("`fighter`")),
        "{v}"
    );
}

#[test]
fn missing_file_exits_2() {
    let o = dnd(&["sheet", "no/such/file.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("invalid_input.io"));
}

#[test]
fn schema_prints_each_schema() {
    for name in ["character", "sheet", "pack"] {
        let o = dnd(&["schema", name]);
        assert_eq!(o.status.code(), Some(0));
        assert!(json(&o)["title"].is_string());
    }
}

#[test]
fn demo_runs_on_embedded_defaults() {
    let o = dnd(&["demo"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("Seraphine Vale") && out.contains("armor_class"),
        "{out}"
    );
}

#[test]
fn homebrew_pack_loads_and_conflicts_name_both_packs() {
    let dir = std::env::temp_dir().join(format!("dnd-cli-pack-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let manifest = r#"{"id":"my-homebrew","name":"Mine","version":"1","license":"CC0-1.0","depends":["srd-5.2"]}"#;
    std::fs::write(dir.join("pack.json"), manifest).expect("write");
    std::fs::write(
        dir.join("conditions.json"),
        r#"[{"id":"frightened","name":"Spooked"}]"#,
    )
    .expect("write");
    let path = dir.to_str().expect("utf8 path");
    let o = dnd(&["--pack", path, "rules", "list", "conditions"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(
        e.contains("pack.conflict") && e.contains("srd-5.2") && e.contains("my-homebrew"),
        "{e}"
    );

    std::fs::write(
        dir.join("conditions.json"),
        r#"[{"id":"dazed","name":"Dazed"}]"#,
    )
    .expect("write");
    let o = dnd(&[
        "--pack",
        path,
        "rules",
        "show",
        "conditions",
        "dazed",
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(json(&o)["pack"], "my-homebrew");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn roll_is_replayable_and_stats_are_exact() {
    let a = stdout(&dnd(&["roll", "4d6kh3", "--seed", "42"]));
    assert_eq!(a, stdout(&dnd(&["roll", "4d6kh3", "--seed", "42"])));
    assert!(a.starts_with("4d6kh3 (") && a.contains(") = "), "{a}");
    let v: serde_json::Value =
        serde_json::from_slice(&dnd(&["roll", "2d20kh1+5", "--stats", "--json"]).stdout)
            .expect("json");
    assert_eq!(
        (v["min"].as_f64(), v["max"].as_f64()),
        (Some(6.0), Some(25.0))
    );
    assert!((v["mean"].as_f64().unwrap_or(0.0) - 18.825).abs() < 1e-9);
    let bad = dnd(&["roll", "1d20+", "--json"]);
    assert_eq!(bad.status.code(), Some(2));
    assert_eq!(json(&bad)["error"]["code"], "dice.syntax");
    let unseeded = stdout(&dnd(&["roll", "1d20"]));
    assert!(
        unseeded
            .lines()
            .nth(1)
            .is_some_and(|l| l.starts_with("seed ")),
        "{unseeded}"
    );
}
