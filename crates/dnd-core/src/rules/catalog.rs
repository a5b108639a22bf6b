//! Pack format: spells, equipment, magic items, creatures, conditions, languages.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Effect;
use crate::model::{Ability, DamageType, School, Size};

/// A spell, as facts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SpellDef {
    pub id: String,
    pub name: String,
    /// 0 for cantrips.
    pub level: u8,
    pub school: School,
    /// `action`, `bonus-action`, `reaction`, `1-minute`, `10-minutes`, `1-hour`, `8-hours`, `12-hours`, `24-hours`.
    pub casting_time: String,
    /// `self`, `touch`, `sight`, `unlimited`, or a distance like `120 feet` / `1 mile`.
    pub range: String,
    pub components: Components,
    /// `instantaneous`, `1 round`, `1 minute`, `10 minutes`, `1 hour`, `8 hours`, `24 hours`, `7 days`,
    /// `10 days`, `30 days`, `until dispelled`, `until dispelled or triggered`, `special`.
    pub duration: String,
    pub ritual: bool,
    pub concentration: bool,
    /// Class ids whose spell list has this spell.
    pub classes: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub damage_types: Vec<DamageType>,
    /// Saving throw the spell calls for, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub save: Option<Ability>,
    #[serde(default)]
    pub attack: bool,
    /// The damage dice at the spell's own level (`8d6`), when it deals damage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub damage: Option<String>,
}

/// Verbal, somatic, material.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Components {
    pub verbal: bool,
    pub somatic: bool,
    pub material: bool,
    /// The material component, as a short noun phrase (only for priced or consumed ones).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub material_text: Option<String>,
    /// Cost in gp when the material has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub material_cost_gp: Option<f64>,
    #[serde(default)]
    pub material_consumed: bool,
}

/// Simple or martial.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum WeaponCategory {
    Simple,
    Martial,
}

/// Weapon properties.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum WeaponProperty {
    Ammunition,
    Finesse,
    Heavy,
    Light,
    Loading,
    Range,
    Reach,
    Thrown,
    TwoHanded,
    Versatile,
}

/// Weapon mastery properties.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Mastery {
    Cleave,
    Graze,
    Nick,
    Push,
    Sap,
    Slow,
    Topple,
    Vex,
}

/// Training in a set of weapons: a category, optionally only those with one of some properties
/// (Rogue: martial weapons with Finesse or Light), or explicit weapon ids.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WeaponTraining {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<WeaponCategory>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub with_property_any: Vec<WeaponProperty>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub weapons: Vec<String>,
}

/// A weapon.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WeaponDef {
    pub id: String,
    pub name: String,
    pub category: WeaponCategory,
    /// `melee` or `ranged`.
    pub kind: WeaponKind,
    /// Damage dice like `1d8` (`1` for a blowgun).
    pub damage: String,
    pub damage_type: DamageType,
    pub properties: Vec<WeaponProperty>,
    /// Two-handed damage for Versatile weapons.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub versatile_damage: Option<String>,
    /// Normal and long range in feet, for Range and Thrown weapons.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<(u32, u32)>,
    /// Ammunition id for Ammunition weapons (`arrow`, `bolt`, `needle`, `bullet-sling`, `bullet-firearm`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ammunition: Option<String>,
    pub mastery: Mastery,
    pub weight_lb: f64,
    pub cost_gp: f64,
}

/// Melee or ranged weapon.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum WeaponKind {
    Melee,
    Ranged,
}

/// Armor categories (and shields).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ArmorCategory {
    Light,
    Medium,
    Heavy,
    Shield,
}

/// Armor or a shield.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ArmorDef {
    pub id: String,
    pub name: String,
    pub category: ArmorCategory,
    /// Base AC (for a shield: the bonus, 2).
    pub base_ac: i32,
    /// Whether the Dexterity modifier is added.
    pub dex_bonus: bool,
    /// Maximum Dexterity modifier added (2 for medium armor), `null` for no cap.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dex_cap: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strength_requirement: Option<u8>,
    pub stealth_disadvantage: bool,
    pub weight_lb: f64,
    pub cost_gp: f64,
    /// Minutes to don and doff.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub don_minutes: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doff_minutes: Option<u32>,
}

/// Adventuring gear, ammunition, packs, containers, focuses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GearDef {
    pub id: String,
    pub name: String,
    /// `adventuring-gear`, `ammunition`, `arcane-focus`, `druidic-focus`, `holy-symbol`,
    /// `equipment-pack`, `container`…
    pub category: String,
    pub cost_gp: f64,
    pub weight_lb: f64,
    /// For containers: what it can hold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<Capacity>,
    /// For packs: the contents.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contents: Vec<super::ItemQuantity>,
    /// How many come for the cost (20 arrows).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bundle: Option<u32>,
}

/// A container's capacity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Capacity {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight_lb: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cubic_feet: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gallons: Option<f64>,
}

/// A tool.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ToolDef {
    pub id: String,
    pub name: String,
    /// `artisans-tools`, `gaming-set`, `musical-instrument`, `other`.
    pub category: String,
    pub ability: Ability,
    pub cost_gp: f64,
    pub weight_lb: f64,
}

/// Magic item rarities.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Rarity {
    Common,
    Uncommon,
    Rare,
    VeryRare,
    Legendary,
    Artifact,
    /// Rarity depends on the variant.
    Varies,
}

/// A magic item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MagicItemDef {
    pub id: String,
    pub name: String,
    /// `armor`, `potion`, `ring`, `rod`, `scroll`, `staff`, `wand`, `weapon`, `wondrous-item`.
    pub category: String,
    pub rarity: Rarity,
    pub attunement: bool,
    /// Who may attune, when restricted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attunement_requirement: Option<AttunementRequirement>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub effects: Vec<Effect>,
}

/// A restriction on attunement.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AttunementRequirement {
    /// Any of these classes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub classes: Vec<String>,
    /// Any of these species.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub species: Vec<String>,
    /// Alignment words (`good`, `evil`, `lawful`, …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alignment: Vec<String>,
    #[serde(default)]
    pub spellcaster: bool,
    /// The requirement as the SRD states it, shortened (`by a Cleric or Paladin`).
    pub text: String,
}

/// A creature's facts used for encounters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CreatureDef {
    pub id: String,
    pub name: String,
    pub size: Size,
    /// `aberration`, `beast`, `celestial`, `construct`, `dragon`, `elemental`, `fey`, `fiend`,
    /// `giant`, `humanoid`, `monstrosity`, `ooze`, `plant`, `undead`.
    pub creature_type: String,
    /// Challenge rating as text (`0`, `1/8`, `1/4`, `1/2`, `1` … `30`).
    pub cr: String,
    pub xp: u32,
    pub armor_class: i32,
    pub hit_points: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hit_dice: Option<String>,
    pub alignment: String,
}

/// A condition (the 15 of the SRD).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConditionDef {
    pub id: String,
    pub name: String,
}

/// A language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LanguageDef {
    pub id: String,
    pub name: String,
    pub rare: bool,
}

macro_rules! keys {
    ($t:ty { $($v:ident => $k:literal),* $(,)? }) => {
        impl $t {
            /// The file spelling of this value.
            pub fn key(self) -> &'static str {
                match self { $(Self::$v => $k),* }
            }
        }
    };
}
keys!(ArmorCategory { Light => "light", Medium => "medium", Heavy => "heavy", Shield => "shield" });
keys!(Mastery {
    Cleave => "cleave", Graze => "graze", Nick => "nick", Push => "push", Sap => "sap", Slow => "slow",
    Topple => "topple", Vex => "vex",
});
keys!(WeaponProperty {
    Ammunition => "ammunition", Finesse => "finesse", Heavy => "heavy", Light => "light",
    Loading => "loading", Range => "range", Reach => "reach", Thrown => "thrown",
    TwoHanded => "two-handed", Versatile => "versatile",
});
keys!(crate::model::DamageType {
    Acid => "acid", Bludgeoning => "bludgeoning", Cold => "cold", Fire => "fire", Force => "force",
    Lightning => "lightning", Necrotic => "necrotic", Piercing => "piercing", Poison => "poison",
    Psychic => "psychic", Radiant => "radiant", Slashing => "slashing", Thunder => "thunder",
});
