//! Rules: feats — slot categories, prerequisites, repeats and ability increases — and the feats
//! the character holds, which the Magic Initiate rules (`magic_initiate`) read too.

use super::class::{gained_at, is_feature};
use super::input::Input;
use super::patch::PatchOp;
use super::registry::{RuleDef, Sink, sections::*};
use super::report::Severity::Error;
use crate::model::FeatChoice;
use crate::rules::{FeatCategory, FeatDef};

const FT: &str = "Feats";
const PARTS: &str = "Parts of a Feat";
const FEATS: u16 = LEVELS | BACKGROUND | ORIGIN;

macro_rules! rule {
    ($code:literal, $heading:expr, $desc:literal, $reads:expr, $f:ident) => {
        super::registry::rule!($code, Error, FT, $heading, $desc, $reads, false, $f)
    };
}

#[rustfmt::skip]
pub(super) const RULES: &[RuleDef] = &[
    rule!("feat.slot.category", PARTS,
        "a background feat that is not an Origin feat, or an Epic Boon feat before level 19",
        FEATS, slot_category),
    rule!("feat.prerequisite.level", PARTS,
        "a feat taken below its prerequisite character level",
        FEATS, prerequisite_level),
    rule!("feat.prerequisite.ability", PARTS,
        "a feat whose minimum score was not met when it was taken",
        FEATS | ABILITIES, prerequisite_ability),
    rule!("feat.prerequisite.feature", PARTS,
        "a feat that needs a class feature (Fighting Style) the character did not have by then",
        FEATS, prerequisite_feature),
    rule!("feat.prerequisite.spellcasting", PARTS,
        "a feat that needs Spellcasting or Pact Magic taken before any spellcasting class level",
        FEATS, prerequisite_spellcasting),
    rule!("feat.repeat.not_repeatable", PARTS,
        "a feat taken a second time that is not repeatable",
        FEATS, repeat_not_repeatable),
    rule!("feat.ability.missing", PARTS,
        "a feat that increases abilities without the increase recorded",
        FEATS, ability_missing),
    rule!("feat.ability.mismatch", PARTS,
        "increases outside the feat's abilities or not totalling its amount (ASI: +2 to one or +1 to two)",
        FEATS, ability_mismatch),
    rule!("feat.ability.over_max", "Ability Score Improvement",
        "a feat increase that takes a score above the feat's maximum (20; 30 for Epic Boons)",
        FEATS | ABILITIES, ability_over_max),
];

/// Where a feat was taken.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum At {
    Background,
    Species,
    Level(usize, usize),
}

/// One feat the character holds.
#[derive(Debug, Clone, Copy)]
pub(super) struct Held<'a> {
    pub(super) at: At,
    pub(super) id: &'a str,
    def: Option<&'a FeatDef>,
    pub(super) choice: Option<&'a FeatChoice>,
    /// Index of the character level it was taken with (0 for origin feats).
    level: usize,
}

impl Held<'_> {
    /// The feat's record in the character file.
    pub(super) fn path(&self) -> String {
        match self.at {
            At::Background => "/background/feat".into(),
            At::Species => "/origin/species_feat".into(),
            At::Level(i, j) => format!("/levels/{i}/feats/{j}"),
        }
    }

    /// Where its id is written (the background's id for the background feat).
    fn id_path(&self) -> String {
        match self.at {
            At::Background => "/background/id".into(),
            _ => format!("{}/id", self.path()),
        }
    }

    /// The character level it was taken at.
    fn char_level(&self) -> u32 {
        self.level as u32 + 1
    }
}

/// Every feat held, in the order taken: background, species, then levels.
pub(super) fn held<'a>(input: &Input<'a>) -> impl Iterator<Item = Held<'a>> + use<'a> {
    let (rules, ch) = (input.rules, input.ch);
    let bg = rules.backgrounds.get(&ch.background.id).map(|b| Held {
        at: At::Background,
        id: &b.feat,
        def: rules.feats.get(&b.feat),
        choice: ch.background.feat.as_ref(),
        level: 0,
    });
    let sp = ch.origin.species_feat.as_ref().map(|f| Held {
        at: At::Species,
        id: &f.id,
        def: rules.feats.get(&f.id),
        choice: Some(f),
        level: 0,
    });
    let lv = ch.levels.iter().enumerate().flat_map(move |(i, l)| {
        l.feats.iter().enumerate().map(move |(j, f)| Held {
            at: At::Level(i, j),
            id: &f.id,
            def: rules.feats.get(&f.id),
            choice: Some(f),
            level: i,
        })
    });
    bg.into_iter().chain(sp).chain(lv)
}

fn defined<'a>(input: &Input<'a>) -> impl Iterator<Item = (Held<'a>, &'a FeatDef)> + use<'a> {
    held(input).filter_map(|h| h.def.map(|d| (h, d)))
}

fn slot_category(input: &Input<'_>, out: &mut Sink<'_>) {
    for (h, d) in defined(input) {
        // The species slot is `origin.species.feat`'s.
        let msg = match h.at {
            At::Background if d.category != FeatCategory::Origin => {
                format!("background feat {} is not an origin feat", d.id)
            }
            At::Level(..) if d.category == FeatCategory::EpicBoon && h.char_level() < 19 => {
                format!(
                    "{} is an epic boon, taken at level {}; boons come from level 19",
                    d.id,
                    h.char_level()
                )
            }
            _ => continue,
        };
        out.push(h.id_path(), msg);
    }
}

fn prerequisite_level(input: &Input<'_>, out: &mut Sink<'_>) {
    for (h, d) in defined(input) {
        let Some(min) = d.prerequisite.level else {
            continue;
        };
        // An early Epic Boon is `feat.slot.category`'s.
        let boon = d.category == FeatCategory::EpicBoon && matches!(h.at, At::Level(..));
        if h.char_level() < min as u32 && !boon {
            let msg = format!(
                "{} needs character level {min}; taken at level {}",
                d.id,
                h.char_level()
            );
            out.push(h.id_path(), msg);
        }
    }
}

fn prerequisite_ability(input: &Input<'_>, out: &mut Sink<'_>) {
    for (h, d) in defined(input) {
        let any = &d.prerequisite.ability_any;
        if any.is_empty() {
            continue;
        }
        let s = input.scores_before(h.level);
        if any.iter().any(|m| s[m.ability.index()] >= m.min as i32) {
            continue;
        }
        let need: Vec<String> = any
            .iter()
            .map(|m| format!("{} {}", m.ability.name(), m.min))
            .collect();
        let have: Vec<String> = any
            .iter()
            .map(|m| format!("{} {}", m.ability.name(), s[m.ability.index()]))
            .collect();
        let msg = format!(
            "{} needs {}; at level {} the scores are {}",
            d.id,
            need.join(" or "),
            h.char_level(),
            have.join(", ")
        );
        out.push(h.id_path(), msg);
    }
}

fn prerequisite_feature(input: &Input<'_>, out: &mut Sink<'_>) {
    for (h, d) in defined(input) {
        let Some(name) = &d.prerequisite.feature else {
            continue;
        };
        let upto = (h.level + 1).min(input.levels.len());
        if (0..upto).any(|k| gained_at(input, k).any(|f| is_feature(&f.id, name))) {
            continue;
        }
        let msg = format!(
            "{} needs a {name} class feature; none by level {}",
            d.id,
            h.char_level()
        );
        out.push(h.id_path(), msg);
    }
}

fn prerequisite_spellcasting(input: &Input<'_>, out: &mut Sink<'_>) {
    for (h, d) in defined(input).filter(|(_, d)| d.prerequisite.spellcasting) {
        let mut levels = input.levels.iter().take(h.level + 1);
        if !levels.any(|l| l.class.is_some_and(|c| c.spellcasting.is_some())) {
            let msg = format!(
                "{} needs Spellcasting or Pact Magic; none by level {}",
                d.id,
                h.char_level()
            );
            out.push(h.id_path(), msg);
        }
    }
}

fn repeat_not_repeatable(input: &Input<'_>, out: &mut Sink<'_>) {
    for (n, h) in held(input).enumerate() {
        let Some(d) = h.def.filter(|d| !d.repeatable) else {
            continue;
        };
        if let Some(first) = held(input)
            .take(n)
            .find(|e| e.id == h.id && e.def.is_some())
        {
            let msg = format!(
                "{} is not repeatable; already taken at {}",
                d.id,
                first.path()
            );
            out.push(h.id_path(), msg)
                .suggest("choose a different feat");
        }
    }
}

fn ability_missing(input: &Input<'_>, out: &mut Sink<'_>) {
    for (h, d) in defined(input) {
        let Some(ai) = &d.ability_increase else {
            continue;
        };
        if h.choice
            .is_some_and(|c| c.abilities.values().any(|v| *v != 0))
        {
            continue;
        }
        let list: Vec<&str> = ai.abilities.iter().map(|a| a.key()).collect();
        out.push(
            h.path(),
            format!("{} grants +{} to abilities; none recorded", d.id, ai.amount),
        )
        .suggest(format!("record `abilities` among {}", list.join(", ")));
    }
}

fn ability_mismatch(input: &Input<'_>, out: &mut Sink<'_>) {
    for (h, d) in defined(input) {
        let Some(c) = h.choice.filter(|c| c.abilities.values().any(|v| *v != 0)) else {
            continue;
        };
        let path = format!("{}/abilities", h.path());
        let Some(ai) = &d.ability_increase else {
            out.push(path.clone(), format!("{} grants no ability increase", d.id))
                .fix(vec![PatchOp::Remove { path }]);
            continue;
        };
        let inc = c.abilities.iter().filter(|(_, v)| **v != 0);
        let outside = inc.clone().find(|(a, _)| !ai.abilities.contains(a));
        let negative = inc.clone().any(|(_, v)| *v < 0);
        let total = inc.fold(0i32, |t, (_, v)| t.saturating_add(*v));
        let msg = if let Some((a, _)) = outside {
            format!("{} cannot increase {}", d.id, a.name())
        } else if negative || total != ai.amount as i32 {
            format!("{} grants {} points; {total} recorded", d.id, ai.amount)
        } else {
            continue;
        };
        let list: Vec<&str> = ai.abilities.iter().map(|a| a.key()).collect();
        let how = if ai.amount == 2 {
            "+2 to one or +1 to two"
        } else {
            "+1 to one"
        };
        out.push(path, msg)
            .suggest(format!("{how} of {}", list.join(", ")));
    }
}

fn ability_over_max(input: &Input<'_>, out: &mut Sink<'_>) {
    for (h, d) in defined(input) {
        let (Some(c), Some(ai)) = (h.choice, &d.ability_increase) else {
            continue;
        };
        let s = input.scores_before(h.level);
        for (a, v) in c.abilities.iter().filter(|(_, v)| **v > 0) {
            let (before, after) = (s[a.index()], s[a.index()].saturating_add(*v));
            if after > ai.max as i32 {
                let msg = format!(
                    "{} raises {} from {before} to {}; at most {}",
                    d.id,
                    a.name(),
                    after,
                    ai.max
                );
                out.push(format!("{}/abilities/{}", h.path(), a.key()), msg)
                    .suggest("increase another ability instead");
            }
        }
    }
}
