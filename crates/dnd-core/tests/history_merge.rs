//! Three-way merges with field rules, and the history operations built on them: merge base,
//! log, state at a time, merge (with fast-forward and no-op), restore, cherry-pick, revert.

mod history_helpers;

use std::collections::BTreeMap;

use dnd_core::Error;
use dnd_core::derive::derive;
use dnd_core::history::{
    CommitKind, Conflict, MemoryGraph, Merged, Page, Resolution, log, merge, merge_base, merge3,
};
use dnd_core::model::Character;
use history_helpers::{commit, example, hurt, level_one, meta, no_res, rules, up_to};
use serde_json::json;

fn m3(base: &Character, ours: &Character, theirs: &Character) -> Merged {
    merge3(rules(), base, ours, theirs, &no_res()).expect("merges")
}

#[test]
fn level_5_plan_merges_into_main_with_the_lower_hp_and_both_xp_gains() {
    let mut g = MemoryGraph::default();
    let start = level_one();
    let c0 = commit(&mut g, "main", &start, 1);
    g.create_branch("level-5-plan", &c0).expect("branch");

    let mut planned = up_to(&start, 5);
    commit(&mut g, "level-5-plan", &planned, 2);
    planned.details.xp += 200;
    let plan_head = commit(&mut g, "level-5-plan", &planned, 3);

    let mut played = hurt(&start, 5);
    let hurt_hp = played.state.hp.expect("damaged");
    commit(&mut g, "main", &played, 4);
    played.details.xp += 300;
    let main_head = commit(&mut g, "main", &played, 5);

    let m = merge(
        rules(),
        &mut g,
        "main",
        "level-5-plan",
        &no_res(),
        false,
        &meta(6),
    )
    .expect("merges");
    assert_eq!(m.body.kind, CommitKind::Merge);
    assert_eq!(m.body.parents, vec![main_head, plan_head.clone()]);
    assert_eq!(g.branches["main"], m.id);

    let ch = g.objects[&m.body.object].clone();
    assert_eq!(ch.levels.len(), 5);
    assert_eq!(ch.details.xp, start.details.xp + 500);
    let max = derive(rules(), &ch).expect("derives").hit_points.max;
    assert_eq!(ch.state.hp, Some(hurt_hp), "the damage taken on main stays");
    assert!(hurt_hp < max, "{hurt_hp} of {max}");

    let entries = log(&g, "main", Page::default()).expect("log");
    assert_eq!(entries[0].id, m.id);
    assert_eq!(
        entries.len(),
        6,
        "merge, 2 on main, 2 on the plan, the start"
    );
    let order: Vec<i64> = entries.iter().map(|c| c.body.timestamp).collect();
    assert_eq!(
        order,
        [6, 5, 4, 1, 3, 2],
        "first-parent chain, then the plan's commits"
    );
    assert_eq!(entries[3].id, c0);
    assert_eq!(entries[4].id, plan_head);
}

#[test]
fn both_sides_changing_one_score_conflict_and_each_resolution_settles_it() {
    let base = example("fighter-1");
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.abilities.base.str = 14;
    theirs.abilities.base.str = 13;
    theirs.name = "Bren the Bold".into();
    let m = m3(&base, &ours, &theirs);
    let want = Conflict {
        path: "/abilities/base/str".into(),
        base: Some(json!(15)),
        ours: Some(json!(14)),
        theirs: Some(json!(13)),
    };
    assert_eq!(m.conflicts, vec![want.clone()]);
    assert_eq!(
        m.character.abilities.base.str, 15,
        "unresolved keeps the base"
    );

    let mut g = MemoryGraph::default();
    let c0 = commit(&mut g, "main", &base, 1);
    g.create_branch("side", &c0).expect("branch");
    commit(&mut g, "main", &ours, 2);
    commit(&mut g, "side", &theirs, 3);
    let before = g.clone();
    match merge(rules(), &mut g, "main", "side", &no_res(), true, &meta(4)) {
        Err(Error::MergeConflicts { conflicts }) => assert_eq!(conflicts, vec![want.clone()]),
        other => panic!("expected conflicts, got {other:?}"),
    }
    assert_eq!(g, before, "nothing written");

    for (r, score) in [
        (Resolution::Ours, 14),
        (Resolution::Theirs, 13),
        (Resolution::Value(Some(json!(12))), 12),
    ] {
        let res = BTreeMap::from([("/abilities/base/str".to_string(), r)]);
        let m = merge3(rules(), &base, &ours, &theirs, &res).expect("merges");
        assert!(m.conflicts.is_empty());
        assert_eq!(m.resolved, vec![want.clone()]);
        assert_eq!(m.character.abilities.base.str, score);
        assert_eq!(m.character.name, "Bren the Bold");
        let mut g2 = before.clone();
        let c = merge(rules(), &mut g2, "main", "side", &res, true, &meta(4)).expect("merge");
        assert_eq!(g2.objects[&c.body.object].abilities.base.str, score);
    }
}

#[test]
fn a_resolution_for_a_path_that_is_not_a_conflict_is_an_error() {
    let base = example("fighter-1");
    let mut ours = base.clone();
    ours.abilities.base.str = 14;
    let mut theirs = base.clone();
    theirs.name = "Other".into();
    let res = BTreeMap::from([("/name".to_string(), Resolution::Ours)]);
    let e = merge3(rules(), &base, &ours, &theirs, &res).expect_err("refused");
    assert!(
        matches!(e, Error::InvalidValue { ref path, .. } if path == "/name"),
        "{e:?}"
    );
}

#[test]
fn a_resolution_that_breaks_the_file_becomes_a_root_conflict() {
    let base = example("fighter-1");
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.abilities.base.str = 14;
    theirs.abilities.base.str = 13;
    let res = BTreeMap::from([(
        "/abilities/base/str".to_string(),
        Resolution::Value(Some(json!("strong"))),
    )]);
    let m = merge3(rules(), &base, &ours, &theirs, &res).expect("merges");
    assert_eq!(m.conflicts.len(), 1);
    assert_eq!(m.conflicts[0].path, "");
    assert_eq!(m.character, base);
}

#[test]
fn current_hp_takes_the_lower_and_temp_hp_the_higher() {
    let base = example("fighter-1");
    let (ours, theirs) = (hurt(&base, 3), hurt(&base, 7));
    let m = m3(&base, &ours, &theirs);
    assert_eq!(m.character.state.hp, theirs.state.hp);
    assert_eq!(
        m3(&base, &theirs, &ours).character.state.hp,
        theirs.state.hp
    );

    // Absent means at maximum: healed to full on one side, hurt on the other.
    let hurt_base = hurt(&base, 5);
    let mut full = hurt_base.clone();
    full.state.hp = None;
    let worse = hurt(&hurt_base, 2);
    assert_eq!(
        m3(&hurt_base, &full, &worse).character.state.hp,
        worse.state.hp
    );

    let (mut a, mut b) = (base.clone(), base.clone());
    a.state.temp_hp = 4;
    b.state.temp_hp = 9;
    assert_eq!(m3(&base, &a, &b).character.state.temp_hp, 9);
    assert_eq!(m3(&base, &b, &a).character.state.temp_hp, 9);
}

#[test]
fn conditions_are_a_union_and_removals_stand() {
    let mut base = example("fighter-1");
    base.state.conditions = vec!["poisoned".into(), "prone".into()];
    let (mut a, mut b) = (base.clone(), base.clone());
    a.state.conditions = vec!["poisoned".into(), "frightened".into()]; // stood up, got scared
    b.state.conditions = vec!["poisoned".into(), "prone".into(), "blinded".into()];
    let want: Vec<String> = vec!["poisoned".into(), "blinded".into(), "frightened".into()];
    assert_eq!(m3(&base, &a, &b).character.state.conditions, want);
    assert_eq!(m3(&base, &b, &a).character.state.conditions, want);
}

#[test]
fn inventory_is_a_union_by_key_with_the_higher_quantity() {
    let base = example("fighter-1");
    let (mut a, mut b) = (base.clone(), base.clone());
    fn javelins(c: &mut Character) -> Option<&mut u32> {
        c.inventory
            .items
            .iter_mut()
            .find(|i| i.item == "javelin")
            .map(|i| &mut i.quantity)
    }
    *javelins(&mut a).expect("javelins") = 5;
    *javelins(&mut b).expect("javelins") = 6;
    a.inventory.items.retain(|i| i.item != "flail"); // sold on one side, untouched on the other
    let mut torch = base.inventory.items[2].clone();
    torch.item = "torch".into();
    a.inventory.items.push(torch.clone());
    let mut rope = torch.clone();
    rope.item = "rope-hempen".into();
    b.inventory.items.push(rope);
    let m = m3(&base, &a, &b);
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    let keys: Vec<&str> = m
        .character
        .inventory
        .items
        .iter()
        .map(|i| i.instance_key())
        .collect();
    assert_eq!(
        keys,
        [
            "chain-mail",
            "greatsword",
            "javelin",
            "dungeoneers-pack",
            "rope-hempen",
            "torch"
        ]
    );
    let mut m2 = m.character.clone();
    assert_eq!(javelins(&mut m2).copied(), Some(6));
    assert_eq!(m3(&base, &b, &a).character, m.character);

    // Removed on one side, changed on the other: a conflict at the item's key.
    let mut c = base.clone();
    c.inventory.items.retain(|i| i.item != "greatsword");
    c.name = "Bren".into();
    let mut d = base.clone();
    d.inventory.items[1].equipped = false;
    let m = m3(&base, &c, &d);
    let paths: Vec<&str> = m.conflicts.iter().map(|c| c.path.as_str()).collect();
    assert_eq!(paths, ["/inventory/items/greatsword"]);
    assert_eq!(m.conflicts[0].ours, None);
}

#[test]
fn spent_resources_take_the_higher_and_xp_adds_both_gains() {
    let mut base = example("cleric-5");
    base.state.slots_spent = [1, 0, 0, 0, 0, 0, 0, 0, 0];
    base.details.xp = 6500;
    let (mut a, mut b) = (base.clone(), base.clone());
    a.state.slots_spent = [2, 1, 0, 0, 0, 0, 0, 0, 0];
    b.state.slots_spent = [3, 0, 1, 0, 0, 0, 0, 0, 0];
    a.state.counters_spent.insert("channel-divinity".into(), 1);
    b.state.counters_spent.insert("channel-divinity".into(), 2);
    a.details.xp = 6600;
    b.details.xp = 6750;
    for m in [m3(&base, &a, &b), m3(&base, &b, &a)] {
        let s = &m.character.state;
        assert_eq!(s.slots_spent, [3, 1, 1, 0, 0, 0, 0, 0, 0]);
        assert_eq!(s.counters_spent["channel-divinity"], 2);
        assert_eq!(m.character.details.xp, 6500 + 100 + 250);
        assert!(m.conflicts.is_empty());
    }
}

#[test]
fn levels_from_one_side_are_taken_and_two_different_plans_conflict() {
    let base = level_one();
    let five = up_to(&base, 5);
    let mut hurt_base = hurt(&base, 2);
    hurt_base.name = "Renamed".into();
    let m = m3(&base, &hurt_base, &five);
    assert_eq!(m.character.levels.len(), 5);
    assert!(m.conflicts.is_empty());

    let mut other = up_to(&base, 2);
    other.levels[1].hp_roll = Some(1);
    let m = m3(&base, &five, &other);
    let paths: Vec<&str> = m.conflicts.iter().map(|c| c.path.as_str()).collect();
    assert_eq!(paths, ["/levels"]);
}

#[test]
fn merge_base_of_unrelated_histories_is_none_and_of_a_fork_is_the_fork() {
    let mut g = MemoryGraph::default();
    let ch = example("fighter-1");
    let c0 = commit(&mut g, "main", &ch, 1);
    let other = commit(&mut g, "other", &example("wizard-1"), 2);
    assert_eq!(merge_base(&g, "main", "other").expect("base"), None);
    g.create_branch("side", &c0).expect("branch");
    commit(&mut g, "side", &hurt(&ch, 1), 3);
    commit(&mut g, "main", &hurt(&ch, 2), 4);
    assert_eq!(merge_base(&g, "main", "side").expect("base"), Some(c0));
    let e =
        merge(rules(), &mut g, "main", &other, &no_res(), false, &meta(5)).expect_err("unrelated");
    assert_eq!(e.code(), "invalid_input.value");
}
