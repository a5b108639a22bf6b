//! The facade's file verbs (no database needed): rules lookup, sheet, explain, validate, new,
//! level up and down, play and roll, with SRD 5.2 numbers and stable error codes.

use std::borrow::Cow;

use dnd_core::build::{LevelUp, NewCharacter};
use dnd_core::dice::RollOptions;
use dnd_core::play::Action;
use dnd_core::rules::Rules;
use dnd_engine::Engine;
use serde_json::json;

fn engine() -> Engine {
    Engine::open_in_memory(Cow::Borrowed(Rules::srd())).expect("engine")
}

#[test]
fn lookup_and_list_read_the_pack() {
    let e = engine();
    let fireball = e.lookup("spell", "fireball").expect("fireball");
    assert_eq!(fireball["level"], 3);
    assert_eq!(e.rules_list("class").expect("classes").len(), 12);
    let err = e.lookup("spell", "firebal").expect_err("a typo");
    assert!(err.to_string().contains("fireball"), "{err}");
    assert_eq!(
        e.lookup("planet", "mars").expect_err("kind").code(),
        "invalid_input.value"
    );
}

#[test]
fn build_play_and_derive_a_cleric() {
    let e = engine();
    let req = NewCharacter {
        class: "cleric".into(),
        species: "dwarf".into(),
        background: "acolyte".into(),
        ..Default::default()
    };
    let mut ch = e.new_character(&req).expect("new").character;
    assert_eq!(e.validate(&ch).errors, 0);
    let up = LevelUp {
        class: "cleric".into(),
        ..Default::default()
    };
    ch = e.level_up(&ch, &up).expect("level 2").character;
    assert_eq!(e.sheet(&ch).expect("sheet").level, 2);
    let hit: Action =
        serde_json::from_value(json!({"verb": "damage", "amount": 5})).expect("action");
    let after = e.play(&ch, &hit).expect("damage").character;
    let max = e.sheet(&ch).expect("sheet").hit_points.max;
    assert_eq!(e.sheet(&after).expect("sheet").hit_points.current, max - 5);
    let down = e.level_down(&ch).expect("level down").character;
    assert_eq!(e.sheet(&down).expect("sheet").level, 1);
    let why = e.explain(&ch, "armor_class").expect("explain");
    assert!(why.contains_key("armor_class"));
}

#[test]
fn rolls_replay_from_their_seed() {
    let e = engine();
    let a = e
        .roll("4d6kh3", Some(7), RollOptions::default())
        .expect("roll");
    let b = e
        .roll("4d6kh3", Some(7), RollOptions::default())
        .expect("roll");
    assert_eq!(a, b);
    assert!((3.0..=18.0).contains(&a.total));
    let s = e.roll_stats("2d6", RollOptions::default()).expect("stats");
    assert_eq!((s.min, s.max), (2.0, 12.0));
    assert_eq!(
        e.roll("4d", None, RollOptions::default())
            .expect_err("bad")
            .code(),
        "dice.syntax"
    );
}
