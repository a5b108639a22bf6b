//! Offline generation: concepts become valid characters, deterministically from the seed.

use dnd_core::rules::Rules;
use dnd_core::validate::{Profile, validate};
use dnd_gen::{CancelToken, CharacterRequest, OfflineText, RulesCatalog, generate_character};

fn rules() -> &'static Rules {
    Rules::srd()
}

fn make(concept: &str, level: u32, seed: u64) -> dnd_gen::Generated {
    let r = rules();
    generate_character(
        r,
        &OfflineText::new(r),
        &RulesCatalog::new(r),
        &CharacterRequest {
            concept: concept.into(),
            level,
            seed,
        },
        &CancelToken::new(),
    )
    .unwrap_or_else(|e| panic!("{concept} (seed {seed}): {e}"))
}

#[test]
fn a_stealthy_elven_archer_is_an_elf_ranger_or_rogue_with_stealth() {
    for seed in 0..12 {
        let g = make("a stealthy elven archer", 1, seed);
        let ch = &g.character;
        assert_eq!(ch.species.id, "elf");
        let class = &ch.levels[0].class;
        assert!(class == "ranger" || class == "rogue", "{class}");
        let sheet = dnd_core::derive::derive(rules(), ch).expect("derive");
        assert!(sheet.skills.stealth.proficient, "seed {seed}: stealth");
        assert!(
            ch.inventory.items.iter().any(|i| i.item == "longbow"),
            "seed {seed}: longbow"
        );
        assert!(!ch.details.backstory.is_empty());
        assert!(g.contradictions.is_empty(), "{:?}", g.contradictions);
        assert_eq!(g.provenance.provider, "offline");
    }
}

#[test]
fn same_concept_and_seed_give_the_same_character() {
    let a = make("a dwarven priest who heals", 3, 42);
    let b = make("a dwarven priest who heals", 3, 42);
    assert_eq!(a.character, b.character);
    assert_eq!(a.provenance, b.provenance);
    assert_eq!(a.character.species.id, "dwarf");
    assert_eq!(a.character.levels[0].class, "cleric");
    assert_eq!(a.character.level(), 3);
}

#[test]
fn named_catalog_content_is_reused() {
    let g = make("a halfling bard of the College of Lore with a rapier", 3, 1);
    assert_eq!(g.character.species.id, "halfling");
    assert_eq!(g.character.levels[0].class, "bard");
    assert_eq!(
        g.character.levels[2].subclass.as_deref(),
        Some("college-of-lore")
    );
    assert!(g.fits.iter().any(|f| f.id == "rapier"));
}

const WORDS: &[&str] = &[
    "stealthy",
    "elven",
    "archer",
    "dwarven",
    "priest",
    "healer",
    "brutal",
    "orc",
    "barbarian",
    "clever",
    "gnome",
    "wizard",
    "noble",
    "knight",
    "tiefling",
    "warlock",
    "pact",
    "halfling",
    "thief",
    "dragonborn",
    "sorcerer",
    "goliath",
    "monk",
    "human",
    "soldier",
    "sage",
    "druid",
    "wild",
    "scout",
    "duelist",
    "charming",
    "bard",
    "cruel",
    "mercenary",
    "holy",
    "paladin",
    "hunter",
    "ranger",
    "fire",
    "mage",
    "a",
    "the",
    "who",
    "loves",
    "cheese",
    "with",
    "and",
    "sneaky",
    "detective",
    "sailor",
];

#[test]
fn a_thousand_concepts_with_different_seeds_all_validate_clean() {
    let r = rules();
    let text = OfflineText::new(r);
    let catalog = RulesCatalog::new(r);
    let mut classes = std::collections::BTreeSet::new();
    for seed in 0..1000u64 {
        let n = 2 + (seed % 5) as usize;
        let concept: Vec<&str> = (0..n)
            .map(|i| WORDS[((seed * 31 + i as u64 * 17) % WORDS.len() as u64) as usize])
            .collect();
        let concept = concept.join(" ");
        let level = 1 + (seed % 20) as u32;
        let req = CharacterRequest {
            concept: concept.clone(),
            level,
            seed,
        };
        let g = generate_character(r, &text, &catalog, &req, &CancelToken::new())
            .unwrap_or_else(|e| panic!("`{concept}` level {level} seed {seed}: {e}"));
        let report = validate(r, &g.character, &Profile::default());
        assert!(report.valid, "`{concept}` seed {seed}: {:?}", report.issues);
        assert_eq!(g.character.level(), level);
        classes.insert(g.character.levels[0].class.clone());
    }
    assert_eq!(classes.len(), 12, "every class appears: {classes:?}");
}

#[test]
fn bad_requests_are_typed() {
    let r = rules();
    let e = generate_character(
        r,
        &OfflineText::new(r),
        &RulesCatalog::new(r),
        &CharacterRequest {
            concept: " ".into(),
            level: 1,
            seed: 0,
        },
        &CancelToken::new(),
    )
    .unwrap_err();
    assert_eq!(e.code(), "gen.bad_request");
    let e = generate_character(
        r,
        &OfflineText::new(r),
        &RulesCatalog::new(r),
        &CharacterRequest {
            concept: "x".into(),
            level: 21,
            seed: 0,
        },
        &CancelToken::new(),
    )
    .unwrap_err();
    assert_eq!(e.code(), "gen.bad_request");
    let c = CancelToken::new();
    c.cancel();
    let e = generate_character(
        r,
        &OfflineText::new(r),
        &RulesCatalog::new(r),
        &CharacterRequest {
            concept: "x".into(),
            level: 1,
            seed: 0,
        },
        &c,
    )
    .unwrap_err();
    assert_eq!(e.code(), "gen.cancelled");
}

#[test]
fn offline_answers_rarely_need_a_repair_round() {
    let r = rules();
    let text = OfflineText::new(r);
    let catalog = RulesCatalog::new(r);
    let mut repaired = 0;
    for seed in 0..200u64 {
        let concept = [
            "a stealthy elven archer",
            "a dwarven priest who heals",
            "a brutal orc barbarian",
            "a clever gnome wizard",
        ][(seed % 4) as usize];
        let req = CharacterRequest {
            concept: concept.into(),
            level: 1,
            seed,
        };
        let g = generate_character(r, &text, &catalog, &req, &CancelToken::new()).expect("valid");
        if g.provenance.attempts > 1 {
            repaired += 1;
        }
    }
    println!("repaired: {repaired} of 200");
    assert!(
        repaired <= 10,
        "{repaired} of 200 offline answers needed a repair round"
    );
}
