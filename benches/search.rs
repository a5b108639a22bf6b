//! Search on the full imported SRD (Open5e, 5e-database and the SRD Markdown from
//! `../shared/srd-5.2`): building the index, 50 fixed queries (`fixtures/search-queries.txt`)
//! against our index and against SQLite FTS5 over the same documents in the same run, and the
//! typo set (`fixtures/search-typos.txt`). Prints p50/p99 per query and the ratio to FTS5.
//! Without `../shared` it prints a notice and measures nothing.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput};
use dnd_core::rules::Rules;
use dnd_store::{ImportFormat, SearchIndex, SearchRequest, SqliteStore, Viewer};
use rusqlite::Connection;

const QUERIES: &str = include_str!("fixtures/search-queries.txt");
const TYPOS: &str = include_str!("fixtures/search-typos.txt");

fn lines(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

fn srd() -> Option<PathBuf> {
    let dir = std::env::var_os("DND_SRD_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/srd-5.2"));
    dir.is_dir().then_some(dir)
}

/// The same documents in an FTS5 table: key, kind, name, body (porter stemming, diacritics
/// folded; the name weighted 4 to 1 like ours).
fn fts5(idx: &SearchIndex) -> Connection {
    let c = Connection::open_in_memory().expect("sqlite");
    c.execute_batch(
        "CREATE VIRTUAL TABLE docs USING fts5(key UNINDEXED, kind UNINDEXED, name, body,
         tokenize = 'porter unicode61 remove_diacritics 2');",
    )
    .expect("fts5 (rusqlite's bundled SQLite has it)");
    let tx = c.unchecked_transaction().expect("tx");
    {
        let mut ins = tx
            .prepare("INSERT INTO docs (key, kind, name, body) VALUES (?1, ?2, ?3, ?4)")
            .expect("prepare");
        for d in idx.all_documents().expect("docs") {
            ins.execute((&d.key, &d.kind, &d.name, &d.body))
                .expect("insert");
        }
    }
    tx.commit().expect("commit");
    c
}

/// A free-text query in FTS5 syntax: words ORed (as ours are), phrases and AND/NOT kept.
fn fts_query(q: &str) -> String {
    let mut out = Vec::new();
    let mut phrase = String::new();
    for w in q.split_whitespace() {
        if !phrase.is_empty() || w.starts_with('"') {
            phrase.push_str(w);
            phrase.push(' ');
            if w.ends_with('"')
                && (phrase.len() > w.len() + 1 || w.len() > 1 && w[1..].contains('"'))
            {
                out.push(phrase.trim().to_string());
                phrase.clear();
            }
            continue;
        }
        match w {
            "AND" | "NOT" => out.push(w.to_string()),
            _ => {
                let clean: String = w.chars().filter(|c| c.is_alphanumeric()).collect();
                if !clean.is_empty() {
                    if out.last().is_some_and(|l| l != "AND" && l != "NOT") {
                        out.push("OR".into());
                    }
                    out.push(format!("\"{clean}\""));
                }
            }
        }
    }
    out.join(" ")
}

fn fts_search(c: &Connection, q: &str) -> Vec<String> {
    let mut s = c
        .prepare_cached(
            "SELECT key, snippet(docs, 3, '**', '**', '…', 24) FROM docs WHERE docs MATCH ?1
             ORDER BY bm25(docs, 0.0, 0.0, 4.0, 1.0) LIMIT 10",
        )
        .expect("prepare");
    let rows = s.query_map([fts_query(q)], |r| r.get::<_, String>(0));
    match rows {
        Ok(rows) => rows.filter_map(Result::ok).collect(),
        Err(_) => Vec::new(),
    }
}

fn ours(idx: &SearchIndex, q: &str) -> Vec<String> {
    ours_with(idx, q, true)
}

fn ours_with(idx: &SearchIndex, q: &str, snippets: bool) -> Vec<String> {
    let mut req = SearchRequest::new(q, Viewer::user("bench"));
    req.snippets = snippets;
    let r = idx.search(&req).expect("search");
    r.hits.into_iter().map(|h| h.key).collect()
}

/// p50 and p99 of single-query latencies over `rounds` passes of the set.
fn percentiles(rounds: usize, queries: &[&str], mut f: impl FnMut(&str)) -> (Duration, Duration) {
    let mut t = Vec::with_capacity(rounds * queries.len());
    for _ in 0..rounds {
        for q in queries {
            let start = Instant::now();
            f(q);
            t.push(start.elapsed());
        }
    }
    t.sort();
    let at = |p: f64| t[((t.len() as f64 * p) as usize).min(t.len() - 1)];
    (at(0.50), at(0.99))
}

fn main() {
    let Some(dir) = srd() else {
        println!("notice: benches/search.rs needs ../shared/srd-5.2 (or DND_SRD_DIR); skipped");
        return;
    };
    let store = SqliteStore::open_in_memory().expect("store");
    let rules = Rules::srd();
    for (f, sub) in [
        (ImportFormat::Open5e, "open5e"),
        (ImportFormat::FiveEDatabase, "5e-database"),
        (ImportFormat::SrdMarkdown, "markdown"),
    ] {
        let start = Instant::now();
        let r = store
            .import_catalog(f, &dir.join(sub), rules, "bench", &mut |_| {})
            .expect("import");
        println!(
            "import {}: {} entries in {:.0?}",
            r.source,
            r.entries,
            start.elapsed()
        );
    }
    let start = Instant::now();
    let idx = SearchIndex::open(None, &store, rules).expect("index");
    let docs = idx.stats().expect("stats").documents;
    println!("index build: {docs} documents in {:.0?}", start.elapsed());
    let fts = fts5(&idx);
    let queries = lines(QUERIES);
    assert_eq!(queries.len(), 50, "the fixture holds 50 queries");

    let mut c = Criterion::default().configure_from_args();
    {
        let mut g = c.benchmark_group("search");
        g.sample_size(10);
        g.bench_function("build index (full SRD, in memory)", |b| {
            b.iter(|| black_box(SearchIndex::open(None, &store, rules).expect("index")))
        });
        g.sample_size(30);
        g.throughput(Throughput::Elements(50));
        g.bench_function("ours: 50 queries (top 10 with snippets)", |b| {
            b.iter(|| queries.iter().map(|q| ours(&idx, q).len()).sum::<usize>())
        });
        g.bench_function("fts5: 50 queries (top 10 with snippets)", |b| {
            b.iter(|| {
                queries
                    .iter()
                    .map(|q| fts_search(&fts, q).len())
                    .sum::<usize>()
            })
        });
        g.finish();
    }
    c.final_summary();

    let rounds = if std::env::args().any(|a| a == "--bench") {
        40
    } else {
        1
    };
    let (p50, p99) = percentiles(rounds, &queries, |q| {
        black_box(ours(&idx, q));
    });
    let (n50, n99) = percentiles(rounds, &queries, |q| {
        black_box(ours_with(&idx, q, false));
    });
    let mut slow: Vec<(Duration, &str)> = queries
        .iter()
        .map(|q| {
            let start = Instant::now();
            for _ in 0..rounds {
                black_box(ours(&idx, q));
            }
            (start.elapsed() / rounds as u32, *q)
        })
        .collect();
    slow.sort_by(|a, b| b.cmp(a));
    let (f50, f99) = percentiles(rounds, &queries, |q| {
        black_box(fts_search(&fts, q));
    });
    println!("\nper query over {rounds} passes of the 50 queries:");
    println!("  ours: p50 {p50:.1?}  p99 {p99:.1?}");
    println!("  ours without snippets: p50 {n50:.1?}  p99 {n99:.1?}");
    println!("  fts5: p50 {f50:.1?}  p99 {f99:.1?}");
    let worst: Vec<String> = slow
        .iter()
        .take(5)
        .map(|(t, q)| format!("{q} {t:.1?}"))
        .collect();
    println!("  slowest (ours, mean): {}", worst.join("; "));
    println!(
        "  ours / fts5: p50 {:.2}  p99 {:.2}",
        p50.as_secs_f64() / f50.as_secs_f64(),
        p99.as_secs_f64() / f99.as_secs_f64()
    );
    let typos: Vec<(&str, &str)> = lines(TYPOS)
        .into_iter()
        .filter_map(|l| l.split_once('\t'))
        .collect();
    let mut found = (0, 0);
    for (q, key) in &typos {
        let a = ours(&idx, q).iter().take(3).any(|k| k == key);
        let b = fts_search(&fts, q).iter().take(3).any(|k| k == key);
        found.0 += usize::from(a);
        found.1 += usize::from(b);
        if !a {
            println!("  ours misses {q} → {key}");
        }
    }
    println!(
        "typos (intended entry in the top 3): ours {}/{}, fts5 {}/{}",
        found.0,
        typos.len(),
        found.1,
        typos.len()
    );
}
