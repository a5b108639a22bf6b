//! Spells at the table: preparing, unpreparing and casting (spell slots, Pact Magic slots,
//! rituals, concentration).
//!
//! **Prepared spells.** A class's prepared list is `state.prepared[class]` when the file records
//! one; otherwise it is the level 1+ spells recorded at the class's levels (for a Wizard without
//! a list, the spellbook is treated as prepared: preparing untracked). [`prepare`] starts a list
//! from the recorded spells (a Wizard's from nothing) and adds to it; the validator then holds it
//! to the class's Prepared Spells number (`spell.prepared.too_many`). Always-prepared spells
//! (class and subclass features) and spells from feats and lineages need no preparing.
//!
//! **Slots.** A spell of level 1+ spends a slot of at least its level: the one asked for, else
//! the lowest unspent. With Pact Magic slots too (SRD multiclassing: either kind casts either
//! class's spells), a spell held only through a Pact Magic class spends a Pact slot first and a
//! spell slot when none is left; any other spell spends a spell slot first, then a Pact slot.
//! `Cast::pact` forces one kind. A ritual (a spell with the Ritual tag, prepared, or for a
//! spellbook class in the spellbook) and a cantrip spend nothing.

pub use super::cast::{Cast, cast};
use super::{Event, Outcome, finish, refuse};
use crate::derive::derive;
use crate::error::{Error, Result};
use crate::model::Character;
use crate::rules::{ClassDef, Rules, SpellDef};
use crate::sheet::{CasterLine, Sheet};
use crate::validate::{feature_level, max_level, opened};

pub(crate) fn spell_def<'r>(rules: &'r Rules, id: &str) -> Result<&'r SpellDef> {
    rules.spells.get(id).ok_or_else(|| Error::UnknownId {
        kind: "spell",
        id: id.to_string(),
        path: "spell".into(),
        suggestion: rules.spells.closest(id),
    })
}

fn class_level(ch: &Character, class: &str) -> u32 {
    ch.levels.iter().filter(|l| l.class == class).count() as u32
}

pub(super) fn is_book(def: &ClassDef) -> bool {
    def.spellcasting.as_ref().is_some_and(|s| s.spellbook)
}

/// The prepared list of `class` as it stands (see the module notes), without always-prepared spells.
pub fn prepared_list(rules: &Rules, ch: &Character, class: &str) -> Vec<String> {
    if let Some(list) = ch.state.prepared.get(class) {
        return list.clone();
    }
    let Some(def) = rules.classes.get(class) else {
        return Vec::new();
    };
    if is_book(def) {
        return Vec::new();
    }
    initial_list(rules, ch, def)
}

/// The level 1+ spells recorded at the class's levels, within its castable level.
fn initial_list(rules: &Rules, ch: &Character, def: &ClassDef) -> Vec<String> {
    let Some(sc) = &def.spellcasting else {
        return Vec::new();
    };
    let top = max_level(sc, class_level(ch, &def.id));
    let mut out: Vec<String> = Vec::new();
    for id in ch
        .levels
        .iter()
        .filter(|l| l.class == def.id)
        .flat_map(|l| &l.spells)
    {
        let ok = rules
            .spells
            .get(id)
            .is_some_and(|s| s.level > 0 && s.level <= top);
        if ok && !out.contains(id) {
            out.push(id.clone());
        }
    }
    out
}

/// How one class holds a spell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Held {
    /// Castable: prepared, always prepared, a known cantrip, or an untracked spellbook spell.
    Ready,
    /// Recorded for the class (a spellbook spell, or replaced on the prepared list) but not prepared.
    Recorded,
    No,
}

pub(super) fn held(ch: &Character, line: &CasterLine<'_>, id: &str, cantrip: bool) -> Held {
    let has = |v: &[crate::sheet::Text<'_>]| v.iter().any(|s| s == id);
    if has(&line.always_prepared) || (cantrip && has(&line.cantrips)) {
        return Held::Ready;
    }
    if cantrip {
        return Held::No;
    }
    match ch.state.prepared.get(line.class.as_ref()) {
        Some(list) if list.iter().any(|s| s == id) => Held::Ready,
        Some(_) if has(&line.spells) => Held::Recorded,
        None if has(&line.spells) => Held::Ready,
        _ => Held::No,
    }
}

/// A spell from a feat's choices or the species lineage (always prepared, cast with slots).
pub(super) fn other_source(rules: &Rules, ch: &Character, id: &str) -> bool {
    let feats = ch
        .background
        .feat
        .iter()
        .chain(&ch.origin.species_feat)
        .chain(ch.levels.iter().flat_map(|l| &l.feats));
    let by_feat = feats
        .flat_map(|f| &f.choices)
        .any(|(k, ids)| (k == "spells" || k == "cantrips") && ids.iter().any(|s| s == id));
    let lineage = rules.species.get(&ch.species.id).and_then(|s| {
        let l = ch.species.lineage.as_deref()?;
        s.lineages.iter().find(|x| x.id == l)
    });
    by_feat
        || lineage.is_some_and(|l| {
            l.spells
                .iter()
                .any(|ls| ls.level as u32 <= ch.level() && ls.spells.iter().any(|s| s == id))
        })
}

fn caster_line<'s>(sheet: &'s Sheet<'_>, class: &str) -> Option<&'s CasterLine<'s>> {
    let sc = sheet.spellcasting.as_ref()?;
    sc.classes.iter().find(|c| c.class == class)
}

/// The class to prepare for: the one asked, else the first caster class whose list has the spell.
fn pick_class(
    rules: &Rules,
    sheet: &Sheet<'_>,
    class: Option<&str>,
    sd: &SpellDef,
) -> Result<String> {
    let lines = sheet
        .spellcasting
        .as_ref()
        .map_or(&[][..], |s| &s.classes[..]);
    if let Some(c) = class {
        if lines.iter().any(|l| l.class == c) {
            return Ok(c.to_string());
        }
        return Err(Error::InvalidValue {
            path: "class".into(),
            reason: format!(
                "the character has no spellcasting class `{c}` (has: {})",
                lines
                    .iter()
                    .map(|l| l.class.as_ref())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        });
    }
    let on_list = |l: &&CasterLine<'_>| {
        rules
            .classes
            .get(&l.class)
            .and_then(|d| d.spellcasting.as_ref())
            .is_some_and(|sc| sd.classes.contains(&sc.spell_list))
    };
    lines
        .iter()
        .find(on_list)
        .or(lines.first())
        .map(|l| l.class.to_string())
        .ok_or_else(|| Error::InvalidValue {
            path: "class".into(),
            reason: "the character has no spellcasting class".into(),
        })
}

/// Adds `spell` to the prepared list of `class` (`None`: the first caster class whose list has it).
pub fn prepare(rules: &Rules, ch: &Character, class: Option<&str>, spell: &str) -> Result<Outcome> {
    let sd = spell_def(rules, spell)?;
    let sheet = derive(rules, ch)?;
    let class = pick_class(rules, &sheet, class, sd)?;
    let (Some(def), Some(line)) = (rules.classes.get(&class), caster_line(&sheet, &class)) else {
        return Err(Error::InvalidValue {
            path: "class".into(),
            reason: format!("`{class}` has no spellcasting"),
        });
    };
    let Some(sc) = &def.spellcasting else {
        return Err(Error::InvalidValue {
            path: "class".into(),
            reason: format!("`{class}` has no spellcasting"),
        });
    };
    if sd.level == 0 {
        return Err(refuse(
            "play.spell.cantrip",
            format!("`{spell}` is a cantrip: cantrips are learned, not prepared"),
            None,
            vec![],
        ));
    }
    let summary_same = |why: &str| Outcome {
        character: ch.clone(),
        summary: format!("{} {why} for {class}; nothing to do", sd.name),
        events: vec![],
        warnings: vec![],
    };
    if line.always_prepared.iter().any(|s| s == spell) {
        return Ok(summary_same("is always prepared"));
    }
    let mut list = if is_book(def) {
        ch.state.prepared.get(&class).cloned().unwrap_or_default()
    } else {
        prepared_list(rules, ch, &class)
    };
    if list.iter().any(|s| s == spell) && ch.state.prepared.contains_key(&class) {
        return Ok(summary_same("is already prepared"));
    }
    let lvl = class_level(ch, &class);
    let top = max_level(sc, lvl);
    if sd.level > top {
        return Err(refuse(
            "spell.level.too_high",
            format!(
                "`{spell}` is a level {} spell; {class} level {lvl} prepares spells up to level {top}",
                sd.level
            ),
            Some(format!("/state/prepared/{class}")),
            vec![],
        ));
    }
    let secrets =
        feature_level(&def.features, "magical-secrets").is_some_and(|l| lvl >= l) && opened(sd);
    if !is_book(def) && !sd.classes.contains(&sc.spell_list) && !secrets {
        return Err(refuse(
            "spell.list.off_list",
            format!(
                "`{spell}` is not on the {} spell list (it is on: {})",
                sc.spell_list,
                sd.classes.join(", ")
            ),
            Some(format!("/state/prepared/{class}")),
            vec![],
        ));
    }
    if !list.iter().any(|s| s == spell) {
        list.push(spell.to_string());
    }
    let summary = format!("Prepared {} for {class}", sd.name);
    let event = Event::SpellPrepared {
        class: class.clone(),
        spell: spell.to_string(),
    };
    with_prepared(rules, ch, class, list, summary, event)
}

/// Removes `spell` from the prepared list of `class` (`None`: the first class that has it prepared).
pub fn unprepare(
    rules: &Rules,
    ch: &Character,
    class: Option<&str>,
    spell: &str,
) -> Result<Outcome> {
    let sd = spell_def(rules, spell)?;
    let sheet = derive(rules, ch)?;
    let lines = sheet
        .spellcasting
        .as_ref()
        .map_or(&[][..], |s| &s.classes[..]);
    let class = match class {
        Some(c) => pick_class(rules, &sheet, Some(c), sd)?,
        None => lines
            .iter()
            .find(|l| {
                prepared_list(rules, ch, &l.class)
                    .iter()
                    .any(|s| s == spell)
            })
            .or_else(|| {
                lines
                    .iter()
                    .find(|l| l.always_prepared.iter().any(|s| s == spell))
            })
            .map(|l| l.class.to_string())
            .ok_or_else(|| not_prepared(spell, "it is not prepared by any class"))?,
    };
    if caster_line(&sheet, &class).is_some_and(|l| l.always_prepared.iter().any(|s| s == spell)) {
        return Err(refuse(
            "play.spell.always_prepared",
            format!("`{spell}` is always prepared for {class} and cannot be unprepared"),
            None,
            vec![],
        ));
    }
    let mut list = prepared_list(rules, ch, &class);
    let before = list.len();
    list.retain(|s| s != spell);
    if list.len() == before {
        return Err(not_prepared(
            spell,
            &format!("it is not on the {class} prepared list"),
        ));
    }
    let summary = format!("Unprepared {} for {class}", sd.name);
    let event = Event::SpellUnprepared {
        class: class.clone(),
        spell: spell.to_string(),
    };
    with_prepared(rules, ch, class, list, summary, event)
}

/// Finishes `prepare`/`unprepare`: the character with `list` as the prepared list of `class`.
fn with_prepared(
    rules: &Rules,
    ch: &Character,
    class: String,
    list: Vec<String>,
    summary: String,
    event: Event,
) -> Result<Outcome> {
    let mut new = ch.clone();
    new.state.prepared.insert(class, list);
    finish(rules, ch, new, summary, vec![event])
}

pub(super) fn not_prepared(spell: &str, why: &str) -> Error {
    refuse(
        "play.spell.not_prepared",
        format!("`{spell}` is not prepared: {why}"),
        None,
        vec![format!("prepare it first (`dnd prepare FILE {spell}`)")],
    )
}
