//! Contract: validation. Named regression tests for the traps other tools get wrong, the
//! incremental validator against full validation, bulk validation, and fixes.

use dnd_core::model::Character;
use dnd_core::rules::Rules;
use dnd_core::validate::{
    PatchOp, Profile, Validator, apply_fixes, apply_patch, validate, validate_jsonl, validate_many,
};
use serde_json::{Value, json};

fn example(name: &str) -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/characters")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(path).expect("example")).expect("json")
}

fn patched(name: &str, ops: Value) -> Character {
    let mut v = example(name);
    let ops: Vec<PatchOp> = serde_json::from_value(ops).expect("ops");
    apply_patch(&mut v, &ops).expect("patch applies");
    serde_json::from_value(v).expect("character")
}

fn codes(ch: &Character) -> Vec<String> {
    validate(Rules::srd(), ch, &Profile::default())
        .issues
        .iter()
        .map(|i| i.code.to_string())
        .collect()
}

#[test]
fn point_buy_16_is_refused() {
    let ch = patched(
        "rogue-1.json",
        json!([{"op": "replace", "path": "/abilities/base/dex", "value": 16}]),
    );
    assert!(codes(&ch).contains(&"ability.point_buy.range".to_string()));
}

#[test]
fn standard_array_16_14_13_12_11_10_is_refused_and_15_14_13_12_10_8_accepted() {
    let bad = json!({"str": 16, "dex": 14, "con": 13, "int": 12, "wis": 11, "cha": 10});
    let ch = patched(
        "fighter-1.json",
        json!([{"op": "replace", "path": "/abilities/base", "value": bad}]),
    );
    assert!(codes(&ch).contains(&"ability.standard_array.mismatch".to_string()));
    let ch: Character = serde_json::from_value(example("fighter-1.json")).expect("character");
    assert!(validate(Rules::srd(), &ch, &Profile::default()).valid);
}

fn multiclass_into(base: &str, class: &str, scores: Value) -> Vec<String> {
    let mut v = example(base);
    v["abilities"]["method"] = json!("manual");
    v["abilities"]["base"] = scores;
    v["levels"]
        .as_array_mut()
        .expect("levels")
        .push(json!({"class": class, "skills": []}));
    codes(&serde_json::from_value(v).expect("character"))
}

#[test]
fn fighter_multiclass_needs_strength_or_dexterity() {
    // A rogue with Dex 13 and Str 8 may take a Fighter level: the prerequisite is Str 13 OR Dex 13.
    let c = multiclass_into(
        "rogue-1.json",
        "fighter",
        json!({"str": 6, "dex": 11, "con": 12, "int": 12, "wis": 12, "cha": 11}),
    );
    assert!(
        !c.contains(&"multiclass.prerequisite.unmet".to_string()),
        "{c:?}"
    );
    let c = multiclass_into(
        "rogue-1.json",
        "fighter",
        json!({"str": 6, "dex": 10, "con": 12, "int": 12, "wis": 12, "cha": 11}),
    );
    assert!(
        c.contains(&"multiclass.prerequisite.unmet".to_string()),
        "Dex 12 and Str 8: {c:?}"
    );
}

#[test]
fn paladin_multiclass_with_charisma_12_is_refused() {
    let c = multiclass_into(
        "fighter-1.json",
        "paladin",
        json!({"str": 15, "dex": 14, "con": 13, "int": 8, "wis": 10, "cha": 12}),
    );
    assert!(
        c.contains(&"multiclass.prerequisite.unmet".to_string()),
        "{c:?}"
    );
    let c = multiclass_into(
        "fighter-1.json",
        "paladin",
        json!({"str": 15, "dex": 14, "con": 13, "int": 8, "wis": 10, "cha": 13}),
    );
    assert!(
        !c.contains(&"multiclass.prerequisite.unmet".to_string()),
        "{c:?}"
    );
}

#[test]
fn a_fourth_attuned_item_is_refused() {
    let item = |id: &str| json!({"item": id, "attuned": true});
    let three = json!([{"op": "add", "path": "/inventory/items/-", "value": item("ring-of-protection")},
        {"op": "add", "path": "/inventory/items/-", "value": item("cloak-of-protection")},
        {"op": "add", "path": "/inventory/items/-", "value": item("amulet-of-health")}]);
    let ch = patched("fighter-1.json", three.clone());
    assert!(!codes(&ch).contains(&"equipment.attunement.too_many".to_string()));
    let mut four = three.as_array().expect("ops").clone();
    four.push(json!({"op": "add", "path": "/inventory/items/-", "value": item("ring-of-feather-falling")}));
    let ch = patched("fighter-1.json", Value::Array(four));
    let r = validate(Rules::srd(), &ch, &Profile::default());
    let issue = r
        .issues
        .iter()
        .find(|i| i.code == "equipment.attunement.too_many")
        .expect("reported");
    assert!(issue.fix.is_some());
    let (fixed, _) = apply_fixes(&ch, &r).expect("fixes apply");
    assert!(!codes(&fixed).contains(&"equipment.attunement.too_many".to_string()));
}

#[test]
fn validation_never_blocks_reading() {
    let ch = patched(
        "fighter-1.json",
        json!([{"op": "replace", "path": "/abilities/base/str", "value": 16}]),
    );
    assert!(!validate(Rules::srd(), &ch, &Profile::default()).valid);
    let sheet = dnd_core::derive::derive(Rules::srd(), &ch).expect("still derives");
    assert_eq!(sheet.abilities.str.score, 18);
}

/// Every fixture edit, applied in turn to one validator, gives exactly what a full validation gives.
#[test]
fn incremental_validation_equals_full_validation() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/validation");
    let profile = Profile::default();
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir)
        .expect("fixtures")
        .flatten()
        .filter(|e| e.path().is_dir() && e.file_name() != "cases")
    {
        let mut v = Validator::new(Rules::srd(), profile.clone());
        let mut files: Vec<_> = std::fs::read_dir(entry.path())
            .expect("dir")
            .flatten()
            .map(|e| e.path())
            .collect();
        files.sort();
        for f in files {
            let doc: Value =
                serde_json::from_str(&std::fs::read_to_string(&f).expect("read")).expect("json");
            if !doc["profile"].is_null() {
                continue;
            }
            let Ok(ch) = serde_json::from_value::<Character>(doc["character"].clone()) else {
                continue;
            };
            let full = validate(Rules::srd(), &ch, &profile);
            assert_eq!(v.validate(&ch), full, "{}", f.display());
            checked += 1;
        }
    }
    assert!(checked > 100, "{checked} fixture files compared");
}

#[test]
fn incremental_validation_reruns_only_what_changed_and_caches() {
    let ch: Character = serde_json::from_value(example("cleric-5.json")).expect("character");
    let mut v = Validator::new(Rules::srd(), Profile::default());
    v.validate(&ch);
    let all = v.last_rules_run;
    let mut edited = ch.clone();
    edited.details.backstory = "Raised in a mountain temple.".into();
    assert!(v.validate(&edited).valid);
    assert!(
        v.last_rules_run < all / 4,
        "{} of {all} rules ran after a backstory edit",
        v.last_rules_run
    );
    v.validate(&ch);
    assert_eq!(
        v.last_rules_run, 0,
        "a character seen before comes from the cache"
    );
    assert!(v.cache_hits >= 1);
}

#[test]
fn bulk_keeps_order_and_one_bad_item_never_stops_the_rest() {
    let good: Character = serde_json::from_value(example("wizard-1.json")).expect("character");
    let bad = patched(
        "rogue-1.json",
        json!([{"op": "replace", "path": "/abilities/base/dex", "value": 16}]),
    );
    let many: Vec<Character> = (0..50)
        .map(|i| {
            if i % 5 == 0 {
                bad.clone()
            } else {
                good.clone()
            }
        })
        .collect();
    let reports = validate_many(Rules::srd(), &many, &Profile::default());
    assert_eq!(reports.len(), 50);
    for (i, r) in reports.iter().enumerate() {
        assert_eq!(r.valid, i % 5 != 0, "item {i}");
    }
    let line = |c: &Character| serde_json::to_string(c).expect("json");
    let text = format!("{}\n{{broken\n{}\n", line(&good), line(&bad));
    let items = validate_jsonl(Rules::srd(), &text, &Profile::default());
    assert_eq!(items.len(), 3);
    assert!(items[0].report.as_ref().is_some_and(|r| r.valid));
    assert_eq!(
        items[1].error.as_ref().map(|e| e.code.as_str()),
        Some("invalid_input.json")
    );
    assert!(items[2].report.as_ref().is_some_and(|r| !r.valid));
}

#[test]
fn fixes_make_fixture_characters_better_and_never_worse() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/validation");
    for entry in std::fs::read_dir(&dir)
        .expect("fixtures")
        .flatten()
        .filter(|e| e.path().is_dir() && e.file_name() != "cases")
    {
        let f = entry.path().join("1-bad.json");
        let Ok(text) = std::fs::read_to_string(&f) else {
            continue;
        };
        let doc: Value = serde_json::from_str(&text).expect("json");
        let profile: Profile = serde_json::from_value(doc["profile"].clone()).unwrap_or_default();
        let Ok(ch) = serde_json::from_value::<Character>(doc["character"].clone()) else {
            continue;
        };
        let before = validate(Rules::srd(), &ch, &profile);
        if let Ok((fixed, n)) = apply_fixes(&ch, &before) {
            let after = validate(Rules::srd(), &fixed, &profile);
            assert!(
                after.errors <= before.errors,
                "{}: {} errors before, {} after {n} fixes",
                f.display(),
                before.errors,
                after.errors
            );
        }
    }
}
