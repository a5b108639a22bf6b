//! History: the content address of a level-10 character, the diff between it and its level-up,
//! and applying that diff; `serde_json::to_value` of the character for reference (each of the
//! three starts from the character's JSON value).

use criterion::{Criterion, criterion_group, criterion_main};
use dnd_core::build::{LevelUp, level_up};
use dnd_core::history::{apply, diff, object_id};
use dnd_core::model::Character;
use dnd_core::rules::Rules;
use std::hint::black_box;

fn next_level(rules: &Rules, ch: &Character) -> Character {
    let req = LevelUp {
        class: "cleric".into(),
        ..Default::default()
    };
    level_up(rules, ch, &req).expect("levels up").character
}

fn benches(c: &mut Criterion) {
    let rules = Rules::srd();
    let mut ch = Character::from_json(include_str!("../examples/characters/cleric-5.json"))
        .expect("example parses");
    while ch.levels.len() < 10 {
        ch = next_level(rules, &ch);
    }
    let up = next_level(rules, &ch);
    let d = diff(&ch, &up).expect("diffs");
    assert_eq!(apply(&ch, &d).expect("applies"), up);
    let mut g = c.benchmark_group("history level-10 cleric");
    g.bench_function("to_value (reference)", |b| {
        b.iter(|| serde_json::to_value(black_box(&ch)))
    });
    g.bench_function("object_id", |b| b.iter(|| object_id(black_box(&ch))));
    g.bench_function("diff to level 11", |b| {
        b.iter(|| diff(black_box(&ch), black_box(&up)))
    });
    g.bench_function("apply level-up diff", |b| {
        b.iter(|| apply(black_box(&ch), black_box(&d)))
    });
    g.finish();
}

criterion_group!(history_benches, benches);
criterion_main!(history_benches);
