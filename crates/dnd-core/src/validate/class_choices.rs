//! Rules: the other records of class levels — Weapon Mastery picks and feature choices (Divine
//! Order, Primal Order) — and experience points against the character level.

use super::class::{index_at, new_classes};
use super::input::Input;
use super::patch::PatchOp;
use super::registry::{RuleDef, Sink, rule, sections::*};
use super::report::Severity::{Error, Warning};
use crate::rules::tables::XP_FOR_LEVEL;

const CL: &str = "Classes";
const CC: &str = "Character Creation";

#[rustfmt::skip]
pub(super) const RULES: &[RuleDef] = &[
    rule!("class.weapon_mastery.too_many", Error, CL, "Weapon Mastery",
        "more weapon masteries than the class's Weapon Mastery column allows at that class level",
        LEVELS, false, mastery_too_many),
    rule!("class.weapon_mastery.unavailable", Error, CL, "Weapon Mastery",
        "weapon masteries recorded at a level of a class without Weapon Mastery",
        LEVELS, false, mastery_unavailable),
    rule!("class.choice.missing", Error, CC, "Gaining a Level",
        "a feature with options (Divine Order, Primal Order) gained without the choice recorded",
        LEVELS, false, choice_missing),
    rule!("class.xp.below_level", Warning, CC, "Level Advancement",
        "experience points below the character level's threshold (0 XP = milestone play, not checked)",
        LEVELS | DETAILS, false, xp_below_level),
];

fn mastery_too_many(input: &Input<'_>, out: &mut Sink<'_>) {
    for (first, c) in new_classes(input) {
        let Some(table) = &c.weapon_mastery else {
            continue;
        };
        let mut n = 0;
        for i in (first..input.levels.len()).filter(|&i| input.ch.levels[i].class == c.id) {
            let cl = input.levels[i].class_level.clamp(1, 20);
            let cap = table.get(cl as usize - 1).copied().unwrap_or(0) as usize;
            for (k, w) in input.ch.levels[i].masteries.iter().enumerate() {
                n += 1;
                if n > cap {
                    let path = format!("/levels/{i}/masteries/{k}");
                    let msg = format!(
                        "{} level {cl} allows {cap} weapon masteries; {w} is number {n}",
                        c.id
                    );
                    out.push(path.clone(), msg)
                        .fix(vec![PatchOp::Remove { path }]);
                }
            }
        }
    }
}

fn mastery_unavailable(input: &Input<'_>, out: &mut Sink<'_>) {
    for (i, lv) in input.ch.levels.iter().enumerate() {
        let Some(c) = input.levels[i].class else {
            continue;
        };
        if c.weapon_mastery.is_none() && !lv.masteries.is_empty() {
            let path = format!("/levels/{i}/masteries");
            out.push(
                path.clone(),
                format!("{} has no Weapon Mastery feature", c.id),
            )
            .fix(vec![PatchOp::Remove { path }]);
        }
    }
}

fn choice_missing(input: &Input<'_>, out: &mut Sink<'_>) {
    for (first, c) in new_classes(input) {
        let total = input.class_total(&c.id);
        let sub = input.subclass_of(&c.id);
        let feats = c
            .features
            .iter()
            .chain(sub.into_iter().flat_map(|s| s.features.iter()));
        for f in feats.filter(|f| f.level as u32 <= total) {
            let Some(key) = &f.choice else { continue };
            let mut levels = input.ch.levels.iter().filter(|l| l.class == c.id);
            if levels.any(|l| l.choices.contains_key(key)) {
                continue;
            }
            let j = index_at(input, c, f.level as u32).unwrap_or(first);
            let options: Vec<&str> = f.options.iter().map(|o| o.id.as_str()).collect();
            out.push(
                format!("/levels/{j}/choices/{key}"),
                format!(
                    "{} level {} needs a `{key}` choice; none recorded",
                    c.id, f.level
                ),
            )
            .suggest(format!("record one of: {}", options.join(", ")));
        }
    }
}

fn xp_below_level(input: &Input<'_>, out: &mut Sink<'_>) {
    let (xp, level) = (input.ch.details.xp, input.ch.levels.len());
    if xp == 0 || level == 0 {
        return;
    }
    let need = XP_FOR_LEVEL[level.min(20) - 1];
    if xp < need {
        out.push(
            "/details/xp",
            format!("level {level} needs {need} XP; {xp} recorded"),
        )
        .suggest("record the XP earned, or 0 for milestone play");
    }
}
