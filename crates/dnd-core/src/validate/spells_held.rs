//! Rules: every spell the character holds, wherever it is recorded (class levels, feat choices,
//! prepared lists, a lineage, features) — the spell concentrated on, and the profile's banned
//! spells.

use super::input::Input;
use super::patch::PatchOp;
use super::registry::{RuleDef, Sink, rule, sections::*};
use super::report::Severity::Error;
use super::spells::spell;

const SP: &str = "Spells";
const GL: &str = "Rules Glossary";

#[rustfmt::skip]
pub(super) const RULES: &[RuleDef] = &[
    rule!("spell.concentration.invalid", Error, GL, "Concentration",
        "concentrating on an unknown spell, a spell without Concentration, or a spell the character lacks",
        SHEET, true, concentration),
    rule!("profile.spell.banned", Error, SP, "Gaining Spells",
        "a spell the campaign's profile bans",
        LEVELS | BACKGROUND | ORIGIN | STATE, false, banned),
];

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
