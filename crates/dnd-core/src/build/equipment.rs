//! Starting equipment: the class's and the background's lettered options (items and gold, or
//! gold alone), resolved to catalog items and equipped sensibly.

use crate::model::{Character, InventoryItem, Location};
use crate::rules::{ArmorCategory, EquipmentOption, ItemRef, Rules};

/// Resolves a kit id that names a category (`musical-instrument`, `gaming-set`) to the tool the
/// character picked of that category, else the first catalog item of it.
fn resolve(rules: &Rules, ch: &Character, id: &str) -> Option<String> {
    if rules.item_exists(id) {
        return Some(id.to_string());
    }
    let picked = ch
        .levels
        .iter()
        .flat_map(|l| l.tools.iter())
        .chain(ch.background.tools.iter());
    let mut picked = picked.filter(|t| rules.tools.get(t).is_some_and(|d| d.category == id));
    if let Some(t) = picked.next() {
        return Some(t.clone());
    }
    let mut tools = rules.tools.all().iter();
    tools.find(|t| t.category == id).map(|t| t.id.clone())
}

/// Adds the items and gold of one equipment option; returns what it added.
pub(crate) fn add_option(rules: &Rules, ch: &mut Character, opt: &EquipmentOption) -> Vec<String> {
    let mut added = Vec::new();
    for iq in &opt.items {
        let Some(id) = resolve(rules, ch, &iq.item) else {
            continue;
        };
        added.push(if iq.quantity > 1 {
            format!("{id} ×{}", iq.quantity)
        } else {
            id.clone()
        });
        let items = &mut ch.inventory.items;
        match items.iter_mut().find(|i| i.item == id && i.key.is_none()) {
            Some(i) => i.quantity += iq.quantity,
            None => items.push(InventoryItem {
                item: id,
                key: None,
                quantity: iq.quantity,
                equipped: false,
                attuned: false,
                location: Location::Carried,
                name: None,
                custom: None,
                variant: None,
            }),
        }
    }
    ch.inventory.currency.gp += i64::from(opt.gp);
    if opt.gp > 0 {
        added.push(format!("{} GP", opt.gp));
    }
    added
}

/// Equips the first armor the character is trained in, a shield when trained and no two-handed
/// weapon is the first weapon, and the weapons.
pub(crate) fn equip_kit(rules: &Rules, ch: &mut Character, trained: &[ArmorCategory]) {
    let mut armor = false;
    let mut shield = false;
    let first_two_handed = ch
        .inventory
        .items
        .iter()
        .find_map(|i| match rules.item(&i.item) {
            Some(ItemRef::Weapon(w)) => Some(
                w.properties
                    .iter()
                    .any(|p| crate::model::key_of(p) == "two-handed"),
            ),
            _ => None,
        });
    let can_shield = trained.contains(&ArmorCategory::Shield) && first_two_handed != Some(true);
    for i in &mut ch.inventory.items {
        let wear = match rules.item(&i.item) {
            Some(ItemRef::Armor(a)) if a.category == ArmorCategory::Shield => {
                let w = !shield && can_shield;
                shield |= w;
                w
            }
            Some(ItemRef::Armor(a)) => {
                let w = !armor && trained.contains(&a.category);
                armor |= w;
                w
            }
            _ => false,
        };
        i.equipped |= wear;
    }
    // Weapons in hand, but no Two-Handed weapon beside a Shield.
    for i in &mut ch.inventory.items {
        if let Some(ItemRef::Weapon(w)) = rules.item(&i.item) {
            let two = w
                .properties
                .iter()
                .any(|p| crate::model::key_of(p) == "two-handed");
            i.equipped |= !(two && shield);
        }
    }
}
