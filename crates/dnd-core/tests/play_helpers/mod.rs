//! Helpers shared by the play tests: the SRD rules, example characters, outcomes and refusals.
#![allow(dead_code)]

use dnd_core::Error;
use dnd_core::derive::derive;
use dnd_core::model::{Character, Coins, InventoryItem};
use dnd_core::play::Outcome;
use dnd_core::rules::Rules;

pub fn rules() -> &'static Rules {
    Rules::srd()
}

/// An example character by name, with or without `.json` (`cleric-5` or `cleric-5.json`).
pub fn example(name: &str) -> Character {
    let name = name.strip_suffix(".json").unwrap_or(name);
    let path = format!(
        "{}/../../examples/characters/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).expect("example exists");
    Character::from_json(&text).expect("example parses")
}

pub fn ok(r: dnd_core::Result<Outcome>) -> Outcome {
    r.unwrap_or_else(|e| panic!("expected success, got {} ({e})", e.code()))
}

/// The code of an error the step was expected to end in.
pub fn code(r: dnd_core::Result<Outcome>) -> &'static str {
    match r {
        Err(e) => e.code(),
        Ok(o) => panic!("expected a refusal, got: {}", o.summary),
    }
}

/// The refusal's code and alternatives; also checks the character given was not changed.
pub fn refused(
    before: &Character,
    ch: &Character,
    r: dnd_core::Result<Outcome>,
) -> (String, Vec<String>) {
    assert_eq!(before, ch, "a refusal leaves the character as it was");
    match r {
        Err(e @ Error::Refused { .. }) => (e.code().to_string(), e.alternatives().to_vec()),
        Err(e) => panic!("expected a refusal, got {} ({e})", e.code()),
        Ok(o) => panic!("expected a refusal, got: {}", o.summary),
    }
}

pub fn entry<'a>(ch: &'a Character, key: &str) -> &'a InventoryItem {
    ch.inventory
        .items
        .iter()
        .find(|it| it.instance_key() == key)
        .unwrap_or_else(|| panic!("no entry `{key}`"))
}

pub fn has_entry(ch: &Character, key: &str) -> bool {
    ch.inventory.items.iter().any(|it| it.instance_key() == key)
}

pub fn warned(o: &Outcome, code: &str) -> bool {
    o.warnings.iter().any(|w| w.code == code)
}

/// Asserts the step warned with `code`, showing the warnings it gave if not.
pub fn assert_warned(o: &Outcome, code: &str) {
    assert!(warned(o, code), "no `{code}` warning in {:?}", o.warnings);
}

pub fn carried(ch: &Character) -> f64 {
    derive(rules(), ch).expect("derives").carried_weight
}

pub fn assert_lb(got: f64, want: f64) {
    assert!(
        (got - want).abs() < 1e-9,
        "carried {got} lb, expected {want} lb"
    );
}

pub fn gp(n: i64) -> Coins {
    Coins {
        gp: n,
        ..Coins::default()
    }
}
