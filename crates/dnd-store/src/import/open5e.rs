//! Open5e v2 fixtures (`Spell.json`, `Creature.json`, … each a list of `{model, pk, fields}`).

use std::collections::HashMap;
use std::fmt::Write;

use serde::Deserialize;
use serde_json::{Map, Value};

use super::link::{item_kind, slug};
use super::{Facets, Progress, Reader, parse_cr, tick};
use crate::error::Result;

#[derive(Debug, Deserialize)]
struct Fixture {
    pk: Value,
    fields: Map<String, Value>,
}

type Fixtures = Vec<Fixture>;

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

fn s<'a>(f: &'a Map<String, Value>, k: &str) -> &'a str {
    f.get(k).and_then(Value::as_str).unwrap_or("")
}

fn key(pk: &Value) -> String {
    match pk {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// `srd-2024_fireball` → `fireball`.
fn local(pk: &str) -> &str {
    pk.split_once('_').map_or(pk, |(_, rest)| rest)
}

fn title(s: &str) -> String {
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

fn equipment(r: &mut Reader<'_>, items: &Fixtures, weapons: &Fixtures, armor: &Fixtures) {
    let by_pk = |v: &Fixtures| -> HashMap<String, Map<String, Value>> {
        v.iter().map(|x| (key(&x.pk), x.fields.clone())).collect()
    };
    let (w, a) = (by_pk(weapons), by_pk(armor));
    let mut used = std::collections::HashSet::new();
    for it in items {
        let f = &it.fields;
        let pk = key(&it.pk);
        let id = slug(local(&pk));
        let mut t = format!("{}\n", s(f, "desc"));
        let category = s(f, "category").to_string();
        let mut kind = item_kind(r.rules, &id, &category);
        if let Some(wp) = f.get("weapon").and_then(Value::as_str) {
            used.insert(wp.to_string());
            if let Some(wf) = w.get(wp) {
                kind = "weapon";
                weapon_facts(&mut t, wf);
            }
        }
        if let Some(ap) = f.get("armor").and_then(Value::as_str) {
            used.insert(ap.to_string());
            if let Some(af) = a.get(ap) {
                kind = "armor";
                armor_facts(&mut t, af);
            }
        }
        let cost = s(f, "cost");
        if !cost.is_empty() && cost != "0.00" {
            let _ = writeln!(t, "\n**Cost:** {cost} gp");
        }
        let facets = Facets {
            category: Some(category),
            ..Default::default()
        };
        let name = s(f, "name").to_string();
        r.push(kind, id, &name, t, facets, format!("Item.json#{pk}"));
    }
    for (file, set, kind) in [
        ("Weapon.json", weapons, "weapon"),
        ("Armor.json", armor, "armor"),
    ] {
        for x in set.iter().filter(|x| !used.contains(&key(&x.pk))) {
            let mut t = String::new();
            if kind == "weapon" {
                weapon_facts(&mut t, &x.fields);
            } else {
                armor_facts(&mut t, &x.fields);
            }
            let pk = key(&x.pk);
            let name = s(&x.fields, "name").to_string();
            r.push(
                kind,
                slug(local(&pk)),
                &name,
                t,
                Facets::default(),
                format!("{file}#{pk}"),
            );
        }
    }
}

fn weapon_facts(t: &mut String, f: &Map<String, Value>) {
    let simple = f.get("is_simple").and_then(Value::as_bool) == Some(true);
    let _ = writeln!(
        t,
        "\n**{} weapon.** Damage {} {}.",
        if simple { "Simple" } else { "Martial" },
        s(f, "damage_dice"),
        s(f, "damage_type")
    );
    let (range, long) = (
        f.get("range").and_then(Value::as_f64).unwrap_or(0.0),
        f.get("long_range").and_then(Value::as_f64).unwrap_or(0.0),
    );
    if range > 0.0 {
        let _ = writeln!(t, "Range {range}/{long} feet.");
    }
}

fn armor_facts(t: &mut String, f: &Map<String, Value>) {
    let base = f.get("ac_base").and_then(Value::as_i64).unwrap_or(0);
    let dex = f.get("ac_add_dexmod").and_then(Value::as_bool) == Some(true);
    let cap = f.get("ac_cap_dexmod").and_then(Value::as_i64);
    let mut line = format!("\n**Armor Class (AC):** {base}");
    if dex {
        line.push_str(" + Dex modifier");
        if let Some(c) = cap {
            let _ = write!(line, " (max {c})");
        }
    }
    let _ = writeln!(t, "{line}");
    if let Some(st) = f.get("strength_score_required").and_then(Value::as_i64) {
        let _ = writeln!(t, "**Strength:** {st}");
    }
    if f.get("grants_stealth_disadvantage")
        .and_then(Value::as_bool)
        == Some(true)
    {
        let _ = writeln!(t, "**Stealth:** Disadvantage");
    }
}

fn magic_item(r: &mut Reader<'_>, m: &Fixture) {
    let f = &m.fields;
    let pk = key(&m.pk);
    let rarity = s(f, "rarity").to_string();
    let category = s(f, "category").to_string();
    let attune = f.get("requires_attunement").and_then(Value::as_bool) == Some(true);
    let t = format!(
        "*{}, {}{}*\n\n{}",
        title(&category.replace('-', " ")),
        rarity.replace('-', " "),
        if attune { " (requires attunement)" } else { "" },
        s(f, "desc")
    );
    let facets = Facets {
        rarity: Some(rarity),
        category: Some(category),
        tags: if attune {
            vec!["attunement".into()]
        } else {
            vec![]
        },
        ..Default::default()
    };
    let name = s(f, "name").to_string();
    r.push(
        "magic-item",
        slug(local(&pk)),
        &name,
        t,
        facets,
        format!("MagicItem.json#{pk}"),
    );
}

fn creature(
    r: &mut Reader<'_>,
    c: &Fixture,
    traits: &HashMap<String, Vec<&Map<String, Value>>>,
    actions: &HashMap<String, Vec<&Map<String, Value>>>,
) {
    let f = &c.fields;
    let pk = key(&c.pk);
    let num = |k: &str| f.get(k).and_then(Value::as_i64).unwrap_or(0);
    let cr_text = s(f, "challenge_rating").to_string();
    let cr = parse_cr(&cr_text);
    let ty = s(f, "type").to_string();
    let mut t = format!(
        "*{} {}, {}*\n\n- **Armor Class (AC):** {} {}\n- **Hit Points (HP):** {} ({})\n- **CR** {}\n\n",
        title(s(f, "size")),
        title(&ty),
        s(f, "alignment"),
        num("armor_class"),
        s(f, "armor_detail"),
        num("hit_points"),
        s(f, "hit_dice"),
        cr.map_or(cr_text.clone(), fmt_cr),
    );
    let _ = writeln!(
        t,
        "STR {} DEX {} CON {} INT {} WIS {} CHA {}",
        num("ability_score_strength"),
        num("ability_score_dexterity"),
        num("ability_score_constitution"),
        num("ability_score_intelligence"),
        num("ability_score_wisdom"),
        num("ability_score_charisma")
    );
    if let Some(list) = traits.get(&pk) {
        t.push_str("\n### Traits\n");
        for x in list {
            let _ = writeln!(t, "\n**{}.** {}", s(x, "name"), s(x, "desc"));
        }
    }
    if let Some(list) = actions.get(&pk) {
        let mut list = list.clone();
        list.sort_by_key(|x| {
            x.get("order_in_statblock")
                .and_then(Value::as_i64)
                .unwrap_or(0)
        });
        for (kind, heading) in [
            ("ACTION", "Actions"),
            ("BONUS_ACTION", "Bonus Actions"),
            ("REACTION", "Reactions"),
            ("LEGENDARY_ACTION", "Legendary Actions"),
        ] {
            let these: Vec<_> = list
                .iter()
                .filter(|x| s(x, "action_type") == kind)
                .collect();
            if !these.is_empty() {
                let _ = writeln!(t, "\n### {heading}");
                for x in these {
                    let _ = writeln!(t, "\n**{}.** {}", s(x, "name"), s(x, "desc"));
                }
            }
        }
    }
    let facets = Facets {
        cr,
        category: Some(ty.to_ascii_lowercase()),
        tags: vec![s(f, "size").to_ascii_lowercase()],
        ..Default::default()
    };
    let name = s(f, "name").to_string();
    r.push(
        "creature",
        slug(local(&pk)),
        &name,
        t,
        facets,
        format!("Creature.json#{pk}"),
    );
}

/// `0.25` → `1/4`, `10.0` → `10`.
pub(crate) fn fmt_cr(cr: f64) -> String {
    match cr {
        x if (x - 0.125).abs() < 1e-9 => "1/8".into(),
        x if (x - 0.25).abs() < 1e-9 => "1/4".into(),
        x if (x - 0.5).abs() < 1e-9 => "1/2".into(),
        x => format!("{x}"),
    }
}
