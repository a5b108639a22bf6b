//! Pack format: classes and subclasses.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{ArmorCategory, Effect, WeaponTraining};
use crate::model::{Ability, Die, Skill};

/// A class with its full 20-level table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClassDef {
    pub id: String,
    pub name: String,
    pub hit_die: Die,
    /// The class's primary abilities (a Fighter lists `str` and `dex`).
    pub primary_abilities: Vec<Ability>,
    /// Multiclassing prerequisite: any one of these alternatives, each a set of minimum scores
    /// that must all hold. Fighter: `[[{str:13}], [{dex:13}]]`; Paladin: `[[{str:13},{cha:13}]]`.
    pub multiclass_prerequisite: Vec<Vec<AbilityMin>>,
    pub saving_throws: Vec<Ability>,
    #[serde(default)]
    pub armor_training: Vec<ArmorCategory>,
    #[serde(default)]
    pub weapon_training: Vec<WeaponTraining>,
    #[serde(default)]
    pub tool_training: ToolTraining,
    pub skill_choices: SkillChoice,
    /// What a character gains when this class is not its first.
    pub multiclass_proficiencies: MulticlassProficiencies,
    /// Levels at which the class grants the Ability Score Improvement feat or another feat.
    pub asi_levels: Vec<u8>,
    /// Level of the Epic Boon feat (19 for every SRD class).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub epic_boon_level: Option<u8>,
    /// Level at which the subclass is chosen.
    pub subclass_level: u8,
    /// Number of weapon masteries per class level (20 values), absent for classes without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weapon_mastery: Option<Vec<u8>>,
    /// Features in level order.
    pub features: Vec<Feature>,
    /// Numeric resources with uses (Rage, Bardic Inspiration, Channel Divinity…).
    #[serde(default)]
    pub counters: Vec<Counter>,
    /// Other table columns, as text per level (Rage Damage `+2`, Martial Arts `1d6`, Sneak Attack `1d6`).
    #[serde(default)]
    pub columns: Vec<Column>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spellcasting: Option<Spellcasting>,
    /// Number of fixed expertise picks per class level, when the class grants Expertise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub expertise_levels: Vec<ExpertiseGrant>,
    /// Starting equipment options: a list of alternatives (A, B…), each items + gold.
    #[serde(default)]
    pub starting_equipment: Vec<EquipmentOption>,
    /// Spells the class itself always has prepared from a class level on (Paladin's Divine Smite).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub always_prepared: Vec<LeveledSpells>,
}

/// A minimum score in one ability.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AbilityMin {
    pub ability: Ability,
    pub min: u8,
}

/// Tools a class or background trains in.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ToolTraining {
    /// Tool ids trained outright.
    #[serde(default)]
    pub fixed: Vec<String>,
    /// Choices: pick `count` from tool ids or tool categories (`musical-instrument`, `artisans-tools`, `gaming-set`).
    #[serde(default)]
    pub choices: Vec<ToolChoice>,
}

/// Pick `count` tools from these ids or categories.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ToolChoice {
    pub count: u8,
    pub from: Vec<String>,
}

/// Pick `count` skills from `from` (empty `from` means any skill).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SkillChoice {
    pub count: u8,
    #[serde(default)]
    pub from: Vec<Skill>,
}

/// What multiclassing into a class grants.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MulticlassProficiencies {
    #[serde(default)]
    pub armor_training: Vec<ArmorCategory>,
    #[serde(default)]
    pub weapon_training: Vec<WeaponTraining>,
    #[serde(default)]
    pub tool_training: ToolTraining,
    /// Skills: pick this many (from the class list, or any skill when `any_skill`).
    #[serde(default)]
    pub skills: u8,
    #[serde(default)]
    pub any_skill: bool,
}

/// A class or subclass feature gained at a level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Feature {
    pub id: String,
    pub name: String,
    pub level: u8,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub effects: Vec<Effect>,
    /// The key under which a level records the pick among `options` (`divine-order`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub choice: Option<String>,
    /// Alternatives the player picks one of, each with its own effects.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<FeatureOption>,
    /// A choice key whose comma-separated spell ids the feature keeps always prepared
    /// (Spell Mastery, Signature Spells).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prepared_from_choice: Option<String>,
}

/// One alternative of a feature with a choice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FeatureOption {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub effects: Vec<Effect>,
}

/// A numeric resource per class level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Counter {
    pub id: String,
    pub name: String,
    /// Uses at each class level (20 values; 0 before the class has it).
    /// Ignored when `uses` names an ability or the proficiency bonus.
    #[serde(default)]
    pub values: Vec<u32>,
    /// How the maximum is counted when not from `values`.
    #[serde(default)]
    pub uses: CounterUses,
    /// First class level with the counter (for `uses` other than `table`).
    #[serde(default = "one")]
    pub from_level: u8,
    pub recharge: Recharge,
}

fn one() -> u8 {
    1
}

/// Where a counter's maximum comes from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CounterUses {
    /// From `values`.
    #[default]
    Table,
    /// Equal to an ability modifier (minimum 1), e.g. Bardic Inspiration = Cha modifier.
    AbilityModifier(Ability),
    /// Equal to the proficiency bonus.
    ProficiencyBonus,
    /// Equal to the class level times a factor (Lay on Hands: 5 × Paladin level).
    ClassLevelTimes(u32),
}

/// When expended uses come back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Recharge {
    ShortRest,
    LongRest,
    /// One use back on a short rest, all on a long rest (Rage, Channel Divinity in 2024).
    OneOnShortAllOnLong,
    Turn,
    Never,
}

/// A text column of the class table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Column {
    pub id: String,
    pub name: String,
    /// 20 values, `""` or `"-"` before the class has it.
    pub values: Vec<String>,
}

/// How a class casts spells.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Spellcasting {
    pub ability: Ability,
    pub progression: Progression,
    /// Cantrips known at each class level (20 values).
    #[serde(default)]
    pub cantrips: Vec<u8>,
    /// Prepared spells at each class level (20 values).
    pub prepared: Vec<u8>,
    /// The spell list's id (usually the class id).
    pub spell_list: String,
    /// Pact Magic slots per class level (Warlock only): 20 entries.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pact_slots: Vec<PactRow>,
    /// Can cast its prepared ritual spells as rituals.
    #[serde(default)]
    pub ritual_casting: bool,
    /// Keeps a spellbook (Wizard).
    #[serde(default)]
    pub spellbook: bool,
}

/// Caster progression for spell slots.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Progression {
    /// Caster level = class level.
    Full,
    /// Caster level = class level / 2, rounded up (2024 Paladin and Ranger).
    Half,
    /// Caster level = class level / 3, rounded down.
    Third,
    /// Pact Magic: its own slots, never added to the multiclass caster level.
    Pact,
}

/// Pact Magic at one Warlock level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PactRow {
    pub slots: u8,
    pub slot_level: u8,
}

/// At `level`, choose expertise in `count` skills.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExpertiseGrant {
    pub level: u8,
    pub count: u8,
}

/// One starting-equipment alternative.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EquipmentOption {
    #[serde(default)]
    pub items: Vec<ItemQuantity>,
    #[serde(default)]
    pub gp: u32,
}

/// An item id and a count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemQuantity {
    pub item: String,
    #[serde(default = "one_u32")]
    pub quantity: u32,
}

fn one_u32() -> u32 {
    1
}

/// A subclass.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SubclassDef {
    pub id: String,
    pub name: String,
    /// The class id it belongs to.
    pub class: String,
    pub features: Vec<Feature>,
    /// Spells always prepared from a class level on (Domain, Oath, Circle, Patron spells).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub always_prepared: Vec<LeveledSpells>,
    /// Limited-use resources of the subclass, counted by the class's level.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub counters: Vec<Counter>,
}

/// Spells gained at a class level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LeveledSpells {
    pub level: u8,
    pub spells: Vec<String>,
    /// Only when a level choice has this value, written `key=value` (`land=arid`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
}

impl Spellcasting {
    /// Highest spell level of the class's own table at a class level (Pact Magic: the slot
    /// level); 0 before the class casts level 1+ spells.
    pub fn max_spell_level(&self, class_level: u32) -> u8 {
        if self.progression == Progression::Pact {
            let row = self.pact_slots.get(class_level.clamp(1, 20) as usize - 1);
            return row.map_or(0, |r| r.slot_level);
        }
        let part = crate::derive::caster_level_part(self.progression, class_level, false);
        crate::rules::tables::spell_slots(part)
            .iter()
            .rposition(|n| *n > 0)
            .map_or(0, |k| k as u8 + 1)
    }

    /// A per-level column value (cantrips or prepared) at a class level (0 outside 1..=20).
    pub fn at(column: &[u8], class_level: u32) -> u32 {
        match class_level {
            1..=20 => column.get(class_level as usize - 1).copied().unwrap_or(0) as u32,
            _ => 0,
        }
    }
}

/// Whether a feature id names the feature `name`: the id itself, or a class- or
/// subclass-prefixed id (`fighter-fighting-style` ~ `fighting-style`).
pub fn is_feature(id: &str, name: &str) -> bool {
    id == name
        || (id.len() > name.len()
            && id.ends_with(name)
            && id.as_bytes()[id.len() - name.len() - 1] == b'-')
}
