//! Bulk validation of JSON Lines on 1 and on 2 threads (the machine has 2 cores).
//!
//! `cargo bench -p dnd-benches --bench bulk_jsonl` validates one million characters
//! (set `DND_BULK_N` for another count); under `cargo test` it runs 2,000 as a smoke test.

use std::time::Instant;

use dnd_core::model::Character;
use dnd_core::rules::Rules;
use dnd_core::validate::{Profile, validate_jsonl};

const EXAMPLES: [&str; 4] = [
    include_str!("../examples/characters/cleric-5.json"),
    include_str!("../examples/characters/fighter-1.json"),
    include_str!("../examples/characters/rogue-1.json"),
    include_str!("../examples/characters/paladin-3-bard-9.json"),
];

fn main() {
    let bench = std::env::args().any(|a| a == "--bench");
    let n: usize = std::env::var("DND_BULK_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if bench { 1_000_000 } else { 2_000 });
    let lines: Vec<String> = EXAMPLES
        .iter()
        .map(|t| {
            serde_json::to_string(&Character::from_json(t).expect("example parses"))
                .expect("serializes")
        })
        .collect();
    let mut text = String::with_capacity(n * 1600);
    for i in 0..n {
        text.push_str(&lines[i % lines.len()]);
        text.push('\n');
    }
    let rules = Rules::srd();
    let profile = Profile::default();
    let mut one = 0.0;
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("thread pool");
        let start = Instant::now();
        let items = pool.install(|| validate_jsonl(rules, &text, &profile));
        let secs = start.elapsed().as_secs_f64();
        assert_eq!(items.len(), n);
        assert!(
            items
                .iter()
                .all(|i| i.report.as_ref().is_some_and(|r| r.valid))
        );
        if threads == 1 {
            one = secs;
        }
        println!(
            "bulk_jsonl: {n} characters ({:.0} MB of JSON Lines) on {threads} thread(s): {secs:.2} s, {:.0} characters/s, speed-up {:.2}x",
            text.len() as f64 / 1e6,
            n as f64 / secs,
            one / secs
        );
    }
}
