//! Short and Long Rests on the example characters, with SRD 5.2 numbers: hit dice spent with
//! the Constitution modifier, Pact Magic and counters recharged, everything back on a long rest.

mod play_helpers;
use play_helpers::*;

use dnd_core::derive::derive;
use dnd_core::model::Die;
use dnd_core::play::Event;
use dnd_core::play::rest::{LongRest, ShortRest, long_rest, short_rest};
use dnd_core::play::spells::{Cast, cast};
use proptest::prelude::*;

fn spend(spend: Vec<(Die, u32)>, rolls: Vec<u32>) -> ShortRest {
    ShortRest {
        spend,
        rolls: Some(rolls),
        seed: None,
    }
}

#[test]
fn hit_dice_heal_roll_plus_con_at_least_one() {
    // Cleric 5: 38 HP, 5d8, Con +1.
    let mut ch = example("cleric-5");
    ch.state.hp = Some(10);
    let o = short_rest(rules(), &ch, spend(vec![(Die::D8, 2)], vec![3, 7])).expect("rests");
    assert_eq!(o.character.state.hp, Some(22)); // 10 + (3+1) + (7+1)
    assert_eq!(o.character.state.hit_dice_spent[&Die::D8], 2);
    assert_eq!(
        o.events[0],
        Event::HitDiceSpent {
            die: Die::D8,
            count: 2,
            rolls: vec![3, 7],
            healed: 12
        }
    );
    // A Con −1 character still regains at least 1 per die.
    let mut weak = ch.clone();
    weak.abilities.base.con = 8;
    let o = short_rest(rules(), &weak, spend(vec![(Die::D8, 1)], vec![1])).expect("rests");
    let s = derive(rules(), &weak).expect("derives");
    assert_eq!(s.abilities.con.modifier, -1);
    assert_eq!(o.character.state.hp, Some(11));
    // Healing stops at the maximum.
    let o = short_rest(rules(), &ch, spend(vec![(Die::D8, 5)], vec![8; 5])).expect("rests");
    assert_eq!(o.character.state.hp, None);
}

#[test]
fn hit_dice_refusals() {
    let mut ch = example("cleric-5");
    ch.state.hit_dice_spent.insert(Die::D8, 4);
    let Err(dnd_core::Error::Refused {
        code: c,
        alternatives,
        ..
    }) = short_rest(rules(), &ch, spend(vec![(Die::D8, 2)], vec![1, 1]))
    else {
        panic!("refused");
    };
    assert_eq!(c, "play.hit_dice.unavailable");
    assert_eq!(alternatives, vec!["1 d8".to_string()]);
    assert_eq!(
        code(short_rest(
            rules(),
            &ch,
            spend(vec![(Die::D10, 1)], vec![1])
        )),
        "play.hit_dice.unavailable"
    );
    assert_eq!(
        code(short_rest(rules(), &ch, spend(vec![(Die::D8, 1)], vec![9]))),
        "invalid_input.out_of_range"
    );
    assert_eq!(
        code(short_rest(rules(), &ch, spend(vec![(Die::D8, 1)], vec![]))),
        "invalid_input.value"
    );
    // Seeded rolls are replayable.
    let seeded = ShortRest {
        spend: vec![(Die::D8, 1)],
        rolls: None,
        seed: Some(3),
    };
    let a = short_rest(rules(), &ch, seeded.clone()).expect("rests");
    assert_eq!(a, short_rest(rules(), &ch, seeded).expect("rests"));
    // At 0 HP no rest can start.
    ch.state.hp = Some(0);
    assert_eq!(
        code(short_rest(rules(), &ch, ShortRest::default())),
        "play.rest.no_hp"
    );
    assert_eq!(
        code(long_rest(rules(), &ch, LongRest::default())),
        "play.rest.no_hp"
    );
    ch.state.death_saves.failures = 3;
    assert_eq!(
        code(long_rest(rules(), &ch, LongRest::default())),
        "play.dead"
    );
}

#[test]
fn short_rest_restores_pact_slots_but_not_sorcerer_slots() {
    let ch = example("warlock-3-sorcerer-2");
    let o = cast(rules(), &ch, "hex", Cast::default()).expect("pact");
    let o = cast(rules(), &o.character, "chromatic-orb", Cast::default()).expect("slot");
    assert_eq!(
        (
            o.character.state.pact_slots_spent,
            o.character.state.slots_spent[0]
        ),
        (1, 1)
    );
    let r = short_rest(rules(), &o.character, ShortRest::default()).expect("rests");
    assert_eq!(r.character.state.pact_slots_spent, 0);
    assert_eq!(r.character.state.slots_spent[0], 1);
    assert!(r.events.contains(&Event::SlotsRestored { pact: true }));
    let l = long_rest(rules(), &r.character, LongRest::default()).expect("rests");
    assert_eq!(l.character.state.slots_spent, [0; 9]);
}

#[test]
fn short_rest_counters() {
    // Fighter 5: Second Wind (3, one back on a short rest), Action Surge (1, short rest);
    // Wizard 1: Arcane Recovery (long rest).
    let mut ch = example("fighter-5-wizard-1");
    for (id, n) in [
        ("fighter-second-wind", 3),
        ("fighter-action-surge", 1),
        ("wizard-arcane-recovery", 1),
    ] {
        ch.state.counters_spent.insert(id.into(), n);
    }
    let o = short_rest(rules(), &ch, ShortRest::default()).expect("rests");
    let spent = &o.character.state.counters_spent;
    assert_eq!(spent.get("fighter-second-wind"), Some(&2));
    assert_eq!(spent.get("fighter-action-surge"), None);
    assert_eq!(spent.get("wizard-arcane-recovery"), Some(&1));
    assert!(o.events.contains(&Event::CounterRestored {
        counter: "fighter-action-surge".into(),
        uses: 1
    }));
    let l = long_rest(rules(), &o.character, LongRest::default()).expect("rests");
    assert!(l.character.state.counters_spent.is_empty());
}

#[test]
fn long_rest_restores_everything_and_one_exhaustion_level() {
    let mut ch = example("cleric-5");
    ch.state.hp = Some(3);
    ch.state.temp_hp = 5;
    ch.state.hit_dice_spent.insert(Die::D8, 5);
    ch.state.slots_spent = [4, 3, 2, 0, 0, 0, 0, 0, 0];
    ch.state
        .counters_spent
        .insert("cleric-channel-divinity".into(), 2);
    ch.state.exhaustion = 2;
    let o = long_rest(rules(), &ch, LongRest::default()).expect("rests");
    let st = &o.character.state;
    assert_eq!((st.hp, st.temp_hp), (None, 0));
    assert!(st.hit_dice_spent.is_empty(), "2024: all hit dice back");
    assert_eq!(st.slots_spent, [0; 9]);
    assert!(st.counters_spent.is_empty());
    assert_eq!(st.exhaustion, 1);
    assert!(o.events.contains(&Event::HitDiceRegained {
        die: Die::D8,
        count: 5
    }));
    assert!(
        o.events
            .contains(&Event::ExhaustionChanged { from: 2, to: 1 })
    );
}

#[test]
fn long_rest_changes_the_land_of_a_circle_of_the_land_druid() {
    let mut ch = example("druid-1");
    assert_eq!(
        code(long_rest(
            rules(),
            &ch,
            LongRest {
                land: Some("arid".into())
            }
        )),
        "invalid_input.value"
    );
    // Druid 3, Circle of the Land, arid.
    let mut lv = ch.levels[0].clone();
    lv.cantrips.clear();
    lv.spells.clear();
    lv.skills.clear();
    lv.choices.clear();
    lv.feats.clear();
    lv.tools.clear();
    lv.languages.clear();
    lv.masteries.clear();
    lv.expertise.clear();
    ch.levels.push(lv.clone());
    lv.subclass = Some("circle-of-the-land".into());
    lv.choices.insert("land".into(), "arid".into());
    ch.levels.push(lv);
    let o = long_rest(
        rules(),
        &ch,
        LongRest {
            land: Some("polar".into()),
        },
    )
    .expect("rests");
    assert_eq!(o.character.levels[2].choices["land"], "polar");
    assert!(o.events.contains(&Event::ChoiceChanged {
        key: "/levels/2/choices/land".into(),
        from: "arid".into(),
        to: "polar".into()
    }));
}

proptest! {
    #[test]
    fn a_long_rest_is_idempotent(
        hp in 1i32..38,
        temp in 0i32..20,
        dice in 0u32..=5,
        s1 in 0u8..=4, s2 in 0u8..=3, s3 in 0u8..=2,
        cd in 0u32..=2,
        inspired: bool,
    ) {
        let mut ch = example("cleric-5");
        ch.state.hp = Some(hp);
        ch.state.temp_hp = temp;
        ch.state.hit_dice_spent.insert(Die::D8, dice);
        ch.state.slots_spent = [s1, s2, s3, 0, 0, 0, 0, 0, 0];
        ch.state.counters_spent.insert("cleric-channel-divinity".into(), cd);
        ch.state.heroic_inspiration = inspired;
        let once = long_rest(rules(), &ch, LongRest::default()).expect("rests").character;
        let twice = long_rest(rules(), &once, LongRest::default()).expect("rests").character;
        prop_assert_eq!(&once, &twice);
        prop_assert_eq!(once.state.heroic_inspiration, inspired);
    }
}
