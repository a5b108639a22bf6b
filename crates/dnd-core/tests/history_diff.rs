//! Typed diffs: `apply(a, diff(a, b)) == b` and its inverse on random edits of the examples,
//! categories of hand-made edits, summaries, and golden content hashes.

use std::collections::BTreeMap;
use std::path::PathBuf;

use dnd_core::build::{LevelUp, level_up};
use dnd_core::history::{
    Category, Diff, apply, canonical_json, diff, object_id, sha256_hex, summary,
};
use dnd_core::model::{Character, InventoryItem, Location};
use dnd_core::rules::Rules;
use proptest::prelude::*;
use serde_json::{Value, json};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn examples() -> Vec<(String, Character)> {
    let mut out: Vec<(String, Character)> = std::fs::read_dir(root().join("examples/characters"))
        .expect("examples/characters exists")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("readable");
            let name = p.file_name().expect("name").to_string_lossy().into_owned();
            let ch = Character::from_json(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, ch)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn example(name: &str) -> Character {
    let text = std::fs::read_to_string(root().join("examples/characters").join(name))
        .expect("example exists");
    Character::from_json(&text).expect("example parses")
}

fn roundtrip(a: &Character, b: &Character) {
    let d = diff(a, b).expect("diffs");
    assert_eq!(&apply(a, &d).expect("applies"), b, "forward: {d:#?}");
    assert_eq!(
        &apply(b, &d.invert()).expect("inverse applies"),
        a,
        "back: {d:#?}"
    );
    // The diff survives JSON.
    let text = serde_json::to_string(&d).expect("serializes");
    let back: Diff = serde_json::from_str(&text).expect("parses");
    assert_eq!(back, d);
}

#[derive(Debug, Clone)]
enum Edit {
    Score(usize, i32),
    PushLevel,
    PopLevel,
    AddItem(usize, u8),
    RemoveItem(usize),
    SwapItems(usize, usize),
    Quantity(usize, u32),
    Hp(i32),
    TempHp(i32),
    SlotSpent(usize, u8),
    Counter(usize, u32),
    Prepare(usize),
    Concentrate(Option<usize>),
    Exhaustion(u8),
}

const ITEMS: [&str; 5] = [
    "longsword",
    "potion-of-healing",
    "torch",
    "dagger",
    "rope-hempen",
];
const SPELLS: [&str; 5] = [
    "shield",
    "fireball",
    "bless",
    "cure-wounds",
    "magic-missile",
];
const COUNTERS: [&str; 3] = ["channel-divinity", "rage", "odd/key~name"];

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0..6usize, 3..21i32).prop_map(|(a, v)| Edit::Score(a, v)),
        Just(Edit::PushLevel),
        Just(Edit::PopLevel),
        (0..ITEMS.len(), 0..4u8).prop_map(|(i, k)| Edit::AddItem(i, k)),
        (0..12usize).prop_map(Edit::RemoveItem),
        (0..12usize, 0..12usize).prop_map(|(i, j)| Edit::SwapItems(i, j)),
        (0..12usize, 1..30u32).prop_map(|(i, q)| Edit::Quantity(i, q)),
        (-5..60i32).prop_map(Edit::Hp),
        (0..10i32).prop_map(Edit::TempHp),
        (0..9usize, 0..4u8).prop_map(|(l, n)| Edit::SlotSpent(l, n)),
        (0..COUNTERS.len(), 0..4u32).prop_map(|(c, n)| Edit::Counter(c, n)),
        (0..SPELLS.len()).prop_map(Edit::Prepare),
        proptest::option::of(0..SPELLS.len()).prop_map(Edit::Concentrate),
        (0..7u8).prop_map(Edit::Exhaustion),
    ]
}

fn edited(mut ch: Character, edits: &[Edit]) -> Character {
    for e in edits {
        let items = &mut ch.inventory.items;
        match e {
            Edit::Score(a, v) => {
                let mut s = ch.abilities.base.to_array();
                s[*a] = *v;
                ch.abilities.base = dnd_core::model::AbilityScores::from_array(s);
            }
            Edit::PushLevel => {
                if let Some(l) = ch.levels.last().cloned() {
                    ch.levels.push(l);
                }
            }
            Edit::PopLevel => {
                if ch.levels.len() > 1 {
                    ch.levels.pop();
                }
            }
            Edit::AddItem(i, k) => items.push(InventoryItem {
                item: ITEMS[*i].into(),
                key: (*k > 0).then(|| format!("{}-{k}", ITEMS[*i])),
                quantity: 1 + u32::from(*k),
                equipped: *k == 2,
                attuned: false,
                location: if *k == 3 {
                    Location::Stored
                } else {
                    Location::Carried
                },
                name: None,
                custom: None,
                variant: None,
            }),
            Edit::RemoveItem(i) => {
                if !items.is_empty() {
                    items.remove(i % items.len());
                }
            }
            Edit::SwapItems(i, j) => {
                if !items.is_empty() {
                    let n = items.len();
                    items.swap(i % n, j % n);
                }
            }
            Edit::Quantity(i, q) => {
                if !items.is_empty() {
                    let n = items.len();
                    items[i % n].quantity = *q;
                }
            }
            Edit::Hp(hp) => ch.state.hp = Some(*hp),
            Edit::TempHp(t) => ch.state.temp_hp = *t,
            Edit::SlotSpent(l, n) => ch.state.slots_spent[*l] = *n,
            Edit::Counter(c, n) => {
                ch.state.counters_spent.insert(COUNTERS[*c].into(), *n);
            }
            Edit::Prepare(s) => {
                let class = ch.levels[0].class.clone();
                ch.state
                    .prepared
                    .entry(class)
                    .or_default()
                    .push(SPELLS[*s].into());
            }
            Edit::Concentrate(s) => ch.state.concentration = s.map(|s| SPELLS[s].to_string()),
            Edit::Exhaustion(n) => ch.state.exhaustion = *n,
        }
    }
    ch
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn apply_inverts_diff_on_random_edits(
        i in 0..18usize,
        j in proptest::option::of(0..18usize),
        ea in proptest::collection::vec(edit(), 0..6),
        eb in proptest::collection::vec(edit(), 0..8),
    ) {
        let all = examples();
        let base_a = all[i % all.len()].1.clone();
        let base_b = all[j.unwrap_or(i) % all.len()].1.clone();
        let a = edited(base_a, &ea);
        let b = edited(base_b, &eb);
        roundtrip(&a, &b);
        prop_assert!(diff(&a, &a).expect("diffs").is_empty());
        prop_assert!(diff(&b, &b).expect("diffs").is_empty());
    }
}

#[test]
fn every_pair_of_examples_round_trips() {
    let all = examples();
    for (_, a) in &all {
        assert!(diff(a, a).expect("diffs").is_empty());
        for (_, b) in &all {
            roundtrip(a, b);
        }
    }
}

fn only_change(a: &Character, b: &Character) -> (String, Category, Option<Value>, Option<Value>) {
    let d = diff(a, b).expect("diffs");
    assert_eq!(d.changes.len(), 1, "{d:#?}");
    let c = d.changes.into_iter().next().expect("one change");
    (c.path, c.category, c.old, c.new)
}

#[test]
fn categories_of_hand_made_edits() {
    let cleric = example("cleric-5.json");
    let mut b = cleric.clone();
    b.abilities.base.str += 1;
    let (path, cat, old, new) = only_change(&cleric, &b);
    assert_eq!(path, "/abilities/base/str");
    assert_eq!(cat, Category::AbilityScore);
    assert_eq!(new, Some(json!(cleric.abilities.base.str + 1)));
    assert!(old.is_some());

    let mut b = cleric.clone();
    b.levels.push(b.levels[4].clone());
    let (path, cat, old, _) = only_change(&cleric, &b);
    assert_eq!(
        (path.as_str(), cat, old),
        ("/levels/5", Category::Level, None)
    );

    let mut b = cleric.clone();
    b.levels[2].hp_roll = Some(7);
    assert_eq!(only_change(&cleric, &b).1, Category::Level);
    let mut b = cleric.clone();
    b.levels[0].cantrips.push("light".into());
    assert_eq!(only_change(&cleric, &b).1, Category::Spell);
    let mut b = cleric.clone();
    b.levels[3].feats.clear();
    let (path, cat, _, _) = only_change(&cleric, &b);
    assert!(path.starts_with("/levels/3/feats"), "{path}");
    assert_eq!(cat, Category::ClassFeature);
    let mut b = cleric.clone();
    b.levels[0].skills.clear();
    assert_eq!(only_change(&cleric, &b).1, Category::Proficiency);
    let mut b = cleric.clone();
    b.origin.languages.push("giant".into());
    assert_eq!(only_change(&cleric, &b).1, Category::Proficiency);

    let mut b = cleric.clone();
    b.inventory.items.insert(
        1,
        InventoryItem {
            item: "longsword".into(),
            key: None,
            quantity: 1,
            equipped: false,
            attuned: false,
            location: Location::Carried,
            name: None,
            custom: None,
            variant: None,
        },
    );
    let (path, cat, old, _) = only_change(&cleric, &b);
    assert_eq!(
        (path.as_str(), cat, old),
        ("/inventory/items/1", Category::Equipment, None)
    );
    let mut b = cleric.clone();
    b.inventory.items.swap(0, 1);
    let d = diff(&cleric, &b).expect("diffs");
    assert_eq!(
        d.changes.len(),
        2,
        "a move is a removal and an insertion: {d:#?}"
    );
    assert!(d.changes.iter().all(|c| c.category == Category::Equipment));

    let mut b = cleric.clone();
    b.state
        .prepared
        .insert("cleric".into(), vec!["bless".into()]);
    assert_eq!(only_change(&cleric, &b).1, Category::Spell);
    let mut b = cleric.clone();
    b.state.concentration = Some("bless".into());
    assert_eq!(only_change(&cleric, &b).1, Category::Spell);
    let mut b = cleric.clone();
    b.state.hp = Some(3);
    assert_eq!(only_change(&cleric, &b).1, Category::Resource);
    let mut b = cleric.clone();
    b.state.heroic_inspiration = !b.state.heroic_inspiration;
    assert_eq!(only_change(&cleric, &b).1, Category::Resource);
    let mut b = cleric.clone();
    b.name = "Someone Else".into();
    assert_eq!(only_change(&cleric, &b).1, Category::Other);

    assert_eq!(Category::of_path("/theme"), Category::Theme);
    assert_eq!(Category::of_path("/theme/palette/0"), Category::Theme);
    assert_eq!(
        Category::of_path("/background/ability_increases/wis"),
        Category::AbilityScore
    );
    assert_eq!(Category::of_path("/levels/4/subclass"), Category::Level);
    assert_eq!(
        Category::of_path("/levels/4/masteries/0"),
        Category::ClassFeature
    );
    assert_eq!(
        Category::of_path("/state/slots_spent/2"),
        Category::Resource
    );
    assert_eq!(
        Category::of_path("/species/skills/0"),
        Category::Proficiency
    );
    assert_eq!(
        serde_json::to_value(Category::AbilityScore).expect("serializes"),
        json!("ability_score")
    );
}

#[test]
fn pointers_escape_tilde_and_slash() {
    let mut a = example("barbarian-1.json");
    a.state.counters_spent.insert("rage".into(), 1);
    let mut b = a.clone();
    b.state.counters_spent.insert("a/b~c".into(), 1);
    let (path, ..) = only_change(&a, &b);
    assert_eq!(path, "/state/counters_spent/a~1b~0c");
    roundtrip(&a, &b);
}

#[test]
fn a_stale_change_is_refused_with_its_path() {
    let a = example("cleric-5.json");
    let mut b = a.clone();
    b.abilities.base.str += 2;
    let d = diff(&a, &b).expect("diffs");
    let err = apply(&b, &d).expect_err("old value no longer matches");
    assert_eq!(err.code(), "invalid_input.value");
    assert_eq!(err.path(), Some("/abilities/base/str"));
    let mut d = Diff::default();
    d.changes.push(dnd_core::history::Change {
        path: "/nowhere/deep".into(),
        category: Category::Other,
        old: None,
        new: Some(json!(1)),
    });
    assert_eq!(
        apply(&a, &d).expect_err("no such parent").code(),
        "invalid_input.value"
    );
}

fn srd() -> &'static Rules {
    Rules::srd()
}

#[test]
fn summary_of_wizard_20_level_and_cleric_level_up() {
    let rules = srd();
    let full = example("wizard-20.json");
    let mut less = full.clone();
    less.levels.pop();
    let d = diff(&less, &full).expect("diffs");
    let line = summary(rules, &less, &full, &d);
    println!("wizard 19 → 20: {line}");
    assert!(line.contains("Wizard 19 → 20"), "{line}");
    let back = summary(rules, &full, &less, &d.invert());
    assert!(back.contains("Wizard 20 → 19"), "{back}");

    let cleric = example("cleric-5.json");
    let req = LevelUp {
        class: "cleric".into(),
        ..Default::default()
    };
    let up = level_up(rules, &cleric, &req).expect("levels up").character;
    let line = summary(rules, &cleric, &up, &diff(&cleric, &up).expect("diffs"));
    println!("cleric level-up: {line}");
    assert!(line.contains("Cleric 5 → 6"), "{line}");
    assert!(line.contains("Max hit points"), "{line}");
}

#[test]
fn summary_names_items_spells_and_numbers() {
    let rules = srd();
    let a = example("wizard-1.json");
    let mut b = a.clone();
    b.abilities.base.str += 1;
    b.state.hp = Some(2);
    b.inventory.items.push(InventoryItem {
        item: "longsword".into(),
        key: None,
        quantity: 1,
        equipped: false,
        attuned: false,
        location: Location::Carried,
        name: None,
        custom: None,
        variant: None,
    });
    b.state
        .prepared
        .entry("wizard".into())
        .or_default()
        .push("shield".into());
    b.details.backstory.push_str(" More.");
    let line = summary(rules, &a, &b, &diff(&a, &b).expect("diffs"));
    println!("wizard edits: {line}");
    let sa = dnd_core::derive::derive(rules, &a).expect("derives");
    let (p, q) = (sa.abilities.str.score, sa.abilities.str.score + 1);
    for part in [
        format!("Strength {p} → {q}"),
        format!("Hit points {} → 2", sa.hit_points.current),
        "+ Longsword".into(),
        "prepared Shield".into(),
        "1 change".into(),
    ] {
        assert!(line.split("; ").any(|x| x == part), "{part} in {line}");
    }

    let mut c = b.clone();
    c.inventory.items.push(InventoryItem {
        item: "potion-of-healing".into(),
        key: None,
        quantity: 2,
        equipped: false,
        attuned: false,
        location: Location::Carried,
        name: None,
        custom: None,
        variant: None,
    });
    let line = summary(rules, &c, &b, &diff(&c, &b).expect("diffs"));
    assert_eq!(line, "− 2 Potion of Healing");
    assert_eq!(summary(rules, &a, &a, &Diff::default()), "no changes");

    // A character that does not derive still gets a summary, with raw ids.
    let mut broken = a.clone();
    broken.levels[0].class = "no-such-class".into();
    let mut broken_b = broken.clone();
    broken_b.levels.push(broken.levels[0].clone());
    broken_b.abilities.base.int += 1;
    let line = summary(
        rules,
        &broken,
        &broken_b,
        &diff(&broken, &broken_b).expect("diffs"),
    );
    assert!(line.contains("no-such-class 1 → 2"), "{line}");
    assert!(line.contains("Intelligence"), "{line}");
}

/// Hand-written values whose canonical text and hash are pinned.
fn golden_values() -> Vec<(&'static str, Value)> {
    vec![
        (
            "nested-unsorted",
            json!({"zeta": {"b": 1, "a": [3, {"y": null, "x": true}]}, "alpha": "first", "Mid": false}),
        ),
        (
            "unicode",
            json!({"name": "Zoë “the Bold” — 勇者 🐉", "tab\tkey": "line\nbreak", "é": "\u{0}"}),
        ),
        (
            "floats",
            json!({"half": 2.5, "whole": 2.0, "tiny": 0.1, "big": 1.0e20, "neg": -0.75}),
        ),
        (
            "negative-ints",
            json!([
                -1,
                -42,
                0,
                9007199254740993i64,
                -9007199254740993i64,
                u64::MAX
            ]),
        ),
    ]
}

#[test]
fn golden_hashes_are_stable() {
    let path = root().join("fixtures/history/golden-hashes.json");
    let mut characters = BTreeMap::new();
    for (name, ch) in examples() {
        characters.insert(name, object_id(&ch).expect("hashes"));
    }
    let mut values = BTreeMap::new();
    for (name, v) in golden_values() {
        let canonical = canonical_json(&v);
        let sha = sha256_hex(canonical.as_bytes());
        values.insert(
            name.to_string(),
            json!({"value": v, "canonical_json": canonical, "sha256_hex": sha}),
        );
    }
    let generated = json!({"characters": characters, "values": values});
    if std::env::var("UPDATE_FIXTURES").is_ok_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().expect("parent")).expect("fixtures/ is writable");
        let mut text = serde_json::to_string_pretty(&generated).expect("serializes");
        text.push('\n');
        std::fs::write(&path, text).expect("fixtures/ is writable");
        return;
    }
    let text = std::fs::read_to_string(&path)
        .expect("fixtures/history/golden-hashes.json exists (UPDATE_FIXTURES=1 writes it)");
    let on_disk: Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(
        on_disk["characters"], generated["characters"],
        "character hashes changed; if the format changed on purpose, run UPDATE_FIXTURES=1"
    );
    for (name, v) in golden_values() {
        let entry = &on_disk["values"][name];
        let canonical = canonical_json(&v);
        assert_eq!(entry["canonical_json"], json!(canonical), "{name}");
        assert_eq!(
            entry["sha256_hex"],
            json!(sha256_hex(canonical.as_bytes())),
            "{name}"
        );
        // The value read back from the file canonicalises to the same text.
        assert_eq!(
            canonical_json(&entry["value"]),
            canonical,
            "{name} read back"
        );
    }
}

#[test]
fn canonical_strings_escape_as_serde_json_does() {
    let mut s: String = (0u8..0x80).map(char::from).collect();
    s.push_str("é—勇🐉\u{2028}\u{7f}");
    let v = Value::String(s.clone());
    assert_eq!(
        canonical_json(&v),
        serde_json::to_string(&s).expect("serializes")
    );
    let key = json!({ s.clone(): 1 });
    assert_eq!(
        canonical_json(&key),
        format!("{{{}:1}}", serde_json::to_string(&s).expect("serializes"))
    );
}
