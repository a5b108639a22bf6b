//! Crash safety: a child process commits in a loop and is killed with SIGKILL at random
//! moments; every version it reported is still there and the file verifies.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use common::{example, meta};
use dnd_store::{SqliteStore, Store};

const CHILD_ENV: &str = "DND_STORE_CRASH_CHILD";

/// The child's body: runs only when re-executed with `DND_STORE_CRASH_CHILD=<db path>`.
#[test]
fn crash_child() {
    let Ok(path) = std::env::var(CHILD_ENV) else {
        return;
    };
    let s = SqliteStore::open(&path).expect("child open");
    let (mut ch, mut head) = match s.list(None).expect("list").first() {
        Some(row) => {
            let (ch, c) = s.load(&row.id, "main").expect("load");
            (ch, Some(c.id))
        }
        None => (example("cleric-5"), None),
    };
    let out = std::io::stdout();
    for i in 0.. {
        ch.state.temp_hp = i % 50;
        ch.details.backstory = format!("entry {i}");
        let saved = s
            .save_character(
                "alice",
                &ch,
                "main",
                head.as_deref(),
                &meta("child", "loop", i64::from(i)),
            )
            .expect("save");
        ch.id = Some(saved.id.clone());
        head = Some(saved.version.clone());
        let mut lock = out.lock();
        writeln!(lock, "committed {} {}", saved.id, saved.version).expect("print");
        lock.flush().expect("flush");
    }
}

#[test]
fn sigkill_at_random_moments_loses_nothing() {
    if std::env::var(CHILD_ENV).is_ok() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("crash.db");
    let exe = std::env::current_exe().expect("test binary");
    let mut rng = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(7, |d| d.as_nanos() as u64)
        | 1;
    let mut reported: Vec<(String, String)> = Vec::new();
    let started = Instant::now();
    for _ in 0..20 {
        let mut child = Command::new(&exe)
            .args(["--exact", "crash_child", "--nocapture", "--test-threads=1"])
            .env(CHILD_ENV, &path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn child");
        let stdout = child.stdout.take().expect("stdout");
        let reader = std::thread::spawn(move || {
            let mut lines = Vec::new();
            let mut r = BufReader::new(stdout);
            let mut line = String::new();
            while r.read_line(&mut line).unwrap_or(0) > 0 {
                if let Some(rest) = line
                    .strip_suffix('\n')
                    .and_then(|l| l.strip_prefix("committed "))
                {
                    if let Some((id, v)) = rest.split_once(' ') {
                        lines.push((id.to_string(), v.to_string()));
                    }
                }
                line.clear();
            }
            lines
        });
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        std::thread::sleep(Duration::from_millis(40 + rng % 120));
        child.kill().expect("SIGKILL");
        child.wait().expect("reap");
        reported.extend(reader.join().expect("reader"));
    }
    assert!(!reported.is_empty(), "the child committed something");
    let raw = rusqlite::Connection::open(&path).expect("raw");
    let ok: String = raw
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity");
    assert_eq!(ok, "ok");
    drop(raw);
    let s = SqliteStore::open(&path).expect("reopen");
    assert!(s.verify().expect("verify").is_clean());
    for (id, version) in &reported {
        s.load(id, version)
            .unwrap_or_else(|e| panic!("version {version} reported before the kill is lost: {e}"));
    }
    let (id, _) = &reported[0];
    let history = s.history(id, "main", 0, usize::MAX).expect("history");
    assert!(history.len() >= reported.len());
    eprintln!(
        "{} versions reported in {:?}",
        reported.len(),
        started.elapsed()
    );
}
