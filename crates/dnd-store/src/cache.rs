//! A small LRU of derived data (sheets, validation reports) keyed by version hash.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::Result;
use crate::sqlite::{SqliteStore, lock};

/// Hit and miss counters of the derived-data cache.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CacheStats {
    /// Lookups served from the cache.
    pub hits: u64,
    /// Lookups that computed the value.
    pub misses: u64,
    /// Entries held now.
    pub entries: usize,
    /// Entries held at most.
    pub capacity: usize,
}

/// Least-recently-used map: entries carry a use tick; the tick index finds the oldest.
#[derive(Debug)]
pub(crate) struct Lru<V = Value> {
    capacity: usize,
    tick: u64,
    map: HashMap<String, (Arc<V>, u64)>,
    by_tick: BTreeMap<u64, String>,
    hits: u64,
    misses: u64,
}

impl<V> Lru<V> {
    pub(crate) fn new(capacity: usize) -> Lru<V> {
        Lru {
            capacity,
            tick: 0,
            map: HashMap::new(),
            by_tick: BTreeMap::new(),
            hits: 0,
            misses: 0,
        }
    }

    pub(crate) fn get(&mut self, key: &str) -> Option<Arc<V>> {
        self.tick += 1;
        let tick = self.tick;
        let (v, t) = self.map.get_mut(key)?;
        self.by_tick.remove(t);
        *t = tick;
        self.by_tick.insert(tick, key.to_string());
        Some(Arc::clone(v))
    }

    pub(crate) fn put(&mut self, key: String, v: Arc<V>) {
        if self.capacity == 0 {
            return;
        }
        self.tick += 1;
        if let Some((_, old)) = self.map.insert(key.clone(), (v, self.tick)) {
            self.by_tick.remove(&old);
        }
        self.by_tick.insert(self.tick, key);
        while self.map.len() > self.capacity {
            let Some((_, k)) = self.by_tick.pop_first() else {
                break;
            };
            self.map.remove(&k);
        }
    }
}

impl SqliteStore {
    /// Derived data of a version (`kind` = `sheet`, `validation`…, `version` = a commit or
    /// object id): from the cache, or computed by `compute` and kept. Versions never change,
    /// so entries never go stale; the least recently used go first.
    pub fn cached(
        &self,
        kind: &str,
        version: &str,
        compute: impl FnOnce() -> Result<Value>,
    ) -> Result<Arc<Value>> {
        let key = format!("{kind}\u{0}{version}");
        {
            let mut c = lock(&self.cache);
            if let Some(v) = c.get(&key) {
                c.hits += 1;
                return Ok(v);
            }
            c.misses += 1;
        }
        let v = Arc::new(compute()?);
        lock(&self.cache).put(key, Arc::clone(&v));
        Ok(v)
    }

    /// The cache's counters.
    pub fn cache_stats(&self) -> CacheStats {
        let c = lock(&self.cache);
        CacheStats {
            hits: c.hits,
            misses: c.misses,
            entries: c.map.len(),
            capacity: c.capacity,
        }
    }
}
