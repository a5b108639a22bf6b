//! Homebrew packs: structural checks, and a power assessment against SRD baselines with reasons.
//! Power findings are warnings; broken structure is an error.

use std::borrow::Cow;

use super::report::{Citation, Issue, Report, Severity};
use crate::error::Error;
use crate::rules::{ArmorCategory, ClassDef, Effect, Pack, Progression, Rules, WeaponCategory};

/// A declared pack rule.
#[derive(Debug)]
pub struct PackRule {
    pub code: &'static str,
    pub severity: Severity,
    pub chapter: &'static str,
    pub heading: &'static str,
    pub description: &'static str,
}

const fn r(
    code: &'static str,
    severity: Severity,
    chapter: &'static str,
    heading: &'static str,
    description: &'static str,
) -> PackRule {
    PackRule {
        code,
        severity,
        chapter,
        heading,
        description,
    }
}

use Severity::{Error as E, Warning as W};

/// Every pack rule, in report order.
pub const PACK_RULES: &[PackRule] = &[
    r(
        "homebrew.reference",
        E,
        "Character Creation",
        "Create Your Character",
        "the pack names an id no loaded pack defines, or redefines one",
    ),
    r(
        "homebrew.class.table_length",
        E,
        "Classes",
        "Barbarian Class Features",
        "a class table column without exactly 20 values",
    ),
    r(
        "homebrew.class.feature_level",
        E,
        "Classes",
        "Barbarian Class Features",
        "a feature or ASI level outside 1-20, or a subclass feature before the subclass level",
    ),
    r(
        "homebrew.spell.level",
        E,
        "Spells",
        "Spell Level",
        "a spell level above 9",
    ),
    r(
        "homebrew.spell.damage",
        E,
        "Spells",
        "Spell Level",
        "spell damage that is not dice (`8d6`)",
    ),
    r(
        "homebrew.species.speed",
        E,
        "Character Origins",
        "Parts of a Species",
        "a speed that is not a positive multiple of 5 feet",
    ),
    r(
        "homebrew.power.spell_damage",
        W,
        "Spells",
        "Spell Level",
        "spell damage above 1.5 times the SRD baseline for its level",
    ),
    r(
        "homebrew.power.ability_bonus",
        W,
        "Feats",
        "Parts of a Feat",
        "a feat or species whose ability bonuses total more than 3",
    ),
    r(
        "homebrew.power.features_per_level",
        W,
        "Classes",
        "Barbarian Class Features",
        "more features gained at one level than any SRD class gains (4)",
    ),
    r(
        "homebrew.power.class",
        W,
        "Classes",
        "Barbarian Class Features",
        "a class whose hit die, armor, attacks and casting together outclass every SRD class",
    ),
];

struct Out<'o>(&'o mut Vec<Issue>);

impl Out<'_> {
    fn push(&mut self, code: &str, path: String, message: String) {
        let Some(def) = PACK_RULES.iter().find(|r| r.code == code) else {
            return;
        };
        self.0.push(Issue {
            code: Cow::Borrowed(def.code),
            severity: def.severity,
            path,
            message,
            citation: Citation {
                document: Cow::Borrowed("SRD 5.2"),
                chapter: Cow::Borrowed(def.chapter),
                heading: Cow::Borrowed(def.heading),
            },
            fix: None,
            suggestion: None,
        });
    }
}

/// Average of a dice expression like `8d6` or `2d10+4`.
fn average(dice: &str) -> Option<f64> {
    let (d, plus) = match dice.split_once('+') {
        Some((d, p)) => (d.trim(), p.trim().parse::<f64>().ok()?),
        None => (dice.trim(), 0.0),
    };
    let (n, f) = d.split_once('d')?;
    let n: f64 = if n.is_empty() { 1.0 } else { n.parse().ok()? };
    let f: f64 = f.parse().ok()?;
    (n > 0.0 && f > 0.0).then_some(n * (f + 1.0) / 2.0 + plus)
}

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

fn structure(pack: &Pack, out: &mut Out<'_>) {
    for (i, c) in pack.classes.iter().enumerate() {
        let at = format!("/classes/{i}");
        let mut cols: Vec<(String, usize)> = Vec::new();
        if let Some(sc) = &c.spellcasting {
            cols.push(("spellcasting/prepared".into(), sc.prepared.len()));
            if !sc.cantrips.is_empty() {
                cols.push(("spellcasting/cantrips".into(), sc.cantrips.len()));
            }
            if sc.progression == Progression::Pact {
                cols.push(("spellcasting/pact_slots".into(), sc.pact_slots.len()));
            }
        }
        if let Some(wm) = &c.weapon_mastery {
            cols.push(("weapon_mastery".into(), wm.len()));
        }
        for (j, k) in c
            .counters
            .iter()
            .enumerate()
            .filter(|(_, k)| !k.values.is_empty())
        {
            cols.push((format!("counters/{j}/values"), k.values.len()));
        }
        for (j, k) in c.columns.iter().enumerate() {
            cols.push((format!("columns/{j}/values"), k.values.len()));
        }
        for (p, n) in cols.into_iter().filter(|(_, n)| *n != 20) {
            out.push(
                "homebrew.class.table_length",
                format!("{at}/{p}"),
                format!("{}: {n} values, 20 needed", c.name),
            );
        }
        for (j, f) in c
            .features
            .iter()
            .enumerate()
            .filter(|(_, f)| !(1..=20).contains(&f.level))
        {
            out.push(
                "homebrew.class.feature_level",
                format!("{at}/features/{j}/level"),
                format!("{} at level {}", f.name, f.level),
            );
        }
        for (j, l) in c
            .asi_levels
            .iter()
            .enumerate()
            .filter(|(_, l)| !(1..=20).contains(*l))
        {
            out.push(
                "homebrew.class.feature_level",
                format!("{at}/asi_levels/{j}"),
                format!("ASI at level {l}"),
            );
        }
    }
    for (i, s) in pack.subclasses.iter().enumerate() {
        let min = pack
            .classes
            .iter()
            .find(|c| c.id == s.class)
            .map_or(1, |c| c.subclass_level);
        for (j, f) in s
            .features
            .iter()
            .enumerate()
            .filter(|(_, f)| f.level < min || f.level > 20)
        {
            out.push(
                "homebrew.class.feature_level",
                format!("/subclasses/{i}/features/{j}/level"),
                format!("{} at level {}", f.name, f.level),
            );
        }
    }
    for (i, s) in pack.spells.iter().enumerate() {
        if s.level > 9 {
            out.push(
                "homebrew.spell.level",
                format!("/spells/{i}/level"),
                format!("{} is level {}", s.name, s.level),
            );
        }
        if let Some(d) = s.damage.as_deref().filter(|d| average(d).is_none()) {
            out.push(
                "homebrew.spell.damage",
                format!("/spells/{i}/damage"),
                format!("{}: `{d}` is not dice", s.name),
            );
        }
    }
    for (i, s) in pack.species.iter().enumerate() {
        let speeds = std::iter::once((format!("/species/{i}/speed"), s.speed)).chain(
            s.lineages.iter().enumerate().filter_map(|(j, l)| {
                l.speed
                    .map(|v| (format!("/species/{i}/lineages/{j}/speed"), v))
            }),
        );
        for (p, v) in speeds.filter(|(_, v)| *v <= 0 || v % 5 != 0) {
            out.push(
                "homebrew.species.speed",
                p,
                format!("{}: speed {v} ft", s.name),
            );
        }
    }
}

fn power_checks(srd: &Rules, pack: &Pack, out: &mut Out<'_>) {
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

/// Validates a homebrew pack loaded after `base` packs (the SRD when `base` is empty).
pub fn validate_pack(base: Vec<Pack>, pack: &Pack) -> Report {
    let mut issues = Vec::new();
    let mut out = Out(&mut issues);
    let srd = Rules::srd();
    let mut packs = if base.is_empty() {
        crate::rules::srd::srd_pack()
            .map(|p| vec![p])
            .unwrap_or_default()
    } else {
        base
    };
    packs.push(pack.clone());
    if let Err(e) = Rules::from_packs(packs) {
        let path = match &e {
            Error::PackReference { path, .. } => format!("/{path}"),
            _ => String::new(),
        };
        out.push("homebrew.reference", path, e.to_string());
    }
    structure(pack, &mut out);
    power_checks(srd, pack, &mut out);
    Report::from_issues(issues)
}
