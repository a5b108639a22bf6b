//! Running queries: search (sorting, paging, snippets, facets, hybrid ranking), name
//! suggestions and "more like this".

use std::collections::BTreeMap;

use serde_json::{Value, json};
use tantivy::aggregation::AggregationCollector;
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value as _};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Order, Searcher, TantivyDocument, Term};

use super::semantic::fuse;
use super::{SearchHit, SearchIndex, SearchRequest, SearchResults, index_err};
use crate::error::Result;

const SNIPPET_CHARS: usize = 180;

pub(super) fn text(doc: &TantivyDocument, field: tantivy::schema::Field) -> String {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_string()
}

fn texts(doc: &TantivyDocument, field: tantivy::schema::Field) -> Vec<String> {
    doc.get_all(field)
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect()
}

impl SearchIndex {
    pub(super) fn hit(
        &self,
        doc: &TantivyDocument,
        score: f32,
        snippets: Option<&SnippetGenerator>,
    ) -> SearchHit {
        let f = &self.fields;
        let body = text(doc, f.body);
        let (snippet, highlights) = match snippets {
            Some(g) => {
                let mut s = g.snippet(window(&body, SNIPPET_WINDOWS[0]));
                if s.is_empty() && body.len() > SNIPPET_WINDOWS[0] {
                    s = g.snippet(window(&body, SNIPPET_WINDOWS[1]));
                }
                let ranges: Vec<[usize; 2]> =
                    s.highlighted().iter().map(|r| [r.start, r.end]).collect();
                s.set_snippet_prefix_postfix("**", "**");
                let html = s.to_html();
                if s.is_empty() {
                    (lead(&body), vec![])
                } else {
                    (unescape(&html), ranges)
                }
            }
            None => (lead(&body), vec![]),
        };
        let owner = doc
            .get_first(f.owner)
            .and_then(|v| v.as_str())
            .map(str::to_string);
        SearchHit {
            key: text(doc, f.key),
            id: text(doc, f.id),
            kind: text(doc, f.kind),
            name: text(doc, f.name),
            score,
            snippet,
            highlights,
            sources: texts(doc, f.sources),
            owner,
            facets: serde_json::from_str(&text(doc, f.facets)).unwrap_or_default(),
        }
    }

    pub(super) fn doc(&self, searcher: &Searcher, at: DocAddress) -> Result<TantivyDocument> {
        searcher.doc(at).map_err(index_err)
    }

    /// Runs a search. Best first (or in the requested order), the requested page only.
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResults> {
        let searcher = self.reader.searcher();
        let built = self.build(&searcher, req)?;
        let limit = req.limit.max(1);
        let want = req.offset + limit;
        let semantic = self.vectors.is_some()
            && !req.query.trim().is_empty()
            && req.sort == super::Sort::Relevance;
        let rerank = semantic || (!built.fuzzy.is_empty() && req.sort == super::Sort::Relevance);
        let order = if req.descending {
            Order::Desc
        } else {
            Order::Asc
        };
        let top = if rerank {
            TopDocs::with_limit(want.max(50))
        } else {
            TopDocs::with_limit(limit).and_offset(req.offset)
        };
        let (total, mut ranked): (usize, Vec<(f32, DocAddress)>) = match req.sort {
            super::Sort::Relevance => searcher
                .search(&*built.query, &(Count, top))
                .map_err(index_err)?,
            super::Sort::Name => {
                let (n, v) = searcher
                    .search(
                        &*built.query,
                        &(Count, top.order_by_string_fast_field("name_sort", order)),
                    )
                    .map_err(index_err)?;
                (n, v.into_iter().map(|(_, a)| (0.0, a)).collect())
            }
            super::Sort::Level | super::Sort::Cr => {
                let field = if req.sort == super::Sort::Level {
                    "level"
                } else {
                    "cr"
                };
                if field == "level" {
                    let (n, v) = searcher
                        .search(
                            &*built.query,
                            &(Count, top.order_by_fast_field::<i64>(field, order)),
                        )
                        .map_err(index_err)?;
                    (n, v.into_iter().map(|(_, a)| (0.0, a)).collect())
                } else {
                    let (n, v) = searcher
                        .search(
                            &*built.query,
                            &(Count, top.order_by_fast_field::<f64>(field, order)),
                        )
                        .map_err(index_err)?;
                    (n, v.into_iter().map(|(_, a)| (0.0, a)).collect())
                }
            }
        };
        if !built.fuzzy.is_empty() && req.sort == super::Sort::Relevance {
            ranked = self.by_name_likeness(&searcher, &req.query, ranked)?;
        }
        let mut used_semantic = false;
        if semantic {
            match self.hybrid(&searcher, &built.filter, &req.query, &ranked, want.max(50)) {
                Ok(fused) => {
                    ranked = fused;
                    used_semantic = true;
                }
                Err(e) => self.warn(format!("semantic ranking skipped: {e}")),
            }
        }
        if rerank {
            ranked = ranked.into_iter().skip(req.offset).take(limit).collect();
        }
        let generator = match (&built.text, req.snippets) {
            (Some(t), true) => {
                let mut g = SnippetGenerator::create(&searcher, &**t, self.fields.body)
                    .map_err(index_err)?;
                g.set_max_num_chars(SNIPPET_CHARS);
                Some(g)
            }
            _ => None,
        };
        let mut hits = Vec::with_capacity(ranked.len());
        for (score, at) in ranked {
            hits.push(self.hit(&self.doc(&searcher, at)?, score, generator.as_ref()));
        }
        let facets = if req.facets {
            self.facets(&searcher, &*built.query)?
        } else {
            BTreeMap::new()
        };
        Ok(SearchResults {
            total,
            hits,
            facets,
            fuzzy: built.fuzzy,
            semantic: used_semantic,
        })
    }

    /// Fuzzy matches all score alike; the candidates are re-ordered by how much their name
    /// looks like the query (Jaro-Winkler), the score breaking ties.
    fn by_name_likeness(
        &self,
        searcher: &Searcher,
        query: &str,
        ranked: Vec<(f32, DocAddress)>,
    ) -> Result<Vec<(f32, DocAddress)>> {
        let q = query.trim().to_lowercase();
        let mut out = Vec::with_capacity(ranked.len());
        for (score, at) in ranked {
            let name = text(&self.doc(searcher, at)?, self.fields.name).to_lowercase();
            let like = strsim::jaro_winkler(&q, &name) as f32;
            out.push((score + 10.0 * like * like, at));
        }
        out.sort_by(|a, b| b.0.total_cmp(&a.0));
        Ok(out)
    }

    /// BM25 candidates fused with the nearest vectors that pass the filters.
    fn hybrid(
        &self,
        searcher: &Searcher,
        filter: &dyn Query,
        query: &str,
        bm25: &[(f32, DocAddress)],
        n: usize,
    ) -> Result<Vec<(f32, DocAddress)>> {
        let Some(v) = &self.vectors else {
            return Ok(bm25.to_vec());
        };
        let mut at: std::collections::HashMap<String, DocAddress> = Default::default();
        let mut lexical = Vec::new();
        for (score, a) in bm25 {
            let key = text(&self.doc(searcher, *a)?, self.fields.key);
            at.insert(key.clone(), *a);
            lexical.push((key, *score));
        }
        let near = v.nearest(query, n)?;
        let keys = BooleanQuery::new(
            near.iter()
                .map(|(k, _)| {
                    let q: Box<dyn Query> = Box::new(TermQuery::new(
                        Term::from_field_text(self.fields.key, k),
                        IndexRecordOption::Basic,
                    ));
                    (Occur::Should, q)
                })
                .collect(),
        );
        let allowed = BooleanQuery::new(vec![
            (Occur::Must, filter.box_clone()),
            (Occur::Must, Box::new(keys)),
        ]);
        let found = searcher
            .search(&allowed, &TopDocs::with_limit(n.max(1)))
            .map_err(index_err)?;
        for (_, a) in found {
            let key = text(&self.doc(searcher, a)?, self.fields.key);
            at.insert(key, a);
        }
        let vector: Vec<(String, f32)> = near
            .into_iter()
            .filter(|(k, _)| at.contains_key(k))
            .collect();
        Ok(fuse(&lexical, &vector)
            .into_iter()
            .filter_map(|(k, s)| at.get(&k).map(|a| (s, *a)))
            .collect())
    }

    fn facets(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
    ) -> Result<BTreeMap<String, BTreeMap<String, u64>>> {
        let names = [
            ("kind", "kind"),
            ("level", "level"),
            ("school", "school"),
            ("class", "class_list"),
            ("rarity", "rarity"),
            ("category", "category"),
            ("source", "sources"),
        ];
        let mut spec = serde_json::Map::new();
        for (name, field) in names {
            spec.insert(name.into(), json!({"terms": {"field": field, "size": 100}}));
        }
        let aggs: Aggregations = serde_json::from_value(Value::Object(spec)).map_err(index_err)?;
        let collector = AggregationCollector::from_aggs(aggs, Default::default());
        let res = searcher.search(query, &collector).map_err(index_err)?;
        let v = serde_json::to_value(res).map_err(index_err)?;
        let mut out = BTreeMap::new();
        for (name, _) in names {
            let mut counts = BTreeMap::new();
            for b in v[name]["buckets"].as_array().into_iter().flatten() {
                let key = match &b["key"] {
                    Value::String(s) => s.clone(),
                    Value::Number(n) => n.as_f64().map_or(n.to_string(), |x| format!("{x}")),
                    other => other.to_string(),
                };
                counts.insert(key, b["doc_count"].as_u64().unwrap_or(0));
            }
            if !counts.is_empty() {
                out.insert(name.to_string(), counts);
            }
        }
        Ok(out)
    }
}

/// How much of a body snippets look at: first the beginning, then (only when it has no match)
/// a longer stretch. Tokenizing and stemming a whole chapter-sized section for every hit costs
/// milliseconds, and a well-ranked hit usually matches early.
const SNIPPET_WINDOWS: [usize; 2] = [1000, 4000];

/// The first `max` bytes of a body, cut at a character boundary.
fn window(body: &str, max: usize) -> &str {
    let mut end = body.len().min(max);
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    &body[..end]
}

/// The first sentence-ish of a body, for hits without a match in it.
fn lead(body: &str) -> String {
    let flat: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.char_indices().nth(SNIPPET_CHARS) {
        Some((i, _)) => format!("{}…", &flat[..i]),
        None => flat,
    }
}

/// The snippet's HTML escaping undone (the marks are Markdown, the text is plain).
fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}
