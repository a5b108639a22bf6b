//! Decisions some class features add: languages (Thieves' Cant, Deft Explorer) and the spells
//! a feature keeps prepared (Spell Mastery, Signature Spells).

use crate::rules::Feature;

use super::decision::{Decision, Step};
use super::level_plan::{Planned, is_feature};

fn ids<'a>(it: impl Iterator<Item = &'a str>) -> Vec<String> {
    it.map(str::to_string).collect()
}

/// Languages a feature grants a choice of (Thieves' Cant and one more; Deft Explorer's two).
pub(crate) fn languages(p: &Planned<'_>, f: &Feature) -> Option<Decision> {
    let (count, fixed) = if is_feature(&f.id, "thieves-cant") {
        (2, Some("thieves-cant"))
    } else if is_feature(&f.id, "deft-explorer") {
        (2, None)
    } else {
        return None;
    };
    let ch = p.ch;
    let known: Vec<&str> = ch
        .origin
        .languages
        .iter()
        .chain(
            ch.levels
                .iter()
                .enumerate()
                .filter(|(k, _)| *k != p.i)
                .flat_map(|(_, l)| l.languages.iter()),
        )
        .map(String::as_str)
        .collect();
    let all = p.rules.languages.all().iter().map(|l| l.id.as_str());
    let mut opts: Vec<String> = ids(all.filter(|l| *l != "common" && !known.contains(l)));
    // Standard languages before rare ones.
    let rare = |id: &String| p.rules.languages.get(id).is_some_and(|l| l.rare);
    opts.sort_by_key(rare);
    if let Some(fx) = fixed {
        opts.retain(|l| l != fx);
        opts.insert(0, fx.to_string());
    }
    let mut d = Decision::pick("languages", Step::Class, count, "languages", opts);
    if let Some(fx) = fixed {
        d.prompt = format!("{} ({fx} and one more)", d.prompt);
    }
    Some(d)
}

/// Spell Mastery (one level 1 and one level 2 spellbook spell) and Signature Spells (two level 3).
pub(crate) fn prepared_choice(p: &Planned<'_>, f: &Feature, key: &str) -> Decision {
    let levels: &[u8] = if is_feature(&f.id, "spell-mastery") {
        &[1, 2]
    } else {
        &[3]
    };
    let book =
        p.ch.levels
            .iter()
            .filter(|l| l.class == p.class.id)
            .flat_map(|l| l.spells.iter());
    let opts = book
        .filter(|s| {
            p.rules
                .spells
                .get(s)
                .is_some_and(|d| levels.contains(&d.level))
        })
        .map(String::as_str);
    let mut d = Decision::pick(
        key,
        Step::Class,
        2,
        &format!("spellbook spells for {}", f.name),
        ids(opts),
    );
    d.prompt = if levels.len() == 2 {
        format!("{} (one of level 1, one of level 2)", d.prompt)
    } else {
        format!("{} (level 3)", d.prompt)
    };
    d
}
