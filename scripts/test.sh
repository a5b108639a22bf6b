#!/usr/bin/env bash
# Every test of the project, as CI runs it (.ci/run calls exactly this).
# Needs only the Rust toolchain (cargo, rustfmt, clippy); installs nothing else today.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== format"
cargo fmt --all -- --check

echo "== clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings

echo "== tests"
# --all-targets also runs each criterion bench once in test mode.
cargo test --workspace --all-targets --locked
cargo test --workspace --doc --locked
