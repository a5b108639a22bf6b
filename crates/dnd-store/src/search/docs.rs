//! What the index holds: [`SearchDoc`]s for rules content (the rules pack's facts, with the
//! full text of imported catalog entries) and for user content.

use std::collections::HashMap;

use dnd_core::rules::{Kind, Rules};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tantivy::TantivyDocument;

use super::schema::Fields;
use crate::import::facts::facts_text;
use crate::import::{CatalogEntry, Facets, parse_cr};

/// One searchable document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchDoc {
    /// The id in its own namespace (pack id, character id, document id).
    pub id: String,
    /// `spell`, `creature`, …, `character`, `npc`, `journal`.
    pub kind: String,
    pub name: String,
    /// Full text (Markdown) and facts.
    pub body: String,
    pub facets: Facets,
    /// Where the text came from (`srd-5.2` pack, `open5e`, …, `store`).
    pub sources: Vec<String>,
    /// The owner of user content.
    pub owner: Option<String>,
    /// The campaigns user content belongs to.
    pub campaigns: Vec<String>,
}

impl SearchDoc {
    /// `kind:id`, the document's key.
    pub fn key(&self) -> String {
        format!("{}:{}", self.kind, self.id)
    }

    /// Whether this is rules content (visible to everyone).
    pub fn is_rules(&self) -> bool {
        self.owner.is_none()
    }

    /// The audience terms: `public` for rules content, else the owner and the campaigns.
    pub fn audience(&self) -> Vec<String> {
        match &self.owner {
            None => vec!["public".into()],
            Some(o) => std::iter::once(format!("user:{o}"))
                .chain(self.campaigns.iter().map(|c| format!("campaign:{c}")))
                .collect(),
        }
    }

    /// The tantivy document.
    pub(crate) fn to_tantivy(&self, f: &Fields) -> TantivyDocument {
        let mut d = TantivyDocument::default();
        d.add_text(f.key, self.key());
        d.add_text(f.id, &self.id);
        d.add_text(f.class, if self.is_rules() { "rules" } else { "user" });
        d.add_text(f.kind, &self.kind);
        d.add_text(f.name, &self.name);
        d.add_text(f.name_plain, &self.name);
        d.add_text(f.name_sort, self.name.to_lowercase());
        d.add_text(f.body, &self.body);
        let x = &self.facets;
        if let Some(l) = x.level {
            d.add_i64(f.level, l);
        }
        if let Some(c) = x.cr {
            d.add_f64(f.cr, c);
        }
        for (field, v) in [
            (f.school, &x.school),
            (f.rarity, &x.rarity),
            (f.category, &x.category),
        ] {
            if let Some(v) = v {
                d.add_text(field, v);
            }
        }
        for c in &x.classes {
            d.add_text(f.classes, c);
        }
        for t in &x.tags {
            d.add_text(f.tags, t);
        }
        for s in &self.sources {
            d.add_text(f.sources, s);
        }
        if let Some(o) = &self.owner {
            d.add_text(f.owner, o);
        }
        for c in &self.campaigns {
            d.add_text(f.campaign, c);
        }
        for a in self.audience() {
            d.add_text(f.audience, a);
        }
        d.add_text(f.facets, serde_json::to_string(x).unwrap_or_default());
        d
    }
}

/// The catalog kind of a pack kind.
pub fn kind_name(k: Kind) -> Option<&'static str> {
    Some(match k {
        Kind::Classes => "class",
        Kind::Subclasses => "subclass",
        Kind::Species => "species",
        Kind::Backgrounds => "background",
        Kind::Feats => "feat",
        Kind::Spells => "spell",
        Kind::Weapons => "weapon",
        Kind::Armor => "armor",
        Kind::Gear => "gear",
        Kind::Tools => "tool",
        Kind::MagicItems => "magic-item",
        Kind::Creatures => "creature",
        Kind::Conditions => "condition",
        Kind::Languages => "language",
        Kind::Themes => return None,
    })
}

/// Pack fields not worth indexing as facts (ids, tables and effect plumbing).
const SKIP: &[&str] = &[
    "id",
    "name",
    "pack",
    "features",
    "levels",
    "counters",
    "effects",
    "spell_slots",
    "table",
    "equipment",
    "subclass_features",
    "always_prepared",
    "traits",
    "options",
];

fn facets_of(kind: &str, v: &Value) -> Facets {
    let s = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
    let mut f = Facets {
        level: v.get("level").and_then(Value::as_i64),
        school: s("school"),
        rarity: s("rarity"),
        category: s("creature_type").or_else(|| s("category")),
        cr: v
            .get("cr")
            .and_then(|c| c.as_f64().or_else(|| c.as_str().and_then(parse_cr))),
        ..Default::default()
    };
    f.classes = match kind {
        "class" => vec![s("id").unwrap_or_default()],
        "subclass" => s("class").into_iter().collect(),
        _ => v
            .get("classes")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default(),
    };
    for t in ["ritual", "concentration", "attunement"] {
        if v.get(t).and_then(Value::as_bool) == Some(true) {
            f.tags.push(t.into());
        }
    }
    f
}

/// Order in which imported sources give a document its text (the first one present wins;
/// the others are still listed as sources).
const TEXT_PRIORITY: &[&str] = &["open5e", "srd-markdown", "5e-database"];

/// Rules content: every pack entry (facts) and class feature, with the full text of the
/// catalog entries linked to it; catalog entries with no pack entry become documents too.
pub fn rules_docs(rules: &Rules, catalog: &[CatalogEntry]) -> Vec<SearchDoc> {
    let mut docs: Vec<SearchDoc> = Vec::new();
    let mut at: HashMap<String, usize> = HashMap::new();
    fn push(docs: &mut Vec<SearchDoc>, at: &mut HashMap<String, usize>, d: SearchDoc) {
        at.insert(d.key(), docs.len());
        docs.push(d);
    }
    for k in Kind::ALL {
        let Some(kind) = kind_name(k) else { continue };
        for (id, name) in rules.list(k) {
            let v = rules.show(k, id).unwrap_or(Value::Null);
            let pack = v
                .get("pack")
                .and_then(Value::as_str)
                .unwrap_or("pack")
                .to_string();
            let d = SearchDoc {
                id: id.to_string(),
                kind: kind.into(),
                name: name.to_string(),
                body: facts_text(&v, SKIP),
                facets: facets_of(kind, &v),
                sources: vec![pack],
                owner: None,
                campaigns: vec![],
            };
            push(&mut docs, &mut at, d);
        }
    }
    let features = rules
        .classes
        .all()
        .iter()
        .map(|c| {
            (
                c.id.as_str(),
                c.id.as_str(),
                &c.features,
                rules.classes.pack_of(&c.id),
            )
        })
        .chain(rules.subclasses.all().iter().map(|s| {
            (
                s.class.as_str(),
                s.id.as_str(),
                &s.features,
                rules.subclasses.pack_of(&s.id),
            )
        }));
    for (class, owner, list, pack) in features {
        for ft in list {
            let d = SearchDoc {
                id: ft.id.clone(),
                kind: "class-feature".into(),
                name: ft.name.clone(),
                body: format!("**Level:** {}\n**Class:** {class}", ft.level),
                facets: Facets {
                    level: Some(i64::from(ft.level)),
                    classes: vec![class.to_string()],
                    tags: vec![owner.to_string()],
                    ..Default::default()
                },
                sources: vec![pack.unwrap_or("pack").to_string()],
                owner: None,
                campaigns: vec![],
            };
            if !at.contains_key(&d.key()) {
                push(&mut docs, &mut at, d);
            }
        }
    }
    let mut sorted: Vec<&CatalogEntry> = catalog.iter().collect();
    let rank = |s: &str| {
        TEXT_PRIORITY
            .iter()
            .position(|p| *p == s)
            .unwrap_or(TEXT_PRIORITY.len())
    };
    sorted.sort_by_key(|e| rank(&e.source));
    let mut has_text: std::collections::HashSet<usize> = Default::default();
    for e in sorted {
        let key = format!("{}:{}", e.kind, e.rules_id.as_deref().unwrap_or(&e.id));
        match at.get(&key).copied() {
            Some(i) => {
                let d = &mut docs[i];
                if !d.sources.contains(&e.source) {
                    d.sources.push(e.source.clone());
                }
                if has_text.insert(i) {
                    d.body = format!("{}\n\n{}", e.text, d.body);
                }
                merge_facets(&mut d.facets, &e.facets);
            }
            None => {
                let d = SearchDoc {
                    id: e.rules_id.clone().unwrap_or_else(|| e.id.clone()),
                    kind: e.kind.clone(),
                    name: e.name.clone(),
                    body: e.text.clone(),
                    facets: e.facets.clone(),
                    sources: vec![e.source.clone()],
                    owner: None,
                    campaigns: vec![],
                };
                has_text.insert(docs.len());
                push(&mut docs, &mut at, d);
            }
        }
    }
    docs
}

fn merge_facets(into: &mut Facets, from: &Facets) {
    into.level = into.level.or(from.level);
    into.cr = into.cr.or(from.cr);
    if into.school.is_none() {
        into.school.clone_from(&from.school);
    }
    if into.rarity.is_none() {
        into.rarity.clone_from(&from.rarity);
    }
    if into.category.is_none() {
        into.category.clone_from(&from.category);
    }
    for c in &from.classes {
        if !into.classes.contains(c) {
            into.classes.push(c.clone());
        }
    }
    for t in &from.tags {
        if !into.tags.contains(t) {
            into.tags.push(t.clone());
        }
    }
}
