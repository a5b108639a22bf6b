//! Rules: the feats of class levels — ASI and Epic Boon levels without a feat, Fighting Style
//! features without a Fighting Style feat, and feats at levels that grant none.

use super::class::{gained_at, is_feature};
use super::input::Input;
use super::patch::PatchOp;
use super::registry::{RuleDef, Sink, rule, sections::*};
use super::report::Severity::Error;
use crate::rules::{FeatCategory, Feature};

const CL: &str = "Classes";

#[rustfmt::skip]
pub(super) const RULES: &[RuleDef] = &[
    rule!("class.asi.missing", Error, CL, "Ability Score Improvement",
        "no feat at a class level that grants Ability Score Improvement",
        LEVELS, false, asi_missing),
    rule!("class.asi.unexpected", Error, CL, "Ability Score Improvement",
        "a feat at a level that grants none (not an ASI, Epic Boon or Fighting Style level), or one too many",
        LEVELS, false, asi_unexpected),
    rule!("class.epic_boon.missing", Error, CL, "Epic Boon",
        "no feat at the class's Epic Boon level (19)",
        LEVELS, false, epic_boon_missing),
    rule!("class.fighting_style.missing", Error, CL, "Fighting Style",
        "no Fighting Style feat at a level with a Fighting Style feature (Fighter 1, Paladin 2, Ranger 2, Champion 7)",
        LEVELS, false, fighting_style_missing),
    rule!("class.fighting_style.unexpected", Error, CL, "Fighting Style",
        "a Fighting Style feat at a level that grants no feat",
        LEVELS, false, fighting_style_unexpected),
];

/// What the feat slots of one level lack or have too many of.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Slot {
    /// A Fighting Style feature without a Fighting Style feat.
    StyleMissing,
    /// An ASI level without a feat.
    AsiMissing,
    /// An Epic Boon level without a feat.
    BoonMissing,
    /// A feat that fills no slot.
    Extra,
    /// A Fighting Style feat that fills no slot.
    StyleExtra,
}

/// Matches the feats of level `i` against its slots, calling `on(slot, feat index, whether the
/// level grants no feat at all)`. A Fighting Style feat fills a Fighting Style feature first; any
/// feat fills an ASI or Epic Boon slot. A non-style feat at a Fighting Style level without a style
/// feat is reported once, as the missing style.
fn level_slots(input: &Input<'_>, i: usize, mut on: impl FnMut(Slot, usize, bool)) {
    let info = input.levels[i];
    let Some(c) = info.class else { return };
    let lv = &input.ch.levels[i];
    let asi = c.asi_levels.iter().any(|l| *l as u32 == info.class_level);
    let boon = c
        .epic_boon_level
        .is_some_and(|l| l as u32 == info.class_level);
    let style_feature = |f: &&Feature| is_feature(&f.id, "fighting-style");
    // Blessed Warrior / Druidic Warrior replace the feat; recorded as a `fighting-style` choice.
    let alt = lv.choices.contains_key("fighting-style");
    let styles = if alt {
        0
    } else {
        gained_at(input, i).filter(style_feature).count()
    };
    let is_style = |j: usize| {
        let d = input.rules.feats.get(&lv.feats[j].id);
        d.is_some_and(|d| d.category == FeatCategory::FightingStyle)
    };
    let used = (0..lv.feats.len())
        .filter(|&j| is_style(j))
        .count()
        .min(styles);
    let mut absorb = styles - used;
    if absorb > 0 {
        on(Slot::StyleMissing, 0, false);
    }
    let (mut general, mut seen) = (asi as usize + boon as usize, 0);
    let none = !asi && !boon && styles == 0;
    for j in 0..lv.feats.len() {
        let style = is_style(j);
        if style && seen < used {
            seen += 1;
        } else if general > 0 {
            general -= 1;
        } else if absorb > 0 {
            absorb -= 1;
        } else {
            on(if style { Slot::StyleExtra } else { Slot::Extra }, j, none);
        }
    }
    if general > 0 {
        on(
            if asi {
                Slot::AsiMissing
            } else {
                Slot::BoonMissing
            },
            0,
            false,
        );
    }
}

/// Every slot finding of every level, computed once per validation: (level, slot, feat, none).
fn slot_events<'s>(input: &'s Input<'_>) -> &'s [(usize, Slot, usize, bool)] {
    input.feat_slots.get_or_init(|| {
        let mut v = Vec::new();
        for i in 0..input.levels.len() {
            level_slots(input, i, |slot, j, none| v.push((i, slot, j, none)));
        }
        v
    })
}

fn slots(input: &Input<'_>, out: &mut Sink<'_>, want: Slot) {
    for &(i, slot, j, none) in slot_events(input) {
        {
            if slot != want {
                continue;
            }
            let at = format!(
                "{} level {}",
                input.ch.levels[i].class, input.levels[i].class_level
            );
            let (what, hint) = match slot {
                Slot::StyleMissing => ("a Fighting Style feat", "a fighting_style feat (defense…)"),
                Slot::AsiMissing => ("a feat", "ability-score-improvement or another feat"),
                Slot::BoonMissing => ("an Epic Boon feat", "an epic_boon feat or another feat"),
                Slot::Extra | Slot::StyleExtra => {
                    let path = format!("/levels/{i}/feats/{j}");
                    let id = &input.ch.levels[i].feats[j].id;
                    if none {
                        let msg = format!("{id} at {at}, which grants no feat");
                        out.push(path.clone(), msg)
                            .fix(vec![PatchOp::Remove { path }]);
                    } else {
                        out.push(path, format!("{id} is one feat more than {at} grants"));
                    }
                    continue;
                }
            };
            out.push(
                format!("/levels/{i}/feats"),
                format!("{at} grants {what}; none recorded"),
            )
            .suggest(format!("take {hint} the character qualifies for"));
        }
    }
}

fn asi_missing(input: &Input<'_>, out: &mut Sink<'_>) {
    slots(input, out, Slot::AsiMissing);
}

fn asi_unexpected(input: &Input<'_>, out: &mut Sink<'_>) {
    slots(input, out, Slot::Extra);
}

fn epic_boon_missing(input: &Input<'_>, out: &mut Sink<'_>) {
    slots(input, out, Slot::BoonMissing);
}

fn fighting_style_missing(input: &Input<'_>, out: &mut Sink<'_>) {
    slots(input, out, Slot::StyleMissing);
}

fn fighting_style_unexpected(input: &Input<'_>, out: &mut Sink<'_>) {
    slots(input, out, Slot::StyleExtra);
}
