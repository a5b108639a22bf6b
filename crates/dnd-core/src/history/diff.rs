//! Typed, path-level differences between two characters, and applying them.
//!
//! A [`Diff`] is computed on the serde JSON values of the two characters. Each [`Change`] names
//! one JSON pointer (RFC 6901: `~` is written `~0`, `/` is written `~1`), the value there
//! before (`old`) and after (`new`); an absent side means the field or element did not exist.
//!
//! Rules:
//! - Objects are compared key by key: first the old object's keys (in key order), each compared
//!   recursively or removed, then the keys only the new object has, added.
//! - Arrays whose elements all have an identity are compared by identity: inventory items (objects
//!   with an `item` field) by their instance key (`key`, else `item`), and lists of strings (spell,
//!   skill, language and condition lists) by the string itself, when no identity repeats on either
//!   side. The elements kept in order (a longest common subsequence) stay; the others are removed,
//!   from the highest index down, then inserted at their new index, from the lowest up; then each
//!   kept element that differs is compared recursively at its new index. A reordered element shows
//!   as a removal and an insertion.
//! - Every other array (level records, slot counts, rolls) is positional: elements at the same
//!   index are compared recursively, then extra elements of the new array are appended (lowest
//!   index first) or extra elements of the old array removed (highest index first).
//! - A value that changes kind (a number becoming an object) is one change of the whole value.
//!
//! Applying follows JSON Patch semantics for arrays: a change with no `old` inserts at its index
//! (shifting later elements), a change with no `new` removes (shifting them back), a change with
//! both replaces in place. Changes apply in order, so `apply(a, &diff(a, b)?) == b`, and
//! [`Diff::invert`] (old and new swapped, order reversed) undoes a diff exactly.
//!
//! Each change has a [`Category`] given by its path (see [`Category::of_path`]).

use std::fmt::Write;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::model::Character;

mod apply;

pub use apply::{apply, apply_values};
pub(crate) use apply::{json_eq, parse_pointer};

/// What part of a character a change touches.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Base scores (`/abilities/...`) and background ability increases.
    AbilityScore,
    /// Levels taken or removed, the class of a level, its subclass and hit point roll.
    Level,
    /// Choices made at a level: feats, named choices, expertise, weapon masteries.
    ClassFeature,
    /// Items and money (`/inventory/...`).
    Equipment,
    /// Cantrips and spells learned at levels, prepared spells, concentration.
    Spell,
    /// Skills, tools and languages, wherever they are chosen.
    Proficiency,
    /// The state of play (`/state/...`): slots, counters, hit dice, hit points, conditions…
    Resource,
    /// The character's theme (`/theme` and below).
    Theme,
    /// Anything else (name, species, background, details).
    Other,
}

impl Category {
    /// The category of a JSON pointer into a character. Checked in this order: `/theme…` is
    /// `theme`; a path through a `skills`, `tools` or `languages` field is `proficiency`;
    /// `/abilities…` and `/background/ability_increases…` are `ability_score`; under
    /// `/levels`: a whole level, `class`, `subclass` and `hp_roll` are `level`, `cantrips` and
    /// `spells` are `spell`, anything else (`feats`, `choices`, `expertise`, `masteries`) is
    /// `class_feature`; `/inventory…` is `equipment`; `/state/prepared…` and
    /// `/state/concentration` are `spell`, the rest of `/state…` is `resource`; else `other`.
    pub fn of_path(path: &str) -> Category {
        let tokens = parse_pointer(path).unwrap_or_default();
        let t: Vec<&str> = tokens.iter().map(String::as_str).collect();
        if t.first() == Some(&"theme") {
            return Category::Theme;
        }
        // Field names only: a token right after `levels`/`items` etc. is an index, but an index
        // is never one of these words.
        if t.iter()
            .any(|x| matches!(*x, "skills" | "tools" | "languages"))
        {
            return Category::Proficiency;
        }
        match t.as_slice() {
            ["abilities", ..] | ["background", "ability_increases", ..] => Category::AbilityScore,
            ["levels"] | ["levels", _] => Category::Level,
            ["levels", _, "class" | "subclass" | "hp_roll", ..] => Category::Level,
            ["levels", _, "cantrips" | "spells", ..] => Category::Spell,
            ["levels", ..] => Category::ClassFeature,
            ["inventory", ..] => Category::Equipment,
            ["state", "prepared" | "concentration", ..] => Category::Spell,
            ["state", ..] => Category::Resource,
            _ => Category::Other,
        }
    }
}

/// One changed value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Change {
    /// JSON pointer into the character (`/abilities/base/str`, `/inventory/items/2`).
    pub path: String,
    pub category: Category,
    /// The value before (absent: the field or element did not exist).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old: Option<Value>,
    /// The value after (absent: the field or element was removed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new: Option<Value>,
}

/// The changes that turn one character into another, in the order they apply.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Diff {
    pub changes: Vec<Change>,
}

impl Diff {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// The diff that undoes this one: old and new swapped, order reversed.
    pub fn invert(&self) -> Diff {
        Diff {
            changes: self
                .changes
                .iter()
                .rev()
                .map(|c| Change {
                    path: c.path.clone(),
                    category: c.category,
                    old: c.new.clone(),
                    new: c.old.clone(),
                })
                .collect(),
        }
    }

    /// The changes of one category.
    pub fn of_category(&self, category: Category) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(move |c| c.category == category)
    }
}

/// The changes from `a` to `b` (see the module documentation for the rules).
pub fn diff(a: &Character, b: &Character) -> Result<Diff> {
    if a == b {
        return Ok(Diff::default());
    }
    let va = serde_json::to_value(a).map_err(|e| Error::from_serde(&e))?;
    let vb = serde_json::to_value(b).map_err(|e| Error::from_serde(&e))?;
    Ok(diff_values(&va, &vb))
}

/// The changes from one JSON value to another, by the same rules as [`diff`].
pub fn diff_values(a: &Value, b: &Value) -> Diff {
    let mut out = Vec::new();
    let mut path = String::new();
    walk(&mut path, a, b, &mut out);
    Diff { changes: out }
}

fn push(out: &mut Vec<Change>, path: &str, old: Option<&Value>, new: Option<&Value>) {
    out.push(Change {
        path: path.to_string(),
        category: Category::of_path(path),
        old: old.cloned(),
        new: new.cloned(),
    });
}

/// Appends `/token` (escaped) to `path`, returning the length to truncate back to.
fn enter(path: &mut String, token: &str) -> usize {
    let len = path.len();
    path.push('/');
    for c in token.chars() {
        match c {
            '~' => path.push_str("~0"),
            '/' => path.push_str("~1"),
            c => path.push(c),
        }
    }
    len
}

fn enter_index(path: &mut String, i: usize) -> usize {
    let len = path.len();
    let _ = write!(path, "/{i}");
    len
}

fn walk(path: &mut String, a: &Value, b: &Value, out: &mut Vec<Change>) {
    match (a, b) {
        // Objects are compared key by key, so an equal object costs one pass.
        (Value::Object(ma), Value::Object(mb)) => walk_object(path, ma, mb, out),
        (Value::Array(_), Value::Array(_)) if json_eq(a, b) => {}
        (Value::Array(xa), Value::Array(xb)) => match (identities(xa), identities(xb)) {
            (Some(ka), Some(kb)) => walk_keyed(path, xa, xb, &ka, &kb, out),
            _ => walk_positional(path, xa, xb, out),
        },
        _ if json_eq(a, b) => {}
        _ => push(out, path, Some(a), Some(b)),
    }
}

fn walk_object(
    path: &mut String,
    a: &Map<String, Value>,
    b: &Map<String, Value>,
    out: &mut Vec<Change>,
) {
    for (k, x) in a {
        let back = enter(path, k);
        match b.get(k) {
            Some(y) => walk(path, x, y, out),
            None => push(out, path, Some(x), None),
        }
        path.truncate(back);
    }
    for (k, y) in b.iter().filter(|(k, _)| !a.contains_key(*k)) {
        let back = enter(path, k);
        push(out, path, None, Some(y));
        path.truncate(back);
    }
}

fn walk_positional(path: &mut String, a: &[Value], b: &[Value], out: &mut Vec<Change>) {
    let common = a.len().min(b.len());
    for i in 0..common {
        let back = enter_index(path, i);
        walk(path, &a[i], &b[i], out);
        path.truncate(back);
    }
    for (i, y) in b.iter().enumerate().skip(common) {
        let back = enter_index(path, i);
        push(out, path, None, Some(y));
        path.truncate(back);
    }
    for i in (common..a.len()).rev() {
        let back = enter_index(path, i);
        push(out, path, a.get(i), None);
        path.truncate(back);
    }
}

/// The identity of each element, when every element has one and none repeats.
fn identities(xs: &[Value]) -> Option<Vec<&str>> {
    let mut keys = Vec::with_capacity(xs.len());
    for x in xs {
        let k = match x {
            Value::String(s) => s.as_str(),
            Value::Object(m) => match (m.get("key"), m.get("item")) {
                (Some(Value::String(k)), _) | (None, Some(Value::String(k))) => k.as_str(),
                _ => return None,
            },
            _ => return None,
        };
        keys.push(k);
    }
    let mut sorted = keys.clone();
    sorted.sort_unstable();
    if sorted.windows(2).any(|w| w[0] == w[1]) {
        return None;
    }
    // All strings or all records, not a mix.
    if xs.iter().any(Value::is_string) && xs.iter().any(Value::is_object) {
        return None;
    }
    Some(keys)
}

fn walk_keyed(
    path: &mut String,
    a: &[Value],
    b: &[Value],
    ka: &[&str],
    kb: &[&str],
    out: &mut Vec<Change>,
) {
    let (in_a, in_b) = common_subsequence(ka, kb);
    for i in (0..a.len()).rev().filter(|i| !in_a[*i]) {
        let back = enter_index(path, i);
        push(out, path, a.get(i), None);
        path.truncate(back);
    }
    for (j, y) in b.iter().enumerate().filter(|(j, _)| !in_b[*j]) {
        let back = enter_index(path, j);
        push(out, path, None, Some(y));
        path.truncate(back);
    }
    // Kept elements, paired in order.
    let kept_a = (0..a.len()).filter(|i| in_a[*i]);
    let kept_b = (0..b.len()).filter(|j| in_b[*j]);
    for (i, j) in kept_a.zip(kept_b) {
        let back = enter_index(path, j);
        walk(path, &a[i], &b[j], out);
        path.truncate(back);
    }
}

/// Marks the elements of a longest common subsequence of `a` and `b`.
fn common_subsequence(a: &[&str], b: &[&str]) -> (Vec<bool>, Vec<bool>) {
    let (mut in_a, mut in_b) = (vec![false; a.len()], vec![false; b.len()]);
    let mut pre = 0;
    while pre < a.len() && pre < b.len() && a[pre] == b[pre] {
        in_a[pre] = true;
        in_b[pre] = true;
        pre += 1;
    }
    let mut suf = 0;
    while suf < a.len() - pre && suf < b.len() - pre && a[a.len() - 1 - suf] == b[b.len() - 1 - suf]
    {
        in_a[a.len() - 1 - suf] = true;
        in_b[b.len() - 1 - suf] = true;
        suf += 1;
    }
    let (ma, mb) = (&a[pre..a.len() - suf], &b[pre..b.len() - suf]);
    let (n, m) = (ma.len(), mb.len());
    if n == 0 || m == 0 {
        return (in_a, in_b);
    }
    // lcs[i][j]: length of the LCS of ma[i..] and mb[j..].
    let w = m + 1;
    let mut lcs = vec![0u32; (n + 1) * w];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i * w + j] = if ma[i] == mb[j] {
                lcs[(i + 1) * w + j + 1] + 1
            } else {
                lcs[(i + 1) * w + j].max(lcs[i * w + j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if ma[i] == mb[j] {
            in_a[pre + i] = true;
            in_b[pre + j] = true;
            i += 1;
            j += 1;
        } else if lcs[(i + 1) * w + j] >= lcs[i * w + j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    (in_a, in_b)
}
