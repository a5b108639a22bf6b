//! History: a three-way merge of a level-10 character with two small edited sides, and one
//! commit of a level-10 character on an in-memory graph.

use std::collections::BTreeMap;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use dnd_core::build::{LevelUp, level_up};
use dnd_core::history::{CommitKind, CommitMeta, MemoryGraph, merge3};
use dnd_core::model::Character;
use dnd_core::play::health::{Damage, damage};
use dnd_core::rules::Rules;
use std::hint::black_box;

const LEVEL_5: &str = include_str!("../examples/characters/cleric-5.json");

fn benches(c: &mut Criterion) {
    let rules = Rules::srd();
    let mut base = Character::from_json(LEVEL_5).expect("parses");
    while base.levels.len() < 10 {
        let req = LevelUp {
            class: "cleric".into(),
            ..Default::default()
        };
        base = level_up(rules, &base, &req).expect("levels up").character;
    }
    // Ours: took damage and gained XP. Theirs: cast a spell, got poisoned, gained XP.
    let mut ours = damage(rules, &base, 9, Damage::default())
        .expect("damage")
        .character;
    ours.details.xp += 300;
    let mut theirs = base.clone();
    theirs.state.slots_spent[2] += 1;
    theirs.state.conditions.push("poisoned".into());
    theirs.details.xp += 200;
    let none = BTreeMap::new();
    let m = merge3(rules, &base, &ours, &theirs, &none).expect("merges");
    assert!(m.conflicts.is_empty());
    assert_eq!(m.character.details.xp, base.details.xp + 500);

    let mut g = c.benchmark_group("history");
    g.throughput(Throughput::Elements(1));
    g.bench_function("merge3 level-10, two small edits", |b| {
        b.iter(|| merge3(rules, black_box(&base), &ours, &theirs, &none))
    });
    let meta = CommitMeta {
        author: "bench".into(),
        message: "a commit".into(),
        timestamp: 1,
        ..Default::default()
    };
    g.bench_function("MemoryGraph::commit_on level-10", |b| {
        b.iter_batched(
            MemoryGraph::default,
            |mut graph| {
                let c = graph.commit_on(
                    "main",
                    None,
                    black_box(&base),
                    CommitKind::Commit,
                    &[],
                    &meta,
                );
                (graph, c)
            },
            BatchSize::SmallInput,
        )
    });
    g.finish();
}

criterion_group!(history_benches, benches);
criterion_main!(history_benches);
