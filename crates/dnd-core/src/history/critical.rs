//! Which changes on a shared branch need a DM's approval: a campaign profile's `critical`
//! rules, judged on the paths of a typed [`Diff`].

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::diff::{Category, Change, Diff, parse_pointer};

/// Which changes need a DM's approval (a campaign profile's `critical` section). By default:
/// ability scores, class and level, custom items, and removing items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct CriticalRules {
    /// Base scores and background ability increases (category `ability_score`).
    pub ability_scores: bool,
    /// Levels taken or removed, their class, subclass and hit point roll (category `level`).
    pub class_level: bool,
    /// A custom item added (an inventory entry with `custom` facts) or its facts changed.
    pub custom_content: bool,
    /// An item removed, its quantity lowered, or an entry turned into another item.
    pub removing_items: bool,
    /// Extra JSON pointers (`/state/exhaustion`): a change at, below or above one that changes
    /// the value there is critical.
    pub paths: Vec<String>,
}

impl Default for CriticalRules {
    fn default() -> Self {
        CriticalRules {
            ability_scores: true,
            class_level: true,
            custom_content: true,
            removing_items: true,
            paths: Vec::new(),
        }
    }
}

/// The identity the diff matches inventory entries by: `key`, else `item`.
fn identity(v: &Value) -> Option<&str> {
    v.get("key")
        .or_else(|| v.get("item"))
        .and_then(Value::as_str)
}

fn quantity(v: Option<&Value>) -> u64 {
    v.map_or(0, |v| v.as_u64().unwrap_or(1))
}

fn custom(v: Option<&Value>) -> Option<&Value> {
    v.and_then(|v| v.get("custom")).filter(|c| !c.is_null())
}

impl CriticalRules {
    /// Whether the profile's defaults apply.
    pub fn is_default(&self) -> bool {
        *self == CriticalRules::default()
    }

    /// Whether one change, taken alone, needs approval. Inventory entries are paths by index
    /// (`/inventory/items/2`): a whole entry removed, or replaced by another item or a smaller
    /// stack; a changed `item` id; a lowered `quantity`; an entry added with `custom` facts, or
    /// facts added or changed under `/custom`.
    pub fn is_critical(&self, c: &Change) -> bool {
        let tokens = parse_pointer(&c.path).unwrap_or_default();
        let t: Vec<&str> = tokens.iter().map(String::as_str).collect();
        let (old, new) = (c.old.as_ref(), c.new.as_ref());
        let (removed, added_custom) = match t.as_slice() {
            ["inventory", "items", _] => (
                old.is_some_and(|o| {
                    new.is_none_or(|n| identity(o) != identity(n) || o.get("item") != n.get("item"))
                        || quantity(new.and_then(|n| n.get("quantity")))
                            < quantity(o.get("quantity"))
                }),
                custom(new).is_some() && custom(new) != custom(old),
            ),
            ["inventory", "items", _, "item"] => (true, false),
            ["inventory", "items", _, "quantity"] => (quantity(new) < quantity(old), false),
            ["inventory", "items", _, "custom", ..] => (false, new.is_some_and(|n| !n.is_null())),
            _ => (false, false),
        };
        (self.ability_scores && c.category == Category::AbilityScore)
            || (self.class_level && c.category == Category::Level)
            || (self.custom_content && added_custom)
            || (self.removing_items && removed)
            || self.on_paths(c)
    }

    /// Whether a change touches one of the extra `paths`.
    fn on_paths(&self, c: &Change) -> bool {
        self.paths.iter().any(|p| {
            if p.is_empty() || c.path == *p {
                return true;
            }
            if let Some(below) = c.path.strip_prefix(p.as_str()) {
                return below.starts_with('/');
            }
            // A change of a whole value above the path: critical when the value there differs.
            match p.strip_prefix(c.path.as_str()) {
                Some(rest) if rest.starts_with('/') => {
                    let old = c.old.as_ref().and_then(|v| v.pointer(rest));
                    old != c.new.as_ref().and_then(|v| v.pointer(rest))
                }
                _ => false,
            }
        })
    }

    /// The critical changes of a diff, in order. The diff shows an inventory entry that moved
    /// (another entry before it was removed or added) as a removal and an insertion of the same
    /// identity; such a pair is judged as one change from the old entry to the new one, so a
    /// move alone is not a removal.
    pub fn critical<'d>(&self, d: &'d Diff) -> Vec<&'d Change> {
        let entry = |c: &Change| {
            let t = parse_pointer(&c.path).unwrap_or_default();
            t.len() == 3 && t[0] == "inventory" && t[1] == "items"
        };
        let mut partner: Vec<Option<usize>> = vec![None; d.changes.len()];
        for (i, r) in d.changes.iter().enumerate() {
            let Some(gone) = r.old.as_ref().filter(|_| r.new.is_none() && entry(r)) else {
                continue;
            };
            let found = d.changes.iter().enumerate().position(|(j, a)| {
                partner[j].is_none()
                    && a.old.is_none()
                    && entry(a)
                    && a.new
                        .as_ref()
                        .is_some_and(|n| identity(n) == identity(gone))
            });
            if let Some(j) = found {
                partner[i] = Some(j);
                partner[j] = Some(i);
            }
        }
        let mut out = Vec::new();
        for (i, c) in d.changes.iter().enumerate() {
            let critical = match partner[i] {
                None => self.is_critical(c),
                Some(j) => {
                    let (r, a) = if c.new.is_none() {
                        (c, &d.changes[j])
                    } else {
                        (&d.changes[j], c)
                    };
                    let moved = Change {
                        old: r.old.clone(),
                        ..a.clone()
                    };
                    self.is_critical(&moved) || self.on_paths(c)
                }
            };
            if critical {
                out.push(c);
            }
        }
        out
    }
}
