//! Search analytics in SQLite: every query with its hit count, the most popular queries and
//! the ones that found nothing.

use rusqlite::params;
use serde::{Deserialize, Serialize};

use crate::error::{Result, SqlStep};
use crate::sqlite::{SqliteStore, now_ms};

/// A query and how often it was asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueryCount {
    /// The query, lowercased with spaces collapsed.
    pub query: String,
    pub count: u64,
}

/// What users searched for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchAnalytics {
    /// Every query recorded.
    pub queries: u64,
    /// Distinct queries.
    pub distinct: u64,
    /// Queries that found nothing.
    pub zero_results: u64,
    /// The most asked, most first.
    pub popular: Vec<QueryCount>,
    /// The most asked of those that found nothing.
    pub zero_result_queries: Vec<QueryCount>,
}

fn normalize(q: &str) -> String {
    q.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl SqliteStore {
    /// Records one query (its filters as JSON, how many hits, how long it took).
    pub fn record_search(
        &self,
        query: &str,
        viewer: &str,
        filters: &serde_json::Value,
        hits: usize,
        took_us: u64,
    ) -> Result<()> {
        self.write(|tx| {
            tx.prepare_cached(
                "INSERT INTO search_queries (time_ms, query, normalized, viewer, filters, hits, took_us)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )
            .and_then(|mut s| {
                s.execute(params![
                    now_ms(),
                    query,
                    normalize(query),
                    viewer,
                    filters.to_string(),
                    hits as i64,
                    i64::try_from(took_us).unwrap_or(i64::MAX)
                ])
            })
            .step("record search")?;
            Ok(())
        })
    }

    /// Counts, the `top` most popular queries and the `top` most frequent zero-result ones.
    pub fn search_analytics(&self, top: usize) -> Result<SearchAnalytics> {
        self.read(|c| {
            let (queries, distinct, zero): (i64, i64, i64) = c
                .query_row(
                    "SELECT COUNT(*), COUNT(DISTINCT normalized), COALESCE(SUM(hits = 0), 0) FROM search_queries",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .step("search analytics")?;
            let list = |sql: &str| -> Result<Vec<QueryCount>> {
                let mut s = c.prepare(sql).step("search analytics")?;
                let rows = s
                    .query_map([top as i64], |r| {
                        Ok(QueryCount {
                            query: r.get(0)?,
                            count: r.get::<_, i64>(1)? as u64,
                        })
                    })
                    .step("search analytics")?;
                rows.collect::<rusqlite::Result<_>>().step("search analytics")
            };
            Ok(SearchAnalytics {
                queries: queries as u64,
                distinct: distinct as u64,
                zero_results: zero as u64,
                popular: list(
                    "SELECT normalized, COUNT(*) AS n FROM search_queries WHERE normalized != ''
                     GROUP BY normalized ORDER BY n DESC, normalized LIMIT ?1",
                )?,
                zero_result_queries: list(
                    "SELECT normalized, COUNT(*) AS n FROM search_queries WHERE hits = 0
                     GROUP BY normalized ORDER BY n DESC, normalized LIMIT ?1",
                )?,
            })
        })
    }
}
