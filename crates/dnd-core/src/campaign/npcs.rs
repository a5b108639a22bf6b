//! NPCs and the relationship graph among NPCs and player characters.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::model::{Campaign, check_id};
use crate::error::{Error, Result};
use crate::play::refuse;

/// What an NPC does in the story.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NpcRole {
    Ally,
    Villain,
    Patron,
    Merchant,
    Informant,
    Rival,
    #[default]
    Neutral,
}

/// How much an NPC matters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Importance {
    Minor,
    #[default]
    Supporting,
    Major,
    Critical,
}

/// What an NPC fights with: a class and level, or a creature stat block and its CR.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StatBlock {
    /// A class id and a level (1–20).
    Class { class: String, level: u8 },
    /// A creature id from the rules pack; its CR comes from there.
    Creature { creature: String },
}

/// A non-player character.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Npc {
    pub id: String,
    pub name: String,
    pub role: NpcRole,
    pub importance: Importance,
    /// A species id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub species: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stats: Option<StatBlock>,
    pub personality: Vec<String>,
    pub goals: Vec<String>,
    pub secrets: Vec<String>,
    /// A faction id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub faction: Option<String>,
    #[serde(default = "yes")]
    pub alive: bool,
}

fn yes() -> bool {
    true
}

/// The kind of tie between two parties.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RelationKind {
    Ally,
    Friend,
    #[default]
    Neutral,
    Rival,
    Enemy,
    /// Known to one side only.
    Hidden,
}

/// A directed tie from one NPC or character to another, with a standing of −100 to 100.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Relationship {
    /// An NPC id or a character id (`ch_…`).
    pub from: String,
    pub to: String,
    pub kind: RelationKind,
    /// −100 (hatred) to 100 (devotion).
    pub standing: i32,
    pub note: String,
}

/// Adds an NPC with a new id.
pub fn add_npc(c: &mut Campaign, npc: Npc) -> Result<()> {
    check_id("/npcs/-/id", &npc.id)?;
    if c.npc(&npc.id).is_some() {
        return Err(refuse(
            "campaign.npc.duplicate",
            format!("an NPC `{}` exists already", npc.id),
            Some("/npcs/-/id".into()),
            vec!["choose another id".into()],
        ));
    }
    if let Some(f) = &npc.faction
        && !c.factions.iter().any(|x| &x.id == f)
    {
        return Err(Error::NotFound {
            kind: "campaign entry",
            id: format!("faction {f}"),
        });
    }
    c.npcs.push(npc);
    Ok(())
}

/// Whether `id` is an NPC or a character of the campaign.
pub fn is_party(c: &Campaign, id: &str) -> bool {
    c.npc(id).is_some() || c.characters().any(|x| x == id)
}

/// Sets (or replaces) the tie from `from` to `to`. Both must be NPCs or characters of the
/// campaign; the standing must lie in −100..=100.
pub fn relate(c: &mut Campaign, rel: Relationship) -> Result<()> {
    for id in [&rel.from, &rel.to] {
        if !is_party(c, id) {
            return Err(Error::NotFound {
                kind: "npc",
                id: id.clone(),
            });
        }
    }
    if rel.from == rel.to {
        return Err(Error::InvalidValue {
            path: "to".into(),
            reason: "a relationship needs two different parties".into(),
        });
    }
    check_standing("standing", rel.standing)?;
    match c
        .relationships
        .iter_mut()
        .find(|r| r.from == rel.from && r.to == rel.to)
    {
        Some(r) => *r = rel,
        None => c.relationships.push(rel),
    }
    Ok(())
}

/// Moves the standing from `from` to `to` by `delta` (clamped to −100..=100), creating a
/// neutral tie first if there is none; gives the new standing.
pub fn shift_standing(c: &mut Campaign, from: &str, to: &str, delta: i32) -> Result<i32> {
    if !c.relationships.iter().any(|r| r.from == from && r.to == to) {
        relate(
            c,
            Relationship {
                from: from.into(),
                to: to.into(),
                ..Default::default()
            },
        )?;
    }
    let r = c
        .relationships
        .iter_mut()
        .find(|r| r.from == from && r.to == to)
        .ok_or_else(|| Error::NotFound {
            kind: "npc",
            id: to.to_string(),
        })?;
    r.standing = (r.standing + delta).clamp(-100, 100);
    Ok(r.standing)
}

pub(crate) fn check_standing(path: &str, v: i32) -> Result<()> {
    if (-100..=100).contains(&v) {
        Ok(())
    } else {
        Err(Error::OutOfRange {
            path: path.into(),
            value: i64::from(v),
            min: -100,
            max: 100,
        })
    }
}
