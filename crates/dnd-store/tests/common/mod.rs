//! Helpers shared by the store tests.
#![allow(dead_code)]

use std::path::PathBuf;

use dnd_store::core::history::CommitMeta;
use dnd_store::core::model::Character;

/// An example character from `examples/characters/`.
pub fn example(name: &str) -> Character {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join(format!("../../examples/characters/{name}.json"));
    let text = std::fs::read_to_string(&path).expect("example character");
    serde_json::from_str(&text).expect("example parses")
}

/// Commit metadata by `author` at `timestamp`.
pub fn meta(author: &str, message: &str, timestamp: i64) -> CommitMeta {
    CommitMeta {
        author: author.into(),
        message: message.into(),
        timestamp,
        ..CommitMeta::default()
    }
}
