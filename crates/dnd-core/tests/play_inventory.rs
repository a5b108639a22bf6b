//! Inventory and money verbs with SRD 5.2 numbers: giving (stacking, containers, encumbrance),
//! taking, equipping (one armor, one Shield), attunement (three at most, requirements), paying
//! with change, price parsing, conversion and coin weight.

use dnd_core::Error;
use dnd_core::derive::derive;
use dnd_core::model::{Character, Coins, CustomItem, Location};
use dnd_core::play::coins::{Denomination, change_for, convert, make_payment, pay, receive};
use dnd_core::play::inventory::{Give, attune, equip, give, move_item, take, unattune, unequip};
use dnd_core::play::{Event, Outcome};
use dnd_core::rules::Rules;
use proptest::prelude::*;

fn rules() -> &'static Rules {
    Rules::srd()
}

fn example(name: &str) -> Character {
    let path = format!(
        "{}/../../examples/characters/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).expect("example exists");
    Character::from_json(&text).expect("example parses")
}

fn ok(r: dnd_core::Result<Outcome>) -> Outcome {
    r.unwrap_or_else(|e| panic!("expected success, got {} ({e})", e.code()))
}

/// The refusal's code and alternatives; also checks the character given was not changed.
fn refused(
    before: &Character,
    ch: &Character,
    r: dnd_core::Result<Outcome>,
) -> (String, Vec<String>) {
    assert_eq!(before, ch, "a refusal leaves the character as it was");
    match r {
        Err(e @ Error::Refused { .. }) => (e.code().to_string(), e.alternatives().to_vec()),
        Err(e) => panic!("expected a refusal, got {} ({e})", e.code()),
        Ok(o) => panic!("expected a refusal, got: {}", o.summary),
    }
}

fn entry<'a>(ch: &'a Character, key: &str) -> &'a dnd_core::model::InventoryItem {
    ch.inventory
        .items
        .iter()
        .find(|it| it.instance_key() == key)
        .unwrap_or_else(|| panic!("no entry `{key}`"))
}

fn has_entry(ch: &Character, key: &str) -> bool {
    ch.inventory.items.iter().any(|it| it.instance_key() == key)
}

fn warned(o: &Outcome, code: &str) -> bool {
    o.warnings.iter().any(|w| w.code == code)
}

fn carried(ch: &Character) -> f64 {
    derive(rules(), ch).expect("derives").carried_weight
}

fn assert_lb(got: f64, want: f64) {
    assert!(
        (got - want).abs() < 1e-9,
        "carried {got} lb, expected {want} lb"
    );
}

fn gp(n: i64) -> Coins {
    Coins {
        gp: n,
        ..Coins::default()
    }
}

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
    let ch = example("fighter-1.json");
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
fn give_does_not_stack_onto_worn_armor_or_attuned_items() {
    let ch = example("fighter-1.json");
    let o = ok(give(rules(), &ch, "chain-mail", n(1)));
    assert_eq!(entry(&o.character, "chain-mail").quantity, 1);
    assert!(!entry(&o.character, "chain-mail-2").equipped);
}

#[test]
fn unknown_item_id_suggests_the_closest() {
    let ch = example("fighter-1.json");
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
    let ch = example("fighter-1.json");
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
    let ch = example("fighter-1.json");
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
    let ch = example("fighter-1.json");
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
    let ch = example("fighter-1.json");
    let o = ok(give(rules(), &ch, "backpack", n(1)));
    let fits = ok(give(rules(), &o.character, "torch", into(7, "backpack")));
    assert!(!warned(&fits, "equipment.container.over_capacity"));
    let over = ok(give(
        rules(),
        &o.character,
        "chain-mail",
        into(1, "backpack"),
    ));
    assert!(
        warned(&over, "equipment.container.over_capacity"),
        "{:?}",
        over.warnings
    );
    // A quiver holds 20 arrows.
    let ranger = example("ranger-1.json");
    let o = ok(move_item(
        rules(),
        &ranger,
        "arrow",
        Location::In("quiver".into()),
    ));
    assert!(!warned(&o, "equipment.container.over_capacity"));
    let o = ok(give(rules(), &o.character, "arrow", into(1, "quiver")));
    assert!(
        warned(&o, "equipment.container.over_capacity"),
        "{:?}",
        o.warnings
    );
}

#[test]
fn heavy_loads_warn_of_encumbrance() {
    // Strength 17: carrying capacity 17 × 15 = 255 lb.
    let ch = example("fighter-1.json");
    let sheet = derive(rules(), &ch).expect("derives");
    assert_eq!(sheet.carrying_capacity, 255);
    let light = ok(give(rules(), &ch, "plate-armor", n(1)));
    assert!(!warned(&light, "equipment.encumbrance"));
    let heavy = ok(give(rules(), &ch, "plate-armor", n(4)));
    assert!(
        warned(&heavy, "equipment.encumbrance"),
        "{:?}",
        heavy.warnings
    );
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
    let ch = example("fighter-1.json");
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

// --- equipping

#[test]
fn a_second_suit_of_armor_or_shield_replaces_the_first() {
    let ch = example("fighter-1.json");
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

    let cleric = example("cleric-5.json");
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
    let cleric = example("cleric-5.json");
    let o = ok(give(rules(), &cleric, "greatclub", n(1)));
    let o = ok(equip(rules(), &o.character, "greatclub"));
    assert!(
        warned(&o, "equipment.hands.two_handed_shield"),
        "{:?}",
        o.warnings
    );
}

#[test]
fn gear_cannot_be_equipped_and_unequip_is_idempotent() {
    let ch = example("fighter-1.json");
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
        &example("cleric-5.json"),
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
        &example("fighter-1.json"),
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
    let cleric = with_items(
        &example("cleric-5.json"),
        &["wand-of-fireballs", "holy-avenger"],
    );
    ok(attune(rules(), &cleric, "wand-of-fireballs"));
    let (code, _) = refused(
        &cleric.clone(),
        &cleric,
        attune(rules(), &cleric, "holy-avenger"),
    );
    assert_eq!(code, "equipment.attunement.requirement");
    let paladin = with_items(&example("paladin-1.json"), &["holy-avenger"]);
    ok(attune(rules(), &paladin, "holy-avenger"));
}

#[test]
fn only_items_requiring_attunement_can_be_attuned() {
    let ch = with_items(&example("fighter-1.json"), &["bag-of-holding"]);
    for key in ["greatsword", "bag-of-holding"] {
        let (code, _) = refused(&ch.clone(), &ch, attune(rules(), &ch, key));
        assert_eq!(code, "play.item.not_magic", "{key}");
    }
    let o = ok(unattune(rules(), &ch, "greatsword"));
    assert!(o.events.is_empty());
}

// --- money

#[test]
fn conversion_table() {
    let one = |d: Denomination| {
        let mut c = Coins::default();
        match d {
            Denomination::Cp => c.cp = 1,
            Denomination::Sp => c.sp = 1,
            Denomination::Ep => c.ep = 1,
            Denomination::Gp => c.gp = 1,
            Denomination::Pp => c.pp = 1,
        }
        c
    };
    use Denomination::*;
    // 1 pp = 10 gp = 20 ep = 100 sp = 1,000 cp; 1 gp = 2 ep = 10 sp = 100 cp; 1 ep = 5 sp; 1 sp = 10 cp.
    for (from, to, count) in [
        (Pp, Gp, 10),
        (Pp, Ep, 20),
        (Pp, Sp, 100),
        (Pp, Cp, 1000),
        (Gp, Ep, 2),
        (Gp, Sp, 10),
        (Gp, Cp, 100),
        (Ep, Sp, 5),
        (Ep, Cp, 50),
        (Sp, Cp, 10),
        (Gp, Gp, 1),
    ] {
        let c = convert(&one(from), to);
        assert_eq!(to.of(&c), count, "1 {} in {}", from.key(), to.key());
        assert_eq!(c.in_copper(), from.value_cp());
    }
    // Less than one coin of the target stays in smaller coins.
    assert_eq!(
        convert(
            &Coins {
                sp: 7,
                ..Coins::default()
            },
            Gp
        ),
        Coins {
            sp: 7,
            ..Coins::default()
        }
    );
    assert_eq!(
        convert(
            &Coins {
                cp: 1234,
                ..Coins::default()
            },
            Gp
        ),
        Coins {
            gp: 12,
            sp: 3,
            cp: 4,
            ..Coins::default()
        }
    );
    assert_eq!(
        change_for(1570),
        Coins {
            pp: 1,
            gp: 5,
            sp: 7,
            ..Coins::default()
        }
    );
}

#[test]
fn parsing_prices() {
    let c = |cp, sp, ep, gp, pp| Coins { cp, sp, ep, gp, pp };
    for (text, want) in [
        ("12gp 5sp", c(0, 5, 0, 12, 0)),
        ("1,500 gp", c(0, 0, 0, 1500, 0)),
        ("7cp", c(7, 0, 0, 0, 0)),
        ("3 GP + 4 sp", c(0, 4, 0, 3, 0)),
        ("2 gp, 5 sp", c(0, 5, 0, 2, 0)),
        ("1 pp 1 ep", c(0, 0, 1, 0, 1)),
        ("1gp 1gp", c(0, 0, 0, 2, 0)),
        ("0 gp", c(0, 0, 0, 0, 0)),
    ] {
        assert_eq!(Coins::parse(text).ok(), Some(want), "{text}");
    }
    for bad in [
        "",
        "  ",
        "12",
        "1.5gp",
        "5 zp",
        "-3gp",
        "gp",
        "1,50gp",
        "99999999999999999999 gp",
    ] {
        match Coins::parse(bad) {
            Err(Error::InvalidValue { path, .. }) => assert_eq!(path, "amount", "{bad}"),
            other => panic!("{bad:?}: expected InvalidValue, got {other:?}"),
        }
    }
    assert_eq!(c(0, 5, 0, 12, 0).to_string(), "12 gp 5 sp");
    assert_eq!(Coins::default().to_string(), "0 cp");
}

#[test]
fn paying_makes_change() {
    let c = |cp, sp, ep, gp, pp| Coins { cp, sp, ep, gp, pp };
    // (purse, cost in cp, spent, change, after)
    for (purse, cost, spent, change, after) in [
        // 1 gp for 3 sp: 7 sp back.
        (
            c(0, 0, 0, 1, 0),
            30,
            c(0, 0, 0, 1, 0),
            c(0, 7, 0, 0, 0),
            c(0, 7, 0, 0, 0),
        ),
        // Exact coins, smallest first.
        (
            c(5, 5, 0, 5, 0),
            55,
            c(5, 5, 0, 0, 0),
            c(0, 0, 0, 0, 0),
            c(0, 0, 0, 5, 0),
        ),
        // Copper first, then break the smallest larger coin.
        (
            c(5, 0, 0, 1, 1),
            7,
            c(5, 0, 0, 1, 0),
            c(8, 9, 0, 0, 0),
            c(8, 9, 0, 0, 1),
        ),
        // Two electrum pay a gold piece.
        (
            c(0, 0, 3, 0, 0),
            100,
            c(0, 0, 2, 0, 0),
            c(0, 0, 0, 0, 0),
            c(0, 0, 1, 0, 0),
        ),
        // A platinum piece for 3 gp: 7 gp back.
        (
            c(0, 0, 0, 0, 1),
            300,
            c(0, 0, 0, 0, 1),
            c(0, 0, 0, 7, 0),
            c(0, 0, 0, 7, 0),
        ),
    ] {
        let p = make_payment(&purse, cost).expect("enough");
        assert_eq!(
            (p.spent, p.change, p.after),
            (spent, change, after),
            "{purse} paying {cost} cp"
        );
        assert_eq!(p.after.in_copper(), purse.in_copper() - cost);
    }
    assert_eq!(make_payment(&c(0, 9, 0, 0, 0), 100), None);

    let ch = example("fighter-1.json");
    let o = ok(pay(
        rules(),
        &ch,
        Coins {
            sp: 3,
            ..Coins::default()
        },
    ));
    assert_eq!(
        o.character.inventory.currency,
        Coins {
            gp: 3,
            sp: 7,
            ..Coins::default()
        }
    );
    assert_eq!(
        o.events,
        vec![Event::CoinsPaid {
            cost_cp: 30,
            remaining_cp: 370
        }]
    );
    assert!(o.summary.contains("change 7 sp"), "{}", o.summary);

    let before = ch.clone();
    match pay(rules(), &ch, gp(5)) {
        Err(e @ Error::Refused { .. }) => {
            assert_eq!(e.code(), "play.coins.insufficient");
            assert!(e.to_string().contains("needs 1 gp more"), "{e}");
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(before, ch);
}

#[test]
fn coins_weigh_fifty_to_the_pound() {
    let ch = example("fighter-1.json");
    let o = ok(receive(rules(), &ch, gp(50)));
    assert_eq!(o.character.inventory.currency.gp, 54);
    assert_eq!(o.events, vec![Event::CoinsReceived { amount_cp: 5000 }]);
    assert_lb(carried(&o.character), carried(&ch) + 1.0);
    // 25 sp and 25 cp are 50 coins too.
    let o = ok(receive(
        rules(),
        &ch,
        Coins {
            sp: 25,
            cp: 25,
            ..Coins::default()
        },
    ));
    assert_lb(carried(&o.character), carried(&ch) + 1.0);
    assert!(matches!(
        receive(rules(), &ch, gp(-1)),
        Err(Error::InvalidValue { .. })
    ));
}

const EXAMPLES: [&str; 4] = [
    "fighter-1.json",
    "cleric-5.json",
    "ranger-1.json",
    "wizard-1.json",
];
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
