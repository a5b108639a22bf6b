//! The field rules of a three-way merge, for a field both sides changed differently (see
//! [`merge3`](super::merge3)).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::merge::{Merger, push_segment};
use crate::derive::derive;
use crate::model::Character;

/// How a field both sides changed is merged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    /// Current hit points: the lower.
    LowerHp,
    /// A number (absent = 0): the higher.
    Higher,
    /// Experience points: both gains.
    Sum,
    /// A set of values: union, removals kept.
    Union,
    /// Inventory items: by instance key.
    Keyed,
    /// An array of numbers: the higher, element by element.
    HigherEach,
    /// Objects key by key; anything else conflicts.
    Recurse,
}

fn child_of(path: &str, parent: &str) -> bool {
    path.strip_prefix(parent)
        .and_then(|rest| rest.strip_prefix('/'))
        .is_some_and(|rest| !rest.is_empty() && !rest.contains('/'))
}

fn is_item_quantity(path: &str) -> bool {
    path.strip_prefix("/inventory/items/")
        .and_then(|rest| rest.strip_suffix("/quantity"))
        .is_some_and(|key| !key.is_empty() && !key.contains('/'))
}

fn rule_for(path: &str) -> Rule {
    match path {
        "/state/hp" => Rule::LowerHp,
        "/state/temp_hp" | "/state/pact_slots_spent" => Rule::Higher,
        "/details/xp" => Rule::Sum,
        "/state/conditions" => Rule::Union,
        "/inventory/items" => Rule::Keyed,
        "/state/slots_spent" => Rule::HigherEach,
        p if child_of(p, "/state/slots_spent")
            || child_of(p, "/state/counters_spent")
            || child_of(p, "/state/hit_dice_spent")
            || is_item_quantity(p) =>
        {
            Rule::Higher
        }
        _ => Rule::Recurse,
    }
}

/// A number, absent counting as 0.
fn number(v: Option<&Value>) -> Option<i64> {
    match v {
        None | Some(Value::Null) => Some(0),
        Some(v) => v.as_i64(),
    }
}

/// An array, absent counting as empty.
fn array(v: Option<&Value>) -> Option<&[Value]> {
    match v {
        None | Some(Value::Null) => Some(&[]),
        Some(Value::Array(a)) => Some(a),
        Some(_) => None,
    }
}

/// Items by instance key, in order; `None` when not an array of keyed objects with unique keys.
fn keyed(v: Option<&Value>) -> Option<Vec<(&str, &Value)>> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for item in array(v)? {
        let obj = item.as_object()?;
        let key = obj
            .get("key")
            .and_then(Value::as_str)
            .or_else(|| obj.get("item").and_then(Value::as_str))?;
        if !seen.insert(key) {
            return None;
        }
        out.push((key, item));
    }
    Some(out)
}

impl Merger<'_> {
    /// Both sides changed the value at `path`, differently.
    pub(super) fn both_changed(
        &mut self,
        path: &mut String,
        b: Option<&Value>,
        o: Option<&Value>,
        t: Option<&Value>,
    ) -> Option<Value> {
        match rule_for(path) {
            Rule::LowerHp => self.lower_hp(path, b, o, t),
            Rule::Higher => match (number(o), number(t)) {
                (Some(x), Some(y)) => Some(Value::from(x.max(y))),
                _ => self.conflict(path, b, o, t),
            },
            Rule::Sum => match (number(b), number(o), number(t)) {
                (Some(base), Some(x), Some(y)) => {
                    let sum = i128::from(x) + i128::from(y) - i128::from(base);
                    let xp = u32::try_from(sum.max(0)).unwrap_or(u32::MAX);
                    Some(Value::from(xp))
                }
                _ => self.conflict(path, b, o, t),
            },
            Rule::Union => self.union(path, b, o, t),
            Rule::Keyed => self.items(path, b, o, t),
            Rule::HigherEach => self.each(path, b, o, t),
            Rule::Recurse => self.objects(path, b, o, t),
        }
    }

    /// The current hit points of one side (absent: its derived maximum).
    fn current_hp(&self, v: Option<&Value>, ch: &Character) -> Option<i64> {
        match v {
            None | Some(Value::Null) => derive(self.rules, ch)
                .ok()
                .map(|s| i64::from(s.hit_points.max)),
            Some(v) => v.as_i64(),
        }
    }

    fn lower_hp(
        &mut self,
        path: &str,
        b: Option<&Value>,
        o: Option<&Value>,
        t: Option<&Value>,
    ) -> Option<Value> {
        match (
            self.current_hp(o, self.ours),
            self.current_hp(t, self.theirs),
        ) {
            (Some(x), Some(y)) => Some(Value::from(x.min(y))),
            _ => self.conflict(path, b, o, t),
        }
    }

    /// Union of two sets: a base element stays when both sides kept it; an element either side
    /// added is added. New elements follow the kept ones, sorted.
    fn union(
        &mut self,
        path: &str,
        b: Option<&Value>,
        o: Option<&Value>,
        t: Option<&Value>,
    ) -> Option<Value> {
        let (Some(ba), Some(oa), Some(ta)) = (array(b), array(o), array(t)) else {
            return self.conflict(path, b, o, t);
        };
        let mut out: Vec<Value> = ba
            .iter()
            .filter(|x| oa.contains(x) && ta.contains(x))
            .cloned()
            .collect();
        let added: BTreeMap<String, &Value> = oa
            .iter()
            .chain(ta)
            .filter(|x| !ba.contains(x))
            .map(|x| (x.to_string(), x))
            .collect();
        out.extend(added.into_values().cloned());
        Some(Value::Array(out))
    }

    /// Inventory items matched by instance key, each merged as an object.
    fn items(
        &mut self,
        path: &mut String,
        b: Option<&Value>,
        o: Option<&Value>,
        t: Option<&Value>,
    ) -> Option<Value> {
        let (Some(bk), Some(ok), Some(tk)) = (keyed(b), keyed(o), keyed(t)) else {
            return self.conflict(path, b, o, t);
        };
        let om: BTreeMap<&str, &Value> = ok.iter().copied().collect();
        let tm: BTreeMap<&str, &Value> = tk.iter().copied().collect();
        let bm: BTreeMap<&str, &Value> = bk.iter().copied().collect();
        let added: BTreeSet<&str> = om
            .keys()
            .chain(tm.keys())
            .copied()
            .filter(|k| !bm.contains_key(k))
            .collect();
        let order = bk.iter().map(|(k, _)| *k).chain(added);
        let mut out = Vec::new();
        for key in order {
            let len = path.len();
            push_segment(path, key);
            let merged = self.merge(
                path,
                bm.get(key).copied(),
                om.get(key).copied(),
                tm.get(key).copied(),
            );
            path.truncate(len);
            out.extend(merged);
        }
        Some(Value::Array(out))
    }

    /// An array of numbers (absent elements = 0), merged element by element.
    fn each(
        &mut self,
        path: &mut String,
        b: Option<&Value>,
        o: Option<&Value>,
        t: Option<&Value>,
    ) -> Option<Value> {
        let (Some(ba), Some(oa), Some(ta)) = (array(b), array(o), array(t)) else {
            return self.conflict(path, b, o, t);
        };
        let zero = Value::from(0);
        let len = ba.len().max(oa.len()).max(ta.len());
        let mut out = Vec::with_capacity(len);
        for i in 0..len {
            let at = |a: &'_ [Value]| a.get(i).unwrap_or(&zero).clone();
            let (x, y, z) = (at(ba), at(oa), at(ta));
            let plen = path.len();
            push_segment(path, &i.to_string());
            let merged = self.merge(path, Some(&x), Some(&y), Some(&z));
            path.truncate(plen);
            out.push(merged.unwrap_or(zero.clone()));
        }
        Some(Value::Array(out))
    }
}
