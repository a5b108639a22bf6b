//! User content: anything in the store a user owns. [`UserContent`] is the plug-in point: the
//! index asks each source for all its documents on a rebuild and for one subject when the
//! event log says it changed. Characters and JSON documents (campaigns, NPCs, locations,
//! journal entries, and any kind registered later) are built in.

use std::fmt::Write;

use dnd_core::rules::Rules;
use serde_json::Value;

use super::docs::SearchDoc;
use crate::error::{Result, StoreError};
use crate::import::Facets;
use crate::import::facts::facts_text;
use crate::{Document, SqliteStore, Store};

/// A source of user content for the index.
pub trait UserContent: Send + Sync {
    /// A name for messages.
    fn name(&self) -> &str;
    /// Whether an event of this kind (`character.saved`, `npc.saved`) concerns this source.
    fn handles(&self, event_kind: &str) -> bool;
    /// Every document of this source.
    fn all(&self, store: &SqliteStore, rules: &Rules) -> Result<Vec<SearchDoc>>;
    /// The documents of one subject (none if it is gone or hidden), after an event.
    fn one(&self, store: &SqliteStore, rules: &Rules, subject: &str) -> Result<Vec<SearchDoc>>;
    /// Whether a change to this subject may change other sources' documents (a campaign's
    /// members decide who sees its characters): then every user document is refreshed.
    fn affects_others(&self, _event_kind: &str) -> bool {
        false
    }
}

/// The document kinds indexed by default.
pub const DOCUMENT_KINDS: &[&str] = &["campaign", "npc", "location", "journal"];

/// The campaigns that list a character (`characters: [ids]` in a campaign document).
fn campaigns_of(store: &SqliteStore, character: &str) -> Result<Vec<String>> {
    Ok(store
        .list_documents("campaign", None)?
        .into_iter()
        .filter(|d| {
            d.body
                .get("characters")
                .and_then(Value::as_array)
                .is_some_and(|a| a.iter().any(|c| c.as_str() == Some(character)))
        })
        .map(|d| d.id)
        .collect())
}

/// Saved characters (the `main` branch), their owner and campaigns.
#[derive(Debug, Default)]
pub struct Characters;

fn character_doc(store: &SqliteStore, rules: &Rules, id: &str, owner: &str) -> Result<SearchDoc> {
    let (ch, _) = store.load(id, "main")?;
    let mut body = String::new();
    let species = rules
        .species
        .get(&ch.species.id)
        .map_or(ch.species.id.as_str(), |s| s.name.as_str());
    let background = rules
        .backgrounds
        .get(&ch.background.id)
        .map_or(ch.background.id.as_str(), |b| b.name.as_str());
    let mut classes: Vec<(String, usize)> = Vec::new();
    for l in &ch.levels {
        match classes.iter_mut().find(|(c, _)| *c == l.class) {
            Some((_, n)) => *n += 1,
            None => classes.push((l.class.clone(), 1)),
        }
    }
    let line: Vec<String> = classes
        .iter()
        .map(|(c, n)| {
            format!(
                "{} {n}",
                rules.classes.get(c).map_or(c.as_str(), |d| d.name.as_str())
            )
        })
        .collect();
    let _ = writeln!(body, "{species} {background}; {}", line.join(" / "));
    let d = &ch.details;
    for (label, text) in [
        ("Appearance", &d.appearance),
        ("Backstory", &d.backstory),
        ("Player", &d.player),
    ] {
        if !text.is_empty() {
            let _ = writeln!(body, "**{label}:** {text}");
        }
    }
    for (label, list) in [
        ("Personality", &d.personality_traits),
        ("Ideals", &d.ideals),
        ("Bonds", &d.bonds),
        ("Flaws", &d.flaws),
    ] {
        if !list.is_empty() {
            let _ = writeln!(body, "**{label}:** {}", list.join("; "));
        }
    }
    Ok(SearchDoc {
        id: id.to_string(),
        kind: "character".into(),
        name: ch.name.clone(),
        body,
        facets: Facets {
            level: Some(ch.levels.len() as i64),
            classes: classes.into_iter().map(|(c, _)| c).collect(),
            tags: vec![ch.species.id.clone(), ch.background.id.clone()],
            ..Default::default()
        },
        sources: vec!["store".into()],
        owner: Some(owner.to_string()),
        campaigns: campaigns_of(store, id)?,
    })
}

impl UserContent for Characters {
    fn name(&self) -> &str {
        "characters"
    }

    fn handles(&self, event_kind: &str) -> bool {
        event_kind.starts_with("character.")
    }

    fn all(&self, store: &SqliteStore, rules: &Rules) -> Result<Vec<SearchDoc>> {
        let mut out = Vec::new();
        for row in store
            .list(None)?
            .into_iter()
            .filter(|r| r.deleted_ms.is_none())
        {
            match character_doc(store, rules, &row.id, &row.owner) {
                Ok(d) => out.push(d),
                // A character with no `main` branch has nothing to show.
                Err(StoreError::NotFound { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(out)
    }

    fn one(&self, store: &SqliteStore, rules: &Rules, subject: &str) -> Result<Vec<SearchDoc>> {
        let row = store.list(None)?.into_iter().find(|r| r.id == subject);
        match row {
            Some(r) if r.deleted_ms.is_none() => {
                match character_doc(store, rules, subject, &r.owner) {
                    Ok(d) => Ok(vec![d]),
                    Err(StoreError::NotFound { .. }) => Ok(vec![]),
                    Err(e) => Err(e),
                }
            }
            _ => Ok(vec![]),
        }
    }
}

/// JSON documents of the given kinds (`campaign`, `npc`, `location`, `journal`, …): the name
/// is `name` or `title`, the text every field, the campaign `campaign` (or the document itself
/// for a campaign).
#[derive(Debug)]
pub struct Documents {
    /// The document kinds indexed.
    pub kinds: Vec<String>,
}

impl Default for Documents {
    fn default() -> Self {
        Documents {
            kinds: DOCUMENT_KINDS.iter().map(|k| k.to_string()).collect(),
        }
    }
}

fn document_doc(d: &Document) -> SearchDoc {
    let s = |k: &str| d.body.get(k).and_then(Value::as_str).map(str::to_string);
    let name = s("name")
        .or_else(|| s("title"))
        .unwrap_or_else(|| d.id.clone());
    let mut campaigns: Vec<String> = Vec::new();
    if d.kind == "campaign" {
        campaigns.push(d.id.clone());
    }
    for k in ["campaign", "campaign_id"] {
        campaigns.extend(s(k));
    }
    let tags = d
        .body
        .get("tags")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    SearchDoc {
        id: d.id.clone(),
        kind: d.kind.clone(),
        name,
        body: facts_text(
            &d.body,
            &[
                "name",
                "title",
                "id",
                "campaign",
                "campaign_id",
                "characters",
            ],
        ),
        facets: Facets {
            tags,
            level: d.body.get("session").and_then(Value::as_i64),
            ..Default::default()
        },
        sources: vec!["store".into()],
        owner: Some(d.owner.clone()),
        campaigns,
    }
}

impl UserContent for Documents {
    fn name(&self) -> &str {
        "documents"
    }

    fn handles(&self, event_kind: &str) -> bool {
        event_kind
            .strip_suffix(".saved")
            .is_some_and(|k| self.kinds.iter().any(|x| x == k))
    }

    fn all(&self, store: &SqliteStore, _rules: &Rules) -> Result<Vec<SearchDoc>> {
        let mut out = Vec::new();
        for k in &self.kinds {
            out.extend(store.list_documents(k, None)?.iter().map(document_doc));
        }
        Ok(out)
    }

    fn one(&self, store: &SqliteStore, _rules: &Rules, subject: &str) -> Result<Vec<SearchDoc>> {
        match store.get_document(subject) {
            Ok(d) if self.kinds.contains(&d.kind) => Ok(vec![document_doc(&d)]),
            Ok(_) | Err(StoreError::NotFound { .. }) => Ok(vec![]),
            Err(e) => Err(e),
        }
    }

    fn affects_others(&self, event_kind: &str) -> bool {
        event_kind == "campaign.saved"
    }
}
