//! Rules: character origins (species, lineage, background choices, languages).

use serde_json::json;

use super::input::Input;
use super::patch::PatchOp;
use super::registry::{RuleDef, Sink, sections::*};
use super::report::Severity::{Error, Warning};
use crate::model::Ability;
use crate::rules::FeatCategory;

const CO: &str = "Character Origins";
const CC: &str = "Character Creation";

macro_rules! rule {
    ($code:literal, $sev:expr, $ch:expr, $heading:literal, $desc:literal, $reads:expr, $f:ident) => {
        super::registry::rule!($code, $sev, $ch, $heading, $desc, $reads, false, $f)
    };
}

#[rustfmt::skip]
pub(super) const RULES: &[RuleDef] = &[
    rule!("origin.lineage.missing", Error, CO, "Species Descriptions",
        "a species with lineages (Elf, Gnome, Tiefling, Dragonborn, Goliath) without one chosen",
        SPECIES, lineage_missing),
    rule!("origin.lineage.spellcasting_ability", Error, CO, "Species Descriptions",
        "a lineage that grants spells without Intelligence, Wisdom or Charisma chosen as their spellcasting ability",
        SPECIES, lineage_ability),
    rule!("origin.species.size", Error, CO, "Species Descriptions",
        "a size the species does not offer",
        SPECIES, species_size),
    rule!("origin.species.skills", Error, CO, "Species Descriptions",
        "species skill picks (Human Skillful, Elf Keen Senses) of the wrong count or outside their list",
        SPECIES, species_skills),
    rule!("origin.species.feat", Error, CO, "Species Descriptions",
        "a missing, extra or non-origin feat from the species (Human Versatile)",
        SPECIES | ORIGIN, species_feat),
    rule!("origin.background.feat", Error, CO, "Background Descriptions",
        "the background's feat choices recorded under another feat id",
        BACKGROUND, background_feat),
    rule!("origin.background.tools", Error, CO, "Background Descriptions",
        "background tool picks of the wrong count or kind (Soldier: one gaming set)",
        BACKGROUND, background_tools),
    rule!("origin.languages.count", Error, CC, "Choose Languages",
        "languages at creation: Common plus exactly two standard languages",
        ORIGIN, languages_count),
    rule!("origin.languages.rare", Error, CC, "Choose Languages",
        "a rare language chosen at creation (rare ones come only from features)",
        ORIGIN, languages_rare),
    rule!("origin.languages.duplicate", Warning, CC, "Choose Languages",
        "a language listed twice, or Common listed (everyone knows it)",
        ORIGIN | LEVELS, languages_duplicate),
];

fn lineage_missing(input: &Input<'_>, out: &mut Sink<'_>) {
    let Some(sp) = input.rules.species.get(&input.ch.species.id) else {
        return;
    };
    if input.ch.species.lineage.is_none() && !sp.lineages.is_empty() {
        let first = &sp.lineages[0].id;
        let label = sp.lineage_label.as_deref().unwrap_or("lineage");
        let options: Vec<&str> = sp.lineages.iter().map(|l| l.id.as_str()).collect();
        out.push(
            "/species/lineage",
            format!(
                "{}: choose a {label} (one of {})",
                sp.name,
                options.join(", ")
            ),
        )
        .fix(vec![PatchOp::Add {
            path: "/species/lineage".into(),
            value: json!(first),
        }]);
    }
}

fn lineage_ability(input: &Input<'_>, out: &mut Sink<'_>) {
    let Some(sp) = input.rules.species.get(&input.ch.species.id) else {
        return;
    };
    let Some(lin) = input
        .ch
        .species
        .lineage
        .as_ref()
        .and_then(|l| sp.lineages.iter().find(|x| &x.id == l))
    else {
        return;
    };
    if lin.spells.is_empty() {
        return;
    }
    match input.ch.species.spellcasting_ability {
        Some(Ability::Int | Ability::Wis | Ability::Cha) => {}
        Some(other) => {
            out.push(
                "/species/spellcasting_ability",
                format!(
                    "{} spells use Intelligence, Wisdom or Charisma, not {}",
                    lin.name,
                    other.name()
                ),
            );
        }
        None => {
            let best = [Ability::Int, Ability::Wis, Ability::Cha]
                .into_iter()
                .max_by_key(|a| input.ch.abilities.base.get(*a))
                .unwrap_or(Ability::Cha);
            out.push(
                "/species/spellcasting_ability",
                format!(
                    "{} grants spells: choose Intelligence, Wisdom or Charisma to cast them",
                    lin.name
                ),
            )
            .fix(vec![PatchOp::Add {
                path: "/species/spellcasting_ability".into(),
                value: json!(best.key()),
            }]);
        }
    }
}

fn species_size(input: &Input<'_>, out: &mut Sink<'_>) {
    let Some(sp) = input.rules.species.get(&input.ch.species.id) else {
        return;
    };
    if let Some(size) = input.ch.species.size {
        if !sp.sizes.contains(&size) {
            let allowed = sp
                .sizes
                .first()
                .map(crate::model::key_of)
                .unwrap_or_default();
            out.push(
                "/species/size",
                format!("{} is not {:?}", sp.name, size).to_lowercase(),
            )
            .fix(vec![PatchOp::Replace {
                path: "/species/size".into(),
                value: json!(allowed),
            }]);
        }
    }
}

fn species_skills(input: &Input<'_>, out: &mut Sink<'_>) {
    let Some(sp) = input.rules.species.get(&input.ch.species.id) else {
        return;
    };
    let picked = &input.ch.species.skills;
    let Some(choice) = &sp.skill_choice else {
        if !picked.is_empty() {
            out.push(
                "/species/skills",
                format!("{} grants no skill choice", sp.name),
            )
            .fix(vec![PatchOp::Remove {
                path: "/species/skills".into(),
            }]);
        }
        return;
    };
    if picked.len() != choice.count as usize {
        let issue = out.push(
            "/species/skills",
            format!(
                "{} grants {} skill pick(s); {} recorded",
                sp.name,
                choice.count,
                picked.len()
            ),
        );
        if picked.len() > choice.count as usize {
            let kept: Vec<&str> = picked
                .iter()
                .take(choice.count as usize)
                .map(|s| s.key())
                .collect();
            issue.fix(vec![PatchOp::Replace {
                path: "/species/skills".into(),
                value: json!(kept),
            }]);
        }
    }
    for (i, s) in picked.iter().enumerate() {
        if !choice.from.is_empty() && !choice.from.contains(s) {
            let list: Vec<&str> = choice.from.iter().map(|x| x.key()).collect();
            out.push(
                format!("/species/skills/{i}"),
                format!(
                    "{} picks from {}; not {}",
                    sp.name,
                    list.join(", "),
                    s.key()
                ),
            );
        }
    }
}

fn species_feat(input: &Input<'_>, out: &mut Sink<'_>) {
    let Some(sp) = input.rules.species.get(&input.ch.species.id) else {
        return;
    };
    match (&input.ch.origin.species_feat, sp.origin_feat_choice) {
        (None, true) => {
            out.push(
                "/origin/species_feat",
                format!("{} grants an origin feat of choice; none recorded", sp.name),
            )
            .suggest("record an origin feat such as skilled or alert");
        }
        (Some(_), false) => {
            out.push(
                "/origin/species_feat",
                format!("{} grants no origin feat", sp.name),
            )
            .fix(vec![PatchOp::Remove {
                path: "/origin/species_feat".into(),
            }]);
        }
        (Some(f), true) => {
            if let Some(def) = input.rules.feats.get(&f.id) {
                if def.category != FeatCategory::Origin {
                    out.push(
                        "/origin/species_feat/id",
                        format!("{} is not an origin feat", def.name),
                    );
                }
            }
        }
        (None, false) => {}
    }
}

fn background_feat(input: &Input<'_>, out: &mut Sink<'_>) {
    let Some(bg) = input.rules.backgrounds.get(&input.ch.background.id) else {
        return;
    };
    if let Some(f) = &input.ch.background.feat {
        if f.id != bg.feat {
            out.push(
                "/background/feat/id",
                format!("{} grants {}, not {}", bg.name, bg.feat, f.id),
            )
            .fix(vec![PatchOp::Replace {
                path: "/background/feat/id".into(),
                value: json!(bg.feat),
            }]);
        }
    }
}

fn background_tools(input: &Input<'_>, out: &mut Sink<'_>) {
    let Some(bg) = input.rules.backgrounds.get(&input.ch.background.id) else {
        return;
    };
    let want: usize = bg
        .tool_training
        .choices
        .iter()
        .map(|c| c.count as usize)
        .sum();
    let picked = &input.ch.background.tools;
    if picked.len() != want {
        out.push(
            "/background/tools",
            format!(
                "{} grants {want} tool pick(s); {} recorded",
                bg.name,
                picked.len()
            ),
        );
        return;
    }
    for (i, t) in picked.iter().enumerate() {
        let category = input.rules.tools.get(t).map(|d| d.category.as_str());
        let ok = bg.tool_training.choices.iter().any(|c| {
            c.from
                .iter()
                .any(|f| f == t || Some(f.as_str()) == category)
        });
        if !ok {
            out.push(
                format!("/background/tools/{i}"),
                format!("{} does not offer {t}", bg.name),
            );
        }
    }
}

fn languages_count(input: &Input<'_>, out: &mut Sink<'_>) {
    let langs = &input.ch.origin.languages;
    let n = langs.iter().filter(|l| *l != "common").count();
    if n != 2 {
        let issue = out.push(
            "/origin/languages",
            format!("Common plus two standard languages at creation; {n} recorded besides Common"),
        );
        if n > 2 {
            let kept: Vec<&String> = langs.iter().filter(|l| *l != "common").take(2).collect();
            issue.fix(vec![PatchOp::Replace {
                path: "/origin/languages".into(),
                value: json!(kept),
            }]);
        }
    }
}

fn languages_rare(input: &Input<'_>, out: &mut Sink<'_>) {
    for (i, l) in input.ch.origin.languages.iter().enumerate() {
        if input.rules.languages.get(l).is_some_and(|d| d.rare) {
            out.push(
                format!("/origin/languages/{i}"),
                format!("{l} is a rare language; creation offers standard languages only"),
            );
        }
    }
}

fn languages_duplicate(input: &Input<'_>, out: &mut Sink<'_>) {
    let langs = &input.ch.origin.languages;
    for (i, l) in langs.iter().enumerate() {
        if l == "common" || langs[..i].contains(l) {
            let why = if l == "common" {
                "every character knows Common"
            } else {
                "listed twice"
            };
            out.push(format!("/origin/languages/{i}"), format!("{l}: {why}"))
                .fix(vec![PatchOp::Remove {
                    path: format!("/origin/languages/{i}"),
                }]);
        }
    }
    for (li, lv) in input.ch.levels.iter().enumerate() {
        for (i, l) in lv.languages.iter().enumerate() {
            if l == "common" || langs.contains(l) || lv.languages[..i].contains(l) {
                out.push(
                    format!("/levels/{li}/languages/{i}"),
                    format!("{l} is already known"),
                )
                .fix(vec![PatchOp::Remove {
                    path: format!("/levels/{li}/languages/{i}"),
                }]);
            }
        }
    }
}
