//! The SQLite store: durable single commits, batched commits, load by id, and checkout of an
//! old version in a 10,000-version history. A real file in a temp dir, WAL mode.

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use dnd_benches::CHARACTERS;
use dnd_core::history::CommitMeta;
use dnd_core::model::Character;
use dnd_store::{SaveRequest, SqliteStore, Store, StoreConfig};
use std::hint::black_box;

fn meta(i: i64) -> CommitMeta {
    CommitMeta {
        author: "bench".into(),
        message: "edit".into(),
        timestamp: i,
        ..CommitMeta::default()
    }
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let ch = Character::from_json(CHARACTERS[0].1).expect("example parses");
    let s = SqliteStore::open(dir.path().join("bench.db")).expect("open");
    let first = s
        .save_character("bench", &ch, "main", None, &meta(0))
        .expect("save");
    let (mut cur, head) = s.load(&first.id, "main").expect("load");
    let mut head = head.id;
    let mut i = 1i64;

    let mut g = c.benchmark_group("store");
    g.throughput(Throughput::Elements(1));
    g.bench_function("durable single commit", |b| {
        b.iter(|| {
            cur.state.temp_hp = (i % 100) as i32;
            head = s
                .save_character("bench", &cur, "main", Some(&head), &meta(i))
                .expect("commit")
                .version;
            i += 1;
        })
    });

    // The same durable saves from 8 threads at once, each on its own character (as a server's
    // users would): the store's group commit writes the saves queued meanwhile in one
    // transaction and one fsync. Each thread still waits for its own commit.
    const THREADS: usize = 8;
    let mut owned: Vec<(Character, String)> = (0..THREADS)
        .map(|t| {
            let mut c = ch.clone();
            c.name = format!("Thread {t}");
            let saved = s
                .save_character("bench", &c, "main", None, &meta(0))
                .expect("save");
            c.id = Some(saved.id);
            (c, saved.version)
        })
        .collect();
    g.bench_function("durable single commits (8 threads, group commit)", |b| {
        b.iter_custom(|iters| {
            let start = std::time::Instant::now();
            std::thread::scope(|scope| {
                for (t, (c, head)) in owned.iter_mut().enumerate() {
                    let n = iters / THREADS as u64 + u64::from((t as u64) < iters % THREADS as u64);
                    let s = &s;
                    scope.spawn(move || {
                        for k in 0..n {
                            c.state.temp_hp = (k % 100) as i32;
                            *head = s
                                .save_character("bench", c, "main", Some(head), &meta(k as i64))
                                .expect("commit")
                                .version;
                        }
                    });
                }
            });
            start.elapsed()
        })
    });

    const BATCH: usize = 1000;
    let fresh: Vec<Character> = (0..BATCH)
        .map(|n| {
            let mut c = ch.clone();
            c.name = format!("Batch {n}");
            c
        })
        .collect();
    g.throughput(Throughput::Elements(BATCH as u64));
    g.bench_function(
        "batched commits (1,000 new characters per transaction)",
        |b| {
            b.iter_batched(
                || (),
                |()| {
                    i += 1;
                    let mi = meta(i);
                    let reqs: Vec<SaveRequest<'_>> = fresh
                        .iter()
                        .map(|c| SaveRequest {
                            owner: "bench",
                            character: c,
                            branch: "main",
                            expected_head: None,
                            meta: &mi,
                        })
                        .collect();
                    black_box(s.save_batch(&reqs).expect("batch"));
                },
                BatchSize::PerIteration,
            )
        },
    );

    let tip = std::cell::RefCell::new(head.clone());
    // A history imported or replayed in one transaction: 1,000 versions of one character, each
    // naming the one before it as its expected head (commit ids are computed beforehand, the
    // same way the store computes them).
    g.bench_function(
        "batched commits (1,000 versions of one character per transaction)",
        |b| {
            b.iter_batched(
                || {
                    i += 1;
                    let mi = meta(i);
                    let mut prev = tip.borrow().clone();
                    let mut chain = Vec::with_capacity(BATCH);
                    for n in 0..BATCH {
                        let mut c = cur.clone();
                        c.state.temp_hp = (n % 1000) as i32;
                        c.details.xp = (i as u32).wrapping_mul(1000).wrapping_add(n as u32);
                        let object = dnd_core::history::object_id(&c).expect("id");
                        let next = dnd_core::history::Commit::new(
                            object,
                            vec![prev.clone()],
                            dnd_core::history::CommitKind::Commit,
                            &mi,
                        )
                        .expect("commit");
                        chain.push((c, prev.clone()));
                        prev = next.id;
                    }
                    (chain, mi, prev)
                },
                |(chain, mi, last)| {
                    let reqs: Vec<SaveRequest<'_>> = chain
                        .iter()
                        .map(|(c, expected)| SaveRequest {
                            owner: "bench",
                            character: c,
                            branch: "main",
                            expected_head: Some(expected.as_str()),
                            meta: &mi,
                        })
                        .collect();
                    black_box(s.save_batch(&reqs).expect("batch"));
                    *tip.borrow_mut() = last;
                },
                BatchSize::PerIteration,
            )
        },
    );
    head = tip.into_inner();
    let _ = &head;

    g.throughput(Throughput::Elements(1));
    g.bench_function("load by id (head)", |b| {
        b.iter(|| black_box(s.load(&first.id, "main").expect("load")))
    });

    // A 10,000-version history, built in batches of commits on one branch.
    let big = dir.path().join("history.db");
    // Built without fsync per commit (checkout cost does not depend on it).
    let quick = StoreConfig {
        durable: false,
        ..StoreConfig::default()
    };
    let h = SqliteStore::open_with(&big, quick).expect("open");
    let start = h
        .save_character("bench", &ch, "main", None, &meta(0))
        .expect("save");
    let (mut c2, mut top) = h
        .load(&start.id, "main")
        .map(|(c, v)| (c, v.id))
        .expect("load");
    let mut versions = vec![top.clone()];
    for n in 1..10_000 {
        c2.state.temp_hp = n % 100;
        top = h
            .save_character("bench", &c2, "main", Some(&top), &meta(i64::from(n)))
            .expect("commit")
            .version;
        versions.push(top.clone());
    }
    let old = versions[1234].clone();
    g.bench_function("checkout of version 1,234 of 10,000", |b| {
        b.iter(|| black_box(h.load(&start.id, &old).expect("checkout")))
    });
    g.finish();
}

criterion_group!(store, benches);
criterion_main!(store);
