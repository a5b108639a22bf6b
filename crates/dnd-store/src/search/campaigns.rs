//! Campaigns from their own tables (migration 0004): the campaign itself, its NPCs, locations
//! and journal entries, visible to the campaign's DM (its owner) and its players. NPC secrets
//! are left out of the text: a player's search must not reveal them.

use std::fmt::Write;

use dnd_core::campaign::Campaign;
use dnd_core::rules::Rules;

use super::docs::SearchDoc;
use super::user::UserContent;
use crate::SqliteStore;
use crate::error::{Result, StoreError};
use crate::import::Facets;

/// Campaign content for the index (a built-in source).
#[derive(Debug, Default)]
pub struct Campaigns;

fn doc(c: &Campaign, id: &str, kind: &str, name: &str, body: String) -> SearchDoc {
    SearchDoc {
        id: id.to_string(),
        kind: kind.to_string(),
        name: name.to_string(),
        body,
        facets: Facets::default(),
        sources: vec!["store".into()],
        owner: Some(c.owner.clone()),
        campaigns: c.id.iter().cloned().collect(),
    }
}

fn campaign_docs(store: &SqliteStore, id: &str) -> Result<Vec<SearchDoc>> {
    let (c, _) = match store.load_campaign(id, "main") {
        Ok(v) => v,
        Err(StoreError::NotFound { .. }) => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut body = String::new();
    for ch in &c.chapters {
        let _ = writeln!(body, "**{}:** {}", ch.title, ch.summary);
    }
    for p in &c.plots {
        let _ = writeln!(body, "**{}:** {}", p.title, p.summary);
    }
    let mut out = vec![doc(&c, id, "campaign", &c.title, body)];
    for n in &c.npcs {
        let mut text = String::new();
        for (label, list) in [("Personality", &n.personality), ("Goals", &n.goals)] {
            if !list.is_empty() {
                let _ = writeln!(text, "**{label}:** {}", list.join("; "));
            }
        }
        if let Some(s) = &n.species {
            let _ = writeln!(text, "{s}");
        }
        out.push(doc(&c, &format!("{id}/{}", n.id), "npc", &n.name, text));
    }
    for l in &c.locations {
        let key = format!("{id}/{}", l.id);
        out.push(doc(&c, &key, "location", &l.name, l.description.clone()));
    }
    for e in store.journal(id, None)? {
        let key = format!("{id}/{}", e.id);
        let title = if e.title.is_empty() { &e.id } else { &e.title };
        out.push(doc(&c, &key, "journal", title, e.text.clone()));
    }
    Ok(out)
}

impl UserContent for Campaigns {
    fn name(&self) -> &str {
        "campaigns"
    }

    fn handles(&self, event_kind: &str) -> bool {
        event_kind.starts_with("campaign.")
    }

    fn all(&self, store: &SqliteStore, _rules: &Rules) -> Result<Vec<SearchDoc>> {
        let mut out = Vec::new();
        for row in store.list_campaigns(None)? {
            out.extend(campaign_docs(store, &row.id)?);
        }
        Ok(out)
    }

    fn one(&self, store: &SqliteStore, _rules: &Rules, subject: &str) -> Result<Vec<SearchDoc>> {
        campaign_docs(store, subject)
    }

    /// A campaign's NPCs, locations and journal entries are documents of their own (ids
    /// `cp_…/npc`), so a change refreshes all user documents rather than one subject.
    fn affects_others(&self, _event_kind: &str) -> bool {
        true
    }
}
