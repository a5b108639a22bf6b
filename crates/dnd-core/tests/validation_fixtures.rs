//! Every validation code has fixtures: a character that triggers it and a close neighbour that
//! does not. Cases are written as JSON Patches over an example character in
//! `fixtures/validation/cases/*.json`; the full characters are generated into
//! `fixtures/validation/<code>/` (shared with the bindings' tests) and must stay current:
//! regenerate with `UPDATE_FIXTURES=1 cargo test -p dnd-core --test validation_fixtures`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use dnd_core::model::Character;
use dnd_core::rules::Rules;
use dnd_core::validate::{PatchOp, Profile, all_rules, apply_patch, validate};
use serde::Deserialize;
use serde_json::{Value, json};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    code: String,
    /// An example character file name in `examples/characters/`.
    base: String,
    #[serde(default)]
    profile: Option<Value>,
    /// The profile of the good side when it differs from `profile`.
    #[serde(default)]
    good_profile: Option<Value>,
    bad: Vec<PatchOp>,
    good: Vec<PatchOp>,
    #[serde(default)]
    note: Option<String>,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn cases() -> Vec<(String, Case)> {
    let dir = root().join("fixtures/validation/cases");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("cases dir")
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "json"))
    {
        let text = std::fs::read_to_string(f).expect("readable");
        let list: Vec<Case> =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        out.extend(list.into_iter().map(|c| (name.clone(), c)));
    }
    out
}

fn build(base: &str, ops: &[PatchOp]) -> Value {
    let text = std::fs::read_to_string(root().join("examples/characters").join(base))
        .expect("base example");
    let mut v: Value = serde_json::from_str(&text).expect("base parses");
    apply_patch(&mut v, ops).unwrap_or_else(|e| panic!("patch on {base}: {e}"));
    v
}

fn codes_of(v: &Value, profile: &Profile) -> Result<Vec<String>, String> {
    let ch: Character = serde_json::from_value(v.clone()).map_err(|e| e.to_string())?;
    Ok(validate(Rules::srd(), &ch, profile)
        .issues
        .iter()
        .map(|i| i.code.to_string())
        .collect())
}

#[test]
fn every_case_triggers_its_code_and_its_neighbour_does_not() {
    let mut failures = Vec::new();
    for (file, c) in cases() {
        let parse = |p: &Option<Value>| -> Profile {
            match p {
                Some(p) => serde_json::from_value(p.clone())
                    .unwrap_or_else(|e| panic!("{file} {}: profile {e}", c.code)),
                None => Profile::default(),
            }
        };
        let profile = parse(&c.profile);
        let good_profile = match &c.good_profile {
            Some(_) => parse(&c.good_profile),
            None => profile.clone(),
        };
        match codes_of(&build(&c.base, &c.bad), &profile) {
            Ok(codes) if codes.contains(&c.code) => {}
            Ok(codes) => failures.push(format!(
                "{file} {}: bad case does not trigger it (got {codes:?})",
                c.code
            )),
            Err(e) => failures.push(format!(
                "{file} {}: bad case is not a character: {e}",
                c.code
            )),
        }
        match codes_of(&build(&c.base, &c.good), &good_profile) {
            Ok(codes) if !codes.contains(&c.code) => {}
            Ok(_) => failures.push(format!("{file} {}: good neighbour triggers it too", c.code)),
            Err(e) => failures.push(format!(
                "{file} {}: good case is not a character: {e}",
                c.code
            )),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_declared_rule_has_a_fixture() {
    let covered: BTreeSet<String> = cases().into_iter().map(|(_, c)| c.code).collect();
    let missing: Vec<&str> = all_rules()
        .map(|r| r.code)
        .filter(|c| !covered.contains(*c))
        .collect();
    assert!(missing.is_empty(), "rules without fixtures: {missing:?}");
    let known: BTreeSet<&str> = all_rules().map(|r| r.code).collect();
    let stray: Vec<&String> = covered
        .iter()
        .filter(|c| !known.contains(c.as_str()))
        .collect();
    assert!(stray.is_empty(), "fixtures for undeclared codes: {stray:?}");
}

#[test]
fn generated_fixture_files_are_current() {
    let dir = root().join("fixtures/validation");
    let update = std::env::var("UPDATE_FIXTURES").is_ok_and(|v| v == "1");
    let mut expected: BTreeMap<PathBuf, String> = BTreeMap::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (_, c) in cases() {
        let n = seen.entry(c.code.clone()).or_default();
        *n += 1;
        for (kind, ops, present) in [("bad", &c.bad, true), ("good", &c.good, false)] {
            let doc = json!({
                "code": c.code,
                "expect": if present { "present" } else { "absent" },
                "note": c.note,
                "profile": if present { &c.profile } else if c.good_profile.is_some() { &c.good_profile } else { &c.profile },
                "character": build(&c.base, ops),
            });
            let text = serde_json::to_string_pretty(&doc).expect("serializes") + "\n";
            expected.insert(dir.join(&c.code).join(format!("{n}-{kind}.json")), text);
        }
    }
    let on_disk: BTreeSet<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures dir")
        .flatten()
        .filter(|e| e.path().is_dir() && e.file_name() != "cases")
        .flat_map(|d| {
            std::fs::read_dir(d.path())
                .into_iter()
                .flatten()
                .flatten()
                .map(|e| e.path())
        })
        .collect();
    if update {
        for p in on_disk.iter().filter(|p| !expected.contains_key(*p)) {
            let _ = std::fs::remove_file(p);
        }
        for (p, text) in &expected {
            std::fs::create_dir_all(p.parent().unwrap_or(Path::new("."))).expect("mkdir");
            std::fs::write(p, text).expect("write fixture");
        }
        return;
    }
    let mut drift: Vec<String> = expected
        .iter()
        .filter(|(p, text)| std::fs::read_to_string(p).ok().as_deref() != Some(text.as_str()))
        .map(|(p, _)| p.display().to_string())
        .collect();
    drift.extend(
        on_disk
            .iter()
            .filter(|p| !expected.contains_key(*p))
            .map(|p| format!("stale {}", p.display())),
    );
    assert!(
        drift.is_empty(),
        "fixtures drifted; run UPDATE_FIXTURES=1: {drift:?}"
    );
}

#[test]
fn every_example_character_validates_clean() {
    let dir = root().join("examples/characters");
    let mut bad = Vec::new();
    for e in std::fs::read_dir(&dir).expect("examples").flatten() {
        let text = std::fs::read_to_string(e.path()).expect("readable");
        let ch = Character::from_json(&text).expect("parses");
        let r = validate(Rules::srd(), &ch, &Profile::default());
        let errs: Vec<String> = r
            .issues
            .iter()
            .filter(|i| i.severity != dnd_core::validate::Severity::Info)
            .map(|i| format!("{} {} {}", i.code, i.path, i.message))
            .collect();
        if !errs.is_empty() {
            bad.push(format!("{}: {errs:#?}", e.file_name().to_string_lossy()));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}
