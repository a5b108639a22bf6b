//! Versions: immutable, content-addressed commits of a character.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::canonical::content_id;
use crate::error::{Error, Result};
use crate::model::Character;

/// What made a commit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CommitKind {
    /// An edit.
    #[default]
    Commit,
    /// A three-way merge (two parents).
    Merge,
    /// An old version checked out onto a branch.
    Restore,
    /// Another commit's changes applied here.
    CherryPick,
    /// A commit's changes undone.
    Revert,
    /// A theme transition (or its rollback).
    Theme,
    /// An approved proposal.
    Approval,
}

/// The hashed part of a commit. Its SHA-256 (of the canonical JSON) is the commit id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CommitBody {
    /// The character's content address (SHA-256 of its canonical JSON).
    pub object: String,
    /// Parent commit ids: none for the first, two for a merge.
    #[serde(default)]
    pub parents: Vec<String>,
    pub author: String,
    #[serde(default)]
    pub message: String,
    /// Milliseconds since the Unix epoch, given by the caller (the core reads no clock).
    pub timestamp: i64,
    #[serde(default)]
    pub kind: CommitKind,
    /// Where the content came from (generator, model, prompt hash, seed…).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub provenance: BTreeMap<String, String>,
}

/// A version: its id and its body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Commit {
    /// SHA-256 of the body's canonical JSON.
    pub id: String,
    #[serde(flatten)]
    pub body: CommitBody,
}

/// Who and why, for a new commit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct CommitMeta {
    pub author: String,
    pub message: String,
    pub timestamp: i64,
    pub provenance: BTreeMap<String, String>,
}

impl Commit {
    /// Builds a commit of `object` with these parents.
    pub fn new(
        object: String,
        parents: Vec<String>,
        kind: CommitKind,
        meta: &CommitMeta,
    ) -> Result<Commit> {
        let body = CommitBody {
            object,
            parents,
            author: meta.author.clone(),
            message: meta.message.clone(),
            timestamp: meta.timestamp,
            kind,
            provenance: meta.provenance.clone(),
        };
        Ok(Commit {
            id: content_id(&body)?,
            body,
        })
    }

    /// Checks that the id is the hash of the body (a tampered commit fails).
    pub fn verify(&self) -> Result<()> {
        let actual = content_id(&self.body)?;
        if actual != self.id {
            return Err(Error::Tampered {
                kind: "commit",
                id: self.id.clone(),
                actual,
            });
        }
        Ok(())
    }
}

/// The content address of a character.
pub fn object_id(ch: &Character) -> Result<String> {
    content_id(ch)
}

/// Checks that a character read under `id` hashes to it.
pub fn verify_object(id: &str, ch: &Character) -> Result<()> {
    let actual = object_id(ch)?;
    if actual != id {
        return Err(Error::Tampered {
            kind: "object",
            id: id.to_string(),
            actual,
        });
    }
    Ok(())
}

/// Checks a branch or tag name: 1 to 100 characters of letters, digits, `-`, `_`, `.` and `/`,
/// not starting with `-` or `.`, no `..`, not ending with `/` or `.lock`, and not a commit id.
pub fn check_ref_name(name: &str) -> Result<()> {
    let bad = |reason: &str| Error::InvalidValue {
        path: "branch".into(),
        reason: format!("`{name}` is not a valid name: {reason}"),
    };
    if name.is_empty() || name.len() > 100 {
        return Err(bad("1 to 100 characters"));
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || "-_./".contains(*c)))
    {
        return Err(bad(&format!(
            "`{c}` is not allowed (letters, digits, - _ . /)"
        )));
    }
    if name.starts_with(['-', '.', '/'])
        || name.ends_with('/')
        || name.ends_with(".lock")
        || name.contains("..")
        || name.contains("//")
    {
        return Err(bad(
            "no leading `-` `.` `/`, no `..` or `//`, no trailing `/` or `.lock`",
        ));
    }
    if super::canonical::is_hash(name) {
        return Err(bad("it looks like a commit id"));
    }
    Ok(())
}
