//! Locations as a hierarchy (world → region → settlement → site → room) and factions.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::effects::Value;

/// The level of a location in the hierarchy; a location's parent is of a higher level.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum LocationKind {
    World,
    Region,
    #[default]
    Settlement,
    Site,
    Room,
}

/// A place. Its numeric attributes (`danger`, `resources`, `unrest`, `trade`, 0 to 100) are the
/// base that world effects change.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Location {
    pub id: String,
    pub name: String,
    pub kind: LocationKind,
    /// The enclosing location's id (none for a world).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Faction ids present here.
    pub factions: Vec<String>,
    /// Map images: asset ids (SHA-256) in the store.
    pub maps: Vec<String>,
    pub attributes: BTreeMap<String, Value>,
    pub description: String,
}

/// A faction. Its attributes (`influence`, `stability`, `territory`, `resources`, 0 to 100, and
/// any others, numeric, text or flags) are the base that world effects change.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Faction {
    pub id: String,
    pub name: String,
    pub goals: Vec<String>,
    pub attributes: BTreeMap<String, Value>,
}

/// The JSON pointer of each location's ancestors, nearest first, stopping at a repeat (a cycle)
/// or an unknown parent. Gives the ancestor ids and whether a cycle was met.
pub fn ancestors<'a>(locations: &'a [Location], id: &str) -> (Vec<&'a str>, bool) {
    let mut out: Vec<&str> = Vec::new();
    let mut cur = locations.iter().find(|l| l.id == id);
    while let Some(l) = cur {
        let Some(p) = l.parent.as_deref() else {
            break;
        };
        if p == id || out.contains(&p) {
            return (out, true);
        }
        match locations.iter().find(|x| x.id == p) {
            Some(x) => {
                out.push(x.id.as_str());
                cur = Some(x);
            }
            None => break,
        }
    }
    (out, false)
}
