//! Looking things up besides full-text search: name suggestions, "more like this", and every
//! stored document (for embedding and side-by-side benches).

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, MoreLikeThisQuery, Occur, PhrasePrefixQuery, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, OwnedValue, Value as _};
use tantivy::{TantivyDocument, Term};

use super::query::permission;
use super::run::text;
use super::schema::{plain, tokens};
use super::semantic::doc_text;
use super::{SearchHit, SearchIndex, Suggestion, Viewer, index_err};
use crate::error::Result;

impl SearchIndex {
    /// Names that start with `prefix` (each word of it a prefix of the name's words, in
    /// order), shortest and alphabetical first; what the viewer may see only.
    pub fn suggest(
        &self,
        prefix: &str,
        viewer: &Viewer,
        kinds: &[String],
        limit: usize,
    ) -> Result<Vec<Suggestion>> {
        let words = tokens(&mut plain(), prefix);
        if words.is_empty() {
            return Ok(vec![]);
        }
        let searcher = self.reader.searcher();
        let terms: Vec<(usize, Term)> = words
            .iter()
            .enumerate()
            .map(|(i, w)| (i, Term::from_field_text(self.fields.name_plain, w)))
            .collect();
        let text: Box<dyn Query> = if terms.len() == 1 {
            let w = &words[0];
            Box::new(
                tantivy::query::RegexQuery::from_pattern(
                    &format!("{}.*", regex_escape(w)),
                    self.fields.name_plain,
                )
                .map_err(index_err)?,
            )
        } else {
            Box::new(PhrasePrefixQuery::new_with_offset(terms))
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![
            (Occur::Must, text),
            (Occur::Must, permission(&self.fields, viewer)),
        ];
        if !kinds.is_empty() {
            let ks: Vec<(Occur, Box<dyn Query>)> = kinds
                .iter()
                .map(|k| {
                    let q: Box<dyn Query> = Box::new(TermQuery::new(
                        Term::from_field_text(self.fields.kind, &super::query::kind_alias(k)),
                        IndexRecordOption::Basic,
                    ));
                    (Occur::Should, q)
                })
                .collect();
            clauses.push((Occur::Must, Box::new(BooleanQuery::new(ks))));
        }
        let found = searcher
            .search(&BooleanQuery::new(clauses), &TopDocs::with_limit(500))
            .map_err(index_err)?;
        let lower = prefix.trim().to_lowercase();
        let mut out: Vec<Suggestion> = Vec::new();
        for (_, at) in found {
            let d = self.doc(&searcher, at)?;
            out.push(Suggestion {
                key: text_of(&d, self.fields.key),
                id: text_of(&d, self.fields.id),
                kind: text_of(&d, self.fields.kind),
                name: text_of(&d, self.fields.name),
            });
        }
        out.sort_by(|a, b| {
            let starts = |s: &Suggestion| !s.name.to_lowercase().starts_with(&lower);
            (starts(a), a.name.len(), &a.name, &a.kind).cmp(&(
                starts(b),
                b.name.len(),
                &b.name,
                &b.kind,
            ))
        });
        out.dedup_by(|a, b| a.key == b.key);
        out.truncate(limit);
        Ok(out)
    }

    /// Documents like the one with this key (`spell:fireball`), that the viewer may see.
    pub fn more_like_this(
        &self,
        key: &str,
        viewer: &Viewer,
        limit: usize,
    ) -> Result<Vec<SearchHit>> {
        let searcher = self.reader.searcher();
        let key_term = Term::from_field_text(self.fields.key, key);
        let this = TermQuery::new(key_term.clone(), IndexRecordOption::Basic);
        let me = BooleanQuery::new(vec![
            (Occur::Must, Box::new(this.clone())),
            (Occur::Must, permission(&self.fields, viewer)),
        ]);
        let Some((_, at)) = searcher
            .search(&me, &TopDocs::with_limit(1))
            .map_err(index_err)?
            .pop()
        else {
            return Err(crate::StoreError::NotFound {
                kind: "search document",
                id: key.to_string(),
            });
        };
        let d = self.doc(&searcher, at)?;
        let fields = vec![
            (
                self.fields.name,
                vec![OwnedValue::Str(text(&d, self.fields.name))],
            ),
            (
                self.fields.body,
                vec![OwnedValue::Str(text(&d, self.fields.body))],
            ),
        ];
        let mlt = MoreLikeThisQuery::builder()
            .with_min_doc_frequency(1)
            .with_min_term_frequency(1)
            .with_min_word_length(3)
            .with_max_query_terms(30)
            .with_document_fields(fields);
        let q = BooleanQuery::new(vec![
            (Occur::Must, Box::new(mlt)),
            (Occur::Must, permission(&self.fields, viewer)),
            (Occur::MustNot, Box::new(this)),
        ]);
        let found = searcher
            .search(&q, &TopDocs::with_limit(limit.max(1)))
            .map_err(index_err)?;
        found
            .into_iter()
            .map(|(s, a)| Ok(self.hit(&self.doc(&searcher, a)?, s, None)))
            .collect()
    }

    /// Every document in the index as stored (for exports, side-by-side benches, embedding).
    pub fn all_documents(&self) -> Result<Vec<IndexedDoc>> {
        let searcher = self.reader.searcher();
        let mut out = Vec::new();
        for seg in searcher.segment_readers() {
            let store = seg.get_store_reader(64).map_err(index_err)?;
            for id in 0..seg.max_doc() {
                if seg.is_deleted(id) {
                    continue;
                }
                let d: TantivyDocument = store.get(id).map_err(index_err)?;
                out.push(IndexedDoc {
                    key: text(&d, self.fields.key),
                    id: text(&d, self.fields.id),
                    kind: text(&d, self.fields.kind),
                    name: text(&d, self.fields.name),
                    body: text(&d, self.fields.body),
                    owner: d
                        .get_first(self.fields.owner)
                        .and_then(|v| v.as_str())
                        .map(str::to_string),
                });
            }
        }
        Ok(out)
    }

    /// Embeds every stored document that has no vector yet (after opening with an embedder).
    pub(crate) fn embed_missing(&self) -> Result<()> {
        let Some(v) = &self.vectors else {
            return Ok(());
        };
        let items: Vec<(String, String, bool, String)> = self
            .all_documents()?
            .into_iter()
            .filter(|d| !v.has(&d.key))
            .map(|d| {
                let t = doc_text(&d.name, &d.body);
                (d.key, d.id, d.owner.is_some(), t)
            })
            .collect();
        if let Err(e) = v.upsert_texts(&items) {
            self.warn(format!("semantic search off for now: {e}"));
        }
        Ok(())
    }
}

/// A document as the index stores it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexedDoc {
    pub key: String,
    pub id: String,
    pub kind: String,
    pub name: String,
    pub body: String,
    pub owner: Option<String>,
}

fn text_of(d: &TantivyDocument, f: tantivy::schema::Field) -> String {
    text(d, f)
}

fn regex_escape(s: &str) -> String {
    s.chars()
        .flat_map(|c| {
            if c.is_alphanumeric() {
                vec![c]
            } else {
                vec!['\\', c]
            }
        })
        .collect()
}
