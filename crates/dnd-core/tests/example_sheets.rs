//! The level-1 example characters (`examples/characters/<class>-1.json`), derived and checked
//! against sheets worked out BY HAND from the SRD 5.2 text (never copied from the engine's output).
//!
//! Conventions: PB = proficiency bonus; "prof" = proficient; abilities are listed as
//! `(score, modifier, saving throw)` for Str, Dex, Con, Int, Wis, Cha; hit dice as
//! `[d6, d8, d10, d12]`; a caster line as `(save DC, attack bonus, prepared max, cantrips max)`.
//! Multiclass and level-20 examples are in `example_sheets_multiclass.rs`.

mod sheet_helpers;
use sheet_helpers::*;

#[test]
fn barbarian_1() {
    let s = sheet(include_str!(
        "../../../examples/characters/barbarian-1.json"
    ));
    assert_eq!((s.level, s.proficiency_bonus), (1, 2));
    // Standard array; Soldier +2 Str, +1 Con → 17/14/14/8/12/10. Saves: Str, Con prof (+2).
    assert_eq!(
        abilities(&s),
        [
            (17, 3, 5),
            (14, 2, 2),
            (14, 2, 4),
            (8, -1, -1),
            (12, 1, 1),
            (10, 0, 0)
        ]
    );
    assert_eq!(skill(&s.skills.athletics), (5, true, false)); // Soldier: Str 3 + PB 2
    assert_eq!(skill(&s.skills.intimidation), (2, true, false)); // Soldier: Cha 0 + 2
    assert_eq!(skill(&s.skills.survival), (3, true, false)); // class pick: Wis 1 + 2
    assert_eq!(skill(&s.skills.stealth), (2, false, false)); // Dex 2
    assert_eq!(s.passive.perception, 13); // 10 + Wis 1 + PB 2 (class pick)
    assert_eq!(s.armor_class, 14); // Unarmored Defense: 10 + Dex 2 + Con 2
    assert_eq!(s.initiative, 2);
    assert_eq!(s.speed.walk, 35); // Goliath
    assert_eq!(s.hit_points.max, 14); // d12 maximum 12 + Con 2
    assert_eq!(hit_dice(&s), [0, 0, 0, 1]);
    assert!(s.spellcasting.is_none());
    assert_eq!(s.carrying_capacity, 510); // Powerful Build counts as Large: Str 17 x 30
    assert_eq!(hit(&s, "greataxe"), (5, "1d12+3 slashing".into())); // Str 3 + PB 2
    assert_eq!(attack(&s, "greataxe").mastery.as_deref(), Some("cleave"));
    assert_eq!(hit(&s, "handaxe"), (5, "1d6+3 slashing".into()));
    assert_eq!(attack(&s, "handaxe").range, "5 ft or 20/60 ft");
    assert_eq!(attack(&s, "handaxe").mastery.as_deref(), Some("vex"));
    assert_eq!(hit(&s, "unarmed-strike"), (5, "4 bludgeoning".into())); // 1 + Str 3
    assert_eq!(counter(&s, "barbarian-rage"), 2);
}

#[test]
fn bard_1() {
    let s = sheet(include_str!("../../../examples/characters/bard-1.json"));
    assert_eq!((s.level, s.proficiency_bonus), (1, 2));
    // Standard array; Acolyte +2 Cha, +1 Wis → 8/14/12/13/11/17. Saves: Dex, Cha prof.
    assert_eq!(
        abilities(&s),
        [
            (8, -1, -1),
            (14, 2, 4),
            (12, 1, 1),
            (13, 1, 1),
            (11, 0, 0),
            (17, 3, 5)
        ]
    );
    assert_eq!(skill(&s.skills.performance), (5, true, false)); // Cha 3 + PB 2
    assert_eq!(skill(&s.skills.religion), (3, true, false)); // Acolyte: Int 1 + 2
    assert_eq!(skill(&s.skills.perception), (2, true, false)); // Elf Keen Senses: Wis 0 + 2
    assert_eq!(skill(&s.skills.athletics), (-1, false, false)); // no Jack of All Trades before bard 2
    assert_eq!(s.passive.perception, 12);
    assert_eq!(s.armor_class, 13); // leather 11 + Dex 2
    assert_eq!(s.initiative, 2);
    assert_eq!(s.speed.walk, 30); // High Elf keeps 30
    assert_eq!(s.hit_points.max, 9); // d8 maximum 8 + Con 1
    assert_eq!(hit_dice(&s), [0, 1, 0, 0]);
    assert_eq!(caster(&s, "bard"), (13, 5, 4, 2)); // DC 8 + PB 2 + Cha 3
    assert_eq!(slots(&s), ([2, 0, 0, 0, 0, 0, 0, 0, 0], None));
    assert_eq!(s.carrying_capacity, 120); // Str 8 x 15
    assert_eq!(hit(&s, "dagger"), (4, "1d4+2 piercing".into())); // Finesse: Dex 2 + PB 2
    assert_eq!(attack(&s, "dagger").mastery, None); // bards have no Weapon Mastery
    assert_eq!(counter(&s, "bard-bardic-inspiration"), 3); // Cha modifier
}

#[test]
fn cleric_1() {
    let s = sheet(include_str!("../../../examples/characters/cleric-1.json"));
    assert_eq!((s.level, s.proficiency_bonus), (1, 2));
    // Standard array; Acolyte +2 Wis, +1 Cha → 14/8/13/10/17/13. Saves: Wis, Cha prof.
    assert_eq!(
        abilities(&s),
        [
            (14, 2, 2),
            (8, -1, -1),
            (13, 1, 1),
            (10, 0, 0),
            (17, 3, 5),
            (13, 1, 3)
        ]
    );
    assert_eq!(skill(&s.skills.insight), (5, true, false)); // Acolyte: Wis 3 + 2
    assert_eq!(skill(&s.skills.medicine), (5, true, false)); // class pick
    assert_eq!(skill(&s.skills.persuasion), (3, true, false)); // class pick: Cha 1 + 2
    assert_eq!(skill(&s.skills.history), (0, false, false));
    // Religion and Arcana carry the Thaumaturge bonus: see cleric_1_thaumaturge below.
    assert_eq!(s.passive.perception, 13); // 10 + Wis 3
    assert_eq!(s.armor_class, 14); // chain shirt 13 + Dex -1 (cap 2) + shield 2
    assert_eq!(s.initiative, -1);
    assert_eq!(s.speed.walk, 30);
    assert_eq!(s.hit_points.max, 10); // d8 maximum 8 + Con 1 + Dwarven Toughness 1
    assert_eq!(hit_dice(&s), [0, 1, 0, 0]);
    // DC 8 + 2 + Wis 3; 4 prepared. Cantrips max: see cleric_1_thaumaturge below.
    let (dc, attack_bonus, prepared, _) = caster(&s, "cleric");
    assert_eq!((dc, attack_bonus, prepared), (13, 5, 4));
    assert_eq!(slots(&s), ([2, 0, 0, 0, 0, 0, 0, 0, 0], None));
    assert_eq!(s.carrying_capacity, 210); // Str 14 x 15
    assert_eq!(hit(&s, "mace"), (4, "1d6+2 bludgeoning".into())); // Str 2 + PB 2
    assert_eq!(s.darkvision, Some(120));
    assert_eq!(s.resistances, ["poison"]);
}

#[test]
fn cleric_1_thaumaturge() {
    // Regression: Divine Order (Thaumaturge) gives one more cantrip and adds the Wisdom modifier (min +1) to Arcana and Religion.
    let s = sheet(include_str!("../../../examples/characters/cleric-1.json"));
    assert_eq!(skill(&s.skills.religion), (5, true, false)); // Int 0 + PB 2 + Wis 3
    assert_eq!(skill(&s.skills.arcana), (3, false, false)); // Int 0 + Wis 3
    assert_eq!(caster(&s, "cleric").3, 4); // cantrips: cleric 1 column 3 + 1
}

#[test]
fn druid_1() {
    let s = sheet(include_str!("../../../examples/characters/druid-1.json"));
    assert_eq!((s.level, s.proficiency_bonus), (1, 2));
    // Standard array; Sage +2 Wis, +1 Con → 8/12/15/13/17/10. Saves: Int, Wis prof.
    assert_eq!(
        abilities(&s),
        [
            (8, -1, -1),
            (12, 1, 1),
            (15, 2, 2),
            (13, 1, 3),
            (17, 3, 5),
            (10, 0, 0)
        ]
    );
    assert_eq!(skill(&s.skills.arcana), (3, true, false)); // Sage: Int 1 + 2
    assert_eq!(skill(&s.skills.animal_handling), (5, true, false)); // Wis 3 + 2
    assert_eq!(skill(&s.skills.perception), (5, true, false));
    assert_eq!(skill(&s.skills.nature), (1, false, false)); // Warden, not Magician: no Wis bonus
    assert_eq!(s.passive.perception, 15);
    assert_eq!(s.armor_class, 14); // leather 11 + Dex 1 + shield 2
    assert_eq!(s.initiative, 1);
    assert_eq!(s.speed.walk, 30);
    assert_eq!(s.hit_points.max, 10); // 8 + Con 2
    assert_eq!(hit_dice(&s), [0, 1, 0, 0]);
    assert_eq!(caster(&s, "druid"), (13, 5, 4, 2)); // DC 8 + 2 + Wis 3
    assert_eq!(slots(&s), ([2, 0, 0, 0, 0, 0, 0, 0, 0], None));
    assert_eq!(s.carrying_capacity, 120); // Str 8 x 15
    assert_eq!(hit(&s, "sickle"), (1, "1d4-1 slashing".into())); // Str -1 + PB 2
    assert_eq!(hit(&s, "quarterstaff"), (1, "1d6-1 bludgeoning".into()));
    let staff = attack(&s, "quarterstaff");
    assert_eq!(staff.versatile.as_deref(), Some("1d8-1 bludgeoning"));
    assert_eq!(s.darkvision, Some(120)); // Orc
}

#[test]
fn druid_1_warden() {
    // Regression: Primal Order (Warden) trains Martial weapons and Medium armor.
    let s = sheet(include_str!("../../../examples/characters/druid-1.json"));
    assert!(s.proficiencies.armor.iter().any(|a| a == "medium"));
    assert!(
        s.proficiencies
            .weapons
            .iter()
            .any(|w| w == "martial weapons")
    );
}

#[test]
fn fighter_1() {
    let s = sheet(include_str!("../../../examples/characters/fighter-1.json"));
    assert_eq!((s.level, s.proficiency_bonus), (1, 2));
    // Standard array; Soldier +2 Str, +1 Con → 17/14/14/8/10/12. Saves: Str, Con prof.
    assert_eq!(
        abilities(&s),
        [
            (17, 3, 5),
            (14, 2, 2),
            (14, 2, 4),
            (8, -1, -1),
            (10, 0, 0),
            (12, 1, 1)
        ]
    );
    assert_eq!(skill(&s.skills.athletics), (5, true, false)); // Str 3 + 2
    assert_eq!(skill(&s.skills.intimidation), (3, true, false)); // Soldier: Cha 1 + 2
    assert_eq!(skill(&s.skills.perception), (2, true, false)); // Human Skillful: Wis 0 + 2
    assert_eq!(skill(&s.skills.acrobatics), (4, true, false)); // Fighter pick: Dex 2 + 2
    assert_eq!(s.passive.perception, 12);
    assert_eq!(s.armor_class, 17); // chain mail 16 + Defense 1
    assert_eq!(s.initiative, 4); // Dex 2 + Alert (PB 2)
    assert_eq!(s.speed.walk, 30); // Str 17 meets chain mail's Str 13
    assert_eq!(s.hit_points.max, 12); // d10 maximum 10 + Con 2
    assert_eq!(hit_dice(&s), [0, 0, 1, 0]);
    assert!(s.spellcasting.is_none());
    assert_eq!(s.carrying_capacity, 255); // Str 17 x 15
    assert_eq!(hit(&s, "greatsword"), (5, "2d6+3 slashing".into()));
    assert_eq!(attack(&s, "greatsword").mastery.as_deref(), Some("graze"));
    assert_eq!(counter(&s, "fighter-second-wind"), 2);
}

#[test]
fn monk_1() {
    let s = sheet(include_str!("../../../examples/characters/monk-1.json"));
    assert_eq!((s.level, s.proficiency_bonus), (1, 2));
    // Standard array; Criminal +2 Dex, +1 Con → 12/17/14/10/14/8. Saves: Str, Dex prof.
    assert_eq!(
        abilities(&s),
        [
            (12, 1, 3),
            (17, 3, 5),
            (14, 2, 2),
            (10, 0, 0),
            (14, 2, 2),
            (8, -1, -1)
        ]
    );
    assert_eq!(skill(&s.skills.acrobatics), (5, true, false)); // class pick: Dex 3 + 2
    assert_eq!(skill(&s.skills.stealth), (5, true, false)); // Criminal
    assert_eq!(skill(&s.skills.medicine), (4, true, false)); // Skilled (Human Versatile)
    assert_eq!(skill(&s.skills.history), (0, false, false));
    assert_eq!(s.passive.perception, 14); // Human Skillful: 10 + Wis 2 + PB 2
    assert_eq!(s.armor_class, 15); // Unarmored Defense: 10 + Dex 3 + Wis 2
    assert_eq!(s.initiative, 5); // Dex 3 + Alert (Criminal) 2
    assert_eq!(s.speed.walk, 30); // Unarmored Movement starts at monk 2
    assert_eq!(s.hit_points.max, 10); // 8 + Con 2
    assert_eq!(hit_dice(&s), [0, 1, 0, 0]);
    assert!(s.spellcasting.is_none());
    assert_eq!(s.carrying_capacity, 180); // Str 12 x 15
    // Martial Arts: Monk weapons use Dex and the 1d6 die when it is larger.
    assert_eq!(hit(&s, "spear"), (5, "1d6+3 piercing".into()));
    assert_eq!(
        attack(&s, "spear").versatile.as_deref(),
        Some("1d8+3 piercing")
    );
    assert_eq!(hit(&s, "dagger"), (5, "1d6+3 piercing".into())); // d4 → martial arts d6
    assert_eq!(hit(&s, "unarmed-strike"), (5, "1d6+3 bludgeoning".into()));
}

#[test]
fn paladin_1() {
    let s = sheet(include_str!("../../../examples/characters/paladin-1.json"));
    assert_eq!((s.level, s.proficiency_bonus), (1, 2));
    // Standard array; Soldier +2 Str, +1 Con → 17/10/14/8/12/14. Saves: Wis, Cha prof.
    assert_eq!(
        abilities(&s),
        [
            (17, 3, 3),
            (10, 0, 0),
            (14, 2, 2),
            (8, -1, -1),
            (12, 1, 3),
            (14, 2, 4)
        ]
    );
    assert_eq!(skill(&s.skills.athletics), (5, true, false)); // Soldier
    assert_eq!(skill(&s.skills.insight), (3, true, false)); // class pick: Wis 1 + 2
    assert_eq!(skill(&s.skills.persuasion), (4, true, false)); // class pick: Cha 2 + 2
    assert_eq!(skill(&s.skills.perception), (1, false, false));
    assert_eq!(s.passive.perception, 11);
    assert_eq!(s.armor_class, 18); // chain mail 16 + shield 2 (no Fighting Style before level 2)
    assert_eq!(s.initiative, 0);
    assert_eq!(s.speed.walk, 30);
    assert_eq!(s.hit_points.max, 12); // 10 + Con 2
    assert_eq!(hit_dice(&s), [0, 0, 1, 0]);
    assert_eq!(caster(&s, "paladin"), (12, 4, 2, 0)); // DC 8 + 2 + Cha 2
    // Paladin 1 alone uses its own table: two level 1 slots.
    assert_eq!(slots(&s), ([2, 0, 0, 0, 0, 0, 0, 0, 0], None));
    assert_eq!(s.carrying_capacity, 255); // Str 17 x 15
    assert_eq!(hit(&s, "longsword"), (5, "1d8+3 slashing".into()));
    let sword = attack(&s, "longsword");
    assert_eq!(sword.versatile.as_deref(), Some("1d10+3 slashing"));
    assert_eq!(sword.mastery.as_deref(), Some("sap"));
    assert_eq!(hit(&s, "javelin"), (5, "1d6+3 piercing".into())); // Thrown melee weapon: Str
    assert_eq!(attack(&s, "javelin").range, "5 ft or 30/120 ft");
    assert_eq!(attack(&s, "javelin").mastery.as_deref(), Some("slow"));
    assert_eq!(s.resistances, ["fire"]); // Gold dragon ancestry
    assert_eq!(s.darkvision, Some(60));
    assert_eq!(counter(&s, "paladin-lay-on-hands"), 5); // 5 x paladin level
}

#[test]
fn ranger_1() {
    let s = sheet(include_str!("../../../examples/characters/ranger-1.json"));
    assert_eq!((s.level, s.proficiency_bonus), (1, 2));
    // Standard array; Soldier +2 Dex, +1 Con → 12/17/14/8/14/10. Saves: Str, Dex prof.
    assert_eq!(
        abilities(&s),
        [
            (12, 1, 3),
            (17, 3, 5),
            (14, 2, 2),
            (8, -1, -1),
            (14, 2, 2),
            (10, 0, 0)
        ]
    );
    assert_eq!(skill(&s.skills.stealth), (5, true, false)); // class pick: Dex 3 + 2
    assert_eq!(skill(&s.skills.nature), (1, true, false)); // class pick: Int -1 + 2
    assert_eq!(skill(&s.skills.athletics), (3, true, false)); // Soldier: Str 1 + 2
    assert_eq!(skill(&s.skills.insight), (2, false, false));
    assert_eq!(s.passive.perception, 14); // Keen Senses: 10 + Wis 2 + 2
    assert_eq!(s.armor_class, 15); // studded leather 12 + Dex 3
    assert_eq!(s.initiative, 3);
    assert_eq!(s.speed.walk, 35); // Wood Elf
    assert_eq!(s.hit_points.max, 12); // 10 + Con 2
    assert_eq!(hit_dice(&s), [0, 0, 1, 0]);
    assert_eq!(caster(&s, "ranger"), (12, 4, 2, 0)); // DC 8 + 2 + Wis 2
    assert_eq!(slots(&s), ([2, 0, 0, 0, 0, 0, 0, 0, 0], None));
    assert_eq!(s.carrying_capacity, 180); // Str 12 x 15
    assert_eq!(hit(&s, "scimitar"), (5, "1d6+3 slashing".into())); // Finesse: Dex
    assert_eq!(attack(&s, "scimitar").mastery, None); // not one of the two masteries
    assert_eq!(hit(&s, "shortsword"), (5, "1d6+3 piercing".into()));
    assert_eq!(attack(&s, "shortsword").mastery.as_deref(), Some("vex"));
    assert_eq!(hit(&s, "longbow"), (5, "1d8+3 piercing".into()));
    assert_eq!(attack(&s, "longbow").range, "150/600 ft");
    assert_eq!(attack(&s, "longbow").mastery.as_deref(), Some("slow"));
    assert_eq!(s.darkvision, Some(60));
    assert_eq!(counter(&s, "ranger-favored-enemy"), 2);
}

#[test]
fn ranger_1_favored_enemy() {
    // Regression: Favored Enemy keeps Hunter's Mark always prepared.
    let s = sheet(include_str!("../../../examples/characters/ranger-1.json"));
    let sc = s.spellcasting.as_ref().expect("spellcasting");
    assert!(
        sc.classes[0]
            .always_prepared
            .iter()
            .any(|x| x == "hunters-mark")
    );
}

#[test]
fn rogue_1() {
    let s = sheet(include_str!("../../../examples/characters/rogue-1.json"));
    assert_eq!((s.level, s.proficiency_bonus), (1, 2));
    // Point buy 8/15/14/12/12/11 (0+9+7+4+4+3 = 27); Criminal +2 Dex, +1 Int.
    // Saves: Dex, Int prof.
    assert_eq!(
        abilities(&s),
        [
            (8, -1, -1),
            (17, 3, 5),
            (14, 2, 2),
            (13, 1, 3),
            (12, 1, 1),
            (11, 0, 0)
        ]
    );
    assert_eq!(skill(&s.skills.stealth), (7, true, true)); // Criminal + Expertise: Dex 3 + 2 x 2
    assert_eq!(skill(&s.skills.perception), (5, true, true)); // Wis 1 + 2 x 2
    assert_eq!(skill(&s.skills.sleight_of_hand), (5, true, false)); // Criminal
    assert_eq!(skill(&s.skills.investigation), (3, true, false)); // Int 1 + 2
    assert_eq!(skill(&s.skills.athletics), (-1, false, false));
    assert_eq!(s.passive.perception, 15); // 10 + 5
    assert_eq!(s.armor_class, 14); // leather 11 + Dex 3
    assert_eq!(s.initiative, 5); // Dex 3 + Alert 2
    assert_eq!(s.speed.walk, 30); // Halfling
    assert_eq!(s.hit_points.max, 10); // 8 + Con 2
    assert_eq!(hit_dice(&s), [0, 1, 0, 0]);
    assert!(s.spellcasting.is_none());
    assert_eq!(s.carrying_capacity, 120); // Small: Str 8 x 15
    assert_eq!(hit(&s, "shortsword"), (5, "1d6+3 piercing".into()));
    assert_eq!(attack(&s, "shortsword").mastery.as_deref(), Some("vex"));
    assert_eq!(hit(&s, "dagger"), (5, "1d4+3 piercing".into()));
    assert_eq!(attack(&s, "dagger").mastery, None);
    assert_eq!(hit(&s, "shortbow"), (5, "1d6+3 piercing".into()));
    assert_eq!(attack(&s, "shortbow").range, "80/320 ft");
}

#[test]
fn sorcerer_1() {
    let s = sheet(include_str!("../../../examples/characters/sorcerer-1.json"));
    assert_eq!((s.level, s.proficiency_bonus), (1, 2));
    // Point buy 8/14/15/8/10/15 (0+7+9+0+2+9 = 27); Acolyte +2 Cha, +1 Wis.
    // Saves: Con, Cha prof.
    assert_eq!(
        abilities(&s),
        [
            (8, -1, -1),
            (14, 2, 2),
            (15, 2, 4),
            (8, -1, -1),
            (11, 0, 0),
            (17, 3, 5)
        ]
    );
    assert_eq!(skill(&s.skills.persuasion), (5, true, false)); // class pick: Cha 3 + 2
    assert_eq!(skill(&s.skills.arcana), (1, true, false)); // class pick: Int -1 + 2
    assert_eq!(skill(&s.skills.stealth), (4, true, false)); // Skilled: Dex 2 + 2
    assert_eq!(skill(&s.skills.deception), (3, false, false));
    assert_eq!(s.passive.perception, 12); // Skillful: 10 + 0 + 2
    assert_eq!(s.armor_class, 12); // 10 + Dex 2
    assert_eq!(s.initiative, 2);
    assert_eq!(s.speed.walk, 30);
    assert_eq!(s.hit_points.max, 8); // d6 maximum 6 + Con 2
    assert_eq!(hit_dice(&s), [1, 0, 0, 0]);
    assert_eq!(caster(&s, "sorcerer"), (13, 5, 2, 4)); // DC 8 + 2 + Cha 3
    assert_eq!(slots(&s), ([2, 0, 0, 0, 0, 0, 0, 0, 0], None));
    assert_eq!(s.carrying_capacity, 120);
    assert_eq!(hit(&s, "spear"), (1, "1d6-1 piercing".into())); // not Finesse: Str -1 + 2
    assert_eq!(
        attack(&s, "spear").versatile.as_deref(),
        Some("1d8-1 piercing")
    );
    assert_eq!(hit(&s, "dagger"), (4, "1d4+2 piercing".into())); // Finesse: Dex 2 + 2
    assert_eq!(counter(&s, "sorcerer-innate-sorcery"), 2);
}

#[test]
fn warlock_1() {
    let s = sheet(include_str!("../../../examples/characters/warlock-1.json"));
    assert_eq!((s.level, s.proficiency_bonus), (1, 2));
    // Standard array; Criminal +1 Dex, +1 Con, +1 Int → 8/15/14/13/10/15. Saves: Wis, Cha.
    assert_eq!(
        abilities(&s),
        [
            (8, -1, -1),
            (15, 2, 2),
            (14, 2, 2),
            (13, 1, 1),
            (10, 0, 2),
            (15, 2, 4)
        ]
    );
    assert_eq!(skill(&s.skills.deception), (4, true, false)); // Cha 2 + 2
    assert_eq!(skill(&s.skills.arcana), (3, true, false)); // Int 1 + 2
    assert_eq!(skill(&s.skills.sleight_of_hand), (4, true, false)); // Criminal
    assert_eq!(skill(&s.skills.intimidation), (2, false, false));
    assert_eq!(s.passive.perception, 10);
    assert_eq!(s.armor_class, 13); // leather 11 + Dex 2
    assert_eq!(s.initiative, 4); // Dex 2 + Alert 2
    assert_eq!(s.speed.walk, 30);
    assert_eq!(s.hit_points.max, 10); // 8 + Con 2
    assert_eq!(hit_dice(&s), [0, 1, 0, 0]);
    assert_eq!(caster(&s, "warlock"), (12, 4, 2, 2)); // DC 8 + 2 + Cha 2
    // Pact Magic gives no Spellcasting slots; warlock 1: one level 1 pact slot.
    assert_eq!(slots(&s), ([0; 9], Some((1, 1))));
    assert_eq!(s.spellcasting.as_ref().map(|sc| sc.caster_level), Some(0));
    assert_eq!(s.carrying_capacity, 120); // Small: Str 8 x 15
    assert_eq!(hit(&s, "sickle"), (1, "1d4-1 slashing".into()));
    assert_eq!(hit(&s, "dagger"), (4, "1d4+2 piercing".into()));
    assert_eq!(s.resistances, ["necrotic"]); // Chthonic legacy
    assert_eq!(s.darkvision, Some(60));
}

#[test]
fn wizard_1() {
    let s = sheet(include_str!("../../../examples/characters/wizard-1.json"));
    assert_eq!((s.level, s.proficiency_bonus), (1, 2));
    // Standard array; Sage +2 Int, +1 Con → 8/12/14/17/14/10. Saves: Int, Wis prof.
    assert_eq!(
        abilities(&s),
        [
            (8, -1, -1),
            (12, 1, 1),
            (14, 2, 2),
            (17, 3, 5),
            (14, 2, 4),
            (10, 0, 0)
        ]
    );
    assert_eq!(skill(&s.skills.arcana), (5, true, false)); // Sage: Int 3 + 2
    assert_eq!(skill(&s.skills.investigation), (5, true, false)); // class pick
    assert_eq!(skill(&s.skills.insight), (4, true, false)); // class pick: Wis 2 + 2
    assert_eq!(skill(&s.skills.nature), (3, false, false));
    assert_eq!(s.passive.perception, 12); // 10 + Wis 2
    assert_eq!(s.armor_class, 11); // 10 + Dex 1
    assert_eq!(s.initiative, 1);
    assert_eq!(s.speed.walk, 30); // Gnome
    assert_eq!(s.hit_points.max, 8); // 6 + Con 2
    assert_eq!(hit_dice(&s), [1, 0, 0, 0]);
    assert_eq!(caster(&s, "wizard"), (13, 5, 4, 3)); // DC 8 + 2 + Int 3
    assert_eq!(slots(&s), ([2, 0, 0, 0, 0, 0, 0, 0, 0], None));
    assert_eq!(s.carrying_capacity, 120); // Small: Str 8 x 15
    assert_eq!(hit(&s, "dagger"), (3, "1d4+1 piercing".into())); // Finesse: Dex 1 + 2
    assert_eq!(hit(&s, "quarterstaff"), (1, "1d6-1 bludgeoning".into()));
    assert_eq!(s.darkvision, Some(60));
}
