//! Sheet derivation: from parsed structs, from JSON text, and parsing alone, for a level-1,
//! a level-20 and a multiclass character. Also the explaining derivation.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dnd_benches::CHARACTERS;
use dnd_core::derive::{derive, derive_explained};
use dnd_core::model::Character;
use dnd_core::rules::Rules;
use std::hint::black_box;

fn benches(c: &mut Criterion) {
    let rules = Rules::srd();
    for (name, json) in CHARACTERS {
        let ch = Character::from_json(json).expect("example parses");
        derive(rules, &ch).expect("example derives");
        let mut g = c.benchmark_group(name);
        g.throughput(Throughput::Elements(1));
        g.bench_function("derive from struct", |b| {
            b.iter(|| derive(rules, black_box(&ch)))
        });
        g.bench_function("parse only", |b| {
            b.iter(|| Character::from_json(black_box(json)))
        });
        g.bench_function("parse + derive", |b| {
            b.iter(|| {
                let ch = Character::from_json(black_box(json)).expect("parses");
                black_box(&derive(rules, &ch));
            })
        });
        g.bench_function("derive explained", |b| {
            b.iter(|| derive_explained(rules, black_box(&ch)))
        });
        g.finish();
    }
}

criterion_group!(derive_benches, benches);
criterion_main!(derive_benches);
