//! Three-way merges of characters, on their JSON form, with field rules by meaning.
//!
//! [`merge3`] compares `ours` and `theirs` with their common `base`, field by field. At every
//! JSON pointer:
//!
//! - both sides equal → that value; one side unchanged since the base → the other side's value
//!   (so `merge3(x, x, y) == y` and `merge3(b, a, a) == a`);
//! - both sides changed differently → the field's rule below, and when no rule applies a
//!   [`Conflict`] `{ path, base, ours, theirs }`.
//!
//! The rules, applied only when both sides changed a field differently:
//!
//! | path | rule |
//! |---|---|
//! | `/state/hp` | the **lower** current hit points; absent means at the side's derived maximum |
//! | `/state/temp_hp` | the **higher** |
//! | `/state/conditions` | union: kept when neither side removed it, added when either added it |
//! | `/inventory/items` | union by instance key (`key`, else `item`), see below |
//! | `/inventory/items/<key>/quantity` | the **higher** of the two sides |
//! | `/details/xp` | the gains add up: `base + (ours − base) + (theirs − base)` |
//! | `/state/slots_spent/<level>` | the **higher** spent, level by level (absent = 0) |
//! | `/state/pact_slots_spent` | the **higher** spent |
//! | `/state/counters_spent/<id>` | the **higher** spent (absent = 0) |
//! | `/state/hit_dice_spent/<die>` | the **higher** spent (absent = 0) |
//! | `/levels` | a whole value: one side's new levels are taken, two different ones conflict |
//! | any other object | merged key by key, recursively |
//! | any other array or value | a whole value: two different changes conflict |
//!
//! Inventory items are matched by instance key; each item is merged like an object at
//! `/inventory/items/<key>` (the key escaped as a JSON pointer segment). An item removed on one
//! side and unchanged on the other is removed; removed on one side and changed on the other is
//! a conflict at its path. Kept items stay in the base's order, new ones follow sorted by key.
//! An inventory with a repeated or missing key is merged as a whole value.
//!
//! A [`Resolution`] keyed by a conflict's path settles it (`Ours`, `Theirs` or a `Value`); a
//! resolution for a path that is not a conflict is an [`Error::InvalidValue`]. A conflict left
//! unresolved keeps the base's value in [`Merged::character`]. A result that is no longer a
//! valid character file (a resolution of the wrong shape) becomes a conflict at the root path
//! `""`, which a resolution at `""` settles with a whole character.
//!
//! The merge is symmetric: swapping `ours` and `theirs` gives the same character, and the same
//! conflicts with `ours` and `theirs` swapped.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{Conflict, Resolution};
use crate::error::{Error, Result};
use crate::model::Character;
use crate::rules::Rules;
use crate::validate::{Profile, Report, validate};

/// What a three-way merge made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Merged {
    /// The merged character (the base's value wherever a conflict is unresolved).
    pub character: Character,
    /// Conflicts no resolution settled, in path order.
    pub conflicts: Vec<Conflict>,
    /// Conflicts a resolution settled, in path order.
    pub resolved: Vec<Conflict>,
    /// Validation of the merged character (default profile).
    pub report: Report,
}

/// Merges the changes `ours` and `theirs` made since `base` (see the module documentation for
/// the field rules). `resolutions` settle conflicts by path; one for a path that is not a
/// conflict is an [`Error::InvalidValue`].
pub fn merge3(
    rules: &Rules,
    base: &Character,
    ours: &Character,
    theirs: &Character,
    resolutions: &BTreeMap<String, Resolution>,
) -> Result<Merged> {
    let mut m = Merger::new(rules, ours, theirs, resolutions);
    let character = if ours == theirs || theirs == base {
        ours.clone()
    } else if ours == base {
        theirs.clone()
    } else {
        match m.fields(base, ours, theirs)? {
            Some(c) => c,
            None => {
                let (b, o, t) = (to_value(base)?, to_value(ours)?, to_value(theirs)?);
                m.root_conflict(base, b, o, t)?
            }
        }
    };
    if let Some(path) = resolutions.keys().find(|p| !m.used.contains(p.as_str())) {
        return Err(Error::InvalidValue {
            path: path.clone(),
            reason: "a resolution for a path that is not a conflict".into(),
        });
    }
    let report = validate(rules, &character, &Profile::default());
    Ok(Merged {
        character,
        conflicts: m.conflicts,
        resolved: m.resolved,
        report,
    })
}

fn to_value(ch: &Character) -> Result<Value> {
    serde_json::to_value(ch).map_err(|e| Error::from_serde(&e))
}

/// The state of one merge: the typed sides (for derived maxima), the resolutions and what was
/// found.
pub(super) struct Merger<'a> {
    pub(super) rules: &'a Rules,
    pub(super) ours: &'a Character,
    pub(super) theirs: &'a Character,
    resolutions: &'a BTreeMap<String, Resolution>,
    used: std::collections::BTreeSet<&'a str>,
    conflicts: Vec<Conflict>,
    resolved: Vec<Conflict>,
}

impl<'a> Merger<'a> {
    fn new(
        rules: &'a Rules,
        ours: &'a Character,
        theirs: &'a Character,
        resolutions: &'a BTreeMap<String, Resolution>,
    ) -> Self {
        Merger {
            rules,
            ours,
            theirs,
            resolutions,
            used: Default::default(),
            conflicts: Vec::new(),
            resolved: Vec::new(),
        }
    }

    /// Records a conflict at `path`, or settles it with its resolution. Unresolved, the base's
    /// value stands.
    pub(super) fn conflict(
        &mut self,
        path: &str,
        b: Option<&Value>,
        o: Option<&Value>,
        t: Option<&Value>,
    ) -> Option<Value> {
        let c = Conflict {
            path: path.to_string(),
            base: b.cloned(),
            ours: o.cloned(),
            theirs: t.cloned(),
        };
        match self.resolutions.get_key_value(path) {
            Some((key, r)) => {
                self.used.insert(key.as_str());
                self.resolved.push(c);
                match r {
                    Resolution::Ours => o.cloned(),
                    Resolution::Theirs => t.cloned(),
                    Resolution::Value(v) => v.clone(),
                }
            }
            None => {
                self.conflicts.push(c);
                b.cloned()
            }
        }
    }

    /// Merges field by field: a top-level field goes to JSON only when both sides changed it.
    /// `None` when a merged field is no longer of its type.
    fn fields(&mut self, b: &Character, o: &Character, t: &Character) -> Result<Option<Character>> {
        let mut ok = true;
        // In path order, so conflicts come out sorted.
        let abilities = self.field(
            "abilities",
            &b.abilities,
            &o.abilities,
            &t.abilities,
            &mut ok,
        )?;
        let background = self.field(
            "background",
            &b.background,
            &o.background,
            &t.background,
            &mut ok,
        )?;
        let details = self.field("details", &b.details, &o.details, &t.details, &mut ok)?;
        let format = self.field("format", &b.format, &o.format, &t.format, &mut ok)?;
        let id = self.field("id", &b.id, &o.id, &t.id, &mut ok)?;
        let inventory = self.field(
            "inventory",
            &b.inventory,
            &o.inventory,
            &t.inventory,
            &mut ok,
        )?;
        let levels = self.field("levels", &b.levels, &o.levels, &t.levels, &mut ok)?;
        let name = self.field("name", &b.name, &o.name, &t.name, &mut ok)?;
        let origin = self.field("origin", &b.origin, &o.origin, &t.origin, &mut ok)?;
        let species = self.field("species", &b.species, &o.species, &t.species, &mut ok)?;
        let state = self.field("state", &b.state, &o.state, &t.state, &mut ok)?;
        let theme = self.field("theme", &b.theme, &o.theme, &t.theme, &mut ok)?;
        Ok(ok.then_some(Character {
            format,
            id,
            name,
            species,
            background,
            abilities,
            levels,
            origin,
            inventory,
            state,
            details,
            theme,
        }))
    }

    /// One top-level field: typed when at most one side changed it, else merged as JSON.
    fn field<T>(&mut self, name: &str, b: &T, o: &T, t: &T, ok: &mut bool) -> Result<T>
    where
        T: Serialize + serde::de::DeserializeOwned + PartialEq + Clone,
    {
        if o == t || t == b {
            return Ok(o.clone());
        }
        if o == b {
            return Ok(t.clone());
        }
        let value = |x: &T| -> Result<Option<Value>> {
            let v = serde_json::to_value(x).map_err(|e| Error::from_serde(&e))?;
            Ok((!v.is_null()).then_some(v))
        };
        let (bv, ov, tv) = (value(b)?, value(o)?, value(t)?);
        let mut path = String::with_capacity(64);
        push_segment(&mut path, name);
        let merged = self.both_changed(&mut path, bv.as_ref(), ov.as_ref(), tv.as_ref());
        match serde_json::from_value(merged.unwrap_or(Value::Null)) {
            Ok(x) => Ok(x),
            Err(_) => {
                *ok = false;
                Ok(b.clone())
            }
        }
    }

    /// The merged JSON is not a character: a conflict at the root, or its resolution.
    fn root_conflict(
        &mut self,
        base: &Character,
        b: Value,
        o: Value,
        t: Value,
    ) -> Result<Character> {
        let Some((key, r)) = self.resolutions.get_key_value("") else {
            self.conflicts.push(Conflict {
                path: String::new(),
                base: Some(b),
                ours: Some(o),
                theirs: Some(t),
            });
            return Ok(base.clone());
        };
        self.used.insert(key.as_str());
        let ch = match r {
            Resolution::Ours => self.ours.clone(),
            Resolution::Theirs => self.theirs.clone(),
            Resolution::Value(v) => v
                .clone()
                .map(serde_json::from_value::<Character>)
                .and_then(std::result::Result::ok)
                .ok_or_else(|| Error::InvalidValue {
                    path: String::new(),
                    reason: "the resolution of the root is not a character".into(),
                })?,
        };
        // A whole character replaces everything, so the conflicts inside it are settled too.
        self.resolved.append(&mut self.conflicts);
        self.resolved.push(Conflict {
            path: String::new(),
            base: Some(b),
            ours: Some(o),
            theirs: Some(t),
        });
        Ok(ch)
    }

    /// Merges the values at `path` (absent: `None`).
    pub(super) fn merge(
        &mut self,
        path: &mut String,
        b: Option<&Value>,
        o: Option<&Value>,
        t: Option<&Value>,
    ) -> Option<Value> {
        if o == t {
            return o.cloned();
        }
        if o == b {
            return t.cloned();
        }
        if t == b {
            return o.cloned();
        }
        self.both_changed(path, b, o, t)
    }

    /// Merges two objects key by key (an absent or non-object base counts as empty).
    pub(super) fn objects(
        &mut self,
        path: &mut String,
        b: Option<&Value>,
        o: Option<&Value>,
        t: Option<&Value>,
    ) -> Option<Value> {
        let empty = serde_json::Map::new();
        let (Some(oo), Some(to)) = (o.and_then(Value::as_object), t.and_then(Value::as_object))
        else {
            return self.conflict(path, b, o, t);
        };
        let bo = b.and_then(Value::as_object).unwrap_or(&empty);
        let keys: std::collections::BTreeSet<&String> =
            bo.keys().chain(oo.keys()).chain(to.keys()).collect();
        let mut out = serde_json::Map::new();
        for k in keys {
            let len = path.len();
            push_segment(path, k);
            if let Some(v) = self.merge(path, bo.get(k), oo.get(k), to.get(k)) {
                out.insert(k.clone(), v);
            }
            path.truncate(len);
        }
        Some(Value::Object(out))
    }
}

/// Appends `/segment` to a JSON pointer, escaping `~` and `/`.
pub(super) fn push_segment(path: &mut String, segment: &str) {
    path.push('/');
    for c in segment.chars() {
        match c {
            '~' => path.push_str("~0"),
            '/' => path.push_str("~1"),
            c => path.push(c),
        }
    }
}
