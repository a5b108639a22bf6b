//! 5e-bits 5e-database JSON (`5e-SRD-Classes.json`, … each a list of records with `index`).

use std::collections::HashMap;
use std::fmt::Write;

use serde_json::{Map, Value};

use super::facts::facts_text;
use super::link::item_kind;
use super::{Facets, Progress, Reader, parse_cr, tick};
use crate::error::Result;

type Records = Vec<Map<String, Value>>;

/// `(file, kind)`: what each file holds. `rule:<tag>` files are glossary-like rules entries.
const FILES: &[(&str, &str)] = &[
    ("5e-SRD-Classes.json", "class"),
    ("5e-SRD-Subclasses.json", "subclass"),
    ("5e-SRD-Features.json", "class-feature"),
    ("5e-SRD-Species.json", "species"),
    ("5e-SRD-Subspecies.json", "species"),
    ("5e-SRD-Backgrounds.json", "background"),
    ("5e-SRD-Feats.json", "feat"),
    ("5e-SRD-Equipment.json", "equipment"),
    ("5e-SRD-Magic-Items.json", "magic-item"),
    ("5e-SRD-Conditions.json", "condition"),
    ("5e-SRD-Monsters.json", "creature"),
    ("5e-SRD-Languages.json", "language"),
    ("5e-SRD-Poisons.json", "gear"),
    ("5e-SRD-Skills.json", "rule:skill"),
    ("5e-SRD-Ability-Scores.json", "rule:ability"),
    ("5e-SRD-Alignments.json", "rule:alignment"),
    ("5e-SRD-Damage-Types.json", "rule:damage-type"),
    ("5e-SRD-Magic-Schools.json", "rule:school"),
    ("5e-SRD-Weapon-Properties.json", "rule:weapon-property"),
    (
        "5e-SRD-Weapon-Mastery-Properties.json",
        "rule:weapon-mastery",
    ),
];

const REQUIRED: &[&str] = &["5e-SRD-Classes.json"];

/// Fields rendered elsewhere or of no use to a reader.
const SKIP: &[&str] = &[
    "index",
    "url",
    "image",
    "name",
    "description",
    "desc",
    "class_levels",
    "spells",
    "starting_equipment_options",
    "subclasses",
    "features",
    "traits",
    "subspecies",
    "variants",
];

fn s<'a>(f: &'a Map<String, Value>, k: &str) -> &'a str {
    f.get(k).and_then(Value::as_str).unwrap_or("")
}

/// `description` or `desc`, a string or a list of paragraphs.
fn description(f: &Map<String, Value>) -> String {
    match f.get("description").or_else(|| f.get("desc")) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join("\n\n"),
        _ => String::new(),
    }
}

fn name_of(v: Option<&Value>) -> Option<String> {
    v.and_then(|v| v.get("name").or(Some(v)))
        .and_then(Value::as_str)
        .map(str::to_string)
}

fn index_of(v: Option<&Value>) -> Option<String> {
    v.and_then(|v| v.get("index"))
        .and_then(Value::as_str)
        .map(str::to_string)
}

pub(crate) fn read(r: &mut Reader<'_>, p: &mut dyn FnMut(&Progress)) -> Result<()> {
    let mut loaded: Vec<(&str, &str, Records)> = Vec::new();
    let total = FILES.len() + 1;
    for (i, (file, kind)) in FILES.iter().enumerate() {
        let recs: Records = if r.has(file) || REQUIRED.contains(file) {
            r.json(file)?
        } else {
            Vec::new()
        };
        tick(p, file, i + 1, total);
        loaded.push((file, kind, recs));
    }
    let traits: Records = if r.has("5e-SRD-Traits.json") {
        r.json("5e-SRD-Traits.json")?
    } else {
        Vec::new()
    };
    tick(p, "5e-SRD-Traits.json", total, total);
    let mut trait_text: HashMap<String, String> = HashMap::new();
    for t in &traits {
        for owner in ["species", "subspecies"] {
            for o in t.get(owner).and_then(Value::as_array).into_iter().flatten() {
                if let Some(ix) = index_of(Some(o)) {
                    let e = trait_text.entry(ix).or_default();
                    let _ = write!(e, "\n\n**{}.** {}", s(t, "name"), description(t));
                }
            }
        }
    }
    for (file, kind, recs) in &loaded {
        for rec in recs {
            entry(r, file, kind, rec, &trait_text);
        }
    }
    Ok(())
}

fn entry(
    r: &mut Reader<'_>,
    file: &str,
    kind: &str,
    rec: &Map<String, Value>,
    traits: &HashMap<String, String>,
) {
    let index = s(rec, "index").to_string();
    let name = s(rec, "name").to_string();
    let mut text = description(rec);
    let mut facets = Facets::default();
    let kind = match kind {
        "equipment" => {
            let cat = rec
                .get("equipment_categories")
                .and_then(Value::as_array)
                .and_then(|a| a.first())
                .and_then(|c| name_of(Some(c)))
                .unwrap_or_default();
            let k = item_kind(r.rules, &index, &cat);
            facets.category = Some(cat.to_ascii_lowercase());
            k
        }
        k if k.starts_with("rule:") => {
            facets.tags.push(k.trim_start_matches("rule:").to_string());
            "rule"
        }
        k => k,
    };
    match kind {
        "class-feature" => {
            facets.level = rec
                .get("level")
                .and_then(|l| l.get("name").and_then(Value::as_str))
                .and_then(|n| n.rsplit(' ').next())
                .and_then(|n| n.parse().ok());
            facets.classes.extend(index_of(rec.get("class")));
            facets.tags.extend(index_of(rec.get("subclass")));
        }
        "subclass" => facets.classes.extend(index_of(rec.get("class"))),
        "class" => facets.classes.push(index.clone()),
        "magic-item" => {
            facets.rarity =
                name_of(rec.get("rarity")).map(|r| r.to_ascii_lowercase().replace(' ', "-"));
            facets.category = index_of(rec.get("equipment_category"));
            if rec.get("attunement").and_then(Value::as_bool) == Some(true) {
                facets.tags.push("attunement".into());
            }
        }
        "creature" => {
            facets.cr = rec
                .get("challenge_rating")
                .and_then(|v| v.as_f64().or_else(|| v.as_str().and_then(parse_cr)));
            facets.category = rec
                .get("type")
                .and_then(Value::as_str)
                .map(str::to_ascii_lowercase);
        }
        "feat" => {
            facets.category = rec
                .get("type")
                .and_then(Value::as_str)
                .map(str::to_ascii_lowercase)
        }
        "species" if file.contains("Subspecies") => {
            facets.tags.push("subspecies".into());
            facets.tags.extend(index_of(rec.get("species")));
        }
        "gear" if file.contains("Poisons") => facets.tags.push("poison".into()),
        _ => {}
    }
    if let Some(t) = traits.get(&index) {
        text.push_str(t);
    }
    let facts = facts_text(&Value::Object(rec.clone()), SKIP);
    if !facts.is_empty() {
        text = format!("{text}\n\n{facts}");
    }
    r.push(
        kind,
        index.clone(),
        &name,
        text,
        facets,
        format!("{file}#{index}"),
    );
}
