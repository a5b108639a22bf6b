//! Verbs: search, suggest, more like this, the index (rebuild, stats, optimize) and catalog
//! imports. The index is opened on first use beside the database (`<db>.index/`, in memory for
//! an in-memory store) and brought up to date from the event log before every query.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use dnd_store::search::index_dir_for;
use dnd_store::{
    CatalogStats, Embedder, ImportFormat, ImportReport, IndexStats, OpenOptions, Progress,
    SearchAnalytics, SearchHit, SearchIndex, SearchRequest, SearchResults, StoreError, Suggestion,
    UserContent, Viewer,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::engine::Engine;
use crate::error::Result;

/// The engine's search state: the index once opened, an optional embedder, warnings.
#[derive(Default)]
pub(crate) struct SearchState {
    index: Mutex<Option<Arc<SearchIndex>>>,
    options: OpenOptions,
    dir: Option<PathBuf>,
    warnings: Mutex<Vec<String>>,
}

/// The index, the catalog and what users searched for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchReport {
    pub index: IndexStats,
    pub catalog: CatalogStats,
    pub analytics: SearchAnalytics,
}

impl Engine {
    /// Uses an embedding provider: searches then rank by BM25 and vector similarity together.
    pub fn with_embedder(mut self, embedder: Arc<dyn Embedder>) -> Engine {
        self.search.options.embedder = Some(embedder);
        self
    }

    /// Indexes one more source of user content (objects kept in tables of their own).
    pub fn with_search_source(mut self, source: Arc<dyn UserContent>) -> Engine {
        self.search.options.sources.push(source);
        self
    }

    /// Keeps the search index in `dir` instead of beside the database.
    pub fn with_index_dir(mut self, dir: impl AsRef<Path>) -> Engine {
        self.search.dir = Some(dir.as_ref().to_path_buf());
        self
    }

    fn index_dir(&self) -> Option<PathBuf> {
        self.search
            .dir
            .clone()
            .or_else(|| self.store.path().map(index_dir_for))
    }

    fn open_index(&self) -> Result<Arc<SearchIndex>> {
        let idx = SearchIndex::open_with(
            self.index_dir().as_deref(),
            &self.store,
            &self.rules,
            self.search.options.clone(),
        )?;
        Ok(Arc::new(idx))
    }

    /// The index, opened if needed and brought up to date with the store's event log.
    fn index(&self) -> Result<Arc<SearchIndex>> {
        let mut slot = self.search.index.lock().unwrap_or_else(|p| p.into_inner());
        let idx = match slot.as_ref() {
            Some(i) => {
                i.sync(&self.store, &self.rules)?;
                i.clone()
            }
            None => {
                let i = self.open_index()?;
                *slot = Some(i.clone());
                i
            }
        };
        self.collect_warnings(&idx);
        Ok(idx)
    }

    fn collect_warnings(&self, idx: &SearchIndex) {
        let w = idx.take_warnings();
        if !w.is_empty() {
            self.search
                .warnings
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .extend(w);
        }
    }

    /// Runs `f` on the index; an index that fails to read (damaged under us) is rebuilt from
    /// scratch with a warning and `f` runs once more.
    fn with_index<T>(&self, f: impl Fn(&SearchIndex) -> dnd_store::Result<T>) -> Result<T> {
        let idx = self.index()?;
        match f(&idx) {
            Err(StoreError::Index { reason }) => {
                let dir = self.index_dir();
                if let Some(d) = &dir {
                    let _ = std::fs::remove_dir_all(d);
                }
                self.warn(format!("search index failed ({reason}); rebuilt it"));
                let fresh = self.open_index()?;
                *self.search.index.lock().unwrap_or_else(|p| p.into_inner()) = Some(fresh.clone());
                self.collect_warnings(&fresh);
                Ok(f(&fresh)?)
            }
            other => Ok(other?),
        }
    }

    fn warn(&self, w: String) {
        self.search
            .warnings
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(w);
    }

    /// Warnings from the search index since the last call (rebuilt because it was corrupt,
    /// not updated because another process was writing it, an embedder that failed).
    pub fn search_warnings(&self) -> Vec<String> {
        std::mem::take(
            &mut *self
                .search
                .warnings
                .lock()
                .unwrap_or_else(|p| p.into_inner()),
        )
    }

    /// The acting user as a search viewer, with the campaigns whose document names them as
    /// `dm` or among `players`.
    pub fn viewer(&self) -> Result<Viewer> {
        let me = self.actor.as_str();
        let campaigns = self
            .store
            .list_documents("campaign", None)?
            .into_iter()
            .filter(|d| {
                d.owner == me
                    || d.body.get("dm").and_then(Value::as_str) == Some(me)
                    || d.body
                        .get("players")
                        .and_then(Value::as_array)
                        .is_some_and(|a| a.iter().any(|p| p.as_str() == Some(me)))
            })
            .map(|d| d.id)
            .collect::<Vec<_>>();
        let mut campaigns = campaigns;
        // Campaigns in their own tables: the owner is the DM; players are listed by user id.
        for row in self.store.list_campaigns(None)? {
            if campaigns.contains(&row.id) {
                continue;
            }
            let member = row.owner == me
                || self
                    .store
                    .load_campaign(&row.id, "main")
                    .is_ok_and(|(c, _)| c.players.iter().any(|p| p.user == me));
            if member {
                campaigns.push(row.id);
            }
        }
        Ok(Viewer {
            user: me.to_string(),
            campaigns,
        })
    }

    /// Searches rules and user content (the request carries its viewer). Every query is
    /// recorded for the analytics.
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResults> {
        let start = std::time::Instant::now();
        let res = self.with_index(|i| i.search(req))?;
        let took = u64::try_from(start.elapsed().as_micros()).unwrap_or(u64::MAX);
        let filters = serde_json::json!({"kinds": req.kinds, "filters": req.filters});
        if let Err(e) =
            self.store
                .record_search(&req.query, &req.viewer.user, &filters, res.total, took)
        {
            self.warn(format!("search not recorded in the analytics: {e}"));
        }
        Ok(res)
    }

    /// Names starting with `prefix` that the viewer may see (autocomplete).
    pub fn suggest(
        &self,
        prefix: &str,
        viewer: &Viewer,
        kinds: &[String],
        limit: usize,
    ) -> Result<Vec<Suggestion>> {
        self.with_index(|i| i.suggest(prefix, viewer, kinds, limit))
    }

    /// Entries like the one with this key (`spell:fireball`).
    pub fn more_like_this(
        &self,
        key: &str,
        viewer: &Viewer,
        limit: usize,
    ) -> Result<Vec<SearchHit>> {
        self.with_index(|i| i.more_like_this(key, viewer, limit))
    }

    /// Recreates the index from the rules, the catalog and the store, merged into one segment.
    pub fn index_rebuild(&self) -> Result<IndexStats> {
        self.with_index(|i| {
            i.rebuild(&self.store, &self.rules)?;
            i.optimize()?;
            i.stats()
        })
    }

    /// Merges the index's segments into one.
    pub fn index_optimize(&self) -> Result<IndexStats> {
        self.with_index(|i| {
            i.optimize()?;
            i.stats()
        })
    }

    /// The index, the catalog and the analytics (`top` popular and zero-result queries).
    pub fn index_stats(&self, top: usize) -> Result<SearchReport> {
        Ok(SearchReport {
            index: self.with_index(SearchIndex::stats)?,
            catalog: self.store.catalog_stats()?,
            analytics: self.store.search_analytics(top)?,
        })
    }

    /// Imports a public data set folder into the catalog (replacing that source's entries, all
    /// or nothing); the index picks it up from the event log.
    pub fn import_catalog(
        &self,
        format: ImportFormat,
        dir: &Path,
        progress: &mut dyn FnMut(&Progress),
    ) -> Result<ImportReport> {
        Ok(self
            .store
            .import_catalog(format, dir, &self.rules, &self.actor, progress)?)
    }
}
