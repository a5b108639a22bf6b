//! The sheet JSON is a public contract: these keys must always be present.

use dnd_core::derive::derive;
use dnd_core::model::Character;
use dnd_core::rules::Rules;
use serde_json::Value;

const KEYS: &[&str] = &[
    "/name",
    "/level",
    "/classes/0/class",
    "/classes/0/subclass",
    "/classes/0/level",
    "/species",
    "/background",
    "/proficiency_bonus",
    "/armor_class",
    "/initiative",
    "/speed/walk",
    "/hit_points/max",
    "/hit_points/current",
    "/hit_points/temp",
    "/passive/perception",
    "/passive/investigation",
    "/passive/insight",
    "/carrying_capacity",
    "/attunement/used",
    "/attunement/max",
    "/attacks/0/name",
    "/attacks/0/to_hit",
    "/attacks/0/damage",
    "/attacks/0/mastery",
    "/conditions",
    "/exhaustion",
    "/spellcasting",
];

fn sheet_json(src: &str) -> Value {
    let ch = Character::from_json(src).expect("parses");
    serde_json::to_value(derive(Rules::srd(), &ch).expect("derives")).expect("serializes")
}

#[test]
fn every_contract_key_is_present() {
    let v = sheet_json(include_str!(
        "../../../examples/characters/paladin-3-bard-9.json"
    ));
    for k in KEYS {
        assert!(v.pointer(k).is_some(), "missing {k}");
    }
    for a in ["str", "dex", "con", "int", "wis", "cha"] {
        for f in ["score", "modifier", "save", "save_proficient"] {
            assert!(
                v.pointer(&format!("/abilities/{a}/{f}")).is_some(),
                "missing abilities.{a}.{f}"
            );
        }
    }
    for s in dnd_core::model::Skill::ALL {
        for f in ["bonus", "proficient", "expertise"] {
            assert!(
                v.pointer(&format!("/skills/{}/{f}", s.key())).is_some(),
                "missing skills.{}.{f}",
                s.key()
            );
        }
    }
    for d in ["d6", "d8", "d10", "d12"] {
        assert!(
            v.pointer(&format!("/hit_dice/{d}/total")).is_some()
                && v.pointer(&format!("/hit_dice/{d}/spent")).is_some()
        );
    }
    let sc = &v["spellcasting"];
    assert_eq!(sc["slots"].as_array().map(Vec::len), Some(9));
    assert!(sc["pact"].is_null());
    for f in [
        "class",
        "ability",
        "save_dc",
        "attack_bonus",
        "prepared_max",
        "cantrips_max",
    ] {
        assert!(
            sc["classes"][0].get(f).is_some(),
            "missing spellcasting.classes.0.{f}"
        );
    }
}

#[test]
fn non_casters_have_null_spellcasting_and_pact_is_an_object() {
    let v = sheet_json(include_str!(
        "../../../examples/characters/barbarian-1.json"
    ));
    assert!(v["spellcasting"].is_null());
    let v = sheet_json(include_str!("../../../examples/characters/warlock-1.json"));
    assert_eq!(v["spellcasting"]["pact"]["slots"], 1);
    assert_eq!(v["spellcasting"]["pact"]["level"], 1);
}

#[test]
fn owned_sheet_round_trips_through_json() {
    let ch = Character::from_json(include_str!("../../../examples/characters/wizard-20.json"))
        .expect("parses");
    let sheet = derive(Rules::srd(), &ch).expect("derives").into_owned();
    let text = serde_json::to_string(&sheet).expect("serializes");
    let back: dnd_core::sheet::Sheet<'static> = serde_json::from_str(&text).expect("deserializes");
    assert_eq!(sheet, back);
}

#[test]
fn circle_of_the_land_prepares_only_the_chosen_land() {
    let mut v: Value =
        serde_json::from_str(include_str!("../../../examples/characters/druid-1.json"))
            .expect("json");
    let levels = v["levels"].as_array_mut().expect("levels");
    levels.push(serde_json::json!({"class": "druid"}));
    levels.push(serde_json::json!({"class": "druid", "subclass": "circle-of-the-land", "choices": {"land": "polar"}}));
    let ch: Character = serde_json::from_value(v).expect("character");
    let sheet = derive(Rules::srd(), &ch).expect("derives");
    let always = &sheet.spellcasting.as_ref().expect("caster").classes[0].always_prepared;
    assert!(
        always.iter().any(|s| s == "hold-person") && always.iter().any(|s| s == "fog-cloud"),
        "{always:?}"
    );
    assert!(
        !always
            .iter()
            .any(|s| s == "burning-hands" || s == "misty-step" || s == "acid-splash"),
        "{always:?}"
    );
}
