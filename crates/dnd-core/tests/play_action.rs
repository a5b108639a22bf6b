//! Play verbs as data: every `Action` read from JSON does what the verb's function does, and a
//! step the rules forbid is refused with the same code.

mod play_helpers;
use play_helpers::*;

use dnd_core::play::health::{Damage, damage};
use dnd_core::play::{Action, apply};
use serde_json::json;

fn action(v: serde_json::Value) -> Action {
    serde_json::from_value(v).expect("a valid action")
}

#[test]
fn damage_as_data_equals_the_function() {
    let ch = example("cleric-5");
    let a = action(json!({"verb": "damage", "amount": 9, "critical": true}));
    let via_action = ok(apply(rules(), &ch, &a));
    let direct = ok(damage(rules(), &ch, 9, Damage { critical: true }));
    assert_eq!(via_action, direct);
}

#[test]
fn every_verb_reads_from_json_and_round_trips() {
    let cases = [
        json!({"verb": "give", "item": "longsword", "quantity": 2}),
        json!({"verb": "take", "item": "longsword"}),
        json!({"verb": "equip", "item": "shield"}),
        json!({"verb": "unequip", "item": "shield"}),
        json!({"verb": "attune", "item": "ring-of-protection"}),
        json!({"verb": "unattune", "item": "ring-of-protection"}),
        json!({"verb": "pay", "amount": "5gp"}),
        json!({"verb": "receive", "amount": "12gp 5sp"}),
        json!({"verb": "move", "item": "rope", "to": "stored"}),
        json!({"verb": "prepare", "spell": "bless"}),
        json!({"verb": "unprepare", "spell": "bless", "class": "cleric"}),
        json!({"verb": "cast", "spell": "cure-wounds", "slot_level": 2}),
        json!({"verb": "damage", "amount": 4}),
        json!({"verb": "heal", "amount": 4}),
        json!({"verb": "temp_hp", "amount": 5}),
        json!({"verb": "death_save", "roll": 12}),
        json!({"verb": "add_condition", "id": "poisoned"}),
        json!({"verb": "remove_condition", "id": "poisoned"}),
        json!({"verb": "exhaustion", "change": {"delta": 1}}),
        json!({"verb": "inspiration", "gain": true}),
        json!({"verb": "end_concentration"}),
        json!({"verb": "concentration_save", "passed": false}),
        json!({"verb": "short_rest", "spend": [["d8", 1]], "rolls": [5]}),
        json!({"verb": "long_rest"}),
    ];
    for c in cases {
        let a = action(c.clone());
        let back: Action =
            serde_json::from_value(serde_json::to_value(&a).expect("serializes")).expect("reads");
        assert_eq!(a, back, "{c}");
    }
}

#[test]
fn a_played_session_through_actions() {
    let mut ch = example("cleric-5");
    for step in [
        json!({"verb": "damage", "amount": 10}),
        json!({"verb": "cast", "spell": "cure-wounds"}),
        json!({"verb": "add_condition", "id": "poisoned"}),
        json!({"verb": "long_rest"}),
    ] {
        ch = ok(apply(rules(), &ch, &action(step))).character;
    }
    assert!(ch.state.conditions.iter().any(|c| c == "poisoned"));
}

#[test]
fn refusals_and_bad_arguments_keep_their_codes() {
    let ch = example("fighter-1");
    let a = action(json!({"verb": "cast", "spell": "fireball"}));
    assert_eq!(code(apply(rules(), &ch, &a)), "play.spell.level_too_high");
    let a = action(json!({"verb": "pay", "amount": "five gold"}));
    assert_eq!(code(apply(rules(), &ch, &a)), "invalid_input.value");
    let e = serde_json::from_value::<Action>(json!({"verb": "fly", "speed": 60}));
    assert!(e.is_err(), "an unknown verb is not an action");
}
