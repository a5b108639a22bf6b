//! The storage interface every backend implements, and the rows it returns.

use dnd_core::history::{Commit, CommitMeta, Graph};
use dnd_core::model::Character;
use serde::{Deserialize, Serialize};

use crate::error::Result;

/// What a save wrote: the character's id and the new version (commit id).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    /// The character id (`ch_` and 12 hex digits of its first commit).
    pub id: String,
    /// The new commit id.
    pub version: String,
}

/// One character in a listing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CharacterRow {
    /// The character id.
    pub id: String,
    /// The owner (a plain user id).
    pub owner: String,
    /// The name in its latest saved version.
    pub name: String,
    /// When it was created (milliseconds since the Unix epoch).
    pub created_ms: i64,
    /// When a version was last saved.
    pub updated_ms: i64,
    /// When it was soft-deleted, if it is.
    pub deleted_ms: Option<i64>,
}

/// A branch or tag and the commit it names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefRow {
    /// The branch or tag name.
    pub name: String,
    /// The commit id it names.
    pub commit: String,
}

/// One save of a batch (see [`Store::save_batch`]).
#[derive(Debug, Clone, Copy)]
pub struct SaveRequest<'a> {
    /// The owner of a new character (ignored for an existing one).
    pub owner: &'a str,
    /// The character; with `id` set, a new version of that character.
    pub character: &'a Character,
    /// The branch to commit on.
    pub branch: &'a str,
    /// The head the caller last saw (`None` for a new character or branch).
    pub expected_head: Option<&'a str>,
    /// Who and why.
    pub meta: &'a CommitMeta,
}

/// Where characters and their histories live. Every write names the head it expects and fails
/// with `store.conflict` (carrying both heads) if the branch moved; every read verifies hashes.
pub trait Store: Send + Sync {
    /// Saves a version of `ch` on `branch`. A character with an `id` gets a new version; one
    /// without is created (its id derived from its first commit) on `branch`.
    fn save_character(
        &self,
        owner: &str,
        ch: &Character,
        branch: &str,
        expected_head: Option<&str>,
        meta: &CommitMeta,
    ) -> Result<Saved>;

    /// Saves several versions in one transaction: all are written or none.
    fn save_batch(&self, items: &[SaveRequest<'_>]) -> Result<Vec<Saved>>;

    /// Loads a character at a branch, a tag or a commit id, verifying both hashes.
    fn load(&self, id: &str, branch_or_version: &str) -> Result<(Character, Commit)>;

    /// Characters (of one owner, or all), soft-deleted ones included, ordered by id.
    fn list(&self, owner: Option<&str>) -> Result<Vec<CharacterRow>>;

    /// The commits reachable from a branch head, newest first, `offset` skipped, at most `limit`.
    fn history(&self, id: &str, branch: &str, offset: usize, limit: usize) -> Result<Vec<Commit>>;

    /// The branches of a character, by name.
    fn branches(&self, id: &str) -> Result<Vec<RefRow>>;

    /// The tags of a character, by name.
    fn tags(&self, id: &str) -> Result<Vec<RefRow>>;

    /// Creates branch `name` at `at` (a branch, tag or commit id); an existing name is refused.
    fn create_branch(&self, id: &str, name: &str, at: &str, actor: &str) -> Result<()>;

    /// Tags `at` (a branch, tag or commit id) as `name`; moving a tag is refused.
    fn tag(&self, id: &str, name: &str, at: &str, actor: &str) -> Result<()>;

    /// Marks a character deleted (it stays loadable until purged).
    fn soft_delete(&self, id: &str, actor: &str) -> Result<()>;

    /// Clears the deleted mark.
    fn undelete(&self, id: &str, actor: &str) -> Result<()>;

    /// Removes for good every character soft-deleted before `older_than_ms`, with its history;
    /// returns how many.
    fn purge(&self, older_than_ms: i64) -> Result<usize>;

    /// Writes a commit made elsewhere (a merge, restore or revert by the core) on `branch`,
    /// after checking its hash, that `ch` is its object, and that its parents are stored.
    fn commit_raw(
        &self,
        id: &str,
        branch: &str,
        expected_head: Option<&str>,
        commit: &Commit,
        ch: &Character,
        actor: &str,
    ) -> Result<()>;

    /// One character's history as a core [`Graph`], for merges and restores.
    fn graph<'a>(&'a self, id: &str) -> Result<Box<dyn Graph + 'a>>;
}
