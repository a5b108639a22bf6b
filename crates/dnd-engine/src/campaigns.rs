//! Verbs: campaigns, chapters, NPCs, world effects and encounters. Every edit loads the
//! branch's head, runs the pure core step and saves a new version with the head it read as
//! the expected head (a concurrent writer makes it `store.conflict`, never a lost update).

use std::collections::BTreeMap;

use dnd_core::campaign::effects::{State, Target, WorldEffect, add_effect, state};
use dnd_core::campaign::encounters::{Difficulty, Filter, Rated, build, rate};
use dnd_core::campaign::npcs::{Npc, Relationship, add_npc, relate};
use dnd_core::campaign::{
    Campaign, CampaignReport, Chapter, OrderedChapter, add_chapter, play_order, remove_chapter,
    validate,
};
use dnd_core::history::Commit;
use dnd_store::{CampaignRow, Saved, Store};

use crate::engine::Engine;
use crate::error::Result;

impl Engine {
    /// Creates a campaign (owner: the acting user unless the file names one) on `main`.
    pub fn campaign_new(&self, c: &Campaign) -> Result<Saved> {
        let mut c = c.clone();
        if c.title.trim().is_empty() {
            return Err(dnd_core::Error::InvalidValue {
                path: "/title".into(),
                reason: "a campaign needs a title".into(),
            }
            .into());
        }
        if c.owner.is_empty() {
            c.owner = self.actor.clone();
        }
        if c.format == 0 {
            c.format = 1;
        }
        c.id = None;
        Ok(self
            .store
            .save_campaign(&c, "main", None, &self.meta("created"))?)
    }

    /// Saves a whole campaign file as a new version of `branch` (expected head: `expected`,
    /// else the branch's current head).
    pub fn campaign_save(
        &self,
        c: &Campaign,
        branch: &str,
        expected: Option<&str>,
        message: &str,
    ) -> Result<Saved> {
        let Some(id) = c.id.as_deref() else {
            return self.campaign_new(c);
        };
        let head = match expected {
            Some(e) => Some(e.to_string()),
            None => self.campaign_head(id, branch)?,
        };
        Ok(self
            .store
            .save_campaign(c, branch, head.as_deref(), &self.meta(message))?)
    }

    /// A campaign at a branch, tag or version (default `main`), hashes verified.
    pub fn campaign(&self, id: &str, at: Option<&str>) -> Result<(Campaign, Commit)> {
        Ok(self.store.load_campaign(id, at.unwrap_or("main"))?)
    }

    /// Campaigns (of one owner, or all), by id.
    pub fn campaigns(&self, owner: Option<&str>) -> Result<Vec<CampaignRow>> {
        Ok(self.store.list_campaigns(owner)?)
    }

    /// The versions of a campaign branch, newest first.
    pub fn campaign_history(&self, id: &str, branch: &str) -> Result<Vec<Commit>> {
        Ok(self.store.campaign_graph(id)?.log(branch)?)
    }

    /// The validation report of a campaign at a branch, tag or version.
    pub fn campaign_validate(&self, id: &str, at: Option<&str>) -> Result<CampaignReport> {
        let (c, _) = self.campaign(id, at)?;
        Ok(validate(&self.rules, &c))
    }

    pub(crate) fn campaign_head(&self, id: &str, branch: &str) -> Result<Option<String>> {
        Ok(self
            .store
            .campaign_refs(id, "branch")?
            .into_iter()
            .find(|r| r.name == branch)
            .map(|r| r.commit))
    }

    /// Runs a core edit on the head of `branch` and saves the result as a new version.
    pub(crate) fn edit_campaign<T>(
        &self,
        id: &str,
        branch: &str,
        message: &str,
        f: impl FnOnce(&mut Campaign) -> dnd_core::Result<T>,
    ) -> Result<(T, Saved)> {
        let (mut c, head) = self.campaign(id, Some(branch))?;
        let out = f(&mut c)?;
        let saved = self
            .store
            .save_campaign(&c, branch, Some(&head.id), &self.meta(message))?;
        Ok((out, saved))
    }

    /// Adds a chapter (a new id; prerequisites that exist and close no cycle).
    pub fn chapter_add(&self, id: &str, branch: &str, chapter: &Chapter) -> Result<Saved> {
        let msg = format!("add chapter {}", chapter.id);
        Ok(self
            .edit_campaign(id, branch, &msg, |c| add_chapter(c, chapter.clone()))?
            .1)
    }

    /// The chapters in a play order (prerequisites first).
    pub fn chapter_order(&self, id: &str, at: Option<&str>) -> Result<Vec<OrderedChapter>> {
        let (c, _) = self.campaign(id, at)?;
        Ok(play_order(&c.chapters)?)
    }

    /// Removes a chapter no other chapter requires.
    pub fn chapter_remove(&self, id: &str, branch: &str, chapter: &str) -> Result<Saved> {
        let msg = format!("remove chapter {chapter}");
        Ok(self
            .edit_campaign(id, branch, &msg, |c| remove_chapter(c, chapter))?
            .1)
    }

    /// Adds an NPC.
    pub fn npc_add(&self, id: &str, branch: &str, npc: &Npc) -> Result<Saved> {
        let msg = format!("add npc {}", npc.id);
        Ok(self
            .edit_campaign(id, branch, &msg, |c| add_npc(c, npc.clone()))?
            .1)
    }

    /// Sets the tie from one NPC or character to another.
    pub fn npc_relate(&self, id: &str, branch: &str, rel: &Relationship) -> Result<Saved> {
        let msg = format!("relate {} to {}", rel.from, rel.to);
        Ok(self
            .edit_campaign(id, branch, &msg, |c| relate(c, rel.clone()))?
            .1)
    }

    /// Adds a world effect on a faction or location.
    pub fn effect_add(&self, id: &str, branch: &str, effect: &WorldEffect) -> Result<Saved> {
        let msg = format!("add effect {}", effect.id);
        Ok(self
            .edit_campaign(id, branch, &msg, |c| add_effect(c, effect.clone()))?
            .1)
    }

    /// The state of a faction or location on a day (default: the campaign calendar's today),
    /// explained line by line.
    pub fn effect_state(
        &self,
        id: &str,
        at: Option<&str>,
        target: &Target,
        day: Option<u32>,
    ) -> Result<State> {
        let (c, _) = self.campaign(id, at)?;
        Ok(state(&c, target, day)?)
    }

    /// The levels of a campaign's characters (as stored on their `main` branch).
    pub fn campaign_party(&self, id: &str) -> Result<Vec<u8>> {
        let (c, _) = self.campaign(id, None)?;
        let mut out = Vec::new();
        for ch in c.characters() {
            let (x, _) = self.store.load(ch, "main")?;
            out.push(u8::try_from(x.level()).unwrap_or(20));
        }
        Ok(out)
    }

    /// Builds an encounter for a party (character levels) at a difficulty from the rules'
    /// creatures that pass the filter.
    pub fn encounter_build(
        &self,
        party: &[u8],
        difficulty: Difficulty,
        filter: &Filter,
    ) -> Result<Rated> {
        Ok(build(&self.rules, party, difficulty, filter)?)
    }

    /// Rates creatures (id → count) against a party's budgets.
    pub fn encounter_rate(&self, party: &[u8], creatures: &BTreeMap<String, u32>) -> Result<Rated> {
        Ok(rate(&self.rules, party, creatures)?)
    }
}
