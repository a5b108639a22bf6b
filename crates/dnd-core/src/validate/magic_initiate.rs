//! Rules: Magic Initiate — its spell list (cleric, druid or wizard, or the background's; another
//! list each time it is taken) and its two cantrips and one level 1 spell from that list.

use serde_json::json;

use super::feat::{At, Held, held};
use super::input::Input;
use super::patch::PatchOp;
use super::registry::{RuleDef, Sink, sections::*};
use super::report::Severity::Error;

const FT: &str = "Feats";
const MI: &str = "magic-initiate";
use crate::rules::tables::MAGIC_INITIATE_LISTS as MI_LISTS;
const FEATS: u16 = LEVELS | BACKGROUND | ORIGIN;

#[rustfmt::skip]
pub(super) const RULES: &[RuleDef] = &[
    super::registry::rule!("feat.magic_initiate.list", Error, FT, "Magic Initiate",
        "Magic Initiate without one of the cleric, druid or wizard lists (or the background's), or with a list used before",
        FEATS, false, magic_initiate_list),
    super::registry::rule!("feat.magic_initiate.spells", Error, FT, "Magic Initiate",
        "Magic Initiate without exactly two cantrips and one level 1 spell of its list",
        FEATS, false, magic_initiate_spells),
];

/// The list a Magic Initiate uses: the background's fixed one, else the single recorded one.
fn mi_list<'a>(input: &Input<'a>, h: &Held<'a>) -> Option<&'a str> {
    if h.at == At::Background {
        let bg = input.rules.backgrounds.get(&input.ch.background.id);
        if let Some(f) = bg.and_then(|b| b.feat_choices.get("spell_list")) {
            return Some(f);
        }
    }
    match h.choice?.choices.get("spell_list")?.as_slice() {
        [x] => Some(x),
        _ => None,
    }
}

fn magic_initiate_list(input: &Input<'_>, out: &mut Sink<'_>) {
    for (n, h) in held(input).enumerate().filter(|(_, h)| h.id == MI) {
        let path = || format!("{}/choices/spell_list", h.path());
        let recorded = h.choice.and_then(|c| c.choices.get("spell_list"));
        let bg = input.rules.backgrounds.get(&input.ch.background.id);
        let fixed = bg
            .filter(|_| h.at == At::Background)
            .and_then(|b| b.feat_choices.get("spell_list"));
        if let (Some(f), Some(r)) = (fixed, recorded) {
            if r.len() != 1 || r[0] != *f {
                out.push(path(), format!("the background fixes {MI} to the {f} list"))
                    .fix(vec![PatchOp::Replace {
                        path: path(),
                        value: json!([f]),
                    }]);
                continue;
            }
        }
        let list = mi_list(input, &h).filter(|l| fixed.is_some() || MI_LISTS.contains(l));
        let Some(list) = list else {
            out.push(
                path(),
                format!("{MI} needs one spell list: cleric, druid or wizard"),
            );
            continue;
        };
        let mut earlier = held(input).take(n).filter(|e| e.id == MI);
        if earlier.any(|e| mi_list(input, &e) == Some(list)) {
            let msg = format!("{MI} taken again with the {list} list; each needs another list");
            out.push(path(), msg);
        }
    }
}

fn magic_initiate_spells(input: &Input<'_>, out: &mut Sink<'_>) {
    for h in held(input).filter(|h| h.id == MI) {
        let Some(list) = mi_list(input, &h) else {
            continue;
        };
        for (key, level, want) in [("cantrips", 0u8, 2usize), ("spells", 1, 1)] {
            let picked = h.choice.and_then(|c| c.choices.get(key));
            let picked = picked.map_or(&[][..], |v| v.as_slice());
            let path = || format!("{}/choices/{key}", h.path());
            if picked.len() != want {
                let msg = format!(
                    "{MI} takes {want} {key} from the {list} list; {} recorded",
                    picked.len()
                );
                out.push(path(), msg);
            }
            for (k, id) in picked.iter().enumerate() {
                let Some(sp) = input.rules.spells.get(id) else {
                    continue;
                };
                let msg = if sp.level != level || !sp.classes.iter().any(|c| c == list) {
                    format!("{id} is not a level {level} spell of the {list} list")
                } else if picked[..k].contains(id) {
                    format!("{id} is listed twice")
                } else {
                    continue;
                };
                out.push(format!("{}/{k}", path()), msg);
            }
        }
    }
}
