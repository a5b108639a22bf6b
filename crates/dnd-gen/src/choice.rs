//! A build: the catalog ids and prose a provider chooses. The engine turns it into a character
//! (every number derived by `dnd-core`) or lists the problems that keep it from being valid.

use std::collections::{BTreeMap, BTreeSet};

use dnd_core::build::{Builder, Decision, LevelUp, level_up, level_up_decisions};
use dnd_core::model::Character;
use dnd_core::play::inventory::{Give, give};
use dnd_core::rules::Rules;
use dnd_core::validate::{Profile, Severity, validate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// What a provider chooses for a concept: ids from the allowed lists, and prose. No numbers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Build {
    /// The character's name.
    pub name: String,
    /// A class id.
    pub class: String,
    /// A subclass id of that class (used from the class's subclass level on).
    pub subclass: Option<String>,
    /// A species id.
    pub species: String,
    /// A lineage id of that species (when it has lineages).
    pub lineage: Option<String>,
    /// A background id.
    pub background: String,
    /// One of the nine alignments (`chaotic good`).
    pub alignment: Option<String>,
    /// Skill ids the character should be proficient in (class and species choices).
    pub skills: Vec<String>,
    /// Spell ids to learn or prepare where the class offers them.
    pub spells: Vec<String>,
    /// A signature weapon id (given if the starting kit lacks it; preferred for masteries).
    pub weapon: Option<String>,
    /// Any other decision by key (`divine-order=protector`, `ability-method=point-buy`).
    pub choices: BTreeMap<String, String>,
    pub appearance: String,
    pub personality_traits: Vec<String>,
    pub ideals: Vec<String>,
    pub bonds: Vec<String>,
    pub flaws: Vec<String>,
    pub backstory: String,
}

static SCHEMA: std::sync::LazyLock<serde_json::Value> = std::sync::LazyLock::new(|| {
    serde_json::to_value(schemars::schema_for!(Build)).unwrap_or_default()
});

/// The JSON Schema of a [`Build`] (carried by the prompt; generated once).
pub fn build_schema() -> serde_json::Value {
    SCHEMA.clone()
}

/// What realizing a build placed, to report what it could not.
#[derive(Default)]
struct Placed {
    values: BTreeSet<String>,
    keys: BTreeSet<String>,
}

/// A decision's value: explicit choice, else preferred options first, then the fill.
fn prefer(
    d: &Decision,
    filled: &str,
    b: &Build,
    taken: &BTreeSet<String>,
    placed: &mut Placed,
) -> Option<String> {
    if let Some(v) = b.choices.get(&d.key) {
        placed.keys.insert(d.key.clone());
        return Some(v.clone());
    }
    if d.options.is_empty() || d.count == 0 {
        return None;
    }
    let wanted_once = |w: &String| taken.contains(w);
    let mut wanted: Vec<&String> = b.skills.iter().chain(b.spells.iter()).collect();
    if let Some(w) = &b.weapon {
        wanted.push(w);
    }
    let mut out: Vec<String> = Vec::new();
    for w in wanted {
        if out.len() >= d.count as usize {
            break;
        }
        if d.options.contains(w) && !out.contains(w) && !wanted_once(w) {
            out.push(w.clone());
        }
    }
    if out.is_empty() {
        return None;
    }
    placed.values.extend(out.iter().cloned());
    let fills = filled.split(',').map(str::trim).map(str::to_string);
    for v in fills.chain(d.options.iter().cloned()) {
        if out.len() >= d.count as usize {
            break;
        }
        // Only current options, and nothing another decision of this pass already holds.
        if !v.is_empty() && d.options.contains(&v) && !out.contains(&v) && !taken.contains(&v) {
            out.push(v);
        }
    }
    Some(out.join(","))
}

fn problem(e: &dnd_core::Error) -> String {
    let data = dnd_core::ErrorData::from(e);
    let mut s = format!("{}: {}", data.code, data.message);
    if let Some(p) = data.path {
        s.push_str(&format!(" (at {p})"));
    }
    if !data.alternatives.is_empty() {
        let alts: Vec<&str> = data
            .alternatives
            .iter()
            .take(12)
            .map(String::as_str)
            .collect();
        s.push_str(&format!("; allowed: {}", alts.join(", ")));
    }
    s
}

/// Turns a build into a character of `level` in its class. `strict` (a provider's answer):
/// skills, spells and choices that fit nowhere are problems; lenient (the offline tables):
/// they are dropped. `Err` lists every problem found; `Ok` validates without errors.
pub fn realize(
    rules: &Rules,
    b: &Build,
    level: u32,
    seed: u64,
    strict: bool,
) -> Result<Character, Vec<String>> {
    let mut problems = Vec::new();
    if !(1..=20).contains(&level) {
        return Err(vec![format!("level {level} is outside 1..=20")]);
    }
    let mut roots = BTreeMap::new();
    for (k, v) in [
        ("class", Some(&b.class)),
        ("species", Some(&b.species)),
        ("background", Some(&b.background)),
        ("lineage", b.lineage.as_ref()),
        ("alignment", b.alignment.as_ref()),
        ("name", Some(&b.name)),
    ] {
        if let Some(v) = v.filter(|v| !v.trim().is_empty()) {
            roots.insert(k.to_string(), v.clone());
        }
    }
    let mut builder = Builder {
        answers: roots.clone(),
        seed,
    };
    let mut placed = Placed::default();
    // Options depend on earlier answers (expertise on skills, a feat's spells on the class's):
    // recompute every preference from the roots against the latest options until stable.
    // Lenient (offline) builds try the first pass at once and settle further only when the
    // builder refuses; strict builds settle first, so what could not be placed is known.
    let mut built = None;
    let background_skills: BTreeSet<String> = rules
        .backgrounds
        .get(&b.background)
        .map(|bg| {
            bg.skills
                .iter()
                .filter_map(|s| serde_json::to_value(s).ok())
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let mut last_good = builder.clone();
    for pass in 0..4 {
        let states = match builder.decisions(rules) {
            Ok(s) => s,
            Err(_) if pass > 0 => {
                builder = last_good;
                break;
            }
            Err(e) => return Err(vec![problem(&e)]),
        };
        last_good = builder.clone();
        let mut next = Builder {
            answers: roots.clone(),
            seed,
        };
        let mut taken = BTreeSet::new();
        placed = Placed::default();
        for s in &states {
            if roots.contains_key(&s.decision.key) {
                continue;
            }
            if s.decision.key.contains("expertise") && !b.choices.contains_key(&s.decision.key) {
                // Expertise only in skills this pass makes proficient (its listed options come
                // from the previous draft's skills).
                let mut d = s.decision.clone();
                d.options
                    .retain(|o| taken.contains(o) || background_skills.contains(o));
                if d.options.len() >= d.count as usize {
                    if let Some(v) = prefer(&d, &s.value, b, &BTreeSet::new(), &mut placed) {
                        next.answers.insert(s.decision.key.clone(), v);
                    }
                }
                continue;
            }
            if let Some(v) = prefer(&s.decision, &s.value, b, &taken, &mut placed) {
                taken.extend(v.split(',').map(|x| x.trim().to_string()));
                next.answers.insert(s.decision.key.clone(), v);
            }
        }
        if next == builder {
            break;
        }
        builder = next;
        if !strict || pass == 3 {
            if let Ok(o) = builder.build(rules, false) {
                built = Some(o.character);
                break;
            }
        }
    }
    let mut ch = match built {
        Some(c) => c,
        None => match builder.build(rules, false) {
            Ok(o) => o.character,
            Err(e) => return Err(vec![problem(&e)]),
        },
    };
    let class = b.class.clone();
    let sub_level = rules
        .classes
        .get(&class)
        .map_or(3, |c| u32::from(c.subclass_level));
    for lvl in 2..=level {
        let ds = level_up_decisions(rules, &ch, &class).map_err(|e| vec![problem(&e)])?;
        let mut choices = BTreeMap::new();
        for d in &ds {
            if d.key == "subclass" {
                continue;
            }
            if let Some(v) = prefer(d, "", b, &BTreeSet::new(), &mut placed) {
                choices.insert(d.key.clone(), v);
            }
        }
        let req = LevelUp {
            class: class.clone(),
            subclass: if lvl == sub_level {
                b.subclass.clone()
            } else {
                None
            },
            seed: Some(seed ^ u64::from(lvl)),
            choices,
            ..Default::default()
        };
        match level_up(rules, &ch, &req) {
            Ok(o) => ch = o.character,
            Err(e) => return Err(vec![problem(&e)]),
        }
    }
    if let Some(w) = b.weapon.as_deref().filter(|w| !w.is_empty()) {
        if rules.weapons.get(w).is_none() {
            problems.push(format!("not_found.content: unknown weapon `{w}`"));
        } else if !ch.inventory.items.iter().any(|i| i.item == w) {
            let g = Give {
                quantity: 1,
                key: None,
                location: None,
                custom: None,
                name: None,
            };
            match give(rules, &ch, w, g) {
                Ok(o) => ch = o.character,
                Err(e) => problems.push(problem(&e)),
            }
        }
    }
    if strict {
        for s in b.skills.iter().chain(b.spells.iter()) {
            if !placed.values.contains(s) {
                problems.push(format!(
                    "build.unplaced: `{s}` is not an option of any decision this {class} has (pick from the allowed lists)"
                ));
            }
        }
        for k in b.choices.keys() {
            if !placed.keys.contains(k) {
                problems.push(format!(
                    "build.decision.invalid: `{k}` is not a decision of this character"
                ));
            }
        }
    }
    ch.details.appearance = b.appearance.clone();
    ch.details.personality_traits = b.personality_traits.clone();
    ch.details.ideals = b.ideals.clone();
    ch.details.bonds = b.bonds.clone();
    ch.details.flaws = b.flaws.clone();
    ch.details.backstory = b.backstory.clone();
    let report = validate(rules, &ch, &Profile::default());
    for i in report
        .issues
        .iter()
        .filter(|i| i.severity == Severity::Error)
    {
        problems.push(format!("{} at {}: {}", i.code, i.path, i.message));
    }
    if problems.is_empty() {
        Ok(ch)
    } else {
        Err(problems)
    }
}
