//! Verbs: DM approvals. A critical change on a shared branch becomes a proposal (kept as a
//! store document of kind `proposal`) that the DM approves, rejects or rebases.

use std::collections::BTreeMap;

use dnd_core::history::{self as h, Commit, CriticalRules, Graph, Proposal, Resolution, Submitted};
use dnd_core::model::Character;

use crate::engine::Engine;
use crate::error::{EngineError, Result};

const KIND: &str = "proposal";

impl Engine {
    /// Submits a change to a shared branch: committed at once when nothing in it is critical
    /// under the profile's `critical` rules, else kept as a pending proposal. `always` makes
    /// any change a proposal.
    pub fn propose(
        &self,
        ch: &Character,
        branch: &str,
        reason: &str,
        always: bool,
    ) -> Result<Submitted> {
        let id = ch.id.clone().unwrap_or_default();
        let mut g = self.memory(&id)?;
        let before = g.head(branch)?;
        let mut critical: CriticalRules = self.profile.critical.clone();
        if always {
            critical.paths.push(String::new());
        }
        let meta = self.meta(reason);
        let out = h::submit(
            &critical,
            &mut g,
            branch,
            before.as_deref(),
            ch,
            true,
            reason,
            &meta,
        )?;
        match &out {
            Submitted::Committed { .. } => {
                self.write_back(&id, &g, branch, before.as_deref())?;
            }
            Submitted::Proposed { proposal } => self.put_proposal(proposal)?,
        }
        Ok(out)
    }

    /// The proposals of a character (or all), oldest first.
    pub fn proposals(&self, character: Option<&str>) -> Result<Vec<Proposal>> {
        let mut out = Vec::new();
        for d in self.store.list_documents(KIND, None)? {
            let p = decode(&d.id, d.body)?;
            if character.is_none_or(|c| p.character.id.as_deref() == Some(c)) {
                out.push(p);
            }
        }
        out.sort_by_key(|p| p.created);
        Ok(out)
    }

    /// One proposal.
    pub fn proposal(&self, id: &str) -> Result<Proposal> {
        let d = self.store.get_document(id)?;
        decode(id, d.body)
    }

    /// Approves a pending proposal: its character is committed on its branch. A stale one (the
    /// branch moved) is refused until rebased.
    pub fn approve(&self, id: &str, note: &str) -> Result<Commit> {
        let mut p = self.proposal(id)?;
        let cid = p.character.id.clone().unwrap_or_default();
        let mut g = self.memory(&cid)?;
        let before = g.head(&p.branch)?;
        let meta = self.meta("");
        h::approve(&mut g, &mut p, &self.actor, note, &meta)?;
        let c = self.write_back(&cid, &g, &p.branch, before.as_deref())?;
        self.put_proposal(&p)?;
        Ok(c)
    }

    /// Rejects a pending proposal with a note.
    pub fn reject(&self, id: &str, note: &str) -> Result<Proposal> {
        let mut p = self.proposal(id)?;
        h::reject(&mut p, &self.actor, note, self.now())?;
        self.put_proposal(&p)?;
        Ok(p)
    }

    /// Replays a stale proposal onto its branch's current head (a three-way merge).
    pub fn rebase(&self, id: &str, resolutions: &BTreeMap<String, Resolution>) -> Result<Proposal> {
        let mut p = self.proposal(id)?;
        let g = self.memory(p.character.id.as_deref().unwrap_or_default())?;
        h::rebase(&self.rules, &self.profile.critical, &g, &mut p, resolutions)?;
        self.put_proposal(&p)?;
        Ok(p)
    }

    fn put_proposal(&self, p: &Proposal) -> Result<()> {
        let body = serde_json::to_value(p).map_err(|e| EngineError::Document {
            kind: KIND,
            id: p.id.clone(),
            reason: e.to_string(),
        })?;
        Ok(self.store.put_document(&p.id, KIND, &p.author, &body)?)
    }
}

fn decode(id: &str, body: serde_json::Value) -> Result<Proposal> {
    serde_json::from_value(body).map_err(|e| EngineError::Document {
        kind: KIND,
        id: id.to_string(),
        reason: e.to_string(),
    })
}
