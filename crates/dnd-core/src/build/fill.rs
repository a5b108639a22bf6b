//! Deterministic, sensible picks for decisions nobody gave: the same character and the same
//! request always get the same picks, and every pick is one the validator accepts.

use crate::model::{Ability, Character, Skill};
use crate::rules::{ClassDef, Rules};
use crate::sheet::Sheet;

use super::decision::Decision;

/// The order abilities matter for a class: its primary abilities, then Constitution, Dexterity,
/// Wisdom, Charisma, Strength and Intelligence.
pub fn ability_priority(class: Option<&ClassDef>) -> Vec<Ability> {
    use Ability::*;
    let mut out: Vec<Ability> = class
        .map(|c| c.primary_abilities.clone())
        .unwrap_or_default();
    // A Fighter or a Monk/Ranger/Rogue lists Str and Dex; lead with the one its kit favours.
    for a in [Con, Dex, Wis, Cha, Str, Int] {
        if !out.contains(&a) {
            out.push(a);
        }
    }
    out
}

/// Scores as the sheet has them.
fn score(sheet: Option<&Sheet<'_>>, a: Ability) -> i32 {
    sheet.map_or(10, |s| s.abilities.get(a).score)
}

/// An increase of `amount` over `allowed` abilities, never above `max`: +2 to the first ability
/// in priority order with room, else +1 to the first two with room.
pub fn increase(
    priority: &[Ability],
    allowed: &[Ability],
    amount: u8,
    max: u8,
    sheet: Option<&Sheet<'_>>,
) -> Option<String> {
    let room = |a: &Ability, n: i32| allowed.contains(a) && score(sheet, *a) + n <= max as i32;
    if amount == 2 {
        if let Some(a) = priority.iter().find(|a| room(a, 2)) {
            return Some(format!("{}+2", a.key()));
        }
        let two: Vec<&Ability> = priority.iter().filter(|a| room(a, 1)).take(2).collect();
        return (two.len() == 2).then(|| format!("{}+1,{}+1", two[0].key(), two[1].key()));
    }
    priority
        .iter()
        .find(|a| room(a, 1))
        .map(|a| format!("{}+{amount}", a.key()))
}

/// The default value of decision `d` (comma-separated), or `None` when nothing fits.
pub(crate) fn default_value(
    rules: &Rules,
    ch: &Character,
    class: &ClassDef,
    d: &Decision,
    sheet: Option<&Sheet<'_>>,
) -> Option<String> {
    let n = d.count as usize;
    let priority = ability_priority(
        rules
            .classes
            .get(ch.levels.first().map_or("", |l| l.class.as_str()))
            .or(Some(class)),
    );
    let picks: Vec<String> = match d.key.as_str() {
        "abilities" => {
            let feat = ch
                .levels
                .last()?
                .feats
                .iter()
                .rev()
                .find_map(|f| rules.feats.get(&f.id)?.ability_increase.as_ref())?;
            return increase(&priority, &feat.abilities, feat.amount, feat.max, sheet);
        }
        "feat" => {
            let asi = increase(&priority, &Ability::ALL, 2, 20, sheet).is_some();
            let plain = |id: &String| {
                rules.feats.get(id).is_some_and(|f| {
                    f.ability_increase.is_none()
                        && !matches!(f.id.as_str(), "magic-initiate" | "skilled")
                })
            };
            let pick = d.options.iter().find(|o| {
                (*o == "ability-score-improvement" && asi)
                    || (*o != "ability-score-improvement" && plain(o))
            });
            return pick.or(d.options.first()).cloned();
        }
        "epic-boon" => {
            let fits = |id: &String| {
                rules.feats.get(id).is_some_and(|f| {
                    f.ability_increase.as_ref().is_none_or(|inc| {
                        increase(&priority, &inc.abilities, inc.amount, inc.max, sheet).is_some()
                    }) && !f.prerequisite.spellcasting
                })
            };
            return d
                .options
                .iter()
                .find(|o| fits(o))
                .or(d.options.first())
                .cloned();
        }
        "skills" | "feat.skills" => {
            let mut opts: Vec<&String> = d.options.iter().collect();
            let have = |s: &String| {
                Skill::parse(s).is_some_and(|k| sheet.is_some_and(|sh| sh.skills.get(k).proficient))
            };
            let key = |s: &&String| {
                let ability = Skill::parse(s).map_or(Ability::Str, Skill::ability);
                (have(s), -score(sheet, ability))
            };
            opts.sort_by_key(key);
            opts.into_iter().take(n).cloned().collect()
        }
        "expertise" => {
            let mut opts: Vec<&String> = d.options.iter().collect();
            let bonus = |s: &&String| {
                -Skill::parse(s).map_or(0, |k| sheet.map_or(0, |sh| sh.skills.get(k).bonus))
            };
            opts.sort_by_key(bonus);
            opts.into_iter().take(n).cloned().collect()
        }
        "masteries" => {
            let carried = |w: &String| ch.inventory.items.iter().position(|i| &i.item == w);
            let mut opts: Vec<&String> = d.options.iter().collect();
            opts.sort_by_key(|w| carried(w).unwrap_or(usize::MAX));
            opts.into_iter().take(n).cloned().collect()
        }
        "fighting-style-feat" => {
            return d
                .options
                .iter()
                .find(|o| *o == "defense")
                .or(d.options.first())
                .cloned();
        }
        "cantrips" | "spells" | "feat.cantrips" | "feat.spells" => {
            // The highest level first (what the level newly opens), then spells that deal damage.
            let rank = |id: &&String| {
                rules.spells.get(id).map_or((0, true), |s| {
                    (-(s.level as i32), s.damage_types.is_empty())
                })
            };
            let mut opts: Vec<&String> = d.options.iter().collect();
            opts.sort_by_key(rank);
            opts.into_iter().take(n).cloned().collect()
        }
        "spell-mastery" => [1u8, 2]
            .iter()
            .filter_map(|lvl| {
                d.options
                    .iter()
                    .find(|s| rules.spells.get(s).is_some_and(|x| x.level == *lvl))
            })
            .cloned()
            .collect(),
        _ => d.options.iter().take(n.max(1)).cloned().collect(),
    };
    (!picks.is_empty()).then(|| picks.join(","))
}
