//! The offline route from a concept to a build: catalog fits first, ties and gaps settled by
//! the seed, so the same concept and seed always give the same build and different seeds give
//! variety among the plausible choices.

use dnd_core::rules::Rules;

use crate::catalog::{Fit, Kind, of_kind};
use crate::choice::Build;
use crate::tables::names::{mix, name_for};

/// A background that suits a class when the concept names none.
const CLASS_BACKGROUNDS: &[(&str, &[&str])] = &[
    ("barbarian", &["soldier", "criminal"]),
    ("bard", &["criminal", "sage"]),
    ("cleric", &["acolyte"]),
    ("druid", &["acolyte", "sage"]),
    ("fighter", &["soldier"]),
    ("monk", &["acolyte", "sage"]),
    ("paladin", &["acolyte", "soldier"]),
    ("ranger", &["soldier", "criminal"]),
    ("rogue", &["criminal"]),
    ("sorcerer", &["sage", "acolyte"]),
    ("warlock", &["criminal", "sage"]),
    ("wizard", &["sage"]),
];

const ALIGNMENTS: &[&str] = &[
    "lawful good",
    "neutral good",
    "chaotic good",
    "lawful neutral",
    "neutral",
    "chaotic neutral",
];

/// A seeded pick among the best-scored ids (every id within the top score), else among `all`.
fn pick(best: &[&Fit], all: &[String], seed: u64, salt: u64) -> Option<String> {
    let h = mix(seed ^ salt);
    if let Some(top) = best.first() {
        let tied: Vec<&&Fit> = best.iter().filter(|f| f.score == top.score).collect();
        return Some(tied[(h % tied.len() as u64) as usize].id.clone());
    }
    if all.is_empty() {
        return None;
    }
    Some(all[(h % all.len() as u64) as usize].clone())
}

/// The build the offline tables make for these fits.
pub fn offline_build(rules: &Rules, fits: &[Fit], seed: u64) -> Build {
    let ids = |v: Vec<&String>| v.into_iter().cloned().collect::<Vec<String>>();
    let classes = ids(rules.classes.all().iter().map(|c| &c.id).collect());
    // A class chosen by ability words when no class word fits.
    let mut class_fits = of_kind(fits, Kind::Class);
    let ability_classes: Vec<Fit>;
    if class_fits.is_empty() {
        ability_classes = rules
            .classes
            .all()
            .iter()
            .filter_map(|c| {
                let score: i32 = of_kind(fits, Kind::Ability)
                    .iter()
                    .filter(|f| c.primary_abilities.iter().any(|a| a.key() == f.id))
                    .map(|f| f.score)
                    .sum();
                (score > 0).then(|| Fit {
                    kind: Kind::Class,
                    id: c.id.clone(),
                    score,
                    why: vec![],
                })
            })
            .collect();
        let mut v: Vec<&Fit> = ability_classes.iter().collect();
        v.sort_by_key(|f| std::cmp::Reverse(f.score));
        class_fits = v;
    }
    let class = pick(&class_fits, &classes, seed, 1).unwrap_or_default();
    let subs: Vec<String> = rules
        .subclasses
        .all()
        .iter()
        .filter(|s| s.class == class)
        .map(|s| s.id.clone())
        .collect();
    let sub_fits: Vec<&Fit> = of_kind(fits, Kind::Subclass)
        .into_iter()
        .filter(|f| subs.contains(&f.id))
        .collect();
    let subclass = pick(&sub_fits, &subs, seed, 2);
    let species_all = ids(rules.species.all().iter().map(|s| &s.id).collect());
    let species = pick(&of_kind(fits, Kind::Species), &species_all, seed, 3).unwrap_or_default();
    let lineages: Vec<String> = rules
        .species
        .get(&species)
        .map(|s| s.lineages.iter().map(|l| l.id.clone()).collect())
        .unwrap_or_default();
    let lin_fits: Vec<&Fit> = of_kind(fits, Kind::Lineage)
        .into_iter()
        .filter(|f| lineages.contains(&f.id))
        .collect();
    let lineage = pick(&lin_fits, &lineages, seed, 4);
    let bgs_all = ids(rules.backgrounds.all().iter().map(|b| &b.id).collect());
    let suited: Vec<String> = CLASS_BACKGROUNDS
        .iter()
        .find(|(c, _)| *c == class)
        .map(|(_, b)| {
            b.iter()
                .map(|s| s.to_string())
                .filter(|s| bgs_all.contains(s))
                .collect()
        })
        .unwrap_or_default();
    let bg_pool = if suited.is_empty() { bgs_all } else { suited };
    let background = pick(&of_kind(fits, Kind::Background), &bg_pool, seed, 5).unwrap_or_default();
    let aligns: Vec<String> = ALIGNMENTS.iter().map(|s| s.to_string()).collect();
    let alignment = pick(&of_kind(fits, Kind::Alignment), &aligns, seed, 6);
    let list = |k: Kind| {
        of_kind(fits, k)
            .iter()
            .map(|f| f.id.clone())
            .collect::<Vec<_>>()
    };
    let weapon = of_kind(fits, Kind::Weapon).first().map(|f| f.id.clone());
    Build {
        name: name_for(&species, seed),
        class,
        subclass,
        species,
        lineage,
        background,
        alignment,
        skills: list(Kind::Skill),
        spells: list(Kind::Spell),
        weapon,
        ..Build::default()
    }
}
