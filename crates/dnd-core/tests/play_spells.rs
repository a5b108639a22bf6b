//! Preparing and casting spells on the example characters, with SRD 5.2 numbers: slots by the
//! class and multiclass tables, upcasting, Pact Magic, rituals, cantrips and concentration.

mod play_helpers;
use play_helpers::*;

use dnd_core::Error;
use dnd_core::derive::derive;
use dnd_core::model::Character;
use dnd_core::play::spells::{Cast, cast, prepare, prepared_list, unprepare};
use dnd_core::play::{Event, Outcome};

fn slots(ch: &Character) -> ([u8; 9], [u8; 9]) {
    let s = derive(rules(), ch).expect("derives");
    let sc = s.spellcasting.expect("caster");
    (sc.slots, sc.slots_spent)
}

fn cast_ok(ch: &Character, spell: &str, how: Cast) -> Outcome {
    cast(rules(), ch, spell, how).unwrap_or_else(|e| panic!("cast {spell}: {e}"))
}

fn at(level: u8) -> Cast {
    Cast {
        slot_level: Some(level),
        ..Cast::default()
    }
}

#[test]
fn cleric_5_slots_are_4_3_2_and_the_lowest_is_spent_first() {
    let ch = example("cleric-5");
    assert_eq!(slots(&ch).0[..3], [4, 3, 2]);
    let o = cast_ok(&ch, "guiding-bolt", Cast::default());
    assert_eq!(o.character.state.slots_spent[..3], [1, 0, 0]);
    assert_eq!(
        o.events[0],
        Event::SpellCast {
            spell: "guiding-bolt".into(),
            slot_level: Some(1),
            pact: false,
            ritual: false
        }
    );
    assert_eq!(ch.state.slots_spent, [0; 9], "the input is never changed");
}

#[test]
fn upcasting_spends_the_higher_slot() {
    let o = cast_ok(&example("cleric-5"), "guiding-bolt", at(3));
    assert_eq!(o.character.state.slots_spent[..3], [0, 0, 1]);
}

#[test]
fn spent_level_falls_through_to_the_next_higher_slot() {
    let mut ch = example("cleric-5");
    ch.state.slots_spent = [4, 3, 1, 0, 0, 0, 0, 0, 0];
    let o = cast_ok(&ch, "spiritual-weapon", Cast::default());
    assert_eq!(o.character.state.slots_spent[..3], [4, 3, 2]);
}

#[test]
fn no_slot_left_is_refused_with_the_unspent_slots_as_alternatives() {
    let mut ch = example("cleric-5");
    ch.state.slots_spent = [0, 3, 0, 0, 0, 0, 0, 0, 0];
    let Err(Error::Refused {
        code: c,
        alternatives,
        ..
    }) = cast(rules(), &ch, "spiritual-weapon", at(2))
    else {
        panic!("refused");
    };
    assert_eq!(c, "play.slot.unavailable");
    assert!(alternatives.contains(&"a level 3 slot (2 left)".to_string()));
    assert!(!alternatives.iter().any(|a| a.contains("level 1")));
    ch.state.slots_spent = [4, 3, 2, 0, 0, 0, 0, 0, 0];
    assert_eq!(
        code(cast(rules(), &ch, "guiding-bolt", Cast::default())),
        "play.slot.unavailable"
    );
}

#[test]
fn casting_above_the_castable_level_is_refused() {
    // Cleric 5 has slots up to level 3; Banishment is level 4.
    let ch = example("cleric-5");
    assert_eq!(
        code(cast(rules(), &ch, "banishment", Cast::default())),
        "play.spell.level_too_high"
    );
    assert_eq!(
        code(cast(rules(), &ch, "guiding-bolt", at(4))),
        "play.slot.unavailable"
    );
    assert_eq!(
        code(cast(rules(), &ch, "spiritual-weapon", at(1))),
        "play.slot.too_low"
    );
}

#[test]
fn spells_the_character_lacks_are_refused() {
    let ch = example("cleric-5");
    assert_eq!(
        code(cast(rules(), &ch, "command", Cast::default())),
        "play.spell.unknown_to_character"
    );
    assert_eq!(
        code(cast(rules(), &ch, "no-such-spell", Cast::default())),
        "not_found.content"
    );
    // A Wizard's spellbook spell off the prepared list.
    let w = example("wizard-1");
    assert_eq!(
        code(cast(rules(), &w, "feather-fall", Cast::default())),
        "play.spell.not_prepared"
    );
}

#[test]
fn cantrips_spend_no_slot() {
    let o = cast_ok(&example("wizard-1"), "fire-bolt", Cast::default());
    assert_eq!(o.character.state.slots_spent, [0; 9]);
    assert!(matches!(
        o.events[0],
        Event::SpellCast {
            slot_level: None,
            ..
        }
    ));
}

#[test]
fn rituals_spend_no_slot() {
    // Ritual Adept: a Wizard casts a ritual from the spellbook without preparing it.
    let w = example("wizard-1");
    let o = cast_ok(
        &w,
        "detect-magic",
        Cast {
            ritual: true,
            ..Cast::default()
        },
    );
    assert_eq!(o.character.state.slots_spent, [0; 9]);
    assert_eq!(
        o.character.state.concentration.as_deref(),
        Some("detect-magic")
    );
    let ritual = Cast {
        ritual: true,
        ..Cast::default()
    };
    assert_eq!(
        code(cast(rules(), &w, "feather-fall", ritual)),
        "play.spell.not_ritual"
    );
    // A Cleric must have the ritual prepared.
    let c = example("cleric-5");
    assert_eq!(
        code(cast(rules(), &c, "detect-magic", ritual)),
        "play.spell.unknown_to_character"
    );
    let p = prepare(rules(), &c, None, "detect-magic").expect("prepares");
    let o = cast_ok(&p.character, "detect-magic", ritual);
    assert_eq!(o.character.state.slots_spent, [0; 9]);
}

#[test]
fn a_new_concentration_spell_ends_the_old() {
    let ch = example("cleric-5");
    let a = cast_ok(&ch, "bless", Cast::default());
    assert_eq!(a.character.state.concentration.as_deref(), Some("bless"));
    let b = cast_ok(&a.character, "shield-of-faith", Cast::default());
    assert_eq!(
        b.character.state.concentration.as_deref(),
        Some("shield-of-faith")
    );
    assert!(b.events.contains(&Event::ConcentrationEnded {
        spell: "bless".into(),
        reason: "cast shield-of-faith".into()
    }));
    assert!(b.events.contains(&Event::ConcentrationStarted {
        spell: "shield-of-faith".into()
    }));
    // A spell without Concentration leaves it alone.
    let c = cast_ok(&b.character, "guiding-bolt", Cast::default());
    assert_eq!(
        c.character.state.concentration.as_deref(),
        Some("shield-of-faith")
    );
}

#[test]
fn pact_slots_are_apart_from_sorcerer_slots() {
    // Warlock 3: two level-2 Pact Magic slots; Sorcerer 2: three level-1 slots.
    let ch = example("warlock-3-sorcerer-2");
    let s = derive(rules(), &ch).expect("derives");
    let sc = s.spellcasting.expect("caster");
    assert_eq!(sc.slots[..2], [3, 0]);
    let pact = sc.pact.expect("pact");
    assert_eq!((pact.slots, pact.level), (2, 2));
    // Hex is a Warlock spell: a Pact slot, at the pact slot level.
    let o = cast_ok(&ch, "hex", Cast::default());
    assert_eq!(o.character.state.pact_slots_spent, 1);
    assert_eq!(o.character.state.slots_spent, [0; 9]);
    assert!(matches!(
        o.events[0],
        Event::SpellCast {
            slot_level: Some(2),
            pact: true,
            ..
        }
    ));
    // A Sorcerer spell spends a Sorcerer slot first.
    let o = cast_ok(&o.character, "chromatic-orb", Cast::default());
    assert_eq!(o.character.state.slots_spent[0], 1);
    assert_eq!(o.character.state.pact_slots_spent, 1);
    // ... and may be forced onto a Pact slot (SRD multiclassing).
    let forced = Cast {
        pact: Some(true),
        ..Cast::default()
    };
    let o = cast_ok(&o.character, "magic-missile", forced);
    assert_eq!(o.character.state.pact_slots_spent, 2);
    assert_eq!(
        code(cast(rules(), &o.character, "hex", forced)),
        "play.slot.unavailable"
    );
    // With the Pact slots spent, Hex falls back to a Sorcerer slot.
    let o = cast_ok(&o.character, "hex", Cast::default());
    assert_eq!(o.character.state.slots_spent[0], 2);
}

#[test]
fn paladin_3_bard_9_has_caster_level_11_slots() {
    let ch = example("paladin-3-bard-9");
    assert_eq!(slots(&ch).0, [4, 3, 3, 3, 2, 1, 0, 0, 0]);
    let o = cast_ok(&ch, "hold-monster", Cast::default());
    assert_eq!(o.character.state.slots_spent[4], 1);
    let o = cast_ok(&ch, "hold-person", at(6));
    assert_eq!(o.character.state.slots_spent[5], 1);
    let mut spent = ch.clone();
    spent.state.slots_spent = [0, 0, 0, 0, 2, 1, 0, 0, 0];
    assert_eq!(
        code(cast(rules(), &spent, "hold-monster", Cast::default())),
        "play.slot.unavailable"
    );
}

#[test]
fn dead_or_unconscious_characters_cannot_cast() {
    let mut ch = example("cleric-5");
    ch.state.hp = Some(0);
    assert_eq!(
        code(cast(rules(), &ch, "guiding-bolt", Cast::default())),
        "play.incapacitated"
    );
    ch.state.death_saves.failures = 3;
    assert_eq!(
        code(cast(rules(), &ch, "guiding-bolt", Cast::default())),
        "play.dead"
    );
}

#[test]
fn preparing_within_the_cleric_limit() {
    let ch = example("cleric-5");
    let o = prepare(rules(), &ch, None, "command").expect("prepares");
    let list = &o.character.state.prepared["cleric"];
    assert!(list.contains(&"command".to_string()));
    assert!(
        list.contains(&"guiding-bolt".to_string()),
        "starts from the recorded spells"
    );
    let o = cast_ok(&o.character, "command", Cast::default());
    assert_eq!(o.character.state.slots_spent[0], 1);
    // Cleric 5 prepares 9 (domain spells not counted): fill the list, then one more is refused.
    let mut ch = ch;
    let extra = [
        "bane",
        "command",
        "healing-word",
        "inflict-wounds",
        "sanctuary",
        "detect-magic",
        "detect-evil-and-good",
        "protection-from-evil-and-good",
        "purify-food-and-drink",
        "create-or-destroy-water",
        "detect-poison-and-disease",
    ];
    let mut refused = None;
    for s in extra {
        match prepare(rules(), &ch, Some("cleric"), s) {
            Ok(o) => ch = o.character,
            Err(e) => {
                refused = Some(e.code());
                break;
            }
        }
    }
    assert_eq!(refused, Some("spell.prepared.too_many"));
    let counted = prepared_list(rules(), &ch, "cleric")
        .iter()
        .filter(|s| {
            ![
                "aid",
                "bless",
                "cure-wounds",
                "lesser-restoration",
                "revivify",
            ]
            .contains(&s.as_str())
        })
        .count();
    assert_eq!(counted, 9);
}

#[test]
fn preparing_refusals() {
    let c = example("cleric-5");
    assert_eq!(
        code(prepare(rules(), &c, None, "magic-missile")),
        "spell.list.off_list"
    );
    assert_eq!(
        code(prepare(rules(), &c, None, "sacred-flame")),
        "play.spell.cantrip"
    );
    assert_eq!(
        code(prepare(rules(), &c, None, "banishment")),
        "spell.level.too_high"
    );
    assert_eq!(
        code(prepare(rules(), &c, Some("wizard"), "bane")),
        "invalid_input.value"
    );
    let Err(Error::UnknownId { suggestion, .. }) = prepare(rules(), &c, None, "guidng-bolt") else {
        panic!("unknown id");
    };
    assert_eq!(suggestion.as_deref(), Some("guiding-bolt"));
    // Always prepared: nothing to do, and cannot be unprepared.
    let o = prepare(rules(), &c, None, "bless").expect("no-op");
    assert!(o.events.is_empty());
    assert_eq!(
        code(unprepare(rules(), &c, None, "bless")),
        "play.spell.always_prepared"
    );
    // A Wizard prepares only from the spellbook, within its limit (Wizard 20: 25, all taken).
    let w = example("wizard-1");
    assert_eq!(
        code(prepare(rules(), &w, None, "sleep")),
        "spell.prepared.not_in_spellbook"
    );
    let o = unprepare(rules(), &w, None, "shield").expect("unprepares");
    let o = prepare(rules(), &o.character, None, "feather-fall").expect("prepares");
    assert!(o.character.state.prepared["wizard"].contains(&"feather-fall".to_string()));
    assert_eq!(
        code(prepare(rules(), &o.character, None, "detect-magic")),
        "spell.prepared.too_many"
    );
    let w20 = example("wizard-20");
    assert_eq!(
        code(prepare(rules(), &w20, None, "burning-hands")),
        "spell.prepared.too_many"
    );
}

#[test]
fn unpreparing_removes_the_spell_from_casting() {
    let c = example("cleric-5");
    let o = unprepare(rules(), &c, None, "guiding-bolt").expect("unprepares");
    assert!(!o.character.state.prepared["cleric"].contains(&"guiding-bolt".to_string()));
    assert_eq!(
        code(cast(rules(), &o.character, "guiding-bolt", Cast::default())),
        "play.spell.not_prepared"
    );
    assert_eq!(
        code(unprepare(rules(), &o.character, None, "guiding-bolt")),
        "play.spell.not_prepared"
    );
}
