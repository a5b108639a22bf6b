//! Backstory and personality consistent with the sheet, and a check that flags contradictions
//! between prose and sheet (a class, species or alignment the sheet does not have).

use dnd_core::model::Character;
use dnd_core::rules::Rules;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::tables::keywords::words;
use crate::tables::names::mix;
use crate::tables::prose::{
    BACKSTORIES, BONDS, FLAWS, HOMES, IDEALS, TRAINING, TRAITS, lookup, row,
};

/// Backstory and personality.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Prose {
    pub backstory: String,
    pub personality_traits: Vec<String>,
    pub ideals: Vec<String>,
    pub bonds: Vec<String>,
    pub flaws: Vec<String>,
}

/// A statement in the prose that the sheet contradicts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Contradiction {
    /// `class`, `species`, `alignment`.
    pub kind: String,
    /// The word in the prose.
    pub word: String,
    /// What the sheet says.
    pub sheet: String,
}

/// The sheet facts prose may use (names, not numbers the prose could get wrong).
pub fn facts(rules: &Rules, ch: &Character) -> Value {
    let sheet = dnd_core::derive::derive(rules, ch)
        .ok()
        .and_then(|s| serde_json::to_value(&s).ok())
        .unwrap_or(Value::Null);
    let mut skills: Vec<String> = sheet["skills"]
        .as_object()
        .map(|o| {
            o.iter()
                .filter(|(_, v)| v["proficient"].as_bool() == Some(true))
                .map(|(k, _)| k.replace('_', " "))
                .collect()
        })
        .unwrap_or_default();
    skills.sort();
    let classes: Vec<String> =
        ch.levels
            .iter()
            .map(|l| l.class.clone())
            .fold(Vec::new(), |mut v, c| {
                if !v.contains(&c) {
                    v.push(c);
                }
                v
            });
    let weapon = ch
        .inventory
        .items
        .iter()
        .find_map(|i| rules.weapons.get(&i.item).map(|w| w.name.to_lowercase()));
    json!({
        "name": ch.name,
        "species": ch.species.id,
        "lineage": ch.species.lineage,
        "classes": classes,
        "level": ch.level(),
        "background": ch.background.id,
        "alignment": ch.details.alignment,
        "skills": skills,
        "weapon": weapon,
    })
}

fn text(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_string()
}

/// Offline prose from the facts and a seed (this project's templates).
pub fn offline_prose(facts: &Value, seed: u64) -> Prose {
    let h = |salt: u64, n: usize| (mix(seed ^ salt) % n.max(1) as u64) as usize;
    let species = text(&facts["species"]);
    let class = facts["classes"][0]
        .as_str()
        .unwrap_or("adventurer")
        .to_string();
    let background = text(&facts["background"]);
    let skills: Vec<String> = facts["skills"]
        .as_array()
        .map(|a| a.iter().map(text).collect())
        .unwrap_or_default();
    let skill = skills
        .get(h(7, skills.len()))
        .cloned()
        .unwrap_or_else(|| "wits".into());
    let weapon = facts["weapon"]
        .as_str()
        .unwrap_or("walking staff")
        .to_string();
    let home = lookup(HOMES, &species).unwrap_or("a far-off place");
    let training = lookup(TRAINING, &class).unwrap_or("learned to survive by their wits");
    let first = text(&facts["name"])
        .split(' ')
        .next()
        .unwrap_or_default()
        .to_string();
    let tpl = BACKSTORIES[h(1, BACKSTORIES.len())];
    let backstory = tpl
        .replace("{name}", &first)
        .replace("{species}", &species.replace('-', " "))
        .replace("{class}", &class)
        .replace("{background}", &background)
        .replace("{home}", home)
        .replace("{training}", training)
        .replace("{skill}", &skill)
        .replace("{weapon}", &weapon);
    let alignment = text(&facts["alignment"]);
    let axis = if alignment.contains("good") {
        "good"
    } else if alignment.contains("evil") {
        "evil"
    } else {
        "neutral"
    };
    let one = |list: &[&str], salt: u64| vec![list[h(salt, list.len())].to_string()];
    let traits = row(TRAITS, &background);
    let mut personality_traits = one(traits, 2);
    let second = traits[(h(2, traits.len()) + 1) % traits.len().max(1)].to_string();
    if !personality_traits.contains(&second) {
        personality_traits.push(second);
    }
    Prose {
        backstory,
        personality_traits,
        ideals: one(row(IDEALS, axis), 3),
        bonds: one(row(BONDS, &class), 4),
        flaws: one(FLAWS, 5),
    }
}

/// Contradictions between `prose` and the sheet: a class or subclass the character lacks, a
/// species it is not, an alignment other than its own.
pub fn check(rules: &Rules, ch: &Character, prose: &str) -> Vec<Contradiction> {
    let ws = words(prose);
    let joined = format!(" {} ", ws.join(" "));
    let has = |name: &str| {
        let n = name.to_lowercase();
        joined.contains(&format!(" {n} ")) || joined.contains(&format!(" {n}s "))
    };
    let mut out = Vec::new();
    let own: Vec<&str> = ch.levels.iter().map(|l| l.class.as_str()).collect();
    let own_subs: Vec<&str> = ch
        .levels
        .iter()
        .filter_map(|l| l.subclass.as_deref())
        .collect();
    for c in rules.classes.all() {
        if !own.contains(&c.id.as_str()) && has(&c.name) {
            out.push(Contradiction {
                kind: "class".into(),
                word: c.name.to_lowercase(),
                sheet: own.join(", "),
            });
        }
    }
    for s in rules.subclasses.all() {
        if !own_subs.contains(&s.id.as_str()) && has(&s.name) {
            out.push(Contradiction {
                kind: "subclass".into(),
                word: s.name.to_lowercase(),
                sheet: own_subs.join(", "),
            });
        }
    }
    for s in rules.species.all() {
        let adjective = match s.id.as_str() {
            "elf" => Some("elven"),
            "dwarf" => Some("dwarven"),
            _ => None,
        };
        let named = has(&s.name) || adjective.is_some_and(has);
        if s.id != ch.species.id && named {
            out.push(Contradiction {
                kind: "species".into(),
                word: s.name.to_lowercase(),
                sheet: ch.species.id.clone(),
            });
        }
    }
    if let Some(a) = &ch.details.alignment {
        for other in [
            "lawful good",
            "neutral good",
            "chaotic good",
            "lawful neutral",
            "chaotic neutral",
            "lawful evil",
            "neutral evil",
            "chaotic evil",
        ] {
            if other != a && joined.contains(&format!(" {other} ")) {
                out.push(Contradiction {
                    kind: "alignment".into(),
                    word: other.into(),
                    sheet: a.clone(),
                });
            }
        }
    }
    out
}

/// The prose fields of a character joined for [`check`].
pub fn all_text(ch: &Character) -> String {
    let d = &ch.details;
    let mut parts = vec![d.backstory.clone(), d.appearance.clone()];
    for l in [&d.personality_traits, &d.ideals, &d.bonds, &d.flaws] {
        parts.extend(l.iter().cloned());
    }
    parts.join(" \n ")
}
