//! Three-way merges of campaigns on their JSON form.
//!
//! At every JSON pointer: both sides equal → that value; one side unchanged since the base →
//! the other side's value; else:
//!
//! - objects merge key by key;
//! - lists of objects that all carry an identity (`id`; sessions by `number`; relationships by
//!   `from` and `to`) merge element by element under `/<list>/<identity>` (`/chapters/intro`):
//!   an element added on one side is added, removed on one side and unchanged on the other is
//!   removed, removed on one side and changed on the other is a conflict; kept elements stay in
//!   our order, new ones of theirs follow in their order;
//! - lists of distinct strings (prerequisites, NPC and location lists, tags) merge as sets:
//!   kept unless one side removed it, added when either side added it;
//! - anything else changed differently on both sides is a [`Conflict`].
//!
//! [`Resolution`]s keyed by a conflict's path settle it; one for a path that is not a conflict
//! is an [`Error::InvalidValue`]. A merged campaign whose chapters would form a cycle is
//! refused with `campaign.chapter.cycle`.

use std::collections::{BTreeMap, BTreeSet};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::chapters::find_cycle;
use super::model::Campaign;
use crate::error::{Error, Result};
use crate::history::{Conflict, Resolution};
use crate::play::refuse;

/// What a campaign merge made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CampaignMerged {
    /// The merged campaign (the base's value wherever a conflict is unresolved).
    pub campaign: Campaign,
    /// Conflicts no resolution settled, in path order.
    pub conflicts: Vec<Conflict>,
    /// Conflicts a resolution settled.
    pub resolved: Vec<Conflict>,
}

struct M<'a> {
    res: &'a BTreeMap<String, Resolution>,
    used: BTreeSet<String>,
    conflicts: Vec<Conflict>,
    resolved: Vec<Conflict>,
}

fn to_value(c: &Campaign) -> Result<Value> {
    serde_json::to_value(c).map_err(|e| Error::from_serde(&e))
}

fn seg(s: &str) -> String {
    s.replace('~', "~0").replace('/', "~1")
}

/// Merges what `ours` and `theirs` changed since `base`.
pub fn merge_campaigns(
    base: &Campaign,
    ours: &Campaign,
    theirs: &Campaign,
    resolutions: &BTreeMap<String, Resolution>,
) -> Result<CampaignMerged> {
    let mut m = M {
        res: resolutions,
        used: BTreeSet::new(),
        conflicts: Vec::new(),
        resolved: Vec::new(),
    };
    let (b, o, t) = (to_value(base)?, to_value(ours)?, to_value(theirs)?);
    let merged = m
        .merge("", Some(&b), Some(&o), Some(&t))
        .unwrap_or(Value::Null);
    if let Some(p) = resolutions.keys().find(|p| !m.used.contains(*p)) {
        return Err(Error::InvalidValue {
            path: p.clone(),
            reason: "a resolution for a path that is not a conflict".into(),
        });
    }
    let campaign: Campaign = serde_json::from_value(merged).map_err(|e| Error::InvalidValue {
        path: String::new(),
        reason: format!("the merged campaign is not a valid campaign file: {e}"),
    })?;
    if let Some(cycle) = find_cycle(&campaign.chapters) {
        return Err(refuse(
            "campaign.chapter.cycle",
            format!(
                "the merged chapter prerequisites form a cycle: {}",
                cycle.join(" → ")
            ),
            Some("/chapters".into()),
            vec!["resolve by dropping one side's prerequisite".into()],
        ));
    }
    m.conflicts.sort_by(|a, b| a.path.cmp(&b.path));
    m.resolved.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(CampaignMerged {
        campaign,
        conflicts: m.conflicts,
        resolved: m.resolved,
    })
}

/// The identity of a list element, if every element of all three lists has one.
fn identity(v: &Value) -> Option<String> {
    let o = v.as_object()?;
    if let Some(Value::String(id)) = o.get("id") {
        return Some(id.clone());
    }
    if let Some(Value::Number(n)) = o.get("number") {
        return Some(n.to_string());
    }
    match (o.get("from"), o.get("to")) {
        (Some(Value::String(a)), Some(Value::String(b))) => Some(format!("{a}>{b}")),
        _ => None,
    }
}

fn keyed(list: &[Value]) -> Option<Vec<(String, &Value)>> {
    let mut seen = BTreeSet::new();
    list.iter()
        .map(|v| {
            identity(v)
                .filter(|k| seen.insert(k.clone()))
                .map(|k| (k, v))
        })
        .collect()
}

fn strings(list: &[Value]) -> Option<Vec<&str>> {
    let mut seen = BTreeSet::new();
    list.iter()
        .map(|v| v.as_str().filter(|s| seen.insert(*s)))
        .collect()
}

impl M<'_> {
    fn merge(
        &mut self,
        path: &str,
        b: Option<&Value>,
        o: Option<&Value>,
        t: Option<&Value>,
    ) -> Option<Value> {
        if o == t || t == b {
            return o.cloned();
        }
        if o == b {
            return t.cloned();
        }
        match (b, o, t) {
            (Some(Value::Object(bb)), Some(Value::Object(oo)), Some(Value::Object(tt))) => {
                let keys: BTreeSet<&String> = bb.keys().chain(oo.keys()).chain(tt.keys()).collect();
                let mut out = Map::new();
                for k in keys {
                    let p = format!("{path}/{}", seg(k));
                    if let Some(v) = self.merge(&p, bb.get(k), oo.get(k), tt.get(k)) {
                        out.insert(k.clone(), v);
                    }
                }
                Some(Value::Object(out))
            }
            (Some(Value::Array(bb)), Some(Value::Array(oo)), Some(Value::Array(tt))) => {
                if let (Some(kb), Some(ko), Some(kt)) = (keyed(bb), keyed(oo), keyed(tt)) {
                    return Some(self.merge_keyed(path, &kb, &ko, &kt));
                }
                if let (Some(sb), Some(so), Some(st)) = (strings(bb), strings(oo), strings(tt)) {
                    let keep = |s: &&str| {
                        let in_b = sb.contains(s);
                        !(in_b && (!so.contains(s) || !st.contains(s)))
                    };
                    let mut out: Vec<&str> = so.iter().copied().filter(keep).collect();
                    for s in st.iter().copied().filter(keep) {
                        if !out.contains(&s) {
                            out.push(s);
                        }
                    }
                    return Some(Value::Array(
                        out.into_iter().map(|s| Value::String(s.into())).collect(),
                    ));
                }
                self.conflict(path, b, o, t)
            }
            _ => self.conflict(path, b, o, t),
        }
    }

    fn merge_keyed(
        &mut self,
        path: &str,
        b: &[(String, &Value)],
        o: &[(String, &Value)],
        t: &[(String, &Value)],
    ) -> Value {
        fn find<'v>(l: &[(String, &'v Value)], k: &str) -> Option<&'v Value> {
            l.iter().find(|x| x.0 == k).map(|x| x.1)
        }
        let mut order: Vec<&str> = o.iter().map(|x| x.0.as_str()).collect();
        for (k, _) in t {
            if !order.contains(&k.as_str()) {
                order.push(k);
            }
        }
        for (k, _) in b {
            if !order.contains(&k.as_str()) {
                order.push(k);
            }
        }
        let mut out = Vec::new();
        for k in order {
            let p = format!("{path}/{}", seg(k));
            let (vb, vo, vt) = (find(b, k), find(o, k), find(t, k));
            if let Some(v) = self.merge(&p, vb, vo, vt) {
                out.push(v);
            }
        }
        Value::Array(out)
    }

    fn conflict(
        &mut self,
        path: &str,
        b: Option<&Value>,
        o: Option<&Value>,
        t: Option<&Value>,
    ) -> Option<Value> {
        let c = Conflict {
            path: path.to_string(),
            base: b.cloned(),
            ours: o.cloned(),
            theirs: t.cloned(),
        };
        match self.res.get(path) {
            Some(r) => {
                self.used.insert(path.to_string());
                let v = match r {
                    Resolution::Ours => o.cloned(),
                    Resolution::Theirs => t.cloned(),
                    Resolution::Value(v) => v.clone(),
                };
                self.resolved.push(c);
                v
            }
            None => {
                self.conflicts.push(c);
                b.cloned()
            }
        }
    }
}
