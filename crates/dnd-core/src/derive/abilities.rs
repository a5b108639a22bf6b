//! Ability scores, saving throws, skills, passive scores and initiative.

use super::context::Ctx;
use super::explain::Recorder;
use crate::model::{Ability, Skill, modifier};
use crate::rules::{AbilityMin, Effect};
use crate::sheet::*;

const PATHS: [&str; 6] = [
    "abilities.str.score",
    "abilities.dex.score",
    "abilities.con.score",
    "abilities.int.score",
    "abilities.wis.score",
    "abilities.cha.score",
];
const SAVE_PATHS: [&str; 6] = [
    "abilities.str.save",
    "abilities.dex.save",
    "abilities.con.save",
    "abilities.int.save",
    "abilities.wis.save",
    "abilities.cha.save",
];

/// Final scores, modifiers and saves.
pub(crate) fn abilities(ctx: &Ctx<'_>, pb: i32, rec: &mut Recorder<'_>) -> Abilities {
    let ch = ctx.ch;
    let mut scores = ch.abilities.base.to_array();
    if rec.on() {
        for a in Ability::ALL {
            rec.term(PATHS[a.index()], || "base score".into(), scores[a.index()]);
        }
    }
    for (a, v) in &ch.background.ability_increases {
        scores[a.index()] += v;
        rec.term(
            PATHS[a.index()],
            || format!("background {}", ctx.background.name),
            *v,
        );
    }
    for f in &ctx.feats {
        let Some(choice) = f.choice else { continue };
        let max = f.def.ability_increase.as_ref().map_or(20, |x| x.max as i32);
        for (a, v) in &choice.abilities {
            let before = scores[a.index()];
            let after = (before + v).min(max.max(before));
            scores[a.index()] = after;
            rec.term(
                PATHS[a.index()],
                || format!("feat {}", f.def.name),
                after - before,
            );
            if after - before < *v {
                rec.note(PATHS[a.index()], || {
                    format!("feat {} capped at {max}", f.def.name)
                });
            }
        }
    }
    for (src, e) in &ctx.effects {
        if let Effect::AbilityIncrease {
            abilities,
            amount,
            max,
        } = e
        {
            for a in abilities {
                let before = scores[a.index()];
                let after = (before + amount).min((*max).max(before));
                scores[a.index()] = after;
                rec.term(PATHS[a.index()], || src.name.to_string(), after - before);
            }
        }
    }
    if let Some(t) = &ctx.theme {
        for (a, v) in &t.state.applied.abilities {
            scores[a.index()] += v;
            rec.term(PATHS[a.index()], || format!("theme {}", t.def.name), *v);
        }
    }
    let first = ctx.first_class();
    let mut out = Abilities::default();
    for a in Ability::ALL {
        let score = scores[a.index()];
        let m = modifier(score);
        let prof = first.saving_throws.contains(&a)
            || ctx.effects.iter().any(|(_, e)| {
                matches!(e, Effect::SaveProficiency { abilities } if abilities.contains(&a))
            });
        let save = m + if prof { pb } else { 0 };
        rec.total(PATHS[a.index()], score);
        if rec.on() {
            let sp = SAVE_PATHS[a.index()];
            rec.term(sp, || format!("{} modifier", a.name()), m);
            if prof {
                let why = if first.saving_throws.contains(&a) {
                    format!("proficiency bonus ({} saving throw)", first.name)
                } else {
                    "proficiency bonus (feature)".to_string()
                };
                rec.term(sp, || why, pb);
            }
            rec.total(sp, save);
            let mp = format!("abilities.{}.modifier", a.key());
            rec.term(&mp, || format!("({score} - 10) / 2, rounded down"), m);
            rec.total(&mp, m);
        }
        *out.get_mut(a) = AbilityLine {
            score,
            modifier: m,
            save,
            save_proficient: prof,
        };
    }
    out
}

/// Whether the scores meet one of the alternatives of a prerequisite.
pub fn meets(scores: &Abilities, alternatives: &[Vec<AbilityMin>]) -> bool {
    alternatives.is_empty()
        || alternatives.iter().any(|alt| {
            alt.iter()
                .all(|m| scores.get(m.ability).score >= m.min as i32)
        })
}

/// The 18 skills.
pub(crate) fn skills(ctx: &Ctx<'_>, ab: &Abilities, pb: i32, rec: &mut Recorder<'_>) -> Skills {
    let mut prof = [false; 18];
    let mut exp = [false; 18];
    for s in &ctx.background.skills {
        prof[s.index()] = true;
    }
    for s in &ctx.ch.species.skills {
        prof[s.index()] = true;
    }
    for lv in &ctx.ch.levels {
        for s in &lv.skills {
            prof[s.index()] = true;
        }
        for s in &lv.expertise {
            exp[s.index()] = true;
        }
    }
    for f in &ctx.feats {
        if let Some(list) = f.choice.and_then(|c| c.choices.get("skills")) {
            for s in list.iter().filter_map(|s| Skill::parse(s)) {
                prof[s.index()] = true;
            }
        }
    }
    let mut extra = [0i32; 18];
    let mut extra_src: [Option<&str>; 18] = [None; 18];
    let mut jack = false;
    for (_, e) in &ctx.effects {
        match e {
            Effect::SkillProficiency { skills } => {
                skills.iter().for_each(|s| prof[s.index()] = true)
            }
            Effect::SkillExpertise { skills } => skills.iter().for_each(|s| exp[s.index()] = true),
            Effect::HalfProficiencyOnChecks => jack = true,
            Effect::SkillAbilityBonus {
                skills,
                ability,
                min,
            } => {
                let v = ab.get(*ability).modifier.max(*min);
                for s in skills {
                    extra[s.index()] += v;
                    extra_src[s.index()] = Some(ability.name());
                }
            }
            _ => {}
        }
    }
    let mut out = Skills::default();
    for s in Skill::ALL {
        let i = s.index();
        let m = ab.get(s.ability()).modifier;
        let expertise = exp[i] && prof[i];
        let add = if expertise {
            2 * pb
        } else if prof[i] {
            pb
        } else if jack {
            pb / 2
        } else {
            0
        };
        let bonus = m + add + extra[i];
        if rec.on() {
            let p = format!("skills.{}.bonus", s.key());
            rec.term(&p, || format!("{} modifier", s.ability().name()), m);
            if expertise {
                rec.term(&p, || "proficiency bonus x2 (expertise)".into(), add);
            } else if prof[i] {
                rec.term(&p, || "proficiency bonus".into(), add);
            } else if jack {
                rec.term(
                    &p,
                    || "half proficiency bonus (Jack of All Trades)".into(),
                    add,
                );
            }
            if extra[i] != 0 {
                rec.term(
                    &p,
                    || format!("{} modifier (feature)", extra_src[i].unwrap_or("ability")),
                    extra[i],
                );
            }
            if exp[i] && !prof[i] {
                rec.note(&p, || "expertise not applied: not proficient".into());
            }
            rec.total(&p, bonus);
        }
        *out.get_mut(s) = SkillLine {
            bonus,
            proficient: prof[i],
            expertise,
        };
    }
    out
}

/// Passive Perception, Investigation and Insight.
pub(crate) fn passive(sk: &Skills, rec: &mut Recorder<'_>) -> Passive {
    let p = Passive {
        perception: 10 + sk.perception.bonus,
        investigation: 10 + sk.investigation.bonus,
        insight: 10 + sk.insight.bonus,
    };
    if rec.on() {
        for (path, skill, v, total) in [
            (
                "passive.perception",
                "Perception",
                sk.perception.bonus,
                p.perception,
            ),
            (
                "passive.investigation",
                "Investigation",
                sk.investigation.bonus,
                p.investigation,
            ),
            ("passive.insight", "Insight", sk.insight.bonus, p.insight),
        ] {
            rec.term(path, || "base".into(), 10);
            rec.term(path, || format!("{skill} bonus"), v);
            rec.total(path, total);
        }
    }
    p
}

/// Initiative: Dexterity modifier plus feature bonuses.
pub(crate) fn initiative(ctx: &Ctx<'_>, ab: &Abilities, pb: i32, rec: &mut Recorder<'_>) -> i32 {
    let mut v = ab.dex.modifier;
    rec.term("initiative", || "Dexterity modifier".into(), v);
    for (src, e) in &ctx.effects {
        match e {
            Effect::InitiativeProficiency => {
                v += pb;
                rec.term(
                    "initiative",
                    || format!("proficiency bonus ({})", src.name),
                    pb,
                );
            }
            Effect::InitiativeBonus { amount } => {
                v += amount;
                rec.term("initiative", || src.name.to_string(), *amount);
            }
            _ => {}
        }
    }
    rec.total("initiative", v);
    v
}
