//! Small closed vocabularies shared by the rules pack, the character file and the sheet.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One of the six abilities, written `str`, `dex`, `con`, `int`, `wis`, `cha`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Ability {
    Str,
    Dex,
    Con,
    Int,
    Wis,
    Cha,
}

impl Ability {
    /// All six, in sheet order.
    pub const ALL: [Ability; 6] = [
        Ability::Str,
        Ability::Dex,
        Ability::Con,
        Ability::Int,
        Ability::Wis,
        Ability::Cha,
    ];

    /// Position in [`Ability::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The short key used in files (`str`).
    pub fn key(self) -> &'static str {
        ["str", "dex", "con", "int", "wis", "cha"][self.index()]
    }

    /// The full English name (`Strength`).
    pub fn name(self) -> &'static str {
        [
            "Strength",
            "Dexterity",
            "Constitution",
            "Intelligence",
            "Wisdom",
            "Charisma",
        ][self.index()]
    }

    /// Parses `str`, `strength`, `STR`…
    pub fn parse(s: &str) -> Option<Ability> {
        let l = s.trim().to_ascii_lowercase();
        Ability::ALL
            .into_iter()
            .find(|a| a.key() == l || a.name().eq_ignore_ascii_case(&l))
    }
}

/// The ability modifier for a score: `floor((score - 10) / 2)`.
pub fn modifier(score: i32) -> i32 {
    (score - 10).div_euclid(2)
}

/// The 18 skills, written in snake_case (`animal_handling`, `sleight_of_hand`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Skill {
    Acrobatics,
    AnimalHandling,
    Arcana,
    Athletics,
    Deception,
    History,
    Insight,
    Intimidation,
    Investigation,
    Medicine,
    Nature,
    Perception,
    Performance,
    Persuasion,
    Religion,
    SleightOfHand,
    Stealth,
    Survival,
}

impl Skill {
    /// All 18, alphabetical.
    pub const ALL: [Skill; 18] = [
        Skill::Acrobatics,
        Skill::AnimalHandling,
        Skill::Arcana,
        Skill::Athletics,
        Skill::Deception,
        Skill::History,
        Skill::Insight,
        Skill::Intimidation,
        Skill::Investigation,
        Skill::Medicine,
        Skill::Nature,
        Skill::Perception,
        Skill::Performance,
        Skill::Persuasion,
        Skill::Religion,
        Skill::SleightOfHand,
        Skill::Stealth,
        Skill::Survival,
    ];

    /// Position in [`Skill::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The ability a check with this skill uses.
    pub fn ability(self) -> Ability {
        use Ability::*;
        use Skill::*;
        match self {
            Athletics => Str,
            Acrobatics | SleightOfHand | Stealth => Dex,
            Arcana | History | Investigation | Nature | Religion => Int,
            AnimalHandling | Insight | Medicine | Perception | Survival => Wis,
            Deception | Intimidation | Performance | Persuasion => Cha,
        }
    }

    /// The snake_case key (`sleight_of_hand`).
    pub fn key(self) -> &'static str {
        SKILL_KEYS[self.index()]
    }

    /// The English name (`Sleight of Hand`).
    pub fn name(self) -> &'static str {
        SKILL_NAMES[self.index()]
    }

    /// Parses `sleight_of_hand`, `sleight-of-hand` or `Sleight of Hand`.
    pub fn parse(s: &str) -> Option<Skill> {
        let k = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        Skill::ALL.into_iter().find(|sk| sk.key() == k)
    }
}

const SKILL_KEYS: [&str; 18] = [
    "acrobatics",
    "animal_handling",
    "arcana",
    "athletics",
    "deception",
    "history",
    "insight",
    "intimidation",
    "investigation",
    "medicine",
    "nature",
    "perception",
    "performance",
    "persuasion",
    "religion",
    "sleight_of_hand",
    "stealth",
    "survival",
];

const SKILL_NAMES: [&str; 18] = [
    "Acrobatics",
    "Animal Handling",
    "Arcana",
    "Athletics",
    "Deception",
    "History",
    "Insight",
    "Intimidation",
    "Investigation",
    "Medicine",
    "Nature",
    "Perception",
    "Performance",
    "Persuasion",
    "Religion",
    "Sleight of Hand",
    "Stealth",
    "Survival",
];

/// Creature size.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Size {
    Tiny,
    Small,
    Medium,
    Large,
    Huge,
    Gargantuan,
}

impl Size {
    /// Carrying capacity multiplier in pounds per point of Strength (2024: Tiny 7.5, Small/Medium 15,
    /// Large 30, Huge 60, Gargantuan 120), times two to stay integral.
    pub fn carry_factor_x2(self) -> i32 {
        match self {
            Size::Tiny => 15,
            Size::Small | Size::Medium => 30,
            Size::Large => 60,
            Size::Huge => 120,
            Size::Gargantuan => 240,
        }
    }

    /// One size larger (Gargantuan stays).
    pub fn larger(self) -> Size {
        match self {
            Size::Tiny => Size::Small,
            Size::Small => Size::Medium,
            Size::Medium => Size::Large,
            Size::Large => Size::Huge,
            Size::Huge | Size::Gargantuan => Size::Gargantuan,
        }
    }
}

/// A hit die or damage die size.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Die {
    D4,
    D6,
    D8,
    D10,
    D12,
    D20,
}

impl Die {
    /// Number of faces.
    pub fn faces(self) -> u32 {
        match self {
            Die::D4 => 4,
            Die::D6 => 6,
            Die::D8 => 8,
            Die::D10 => 10,
            Die::D12 => 12,
            Die::D20 => 20,
        }
    }

    /// The fixed average the 2024 rules use when levelling (`faces / 2 + 1`).
    pub fn fixed_average(self) -> u32 {
        self.faces() / 2 + 1
    }

    /// From a face count.
    pub fn from_faces(n: u32) -> Option<Die> {
        Some(match n {
            4 => Die::D4,
            6 => Die::D6,
            8 => Die::D8,
            10 => Die::D10,
            12 => Die::D12,
            20 => Die::D20,
            _ => return None,
        })
    }

    /// `d8`.
    pub fn key(self) -> &'static str {
        match self {
            Die::D4 => "d4",
            Die::D6 => "d6",
            Die::D8 => "d8",
            Die::D10 => "d10",
            Die::D12 => "d12",
            Die::D20 => "d20",
        }
    }
}

/// Movement modes.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum SpeedMode {
    Walk,
    Burrow,
    Climb,
    Fly,
    Swim,
}

/// Damage types.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum DamageType {
    Acid,
    Bludgeoning,
    Cold,
    Fire,
    Force,
    Lightning,
    Necrotic,
    Piercing,
    Poison,
    Psychic,
    Radiant,
    Slashing,
    Thunder,
}

/// Schools of magic.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum School {
    Abjuration,
    Conjuration,
    Divination,
    Enchantment,
    Evocation,
    Illusion,
    Necromancy,
    Transmutation,
}

/// Money, in the five SRD coins.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub struct Coins {
    #[serde(default)]
    pub cp: i64,
    #[serde(default)]
    pub sp: i64,
    #[serde(default)]
    pub ep: i64,
    #[serde(default)]
    pub gp: i64,
    #[serde(default)]
    pub pp: i64,
}

impl Coins {
    /// Total value in copper pieces (1 sp = 10 cp, 1 ep = 50 cp, 1 gp = 100 cp, 1 pp = 1,000 cp).
    pub fn in_copper(&self) -> i64 {
        self.cp
            .saturating_add(self.sp.saturating_mul(10))
            .saturating_add(self.ep.saturating_mul(50))
            .saturating_add(self.gp.saturating_mul(100))
            .saturating_add(self.pp.saturating_mul(1000))
    }

    /// Number of coins (50 coins weigh a pound).
    pub fn count(&self) -> i64 {
        [self.sp, self.ep, self.gp, self.pp]
            .iter()
            .fold(self.cp, |a, b| a.saturating_add(*b))
    }
}

/// The serde name of a unit enum value (`ArmorCategory::Heavy` → `heavy`).
pub fn key_of<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}
