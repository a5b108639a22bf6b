//! Inventory verbs with SRD 5.2 numbers: giving (stacking, containers, encumbrance), taking and
//! moving (equipping and attunement: `play_equip.rs`; money: `play_coins.rs`).

mod play_helpers;
use play_helpers::*;

use dnd_core::Error;
use dnd_core::derive::derive;
use dnd_core::model::{CustomItem, Location};
use dnd_core::play::Event;
use dnd_core::play::inventory::{Give, attune, equip, give, move_item, take};
use proptest::prelude::*;

fn n(q: u32) -> Give {
    Give {
        quantity: q,
        ..Give::default()
    }
}

fn into(q: u32, container: &str) -> Give {
    Give {
        quantity: q,
        location: Some(Location::In(container.into())),
        ..Give::default()
    }
}

// --- give and take

#[test]
fn give_stacks_same_item_and_place_else_makes_a_keyed_entry() {
    let ch = example("fighter-1");
    let o = ok(give(rules(), &ch, "javelin", n(2)));
    assert_eq!(entry(&o.character, "javelin").quantity, 10);
    assert_eq!(o.character.inventory.items.len(), ch.inventory.items.len());
    assert_eq!(
        o.events,
        vec![Event::ItemAdded {
            key: "javelin".into(),
            item: "javelin".into(),
            quantity: 2
        }]
    );
    // Another place, a name, or a key of its own: a new entry.
    let stored = Give {
        location: Some(Location::Stored),
        ..n(3)
    };
    let o2 = ok(give(rules(), &o.character, "javelin", stored));
    assert_eq!(entry(&o2.character, "javelin-2").quantity, 3);
    assert_eq!(entry(&o2.character, "javelin-2").location, Location::Stored);
    let named = Give {
        name: Some("Skewer".into()),
        ..n(1)
    };
    let o3 = ok(give(rules(), &o2.character, "javelin", named));
    assert_eq!(
        entry(&o3.character, "javelin-3").name.as_deref(),
        Some("Skewer")
    );
    let keyed = Give {
        key: Some("lucky-javelin".into()),
        ..n(1)
    };
    let o4 = ok(give(rules(), &o3.character, "javelin", keyed));
    assert!(has_entry(&o4.character, "lucky-javelin"));
    // A new item: one entry, keyed by its id.
    let o5 = ok(give(rules(), &ch, "longsword", n(1)));
    let ls = entry(&o5.character, "longsword");
    assert_eq!(
        (ls.key.as_deref(), ls.quantity, ls.equipped),
        (None, 1, false)
    );
    assert!(o5.summary.contains("Longsword"), "{}", o5.summary);
}

#[test]
fn a_key_already_used_by_another_item_is_refused() {
    let ch = example("fighter-1");
    let g = Give {
        key: Some("flail".into()),
        ..n(1)
    };
    let (code, _) = refused(&ch.clone(), &ch, give(rules(), &ch, "longsword", g));
    assert_eq!(code, "equipment.key.duplicate");
    // The same key on the same item stacks.
    let g = Give {
        key: Some("flail".into()),
        ..n(1)
    };
    let o = ok(give(rules(), &ch, "flail", g));
    assert_eq!(entry(&o.character, "flail").quantity, 2);
}

#[test]
fn give_does_not_stack_onto_worn_armor_or_attuned_items() {
    let ch = example("fighter-1");
    let o = ok(give(rules(), &ch, "chain-mail", n(1)));
    assert_eq!(entry(&o.character, "chain-mail").quantity, 1);
    assert!(!entry(&o.character, "chain-mail-2").equipped);
}

#[test]
fn unknown_item_id_suggests_the_closest() {
    let ch = example("fighter-1");
    let before = ch.clone();
    match give(rules(), &ch, "longsord", n(1)) {
        Err(Error::UnknownId {
            id,
            path,
            suggestion,
            ..
        }) => {
            assert_eq!(id, "longsord");
            assert_eq!(path, "/inventory/items");
            assert_eq!(suggestion.as_deref(), Some("longsword"));
        }
        other => panic!("expected UnknownId, got {other:?}"),
    }
    assert_eq!(before, ch);
}

#[test]
fn custom_items_need_no_catalog_id() {
    let ch = example("fighter-1");
    let custom = Give {
        custom: Some(CustomItem {
            weight_lb: 2.0,
            cost_gp: 50.0,
            requires_attunement: true,
        }),
        name: Some("Idol of Vex".into()),
        ..n(1)
    };
    let o = ok(give(rules(), &ch, "idol-of-vex", custom));
    assert_lb(carried(&o.character), carried(&ch) + 2.0);
    let a = ok(attune(rules(), &o.character, "idol-of-vex"));
    assert!(entry(&a.character, "idol-of-vex").attuned);
    let bad = Give {
        custom: Some(CustomItem {
            weight_lb: -1.0,
            ..CustomItem::default()
        }),
        ..n(1)
    };
    assert!(matches!(
        give(rules(), &ch, "x", bad),
        Err(Error::InvalidValue { .. })
    ));
    assert!(matches!(
        give(rules(), &ch, "javelin", n(0)),
        Err(Error::InvalidValue { .. })
    ));
}

#[test]
fn take_reduces_and_removes() {
    let ch = example("fighter-1");
    let o = ok(take(rules(), &ch, "javelin", 3));
    assert_eq!(entry(&o.character, "javelin").quantity, 5);
    let o = ok(take(rules(), &o.character, "javelin", 5));
    assert!(!has_entry(&o.character, "javelin"));
    assert_eq!(
        o.character.inventory.items.len(),
        ch.inventory.items.len() - 1
    );
    // 8 javelins, 2 lb each: 16 lb lighter.
    assert_lb(carried(&o.character), carried(&ch) - 16.0);

    let (code, alts) = refused(&ch.clone(), &ch, take(rules(), &ch, "javelin", 9));
    assert_eq!(
        (code.as_str(), alts),
        ("play.item.insufficient", vec!["take 8".to_string()])
    );
    let (code, alts) = refused(&ch.clone(), &ch, take(rules(), &ch, "lance", 1));
    assert_eq!(code, "play.item.not_found");
    assert_eq!(
        alts,
        [
            "chain-mail",
            "greatsword",
            "flail",
            "javelin",
            "dungeoneers-pack"
        ]
    );
}

#[test]
fn containers_hold_and_spill() {
    let ch = example("fighter-1");
    let o = ok(give(rules(), &ch, "backpack", n(1)));
    let o = ok(give(rules(), &o.character, "rope", into(1, "backpack")));
    let o = ok(give(rules(), &o.character, "torch", into(5, "backpack")));
    assert_eq!(
        entry(&o.character, "rope").location,
        Location::In("backpack".into())
    );
    // Contents count toward carried weight: backpack 5 lb, rope 5 lb, torches 5 × 1 lb.
    assert_lb(carried(&o.character), carried(&ch) + 15.0);
    let full = o.character.clone();

    // Not a container, not present, or inside itself: refused.
    let (code, _) = refused(
        &full.clone(),
        &full,
        give(rules(), &full, "rope", into(1, "greatsword")),
    );
    assert_eq!(code, "play.item.not_container");
    let (code, alts) = refused(
        &full.clone(),
        &full,
        give(rules(), &full, "rope", into(1, "sack")),
    );
    assert_eq!(
        (code.as_str(), alts),
        ("play.item.not_found", vec!["backpack".to_string()])
    );
    let (code, _) = refused(
        &full.clone(),
        &full,
        move_item(rules(), &full, "backpack", Location::In("backpack".into())),
    );
    assert_eq!(code, "play.item.not_container");

    // Removing the backpack spills its contents where it was.
    let o = ok(take(rules(), &full, "backpack", 1));
    assert_eq!(entry(&o.character, "rope").location, Location::Carried);
    assert_eq!(entry(&o.character, "torch").location, Location::Carried);
    assert!(o.summary.contains("rope, torch"), "{}", o.summary);
}

#[test]
fn full_containers_warn_by_weight_and_by_count() {
    // A backpack holds 30 lb: 7 lb of torches fits, a 55 lb suit of chain mail does not.
    let ch = example("fighter-1");
    let o = ok(give(rules(), &ch, "backpack", n(1)));
    let fits = ok(give(rules(), &o.character, "torch", into(7, "backpack")));
    assert!(!warned(&fits, "equipment.container.over_capacity"));
    let over = ok(give(
        rules(),
        &o.character,
        "chain-mail",
        into(1, "backpack"),
    ));
    assert_warned(&over, "equipment.container.over_capacity");
    // A quiver holds 20 arrows.
    let ranger = example("ranger-1");
    let o = ok(move_item(
        rules(),
        &ranger,
        "arrow",
        Location::In("quiver".into()),
    ));
    assert!(!warned(&o, "equipment.container.over_capacity"));
    let o = ok(give(rules(), &o.character, "arrow", into(1, "quiver")));
    assert_warned(&o, "equipment.container.over_capacity");
}

#[test]
fn heavy_loads_warn_of_encumbrance() {
    // Strength 17: carrying capacity 17 × 15 = 255 lb.
    let ch = example("fighter-1");
    let sheet = derive(rules(), &ch).expect("derives");
    assert_eq!(sheet.carrying_capacity, 255);
    let light = ok(give(rules(), &ch, "plate-armor", n(1)));
    assert!(!warned(&light, "equipment.encumbrance"));
    let heavy = ok(give(rules(), &ch, "plate-armor", n(4)));
    assert_warned(&heavy, "equipment.encumbrance");
    // Stored items do not count.
    let stored = Give {
        location: Some(Location::Stored),
        ..n(4)
    };
    assert!(!warned(
        &ok(give(rules(), &ch, "plate-armor", stored)),
        "equipment.encumbrance"
    ));
}

#[test]
fn move_between_places_and_unequip_when_put_away() {
    let ch = example("fighter-1");
    let o = ok(move_item(rules(), &ch, "greatsword", Location::Stored));
    let gs = entry(&o.character, "greatsword");
    assert_eq!(
        (gs.location.clone(), gs.equipped),
        (Location::Stored, false)
    );
    assert!(o.events.contains(&Event::Unequipped {
        key: "greatsword".into()
    }));
    // 6 lb lighter; equipping brings it back to hand.
    assert_lb(carried(&o.character), carried(&ch) - 6.0);
    let o = ok(equip(rules(), &o.character, "greatsword"));
    let gs = entry(&o.character, "greatsword");
    assert_eq!(
        (gs.location.clone(), gs.equipped),
        (Location::Carried, true)
    );
    assert!(o.summary.contains("brought from storage"), "{}", o.summary);
}

const EXAMPLES: [&str; 4] = ["fighter-1", "cleric-5", "ranger-1", "wizard-1"];
const ITEMS: [&str; 8] = [
    "javelin",
    "longsword",
    "arrow",
    "rope",
    "shield",
    "ring-of-protection",
    "dagger",
    "chain-mail",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn give_then_take_restores_the_inventory(
        ex in 0usize..EXAMPLES.len(),
        item in 0usize..ITEMS.len(),
        quantity in 1u32..40,
        stored in any::<bool>(),
    ) {
        let ch = example(EXAMPLES[ex]);
        let g = Give {
            quantity,
            location: stored.then_some(Location::Stored),
            ..Give::default()
        };
        let given = ok(give(rules(), &ch, ITEMS[item], g));
        let key = match &given.events[..] {
            [Event::ItemAdded { key, .. }] => key.clone(),
            other => panic!("events: {other:?}"),
        };
        let taken = ok(take(rules(), &given.character, &key, quantity));
        prop_assert_eq!(&taken.character.inventory, &ch.inventory);
    }
}
