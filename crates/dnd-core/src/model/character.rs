//! The character file: the player's decisions, never derived numbers.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Ability, Coins, Die, Size, Skill};

/// Current version of the character file format.
pub const CHARACTER_FORMAT: u32 = 1;

/// A character, as the decisions its player made.
#[derive(Debug, Clone, PartialEq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Character {
    /// File format version (currently 1).
    #[serde(default = "format_v1")]
    pub format: u32,
    /// Stable id, assigned by a store; absent in a new file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub name: String,
    pub species: SpeciesChoice,
    pub background: BackgroundChoice,
    pub abilities: AbilityChoice,
    /// Class levels in the order taken (the first entry is level 1 of the first class).
    pub levels: Vec<LevelChoice>,
    /// Choices of origin that are neither species nor background: languages, extra origin feat.
    #[serde(default)]
    pub origin: OriginChoice,
    #[serde(default)]
    pub inventory: Inventory,
    #[serde(default)]
    pub state: PlayState,
    #[serde(default)]
    pub details: Details,
    /// The theme the character wears and what it changed (absent: none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<crate::history::ThemeState>,
}

fn format_v1() -> u32 {
    CHARACTER_FORMAT
}

/// Species and its choices.
#[derive(Debug, Clone, PartialEq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SpeciesChoice {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lineage: Option<String>,
    /// For species that offer a choice of size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<Size>,
    /// Skills picked through the species (Human Skillful, Elf Keen Senses).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skills: Vec<Skill>,
    /// Spellcasting ability chosen for lineage spells.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spellcasting_ability: Option<Ability>,
}

/// Background and its choices.
#[derive(Debug, Clone, PartialEq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BackgroundChoice {
    pub id: String,
    /// The +2/+1 or +1/+1/+1 increase among the background's three abilities.
    pub ability_increases: BTreeMap<Ability, i32>,
    /// Tool picked when the background offers a choice.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tools: Vec<String>,
    /// Choices the origin feat needs (Magic Initiate's cantrips and spell).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feat: Option<FeatChoice>,
}

/// How base scores were made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AbilityMethod {
    StandardArray,
    PointBuy,
    Roll,
    Manual,
}

/// Ability scores before background and feats.
#[derive(Debug, Clone, PartialEq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AbilityChoice {
    pub method: AbilityMethod,
    pub base: AbilityScores,
    /// The recorded 4d6 rolls (each four dice), when the method is `roll`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rolls: Vec<[u8; 4]>,
}

/// Six scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AbilityScores {
    pub str: i32,
    pub dex: i32,
    pub con: i32,
    pub int: i32,
    pub wis: i32,
    pub cha: i32,
}

impl AbilityScores {
    /// As an array in [`Ability::ALL`] order.
    pub fn to_array(self) -> [i32; 6] {
        [self.str, self.dex, self.con, self.int, self.wis, self.cha]
    }

    /// From an array in [`Ability::ALL`] order.
    pub fn from_array(a: [i32; 6]) -> Self {
        AbilityScores {
            str: a[0],
            dex: a[1],
            con: a[2],
            int: a[3],
            wis: a[4],
            cha: a[5],
        }
    }

    /// One score.
    pub fn get(&self, a: Ability) -> i32 {
        self.to_array()[a.index()]
    }
}

/// One class level and the choices made when taking it.
#[derive(Debug, Clone, PartialEq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LevelChoice {
    pub class: String,
    /// The subclass, recorded at the level it is chosen (and optional afterwards).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subclass: Option<String>,
    /// Hit points gained: the recorded roll, or absent for the fixed average
    /// (and the maximum at the character's first level).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hp_roll: Option<u32>,
    /// The feat taken at an ASI or Epic Boon level, or a fighting style feat.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub feats: Vec<FeatChoice>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skills: Vec<Skill>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub expertise: Vec<Skill>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tools: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<String>,
    /// Cantrips learned at this level.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cantrips: Vec<String>,
    /// Spells learned or prepared at this level (added to the spellbook for a Wizard).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub spells: Vec<String>,
    /// Weapon ids chosen for Weapon Mastery.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub masteries: Vec<String>,
    /// Other named choices (`divine-order: protector`, `primal-order: warden`, `land: arid`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub choices: BTreeMap<String, String>,
}

/// A feat and the choices it needs.
#[derive(Debug, Clone, PartialEq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FeatChoice {
    pub id: String,
    /// Ability increases the feat grants (ASI: `{str: 2}` or `{str: 1, con: 1}`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub abilities: BTreeMap<Ability, i32>,
    /// Other choices, each a list of ids (`cantrips`, `spells`, `skills`, `spell_list`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub choices: BTreeMap<String, Vec<String>>,
}

/// Origin choices outside species and background.
#[derive(Debug, Clone, Default, PartialEq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OriginChoice {
    /// Languages known besides Common (two standard ones at creation).
    #[serde(default)]
    pub languages: Vec<String>,
    /// The origin feat of a species that grants one (Human Versatile).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub species_feat: Option<FeatChoice>,
}

/// Items and money.
#[derive(Debug, Clone, Default, PartialEq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Inventory {
    #[serde(default)]
    pub items: Vec<InventoryItem>,
    #[serde(default)]
    pub currency: Coins,
}

/// One stack of items.
#[derive(Debug, Clone, PartialEq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InventoryItem {
    /// Catalog id (`longsword`), or a custom id when `custom` is set.
    pub item: String,
    /// Instance key, unique in this inventory; defaults to the item id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(default = "one")]
    pub quantity: u32,
    #[serde(default)]
    pub equipped: bool,
    #[serde(default)]
    pub attuned: bool,
    #[serde(default)]
    pub location: Location,
    /// A display name (a named sword).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// A custom item not in any pack.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom: Option<CustomItem>,
    /// The themed variant this entry shows (`item` stays the root id): `{theme}:{root}` or the
    /// id the theme's replacement gives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
}

fn one() -> u32 {
    1
}

impl InventoryItem {
    /// The instance key: `key`, or the item id when no key is set.
    pub fn instance_key(&self) -> &str {
        self.key.as_deref().unwrap_or(&self.item)
    }
}

/// Where an item is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Location {
    /// On the character (counts toward encumbrance).
    #[default]
    Carried,
    /// Left somewhere (does not count).
    Stored,
    /// Inside a container item of this inventory, by its key.
    In(String),
}

/// A custom item's facts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CustomItem {
    #[serde(default)]
    pub weight_lb: f64,
    #[serde(default)]
    pub cost_gp: f64,
    #[serde(default)]
    pub requires_attunement: bool,
}

/// The state of play: what changes at the table.
#[derive(Debug, Clone, Default, PartialEq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlayState {
    /// Current hit points; absent means at maximum.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hp: Option<i32>,
    #[serde(default)]
    pub temp_hp: i32,
    /// Hit dice spent, by die.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub hit_dice_spent: BTreeMap<Die, u32>,
    /// Spell slots spent of levels 1–9.
    #[serde(default, skip_serializing_if = "is_zero9")]
    pub slots_spent: [u8; 9],
    #[serde(default)]
    pub pact_slots_spent: u8,
    /// Class counter uses spent, by counter id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub counters_spent: BTreeMap<String, u32>,
    /// Condition ids.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<String>,
    #[serde(default)]
    pub exhaustion: u8,
    #[serde(default)]
    pub death_saves: DeathSaves,
    #[serde(default)]
    pub heroic_inspiration: bool,
    /// The spell being concentrated on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concentration: Option<String>,
    /// Prepared spells per class id (for classes that change them).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub prepared: BTreeMap<String, Vec<String>>,
}

fn is_zero9(a: &[u8; 9]) -> bool {
    a.iter().all(|x| *x == 0)
}

/// Death saving throws.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DeathSaves {
    #[serde(default)]
    pub successes: u8,
    #[serde(default)]
    pub failures: u8,
}

/// Story details.
#[derive(Debug, Clone, Default, PartialEq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Details {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alignment: Option<String>,
    #[serde(default)]
    pub xp: u32,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub appearance: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub personality_traits: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ideals: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bonds: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flaws: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub backstory: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age: Option<u32>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub player: String,
}

impl Character {
    /// Parses a character file; a syntax or shape error carries line and column.
    pub fn from_json(text: &str) -> crate::Result<Character> {
        serde_json::from_str(text).map_err(|e| crate::Error::from_serde(&e))
    }

    /// Total character level.
    pub fn level(&self) -> u32 {
        self.levels.len() as u32
    }
}

impl std::hash::Hash for CustomItem {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.weight_lb.to_bits().hash(h);
        self.cost_gp.to_bits().hash(h);
        self.requires_attunement.hash(h);
    }
}
