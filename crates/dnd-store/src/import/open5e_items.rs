//! Open5e equipment, magic items and creatures (with their traits and actions).

use std::collections::HashMap;
use std::fmt::Write;

use serde_json::{Map, Value};

use super::link::{item_kind, slug};
use super::open5e::{Fixture, Fixtures, key, local, s, title};
use super::{Facets, Reader, parse_cr};

pub(super) fn equipment(
    r: &mut Reader<'_>,
    items: &Fixtures,
    weapons: &Fixtures,
    armor: &Fixtures,
) {
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

pub(super) fn magic_item(r: &mut Reader<'_>, m: &Fixture) {
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

pub(super) fn creature(
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
