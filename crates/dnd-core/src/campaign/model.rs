//! The campaign document: who plays, what it is about, and everything the DM prepares.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::antitheticon::Antitheticon;
use super::chapters::Chapter;
use super::effects::WorldEffect;
use super::locations::{Faction, Location};
use super::npcs::{Npc, Relationship};
use super::plots::Plot;
use super::sessions::Session;
use crate::error::{Error, Result};
use crate::validate::Profile;

/// The two kinds of campaign.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CampaignType {
    /// Chapters, plots and NPCs as the DM writes them.
    #[default]
    Traditional,
    /// A recurring nemesis that mirrors the party (see [`Antitheticon`]).
    Antitheticon,
}

/// Where a campaign is in its life.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CampaignState {
    #[default]
    Draft,
    Active,
    Paused,
    Completed,
    Archived,
}

/// How long a campaign is meant to run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LengthClass {
    /// One session.
    OneShot,
    /// A few sessions (2 to 5 chapters).
    Short,
    /// Around 6 to 12 chapters.
    #[default]
    Medium,
    /// 13 to 30 chapters.
    Long,
    /// More than 30 chapters.
    Epic,
}

impl LengthClass {
    /// The chapter counts a campaign of this length usually has (inclusive).
    pub fn chapters(self) -> (usize, usize) {
        match self {
            LengthClass::OneShot => (1, 1),
            LengthClass::Short => (2, 5),
            LengthClass::Medium => (6, 12),
            LengthClass::Long => (13, 30),
            LengthClass::Epic => (31, usize::MAX),
        }
    }
}

/// A theme with its weight (0 to 100).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct WeightedTheme {
    /// A theme id (a theme pack's id or a free word: `horror`, `intrigue`).
    pub theme: String,
    /// 0 to 100.
    #[serde(default = "full_weight")]
    pub weight: u8,
}

fn full_weight() -> u8 {
    100
}

/// The themes of a campaign: one primary and weighted secondary ones.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Themes {
    pub primary: Option<WeightedTheme>,
    pub secondary: Vec<WeightedTheme>,
}

/// A player and the characters they play in this campaign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Player {
    /// The player's user id.
    pub user: String,
    /// Character ids (`ch_…`) this player plays here.
    #[serde(default)]
    pub characters: Vec<String>,
}

/// An inclusive character level range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct LevelRange {
    pub min: u8,
    pub max: u8,
}

impl Default for LevelRange {
    fn default() -> Self {
        LevelRange { min: 1, max: 20 }
    }
}

impl LevelRange {
    /// Whether `other` lies inside this range.
    pub fn contains(&self, other: &LevelRange) -> bool {
        other.min >= self.min && other.max <= self.max
    }

    /// Parses `3-7` or `5`.
    pub fn parse(s: &str) -> Result<LevelRange> {
        let bad = || Error::InvalidValue {
            path: "level_range".into(),
            reason: format!("`{s}` is not a level range like `1-5`"),
        };
        let (a, b) = s.split_once('-').unwrap_or((s, s));
        let min: u8 = a.trim().parse().map_err(|_| bad())?;
        let max: u8 = b.trim().parse().map_err(|_| bad())?;
        Ok(LevelRange { min, max })
    }
}

/// How characters advance.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Advancement {
    /// By the 2024 XP table.
    #[default]
    Xp,
    /// At milestones the DM sets.
    Milestone,
}

/// The in-game calendar: days since the campaign began.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Calendar {
    /// Today, in in-game days since day 0.
    pub day: u32,
}

/// A campaign: the data, state and checks the DM works with. Serialized, it is the campaign
/// file (and the object each campaign version stores).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Campaign {
    /// Format version of the file.
    pub format: u32,
    /// `cp_` and 12 hex digits, given by the store on the first save.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub title: String,
    #[serde(rename = "type")]
    pub kind: CampaignType,
    pub state: CampaignState,
    /// The DM's user id.
    pub owner: String,
    pub players: Vec<Player>,
    pub themes: Themes,
    /// The rules profile the characters are checked against.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profile: Option<Profile>,
    pub level_range: LevelRange,
    pub length: LengthClass,
    /// Planned party size, 1 to 8.
    pub party_size: u8,
    pub advancement: Advancement,
    pub calendar: Calendar,
    pub chapters: Vec<Chapter>,
    pub plots: Vec<Plot>,
    pub npcs: Vec<Npc>,
    pub relationships: Vec<Relationship>,
    pub locations: Vec<Location>,
    pub factions: Vec<Faction>,
    pub sessions: Vec<Session>,
    pub effects: Vec<WorldEffect>,
    /// The nemesis data of an `antitheticon` campaign.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub antitheticon: Option<Antitheticon>,
    /// Free labels.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
}

impl Campaign {
    /// A new draft campaign with a title and an owner (party of 4, levels 1–20, medium).
    pub fn new(title: impl Into<String>, owner: impl Into<String>) -> Campaign {
        Campaign {
            format: 1,
            title: title.into(),
            owner: owner.into(),
            party_size: 4,
            ..Default::default()
        }
    }

    /// Parses a campaign file (line and column on malformed JSON).
    pub fn from_json(text: &str) -> Result<Campaign> {
        serde_json::from_str(text).map_err(|e| Error::from_serde(&e))
    }

    /// Every character id some player plays here.
    pub fn characters(&self) -> impl Iterator<Item = &str> {
        self.players
            .iter()
            .flat_map(|p| p.characters.iter().map(String::as_str))
    }

    /// The chapter with this id.
    pub fn chapter(&self, id: &str) -> Option<&Chapter> {
        self.chapters.iter().find(|c| c.id == id)
    }

    /// The NPC with this id.
    pub fn npc(&self, id: &str) -> Option<&Npc> {
        self.npcs.iter().find(|n| n.id == id)
    }
}

/// Checks an id: 1 to 64 characters of lowercase letters, digits, `-` and `_`.
pub fn check_id(path: &str, id: &str) -> Result<()> {
    let ok = !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(Error::InvalidValue {
            path: path.into(),
            reason: format!("`{id}` is not an id (1 to 64 of a-z, 0-9, `-`, `_`)"),
        })
    }
}
