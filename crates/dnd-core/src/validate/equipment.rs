//! Rules: equipment — armor training and Strength, one suit of armor and one Shield, hands,
//! attunement, carrying capacity, containers, coins, quantities, instance keys, and the
//! profile's banned items and magic-item cap.
//!
//! Worn and wielded means `equipped` catalog armor, shields and weapons, as the derived sheet
//! reads them (custom items and magic items, which name no base item, are not counted). Weapons
//! are equipped and unequipped as part of an attack, so a loadout of more than two hands is only
//! reported as information; a Two-Handed weapon with a Shield is a warning.

use serde_json::json;

use super::input::Input;
use super::patch::PatchOp;
use super::registry::{RuleDef, Sink, sections::*};
use super::report::Severity::{Error, Info, Warning};
use crate::model::{Ability, InventoryItem, Location};
use crate::rules::{ArmorCategory, ArmorDef, AttunementRequirement, ItemRef, WeaponProperty};

const EQ: &str = "Equipment";
const GL: &str = "Rules Glossary";
/// Sections the attunement requirement reads (class, species, alignment, spellcasting).
const WHO: u16 = INVENTORY | LEVELS | SPECIES | DETAILS | BACKGROUND | ORIGIN;

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
    rule!("equipment.attunement.too_many", Error, EQ, "No More Than Three Items",
        "attuned to more than three magic items",
        INVENTORY, false, attunement_too_many),
    rule!("equipment.attunement.not_required", Warning, EQ, "Attunement",
        "attuned to an item that does not require attunement",
        INVENTORY, false, attunement_not_required),
    rule!("equipment.attunement.requirement", Error, EQ, "Attunement",
        "attuned to a magic item whose attunement requirement (class, species, alignment, spellcaster) is not met",
        WHO, false, attunement_requirement),
    rule!("equipment.encumbrance", Warning, GL, "Carrying Capacity",
        "carried weight above the carrying capacity (a profile can switch this off)",
        SHEET, true, encumbrance),
    rule!("equipment.container.missing", Error, EQ, "Adventuring Gear",
        "an item inside a container key that is not in the inventory",
        INVENTORY, false, container_missing),
    rule!("equipment.container.over_capacity", Warning, EQ, "Adventuring Gear",
        "a container's contents weigh more than it holds",
        INVENTORY, false, container_over),
    rule!("equipment.currency.negative", Error, EQ, "Coins",
        "a negative number of coins",
        INVENTORY, false, currency_negative),
    rule!("equipment.quantity.zero", Warning, EQ, "Equipment",
        "an inventory entry with quantity 0",
        INVENTORY, false, quantity_zero),
    rule!("equipment.key.duplicate", Error, EQ, "Equipment",
        "two inventory entries with the same instance key (the key defaults to the item id)",
        INVENTORY, false, key_duplicate),
    rule!("profile.item.banned", Error, EQ, "Equipment",
        "an item the campaign's profile bans",
        INVENTORY, false, banned),
    rule!("profile.magic_item.cap", Error, EQ, "Magic Items",
        "more magic items carried than the campaign's profile allows",
        INVENTORY, false, magic_item_cap),
];

fn items<'a>(input: &Input<'a>) -> impl Iterator<Item = (usize, &'a InventoryItem)> {
    let ch: &'a crate::model::Character = input.ch;
    ch.inventory.items.iter().enumerate()
}

/// The instance key: `key`, or the item id.
fn key(it: &InventoryItem) -> &str {
    it.key.as_deref().unwrap_or(&it.item)
}

fn at(k: usize) -> String {
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

fn has_spellcasting_class(input: &Input<'_>) -> bool {
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

fn encumbrance(input: &Input<'_>, out: &mut Sink<'_>) {
    let Some(s) = &input.sheet else {
        return;
    };
    if s.carried_weight > s.carrying_capacity as f64 {
        out.push(
            "/inventory/items",
            format!(
                "carrying {} lb; carrying capacity is {} lb (Strength {})",
                s.carried_weight, s.carrying_capacity, s.abilities.str.score
            ),
        )
        .suggest("store items (location `stored`) or drop some");
    }
}

fn container_missing(input: &Input<'_>, out: &mut Sink<'_>) {
    for (k, it) in items(input) {
        let Location::In(c) = &it.location else {
            continue;
        };
        if !items(input).any(|(o, x)| o != k && key(x) == c) {
            out.push(
                format!("{}/location", at(k)),
                format!(
                    "`{}` is inside `{c}`, which is not in the inventory",
                    it.item
                ),
            )
            .fix(vec![PatchOp::Replace {
                path: format!("{}/location", at(k)),
                value: json!("carried"),
            }]);
        }
    }
}

fn unit_weight(input: &Input<'_>, it: &InventoryItem) -> f64 {
    match &it.custom {
        Some(c) => c.weight_lb,
        None => input.rules.item(&it.item).map_or(0.0, |r| r.weight_lb()),
    }
}

/// Weight inside a container, containers within it included.
fn load(input: &Input<'_>, container: &str, depth: u8) -> f64 {
    if depth > 8 {
        return 0.0;
    }
    items(input)
        .filter(|(_, o)| matches!(&o.location, Location::In(c) if c == container))
        .map(|(_, o)| unit_weight(input, o) * o.quantity as f64 + load(input, key(o), depth + 1))
        .sum()
}

fn container_over(input: &Input<'_>, out: &mut Sink<'_>) {
    for (k, it) in items(input).filter(|(_, it)| it.custom.is_none()) {
        let cap = input
            .rules
            .gear
            .get(&it.item)
            .and_then(|g| g.capacity.as_ref()?.weight_lb);
        let Some(cap) = cap else {
            continue;
        };
        let w = load(input, key(it), 0);
        if w > cap {
            out.push(
                at(k),
                format!("`{}` holds {cap} lb; {w} lb is inside", key(it)),
            );
        }
    }
}

fn currency_negative(input: &Input<'_>, out: &mut Sink<'_>) {
    let c = &input.ch.inventory.currency;
    for (name, v) in [
        ("cp", c.cp),
        ("sp", c.sp),
        ("ep", c.ep),
        ("gp", c.gp),
        ("pp", c.pp),
    ] {
        if v < 0 {
            let path = format!("/inventory/currency/{name}");
            out.push(
                path.clone(),
                format!("{v} {name}: coins cannot be negative"),
            )
            .fix(vec![PatchOp::Replace {
                path,
                value: json!(0),
            }]);
        }
    }
}

fn quantity_zero(input: &Input<'_>, out: &mut Sink<'_>) {
    for (k, it) in items(input).filter(|(_, it)| it.quantity == 0) {
        out.push(
            format!("{}/quantity", at(k)),
            format!("`{}` has quantity 0", it.item),
        )
        .fix(vec![PatchOp::Remove { path: at(k) }]);
    }
}

fn key_duplicate(input: &Input<'_>, out: &mut Sink<'_>) {
    let list = &input.ch.inventory.items;
    for (k, it) in items(input) {
        let kk = key(it);
        let nth = list[..k].iter().filter(|o| key(o) == kk).count();
        if nth == 0 {
            continue;
        }
        // The n-th use gets `<key>-<n>`, or the next free number.
        let taken = |s: &str| list.iter().any(|o| key(o) == s);
        let mut n = nth + 1;
        while taken(&format!("{kk}-{n}")) {
            n += 1;
        }
        out.push(
            at(k),
            format!("instance key `{kk}` is already used by an earlier entry; keys must be unique"),
        )
        .fix(vec![PatchOp::Add {
            path: format!("{}/key", at(k)),
            value: json!(format!("{kk}-{n}")),
        }]);
    }
}

fn banned(input: &Input<'_>, out: &mut Sink<'_>) {
    let banned = &input.profile.banned_items;
    if banned.is_empty() {
        return;
    }
    for (k, it) in items(input).filter(|(_, it)| banned.contains(&it.item)) {
        out.push(
            format!("{}/item", at(k)),
            format!("`{}` is banned by the campaign's profile", it.item),
        );
    }
}

fn magic_item_cap(input: &Input<'_>, out: &mut Sink<'_>) {
    let Some(cap) = input.profile.magic_item_cap else {
        return;
    };
    let n: u32 = items(input)
        .filter(|(_, it)| it.location != Location::Stored && it.custom.is_none())
        .filter(|(_, it)| input.rules.magic_items.get(&it.item).is_some())
        .map(|(_, it)| it.quantity)
        .sum();
    if n > cap {
        out.push(
            "/inventory/items",
            format!("{n} magic items carried; the campaign's profile allows {cap}"),
        )
        .suggest("store some (location `stored`) or give them away");
    }
}
