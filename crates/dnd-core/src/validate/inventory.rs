//! Rules: what the character carries — carrying capacity, containers, coins, quantities,
//! instance keys, and the profile's banned items and magic-item cap.

use serde_json::json;

use super::equipment::{at, items};
use super::input::Input;
use super::patch::PatchOp;
use super::registry::{RuleDef, Sink, rule, sections::*};
use super::report::Severity::{Error, Warning};
use crate::model::{InventoryItem, Location};

const EQ: &str = "Equipment";
const GL: &str = "Rules Glossary";

#[rustfmt::skip]
pub(super) const RULES: &[RuleDef] = &[
    rule!("equipment.encumbrance", Warning, GL, "Carrying Capacity",
        "carried weight above the carrying capacity (a profile can switch this off)",
        SHEET, true, encumbrance),
    rule!("equipment.container.missing", Error, EQ, "Adventuring Gear",
        "an item inside a container key that is not in the inventory",
        INVENTORY, false, container_missing),
    rule!("equipment.container.over_capacity", Warning, EQ, "Adventuring Gear",
        "a container's contents weigh more, or number more, than it holds",
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

/// The instance key: `key`, or the item id.
fn key(it: &InventoryItem) -> &str {
    it.instance_key()
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
        let Some(cap) = input
            .rules
            .gear
            .get(&it.item)
            .and_then(|g| g.capacity.as_ref())
        else {
            continue;
        };
        if let Some(max) = cap.weight_lb {
            let w = load(input, key(it), 0);
            if w > max {
                out.push(
                    at(k),
                    format!("`{}` holds {max} lb; {w} lb is inside", key(it)),
                );
            }
        }
        if let Some(max) = cap.count {
            let n: u64 = items(input)
                .filter(|(_, o)| matches!(&o.location, Location::In(c) if c == key(it)))
                .map(|(_, o)| u64::from(o.quantity))
                .sum();
            if n > u64::from(max) {
                out.push(
                    at(k),
                    format!("`{}` holds {max} items; {n} are inside", key(it)),
                );
            }
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
