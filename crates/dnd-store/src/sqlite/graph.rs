//! The core's [`Graph`] trait over one character's history in the store.

use dnd_core::history::Graph;
use dnd_core::model::Character;

use super::SqliteStore;
use super::rows::{read_commit_with, read_object_with, read_ref};
use crate::error::StoreError;

/// One character's history in a [`SqliteStore`], read through the core's [`Graph`] trait.
#[derive(Debug)]
pub struct StoreGraph<'a> {
    store: &'a SqliteStore,
    character: String,
}

impl<'a> StoreGraph<'a> {
    pub(crate) fn new(store: &'a SqliteStore, character: &str) -> StoreGraph<'a> {
        StoreGraph {
            store,
            character: character.to_string(),
        }
    }
}

impl Graph for StoreGraph<'_> {
    fn commit(&self, id: &str) -> dnd_core::Result<dnd_core::history::Commit> {
        self.store
            .read(|c| read_commit_with(c, Some(&self.character), id, Some(&self.store.verified)))
            .map_err(StoreError::into_core)
    }

    fn object(&self, id: &str) -> dnd_core::Result<Character> {
        self.store
            .read(|c| read_object_with(c, id, Some(&self.store.verified)))
            .map_err(StoreError::into_core)
    }

    fn head(&self, branch: &str) -> dnd_core::Result<Option<String>> {
        self.store
            .read(|c| read_ref(c, &self.character, "branch", branch))
            .map_err(StoreError::into_core)
    }
}
