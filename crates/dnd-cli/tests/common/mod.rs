//! Helpers shared by the CLI tests: the repository root and running the built `dnd`.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Output};

/// The repository root (examples and docs live there).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs `dnd ARGS` from the repository root.
pub fn dnd(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dnd"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("dnd runs")
}

/// An example character file's text.
pub fn example(name: &str) -> String {
    std::fs::read_to_string(root().join("examples/characters").join(name)).expect("example exists")
}
