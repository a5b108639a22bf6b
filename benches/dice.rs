//! Dice: rolling `1d20+5` and `4d6kh3` (parse + roll, seeded) and exact statistics.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dnd_core::dice::{Dice, DiceRng, roll, stats};
use std::hint::black_box;

fn benches(c: &mut Criterion) {
    let mut g = c.benchmark_group("dice");
    g.throughput(Throughput::Elements(1));
    let mut seed = 0u64;
    g.bench_function("roll 1d20+5", |b| {
        b.iter(|| {
            seed = seed.wrapping_add(1);
            roll(black_box("1d20+5"), seed)
        })
    });
    g.bench_function("roll 4d6kh3", |b| {
        b.iter(|| {
            seed = seed.wrapping_add(1);
            roll(black_box("4d6kh3"), seed)
        })
    });
    let d20 = Dice::parse("1d20+5").expect("parses");
    let abilities = Dice::parse("4d6kh3").expect("parses");
    let mut rng = DiceRng::new(7);
    g.bench_function("parsed once: total 1d20+5", |b| {
        b.iter(|| d20.total(black_box(&mut rng)))
    });
    g.bench_function("parsed once: total 4d6kh3", |b| {
        b.iter(|| abilities.total(black_box(&mut rng)))
    });
    g.bench_function("stats 4d6kh3", |b| b.iter(|| stats(black_box("4d6kh3"))));
    g.bench_function("stats 8d6", |b| b.iter(|| stats(black_box("8d6"))));
    g.finish();
}

criterion_group!(dice_benches, benches);
criterion_main!(dice_benches);
