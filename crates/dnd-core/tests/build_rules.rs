//! Building: the creation builder's steps and checks, ability methods, starting equipment,
//! multiclass prerequisites and the slot traps through level-up, strict mode and refusals.

use dnd_core::build::{Builder, LevelUp, NewCharacter, Step, level_up, new_character};
use dnd_core::derive::derive;
use dnd_core::model::{AbilityMethod, Character};
use dnd_core::play::Event;
use dnd_core::rules::Rules;
use dnd_core::validate::{Profile, validate};
use proptest::prelude::*;

fn srd() -> &'static Rules {
    Rules::srd()
}

fn new(class: &str, assign: Option<&str>) -> Character {
    let req = NewCharacter {
        class: class.into(),
        species: "human".into(),
        background: "soldier".into(),
        assign: assign.map(String::from),
        ..Default::default()
    };
    new_character(srd(), &req).expect("new").character
}

fn up(ch: &Character, class: &str, times: usize) -> Character {
    let mut ch = ch.clone();
    for _ in 0..times {
        let req = LevelUp {
            class: class.into(),
            ..Default::default()
        };
        ch = level_up(srd(), &ch, &req)
            .unwrap_or_else(|e| panic!("{class}: {e}"))
            .character;
    }
    ch
}

fn refused_code(e: &dnd_core::Error) -> &str {
    assert!(e.is_refusal(), "not a refusal: {e}");
    e.code()
}

#[test]
fn default_scores_are_the_2024_standard_array_by_class_priority() {
    let ch = new("wizard", None);
    assert_eq!(ch.abilities.method, AbilityMethod::StandardArray);
    let mut s = ch.abilities.base.to_array().to_vec();
    s.sort_unstable();
    assert_eq!(s, vec![8, 10, 12, 13, 14, 15]);
    assert_eq!(
        ch.abilities.base.int, 15,
        "the Wizard's primary ability gets the 15"
    );
    assert!(validate(srd(), &ch, &Profile::default()).valid);
}

#[test]
fn a_standard_array_that_is_not_the_array_is_refused() {
    let req = NewCharacter {
        class: "fighter".into(),
        species: "human".into(),
        background: "soldier".into(),
        assign: Some("str=16,dex=14,con=13,int=12,wis=10,cha=8".into()),
        ..Default::default()
    };
    let e = new_character(srd(), &req).unwrap_err();
    assert_eq!(refused_code(&e), "ability.standard_array.mismatch");
}

#[test]
fn point_buy_and_rolled_scores() {
    let mut req = NewCharacter {
        class: "rogue".into(),
        species: "halfling".into(),
        background: "criminal".into(),
        abilities: Some("point-buy".into()),
        assign: Some("str=8,dex=15,con=15,int=15,wis=8,cha=8".into()),
        ..Default::default()
    };
    let pb = new_character(srd(), &req).expect("27 points").character;
    assert_eq!(pb.abilities.base.dex, 15);
    req.assign = Some("str=15,dex=15,con=15,int=15,wis=8,cha=8".into());
    let e = new_character(srd(), &req).unwrap_err();
    assert_eq!(refused_code(&e), "ability.point_buy.over_budget");
    req.abilities = Some("roll".into());
    req.assign = None;
    req.seed = Some(42);
    let a = new_character(srd(), &req).expect("rolled").character;
    let b = new_character(srd(), &req).expect("rolled again").character;
    assert_eq!(a, b, "the same seed rolls the same scores");
    assert_eq!(a.abilities.rolls.len(), 6);
    assert!(validate(srd(), &a, &Profile::default()).valid);
}

#[test]
fn starting_equipment_is_the_class_and_background_packages() {
    let ch = new("fighter", None);
    let items: Vec<&str> = ch.inventory.items.iter().map(|i| i.item.as_str()).collect();
    for id in [
        "chain-mail",
        "greatsword",
        "flail",
        "javelin",
        "dungeoneers-pack",
        "spear",
        "shortbow",
        "arrow",
        "healers-kit",
        "quiver",
    ] {
        assert!(items.contains(&id), "{id} in {items:?}");
    }
    assert!(
        items.iter().any(|i| i.starts_with("gaming-set-")),
        "the Soldier's gaming set resolved to a tool"
    );
    assert_eq!(
        ch.inventory.currency.gp,
        4 + 14,
        "class option A 4 GP + background option A 14 GP"
    );
    let mail = ch
        .inventory
        .items
        .iter()
        .find(|i| i.item == "chain-mail")
        .expect("mail");
    assert!(mail.equipped);
    let sheet = derive(srd(), &ch).expect("sheet");
    assert_eq!(
        sheet.armor_class,
        16 + 1,
        "chain mail 16 + Defense (the filled Fighting Style)"
    );
}

#[test]
fn paladin_3_bard_9_has_the_slots_of_caster_level_11() {
    // Str 15 and Cha 14 meet both classes' minimum of 13.
    let ch = new("paladin", Some("str=15,dex=10,con=13,int=8,wis=12,cha=14"));
    let ch = up(&up(&ch, "paladin", 2), "bard", 9);
    let sheet = derive(srd(), &ch).expect("sheet");
    let sc = sheet.spellcasting.expect("caster");
    assert_eq!(sc.caster_level, 11, "paladin 3 rounds up to 2, plus bard 9");
    assert_eq!(sc.slots, [4, 3, 3, 3, 2, 1, 0, 0, 0]);
    assert!(validate(srd(), &ch, &Profile::default()).valid);
}

#[test]
fn warlock_3_sorcerer_2_keeps_pact_magic_apart() {
    let ch = new("warlock", Some("str=8,dex=14,con=13,int=10,wis=12,cha=15"));
    let ch = up(&up(&ch, "warlock", 2), "sorcerer", 2);
    let sc = derive(srd(), &ch)
        .expect("sheet")
        .spellcasting
        .expect("caster");
    assert_eq!(sc.caster_level, 2);
    assert_eq!(sc.slots, [3, 0, 0, 0, 0, 0, 0, 0, 0]);
    let pact = sc.pact.expect("pact");
    assert_eq!((pact.slots, pact.level), (2, 2));
}

#[test]
fn fighter_5_wizard_1_and_the_intelligence_minimum() {
    let ch = new("fighter", Some("str=15,dex=10,con=14,int=13,wis=12,cha=8"));
    let ch = up(&ch, "fighter", 4);
    let mc = up(&ch, "wizard", 1);
    assert_eq!(
        mc.levels.last().map(|l| l.spells.len()),
        Some(6),
        "a new Wizard's spellbook starts with six spells"
    );
    assert!(validate(srd(), &mc, &Profile::default()).valid);
    let dull = up(&new("fighter", None), "fighter", 4);
    assert!(dull.abilities.base.int < 13);
    let e = level_up(
        srd(),
        &dull,
        &LevelUp {
            class: "wizard".into(),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert_eq!(refused_code(&e), "multiclass.prerequisite.unmet");
    assert!(
        e.alternatives().iter().any(|c| c == "fighter"),
        "{:?}",
        e.alternatives()
    );
    assert!(!e.alternatives().iter().any(|c| c == "wizard"));
}

#[test]
fn fighter_multiclass_needs_strength_or_dexterity() {
    // Dexterity 13 with Strength 8 is enough.
    let wiz = manual("wizard", "str=8,dex=13,con=14,int=15,wis=12,cha=10");
    let ok = level_up(
        srd(),
        &wiz,
        &LevelUp {
            class: "fighter".into(),
            ..Default::default()
        },
    );
    assert!(ok.is_ok(), "{:?}", ok.err());
    let weak = manual("wizard", "str=12,dex=12,con=14,int=15,wis=13,cha=10");
    let e = level_up(
        srd(),
        &weak,
        &LevelUp {
            class: "fighter".into(),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert_eq!(refused_code(&e), "multiclass.prerequisite.unmet");
}

#[test]
fn strict_refuses_with_the_pending_decisions() {
    let ch = new("cleric", None);
    let ch = up(&ch, "cleric", 2);
    let req = LevelUp {
        class: "cleric".into(),
        strict: true,
        ..Default::default()
    };
    let e = level_up(srd(), &ch, &req).unwrap_err();
    assert_eq!(refused_code(&e), "build.decision.pending");
    assert!(
        e.to_string().contains("--choose feat=") || e.to_string().contains("feat"),
        "{e}"
    );
    let mut req = req;
    req.asi = Some("wis+2".into());
    req.choices.insert("cantrips".into(), "resistance".into());
    req.choices.insert("spells".into(), "silence".into());
    let out = level_up(srd(), &ch, &req).expect("all given");
    assert!(
        !out.events
            .iter()
            .any(|e| matches!(e, Event::DecisionFilled { .. }))
    );
}

#[test]
fn given_choices_are_checked_and_used() {
    let ch = new("wizard", None);
    let mut req = LevelUp {
        class: "wizard".into(),
        ..Default::default()
    };
    req.choices
        .insert("spells".into(), "fireball,shield".into());
    let e = level_up(srd(), &ch, &req).unwrap_err();
    assert_eq!(
        refused_code(&e),
        "build.decision.invalid",
        "fireball is level 3"
    );
    req.choices.insert("spells".into(), "sleep,shield".into());
    let out = level_up(srd(), &ch, &req).expect("level 2");
    let lv = out.character.levels.last().expect("level");
    assert_eq!(lv.spells, vec!["sleep", "shield"]);
    req.choices.insert("nonsense".into(), "x".into());
    let e = level_up(srd(), &ch, &req).unwrap_err();
    assert_eq!(refused_code(&e), "build.decision.invalid");
}

#[test]
fn level_21_is_refused_and_level_1_cannot_go_down() {
    let top = up(&new("monk", None), "monk", 19);
    let e = level_up(
        srd(),
        &top,
        &LevelUp {
            class: "monk".into(),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert_eq!(refused_code(&e), "build.level.max");
    let e = dnd_core::build::level_down(srd(), &new("monk", None)).unwrap_err();
    assert_eq!(refused_code(&e), "build.level.none");
}

#[test]
fn rolled_hit_points_are_recorded_and_replay() {
    let ch = new("barbarian", None);
    let req = LevelUp {
        class: "barbarian".into(),
        hp: dnd_core::build::HpMethod::Roll,
        seed: Some(7),
        ..Default::default()
    };
    let a = level_up(srd(), &ch, &req).expect("roll");
    let b = level_up(srd(), &ch, &req).expect("roll again");
    assert_eq!(a.character, b.character);
    let roll = a.character.levels[1].hp_roll.expect("recorded");
    assert!((1..=12).contains(&roll));
}

#[test]
fn the_builder_walks_the_2024_order() {
    let rules = srd();
    let mut b = Builder::new(1);
    assert_eq!(b.step(rules).expect("step"), Some(Step::Class));
    let keys: Vec<String> = b
        .pending(rules)
        .expect("pending")
        .into_iter()
        .map(|d| d.key)
        .collect();
    assert_eq!(keys, vec!["class"]);
    let e = b.choose(rules, "species", "elf").unwrap_err();
    assert_eq!(refused_code(&e), "build.step.order");
    b.choose(rules, "class", "rogue").expect("class");
    let pending = b.pending(rules).expect("pending");
    let skills = pending
        .iter()
        .find(|d| d.key == "skills")
        .expect("skills pending");
    assert_eq!(skills.count, 4);
    assert!(
        skills.prompt.starts_with("choose 4 skills from ["),
        "{}",
        skills.prompt
    );
    let e = b
        .choose(rules, "skills", "arcana,stealth,perception,insight")
        .unwrap_err();
    assert_eq!(
        refused_code(&e),
        "build.decision.invalid",
        "arcana is no Rogue skill"
    );
    for (k, v) in [
        ("skills", "stealth,perception,acrobatics,insight"),
        ("expertise", "stealth,perception"),
        ("masteries", "dagger,shortbow"),
        ("languages", "thieves-cant,goblin"),
    ] {
        b.choose(rules, k, v).unwrap_or_else(|e| panic!("{k}: {e}"));
    }
    assert_eq!(b.step(rules).expect("step"), Some(Step::Origin));
    b.choose(rules, "background", "criminal")
        .expect("background");
    b.choose(rules, "species", "elf").expect("species");
    let lineage = b
        .pending(rules)
        .expect("pending")
        .into_iter()
        .find(|d| d.key == "lineage")
        .expect("lineage");
    assert_eq!(lineage.options, vec!["drow", "high-elf", "wood-elf"]);
    let out = b.build(rules, false).expect("build");
    assert!(validate(rules, &out.character, &Profile::default()).valid);
    let json = serde_json::to_string(&b).expect("a builder is data");
    assert_eq!(serde_json::from_str::<Builder>(&json).expect("back"), b);
}

fn manual(class: &str, scores: &str) -> Character {
    let req = NewCharacter {
        class: class.into(),
        species: "human".into(),
        background: "sage".into(),
        abilities: Some("manual".into()),
        assign: Some(scores.into()),
        bonus: Some("con+1,int+1,wis+1".into()),
        ..Default::default()
    };
    new_character(srd(), &req).expect("manual").character
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    /// Any sequence of level-ups (multiclass included) undone by as many level-downs passes back
    /// through every earlier character exactly.
    #[test]
    fn level_up_then_level_down_is_the_identity(picks in proptest::collection::vec(0usize..12, 1..10), start in 0usize..12) {
        let classes: Vec<String> = srd().classes.all().iter().map(|c| c.id.clone()).collect();
        let mut stack = vec![manual(&classes[start], "str=14,dex=14,con=14,int=14,wis=14,cha=14")];
        for k in picks {
            let top = stack.last().expect("start").clone();
            let req = LevelUp { class: classes[k].clone(), ..Default::default() };
            let next = level_up(srd(), &top, &req).expect("every prerequisite is met").character;
            prop_assert!(validate(srd(), &next, &Profile::default()).valid);
            stack.push(next);
        }
        while stack.len() > 1 {
            let top = stack.pop().expect("top");
            let back = dnd_core::build::level_down(srd(), &top).expect("down").character;
            prop_assert_eq!(&back, stack.last().expect("below"));
        }
    }
}
