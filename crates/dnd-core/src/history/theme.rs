//! Themes: a genre dressing for a character (ability adjustments, features, item variants and
//! checks), loaded from packs like rules content, and what a character records of the one it
//! wears so that taking it off is exact.
//!
//! A themed item keeps its root catalog id in `item` and names its variant in `variant`; a
//! transition always re-themes from the root, never from another theme's variant.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::Ability;
use crate::rules::Effect;

/// The genre a theme belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Genre {
    /// Swords and sorcery.
    Fantasy,
    /// Chrome, neon and megacorps.
    Cyberpunk,
    /// The frontier.
    Western,
    /// Brass and steam.
    Steampunk,
    /// Dread.
    Horror,
    /// Starships and mystic orders.
    SpaceFantasy,
    /// After the fall.
    PostApocalyptic,
    /// Rain, smoke and crime.
    Noir,
    /// Anything else.
    Other,
}

/// How narration in this theme should read.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StyleGuide {
    /// Words that set the tone.
    #[serde(default)]
    pub keywords: Vec<String>,
    /// Colours, as names or `#rrggbb`.
    #[serde(default)]
    pub palette: Vec<String>,
    /// Words or ideas that break the theme.
    #[serde(default)]
    pub forbidden: Vec<String>,
}

/// A feature the theme grants while worn; its effects apply like a feat's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ThemeFeature {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub effects: Vec<Effect>,
}

/// A themed look of a root item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    /// Stable variant id; when absent it is `{theme}:{root}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub name: String,
    /// Weight in pounds, when it differs from the root item's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight_lb: Option<f64>,
    /// Cost in gold pieces, when it differs from the root item's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_gp: Option<f64>,
}

/// Every inventory entry of the root item `item` shows `variant` while the theme is worn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Replacement {
    /// The root catalog item id (`longsword`).
    pub item: String,
    pub variant: Variant,
}

impl Replacement {
    /// The variant's stable id in theme `theme`: its own id, else `{theme}:{root}`.
    pub fn variant_id(&self, theme: &str) -> String {
        self.variant
            .id
            .clone()
            .unwrap_or_else(|| format!("{theme}:{}", self.item))
    }
}

/// A declarative condition a character must meet to wear a theme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum CustomCheck {
    /// The final score (without this theme's adjustment) is at least `min`.
    MinScore { ability: Ability, min: i32 },
    /// The inventory holds this root item.
    RequiresItem(String),
}

/// A theme, as a pack defines it (`themes.json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ThemeDef {
    pub id: String,
    pub name: String,
    pub genre: Genre,
    /// One line on the mood (`gritty`, `whimsical`).
    #[serde(default)]
    pub tone: String,
    /// How strongly the theme colours play, 1 to 5.
    pub intensity: u8,
    #[serde(default)]
    pub style: StyleGuide,
    /// The character level needed to wear it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_level: Option<u8>,
    /// Class ids that may wear it (empty: any); every class the character has must be listed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowed_classes: Vec<String>,
    /// Class ids that may not wear it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub forbidden_classes: Vec<String>,
    /// Species ids that may wear it (empty: any).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowed_species: Vec<String>,
    /// Species ids that may not wear it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub forbidden_species: Vec<String>,
    /// Added to the final ability scores while worn (the result must stay within 3 to 20).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub ability_adjustments: BTreeMap<Ability, i32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub features: Vec<ThemeFeature>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replacements: Vec<Replacement>,
    /// Root item ids given (one each) when the theme is put on and taken back when it comes off.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checks: Vec<CustomCheck>,
}

impl crate::rules::Entry for ThemeDef {
    fn id(&self) -> &str {
        &self.id
    }
    fn name(&self) -> &str {
        &self.name
    }
}

impl ThemeDef {
    /// The replacement of a root item, if the theme has one.
    pub fn replacement(&self, root: &str) -> Option<&Replacement> {
        self.replacements.iter().find(|r| r.item == root)
    }

    /// A feature by id.
    pub fn feature(&self, id: &str) -> Option<&ThemeFeature> {
        self.features.iter().find(|f| f.id == id)
    }
}

/// The theme a character wears and exactly what putting it on changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ThemeState {
    /// The theme id.
    pub id: String,
    #[serde(default)]
    pub applied: Applied,
}

/// What a theme changed on a character, so that removing it undoes exactly that.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Applied {
    /// Ability adjustments in force (the sheet adds them to the final scores).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub abilities: BTreeMap<Ability, i32>,
    /// Theme feature ids granted (their effects apply on the sheet).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub features: Vec<String>,
    /// Inventory entries that show a variant.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replaced: Vec<ReplacedItem>,
    /// Instance keys of the inventory entries the theme added.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub added: Vec<String>,
}

/// One inventory entry shown as a variant.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReplacedItem {
    /// The entry's instance key.
    pub key: String,
    /// The root item id.
    pub item: String,
    /// The variant id it shows.
    pub variant: String,
}
