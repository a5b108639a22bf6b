//! Inventory verbs: giving and taking items, moving them between carried, stored and containers,
//! and (re-exported from `equip`) equipping and attuning.
//!
//! Entries are found by instance key first, then by item id (the first entry of that item).
//! Stacking: a catalog or custom item given without its own key or name joins an entry of the
//! same item, at the same place, with the same custom facts and no name of its own, that is not
//! attuned and (unless it is a weapon, like a stack of daggers) not equipped; otherwise it gets
//! a new entry with a unique key (`<item>-2`, `<item>-3`, … as the validator's fix would).

use super::{Event, Outcome, finish, refuse};
use crate::error::{Error, Result};
use crate::model::{Character, CustomItem, InventoryItem, Location};
use crate::rules::{ItemRef, Rules};

pub use super::equip::{attune, equip, unattune, unequip};

/// Magic items that hold other items (the pack gives magic items no capacity, so they are named
/// here; their load is not checked).
pub const MAGIC_CONTAINERS: &[&str] = &[
    "bag-of-holding",
    "bag-of-devouring",
    "efficient-quiver",
    "handy-haversack",
    "portable-hole",
];

/// What [`give`] adds besides the item id.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(default)]
pub struct Give {
    /// How many (at least 1).
    pub quantity: u32,
    /// An instance key of its own (a new entry, unless an entry with this key can take the stack).
    pub key: Option<String>,
    /// Where it goes; carried when `None`.
    pub location: Option<Location>,
    /// A custom item's facts; then the item id need not be in any pack.
    pub custom: Option<CustomItem>,
    /// A display name (a named sword); a named item never stacks with an unnamed one.
    pub name: Option<String>,
}

impl Default for Give {
    fn default() -> Self {
        Give {
            quantity: 1,
            key: None,
            location: None,
            custom: None,
            name: None,
        }
    }
}

/// A location for messages and events: `carried`, `stored`, or the container's key.
pub fn location_label(loc: &Location) -> String {
    match loc {
        Location::Carried => "carried".into(),
        Location::Stored => "stored".into(),
        Location::In(k) => k.clone(),
    }
}

fn where_text(loc: &Location) -> String {
    match loc {
        Location::In(k) => format!("in `{k}`"),
        other => location_label(other),
    }
}

/// The display name of an entry: its own name, the catalog name, or the id.
pub(crate) fn display(rules: &Rules, it: &InventoryItem) -> String {
    if let Some(n) = &it.name {
        return n.clone();
    }
    match (&it.custom, rules.item(&it.item)) {
        (None, Some(r)) => r.name().to_string(),
        _ => it.item.clone(),
    }
}

/// The index of the entry with this instance key, else the first entry of this item id;
/// `play.item.not_found` with the keys present as alternatives.
pub(crate) fn find(ch: &Character, key_or_item: &str) -> Result<usize> {
    let items = &ch.inventory.items;
    items
        .iter()
        .position(|it| it.instance_key() == key_or_item)
        .or_else(|| items.iter().position(|it| it.item == key_or_item))
        .ok_or_else(|| {
            refuse(
                "play.item.not_found",
                format!("no inventory entry `{key_or_item}`"),
                Some("/inventory/items".into()),
                items
                    .iter()
                    .map(|it| it.instance_key().to_string())
                    .collect(),
            )
        })
}

/// Whether an entry can hold other entries: catalog containers, custom items, and
/// [`MAGIC_CONTAINERS`].
pub fn is_container(rules: &Rules, it: &InventoryItem) -> bool {
    if it.custom.is_some() {
        return true;
    }
    match rules.item(&it.item) {
        Some(ItemRef::Gear(g)) => g.capacity.is_some() || g.category == "container",
        Some(ItemRef::Magic(m)) => MAGIC_CONTAINERS.contains(&m.id.as_str()),
        _ => false,
    }
}

/// Whether entry `inner` is (at any depth) inside the entry with key `outer`.
fn inside(items: &[InventoryItem], inner: usize, outer: &str) -> bool {
    let mut at = items.get(inner);
    for _ in 0..=items.len() {
        let Some(Location::In(parent)) = at.map(|it| &it.location) else {
            return false;
        };
        if parent == outer {
            return true;
        }
        at = items.iter().find(|o| o.instance_key() == parent);
    }
    false
}

/// Checks that `to` can receive entry `moving` (or a new entry when `None`): a container key
/// must name a container of the inventory, and not the entry itself or something inside it.
fn check_target(rules: &Rules, ch: &Character, to: &Location, moving: Option<usize>) -> Result<()> {
    let Location::In(target) = to else {
        return Ok(());
    };
    let items = &ch.inventory.items;
    let Some(t) = items.iter().position(|it| it.instance_key() == target) else {
        let containers = items
            .iter()
            .filter(|it| is_container(rules, it))
            .map(|it| it.instance_key().to_string())
            .collect();
        return Err(refuse(
            "play.item.not_found",
            format!("no container `{target}` in the inventory"),
            Some("/inventory/items".into()),
            containers,
        ));
    };
    if !is_container(rules, &items[t]) {
        return Err(refuse(
            "play.item.not_container",
            format!("`{target}` is not a container"),
            Some(format!("/inventory/items/{t}")),
            vec!["carried".into(), "stored".into()],
        ));
    }
    if let Some(m) = moving {
        let key = items[m].instance_key();
        if t == m || inside(items, t, key) {
            return Err(refuse(
                "play.item.not_container",
                format!("`{key}` cannot go inside itself (`{target}` is in it)"),
                Some(format!("/inventory/items/{m}/location")),
                vec!["carried".into(), "stored".into()],
            ));
        }
    }
    Ok(())
}

/// `key` free in the inventory, else `key-2`, `key-3`, … (the first free one).
fn unique_key(items: &[InventoryItem], key: &str) -> Option<String> {
    let taken = |s: &str| items.iter().any(|it| it.instance_key() == s);
    if !taken(key) {
        return None;
    }
    (2u32..).map(|n| format!("{key}-{n}")).find(|k| !taken(k))
}

/// Whether the key is the item id or one made by [`unique_key`].
fn default_key(it: &InventoryItem) -> bool {
    let k = it.instance_key();
    k == it.item
        || k.strip_prefix(it.item.as_str())
            .and_then(|r| r.strip_prefix('-'))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

fn stacks_with(rules: &Rules, it: &InventoryItem, item: &str, g: &Give, loc: &Location) -> bool {
    let weapon = it.custom.is_none() && rules.weapons.get(&it.item).is_some();
    let key_ok = match &g.key {
        Some(k) => it.instance_key() == k,
        None => default_key(it),
    };
    it.item == item
        && &it.location == loc
        && it.custom == g.custom
        && it.name == g.name
        && !it.attuned
        && (!it.equipped || weapon)
        && key_ok
}

fn check_custom(c: &CustomItem) -> Result<()> {
    for (field, v) in [("weight_lb", c.weight_lb), ("cost_gp", c.cost_gp)] {
        if !v.is_finite() || v < 0.0 {
            return Err(Error::InvalidValue {
                path: format!("custom/{field}"),
                reason: format!("{v} is not a weight or cost (a number 0 or more)"),
            });
        }
    }
    Ok(())
}

/// Adds `g.quantity` of `item` (a catalog id, or any id with `g.custom`), stacking as the module
/// says. An unknown catalog id is [`Error::UnknownId`] with the closest item id; a container
/// location must name a container of the inventory. The guard then reports encumbrance and full
/// containers as warnings.
pub fn give(rules: &Rules, ch: &Character, item: &str, g: Give) -> Result<Outcome> {
    if g.quantity == 0 {
        return Err(Error::InvalidValue {
            path: "quantity".into(),
            reason: "give at least 1".into(),
        });
    }
    if item.trim().is_empty() || g.key.as_deref().is_some_and(|k| k.trim().is_empty()) {
        return Err(Error::InvalidValue {
            path: "item".into(),
            reason: "an item id and a key cannot be empty".into(),
        });
    }
    match &g.custom {
        Some(c) => check_custom(c)?,
        None if !rules.item_exists(item) => {
            return Err(Error::UnknownId {
                kind: "item",
                id: item.to_string(),
                path: "/inventory/items".into(),
                suggestion: rules.closest_item(item),
            });
        }
        None => {}
    }
    let loc = g.location.clone().unwrap_or_default();
    check_target(rules, ch, &loc, None)?;
    let mut new = ch.clone();
    let items = &mut new.inventory.items;
    let stack = items
        .iter()
        .position(|it| stacks_with(rules, it, item, &g, &loc));
    let (key, total) = match stack {
        Some(i) => {
            let it = &mut items[i];
            it.quantity =
                it.quantity
                    .checked_add(g.quantity)
                    .ok_or_else(|| Error::InvalidValue {
                        path: "quantity".into(),
                        reason: "the stack would be too large".into(),
                    })?;
            (it.instance_key().to_string(), it.quantity)
        }
        None => {
            let key = g.key.clone().or_else(|| unique_key(items, item));
            items.push(InventoryItem {
                item: item.to_string(),
                key,
                quantity: g.quantity,
                equipped: false,
                attuned: false,
                location: loc.clone(),
                name: g.name.clone(),
                custom: g.custom.clone(),
                variant: None,
            });
            let it = &items[items.len() - 1];
            (it.instance_key().to_string(), it.quantity)
        }
    };
    let name = stack.map_or_else(
        || display(rules, &new.inventory.items[new.inventory.items.len() - 1]),
        |i| display(rules, &new.inventory.items[i]),
    );
    let stacked = if total > g.quantity {
        format!("; {total} now")
    } else {
        String::new()
    };
    let summary = format!(
        "Gave {} × {name} (`{key}`), {}{stacked}",
        g.quantity,
        where_text(&loc)
    );
    let events = vec![Event::ItemAdded {
        key,
        item: item.to_string(),
        quantity: g.quantity,
    }];
    finish(rules, ch, new, summary, events)
}

/// Removes `quantity` of an entry (by key or item id); the entry goes at 0. Items inside a
/// removed container spill out to where the container was. More than the entry holds is
/// refused with `play.item.insufficient`.
pub fn take(rules: &Rules, ch: &Character, key_or_item: &str, quantity: u32) -> Result<Outcome> {
    if quantity == 0 {
        return Err(Error::InvalidValue {
            path: "quantity".into(),
            reason: "take at least 1".into(),
        });
    }
    let i = find(ch, key_or_item)?;
    let it = &ch.inventory.items[i];
    let key = it.instance_key().to_string();
    let name = display(rules, it);
    if quantity > it.quantity {
        return Err(refuse(
            "play.item.insufficient",
            format!("`{key}` holds {}; cannot take {quantity}", it.quantity),
            Some(format!("/inventory/items/{i}/quantity")),
            vec![format!("take {}", it.quantity)],
        ));
    }
    let mut new = ch.clone();
    let mut events = vec![Event::ItemRemoved {
        key: key.clone(),
        item: it.item.clone(),
        quantity,
    }];
    let left = it.quantity - quantity;
    let mut summary = match left {
        0 => format!("Took {quantity} × {name} (`{key}`); none left"),
        n => format!("Took {quantity} × {name} (`{key}`); {n} left"),
    };
    if left > 0 {
        new.inventory.items[i].quantity = left;
    } else {
        let removed = new.inventory.items.remove(i);
        let here = Location::In(key.clone());
        let mut spilled = Vec::new();
        for o in new
            .inventory
            .items
            .iter_mut()
            .filter(|o| o.location == here)
        {
            o.location = removed.location.clone();
            spilled.push(o.instance_key().to_string());
            events.push(Event::ItemMoved {
                key: o.instance_key().to_string(),
                to: location_label(&removed.location),
            });
        }
        if !spilled.is_empty() {
            summary.push_str(&format!(
                "; its contents ({}) are now {}",
                spilled.join(", "),
                where_text(&removed.location)
            ));
        }
    }
    finish(rules, ch, new, summary, events)
}

/// Moves an entry to carried, stored, or into a container of the inventory. An equipped item
/// put away is unequipped (attunement stays).
pub fn move_item(
    rules: &Rules,
    ch: &Character,
    key_or_item: &str,
    to: Location,
) -> Result<Outcome> {
    let i = find(ch, key_or_item)?;
    let it = &ch.inventory.items[i];
    let key = it.instance_key().to_string();
    let name = display(rules, it);
    if it.location == to {
        let summary = format!("{name} (`{key}`) is already {}", where_text(&to));
        return finish(rules, ch, ch.clone(), summary, Vec::new());
    }
    check_target(rules, ch, &to, Some(i))?;
    let mut new = ch.clone();
    let mut events = Vec::new();
    let mut summary = format!("Moved {name} (`{key}`) to {}", where_text(&to));
    let entry = &mut new.inventory.items[i];
    if entry.equipped && to != Location::Carried {
        entry.equipped = false;
        events.push(Event::Unequipped { key: key.clone() });
        summary.push_str("; unequipped it");
    }
    entry.location = to.clone();
    events.push(Event::ItemMoved {
        key,
        to: location_label(&to),
    });
    finish(rules, ch, new, summary, events)
}
