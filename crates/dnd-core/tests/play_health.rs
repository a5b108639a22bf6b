//! Damage, healing, temporary hit points, death saves, conditions, exhaustion and Heroic
//! Inspiration on the example characters, with SRD 5.2 numbers.

mod play_helpers;
use play_helpers::*;

use dnd_core::derive::derive;
use dnd_core::model::Character;
use dnd_core::play::Event;
use dnd_core::play::Outcome;
use dnd_core::play::conditions::{Exhaustion, condition, exhaustion, inspiration};
use dnd_core::play::health::{
    Damage, DeathSave, concentration_dc, concentration_save, damage, death_save, end_concentration,
    heal, is_dead, is_stable, temp_hp,
};
use proptest::prelude::*;

fn hp(ch: &Character) -> i32 {
    derive(rules(), ch).expect("derives").hit_points.current
}

fn hit(ch: &Character, n: u32) -> Character {
    damage(rules(), ch, n, Damage::default())
        .expect("damage")
        .character
}

fn save(ch: &Character, roll: u32) -> Outcome {
    death_save(
        rules(),
        ch,
        DeathSave {
            roll: Some(roll),
            seed: None,
        },
    )
    .expect("death save")
}

/// Cleric 5, 38 HP max, at 0 HP and dying.
fn dying() -> Character {
    let ch = hit(&example("cleric-5"), 38);
    assert_eq!(ch.state.hp, Some(0));
    ch
}

#[test]
fn concentration_dc_table() {
    for (dmg, dc) in [
        (0, 10),
        (1, 10),
        (20, 10),
        (21, 10),
        (22, 11),
        (35, 17),
        (60, 30),
        (61, 30),
        (100, 30),
        (u32::MAX, 30),
    ] {
        assert_eq!(concentration_dc(dmg), dc, "damage {dmg}");
    }
}

#[test]
fn damage_while_concentrating_asks_for_a_save() {
    let mut ch = example("cleric-5");
    ch.state.concentration = Some("bless".into());
    let o = damage(rules(), &ch, 22, Damage::default()).expect("damage");
    assert_eq!(hp(&o.character), 16);
    assert!(o.events.contains(&Event::ConcentrationSave {
        spell: "bless".into(),
        dc: 11
    }));
    assert_eq!(o.character.state.concentration.as_deref(), Some("bless"));
    let kept = concentration_save(rules(), &o.character, true).expect("kept");
    assert_eq!(kept.character.state.concentration.as_deref(), Some("bless"));
    let lost = concentration_save(rules(), &o.character, false).expect("lost");
    assert_eq!(lost.character.state.concentration, None);
    assert!(matches!(lost.events[0], Event::ConcentrationEnded { .. }));
    assert_eq!(
        code(end_concentration(rules(), &lost.character)),
        "play.not_concentrating"
    );
}

#[test]
fn temporary_hit_points_absorb_first_and_do_not_stack() {
    let ch = example("cleric-5");
    let t = temp_hp(rules(), &ch, 8).expect("temp").character;
    assert_eq!(t.state.temp_hp, 8);
    let t = temp_hp(rules(), &t, 5).expect("temp").character;
    assert_eq!(t.state.temp_hp, 8, "the higher is kept");
    let o = damage(rules(), &t, 10, Damage::default()).expect("damage");
    assert_eq!((o.character.state.temp_hp, hp(&o.character)), (0, 36));
    assert_eq!(
        o.events[0],
        Event::Damaged {
            amount: 10,
            temp_absorbed: 8,
            hp_before: 38,
            hp_after: 36
        }
    );
    let o = damage(rules(), &t, 5, Damage::default()).expect("damage");
    assert_eq!((o.character.state.temp_hp, hp(&o.character)), (3, 38));
}

#[test]
fn dropping_to_zero_means_dying_and_unconscious() {
    let mut ch = example("cleric-5");
    ch.state.concentration = Some("bless".into());
    let o = damage(rules(), &ch, 40, Damage::default()).expect("damage");
    assert_eq!(o.character.state.hp, Some(0));
    assert!(o.character.state.conditions.contains(&"unconscious".into()));
    assert_eq!(o.character.state.concentration, None);
    assert!(!is_dead(&o.character));
}

#[test]
fn massive_damage_kills_outright() {
    // 38 HP: 76 damage leaves 38 over, equal to the maximum.
    let o = damage(rules(), &example("cleric-5"), 76, Damage::default()).expect("damage");
    assert!(is_dead(&o.character));
    assert!(o.events.contains(&Event::Died {
        reason: "massive damage".into()
    }));
    let o = damage(rules(), &example("cleric-5"), 75, Damage::default()).expect("damage");
    assert!(!is_dead(&o.character));
    // At 0 HP, damage of at least the maximum kills too.
    let o = damage(rules(), &dying(), 38, Damage::default()).expect("damage");
    assert!(is_dead(&o.character));
    assert_eq!(code(heal(rules(), &o.character, 5)), "play.dead");
    assert_eq!(
        code(damage(rules(), &o.character, 1, Damage::default())),
        "play.dead"
    );
}

#[test]
fn death_saves() {
    let ch = dying();
    // 10 or higher succeeds, below fails.
    let o = save(&ch, 10);
    assert_eq!(
        (
            o.character.state.death_saves.successes,
            o.character.state.death_saves.failures
        ),
        (1, 0)
    );
    let o = save(&o.character, 9);
    assert_eq!(o.character.state.death_saves.failures, 1);
    // A natural 1 is two failures: dead on the third.
    let o = save(&o.character, 1);
    assert!(is_dead(&o.character));
    assert!(o.events.contains(&Event::Died {
        reason: "death saving throws".into()
    }));
    // A natural 20 regains 1 HP and consciousness.
    let o = save(&ch, 20);
    assert_eq!(o.character.state.hp, Some(1));
    assert!(!o.character.state.conditions.contains(&"unconscious".into()));
    assert_eq!(o.character.state.death_saves, Default::default());
    // Three successes: Stable, no more death saves.
    let s = save(&save(&save(&ch, 12).character, 15).character, 19);
    assert!(is_stable(&s.character));
    assert!(s.events.contains(&Event::Stabilized));
    assert_eq!(
        code(death_save(
            rules(),
            &s.character,
            DeathSave {
                roll: Some(15),
                seed: None
            }
        )),
        "play.not_dying"
    );
    // Three failures: dead.
    let f = save(&save(&save(&ch, 2).character, 5).character, 9);
    assert!(is_dead(&f.character));
    // Not at 0 HP: refused; bad rolls are bad input.
    let full = example("cleric-5");
    let any = DeathSave {
        roll: Some(12),
        seed: None,
    };
    assert_eq!(code(death_save(rules(), &full, any)), "play.not_dying");
    let bad = DeathSave {
        roll: Some(21),
        seed: None,
    };
    assert_eq!(
        code(death_save(rules(), &ch, bad)),
        "invalid_input.out_of_range"
    );
    // A seeded roll is replayable and recorded.
    let seeded = DeathSave {
        roll: None,
        seed: Some(7),
    };
    let a = death_save(rules(), &ch, seeded).expect("seeded");
    assert_eq!(a, death_save(rules(), &ch, seeded).expect("seeded"));
    assert!(matches!(
        a.events[0],
        Event::DeathSave {
            roll: Some(1..=20),
            ..
        }
    ));
}

#[test]
fn damage_at_zero_is_a_failure_and_a_critical_two() {
    let ch = dying();
    let o = damage(rules(), &ch, 3, Damage::default()).expect("damage");
    assert_eq!(o.character.state.death_saves.failures, 1);
    let crit = Damage { critical: true };
    let o = damage(rules(), &o.character, 3, crit).expect("damage");
    assert!(is_dead(&o.character));
    // A Stable character hit again is dying again.
    let s = save(&save(&save(&ch, 12).character, 15).character, 19).character;
    let o = damage(rules(), &s, 1, Damage::default()).expect("damage");
    assert!(!is_stable(&o.character));
    assert_eq!(o.character.state.death_saves.failures, 1);
}

#[test]
fn healing_at_zero_restores_consciousness() {
    let o = heal(rules(), &dying(), 5).expect("heal");
    assert_eq!(o.character.state.hp, Some(5));
    assert!(o.character.state.conditions.is_empty());
    // Healing stops at the maximum (absent hp means full).
    let o = heal(rules(), &hit(&example("cleric-5"), 4), 100).expect("heal");
    assert_eq!(o.character.state.hp, None);
    assert_eq!(
        o.events[0],
        Event::Healed {
            amount: 4,
            hp_before: 34,
            hp_after: 38
        }
    );
}

#[test]
fn conditions_add_and_remove() {
    let ch = example("cleric-5");
    let o = condition(rules(), &ch, true, "poisoned").expect("adds");
    assert_eq!(o.character.state.conditions, vec!["poisoned".to_string()]);
    let again = condition(rules(), &o.character, true, "poisoned").expect("no-op");
    assert_eq!(again.character.state.conditions.len(), 1);
    let o = condition(rules(), &o.character, false, "poisoned").expect("removes");
    assert!(o.character.state.conditions.is_empty());
    assert_eq!(
        code(condition(rules(), &ch, false, "prone")),
        "play.condition.absent"
    );
    let Err(dnd_core::Error::UnknownId { suggestion, .. }) =
        condition(rules(), &ch, true, "poisond")
    else {
        panic!("unknown");
    };
    assert_eq!(suggestion.as_deref(), Some("poisoned"));
    // Every SRD condition can be added.
    for id in [
        "blinded",
        "charmed",
        "deafened",
        "frightened",
        "grappled",
        "incapacitated",
        "invisible",
        "paralyzed",
        "petrified",
        "poisoned",
        "prone",
        "restrained",
        "stunned",
        "unconscious",
    ] {
        condition(rules(), &ch, true, id).unwrap_or_else(|e| panic!("{id}: {e}"));
    }
    // An incapacitating condition ends concentration.
    let mut c = ch.clone();
    c.state.concentration = Some("bless".into());
    let o = condition(rules(), &c, true, "stunned").expect("adds");
    assert_eq!(o.character.state.concentration, None);
}

#[test]
fn exhaustion_levels_and_death_at_six() {
    let ch = example("cleric-5");
    let o = exhaustion(rules(), &ch, Exhaustion::Delta(3)).expect("gains");
    let s = derive(rules(), &o.character).expect("derives");
    assert_eq!((s.exhaustion, s.d20_penalty, s.speed.walk), (3, -6, 15));
    let o = exhaustion(rules(), &o.character, Exhaustion::Delta(-1)).expect("loses");
    assert_eq!(o.character.state.exhaustion, 2);
    let o = exhaustion(rules(), &o.character, Exhaustion::Delta(-9)).expect("floors at 0");
    assert_eq!(o.character.state.exhaustion, 0);
    let o = condition(rules(), &o.character, true, "exhaustion").expect("one level");
    assert_eq!(o.character.state.exhaustion, 1);
    let o = exhaustion(rules(), &ch, Exhaustion::Set(6)).expect("dies");
    assert!(is_dead(&o.character));
    assert!(o.events.contains(&Event::Died {
        reason: "exhaustion".into()
    }));
    assert_eq!(
        code(exhaustion(rules(), &ch, Exhaustion::Set(7))),
        "invalid_input.out_of_range"
    );
    let o = exhaustion(rules(), &ch, Exhaustion::Delta(i32::MAX)).expect("saturates");
    assert_eq!(o.character.state.exhaustion, 6);
}

#[test]
fn heroic_inspiration() {
    let ch = example("cleric-5");
    assert_eq!(
        code(inspiration(rules(), &ch, false)),
        "play.inspiration.none"
    );
    let o = inspiration(rules(), &ch, true).expect("gains");
    assert!(o.character.state.heroic_inspiration);
    let again = inspiration(rules(), &o.character, true).expect("no-op");
    assert!(again.events.is_empty());
    let o = inspiration(rules(), &o.character, false).expect("spends");
    assert!(!o.character.state.heroic_inspiration);
}

#[test]
fn huge_damage_does_not_panic() {
    let o = damage(
        rules(),
        &example("cleric-5"),
        u32::MAX,
        Damage { critical: true },
    )
    .expect("damage");
    assert!(is_dead(&o.character));
    let o = heal(rules(), &hit(&example("cleric-5"), 1), u32::MAX).expect("heal");
    assert_eq!(o.character.state.hp, None);
    let o = temp_hp(rules(), &example("cleric-5"), u32::MAX).expect("temp");
    assert_eq!(o.character.state.temp_hp, i32::MAX);
}

proptest! {
    #[test]
    fn damage_then_heal_from_full_returns(amount in 0u32..38, name in prop::sample::select(vec!["cleric-5", "fighter-1", "wizard-20", "paladin-3-bard-9"])) {
        let ch = example(name);
        let max = hp(&ch);
        let amount = amount % max.max(1) as u32;
        let hurt = hit(&ch, amount);
        prop_assert_eq!(hp(&hurt), max - amount as i32);
        let back = heal(rules(), &hurt, amount).expect("heal").character;
        prop_assert_eq!(hp(&back), max);
        prop_assert_eq!(back.state, ch.state);
    }
}
