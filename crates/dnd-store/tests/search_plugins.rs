//! The search index's plug-in points: an embedder for hybrid ranking (a deterministic fake,
//! and one that fails) and a source of user content kept outside the store's documents.

use std::sync::Arc;

use dnd_store::core::rules::Rules;
use dnd_store::{
    Embedder, Facets, OpenOptions, SearchDoc, SearchIndex, SearchRequest, SqliteStore, Viewer,
};
use serde_json::json;

fn rules() -> &'static Rules {
    Rules::srd()
}

fn anyone() -> Viewer {
    Viewer::user("anyone")
}

fn keys(idx: &SearchIndex, req: &SearchRequest) -> Vec<String> {
    idx.search(req)
        .expect("search")
        .hits
        .into_iter()
        .map(|h| h.key)
        .collect()
}

fn memory_index(store: &SqliteStore) -> SearchIndex {
    SearchIndex::open(None, store, rules()).expect("index")
}

/// A deterministic fake: a bag of hashed character trigrams.
struct Trigrams;

impl Embedder for Trigrams {
    fn name(&self) -> &str {
        "trigrams"
    }
    fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, String> {
        Ok(texts
            .iter()
            .map(|t| {
                let mut v = vec![0.0f32; 64];
                let c: Vec<char> = t
                    .to_lowercase()
                    .chars()
                    .filter(|c| c.is_alphanumeric())
                    .collect();
                for w in c.windows(3) {
                    let h = w
                        .iter()
                        .fold(7u32, |h, c| h.wrapping_mul(31).wrapping_add(*c as u32));
                    v[(h % 64) as usize] += 1.0;
                }
                v
            })
            .collect())
    }
}

fn with_embedder(e: Arc<dyn Embedder>) -> OpenOptions {
    OpenOptions {
        embedder: Some(e),
        ..Default::default()
    }
}

struct Broken;

impl Embedder for Broken {
    fn name(&self) -> &str {
        "broken"
    }
    fn embed(&self, _: &[&str]) -> Result<Vec<Vec<f32>>, String> {
        Err("provider down".into())
    }
}

#[test]
fn hybrid_ranking_with_an_embedder_and_bm25_alone_without_one_or_when_it_fails() {
    let store = SqliteStore::open_in_memory().expect("store");
    let idx = SearchIndex::open_with(None, &store, rules(), with_embedder(Arc::new(Trigrams)))
        .expect("index");
    let r = idx
        .search(&SearchRequest::new("fireball", anyone()))
        .expect("hybrid");
    assert!(r.semantic);
    assert_eq!(r.hits[0].key, "spell:fireball");
    assert_eq!(
        idx.stats().expect("stats").embedder.as_deref(),
        Some("trigrams")
    );
    let mut filtered = SearchRequest::new("fire", anyone());
    filtered.kinds = vec!["creature".into()];
    assert!(
        idx.search(&filtered)
            .expect("f")
            .hits
            .iter()
            .all(|h| h.kind == "creature")
    );
    let plain = memory_index(&store);
    assert!(
        !plain
            .search(&SearchRequest::new("fireball", anyone()))
            .expect("bm25")
            .semantic
    );
    let broken = SearchIndex::open_with(None, &store, rules(), with_embedder(Arc::new(Broken)))
        .expect("index");
    let r = broken
        .search(&SearchRequest::new("fireball", anyone()))
        .expect("falls back");
    assert!(!r.semantic);
    assert_eq!(r.hits[0].key, "spell:fireball");
    assert!(!broken.take_warnings().is_empty());
}

/// A source kept outside the store's documents (as campaign objects with tables of their own
/// would be): quests in a list, changed by `quest.saved` events.
struct Quests(std::sync::Mutex<Vec<(String, String)>>);

impl dnd_store::UserContent for Quests {
    fn name(&self) -> &str {
        "quests"
    }
    fn handles(&self, event_kind: &str) -> bool {
        event_kind == "quest.saved"
    }
    fn all(&self, _: &SqliteStore, _: &Rules) -> dnd_store::Result<Vec<SearchDoc>> {
        let list = self.0.lock().expect("lock").clone();
        Ok(list
            .into_iter()
            .map(|(id, name)| quest(&id, &name))
            .collect())
    }
    fn one(&self, _: &SqliteStore, _: &Rules, subject: &str) -> dnd_store::Result<Vec<SearchDoc>> {
        let list = self.0.lock().expect("lock").clone();
        Ok(list
            .into_iter()
            .filter(|(id, _)| id == subject)
            .map(|(id, name)| quest(&id, &name))
            .collect())
    }
}

fn quest(id: &str, name: &str) -> SearchDoc {
    SearchDoc {
        id: id.into(),
        kind: "quest".into(),
        name: name.into(),
        body: String::new(),
        facets: Facets::default(),
        sources: vec!["quests".into()],
        owner: Some("dm".into()),
        campaigns: vec!["c9".into()],
    }
}

#[test]
fn other_sources_of_user_content_plug_in() {
    let store = SqliteStore::open_in_memory().expect("store");
    let quests = Arc::new(Quests(std::sync::Mutex::new(vec![(
        "q1".into(),
        "The Drowned Bell".into(),
    )])));
    let options = OpenOptions {
        sources: vec![quests.clone()],
        ..Default::default()
    };
    let idx = SearchIndex::open_with(None, &store, rules(), options).expect("index");
    let member = Viewer {
        user: "pat".into(),
        campaigns: vec!["c9".into()],
    };
    assert_eq!(
        keys(&idx, &SearchRequest::new("drowned bell", member.clone()))[0],
        "quest:q1"
    );
    assert!(
        !keys(&idx, &SearchRequest::new("drowned bell", anyone()))
            .contains(&"quest:q1".to_string())
    );
    quests.0.lock().expect("lock")[0].1 = "The Sunken Bell".into();
    store
        .put_document("q1", "quest", "dm", &json!({}))
        .expect("event");
    idx.sync(&store, rules()).expect("sync");
    assert_eq!(
        keys(&idx, &SearchRequest::new("sunken", member)),
        vec!["quest:q1".to_string()]
    );
}
