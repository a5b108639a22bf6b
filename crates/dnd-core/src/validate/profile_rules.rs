//! Rules: what a campaign's rules profile allows (packs, classes, species, backgrounds, ability
//! methods, levels, feats, multiclassing). Without a profile none of these report anything.

use super::input::Input;
use super::registry::{RuleDef, Sink, sections::*};
use super::report::Severity::Error;
use crate::rules::Kind;

const CC: &str = "Character Creation";

macro_rules! rule {
    ($code:literal, $heading:literal, $desc:literal, $reads:expr, $f:ident) => {
        super::registry::rule!($code, Error, CC, $heading, $desc, $reads, false, $f)
    };
}

pub(super) const RULES: &[RuleDef] = &[
    rule!(
        "profile.pack.not_allowed",
        "Create Your Character",
        "content from a rules pack the campaign does not allow",
        SHEET,
        pack_not_allowed
    ),
    rule!(
        "profile.class.not_allowed",
        "Step 1: Choose Class",
        "a class the campaign does not allow",
        LEVELS,
        class_not_allowed
    ),
    rule!(
        "profile.species.not_allowed",
        "Choose a Species",
        "a species the campaign does not allow",
        SPECIES,
        species_not_allowed
    ),
    rule!(
        "profile.background.not_allowed",
        "Choose a Background",
        "a background the campaign does not allow",
        BACKGROUND,
        background_not_allowed
    ),
    rule!(
        "profile.ability.method",
        "Generate Your Scores",
        "an ability score method the campaign does not allow",
        ABILITIES,
        ability_method
    ),
    rule!(
        "profile.level.range",
        "Starting at Higher Levels",
        "a character level outside the campaign's range",
        LEVELS,
        level_range
    ),
    rule!(
        "profile.feat.banned",
        "Level Advancement",
        "a feat the campaign bans",
        LEVELS | BACKGROUND | ORIGIN,
        feat_banned
    ),
    rule!(
        "profile.multiclass.disabled",
        "Multiclassing",
        "a second class where the campaign turns multiclassing off",
        LEVELS,
        multiclass_disabled
    ),
];

fn pack_not_allowed(input: &Input<'_>, out: &mut Sink<'_>) {
    let Some(allowed) = &input.profile.allowed_packs else {
        return;
    };
    let r = input.rules;
    let ch = input.ch;
    let mut check = |kind: Kind, id: &str, path: String| {
        let pack = match kind {
            Kind::Gear => r.item_pack(id),
            k => r.table(k).pack(id),
        };
        if let Some(p) = pack.filter(|p| !allowed.iter().any(|a| a == p)) {
            out.push(
                path,
                format!(
                    "{} `{id}` comes from pack `{p}`, which the campaign does not allow",
                    kind.singular()
                ),
            );
        }
    };
    check(Kind::Species, &ch.species.id, "/species/id".into());
    check(
        Kind::Backgrounds,
        &ch.background.id,
        "/background/id".into(),
    );
    for (i, lv) in ch.levels.iter().enumerate() {
        check(Kind::Classes, &lv.class, format!("/levels/{i}/class"));
        if let Some(s) = &lv.subclass {
            check(Kind::Subclasses, s, format!("/levels/{i}/subclass"));
        }
        for (j, f) in lv.feats.iter().enumerate() {
            check(Kind::Feats, &f.id, format!("/levels/{i}/feats/{j}/id"));
        }
        for (j, s) in lv.spells.iter().chain(lv.cantrips.iter()).enumerate() {
            check(Kind::Spells, s, format!("/levels/{i}/spells/{j}"));
        }
    }
    for (i, it) in ch
        .inventory
        .items
        .iter()
        .enumerate()
        .filter(|(_, it)| it.custom.is_none())
    {
        check(Kind::Gear, &it.item, format!("/inventory/items/{i}/item"));
    }
}

fn allowed_in(list: &Option<Vec<String>>, id: &str) -> bool {
    list.as_ref().is_none_or(|l| l.iter().any(|x| x == id))
}

fn class_not_allowed(input: &Input<'_>, out: &mut Sink<'_>) {
    for (i, lv) in input.ch.levels.iter().enumerate() {
        if !allowed_in(&input.profile.allowed_classes, &lv.class) && input.levels[i].new_class {
            out.push(
                format!("/levels/{i}/class"),
                format!("the campaign does not allow {}", lv.class),
            );
        }
    }
}

fn species_not_allowed(input: &Input<'_>, out: &mut Sink<'_>) {
    if !allowed_in(&input.profile.allowed_species, &input.ch.species.id) {
        out.push(
            "/species/id",
            format!("the campaign does not allow {}", input.ch.species.id),
        );
    }
}

fn background_not_allowed(input: &Input<'_>, out: &mut Sink<'_>) {
    if !allowed_in(&input.profile.allowed_backgrounds, &input.ch.background.id) {
        out.push(
            "/background/id",
            format!("the campaign does not allow {}", input.ch.background.id),
        );
    }
}

fn ability_method(input: &Input<'_>, out: &mut Sink<'_>) {
    let m = input.ch.abilities.method;
    if !input.profile.methods().contains(&m) {
        let allowed: Vec<String> = input
            .profile
            .methods()
            .iter()
            .map(crate::model::key_of)
            .collect();
        out.push(
            "/abilities/method",
            format!(
                "the campaign allows {}; not {}",
                allowed.join(", "),
                crate::model::key_of(&m)
            ),
        );
    }
}

fn level_range(input: &Input<'_>, out: &mut Sink<'_>) {
    let Some((lo, hi)) = input.profile.level_range else {
        return;
    };
    let level = input.ch.levels.len() as u32;
    if level < lo || level > hi {
        out.push(
            "/levels",
            format!("level {level} is outside the campaign's range {lo}-{hi}"),
        );
    }
}

fn feat_banned(input: &Input<'_>, out: &mut Sink<'_>) {
    if input.profile.banned_feats.is_empty() {
        return;
    }
    for (path, def) in input.feats() {
        if let Some(d) = def.filter(|d| input.profile.banned_feats.contains(&d.id)) {
            out.push(path, format!("the campaign bans the {} feat", d.name));
        }
    }
}

fn multiclass_disabled(input: &Input<'_>, out: &mut Sink<'_>) {
    if input.profile.multiclassing != Some(false) {
        return;
    }
    for (i, l) in input.levels.iter().enumerate().skip(1) {
        if l.new_class {
            out.push(
                format!("/levels/{i}/class"),
                "the campaign turns multiclassing off",
            );
        }
    }
}
