//! The direct canonical serializer (`canonical_of`, `canonical_bytes`, `content_id`) gives the
//! same bytes as the reference path through a `serde_json::Value` (`canonical_json`).

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use dnd_core::build::{LevelUp, level_up};
use dnd_core::history::{
    CommitBody, CommitKind, canonical_bytes, canonical_json, canonical_of, content_id, sha256_hex,
};
use dnd_core::model::Character;
use dnd_core::rules::Rules;
use proptest::prelude::*;
use serde::Serialize;
use serde_json::{Value, json};

fn reference<T: Serialize>(v: &T) -> String {
    canonical_json(&serde_json::to_value(v).expect("to_value"))
}

fn same<T: Serialize>(what: &str, v: &T) {
    let direct = canonical_of(v).expect("canonical_of");
    assert_eq!(direct, reference(v), "{what}");
    assert_eq!(
        canonical_bytes(v).expect("bytes"),
        direct.as_bytes(),
        "{what}"
    );
    assert_eq!(
        content_id(v).expect("id"),
        sha256_hex(reference(v).as_bytes()),
        "{what}"
    );
}

#[test]
fn every_example_character_and_its_level_ups() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/characters");
    let rules = Rules::srd();
    let mut n = 0;
    for e in std::fs::read_dir(dir).expect("examples") {
        let p = e.expect("entry").path();
        if p.extension().is_none_or(|x| x != "json") {
            continue;
        }
        let ch = Character::from_json(&std::fs::read_to_string(&p).expect("read")).expect("parse");
        same(&p.display().to_string(), &ch);
        if let Some(class) = ch.levels.last().map(|l| l.class.clone()) {
            let req = LevelUp {
                class,
                ..Default::default()
            };
            if let Ok(up) = level_up(rules, &ch, &req) {
                same(&format!("{} levelled", p.display()), &up.character);
            }
        }
        n += 1;
    }
    assert!(n >= 10);
}

#[test]
fn values_and_edge_cases() {
    let values = [
        json!({"zeta": {"b": 1, "a": [3, {"y": null, "x": true}]}, "alpha": "first", "Mid": false}),
        json!({"name": "Zoë “the Bold” — 勇者 🐉", "tab\tkey": "line\nbreak", "é": "\u{0}\u{1f}\u{7f}"}),
        json!({"half": 2.5, "whole": 2.0, "tiny": 0.1, "big": 1.0e20, "neg": -0.75, "negz": -0.0, "e15": 8.9e15, "e16": 9.1e15}),
        json!([
            -1,
            0,
            i64::MIN,
            i64::MAX,
            u64::MAX,
            1.5e-300,
            f64::MAX,
            f64::MIN_POSITIVE
        ]),
        json!({"a\"": 1, "a#": 2, "a\\": 3, "a": 4, "": 5, "\u{0}": 6, "A": 7}),
        json!({}),
        json!([]),
        json!([{}, [], [[]], {"x": {}}]),
        json!(null),
        json!("just a string with \"quotes\" and \\ and \u{8}\u{c}\r"),
    ];
    for v in &values {
        assert_eq!(canonical_of(v).expect("direct"), canonical_json(v), "{v}");
    }
}

#[derive(Serialize)]
enum E {
    Unit,
    New(i32),
    Tuple(u8, String),
    Struct { z: bool, a: Option<f32> },
}

#[derive(Serialize)]
struct Inner {
    zz: Vec<E>,
    #[serde(skip_serializing_if = "Option::is_none")]
    skipped: Option<u8>,
    aa: (i8, char),
    bytes: serde_bytes_like::Bytes,
}

mod serde_bytes_like {
    /// Serializes as bytes (serde_json makes an array of numbers).
    pub struct Bytes(pub Vec<u8>);
    impl serde::Serialize for Bytes {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_bytes(&self.0)
        }
    }
}

#[derive(Serialize)]
struct Outer {
    name: String,
    #[serde(flatten)]
    extra: BTreeMap<String, Value>,
    inner: Inner,
    by_int: BTreeMap<i32, &'static str>,
    by_bool: HashMap<bool, u8>,
    by_enum: BTreeMap<K, u8>,
    unit: (),
    f: f32,
    wide: i128,
}

#[derive(Serialize, PartialEq, Eq, PartialOrd, Ord)]
enum K {
    Zed,
    Able,
}

#[test]
fn serde_shapes() {
    let mut extra = BTreeMap::new();
    extra.insert("b_extra".into(), json!({"y": 1, "x": [2.0, 2.25]}));
    extra.insert("aaa".into(), json!("flattened"));
    let v = Outer {
        name: "n".into(),
        extra,
        inner: Inner {
            zz: vec![
                E::Unit,
                E::New(-3),
                E::Tuple(7, "t".into()),
                E::Struct {
                    z: true,
                    a: Some(0.1),
                },
                E::Struct { z: false, a: None },
            ],
            skipped: None,
            aa: (-8, 'é'),
            bytes: serde_bytes_like::Bytes(vec![0, 255, 10]),
        },
        by_int: [(10, "ten"), (-2, "minus two"), (9, "nine")].into(),
        by_bool: [(true, 1), (false, 0)].into(),
        by_enum: [(K::Zed, 1), (K::Able, 2)].into(),
        unit: (),
        f: 3.0,
        wide: -5,
    };
    same("outer", &v);
    let body = CommitBody {
        object: "o".repeat(64),
        parents: vec!["p".into()],
        author: "a".into(),
        message: "m".into(),
        timestamp: 5,
        kind: CommitKind::CherryPick,
        provenance: [("seed".to_string(), "1".to_string())].into(),
    };
    same("commit body", &body);
}

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|i| json!(i)),
        any::<u64>().prop_map(|i| json!(i)),
        any::<f64>().prop_map(|f| json!(f)),
        (-1000i32..1000).prop_map(|i| json!(f64::from(i) / 4.0)),
        ".{0,8}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(".{0,4}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn random_values_match_the_reference(v in arb_json()) {
        prop_assert_eq!(canonical_of(&v).expect("direct"), canonical_json(&v));
    }

    #[test]
    fn random_maps_through_hashmap_match(m in prop::collection::hash_map(".{0,6}", any::<i32>(), 0..12)) {
        prop_assert_eq!(canonical_of(&m).expect("direct"), reference(&m));
    }
}
