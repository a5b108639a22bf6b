//! Equipping and attuning (re-exported by `play::inventory`).
//!
//! Equippable: armor, Shields, weapons, custom items, and magic items other than potions and
//! scrolls (rings, cloaks and wands are worn or held). One suit of armor and one Shield are worn
//! at a time, so equipping a second one takes the first off (magic armor counts as a Shield when
//! its id says `shield`). A Two-Handed weapon with a Shield is allowed with the validator's
//! warning: weapons are drawn and stowed as part of an attack. An item stored or in a container
//! is first brought to hand (carried).
//!
//! Attunement: only items that require it, at most three at once; the item's requirement
//! (class, species, alignment, spellcaster) is the validator's `equipment.attunement.requirement`,
//! which the guard enforces. Attuning takes a short rest in contact with the item; no clock is
//! kept, the summary says so.

use super::inventory::{display, find};
use super::{Event, Outcome, finish, refuse};
use crate::error::Result;
use crate::model::{Character, InventoryItem, Location};
use crate::rules::{ArmorCategory, ItemRef, Rules};

/// At most this many attuned items (SRD: no more than three).
pub const MAX_ATTUNED: usize = 3;

/// What an equipped item occupies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    /// A suit of armor: one at a time.
    Body,
    /// A Shield: one at a time.
    Shield,
    /// Weapons, rings, cloaks, custom items: no limit here.
    Other,
}

fn slot(rules: &Rules, it: &InventoryItem) -> Option<Slot> {
    if it.custom.is_some() {
        return Some(Slot::Other);
    }
    match rules.item(&it.item)? {
        ItemRef::Armor(a) if a.category == ArmorCategory::Shield => Some(Slot::Shield),
        ItemRef::Armor(_) => Some(Slot::Body),
        ItemRef::Weapon(_) => Some(Slot::Other),
        ItemRef::Magic(m) => match m.category.as_str() {
            "potion" | "scroll" => None,
            "armor" if m.id.contains("shield") => Some(Slot::Shield),
            "armor" => Some(Slot::Body),
            _ => Some(Slot::Other),
        },
        ItemRef::Gear(_) | ItemRef::Tool(_) => None,
    }
}

/// Brings a stored or contained entry to hand; the summary note when it moved.
fn to_hand(it: &mut InventoryItem, events: &mut Vec<Event>) -> Option<String> {
    if it.location == Location::Carried {
        return None;
    }
    let from = match &it.location {
        Location::In(k) => format!("from `{k}`"),
        _ => "from storage".to_string(),
    };
    it.location = Location::Carried;
    events.push(Event::ItemMoved {
        key: it.instance_key().to_string(),
        to: "carried".into(),
    });
    Some(format!("brought {from}"))
}

/// Equips an entry (by key or item id): `play.item.not_equippable` for gear, tools, potions and
/// scrolls; a second suit of armor or Shield replaces the one worn.
pub fn equip(rules: &Rules, ch: &Character, key_or_item: &str) -> Result<Outcome> {
    let i = find(ch, key_or_item)?;
    let it = &ch.inventory.items[i];
    let key = it.instance_key().to_string();
    let name = display(rules, it);
    let Some(s) = slot(rules, it) else {
        let equippable = ch
            .inventory
            .items
            .iter()
            .filter(|o| !o.equipped && slot(rules, o).is_some())
            .map(|o| o.instance_key().to_string())
            .collect();
        return Err(refuse(
            "play.item.not_equippable",
            format!(
                "{name} (`{key}`) cannot be equipped: not armor, a Shield, a weapon or a wearable magic item"
            ),
            Some(format!("/inventory/items/{i}/equipped")),
            equippable,
        ));
    };
    if it.equipped && it.location == Location::Carried {
        let summary = format!("{name} (`{key}`) is already equipped");
        return finish(rules, ch, ch.clone(), summary, Vec::new());
    }
    let mut new = ch.clone();
    let mut events = Vec::new();
    let mut notes = Vec::new();
    if s != Slot::Other {
        for (j, o) in new.inventory.items.iter_mut().enumerate() {
            if j != i && o.equipped && slot(rules, o) == Some(s) {
                o.equipped = false;
                events.push(Event::Unequipped {
                    key: o.instance_key().to_string(),
                });
                notes.push(format!("took off `{}`", o.instance_key()));
            }
        }
    }
    let entry = &mut new.inventory.items[i];
    notes.extend(to_hand(entry, &mut events));
    entry.equipped = true;
    events.push(Event::Equipped { key: key.clone() });
    let mut summary = format!("Equipped {name} (`{key}`)");
    if !notes.is_empty() {
        summary.push_str(&format!("; {}", notes.join(", ")));
    }
    finish(rules, ch, new, summary, events)
}

/// Unequips an entry (by key or item id); nothing happens when it is not equipped.
pub fn unequip(rules: &Rules, ch: &Character, key_or_item: &str) -> Result<Outcome> {
    let (item, key, new) = cleared(rules, ch, key_or_item, |it| &mut it.equipped)?;
    let Some(new) = new else {
        let summary = format!("{item} is not equipped");
        return finish(rules, ch, ch.clone(), summary, Vec::new());
    };
    let summary = format!("Unequipped {item}");
    finish(rules, ch, new, summary, vec![Event::Unequipped { key }])
}

/// Clears a flag of an entry (by key or item id): the entry as "Name (`key`)", its key, and
/// the character with the flag cleared (`None` when it was not set).
fn cleared(
    rules: &Rules,
    ch: &Character,
    key_or_item: &str,
    flag: fn(&mut InventoryItem) -> &mut bool,
) -> Result<(String, String, Option<Character>)> {
    let i = find(ch, key_or_item)?;
    let it = &ch.inventory.items[i];
    let key = it.instance_key().to_string();
    let item = format!("{} (`{key}`)", display(rules, it));
    let mut new = ch.clone();
    let set = flag(&mut new.inventory.items[i]);
    let was = std::mem::replace(set, false);
    Ok((item, key, was.then_some(new)))
}

/// Whether an entry requires attunement: a custom item that says so, or a catalog magic item
/// marked for it.
pub fn requires_attunement(rules: &Rules, it: &InventoryItem) -> bool {
    match &it.custom {
        Some(c) => c.requires_attunement,
        None => rules
            .magic_items
            .get(&it.item)
            .is_some_and(|m| m.attunement),
    }
}

/// Attunes to an entry (by key or item id). Refused with `play.item.not_magic` for an item that
/// requires no attunement, with `equipment.attunement.too_many` (alternatives: the attuned keys,
/// to unattune one first) when three are attuned, and by the guard when the requirement is not
/// met. A stored or contained item is brought to hand.
pub fn attune(rules: &Rules, ch: &Character, key_or_item: &str) -> Result<Outcome> {
    let i = find(ch, key_or_item)?;
    let it = &ch.inventory.items[i];
    let key = it.instance_key().to_string();
    let name = display(rules, it);
    if !requires_attunement(rules, it) {
        let why = if rules.magic_items.get(&it.item).is_some() {
            "does not require attunement"
        } else {
            "is not a magic item that requires attunement"
        };
        return Err(refuse(
            "play.item.not_magic",
            format!("{name} (`{key}`) {why}"),
            Some(format!("/inventory/items/{i}/attuned")),
            Vec::new(),
        ));
    }
    if it.attuned {
        let summary = format!("already attuned to {name} (`{key}`)");
        return finish(rules, ch, ch.clone(), summary, Vec::new());
    }
    let attuned: Vec<String> = ch
        .inventory
        .items
        .iter()
        .filter(|o| o.attuned && requires_attunement(rules, o))
        .map(|o| o.instance_key().to_string())
        .collect();
    if attuned.len() >= MAX_ATTUNED {
        return Err(refuse(
            "equipment.attunement.too_many",
            format!(
                "already attuned to {} items ({}); at most three: end one attunement first",
                attuned.len(),
                attuned.join(", ")
            ),
            Some(format!("/inventory/items/{i}/attuned")),
            attuned,
        ));
    }
    let mut new = ch.clone();
    let mut events = Vec::new();
    let entry = &mut new.inventory.items[i];
    let moved = to_hand(entry, &mut events);
    entry.attuned = true;
    events.push(Event::Attuned { key: key.clone() });
    let mut summary = format!(
        "Attuned to {name} (`{key}`) over a short rest; {} of {MAX_ATTUNED} attunements used",
        attuned.len() + 1
    );
    if let Some(m) = moved {
        summary.push_str(&format!("; {m}"));
    }
    finish(rules, ch, new, summary, events)
}

/// Ends attunement to an entry (by key or item id); nothing happens when it is not attuned.
pub fn unattune(rules: &Rules, ch: &Character, key_or_item: &str) -> Result<Outcome> {
    let (item, key, new) = cleared(rules, ch, key_or_item, |it| &mut it.attuned)?;
    let Some(new) = new else {
        let summary = format!("not attuned to {item}");
        return finish(rules, ch, ch.clone(), summary, Vec::new());
    };
    let summary = format!("Ended attunement to {item}");
    finish(rules, ch, new, summary, vec![Event::Unattuned { key }])
}
