//! Dice engine: d20-style notation, seeded replayable rolls and exact statistics.
//!
//! ```
//! use dnd_core::dice::{roll, stats};
//! let r = roll("4d6kh3", 7).unwrap();
//! assert_eq!(r, roll("4d6kh3", 7).unwrap()); // same seed, same roll
//! assert!((3.0..=18.0).contains(&r.total));
//! let s = stats("2d20kh1").unwrap();
//! assert!((s.mean - 13.825).abs() < 1e-9);
//! ```
//!
//! # Grammar
//!
//! ```text
//! expr       := additive (("==" | "!=" | "<=" | ">=" | "<" | ">") additive)*
//! additive   := multiplicative (("+" | "-") multiplicative)*
//! multiplic. := unary (("*" | "//" | "/" | "%") unary)*
//! unary      := ("-" | "+") unary | term
//! term       := atom annotation*
//! atom       := number | dice ops | "(" ")" ops | "(" expr ("," expr)* [","] ")" ops
//! dice       := [int] ("d" | "D") (int | "%")
//! ops        := ( ("k" | "p" | "rr" | "ro" | "ra" | "e") selector | ("mi" | "ma") int )*
//! selector   := "h" int | "l" int | ">" int | "<" int | int
//! annotation := "[" any text but "]" "]"
//! ```
//!
//! `rr`, `ro`, `ra`, `e`, `mi`, `ma` apply to dice only; `k` and `p` to dice and sets.
//! Consecutive uses of the same operator union their selectors (`4d6kh1kl1` keeps the highest
//! and the lowest die). A parenthesised expression followed by `k`/`p` is a one-element set.
//!
//! # Limits
//!
//! [`MAX_EXPR_LEN`] characters, [`MAX_DEPTH`] levels of nesting, [`MAX_DICE`] dice per roll
//! (rerolls and explosions included), [`MAX_SIDES`] faces per die. Breaking one is a
//! [`DiceError`], never a hang or a panic.

mod eval;
mod parse;
mod stats;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thiserror::Error;

pub use parse::{BinOp, Node, parse};

/// Longest accepted expression, in characters.
pub const MAX_EXPR_LEN: usize = 1_000;
/// Deepest accepted nesting of parentheses and unary signs.
pub const MAX_DEPTH: usize = 32;
/// Most dice rolled for one expression, counting rerolls and explosions.
pub const MAX_DICE: usize = 1_000;
/// Most faces on one die.
pub const MAX_SIDES: u32 = 1_000_000;

/// Everything that can go wrong with a dice expression. Each variant has a stable [`DiceError::code`].
#[derive(Debug, Error, Clone, PartialEq)]
#[non_exhaustive]
pub enum DiceError {
    /// The text is not a dice expression.
    #[error("syntax error at character {position}: {message}")]
    Syntax { position: usize, message: String },
    /// More than [`MAX_DICE`] dice would be rolled.
    #[error("too many dice: at most {limit} dice per roll, rerolls and explosions included")]
    TooManyDice { limit: usize },
    /// A `/`, `//` or `%` by zero.
    #[error("division by zero")]
    DivisionByZero,
    /// The expression is too long or nested too deeply.
    #[error("expression too complex: {reason}")]
    TooComplex { reason: String },
    /// A die with no faces or more than [`MAX_SIDES`].
    #[error("invalid die: {reason}")]
    InvalidDie { reason: String },
    /// Exact statistics cannot be computed within the engine's budget.
    #[error("statistics intractable: {reason}")]
    Intractable { reason: String },
}

impl DiceError {
    /// Every code [`DiceError::code`] can return, with its meaning (for generated docs).
    pub const CODES: &'static [(&'static str, &'static str)] = &[
        ("dice.syntax", "the text is not a dice expression"),
        (
            "dice.too_many_dice",
            "more than 1,000 dice in one roll, rerolls and explosions included",
        ),
        ("dice.division_by_zero", "`/`, `//` or `%` by zero"),
        (
            "dice.too_complex",
            "expression longer than 1,000 characters or nested deeper than 32",
        ),
        (
            "dice.invalid_die",
            "a die with no faces or more than 1,000,000",
        ),
        (
            "dice.intractable",
            "exact statistics cannot be computed within the budget",
        ),
    ];

    /// Stable machine-readable code, e.g. `dice.syntax`.
    pub fn code(&self) -> &'static str {
        match self {
            DiceError::Syntax { .. } => "dice.syntax",
            DiceError::TooManyDice { .. } => "dice.too_many_dice",
            DiceError::DivisionByZero => "dice.division_by_zero",
            DiceError::TooComplex { .. } => "dice.too_complex",
            DiceError::InvalidDie { .. } => "dice.invalid_die",
            DiceError::Intractable { .. } => "dice.intractable",
        }
    }
}

/// Roll the leftmost plain `1d20` twice and keep one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Advantage {
    /// Roll as written.
    #[default]
    None,
    /// `1d20` becomes `2d20kh1`.
    Advantage,
    /// `1d20` becomes `2d20kl1`.
    Disadvantage,
}

/// Options for [`roll_with`] and [`stats_with`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct RollOptions {
    /// Advantage or disadvantage on the leftmost `1d20` (only if it is a plain `1d20`).
    #[serde(default)]
    pub advantage: Advantage,
}

/// Natural 20 / natural 1 of the leftmost d20.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Crit {
    /// No d20, or neither a 20 nor a 1.
    #[default]
    None,
    /// The leftmost d20 term kept exactly one die and it rolled a natural 20.
    Natural20,
    /// The leftmost d20 term kept exactly one die and it rolled a natural 1.
    Natural1,
}

/// One die as rolled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Die {
    /// Number of faces.
    pub sides: u32,
    /// Value after `mi`/`ma`.
    pub value: i64,
    /// The natural value as rolled.
    pub raw: i64,
    /// Counts toward the total.
    pub kept: bool,
    /// Was rerolled (`rr`/`ro`: then it is also dropped; `ra`: it stays kept).
    pub rerolled: bool,
    /// Caused an explosion (`e`).
    pub exploded: bool,
    /// Came from a reroll or an explosion rather than the initial roll.
    pub added: bool,
}

/// One `NdX` term of an expression, with every die it rolled.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DiceTerm {
    /// Normalised notation of the term, e.g. `4d6kh3`.
    pub notation: String,
    /// Number of faces.
    pub sides: u32,
    /// Every die, in display order.
    pub dice: Vec<Die>,
    /// Sum of the kept dice.
    pub total: i64,
}

/// The result of [`roll`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Roll {
    /// Normalised expression (after advantage is applied).
    pub expression: String,
    /// Seed the roll was made with.
    pub seed: u64,
    /// Total; `//` floors, `/` is true division, comparisons give 1 or 0.
    pub total: f64,
    /// Compact rendering, e.g. `4d6kh3 (5, 3, 6, ~~1~~) = 14`.
    pub rendered: String,
    /// Natural 20 / natural 1 of the leftmost d20.
    pub crit: Crit,
    /// Every dice term in left-to-right order.
    pub terms: Vec<DiceTerm>,
}

/// One value of a distribution.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Outcome {
    /// The total.
    pub value: f64,
    /// Its exact probability (as f64).
    pub probability: f64,
}

/// Exact statistics of an expression, from [`stats`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Stats {
    /// Smallest possible total.
    pub min: f64,
    /// Largest possible total.
    pub max: f64,
    /// Expected total.
    pub mean: f64,
    /// Every possible total with its probability, ascending by value. A reachable total whose
    /// probability underflows f64 (e.g. all ones on `1000d6`) is listed with probability 0.
    pub distribution: Vec<Outcome>,
}

impl Stats {
    /// Probability of exactly `value` (0 if impossible).
    pub fn probability(&self, value: f64) -> f64 {
        self.distribution
            .iter()
            .find(|o| o.value == value)
            .map_or(0.0, |o| o.probability)
    }
}

/// Which dice (or set elements) an operator applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Selector {
    /// `hN`: the N highest.
    Highest(u32),
    /// `lN`: the N lowest.
    Lowest(u32),
    /// `>N`
    Greater(i64),
    /// `<N`
    Less(i64),
    /// `N`: exactly this value.
    Literal(i64),
}

/// A set or dice operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpKind {
    /// `k`
    Keep,
    /// `p`
    Drop,
    /// `rr`
    RerollUntil,
    /// `ro`
    RerollOnce,
    /// `ra`
    RerollAdd,
    /// `e`
    Explode,
    /// `mi`
    Min,
    /// `ma`
    Max,
}

/// Operator spellings, in the order they are tried.
pub(crate) const OP_KINDS: [(&str, OpKind); 8] = [
    ("k", OpKind::Keep),
    ("p", OpKind::Drop),
    ("rr", OpKind::RerollUntil),
    ("ro", OpKind::RerollOnce),
    ("ra", OpKind::RerollAdd),
    ("e", OpKind::Explode),
    ("mi", OpKind::Min),
    ("ma", OpKind::Max),
];

impl OpKind {
    pub(crate) fn symbol(self) -> &'static str {
        OP_KINDS.iter().find(|t| t.1 == self).map_or("?", |t| t.0)
    }
}

/// An operator with its selectors (`mi`/`ma` use `value` instead).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetOp {
    pub kind: OpKind,
    pub selectors: Vec<Selector>,
    pub value: i64,
}

/// Roll `expr` with a ChaCha8 generator seeded from `seed`.
///
/// Each die is drawn by rejection sampling on `ChaCha8Rng::seed_from_u64(seed).next_u64()`
/// (no `rand` distribution code), so the same expression and seed give the same [`Roll`] on
/// every platform and across `rand` releases. Terms are rolled left to right.
pub fn roll(expr: &str, seed: u64) -> Result<Roll, DiceError> {
    roll_with(expr, seed, RollOptions::default())
}

/// [`roll`] with options (advantage / disadvantage).
pub fn roll_with(expr: &str, seed: u64, options: RollOptions) -> Result<Roll, DiceError> {
    let node = apply_options(parse(expr)?, options);
    eval::roll_node(&node, seed)
}

/// A dice expression parsed once, to roll many times (the fast path for bots and simulations).
///
/// ```
/// use dnd_core::dice::{Dice, DiceRng, roll};
/// let d = Dice::parse("4d6kh3").unwrap();
/// assert_eq!(d.roll(9).unwrap(), roll("4d6kh3", 9).unwrap());
/// assert_eq!(d.total_seeded(9).unwrap(), roll("4d6kh3", 9).unwrap().total);
/// let mut rng = DiceRng::new(1);
/// let totals: Vec<f64> = (0..3).map(|_| d.total(&mut rng).unwrap()).collect();
/// assert!(totals.iter().all(|t| (3.0..=18.0).contains(t)));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Dice {
    node: Node,
}

/// A seeded dice generator for [`Dice::total`]: one stream for many rolls.
#[derive(Debug, Clone)]
pub struct DiceRng(rand_chacha::ChaCha8Rng);

impl DiceRng {
    /// A generator from a seed (ChaCha8, portable).
    pub fn new(seed: u64) -> DiceRng {
        use rand_chacha::rand_core::SeedableRng;
        DiceRng(rand_chacha::ChaCha8Rng::seed_from_u64(seed))
    }
}

impl Dice {
    /// Parses an expression.
    pub fn parse(expr: &str) -> Result<Dice, DiceError> {
        Dice::parse_with(expr, RollOptions::default())
    }

    /// Parses an expression with options (advantage / disadvantage).
    pub fn parse_with(expr: &str, options: RollOptions) -> Result<Dice, DiceError> {
        Ok(Dice {
            node: apply_options(parse(expr)?, options),
        })
    }

    /// The full roll for a seed, as [`roll`] gives it.
    pub fn roll(&self, seed: u64) -> Result<Roll, DiceError> {
        eval::roll_node(&self.node, seed)
    }

    /// The total [`Dice::roll`] would give for this seed, without recording the dice.
    pub fn total_seeded(&self, seed: u64) -> Result<f64, DiceError> {
        self.total(&mut DiceRng::new(seed))
    }

    /// The next total from a running generator.
    pub fn total(&self, rng: &mut DiceRng) -> Result<f64, DiceError> {
        eval::total_node(&self.node, &mut rng.0)
    }

    /// Exact statistics, as [`stats`] gives them.
    pub fn stats(&self) -> Result<Stats, DiceError> {
        stats::stats_node(&self.node)
    }
}

/// Exact statistics of `expr` (probabilities as f64).
///
/// Sums are convolved; `k`/`p` on dice enumerate every multiset of the pool (up to 2,000,000
/// die placements), on sets every combination of the elements. `rr`, `ro`, `mi`, `ma` before
/// any `k`/`p` are exact per-die transforms. Refused with `dice.intractable`: `e` and `ra`
/// whose selector can match (explosion depth is unbounded in theory, bounded only by the
/// dice limit in a roll), `h`/`l` selectors on `rr`/`ro`/`ra`/`e`, those operators after a
/// `k`/`p`, `rr` that matches every face, more than 100,000 distinct totals, and more than
/// 20,000,000 combined pairs. A `/`, `//` or `%` whose divisor can be 0 is
/// `dice.division_by_zero`.
pub fn stats(expr: &str) -> Result<Stats, DiceError> {
    stats_with(expr, RollOptions::default())
}

/// [`stats`] with options (advantage / disadvantage).
pub fn stats_with(expr: &str, options: RollOptions) -> Result<Stats, DiceError> {
    let node = apply_options(parse(expr)?, options);
    stats::stats_node(&node)
}

fn apply_options(mut node: Node, options: RollOptions) -> Node {
    let kept = match options.advantage {
        Advantage::None => return node,
        Advantage::Advantage => Selector::Highest(1),
        Advantage::Disadvantage => Selector::Lowest(1),
    };
    if let Some(Node::Dice { count, ops, .. }) = node.leftmost_d20_mut()
        && *count == 1
        && ops.is_empty()
    {
        *count = 2;
        ops.push(SetOp {
            kind: OpKind::Keep,
            selectors: vec![kept],
            value: 0,
        });
    }
    node
}

/// Which of `values` the selectors match, among those still `kept` (union of selectors).
pub(crate) fn selected(values: &[f64], kept: &[bool], selectors: &[Selector]) -> Vec<bool> {
    let mut out = vec![false; values.len()];
    let live: Vec<usize> = (0..values.len()).filter(|&i| kept[i]).collect();
    for sel in selectors {
        match *sel {
            Selector::Highest(n) | Selector::Lowest(n) => {
                let mut order = live.clone();
                // Stable sort: among equal values the leftmost is chosen first.
                if matches!(sel, Selector::Highest(_)) {
                    order.sort_by(|&a, &b| values[b].total_cmp(&values[a]));
                } else {
                    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
                }
                for &i in order.iter().take(n as usize) {
                    out[i] = true;
                }
            }
            Selector::Greater(n) => live.iter().for_each(|&i| out[i] |= values[i] > n as f64),
            Selector::Less(n) => live.iter().for_each(|&i| out[i] |= values[i] < n as f64),
            Selector::Literal(n) => live.iter().for_each(|&i| out[i] |= values[i] == n as f64),
        }
    }
    out
}

/// Apply a `k` or `p` operation to `kept`. Other operators are ignored.
pub(crate) fn keep_drop(values: &[f64], kept: &mut [bool], op: &SetOp) {
    let sel = selected(values, kept, &op.selectors);
    for (k, s) in kept.iter_mut().zip(sel) {
        match op.kind {
            OpKind::Keep => *k &= s,
            OpKind::Drop => *k &= !s,
            _ => {}
        }
    }
}

/// Render a number: integers without a fraction, others with Rust's shortest form.
pub(crate) fn fmt_num(v: f64) -> String {
    if v.is_finite() && v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}
