//! Recording a level decision in the level's record, and telling whether it is recorded.

use std::collections::BTreeMap;

use crate::error::Result;
use crate::model::{Ability, FeatChoice, LevelChoice, Skill};
use crate::play::refuse;
use crate::rules::{FeatCategory, Rules};

use super::decision::Decision;
use super::level_plan::Planned;

/// Parses `str+2`, `str+1,con+1` (also `str=+1`, `strength+1`).
pub fn parse_increase(text: &str) -> Result<BTreeMap<Ability, i32>> {
    let mut out = BTreeMap::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let at = part.find(['+', '-', '=']).unwrap_or(part.len());
        let (name, num) = part.split_at(at);
        let num = num.trim_start_matches('=');
        let ability = Ability::parse(name);
        let value = num.trim_start_matches('+').parse::<i32>().ok();
        match (ability, value) {
            (Some(a), Some(v)) if !out.contains_key(&a) => {
                out.insert(a, v);
            }
            _ => {
                return Err(refuse(
                    "build.decision.invalid",
                    format!("`{part}` is not an increase like `str+2` or `dex+1`"),
                    None,
                    vec!["str+2".into(), "str+1,con+1".into()],
                ));
            }
        }
    }
    if out.is_empty() {
        return Err(refuse(
            "build.decision.invalid",
            "an empty ability increase",
            None,
            vec!["str+2".into(), "str+1,con+1".into()],
        ));
    }
    Ok(out)
}

fn skills(values: &[String]) -> Result<Vec<Skill>> {
    values
        .iter()
        .map(|v| {
            Skill::parse(v).ok_or_else(|| {
                refuse(
                    "build.decision.invalid",
                    format!("`{v}` is not a skill"),
                    None,
                    vec![],
                )
            })
        })
        .collect()
}

fn is_style(rules: &Rules, f: &FeatChoice) -> bool {
    rules
        .feats
        .get(&f.id)
        .is_some_and(|d| d.category == FeatCategory::FightingStyle)
}

/// The level's feat that fills its ASI or Epic Boon slot.
fn slot_feat<'a>(rules: &Rules, lv: &'a mut LevelChoice) -> Option<&'a mut FeatChoice> {
    lv.feats.iter_mut().find(|f| !is_style(rules, f))
}

/// Writes checked values of decision `key` into the level.
pub(crate) fn record(
    rules: &Rules,
    lv: &mut LevelChoice,
    key: &str,
    values: Vec<String>,
) -> Result<()> {
    let one = || values.first().cloned().unwrap_or_default();
    match key {
        "subclass" => lv.subclass = Some(one()),
        "skills" => lv.skills = skills(&values)?,
        "expertise" => lv.expertise = skills(&values)?,
        "tools" => lv.tools = values,
        "masteries" => lv.masteries = values,
        "cantrips" => lv.cantrips = values,
        "languages" => lv.languages = values,
        "spells" | "arcanum" => lv.spells.extend(values),
        "fighting-style-feat" | "feat" | "epic-boon" => lv.feats.push(FeatChoice {
            id: one(),
            abilities: BTreeMap::new(),
            choices: BTreeMap::new(),
        }),
        "abilities" => {
            let inc = parse_increase(&values.join(","))?;
            if let Some(f) = slot_feat(rules, lv) {
                f.abilities = inc;
            }
        }
        _ => match key.strip_prefix("feat.") {
            Some(k) => {
                if let Some(f) = slot_feat(rules, lv) {
                    f.choices.insert(k.to_string(), values);
                }
            }
            None => {
                lv.choices.insert(key.to_string(), values.join(","));
            }
        },
    }
    Ok(())
}

/// Whether decision `d` is already recorded in the planned level.
pub(crate) fn recorded(p: &Planned<'_>, d: &Decision) -> bool {
    let lv = p.level();
    let rules = p.rules;
    let max = p
        .class
        .spellcasting
        .as_ref()
        .map_or(0, |sc| sc.max_spell_level(p.n));
    let level_of = |s: &String| rules.spells.get(s).map_or(0, |d| d.level);
    let slot = lv.feats.iter().find(|f| !is_style(rules, f));
    match d.key.as_str() {
        _ if d.count == 0 && d.format.is_none() => true,
        "subclass" => lv.subclass.is_some(),
        "skills" => !lv.skills.is_empty(),
        "expertise" => !lv.expertise.is_empty(),
        "tools" => !lv.tools.is_empty(),
        "masteries" => !lv.masteries.is_empty(),
        "cantrips" => !lv.cantrips.is_empty(),
        "languages" => !lv.languages.is_empty(),
        "spells" => lv.spells.iter().any(|s| level_of(s) <= max),
        "arcanum" => lv.spells.iter().any(|s| level_of(s) > max),
        "fighting-style-feat" => lv.feats.iter().any(|f| is_style(rules, f)),
        "feat" | "epic-boon" => slot.is_some(),
        "abilities" => slot.is_some_and(|f| !f.abilities.is_empty()),
        k => match k.strip_prefix("feat.") {
            Some(k) => slot.is_some_and(|f| f.choices.contains_key(k)),
            None => lv.choices.contains_key(k),
        },
    }
}
