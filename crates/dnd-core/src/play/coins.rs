//! Money: paying with change, receiving, reading prices (`12gp 5sp`, `1,500 gp`) and converting
//! between the five SRD coins (1 pp = 10 gp; 1 gp = 2 ep = 10 sp = 100 cp).
//!
//! Coin weight needs nothing here: the derived sheet counts 50 coins to the pound.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Event, Outcome, finish, refuse};
use crate::error::{Error, Result};
use crate::model::{Character, Coins};
use crate::rules::Rules;

/// One of the five coins.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Denomination {
    /// Copper piece.
    Cp,
    /// Silver piece (10 cp).
    Sp,
    /// Electrum piece (50 cp).
    Ep,
    /// Gold piece (100 cp).
    Gp,
    /// Platinum piece (1,000 cp).
    Pp,
}

impl Denomination {
    /// Smallest first.
    pub const ALL: [Denomination; 5] = [Self::Cp, Self::Sp, Self::Ep, Self::Gp, Self::Pp];

    /// Worth in copper pieces.
    pub fn value_cp(self) -> i64 {
        match self {
            Self::Cp => 1,
            Self::Sp => 10,
            Self::Ep => 50,
            Self::Gp => 100,
            Self::Pp => 1000,
        }
    }

    /// The abbreviation (`gp`).
    pub fn key(self) -> &'static str {
        match self {
            Self::Cp => "cp",
            Self::Sp => "sp",
            Self::Ep => "ep",
            Self::Gp => "gp",
            Self::Pp => "pp",
        }
    }

    /// Reads an abbreviation, any case.
    pub fn parse(s: &str) -> Option<Denomination> {
        Self::ALL
            .into_iter()
            .find(|d| d.key().eq_ignore_ascii_case(s))
    }

    /// How many of these coins a purse holds.
    pub fn of(self, c: &Coins) -> i64 {
        match self {
            Self::Cp => c.cp,
            Self::Sp => c.sp,
            Self::Ep => c.ep,
            Self::Gp => c.gp,
            Self::Pp => c.pp,
        }
    }

    fn slot(self, c: &mut Coins) -> &mut i64 {
        match self {
            Self::Cp => &mut c.cp,
            Self::Sp => &mut c.sp,
            Self::Ep => &mut c.ep,
            Self::Gp => &mut c.gp,
            Self::Pp => &mut c.pp,
        }
    }
}

/// Coins worth `cp` copper in the fewest coins of platinum, gold, silver and copper (change is
/// never given in electrum, the one coin merchants rarely hold).
pub fn change_for(cp: i64) -> Coins {
    let mut left = cp.max(0);
    let mut out = Coins::default();
    for d in [
        Denomination::Pp,
        Denomination::Gp,
        Denomination::Sp,
        Denomination::Cp,
    ] {
        *d.slot(&mut out) = left / d.value_cp();
        left %= d.value_cp();
    }
    out
}

/// The worth of `coins` exchanged into `to`: as many `to` coins as the value buys, the rest as
/// [`change_for`] in smaller coins. `convert(1 pp, Gp)` is 10 gp; `convert(7 sp, Gp)` is 7 sp.
pub fn convert(coins: &Coins, to: Denomination) -> Coins {
    let total = coins.in_copper().max(0);
    let mut out = change_for(total % to.value_cp());
    *to.slot(&mut out) = total / to.value_cp();
    out
}

impl fmt::Display for Coins {
    /// Largest coin first, zero coins left out: `12 gp 5 sp`; an empty purse is `0 cp`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = Denomination::ALL
            .iter()
            .rev()
            .filter(|d| d.of(self) != 0)
            .map(|d| format!("{} {}", d.of(self), d.key()))
            .collect();
        if parts.is_empty() {
            f.write_str("0 cp")
        } else {
            f.write_str(&parts.join(" "))
        }
    }
}

fn invalid(reason: impl Into<String>) -> Error {
    Error::InvalidValue {
        path: "amount".into(),
        reason: reason.into(),
    }
}

impl Coins {
    /// Reads an amount: whole numbers each followed by a coin (`12gp 5sp`, `1,500 gp`, `7cp`,
    /// `3 gp + 4 sp`, `2 gp, 5 sp`). Thousands may be grouped with commas. The same coin may
    /// appear more than once and adds up. Errors are [`Error::InvalidValue`] at path `amount`.
    pub fn parse(text: &str) -> Result<Coins> {
        let mut out = Coins::default();
        let mut rest = text.trim();
        if rest.is_empty() {
            return Err(invalid("an empty amount; write it like `12gp 5sp`"));
        }
        let mut seen = false;
        loop {
            rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ',' || c == '+');
            if rest.is_empty() {
                break;
            }
            let (n, after) = number(rest)?;
            let after = after.trim_start();
            let end = after
                .find(|c: char| !c.is_ascii_alphabetic())
                .unwrap_or(after.len());
            let (word, tail) = after.split_at(end);
            let d = Denomination::parse(word).ok_or_else(|| {
                if word.is_empty() {
                    invalid(format!("`{n}` has no coin; add cp, sp, ep, gp or pp"))
                } else {
                    invalid(format!("`{word}` is not a coin; use cp, sp, ep, gp or pp"))
                }
            })?;
            let slot = d.slot(&mut out);
            *slot = slot
                .checked_add(n)
                .ok_or_else(|| invalid("the amount is too large"))?;
            seen = true;
            rest = tail;
        }
        if !seen {
            return Err(invalid(format!("`{text}` names no coins")));
        }
        if out.in_copper() == i64::MAX {
            return Err(invalid("the amount is too large"));
        }
        Ok(out)
    }
}

/// A whole number at the start of `s` (commas allowed between groups of three digits).
fn number(s: &str) -> Result<(i64, &str)> {
    let bytes = s.as_bytes();
    let mut digits = String::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_digit() {
            digits.push(b as char);
            i += 1;
        } else if b == b','
            && !digits.is_empty()
            && bytes.len() >= i + 4
            && bytes[i + 1..i + 4].iter().all(u8::is_ascii_digit)
            && bytes.get(i + 4).is_none_or(|c| !c.is_ascii_digit())
        {
            i += 1;
        } else {
            break;
        }
    }
    if digits.is_empty() {
        let shown: String = s.chars().take(12).collect();
        return Err(invalid(format!(
            "expected a whole number of coins at `{shown}`"
        )));
    }
    if bytes.get(i) == Some(&b'.') {
        return Err(invalid("coins are whole; write `1gp 5sp`, not `1.5gp`"));
    }
    let n = digits
        .parse::<i64>()
        .map_err(|_| invalid("the amount is too large"))?;
    Ok((n, &s[i..]))
}

/// How a purse pays an amount.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Payment {
    /// Coins handed over.
    pub spent: Coins,
    /// Coins given back.
    pub change: Coins,
    /// The purse afterwards.
    pub after: Coins,
}

/// Pays `cost_cp` copper from `purse`, deterministically:
///
/// 1. spend coins smallest first (copper, silver, electrum, gold, platinum), of each as many as
///    fit without going over what is still owed;
/// 2. if something is still owed, hand over one coin of the smallest kind left (it is worth more
///    than what is owed, or step 1 would have spent it) and take the difference back as
///    [`change_for`] (the largest coins below electrum).
///
/// `None` when the purse is worth less than the cost.
pub fn make_payment(purse: &Coins, cost_cp: i64) -> Option<Payment> {
    if cost_cp < 0 || purse.in_copper() < cost_cp {
        return None;
    }
    let mut spent = Coins::default();
    let mut owed = cost_cp;
    for d in Denomination::ALL {
        let n = d.of(purse).max(0).min(owed / d.value_cp());
        *d.slot(&mut spent) = n;
        owed -= n * d.value_cp();
    }
    let mut change = Coins::default();
    if owed > 0 {
        let d = Denomination::ALL
            .into_iter()
            .find(|d| d.of(purse) - d.of(&spent) > 0)?;
        *d.slot(&mut spent) += 1;
        change = change_for(d.value_cp() - owed);
    }
    let mut after = *purse;
    for d in Denomination::ALL {
        *d.slot(&mut after) = d.of(purse) - d.of(&spent) + d.of(&change);
    }
    Some(Payment {
        spent,
        change,
        after,
    })
}

fn non_negative(amount: &Coins) -> Result<()> {
    match Denomination::ALL.into_iter().find(|d| d.of(amount) < 0) {
        Some(d) => Err(Error::InvalidValue {
            path: format!("amount/{}", d.key()),
            reason: format!("{} {}: an amount cannot be negative", d.of(amount), d.key()),
        }),
        None => Ok(()),
    }
}

/// Pays `amount` from the character's purse, making change by [`make_payment`]. Refused with
/// `play.coins.insufficient` (saying how much is missing) when the purse is worth less.
pub fn pay(rules: &Rules, ch: &Character, amount: Coins) -> Result<Outcome> {
    non_negative(&amount)?;
    let purse = ch.inventory.currency;
    let cost = amount.in_copper();
    let Some(p) = make_payment(&purse, cost) else {
        let short = Coins {
            cp: cost.saturating_sub(purse.in_copper().max(0)),
            ..Coins::default()
        };
        let missing = convert(&short, Denomination::Gp);
        return Err(refuse(
            "play.coins.insufficient",
            format!("paying {amount} needs {missing} more; the purse holds {purse}"),
            Some("/inventory/currency".into()),
            vec![format!("receive {missing} first")],
        ));
    };
    let mut new = ch.clone();
    new.inventory.currency = p.after;
    let change = if p.change == Coins::default() {
        String::new()
    } else {
        format!(", change {}", p.change)
    };
    let summary = format!(
        "Paid {amount} with {}{change}; purse now {}",
        p.spent, p.after
    );
    let events = vec![Event::CoinsPaid {
        cost_cp: cost,
        remaining_cp: p.after.in_copper(),
    }];
    finish(rules, ch, new, summary, events)
}

/// Adds `amount` to the character's purse, coin for coin.
pub fn receive(rules: &Rules, ch: &Character, amount: Coins) -> Result<Outcome> {
    non_negative(&amount)?;
    let mut new = ch.clone();
    for d in Denomination::ALL {
        let slot = d.slot(&mut new.inventory.currency);
        *slot = slot
            .checked_add(d.of(&amount))
            .ok_or_else(|| Error::InvalidValue {
                path: format!("amount/{}", d.key()),
                reason: "the purse would hold too many coins".into(),
            })?;
    }
    let summary = format!("Received {amount}; purse now {}", new.inventory.currency);
    let events = vec![Event::CoinsReceived {
        amount_cp: amount.in_copper(),
    }];
    finish(rules, ch, new, summary, events)
}
