//! Dice engine: grammar, rendering, limits, replayability, exact statistics, properties.

use dnd_core::dice::{
    Advantage, Crit, DiceError, MAX_DICE, RollOptions, Stats, roll, roll_with, stats, stats_with,
};
use proptest::prelude::*;

fn total(expr: &str) -> f64 {
    roll(expr, 1)
        .unwrap_or_else(|e| panic!("{expr}: {e}"))
        .total
}

fn code(expr: &str) -> &'static str {
    match roll(expr, 1) {
        Ok(r) => panic!("{expr} rolled {} but should fail", r.rendered),
        Err(e) => e.code(),
    }
}

#[test]
fn arithmetic_and_sets_table() {
    let table: &[(&str, f64)] = &[
        ("7", 7.0),
        ("2.5", 2.5),
        ("1 + 2 * 3", 7.0),
        ("(1 + 2) * 3", 9.0),
        ("10 - 4 - 3", 3.0),
        ("7 / 2", 3.5),
        ("7 // 2", 3.0),
        ("-7 // 2", -4.0),
        ("7 % 3", 1.0),
        ("-7 % 3", 2.0),
        ("2.5 * 2", 5.0),
        ("-(3)", -3.0),
        ("--3", 3.0),
        ("+3", 3.0),
        ("-2 * -3", 6.0),
        ("1 < 2", 1.0),
        ("2 <= 1", 0.0),
        ("3 == 3", 1.0),
        ("3 != 3", 0.0),
        ("3 > 2", 1.0),
        ("3 >= 4", 0.0),
        ("1 + 2 == 3", 1.0),
        ("(1, 2, 3)", 6.0),
        ("(5,)", 5.0),
        ("()", 0.0),
        ("(1, 5, 3)kh1", 5.0),
        ("(1, 5, 3)kl2", 4.0),
        ("(1, 5, 3)p1", 8.0),
        ("(1, 5, 3)k>2", 8.0),
        ("(1, 5, 3)k<2", 1.0),
        ("(1, 5, 3)ph1pl1", 3.0),
        ("(1, 5, 3)kh1kl1", 6.0),
        ("(2 * 3)kh1", 6.0),
        ("1d1", 1.0),
        ("d1", 1.0),
        ("10d1", 10.0),
        ("3d1mi2", 6.0),
        ("3d1ma0", 0.0),
        ("0d6", 0.0),
        ("4D1 + 1", 5.0),
        ("1d1 [fire] + 2 [bonus]", 3.0),
        ("1d4rr<4", 4.0),
        ("2d4rr<4", 8.0),
    ];
    for &(expr, want) in table {
        assert_eq!(total(expr), want, "{expr}");
    }
}

#[test]
fn dice_operators_behave() {
    for seed in 0..200 {
        let r = roll("4d6kh3", seed).unwrap();
        let dice = &r.terms[0].dice;
        assert_eq!(dice.len(), 4);
        assert_eq!(dice.iter().filter(|d| d.kept).count(), 3);
        let mut v: Vec<i64> = dice.iter().map(|d| d.value).collect();
        v.sort_unstable();
        assert_eq!(r.total, (v[1] + v[2] + v[3]) as f64);

        let r = roll("4d6kl1", seed).unwrap();
        assert_eq!(
            r.total,
            r.terms[0].dice.iter().map(|d| d.value).min().unwrap() as f64
        );

        // k1: keep every 1, then drop the highest of those.
        let r = roll("10d6k1ph1", seed).unwrap();
        let ones = r.terms[0].dice.iter().filter(|d| d.value == 1).count();
        assert_eq!(r.total, ones.saturating_sub(1) as f64);

        let r = roll("1d20ro<3", seed).unwrap();
        let d = &r.terms[0].dice;
        if d[0].raw < 3 {
            assert!(d.len() == 2 && d[0].rerolled && !d[0].kept && d[1].added && d[1].kept);
        } else {
            assert_eq!(d.len(), 1);
        }

        let r = roll("3d6rr1", seed).unwrap();
        assert!(
            r.terms[0]
                .dice
                .iter()
                .filter(|d| d.kept)
                .all(|d| d.value != 1)
        );
        assert_eq!(r.terms[0].dice.iter().filter(|d| d.kept).count(), 3);

        let r = roll("1d6ra6", seed).unwrap();
        let d = &r.terms[0].dice;
        assert_eq!(d.len(), if d[0].value == 6 { 2 } else { 1 });
        assert!(d.iter().all(|d| d.kept));

        let r = roll("2d6e6", seed).unwrap();
        for d in &r.terms[0].dice {
            assert_eq!(d.exploded, d.value == 6);
        }
        let exploded = r.terms[0].dice.iter().filter(|d| d.exploded).count();
        assert_eq!(r.terms[0].dice.len(), 2 + exploded);

        let r = roll("2d6e>4", seed).unwrap();
        let exploded = r.terms[0].dice.iter().filter(|d| d.exploded).count();
        assert_eq!(r.terms[0].dice.len(), 2 + exploded);

        let r = roll("4d6mi3ma5", seed).unwrap();
        assert!(r.terms[0].dice.iter().all(|d| (3..=5).contains(&d.value)));

        let t = total("d%");
        assert!((1.0..=100.0).contains(&t));
        let r = roll("1d100 + d%", seed).unwrap();
        assert_eq!(r.expression, "1d100 + 1d%");
    }
}

#[test]
fn rendering() {
    let r = roll("(1, 5, 3)kh1", 0).unwrap();
    assert_eq!(r.rendered, "(~~1~~, 5, ~~3~~)kh1 = 5");
    assert_eq!(roll("1d1 + 2", 0).unwrap().rendered, "1d1 (1) + 2 = 3");
    assert_eq!(
        roll("3d1kh1", 0).unwrap().rendered,
        "3d1kh1 (1, ~~1~~, ~~1~~) = 1"
    );
    assert_eq!(
        roll("d1 [fire]*2", 0).unwrap().rendered,
        "1d1 (1) [fire] * 2 = 2"
    );
    assert_eq!(roll("7/2", 0).unwrap().rendered, "7 / 2 = 3.5");
    assert_eq!(roll("(2,)", 0).unwrap().rendered, "(2,) = 2");
    // Golden rolls: ChaCha8 from the seed is portable, so these never change.
    let r = roll("4d6kh3", 42).unwrap();
    let kept: Vec<String> = r.terms[0]
        .dice
        .iter()
        .map(|d| {
            if d.kept {
                d.value.to_string()
            } else {
                format!("~~{}~~", d.value)
            }
        })
        .collect();
    assert_eq!(
        r.rendered,
        format!("4d6kh3 ({}) = {}", kept.join(", "), r.total)
    );
    assert!(r.rendered.contains("~~"));
    assert_eq!(r.rendered, GOLDEN_4D6KH3_SEED42);
    assert_eq!(roll("1d20+5", 7).unwrap().rendered, GOLDEN_1D20_SEED7);
    // Rerolls and explosions show in place.
    let r = (0..500)
        .map(|s| roll("1d6e6", s).unwrap())
        .find(|r| r.terms[0].dice.len() > 1)
        .unwrap();
    assert!(r.rendered.starts_with("1d6e6 (6!, "), "{}", r.rendered);
    let r = (0..500)
        .map(|s| roll("1d20rr1", s).unwrap())
        .find(|r| r.terms[0].dice.len() > 1)
        .unwrap();
    assert!(r.rendered.starts_with("1d20rr1 (~~1~~, "), "{}", r.rendered);
}

const GOLDEN_4D6KH3_SEED42: &str = "4d6kh3 (~~4~~, 5, 5, 5) = 15";
const GOLDEN_1D20_SEED7: &str = "1d20 (16) + 5 = 21";

#[test]
fn limits_and_errors() {
    assert_eq!(code("1001d6"), "dice.too_many_dice");
    assert_eq!(code("500d6 + 501d6"), "dice.too_many_dice");
    assert!(roll(&format!("{MAX_DICE}d6"), 3).is_ok());
    // Loops are bounded by the dice limit: never a hang.
    assert_eq!(code("1d2rr<3"), "dice.too_many_dice");
    assert_eq!(code("1d1e1"), "dice.too_many_dice");
    assert_eq!(code("1000d6e<7"), "dice.too_many_dice");
    let long = format!("1{}", "+1".repeat(4_999 + 1));
    assert!(long.len() >= 10_000);
    assert_eq!(code(&long), "dice.too_complex");
    assert_eq!(stats(&long).unwrap_err().code(), "dice.too_complex");
    let deep = format!("{}1{}", "(".repeat(100), ")".repeat(100));
    assert_eq!(code(&deep), "dice.too_complex");
    assert_eq!(code(&"-".repeat(200)), "dice.too_complex");
    assert_eq!(code("1/0"), "dice.division_by_zero");
    assert_eq!(code("1 // (1d1 - 1)"), "dice.division_by_zero");
    assert_eq!(code("5 % 0"), "dice.division_by_zero");
    assert_eq!(
        stats("1d6 / (1d2 - 1)").unwrap_err().code(),
        "dice.division_by_zero"
    );
    assert_eq!(code("1d0"), "dice.invalid_die");
    assert_eq!(code("1d2000000"), "dice.invalid_die");
    for bad in [
        "",
        "1d",
        "kh",
        "1+",
        "(1",
        "1d6kx",
        "1d20 [x",
        "1 2",
        "1..2",
        "1.5d6",
        "d6k",
        "(1)rr1",
        "1d6mi",
        "99999999999999999999d6",
    ] {
        let err = roll(bad, 0).unwrap_err();
        assert!(
            matches!(err.code(), "dice.syntax" | "dice.too_many_dice"),
            "{bad}: {err}"
        );
    }
    assert_eq!(code("1d"), "dice.syntax");
    let e = DiceError::Intractable { reason: "x".into() };
    assert_eq!(e.code(), "dice.intractable");
    for e in [
        roll("1d", 0).unwrap_err(),
        roll("1001d6", 0).unwrap_err(),
        roll("1/0", 0).unwrap_err(),
        roll(&"(".repeat(40), 0).unwrap_err(),
        roll("1d0", 0).unwrap_err(),
        e,
    ] {
        assert!(
            DiceError::CODES.iter().any(|c| c.0 == e.code()),
            "{}",
            e.code()
        );
    }
    assert_eq!(DiceError::CODES.len(), 6);
}

#[test]
fn long_but_legal_expressions() {
    // 999 characters of left-associated additions: under the length limit, rolls and stats.
    let chain = format!("1{}", "+1".repeat(499));
    assert_eq!(chain.len(), 999);
    assert_eq!(roll(&chain, 0).unwrap().total, 500.0);
    assert_eq!(stats(&chain).unwrap().mean, 500.0);
    let nested = format!("{}1d6{}", "(".repeat(30), ")".repeat(30));
    assert!(roll(&nested, 0).is_ok());
    // Whitespace between tokens, not inside a term.
    assert_eq!(total("  1d1  +\t2 "), 3.0);
    assert_eq!(code("1d6 kh1"), "dice.syntax");
}

#[test]
fn same_seed_same_result() {
    for expr in [
        "4d6kh3",
        "1d20ro<3 + 2d8e8",
        "10d6k1ph1",
        "(1d4, 1d6, 1d8)kh2 * 2",
    ] {
        for seed in [0, 1, 42, u64::MAX] {
            assert_eq!(roll(expr, seed).unwrap(), roll(expr, seed).unwrap());
        }
        let distinct: std::collections::BTreeSet<String> =
            (0..50).map(|s| roll(expr, s).unwrap().rendered).collect();
        assert!(distinct.len() > 5, "{expr}: seeds do not vary the roll");
    }
}

#[test]
fn advantage_and_crits() {
    let adv = RollOptions {
        advantage: Advantage::Advantage,
    };
    let dis = RollOptions {
        advantage: Advantage::Disadvantage,
    };
    let r = roll_with("1d20 + 5", 9, adv).unwrap();
    assert_eq!(r.expression, "2d20kh1 + 5");
    let hi = r.terms[0].dice.iter().map(|d| d.value).max().unwrap();
    assert_eq!(r.total, (hi + 5) as f64);
    assert_eq!(
        roll_with("1d20 + 5", 9, dis).unwrap().expression,
        "2d20kl1 + 5"
    );
    // Only the leftmost plain 1d20.
    assert_eq!(
        roll_with("1d4 + 1d20 + 1d20", 1, adv).unwrap().expression,
        "1d4 + 2d20kh1 + 1d20"
    );
    assert_eq!(roll_with("2d20kh1", 1, dis).unwrap().expression, "2d20kh1");
    assert_eq!(roll_with("1d8", 1, adv).unwrap().expression, "1d8");
    let s = stats_with("1d20 + 5", adv).unwrap();
    assert!((s.mean - 18.825).abs() < 1e-9);

    let (mut nat20, mut nat1) = (0, 0);
    for seed in 0..400 {
        let r = roll("1d20 + 3", seed).unwrap();
        let raw = r.terms[0].dice[0].raw;
        let want = match raw {
            20 => Crit::Natural20,
            1 => Crit::Natural1,
            _ => Crit::None,
        };
        assert_eq!(r.crit, want);
        nat20 += usize::from(raw == 20);
        nat1 += usize::from(raw == 1);
        let r = roll_with("1d20", seed, adv).unwrap();
        let kept = r.terms[0].dice.iter().find(|d| d.kept).unwrap().raw;
        assert_eq!(r.crit == Crit::Natural20, kept == 20);
    }
    assert!(nat20 > 0 && nat1 > 0);
    assert_eq!(roll("1d6", 0).unwrap().crit, Crit::None);
}

/// Brute force: every ordered outcome of `n` dice with `sides` faces.
fn brute(n: u32, sides: i64, f: impl Fn(&mut [i64]) -> i64) -> Vec<(f64, f64)> {
    let mut map = std::collections::BTreeMap::<i64, u64>::new();
    let total = (sides as u64).pow(n);
    for mut k in 0..total {
        let mut dice: Vec<i64> = (0..n)
            .map(|_| {
                let v = (k % sides as u64) as i64 + 1;
                k /= sides as u64;
                v
            })
            .collect();
        *map.entry(f(&mut dice)).or_default() += 1;
    }
    map.into_iter()
        .map(|(v, c)| (v as f64, c as f64 / total as f64))
        .collect()
}

fn assert_dist(s: &Stats, want: &[(f64, f64)]) {
    assert_eq!(s.distribution.len(), want.len());
    for (o, &(v, p)) in s.distribution.iter().zip(want) {
        assert_eq!(o.value, v);
        assert!(
            (o.probability - p).abs() < 1e-12,
            "P({v}) = {} not {p}",
            o.probability
        );
    }
    let mass: f64 = s.distribution.iter().map(|o| o.probability).sum();
    assert!((mass - 1.0).abs() < 1e-12);
}

#[test]
fn exact_statistics() {
    let s = stats("4d6kh3").unwrap();
    assert_dist(
        &s,
        &brute(4, 6, |d| {
            d.sort_unstable();
            d[1] + d[2] + d[3]
        }),
    );
    assert!((s.mean - 15_869.0 / 1_296.0).abs() < 1e-12);
    assert!((s.mean - 12.2446).abs() < 1e-4);
    assert_eq!((s.min, s.max), (3.0, 18.0));

    let s = stats("2d20kh1").unwrap();
    assert_dist(&s, &brute(2, 20, |d| d[0].max(d[1])));
    assert!((s.mean - 13.825).abs() < 1e-12);
    let s = stats("2d20kh1+5").unwrap();
    assert!((s.mean - 18.825).abs() < 1e-12);
    assert_eq!((s.min, s.max), (6.0, 25.0));
    let s = stats("2d20kl1").unwrap();
    assert!((s.mean - 7.175).abs() < 1e-12);

    let s = stats("8d6").unwrap();
    assert_eq!((s.min, s.max), (8.0, 48.0));
    assert!((s.mean - 28.0).abs() < 1e-9);
    assert!((s.probability(8.0) - 6f64.powi(-8)).abs() < 1e-18);

    // Large pools keep exact bounds even where probabilities underflow.
    let s = stats("1000d6").unwrap();
    assert_eq!((s.min, s.max, s.distribution.len()), (1000.0, 6000.0, 5001));
    assert!((s.mean - 3500.0).abs() < 1e-6);

    let s = stats("1d20+5").unwrap();
    assert_eq!((s.min, s.max, s.mean), (6.0, 25.0, 15.5));
    assert_eq!(s.distribution.len(), 20);

    let s = stats("3d6").unwrap();
    assert_dist(&s, &brute(3, 6, |d| d.iter().sum()));
    assert!((s.probability(10.0) - 27.0 / 216.0).abs() < 1e-15);

    let s = stats("2d6+1d4+3").unwrap();
    assert_eq!((s.min, s.max), (6.0, 19.0));
    assert!((s.mean - 12.5).abs() < 1e-12);

    // Rerolls and clamps per die, checked against brute force.
    let s = stats("1d6rr1").unwrap();
    assert!((s.mean - 4.0).abs() < 1e-12);
    let s = stats("2d6ro1").unwrap();
    let one_die = (5.0 * 4.0 + 3.5) / 6.0; // (2..6 kept) + (1 rerolled once)
    assert!((s.mean - 2.0 * one_die).abs() < 1e-12);
    let s = stats("4d6mi2kh3").unwrap();
    assert_dist(
        &s,
        &brute(4, 6, |d| {
            d.iter_mut().for_each(|v| *v = (*v).max(2));
            d.sort_unstable();
            d[1] + d[2] + d[3]
        }),
    );
    let s = stats("10d6k1ph1").unwrap();
    assert_eq!((s.min, s.max), (0.0, 9.0));
    let s = stats("(1d4, 1d6)kh1").unwrap();
    let mut want = std::collections::BTreeMap::<i64, f64>::new();
    for a in 1..=4 {
        for b in 1..=6 {
            *want.entry(i64::max(a, b)).or_default() += 1.0 / 24.0;
        }
    }
    let want: Vec<(f64, f64)> = want.into_iter().map(|(v, p)| (v as f64, p)).collect();
    assert_dist(&s, &want);

    // Comparisons and arithmetic on distributions.
    let s = stats("1d20 + 5 >= 15").unwrap();
    assert_eq!((s.min, s.max), (0.0, 1.0));
    assert!((s.probability(1.0) - 0.55).abs() < 1e-12);
    let s = stats("1d6 // 2").unwrap();
    assert_eq!((s.min, s.max, s.mean), (0.0, 3.0, 1.5));
    let s = stats("-1d4").unwrap();
    assert_eq!((s.min, s.max), (-4.0, -1.0));
    let s = stats("1d2e3 + 1d6ra7").unwrap(); // explosions that can never fire are no-ops
    assert!((s.mean - 5.0).abs() < 1e-12);
}

#[test]
fn intractable_statistics() {
    for expr in [
        "1d6e6",
        "2d6ra1",
        "4d6rrh1",
        "4d6kh3ro1",
        "100d100kh1",
        "1d2rr<3",
        "1000d1000",
    ] {
        let err = stats(expr).unwrap_err();
        assert_eq!(err.code(), "dice.intractable", "{expr}: {err}");
    }
    assert_eq!(stats("1001d6").unwrap_err().code(), "dice.too_many_dice");
}

#[test]
fn json_shape() {
    let v = serde_json::to_value(stats("1d4").unwrap()).unwrap();
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["distribution", "max", "mean", "min"]);
    assert_eq!(v["distribution"][0]["value"], 1.0);
    assert_eq!(v["distribution"][0]["probability"], 0.25);
    let r = roll("4d6kh3", 1).unwrap();
    let v = serde_json::to_value(&r).unwrap();
    for k in ["expression", "seed", "total", "rendered", "crit", "terms"] {
        assert!(v.get(k).is_some(), "{k}");
    }
    let back: dnd_core::dice::Roll = serde_json::from_value(v).unwrap();
    assert_eq!(back, r);
    let schema = schemars::schema_for!(Stats);
    assert!(
        serde_json::to_string(&schema)
            .unwrap()
            .contains("distribution")
    );
}

fn term() -> impl Strategy<Value = String> {
    let dice = (
        1u32..=4,
        prop::sample::select(vec![2u32, 4, 6, 8, 20]),
        prop::sample::select(vec![
            "",
            "kh1",
            "kl1",
            "kh2",
            "pl1",
            "ph1",
            "ro1",
            "rr1",
            "mi2",
            "ma3",
            "k>2",
            "p<2",
            "ro<2kh1",
            "mi2ma5kl2",
            "k1",
            "e99",
        ]),
    )
        .prop_map(|(n, x, op)| format!("{n}d{x}{op}"));
    prop_oneof![
        3 => dice,
        1 => (0u32..10).prop_map(|n| n.to_string()),
        1 => (1u32..4, 1u32..4).prop_map(|(a, b)| format!("(1d{}, 1d{}, 2)kh{}", a + 1, b + 3, a.min(2))),
    ]
}

fn expression() -> impl Strategy<Value = String> {
    (
        term(),
        prop::collection::vec(
            (
                prop::sample::select(vec![" + ", " - ", " * ", " // ", " >= ", " == "]),
                term(),
            ),
            0..3,
        ),
        any::<bool>(),
    )
        .prop_map(|(first, rest, neg)| {
            let mut s = if neg { format!("-{first}") } else { first };
            for (op, t) in rest {
                // Keep `//` divisors non-zero constants.
                let t = if op == " // " {
                    format!("({}d1 + 1)", t.len() % 3 + 1)
                } else {
                    t
                };
                s.push_str(op);
                s.push_str(&t);
            }
            s
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn rolls_lie_within_exact_stats(expr in expression(), seed in any::<u64>()) {
        let s = match stats(&expr) {
            Ok(s) => s,
            Err(e) => {
                prop_assert_eq!(e.code(), "dice.intractable", "{}: {}", expr, e);
                return Ok(());
            }
        };
        let mass: f64 = s.distribution.iter().map(|o| o.probability).sum();
        prop_assert!((mass - 1.0).abs() < 1e-9, "{}: mass {}", expr, mass);
        let r = roll(&expr, seed).unwrap();
        prop_assert!(s.min <= r.total && r.total <= s.max, "{}: {} outside [{}, {}]", r.rendered, r.total, s.min, s.max);
        prop_assert!(s.probability(r.total) > 0.0, "{}: impossible total", r.rendered);
        prop_assert_eq!(roll(&expr, seed).unwrap(), r);
    }

    #[test]
    fn parsed_once_totals_equal_full_rolls(expr in expression(), seed in any::<u64>()) {
        let d = dnd_core::dice::Dice::parse(&expr).unwrap();
        let full = roll(&expr, seed);
        match (d.total_seeded(seed), full) {
            (Ok(t), Ok(r)) => prop_assert_eq!(t, r.total, "{}", r.rendered),
            (Err(a), Err(b)) => prop_assert_eq!(a, b),
            (a, b) => prop_assert!(false, "{}: total {:?} but roll {:?}", expr, a, b),
        }
        prop_assert_eq!(d.roll(seed), roll(&expr, seed));
    }

    #[test]
    fn random_strings_never_panic(text in "[0-9dDkhlpraoeim%()+*/<>=!,. \\[\\]-]{0,40}", seed in any::<u64>()) {
        let _ = roll(&text, seed);
        let _ = stats(&text);
    }

    #[test]
    fn arbitrary_unicode_never_panics(text in ".{0,60}") {
        let _ = roll(&text, 0);
        let _ = stats(&text);
    }
}
