//! Refinement of an existing character from feedback ("make her more of a healer") as a
//! proposed diff, and level-up suggestions (which choices the next level needs, with picks
//! that fit the character).

use dnd_core::build::{Decision, level_up_decisions};
use dnd_core::history::{Diff, diff, sha256_hex};
use dnd_core::model::Character;
use dnd_core::rules::Rules;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::catalog::{Catalog, Kind, of_kind};
use crate::character::{MAX_REPAIRS, Provenance, parse_json};
use crate::choice::{Build, build_schema, realize};
use crate::error::{GenError, Result};
use crate::prompt::repair_message;
use crate::provider::{CancelToken, ChatRequest, Message, Role, Task, TextProvider, Usage};

/// A refinement: the proposed character and its diff from the current one (nothing is saved).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Refinement {
    pub character: Character,
    pub diff: Diff,
    pub build: Build,
    pub provenance: Provenance,
    pub usage: Usage,
}

/// The build a character already is (the ids it holds and its prose).
pub fn build_of(rules: &Rules, ch: &Character) -> Build {
    let class = ch
        .levels
        .first()
        .map(|l| l.class.clone())
        .unwrap_or_default();
    let subclass = ch.levels.iter().find_map(|l| l.subclass.clone());
    // The choices the character made, in the order it made them (class skills first, then
    // species skills and expertise), so an unchanged choice stays where it was.
    let name = |s: &dnd_core::model::Skill| {
        serde_json::to_value(s)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
    };
    let mut skills: Vec<String> = Vec::new();
    let levels = ch.levels.iter();
    for s in levels
        .clone()
        .flat_map(|l| l.skills.iter())
        .chain(ch.species.skills.iter())
        .chain(levels.clone().flat_map(|l| l.expertise.iter()))
    {
        if let Some(n) = name(s).filter(|n| !skills.contains(n)) {
            skills.push(n);
        }
    }
    let mut spells: Vec<String> = Vec::new();
    for s in levels
        .clone()
        .flat_map(|l| l.cantrips.iter().chain(l.spells.iter()))
    {
        if !spells.contains(s) {
            spells.push(s.clone());
        }
    }
    let weapon = levels
        .clone()
        .flat_map(|l| l.masteries.iter())
        .next()
        .cloned()
        .or_else(|| {
            ch.inventory
                .items
                .iter()
                .find(|i| rules.weapons.get(&i.item).is_some())
                .map(|i| i.item.clone())
        });
    let mut choices = ch
        .levels
        .first()
        .map(|l| l.choices.clone())
        .unwrap_or_default();
    let species_skills: Vec<String> = ch.species.skills.iter().filter_map(name).collect();
    if !species_skills.is_empty() {
        choices.insert("species-skills".into(), species_skills.join(","));
    }
    let d = &ch.details;
    Build {
        name: ch.name.clone(),
        class,
        subclass,
        species: ch.species.id.clone(),
        lineage: ch.species.lineage.clone(),
        background: ch.background.id.clone(),
        alignment: d.alignment.clone(),
        skills,
        spells,
        weapon,
        choices,
        appearance: d.appearance.clone(),
        personality_traits: d.personality_traits.clone(),
        ideals: d.ideals.clone(),
        bonds: d.bonds.clone(),
        flaws: d.flaws.clone(),
        backstory: d.backstory.clone(),
    }
}

/// Proposes a refined character for `feedback` (same level; validated; a diff, not a save).
pub fn refine(
    rules: &Rules,
    provider: &dyn TextProvider,
    ch: &Character,
    feedback: &str,
    seed: u64,
    cancel: &CancelToken,
) -> Result<Refinement> {
    if feedback.trim().is_empty() {
        return Err(GenError::BadRequest {
            field: "feedback".into(),
            reason: "empty feedback".into(),
        });
    }
    let current = build_of(rules, ch);
    let level = ch.level().max(1);
    let strict = provider.name() != "offline";
    let mut messages = vec![
        Message::new(
            Role::System,
            "You refine D&D 5e 2024 (SRD 5.2) character builds. Change only what the feedback asks for; keep the name and every other choice. Use only catalog ids. Answer with one JSON object following the schema.",
        ),
        Message::new(
            Role::User,
            format!(
                "Current build:\n{}\n\nFeedback: {feedback}\n\nAllowed ids:\n{}\n\nJSON Schema of the answer:\n{}",
                serde_json::to_string(&current).unwrap_or_default(),
                serde_json::to_string(&crate::prompt::allowed(rules, &[])).unwrap_or_default(),
                serde_json::to_string(&build_schema()).unwrap_or_default()
            ),
        ),
    ];
    let prompt_hash = sha256_hex(
        serde_json::to_string(&messages)
            .unwrap_or_default()
            .as_bytes(),
    );
    let mut usage = Usage::default();
    let mut problems = Vec::new();
    for attempt in 0..=MAX_REPAIRS {
        cancel.check()?;
        let req = ChatRequest {
            messages: messages.clone(),
            schema: Some(("character_build".into(), build_schema())),
            task: Task::Refine {
                feedback: feedback.into(),
                current: json!(current),
            },
            seed: seed.wrapping_add(u64::from(attempt)),
            temperature: 0.5,
            max_tokens: Some(1500),
        };
        let resp = provider.complete(&req, cancel)?;
        usage.add(resp.usage);
        let parsed = parse_json(&resp.content)
            .and_then(|v| serde_json::from_value::<Build>(v).map_err(|e| e.to_string()));
        match parsed {
            Err(reason) => problems = vec![format!("gen.malformed: {reason}")],
            Ok(b) => match realize(rules, &b, level, seed, strict) {
                Ok(mut next) => {
                    next.id = ch.id.clone();
                    next.state = ch.state.clone();
                    let d = diff(ch, &next)?;
                    return Ok(Refinement {
                        character: next,
                        diff: d,
                        build: b,
                        provenance: Provenance {
                            provider: provider.name().into(),
                            model: resp.model,
                            prompt_hash,
                            seed,
                            answer_hash: sha256_hex(resp.content.as_bytes()),
                            attempts: attempt + 1,
                        },
                        usage,
                    });
                }
                Err(p) => problems = p,
            },
        }
        messages.push(Message::new(Role::Assistant, resp.content));
        messages.push(repair_message(&problems));
    }
    Err(GenError::Invalid {
        attempts: MAX_REPAIRS + 1,
        problems,
    })
}

/// What the next level will ask for and picks that fit the character.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LevelUpSuggestion {
    pub class: String,
    pub new_level: u32,
    /// The decisions the level asks for.
    pub decisions: Vec<Decision>,
    /// A suggested value per decision key where the concept, the prose or the catalog fits
    /// point somewhere (the others are left to the engine's deterministic picks).
    pub picks: std::collections::BTreeMap<String, String>,
}

/// Suggests the next level in `class` (default: the character's first class).
pub fn suggest_level_up(
    rules: &Rules,
    catalog: &dyn Catalog,
    ch: &Character,
    class: Option<&str>,
    concept: Option<&str>,
) -> Result<LevelUpSuggestion> {
    let class = class
        .map(str::to_string)
        .or_else(|| ch.levels.first().map(|l| l.class.clone()))
        .unwrap_or_default();
    let decisions = level_up_decisions(rules, ch, &class)?;
    let text = format!(
        "{} {}",
        concept.unwrap_or_default(),
        crate::prose::all_text(ch)
    );
    let fits = catalog.fits(&text);
    let wanted: Vec<String> = [
        Kind::Skill,
        Kind::Spell,
        Kind::Feat,
        Kind::Subclass,
        Kind::Weapon,
    ]
    .iter()
    .flat_map(|k| of_kind(&fits, *k).into_iter().map(|f| f.id.clone()))
    .collect();
    let mut picks = std::collections::BTreeMap::new();
    for d in &decisions {
        if d.options.is_empty() || d.count == 0 {
            continue;
        }
        let mut v: Vec<String> = wanted
            .iter()
            .filter(|w| d.options.contains(w))
            .take(d.count as usize)
            .cloned()
            .collect();
        if v.is_empty() {
            // Nothing fits in particular: the engine's own deterministic pick applies.
            continue;
        }
        for o in &d.options {
            if v.len() >= d.count as usize {
                break;
            }
            if !v.contains(o) {
                v.push(o.clone());
            }
        }
        picks.insert(d.key.clone(), v.join(","));
    }
    Ok(LevelUpSuggestion {
        class,
        new_level: ch.level() + 1,
        decisions,
        picks,
    })
}
