//! The spell decisions of a class level: cantrips and spells from the class's table deltas (six
//! then two spellbook spells a level for a Wizard), within the class's castable level, and the
//! Warlock's Mystic Arcanum.

use crate::rules::{SpellDef, Spellcasting};
use crate::sheet::Sheet;

use super::decision::{Decision, Step};
use super::level_plan::{Planned, is_feature};

/// Lists Magical Secrets opens.
use crate::rules::tables::MAGICAL_SECRETS_LISTS as SECRET_LISTS;

/// Spell ids recorded for the planned class at other levels (cantrips or not).
fn recorded(p: &Planned<'_>, cantrips: bool) -> Vec<String> {
    let others =
        p.ch.levels
            .iter()
            .enumerate()
            .filter(|(k, l)| *k != p.i && l.class == p.class.id);
    others
        .flat_map(|(_, l)| {
            if cantrips {
                l.cantrips.iter()
            } else {
                l.spells.iter()
            }
        })
        .cloned()
        .collect()
}

/// Spells the character has from its origin: feat picks and lineage spells.
fn from_origin(p: &Planned<'_>) -> Vec<String> {
    let ch = p.ch;
    let feats = ch
        .origin
        .species_feat
        .iter()
        .chain(ch.background.feat.iter());
    let feats = feats.chain(ch.levels.iter().flat_map(|l| l.feats.iter()));
    let mut out: Vec<String> = feats
        .flat_map(|f| f.choices.iter())
        .filter(|(k, _)| *k == "cantrips" || *k == "spells")
        .flat_map(|(_, v)| v.iter().cloned())
        .collect();
    let lineage = p.rules.species.get(&ch.species.id).and_then(|s| {
        s.lineages
            .iter()
            .find(|l| Some(&l.id) == ch.species.lineage.as_ref())
    });
    out.extend(
        lineage
            .into_iter()
            .flat_map(|l| l.spells.iter())
            .flat_map(|s| s.spells.iter().cloned()),
    );
    out
}

/// Appends the cantrip, spell and arcanum decisions.
pub(crate) fn spells(p: &Planned<'_>, sheet: Option<&Sheet<'_>>, out: &mut Vec<Decision>) {
    let Some(sc) = &p.class.spellcasting else {
        return;
    };
    let n = p.n;
    let on_list = |s: &&SpellDef| s.classes.contains(&sc.spell_list);
    let all = p.rules.spells.all();
    let cantrips =
        Spellcasting::at(&sc.cantrips, n).saturating_sub(Spellcasting::at(&sc.cantrips, n - 1));
    if cantrips > 0 {
        let mut had = recorded(p, true);
        had.extend(from_origin(p));
        let opts: Vec<String> = all
            .iter()
            .filter(|s| s.level == 0)
            .filter(on_list)
            .filter(|s| !had.contains(&s.id))
            .map(|s| s.id.clone())
            .collect();
        let count = cantrips.min(opts.len() as u32);
        out.push(Decision::pick(
            "cantrips",
            Step::Class,
            count,
            "cantrips",
            opts,
        ));
    }
    let count = if sc.spellbook {
        if n == 1 { 6 } else { 2 }
    } else {
        Spellcasting::at(&sc.prepared, n).saturating_sub(Spellcasting::at(&sc.prepared, n - 1))
    };
    let max = sc.max_spell_level(n);
    if count > 0 && max > 0 {
        let mut had = recorded(p, false);
        had.extend(from_origin(p));
        let always: Vec<&str> = sheet
            .and_then(|s| s.spellcasting.as_ref())
            .and_then(|s| s.classes.iter().find(|c| c.class == p.class.id))
            .map(|c| c.always_prepared.iter().map(|s| s.as_ref()).collect())
            .unwrap_or_default();
        let secrets = p
            .class
            .features
            .iter()
            .any(|f| is_feature(&f.id, "magical-secrets") && f.level as u32 <= n);
        let opened =
            |s: &&SpellDef| secrets && s.classes.iter().any(|c| SECRET_LISTS.contains(&c.as_str()));
        let fits = |s: &&SpellDef| {
            (1..=max).contains(&s.level) && !had.contains(&s.id) && !always.contains(&s.id.as_str())
        };
        // Own list first, then what Magical Secrets opens.
        let mut opts: Vec<String> = all
            .iter()
            .filter(fits)
            .filter(on_list)
            .map(|s| s.id.clone())
            .collect();
        opts.extend(
            all.iter()
                .filter(fits)
                .filter(|s| !on_list(s) && opened(s))
                .map(|s| s.id.clone()),
        );
        let what = if sc.spellbook {
            "spells for the spellbook"
        } else {
            "spells to prepare"
        };
        let count = count.min(opts.len() as u32);
        let mut d = Decision::pick("spells", Step::Class, count, what, opts);
        d.prompt = format!("{d} (level 1 to {max})", d = d.prompt);
        out.push(d);
    }
    let arcana = p
        .class
        .features
        .iter()
        .filter(|f| is_feature(&f.id, "mystic-arcanum"));
    if p.gained().any(|f| is_feature(&f.id, "mystic-arcanum")) {
        let level = 5 + arcana.filter(|f| f.level as u32 <= n).count() as u8;
        let opts: Vec<String> = all
            .iter()
            .filter(|s| s.level == level)
            .filter(on_list)
            .map(|s| s.id.clone())
            .collect();
        let mut d = Decision::pick("arcanum", Step::Class, 1, "spells for Mystic Arcanum", opts);
        d.prompt = format!("{} (level {level})", d.prompt);
        out.push(d);
    }
}
