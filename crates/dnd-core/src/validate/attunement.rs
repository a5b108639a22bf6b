//! Rules: attunement — at most three attuned items, attunement to an item that needs none, and
//! attunement requirements (class, species, alignment, spellcaster, or another attuned item).

use serde_json::json;

use super::equipment::{at, has_spellcasting_class, items};
use super::input::Input;
use super::patch::PatchOp;
use super::registry::{RuleDef, Sink, rule, sections::*};
use super::report::Severity::{Error, Warning};
use crate::model::InventoryItem;
use crate::rules::{AttunementRequirement, ItemRef};

const EQ: &str = "Equipment";
/// Sections the attunement requirement reads (class, species, alignment, spellcasting).
const WHO: u16 = INVENTORY | LEVELS | SPECIES | DETAILS | BACKGROUND | ORIGIN;

#[rustfmt::skip]
pub(super) const RULES: &[RuleDef] = &[
    rule!("equipment.attunement.too_many", Error, EQ, "No More Than Three Items",
        "attuned to more than three magic items",
        INVENTORY, false, attunement_too_many),
    rule!("equipment.attunement.not_required", Warning, EQ, "Attunement",
        "attuned to an item that does not require attunement",
        INVENTORY, false, attunement_not_required),
    rule!("equipment.attunement.requirement", Error, EQ, "Attunement",
        "attuned to a magic item whose attunement requirement (class, species, alignment, spellcaster) is not met",
        WHO, false, attunement_requirement),
];

/// Whether an item requires attunement; `None` for an unknown catalog id.
fn needs_attunement(input: &Input<'_>, it: &InventoryItem) -> Option<bool> {
    if let Some(c) = &it.custom {
        return Some(c.requires_attunement);
    }
    match input.rules.item(&it.item)? {
        ItemRef::Magic(m) => Some(m.attunement),
        _ => Some(false),
    }
}

fn unattune(k: usize) -> Vec<PatchOp> {
    let path = format!("/inventory/items/{k}/attuned");
    vec![PatchOp::Replace {
        path,
        value: json!(false),
    }]
}

fn attunement_too_many(input: &Input<'_>, out: &mut Sink<'_>) {
    let attuned =
        || items(input).filter(|(_, it)| it.attuned && needs_attunement(input, it) == Some(true));
    let n = attuned().count();
    if n <= 3 {
        return;
    }
    for (k, it) in attuned().skip(3) {
        out.push(
            format!("{}/attuned", at(k)),
            format!("attuned to {n} items; at most three: `{}` is over", it.item),
        )
        .fix(unattune(k));
    }
}

fn attunement_not_required(input: &Input<'_>, out: &mut Sink<'_>) {
    for (k, it) in items(input).filter(|(_, it)| it.attuned) {
        if needs_attunement(input, it) == Some(false) {
            out.push(
                format!("{}/attuned", at(k)),
                format!("`{}` does not require attunement", it.item),
            )
            .fix(unattune(k));
        }
    }
}

/// A spellcaster: a spellcasting class, spells from a lineage, or a feat's spell choices.
fn spellcaster(input: &Input<'_>) -> bool {
    let ch = input.ch;
    let lineage = input.rules.species.get(&ch.species.id).and_then(|s| {
        let l = ch.species.lineage.as_deref()?;
        s.lineages.iter().find(|x| x.id == l)
    });
    let feats = ch.background.feat.iter().chain(&ch.origin.species_feat);
    let mut feats = feats.chain(ch.levels.iter().flat_map(|l| &l.feats));
    has_spellcasting_class(input)
        || lineage.is_some_and(|l| !l.spells.is_empty())
        || feats.any(|f| f.choices.keys().any(|k| k == "spells" || k == "cantrips"))
}

/// Whether the character meets a requirement: every category it names (any class of its
/// classes, any species, any alignment word, a spellcaster), or attunement to another item the
/// requirement names (Dwarven Thrower: a Belt of Dwarvenkind).
fn meets(input: &Input<'_>, req: &AttunementRequirement, own: usize) -> bool {
    let ch = input.ch;
    let via_item = items(input).any(|(k, o)| {
        k != own
            && o.attuned
            && input
                .rules
                .magic_items
                .get(&o.item)
                .is_some_and(|m| req.text.contains(&m.name))
    });
    let class = req.classes.is_empty()
        || req
            .classes
            .iter()
            .any(|c| ch.levels.iter().any(|l| l.class == *c));
    let species = req.species.is_empty() || req.species.contains(&ch.species.id);
    let words = |a: &str| {
        let mut w = a.split(|c: char| !c.is_ascii_alphabetic());
        w.any(|x| req.alignment.iter().any(|r| r.eq_ignore_ascii_case(x)))
    };
    let alignment = req.alignment.is_empty() || ch.details.alignment.as_deref().is_some_and(words);
    via_item || (class && species && alignment && (!req.spellcaster || spellcaster(input)))
}

fn attunement_requirement(input: &Input<'_>, out: &mut Sink<'_>) {
    for (k, it) in items(input).filter(|(_, it)| it.attuned && it.custom.is_none()) {
        let Some(m) = input.rules.magic_items.get(&it.item) else {
            continue;
        };
        let Some(req) = m.attunement_requirement.as_ref() else {
            continue;
        };
        if m.attunement && !meets(input, req, k) {
            out.push(
                format!("{}/attuned", at(k)),
                format!(
                    "`{}` requires attunement {}; the character does not qualify",
                    it.item, req.text
                ),
            )
            .fix(unattune(k));
        }
    }
}
