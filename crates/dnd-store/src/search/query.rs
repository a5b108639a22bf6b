//! Filters (`level<=3`, `school=evocation`, `cr=1..5`, `class=wizard,cleric`) and the query a
//! request becomes: text (synonyms expanded, unknown words fuzzy), filters and the viewer's
//! permissions.

use std::ops::Bound;

use serde::{Deserialize, Serialize};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, FuzzyTermQuery, Occur, Query, RangeQuery,
    TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

use super::schema::{Fields, english, plain, tokens};
use super::synonyms::rewrite;
use super::{SearchIndex, SearchRequest, Viewer};
use crate::error::{Result, StoreError};

/// A comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FilterOp {
    #[serde(rename = "=")]
    Eq,
    #[serde(rename = "!=")]
    Ne,
    #[serde(rename = "<")]
    Lt,
    #[serde(rename = "<=")]
    Le,
    #[serde(rename = ">")]
    Gt,
    #[serde(rename = ">=")]
    Ge,
}

/// One filter: `field op value`; `=` takes a list (`a,b`: any) or a range (`1..3`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Filter {
    pub field: String,
    pub op: FilterOp,
    pub value: String,
}

/// The fields a filter may name.
pub const FILTER_FIELDS: &[&str] = &[
    "kind", "level", "cr", "school", "class", "rarity", "category", "type", "tag", "source",
    "owner", "campaign",
];

fn bad(q: &str, reason: impl Into<String>) -> StoreError {
    StoreError::Query {
        query: q.to_string(),
        reason: reason.into(),
    }
}

impl Filter {
    /// Parses `level<=3`, `school=evocation`, `cr>=5`, `level=1..3`, `class=wizard,cleric`.
    pub fn parse(s: &str) -> Result<Filter> {
        let ops = [
            ("<=", FilterOp::Le),
            (">=", FilterOp::Ge),
            ("!=", FilterOp::Ne),
            ("<", FilterOp::Lt),
            (">", FilterOp::Gt),
            ("=", FilterOp::Eq),
            (":", FilterOp::Eq),
        ];
        let (at, text, op) = ops
            .iter()
            .filter_map(|(t, op)| s.find(t).map(|i| (i, *t, *op)))
            .min_by_key(|(i, t, _)| (*i, usize::MAX - t.len()))
            .ok_or_else(|| {
                bad(
                    s,
                    "expected FIELD=VALUE, FIELD<=N, FIELD>=N, FIELD<N, FIELD>N or FIELD!=VALUE",
                )
            })?;
        let field = s[..at].trim().to_ascii_lowercase();
        let value = s[at + text.len()..].trim().to_string();
        if !FILTER_FIELDS.contains(&field.as_str()) {
            return Err(bad(
                s,
                format!(
                    "unknown field `{field}`; known: {}",
                    FILTER_FIELDS.join(", ")
                ),
            ));
        }
        if value.is_empty() {
            return Err(bad(s, "no value"));
        }
        let numeric = matches!(field.as_str(), "level" | "cr");
        if !numeric && !matches!(op, FilterOp::Eq | FilterOp::Ne) {
            return Err(bad(s, format!("`{field}` takes = or != only")));
        }
        let f = Filter { field, op, value };
        if numeric {
            f.range()?;
        }
        Ok(f)
    }

    /// The numeric bounds of a `level` or `cr` filter.
    fn range(&self) -> Result<(Bound<f64>, Bound<f64>)> {
        let text = format!("{}{:?}{}", self.field, self.op, self.value);
        let num = |v: &str| {
            crate::import::parse_cr(v).ok_or_else(|| bad(&text, format!("`{v}` is not a number")))
        };
        Ok(match self.op {
            FilterOp::Eq | FilterOp::Ne => match self.value.split_once("..") {
                Some((a, b)) => (Bound::Included(num(a)?), Bound::Included(num(b)?)),
                None => {
                    let v = num(&self.value)?;
                    (Bound::Included(v), Bound::Included(v))
                }
            },
            FilterOp::Lt => (Bound::Unbounded, Bound::Excluded(num(&self.value)?)),
            FilterOp::Le => (Bound::Unbounded, Bound::Included(num(&self.value)?)),
            FilterOp::Gt => (Bound::Excluded(num(&self.value)?), Bound::Unbounded),
            FilterOp::Ge => (Bound::Included(num(&self.value)?), Bound::Unbounded),
        })
    }
}

/// `spells` → `spell`, `magic-items` → `magic-item`, `classes` → `class`.
pub fn kind_alias(k: &str) -> String {
    let k = k.trim().to_ascii_lowercase().replace([' ', '_'], "-");
    match k.as_str() {
        "classes" => "class".into(),
        "species" => "species".into(),
        "armor" | "armour" => "armor".into(),
        "gear" => "gear".into(),
        "features" | "feature" | "class-features" => "class-feature".into(),
        "rules" | "glossary" => "rule".into(),
        "sections" => "section".into(),
        "journals" | "journal-entry" | "journal-entries" => "journal".into(),
        "npcs" => "npc".into(),
        _ => k.strip_suffix('s').map_or(k.clone(), str::to_string),
    }
}

fn term(field: Field, v: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, v),
        IndexRecordOption::Basic,
    ))
}

fn any_of(field: Field, values: &[String]) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(
        values
            .iter()
            .map(|v| (Occur::Should, term(field, v)))
            .collect(),
    ))
}

fn numeric(f: &Fields, filter: &Filter) -> Result<Box<dyn Query>> {
    let (lo, hi) = filter.range()?;
    let q: Box<dyn Query> = if filter.field == "level" {
        let conv = |b: Bound<f64>, up: bool| match b {
            Bound::Included(x) => Bound::Included(Term::from_field_i64(
                f.level,
                if up { x.floor() } else { x.ceil() } as i64,
            )),
            Bound::Excluded(x) => Bound::Excluded(Term::from_field_i64(f.level, x as i64)),
            Bound::Unbounded => Bound::Unbounded,
        };
        Box::new(RangeQuery::new(conv(lo, false), conv(hi, true)))
    } else {
        let conv = |b: Bound<f64>| b.map(|x| Term::from_field_f64(f.cr, x));
        Box::new(RangeQuery::new(conv(lo), conv(hi)))
    };
    Ok(q)
}

/// One filter as a query (scoring nothing).
fn filter_query(f: &Fields, filter: &Filter) -> Result<(Occur, Box<dyn Query>)> {
    let values: Vec<String> = filter
        .value
        .split(',')
        .map(|v| v.trim().to_ascii_lowercase())
        .filter(|v| !v.is_empty())
        .collect();
    let q = match filter.field.as_str() {
        "level" | "cr" => numeric(f, filter)?,
        "kind" => any_of(
            f.kind,
            &values.iter().map(|v| kind_alias(v)).collect::<Vec<_>>(),
        ),
        "school" => any_of(f.school, &values),
        "class" => any_of(f.classes, &values),
        "rarity" => any_of(
            f.rarity,
            &values
                .iter()
                .map(|v| v.replace(' ', "-"))
                .collect::<Vec<_>>(),
        ),
        "category" | "type" => any_of(f.category, &values),
        "tag" => any_of(f.tags, &values),
        "source" => any_of(f.sources, &values),
        "owner" => any_of(
            f.owner,
            &filter
                .value
                .split(',')
                .map(|v| v.trim().to_string())
                .collect::<Vec<_>>(),
        ),
        "campaign" => any_of(
            f.campaign,
            &filter
                .value
                .split(',')
                .map(|v| v.trim().to_string())
                .collect::<Vec<_>>(),
        ),
        other => return Err(bad(other, "unknown filter field")),
    };
    let occur = if filter.op == FilterOp::Ne {
        Occur::MustNot
    } else {
        Occur::Must
    };
    Ok((occur, Box::new(ConstScoreQuery::new(q, 0.0))))
}

/// What the viewer may see: public documents, their own, their campaigns'.
pub(crate) fn permission(f: &Fields, v: &Viewer) -> Box<dyn Query> {
    let mut terms = vec!["public".to_string(), format!("user:{}", v.user)];
    terms.extend(v.campaigns.iter().map(|c| format!("campaign:{c}")));
    Box::new(ConstScoreQuery::new(any_of(f.audience, &terms), 0.0))
}

/// The parts of a built query.
pub(crate) struct Built {
    /// Text, filters and permissions together.
    pub query: Box<dyn Query>,
    /// The text part alone (for snippets), if there is text.
    pub text: Option<Box<dyn Query>>,
    /// Filters and permissions alone.
    pub filter: Box<dyn Query>,
    /// Words matched fuzzily.
    pub fuzzy: Vec<String>,
}

impl SearchIndex {
    /// Whether no form of `word` is in the index (so it is likely a typo).
    fn unknown(&self, searcher: &Searcher, word: &str) -> bool {
        if word.chars().count() < 4 || word.chars().any(|c| c.is_ascii_digit()) {
            return false;
        }
        let mut en = english();
        let stems = tokens(&mut en, word);
        if stems.is_empty() {
            return false;
        }
        stems.iter().all(|s| {
            [self.fields.name, self.fields.body].iter().all(|f| {
                searcher
                    .doc_freq(&Term::from_field_text(*f, s))
                    .map_or(true, |n| n == 0)
            })
        })
    }

    /// Builds the query of a request.
    pub(crate) fn build(&self, searcher: &Searcher, req: &SearchRequest) -> Result<Built> {
        let f = &self.fields;
        let mut filters: Vec<(Occur, Box<dyn Query>)> =
            vec![(Occur::Must, permission(f, &req.viewer))];
        if !req.kinds.is_empty() {
            let kinds: Vec<String> = req.kinds.iter().map(|k| kind_alias(k)).collect();
            filters.push((
                Occur::Must,
                Box::new(ConstScoreQuery::new(any_of(f.kind, &kinds), 0.0)),
            ));
        }
        for filter in &req.filters {
            filters.push(filter_query(f, filter)?);
        }
        let filter: Box<dyn Query> = Box::new(BooleanQuery::new(
            filters.iter().map(|(o, q)| (*o, q.box_clone())).collect(),
        ));
        let (text, fuzzy) = self.text_query(searcher, &req.query);
        let mut all = filters;
        all.push((
            Occur::Must,
            text.as_ref()
                .map_or_else(|| Box::new(AllQuery) as Box<dyn Query>, |t| t.box_clone()),
        ));
        Ok(Built {
            query: Box::new(BooleanQuery::new(all)),
            text,
            filter,
            fuzzy,
        })
    }

    /// The text part: synonyms expanded, unknown words matched fuzzily on names (boosted) and
    /// bodies. `None` for an empty query.
    pub(crate) fn text_query(
        &self,
        searcher: &Searcher,
        q: &str,
    ) -> (Option<Box<dyn Query>>, Vec<String>) {
        if q.trim().is_empty() {
            return (None, vec![]);
        }
        let (rewritten, typos) = rewrite(q, &mut |w| self.unknown(searcher, w));
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if !rewritten.trim().is_empty() {
            let (parsed, _errors) = self.parser.parse_query_lenient(&rewritten);
            clauses.push((Occur::Should, parsed));
            // The whole query as a whole name ranks that entry first (`fireball` → Fireball,
            // not Necklace of Fireballs).
            let whole = q
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase();
            let exact = TermQuery::new(
                Term::from_field_text(self.fields.name_sort, &whole),
                IndexRecordOption::Basic,
            );
            clauses.push((
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(exact), 20.0)),
            ));
        }
        let mut pl = plain();
        let mut en = english();
        for t in &typos {
            let distance = if t.chars().count() <= 5 { 1 } else { 2 };
            for w in tokens(&mut pl, t) {
                let name = FuzzyTermQuery::new(
                    Term::from_field_text(self.fields.name_plain, &w),
                    distance,
                    true,
                );
                clauses.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(name), 3.0)),
                ));
            }
            for w in tokens(&mut en, t) {
                let body =
                    FuzzyTermQuery::new(Term::from_field_text(self.fields.body, &w), 1, true);
                clauses.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(body), 0.5)),
                ));
            }
        }
        if clauses.is_empty() {
            return (None, typos);
        }
        (Some(Box::new(BooleanQuery::new(clauses))), typos)
    }
}
