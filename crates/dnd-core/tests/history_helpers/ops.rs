//! Restore, cherry-pick and revert round trips; fast-forward and no-op merges; stale heads;
//! tampered commits; log pages and the state at a time.

use dnd_core::Error;
use dnd_core::history::{
    CommitKind, Graph, MemoryGraph, Merged, Page, cherry_pick, log, merge, restore, revert,
    state_at,
};

use super::{commit, example, hurt, meta, no_res, rules};

#[test]
fn restore_puts_an_old_version_on_top_as_a_new_commit() {
    let mut g = MemoryGraph::default();
    let v1 = example("fighter-1");
    let c1 = commit(&mut g, "main", &v1, 1);
    let c2 = commit(&mut g, "main", &hurt(&v1, 4), 2);
    let r = restore(&mut g, "main", &c1, &meta(3)).expect("restores");
    assert_eq!(r.body.kind, CommitKind::Restore);
    assert_eq!(r.body.parents, vec![c2]);
    assert_eq!(g.object(&r.body.object).expect("object"), v1);
    assert_eq!(log(&g, "main", Page::default()).expect("log").len(), 3);
}

#[test]
fn cherry_pick_applies_one_commit_and_revert_undoes_it() {
    let mut g = MemoryGraph::default();
    let base = example("fighter-1");
    let c0 = commit(&mut g, "main", &base, 1);
    g.create_branch("side", &c0).expect("branch");
    let mut xp = base.clone();
    xp.details.xp = 100;
    commit(&mut g, "side", &xp, 2);
    let mut scared = xp.clone();
    scared.state.conditions.push("frightened".into());
    let pick = commit(&mut g, "side", &scared, 3);
    let mut named = base.clone();
    named.details.backstory = "A soldier.".into();
    let main_head = commit(&mut g, "main", &named, 4);

    let c = cherry_pick(rules(), &mut g, "main", &pick, &no_res(), &meta(5)).expect("picks");
    assert_eq!(c.body.kind, CommitKind::CherryPick);
    assert_eq!(c.body.parents, vec![main_head]);
    let picked = g.object(&c.body.object).expect("object");
    assert_eq!(picked.state.conditions, ["frightened"]);
    assert_eq!(picked.details.xp, 0, "only the picked commit's change");
    assert_eq!(picked.details.backstory, "A soldier.");

    let r = revert(rules(), &mut g, "main", &c.id, &no_res(), &meta(6)).expect("reverts");
    assert_eq!(r.body.kind, CommitKind::Revert);
    assert_eq!(r.body.parents, vec![c.id.clone()]);
    assert_eq!(g.object(&r.body.object).expect("object"), named);

    // A first commit has no parent to compare with; the graph is unchanged.
    let before = g.clone();
    let e = revert(rules(), &mut g, "main", &c0, &no_res(), &meta(7)).expect_err("no parent");
    assert_eq!(e.code(), "invalid_input.value");
    assert_eq!(g, before);
}

#[test]
fn a_stale_expected_head_is_a_head_conflict_and_writes_nothing() {
    let mut g = MemoryGraph::default();
    let ch = example("fighter-1");
    let c1 = commit(&mut g, "main", &ch, 1);
    commit(&mut g, "main", &hurt(&ch, 1), 2);
    let before = g.clone();
    let e = g
        .commit_on(
            "main",
            Some(&c1),
            &hurt(&ch, 3),
            CommitKind::Commit,
            &[],
            &meta(3),
        )
        .expect_err("stale");
    assert!(matches!(e, Error::HeadConflict { .. }), "{e:?}");
    assert_eq!(g, before);
}

#[test]
fn a_tampered_commit_is_detected_on_read() {
    let mut g = MemoryGraph::default();
    let ch = example("fighter-1");
    let c1 = commit(&mut g, "main", &ch, 1);
    let c2 = commit(&mut g, "main", &hurt(&ch, 1), 2);
    if let Some(c) = g.commits.get_mut(&c1) {
        c.body.message = "rewritten".into();
    }
    assert_eq!(
        g.commit(&c1).expect_err("tampered").code(),
        "history.tampered"
    );
    assert_eq!(
        log(&g, &c2, Page::default()).expect_err("tampered").code(),
        "history.tampered"
    );
}

#[test]
fn merging_an_ancestor_is_a_no_op_and_a_behind_branch_fast_forwards() {
    let mut g = MemoryGraph::default();
    let ch = example("fighter-1");
    let c0 = commit(&mut g, "main", &ch, 1);
    g.create_branch("old", &c0).expect("branch");
    let c1 = commit(&mut g, "main", &hurt(&ch, 2), 2);
    let before = g.clone();
    let same = merge(rules(), &mut g, "main", "old", &no_res(), false, &meta(3)).expect("no-op");
    assert_eq!(same.id, c1);
    assert_eq!(g, before);
    let ff = merge(rules(), &mut g, "old", "main", &no_res(), false, &meta(3)).expect("ff");
    assert_eq!(ff.id, c1);
    assert_eq!(g.branches["old"], c1);
    assert_eq!(g.commits.len(), 2, "no commit for a fast-forward");
}

#[test]
fn a_merge_with_validation_errors_is_refused_unless_forced() {
    let mut g = MemoryGraph::default();
    let ch = example("fighter-1");
    let c0 = commit(&mut g, "main", &ch, 1);
    g.create_branch("side", &c0).expect("branch");
    let mut broken = ch.clone();
    broken.abilities.base.str = 17; // not a standard-array score
    commit(&mut g, "side", &broken, 2);
    commit(&mut g, "main", &hurt(&ch, 1), 3);
    let before = g.clone();
    let e =
        merge(rules(), &mut g, "main", "side", &no_res(), false, &meta(4)).expect_err("refused");
    assert!(matches!(e, Error::Refused { .. }), "{e:?}");
    assert_eq!(g, before);
    let c = merge(rules(), &mut g, "main", "side", &no_res(), true, &meta(4)).expect("forced");
    assert_eq!(c.body.parents.len(), 2);
}

#[test]
fn log_pages_and_state_at_a_time() {
    let mut g = MemoryGraph::default();
    let ch = example("fighter-1");
    let ids: Vec<String> = (1..=5)
        .map(|i| commit(&mut g, "main", &hurt(&ch, i as u32), i * 10))
        .collect();
    let page = log(
        &g,
        "main",
        Page {
            offset: 1,
            limit: 2,
        },
    )
    .expect("log");
    let got: Vec<&str> = page.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(got, [ids[3].as_str(), ids[2].as_str()]);
    let at = state_at(&g, "main", 35).expect("state").expect("some");
    assert_eq!(at.id, ids[2]);
    assert_eq!(state_at(&g, "main", 5).expect("state"), None);
    assert_eq!(
        state_at(&g, "main", 99).expect("state").map(|c| c.id),
        Some(ids[4].clone())
    );
}

#[test]
fn merged_and_page_round_trip_through_json_and_have_schemas() {
    let ch = example("fighter-1");
    let m: Merged =
        dnd_core::history::merge3(rules(), &ch, &ch, &hurt(&ch, 1), &no_res()).expect("merges");
    let text = serde_json::to_string(&m).expect("serializes");
    assert_eq!(serde_json::from_str::<Merged>(&text).expect("parses"), m);
    let p: Page = serde_json::from_str(r#"{"offset": 3}"#).expect("page");
    assert_eq!(
        p,
        Page {
            offset: 3,
            limit: 50
        }
    );
    let _ = schemars::schema_for!(Merged);
    let _ = schemars::schema_for!(Page);
}
