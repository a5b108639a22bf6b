//! Bad input never panics: random edits of valid character files either derive or give a typed
//! error with a stable code.

use dnd_core::derive::derive_explained;
use dnd_core::model::Character;
use dnd_core::rules::Rules;
use proptest::prelude::*;
use serde_json::Value;

const EXAMPLES: [&str; 4] = [
    include_str!("../../../examples/characters/fighter-1.json"),
    include_str!("../../../examples/characters/paladin-3-bard-9.json"),
    include_str!("../../../examples/characters/fighter-5-wizard-1.json"),
    include_str!("../../../examples/characters/warlock-3-sorcerer-2.json"),
];

/// Every leaf of a JSON value, as a pointer.
fn leaves(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => m
            .iter()
            .for_each(|(k, x)| leaves(x, format!("{at}/{k}"), out)),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, x)| leaves(x, format!("{at}/{i}"), out)),
        _ => out.push(at),
    }
}

fn replacement() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i64>().prop_map(Value::from),
        (-40i64..40).prop_map(Value::from),
        Just(Value::from(u32::MAX)),
        Just(Value::from(i64::MIN)),
        Just(Value::Null),
        Just(Value::Bool(true)),
        Just(Value::from("")),
        prop::sample::select(vec![
            "wizard", "fighter", "shield", "fireball", "elf", "sage", "prone", "x", "d8", "str"
        ])
        .prop_map(Value::from),
        Just(Value::Array(vec![])),
        Just(serde_json::json!({})),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn edited_characters_never_panic(which in 0usize..4, picks in prop::collection::vec((any::<prop::sample::Index>(), replacement()), 1..4)) {
        let mut v: Value = serde_json::from_str(EXAMPLES[which]).unwrap();
        let mut paths = Vec::new();
        leaves(&v, String::new(), &mut paths);
        for (idx, new) in picks {
            let p = &paths[idx.index(paths.len())];
            if let Some(slot) = v.pointer_mut(p) {
                *slot = new;
            }
        }
        let text = serde_json::to_string(&v).unwrap();
        match Character::from_json(&text) {
            Ok(ch) => {
                if let Err(e) = derive_explained(Rules::srd(), &ch) {
                    prop_assert!(!e.code().is_empty());
                }
            }
            Err(e) => prop_assert_eq!(e.code(), "invalid_input.json"),
        }
    }

    #[test]
    fn arbitrary_text_never_panics(s in ".{0,200}") {
        let _ = Character::from_json(&s);
    }
}
