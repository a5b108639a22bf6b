//! Parser for dice notation: text to [`Node`].

use super::{
    DiceError, MAX_DEPTH, MAX_DICE, MAX_EXPR_LEN, MAX_SIDES, OP_KINDS, OpKind, Selector, SetOp,
};

/// A binary operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    FloorDiv,
    Mod,
    Eq,
    Ne,
    Lt,
    Gt,
    Le,
    Ge,
}

/// Binary operators with their precedence level, longest spelling first within a level.
const BIN_OPS: [(&str, BinOp, u8); 12] = [
    ("==", BinOp::Eq, 0),
    ("!=", BinOp::Ne, 0),
    ("<=", BinOp::Le, 0),
    (">=", BinOp::Ge, 0),
    ("<", BinOp::Lt, 0),
    (">", BinOp::Gt, 0),
    ("+", BinOp::Add, 1),
    ("-", BinOp::Sub, 1),
    ("*", BinOp::Mul, 2),
    ("//", BinOp::FloorDiv, 2),
    ("/", BinOp::Div, 2),
    ("%", BinOp::Mod, 2),
];

impl BinOp {
    pub(crate) fn symbol(self) -> &'static str {
        BIN_OPS.iter().find(|t| t.1 == self).map_or("?", |t| t.0)
    }
}

/// A parsed expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// A literal number, with its text.
    Num(f64, String),
    /// `NdX` with operators. `percent` for `d%`.
    Dice {
        count: u32,
        sides: u32,
        percent: bool,
        ops: Vec<SetOp>,
    },
    /// `(a, b, …)` with operators.
    Set { items: Vec<Node>, ops: Vec<SetOp> },
    /// `(expr)`.
    Paren(Box<Node>),
    /// Unary `-` (true) or `+` (false).
    Unary(bool, Box<Node>),
    /// `a op b`.
    Binary(BinOp, Box<Node>, Box<Node>),
    /// A term followed by `[annotations]`.
    Annotated(Box<Node>, Vec<String>),
}

impl Node {
    /// The leftmost dice term with 20 sides, in left-to-right order.
    pub(crate) fn leftmost_d20_mut(&mut self) -> Option<&mut Node> {
        match self {
            Node::Dice { sides: 20, .. } => Some(self),
            Node::Num(..) | Node::Dice { .. } => None,
            Node::Set { items, .. } => items.iter_mut().find_map(Node::leftmost_d20_mut),
            Node::Paren(x) | Node::Unary(_, x) | Node::Annotated(x, _) => x.leftmost_d20_mut(),
            Node::Binary(_, a, b) => match a.leftmost_d20_mut() {
                Some(n) => Some(n),
                None => b.leftmost_d20_mut(),
            },
        }
    }

    fn static_dice(&self) -> usize {
        match self {
            Node::Num(..) => 0,
            Node::Dice { count, .. } => *count as usize,
            Node::Set { items, .. } => items.iter().map(Node::static_dice).sum(),
            Node::Paren(x) | Node::Unary(_, x) | Node::Annotated(x, _) => x.static_dice(),
            Node::Binary(_, a, b) => a.static_dice() + b.static_dice(),
        }
    }
}

/// Parse a dice expression, checking the length, depth and static dice limits.
pub fn parse(text: &str) -> Result<Node, DiceError> {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() > MAX_EXPR_LEN {
        return Err(DiceError::TooComplex {
            reason: format!("expression longer than {MAX_EXPR_LEN} characters"),
        });
    }
    let mut p = Parser {
        chars,
        pos: 0,
        depth: 0,
    };
    let node = p.expr()?;
    p.ws();
    if p.pos < p.chars.len() {
        return Err(p.err(format!("unexpected `{}`", p.chars[p.pos])));
    }
    if node.static_dice() > MAX_DICE {
        return Err(DiceError::TooManyDice { limit: MAX_DICE });
    }
    Ok(node)
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
    depth: usize,
}

impl Parser {
    fn err(&self, message: impl Into<String>) -> DiceError {
        DiceError::Syntax {
            position: self.pos,
            message: message.into(),
        }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn peek_at(&self, k: usize) -> Option<char> {
        self.chars.get(self.pos + k).copied()
    }

    fn ws(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.pos += 1;
        }
    }

    fn eat(&mut self, s: &str) -> bool {
        let n = s.chars().count();
        if s.chars()
            .enumerate()
            .all(|(i, c)| self.peek_at(i) == Some(c))
        {
            self.pos += n;
            true
        } else {
            false
        }
    }

    fn expr(&mut self) -> Result<Node, DiceError> {
        self.binary(0)
    }

    /// Left-associative binary operators of precedence `level` and above.
    fn binary(&mut self, level: u8) -> Result<Node, DiceError> {
        if level > 2 {
            return self.unary();
        }
        let mut left = self.binary(level + 1)?;
        loop {
            self.ws();
            let Some(&(_, op, _)) = BIN_OPS.iter().find(|t| t.2 == level && self.eat(t.0)) else {
                return Ok(left);
            };
            let right = self.binary(level + 1)?;
            left = Node::Binary(op, Box::new(left), Box::new(right));
        }
    }

    fn enter(&mut self) -> Result<(), DiceError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(DiceError::TooComplex {
                reason: format!("nested deeper than {MAX_DEPTH} levels"),
            });
        }
        Ok(())
    }

    fn unary(&mut self) -> Result<Node, DiceError> {
        self.ws();
        let sign = match self.peek() {
            Some('-') => true,
            Some('+') => false,
            _ => return self.term(),
        };
        self.pos += 1;
        self.enter()?;
        let inner = self.unary()?;
        self.depth -= 1;
        Ok(Node::Unary(sign, Box::new(inner)))
    }

    fn term(&mut self) -> Result<Node, DiceError> {
        let atom = self.atom()?;
        let mut notes = Vec::new();
        loop {
            let save = self.pos;
            self.ws();
            if self.peek() != Some('[') {
                self.pos = save;
                break;
            }
            self.pos += 1;
            let start = self.pos;
            while self.peek().is_some_and(|c| c != ']') {
                self.pos += 1;
            }
            if self.peek().is_none() {
                return Err(self.err("unterminated annotation"));
            }
            notes.push(self.chars[start..self.pos].iter().collect());
            self.pos += 1;
        }
        Ok(if notes.is_empty() {
            atom
        } else {
            Node::Annotated(Box::new(atom), notes)
        })
    }

    fn atom(&mut self) -> Result<Node, DiceError> {
        self.ws();
        match self.peek() {
            Some('(') => {
                self.pos += 1;
                self.enter()?;
                let mut items = Vec::new();
                let mut comma = false;
                self.ws();
                if !self.eat(")") {
                    loop {
                        items.push(self.expr()?);
                        self.ws();
                        if self.eat(")") {
                            break;
                        }
                        if !self.eat(",") {
                            return Err(self.err("expected `,` or `)`"));
                        }
                        comma = true;
                        self.ws();
                        if self.eat(")") {
                            break;
                        }
                    }
                }
                self.depth -= 1;
                let ops = self.ops(false)?;
                if items.len() == 1 && !comma && ops.is_empty() {
                    let only = items.pop().ok_or_else(|| self.err("empty group"))?;
                    return Ok(Node::Paren(Box::new(only)));
                }
                Ok(Node::Set { items, ops })
            }
            Some('d' | 'D') => self.dice(1),
            Some(c) if c.is_ascii_digit() || c == '.' => {
                let start = self.pos;
                let text = self.number()?;
                if matches!(self.peek(), Some('d' | 'D')) {
                    let count = text.parse::<u64>().map_err(|_| DiceError::Syntax {
                        position: start,
                        message: "dice count must be a whole number".into(),
                    })?;
                    if count > MAX_DICE as u64 {
                        return Err(DiceError::TooManyDice { limit: MAX_DICE });
                    }
                    return self.dice(count as u32);
                }
                let value: f64 = text.parse().map_err(|_| self.err("bad number"))?;
                if !value.is_finite() {
                    return Err(self.err("number too large"));
                }
                Ok(Node::Num(value, text))
            }
            Some(c) => Err(self.err(format!("unexpected `{c}`"))),
            None => Err(self.err("unexpected end of expression")),
        }
    }

    fn number(&mut self) -> Result<String, DiceError> {
        let start = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.pos += 1;
        }
        if self.peek() == Some('.') {
            self.pos += 1;
            let frac = self.pos;
            while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                self.pos += 1;
            }
            if frac == self.pos {
                return Err(self.err("expected digits after `.`"));
            }
        }
        Ok(self.chars[start..self.pos].iter().collect())
    }

    fn int(&mut self) -> Result<i64, DiceError> {
        let start = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.pos += 1;
        }
        if start == self.pos {
            return Err(self.err("expected a whole number"));
        }
        let text: String = self.chars[start..self.pos].iter().collect();
        text.parse().map_err(|_| DiceError::Syntax {
            position: start,
            message: "number too large".into(),
        })
    }

    fn dice(&mut self, count: u32) -> Result<Node, DiceError> {
        self.pos += 1; // the `d`
        let (sides, percent) = if self.eat("%") {
            (100, true)
        } else {
            let s = self.int()?;
            if s < 1 || s > i64::from(MAX_SIDES) {
                return Err(DiceError::InvalidDie {
                    reason: format!("a die needs 1..={MAX_SIDES} sides, not {s}"),
                });
            }
            (s as u32, false)
        };
        let ops = self.ops(true)?;
        Ok(Node::Dice {
            count,
            sides,
            percent,
            ops,
        })
    }

    fn ops(&mut self, dice: bool) -> Result<Vec<SetOp>, DiceError> {
        let mut ops: Vec<SetOp> = Vec::new();
        loop {
            let start = self.pos;
            let Some(&(_, kind)) = OP_KINDS.iter().find(|t| self.eat(t.0)) else {
                return Ok(ops);
            };
            if !dice && !matches!(kind, OpKind::Keep | OpKind::Drop) {
                return Err(DiceError::Syntax {
                    position: start,
                    message: format!("`{}` applies to dice, not sets", kind.symbol()),
                });
            }
            if matches!(kind, OpKind::Min | OpKind::Max) {
                let value = self.int()?;
                ops.push(SetOp {
                    kind,
                    selectors: Vec::new(),
                    value,
                });
                continue;
            }
            let sel = self.selector()?;
            match ops.last_mut() {
                Some(last) if last.kind == kind => last.selectors.push(sel),
                _ => ops.push(SetOp {
                    kind,
                    selectors: vec![sel],
                    value: 0,
                }),
            }
        }
    }

    fn selector(&mut self) -> Result<Selector, DiceError> {
        let small = |p: &mut Parser| -> Result<u32, DiceError> {
            let n = p.int()?;
            u32::try_from(n).map_err(|_| p.err("number too large"))
        };
        if self.eat("h") {
            Ok(Selector::Highest(small(self)?))
        } else if self.eat("l") {
            Ok(Selector::Lowest(small(self)?))
        } else if self.eat(">") {
            Ok(Selector::Greater(self.int()?))
        } else if self.eat("<") {
            Ok(Selector::Less(self.int()?))
        } else if self.peek().is_some_and(|c| c.is_ascii_digit()) {
            Ok(Selector::Literal(self.int()?))
        } else {
            Err(self.err("expected a selector (hN, lN, >N, <N or N)"))
        }
    }
}
