//! Homebrew packs: every pack rule has a triggering case and a clean neighbour
//! (`fixtures/validation/homebrew-cases.json`), and no SRD class trips the power assessment.

use dnd_core::rules::{Pack, Rules};
use dnd_core::validate::{PACK_RULES, validate_pack};
use serde_json::Value;

fn cases() -> Vec<Value> {
    let text = include_str!("../../../fixtures/validation/homebrew-cases.json");
    serde_json::from_str(text).expect("cases parse")
}

fn codes(pack: &Value) -> Vec<String> {
    let pack: Pack = serde_json::from_value(pack.clone()).expect("case is a pack");
    validate_pack(vec![], &pack)
        .issues
        .iter()
        .map(|i| i.code.to_string())
        .collect()
}

#[test]
fn every_case_triggers_and_its_neighbour_does_not() {
    for c in cases() {
        let code = c["code"].as_str().expect("code");
        assert!(
            codes(&c["bad"]).iter().any(|x| x == code),
            "{code}: bad pack does not trigger it"
        );
        let good = codes(&c["good"]);
        assert!(
            !good.iter().any(|x| x == code),
            "{code}: good pack triggers it ({good:?})"
        );
    }
}

#[test]
fn every_pack_rule_has_a_case() {
    let covered: Vec<String> = cases()
        .iter()
        .filter_map(|c| c["code"].as_str().map(str::to_string))
        .collect();
    for r in PACK_RULES {
        assert!(
            covered.iter().any(|c| c == r.code),
            "{} has no case",
            r.code
        );
    }
}

#[test]
fn srd_classes_pass_the_power_assessment_as_homebrew() {
    let manifest = r#"{"id":"copy","name":"Copy","version":"1","license":"CC0-1.0"}"#;
    for c in Rules::srd().classes.all() {
        let mut copy = c.clone();
        copy.id = format!("copy-{}", c.id);
        copy.starting_equipment.clear();
        let mut pack = Pack::from_json(&format!(r#"{{"manifest":{manifest}}}"#)).expect("pack");
        pack.classes.push(copy);
        let report = validate_pack(vec![], &pack);
        let found: Vec<&str> = report.issues.iter().map(|i| i.code.as_ref()).collect();
        assert!(
            found.is_empty(),
            "{}: {found:?} {:?}",
            c.id,
            report.issues.iter().map(|i| &i.message).collect::<Vec<_>>()
        );
    }
}

#[test]
fn the_example_homebrew_pack_is_clean() {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/packs/my-homebrew");
    let files: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("example pack")
        .flatten()
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read_to_string(e.path()).expect("read"),
            )
        })
        .collect();
    let pack =
        Pack::from_files(files.iter().map(|(n, t)| (n.as_str(), t.as_str()))).expect("loads");
    let report = validate_pack(vec![], &pack);
    assert!(report.issues.is_empty(), "{:?}", report.issues);
}

#[test]
fn srd_spells_as_homebrew_stay_within_the_damage_curve_but_two() {
    // Blight (8d8 at level 4) and Contagion (11d8 at level 5) are above 1.5x the upper quartile
    // of their level: the assessment calls them strong, which they are.
    let manifest = r#"{"id":"copy","name":"Copy","version":"1","license":"CC0-1.0"}"#;
    let mut pack = Pack::from_json(&format!(r#"{{"manifest":{manifest}}}"#)).expect("pack");
    for s in Rules::srd().spells.all() {
        let mut copy = s.clone();
        copy.id = format!("copy-{}", s.id);
        pack.spells.push(copy);
    }
    let report = validate_pack(vec![], &pack);
    let flagged: Vec<&str> = report
        .issues
        .iter()
        .filter(|i| i.code == "homebrew.power.spell_damage")
        .map(|i| i.message.split(':').next().unwrap_or(""))
        .collect();
    assert_eq!(flagged, ["Blight", "Contagion"]);
}
