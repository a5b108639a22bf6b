//! Rolling: evaluate a [`Node`] with a seeded ChaCha8 generator.

use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{RngCore, SeedableRng};

use std::fmt;

use super::{
    BinOp, Crit, DiceError, DiceTerm, Die, MAX_DICE, Node, OpKind, Roll, Selector, SetOp, fmt_num,
    keep_drop, selected,
};

/// Roll a parsed expression.
pub(super) fn roll_node(node: &Node, seed: u64) -> Result<Roll, DiceError> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut ev = Evaluator {
        rng: &mut rng,
        rolled: 0,
        terms: Vec::new(),
    };
    let (total, rendered) = ev.eval(node)?;
    let crit = ev
        .terms
        .iter()
        .find(|t| t.sides == 20)
        .and_then(|t| {
            let mut kept = t.dice.iter().filter(|d| d.kept);
            match (kept.next(), kept.next()) {
                (Some(d), None) if d.raw == 20 => Some(Crit::Natural20),
                (Some(d), None) if d.raw == 1 => Some(Crit::Natural1),
                _ => None,
            }
        })
        .unwrap_or_default();
    Ok(Roll {
        expression: node.to_string(),
        seed,
        total,
        rendered: format!("{rendered} = {}", fmt_num(total)),
        crit,
        terms: ev.terms,
    })
}

impl BinOp {
    /// Apply to two numbers. Division by zero is an error.
    pub(crate) fn apply(self, a: f64, b: f64) -> Result<f64, DiceError> {
        let bool_num = |c: bool| if c { 1.0 } else { 0.0 };
        if matches!(self, BinOp::Div | BinOp::FloorDiv | BinOp::Mod) && b == 0.0 {
            return Err(DiceError::DivisionByZero);
        }
        Ok(match self {
            BinOp::Add => a + b,
            BinOp::Sub => a - b,
            BinOp::Mul => a * b,
            BinOp::Div => a / b,
            BinOp::FloorDiv => (a / b).floor(),
            // Python's modulo: the result has the sign of the divisor.
            BinOp::Mod => a - b * (a / b).floor(),
            BinOp::Eq => bool_num(a == b),
            BinOp::Ne => bool_num(a != b),
            BinOp::Lt => bool_num(a < b),
            BinOp::Gt => bool_num(a > b),
            BinOp::Le => bool_num(a <= b),
            BinOp::Ge => bool_num(a >= b),
        } + 0.0) // normalise -0.0
    }
}

/// The total of a parsed expression, drawing from `rng`: the same dice in the same order as
/// [`roll_node`], without recording or rendering them.
pub(super) fn total_node(node: &Node, rng: &mut ChaCha8Rng) -> Result<f64, DiceError> {
    Evaluator {
        rng,
        rolled: 0,
        terms: Vec::new(),
    }
    .total(node)
}

struct Evaluator<'r> {
    rng: &'r mut ChaCha8Rng,
    rolled: usize,
    terms: Vec<DiceTerm>,
}

impl Evaluator<'_> {
    /// Like [`Evaluator::eval`], the total alone.
    fn total(&mut self, node: &Node) -> Result<f64, DiceError> {
        Ok(match node {
            Node::Num(v, _) => *v,
            Node::Dice {
                sides, count, ops, ..
            } if ops.is_empty() => {
                let mut sum = 0i64;
                for _ in 0..*count {
                    sum += self.die(*sides)?.value;
                }
                sum as f64
            }
            Node::Dice {
                sides, count, ops, ..
            } => {
                let dice = self.pool(*sides, *count, ops)?;
                dice.iter().filter(|d| d.kept).map(|d| d.value).sum::<i64>() as f64
            }
            Node::Set { items, ops } => {
                let values = items
                    .iter()
                    .map(|i| self.total(i))
                    .collect::<Result<Vec<f64>, _>>()?;
                let mut kept = vec![true; values.len()];
                for op in ops {
                    keep_drop(&values, &mut kept, op);
                }
                (0..values.len())
                    .filter(|&i| kept[i])
                    .map(|i| values[i])
                    .sum::<f64>()
                    + 0.0
            }
            Node::Paren(x) | Node::Annotated(x, _) => self.total(x)?,
            Node::Unary(neg, x) => {
                let v = self.total(x)?;
                if *neg { -v + 0.0 } else { v }
            }
            Node::Binary(op, a, b) => {
                let x = self.total(a)?;
                let y = self.total(b)?;
                op.apply(x, y)?
            }
        })
    }

    /// One fair die, unbiased by rejection sampling on the raw 64-bit stream (independent of
    /// `rand`'s distribution code, so stable across versions and platforms).
    fn die(&mut self, sides: u32) -> Result<Die, DiceError> {
        self.rolled += 1;
        if self.rolled > MAX_DICE {
            return Err(DiceError::TooManyDice { limit: MAX_DICE });
        }
        let s = u64::from(sides);
        let threshold = s.wrapping_neg() % s; // 2^64 mod s
        let value = loop {
            let x = self.rng.next_u64();
            if x >= threshold {
                break (x % s) as i64 + 1;
            }
        };
        Ok(Die {
            sides,
            value,
            raw: value,
            kept: true,
            rerolled: false,
            exploded: false,
            added: false,
        })
    }

    fn added(&mut self, sides: u32) -> Result<Die, DiceError> {
        let mut d = self.die(sides)?;
        d.added = true;
        Ok(d)
    }

    /// Rolls `count` dice and applies the operators in order.
    fn pool(&mut self, sides: u32, count: u32, ops: &[SetOp]) -> Result<Vec<Die>, DiceError> {
        let mut dice = Vec::with_capacity(count as usize);
        for _ in 0..count {
            dice.push(self.die(sides)?);
        }
        for op in ops {
            self.dice_op(&mut dice, sides, op)?;
        }
        Ok(dice)
    }

    fn eval(&mut self, node: &Node) -> Result<(f64, String), DiceError> {
        Ok(match node {
            Node::Num(v, text) => (*v, text.clone()),
            Node::Dice {
                sides, count, ops, ..
            } => {
                let dice = self.pool(*sides, *count, ops)?;
                let total: i64 = dice.iter().filter(|d| d.kept).map(|d| d.value).sum();
                let shown: Vec<String> = dice.iter().map(render_die).collect();
                let notation = node.to_string();
                let rendered = format!("{notation} ({})", shown.join(", "));
                self.terms.push(DiceTerm {
                    notation,
                    sides: *sides,
                    dice,
                    total,
                });
                (total as f64, rendered)
            }
            Node::Set { items, ops } => {
                let mut values = Vec::with_capacity(items.len());
                let mut shown = Vec::with_capacity(items.len());
                for item in items {
                    let (v, s) = self.eval(item)?;
                    values.push(v);
                    shown.push(s);
                }
                let mut kept = vec![true; values.len()];
                for op in ops {
                    keep_drop(&values, &mut kept, op);
                }
                let total = (0..values.len())
                    .filter(|&i| kept[i])
                    .map(|i| values[i])
                    .sum::<f64>()
                    + 0.0;
                let mut rendered = String::from("(");
                for (i, s) in shown.iter().enumerate() {
                    if i > 0 {
                        rendered.push_str(", ");
                    }
                    if kept[i] {
                        rendered.push_str(s);
                    } else {
                        rendered.push_str(&format!("~~{s}~~"));
                    }
                }
                if items.len() == 1 {
                    rendered.push(',');
                }
                rendered.push(')');
                rendered.push_str(&OpsDisplay(ops).to_string());
                (total, rendered)
            }
            Node::Paren(x) => {
                let (v, s) = self.eval(x)?;
                (v, format!("({s})"))
            }
            Node::Unary(neg, x) => {
                let (v, s) = self.eval(x)?;
                if *neg {
                    (-v + 0.0, format!("-{s}"))
                } else {
                    (v, format!("+{s}"))
                }
            }
            Node::Binary(op, a, b) => {
                let (x, sa) = self.eval(a)?;
                let (y, sb) = self.eval(b)?;
                (op.apply(x, y)?, format!("{sa} {op} {sb}"))
            }
            Node::Annotated(x, notes) => {
                let (v, mut s) = self.eval(x)?;
                for n in notes {
                    s.push_str(&format!(" [{n}]"));
                }
                (v, s)
            }
        })
    }

    fn dice_op(&mut self, dice: &mut Vec<Die>, sides: u32, op: &SetOp) -> Result<(), DiceError> {
        let matched = |dice: &[Die]| {
            let values: Vec<f64> = dice.iter().map(|d| d.value as f64).collect();
            let kept: Vec<bool> = dice.iter().map(|d| d.kept).collect();
            selected(&values, &kept, &op.selectors)
        };
        match op.kind {
            OpKind::Keep | OpKind::Drop => {
                let values: Vec<f64> = dice.iter().map(|d| d.value as f64).collect();
                let mut kept: Vec<bool> = dice.iter().map(|d| d.kept).collect();
                keep_drop(&values, &mut kept, op);
                dice.iter_mut().zip(kept).for_each(|(d, k)| d.kept = k);
            }
            OpKind::RerollUntil | OpKind::RerollOnce => loop {
                let sel = matched(dice);
                if !sel.iter().any(|&s| s) {
                    break;
                }
                let mut next = Vec::with_capacity(dice.len() + 1);
                for (mut d, s) in std::mem::take(dice).into_iter().zip(sel) {
                    if s {
                        d.kept = false;
                        d.rerolled = true;
                        next.push(d);
                        next.push(self.added(sides)?);
                    } else {
                        next.push(d);
                    }
                }
                *dice = next;
                if op.kind == OpKind::RerollOnce {
                    break;
                }
            },
            OpKind::RerollAdd => {
                if let Some(i) = matched(dice).iter().position(|&s| s) {
                    dice[i].rerolled = true;
                    let d = self.added(sides)?;
                    dice.insert(i + 1, d);
                }
            }
            OpKind::Explode => loop {
                let sel = matched(dice);
                let fire: Vec<usize> = (0..dice.len())
                    .filter(|&i| sel[i] && !dice[i].exploded)
                    .collect();
                if fire.is_empty() {
                    break;
                }
                for i in fire {
                    dice[i].exploded = true;
                    let d = self.added(sides)?;
                    dice.push(d);
                }
            },
            OpKind::Min => dice
                .iter_mut()
                .for_each(|d| d.value = d.value.max(op.value)),
            OpKind::Max => dice
                .iter_mut()
                .for_each(|d| d.value = d.value.min(op.value)),
        }
        Ok(())
    }
}

fn render_die(d: &Die) -> String {
    let mut s = d.value.to_string();
    if d.exploded {
        s.push('!');
    }
    if d.kept { s } else { format!("~~{s}~~") }
}

struct OpsDisplay<'a>(&'a [SetOp]);

impl std::fmt::Display for OpsDisplay<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        fmt_ops(f, self.0)
    }
}

fn fmt_ops(f: &mut fmt::Formatter<'_>, ops: &[SetOp]) -> fmt::Result {
    for op in ops {
        if matches!(op.kind, OpKind::Min | OpKind::Max) {
            write!(f, "{}{}", op.kind.symbol(), op.value)?;
            continue;
        }
        for sel in &op.selectors {
            f.write_str(op.kind.symbol())?;
            match sel {
                Selector::Highest(n) => write!(f, "h{n}")?,
                Selector::Lowest(n) => write!(f, "l{n}")?,
                Selector::Greater(n) => write!(f, ">{n}")?,
                Selector::Less(n) => write!(f, "<{n}")?,
                Selector::Literal(n) => write!(f, "{n}")?,
            }
        }
    }
    Ok(())
}

impl fmt::Display for Node {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Node::Num(_, text) => f.write_str(text),
            Node::Dice {
                count,
                sides,
                percent,
                ops,
            } => {
                if *percent {
                    write!(f, "{count}d%")?;
                } else {
                    write!(f, "{count}d{sides}")?;
                }
                fmt_ops(f, ops)
            }
            Node::Set { items, ops } => {
                f.write_str("(")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{item}")?;
                }
                if items.len() == 1 {
                    f.write_str(",")?;
                }
                f.write_str(")")?;
                fmt_ops(f, ops)
            }
            Node::Paren(x) => write!(f, "({x})"),
            Node::Unary(neg, x) => write!(f, "{}{x}", if *neg { "-" } else { "+" }),
            Node::Binary(op, a, b) => write!(f, "{a} {} {b}", op.symbol()),
            Node::Annotated(x, notes) => {
                write!(f, "{x}")?;
                notes.iter().try_for_each(|n| write!(f, " [{n}]"))
            }
        }
    }
}

impl fmt::Display for BinOp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.symbol())
    }
}
