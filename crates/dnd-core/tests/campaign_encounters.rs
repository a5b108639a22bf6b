//! Behaviour contract of 2024 encounter building: the XP Budget per Character table (checked
//! against the SRD Markdown), the SRD's worked examples, an encounter for four level-5
//! characters rated against the SRD budget, and building to a budget with filters.

mod common;

use std::collections::BTreeMap;

use dnd_core::campaign::encounters::{
    Difficulty, Filter, Rating, XP_BUDGET_PER_CHARACTER, budget_per_character, build, party_budget,
    rate,
};
use dnd_core::rules::Rules;

fn creatures(list: &[(&str, u32)]) -> BTreeMap<String, u32> {
    list.iter().map(|(k, n)| (k.to_string(), *n)).collect()
}

#[test]
fn the_budget_table_matches_the_srd() {
    assert_eq!(budget_per_character(1, Difficulty::Low).expect("1"), 50);
    assert_eq!(
        budget_per_character(20, Difficulty::High).expect("20"),
        22_000
    );
    assert!(budget_per_character(0, Difficulty::Low).is_err());
    assert!(budget_per_character(21, Difficulty::Low).is_err());
    let Some(dir) = common::srd_dir() else { return };
    let md = common::read_text(&dir, "markdown/10_gameplay_toolbox.md");
    let start = md.find("Table: XP Budget per Character").expect("table");
    let rows: Vec<Vec<u32>> = md[start..]
        .lines()
        .filter(|l| l.starts_with('|'))
        .filter_map(|l| {
            let cells: Vec<u32> = l
                .split('|')
                .map(|c| c.trim().replace(',', ""))
                .filter(|c| !c.is_empty())
                .map(|c| c.parse().ok())
                .collect::<Option<_>>()?;
            (cells.len() == 4).then_some(cells)
        })
        .take(20)
        .collect();
    assert_eq!(rows.len(), 20);
    for r in rows {
        let l = usize::try_from(r[0]).expect("level");
        assert_eq!(
            XP_BUDGET_PER_CHARACTER[l - 1],
            [r[1], r[2], r[3]],
            "level {l}"
        );
    }
}

#[test]
fn four_level_5_characters_against_the_srd_budget() {
    let rules = Rules::srd();
    let party = [5, 5, 5, 5];
    // 500 / 750 / 1,100 per character × 4.
    let b = party_budget(&party).expect("budget");
    assert_eq!((b.low, b.moderate, b.high), (2_000, 3_000, 4_400));
    // A troll (CR 5, 1,800 XP): low.
    let r = rate(rules, &party, &creatures(&[("troll", 1)])).expect("rate");
    assert_eq!((r.total_xp, r.rating), (1_800, Rating::Low));
    // A troll and two ogres (450 each): 2,700 XP, moderate.
    let r = rate(rules, &party, &creatures(&[("troll", 1), ("ogre", 2)])).expect("rate");
    assert_eq!((r.total_xp, r.rating), (2_700, Rating::Moderate));
    assert_eq!(r.groups[0].creature, "troll");
    // Two trolls and a wight (700): 4,300 XP, high.
    let r = rate(rules, &party, &creatures(&[("troll", 2), ("wight", 1)])).expect("rate");
    assert_eq!((r.total_xp, r.rating), (4_300, Rating::High));
    // Three trolls: 5,400 XP, beyond the high budget.
    let r = rate(rules, &party, &creatures(&[("troll", 3)])).expect("rate");
    assert_eq!(r.rating, Rating::BeyondHigh);
    // Eighteen zombies: more than two per character.
    let r = rate(rules, &party, &creatures(&[("zombie", 18)])).expect("rate");
    assert_eq!(r.total_xp, 900);
    assert_eq!(r.notes.len(), 1);
}

#[test]
fn the_srd_worked_examples_fit_their_budgets() {
    let rules = Rules::srd();
    // Example 1: four level 1 characters, low, 200 XP.
    let one = [1, 1, 1, 1];
    assert_eq!(party_budget(&one).expect("b").low, 200);
    for e in [
        creatures(&[("bugbear-warrior", 1)]),
        creatures(&[("giant-wasp", 2)]),
        creatures(&[("giant-rat", 6)]),
    ] {
        let r = rate(rules, &one, &e).expect("rate");
        assert!(
            r.total_xp <= 200 && r.rating == Rating::Low,
            "{e:?}: {}",
            r.total_xp
        );
    }
    // Example 2: five level 3 characters, moderate, 1,125 XP.
    let three = [3; 5];
    assert_eq!(party_budget(&three).expect("b").moderate, 1_125);
    let r = rate(rules, &three, &creatures(&[("druid", 2), ("stirge", 9)])).expect("rate");
    assert_eq!((r.total_xp, r.rating), (1_125, Rating::Moderate));
    let r = rate(
        rules,
        &three,
        &creatures(&[("wight", 1), ("warhorse-skeleton", 1), ("skeleton", 6)]),
    )
    .expect("rate");
    assert_eq!(r.total_xp, 1_100);
    // Example 3: six level 15 characters, high, 46,800 XP.
    let fifteen = [15; 6];
    assert_eq!(party_budget(&fifteen).expect("b").high, 46_800);
    let r = rate(
        rules,
        &fifteen,
        &creatures(&[("adult-red-dragon", 2), ("fire-giant", 2)]),
    )
    .expect("rate");
    assert_eq!((r.total_xp, r.rating), (46_000, Rating::High));
}

#[test]
fn building_spends_the_budget_without_going_over() {
    let rules = Rules::srd();
    let party = [5, 5, 5, 5];
    for d in [Difficulty::Low, Difficulty::Moderate, Difficulty::High] {
        let r = build(rules, &party, d, &Filter::default()).expect("builds");
        let budget = party_budget(&party).expect("b").of(d);
        assert!(r.total_xp <= budget);
        assert!(
            r.total_xp * 10 >= budget * 9,
            "{d:?}: {} of {budget}",
            r.total_xp
        );
        assert!(r.creatures <= 8);
        assert_eq!(r.unspent, Some(budget - r.total_xp));
        assert!(
            r.rating
                <= match d {
                    Difficulty::Low => Rating::Low,
                    Difficulty::Moderate => Rating::Moderate,
                    Difficulty::High => Rating::High,
                }
        );
    }
    // Filters: undead of CR 1/4 to 3 only.
    let f = Filter {
        types: vec!["undead".into()],
        cr_min: Some("1/4".into()),
        cr_max: Some("3".into()),
        ..Default::default()
    };
    let r = build(rules, &party, Difficulty::Moderate, &f).expect("builds");
    for g in &r.groups {
        let c = rules.creatures.get(&g.creature).expect("known");
        assert_eq!(c.creature_type, "undead");
        let v = dnd_core::campaign::encounters::cr_value(&c.cr).expect("cr");
        assert!((0.25..=3.0).contains(&v));
    }
    assert!(r.total_xp <= 3_000);
    // Same input, same encounter; another seed may pick another creature of equal XP.
    assert_eq!(
        r,
        build(rules, &party, Difficulty::Moderate, &f).expect("again")
    );
    // No environments in the SRD pack: refused with the filters that exist.
    let e = build(
        rules,
        &party,
        Difficulty::Low,
        &Filter {
            environments: vec!["swamp".into()],
            ..Default::default()
        },
    )
    .expect_err("no environments");
    assert_eq!(e.path(), Some("environments"));
    // Nothing fits.
    let e = build(
        rules,
        &[1],
        Difficulty::Low,
        &Filter {
            types: vec!["dragon".into()],
            cr_min: Some("10".into()),
            ..Default::default()
        },
    )
    .expect_err("no fit");
    assert_eq!(e.code(), "campaign.encounter.no_fit");
    assert!(rate(rules, &party, &creatures(&[("trol", 1)])).is_err());
    assert!(party_budget(&[]).is_err());
    assert!(party_budget(&[5; 9]).is_err());
}
