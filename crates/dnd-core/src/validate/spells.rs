//! Rules: spells recorded at class levels — class spell lists, spell levels, cantrip and
//! prepared counts, the Wizard's spellbook, duplicates, concentration and banned spells.
//!
//! A spell off its class's list is allowed when a feature grants it: the class's and subclass's
//! always-prepared spells (as the sheet lists them), the Bard's Magical Secrets (a level 1+ spell
//! recorded at or after that feature's level may come from the Cleric, Druid or Wizard list) and
//! the College of Lore's Magical Discoveries (two spells or cantrips from those three lists,
//! recorded at or after that feature's level; always prepared, so they count against no limit).
//! Both features are recognised by their id suffixes (`magical-secrets`, `magical-discoveries`).
//! Mystic Arcanum lets a Warlock record one spell of level 6, 7, 8 and 9 from the levels of its
//! four `mystic-arcanum` features; arcanum spells are not prepared spells.
//!
//! For a class with a spellbook (Wizard) the recorded spells are the spellbook, not the prepared
//! list: the book must hold at least the Prepared Spells number, holding more than the free
//! spells of its levels (six, two per level after the first, and an Evocation Savant-like
//! `-savant` feature's) warns that the rest were copied at a cost, and the prepared list is
//! checked in `state.prepared` when present (in the book, at most the Prepared Spells number).

use std::hash::Hasher;

use rustc_hash::FxHasher;
use serde_json::json;

use super::input::Input;
use super::patch::PatchOp;
use super::registry::{RuleDef, Sink, sections::*};
use super::report::Severity::{Error, Warning};
use crate::derive::caster_level_part;
use crate::rules::tables::spell_slots;
use crate::rules::{ClassDef, Feature, Progression, SpellDef, Spellcasting};
use crate::sheet::CasterLine;

const SP: &str = "Spells";
const CL: &str = "Classes";
const GL: &str = "Rules Glossary";
/// The lists Magical Secrets and Magical Discoveries open.
const SECRET_LISTS: [&str; 3] = ["cleric", "druid", "wizard"];

macro_rules! rule {
    ($code:literal, $sev:expr, $ch:expr, $h:literal, $desc:literal, $reads:expr, $sheet:expr, $f:ident) => {
        RuleDef {
            code: $code,
            severity: $sev,
            chapter: $ch,
            heading: $h,
            description: $desc,
            reads: $reads,
            needs_sheet: $sheet,
            check: $f,
        }
    };
}

#[rustfmt::skip]
pub(super) const RULES: &[RuleDef] = &[
    rule!("spell.class.no_spellcasting", Error, SP, "Gaining Spells",
        "spells or cantrips recorded at a level of a class without spellcasting",
        LEVELS, false, no_spellcasting),
    rule!("spell.kind.misfiled", Error, GL, "Cantrip",
        "a level 1+ spell recorded among cantrips, or a cantrip among spells",
        LEVELS, false, misfiled),
    rule!("spell.list.off_list", Error, SP, "Class Spell Lists",
        "a spell not on the class's spell list and not granted by a class or subclass feature",
        SHEET, true, off_list),
    rule!("spell.level.too_high", Error, SP, "Spell Level",
        "a spell above the highest slot level of its class's own table at the class level it was recorded",
        LEVELS, false, too_high),
    rule!("spell.record.duplicate", Warning, SP, "Preparing Spells",
        "the same spell or cantrip recorded twice for one class",
        LEVELS, false, duplicate),
    rule!("spell.cantrips.too_many", Error, CL, "Spellcasting",
        "more cantrips recorded for a class than it knows at its level",
        SHEET, true, cantrips_too_many),
    rule!("spell.prepared.too_many", Error, SP, "Preparing Spells",
        "more spells prepared for a class than its Prepared Spells number (always-prepared spells not counted)",
        SHEET, true, prepared_too_many),
    rule!("spell.prepared.not_in_spellbook", Error, CL, "Wizard Class Features",
        "a Wizard spell prepared (state.prepared) that is not in the spellbook",
        SHEET, true, not_in_spellbook),
    rule!("spell.spellbook.too_small", Error, CL, "Wizard Class Features",
        "a spellbook with fewer level 1+ spells than the Wizard prepares",
        LEVELS, false, spellbook_too_small),
    rule!("spell.spellbook.copied", Warning, CL, "Wizard Class Features",
        "more spellbook spells than the free ones of the Wizard's levels: the rest were copied at a cost",
        LEVELS, false, spellbook_copied),
    rule!("spell.concentration.invalid", Error, GL, "Concentration",
        "concentrating on an unknown spell, a spell without Concentration, or a spell the character lacks",
        SHEET, true, concentration),
    rule!("profile.spell.banned", Error, SP, "Gaining Spells",
        "a spell the campaign's profile bans",
        LEVELS | BACKGROUND | ORIGIN | STATE, false, banned),
];

/// One spell or cantrip recorded at a character level.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rec<'a> {
    /// Index into `levels`, and into that level's list.
    i: usize,
    j: usize,
    cantrip: bool,
    id: &'a str,
    class: &'a ClassDef,
    /// The class level when recorded.
    lvl: u32,
    /// The same spell was recorded earlier for the same class and list.
    dup: bool,
    /// The spell's facts (`None` for an unknown id).
    def: Option<&'a SpellDef>,
}

impl Rec<'_> {
    fn list(&self) -> &'static str {
        if self.cantrip { "cantrips" } else { "spells" }
    }
    fn path(&self) -> String {
        format!("/levels/{}/{}/{}", self.i, self.list(), self.j)
    }
    fn pos(&self) -> (usize, bool, usize) {
        (self.i, !self.cantrip, self.j)
    }
}

/// Every recorded spell of a known class, in file order (a level's cantrips before its spells);
/// built once per validation and shared by the spell rules.
fn records<'a, 's>(input: &'s Input<'a>) -> impl Iterator<Item = Rec<'a>> + 's {
    input
        .spell_records
        .get_or_init(|| build_records(input))
        .iter()
        .copied()
}

fn build_records<'a>(input: &Input<'a>) -> Vec<Rec<'a>> {
    let ch: &'a crate::model::Character = input.ch;
    let mut out: Vec<Rec<'a>> = Vec::with_capacity(32);
    let mut seen = rustc_hash::FxHashSet::default();
    for (i, (lv, info)) in ch.levels.iter().zip(&input.levels).enumerate() {
        let Some(class) = info.class else { continue };
        let c = lv.cantrips.iter().enumerate().map(|(j, id)| (j, id, true));
        let s = lv.spells.iter().enumerate().map(|(j, id)| (j, id, false));
        for (j, id, cantrip) in c.chain(s) {
            let dup = !seen.insert((class.id.as_str(), cantrip, id.as_str()));
            let def = input.rules.spells.get(id);
            out.push(Rec {
                i,
                j,
                cantrip,
                id,
                class,
                lvl: info.class_level,
                dup,
                def,
            });
        }
    }
    out
}

/// Ids deduplicated on the stack (allocating only past 64), sorted by hash for fast membership.
struct Sorted<'a> {
    head: [(u64, &'a str); 64],
    n: usize,
    rest: Vec<(u64, &'a str)>,
    /// Some id came more than once.
    dups: bool,
}

fn hash(id: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(id.as_bytes());
    h.finish()
}

impl<'a> Sorted<'a> {
    fn of(ids: impl Iterator<Item = &'a str>) -> Self {
        let mut s = Sorted {
            head: [(0, ""); 64],
            n: 0,
            rest: Vec::new(),
            dups: false,
        };
        for id in ids {
            if s.n < s.head.len() {
                s.head[s.n] = (hash(id), id);
                s.n += 1;
            } else {
                s.rest.push((hash(id), id));
            }
        }
        let v: &mut [(u64, &str)] = if s.rest.is_empty() {
            &mut s.head[..s.n]
        } else {
            s.rest.extend_from_slice(&s.head[..s.n]);
            s.n = 0;
            &mut s.rest
        };
        v.sort_unstable();
        let mut w = 0;
        for r in 0..v.len() {
            if w == 0 || v[r] != v[w - 1] {
                v[w] = v[r];
                w += 1;
            }
        }
        s.dups = w < v.len();
        if s.rest.is_empty() {
            s.n = w;
        } else {
            s.rest.truncate(w);
        }
        s
    }
    fn contains(&self, id: &str) -> bool {
        let k = (hash(id), id);
        self.head[..self.n].binary_search(&k).is_ok() || self.rest.binary_search(&k).is_ok()
    }
    fn len(&self) -> u32 {
        (self.n + self.rest.len()) as u32
    }
}

/// The spells recorded for a spellbook class: the spellbook (a cantrip among them is reported
/// as misfiled, not here).
fn book<'a>(input: &Input<'a>, class: &str) -> Sorted<'a> {
    let mine = records(input).filter(|r| !r.cantrip && r.class.id == class);
    Sorted::of(mine.map(|r| r.id))
}

fn spell<'a>(input: &Input<'a>, id: &str) -> Option<&'a SpellDef> {
    input.rules.spells.get(id)
}

/// Highest spell level of the class's own table at a class level (Pact Magic: the slot level).
fn max_level(sc: &Spellcasting, lvl: u32) -> u8 {
    if sc.progression == Progression::Pact {
        let row = sc.pact_slots.get(lvl.clamp(1, 20) as usize - 1);
        return row.map_or(0, |r| r.slot_level);
    }
    let slots = spell_slots(caster_level_part(sc.progression, lvl, false));
    slots
        .iter()
        .rposition(|n| *n > 0)
        .map_or(0, |k| k as u8 + 1)
}

/// Highest Mystic Arcanum spell level at a class level (0 without the feature).
fn arcanum_max(class: &ClassDef, lvl: u32) -> u8 {
    let n = class
        .features
        .iter()
        .filter(|f| f.id.ends_with("mystic-arcanum") && f.level as u32 <= lvl)
        .count() as u8;
    if n == 0 { 0 } else { 5 + n }
}

fn feature_level(features: &[Feature], suffix: &str) -> Option<u32> {
    features
        .iter()
        .find(|f| f.id.ends_with(suffix))
        .map(|f| f.level as u32)
}

/// An earlier record of the same class and list has the same id.
fn repeated(_input: &Input<'_>, r: &Rec<'_>) -> bool {
    r.dup
}

fn caster<'s, 'a>(input: &'s Input<'a>, class: &str) -> Option<&'s CasterLine<'a>> {
    let sc = input.sheet.as_ref()?.spellcasting.as_ref()?;
    sc.classes.iter().find(|c| c.class == class)
}

/// Always prepared for the class (class and subclass features, as the sheet lists them).
fn granted(input: &Input<'_>, class: &str, id: &str) -> bool {
    caster(input, class).is_some_and(|c| c.always_prepared.iter().any(|s| s == id))
}

/// A Mystic Arcanum spell: above the Pact Magic slot level, within the arcanum levels reached,
/// and the first spell of its level recorded for the class.
fn arcanum(input: &Input<'_>, r: &Rec<'_>, sd: &SpellDef) -> bool {
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
enum Src {
    List,
    Granted,
    Secrets,
    Discovery,
    Off,
}

/// On one of the lists Magical Secrets and Magical Discoveries open.
fn opened(sd: &SpellDef) -> bool {
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

fn source(input: &Input<'_>, r: &Rec<'_>, sd: &SpellDef) -> Src {
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

fn no_spellcasting(input: &Input<'_>, out: &mut Sink<'_>) {
    for (i, (lv, info)) in input.ch.levels.iter().zip(&input.levels).enumerate() {
        let Some(class) = info.class.filter(|c| c.spellcasting.is_none()) else {
            continue;
        };
        for (list, ids) in [("cantrips", &lv.cantrips), ("spells", &lv.spells)] {
            if ids.is_empty() {
                continue;
            }
            let path = format!("/levels/{i}/{list}");
            out.push(
                path.clone(),
                format!(
                    "{0} has no spellcasting, yet {0} level {1} records {list} ({2})",
                    class.id,
                    info.class_level,
                    ids.join(", ")
                ),
            )
            .fix(vec![PatchOp::Remove { path }])
            .suggest("record spells at the levels of a spellcasting class, or as a feat's choices");
        }
    }
}

fn misfiled(input: &Input<'_>, out: &mut Sink<'_>) {
    for r in records(input) {
        let Some(sd) = r.def else {
            continue;
        };
        if r.cantrip == (sd.level == 0) {
            continue;
        }
        let lv = &input.ch.levels[r.i];
        let (to, target) = if r.cantrip {
            ("spells", &lv.spells)
        } else {
            ("cantrips", &lv.cantrips)
        };
        // Two moves into the same missing list would overwrite each other: no fix then.
        let others = records(input).filter(|o| o.i == r.i && o.cantrip == r.cantrip);
        let alone = others
            .filter(|o| o.def.is_some_and(|s| o.cantrip != (s.level == 0)))
            .count()
            == 1;
        let msg = if r.cantrip {
            format!(
                "`{}` is a level {} spell, recorded among cantrips",
                r.id, sd.level
            )
        } else {
            format!("`{}` is a cantrip, recorded among level 1+ spells", r.id)
        };
        let issue = out.push(r.path(), msg);
        let add = if !target.is_empty() {
            let path = format!("/levels/{}/{to}/-", r.i);
            Some(PatchOp::Add {
                path,
                value: json!(r.id),
            })
        } else if alone {
            let path = format!("/levels/{}/{to}", r.i);
            Some(PatchOp::Add {
                path,
                value: json!([r.id]),
            })
        } else {
            None
        };
        if let Some(add) = add {
            issue.fix(vec![PatchOp::Remove { path: r.path() }, add]);
        }
        issue.suggest(format!("move it to the level's {to}"));
    }
}

fn off_list(input: &Input<'_>, out: &mut Sink<'_>) {
    for r in records(input) {
        let (Some(sd), Some(sc)) = (r.def, r.class.spellcasting.as_ref()) else {
            continue;
        };
        if source(input, &r, sd) != Src::Off {
            continue;
        }
        let msg = format!(
            "`{}` is not on the {} spell list (it is on: {})",
            r.id,
            sc.spell_list,
            sd.classes.join(", ")
        );
        let issue = out.push(r.path(), msg);
        if let Some(l) = feature_level(&r.class.features, "magical-secrets") {
            if opened(sd) && !r.cantrip {
                issue.suggest(format!(
                    "Magical Secrets opens the Cleric, Druid and Wizard lists from {} level {l}",
                    r.class.id
                ));
            }
        }
    }
}

fn too_high(input: &Input<'_>, out: &mut Sink<'_>) {
    for r in records(input) {
        let (Some(sd), Some(sc)) = (r.def, r.class.spellcasting.as_ref()) else {
            continue;
        };
        let max = max_level(sc, r.lvl);
        if r.cantrip || sd.level == 0 || sd.level <= max || arcanum(input, &r, sd) {
            continue;
        }
        let msg = format!(
            "`{}` is a level {} spell; at {} level {} the highest slot level is {max}",
            r.id, sd.level, r.class.id, r.lvl
        );
        let issue = out.push(r.path(), msg);
        if sd.level >= 6 && sd.level <= arcanum_max(r.class, r.lvl) {
            issue.suggest(format!(
                "Mystic Arcanum grants one level {} spell, and another is recorded already",
                sd.level
            ));
        }
    }
}

fn duplicate(input: &Input<'_>, out: &mut Sink<'_>) {
    for class in input
        .levels
        .iter()
        .filter(|l| l.new_class)
        .filter_map(|l| l.class)
    {
        for cantrip in [true, false] {
            let mine = || records(input).filter(|r| r.cantrip == cantrip && r.class.id == class.id);
            if !Sorted::of(mine().map(|r| r.id)).dups {
                continue;
            }
            for r in mine() {
                if repeated(input, &r) {
                    out.push(
                        r.path(),
                        format!("`{}` is recorded twice for {}", r.id, r.class.id),
                    )
                    .fix(vec![PatchOp::Remove { path: r.path() }]);
                }
            }
        }
    }
}

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

fn book_class<'a>(input: &Input<'a>, class: &str) -> Option<&'a ClassDef> {
    let c = input.rules.classes.get(class)?;
    c.spellcasting
        .as_ref()
        .is_some_and(|s| s.spellbook)
        .then_some(c)
}

fn over_limit(input: &Input<'_>, out: &mut Sink<'_>, cantrips: bool) {
    let Some(sc) = input.sheet.as_ref().and_then(|s| s.spellcasting.as_ref()) else {
        return;
    };
    for line in &sc.classes {
        // A spellbook lists spells known, not prepared: see `prepared_state`.
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
        let (Some(_), Some(line)) = (book_class(input, class), caster(input, class)) else {
            continue;
        };
        let book = book(input, class);
        let counts = |j: usize, id: &str| {
            spell(input, id).is_some_and(|s| s.level > 0)
                && book.contains(id)
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

/// Where a feat sits: the background's, the species's, or one of a level's.
type FeatAt = Option<Option<(usize, usize)>>;

fn feat_path(at: FeatAt) -> String {
    match at {
        None => "/background/feat".into(),
        Some(None) => "/origin/species_feat".into(),
        Some(Some((i, j))) => format!("/levels/{i}/feats/{j}"),
    }
}

/// The spell choices of the character's feats: (where, key, ids).
fn feat_lists(ch: &crate::model::Character) -> impl Iterator<Item = (FeatAt, &str, &[String])> {
    let bg = ch.background.feat.iter().map(|f| (None, f));
    let sp = ch.origin.species_feat.iter().map(|f| (Some(None), f));
    let lv = ch.levels.iter().enumerate().flat_map(|(i, l)| {
        let feats = l.feats.iter().enumerate();
        feats.map(move |(j, f)| (Some(Some((i, j))), f))
    });
    bg.chain(sp).chain(lv).flat_map(|(at, f)| {
        let lists = f
            .choices
            .iter()
            .filter(|(k, _)| *k == "spells" || *k == "cantrips");
        lists.map(move |(k, ids)| (at, k.as_str(), ids.as_slice()))
    })
}

/// Known, prepared or always prepared: level records, feat choices, prepared lists, features.
fn has_spell(input: &Input<'_>, id: &str) -> bool {
    let ch = input.ch;
    let level = ch.level();
    let lineage = input.rules.species.get(&ch.species.id).and_then(|s| {
        let l = ch.species.lineage.as_deref()?;
        s.lineages.iter().find(|x| x.id == l)
    });
    ch.levels
        .iter()
        .any(|l| l.cantrips.iter().chain(&l.spells).any(|s| s == id))
        || ch.state.prepared.values().flatten().any(|s| s == id)
        || input
            .sheet
            .as_ref()
            .and_then(|s| s.spellcasting.as_ref())
            .is_some_and(|sc| {
                sc.classes
                    .iter()
                    .any(|c| c.always_prepared.iter().any(|s| s == id))
            })
        || lineage.is_some_and(|l| {
            l.spells
                .iter()
                .any(|ls| ls.level as u32 <= level && ls.spells.iter().any(|s| s == id))
        })
        || feat_lists(ch).any(|(_, _, ids)| ids.iter().any(|s| s == id))
}

fn concentration(input: &Input<'_>, out: &mut Sink<'_>) {
    let Some(id) = input.ch.state.concentration.as_deref() else {
        return;
    };
    let why = match spell(input, id) {
        None => format!("`{id}` is not a known spell"),
        Some(s) if !s.concentration => format!("`{id}` does not require Concentration"),
        Some(_) if !has_spell(input, id) => {
            format!("`{id}` is not among the character's known, prepared or always-prepared spells")
        }
        Some(_) => return,
    };
    let path = "/state/concentration".to_string();
    out.push(path.clone(), why)
        .fix(vec![PatchOp::Remove { path }]);
}

fn banned(input: &Input<'_>, out: &mut Sink<'_>) {
    let banned = &input.profile.banned_spells;
    if banned.is_empty() {
        return;
    }
    let is = |id: &str| banned.iter().any(|b| b == id);
    let msg = |id: &str| format!("`{id}` is banned by the campaign's profile");
    for (i, lv) in input.ch.levels.iter().enumerate() {
        for (list, ids) in [("cantrips", &lv.cantrips), ("spells", &lv.spells)] {
            for (j, id) in ids.iter().enumerate().filter(|(_, id)| is(id)) {
                out.push(format!("/levels/{i}/{list}/{j}"), msg(id));
            }
        }
    }
    for (at, key, ids) in feat_lists(input.ch) {
        for (j, id) in ids.iter().enumerate().filter(|(_, id)| is(id)) {
            out.push(format!("{}/choices/{key}/{j}", feat_path(at)), msg(id));
        }
    }
    for (class, ids) in &input.ch.state.prepared {
        for (j, id) in ids.iter().enumerate().filter(|(_, id)| is(id)) {
            out.push(format!("/state/prepared/{class}/{j}"), msg(id));
        }
    }
}
