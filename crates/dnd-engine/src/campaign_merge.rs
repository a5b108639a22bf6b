//! Verbs: campaign branches (player choices played out) and merge requests with reviewers
//! and per-path resolutions.

use std::collections::BTreeMap;

use dnd_core::campaign::merge_request::{self as mr, MergeRequest};
use dnd_core::history::{Commit, Resolution};
use dnd_store::RefRow;

use crate::engine::Engine;
use crate::error::Result;

impl Engine {
    /// Creates campaign branch `name` at `at` (a branch, tag or version; default `main`).
    pub fn campaign_branch(&self, id: &str, name: &str, at: Option<&str>) -> Result<()> {
        Ok(self
            .store
            .create_campaign_ref(id, "branch", name, at.unwrap_or("main"), &self.actor)?)
    }

    /// Tags a campaign version (a session milestone).
    pub fn campaign_tag(&self, id: &str, name: &str, at: Option<&str>) -> Result<()> {
        Ok(self
            .store
            .create_campaign_ref(id, "tag", name, at.unwrap_or("main"), &self.actor)?)
    }

    /// The branches of a campaign.
    pub fn campaign_branches(&self, id: &str) -> Result<Vec<RefRow>> {
        Ok(self.store.campaign_refs(id, "branch")?)
    }

    /// Opens a merge request of `from` into `into`, to be approved by `reviewers` (none: the
    /// author may merge it at once). It lists the conflicts a merge would meet now.
    pub fn campaign_merge_open(
        &self,
        id: &str,
        from: &str,
        into: &str,
        title: &str,
        reviewers: &[String],
    ) -> Result<MergeRequest> {
        let g = self.store.campaign_graph(id)?;
        let m = mr::open(
            &g,
            id,
            from,
            into,
            title,
            reviewers.to_vec(),
            &self.meta(title),
        )?;
        self.store.put_merge_request(&m, &self.actor)?;
        Ok(m)
    }

    /// The merge requests of a campaign, oldest first.
    pub fn campaign_merge_requests(&self, id: &str) -> Result<Vec<MergeRequest>> {
        Ok(self.store.merge_requests(id)?)
    }

    /// One merge request, its conflict preview refreshed.
    pub fn campaign_merge_request(&self, mr_id: &str) -> Result<MergeRequest> {
        let mut m = self.store.merge_request(mr_id)?;
        if matches!(m.status, mr::MergeStatus::Merged | mr::MergeStatus::Closed) {
            return Ok(m);
        }
        m.conflicts = mr::preview(&self.store.campaign_graph(&m.campaign)?, &m)?;
        Ok(m)
    }

    /// A review by the acting user (who must be a named reviewer).
    pub fn campaign_merge_review(
        &self,
        mr_id: &str,
        approve: bool,
        note: &str,
    ) -> Result<MergeRequest> {
        let mut m = self.store.merge_request(mr_id)?;
        mr::review(&mut m, &self.actor, approve, note, self.now())?;
        self.store.put_merge_request(&m, &self.actor)?;
        Ok(m)
    }

    /// Closes a merge request without merging.
    pub fn campaign_merge_close(&self, mr_id: &str) -> Result<MergeRequest> {
        let mut m = self.store.merge_request(mr_id)?;
        mr::close(&mut m)?;
        self.store.put_merge_request(&m, &self.actor)?;
        Ok(m)
    }

    /// Merges an approved request with per-path resolutions: a merge commit with two parents on
    /// the target branch, written with the head read as the expected head. Conflicts left are
    /// `history.merge.conflict` (each with path, base, ours, theirs) and nothing is merged.
    pub fn campaign_merge(
        &self,
        mr_id: &str,
        resolutions: &BTreeMap<String, Resolution>,
    ) -> Result<(MergeRequest, Commit)> {
        let mut m = self.store.merge_request(mr_id)?;
        let mut g = self.store.campaign_graph(&m.campaign)?;
        let before = g.head(&m.into);
        let msg = format!("merge {} ({}) into {}", m.from, m.id, m.into);
        let c = match mr::merge(&mut g, &mut m, resolutions, &self.meta(&msg)) {
            Ok(c) => c,
            Err(e) => {
                if matches!(e, dnd_core::Error::MergeConflicts { .. }) {
                    self.store.put_merge_request(&m, &self.actor)?;
                }
                return Err(e.into());
            }
        };
        let merged = g.object(&c.body.object)?;
        self.store.commit_campaign_raw(
            &m.campaign,
            &m.into,
            before.as_deref(),
            &c,
            &merged,
            &self.actor,
        )?;
        self.store.put_merge_request(&m, &self.actor)?;
        Ok((m, c))
    }
}
