//! Optional semantic search: an [`Embedder`] hook (the generation issue's providers implement
//! it) and a hybrid ranking that combines normalised BM25 and cosine similarity. Without
//! an embedder nothing here runs.

use std::collections::HashMap;
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};

use super::docs::SearchDoc;
use crate::error::{Result, StoreError};

/// Turns texts into vectors (all of one length).
pub trait Embedder: Send + Sync {
    /// A name for stats and messages (`openai:text-embedding-3-small`).
    fn name(&self) -> &str;
    /// One vector per text, in order.
    fn embed(&self, texts: &[&str]) -> std::result::Result<Vec<Vec<f32>>, String>;
}

struct Entry {
    id: String,
    user: bool,
    vector: Vec<f32>,
}

/// The document vectors, in memory (recomputed when the index is opened with an embedder).
pub(crate) struct Vectors {
    embedder: Arc<dyn Embedder>,
    map: RwLock<HashMap<String, Entry>>,
}

/// How much of a document is embedded.
const TEXT_CHARS: usize = 1000;
const BATCH: usize = 64;

fn normalize(mut v: Vec<f32>) -> Vec<f32> {
    let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if n > 0.0 {
        v.iter_mut().for_each(|x| *x /= n);
    }
    v
}

/// `name` and the beginning of `body`, cut at a character boundary.
pub(crate) fn doc_text(name: &str, body: &str) -> String {
    let cut = body
        .char_indices()
        .nth(TEXT_CHARS)
        .map_or(body.len(), |(i, _)| i);
    format!("{name}\n{}", &body[..cut])
}

impl Vectors {
    pub fn new(embedder: Arc<dyn Embedder>) -> Vectors {
        Vectors {
            embedder,
            map: RwLock::new(HashMap::new()),
        }
    }

    pub fn name(&self) -> &str {
        self.embedder.name()
    }

    fn read(&self) -> RwLockReadGuard<'_, HashMap<String, Entry>> {
        self.map
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn write(&self) -> RwLockWriteGuard<'_, HashMap<String, Entry>> {
        self.map
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>> {
        let out = self
            .embedder
            .embed(texts)
            .map_err(|reason| StoreError::Embedder {
                name: self.name().to_string(),
                reason,
            })?;
        if out.len() != texts.len() {
            return Err(StoreError::Embedder {
                name: self.name().to_string(),
                reason: format!("{} vectors for {} texts", out.len(), texts.len()),
            });
        }
        Ok(out.into_iter().map(normalize).collect())
    }

    /// Embeds documents `(key, id, is_user, text)` in batches and stores their vectors.
    pub fn upsert_texts(&self, items: &[(String, String, bool, String)]) -> Result<()> {
        for chunk in items.chunks(BATCH) {
            let texts: Vec<&str> = chunk.iter().map(|i| i.3.as_str()).collect();
            let vectors = self.embed(&texts)?;
            let mut map = self.write();
            for ((key, id, user, _), vector) in chunk.iter().zip(vectors) {
                map.insert(
                    key.clone(),
                    Entry {
                        id: id.clone(),
                        user: *user,
                        vector,
                    },
                );
            }
        }
        Ok(())
    }

    pub fn upsert(&self, docs: &[SearchDoc]) -> Result<()> {
        let items: Vec<(String, String, bool, String)> = docs
            .iter()
            .map(|d| {
                (
                    d.key(),
                    d.id.clone(),
                    !d.is_rules(),
                    doc_text(&d.name, &d.body),
                )
            })
            .collect();
        self.upsert_texts(&items)
    }

    pub fn has(&self, key: &str) -> bool {
        self.read().contains_key(key)
    }

    pub fn clear(&self) {
        self.write().clear();
    }

    /// Drops the vectors of user (`true`) or rules (`false`) documents.
    pub fn drop_class(&self, user: bool) {
        self.write().retain(|_, e| e.user != user);
    }

    /// Drops the vectors of one user subject.
    pub fn remove_subject(&self, id: &str) {
        self.write().retain(|_, e| !(e.user && e.id == id));
    }

    /// The `n` document keys closest to the query text, best first.
    pub fn nearest(&self, query: &str, n: usize) -> Result<Vec<(String, f32)>> {
        let q = self.embed(&[query])?.pop().unwrap_or_default();
        let map = self.read();
        let mut scored: Vec<(String, f32)> = map
            .iter()
            .map(|(k, e)| (k.clone(), e.vector.iter().zip(&q).map(|(a, b)| a * b).sum()))
            .collect();
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        scored.truncate(n);
        Ok(scored)
    }
}

/// The weight of BM25 in the hybrid score (the rest is cosine similarity).
pub(crate) const LEXICAL_WEIGHT: f32 = 0.7;

/// Hybrid scores: `w * bm25 / max(bm25) + (1 - w) * cosine`, a document missing from one list
/// scoring 0 there (a convex combination keeps an exact name match on top while letting
/// semantically close entries in). Best first.
pub(crate) fn fuse(bm25: &[(String, f32)], vector: &[(String, f32)]) -> Vec<(String, f32)> {
    let top = bm25.iter().map(|x| x.1).fold(0.0f32, f32::max);
    let mut score: HashMap<&str, f32> = HashMap::new();
    for (k, s) in bm25 {
        let norm = if top > 0.0 { s / top } else { 0.0 };
        *score.entry(k.as_str()).or_default() += LEXICAL_WEIGHT * norm;
    }
    for (k, c) in vector {
        *score.entry(k.as_str()).or_default() += (1.0 - LEXICAL_WEIGHT) * c.max(0.0);
    }
    let mut out: Vec<(String, f32)> = score.into_iter().map(|(k, s)| (k.to_string(), s)).collect();
    out.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

#[cfg(test)]
mod tests {
    use super::fuse;

    #[test]
    fn fusion_keeps_a_strong_lexical_match_and_rewards_agreement() {
        let s = |k: &str, x: f32| (k.to_string(), x);
        let f = fuse(
            &[s("exact", 100.0), s("y", 20.0), s("z", 18.0)],
            &[s("z", 0.9), s("y", 0.8), s("w", 0.95)],
        );
        assert_eq!(f[0].0, "exact");
        assert!(f.iter().position(|x| x.0 == "z") < f.iter().position(|x| x.0 == "w"));
        assert_eq!(f.len(), 4);
    }
}
