//! Concept → character: the provider chooses ids and writes prose, `dnd-core` derives every
//! number and validates; problems go back to the provider for up to three repair rounds. An
//! invalid character is never returned.

use std::collections::BTreeMap;

use dnd_core::history::sha256_hex;
use dnd_core::model::Character;
use dnd_core::rules::Rules;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::catalog::{Catalog, Fit};
use crate::choice::{Build, build_schema, realize};
use crate::error::{GenError, Result};
use crate::prompt::{character_messages, repair_message};
use crate::prose::{Contradiction, all_text, check, facts, offline_prose};
use crate::provider::{CancelToken, ChatRequest, Message, Role, Task, TextProvider, Usage};

/// Repair rounds after the first answer.
pub const MAX_REPAIRS: u32 = 3;

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CharacterRequest {
    pub concept: String,
    pub level: u32,
    pub seed: u64,
}

/// Where a generated character came from (stored in the commit's provenance).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    pub provider: String,
    pub model: String,
    /// SHA-256 of the first prompt's messages.
    pub prompt_hash: String,
    pub seed: u64,
    /// SHA-256 of the answer that became the character.
    pub answer_hash: String,
    /// Answers asked for (1 + repair rounds used).
    pub attempts: u32,
}

impl Provenance {
    /// As commit provenance entries (`gen.provider`, `gen.model`, …).
    pub fn to_map(&self) -> BTreeMap<String, String> {
        BTreeMap::from([
            ("gen.provider".to_string(), self.provider.clone()),
            ("gen.model".to_string(), self.model.clone()),
            ("gen.prompt_hash".to_string(), self.prompt_hash.clone()),
            ("gen.seed".to_string(), self.seed.to_string()),
            ("gen.answer_hash".to_string(), self.answer_hash.clone()),
            ("gen.attempts".to_string(), self.attempts.to_string()),
        ])
    }
}

/// A valid generated character and how it was made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Generated {
    pub character: Character,
    pub build: Build,
    pub provenance: Provenance,
    pub usage: Usage,
    /// Catalog content that fitted the concept (reuse first).
    pub fits: Vec<Fit>,
    /// Prose statements the sheet contradicts (flagged, not fatal).
    pub contradictions: Vec<Contradiction>,
}

/// The JSON object in an answer (tolerates code fences and text around it).
pub fn parse_json(content: &str) -> std::result::Result<Value, String> {
    let t = content.trim();
    if let Ok(v) = serde_json::from_str::<Value>(t) {
        return Ok(v);
    }
    match (t.find('{'), t.rfind('}')) {
        (Some(a), Some(b)) if a < b => serde_json::from_str(&t[a..=b]).map_err(|e| e.to_string()),
        _ => Err("no JSON object in the answer".into()),
    }
}

/// Generates a valid character for a concept, or says what stayed invalid.
pub fn generate_character(
    rules: &Rules,
    provider: &dyn TextProvider,
    catalog: &dyn Catalog,
    req: &CharacterRequest,
    cancel: &CancelToken,
) -> Result<Generated> {
    if req.concept.trim().is_empty() {
        return Err(GenError::BadRequest {
            field: "concept".into(),
            reason: "empty concept".into(),
        });
    }
    if !(1..=20).contains(&req.level) {
        return Err(GenError::BadRequest {
            field: "level".into(),
            reason: format!("{} is outside 1..=20", req.level),
        });
    }
    let fits = catalog.fits(&req.concept);
    let mut messages = character_messages(rules, &req.concept, req.level, &fits);
    let prompt_hash = sha256_hex(
        serde_json::to_string(&messages)
            .unwrap_or_default()
            .as_bytes(),
    );
    let strict = provider.name() != "offline";
    let mut usage = Usage::default();
    let mut task = Task::Character {
        concept: req.concept.clone(),
        level: req.level,
    };
    let mut problems: Vec<String> = Vec::new();
    let mut malformed_only = true;
    for attempt in 0..=MAX_REPAIRS {
        cancel.check()?;
        let chat = ChatRequest {
            messages: messages.clone(),
            schema: Some(("character_build".into(), build_schema())),
            task: task.clone(),
            seed: req.seed.wrapping_add(u64::from(attempt)),
            temperature: 0.7,
            max_tokens: Some(1500),
        };
        let resp = provider.complete(&chat, cancel)?;
        usage.add(resp.usage);
        let parsed = parse_json(&resp.content).and_then(|v| {
            serde_json::from_value::<Build>(v.clone())
                .map(|b| (v, b))
                .map_err(|e| e.to_string())
        });
        let previous;
        match parsed {
            Err(reason) => {
                problems = vec![format!(
                    "gen.malformed: the answer is not a JSON build: {reason}"
                )];
                previous = Value::String(resp.content.clone());
            }
            Ok((v, build)) => {
                malformed_only = false;
                match realize(rules, &build, req.level, req.seed, strict) {
                    Ok(mut ch) => {
                        let mut build = build;
                        if ch.details.backstory.trim().is_empty() {
                            let p = offline_prose(&facts(rules, &ch), req.seed);
                            ch.details.backstory = p.backstory.clone();
                            ch.details.personality_traits = p.personality_traits.clone();
                            ch.details.ideals = p.ideals.clone();
                            ch.details.bonds = p.bonds.clone();
                            ch.details.flaws = p.flaws.clone();
                            build.backstory = p.backstory;
                        }
                        let contradictions = check(rules, &ch, &all_text(&ch));
                        return Ok(Generated {
                            character: ch,
                            build,
                            provenance: Provenance {
                                provider: provider.name().into(),
                                model: resp.model.clone(),
                                prompt_hash,
                                seed: req.seed,
                                answer_hash: sha256_hex(resp.content.as_bytes()),
                                attempts: attempt + 1,
                            },
                            usage,
                            fits,
                            contradictions,
                        });
                    }
                    Err(p) => {
                        problems = p;
                        previous = v;
                    }
                }
            }
        }
        messages.push(Message::new(Role::Assistant, resp.content.clone()));
        messages.push(repair_message(&problems));
        task = Task::Repair {
            concept: req.concept.clone(),
            level: req.level,
            previous,
            problems: problems.clone(),
        };
    }
    if malformed_only {
        return Err(GenError::Malformed {
            what: "character build",
            reason: problems.join("; "),
        });
    }
    Err(GenError::Invalid {
        attempts: MAX_REPAIRS + 1,
        problems,
    })
}
