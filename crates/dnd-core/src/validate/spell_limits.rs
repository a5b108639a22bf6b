//! Rules: cantrips known and spells prepared per class, against the class's limits at its level.
//! Always-prepared spells, Magical Discoveries and Mystic Arcanum count against no limit; a
//! spellbook class's prepared spells are its `state.prepared` list, not its recorded spells; a
//! `state.prepared` list of another class is held to the same number.

use super::input::Input;
use super::patch::PatchOp;
use super::registry::{RuleDef, Sink, rule, sections::*};
use super::report::Severity::Error;
use super::spell_grants::{Src, arcanum, source};
use super::spellbook::{book, book_class};
use super::spells::{Rec, caster, granted, records, repeated, spell};

const SP: &str = "Spells";
const CL: &str = "Classes";

#[rustfmt::skip]
pub(super) const RULES: &[RuleDef] = &[
    rule!("spell.cantrips.too_many", Error, CL, "Spellcasting",
        "more cantrips recorded for a class than it knows at its level",
        SHEET, true, cantrips_too_many),
    rule!("spell.prepared.too_many", Error, SP, "Preparing Spells",
        "more spells prepared for a class than its Prepared Spells number (always-prepared spells not counted)",
        SHEET, true, prepared_too_many),
];

/// Counts against the class's cantrips known (`cantrips`) or prepared spells.
fn counted(input: &Input<'_>, r: &Rec<'_>, cantrips: bool) -> bool {
    let Some(sd) = r.def else {
        return false;
    };
    if r.cantrip != cantrips || (sd.level == 0) != cantrips {
        return false;
    }
    if !cantrips && arcanum(input, r, sd) {
        return false;
    }
    !matches!(source(input, r, sd), Src::Granted | Src::Discovery)
}

fn over_limit(input: &Input<'_>, out: &mut Sink<'_>, cantrips: bool) {
    let Some(sc) = input.sheet.as_ref().and_then(|s| s.spellcasting.as_ref()) else {
        return;
    };
    for line in &sc.classes {
        // A spellbook lists spells known, not prepared: see `prepared_too_many`.
        if !cantrips && book_class(input, &line.class).is_some() {
            continue;
        }
        let max = if cantrips {
            line.cantrips_max
        } else {
            line.prepared_max
        };
        let mine = || {
            records(input).filter(|r| {
                r.class.id == line.class && counted(input, r, cantrips) && !repeated(input, r)
            })
        };
        let total = mine().count() as u32;
        if total <= max {
            continue;
        }
        let lvl = input.class_total(&line.class);
        let what = if cantrips {
            "cantrips"
        } else {
            "prepared spells"
        };
        for r in mine().skip(max as usize) {
            out.push(
                r.path(),
                format!(
                    "{} level {lvl} has at most {max} {what}; {total} recorded, `{}` is over",
                    line.class, r.id
                ),
            )
            .fix(vec![PatchOp::Remove { path: r.path() }]);
        }
    }
}

fn cantrips_too_many(input: &Input<'_>, out: &mut Sink<'_>) {
    over_limit(input, out, true);
}

fn prepared_too_many(input: &Input<'_>, out: &mut Sink<'_>) {
    over_limit(input, out, false);
    for (class, list) in &input.ch.state.prepared {
        let Some(line) = caster(input, class) else {
            continue;
        };
        // A spellbook class counts the prepared spells in its book (the rest are reported by
        // `spell.prepared.not_in_spellbook`); another class counts its whole list.
        let is_book = book_class(input, class).is_some();
        let book = book(input, class);
        let counts = |j: usize, id: &str| {
            spell(input, id).is_some_and(|s| s.level > 0)
                && (!is_book || book.contains(id))
                && !granted(input, class, id)
                && !list[..j].iter().any(|x| x == id)
        };
        let mine = || list.iter().enumerate().filter(|(j, id)| counts(*j, id));
        let (total, max) = (mine().count() as u32, line.prepared_max);
        if total <= max {
            continue;
        }
        let lvl = input.class_total(class);
        for (j, id) in mine().skip(max as usize) {
            let path = format!("/state/prepared/{class}/{j}");
            out.push(
                path.clone(),
                format!("{class} level {lvl} prepares at most {max} spells; {total} prepared, `{id}` is over"),
            )
            .fix(vec![PatchOp::Remove { path }]);
        }
    }
}
