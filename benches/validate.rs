//! Validation: one full validation of a level-5 and a level-20 character, a bulk of 100
//! characters, and the incremental validator after a one-field edit.

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use dnd_core::model::Character;
use dnd_core::rules::Rules;
use dnd_core::validate::{Profile, Validator, validate, validate_many};
use std::hint::black_box;

const LEVEL_5: &str = include_str!("../examples/characters/cleric-5.json");
const LEVEL_20: &str = include_str!("../examples/characters/wizard-20.json");

fn benches(c: &mut Criterion) {
    let rules = Rules::srd();
    let profile = Profile::default();
    let l5 = Character::from_json(LEVEL_5).expect("parses");
    let l20 = Character::from_json(LEVEL_20).expect("parses");
    assert!(validate(rules, &l5, &profile).valid);

    let mut g = c.benchmark_group("validate");
    g.throughput(Throughput::Elements(1));
    g.bench_function("level-5 cleric", |b| {
        b.iter(|| validate(rules, black_box(&l5), &profile))
    });
    g.bench_function("level-20 wizard", |b| {
        b.iter(|| validate(rules, black_box(&l20), &profile))
    });
    g.finish();

    let party: Vec<Character> = (0..100)
        .map(|i| if i % 4 == 0 { l20.clone() } else { l5.clone() })
        .collect();
    let mut g = c.benchmark_group("bulk");
    g.throughput(Throughput::Elements(100));
    g.bench_function("100 characters (rayon)", |b| {
        b.iter(|| validate_many(rules, black_box(&party), &profile))
    });
    g.finish();

    let mut g = c.benchmark_group("incremental");
    g.bench_function("level-5 after a backstory edit", |b| {
        b.iter_batched_ref(
            || {
                let mut v = Validator::new(rules, Profile::default());
                v.validate(&l5);
                let mut edited = l5.clone();
                edited.details.backstory = "Raised in a mountain temple.".into();
                (v, edited)
            },
            |(v, edited)| v.validate(black_box(edited)),
            BatchSize::SmallInput,
        )
    });
    g.bench_function("level-5 after an hp edit", |b| {
        b.iter_batched_ref(
            || {
                let mut v = Validator::new(rules, Profile::default());
                v.validate(&l5);
                let mut edited = l5.clone();
                edited.state.hp = Some(20);
                (v, edited)
            },
            |(v, edited)| v.validate(black_box(edited)),
            BatchSize::SmallInput,
        )
    });
    g.finish();
}

criterion_group!(validate_benches, benches);
criterion_main!(validate_benches);
