//! Campaign rules profiles: what a table allows, as JSON. A profile changes only what it names.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::report::Severity;
use crate::history::CriticalRules;
use crate::model::AbilityMethod;

/// A campaign's rules profile. Every field is optional; an absent field keeps the SRD default.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Pack ids content may come from (default: every loaded pack).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_packs: Option<Vec<String>>,
    /// Class ids allowed (default: all).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_classes: Option<Vec<String>>,
    /// Species ids allowed (default: all).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_species: Option<Vec<String>>,
    /// Background ids allowed (default: all).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_backgrounds: Option<Vec<String>>,
    /// Ability score methods allowed (default: standard array, point buy, roll; manual is flagged).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ability_methods: Option<Vec<AbilityMethod>>,
    /// Point-buy budget (default 27).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub point_buy_budget: Option<i32>,
    /// Lowest and highest character level allowed (default 1..=20).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level_range: Option<(u32, u32)>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub banned_feats: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub banned_items: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub banned_spells: Vec<String>,
    /// Whether multiclassing is allowed (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multiclassing: Option<bool>,
    /// `error` (default) or `warning` for unmet feat prerequisites.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feat_prerequisites: Option<Severity>,
    /// Whether carrying more than the capacity is reported (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encumbrance: Option<bool>,
    /// Most magic items a character may carry (default: no cap).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub magic_item_cap: Option<u32>,
    /// Severity overrides by code or code prefix (`"class.xp"`: `"off"`); the longest prefix wins.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub severity: BTreeMap<String, SeverityOverride>,
    /// Which changes on a shared branch wait for a DM's approval (default: ability scores,
    /// class and level, custom items, removing items).
    #[serde(default, skip_serializing_if = "CriticalRules::is_default")]
    pub critical: CriticalRules,
}

/// A severity, or `off` to drop a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SeverityOverride {
    Error,
    Warning,
    Info,
    Off,
}

impl Profile {
    /// Parses a profile file.
    pub fn from_json(text: &str) -> crate::Result<Profile> {
        serde_json::from_str(text).map_err(|e| crate::Error::from_serde(&e))
    }

    /// The severity a rule gets under this profile (`None` = off).
    pub fn severity_for(&self, code: &str, default: Severity) -> Option<Severity> {
        if self.severity.is_empty()
            && self.feat_prerequisites.is_none()
            && self.encumbrance.is_none()
        {
            return Some(default);
        }
        let mut sev = Some(default);
        if code.starts_with("feat.prerequisite") {
            if let Some(s) = self.feat_prerequisites {
                sev = Some(s);
            }
        }
        if code == "equipment.encumbrance" && self.encumbrance == Some(false) {
            sev = None;
        }
        let best = self
            .severity
            .iter()
            .filter(|(k, _)| code == k.as_str() || code.starts_with(&format!("{k}.")))
            .max_by_key(|(k, _)| k.len());
        if let Some((_, o)) = best {
            sev = match o {
                SeverityOverride::Error => Some(Severity::Error),
                SeverityOverride::Warning => Some(Severity::Warning),
                SeverityOverride::Info => Some(Severity::Info),
                SeverityOverride::Off => None,
            };
        }
        sev
    }

    /// Allowed ability methods.
    pub fn methods(&self) -> &[AbilityMethod] {
        const DEFAULT: [AbilityMethod; 4] = [
            AbilityMethod::StandardArray,
            AbilityMethod::PointBuy,
            AbilityMethod::Roll,
            AbilityMethod::Manual,
        ];
        self.ability_methods.as_deref().unwrap_or(&DEFAULT)
    }
}
