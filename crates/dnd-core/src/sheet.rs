//! The derived character sheet: a public JSON contract. Every number here is computed by
//! [`crate::derive`]; none is stored in the character file.

use std::borrow::Cow;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::Size;

/// Text in the sheet: borrowed from the rules and the character when derived, owned after
/// [`Sheet::into_owned`] or deserialization.
pub type Text<'a> = Cow<'a, str>;

/// The whole derived sheet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Sheet<'a> {
    pub name: Text<'a>,
    pub level: u32,
    pub classes: Vec<ClassLine<'a>>,
    pub species: Text<'a>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lineage: Option<Text<'a>>,
    pub background: Text<'a>,
    pub size: Size,
    pub proficiency_bonus: i32,
    pub abilities: Abilities,
    pub skills: Skills,
    pub passive: Passive,
    pub armor_class: i32,
    pub initiative: i32,
    pub speed: Speeds,
    pub hit_points: HitPoints,
    pub hit_dice: HitDice,
    pub spellcasting: Option<SpellcastingSheet<'a>>,
    /// Pounds the character can carry.
    pub carrying_capacity: i32,
    /// Pounds carried (items not stored, plus coins at 50 per pound).
    pub carried_weight: f64,
    pub attunement: Attunement,
    pub attacks: Vec<Attack<'a>>,
    /// Attacks per Attack action.
    pub attacks_per_action: u8,
    pub conditions: Vec<Text<'a>>,
    pub exhaustion: u8,
    /// Penalty to every D20 Test from exhaustion (−2 per level).
    pub d20_penalty: i32,
    pub proficiencies: Proficiencies<'a>,
    pub features: Vec<FeatureLine<'a>>,
    pub counters: Vec<CounterLine<'a>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resistances: Vec<Text<'a>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub darkvision: Option<i32>,
    pub heroic_inspiration: bool,
    pub death_saves: crate::model::DeathSaves,
    pub xp: u32,
}

/// One class and its level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ClassLine<'a> {
    pub class: Text<'a>,
    pub subclass: Option<Text<'a>>,
    pub level: u32,
}

/// One ability's numbers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AbilityLine {
    pub score: i32,
    pub modifier: i32,
    pub save: i32,
    pub save_proficient: bool,
}

/// The six abilities.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Abilities {
    pub str: AbilityLine,
    pub dex: AbilityLine,
    pub con: AbilityLine,
    pub int: AbilityLine,
    pub wis: AbilityLine,
    pub cha: AbilityLine,
}

impl Abilities {
    /// By ability.
    pub fn get(&self, a: crate::model::Ability) -> &AbilityLine {
        [
            &self.str, &self.dex, &self.con, &self.int, &self.wis, &self.cha,
        ][a.index()]
    }

    /// By ability, mutable.
    pub fn get_mut(&mut self, a: crate::model::Ability) -> &mut AbilityLine {
        match a.index() {
            0 => &mut self.str,
            1 => &mut self.dex,
            2 => &mut self.con,
            3 => &mut self.int,
            4 => &mut self.wis,
            _ => &mut self.cha,
        }
    }
}

/// One skill's numbers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SkillLine {
    pub bonus: i32,
    pub proficient: bool,
    pub expertise: bool,
}

macro_rules! skills_struct {
    ($($f:ident),*) => {
        /// The 18 skills, keyed in snake_case.
        #[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
        pub struct Skills { $(pub $f: SkillLine,)* }

        impl Skills {
            /// By skill.
            pub fn get(&self, s: crate::model::Skill) -> &SkillLine {
                [$(&self.$f),*][s.index()]
            }
            /// By skill, mutable.
            pub fn get_mut(&mut self, s: crate::model::Skill) -> &mut SkillLine {
                let mut i = 0usize;
                $(
                    if i == s.index() { return &mut self.$f; }
                    i += 1;
                )*
                let _ = i;
                &mut self.survival
            }
        }
    };
}
skills_struct!(
    acrobatics,
    animal_handling,
    arcana,
    athletics,
    deception,
    history,
    insight,
    intimidation,
    investigation,
    medicine,
    nature,
    perception,
    performance,
    persuasion,
    religion,
    sleight_of_hand,
    stealth,
    survival
);

/// Passive scores.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Passive {
    pub perception: i32,
    pub investigation: i32,
    pub insight: i32,
}

/// Speeds in feet.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Speeds {
    pub walk: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub burrow: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub climb: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fly: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub swim: Option<i32>,
}

/// Hit points.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct HitPoints {
    pub max: i32,
    pub current: i32,
    pub temp: i32,
}

/// Hit dice of one size.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct HitDiceLine {
    pub total: u32,
    pub spent: u32,
}

/// Hit dice by size.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct HitDice {
    pub d6: HitDiceLine,
    pub d8: HitDiceLine,
    pub d10: HitDiceLine,
    pub d12: HitDiceLine,
}

/// Spellcasting across classes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SpellcastingSheet<'a> {
    pub classes: Vec<CasterLine<'a>>,
    /// Spell slots of levels 1–9 (the multiclass table when several classes cast).
    pub slots: [u8; 9],
    /// Spell slots spent of levels 1–9.
    pub slots_spent: [u8; 9],
    /// The caster level used for `slots`.
    pub caster_level: u32,
    /// Pact Magic, kept apart from `slots`.
    pub pact: Option<PactSlots>,
}

/// One spellcasting class.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CasterLine<'a> {
    pub class: Text<'a>,
    pub ability: crate::model::Ability,
    pub save_dc: i32,
    pub attack_bonus: i32,
    pub prepared_max: u32,
    pub cantrips_max: u32,
    /// Cantrips learned and spells learned or prepared through this class's levels.
    pub cantrips: Vec<Text<'a>>,
    pub spells: Vec<Text<'a>>,
    /// Spells always prepared through the subclass.
    pub always_prepared: Vec<Text<'a>>,
}

/// Pact Magic slots.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PactSlots {
    pub slots: u8,
    pub level: u8,
    pub spent: u8,
}

/// Attunement count.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Attunement {
    pub used: u32,
    pub max: u32,
}

/// One attack line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Attack<'a> {
    pub name: Text<'a>,
    /// The item id (`unarmed-strike` for an unarmed strike).
    pub item: Text<'a>,
    pub to_hit: i32,
    /// Damage as dice plus modifier (`1d8+3 slashing`).
    pub damage: Text<'a>,
    /// Two-handed damage of a Versatile weapon.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub versatile: Option<Text<'a>>,
    /// The mastery property, when the character has mastered this weapon.
    pub mastery: Option<Text<'a>>,
    pub proficient: bool,
    /// `5 ft`, `10 ft` (reach) or `80/320 ft`.
    pub range: Text<'a>,
}

/// Training and languages.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Proficiencies<'a> {
    pub armor: Vec<Text<'a>>,
    pub weapons: Vec<Text<'a>>,
    pub tools: Vec<Text<'a>>,
    pub languages: Vec<Text<'a>>,
}

/// A feature, trait or feat the character has.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FeatureLine<'a> {
    pub id: Text<'a>,
    pub name: Text<'a>,
    /// Where it comes from.
    pub source: FeatureSource,
    /// The class (for class and subclass features).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class: Option<Text<'a>>,
    /// The class level, or for species traits the character level, it is gained at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<u8>,
}

/// Where a feature comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FeatureSource {
    Class,
    Subclass,
    Species,
    /// The background's origin feat.
    Background,
    /// A feat taken with a level, or a species's origin feat.
    Feat,
    /// A feature of the theme the character wears.
    Theme,
}

/// A limited-use resource.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CounterLine<'a> {
    pub id: Text<'a>,
    pub name: Text<'a>,
    pub max: u32,
    pub spent: u32,
    pub recharge: crate::rules::Recharge,
}

fn own(t: Text<'_>) -> Text<'static> {
    Cow::Owned(t.into_owned())
}

fn own_all(v: Vec<Text<'_>>) -> Vec<Text<'static>> {
    v.into_iter().map(own).collect()
}

impl Sheet<'_> {
    /// A copy that borrows nothing, to keep beyond the rules and character it came from.
    pub fn into_owned(self) -> Sheet<'static> {
        Sheet {
            name: own(self.name),
            classes: self
                .classes
                .into_iter()
                .map(|c| ClassLine {
                    class: own(c.class),
                    subclass: c.subclass.map(own),
                    level: c.level,
                })
                .collect(),
            species: own(self.species),
            lineage: self.lineage.map(own),
            background: own(self.background),
            spellcasting: self.spellcasting.map(|s| SpellcastingSheet {
                classes: s
                    .classes
                    .into_iter()
                    .map(|c| CasterLine {
                        class: own(c.class),
                        cantrips: own_all(c.cantrips),
                        spells: own_all(c.spells),
                        always_prepared: own_all(c.always_prepared),
                        ..c
                    })
                    .collect(),
                ..s
            }),
            attacks: self
                .attacks
                .into_iter()
                .map(|a| Attack {
                    name: own(a.name),
                    item: own(a.item),
                    damage: own(a.damage),
                    versatile: a.versatile.map(own),
                    mastery: a.mastery.map(own),
                    range: own(a.range),
                    ..a
                })
                .collect(),
            conditions: own_all(self.conditions),
            proficiencies: Proficiencies {
                armor: own_all(self.proficiencies.armor),
                weapons: own_all(self.proficiencies.weapons),
                tools: own_all(self.proficiencies.tools),
                languages: own_all(self.proficiencies.languages),
            },
            features: self
                .features
                .into_iter()
                .map(|f| FeatureLine {
                    id: own(f.id),
                    name: own(f.name),
                    class: f.class.map(own),
                    ..f
                })
                .collect(),
            counters: self
                .counters
                .into_iter()
                .map(|c| CounterLine {
                    id: own(c.id),
                    name: own(c.name),
                    ..c
                })
                .collect(),
            resistances: own_all(self.resistances),
            ..self
        }
    }
}
