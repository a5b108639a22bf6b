//! Rules: the Wizard's spellbook.
//!
//! For a class with a spellbook (Wizard) the recorded spells are the spellbook, not the prepared
//! list: the book must hold at least the Prepared Spells number, holding more than the free
//! spells of its levels (six, two per level after the first, and an Evocation Savant-like
//! `-savant` feature's) warns that the rest were copied at a cost, and the prepared list is
//! checked in `state.prepared` when present (in the book here; at most the Prepared Spells number
//! in `spell_limits`).

use super::input::Input;
use super::patch::PatchOp;
use super::registry::{RuleDef, Sink, rule, sections::*};
use super::report::Severity::{Error, Warning};
use super::spells::{Sorted, feature_level, granted, max_level, records, spell};
use crate::rules::{ClassDef, Spellcasting};

const CL: &str = "Classes";

#[rustfmt::skip]
pub(super) const RULES: &[RuleDef] = &[
    rule!("spell.prepared.not_in_spellbook", Error, CL, "Wizard Class Features",
        "a Wizard spell prepared (state.prepared) that is not in the spellbook",
        SHEET, true, not_in_spellbook),
    rule!("spell.spellbook.too_small", Error, CL, "Wizard Class Features",
        "a spellbook with fewer level 1+ spells than the Wizard prepares",
        LEVELS, false, spellbook_too_small),
    rule!("spell.spellbook.copied", Warning, CL, "Wizard Class Features",
        "more spellbook spells than the free ones of the Wizard's levels: the rest were copied at a cost",
        LEVELS, false, spellbook_copied),
];

/// The spells recorded for a spellbook class: the spellbook (a cantrip among them is reported
/// as misfiled, not here).
pub(super) fn book<'a>(input: &Input<'a>, class: &str) -> Sorted<'a> {
    let mine = records(input).filter(|r| !r.cantrip && r.class.id == class);
    Sorted::of(mine.map(|r| r.id))
}

pub(super) fn book_class<'a>(input: &Input<'a>, class: &str) -> Option<&'a ClassDef> {
    let c = input.rules.classes.get(class)?;
    c.spellcasting
        .as_ref()
        .is_some_and(|s| s.spellbook)
        .then_some(c)
}

fn not_in_spellbook(input: &Input<'_>, out: &mut Sink<'_>) {
    for (class, list) in &input.ch.state.prepared {
        if book_class(input, class).is_none() {
            continue;
        }
        let book = book(input, class);
        for (j, id) in list.iter().enumerate() {
            if spell(input, id).is_some_and(|s| s.level > 0)
                && !book.contains(id)
                && !granted(input, class, id)
            {
                let path = format!("/state/prepared/{class}/{j}");
                out.push(path.clone(), format!("`{id}` is prepared but not in the {class}'s spellbook"))
                    .fix(vec![PatchOp::Remove { path }])
                    .suggest("record it at a level's spells (copying a found spell costs 2 hours and 50 GP per spell level)");
            }
        }
    }
}

fn last_level(input: &Input<'_>, class: &str) -> usize {
    input
        .ch
        .levels
        .iter()
        .rposition(|l| l.class == class)
        .unwrap_or(0)
}

/// The character's spellbook classes: (class, its spellcasting, class level, spellbook).
fn books<'a, 's>(
    input: &'s Input<'a>,
) -> impl Iterator<Item = (&'a ClassDef, &'a Spellcasting, u32, Sorted<'a>)> + 's {
    input.levels.iter().filter(|l| l.new_class).filter_map(|l| {
        let c = l.class?;
        let sc = c.spellcasting.as_ref().filter(|s| s.spellbook)?;
        Some((c, sc, input.class_total(&c.id), book(input, &c.id)))
    })
}

fn spellbook_too_small(input: &Input<'_>, out: &mut Sink<'_>) {
    for (class, sc, lvl, book) in books(input) {
        let (n, max) = (
            book.len(),
            sc.prepared.get(lvl as usize - 1).copied().unwrap_or(0) as u32,
        );
        if n < max {
            out.push(
                format!("/levels/{}/spells", last_level(input, &class.id)),
                format!("the {0}'s spellbook holds {n} spells; {0} level {lvl} prepares {max}", class.id),
            )
            .suggest("record the spells added to the spellbook: six at level 1 and two at each level after");
        }
    }
}

/// Spells a spellbook gains free by a class level: six, two per level after the first, and an
/// Evocation Savant-like subclass feature's two plus one per new slot level after it.
fn free_spells(input: &Input<'_>, class: &ClassDef, sc: &Spellcasting, lvl: u32) -> u32 {
    let mut free = 6 + 2 * lvl.saturating_sub(1);
    let savant = input
        .subclass_of(&class.id)
        .and_then(|s| feature_level(&s.features, "-savant"));
    if let Some(from) = savant.filter(|l| *l <= lvl) {
        let new_levels = (from + 1..=lvl)
            .filter(|k| max_level(sc, *k) > max_level(sc, k - 1))
            .count() as u32;
        free += 2 + new_levels;
    }
    free
}

fn spellbook_copied(input: &Input<'_>, out: &mut Sink<'_>) {
    for (class, sc, lvl, book) in books(input) {
        let (n, free) = (book.len(), free_spells(input, class, sc, lvl));
        if n > free {
            out.push(
                format!("/levels/{}/spells", last_level(input, &class.id)),
                format!(
                    "the {0}'s spellbook holds {n} spells, {free} of them free by {0} level {lvl}: {1} copied (2 hours and 50 GP per spell level each)",
                    class.id,
                    n - free
                ),
            );
        }
    }
}
