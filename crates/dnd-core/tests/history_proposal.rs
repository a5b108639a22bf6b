//! DM approvals: critical changes on a shared branch wait as proposals; approve, reject, stale
//! proposals and rebase; the profile's `critical` rules.

use std::collections::BTreeMap;

use dnd_core::Error;
use dnd_core::build::{LevelUp, level_up};
use dnd_core::history::{
    Category, CommitKind, CommitMeta, CriticalRules, Graph, MemoryGraph, Proposal, ProposalStatus,
    Resolution, Submitted, approve, diff, is_stale, rebase, reject, submit,
};
use dnd_core::model::{Character, CustomItem};
use dnd_core::play::health::{Damage, damage};
use dnd_core::play::inventory::{Give, give, take};
use dnd_core::rules::Rules;
use dnd_core::validate::Profile;

fn rules() -> &'static Rules {
    Rules::srd()
}

fn fighter() -> Character {
    let path = format!(
        "{}/../../examples/characters/fighter-1.json",
        env!("CARGO_MANIFEST_DIR")
    );
    Character::from_json(&std::fs::read_to_string(path).expect("example")).expect("parses")
}

fn meta(author: &str, timestamp: i64) -> CommitMeta {
    CommitMeta {
        author: author.into(),
        timestamp,
        ..Default::default()
    }
}

fn hurt(ch: &Character, amount: u32) -> Character {
    damage(rules(), ch, amount, Damage::default())
        .expect("damage")
        .character
}

fn levelled(ch: &Character) -> Character {
    let req = LevelUp {
        class: ch.levels[0].class.clone(),
        ..Default::default()
    };
    level_up(rules(), ch, &req).expect("levels up").character
}

fn taken(ch: &Character, item: &str, quantity: u32) -> Character {
    take(rules(), ch, item, quantity).expect("takes").character
}

/// A graph with the fighter as the first commit of `party`; returns it and the head.
fn start() -> (MemoryGraph, String) {
    let mut g = MemoryGraph::default();
    let c = g
        .commit_on(
            "party",
            None,
            &fighter(),
            CommitKind::Commit,
            &[],
            &meta("dm", 1),
        )
        .expect("first commit");
    (g, c.id)
}

fn head(g: &MemoryGraph) -> String {
    g.head("party").expect("head").expect("exists")
}

/// Submits `ch` on `party` at its head with `rules`, shared.
fn send(rules: &CriticalRules, g: &mut MemoryGraph, ch: &Character, shared: bool) -> Submitted {
    let h = head(g);
    submit(
        rules,
        g,
        "party",
        Some(&h),
        ch,
        shared,
        "play",
        &meta("ana", 2),
    )
    .expect("submits")
}

/// Submits `ch` and expects a proposal; the graph must be unchanged.
fn propose(rules: &CriticalRules, g: &mut MemoryGraph, ch: &Character) -> Proposal {
    let before = g.clone();
    match send(rules, g, ch, true) {
        Submitted::Proposed { proposal } => {
            assert_eq!(*g, before, "a proposal commits nothing");
            *proposal
        }
        Submitted::Committed { commit } => panic!("committed {commit:?}, expected a proposal"),
    }
}

fn committed(s: Submitted) -> dnd_core::history::Commit {
    match s {
        Submitted::Committed { commit } => commit,
        Submitted::Proposed { proposal } => panic!("proposed {:?}", proposal.critical),
    }
}

fn paths(p: &Proposal) -> Vec<&str> {
    p.critical.iter().map(|c| c.path.as_str()).collect()
}

fn code(e: &Error) -> &str {
    e.code()
}

#[test]
fn damage_xp_and_new_catalog_items_on_a_shared_branch_commit_directly() {
    let (mut g, c0) = start();
    let r = CriticalRules::default();
    let mut ch = hurt(&fighter(), 3);
    ch.details.xp = 250;
    let c = committed(send(&r, &mut g, &ch, true));
    assert_eq!(c.body.parents, vec![c0]);
    assert_eq!(c.body.kind, CommitKind::Commit);
    assert_eq!(c.body.message, "play", "the reason is the message");
    assert_eq!(g.object(&c.body.object).expect("object"), ch);

    let more = give(rules(), &ch, "javelin", Give::default())
        .expect("gives")
        .character;
    let rope = give(rules(), &more, "rope", Give::default())
        .expect("gives")
        .character;
    committed(send(&r, &mut g, &rope, true));
}

#[test]
fn a_moved_item_is_not_a_removal() {
    let (mut g, _) = start();
    let mut ch = fighter();
    let flail = ch.inventory.items.remove(2);
    ch.inventory.items.push(flail);
    let d = diff(&fighter(), &ch).expect("diff");
    assert!(
        d.changes.iter().any(|c| c.new.is_none()),
        "shown as a removal"
    );
    assert!(CriticalRules::default().critical(&d).is_empty());
    committed(send(&CriticalRules::default(), &mut g, &ch, true));

    // Moved and lowered is a removal.
    let mut fewer = fighter();
    let mut javelins = fewer.inventory.items.remove(3);
    javelins.quantity = 5;
    fewer.inventory.items.push(javelins);
    let p = propose(&CriticalRules::default(), &mut g, &fewer);
    assert_eq!(p.critical.len(), 2, "{:?}", p.critical);
}

#[test]
fn critical_changes_become_pending_proposals() {
    let r = CriticalRules::default();
    let (mut g, c0) = start();

    let mut stronger = fighter();
    stronger.abilities.base.str += 1;
    let p = propose(&r, &mut g, &stronger);
    assert_eq!(p.status, ProposalStatus::Pending);
    assert_eq!(p.base, c0);
    assert_eq!(p.branch, "party");
    assert_eq!(p.author, "ana");
    assert_eq!(p.character, stronger);
    assert_eq!(paths(&p), ["/abilities/base/str"]);
    assert_eq!(p.critical[0].category, Category::AbilityScore);
    assert!(p.id.starts_with("pr_"));

    let p = propose(&r, &mut g, &levelled(&fighter()));
    assert!(
        p.critical.iter().all(|c| c.category == Category::Level) && !p.critical.is_empty(),
        "{:?}",
        p.critical
    );

    // Taking every flail removes the entry; taking 3 of 8 javelins lowers the quantity.
    let p = propose(&r, &mut g, &taken(&fighter(), "flail", 1));
    assert_eq!(paths(&p), ["/inventory/items/2"]);
    assert!(p.critical[0].new.is_none());
    let p = propose(&r, &mut g, &taken(&fighter(), "javelin", 3));
    assert_eq!(paths(&p), ["/inventory/items/3/quantity"]);

    let custom = Give {
        custom: Some(CustomItem {
            weight_lb: 3.0,
            cost_gp: 500.0,
            requires_attunement: true,
        }),
        ..Give::default()
    };
    let relic = give(rules(), &fighter(), "ancestral-blade", custom)
        .expect("gives")
        .character;
    let p = propose(&r, &mut g, &relic);
    assert_eq!(paths(&p), ["/inventory/items/5"]);

    // Changing a custom item's facts is critical too.
    let c = committed(send(&r, &mut g, &relic, false));
    let mut heavier = relic.clone();
    heavier.inventory.items[5]
        .custom
        .as_mut()
        .expect("custom")
        .weight_lb = 4.0;
    let p = propose(&r, &mut g, &heavier);
    assert_eq!(p.base, c.id);
    assert_eq!(paths(&p), ["/inventory/items/5/custom/weight_lb"]);

    // Turning an entry into another item is a removal.
    let mut swapped = relic.clone();
    swapped.inventory.items[2].key = Some("flail".into());
    committed(send(&r, &mut g, &swapped, false));
    let mut other = swapped.clone();
    other.inventory.items[2].item = "mace".into();
    let p = propose(&r, &mut g, &other);
    assert_eq!(paths(&p), ["/inventory/items/2/item"]);
}

#[test]
fn approve_commits_on_the_base_and_records_the_dm_and_note() {
    let (mut g, c0) = start();
    let mut p = propose(&CriticalRules::default(), &mut g, &levelled(&fighter()));
    let c = approve(&mut g, &mut p, "dm-kim", "earned it", &meta("dm-kim", 5)).expect("approves");
    assert_eq!(c.body.kind, CommitKind::Approval);
    assert_eq!(c.body.parents, vec![c0]);
    assert_eq!(head(&g), c.id);
    assert_eq!(c.body.object, p.object);
    assert_eq!(g.object(&c.body.object).expect("object"), p.character);
    assert_eq!(c.body.provenance["approved_by"], "dm-kim");
    assert_eq!(c.body.provenance["proposed_by"], "ana");
    assert_eq!(c.body.provenance["proposal"], p.id);
    assert!(c.body.message.contains("earned it"), "{}", c.body.message);
    assert_eq!(
        p.status,
        ProposalStatus::Approved {
            by: "dm-kim".into(),
            note: "earned it".into(),
            at: 5,
            commit: c.id.clone(),
        }
    );

    // Closed: approving again, rejecting, rebasing are refused and change nothing.
    let (gb, pb) = (g.clone(), p.clone());
    let e = approve(&mut g, &mut p, "dm-kim", "again", &meta("dm-kim", 6)).expect_err("closed");
    assert_eq!(code(&e), "history.proposal.closed");
    assert_eq!(
        code(&reject(&mut p, "dm-kim", "no", 7).expect_err("closed")),
        "history.proposal.closed"
    );
    let e = rebase(
        rules(),
        &CriticalRules::default(),
        &g,
        &mut p,
        &BTreeMap::new(),
    );
    assert_eq!(code(&e.expect_err("closed")), "history.proposal.closed");
    assert_eq!((g, p), (gb, pb));
}

#[test]
fn reject_records_the_note_and_commits_nothing() {
    let (mut g, _) = start();
    let mut stronger = fighter();
    stronger.abilities.base.con = 20;
    let mut p = propose(&CriticalRules::default(), &mut g, &stronger);
    let before = g.clone();
    reject(&mut p, "dm-kim", "rolled in secret", 9).expect("rejects");
    assert_eq!(
        p.status,
        ProposalStatus::Rejected {
            by: "dm-kim".into(),
            note: "rolled in secret".into(),
            at: 9,
        }
    );
    assert_eq!(g, before);
    let e = approve(&mut g, &mut p, "dm-kim", "ok then", &meta("dm-kim", 10)).expect_err("closed");
    assert_eq!(code(&e), "history.proposal.closed");
    assert_eq!(g, before);
}

#[test]
fn approval_needs_a_dm_and_an_intact_proposal() {
    let (mut g, _) = start();
    let mut p = propose(&CriticalRules::default(), &mut g, &levelled(&fighter()));
    let before = (g.clone(), p.clone());
    let e = approve(&mut g, &mut p, " ", "", &meta("x", 3)).expect_err("no dm");
    assert_eq!(code(&e), "invalid_input.value");
    p.character.abilities.base.str = 20;
    let e = approve(&mut g, &mut p, "dm", "", &meta("dm", 3)).expect_err("tampered");
    assert_eq!(code(&e), "history.tampered");
    assert_eq!(g, before.0);
}

#[test]
fn a_stale_proposal_is_refused_until_rebased_and_the_rebase_keeps_both_sides() {
    let r = CriticalRules::default();
    let (mut g, _) = start();
    let mut p = propose(&r, &mut g, &levelled(&fighter()));
    assert!(!is_stale(&g, &p).expect("stale?"));

    // Meanwhile the table plays on: damage and XP on the branch.
    let mut played = hurt(&fighter(), 4);
    played.details.xp = 300;
    let moved = committed(send(&r, &mut g, &played, true));
    assert!(is_stale(&g, &p).expect("stale?"));
    let before = (g.clone(), p.clone());
    let e = approve(&mut g, &mut p, "dm", "", &meta("dm", 5)).expect_err("stale");
    assert_eq!(code(&e), "history.proposal.stale");
    assert!(matches!(e, Error::Refused { ref alternatives, .. } if !alternatives.is_empty()));
    assert_eq!((g.clone(), p.clone()), before);

    rebase(rules(), &r, &g, &mut p, &BTreeMap::new()).expect("rebases");
    assert!(!is_stale(&g, &p).expect("stale?"));
    assert_eq!(p.base, moved.id);
    assert_eq!(p.character.levels.len(), 2, "the proposal's level");
    assert_eq!(p.character.state.hp, played.state.hp, "the branch's damage");
    assert_eq!(p.character.details.xp, 300, "the branch's XP");
    assert_eq!(p.diff, diff(&played, &p.character).expect("diff"));
    assert!(!p.critical.is_empty());
    assert!(p.critical.iter().all(|c| c.category == Category::Level));
    assert_eq!(p.status, ProposalStatus::Pending);

    let c = approve(&mut g, &mut p, "dm", "fine", &meta("dm", 6)).expect("approves");
    assert_eq!(c.body.parents, vec![moved.id]);
    assert_eq!(g.object(&c.body.object).expect("object"), p.character);

    // Rebasing a current proposal is a no-op (and takes no resolutions).
    let (mut g2, _) = start();
    let mut q = propose(&r, &mut g2, &levelled(&fighter()));
    let same = q.clone();
    rebase(rules(), &r, &g2, &mut q, &BTreeMap::new()).expect("no-op");
    assert_eq!(q, same);
    let res = BTreeMap::from([("/abilities/base/str".to_string(), Resolution::Ours)]);
    let e = rebase(rules(), &r, &g2, &mut q, &res).expect_err("nothing to resolve");
    assert_eq!(code(&e), "invalid_input.value");
    assert_eq!(q, same);
}

#[test]
fn a_rebase_with_conflicts_leaves_the_proposal_unchanged_until_resolved() {
    let r = CriticalRules::default();
    let (mut g, _) = start();
    let mut proposed = fighter();
    proposed.abilities.base.str = 17;
    let mut p = propose(&r, &mut g, &proposed);
    let mut elsewhere = fighter();
    elsewhere.abilities.base.str = 12;
    committed(send(&r, &mut g, &elsewhere, false));

    let before = p.clone();
    let e = rebase(rules(), &r, &g, &mut p, &BTreeMap::new()).expect_err("conflicts");
    let Error::MergeConflicts { conflicts } = &e else {
        panic!("{e:?}")
    };
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].path, "/abilities/base/str");
    assert_eq!(p, before);

    let res = BTreeMap::from([("/abilities/base/str".to_string(), Resolution::Theirs)]);
    rebase(rules(), &r, &g, &mut p, &res).expect("resolved");
    assert_eq!(p.character.abilities.base.str, 17, "theirs is the proposal");
    assert_eq!(paths(&p), ["/abilities/base/str"]);
    approve(&mut g, &mut p, "dm", "", &meta("dm", 8)).expect("approves");
}

#[test]
fn a_private_branch_commits_critical_changes_directly() {
    let (mut g, c0) = start();
    let ch = levelled(&taken(&fighter(), "flail", 1));
    let c = committed(send(&CriticalRules::default(), &mut g, &ch, false));
    assert_eq!(c.body.parents, vec![c0]);
    assert_eq!(c.body.kind, CommitKind::Commit);
}

#[test]
fn a_stale_head_is_a_conflict_even_for_a_critical_change() {
    let (mut g, c0) = start();
    committed(send(
        &CriticalRules::default(),
        &mut g,
        &hurt(&fighter(), 2),
        true,
    ));
    let before = g.clone();
    let mut stronger = fighter();
    stronger.abilities.base.str = 18;
    for ch in [&stronger, &hurt(&fighter(), 1)] {
        let e = submit(
            &CriticalRules::default(),
            &mut g,
            "party",
            Some(&c0),
            ch,
            true,
            "old head",
            &meta("ana", 3),
        )
        .expect_err("stale head");
        assert_eq!(code(&e), "conflict.head");
        assert_eq!(g, before);
    }
}

#[test]
fn the_profile_decides_what_is_critical() {
    let default = Profile::from_json("{}").expect("parses");
    assert_eq!(default.critical, CriticalRules::default());
    let serialized = serde_json::to_string(&default).expect("serializes");
    assert!(!serialized.contains("critical"), "defaults are not written");

    // Removals allowed: taking the flail commits on a shared branch; an ability score still waits.
    let lenient = Profile::from_json(r#"{"critical": {"removing_items": false}}"#).expect("parses");
    assert!(lenient.critical.ability_scores && !lenient.critical.removing_items);
    let (mut g, _) = start();
    let fewer = taken(&fighter(), "flail", 1);
    committed(send(&lenient.critical, &mut g, &fewer, true));
    let mut stronger = fewer.clone();
    stronger.abilities.base.dex += 1;
    propose(&lenient.critical, &mut g, &stronger);

    // Extra paths: exhaustion waits for the DM; a path is matched by whole segments.
    let strict =
        Profile::from_json(r#"{"critical": {"paths": ["/state/exhaustion"]}}"#).expect("parses");
    let mut tired = fewer.clone();
    tired.state.exhaustion = 2;
    committed(send(
        &CriticalRules::default(),
        &mut g.clone(),
        &tired,
        true,
    ));
    let p = propose(&strict.critical, &mut g, &tired);
    assert_eq!(paths(&p), ["/state/exhaustion"]);
    let prefix = CriticalRules {
        paths: vec!["/state/exhaust".into()],
        ..CriticalRules::default()
    };
    committed(send(&prefix, &mut g, &tired, true));

    assert!(Profile::from_json(r#"{"critical": {"everything": true}}"#).is_err());
}

#[test]
fn the_low_magic_example_profile_makes_item_changes_critical() {
    let path = format!(
        "{}/../../examples/profiles/low-magic.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let p = Profile::from_json(&std::fs::read_to_string(path).expect("example")).expect("parses");
    let (mut g, _) = start();
    let more = give(rules(), &fighter(), "rope", Give::default())
        .expect("gives")
        .character;
    let proposal = propose(&p.critical, &mut g, &more);
    assert_eq!(paths(&proposal), ["/inventory/items/5"]);
}
