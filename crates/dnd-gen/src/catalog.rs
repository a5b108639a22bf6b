//! Reuse first: find existing catalog content that fits a concept before inventing anything.
//!
//! [`Catalog`] is the seam: [`RulesCatalog`] answers from the loaded rules pack (ids, names and
//! this project's keyword tables); a search index can implement the same trait later.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use dnd_core::model::Skill;
use dnd_core::rules::Rules;
use serde::{Deserialize, Serialize};

use crate::tables::keywords::{LESS_WORDS, matches, words};

/// What kind of content a fit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Class,
    Subclass,
    Species,
    Lineage,
    Background,
    Skill,
    Weapon,
    Spell,
    Feat,
    Item,
    Ability,
    Alignment,
}

impl Kind {
    fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "class" => Kind::Class,
            "subclass" => Kind::Subclass,
            "species" => Kind::Species,
            "lineage" => Kind::Lineage,
            "background" => Kind::Background,
            "skill" => Kind::Skill,
            "weapon" => Kind::Weapon,
            "spell" => Kind::Spell,
            "feat" => Kind::Feat,
            "item" => Kind::Item,
            "ability" => Kind::Ability,
            "alignment" => Kind::Alignment,
            _ => return None,
        })
    }
}

/// One piece of existing content that fits, with why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fit {
    pub kind: Kind,
    pub id: String,
    /// Higher fits better; negative means the concept asks for less of it.
    pub score: i32,
    /// The concept words that led here.
    pub why: Vec<String>,
}

/// Finds existing content fitting a concept.
pub trait Catalog: Send + Sync {
    /// Every fit, best first (ties by kind, then id).
    fn fits(&self, concept: &str) -> Vec<Fit>;
}

/// A [`Catalog`] over a rules pack: exact ids and names, then the keyword tables (targets
/// the pack does not define are dropped, so a homebrew pack's names match too).
#[derive(Debug, Clone)]
pub struct RulesCatalog<'r> {
    rules: &'r Rules,
    names: Arc<Names>,
}

/// Names and ids by their first word: (kind, id, the whole phrase with spaces around).
type Names = HashMap<String, Vec<(Kind, String, String)>>;

/// Which rules an index was built for: their address and table sizes.
type RulesKey = (usize, [usize; 8]);

/// The last few name indexes built (building one walks every entry of the pack).
static INDEXES: Mutex<Vec<(RulesKey, Arc<Names>)>> = Mutex::new(Vec::new());

fn key(r: &Rules) -> RulesKey {
    let sizes = [
        r.classes.all().len(),
        r.subclasses.all().len(),
        r.species.all().len(),
        r.backgrounds.all().len(),
        r.weapons.all().len(),
        r.spells.all().len(),
        r.feats.all().len(),
        r.magic_items.all().len(),
    ];
    (std::ptr::from_ref(r) as usize, sizes)
}

impl<'r> RulesCatalog<'r> {
    /// A catalog over these rules (its name index is built once per rules and reused).
    pub fn new(rules: &'r Rules) -> RulesCatalog<'r> {
        let k = key(rules);
        if let Some(names) = INDEXES
            .lock()
            .ok()
            .and_then(|v| v.iter().find(|(x, _)| *x == k).map(|(_, n)| Arc::clone(n)))
        {
            return RulesCatalog { rules, names };
        }
        let mut c = RulesCatalog {
            rules,
            names: Arc::new(HashMap::new()),
        };
        let mut names: Names = HashMap::new();
        for (kind, id, name) in c.named() {
            for phrase in [name.replace('-', " "), id.replace('-', " ")] {
                let ws = words(&phrase);
                let Some(first) = ws.first() else { continue };
                let e = names.entry(first.clone()).or_default();
                let spaced = format!(" {} ", ws.join(" "));
                if !e
                    .iter()
                    .any(|(k, i, p)| *k == kind && *i == id && *p == spaced)
                {
                    e.push((kind, id.clone(), spaced));
                }
            }
        }
        c.names = Arc::new(names);
        if let Ok(mut v) = INDEXES.lock() {
            if v.len() >= 4 {
                v.remove(0);
            }
            v.push((k, Arc::clone(&c.names)));
        }
        c
    }

    fn exists(&self, kind: Kind, id: &str) -> bool {
        let r = self.rules;
        match kind {
            Kind::Class => r.classes.get(id).is_some(),
            Kind::Subclass => r.subclasses.get(id).is_some(),
            Kind::Species => r.species.get(id).is_some(),
            Kind::Lineage => r
                .species
                .all()
                .iter()
                .any(|s| s.lineages.iter().any(|l| l.id == id)),
            Kind::Background => r.backgrounds.get(id).is_some(),
            Kind::Skill => skill(id).is_some(),
            Kind::Weapon => r.weapons.get(id).is_some(),
            Kind::Spell => r.spells.get(id).is_some(),
            Kind::Feat => r.feats.get(id).is_some(),
            Kind::Item => r.magic_items.get(id).is_some(),
            Kind::Ability => ["str", "dex", "con", "int", "wis", "cha"].contains(&id),
            Kind::Alignment => true,
        }
    }

    /// Ids and names of the pack, as (kind, id, lowercase name words).
    fn named(&self) -> Vec<(Kind, String, String)> {
        let r = self.rules;
        let mut v = Vec::new();
        let mut add =
            |k: Kind, id: &str, name: &str| v.push((k, id.to_string(), name.to_lowercase()));
        r.classes
            .all()
            .iter()
            .for_each(|x| add(Kind::Class, &x.id, &x.name));
        r.subclasses
            .all()
            .iter()
            .for_each(|x| add(Kind::Subclass, &x.id, &x.name));
        r.species
            .all()
            .iter()
            .for_each(|x| add(Kind::Species, &x.id, &x.name));
        r.backgrounds
            .all()
            .iter()
            .for_each(|x| add(Kind::Background, &x.id, &x.name));
        r.weapons
            .all()
            .iter()
            .for_each(|x| add(Kind::Weapon, &x.id, &x.name));
        r.spells
            .all()
            .iter()
            .for_each(|x| add(Kind::Spell, &x.id, &x.name));
        r.feats
            .all()
            .iter()
            .for_each(|x| add(Kind::Feat, &x.id, &x.name));
        r.magic_items
            .all()
            .iter()
            .for_each(|x| add(Kind::Item, &x.id, &x.name));
        v
    }
}

/// The skill of an id (`sleight_of_hand` or `sleight-of-hand`).
pub fn skill(id: &str) -> Option<Skill> {
    serde_json::from_value(serde_json::Value::String(id.replace('-', "_"))).ok()
}

impl Catalog for RulesCatalog<'_> {
    fn fits(&self, concept: &str) -> Vec<Fit> {
        let ws = words(concept);
        let text = format!(" {} ", ws.join(" "));
        let mut acc: BTreeMap<(Kind, String), (i32, Vec<String>)> = BTreeMap::new();
        let mut bump = |k: Kind, id: &str, w: i32, why: &str| {
            let e = acc.entry((k, id.to_string())).or_default();
            e.0 += w;
            if !e.1.iter().any(|x| x == why) {
                e.1.push(why.to_string());
            }
        };
        for (i, w) in ws.iter().enumerate() {
            let less = ws[i.saturating_sub(2)..i]
                .iter()
                .any(|p| LESS_WORDS.contains(&p.as_str()));
            let sign = if less { -1 } else { 1 };
            for (_, targets) in matches(w) {
                for (t, weight) in targets.iter() {
                    let Some((k, id)) = t.split_once(':') else {
                        continue;
                    };
                    let Some(kind) = Kind::parse(k) else { continue };
                    if self.exists(kind, id) {
                        bump(kind, id, sign * weight, w);
                    }
                }
            }
        }
        // Exact names ("magic missile", "Path of the Berserker", a homebrew class's name).
        let mut seen = std::collections::BTreeSet::new();
        for w in &ws {
            for (kind, id, phrase) in self.names.get(w).into_iter().flatten() {
                if text.contains(phrase.as_str()) && seen.insert((*kind, id.clone())) {
                    bump(*kind, id, 6, phrase.trim());
                }
            }
        }
        for s in Skill::ALL {
            let id = serde_json::to_value(s)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            if text.contains(&format!(" {} ", id.replace('_', " "))) {
                bump(Kind::Skill, &id, 5, &id);
            }
        }
        let mut v: Vec<Fit> = acc
            .into_iter()
            .map(|((kind, id), (score, why))| Fit {
                kind,
                id,
                score,
                why,
            })
            .collect();
        v.sort_by(|a, b| {
            b.score
                .cmp(&a.score)
                .then(a.kind.cmp(&b.kind))
                .then(a.id.cmp(&b.id))
        });
        v
    }
}

/// The fits of one kind, best first (positive scores only).
pub fn of_kind(fits: &[Fit], kind: Kind) -> Vec<&Fit> {
    fits.iter()
        .filter(|f| f.kind == kind && f.score > 0)
        .collect()
}
