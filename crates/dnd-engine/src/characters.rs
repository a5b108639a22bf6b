//! Verbs: saving, loading, listing and deleting characters.

use dnd_core::history::Commit;
use dnd_core::model::Character;
use dnd_store::{CharacterRow, Saved, Store};

use crate::engine::Engine;
use crate::error::Result;

impl Engine {
    /// Saves `ch` on `branch` as a new version: a character file with an `id` gets a new
    /// version of that character (expected head: `expected`, else the branch's current head),
    /// one without is created and given its id.
    pub fn save(
        &self,
        ch: &Character,
        branch: &str,
        message: &str,
        expected: Option<&str>,
    ) -> Result<Saved> {
        let head = match (&ch.id, expected) {
            (_, Some(e)) => Some(e.to_string()),
            (Some(id), None) => self
                .store
                .branches(id)?
                .into_iter()
                .find(|r| r.name == branch)
                .map(|r| r.commit),
            (None, None) => None,
        };
        let meta = self.meta(message);
        Ok(self
            .store
            .save_character(&self.actor, ch, branch, head.as_deref(), &meta)?)
    }

    /// A character at a branch, tag or version (default `main`), hashes verified.
    pub fn load(&self, id: &str, at: Option<&str>) -> Result<(Character, Commit)> {
        Ok(self.store.load(id, at.unwrap_or("main"))?)
    }

    /// Every character (or one owner's), soft-deleted ones flagged.
    pub fn list(&self, owner: Option<&str>) -> Result<Vec<CharacterRow>> {
        Ok(self.store.list(owner)?)
    }

    /// Marks a character deleted; it can be undeleted until purged.
    pub fn delete(&self, id: &str) -> Result<()> {
        Ok(self.store.soft_delete(id, &self.actor)?)
    }

    /// Clears the deleted mark.
    pub fn undelete(&self, id: &str) -> Result<()> {
        Ok(self.store.undelete(id, &self.actor)?)
    }

    /// Removes for good the characters deleted more than `days` ago; returns how many.
    pub fn purge(&self, days: u32) -> Result<usize> {
        let cutoff = self.now() - i64::from(days) * 86_400_000;
        Ok(self.store.purge(cutoff)?)
    }
}
