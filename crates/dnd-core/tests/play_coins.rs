//! Money with SRD 5.2 numbers: paying with change, receiving, price parsing, conversion
//! (1 pp = 10 gp; 1 gp = 2 ep = 10 sp = 100 cp) and coin weight (50 coins to the pound).

mod play_helpers;
use play_helpers::*;

use dnd_core::Error;
use dnd_core::model::Coins;
use dnd_core::play::Event;
use dnd_core::play::coins::{Denomination, change_for, convert, make_payment, pay, receive};
use proptest::prelude::*;

#[test]
fn conversion_table() {
    let one = |d: Denomination| {
        let mut c = Coins::default();
        match d {
            Denomination::Cp => c.cp = 1,
            Denomination::Sp => c.sp = 1,
            Denomination::Ep => c.ep = 1,
            Denomination::Gp => c.gp = 1,
            Denomination::Pp => c.pp = 1,
        }
        c
    };
    use Denomination::*;
    // 1 pp = 10 gp = 20 ep = 100 sp = 1,000 cp; 1 gp = 2 ep = 10 sp = 100 cp; 1 ep = 5 sp; 1 sp = 10 cp.
    for (from, to, count) in [
        (Pp, Gp, 10),
        (Pp, Ep, 20),
        (Pp, Sp, 100),
        (Pp, Cp, 1000),
        (Gp, Ep, 2),
        (Gp, Sp, 10),
        (Gp, Cp, 100),
        (Ep, Sp, 5),
        (Ep, Cp, 50),
        (Sp, Cp, 10),
        (Gp, Gp, 1),
    ] {
        let c = convert(&one(from), to);
        assert_eq!(to.of(&c), count, "1 {} in {}", from.key(), to.key());
        assert_eq!(c.in_copper(), from.value_cp());
    }
    // Less than one coin of the target stays in smaller coins.
    assert_eq!(
        convert(
            &Coins {
                sp: 7,
                ..Coins::default()
            },
            Gp
        ),
        Coins {
            sp: 7,
            ..Coins::default()
        }
    );
    assert_eq!(
        convert(
            &Coins {
                cp: 1234,
                ..Coins::default()
            },
            Gp
        ),
        Coins {
            gp: 12,
            sp: 3,
            cp: 4,
            ..Coins::default()
        }
    );
    assert_eq!(
        change_for(1570),
        Coins {
            pp: 1,
            gp: 5,
            sp: 7,
            ..Coins::default()
        }
    );
}

#[test]
fn parsing_prices() {
    let c = |cp, sp, ep, gp, pp| Coins { cp, sp, ep, gp, pp };
    for (text, want) in [
        ("12gp 5sp", c(0, 5, 0, 12, 0)),
        ("1,500 gp", c(0, 0, 0, 1500, 0)),
        ("7cp", c(7, 0, 0, 0, 0)),
        ("3 GP + 4 sp", c(0, 4, 0, 3, 0)),
        ("2 gp, 5 sp", c(0, 5, 0, 2, 0)),
        ("1 pp 1 ep", c(0, 0, 1, 0, 1)),
        ("1gp 1gp", c(0, 0, 0, 2, 0)),
        ("0 gp", c(0, 0, 0, 0, 0)),
    ] {
        assert_eq!(Coins::parse(text).ok(), Some(want), "{text}");
    }
    for bad in [
        "",
        "  ",
        "12",
        "1.5gp",
        "5 zp",
        "-3gp",
        "gp",
        "1,50gp",
        "99999999999999999999 gp",
    ] {
        match Coins::parse(bad) {
            Err(Error::InvalidValue { path, .. }) => assert_eq!(path, "amount", "{bad}"),
            other => panic!("{bad:?}: expected InvalidValue, got {other:?}"),
        }
    }
    assert_eq!(c(0, 5, 0, 12, 0).to_string(), "12 gp 5 sp");
    assert_eq!(Coins::default().to_string(), "0 cp");
}

/// Coins as `[cp, sp, ep, gp, pp]`.
type Purse = [i64; 5];

/// Payments: (purse, cost in cp, spent, change, after).
#[rustfmt::skip]
const PAYMENTS: [(Purse, i64, Purse, Purse, Purse); 5] = [
    // 1 gp for 3 sp: 7 sp back.
    ([0, 0, 0, 1, 0], 30, [0, 0, 0, 1, 0], [0, 7, 0, 0, 0], [0, 7, 0, 0, 0]),
    // Exact coins, smallest first.
    ([5, 5, 0, 5, 0], 55, [5, 5, 0, 0, 0], [0, 0, 0, 0, 0], [0, 0, 0, 5, 0]),
    // Copper first, then break the smallest larger coin.
    ([5, 0, 0, 1, 1], 7, [5, 0, 0, 1, 0], [8, 9, 0, 0, 0], [8, 9, 0, 0, 1]),
    // Two electrum pay a gold piece.
    ([0, 0, 3, 0, 0], 100, [0, 0, 2, 0, 0], [0, 0, 0, 0, 0], [0, 0, 1, 0, 0]),
    // A platinum piece for 3 gp: 7 gp back.
    ([0, 0, 0, 0, 1], 300, [0, 0, 0, 0, 1], [0, 0, 0, 7, 0], [0, 0, 0, 7, 0]),
];

#[test]
fn paying_makes_change() {
    let c = |[cp, sp, ep, gp, pp]: Purse| Coins { cp, sp, ep, gp, pp };
    for (purse, cost, spent, change, after) in PAYMENTS {
        let purse = c(purse);
        let p = make_payment(&purse, cost).expect("enough");
        assert_eq!(
            (p.spent, p.change, p.after),
            (c(spent), c(change), c(after)),
            "{purse} paying {cost} cp"
        );
        assert_eq!(p.after.in_copper(), purse.in_copper() - cost);
    }
    assert_eq!(make_payment(&c([0, 9, 0, 0, 0]), 100), None);

    let ch = example("fighter-1");
    let o = ok(pay(rules(), &ch, c([0, 3, 0, 0, 0])));
    assert_eq!(o.character.inventory.currency, c([0, 7, 0, 3, 0]));
    assert_eq!(
        o.events,
        vec![Event::CoinsPaid {
            cost_cp: 30,
            remaining_cp: 370
        }]
    );
    assert!(o.summary.contains("change 7 sp"), "{}", o.summary);

    let before = ch.clone();
    match pay(rules(), &ch, gp(5)) {
        Err(e @ Error::Refused { .. }) => {
            assert_eq!(e.code(), "play.coins.insufficient");
            assert!(e.to_string().contains("needs 1 gp more"), "{e}");
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(before, ch);
}

#[test]
fn coins_weigh_fifty_to_the_pound() {
    let ch = example("fighter-1");
    let o = ok(receive(rules(), &ch, gp(50)));
    assert_eq!(o.character.inventory.currency.gp, 54);
    assert_eq!(o.events, vec![Event::CoinsReceived { amount_cp: 5000 }]);
    assert_lb(carried(&o.character), carried(&ch) + 1.0);
    // 25 sp and 25 cp are 50 coins too.
    let o = ok(receive(
        rules(),
        &ch,
        Coins {
            sp: 25,
            cp: 25,
            ..Coins::default()
        },
    ));
    assert_lb(carried(&o.character), carried(&ch) + 1.0);
    assert!(matches!(
        receive(rules(), &ch, gp(-1)),
        Err(Error::InvalidValue { .. })
    ));
}

fn purse() -> impl Strategy<Value = Coins> {
    (0i64..30, 0i64..30, 0i64..5, 0i64..30, 0i64..5).prop_map(|(cp, sp, ep, gp, pp)| Coins {
        cp,
        sp,
        ep,
        gp,
        pp,
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    /// A payment loses exactly the cost, never leaves a negative coin, and is refused only when
    /// the purse is worth less.
    #[test]
    fn payments_keep_value(p in purse(), cost in 0i64..8000) {
        match make_payment(&p, cost) {
            Some(pay) => {
                prop_assert_eq!(pay.after.in_copper(), p.in_copper() - cost);
                for d in Denomination::ALL {
                    prop_assert!(d.of(&pay.after) >= 0);
                    prop_assert!(d.of(&pay.spent) <= d.of(&p));
                }
                prop_assert_eq!(pay.spent.in_copper() - pay.change.in_copper(), cost);
            }
            None => prop_assert!(p.in_copper() < cost),
        }
    }

    /// Any text parses or is refused as an invalid value; rendered amounts read back the same.
    #[test]
    fn parsing_never_panics(text in "\\PC{0,24}", p in purse()) {
        match Coins::parse(&text) {
            Ok(c) => prop_assert!(c.in_copper() >= 0),
            Err(e) => prop_assert_eq!(e.code(), "invalid_input.value"),
        }
        prop_assert_eq!(Coins::parse(&p.to_string()).ok(), Some(p));
    }
}
