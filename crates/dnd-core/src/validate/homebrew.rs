//! Homebrew packs: the declared pack rules, the entry point and structural checks; the power
//! assessment against SRD baselines, with reasons, is in `homebrew_power`.
//! Power findings are warnings; broken structure is an error.

use std::borrow::Cow;

use super::homebrew_power::power_checks;
use super::report::{Citation, Issue, Report, Severity};
use crate::error::Error;
use crate::rules::{Pack, Progression, Rules};

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

pub(super) struct Out<'o>(&'o mut Vec<Issue>);

impl Out<'_> {
    pub(super) fn push(&mut self, code: &str, path: String, message: String) {
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
pub(super) fn average(dice: &str) -> Option<f64> {
    let (d, plus) = match dice.split_once('+') {
        Some((d, p)) => (d.trim(), p.trim().parse::<f64>().ok()?),
        None => (dice.trim(), 0.0),
    };
    let (n, f) = d.split_once('d')?;
    let n: f64 = if n.is_empty() { 1.0 } else { n.parse().ok()? };
    let f: f64 = f.parse().ok()?;
    (n > 0.0 && f > 0.0).then_some(n * (f + 1.0) / 2.0 + plus)
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
