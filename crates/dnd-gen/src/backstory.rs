//! Backstory and personality for an existing character, from a provider (offline: the prose
//! tables), checked against the sheet; contradictions go back for repair and any left are
//! flagged in the result.

use dnd_core::history::sha256_hex;
use dnd_core::model::Character;
use dnd_core::rules::Rules;
use serde::{Deserialize, Serialize};

use crate::character::{MAX_REPAIRS, Provenance, parse_json};
use crate::error::{GenError, Result};
use crate::prose::{Contradiction, Prose, check, facts};
use crate::provider::{CancelToken, ChatRequest, Message, Role, Task, TextProvider, Usage};

/// A written backstory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Backstory {
    pub prose: Prose,
    /// What the sheet still contradicts after the repair rounds (empty: consistent).
    pub contradictions: Vec<Contradiction>,
    pub provenance: Provenance,
    pub usage: Usage,
}

impl Backstory {
    /// The character with this prose in its details.
    pub fn apply(&self, ch: &Character) -> Character {
        let mut c = ch.clone();
        c.details.backstory = self.prose.backstory.clone();
        c.details.personality_traits = self.prose.personality_traits.clone();
        c.details.ideals = self.prose.ideals.clone();
        c.details.bonds = self.prose.bonds.clone();
        c.details.flaws = self.prose.flaws.clone();
        c
    }
}

fn joined(p: &Prose) -> String {
    let mut parts = vec![p.backstory.clone()];
    for l in [&p.personality_traits, &p.ideals, &p.bonds, &p.flaws] {
        parts.extend(l.iter().cloned());
    }
    parts.join(" \n ")
}

/// Writes backstory and personality consistent with the sheet.
pub fn write_backstory(
    rules: &Rules,
    provider: &dyn TextProvider,
    ch: &Character,
    seed: u64,
    cancel: &CancelToken,
) -> Result<Backstory> {
    let facts = facts(rules, ch);
    let schema = serde_json::to_value(schemars::schema_for!(Prose)).unwrap_or_default();
    let mut messages = vec![
        Message::new(
            Role::System,
            "You write short backstories and personalities for D&D 5e 2024 characters. Use only the facts given; never name a class, species or alignment the facts do not list; no game numbers. Answer with one JSON object following the schema.",
        ),
        Message::new(
            Role::User,
            format!("Facts:\n{facts}\n\nJSON Schema of the answer:\n{schema}"),
        ),
    ];
    let prompt_hash = sha256_hex(
        serde_json::to_string(&messages)
            .unwrap_or_default()
            .as_bytes(),
    );
    let mut usage = Usage::default();
    let mut last: Option<(Prose, Vec<Contradiction>, String, String)> = None;
    for attempt in 0..=MAX_REPAIRS {
        cancel.check()?;
        let req = ChatRequest {
            messages: messages.clone(),
            schema: Some(("backstory".into(), schema.clone())),
            task: Task::Backstory {
                facts: facts.clone(),
            },
            seed: seed.wrapping_add(u64::from(attempt)),
            temperature: 0.8,
            max_tokens: Some(900),
        };
        let resp = provider.complete(&req, cancel)?;
        usage.add(resp.usage);
        let prose = parse_json(&resp.content)
            .and_then(|v| serde_json::from_value::<Prose>(v).map_err(|e| e.to_string()));
        let problem = match prose {
            Err(reason) => format!("gen.malformed: {reason}"),
            Ok(p) if p.backstory.trim().is_empty() => "the backstory is empty".to_string(),
            Ok(p) => {
                let found = check(rules, ch, &joined(&p));
                let done = found.is_empty();
                let text = found
                    .iter()
                    .map(|c| {
                        format!(
                            "the prose names {} `{}` but the sheet has `{}`",
                            c.kind, c.word, c.sheet
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("; ");
                last = Some((p, found, resp.model.clone(), resp.content.clone()));
                if done {
                    break;
                }
                text
            }
        };
        messages.push(Message::new(Role::Assistant, resp.content));
        messages.push(Message::new(
            Role::User,
            format!("Fix this and answer again with the whole JSON: {problem}"),
        ));
    }
    let Some((prose, contradictions, model, raw)) = last else {
        return Err(GenError::Malformed {
            what: "backstory",
            reason: "no answer was a JSON backstory".into(),
        });
    };
    Ok(Backstory {
        prose,
        contradictions,
        provenance: Provenance {
            provider: provider.name().into(),
            model,
            prompt_hash,
            seed,
            answer_hash: sha256_hex(raw.as_bytes()),
            attempts: 1,
        },
        usage,
    })
}
