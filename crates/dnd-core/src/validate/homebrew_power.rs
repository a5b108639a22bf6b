//! Homebrew power assessment: spell damage, ability bonuses, features per level and class
//! strength, each against the SRD's own baseline, with the reasons in the message. Every finding
//! is a warning.

use super::homebrew::{Out, average};
use crate::rules::{ArmorCategory, ClassDef, Effect, Pack, Progression, Rules, WeaponCategory};

/// The SRD baseline damage per spell level: the upper quartile of the average damage of SRD
/// spells of that level that deal damage (Fireball and Lightning Bolt set it at level 3).
fn damage_baseline(srd: &Rules, level: u8) -> Option<f64> {
    let mut v: Vec<f64> = srd
        .spells
        .all()
        .iter()
        .filter(|s| s.level == level)
        .filter_map(|s| s.damage.as_deref().and_then(average))
        .collect();
    v.sort_by(f64::total_cmp);
    v.get(v.len() * 3 / 4).copied()
}

/// A class's raw strength: hit die, armor, martial weapons, attacks, spellcasting.
fn power(c: &ClassDef) -> (u32, Vec<String>) {
    let mut score = c.hit_die.faces();
    let mut why = vec![format!("hit die {}", c.hit_die.key())];
    let armor = [
        (ArmorCategory::Heavy, 4, "heavy armor"),
        (ArmorCategory::Medium, 2, "medium armor"),
        (ArmorCategory::Shield, 1, "shields"),
    ];
    for (cat, pts, name) in armor {
        if c.armor_training.contains(&cat) {
            score += pts;
            why.push(name.to_string());
        }
    }
    if c.weapon_training
        .iter()
        .any(|w| w.category == Some(WeaponCategory::Martial) && w.with_property_any.is_empty())
    {
        score += 2;
        why.push("martial weapons".into());
    }
    let attacks = c
        .features
        .iter()
        .flat_map(|f| f.effects.iter())
        .filter_map(|e| match e {
            Effect::ExtraAttack { attacks } => Some(*attacks as u32),
            _ => None,
        })
        .max()
        .unwrap_or(1);
    if attacks > 1 {
        score += 3 * (attacks - 1);
        why.push(format!("{attacks} attacks"));
    }
    if let Some(sc) = &c.spellcasting {
        let (pts, name) = match sc.progression {
            Progression::Full => (8, "full spellcasting"),
            Progression::Pact => (6, "pact magic"),
            Progression::Half => (4, "half spellcasting"),
            Progression::Third => (2, "third spellcasting"),
        };
        score += pts;
        why.push(name.into());
    }
    (score, why)
}

pub(super) fn power_checks(srd: &Rules, pack: &Pack, out: &mut Out<'_>) {
    for (i, s) in pack.spells.iter().enumerate() {
        let (Some(avg), Some(base)) = (
            s.damage.as_deref().and_then(average),
            damage_baseline(srd, s.level),
        ) else {
            continue;
        };
        if avg > 1.5 * base {
            out.push(
                "homebrew.power.spell_damage",
                format!("/spells/{i}/damage"),
                format!("{}: {} averages {avg:.1}; the SRD baseline for level {} is {base:.1} (upper quartile), 1.5x is {:.1}", s.name, s.damage.as_deref().unwrap_or(""), s.level, 1.5 * base),
            );
        }
    }
    let bonus = |effects: &mut dyn Iterator<Item = &Effect>| -> i32 {
        effects
            .map(|e| match e {
                Effect::AbilityIncrease {
                    abilities, amount, ..
                } => amount * abilities.len().max(1) as i32,
                _ => 0,
            })
            .sum()
    };
    for (i, f) in pack.feats.iter().enumerate() {
        let total = f.ability_increase.as_ref().map_or(0, |a| a.amount as i32)
            + bonus(&mut f.effects.iter());
        if total > 3 {
            out.push(
                "homebrew.power.ability_bonus",
                format!("/feats/{i}"),
                format!(
                    "{}: ability bonuses total {total}; SRD feats give at most 2",
                    f.name
                ),
            );
        }
    }
    for (i, s) in pack.species.iter().enumerate() {
        let mut effects = s
            .traits
            .iter()
            .chain(s.lineages.iter().flat_map(|l| l.traits.iter()))
            .flat_map(|t| t.effects.iter());
        let total = bonus(&mut effects);
        if total > 3 {
            out.push(
                "homebrew.power.ability_bonus",
                format!("/species/{i}"),
                format!(
                    "{}: ability bonuses total {total}; SRD species give none",
                    s.name
                ),
            );
        }
    }
    let count = |features: &[crate::rules::Feature], lvl: u8| {
        features.iter().filter(|f| f.level == lvl).count()
    };
    // The most features any SRD class gains at one level (4: the Rogue at level 1).
    let srd_most = srd
        .classes
        .all()
        .iter()
        .flat_map(|c| (1..=20).map(|l| count(&c.features, l)))
        .max()
        .unwrap_or(3)
        .max(3);
    let per_level =
        |features: &[crate::rules::Feature], at: String, name: &str, out: &mut Out<'_>| {
            for lvl in 1..=20u8 {
                let n = count(features, lvl);
                if n > srd_most {
                    out.push(
                    "homebrew.power.features_per_level",
                    at.clone(),
                    format!(
                        "{name}: {n} features at level {lvl}; SRD classes gain at most {srd_most}"
                    ),
                );
                }
            }
        };
    for (i, c) in pack.classes.iter().enumerate() {
        per_level(&c.features, format!("/classes/{i}/features"), &c.name, out);
    }
    for (i, s) in pack.subclasses.iter().enumerate() {
        per_level(
            &s.features,
            format!("/subclasses/{i}/features"),
            &s.name,
            out,
        );
    }
    let srd_max = srd
        .classes
        .all()
        .iter()
        .map(|c| power(c).0)
        .max()
        .unwrap_or(0);
    for (i, c) in pack.classes.iter().enumerate() {
        let (score, why) = power(c);
        if score > srd_max {
            out.push(
                "homebrew.power.class",
                format!("/classes/{i}"),
                format!(
                    "{}: {} (strength {score}) outclass every SRD class (at most {srd_max})",
                    c.name,
                    why.join(", ")
                ),
            );
        }
    }
}
