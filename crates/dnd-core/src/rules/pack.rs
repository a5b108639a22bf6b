//! A rules pack: a manifest plus one array of entries per content kind.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::*;
use crate::error::{Error, Result};

/// A pack's manifest (`pack.json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PackManifest {
    /// Lowercase kebab-case id, e.g. `srd-5.2` or `my-homebrew`.
    pub id: String,
    pub name: String,
    pub version: String,
    /// Licence of the content (an SPDX id such as `CC-BY-4.0`).
    pub license: String,
    /// Attribution statement required by the licence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribution: Option<String>,
    /// Ids of the packs this one builds on (their ids may be referenced).
    #[serde(default)]
    pub depends: Vec<String>,
}

/// A whole pack in one value. As a single JSON file it is an object with `manifest` and any of the
/// kind arrays; as a folder it is `pack.json` plus one `KIND.json` array per kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pack {
    pub manifest: PackManifest,
    #[serde(default)]
    pub classes: Vec<ClassDef>,
    #[serde(default)]
    pub subclasses: Vec<SubclassDef>,
    #[serde(default)]
    pub species: Vec<SpeciesDef>,
    #[serde(default)]
    pub backgrounds: Vec<BackgroundDef>,
    #[serde(default)]
    pub feats: Vec<FeatDef>,
    #[serde(default)]
    pub spells: Vec<SpellDef>,
    #[serde(default)]
    pub weapons: Vec<WeaponDef>,
    #[serde(default)]
    pub armor: Vec<ArmorDef>,
    #[serde(default)]
    pub gear: Vec<GearDef>,
    #[serde(default)]
    pub tools: Vec<ToolDef>,
    #[serde(default)]
    pub magic_items: Vec<MagicItemDef>,
    #[serde(default)]
    pub creatures: Vec<CreatureDef>,
    #[serde(default)]
    pub conditions: Vec<ConditionDef>,
    #[serde(default)]
    pub languages: Vec<LanguageDef>,
    /// Themes a character can wear (see `history::ThemeDef`).
    #[serde(default)]
    pub themes: Vec<crate::history::ThemeDef>,
}

/// The file stems a pack folder may hold, besides `pack.json`. A stem may carry a suffix after a
/// dash and a digit (`classes-1.json`), so large kinds can be split over several files.
pub const KIND_FILES: [&str; 15] = [
    "classes",
    "subclasses",
    "species",
    "backgrounds",
    "feats",
    "spells",
    "weapons",
    "armor",
    "gear",
    "tools",
    "magic-items",
    "creatures",
    "conditions",
    "languages",
    "themes",
];

impl Pack {
    /// Parses a single-file pack.
    pub fn from_json(text: &str) -> Result<Pack> {
        serde_json::from_str(text).map_err(|e| Error::from_serde(&e))
    }

    /// Builds a pack from its folder's files, given as `(file name, text)` pairs. The caller reads
    /// the files; this crate does no I/O.
    pub fn from_files<'a>(files: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Pack> {
        let mut manifest = None;
        let mut pack_id = String::from("?");
        let mut kinds: Vec<(&str, &str, &str)> = Vec::new();
        for (name, text) in files {
            let stem = name.strip_suffix(".json").unwrap_or(name);
            if stem == "pack" {
                let m: PackManifest =
                    serde_json::from_str(text).map_err(|e| Error::PackInvalid {
                        pack: "?".into(),
                        file: name.into(),
                        reason: Error::from_serde(&e).to_string(),
                    })?;
                pack_id = m.id.clone();
                manifest = Some(m);
            } else {
                let kind = KIND_FILES
                    .iter()
                    .find(|k| stem == **k || is_split_of(stem, k))
                    .ok_or_else(|| Error::PackInvalid {
                        pack: pack_id.clone(),
                        file: name.into(),
                        reason: format!(
                            "not a pack file (expected pack.json or one of {KIND_FILES:?})"
                        ),
                    })?;
                kinds.push((kind, name, text));
            }
        }
        let manifest = manifest.ok_or_else(|| Error::PackInvalid {
            pack: pack_id.clone(),
            file: "pack.json".into(),
            reason: "missing".into(),
        })?;
        let mut pack = Pack::empty(manifest);
        for (kind, name, text) in kinds {
            pack.extend_kind(kind, text)
                .map_err(|reason| Error::PackInvalid {
                    pack: pack.manifest.id.clone(),
                    file: name.into(),
                    reason,
                })?;
        }
        Ok(pack)
    }

    /// A pack with no content.
    pub fn empty(manifest: PackManifest) -> Pack {
        Pack {
            manifest,
            classes: vec![],
            subclasses: vec![],
            species: vec![],
            backgrounds: vec![],
            feats: vec![],
            spells: vec![],
            weapons: vec![],
            armor: vec![],
            gear: vec![],
            tools: vec![],
            magic_items: vec![],
            creatures: vec![],
            conditions: vec![],
            languages: vec![],
            themes: vec![],
        }
    }

    fn extend_kind(&mut self, kind: &str, text: &str) -> std::result::Result<(), String> {
        fn parse<T: serde::de::DeserializeOwned>(
            text: &str,
            into: &mut Vec<T>,
        ) -> std::result::Result<(), String> {
            let v: Vec<T> =
                serde_json::from_str(text).map_err(|e| Error::from_serde(&e).to_string())?;
            into.extend(v);
            Ok(())
        }
        match kind {
            "classes" => parse(text, &mut self.classes),
            "subclasses" => parse(text, &mut self.subclasses),
            "species" => parse(text, &mut self.species),
            "backgrounds" => parse(text, &mut self.backgrounds),
            "feats" => parse(text, &mut self.feats),
            "spells" => parse(text, &mut self.spells),
            "weapons" => parse(text, &mut self.weapons),
            "armor" => parse(text, &mut self.armor),
            "gear" => parse(text, &mut self.gear),
            "tools" => parse(text, &mut self.tools),
            "magic-items" => parse(text, &mut self.magic_items),
            "creatures" => parse(text, &mut self.creatures),
            "conditions" => parse(text, &mut self.conditions),
            "languages" => parse(text, &mut self.languages),
            "themes" => parse(text, &mut self.themes),
            other => Err(format!("unknown kind {other}")),
        }
    }
}

fn is_split_of(stem: &str, kind: &str) -> bool {
    stem.strip_prefix(kind)
        .and_then(|rest| rest.strip_prefix('-'))
        .is_some_and(|rest| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()))
}
