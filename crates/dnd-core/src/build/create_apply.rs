//! Recording a creation decision in the draft character.

use crate::error::Result;
use crate::model::{AbilityMethod, AbilityScores, Character, FeatChoice, Size, Skill};
use crate::play::refuse;
use crate::rules::Rules;

use super::answer::parse_increase;
use super::equipment::{add_option, equip_kit};
use super::origin_plan::{parse_scores, roll_total};

/// Keys of creation decisions (everything else is a decision of the first class level).
pub(crate) fn is_creation_key(key: &str) -> bool {
    const KEYS: [&str; 18] = [
        "class",
        "background",
        "species",
        "lineage",
        "size",
        "species-skills",
        "lineage-spellcasting-ability",
        "species-feat",
        "background-tools",
        "origin-languages",
        "ability-method",
        "scores",
        "background-bonus",
        "alignment",
        "name",
        "class-equipment",
        "background-equipment",
        "seed",
    ];
    KEYS.contains(&key) || key.starts_with("species-feat.") || key.starts_with("background-feat.")
}

fn bad(msg: String, alternatives: Vec<String>) -> crate::Error {
    refuse("build.decision.invalid", msg, None, alternatives)
}

/// Four d6 per score, six times, from the seed.
pub(crate) fn roll_scores(seed: u64) -> Vec<[u8; 4]> {
    let mut rng = crate::dice::DiceRng::new(seed);
    let d6 = crate::dice::Dice::parse("1d6").ok();
    let mut out = Vec::with_capacity(6);
    for _ in 0..6 {
        let mut r = [1u8; 4];
        for d in &mut r {
            *d = d6
                .as_ref()
                .and_then(|x| x.total(&mut rng).ok())
                .map_or(1, |v| v as u8);
        }
        out.push(r);
    }
    out
}

/// Writes one creation decision.
pub(crate) fn apply(
    rules: &Rules,
    ch: &mut Character,
    key: &str,
    values: Vec<String>,
    seed: u64,
) -> Result<()> {
    let one = values.first().cloned().unwrap_or_default();
    match key {
        "lineage" => ch.species.lineage = Some(one),
        "size" => {
            ch.species.size = Some(match one.as_str() {
                "small" => Size::Small,
                "medium" => Size::Medium,
                "large" => Size::Large,
                "tiny" => Size::Tiny,
                _ => return Err(bad(format!("`{one}` is not a size"), vec![])),
            })
        }
        "species-skills" => {
            ch.species.skills = values.iter().filter_map(|s| Skill::parse(s)).collect();
        }
        "lineage-spellcasting-ability" => {
            ch.species.spellcasting_ability = crate::model::Ability::parse(&one);
        }
        "species-feat" => {
            ch.origin.species_feat = Some(FeatChoice {
                id: one,
                abilities: Default::default(),
                choices: Default::default(),
            })
        }
        "background-tools" => ch.background.tools = values,
        "origin-languages" => ch.origin.languages = values,
        "ability-method" => {
            ch.abilities.method = match one.as_str() {
                "standard-array" => AbilityMethod::StandardArray,
                "point-buy" => AbilityMethod::PointBuy,
                "roll" => AbilityMethod::Roll,
                "manual" => AbilityMethod::Manual,
                _ => return Err(bad(format!("`{one}` is not a method"), vec![])),
            };
            ch.abilities.rolls = if ch.abilities.method == AbilityMethod::Roll {
                roll_scores(seed)
            } else {
                vec![]
            };
        }
        "scores" => {
            let text = values.join(",");
            let scores = parse_scores(&text).ok_or_else(|| {
                bad(
                    format!("`{text}` does not give all six scores"),
                    vec!["str=15,dex=14,con=13,int=12,wis=10,cha=8".into()],
                )
            })?;
            ch.abilities.base = AbilityScores::from_array(scores);
            if ch.abilities.method == AbilityMethod::Roll {
                // Order the recorded rolls like the scores they became.
                let mut rolls = ch.abilities.rolls.clone();
                let mut ordered = Vec::with_capacity(6);
                for s in scores {
                    if let Some(k) = rolls.iter().position(|r| roll_total(r) == s) {
                        ordered.push(rolls.remove(k));
                    }
                }
                ordered.extend(rolls);
                ch.abilities.rolls = ordered;
            }
        }
        "background-bonus" => ch.background.ability_increases = parse_increase(&values.join(","))?,
        "alignment" => ch.details.alignment = Some(one),
        "name" => ch.name = values.join(", "),
        "class-equipment" | "background-equipment" => {
            let k = one.bytes().next().map_or(0, |b| b.saturating_sub(b'a')) as usize;
            let opts = if key == "class-equipment" {
                ch.levels
                    .first()
                    .and_then(|l| rules.classes.get(&l.class))
                    .map(|c| c.starting_equipment.clone())
            } else {
                rules
                    .backgrounds
                    .get(&ch.background.id)
                    .map(|b| b.equipment.clone())
            };
            if let Some(opt) = opts.and_then(|o| o.get(k).cloned()) {
                add_option(rules, ch, &opt);
            }
        }
        _ => {
            if let Some(k) = key.strip_prefix("species-feat.") {
                if let Some(f) = &mut ch.origin.species_feat {
                    f.choices.insert(k.into(), values);
                }
            } else if let Some(k) = key.strip_prefix("background-feat.") {
                let Some(bg) = rules.backgrounds.get(&ch.background.id) else {
                    return Ok(());
                };
                let f = ch.background.feat.get_or_insert_with(|| FeatChoice {
                    id: bg.feat.clone(),
                    abilities: Default::default(),
                    choices: Default::default(),
                });
                if let Some(list) = bg.feat_choices.get("spell_list") {
                    f.choices.insert("spell_list".into(), vec![list.clone()]);
                }
                f.choices.insert(k.into(), values);
            }
        }
    }
    Ok(())
}

/// Equips the starting kit by the first class's armor training.
pub(crate) fn equip(rules: &Rules, ch: &mut Character) {
    let trained = ch
        .levels
        .first()
        .and_then(|l| rules.classes.get(&l.class))
        .map(|c| c.armor_training.clone())
        .unwrap_or_default();
    equip_kit(rules, ch, &trained);
}
