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

use super::health::{incapacitated, is_dead};
use super::{Event, Outcome, finish, refuse};
use crate::derive::derive;
use crate::error::{Error, Result};
use crate::model::Character;
use crate::rules::{ClassDef, Progression, Rules, SpellDef};
use crate::sheet::{CasterLine, Sheet};
use crate::validate::{feature_level, max_level, opened};

/// How a spell is cast.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cast {
    /// The slot level (upcasting); `None` takes the lowest unspent slot of the spell's level or higher.
    pub slot_level: Option<u8>,
    /// Cast as a Ritual: no slot.
    pub ritual: bool,
    /// `Some(true)` spends a Pact Magic slot, `Some(false)` a spell slot, `None` chooses.
    pub pact: Option<bool>,
}

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

fn is_book(def: &ClassDef) -> bool {
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
enum Held {
    /// Castable: prepared, always prepared, a known cantrip, or an untracked spellbook spell.
    Ready,
    /// Recorded for the class (a spellbook spell, or replaced on the prepared list) but not prepared.
    Recorded,
    No,
}

fn held(ch: &Character, line: &CasterLine<'_>, id: &str, cantrip: bool) -> Held {
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
fn other_source(rules: &Rules, ch: &Character, id: &str) -> bool {
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
    let mut new = ch.clone();
    new.state.prepared.insert(class.clone(), list);
    let events = vec![Event::SpellPrepared {
        class: class.clone(),
        spell: spell.to_string(),
    }];
    finish(
        rules,
        ch,
        new,
        format!("Prepared {} for {class}", sd.name),
        events,
    )
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
    let mut new = ch.clone();
    new.state.prepared.insert(class.clone(), list);
    let events = vec![Event::SpellUnprepared {
        class: class.clone(),
        spell: spell.to_string(),
    }];
    finish(
        rules,
        ch,
        new,
        format!("Unprepared {} for {class}", sd.name),
        events,
    )
}

fn not_prepared(spell: &str, why: &str) -> Error {
    refuse(
        "play.spell.not_prepared",
        format!("`{spell}` is not prepared: {why}"),
        None,
        vec![format!("prepare it first (`dnd prepare FILE {spell}`)")],
    )
}

/// Casts `spell`: spends a slot (see the module notes), or none for a cantrip or a ritual, and
/// moves concentration to it when it needs Concentration.
pub fn cast(rules: &Rules, ch: &Character, spell: &str, how: Cast) -> Result<Outcome> {
    let sd = spell_def(rules, spell)?;
    alive_and_able(ch, "cast a spell")?;
    let sheet = derive(rules, ch)?;
    let bad = |reason: &str| Error::InvalidValue {
        path: "cast".into(),
        reason: reason.to_string(),
    };
    if let Some(l) = how.slot_level {
        if !(1..=9).contains(&l) {
            return Err(Error::OutOfRange {
                path: "slot_level".into(),
                value: i64::from(l),
                min: 1,
                max: 9,
            });
        }
        if sd.level == 0 || how.ritual {
            return Err(bad("a cantrip or a ritual uses no spell slot"));
        }
    }
    if how.ritual && (sd.level == 0 || how.pact == Some(true)) {
        return Err(bad(
            "a ritual is a level 1+ spell with the Ritual tag and uses no slot",
        ));
    }
    let sc = sheet.spellcasting.as_ref();
    let slots = sc.map_or([0; 9], |s| s.slots);
    let spent = sc.map_or([0; 9], |s| s.slots_spent);
    let pact = sc.and_then(|s| s.pact).filter(|p| p.slots > 0);
    let top_regular = slots
        .iter()
        .rposition(|n| *n > 0)
        .map_or(0, |k| k as u8 + 1);
    let top = top_regular.max(pact.map_or(0, |p| p.level));
    if sd.level > top {
        return Err(refuse(
            "play.spell.level_too_high",
            format!(
                "`{spell}` is a level {} spell; the character's highest slot level is {top}",
                sd.level
            ),
            None,
            vec![],
        ));
    }
    let cantrip = sd.level == 0;
    let lines = sc.map_or(&[][..], |s| &s.classes[..]);
    let holds: Vec<(&CasterLine<'_>, Held)> = lines
        .iter()
        .map(|l| (l, held(ch, l, spell, cantrip)))
        .collect();
    let ready = |(_, h): &&(&CasterLine<'_>, Held)| *h == Held::Ready;
    let other = other_source(rules, ch, spell);
    let in_book = holds
        .iter()
        .any(|(l, h)| *h == Held::Recorded && rules.classes.get(&l.class).is_some_and(is_book));
    let can = holds.iter().any(|h| ready(&h)) || other || (how.ritual && in_book);
    if !can {
        if holds.iter().any(|(_, h)| *h == Held::Recorded) {
            return Err(not_prepared(
                spell,
                "it is recorded for the character but not on a prepared list",
            ));
        }
        return Err(refuse(
            "play.spell.unknown_to_character",
            format!(
                "the character does not have `{spell}` (not prepared, known or always prepared)"
            ),
            None,
            vec![],
        ));
    }
    let mut new = ch.clone();
    let mut events = Vec::new();
    let (slot_level, used_pact, how_text) = if cantrip {
        (None, false, "cantrip".to_string())
    } else if how.ritual {
        if !sd.ritual {
            return Err(refuse(
                "play.spell.not_ritual",
                format!("`{spell}` has no Ritual tag and cannot be cast as a Ritual"),
                None,
                vec![],
            ));
        }
        (None, false, "as a Ritual, no slot".to_string())
    } else {
        let free = |l: u8| (1..=9).contains(&l) && slots[l as usize - 1] > spent[l as usize - 1];
        let regular = match how.slot_level {
            Some(w) if w < sd.level => {
                return Err(refuse(
                    "play.slot.too_low",
                    format!(
                        "a level {} spell needs a slot of level {} or higher, not {w}",
                        sd.level, sd.level
                    ),
                    None,
                    vec![],
                ));
            }
            Some(w) => free(w).then_some(w),
            None => (sd.level..=9).find(|l| free(*l)),
        };
        let pact_ok = pact
            .filter(|p| p.spent < p.slots && p.level >= sd.level)
            .filter(|p| how.slot_level.is_none_or(|w| w == p.level))
            .map(|p| p.level);
        let warlock_only = holds.iter().filter(ready).all(|(l, _)| {
            rules
                .classes
                .get(&l.class)
                .and_then(|d| d.spellcasting.as_ref())
                .is_some_and(|s| s.progression == Progression::Pact)
        }) && holds.iter().any(|h| ready(&h));
        let choice = match how.pact {
            Some(true) => pact_ok.map(|l| (l, true)),
            Some(false) => regular.map(|l| (l, false)),
            None if warlock_only => pact_ok.map(|l| (l, true)).or(regular.map(|l| (l, false))),
            None => regular.map(|l| (l, false)).or(pact_ok.map(|l| (l, true))),
        };
        let Some((level, is_pact)) = choice else {
            return Err(no_slot(sd, &slots, &spent, pact, &holds, other));
        };
        if is_pact {
            new.state.pact_slots_spent = new.state.pact_slots_spent.saturating_add(1);
        } else {
            let k = level as usize - 1;
            new.state.slots_spent[k] = spent[k].saturating_add(1);
        }
        let kind = if is_pact { "Pact Magic slot" } else { "slot" };
        (Some(level), is_pact, format!("level {level} {kind}"))
    };
    events.push(Event::SpellCast {
        spell: spell.to_string(),
        slot_level,
        pact: used_pact,
        ritual: how.ritual && !cantrip,
    });
    let mut summary = format!("Cast {} ({how_text})", sd.name);
    if sd.concentration {
        if let Some(old) = new.state.concentration.take() {
            summary.push_str(&format!("; concentration on {old} ends"));
            events.push(Event::ConcentrationEnded {
                spell: old,
                reason: format!("cast {spell}"),
            });
        }
        new.state.concentration = Some(spell.to_string());
        events.push(Event::ConcentrationStarted {
            spell: spell.to_string(),
        });
        summary.push_str("; concentrating");
    }
    finish(rules, ch, new, summary, events)
}

fn no_slot(
    sd: &SpellDef,
    slots: &[u8; 9],
    spent: &[u8; 9],
    pact: Option<crate::sheet::PactSlots>,
    holds: &[(&CasterLine<'_>, Held)],
    other: bool,
) -> Error {
    let mut alt: Vec<String> = (sd.level.max(1)..=9)
        .filter(|l| slots[*l as usize - 1] > spent[*l as usize - 1])
        .map(|l| {
            let left = slots[l as usize - 1] - spent[l as usize - 1];
            format!("a level {l} slot ({left} left)")
        })
        .collect();
    if let Some(p) = pact.filter(|p| p.spent < p.slots && p.level >= sd.level) {
        alt.push(format!(
            "a level {} Pact Magic slot ({} left)",
            p.level,
            p.slots - p.spent
        ));
    }
    let prepared = holds.iter().any(|(_, h)| *h == Held::Ready) || other;
    if sd.ritual && prepared {
        alt.push("cast it as a Ritual (no slot)".into());
    }
    if pact.is_some() {
        alt.push("a short rest restores Pact Magic slots".into());
    }
    alt.push("a long rest restores every slot".into());
    refuse(
        "play.slot.unavailable",
        format!("no unspent slot for `{}` (level {})", sd.id, sd.level),
        Some("/state/slots_spent".into()),
        alt,
    )
}

/// Refuses a step a dead or incapacitated character cannot take.
pub(crate) fn alive_and_able(ch: &Character, what: &str) -> Result<()> {
    if is_dead(ch) {
        return Err(refuse(
            "play.dead",
            format!("a dead character cannot {what}"),
            None,
            vec![],
        ));
    }
    if let Some(c) = incapacitated(ch) {
        return Err(refuse(
            "play.incapacitated",
            format!("an incapacitated character ({c}) cannot {what}"),
            Some("/state/conditions".into()),
            vec![],
        ));
    }
    Ok(())
}
