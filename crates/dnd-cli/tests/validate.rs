//! `dnd validate` and `dnd rules codes` end to end: reports, exit codes, fixes, JSON Lines.

mod common;
use common::{dnd, example, root};
use std::path::PathBuf;

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("dnd-validate-{}", std::process::id()));
    std::fs::create_dir_all(&d).expect("temp dir");
    d.join(name)
}

fn over_budget() -> String {
    example("rogue-1.json").replacen("\"int\": 12", "\"int\": 15", 1)
}

#[test]
fn examples_are_valid() {
    let mut args = vec!["validate"];
    let files: Vec<String> = std::fs::read_dir(root().join("examples/characters"))
        .expect("examples")
        .flatten()
        .map(|e| format!("examples/characters/{}", e.file_name().to_string_lossy()))
        .collect();
    args.extend(files.iter().map(String::as_str));
    let o = dnd(&args);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
}

#[test]
fn a_rules_error_exits_1_with_code_path_and_citation() {
    let f = tmp("over-budget.json");
    std::fs::write(&f, over_budget()).expect("write");
    let o = dnd(&["validate", f.to_str().expect("utf8"), "--json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let issue = v[0]["report"]["issues"]
        .as_array()
        .and_then(|a| {
            a.iter()
                .find(|i| i["code"] == "ability.point_buy.over_budget")
        })
        .cloned()
        .expect("over budget reported");
    assert_eq!(issue["severity"], "error");
    assert_eq!(issue["path"], "/abilities/base");
    assert_eq!(issue["citation"]["chapter"], "Character Creation");
    assert!(issue["fix"].is_array());
}

#[test]
fn unreadable_input_exits_2_and_the_rest_still_validates() {
    let bad = tmp("broken.json");
    std::fs::write(&bad, "{ not json").expect("write");
    let o = dnd(&[
        "validate",
        bad.to_str().expect("utf8"),
        "examples/characters/fighter-1.json",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("unreadable") && out.contains("fighter-1.json: valid"),
        "{out}"
    );
}

#[test]
fn fix_writes_a_new_file_and_never_touches_the_input() {
    let input = tmp("to-fix.json");
    let text = over_budget();
    std::fs::write(&input, &text).expect("write");
    let output = tmp("fixed.json");
    let o = dnd(&[
        "validate",
        input.to_str().expect("utf8"),
        "--fix",
        "-o",
        output.to_str().expect("utf8"),
    ]);
    assert_eq!(
        std::fs::read_to_string(&input).expect("input"),
        text,
        "input untouched"
    );
    assert!(o.status.code().is_some());
    let o = dnd(&["validate", output.to_str().expect("utf8"), "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let codes: Vec<&str> = v[0]["report"]["issues"]
        .as_array()
        .expect("issues")
        .iter()
        .filter_map(|i| i["code"].as_str())
        .collect();
    assert!(
        !codes.contains(&"ability.point_buy.over_budget"),
        "{codes:?}"
    );
}

#[test]
fn jsonl_reports_each_line_and_one_bad_line_never_stops_the_rest() {
    let f = tmp("party.jsonl");
    let one = |s: String| {
        serde_json::to_string(&serde_json::from_str::<serde_json::Value>(&s).expect("json"))
            .expect("line")
    };
    let text = format!(
        "{}\n{}\nnot json\n\n{}\n",
        one(example("fighter-1.json")),
        one(over_budget()),
        one(example("wizard-1.json"))
    );
    std::fs::write(&f, text).expect("write");
    let o = dnd(&["validate", "--jsonl", f.to_str().expect("utf8"), "--json"]);
    assert_eq!(o.status.code(), Some(2));
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["report"]["valid"], true);
    assert_eq!(lines[1]["report"]["valid"], false);
    assert_eq!(lines[2]["error"]["code"], "invalid_input.json");
    assert_eq!(lines[3]["line"], 5);
    assert_eq!(lines[3]["report"]["valid"], true);
}

#[test]
fn profile_tightens_what_it_names() {
    let p = tmp("profile.json");
    std::fs::write(
        &p,
        r#"{"allowed_classes": ["wizard"], "severity": {"ability.point_buy.under_budget": "off"}}"#,
    )
    .expect("write");
    let o = dnd(&[
        "validate",
        "examples/characters/fighter-1.json",
        "--profile",
        p.to_str().expect("utf8"),
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(
        v[0]["report"]["issues"][0]["code"],
        "profile.class.not_allowed"
    );
    std::fs::write(&p, r#"{"allowed_classes": ["wizard"], "bogus": 1}"#).expect("write");
    let o = dnd(&[
        "validate",
        "examples/characters/fighter-1.json",
        "--profile",
        p.to_str().expect("utf8"),
    ]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn rules_codes_lists_every_code() {
    let o = dnd(&["rules", "codes", "--json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let n = v.as_array().map(Vec::len).unwrap_or(0);
    let doc = std::fs::read_to_string(root().join("docs/validation-codes.md")).expect("doc");
    assert_eq!(doc.lines().filter(|l| l.starts_with("| `")).count(), n);
    assert!(
        v.as_array()
            .expect("array")
            .iter()
            .all(|c| c["code"].is_string() && c["severity"].is_string())
    );
}
