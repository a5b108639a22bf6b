//! Building: every class from level 1 to 20 through level-up alone, validating clean at each
//! level; the multiclass trap paths; level-up then level-down is the identity.

use dnd_core::build::{LevelUp, NewCharacter, level_down, level_up, new_character};
use dnd_core::model::Character;
use dnd_core::rules::Rules;
use dnd_core::validate::{Profile, validate};

fn srd() -> &'static Rules {
    Rules::srd()
}

/// A level 1 character of `class` with every decision filled.
fn new(class: &str, species: &str, background: &str) -> Character {
    let req = NewCharacter {
        class: class.into(),
        species: species.into(),
        background: background.into(),
        ..Default::default()
    };
    let out = new_character(srd(), &req).unwrap_or_else(|e| panic!("new {class}: {e}"));
    out.character
}

fn assert_clean(ch: &Character, what: &str) {
    let r = validate(srd(), ch, &Profile::default());
    let errors: Vec<String> = r
        .issues
        .iter()
        .filter(|i| i.severity == dnd_core::validate::Severity::Error)
        .map(|i| format!("{} {} {}", i.code, i.path, i.message))
        .collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}");
}

fn up(ch: &Character, class: &str) -> Character {
    let req = LevelUp {
        class: class.into(),
        ..Default::default()
    };
    level_up(srd(), ch, &req)
        .unwrap_or_else(|e| panic!("{class} to level {}: {e}", ch.levels.len() + 1))
        .character
}

#[test]
fn every_class_from_1_to_20_validates_clean_at_each_level() {
    let backgrounds = ["acolyte", "criminal", "sage", "soldier"];
    let species = [
        "human",
        "elf",
        "dwarf",
        "halfling",
        "gnome",
        "tiefling",
        "orc",
        "goliath",
        "dragonborn",
    ];
    for (k, c) in srd().classes.all().iter().enumerate() {
        let mut ch = new(
            &c.id,
            species[k % species.len()],
            backgrounds[k % backgrounds.len()],
        );
        assert_clean(&ch, &format!("{} 1", c.id));
        for lvl in 2..=20 {
            ch = up(&ch, &c.id);
            assert_eq!(ch.levels.len(), lvl);
            assert_clean(&ch, &format!("{} {lvl}", c.id));
        }
    }
}

#[test]
fn level_up_then_level_down_is_the_identity_for_every_class() {
    for c in srd().classes.all() {
        let mut ch = new(&c.id, "human", "soldier");
        for _ in 2..=20 {
            let next = up(&ch, &c.id);
            let back = level_down(srd(), &next).expect("level down").character;
            assert_eq!(back, ch, "{} level {}", c.id, next.levels.len());
            ch = next;
        }
    }
}
