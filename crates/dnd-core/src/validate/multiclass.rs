//! Rules: multiclassing — ability prerequisites, the proficiencies of a later class, and the
//! hit points of the first level.

use serde_json::json;

use super::class::new_classes;
use super::input::Input;
use super::patch::PatchOp;
use super::registry::{RuleDef, Sink, sections::*};
use super::report::Severity::{Error, Warning};
use crate::rules::{AbilityMin, ClassDef};

const CC: &str = "Character Creation";

macro_rules! rule {
    ($code:literal, $sev:expr, $heading:literal, $desc:literal, $reads:expr, $f:ident) => {
        super::registry::rule!($code, $sev, CC, $heading, $desc, $reads, false, $f)
    };
}

pub(super) const RULES: &[RuleDef] = &[
    rule!(
        "multiclass.prerequisite.unmet",
        Error,
        "Prerequisites",
        "a new class taken without the multiclass minimum scores of it and of every class already held",
        LEVELS | ABILITIES | BACKGROUND,
        prerequisite_unmet
    ),
    rule!(
        "multiclass.tools.too_many",
        Error,
        "Proficiencies",
        "more tools recorded at a later class's first level than its multiclass proficiencies grant",
        LEVELS,
        tools_too_many
    ),
    rule!(
        "multiclass.hp_roll.first_level",
        Warning,
        "Hit Points and Hit Point Dice",
        "a hit point roll recorded for character level 1, which uses the die's maximum",
        LEVELS,
        hp_roll_first_level
    ),
];

/// Whether the scores meet one of the alternatives.
fn meets(scores: &[i32; 6], alternatives: &[Vec<AbilityMin>]) -> bool {
    alternatives.is_empty()
        || alternatives.iter().any(|alt| {
            alt.iter()
                .all(|m| scores[m.ability.index()] >= m.min as i32)
        })
}

/// `Strength 13 and Charisma 13`, `Strength 13 or Dexterity 13`; and the scores they read.
fn describe(scores: &[i32; 6], c: &ClassDef) -> (String, String) {
    let alts: Vec<String> = c
        .multiclass_prerequisite
        .iter()
        .map(|alt| {
            let parts: Vec<String> = alt
                .iter()
                .map(|m| format!("{} {}", m.ability.name(), m.min))
                .collect();
            parts.join(" and ")
        })
        .collect();
    let mut have: Vec<String> = Vec::new();
    for m in c.multiclass_prerequisite.iter().flatten() {
        let s = format!("{} {}", m.ability.name(), scores[m.ability.index()]);
        // Name only the scores that fall short, unless every alternative does (Fighter).
        let short = scores[m.ability.index()] < m.min as i32;
        let single = c.multiclass_prerequisite.len() == 1;
        if !have.contains(&s) && (short || !single) {
            have.push(s);
        }
    }
    (alts.join(" or "), have.join(", "))
}

fn prerequisite_unmet(input: &Input<'_>, out: &mut Sink<'_>) {
    for (i, new) in new_classes(input).filter(|(i, _)| *i > 0) {
        let scores = input.scores_before(i);
        let held = new_classes(input)
            .take_while(|(k, _)| *k < i)
            .map(|(_, c)| c);
        for c in held.chain(std::iter::once(new)) {
            if meets(&scores, &c.multiclass_prerequisite) {
                continue;
            }
            let (need, have) = describe(&scores, c);
            let note = if c.id == new.id {
                ""
            } else {
                " too, as a class already held"
            };
            let msg = format!(
                "taking {} at level {} needs {}'s {need}{note}; the scores are {have}",
                new.id,
                i + 1,
                c.id
            );
            out.push(format!("/levels/{i}/class"), msg)
                .suggest("raise the score first, or take a level in a class already held");
        }
    }
}

fn tools_too_many(input: &Input<'_>, out: &mut Sink<'_>) {
    for (i, c) in new_classes(input).filter(|(i, _)| *i > 0) {
        let tt = &c.multiclass_proficiencies.tool_training;
        let allowed: usize = tt.choices.iter().map(|t| t.count as usize).sum();
        let tools = &input.ch.levels[i].tools;
        let chosen = tools.iter().filter(|t| !tt.fixed.contains(t)).count();
        if chosen <= allowed {
            continue;
        }
        let path = format!("/levels/{i}/tools");
        let mut left = allowed;
        let kept: Vec<&String> = tools
            .iter()
            .filter(|t| {
                if tt.fixed.contains(t) {
                    return true;
                }
                let keep = left > 0;
                left = left.saturating_sub(1);
                keep
            })
            .collect();
        let fix = if kept.is_empty() {
            PatchOp::Remove { path: path.clone() }
        } else {
            PatchOp::Replace {
                path: path.clone(),
                value: json!(kept),
            }
        };
        let msg = format!(
            "{} as a later class grants {allowed} tool choices; {chosen} recorded",
            c.id
        );
        out.push(path, msg).fix(vec![fix]);
    }
}

fn hp_roll_first_level(input: &Input<'_>, out: &mut Sink<'_>) {
    let Some(first) = input.ch.levels.first() else {
        return;
    };
    if let Some(r) = first.hp_roll {
        let path = "/levels/0/hp_roll".to_string();
        out.push(
            path.clone(),
            format!("level 1 takes the hit die's maximum; the roll {r} is ignored"),
        )
        .fix(vec![PatchOp::Remove { path }]);
    }
}
