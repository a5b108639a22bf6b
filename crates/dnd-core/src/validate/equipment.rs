//! Rules: worn and wielded equipment — armor training and Strength, one suit of armor and one
//! Shield, and hands — and the inventory helpers the equipment rules share.
//!
//! Worn and wielded means `equipped` catalog armor, shields and weapons, as the derived sheet
//! reads them (custom items and magic items, which name no base item, are not counted). Weapons
//! are equipped and unequipped as part of an attack, so a loadout of more than two hands is only
//! reported as information; a Two-Handed weapon with a Shield is a warning.
//!
//! Attunement is checked in `attunement`; weight, containers, coins, quantities, instance keys
//! and the profile's banned items and magic-item cap in `inventory`.

use serde_json::json;

use super::input::Input;
use super::patch::PatchOp;
use super::registry::{RuleDef, Sink, rule, sections::*};
use super::report::Severity::{Error, Info, Warning};
use crate::model::{Ability, InventoryItem};
use crate::rules::{ArmorCategory, ArmorDef, ItemRef, WeaponProperty};

const EQ: &str = "Equipment";
const GL: &str = "Rules Glossary";

#[rustfmt::skip]
pub(super) const RULES: &[RuleDef] = &[
    rule!("equipment.armor.untrained_caster", Error, EQ, "Light, Medium, or Heavy Armor",
        "armor worn without training by a character with a spellcasting class: no spellcasting, Disadvantage on Str/Dex D20 Tests",
        SHEET, true, untrained_caster),
    rule!("equipment.armor.untrained", Warning, EQ, "Light, Medium, or Heavy Armor",
        "armor worn without training: Disadvantage on Str/Dex D20 Tests, no spellcasting",
        SHEET, true, untrained),
    rule!("equipment.shield.untrained", Warning, EQ, "Shield",
        "a Shield held without training: no AC bonus",
        SHEET, true, shield_untrained),
    rule!("equipment.armor.strength", Warning, EQ, "Armor",
        "armor whose Strength requirement the wearer does not meet: speed −10 ft",
        SHEET, true, strength),
    rule!("equipment.armor.multiple", Error, EQ, "One at a Time",
        "more than one suit of armor equipped",
        INVENTORY, false, armor_multiple),
    rule!("equipment.shield.multiple", Error, EQ, "One at a Time",
        "more than one Shield equipped",
        INVENTORY, false, shield_multiple),
    rule!("equipment.hands.two_handed_shield", Warning, EQ, "Two-Handed",
        "a Two-Handed weapon equipped with a Shield: one of them cannot be used",
        INVENTORY, false, two_handed_shield),
    rule!("equipment.hands.too_many", Info, GL, "Attack",
        "weapons and Shields equipped that need more than two hands at once (weapons swap during attacks)",
        INVENTORY, false, hands_too_many),
];

pub(super) fn items<'a>(input: &Input<'a>) -> impl Iterator<Item = (usize, &'a InventoryItem)> {
    let ch: &'a crate::model::Character = input.ch;
    ch.inventory.items.iter().enumerate()
}

pub(super) fn at(k: usize) -> String {
    format!("/inventory/items/{k}")
}

fn unequip(k: usize) -> Vec<PatchOp> {
    let path = format!("/inventory/items/{k}/equipped");
    vec![PatchOp::Replace {
        path,
        value: json!(false),
    }]
}

/// Equipped catalog armor and shields.
fn worn<'a>(input: &Input<'a>) -> impl Iterator<Item = (usize, &'a InventoryItem, &'a ArmorDef)> {
    let rules = input.rules;
    items(input)
        .filter(|(_, it)| it.equipped && it.custom.is_none())
        .filter_map(move |(k, it)| Some((k, it, rules.armor.get(&it.item)?)))
}

fn body_armor<'a>(
    input: &Input<'a>,
) -> impl Iterator<Item = (usize, &'a InventoryItem, &'a ArmorDef)> {
    worn(input).filter(|(_, _, a)| a.category != ArmorCategory::Shield)
}

fn shields<'a>(
    input: &Input<'a>,
) -> impl Iterator<Item = (usize, &'a InventoryItem, &'a ArmorDef)> {
    worn(input).filter(|(_, _, a)| a.category == ArmorCategory::Shield)
}

/// Hands an equipped item takes: weapons one (Two-Handed two), shields one.
fn hands(input: &Input<'_>, it: &InventoryItem) -> u32 {
    if !it.equipped || it.custom.is_some() {
        return 0;
    }
    match input.rules.item(&it.item) {
        Some(ItemRef::Weapon(w)) if w.properties.contains(&WeaponProperty::TwoHanded) => 2,
        Some(ItemRef::Weapon(_)) => 1,
        Some(ItemRef::Armor(a)) if a.category == ArmorCategory::Shield => 1,
        _ => 0,
    }
}

fn trained(input: &Input<'_>, cat: ArmorCategory) -> bool {
    let Some(sheet) = &input.sheet else {
        return true;
    };
    sheet.proficiencies.armor.iter().any(|a| a == cat.key())
}

pub(super) fn has_spellcasting_class(input: &Input<'_>) -> bool {
    input
        .levels
        .iter()
        .any(|l| l.class.is_some_and(|c| c.spellcasting.is_some()))
}

fn armor_untrained(input: &Input<'_>, out: &mut Sink<'_>, caster: bool) {
    if has_spellcasting_class(input) != caster {
        return;
    }
    for (k, it, a) in body_armor(input).filter(|(_, _, a)| !trained(input, a.category)) {
        let cast = if caster {
            "; it cannot cast spells while wearing it"
        } else {
            " and cannot cast spells"
        };
        out.push(
            format!("{}/item", at(k)),
            format!(
                "`{}` is {} armor without {} armor training: Disadvantage on Strength and Dexterity D20 Tests{cast}",
                it.item,
                a.category.key(),
                a.category.key()
            ),
        )
        .fix(unequip(k))
        .suggest("take it off, or gain the training (a class, multiclassing, or the Armored feats)");
    }
}

fn untrained_caster(input: &Input<'_>, out: &mut Sink<'_>) {
    armor_untrained(input, out, true);
}

fn untrained(input: &Input<'_>, out: &mut Sink<'_>) {
    armor_untrained(input, out, false);
}

fn shield_untrained(input: &Input<'_>, out: &mut Sink<'_>) {
    if trained(input, ArmorCategory::Shield) {
        return;
    }
    for (k, it, _) in shields(input) {
        out.push(
            format!("{}/item", at(k)),
            format!(
                "`{}` is held without Shield training: it adds no AC",
                it.item
            ),
        )
        .fix(unequip(k));
    }
}

fn strength(input: &Input<'_>, out: &mut Sink<'_>) {
    let str = input.score(Ability::Str);
    for (k, it, a) in body_armor(input) {
        if let Some(req) = a.strength_requirement.filter(|r| str < *r as i32) {
            out.push(
                format!("{}/item", at(k)),
                format!(
                    "`{}` needs Strength {req}; Strength is {str}: speed −10 ft",
                    it.item
                ),
            );
        }
    }
}

fn multiple<'a>(
    out: &mut Sink<'_>,
    what: &str,
    worn: impl Iterator<Item = (usize, &'a InventoryItem, &'a ArmorDef)>,
) {
    for (n, (k, it, _)) in worn.enumerate().skip(1) {
        out.push(
            format!("{}/equipped", at(k)),
            format!(
                "`{}` is equipped {what} number {}; only one at a time",
                it.item,
                n + 1
            ),
        )
        .suggest("unequip all but one");
    }
}

fn armor_multiple(input: &Input<'_>, out: &mut Sink<'_>) {
    multiple(out, "armor", body_armor(input));
}

fn shield_multiple(input: &Input<'_>, out: &mut Sink<'_>) {
    multiple(out, "Shield", shields(input));
}

fn two_handed_shield(input: &Input<'_>, out: &mut Sink<'_>) {
    let Some((_, shield, _)) = shields(input).next() else {
        return;
    };
    for (k, it) in items(input).filter(|(_, it)| hands(input, it) == 2) {
        out.push(
            format!("{}/equipped", at(k)),
            format!(
                "`{}` is Two-Handed and `{}` takes a hand: wielding it means doffing the Shield (Utilize action)",
                it.item, shield.item
            ),
        );
    }
}

fn hands_too_many(input: &Input<'_>, out: &mut Sink<'_>) {
    let n: u32 = items(input).map(|(_, it)| hands(input, it)).sum();
    if n > 2 {
        out.push(
            "/inventory/items",
            format!("equipped weapons and Shields need {n} hands; two are free at a time"),
        )
        .suggest(
            "weapons can be drawn and stowed as part of an attack; unequip the ones not at hand",
        );
    }
}
