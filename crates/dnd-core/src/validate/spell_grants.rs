//! Why a spell recorded at a class level is allowed for that class.
//!
//! A spell off its class's list is allowed when a feature grants it: the class's and subclass's
//! always-prepared spells (as the sheet lists them), the Bard's Magical Secrets (a level 1+ spell
//! recorded at or after that feature's level may come from the Cleric, Druid or Wizard list) and
//! the College of Lore's Magical Discoveries (two spells or cantrips from those three lists,
//! recorded at or after that feature's level; always prepared, so they count against no limit).
//! Both features are recognised by their id suffixes (`magical-secrets`, `magical-discoveries`).
//! Mystic Arcanum lets a Warlock record one spell of level 6, 7, 8 and 9 from the levels of its
//! four `mystic-arcanum` features; arcanum spells are not prepared spells.

use super::input::Input;
use super::spells::{Rec, feature_level, granted, max_level, records, repeated};
use crate::rules::{ClassDef, SpellDef};

/// The lists Magical Secrets and Magical Discoveries open.
use crate::rules::tables::MAGICAL_SECRETS_LISTS as SECRET_LISTS;

/// Highest Mystic Arcanum spell level at a class level (0 without the feature).
pub(super) fn arcanum_max(class: &ClassDef, lvl: u32) -> u8 {
    let n = class
        .features
        .iter()
        .filter(|f| f.id.ends_with("mystic-arcanum") && f.level as u32 <= lvl)
        .count() as u8;
    if n == 0 { 0 } else { 5 + n }
}

/// A Mystic Arcanum spell: above the Pact Magic slot level, within the arcanum levels reached,
/// and the first spell of its level recorded for the class.
pub(super) fn arcanum(input: &Input<'_>, r: &Rec<'_>, sd: &SpellDef) -> bool {
    let Some(sc) = &r.class.spellcasting else {
        return false;
    };
    if r.cantrip || sd.level < 6 || sd.level <= max_level(sc, r.lvl) {
        return false;
    }
    sd.level <= arcanum_max(r.class, r.lvl)
        && !records(input).take_while(|o| o.pos() < r.pos()).any(|o| {
            o.class.id == r.class.id
                && !o.cantrip
                && o.id != r.id
                && o.def.is_some_and(|s| s.level == sd.level)
        })
}

/// Why a recorded spell is allowed for its class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Src {
    List,
    Granted,
    Secrets,
    Discovery,
    Off,
}

/// On one of the lists Magical Secrets and Magical Discoveries open.
pub(crate) fn opened(sd: &SpellDef) -> bool {
    sd.classes
        .iter()
        .any(|c| SECRET_LISTS.contains(&c.as_str()))
}

fn on_list(r: &Rec<'_>, sd: &SpellDef) -> bool {
    r.class
        .spellcasting
        .as_ref()
        .is_some_and(|sc| sd.classes.contains(&sc.spell_list))
}

fn secrets(r: &Rec<'_>, sd: &SpellDef) -> bool {
    !r.cantrip
        && sd.level > 0
        && opened(sd)
        && feature_level(&r.class.features, "magical-secrets").is_some_and(|l| r.lvl >= l)
}

/// Rank of a Magical Discoveries candidate; the two lowest take the picks: cantrips first, then
/// spells Magical Secrets does not cover, then the rest, each in file order.
fn discovery_rank(input: &Input<'_>, r: &Rec<'_>, from: u32) -> Option<(u8, (usize, bool, usize))> {
    let sd = r.def?;
    if r.lvl < from || on_list(r, sd) || !opened(sd) || granted(input, &r.class.id, r.id) {
        return None;
    }
    if repeated(input, r) {
        return None;
    }
    let pri = match (r.cantrip, secrets(r, sd)) {
        (true, _) => 0,
        (false, false) => 1,
        (false, true) => 2,
    };
    Some((pri, r.pos()))
}

fn discovery(input: &Input<'_>, r: &Rec<'_>) -> bool {
    let Some(from) = input
        .subclass_of(&r.class.id)
        .and_then(|s| feature_level(&s.features, "magical-discoveries"))
    else {
        return false;
    };
    let Some(key) = discovery_rank(input, r, from) else {
        return false;
    };
    records(input)
        .filter(|o| o.class.id == r.class.id)
        .filter_map(|o| discovery_rank(input, &o, from))
        .filter(|k| *k < key)
        .count()
        < 2
}

pub(super) fn source(input: &Input<'_>, r: &Rec<'_>, sd: &SpellDef) -> Src {
    if on_list(r, sd) {
        Src::List
    } else if granted(input, &r.class.id, r.id) {
        Src::Granted
    } else if discovery(input, r) {
        Src::Discovery
    } else if secrets(r, sd) {
        Src::Secrets
    } else {
        Src::Off
    }
}
