//! Open5e v2 fixtures (`Spell.json`, `Creature.json`, … each a list of `{model, pk, fields}`).

use std::collections::HashMap;
use std::fmt::Write;

use serde::Deserialize;
use serde_json::{Map, Value};

use super::link::slug;
use super::open5e_items::{creature, equipment, magic_item};
use super::{Facets, Progress, Reader, tick};
use crate::error::Result;

#[derive(Debug, Deserialize)]
pub(super) struct Fixture {
    pub pk: Value,
    pub fields: Map<String, Value>,
}

pub(super) type Fixtures = Vec<Fixture>;

const REQUIRED: &[&str] = &["Spell.json", "Creature.json"];
const FILES: &[&str] = &[
    "Spell.json",
    "CharacterClass.json",
    "ClassFeature.json",
    "ClassFeatureItem.json",
    "Species.json",
    "SpeciesTrait.json",
    "Background.json",
    "BackgroundBenefit.json",
    "Feat.json",
    "FeatBenefit.json",
    "Item.json",
    "Weapon.json",
    "Armor.json",
    "MagicItem.json",
    "Creature.json",
    "CreatureTrait.json",
    "CreatureAction.json",
    "ConditionDescription.json",
    "Rule.json",
    "RuleSet.json",
];

pub(super) fn s<'a>(f: &'a Map<String, Value>, k: &str) -> &'a str {
    f.get(k).and_then(Value::as_str).unwrap_or("")
}

pub(super) fn key(pk: &Value) -> String {
    match pk {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// `srd-2024_fireball` → `fireball`.
pub(super) fn local(pk: &str) -> &str {
    pk.split_once('_').map_or(pk, |(_, rest)| rest)
}

pub(super) fn title(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// Children (`parent` → list of fields), in file order.
fn children(items: &Fixtures) -> HashMap<String, Vec<&Map<String, Value>>> {
    let mut m: HashMap<String, Vec<&Map<String, Value>>> = HashMap::new();
    for it in items {
        m.entry(s(&it.fields, "parent").to_string())
            .or_default()
            .push(&it.fields);
    }
    m
}

fn load(
    r: &Reader<'_>,
    name: &str,
    p: &mut dyn FnMut(&Progress),
    n: &mut usize,
) -> Result<Fixtures> {
    *n += 1;
    let out = if r.has(name) || REQUIRED.contains(&name) {
        r.json(name)?
    } else {
        Vec::new()
    };
    tick(p, name, *n, FILES.len());
    Ok(out)
}

pub(crate) fn read(r: &mut Reader<'_>, p: &mut dyn FnMut(&Progress)) -> Result<()> {
    let mut n = 0;
    let spells = load(r, "Spell.json", p, &mut n)?;
    for sp in &spells {
        spell(r, sp);
    }
    let classes = load(r, "CharacterClass.json", p, &mut n)?;
    let features = load(r, "ClassFeature.json", p, &mut n)?;
    let feature_items = load(r, "ClassFeatureItem.json", p, &mut n)?;
    classes_and_features(r, &classes, &features, &feature_items);
    for (file, traits, kind) in [
        ("Species.json", "SpeciesTrait.json", "species"),
        ("Background.json", "BackgroundBenefit.json", "background"),
        ("Feat.json", "FeatBenefit.json", "feat"),
    ] {
        let items = load(r, file, p, &mut n)?;
        let parts = load(r, traits, p, &mut n)?;
        with_parts(r, file, kind, &items, &children(&parts));
    }
    let items = load(r, "Item.json", p, &mut n)?;
    let weapons = load(r, "Weapon.json", p, &mut n)?;
    let armor = load(r, "Armor.json", p, &mut n)?;
    equipment(r, &items, &weapons, &armor);
    let magic = load(r, "MagicItem.json", p, &mut n)?;
    for m in &magic {
        magic_item(r, m);
    }
    let creatures = load(r, "Creature.json", p, &mut n)?;
    let trait_list = load(r, "CreatureTrait.json", p, &mut n)?;
    let action_list = load(r, "CreatureAction.json", p, &mut n)?;
    let (traits, actions) = (children(&trait_list), children(&action_list));
    for c in &creatures {
        creature(r, c, &traits, &actions);
    }
    for c in &load(r, "ConditionDescription.json", p, &mut n)? {
        let name = title(s(&c.fields, "describes"));
        let pk = key(&c.pk);
        let text = s(&c.fields, "desc").to_string();
        let origin = format!("ConditionDescription.json#{pk}");
        r.push(
            "condition",
            slug(&name),
            &name,
            text,
            Facets::default(),
            origin,
        );
    }
    for (file, kind) in [("Rule.json", "rule"), ("RuleSet.json", "section")] {
        for it in &load(r, file, p, &mut n)? {
            let f = &it.fields;
            let pk = key(&it.pk);
            let mut facets = Facets::default();
            if let Some(set) = f.get("ruleset").and_then(Value::as_str) {
                facets.tags.push(local(set).to_string());
            }
            let name = s(f, "name").to_string();
            let text = s(f, "desc").to_string();
            r.push(
                kind,
                slug(local(&pk)),
                &name,
                text,
                facets,
                format!("{file}#{pk}"),
            );
        }
    }
    Ok(())
}

fn spell(r: &mut Reader<'_>, sp: &Fixture) {
    let f = &sp.fields;
    let pk = key(&sp.pk);
    let level = f.get("level").and_then(Value::as_i64).unwrap_or(0);
    let school = s(f, "school").to_ascii_lowercase();
    let classes: Vec<String> = f
        .get("classes")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(|c| local(c).to_string())
                .collect()
        })
        .unwrap_or_default();
    let mut t = String::new();
    let names: Vec<String> = classes.iter().map(|c| title(c)).collect();
    let line = if level == 0 {
        format!("{} Cantrip", title(&school))
    } else {
        format!("Level {level} {}", title(&school))
    };
    let _ = writeln!(t, "*{line} ({})*\n", names.join(", "));
    let mut comps: Vec<String> = Vec::new();
    for (k, c) in [("verbal", "V"), ("somatic", "S"), ("material", "M")] {
        if f.get(k).and_then(Value::as_bool) == Some(true) {
            comps.push(c.into());
        }
    }
    if let (Some(m), Some(last)) = (
        f.get("material_specified").and_then(Value::as_str),
        comps.last_mut(),
    ) {
        if !m.is_empty() && last == "M" {
            *last = format!("M ({m})");
        }
    }
    let _ = writeln!(t, "**Casting Time:** {}", s(f, "casting_time"));
    let _ = writeln!(t, "**Range:** {}", s(f, "range_text"));
    let _ = writeln!(t, "**Components:** {}", comps.join(", "));
    let _ = writeln!(t, "**Duration:** {}\n", s(f, "duration"));
    let _ = writeln!(t, "{}", s(f, "desc"));
    let higher = s(f, "higher_level");
    if !higher.is_empty() {
        let _ = writeln!(t, "\n**Using a Higher-Level Spell Slot.** {higher}");
    }
    let mut tags = Vec::new();
    for k in ["ritual", "concentration"] {
        if f.get(k).and_then(Value::as_bool) == Some(true) {
            tags.push(k.to_string());
        }
    }
    let facets = Facets {
        level: Some(level),
        school: Some(school),
        classes,
        tags,
        ..Default::default()
    };
    let name = s(f, "name").to_string();
    r.push(
        "spell",
        slug(local(&pk)),
        &name,
        t,
        facets,
        format!("Spell.json#{pk}"),
    );
}

fn classes_and_features(
    r: &mut Reader<'_>,
    classes: &Fixtures,
    features: &Fixtures,
    items: &Fixtures,
) {
    let mut levels: HashMap<String, i64> = HashMap::new();
    for it in items {
        let lv = it.fields.get("level").and_then(Value::as_i64).unwrap_or(0);
        let e = levels
            .entry(s(&it.fields, "parent").to_string())
            .or_insert(lv);
        *e = (*e).min(lv);
    }
    let base_of: HashMap<String, String> = classes
        .iter()
        .map(|c| {
            let pk = key(&c.pk);
            let base = c
                .fields
                .get("subclass_of")
                .and_then(Value::as_str)
                .unwrap_or(&pk);
            (pk.clone(), local(base).to_string())
        })
        .collect();
    let by_parent = children(features);
    for c in classes {
        let f = &c.fields;
        let pk = key(&c.pk);
        let sub = f.get("subclass_of").and_then(Value::as_str);
        let mut t = String::new();
        if let Some(b) = sub {
            let _ = writeln!(t, "*{} subclass*\n", title(local(b)));
        }
        let hd = s(f, "hit_dice");
        if !hd.is_empty() {
            let _ = writeln!(t, "**Hit Die:** {hd}");
        }
        if let Some(st) = f.get("saving_throws").and_then(Value::as_array) {
            let st: Vec<&str> = st.iter().filter_map(Value::as_str).collect();
            if !st.is_empty() {
                let _ = writeln!(t, "**Saving Throws:** {}", st.join(", ").to_uppercase());
            }
        }
        let mut feats: Vec<(i64, String)> = by_parent
            .get(&pk)
            .map(|v| {
                v.iter()
                    .map(|ff| {
                        let fpk = format!("{pk}_{}", slug(s(ff, "name")));
                        (
                            levels.get(&fpk).copied().unwrap_or(0),
                            s(ff, "name").to_string(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        feats.sort();
        for (lv, name) in feats.iter().filter(|(lv, _)| *lv > 0) {
            let _ = writeln!(t, "- Level {lv}: {name}");
        }
        let kind = if sub.is_some() { "subclass" } else { "class" };
        let facets = Facets {
            classes: vec![base_of.get(&pk).cloned().unwrap_or_default()],
            ..Default::default()
        };
        let name = s(f, "name").to_string();
        r.push(
            kind,
            slug(local(&pk)),
            &name,
            t,
            facets,
            format!("CharacterClass.json#{pk}"),
        );
    }
    for ft in features {
        let f = &ft.fields;
        let pk = key(&ft.pk);
        let parent = s(f, "parent");
        let name = s(f, "name").to_string();
        let id = format!("{}-{}", local(parent), slug(&name));
        let facets = Facets {
            level: levels.get(&pk).copied().filter(|l| *l > 0),
            classes: base_of.get(parent).cloned().into_iter().collect(),
            tags: vec![local(parent).to_string()],
            ..Default::default()
        };
        let text = s(f, "desc").to_string();
        r.push(
            "class-feature",
            id,
            &name,
            text,
            facets,
            format!("ClassFeature.json#{pk}"),
        );
    }
}

fn with_parts(
    r: &mut Reader<'_>,
    file: &str,
    kind: &str,
    items: &Fixtures,
    parts: &HashMap<String, Vec<&Map<String, Value>>>,
) {
    for it in items {
        let f = &it.fields;
        let pk = key(&it.pk);
        let mut t = format!("{}\n", s(f, "desc"));
        for part in parts.get(&pk).into_iter().flatten() {
            let _ = writeln!(t, "\n**{}.** {}", s(part, "name"), s(part, "desc"));
        }
        let mut facets = Facets::default();
        if let Some(ty) = f.get("type").and_then(Value::as_str) {
            facets.category = Some(ty.to_ascii_lowercase());
        }
        let pre = s(f, "prerequisite");
        if !pre.is_empty() {
            let _ = writeln!(t, "\n**Prerequisite:** {pre}");
        }
        let name = s(f, "name").to_string();
        r.push(
            kind,
            slug(local(&pk)),
            &name,
            t,
            facets,
            format!("{file}#{pk}"),
        );
    }
}
