//! `dnd new` as data: its flags become a builder's answers.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::play::Outcome;
use crate::rules::Rules;

use super::create::Builder;

/// The flags of `dnd new`, as data.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct NewCharacter {
    pub class: String,
    pub species: String,
    pub background: String,
    pub lineage: Option<String>,
    /// `standard-array`, `point-buy`, `roll` or `manual`.
    pub abilities: Option<String>,
    /// `str=15,dex=14,…`
    pub assign: Option<String>,
    /// The background increase: `int+2,wis+1`.
    pub bonus: Option<String>,
    pub name: Option<String>,
    pub seed: Option<u64>,
    /// Other decisions by key.
    pub choices: BTreeMap<String, String>,
    pub strict: bool,
}

/// Creates a level 1 character from `dnd new`'s flags.
pub fn new_character(rules: &Rules, req: &NewCharacter) -> Result<Outcome> {
    let mut b = Builder {
        answers: req.choices.clone(),
        seed: req.seed.unwrap_or(0x5EED),
    };
    let flags = [
        ("class", Some(&req.class)),
        ("species", Some(&req.species)),
        ("background", Some(&req.background)),
        ("lineage", req.lineage.as_ref()),
        ("ability-method", req.abilities.as_ref()),
        ("scores", req.assign.as_ref()),
        ("background-bonus", req.bonus.as_ref()),
        ("name", req.name.as_ref()),
    ];
    for (k, v) in flags {
        if let Some(v) = v.filter(|v| !v.is_empty()) {
            b.answers.insert(k.into(), v.clone());
        }
    }
    b.build(rules, req.strict)
}
