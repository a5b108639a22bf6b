//! World effects: deterministic changes that themes and events make to factions and locations.
//!
//! An effect targets one faction or location, has an impact scale, starts on an in-game day
//! and lasts `duration_days` (none: until removed). It is **active** on day `d` when
//! `start_day <= d < start_day + duration_days`. An active effect applies when its conditions
//! hold; then its changes apply in order: a numeric change **adds** its value times the scale
//! factor (minor 1, moderate 2, major 3, severe 4), any other value (text, flag) or a change with
//! `set: true` **sets** the attribute; then each conditional change applies its changes when its
//! own conditions hold. Effects apply in order of start day, then id; conditions are read on
//! the state as it stands when the effect is reached. The standard attributes (faction:
//! `influence`, `stability`, `territory`, `resources`; location: `danger`, `resources`,
//! `unrest`, `trade`) stay within 0..=100; an absent numeric attribute counts as 0.
//!
//! The current state is the base plus the active effects, explained line by line
//! ([`State::lines`]), with every effect that did not apply and why ([`State::skipped`]).

use std::collections::BTreeMap;
use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::model::{Campaign, check_id};
use crate::error::{Error, Result};
use crate::play::refuse;

/// An attribute value: a number, a flag or a word.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Value {
    Number(i64),
    Flag(bool),
    Text(String),
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Number(n) => write!(f, "{n}"),
            Value::Flag(b) => write!(f, "{b}"),
            Value::Text(s) => write!(f, "{s}"),
        }
    }
}

/// What an effect changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Target {
    Faction(String),
    Location(String),
}

impl Target {
    /// Parses `faction:ID` or `location:ID`.
    pub fn parse(s: &str) -> Result<Target> {
        match s.split_once(':') {
            Some(("faction", id)) => Ok(Target::Faction(id.into())),
            Some(("location", id)) => Ok(Target::Location(id.into())),
            _ => Err(Error::InvalidValue {
                path: "target".into(),
                reason: format!("`{s}` is not `faction:ID` or `location:ID`"),
            }),
        }
    }

    fn standard(&self) -> &'static [&'static str] {
        match self {
            Target::Faction(_) => &["influence", "stability", "territory", "resources"],
            Target::Location(_) => &["danger", "resources", "unrest", "trade"],
        }
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Faction(id) => write!(f, "faction:{id}"),
            Target::Location(id) => write!(f, "location:{id}"),
        }
    }
}

/// How strongly an effect acts: numeric changes are multiplied by its factor.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ImpactScale {
    #[default]
    Minor,
    Moderate,
    Major,
    Severe,
}

impl ImpactScale {
    /// 1, 2, 3 or 4.
    pub fn factor(self) -> i64 {
        match self {
            ImpactScale::Minor => 1,
            ImpactScale::Moderate => 2,
            ImpactScale::Major => 3,
            ImpactScale::Severe => 4,
        }
    }
}

/// A comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

/// A condition on an attribute of the target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Condition {
    pub attribute: String,
    pub op: Op,
    pub value: Value,
}

impl Condition {
    fn holds(&self, state: &BTreeMap<String, Value>) -> bool {
        let zero = Value::Number(0);
        let have = state.get(&self.attribute).unwrap_or(match self.value {
            Value::Number(_) => &zero,
            _ => &Value::Flag(false),
        });
        let ord = match (have, &self.value) {
            (Value::Number(a), Value::Number(b)) => a.cmp(b),
            (Value::Text(a), Value::Text(b)) => a.cmp(b),
            (Value::Flag(a), Value::Flag(b)) => a.cmp(b),
            _ => return self.op == Op::Ne,
        };
        use std::cmp::Ordering::*;
        match self.op {
            Op::Eq => ord == Equal,
            Op::Ne => ord != Equal,
            Op::Lt => ord == Less,
            Op::Le => ord != Greater,
            Op::Gt => ord == Greater,
            Op::Ge => ord != Less,
        }
    }
}

impl fmt::Display for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let op = match self.op {
            Op::Eq => "==",
            Op::Ne => "!=",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
        };
        write!(f, "{} {op} {}", self.attribute, self.value)
    }
}

/// One change: a number adds (times the scale) unless `set`; anything else sets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Change {
    pub attribute: String,
    pub value: Value,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub set: bool,
}

/// Changes that apply only when their conditions hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct ConditionalChange {
    pub when: Vec<Condition>,
    pub changes: Vec<Change>,
}

/// What caused an effect.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Source {
    /// A campaign theme.
    Theme(String),
    /// A session decision or campaign event.
    Event(String),
    #[default]
    Manual,
}

/// A world effect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct WorldEffect {
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub source: Source,
    pub target: Target,
    #[serde(default)]
    pub scale: ImpactScale,
    /// The in-game day it starts.
    #[serde(default)]
    pub start_day: u32,
    /// How many days it lasts; none: until removed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_days: Option<u32>,
    /// What the target must be like for the effect to apply.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<Condition>,
    #[serde(default)]
    pub changes: Vec<Change>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditional: Vec<ConditionalChange>,
}

impl WorldEffect {
    /// Whether it is within its duration on `day`.
    pub fn active_on(&self, day: u32) -> bool {
        day >= self.start_day
            && self
                .duration_days
                .is_none_or(|d| u64::from(day) < u64::from(self.start_day) + u64::from(d))
    }
}

/// One applied change, for the explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Line {
    pub effect: String,
    pub attribute: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<Value>,
    pub after: Value,
    /// `+6 (2 × major)`, `set to true`, `+5 (clamped to 100)`.
    pub how: String,
}

/// An effect on the target that did not apply, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Skipped {
    pub effect: String,
    /// `not started (starts on day 5)`, `expired on day 12`, `condition unmet: stability >= 40 (is 30)`.
    pub reason: String,
}

/// The state of a faction or location on a day: base, result and the lines between.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct State {
    pub target: Target,
    pub day: u32,
    pub base: BTreeMap<String, Value>,
    pub current: BTreeMap<String, Value>,
    pub lines: Vec<Line>,
    pub skipped: Vec<Skipped>,
}

impl State {
    /// Line by line, for a person.
    pub fn render(&self) -> String {
        let mut s = format!("{} on day {}\n", self.target, self.day);
        for (k, v) in &self.current {
            let base = self.base.get(k).map_or("none".into(), Value::to_string);
            s.push_str(&format!("  {k} {v} = base {base}"));
            for l in self.lines.iter().filter(|l| &l.attribute == k) {
                s.push_str(&format!("; {} {}", l.how, l.effect));
            }
            s.push('\n');
        }
        for x in &self.skipped {
            s.push_str(&format!("  not applied: {} ({})\n", x.effect, x.reason));
        }
        s
    }
}

/// Adds an effect (a new id, an existing target).
pub fn add_effect(c: &mut Campaign, e: WorldEffect) -> Result<()> {
    check_id("/effects/-/id", &e.id)?;
    if c.effects.iter().any(|x| x.id == e.id) {
        return Err(refuse(
            "campaign.effect.duplicate",
            format!("an effect `{}` exists already", e.id),
            Some("/effects/-/id".into()),
            vec!["choose another id".into()],
        ));
    }
    base_of(c, &e.target)?;
    c.effects.push(e);
    Ok(())
}

fn base_of(c: &Campaign, t: &Target) -> Result<BTreeMap<String, Value>> {
    let found = match t {
        Target::Faction(id) => c
            .factions
            .iter()
            .find(|f| &f.id == id)
            .map(|f| f.attributes.clone()),
        Target::Location(id) => c
            .locations
            .iter()
            .find(|l| &l.id == id)
            .map(|l| l.attributes.clone()),
    };
    found.ok_or_else(|| Error::NotFound {
        kind: "campaign entry",
        id: t.to_string(),
    })
}

/// The state of `target` on `day` (default: the campaign calendar's today).
pub fn state(c: &Campaign, target: &Target, day: Option<u32>) -> Result<State> {
    let day = day.unwrap_or(c.calendar.day);
    let base = base_of(c, target)?;
    let mut cur = base.clone();
    let mut lines = Vec::new();
    let mut skipped = Vec::new();
    let mut effects: Vec<&WorldEffect> = c.effects.iter().filter(|e| &e.target == target).collect();
    effects.sort_by(|a, b| (a.start_day, &a.id).cmp(&(b.start_day, &b.id)));
    let standard = target.standard();
    for e in effects {
        if day < e.start_day {
            skipped.push(skip(
                e,
                format!("not started (starts on day {})", e.start_day),
            ));
            continue;
        }
        if !e.active_on(day) {
            let end = u64::from(e.start_day) + u64::from(e.duration_days.unwrap_or(0));
            skipped.push(skip(e, format!("expired on day {end}")));
            continue;
        }
        if let Some(unmet) = e.conditions.iter().find(|x| !x.holds(&cur)) {
            let is = cur
                .get(&unmet.attribute)
                .map_or("absent".into(), Value::to_string);
            skipped.push(skip(e, format!("condition unmet: {unmet} (is {is})")));
            continue;
        }
        for ch in &e.changes {
            apply(e, ch, standard, &mut cur, &mut lines);
        }
        for cc in &e.conditional {
            if cc.when.iter().all(|x| x.holds(&cur)) {
                for ch in &cc.changes {
                    apply(e, ch, standard, &mut cur, &mut lines);
                }
            }
        }
    }
    Ok(State {
        target: target.clone(),
        day,
        base,
        current: cur,
        lines,
        skipped,
    })
}

fn skip(e: &WorldEffect, reason: String) -> Skipped {
    Skipped {
        effect: e.id.clone(),
        reason,
    }
}

fn apply(
    e: &WorldEffect,
    ch: &Change,
    standard: &[&str],
    cur: &mut BTreeMap<String, Value>,
    lines: &mut Vec<Line>,
) {
    let before = cur.get(&ch.attribute).cloned();
    let (after, how) = match (&ch.value, ch.set) {
        (Value::Number(n), false) => {
            let start = match &before {
                Some(Value::Number(b)) => *b,
                _ => 0,
            };
            let delta = n.saturating_mul(e.scale.factor());
            let raw = start.saturating_add(delta);
            let mut how = format!("{delta:+} ({n:+} × {:?})", e.scale).to_lowercase();
            let v = if standard.contains(&ch.attribute.as_str()) {
                let c = raw.clamp(0, 100);
                if c != raw {
                    how.push_str(&format!(", clamped to {c}"));
                }
                c
            } else {
                raw
            };
            (Value::Number(v), how)
        }
        (v, _) => (v.clone(), format!("set to {v}")),
    };
    cur.insert(ch.attribute.clone(), after.clone());
    lines.push(Line {
        effect: e.id.clone(),
        attribute: ch.attribute.clone(),
        before,
        after,
        how,
    });
}
