//! Exact distributions: convolution for sums, multiset enumeration for keep/drop.
//!
//! Subtrees roll independent dice, so a binary operator combines two distributions pairwise.
//! For a dice term the per-die distribution is computed first (`rr`, `ro`, `mi`, `ma` with
//! value selectors transform it exactly), then either the N-fold convolution (no keep/drop)
//! or an enumeration of every multiset of N values, weighted by its multinomial probability,
//! with `k`/`p` applied by the same code the roller uses.
//!
//! Refused with `dice.intractable`: explosions and `ra` that can fire (unbounded depth; the
//! roller is bounded only by the dice limit), `rr`/`ro`/`ra`/`e` with `h`/`l` selectors or
//! after a `k`/`p`, `rr` matching every face, and anything over the work budgets below.

use super::{BinOp, DiceError, MAX_DICE, Node, OpKind, Outcome, Selector, SetOp, Stats, keep_drop};

/// Most distinct values one distribution may hold.
const MAX_SUPPORT: usize = 100_000;
/// Most elementary steps (pairs combined, dice placed in enumerated multisets) per call.
const MAX_WORK: u64 = 20_000_000;
/// Most elementary steps for keep/drop enumeration (each step is costlier).
const MAX_ENUM: f64 = 2_000_000.0;

/// (value, probability), ascending by value, values distinct.
type Dist = Vec<(f64, f64)>;

pub(super) fn stats_node(node: &Node) -> Result<Stats, DiceError> {
    let mut ctx = Ctx { work: 0 };
    let dist = ctx.dist(node)?;
    let min = dist.first().map_or(0.0, |d| d.0);
    let max = dist.last().map_or(0.0, |d| d.0);
    let mean = dist.iter().map(|(v, p)| v * p).sum::<f64>() + 0.0;
    Ok(Stats {
        min,
        max,
        mean,
        distribution: dist
            .into_iter()
            .map(|(value, probability)| Outcome { value, probability })
            .collect(),
    })
}

fn intractable(reason: impl Into<String>) -> DiceError {
    DiceError::Intractable {
        reason: reason.into(),
    }
}

/// Sort by value and merge equal values.
fn normalise(mut pairs: Vec<(f64, f64)>) -> Result<Dist, DiceError> {
    pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out: Dist = Vec::with_capacity(pairs.len());
    for (v, p) in pairs {
        let v = v + 0.0;
        match out.last_mut() {
            Some(last) if last.0 == v => last.1 += p,
            _ => out.push((v, p)),
        }
    }
    if out.len() > MAX_SUPPORT {
        return Err(intractable(format!(
            "more than {MAX_SUPPORT} distinct totals"
        )));
    }
    Ok(out)
}

struct Ctx {
    work: u64,
}

impl Ctx {
    fn spend(&mut self, n: u64) -> Result<(), DiceError> {
        self.work = self.work.saturating_add(n);
        if self.work > MAX_WORK {
            return Err(intractable("too many outcomes to enumerate"));
        }
        Ok(())
    }

    fn dist(&mut self, node: &Node) -> Result<Dist, DiceError> {
        match node {
            Node::Num(v, _) => Ok(vec![(*v + 0.0, 1.0)]),
            Node::Paren(x) | Node::Annotated(x, _) | Node::Unary(false, x) => self.dist(x),
            Node::Unary(true, x) => {
                let d = self.dist(x)?;
                normalise(d.into_iter().map(|(v, p)| (-v, p)).collect())
            }
            Node::Binary(op, a, b) => {
                let da = self.dist(a)?;
                let db = self.dist(b)?;
                if *op == BinOp::Add {
                    self.add(&da, &db)
                } else {
                    self.combine(&da, &db, |x, y| op.apply(x, y))
                }
            }
            Node::Dice {
                count, sides, ops, ..
            } => self.dice(*count as usize, *sides, ops),
            Node::Set { items, ops } => {
                let dists = items
                    .iter()
                    .map(|i| self.dist(i))
                    .collect::<Result<Vec<_>, _>>()?;
                if ops.is_empty() {
                    let mut acc = vec![(0.0, 1.0)];
                    for d in &dists {
                        acc = self.add(&acc, d)?;
                    }
                    Ok(acc)
                } else {
                    self.enumerate_set(&dists, ops)
                }
            }
        }
    }

    /// Sum of two independent distributions: a dense convolution when both are integer-valued
    /// over a small range, else pairwise.
    fn add(&mut self, a: &Dist, b: &Dist) -> Result<Dist, DiceError> {
        let int = |d: &Dist| d.iter().all(|&(v, _)| v.fract() == 0.0 && v.abs() < 1e12);
        let (Some(a0), Some(b0)) = (a.first(), b.first()) else {
            return self.combine(a, b, |x, y| Ok(x + y));
        };
        let span = |d: &Dist, lo: f64| d.last().map_or(0.0, |l| l.0 - lo);
        let width = span(a, a0.0) + span(b, b0.0) + 1.0;
        if !(int(a) && int(b)) || width > (2 * MAX_SUPPORT) as f64 {
            return self.combine(a, b, |x, y| Ok(x + y));
        }
        self.spend((a.len() as u64).saturating_mul(b.len() as u64))?;
        // Track reachability apart from probability: tiny probabilities may underflow to 0.
        let mut dense = vec![(false, 0.0); width as usize];
        for &(x, px) in a {
            for &(y, py) in b {
                let cell = &mut dense[((x - a0.0) + (y - b0.0)) as usize];
                *cell = (true, cell.1 + px * py);
            }
        }
        let lo = a0.0 + b0.0;
        normalise(
            dense
                .into_iter()
                .enumerate()
                .filter(|&(_, (hit, _))| hit)
                .map(|(i, (_, p))| (lo + i as f64, p))
                .collect(),
        )
    }

    fn combine(
        &mut self,
        a: &Dist,
        b: &Dist,
        f: impl Fn(f64, f64) -> Result<f64, DiceError>,
    ) -> Result<Dist, DiceError> {
        self.spend((a.len() as u64).saturating_mul(b.len() as u64))?;
        let mut pairs = Vec::with_capacity(a.len() * b.len());
        for &(x, px) in a {
            for &(y, py) in b {
                pairs.push((f(x, y)?, px * py));
            }
        }
        normalise(pairs)
    }

    fn dice(&mut self, count: usize, sides: u32, ops: &[SetOp]) -> Result<Dist, DiceError> {
        if count > MAX_DICE {
            return Err(DiceError::TooManyDice { limit: MAX_DICE });
        }
        if sides as usize > MAX_SUPPORT {
            return Err(intractable(format!(
                "a die with more than {MAX_SUPPORT} sides"
            )));
        }
        let s = f64::from(sides);
        let faces = || (1..=i64::from(sides)).map(|f| f as f64);
        let mut die: Dist = faces().map(|f| (f, 1.0 / s)).collect();
        let mut keep_ops: Vec<&SetOp> = Vec::new();
        for op in ops {
            if matches!(op.kind, OpKind::Keep | OpKind::Drop) {
                keep_ops.push(op);
                continue;
            }
            if !keep_ops.is_empty() {
                return Err(intractable(format!("`{op:?}` after a keep/drop operator")));
            }
            if op
                .selectors
                .iter()
                .any(|s| matches!(s, Selector::Highest(_) | Selector::Lowest(_)))
            {
                return Err(intractable("reroll or explode with an `h`/`l` selector"));
            }
            let hit = |v: f64| {
                op.selectors.iter().any(|s| match *s {
                    Selector::Greater(n) => v > n as f64,
                    Selector::Less(n) => v < n as f64,
                    Selector::Literal(n) => v == n as f64,
                    _ => false,
                })
            };
            self.spend(die.len() as u64 * u64::from(sides))?;
            let mut next: Vec<(f64, f64)> = Vec::new();
            match op.kind {
                OpKind::RerollOnce => {
                    for &(v, p) in &die {
                        if hit(v) {
                            next.extend(faces().map(|f| (f, p / s)));
                        } else {
                            next.push((v, p));
                        }
                    }
                }
                OpKind::RerollUntil => {
                    let ok: Vec<f64> = faces().filter(|&f| !hit(f)).collect();
                    if ok.is_empty() && die.iter().any(|&(v, _)| hit(v)) {
                        return Err(intractable("`rr` matches every face"));
                    }
                    let n = ok.len() as f64;
                    for &(v, p) in &die {
                        if hit(v) {
                            next.extend(ok.iter().map(|&f| (f, p / n)));
                        } else {
                            next.push((v, p));
                        }
                    }
                }
                OpKind::RerollAdd | OpKind::Explode => {
                    if die.iter().any(|&(v, _)| hit(v)) {
                        return Err(intractable(
                            "`e`/`ra` that can fire (unbounded or pool-dependent)",
                        ));
                    }
                    next = die.clone();
                }
                OpKind::Min => {
                    next = die
                        .iter()
                        .map(|&(v, p)| (v.max(op.value as f64), p))
                        .collect()
                }
                OpKind::Max => {
                    next = die
                        .iter()
                        .map(|&(v, p)| (v.min(op.value as f64), p))
                        .collect()
                }
                OpKind::Keep | OpKind::Drop => {}
            }
            die = normalise(next)?;
        }
        if keep_ops.is_empty() {
            let mut acc = vec![(0.0, 1.0)];
            for _ in 0..count {
                acc = self.add(&acc, &die)?;
            }
            return Ok(acc);
        }
        self.enumerate_multisets(count, &die, &keep_ops)
    }

    /// Every multiset of `n` values of `die` (as a non-decreasing index sequence), with its
    /// multinomial probability; `k`/`p` applied to the sorted values.
    fn enumerate_multisets(
        &mut self,
        n: usize,
        die: &Dist,
        ops: &[&SetOp],
    ) -> Result<Dist, DiceError> {
        let m = die.len();
        // C(n + m - 1, n) in f64, to refuse before enumerating.
        let mut count = 1.0f64;
        for i in 1..=n {
            count = count * (m - 1 + i) as f64 / i as f64;
        }
        if count * (n.max(1) as f64) > MAX_ENUM {
            return Err(intractable(format!("{count:.0} multisets of {n} dice")));
        }
        self.spend((count * n.max(1) as f64) as u64)?;
        let ln_fact: Vec<f64> = std::iter::once(0.0)
            .chain((1..=n).scan(0.0, |acc, k| {
                *acc += (k as f64).ln();
                Some(*acc)
            }))
            .collect();
        let ln_p: Vec<f64> = die.iter().map(|&(_, p)| p.ln()).collect();
        let mut idx = vec![0usize; n];
        let mut pairs = Vec::new();
        let mut values = vec![0.0; n];
        loop {
            // Probability: n! / prod(c_j!) * prod(p_j^c_j), in log space.
            let mut lp = ln_fact[n];
            let mut run = 0usize;
            for i in 0..n {
                values[i] = die[idx[i]].0;
                lp += ln_p[idx[i]];
                run += 1;
                if i + 1 == n || idx[i + 1] != idx[i] {
                    lp -= ln_fact[run];
                    run = 0;
                }
            }
            let mut kept = vec![true; n];
            for op in ops {
                keep_drop(&values, &mut kept, op);
            }
            let total: f64 = (0..n).filter(|&i| kept[i]).map(|i| values[i]).sum();
            pairs.push((total, lp.exp()));
            // Next non-decreasing sequence.
            let Some(i) = (0..n).rev().find(|&i| idx[i] + 1 < m) else {
                break;
            };
            let v = idx[i] + 1;
            idx[i..].iter_mut().for_each(|x| *x = v);
        }
        normalise(pairs)
    }

    /// Every combination of the elements' values (they are independent), `k`/`p` applied.
    fn enumerate_set(&mut self, dists: &[Dist], ops: &[SetOp]) -> Result<Dist, DiceError> {
        let n = dists.len();
        let total = dists.iter().fold(1.0f64, |acc, d| acc * d.len() as f64);
        if total * (n.max(1) as f64) > MAX_ENUM {
            return Err(intractable(format!(
                "{total:.0} combinations of set elements"
            )));
        }
        self.spend((total * n.max(1) as f64) as u64)?;
        let mut idx = vec![0usize; n];
        let mut pairs = Vec::new();
        loop {
            let values: Vec<f64> = (0..n).map(|i| dists[i][idx[i]].0).collect();
            let p: f64 = (0..n).map(|i| dists[i][idx[i]].1).product();
            let mut kept = vec![true; n];
            for op in ops {
                keep_drop(&values, &mut kept, op);
            }
            let sum: f64 = (0..n).filter(|&i| kept[i]).map(|i| values[i]).sum();
            pairs.push((sum, p));
            let Some(i) = (0..n).rev().find(|&i| idx[i] + 1 < dists[i].len()) else {
                break;
            };
            idx[i] += 1;
            idx[i + 1..].iter_mut().for_each(|x| *x = 0);
        }
        normalise(pairs)
    }
}
