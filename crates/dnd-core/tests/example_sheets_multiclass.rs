//! The multiclass and level-20 example characters, derived and checked against sheets worked out
//! BY HAND from the SRD 5.2 text (never copied from the engine's output).
//!
//! Conventions as in `example_sheets.rs`: abilities are `(score, modifier, saving throw)` for
//! Str, Dex, Con, Int, Wis, Cha; hit dice `[d6, d8, d10, d12]`; a caster line
//! `(save DC, attack bonus, prepared max, cantrips max)`.

mod sheet_helpers;
use dnd_core::model::Ability;
use sheet_helpers::*;

const FIGHTER_5_WIZARD_1: &str =
    include_str!("../../../examples/characters/fighter-5-wizard-1.json");
const PALADIN_3_BARD_9: &str = include_str!("../../../examples/characters/paladin-3-bard-9.json");
const WARLOCK_3_SORCERER_2: &str =
    include_str!("../../../examples/characters/warlock-3-sorcerer-2.json");
const MONK_20: &str = include_str!("../../../examples/characters/monk-20.json");
const WIZARD_20: &str = include_str!("../../../examples/characters/wizard-20.json");

#[test]
fn fighter_5_wizard_1() {
    let s = sheet(FIGHTER_5_WIZARD_1);
    assert_eq!((s.level, s.proficiency_bonus), (6, 3));
    // Point buy 15/10/14/13/12/8 (9+2+7+5+4+0 = 27); Soldier +2 Str, +1 Con; ASI at fighter 4:
    // Str +2 → 19. Saves of the first class (Fighter): Str, Con (+3).
    assert_eq!(
        abilities(&s),
        [
            (19, 4, 7),
            (10, 0, 0),
            (15, 2, 5),
            (13, 1, 1),
            (12, 1, 1),
            (8, -1, -1)
        ]
    );
    assert_eq!(skill(&s.skills.athletics), (7, true, false)); // Soldier: Str 4 + PB 3
    assert_eq!(skill(&s.skills.intimidation), (2, true, false)); // Soldier: Cha -1 + 3
    assert_eq!(skill(&s.skills.survival), (4, true, false)); // Wis 1 + 3
    assert_eq!(skill(&s.skills.arcana), (1, false, false)); // Int 1
    assert_eq!(s.passive.perception, 14); // 10 + Wis 1 + 3
    assert_eq!(s.armor_class, 17); // chain mail 16 + Defense 1
    assert_eq!(s.initiative, 0);
    assert_eq!(s.speed.walk, 30);
    // Fighter 1: 10 + 2; fighter 2-5: 4 x (6 + 2); wizard: 4 + 2; Dwarven Toughness +6 → 56.
    assert_eq!(s.hit_points.max, 56);
    assert_eq!(hit_dice(&s), [1, 0, 5, 0]);
    assert_eq!(caster(&s, "wizard"), (12, 4, 4, 3)); // DC 8 + 3 + Int 1; wizard 1 column
    assert_eq!(slots(&s), ([2, 0, 0, 0, 0, 0, 0, 0, 0], None)); // see fighter_5_wizard_1_slots
    assert_eq!(s.carrying_capacity, 285); // Str 19 x 15
    assert_eq!(hit(&s, "greatsword"), (7, "2d6+4 slashing".into())); // Str 4 + 3
    assert_eq!(hit(&s, "longbow"), (3, "1d8 piercing".into())); // Dex 0 + 3
    assert_eq!(attack(&s, "longbow").mastery.as_deref(), Some("slow"));
    assert_eq!(hit(&s, "unarmed-strike"), (7, "5 bludgeoning".into())); // 1 + Str 4
    assert_eq!(s.attacks_per_action, 2); // Extra Attack (fighter 5)
    assert_eq!(s.darkvision, Some(120));
    assert_eq!(s.resistances, ["poison"]);
}

#[test]
fn fighter_5_wizard_1_slots() {
    let s = sheet(FIGHTER_5_WIZARD_1);
    let sc = s.spellcasting.as_ref().expect("spellcasting");
    // Fighter (without Eldritch Knight) adds nothing: caster level = wizard 1 → two level 1 slots.
    assert_eq!(sc.caster_level, 1);
    assert_eq!(sc.slots, [2, 0, 0, 0, 0, 0, 0, 0, 0]);
    assert!(sc.pact.is_none());
}

#[test]
fn paladin_3_bard_9() {
    let s = sheet(PALADIN_3_BARD_9);
    assert_eq!((s.level, s.proficiency_bonus), (12, 4));
    // Standard array 15/10/13/8/12/14; Acolyte +2 Cha, +1 Wis; ASI Cha +2 at bard 4 and bard 8
    // → Cha 20. Saves of the first class (Paladin): Wis, Cha (+4).
    assert_eq!(
        abilities(&s),
        [
            (15, 2, 2),
            (10, 0, 0),
            (13, 1, 1),
            (8, -1, -1),
            (13, 1, 5),
            (20, 5, 9)
        ]
    );
    assert_eq!(skill(&s.skills.persuasion), (13, true, true)); // Cha 5 + 2 x PB 4
    assert_eq!(skill(&s.skills.deception), (13, true, true));
    // Expertise at bard 2 (Persuasion, Deception) and bard 9 (Performance, Athletics).
    assert_eq!(skill(&s.skills.athletics), (10, true, true)); // Str 2 + 2 x PB 4
    assert_eq!(skill(&s.skills.performance), (13, true, true)); // Human Skillful: Cha 5 + 2 x 4
    assert_eq!(skill(&s.skills.arcana), (3, true, false)); // Lore Bonus Proficiencies: Int -1 + 4
    // Jack of All Trades (bard 2): half PB (2) on skill checks without proficiency.
    assert_eq!(skill(&s.skills.perception), (3, false, false)); // Wis 1 + 2
    assert_eq!(skill(&s.skills.stealth), (2, false, false)); // Dex 0 + 2
    assert_eq!(s.passive.perception, 13);
    assert_eq!(s.armor_class, 19); // chain mail 16 + shield 2 + Defense 1
    // Initiative is a Dex check but not a skill check, so no Jack of All Trades: Dex 0 + Alert 4.
    assert_eq!(s.initiative, 4);
    assert_eq!(s.speed.walk, 30); // Str 15 meets chain mail's Str 13
    // Paladin 1: 10 + 1; paladin 2-3: 2 x (6 + 1); bard 1-9: 9 x (5 + 1) → 11 + 14 + 54 = 79.
    assert_eq!(s.hit_points.max, 79);
    assert_eq!(hit_dice(&s), [0, 9, 3, 0]);
    // Both Cha casters: DC 8 + 4 + 5 = 17, attack +9. Paladin 3 prepares 4; bard 9: 14 and 3 cantrips.
    assert_eq!(caster(&s, "paladin"), (17, 9, 4, 0));
    assert_eq!(caster(&s, "bard"), (17, 9, 14, 3));
    // See paladin_3_bard_9_slots_use_caster_level_11.
    assert_eq!(slots(&s), ([4, 3, 3, 3, 2, 1, 0, 0, 0], None));
    assert_eq!(s.carrying_capacity, 225); // Str 15 x 15
    assert_eq!(hit(&s, "longsword"), (6, "1d8+2 slashing".into())); // Str 2 + 4
    let sword = attack(&s, "longsword");
    assert_eq!(sword.versatile.as_deref(), Some("1d10+2 slashing"));
    assert_eq!(sword.mastery.as_deref(), Some("sap"));
    assert_eq!(s.attacks_per_action, 1); // Extra Attack only at paladin 5
    assert_eq!(counter(&s, "bard-bardic-inspiration"), 5); // Cha modifier
    assert_eq!(counter(&s, "paladin-lay-on-hands"), 15); // 5 x paladin level 3
    // Oath of Devotion spells (paladin 3). Divine Smite: see paladin_3_bard_9_paladins_smite.
    let always = &caster_line(&s, "paladin").always_prepared;
    for spell in ["protection-from-evil-and-good", "shield-of-faith"] {
        assert!(always.iter().any(|x| x == spell), "{spell} always prepared");
    }
}

#[test]
fn paladin_3_bard_9_paladins_smite() {
    // Regression: Paladin's Smite (paladin 2) keeps Divine Smite always prepared.
    let s = sheet(PALADIN_3_BARD_9);
    let always = &caster_line(&s, "paladin").always_prepared;
    assert!(always.iter().any(|x| x == "divine-smite"));
}

#[test]
fn paladin_3_bard_9_slots_use_caster_level_11() {
    let s = sheet(PALADIN_3_BARD_9);
    let sc = s.spellcasting.as_ref().expect("spellcasting");
    // Caster level = paladin 3 → 2 (half, rounded up) + bard 9 = 11 → 4,3,3,3,2,1.
    assert_eq!(sc.caster_level, 11);
    assert_eq!(sc.slots, [4, 3, 3, 3, 2, 1, 0, 0, 0]);
    assert!(sc.pact.is_none());
}

#[test]
fn warlock_3_sorcerer_2() {
    let s = sheet(WARLOCK_3_SORCERER_2);
    assert_eq!((s.level, s.proficiency_bonus), (5, 3));
    // Point buy 8/15/13/10/10/15 (27 points); Criminal +2 Dex, +1 Con.
    // Saves of the first class (Warlock): Wis, Cha (+3).
    assert_eq!(
        abilities(&s),
        [
            (8, -1, -1),
            (17, 3, 3),
            (14, 2, 2),
            (10, 0, 0),
            (10, 0, 3),
            (15, 2, 5)
        ]
    );
    assert_eq!(skill(&s.skills.stealth), (6, true, false)); // Criminal: Dex 3 + 3
    assert_eq!(skill(&s.skills.deception), (5, true, false)); // Cha 2 + 3
    assert_eq!(skill(&s.skills.intimidation), (5, true, false));
    assert_eq!(skill(&s.skills.perception), (0, false, false));
    assert_eq!(s.passive.perception, 10);
    assert_eq!(s.armor_class, 14); // leather 11 + Dex 3
    assert_eq!(s.initiative, 6); // Dex 3 + Alert (Criminal) 3
    assert_eq!(s.speed.walk, 30);
    // Warlock 1: 8 + 2; warlock 2-3: 2 x (5 + 2); sorcerer 1-2: 2 x (4 + 2) → 10 + 14 + 12 = 36.
    assert_eq!(s.hit_points.max, 36);
    assert_eq!(hit_dice(&s), [2, 3, 0, 0]);
    // Both Cha casters: DC 8 + 3 + 2 = 13, attack +5. Warlock 3: 4 prepared, 2 cantrips;
    // sorcerer 2: 4 prepared, 4 cantrips.
    assert_eq!(caster(&s, "warlock"), (13, 5, 4, 2));
    assert_eq!(caster(&s, "sorcerer"), (13, 5, 4, 4));
    // See warlock_3_sorcerer_2_pact_magic_apart.
    assert_eq!(slots(&s), ([3, 0, 0, 0, 0, 0, 0, 0, 0], Some((2, 2))));
    assert_eq!(s.carrying_capacity, 120); // Str 8 x 15
    assert_eq!(hit(&s, "dagger"), (6, "1d4+3 piercing".into())); // Finesse: Dex 3 + 3
    assert_eq!(s.resistances, ["fire"]); // Infernal legacy
    assert_eq!(s.darkvision, Some(60));
    // Fiend Patron spells from warlock 3.
    let always = &caster_line(&s, "warlock").always_prepared;
    assert_eq!(
        always,
        &["burning-hands", "command", "scorching-ray", "suggestion"]
    );
}

#[test]
fn warlock_3_sorcerer_2_pact_magic_apart() {
    let s = sheet(WARLOCK_3_SORCERER_2);
    let sc = s.spellcasting.as_ref().expect("spellcasting");
    // Pact Magic adds nothing to the caster level; the sorcerer alone follows its own table:
    // sorcerer 2 → three level 1 slots. Pact Magic (warlock 3): two level 2 slots, kept apart.
    assert_eq!(sc.caster_level, 2);
    assert_eq!(sc.slots, [3, 0, 0, 0, 0, 0, 0, 0, 0]);
    let pact = sc.pact.expect("pact slots");
    assert_eq!((pact.slots, pact.level), (2, 2));
}

#[test]
fn monk_20() {
    let s = sheet(MONK_20);
    assert_eq!((s.level, s.proficiency_bonus), (20, 6));
    // Point buy 10/15/14/8/15/8 (2+9+7+0+9+0 = 27); Sage +2 Wis, +1 Con → Dex 15, Con 15, Wis 17.
    // ASIs: monk 4 Dex +2 (17), monk 8 Dex +2 (19), monk 12 Dex +1 Wis +1 (20, 18),
    // monk 16 Wis +2 (20); Epic Boon at 19 (Irresistible Offense) Dex +1 (21);
    // Body and Mind at 20: Dex and Wis +4, max 25 → Dex 25, Wis 24.
    // Disciplined Survivor (monk 14): proficient in every save (+6).
    assert_eq!(
        abilities(&s),
        [
            (10, 0, 6),
            (25, 7, 13),
            (15, 2, 8),
            (8, -1, 5),
            (24, 7, 13),
            (8, -1, 5)
        ]
    );
    assert!(
        Ability::ALL
            .iter()
            .all(|a| s.abilities.get(*a).save_proficient)
    );
    assert_eq!(skill(&s.skills.acrobatics), (13, true, false)); // Dex 7 + 6
    assert_eq!(skill(&s.skills.perception), (13, true, false)); // Keen Senses: Wis 7 + 6
    assert_eq!(skill(&s.skills.arcana), (5, true, false)); // Sage: Int -1 + 6
    assert_eq!(skill(&s.skills.athletics), (0, false, false));
    assert_eq!(s.passive.perception, 23);
    assert_eq!(s.armor_class, 24); // Unarmored Defense: 10 + Dex 7 + Wis 7
    assert_eq!(s.initiative, 7);
    assert_eq!(s.speed.walk, 65); // Wood Elf 35 + Unarmored Movement (monk 20) 30
    assert_eq!(s.hit_points.max, 143); // 8 + 2, then 19 x (5 + 2)
    assert_eq!(hit_dice(&s), [0, 20, 0, 0]);
    assert!(s.spellcasting.is_none());
    assert_eq!(s.carrying_capacity, 150); // Str 10 x 15
    // Martial Arts die 1d12 at monk 20, with Dex 7 + PB 6 to hit.
    assert_eq!(hit(&s, "unarmed-strike"), (13, "1d12+7 bludgeoning".into()));
    assert_eq!(hit(&s, "dagger"), (13, "1d12+7 piercing".into()));
    assert_eq!(hit(&s, "quarterstaff"), (13, "1d12+7 bludgeoning".into()));
    // Two-handed damage: see monk_20_versatile_martial_arts_die.
    assert_eq!(s.attacks_per_action, 2);
    assert_eq!(counter(&s, "monk-focus-points"), 20);
    assert_eq!(s.darkvision, Some(60));
}

#[test]
fn monk_20_versatile_martial_arts_die() {
    // Regression: the Martial Arts die (1d12 at monk 17) replaces a Monk weapon's two-handed Versatile die.
    let s = sheet(MONK_20);
    let staff = attack(&s, "quarterstaff");
    assert_eq!(staff.versatile.as_deref(), Some("1d12+7 bludgeoning")); // 1d12 + Dex 7
}

#[test]
fn wizard_20() {
    let s = sheet(WIZARD_20);
    assert_eq!((s.level, s.proficiency_bonus), (20, 6));
    // Standard array 8/14/13/15/12/10; Sage +2 Int, +1 Con → Int 17, Con 14.
    // ASIs: wizard 4 Int +2 (19), wizard 8 Int +1 Con +1 (20, 15), wizard 12 Con +1 Dex +1
    // (16, 15), wizard 16 Dex +1 Wis +1 (16, 13); Epic Boon at 19 (Spell Recall) Int +1 (21).
    // Saves: Int, Wis (+6).
    assert_eq!(
        abilities(&s),
        [
            (8, -1, -1),
            (16, 3, 3),
            (16, 3, 3),
            (21, 5, 11),
            (13, 1, 7),
            (10, 0, 0)
        ]
    );
    assert_eq!(skill(&s.skills.arcana), (17, true, true)); // Scholar (wizard 2): Int 5 + 2 x 6
    assert_eq!(skill(&s.skills.religion), (11, true, false)); // Int 5 + 6
    assert_eq!(skill(&s.skills.history), (11, true, false)); // Sage
    assert_eq!(skill(&s.skills.insight), (1, false, false));
    assert_eq!(s.passive.perception, 17); // Skillful: 10 + Wis 1 + 6
    assert_eq!(s.armor_class, 13); // 10 + Dex 3
    assert_eq!(s.initiative, 9); // Dex 3 + Alert (Human Versatile) 6
    assert_eq!(s.speed.walk, 30);
    // The final Con modifier counts for every level: 6 + 3, then 19 x (4 + 3) → 9 + 133 = 142.
    assert_eq!(s.hit_points.max, 142);
    assert_eq!(hit_dice(&s), [20, 0, 0, 0]);
    assert_eq!(caster(&s, "wizard"), (19, 11, 25, 5)); // DC 8 + 6 + Int 5
    assert_eq!(s.spellcasting.as_ref().map(|sc| sc.caster_level), Some(20));
    assert_eq!(slots(&s), ([4, 3, 3, 3, 3, 2, 2, 1, 1], None)); // wizard 20 row
    assert_eq!(s.carrying_capacity, 120); // Str 8 x 15
    assert_eq!(hit(&s, "quarterstaff"), (5, "1d6-1 bludgeoning".into())); // Str -1 + 6
    let staff = attack(&s, "quarterstaff");
    assert_eq!(staff.versatile.as_deref(), Some("1d8-1 bludgeoning"));
    assert_eq!(hit(&s, "dagger"), (9, "1d4+3 piercing".into())); // Finesse: Dex 3 + 6
    assert_eq!(s.attacks_per_action, 1);
    assert_eq!(counter(&s, "wizard-signature-spells"), 2);
}

#[test]
fn wizard_20_spell_mastery_and_signature_spells() {
    // Regression: spells picked for Spell Mastery and Signature Spells are always prepared.
    let s = sheet(WIZARD_20);
    let always = &caster_line(&s, "wizard").always_prepared;
    for spell in ["magic-missile", "scorching-ray", "fireball", "counterspell"] {
        assert!(always.iter().any(|x| x == spell), "{spell} always prepared");
    }
}
