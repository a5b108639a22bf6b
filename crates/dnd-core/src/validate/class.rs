//! Rules: class levels — skill and expertise picks and the subclass — and the class-level
//! helpers other rules share.
//!
//! The feats of ASI, Epic Boon and Fighting Style levels are checked in `class_feats`; Weapon
//! Mastery, feature choices and XP in `class_choices`.

use serde_json::json;

use super::input::Input;
use super::patch::PatchOp;
use super::registry::{RuleDef, Sink, rule, sections::*};
use super::report::Severity::{Error, Warning};
use crate::model::Skill;
use crate::rules::{ClassDef, Feature};

const CL: &str = "Classes";
const CC: &str = "Character Creation";

#[rustfmt::skip]
pub(super) const RULES: &[RuleDef] = &[
    rule!("class.skills.count", Error, CL, "As a Level 1 Character",
        "skill picks at a class's first level not equal to its count (a later class: its multiclass count)",
        LEVELS, false, skills_count),
    rule!("class.skills.not_in_list", Error, CL, "As a Level 1 Character",
        "a skill picked at a class's first level outside that class's skill list",
        LEVELS, false, skills_not_in_list),
    rule!("class.skills.redundant", Warning, "Playing the Game", "Skill Proficiencies",
        "a class skill pick the character already has (background, species, earlier pick): wasted",
        LEVELS | BACKGROUND | SPECIES, false, skills_redundant),
    rule!("class.expertise.not_proficient", Error, "Rules Glossary", "Expertise",
        "expertise in a skill the character is not proficient in",
        SHEET, true, expertise_not_proficient),
    rule!("class.expertise.too_many", Error, CL, "Expertise",
        "more expertise picks at a class level than the class table grants there",
        LEVELS, false, expertise_too_many),
    rule!("class.subclass.missing", Error, CC, "Gaining a Level",
        "a class at or past its subclass level without a subclass",
        LEVELS, false, subclass_missing),
    rule!("class.subclass.too_early", Error, CC, "Gaining a Level",
        "a subclass recorded before the class's subclass level",
        LEVELS, false, subclass_too_early),
    rule!("class.subclass.conflict", Error, CC, "Gaining a Level",
        "two different subclasses recorded for one class",
        LEVELS, false, subclass_conflict),
];

/// Features of the class (and its recorded subclass) gained with character level `i`.
pub(super) fn gained_at<'a>(
    input: &Input<'a>,
    i: usize,
) -> impl Iterator<Item = &'a Feature> + use<'a> {
    let info = input.levels[i];
    let sub = info.subclass;
    let own = info.class.into_iter().flat_map(|c| c.features.iter());
    own.chain(sub.into_iter().flat_map(|s| s.features.iter()))
        .filter(move |f| f.level as u32 == info.class_level)
}

pub(super) use crate::rules::is_feature;

/// Each class once, with the index of its first level.
pub(super) fn new_classes<'a, 'b>(
    input: &'b Input<'a>,
) -> impl Iterator<Item = (usize, &'a ClassDef)> + 'b {
    let l = &input.levels;
    (0..l.len())
        .filter(|&i| l[i].new_class)
        .filter_map(|i| l[i].class.map(|c| (i, c)))
}

/// The skill picks of a class's first level: count and list (`None`: any skill).
fn skill_grant(c: &ClassDef, first: bool) -> (usize, Option<&[Skill]>) {
    let from = &c.skill_choices.from;
    let list = (!from.is_empty()).then_some(from.as_slice());
    if first {
        return (c.skill_choices.count as usize, list);
    }
    let m = &c.multiclass_proficiencies;
    (m.skills as usize, if m.any_skill { None } else { list })
}

/// Where the character already has skill `k` of level `i` from, if anywhere.
fn had_before(input: &Input<'_>, i: usize, k: usize) -> Option<&'static str> {
    let s = input.ch.levels[i].skills[k];
    let bg = input.rules.backgrounds.get(&input.ch.background.id);
    if bg.is_some_and(|b| b.skills.contains(&s)) {
        Some("the background")
    } else if input.ch.species.skills.contains(&s) {
        Some("the species")
    } else if input.ch.levels[..i].iter().any(|l| l.skills.contains(&s)) {
        Some("an earlier level")
    } else if input.ch.levels[i].skills[..k].contains(&s) {
        Some("this list already")
    } else {
        None
    }
}

fn list_text(list: Option<&[Skill]>) -> String {
    list.map_or("any skill".into(), |l| {
        l.iter().map(|s| s.key()).collect::<Vec<_>>().join(", ")
    })
}

fn skills_count(input: &Input<'_>, out: &mut Sink<'_>) {
    for (i, c) in new_classes(input) {
        let (n, list) = skill_grant(c, i == 0);
        let picked = &input.ch.levels[i].skills;
        if picked.len() == n {
            continue;
        }
        let path = format!("/levels/{i}/skills");
        let kind = if i == 0 { "first class" } else { "later class" };
        let msg = format!(
            "{} as a {kind} grants {n} skill picks; {} recorded",
            c.id,
            picked.len()
        );
        let issue = out.push(path.clone(), msg);
        if picked.len() < n {
            issue.suggest(format!("pick {n} from: {}", list_text(list)));
            continue;
        }
        // Keep valid, new picks first, then the rest, up to the count.
        let good = |k: &usize| {
            list.is_none_or(|l| l.contains(&picked[*k])) && had_before(input, i, *k).is_none()
        };
        let (mut keep, rest): (Vec<usize>, Vec<usize>) = (0..picked.len()).partition(good);
        keep.extend(rest);
        keep.truncate(n);
        keep.sort_unstable();
        let kept: Vec<Skill> = keep.iter().map(|&k| picked[k]).collect();
        issue.fix(vec![if kept.is_empty() {
            PatchOp::Remove { path }
        } else {
            PatchOp::Replace {
                path,
                value: json!(kept),
            }
        }]);
    }
}

fn skills_not_in_list(input: &Input<'_>, out: &mut Sink<'_>) {
    for (i, c) in new_classes(input) {
        let (_, Some(list)) = skill_grant(c, i == 0) else {
            continue;
        };
        for (k, s) in input.ch.levels[i].skills.iter().enumerate() {
            if !list.contains(s) {
                out.push(
                    format!("/levels/{i}/skills/{k}"),
                    format!("{} is not a {} skill choice", s.key(), c.id),
                )
                .suggest(format!("pick from: {}", list_text(Some(list))));
            }
        }
    }
}

fn skills_redundant(input: &Input<'_>, out: &mut Sink<'_>) {
    for (i, c) in new_classes(input) {
        for k in 0..input.ch.levels[i].skills.len() {
            if let Some(src) = had_before(input, i, k) {
                let s = input.ch.levels[i].skills[k];
                out.push(
                    format!("/levels/{i}/skills/{k}"),
                    format!("{} pick {} is already granted by {src}", c.id, s.key()),
                )
                .suggest("pick a skill the character does not have yet");
            }
        }
    }
}

fn expertise_not_proficient(input: &Input<'_>, out: &mut Sink<'_>) {
    let Some(sheet) = &input.sheet else {
        return;
    };
    for (i, lv) in input.ch.levels.iter().enumerate() {
        for (k, s) in lv.expertise.iter().enumerate() {
            if !sheet.skills.get(*s).proficient {
                out.push(
                    format!("/levels/{i}/expertise/{k}"),
                    format!("expertise in {} without proficiency in it", s.key()),
                )
                .suggest("choose expertise in a skill the character is proficient in");
            }
        }
    }
}

fn expertise_too_many(input: &Input<'_>, out: &mut Sink<'_>) {
    for (i, lv) in input.ch.levels.iter().enumerate() {
        let info = input.levels[i];
        let Some(c) = info.class.filter(|_| !lv.expertise.is_empty()) else {
            continue;
        };
        let grants = c.expertise_levels.iter();
        let allowed: usize = grants
            .filter(|g| g.level as u32 == info.class_level)
            .map(|g| g.count as usize)
            .sum();
        if lv.expertise.len() > allowed {
            let path = format!("/levels/{i}/expertise");
            let msg = format!(
                "{} level {} grants {allowed} expertise picks; {} recorded",
                c.id,
                info.class_level,
                lv.expertise.len()
            );
            let fix = if allowed == 0 {
                PatchOp::Remove { path: path.clone() }
            } else {
                let value = json!(lv.expertise[..allowed]);
                PatchOp::Replace {
                    path: path.clone(),
                    value,
                }
            };
            out.push(path, msg).fix(vec![fix]);
        }
    }
}

/// The level index at which the class `c` reaches class level `level`.
pub(super) fn index_at(input: &Input<'_>, c: &ClassDef, level: u32) -> Option<usize> {
    (0..input.levels.len())
        .find(|&k| input.ch.levels[k].class == c.id && input.levels[k].class_level == level)
}

fn subclass_missing(input: &Input<'_>, out: &mut Sink<'_>) {
    for (first, c) in new_classes(input) {
        let total = input.class_total(&c.id);
        let levels = input.ch.levels.iter().filter(|l| l.class == c.id);
        if total < c.subclass_level as u32 || levels.clone().any(|l| l.subclass.is_some()) {
            continue;
        }
        let j = index_at(input, c, c.subclass_level as u32).unwrap_or(first);
        let path = format!("/levels/{j}/subclass");
        let msg = format!(
            "{} {total} has no subclass (chosen at {} level {})",
            c.id, c.id, c.subclass_level
        );
        let issue = out.push(path.clone(), msg);
        let mut subs = input
            .rules
            .subclasses
            .all()
            .iter()
            .filter(|s| s.class == c.id);
        if let (Some(s), None) = (subs.next(), subs.next()) {
            issue
                .fix(vec![PatchOp::Add {
                    path,
                    value: json!(s.id),
                }])
                .suggest(format!("record the {} subclass `{}`", c.id, s.id));
        }
    }
}

fn subclass_too_early(input: &Input<'_>, out: &mut Sink<'_>) {
    for (i, lv) in input.ch.levels.iter().enumerate() {
        let info = input.levels[i];
        let (Some(s), Some(c)) = (&lv.subclass, info.class) else {
            continue;
        };
        let at = c.subclass_level as u32;
        if info.class_level >= at {
            continue;
        }
        let path = format!("/levels/{i}/subclass");
        let mut fix = vec![PatchOp::Remove { path: path.clone() }];
        if let Some(j) = index_at(input, c, at).filter(|&j| input.ch.levels[j].subclass.is_none()) {
            fix.push(PatchOp::Add {
                path: format!("/levels/{j}/subclass"),
                value: json!(s),
            });
        }
        let msg = format!(
            "{s} recorded at {} level {}; the subclass comes at {} level {at}",
            c.id, info.class_level, c.id
        );
        out.push(path, msg).fix(fix);
    }
}

fn subclass_conflict(input: &Input<'_>, out: &mut Sink<'_>) {
    let levels = &input.ch.levels;
    for (i, lv) in levels.iter().enumerate() {
        let Some(s) = &lv.subclass else { continue };
        let earlier = levels[..i].iter().filter(|l| l.class == lv.class);
        if let Some(p) = earlier
            .filter_map(|l| l.subclass.as_ref())
            .find(|p| *p != s)
        {
            out.push(
                format!("/levels/{i}/subclass"),
                format!("{s} conflicts with {p}, recorded earlier for {}", lv.class),
            )
            .suggest("keep one subclass per class");
        }
    }
}
