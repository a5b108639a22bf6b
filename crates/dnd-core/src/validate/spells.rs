//! Rules: spells recorded at class levels — spells at a class without spellcasting, cantrips and
//! spells filed in the wrong list, class spell lists, spell levels and duplicates — and the
//! spell records every spell rule reads.
//!
//! Which features allow a spell off its class's list is decided in `spell_grants`; cantrip and
//! prepared counts are checked in `spell_limits`, the Wizard's spellbook in `spellbook`, and
//! concentration and banned spells in `spells_held`.

use std::hash::Hasher;

use rustc_hash::FxHasher;
use serde_json::json;

use super::input::Input;
use super::patch::PatchOp;
use super::registry::{RuleDef, Sink, rule, sections::*};
use super::report::Severity::{Error, Warning};
use super::spell_grants::{Src, arcanum, arcanum_max, opened, source};
use crate::rules::{ClassDef, Feature, SpellDef, Spellcasting};
use crate::sheet::CasterLine;

const SP: &str = "Spells";
const GL: &str = "Rules Glossary";

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
];

/// One spell or cantrip recorded at a character level.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rec<'a> {
    /// Index into `levels`, and into that level's list.
    pub(super) i: usize,
    pub(super) j: usize,
    pub(super) cantrip: bool,
    pub(super) id: &'a str,
    pub(super) class: &'a ClassDef,
    /// The class level when recorded.
    pub(super) lvl: u32,
    /// The same spell was recorded earlier for the same class and list.
    pub(super) dup: bool,
    /// The spell's facts (`None` for an unknown id).
    pub(super) def: Option<&'a SpellDef>,
}

impl Rec<'_> {
    fn list(&self) -> &'static str {
        if self.cantrip { "cantrips" } else { "spells" }
    }
    pub(super) fn path(&self) -> String {
        format!("/levels/{}/{}/{}", self.i, self.list(), self.j)
    }
    pub(super) fn pos(&self) -> (usize, bool, usize) {
        (self.i, !self.cantrip, self.j)
    }
}

/// Every recorded spell of a known class, in file order (a level's cantrips before its spells);
/// built once per validation and shared by the spell rules.
pub(super) fn records<'a, 's>(input: &'s Input<'a>) -> impl Iterator<Item = Rec<'a>> + 's {
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
pub(super) struct Sorted<'a> {
    head: [(u64, &'a str); 64],
    n: usize,
    rest: Vec<(u64, &'a str)>,
    /// Some id came more than once.
    pub(super) dups: bool,
}

fn hash(id: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(id.as_bytes());
    h.finish()
}

impl<'a> Sorted<'a> {
    pub(super) fn of(ids: impl Iterator<Item = &'a str>) -> Self {
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
    pub(super) fn contains(&self, id: &str) -> bool {
        let k = (hash(id), id);
        self.head[..self.n].binary_search(&k).is_ok() || self.rest.binary_search(&k).is_ok()
    }
    pub(super) fn len(&self) -> u32 {
        (self.n + self.rest.len()) as u32
    }
}

pub(super) fn spell<'a>(input: &Input<'a>, id: &str) -> Option<&'a SpellDef> {
    input.rules.spells.get(id)
}

/// Highest spell level of the class's own table at a class level (Pact Magic: the slot level).
pub(crate) fn max_level(sc: &Spellcasting, lvl: u32) -> u8 {
    sc.max_spell_level(lvl)
}

pub(crate) fn feature_level(features: &[Feature], suffix: &str) -> Option<u32> {
    features
        .iter()
        .find(|f| f.id.ends_with(suffix))
        .map(|f| f.level as u32)
}

/// An earlier record of the same class and list has the same id.
pub(super) fn repeated(_input: &Input<'_>, r: &Rec<'_>) -> bool {
    r.dup
}

pub(super) fn caster<'s, 'a>(input: &'s Input<'a>, class: &str) -> Option<&'s CasterLine<'a>> {
    let sc = input.sheet.as_ref()?.spellcasting.as_ref()?;
    sc.classes.iter().find(|c| c.class == class)
}

/// Always prepared for the class (class and subclass features, as the sheet lists them).
pub(super) fn granted(input: &Input<'_>, class: &str, id: &str) -> bool {
    caster(input, class).is_some_and(|c| c.always_prepared.iter().any(|s| s == id))
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
