//! The README runs as a test: every `cargo run -q -p dnd-cli -- …` line of its shell blocks runs
//! through the built binary and exits 0, and a `#   expected` comment right below a command must
//! start its output.

use std::path::PathBuf;
use std::process::Command;

const PREFIX: &str = "cargo run -q -p dnd-cli -- ";

#[test]
fn readme_commands_work() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    let lines: Vec<&str> = readme.lines().collect();
    let mut ran = 0;
    for (i, line) in lines.iter().enumerate() {
        let Some(rest) = line.strip_prefix(PREFIX) else {
            continue;
        };
        let cmd = rest.split(" #").next().unwrap_or(rest).trim();
        let args: Vec<&str> = cmd.split_whitespace().collect();
        let out = Command::new(env!("CARGO_BIN_EXE_dnd"))
            .args(&args)
            .current_dir(&root)
            .output()
            .expect("runs");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "README line {}: `{cmd}` failed: {}",
            i + 1,
            String::from_utf8_lossy(&out.stderr)
        );
        if let Some(expected) = lines.get(i + 1).and_then(|l| l.strip_prefix("#   ")) {
            assert!(
                stdout.starts_with(expected),
                "README line {}: `{cmd}` printed {stdout}",
                i + 2
            );
        }
        ran += 1;
    }
    assert!(ran >= 7, "the README lists the CLI verbs ({ran} found)");
}
