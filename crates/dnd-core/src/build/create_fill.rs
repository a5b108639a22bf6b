//! Deterministic picks for creation decisions nobody gave.

use crate::model::{Ability, AbilityMethod, Character, Skill};
use crate::rules::Rules;

use super::decision::Decision;
use super::fill::ability_priority;
use super::origin_plan::roll_total;

/// The standard language a species is most associated with.
fn species_language(species: &str) -> Option<&'static str> {
    Some(match species {
        "dwarf" => "dwarvish",
        "elf" => "elvish",
        "gnome" => "gnomish",
        "halfling" => "halfling",
        "orc" => "orc",
        "goliath" => "giant",
        "dragonborn" => "draconic",
        _ => return None,
    })
}

/// The pick for creation decision `d`.
pub(crate) fn pick(rules: &Rules, ch: &Character, d: &Decision, seed: u64) -> Option<String> {
    let class = ch.levels.first().and_then(|l| rules.classes.get(&l.class));
    let priority = ability_priority(class);
    let rank = |a: Ability| priority.iter().position(|p| *p == a).unwrap_or(6);
    let n = d.count as usize;
    let first_n = || {
        Some(
            d.options
                .iter()
                .take(n.max(1))
                .cloned()
                .collect::<Vec<_>>()
                .join(","),
        )
    };
    match d.key.as_str() {
        "size" => d
            .options
            .iter()
            .find(|o| *o == "medium")
            .or(d.options.first())
            .cloned(),
        "species-skills" | "species-feat.skills" | "background-feat.skills" => {
            let mut opts: Vec<&String> = d.options.iter().collect();
            opts.sort_by_key(|s| Skill::parse(s).map_or(6, |k| rank(k.ability())));
            Some(
                opts.into_iter()
                    .take(n)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(","),
            )
        }
        "lineage-spellcasting-ability" => {
            let own = class
                .and_then(|c| c.spellcasting.as_ref())
                .map(|s| s.ability);
            let mental = [Ability::Int, Ability::Wis, Ability::Cha];
            let best = own
                .filter(|a| mental.contains(a))
                .or_else(|| priority.iter().copied().find(|a| mental.contains(a)));
            best.map(|a| a.key().to_string())
        }
        "species-feat" => d
            .options
            .iter()
            .find(|o| *o == "alert")
            .or(d.options.first())
            .cloned(),
        "origin-languages" => {
            let mut opts: Vec<&String> = d.options.iter().collect();
            let own = species_language(&ch.species.id);
            opts.sort_by_key(|l| Some(l.as_str()) != own);
            Some(
                opts.into_iter()
                    .take(2)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(","),
            )
        }
        "ability-method" => Some("standard-array".into()),
        "scores" => {
            let mut values: Vec<i32> = match ch.abilities.method {
                AbilityMethod::Roll => {
                    let rolls = if ch.abilities.rolls.len() == 6 {
                        ch.abilities.rolls.clone()
                    } else {
                        super::create_apply::roll_scores(seed)
                    };
                    rolls.iter().map(roll_total).collect()
                }
                _ => vec![15, 14, 13, 12, 10, 8],
            };
            values.sort_unstable_by(|a, b| b.cmp(a));
            let mut scores = [0; 6];
            for (a, v) in priority.iter().zip(values) {
                scores[a.index()] = v;
            }
            let parts: Vec<String> = Ability::ALL
                .iter()
                .map(|a| format!("{}={}", a.key(), scores[a.index()]))
                .collect();
            Some(parts.join(","))
        }
        "background-bonus" => {
            let bg = rules.backgrounds.get(&ch.background.id)?;
            let mut abil = bg.abilities.clone();
            abil.sort_by_key(|a| rank(*a));
            let (a, b) = (abil.first()?, abil.get(1)?);
            Some(format!("{}+2,{}+1", a.key(), b.key()))
        }
        "alignment" => Some("neutral".into()),
        "name" => {
            let sp = rules
                .species
                .get(&ch.species.id)
                .map_or(ch.species.id.as_str(), |s| s.name.as_str());
            let cl = class.map_or("Adventurer", |c| c.name.as_str());
            Some(format!("{sp} {cl}"))
        }
        "class-equipment" | "background-equipment" => Some("a".into()),
        _ => first_n(),
    }
}
