//! Pack format: species, backgrounds and feats.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Effect, ItemQuantity, ToolTraining};
use crate::model::{Ability, Size, Skill};

/// A species.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SpeciesDef {
    pub id: String,
    pub name: String,
    #[serde(default = "humanoid")]
    pub creature_type: String,
    /// Sizes the player may pick from (Human: Small or Medium).
    pub sizes: Vec<Size>,
    /// Walking speed in feet.
    pub speed: i32,
    pub traits: Vec<Trait>,
    /// Lineages, ancestries or legacies to choose from (empty when the species has none).
    #[serde(default)]
    pub lineages: Vec<Lineage>,
    /// What the lineage choice is called (`Elven Lineage`, `Draconic Ancestry`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lineage_label: Option<String>,
    /// Skill picks the species grants (Human Skillful: 1 of any; Elf Keen Senses: 1 of Insight, Perception, Survival).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skill_choice: Option<super::SkillChoice>,
    /// An origin feat of choice (Human Versatile).
    #[serde(default)]
    pub origin_feat_choice: bool,
}

fn humanoid() -> String {
    "humanoid".into()
}

/// A species trait.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Trait {
    pub id: String,
    pub name: String,
    /// Character level at which it starts to apply (1 unless the SRD says otherwise).
    #[serde(default = "one")]
    pub level: u8,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub effects: Vec<Effect>,
}

fn one() -> u8 {
    1
}

/// A lineage, ancestry or legacy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Lineage {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub traits: Vec<Trait>,
    /// Spells the lineage grants by character level.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub spells: Vec<super::LeveledSpells>,
    /// A walking speed replacing the species's (Wood Elf: 35).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speed: Option<i32>,
}

/// A background.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BackgroundDef {
    pub id: String,
    pub name: String,
    /// The three abilities the +2/+1 or +1/+1/+1 increase may go to.
    pub abilities: Vec<Ability>,
    /// The origin feat, with any fixed choice (Magic Initiate's spell list).
    pub feat: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub feat_choices: BTreeMap<String, String>,
    pub skills: Vec<Skill>,
    pub tool_training: ToolTraining,
    /// Equipment option A (items) and option B (gold).
    pub equipment: Vec<super::EquipmentOption>,
}

/// Feat categories of the 2024 rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FeatCategory {
    Origin,
    General,
    FightingStyle,
    EpicBoon,
}

/// A feat.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FeatDef {
    pub id: String,
    pub name: String,
    pub category: FeatCategory,
    #[serde(default)]
    pub prerequisite: FeatPrerequisite,
    #[serde(default)]
    pub repeatable: bool,
    /// Ability increase the feat grants: `amount` points spread over `abilities` (each +1,
    /// or one +2 when `amount` is 2 and `split` allows), never above `max`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ability_increase: Option<FeatAbilityIncrease>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub effects: Vec<Effect>,
}

/// Prerequisites of a feat.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FeatPrerequisite {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<u8>,
    /// Any one of these minimum scores.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ability_any: Vec<super::AbilityMin>,
    /// Requires a class feature (e.g. `fighting-style`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feature: Option<String>,
    #[serde(default)]
    pub spellcasting: bool,
}

/// How a feat raises scores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FeatAbilityIncrease {
    pub abilities: Vec<Ability>,
    /// Total points to spend (ASI: 2; half-feats and boons: 1).
    pub amount: u8,
    /// Highest score the increase may reach (20, or 30 for Epic Boons).
    pub max: u8,
}

/// Items that come with a background or class, as `{item, quantity}`.
pub type Kit = Vec<ItemQuantity>;
