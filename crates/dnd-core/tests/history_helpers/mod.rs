//! Shared inputs for the history tests: example characters, realistic edits, commits.

#![allow(dead_code)]

mod ops;
mod props;

use std::collections::BTreeMap;

use dnd_core::build::{LevelUp, NewCharacter, level_up, new_character};
use dnd_core::history::{CommitKind, CommitMeta, MemoryGraph, Resolution};
use dnd_core::model::Character;
use dnd_core::play::health::{Damage, damage};
use dnd_core::rules::Rules;

pub fn rules() -> &'static Rules {
    Rules::srd()
}

pub fn example(name: &str) -> Character {
    let path = format!(
        "{}/../../examples/characters/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    Character::from_json(&std::fs::read_to_string(path).expect("example")).expect("parses")
}

pub fn no_res() -> BTreeMap<String, Resolution> {
    BTreeMap::new()
}

/// A level 1 human fighter soldier, every decision filled.
pub fn level_one() -> Character {
    let req = NewCharacter {
        class: "fighter".into(),
        species: "human".into(),
        background: "soldier".into(),
        ..Default::default()
    };
    new_character(rules(), &req).expect("new").character
}

/// `ch` levelled up in its first class to `level`.
pub fn up_to(ch: &Character, level: usize) -> Character {
    let mut ch = ch.clone();
    while ch.levels.len() < level {
        let req = LevelUp {
            class: ch.levels[0].class.clone(),
            ..Default::default()
        };
        ch = level_up(rules(), &ch, &req).expect("levels up").character;
    }
    ch
}

/// `ch` after taking `amount` damage.
pub fn hurt(ch: &Character, amount: u32) -> Character {
    damage(rules(), ch, amount, Damage::default())
        .expect("damage")
        .character
}

pub fn meta(timestamp: i64) -> CommitMeta {
    CommitMeta {
        author: "tester".into(),
        message: format!("at {timestamp}"),
        timestamp,
        ..Default::default()
    }
}

/// Commits `ch` on `branch` at its current head; returns the commit id.
pub fn commit(g: &mut MemoryGraph, branch: &str, ch: &Character, timestamp: i64) -> String {
    let head = g.branches.get(branch).cloned();
    g.commit_on(
        branch,
        head.as_deref(),
        ch,
        CommitKind::Commit,
        &[],
        &meta(timestamp),
    )
    .expect("commits")
    .id
}
