//! Equipping (one suit of armor and one Shield at a time, hands) and attunement (three at most,
//! requirements by class and spellcaster) with SRD 5.2 items.

mod play_helpers;
use play_helpers::*;

use dnd_core::derive::derive;
use dnd_core::model::Character;
use dnd_core::play::Event;
use dnd_core::play::inventory::{Give, attune, equip, give, unattune, unequip};

fn n(q: u32) -> Give {
    Give {
        quantity: q,
        ..Give::default()
    }
}

// --- equipping

#[test]
fn a_second_suit_of_armor_or_shield_replaces_the_first() {
    let ch = example("fighter-1");
    let o = ok(give(rules(), &ch, "plate-armor", n(1)));
    let o = ok(equip(rules(), &o.character, "plate-armor"));
    assert!(entry(&o.character, "plate-armor").equipped);
    assert!(!entry(&o.character, "chain-mail").equipped);
    assert!(o.summary.contains("took off `chain-mail`"), "{}", o.summary);
    // Plate armor: AC 18, +1 from the Defense fighting style.
    assert_eq!(
        derive(rules(), &o.character).expect("derives").armor_class,
        19
    );

    let cleric = example("cleric-5");
    let o = ok(give(rules(), &cleric, "shield", n(1)));
    let o = ok(equip(rules(), &o.character, "shield-2"));
    assert!(entry(&o.character, "shield-2").equipped);
    assert!(!entry(&o.character, "shield").equipped);
    assert!(o.events.contains(&Event::Unequipped {
        key: "shield".into()
    }));
    // Weapons do not take each other off.
    let o = ok(equip(rules(), &ch, "flail"));
    assert!(entry(&o.character, "flail").equipped && entry(&o.character, "greatsword").equipped);
}

#[test]
fn two_handed_weapon_with_a_shield_is_a_warning() {
    let cleric = example("cleric-5");
    let o = ok(give(rules(), &cleric, "greatclub", n(1)));
    let o = ok(equip(rules(), &o.character, "greatclub"));
    assert_warned(&o, "equipment.hands.two_handed_shield");
}

#[test]
fn gear_cannot_be_equipped_and_unequip_is_idempotent() {
    let ch = example("fighter-1");
    let (code, alts) = refused(&ch.clone(), &ch, equip(rules(), &ch, "dungeoneers-pack"));
    assert_eq!(code, "play.item.not_equippable");
    assert_eq!(alts, ["flail", "javelin"]);
    let o = ok(unequip(rules(), &ch, "chain-mail"));
    assert!(!entry(&o.character, "chain-mail").equipped);
    assert_eq!(
        o.events,
        vec![Event::Unequipped {
            key: "chain-mail".into()
        }]
    );
    let again = ok(unequip(rules(), &o.character, "chain-mail"));
    assert!(again.events.is_empty());
    assert_eq!(again.character, o.character);
}

// --- attunement

fn with_items(ch: &Character, ids: &[&str]) -> Character {
    ids.iter().fold(ch.clone(), |c, id| {
        ok(give(rules(), &c, id, n(1))).character
    })
}

#[test]
fn a_fourth_attunement_is_refused_with_the_three_to_end() {
    let ch = with_items(
        &example("cleric-5"),
        &[
            "ring-of-protection",
            "cloak-of-protection",
            "amulet-of-health",
            "periapt-of-health",
        ],
    );
    let mut c = ch.clone();
    for (i, key) in [
        "ring-of-protection",
        "cloak-of-protection",
        "amulet-of-health",
    ]
    .iter()
    .enumerate()
    {
        let o = ok(attune(rules(), &c, key));
        assert!(o.summary.contains("short rest"), "{}", o.summary);
        assert!(
            o.summary.contains(&format!("{} of 3", i + 1)),
            "{}",
            o.summary
        );
        assert_eq!(
            o.events,
            vec![Event::Attuned {
                key: key.to_string()
            }]
        );
        c = o.character;
    }
    let (code, alts) = refused(&c.clone(), &c, attune(rules(), &c, "periapt-of-health"));
    assert_eq!(code, "equipment.attunement.too_many");
    assert_eq!(
        alts,
        [
            "ring-of-protection",
            "cloak-of-protection",
            "amulet-of-health"
        ]
    );
    // Ending one makes room.
    let o = ok(unattune(rules(), &c, "cloak-of-protection"));
    assert_eq!(
        o.events,
        vec![Event::Unattuned {
            key: "cloak-of-protection".into()
        }]
    );
    let o = ok(attune(rules(), &o.character, "periapt-of-health"));
    assert!(entry(&o.character, "periapt-of-health").attuned);
}

#[test]
fn attunement_requirements_are_checked() {
    // A Wand of Fireballs requires a spellcaster; a Fighter 1 is not one, a Cleric is.
    let fighter = with_items(
        &example("fighter-1"),
        &["wand-of-fireballs", "holy-avenger"],
    );
    let (code, _) = refused(
        &fighter.clone(),
        &fighter,
        attune(rules(), &fighter, "wand-of-fireballs"),
    );
    assert_eq!(code, "equipment.attunement.requirement");
    // A Holy Avenger requires a Paladin.
    let (code, _) = refused(
        &fighter.clone(),
        &fighter,
        attune(rules(), &fighter, "holy-avenger"),
    );
    assert_eq!(code, "equipment.attunement.requirement");
    let cleric = with_items(&example("cleric-5"), &["wand-of-fireballs", "holy-avenger"]);
    ok(attune(rules(), &cleric, "wand-of-fireballs"));
    let (code, _) = refused(
        &cleric.clone(),
        &cleric,
        attune(rules(), &cleric, "holy-avenger"),
    );
    assert_eq!(code, "equipment.attunement.requirement");
    let paladin = with_items(&example("paladin-1"), &["holy-avenger"]);
    ok(attune(rules(), &paladin, "holy-avenger"));
}

#[test]
fn only_items_requiring_attunement_can_be_attuned() {
    let ch = with_items(&example("fighter-1"), &["bag-of-holding"]);
    for key in ["greatsword", "bag-of-holding"] {
        let (code, _) = refused(&ch.clone(), &ch, attune(rules(), &ch, key));
        assert_eq!(code, "play.item.not_magic", "{key}");
    }
    let o = ok(unattune(rules(), &ch, "greatsword"));
    assert!(o.events.is_empty());
}
