//! Themes: transitions that never stack, exact removal, variants from the root item, checks,
//! commits on the version graph and their rollback, and the pack reference check.

use dnd_core::Error;
use dnd_core::derive::{derive, derive_explained};
use dnd_core::history::{
    CommitKind, CommitMeta, Graph, MemoryGraph, apply_theme, lineage, rollback_transition,
    transition, variants,
};
use dnd_core::model::{Ability, Character};
use dnd_core::play::inventory::{Give, give};
use dnd_core::play::{Event, Outcome};
use dnd_core::rules::{Pack, Rules};
use serde_json::{Value, json};

fn pack_dir(name: &str) -> String {
    format!("{}/../../examples/packs/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn example_rules() -> Rules {
    let dir = pack_dir("themes");
    let files: Vec<(String, String)> = ["pack.json", "themes.json"]
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(format!("{dir}/{f}")).expect("pack file");
            (f.to_string(), text)
        })
        .collect();
    let pack = Pack::from_files(files.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        .expect("example themes pack parses");
    Rules::srd_with(vec![pack]).expect("example themes pack loads")
}

fn rules_with(themes: Value) -> dnd_core::Result<Rules> {
    let pack: Pack = serde_json::from_value(json!({
        "manifest": {"id": "test-themes", "name": "Test", "version": "0", "license": "CC0-1.0"},
        "themes": themes,
    }))
    .expect("test pack shape");
    Rules::srd_with(vec![pack])
}

fn theme(id: &str, extra: Value) -> Value {
    let mut t = json!({"id": id, "name": id, "genre": "other", "intensity": 1});
    if let (Some(o), Some(e)) = (t.as_object_mut(), extra.as_object()) {
        o.extend(e.clone());
    }
    t
}

fn fighter(rules: &Rules) -> Character {
    let path = format!(
        "{}/../../examples/characters/fighter-1.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).expect("example exists");
    let mut ch = Character::from_json(&text).expect("example parses");
    ch.details.xp = 150;
    ch.details.backstory = "Left the army after the siege.".into();
    if !ch.inventory.items.iter().any(|it| it.item == "longsword") {
        ch = give(rules, &ch, "longsword", Give::default())
            .expect("a longsword can be given")
            .character;
    }
    ch
}

fn ok(r: dnd_core::Result<Outcome>) -> Outcome {
    r.unwrap_or_else(|e| panic!("expected success, got {} ({e})", e.code()))
}

fn refusal(before: &Character, r: dnd_core::Result<Outcome>, ch: &Character) -> String {
    assert_eq!(before, ch, "a refused transition changes nothing");
    match r {
        Err(e @ Error::Refused { .. }) => e.code().to_string(),
        Err(e) => panic!("expected a refusal, got {} ({e})", e.code()),
        Ok(o) => panic!("expected a refusal, got: {}", o.summary),
    }
}

fn scores(rules: &Rules, ch: &Character) -> Vec<i32> {
    let s = derive(rules, ch).expect("derives");
    Ability::ALL
        .iter()
        .map(|a| s.abilities.get(*a).score)
        .collect()
}

fn feature_ids(rules: &Rules, ch: &Character) -> Vec<String> {
    let s = derive(rules, ch).expect("derives");
    s.features.iter().map(|f| f.id.to_string()).collect()
}

fn variant_of(ch: &Character, root: &str) -> Option<String> {
    ch.inventory
        .items
        .iter()
        .find(|it| it.item == root)
        .and_then(|it| it.variant.clone())
}

fn meta(msg: &str, t: i64) -> CommitMeta {
    CommitMeta {
        author: "dm".into(),
        message: msg.into(),
        timestamp: t,
        ..CommitMeta::default()
    }
}

#[test]
fn fighter_goes_fantasy_cyberpunk_fantasy_cyberpunk() {
    let rules = example_rules();
    let start = fighter(&rules);
    let mut g = MemoryGraph::default();
    g.commit_on(
        "main",
        None,
        &start,
        CommitKind::Commit,
        &[],
        &meta("start", 0),
    )
    .expect("first commit");
    let base = scores(&rules, &start);
    let base_features = feature_ids(&rules, &start);

    let mut seen = Vec::new();
    for (i, t) in ["fantasy", "cyberpunk", "fantasy", "cyberpunk"]
        .iter()
        .enumerate()
    {
        let before = g.head("main").expect("head").expect("branch exists");
        let c = apply_theme(&rules, &mut g, "main", Some(t), &meta("", i as i64 + 1))
            .expect("transition commits");
        assert_eq!(c.body.kind, CommitKind::Theme);
        assert_eq!(
            c.body.parents,
            vec![before],
            "parent is the previous version"
        );
        let ch = g.object(&c.body.object).expect("object");
        assert_eq!(ch.theme.as_ref().map(|s| s.id.as_str()), Some(*t));
        seen.push(ch);
    }
    let [f1, c1, f2, c2] = &seen[..] else {
        panic!("four versions")
    };

    // Variants come from the root item, with stable ids.
    assert_eq!(variant_of(c1, "longsword").as_deref(), Some("monoblade"));
    assert_eq!(variant_of(c1, "longsword"), variant_of(c2, "longsword"));
    assert_eq!(
        variant_of(c1, "chain-mail").as_deref(),
        Some("cyberpunk:chain-mail")
    );
    assert_eq!(
        variant_of(f1, "longsword").as_deref(),
        Some("fantasy:longsword")
    );
    assert_eq!(
        variant_of(f2, "longsword").as_deref(),
        Some("fantasy:longsword")
    );
    assert_eq!(
        variant_of(f2, "chain-mail"),
        None,
        "fantasy shows the root chain mail"
    );
    for ch in &seen {
        assert!(ch.inventory.items.iter().any(|it| it.item == "longsword"));
    }

    // Adjustments never stack.
    let str_i = Ability::Str.index();
    let (dex_i, int_i) = (Ability::Dex.index(), Ability::Int.index());
    assert_eq!(scores(&rules, f1)[str_i], base[str_i] + 1);
    assert_eq!(scores(&rules, f1), scores(&rules, f2));
    assert_eq!(scores(&rules, c1), scores(&rules, c2));
    let cs = scores(&rules, c2);
    assert_eq!(cs[str_i], base[str_i] - 1);
    assert_eq!(cs[dex_i], base[dex_i] + 1);
    assert_eq!(cs[int_i], base[int_i] + 1);

    // Features are removed exactly.
    let with = |ch: &Character| {
        let mut f = feature_ids(&rules, ch);
        f.retain(|x| !base_features.contains(x));
        f.sort();
        f
    };
    assert_eq!(with(f2), vec!["fantasy-heroic-bearing".to_string()]);
    assert_eq!(
        with(c2),
        vec![
            "cyberpunk-optic-implants".to_string(),
            "cyberpunk-reflex-wiring".to_string()
        ]
    );
    assert_eq!(derive(&rules, c2).expect("derives").darkvision, Some(60));
    assert_eq!(derive(&rules, f2).expect("derives").darkvision, None);

    // The sheet explains the theme's adjustments.
    let (_, trail) = derive_explained(&rules, c2).expect("derives");
    let dex = trail.get("abilities.dex.score").expect("dex explained");
    assert!(
        dex.terms
            .iter()
            .any(|t| t.source == "theme Neon Sprawl" && t.value == 1),
        "{dex:?}"
    );

    // The sheet shows variants: names of attacks, weights of carried items.
    let attack_names = |ch: &Character| -> Vec<String> {
        let s = derive(&rules, ch).expect("derives");
        s.attacks.iter().map(|a| a.name.to_string()).collect()
    };
    assert!(attack_names(c2).contains(&"Thermal Cleaver".to_string()));
    assert!(attack_names(f2).contains(&"Runed Greatsword".to_string()));
    let weight = |ch: &Character| derive(&rules, ch).expect("derives").carried_weight;
    assert!((weight(&start) - weight(c2) - (55.0 - 30.0) - (3.0 - 2.0)).abs() < 1e-9);

    // Memory is kept.
    for ch in &seen {
        assert_eq!(ch.details, start.details);
        assert_eq!(ch.levels, start.levels);
        assert_eq!(ch.state, start.state);
    }

    // Taking the theme off gives back the start exactly.
    let off = ok(transition(&rules, c2, None)).character;
    assert_eq!(off, start);

    let head = g.head("main").expect("head").expect("exists");
    assert_eq!(lineage(&g, &head).expect("lineage").len(), 5);
}

#[test]
fn variants_list_every_theme_of_a_root_item() {
    let rules = example_rules();
    let v = variants(&rules, "longsword");
    let ids: Vec<(&str, Option<&str>)> = v
        .iter()
        .map(|(t, v)| (t.as_str(), v.id.as_deref()))
        .collect();
    assert_eq!(
        ids,
        vec![
            ("fantasy", Some("fantasy:longsword")),
            ("cyberpunk", Some("monoblade")),
            ("western", Some("western:longsword")),
        ]
    );
    assert!(variants(&rules, "club").is_empty());
}

#[test]
fn added_items_come_and_go_with_the_theme() {
    let rules = example_rules();
    let ch = fighter(&rules);
    let w = ok(transition(&rules, &ch, Some("western")));
    assert!(w.events.contains(&Event::ThemeChanged {
        from: None,
        to: Some("western".into())
    }));
    let rope = w
        .character
        .inventory
        .items
        .iter()
        .filter(|it| it.item == "rope")
        .count();
    assert_eq!(rope, 1);
    let back = ok(transition(&rules, &w.character, Some("fantasy"))).character;
    assert!(!back.inventory.items.iter().any(|it| it.item == "rope"));
    assert_eq!(ok(transition(&rules, &back, None)).character, ch);
}

#[test]
fn each_check_refuses_with_its_code() {
    let rules = rules_with(json!([
        theme("veteran", json!({"min_level": 5})),
        theme("no-fighters", json!({"forbidden_classes": ["fighter"]})),
        theme("wizards-only", json!({"allowed_classes": ["wizard"]})),
        theme("elves-only", json!({"allowed_species": ["elf"]})),
        theme("no-humans", json!({"forbidden_species": ["human"]})),
        theme("mighty", json!({"ability_adjustments": {"str": 4}})),
        theme("feeble", json!({"ability_adjustments": {"int": -6}})),
        theme(
            "clever",
            json!({"checks": [{"min_score": {"ability": "int", "min": 13}}]})
        ),
        theme("pilot", json!({"checks": [{"requires_item": "longbow"}]})),
        theme("fine", json!({"ability_adjustments": {"str": 3}})),
    ]))
    .expect("test themes load");
    let ch = fighter(&rules);
    let before = ch.clone();
    for (t, code) in [
        ("veteran", "theme.check.level"),
        ("no-fighters", "theme.check.class"),
        ("wizards-only", "theme.check.class"),
        ("elves-only", "theme.check.species"),
        ("no-humans", "theme.check.species"),
        ("mighty", "theme.check.score"),
        ("feeble", "theme.check.score"),
        ("clever", "theme.check.custom"),
        ("pilot", "theme.check.custom"),
    ] {
        let r = transition(&rules, &ch, Some(t));
        assert_eq!(refusal(&before, r, &ch), code, "theme {t}");
    }
    // Str 17 + 3 = 20 is allowed; a refused move away from a theme leaves it on.
    let fine = ok(transition(&rules, &ch, Some("fine"))).character;
    assert_eq!(scores(&rules, &fine)[Ability::Str.index()], 20);
    let kept = fine.clone();
    let r = transition(&rules, &fine, Some("veteran"));
    assert_eq!(refusal(&kept, r, &fine), "theme.check.level");
}

#[test]
fn unknown_theme_is_an_unknown_id() {
    let rules = example_rules();
    let ch = fighter(&rules);
    let e = transition(&rules, &ch, Some("cyberpnk")).expect_err("unknown");
    assert!(matches!(e, Error::UnknownId { suggestion: Some(ref s), .. } if s == "cyberpunk"));
}

#[test]
fn a_transition_rolls_back() {
    let rules = example_rules();
    let start = fighter(&rules);
    let mut g = MemoryGraph::default();
    let root = g
        .commit_on(
            "main",
            None,
            &start,
            CommitKind::Commit,
            &[],
            &meta("start", 0),
        )
        .expect("first commit");
    let t1 = apply_theme(&rules, &mut g, "main", Some("fantasy"), &meta("", 1)).expect("t1");
    let t2 = apply_theme(&rules, &mut g, "main", Some("cyberpunk"), &meta("", 2)).expect("t2");
    let rb = rollback_transition(&mut g, "main", &meta("", 3)).expect("rollback");
    assert_eq!(rb.body.kind, CommitKind::Theme);
    assert_eq!(rb.body.parents, vec![t2.id.clone()]);
    assert_eq!(
        rb.body.object, t1.body.object,
        "back to the fantasy version"
    );
    assert!(rb.body.message.starts_with("rollback of "));
    let ch = g.object(&rb.body.object).expect("object");
    assert_eq!(ch.theme.map(|t| t.id), Some("fantasy".into()));
    assert_eq!(
        lineage(&g, &rb.id)
            .expect("lineage")
            .last()
            .map(|c| c.id.clone()),
        Some(root.id)
    );
}

#[test]
fn rollback_is_refused_when_the_head_is_not_a_theme_commit() {
    let rules = example_rules();
    let start = fighter(&rules);
    let mut g = MemoryGraph::default();
    g.commit_on(
        "main",
        None,
        &start,
        CommitKind::Commit,
        &[],
        &meta("start", 0),
    )
    .expect("first commit");
    let e = rollback_transition(&mut g, "main", &meta("", 1)).expect_err("no theme commit");
    assert_eq!(e.code(), "theme.rollback.unavailable");

    let t = apply_theme(&rules, &mut g, "main", Some("fantasy"), &meta("", 2)).expect("theme");
    let mut edited = g.object(&t.body.object).expect("object");
    edited.details.xp += 100;
    g.commit_on(
        "main",
        Some(&t.id),
        &edited,
        CommitKind::Commit,
        &[],
        &meta("xp", 3),
    )
    .expect("edit");
    let head = g.head("main").expect("head");
    let e = rollback_transition(&mut g, "main", &meta("", 4)).expect_err("edited since");
    assert_eq!(e.code(), "theme.rollback.unavailable");
    assert_eq!(g.head("main").expect("head"), head, "nothing committed");
}

#[test]
fn a_replacement_of_an_unknown_item_fails_the_reference_check() {
    let r = rules_with(json!([theme(
        "broken",
        json!({"replacements": [{"item": "laser-sword", "variant": {"name": "Laser Sword"}}]})
    )]));
    match r {
        Err(e @ Error::PackReference { .. }) => {
            assert_eq!(e.code(), "pack.reference");
            assert!(e.to_string().contains("laser-sword"), "{e}");
        }
        Err(e) => panic!("expected a reference error, got {} ({e})", e.code()),
        Ok(_) => panic!("a theme replacing an unknown item loaded"),
    }
}

#[test]
fn a_theme_intensity_outside_1_to_5_is_invalid() {
    let r = rules_with(json!([theme("loud", json!({"intensity": 6}))]));
    assert!(matches!(r, Err(Error::PackInvalid { .. })));
}
