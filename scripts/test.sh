#!/usr/bin/env bash
# Every test of the project, as CI runs it (.ci/run calls exactly this).
# Needs the Rust toolchain (cargo, rustfmt, clippy) and python3; installs the `d20` package from PyPI
# into target/d20-venv for the dice differential test.
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

echo "== dice: differential test against the d20 package (PyPI), in its own virtual environment"
venv=target/d20-venv
if ! "$venv/bin/python" -c "import d20" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check "d20==1.1.2"
fi
cargo build -q -p dnd-cli --locked
"$venv/bin/python" tests/dice_d20/differential.py target/debug/dnd 2000

