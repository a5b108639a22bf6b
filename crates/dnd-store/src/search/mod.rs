//! Full-text search over rules and user content (tantivy).
//!
//! - [`SearchIndex`] lives on disk beside the database (`<db>.index/`) or in memory. It is
//!   kept current from the store's event log: the last event applied is written into each
//!   index commit (its payload), so the index and its offset never disagree, even after a
//!   crash between the two. A missing, corrupt or unreadable index is rebuilt with a warning.
//! - Documents: rules content ([`docs::rules_docs`]: the rules pack's facts plus the full text
//!   of imported catalog entries) and user content ([`UserContent`] sources: characters and
//!   JSON documents — campaigns, NPCs, locations, journal entries).
//! - Queries ([`SearchRequest`]): free text with the name boosted over the body, phrases,
//!   boolean operators, D&D synonyms, fuzzy matching of words the index has never seen,
//!   filters and facets, sorting, paging, highlighted snippets; [`SearchIndex::suggest`]
//!   completes names; [`SearchIndex::more_like_this`] finds similar entries.
//! - Permissions: every query carries a [`Viewer`]; rules content is public, user content
//!   visible to its owner and to the members of its campaigns.
//! - Optional semantic ranking ([`Embedder`]): normalised BM25 and cosine similarity combined.

mod analytics;
mod campaigns;
pub mod docs;
mod index;
mod lookup;
mod query;
mod run;
pub mod schema;
mod semantic;
pub mod synonyms;
pub mod user;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use tantivy::query::QueryParser;
use tantivy::{Index, IndexReader};

pub use analytics::{QueryCount, SearchAnalytics};
pub use campaigns::Campaigns;
pub use docs::SearchDoc;
pub use index::OpenOptions;
pub use lookup::IndexedDoc;
pub use query::{Filter, FilterOp};
pub use semantic::Embedder;
pub use user::{Characters, Documents, UserContent};

use crate::import::Facets;
use schema::Fields;

/// Who is searching: the user and the campaigns they are DM or player of (filled by the
/// caller, who knows the memberships).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub user: String,
    #[serde(default)]
    pub campaigns: Vec<String>,
}

impl Viewer {
    /// A viewer with no campaigns.
    pub fn user(user: impl Into<String>) -> Viewer {
        Viewer {
            user: user.into(),
            campaigns: vec![],
        }
    }
}

/// How hits are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    /// Best match first.
    #[default]
    Relevance,
    /// By name.
    Name,
    /// By level (spells, features, characters).
    Level,
    /// By challenge rating.
    Cr,
}

impl Sort {
    /// Parses `relevance`, `name`, `level` or `cr`.
    pub fn parse(s: &str) -> Option<Sort> {
        Some(match s {
            "relevance" | "score" => Sort::Relevance,
            "name" => Sort::Name,
            "level" => Sort::Level,
            "cr" => Sort::Cr,
            _ => return None,
        })
    }
}

/// One search.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchRequest {
    /// Free text (`fireball`, `"hit points" -temporary`, `cold AND cone`); empty: everything
    /// the filters allow.
    pub query: String,
    /// Only these kinds (none: every kind).
    #[serde(default)]
    pub kinds: Vec<String>,
    /// Filters, all of which must hold.
    #[serde(default)]
    pub filters: Vec<Filter>,
    pub viewer: Viewer,
    pub limit: usize,
    #[serde(default)]
    pub offset: usize,
    #[serde(default)]
    pub sort: Sort,
    /// Reverse the sort (relevance is always best first).
    #[serde(default)]
    pub descending: bool,
    /// Count hits per kind, level, school, class, rarity and source.
    #[serde(default)]
    pub facets: bool,
    /// Highlighted snippets of the body.
    #[serde(default = "yes")]
    pub snippets: bool,
}

fn yes() -> bool {
    true
}

impl SearchRequest {
    /// A free-text query for a viewer, 10 hits, snippets on.
    pub fn new(query: impl Into<String>, viewer: Viewer) -> SearchRequest {
        SearchRequest {
            query: query.into(),
            kinds: vec![],
            filters: vec![],
            viewer,
            limit: 10,
            offset: 0,
            sort: Sort::Relevance,
            descending: false,
            facets: false,
            snippets: true,
        }
    }
}

/// One hit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    /// `kind:id`.
    pub key: String,
    pub id: String,
    pub kind: String,
    pub name: String,
    pub score: f32,
    /// A fragment of the body with matches marked `**like this**`.
    pub snippet: String,
    /// Byte ranges of the matches in `snippet` (without the marks: in the unmarked fragment).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub highlights: Vec<[usize; 2]>,
    pub sources: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    pub facets: Facets,
}

/// The answer to a [`SearchRequest`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    /// Every matching document the viewer may see.
    pub total: usize,
    /// The requested page.
    pub hits: Vec<SearchHit>,
    /// Counts per facet value (`kind` → `spell` → 12), when asked for.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub facets: BTreeMap<String, BTreeMap<String, u64>>,
    /// Words the index did not know, matched fuzzily.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fuzzy: Vec<String>,
    /// Whether vector similarity took part in the ranking.
    #[serde(default)]
    pub semantic: bool,
}

/// One autocompletion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub key: String,
    pub id: String,
    pub kind: String,
    pub name: String,
}

/// The state of the index.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct IndexStats {
    /// Where it lives (`None`: in memory).
    pub path: Option<PathBuf>,
    pub documents: u64,
    pub rules_documents: u64,
    pub user_documents: u64,
    pub by_kind: BTreeMap<String, u64>,
    pub segments: usize,
    /// Bytes on disk.
    pub size_bytes: u64,
    /// The last event of the store's log the index reflects.
    pub last_event: i64,
    /// The embedder in use, if any.
    pub embedder: Option<String>,
}

/// What the last commit recorded.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Payload {
    /// The last event applied.
    pub seq: i64,
    /// The rules the rules documents were built from.
    pub rules: String,
}

/// The search index. `Send + Sync`; writes are serialised inside.
pub struct SearchIndex {
    pub(crate) index: Index,
    pub(crate) fields: Fields,
    pub(crate) reader: IndexReader,
    pub(crate) parser: QueryParser,
    pub(crate) path: Option<PathBuf>,
    pub(crate) state: Mutex<Payload>,
    pub(crate) sources: Vec<std::sync::Arc<dyn UserContent>>,
    pub(crate) warnings: Mutex<Vec<String>>,
    pub(crate) vectors: Option<semantic::Vectors>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl SearchIndex {
    /// Warnings since the last call (an index rebuilt because it was corrupt, a write skipped
    /// because another process held the index, an embedder that failed).
    pub fn take_warnings(&self) -> Vec<String> {
        std::mem::take(&mut *crate::sqlite::lock(&self.warnings))
    }

    pub(crate) fn warn(&self, w: String) {
        crate::sqlite::lock(&self.warnings).push(w);
    }

    /// Where the index lives (`None`: in memory).
    pub fn path(&self) -> Option<&std::path::Path> {
        self.path.as_deref()
    }
}

/// The index folder of a database file: `<db>.index`.
pub fn index_dir_for(db: &std::path::Path) -> PathBuf {
    let mut s = db.as_os_str().to_owned();
    s.push(".index");
    PathBuf::from(s)
}

pub(crate) fn index_err(e: impl std::fmt::Display) -> crate::StoreError {
    crate::StoreError::Index {
        reason: e.to_string(),
    }
}
