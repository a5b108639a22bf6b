//! A deterministic image-prompt compiler: from a validated character and its theme to a
//! positive and negative prompt and a seed, for portraits, item art and maps. Same character
//! and theme, same prompt.

use dnd_core::history::{ThemeDef, sha256_hex};
use dnd_core::model::Character;
use dnd_core::rules::Rules;
use dnd_core::validate::{Profile, Severity, validate};
use serde::{Deserialize, Serialize};

use crate::error::{GenError, Result};
use crate::tables::prose::lookup;
use crate::tables::visual::{CLASSES, CONDITIONS, GENRES, LINEAGES, NEGATIVE, SPECIES, SUBCLASSES};

/// What the image is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PromptKind {
    Portrait,
    Item,
    Map,
}

impl PromptKind {
    /// Parses `portrait`, `item` or `map`.
    pub fn parse(s: &str) -> Result<PromptKind> {
        match s {
            "portrait" => Ok(PromptKind::Portrait),
            "item" => Ok(PromptKind::Item),
            "map" => Ok(PromptKind::Map),
            _ => Err(GenError::BadRequest {
                field: "kind".into(),
                reason: format!("`{s}` is not portrait, item or map"),
            }),
        }
    }
}

/// A compiled prompt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImagePrompt {
    pub kind: PromptKind,
    pub positive: String,
    pub negative: String,
    /// Derived from the prompt text (stable across runs and platforms).
    pub seed: u64,
    pub width: u32,
    pub height: u32,
}

impl ImagePrompt {
    /// As an image provider request.
    pub fn request(&self) -> crate::provider::ImageRequest {
        crate::provider::ImageRequest {
            prompt: self.positive.clone(),
            negative: self.negative.clone(),
            seed: self.seed,
            width: self.width,
            height: self.height,
        }
    }
}

fn item_name(rules: &Rules, id: &str) -> Option<String> {
    rules
        .weapons
        .get(id)
        .map(|x| x.name.clone())
        .or_else(|| rules.armor.get(id).map(|x| x.name.clone()))
        .or_else(|| rules.magic_items.get(id).map(|x| x.name.clone()))
        .or_else(|| rules.gear.get(id).map(|x| x.name.clone()))
}

fn style(theme: Option<&ThemeDef>) -> (String, Vec<String>, Vec<String>) {
    let Some(t) = theme else {
        return (
            lookup(GENRES, "fantasy").unwrap_or_default().to_string(),
            vec![],
            vec![],
        );
    };
    let genre = serde_json::to_value(t.genre)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    let mut s = lookup(GENRES, &genre).unwrap_or("illustration").to_string();
    if !t.style.keywords.is_empty() {
        s = format!("{s}, {}", t.style.keywords.join(", "));
    }
    if !t.tone.is_empty() {
        s = format!("{s}, {} tone", t.tone);
    }
    (s, t.style.palette.clone(), t.style.forbidden.clone())
}

fn seed_of(positive: &str, negative: &str) -> u64 {
    let h = sha256_hex(format!("{positive}\n{negative}").as_bytes());
    u64::from_str_radix(&h[..16], 16).unwrap_or(0)
}

/// Compiles a prompt of `kind` for a character (refused unless it validates without errors).
/// `item` names the item for item art (an inventory key or id; default: the first equipped
/// magic item, else the first equipped item).
pub fn compile(
    rules: &Rules,
    ch: &Character,
    theme: Option<&ThemeDef>,
    kind: PromptKind,
    item: Option<&str>,
) -> Result<ImagePrompt> {
    let report = validate(rules, ch, &Profile::default());
    let problems: Vec<String> = report
        .issues
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .map(|i| format!("{} at {}: {}", i.code, i.path, i.message))
        .collect();
    if !problems.is_empty() {
        return Err(GenError::Invalid {
            attempts: 0,
            problems,
        });
    }
    let (style, palette, forbidden) = style(theme);
    let palette = if palette.is_empty() {
        String::new()
    } else {
        format!("colour palette {}", palette.join(" "))
    };
    let mut negative = NEGATIVE.to_string();
    if !forbidden.is_empty() {
        negative = format!("{negative}, {}", forbidden.join(", "));
    }
    let equipped: Vec<(&str, String)> = ch
        .inventory
        .items
        .iter()
        .filter(|i| i.equipped)
        .map(|i| {
            (
                i.item.as_str(),
                i.name
                    .clone()
                    .or_else(|| item_name(rules, &i.item))
                    .unwrap_or_else(|| i.item.replace('-', " ")),
            )
        })
        .collect();
    let mut parts: Vec<String> = Vec::new();
    let (positive, width, height) = match kind {
        PromptKind::Portrait => {
            parts.push(format!("portrait of {}", ch.name));
            parts.push(
                lookup(SPECIES, &ch.species.id)
                    .unwrap_or(&ch.species.id)
                    .to_string(),
            );
            if let Some(l) = ch
                .species
                .lineage
                .as_deref()
                .and_then(|l| lookup(LINEAGES, l))
            {
                parts.push(l.into());
            }
            let mut seen = Vec::new();
            for l in &ch.levels {
                if !seen.contains(&l.class.as_str()) {
                    seen.push(&l.class);
                    parts.push(lookup(CLASSES, &l.class).unwrap_or(&l.class).to_string());
                }
            }
            let mut subs: Vec<&str> = ch
                .levels
                .iter()
                .filter_map(|l| l.subclass.as_deref())
                .collect();
            subs.dedup();
            parts.extend(
                subs.into_iter()
                    .filter_map(|s| lookup(SUBCLASSES, s))
                    .map(str::to_string),
            );
            let gear: Vec<String> = equipped.iter().map(|(_, n)| n.to_lowercase()).collect();
            if !gear.is_empty() {
                parts.push(format!("equipped with {}", gear.join(", ")));
            }
            for c in &ch.state.conditions {
                parts.push(lookup(CONDITIONS, c).unwrap_or(c).to_string());
            }
            if ch.state.exhaustion > 0 {
                parts.push(lookup(CONDITIONS, "exhaustion").unwrap_or_default().into());
            }
            if !ch.details.appearance.is_empty() {
                parts.push(ch.details.appearance.clone());
            }
            parts.push("upper body, looking at viewer".into());
            (parts, 768, 1024)
        }
        PromptKind::Item => {
            let chosen = match item {
                Some(k) => ch
                    .inventory
                    .items
                    .iter()
                    .find(|i| i.key.as_deref() == Some(k) || i.item == k),
                None => ch
                    .inventory
                    .items
                    .iter()
                    .find(|i| i.equipped && rules.magic_items.get(&i.item).is_some())
                    .or_else(|| ch.inventory.items.iter().find(|i| i.equipped))
                    .or_else(|| ch.inventory.items.first()),
            };
            let Some(it) = chosen else {
                return Err(GenError::BadRequest {
                    field: "item".into(),
                    reason: "the character carries no such item".into(),
                });
            };
            let name = it
                .name
                .clone()
                .or_else(|| item_name(rules, &it.item))
                .unwrap_or_else(|| it.item.replace('-', " "));
            parts.push(format!("item art of {}", name.to_lowercase()));
            if rules.magic_items.get(&it.item).is_some() {
                parts.push("magical, faint glowing runes".into());
            }
            parts.push("single object centred, detailed, neutral background".into());
            (parts, 1024, 1024)
        }
        PromptKind::Map => {
            parts.push("top-down battle map, square grid of 5-foot cells".into());
            let level = ch.level();
            parts.push(
                match level {
                    1..=4 => "dungeon rooms and corridors, torchlit",
                    5..=10 => "ruined fortress halls, braziers",
                    11..=16 => "ancient vault with arcane wards",
                    _ => "planar citadel, impossible architecture",
                }
                .into(),
            );
            parts.push("no characters, no text".into());
            (parts, 1536, 1024)
        }
    };
    let mut all = positive;
    all.push(style);
    if !palette.is_empty() {
        all.push(palette);
    }
    let positive = all.join(", ");
    Ok(ImagePrompt {
        kind,
        seed: seed_of(&positive, &negative),
        positive,
        negative,
        width,
        height,
    })
}
