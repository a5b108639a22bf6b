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

/// The SRD 5.2 reference data: `$DND_SRD_DIR`, else `<workspace>/../shared/srd-5.2`. When it is
/// missing, fails under `CI=true` and otherwise prints a notice and gives `None`.
pub fn srd_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os("DND_SRD_DIR").filter(|d| !d.is_empty()) {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/srd-5.2"),
    };
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!(
            "the import tests need the SRD 5.2 reference data (../shared/srd-5.2), not found at {}",
            dir.display()
        );
    }
    let _ = std::io::Write::write_all(
        &mut std::io::stderr(),
        format!(
            "notice: skipping SRD import tests: ../shared/srd-5.2 not found (looked in {})\n",
            dir.display()
        )
        .as_bytes(),
    );
    None
}
