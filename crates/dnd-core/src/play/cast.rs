//! Casting a spell: which slot it spends (see [`super::spells`] for the rules of choice), or
//! none for a cantrip or a ritual, and concentration moved to it.

use super::health::{incapacitated, not_dead};
use super::spells::{Held, held, is_book, not_prepared, other_source, spell_def};
use super::{Event, Outcome, finish, refuse};
use crate::derive::derive;
use crate::error::{Error, Result};
use crate::model::Character;
use crate::rules::{Progression, Rules, SpellDef};
use crate::sheet::CasterLine;

/// How a spell is cast.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(default)]
pub struct Cast {
    /// The slot level (upcasting); `None` takes the lowest unspent slot of the spell's level or higher.
    pub slot_level: Option<u8>,
    /// Cast as a Ritual: no slot.
    pub ritual: bool,
    /// `Some(true)` spends a Pact Magic slot, `Some(false)` a spell slot, `None` chooses.
    pub pact: Option<bool>,
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
    not_dead(ch, what)?;
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
