//! Merge requests: a campaign branch (a player choice played out) proposed for merging into
//! another, reviewed by named reviewers, merged with per-path resolutions.
//!
//! Status: `open` until every reviewer's latest review approves (`approved`) or one asks for
//! changes (`changes_requested`); `merged` or `closed` are final. A request without reviewers
//! can be merged while open. Merging an unapproved request is `campaign.merge.unapproved`; a
//! review by someone not named is `campaign.merge.not_reviewer`; acting on a final request is
//! `campaign.merge.closed`.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::history::CampaignGraph;
use super::merge::merge_campaigns;
use crate::error::{Error, Result};
use crate::history::{Commit, CommitKind, CommitMeta, Conflict, Resolution, content_id};
use crate::play::refuse;

/// Where a merge request stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MergeStatus {
    #[default]
    Open,
    Approved,
    ChangesRequested,
    Merged,
    Closed,
}

/// One review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Review {
    pub reviewer: String,
    pub approve: bool,
    #[serde(default)]
    pub note: String,
    pub timestamp: i64,
}

/// A request to merge branch `from` into `into`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct MergeRequest {
    /// `mr_` and 12 hex digits.
    pub id: String,
    pub campaign: String,
    pub from: String,
    pub into: String,
    pub title: String,
    pub author: String,
    pub reviewers: Vec<String>,
    #[serde(default)]
    pub reviews: Vec<Review>,
    #[serde(default)]
    pub status: MergeStatus,
    pub created: i64,
    /// The conflicts a merge would meet, as of the last look.
    #[serde(default)]
    pub conflicts: Vec<Conflict>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merged_commit: Option<String>,
}

/// Opens a merge request (both branches must exist and differ).
pub fn open(
    g: &CampaignGraph,
    campaign: &str,
    from: &str,
    into: &str,
    title: &str,
    reviewers: Vec<String>,
    meta: &CommitMeta,
) -> Result<MergeRequest> {
    for b in [from, into] {
        if g.head(b).is_none() {
            return Err(Error::NotFound {
                kind: "branch",
                id: b.to_string(),
            });
        }
    }
    if from == into {
        return Err(Error::InvalidValue {
            path: "from".into(),
            reason: "a merge request needs two different branches".into(),
        });
    }
    let seed = serde_json::json!([campaign, from, into, meta.author, meta.timestamp, title]);
    let id = format!("mr_{}", &content_id(&seed)?[..12]);
    let mut mr = MergeRequest {
        id,
        campaign: campaign.into(),
        from: from.into(),
        into: into.into(),
        title: if title.is_empty() {
            format!("merge {from} into {into}")
        } else {
            title.into()
        },
        author: meta.author.clone(),
        reviewers,
        reviews: Vec::new(),
        status: MergeStatus::Open,
        created: meta.timestamp,
        conflicts: Vec::new(),
        merged_commit: None,
    };
    mr.conflicts = preview(g, &mr)?;
    Ok(mr)
}

/// The conflicts merging the request now would meet (before resolutions).
pub fn preview(g: &CampaignGraph, mr: &MergeRequest) -> Result<Vec<Conflict>> {
    let (ours, _) = g.at(&mr.into)?;
    let (theirs, _) = g.at(&mr.from)?;
    let base = match g.merge_base(&mr.into, &mr.from)? {
        Some(b) => g.at(&b)?.0,
        None => Default::default(),
    };
    Ok(merge_campaigns(&base, &ours, &theirs, &BTreeMap::new())
        .map(|m| m.conflicts)
        .unwrap_or_default())
}

fn check_open(mr: &MergeRequest) -> Result<()> {
    if matches!(mr.status, MergeStatus::Merged | MergeStatus::Closed) {
        return Err(refuse(
            "campaign.merge.closed",
            format!("merge request {} is {:?}", mr.id, mr.status).to_lowercase(),
            None,
            vec![],
        ));
    }
    Ok(())
}

/// Records a review by one of the named reviewers and updates the status.
pub fn review(
    mr: &mut MergeRequest,
    reviewer: &str,
    approve: bool,
    note: &str,
    timestamp: i64,
) -> Result<()> {
    check_open(mr)?;
    if !mr.reviewers.iter().any(|r| r == reviewer) {
        return Err(refuse(
            "campaign.merge.not_reviewer",
            format!("`{reviewer}` is not a reviewer of {}", mr.id),
            Some("reviewer".into()),
            mr.reviewers.clone(),
        ));
    }
    mr.reviews.push(Review {
        reviewer: reviewer.into(),
        approve,
        note: note.into(),
        timestamp,
    });
    let latest = |r: &str| {
        mr.reviews
            .iter()
            .rev()
            .find(|x| x.reviewer == r)
            .map(|x| x.approve)
    };
    mr.status = if mr.reviewers.iter().any(|r| latest(r) == Some(false)) {
        MergeStatus::ChangesRequested
    } else if mr.reviewers.iter().all(|r| latest(r) == Some(true)) {
        MergeStatus::Approved
    } else {
        MergeStatus::Open
    };
    Ok(())
}

/// Closes a request without merging it.
pub fn close(mr: &mut MergeRequest) -> Result<()> {
    check_open(mr)?;
    mr.status = MergeStatus::Closed;
    Ok(())
}

/// Merges an approved request (or an open one without reviewers): a three-way merge of `from`
/// into `into` with the resolutions, committed on `into` with two parents. Conflicts left are
/// [`Error::MergeConflicts`] and nothing is written.
pub fn merge(
    g: &mut CampaignGraph,
    mr: &mut MergeRequest,
    resolutions: &BTreeMap<String, Resolution>,
    meta: &CommitMeta,
) -> Result<Commit> {
    check_open(mr)?;
    let pending: Vec<String> = mr
        .reviewers
        .iter()
        .filter(|r| {
            mr.reviews
                .iter()
                .rev()
                .find(|x| &x.reviewer == *r)
                .is_none_or(|x| !x.approve)
        })
        .cloned()
        .collect();
    if !pending.is_empty() {
        return Err(refuse(
            "campaign.merge.unapproved",
            format!(
                "merge request {} awaits approval by {}",
                mr.id,
                pending.join(", ")
            ),
            None,
            pending
                .iter()
                .map(|p| format!("ask {p} to approve"))
                .collect(),
        ));
    }
    let head = g.head(&mr.into);
    let (ours, _) = g.at(&mr.into)?;
    let (theirs, theirs_commit) = g.at(&mr.from)?;
    let base = match g.merge_base(&mr.into, &mr.from)? {
        Some(b) => g.at(&b)?.0,
        None => Default::default(),
    };
    let merged = merge_campaigns(&base, &ours, &theirs, resolutions)?;
    if !merged.conflicts.is_empty() {
        mr.conflicts = merged.conflicts.clone();
        return Err(Error::MergeConflicts {
            conflicts: merged.conflicts,
        });
    }
    let c = g.commit_on(
        &mr.into,
        head.as_deref(),
        &merged.campaign,
        CommitKind::Merge,
        &[theirs_commit.id],
        meta,
    )?;
    mr.status = MergeStatus::Merged;
    mr.conflicts.clear();
    mr.merged_commit = Some(c.id.clone());
    Ok(c)
}
