//! Opening, rebuilding and updating the index from the store's event log.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use dnd_core::rules::Rules;
use tantivy::collector::Count;
use tantivy::query::{BooleanQuery, Occur, Query, QueryParser, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{Index, IndexWriter, ReloadPolicy, Term};

use super::campaigns::Campaigns;
use super::docs::{SearchDoc, rules_docs};
use super::schema::{register, schema};
use super::semantic::{Embedder, Vectors};
use super::user::{Characters, Documents, UserContent};
use super::{IndexStats, Payload, SearchIndex, index_err};
use crate::SqliteStore;
use crate::error::Result;

/// How an index is opened.
#[derive(Clone, Default)]
pub struct OpenOptions {
    /// Ranks by BM25 and vector similarity together when set.
    pub embedder: Option<Arc<dyn Embedder>>,
    /// Sources of user content besides the built-in characters and documents.
    pub sources: Vec<Arc<dyn UserContent>>,
}

impl std::fmt::Debug for OpenOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OpenOptions")
            .field(
                "embedder",
                &self.embedder.as_ref().map(|e| e.name().to_string()),
            )
            .field(
                "sources",
                &self
                    .sources
                    .iter()
                    .map(|s| s.name().to_string())
                    .collect::<Vec<_>>(),
            )
            .finish()
    }
}

/// A fingerprint of the rules the rules documents come from (packs and their sizes).
fn fingerprint(rules: &Rules) -> String {
    let packs: Vec<String> = rules
        .manifests
        .iter()
        .map(|m| format!("{}@{}", m.id, m.version))
        .collect();
    let sizes: Vec<String> = dnd_core::rules::Kind::ALL
        .iter()
        .map(|k| rules.list(*k).len().to_string())
        .collect();
    format!("{}|{}|v1", packs.join(","), sizes.join("."))
}

fn open_existing(dir: &Path) -> std::result::Result<(Index, Payload), String> {
    let index = Index::open_in_dir(dir).map_err(|e| e.to_string())?;
    let (expected, _) = schema();
    if index.schema() != expected {
        return Err("it was built with another schema".into());
    }
    let bad = index.validate_checksum().map_err(|e| e.to_string())?;
    if !bad.is_empty() {
        let names: Vec<String> = bad.iter().map(|p| p.display().to_string()).collect();
        return Err(format!("damaged files: {}", names.join(", ")));
    }
    let meta = index.load_metas().map_err(|e| e.to_string())?;
    let payload = meta
        .payload
        .as_deref()
        .and_then(|p| serde_json::from_str(p).ok())
        .unwrap_or_default();
    Ok((index, payload))
}

impl SearchIndex {
    /// Opens the index in `dir` (or in memory with `None`), creating or rebuilding it as
    /// needed (a corrupt one with a warning), and brings it up to date with the store.
    pub fn open(dir: Option<&Path>, store: &SqliteStore, rules: &Rules) -> Result<SearchIndex> {
        SearchIndex::open_with(dir, store, rules, OpenOptions::default())
    }

    /// [`SearchIndex::open`] with options: an embedder for hybrid ranking, more sources of
    /// user content (campaign objects with tables of their own plug in here).
    pub fn open_with(
        dir: Option<&Path>,
        store: &SqliteStore,
        rules: &Rules,
        options: OpenOptions,
    ) -> Result<SearchIndex> {
        let OpenOptions {
            embedder,
            sources: extra,
        } = options;
        let mut warnings = Vec::new();
        let (index, payload) = match dir {
            None => (Index::create_in_ram(schema().0), Payload::default()),
            Some(d) if !d.exists() => (create(d)?, Payload::default()),
            Some(d) => match open_existing(d) {
                Ok(x) => x,
                Err(reason) => {
                    warnings.push(format!(
                        "search index `{}` could not be used ({reason}); rebuilt it",
                        d.display()
                    ));
                    std::fs::remove_dir_all(d).map_err(index_err)?;
                    (create(d)?, Payload::default())
                }
            },
        };
        register(&index);
        let (_, fields) = schema();
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(index_err)?;
        let mut parser = QueryParser::for_index(&index, vec![fields.name, fields.body]);
        parser.set_field_boost(fields.name, 4.0);
        let fresh = payload == Payload::default();
        let si = SearchIndex {
            index,
            fields,
            reader,
            parser,
            path: dir.map(Path::to_path_buf),
            state: Mutex::new(payload),
            sources: {
                let mut v: Vec<Arc<dyn UserContent>> = vec![
                    Arc::new(Characters),
                    Arc::new(Documents::default()),
                    Arc::new(Campaigns),
                ];
                v.extend(extra);
                v
            },
            warnings: Mutex::new(warnings),
            vectors: embedder.map(Vectors::new),
        };
        if fresh {
            si.rebuild(store, rules)?;
        } else {
            si.sync(store, rules)?;
            si.embed_missing()?;
        }
        Ok(si)
    }

    fn writer(&self) -> Result<IndexWriter> {
        self.index
            .writer_with_num_threads(2, 64_000_000)
            .map_err(index_err)
    }

    fn commit(&self, mut w: IndexWriter, payload: &Payload) -> Result<()> {
        let mut prepared = w.prepare_commit().map_err(index_err)?;
        prepared.set_payload(&serde_json::to_string(payload).map_err(index_err)?);
        prepared.commit().map_err(index_err)?;
        drop(w);
        self.reader.reload().map_err(index_err)?;
        *crate::sqlite::lock(&self.state) = payload.clone();
        Ok(())
    }

    fn add(&self, w: &IndexWriter, docs: &[SearchDoc]) -> Result<()> {
        for d in docs {
            w.add_document(d.to_tantivy(&self.fields))
                .map_err(index_err)?;
        }
        if let Some(v) = &self.vectors {
            if let Err(e) = v.upsert(docs) {
                self.warn(format!("semantic search off for these documents: {e}"));
            }
        }
        Ok(())
    }

    fn user_docs(&self, store: &SqliteStore, rules: &Rules) -> Result<Vec<SearchDoc>> {
        let mut out = Vec::new();
        for s in &self.sources {
            out.extend(s.all(store, rules)?);
        }
        Ok(out)
    }

    /// Recreates every document from the rules, the catalog and the store.
    pub fn rebuild(&self, store: &SqliteStore, rules: &Rules) -> Result<()> {
        let seq = store.last_event_seq()?;
        let catalog = store.catalog_entries(None, None)?;
        let w = self.writer()?;
        w.delete_all_documents().map_err(index_err)?;
        if let Some(v) = &self.vectors {
            v.clear();
        }
        self.add(&w, &rules_docs(rules, &catalog))?;
        self.add(&w, &self.user_docs(store, rules)?)?;
        self.commit(
            w,
            &Payload {
                seq,
                rules: fingerprint(rules),
            },
        )
    }

    fn class_query(&self, class: &str) -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(self.fields.class, class),
            IndexRecordOption::Basic,
        ))
    }

    /// Applies the events logged since the index's last commit: a catalog import refreshes the
    /// rules documents, a character or document change that subject. Returns how many events
    /// were applied. If another process is writing the index, the update is left for later
    /// with a warning.
    pub fn sync(&self, store: &SqliteStore, rules: &Rules) -> Result<usize> {
        let mut state = crate::sqlite::lock(&self.state).clone();
        let fp = fingerprint(rules);
        let mut rules_dirty = state.rules != fp;
        let mut all_users = false;
        let mut subjects: Vec<(usize, String)> = Vec::new();
        let mut applied = 0;
        loop {
            let batch = store.events(state.seq + 1, 1000)?;
            let Some(last) = batch.last() else { break };
            state.seq = last.seq;
            applied += batch.len();
            for ev in &batch {
                if ev.kind == "catalog.imported" {
                    rules_dirty = true;
                } else if ev.kind == "document.deleted" {
                    subjects.push((usize::MAX, ev.subject.clone()));
                }
                for (i, s) in self.sources.iter().enumerate() {
                    if s.handles(&ev.kind) {
                        all_users |= s.affects_others(&ev.kind);
                        subjects.push((i, ev.subject.clone()));
                    }
                }
            }
        }
        if applied == 0 && !rules_dirty {
            return Ok(0);
        }
        let w = match self.writer() {
            Ok(w) => w,
            Err(e) => {
                self.warn(format!("search index not updated now: {e}"));
                return Ok(0);
            }
        };
        if rules_dirty {
            w.delete_query(self.class_query("rules"))
                .map_err(index_err)?;
            if let Some(v) = &self.vectors {
                v.drop_class(false);
            }
            let catalog = store.catalog_entries(None, None)?;
            self.add(&w, &rules_docs(rules, &catalog))?;
            state.rules = fp;
        }
        if all_users {
            w.delete_query(self.class_query("user"))
                .map_err(index_err)?;
            if let Some(v) = &self.vectors {
                v.drop_class(true);
            }
            self.add(&w, &self.user_docs(store, rules)?)?;
        } else {
            subjects.sort();
            subjects.dedup();
            for (i, subject) in &subjects {
                let q = BooleanQuery::new(vec![
                    (Occur::Must, self.class_query("user")),
                    (
                        Occur::Must,
                        Box::new(TermQuery::new(
                            Term::from_field_text(self.fields.id, subject),
                            IndexRecordOption::Basic,
                        )),
                    ),
                ]);
                w.delete_query(Box::new(q)).map_err(index_err)?;
                if let Some(v) = &self.vectors {
                    v.remove_subject(subject);
                }
                if let Some(source) = self.sources.get(*i) {
                    self.add(&w, &source.one(store, rules, subject)?)?;
                }
            }
        }
        self.commit(w, &state)?;
        Ok(applied)
    }

    /// Merges every segment into one and removes files no longer used.
    pub fn optimize(&self) -> Result<()> {
        let ids = self.index.searchable_segment_ids().map_err(index_err)?;
        let mut w = self.writer()?;
        if ids.len() > 1 {
            w.merge(&ids).wait().map_err(index_err)?;
        }
        let state = crate::sqlite::lock(&self.state).clone();
        let _ = w.garbage_collect_files().wait();
        self.commit(w, &state)
    }

    /// Counts and sizes.
    pub fn stats(&self) -> Result<IndexStats> {
        let searcher = self.reader.searcher();
        let count = |q: &dyn Query| searcher.search(q, &Count).map_err(index_err);
        let mut by_kind = BTreeMap::new();
        let kinds: Vec<String> = crate::import::KINDS
            .iter()
            .chain(super::user::DOCUMENT_KINDS)
            .chain(&["character"])
            .map(|s| s.to_string())
            .collect();
        for k in kinds {
            let q = TermQuery::new(
                Term::from_field_text(self.fields.kind, &k),
                IndexRecordOption::Basic,
            );
            let n = count(&q)? as u64;
            if n > 0 {
                by_kind.insert(k, n);
            }
        }
        let size_bytes = self.path.as_deref().map_or(0, dir_size);
        Ok(IndexStats {
            path: self.path.clone(),
            documents: searcher.num_docs(),
            rules_documents: count(&*self.class_query("rules"))? as u64,
            user_documents: count(&*self.class_query("user"))? as u64,
            by_kind,
            segments: searcher.segment_readers().len(),
            size_bytes,
            last_event: crate::sqlite::lock(&self.state).seq,
            embedder: self.vectors.as_ref().map(|v| v.name().to_string()),
        })
    }
}

fn create(dir: &Path) -> Result<Index> {
    std::fs::create_dir_all(dir).map_err(index_err)?;
    Index::create_in_dir(dir, schema().0).map_err(index_err)
}

fn dir_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|it| {
            it.filter_map(|e| e.ok())
                .filter_map(|e| e.metadata().ok())
                .filter(|m| m.is_file())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}
