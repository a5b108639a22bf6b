//! The chat messages for a provider: the build's JSON Schema, the allowed ids and the catalog
//! fits (reuse first), then repair rounds with the validation problems.

use dnd_core::model::Skill;
use dnd_core::rules::Rules;
use serde_json::json;

use crate::catalog::{Fit, Kind};
use crate::choice::build_schema;
use crate::provider::{Message, Role};

const SYSTEM: &str = "You build characters for Dungeons & Dragons 5e under the 2024 rules (SRD 5.2). \
Choose content only by the ids in the allowed lists and prefer the catalog content listed as fitting the concept; \
never invent rules content. Do not compute any number: the rules engine derives every score, bonus and hit point. \
Write short prose consistent with your choices (name no class, species or alignment you did not choose). \
Answer with exactly one JSON object that follows the given JSON Schema, and nothing else.";

/// The allowed ids a build may use.
pub fn allowed(rules: &Rules, fits: &[Fit]) -> serde_json::Value {
    let classes: Vec<&str> = rules.classes.all().iter().map(|c| c.id.as_str()).collect();
    let subclasses: serde_json::Map<String, serde_json::Value> = rules
        .classes
        .all()
        .iter()
        .map(|c| {
            let subs: Vec<&str> = rules
                .subclasses
                .all()
                .iter()
                .filter(|s| s.class == c.id)
                .map(|s| s.id.as_str())
                .collect();
            (c.id.clone(), json!(subs))
        })
        .collect();
    let species: serde_json::Map<String, serde_json::Value> = rules
        .species
        .all()
        .iter()
        .map(|s| {
            (
                s.id.clone(),
                json!(s.lineages.iter().map(|l| l.id.as_str()).collect::<Vec<_>>()),
            )
        })
        .collect();
    let skills: Vec<String> = Skill::ALL
        .iter()
        .filter_map(|s| {
            serde_json::to_value(s)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
        })
        .collect();
    let fit_classes: Vec<&str> = fits
        .iter()
        .filter(|f| f.kind == Kind::Class && f.score > 0)
        .map(|f| f.id.as_str())
        .collect();
    let spells: Vec<&str> = rules
        .spells
        .all()
        .iter()
        .filter(|s| {
            fit_classes.is_empty() || s.classes.iter().any(|c| fit_classes.contains(&c.as_str()))
        })
        .filter(|s| s.level <= 2)
        .map(|s| s.id.as_str())
        .take(150)
        .collect();
    json!({
        "classes": classes,
        "subclasses_by_class": subclasses,
        "lineages_by_species": species,
        "backgrounds": rules.backgrounds.all().iter().map(|b| b.id.as_str()).collect::<Vec<_>>(),
        "skills": skills,
        "weapons": rules.weapons.all().iter().map(|w| w.id.as_str()).collect::<Vec<_>>(),
        "spells_low_level": spells,
        "alignments": ["lawful good", "neutral good", "chaotic good", "lawful neutral", "neutral", "chaotic neutral", "lawful evil", "neutral evil", "chaotic evil"],
    })
}

/// The first messages for a concept.
pub fn character_messages(rules: &Rules, concept: &str, level: u32, fits: &[Fit]) -> Vec<Message> {
    let fitting: Vec<serde_json::Value> = fits
        .iter()
        .filter(|f| f.score > 0)
        .take(24)
        .map(|f| json!({"kind": f.kind, "id": f.id, "because": f.why}))
        .collect();
    let user = format!(
        "Concept: {concept}\nLevel: {level} (all levels in the chosen class)\n\n\
         Catalog content that fits the concept (reuse it first):\n{}\n\n\
         Allowed ids:\n{}\n\nJSON Schema of the answer:\n{}",
        serde_json::to_string(&fitting).unwrap_or_default(),
        serde_json::to_string(&allowed(rules, fits)).unwrap_or_default(),
        serde_json::to_string(&build_schema()).unwrap_or_default(),
    );
    vec![
        Message::new(Role::System, SYSTEM),
        Message::new(Role::User, user),
    ]
}

/// The repair message listing what stayed invalid.
pub fn repair_message(problems: &[String]) -> Message {
    Message::new(
        Role::User,
        format!(
            "The rules engine rejected that build:\n- {}\nAnswer again with the whole corrected JSON object (same schema), changing only what the problems require.",
            problems.join("\n- ")
        ),
    )
}
