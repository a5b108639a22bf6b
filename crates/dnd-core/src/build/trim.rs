//! Trimming play state to what a character still has (after a level is removed).

use crate::derive::derive;
use crate::model::{Character, Die};
use crate::rules::Rules;

/// Clamps spent slots, Pact slots, hit dice and counters to the sheet's maxima, drops counters
/// and prepared lists of classes no longer held, trims prepared lists to the prepared maximum and
/// ends concentration on a spell the character no longer has.
pub(crate) fn trim_state(rules: &Rules, ch: &mut Character) {
    let Ok(sheet) = derive(rules, ch).map(crate::sheet::Sheet::into_owned) else {
        return;
    };
    let st = &mut ch.state;
    let (slots, pact, counters, dice) = match &sheet.spellcasting {
        Some(sc) => (
            sc.slots,
            sc.pact.map_or(0, |p| p.slots),
            &sheet.counters,
            &sheet.hit_dice,
        ),
        None => ([0; 9], 0, &sheet.counters, &sheet.hit_dice),
    };
    for (spent, max) in st.slots_spent.iter_mut().zip(slots) {
        *spent = (*spent).min(max);
    }
    st.pact_slots_spent = st.pact_slots_spent.min(pact);
    st.counters_spent
        .retain(|id, _| counters.iter().any(|c| c.id == *id));
    for (id, spent) in st.counters_spent.iter_mut() {
        if let Some(c) = counters.iter().find(|c| c.id == *id) {
            *spent = (*spent).min(c.max);
        }
    }
    let total = |d: Die| match d {
        Die::D6 => dice.d6.total,
        Die::D8 => dice.d8.total,
        Die::D10 => dice.d10.total,
        Die::D12 => dice.d12.total,
        _ => 0,
    };
    st.hit_dice_spent.retain(|d, _| total(*d) > 0);
    for (d, spent) in st.hit_dice_spent.iter_mut() {
        *spent = (*spent).min(total(*d));
    }
    let casters = sheet
        .spellcasting
        .as_ref()
        .map(|s| s.classes.as_slice())
        .unwrap_or(&[]);
    st.prepared
        .retain(|class, _| casters.iter().any(|c| c.class == *class));
    for (class, list) in st.prepared.iter_mut() {
        let Some(line) = casters.iter().find(|c| c.class == *class) else {
            continue;
        };
        let book: Vec<&str> = ch
            .levels
            .iter()
            .filter(|l| l.class == *class)
            .flat_map(|l| l.spells.iter().map(String::as_str))
            .collect();
        let is_book = rules
            .classes
            .get(class)
            .and_then(|c| c.spellcasting.as_ref())
            .is_some_and(|s| s.spellbook);
        list.retain(|s| {
            !is_book || book.contains(&s.as_str()) || line.always_prepared.iter().any(|a| a == s)
        });
        list.truncate(line.prepared_max as usize);
    }
    if let Some(spell) = &st.concentration {
        let has = casters.iter().any(|c| {
            c.spells
                .iter()
                .chain(c.cantrips.iter())
                .chain(c.always_prepared.iter())
                .any(|s| s == spell)
        });
        if !has {
            st.concentration = None;
        }
    }
}
