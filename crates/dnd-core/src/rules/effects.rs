//! Declarative mechanical effects that features, traits, feats and items carry.
//!
//! The derivation reads these instead of matching on ids, so a homebrew feature that says
//! `{"type": "ac_formula", ...}` works exactly like the Barbarian's Unarmored Defense.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::{Ability, DamageType, Skill, SpeedMode};

/// One mechanical effect. Written as an object with a `type` tag.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Effect {
    /// An alternative base AC: `base + sum(abilities)`, e.g. Unarmored Defense (10 + Dex + Con).
    /// `armor_allowed`: whether it works while wearing body armor (never for the SRD ones).
    /// `shield_allowed`: whether a shield may be used with it.
    AcFormula {
        base: i32,
        abilities: Vec<Ability>,
        #[serde(default)]
        armor_allowed: bool,
        #[serde(default = "yes")]
        shield_allowed: bool,
    },
    /// A flat AC bonus, e.g. the Defense fighting style (+1 while wearing armor).
    AcBonus {
        amount: i32,
        #[serde(default)]
        requires_armor: bool,
    },
    /// Extra speed, e.g. Fast Movement (+10 ft unless in heavy armor).
    /// `by_level`, when present, replaces `amount` with the value at the class level (index 0 = level 1).
    SpeedBonus {
        #[serde(default = "walk")]
        mode: SpeedMode,
        #[serde(default)]
        amount: i32,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        by_level: Vec<i32>,
        #[serde(default)]
        unless: SpeedCondition,
    },
    /// A movement mode other than walking, equal to a number or to the walking speed.
    Speed {
        mode: SpeedMode,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        feet: Option<i32>,
        #[serde(default)]
        equal_to_walk: bool,
    },
    /// Extra hit points per level: per character level, or per level of the class granting it.
    HitPointsPerLevel {
        amount: i32,
        #[serde(default)]
        per: HpPer,
    },
    /// Proficiency in saving throws.
    SaveProficiency { abilities: Vec<Ability> },
    /// Proficiency in fixed skills.
    SkillProficiency { skills: Vec<Skill> },
    /// Expertise in fixed skills.
    SkillExpertise { skills: Vec<Skill> },
    /// Half proficiency bonus (rounded down) on ability checks without proficiency (Jack of All Trades).
    HalfProficiencyOnChecks,
    /// Add the proficiency bonus to initiative (Alert).
    InitiativeProficiency,
    /// Add a flat amount to initiative.
    InitiativeBonus { amount: i32 },
    /// Raise an ability score, up to `max` (Primal Champion: Str and Con +4, max 25).
    AbilityIncrease {
        abilities: Vec<Ability>,
        amount: i32,
        max: i32,
    },
    /// A bonus to attack rolls with ranged weapons (Archery).
    RangedWeaponAttackBonus { amount: i32 },
    /// Darkvision out to `range` feet.
    Darkvision { range: i32 },
    /// Resistance to a damage type.
    Resistance { damage: DamageType },
    /// Count as one size larger for carrying capacity (Powerful Build).
    CarryAsLarger,
    /// Number of attacks when taking the Attack action.
    ExtraAttack { attacks: u8 },
    /// Armor training.
    ArmorTraining { armor: Vec<super::ArmorCategory> },
    /// Weapon training.
    WeaponTraining { weapons: Vec<super::WeaponTraining> },
    /// Unarmed strikes and Monk weapons use this die column and may use Dexterity.
    MartialArts { column: String },
    /// Add the Wisdom, Charisma… modifier to the damage of cantrips of this class (Potent Spellcasting).
    CantripDamageAbility,
    /// More cantrips known for the class granting it (Divine Order: Thaumaturge).
    ExtraCantrips { count: u8 },
    /// Add an ability modifier (at least `min`) to checks with these skills (Thaumaturge adds
    /// Wisdom to Arcana and Religion).
    SkillAbilityBonus {
        skills: Vec<Skill>,
        ability: Ability,
        #[serde(default)]
        min: i32,
    },
    /// A number a feature shows, for information only.
    Note { text: String },
}

fn yes() -> bool {
    true
}

fn walk() -> SpeedMode {
    SpeedMode::Walk
}

/// When a speed bonus does not apply.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SpeedCondition {
    /// Always applies.
    #[default]
    Never,
    /// Not while wearing heavy armor.
    HeavyArmor,
    /// Not while wearing any armor or wielding a shield.
    ArmorOrShield,
}

/// What a per-level hit point bonus counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum HpPer {
    /// Every character level.
    #[default]
    CharacterLevel,
    /// Every level of the class (or subclass's class) that grants the effect.
    ClassLevel,
}
