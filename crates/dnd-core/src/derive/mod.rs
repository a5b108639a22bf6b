//! Deriving the sheet from a character's decisions, optionally with an explanation of every number.
//!
//! [`derive`] and [`derive_explained`] run the same code; the explaining one records each
//! contribution into a [`Trail`] keyed by sheet path.

mod abilities;
mod checks;
mod context;
mod defense;
mod explain;
mod gear;
mod magic;
mod theme;

pub use abilities::meets;
pub use checks::check_all;
pub use explain::{Explanation, Term, Trail};
pub use magic::caster_level_part;

use crate::error::Result;
use crate::model::Character;
use crate::rules::Rules;
use crate::sheet::*;
use context::Ctx;
use explain::Recorder;

/// Derives the full sheet.
pub fn derive<'a>(rules: &'a Rules, ch: &'a Character) -> Result<Sheet<'a>> {
    run(rules, ch, Recorder::new(None), false)
}

/// [`derive`] for a character whose ids and ranges [`check_all`] already found clean.
pub(crate) fn derive_checked<'a>(rules: &'a Rules, ch: &'a Character) -> Result<Sheet<'a>> {
    run(rules, ch, Recorder::new(None), true)
}

/// Derives the full sheet and the explanation of every number.
pub fn derive_explained<'a>(rules: &'a Rules, ch: &'a Character) -> Result<(Sheet<'a>, Trail)> {
    let mut trail = Trail::new();
    let sheet = run(rules, ch, Recorder::new(Some(&mut trail)), false)?;
    Ok((sheet, trail))
}

fn run<'a>(
    rules: &'a Rules,
    ch: &'a Character,
    mut rec: Recorder<'_>,
    checked: bool,
) -> Result<Sheet<'a>> {
    let ctx = Ctx::resolve(rules, ch, checked)?;
    let pb = crate::rules::tables::proficiency_bonus(ctx.level);
    rec.term(
        "proficiency_bonus",
        || format!("character level {}", ctx.level),
        pb,
    );
    rec.total("proficiency_bonus", pb);

    let abilities = abilities::abilities(&ctx, pb, &mut rec);
    let skills = abilities::skills(&ctx, &abilities, pb, &mut rec);
    let passive = abilities::passive(&skills, &mut rec);
    let initiative = abilities::initiative(&ctx, &abilities, pb, &mut rec);
    let gear = gear::Gear::read(&ctx);
    let size = defense::size(&ctx);
    let armor_class = defense::armor_class(&ctx, &abilities, &gear, &mut rec);
    let carrying_capacity = gear::carrying_capacity(&ctx, &abilities, size, &mut rec);
    let carried_weight = gear.carried_weight;
    let speed = defense::speed(&ctx, &abilities, &gear, carrying_capacity, &mut rec);
    let hit_points = defense::hit_points(&ctx, &abilities, &mut rec);
    let hit_dice = defense::hit_dice(&ctx);
    let spellcasting = magic::spellcasting(&ctx, &abilities, pb, &mut rec);
    let proficiencies = gear::proficiencies(&ctx);
    let attacks = gear::attacks(&ctx, &abilities, pb, &gear, &proficiencies, &mut rec);
    let attacks_per_action = ctx
        .effects
        .iter()
        .filter_map(|(_, e)| match e {
            crate::rules::Effect::ExtraAttack { attacks } => Some(*attacks),
            _ => None,
        })
        .max()
        .unwrap_or(1);
    let (resistances, darkvision) = defense::senses_and_resistances(&ctx);

    Ok(Sheet {
        name: ch.name.as_str().into(),
        level: ctx.level,
        classes: ctx
            .classes
            .iter()
            .map(|c| ClassLine {
                class: c.def.id.as_str().into(),
                subclass: c.subclass.map(|s| s.id.as_str().into()),
                level: c.level,
            })
            .collect(),
        species: ctx.species.id.as_str().into(),
        lineage: ctx.lineage.map(|l| l.id.as_str().into()),
        background: ctx.background.id.as_str().into(),
        size,
        proficiency_bonus: pb,
        abilities,
        skills,
        passive,
        armor_class,
        initiative,
        speed,
        hit_points,
        hit_dice,
        spellcasting,
        carrying_capacity,
        carried_weight,
        attunement: Attunement {
            used: gear.attuned,
            max: 3,
        },
        attacks,
        attacks_per_action,
        conditions: ch
            .state
            .conditions
            .iter()
            .map(|c| Text::Borrowed(c.as_str()))
            .collect(),
        exhaustion: ch.state.exhaustion,
        d20_penalty: -2 * ch.state.exhaustion as i32,
        proficiencies,
        features: gear::features(&ctx),
        counters: magic::counters(&ctx, &abilities, pb),
        resistances,
        darkvision,
        heroic_inspiration: ch.state.heroic_inspiration,
        death_saves: ch.state.death_saves,
        xp: ch.details.xp,
    })
}
