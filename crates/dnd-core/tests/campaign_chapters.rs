//! Behaviour contract of campaign chapters and versions: the chapter DAG (unique ids, cycle
//! refusal, topological play order, delete refusal) and a medium campaign of 8 chapters with a
//! branch for a player choice merged back through a reviewed merge request.

mod campaign_helpers;

use std::collections::BTreeMap;

use campaign_helpers::{chapter, medium};
use dnd_core::campaign::chapters::require;
use dnd_core::campaign::merge_request::{self, MergeStatus};
use dnd_core::campaign::plots::{Choice, Plot, PlotBranch};
use dnd_core::campaign::{
    CampaignGraph, ChapterKind, add_chapter, merge_campaigns, play_order, remove_chapter, validate,
};
use dnd_core::history::{CommitKind, CommitMeta, Resolution};
use dnd_core::rules::Rules;

fn meta(author: &str, t: i64) -> CommitMeta {
    CommitMeta {
        author: author.into(),
        message: String::new(),
        timestamp: t,
        provenance: Default::default(),
    }
}

#[test]
fn the_medium_campaign_is_valid_and_has_a_play_order() {
    let c = medium();
    let report = validate(Rules::srd(), &c);
    assert!(report.valid, "{:?}", report.issues);
    assert_eq!(report.warnings, 0, "{:?}", report.issues);
    let order: Vec<String> = play_order(&c.chapters)
        .expect("a DAG")
        .into_iter()
        .map(|o| o.id)
        .collect();
    assert_eq!(
        order,
        [
            "arrival",
            "market-riot",
            "old-lighthouse",
            "council",
            "harbour",
            "marsh",
            "drowned-king",
            "crown"
        ]
    );
    let o = play_order(&c.chapters).expect("order");
    assert_eq!(
        o[7].depth, 5,
        "arrival → riot → council → harbour → king → crown"
    );
}

#[test]
fn a_cycle_is_refused_with_the_cycle_and_nothing_changes() {
    let mut c = medium();
    let before = c.clone();
    let e = require(&mut c, "arrival", "crown").expect_err("cycle");
    assert_eq!(e.code(), "campaign.chapter.cycle");
    assert!(e.to_string().contains("arrival"), "{e}");
    assert!(e.is_refusal());
    assert_eq!(c, before);
    // A chapter requiring itself is a cycle too.
    let e = add_chapter(
        &mut c,
        chapter("loop", ChapterKind::Story, &["loop"], (1, 1)),
    )
    .expect_err("self loop");
    assert_eq!(e.code(), "campaign.chapter.cycle");
}

#[test]
fn ids_are_unique_and_prerequisites_must_exist() {
    let mut c = medium();
    let e =
        add_chapter(&mut c, chapter("marsh", ChapterKind::Story, &[], (3, 4))).expect_err("dup");
    assert_eq!(e.code(), "campaign.chapter.duplicate");
    let e = add_chapter(
        &mut c,
        chapter("x", ChapterKind::Story, &["nowhere"], (3, 4)),
    )
    .expect_err("unknown");
    assert_eq!(e.code(), "not_found.chapter");
    let e =
        add_chapter(&mut c, chapter("Bad Id", ChapterKind::Story, &[], (3, 4))).expect_err("id");
    assert_eq!(e.code(), "invalid_input.value");
}

#[test]
fn a_chapter_others_depend_on_cannot_be_removed() {
    let mut c = medium();
    let e = remove_chapter(&mut c, "council").expect_err("required");
    assert_eq!(e.code(), "campaign.chapter.required");
    assert!(e.alternatives().iter().any(|a| a.contains("harbour")));
    let removed = remove_chapter(&mut c, "old-lighthouse").expect("a leaf");
    assert_eq!(removed.id, "old-lighthouse");
    assert_eq!(c.chapters.len(), 7);
}

#[test]
fn a_hand_edited_cycle_is_reported_by_validation() {
    let mut c = medium();
    c.chapters[0].prerequisites.push("crown".into());
    let r = validate(Rules::srd(), &c);
    assert!(!r.valid);
    let i = r
        .issues
        .iter()
        .find(|i| i.code == "campaign.chapter.cycle")
        .expect("cycle");
    assert_eq!(i.path, "/chapters");
    assert_eq!(
        play_order(&c.chapters).expect_err("cycle").code(),
        "campaign.chapter.cycle"
    );
}

#[test]
fn a_player_choice_branch_is_merged_back_through_a_reviewed_merge_request() {
    let rules = Rules::srd();
    let mut c = medium();
    c.plots.push(Plot {
        id: "crown-plot".into(),
        title: "Who takes the crown".into(),
        arc: vec!["council".into(), "drowned-king".into(), "crown".into()],
        branches: vec![PlotBranch {
            id: "harbour-or-marsh".into(),
            trigger: "the council splits".into(),
            choices: vec![
                Choice {
                    text: "side with the harbour guild".into(),
                    leads_to: Some("harbour".into()),
                    ..Default::default()
                },
                Choice {
                    text: "follow the marsh witch".into(),
                    leads_to: Some("marsh".into()),
                    ..Default::default()
                },
            ],
            ..Default::default()
        }],
        ..Default::default()
    });
    let mut g = CampaignGraph::default();
    let first = g
        .commit_on("main", None, &c, CommitKind::Commit, &[], &meta("dm", 1))
        .expect("first");
    g.create_branch("choice/marsh", &first.id).expect("branch");
    // The players chose the marsh: on the branch, the choice is explored and a new chapter added.
    let mut marsh = c.clone();
    marsh.plots[0].branches[0].explored = true;
    marsh.plots[0].branches[0].chosen = Some(1);
    add_chapter(
        &mut marsh,
        chapter("witch-bargain", ChapterKind::SideQuest, &["marsh"], (3, 4)),
    )
    .expect("adds");
    g.commit_on(
        "choice/marsh",
        Some(&first.id),
        &marsh,
        CommitKind::Commit,
        &[],
        &meta("dm", 2),
    )
    .expect("branch commit");
    // Meanwhile on main the DM renames the finale.
    let mut main = c.clone();
    main.chapters[7].title = "The Crown Beneath the Waves".into();
    g.commit_on(
        "main",
        Some(&first.id),
        &main,
        CommitKind::Commit,
        &[],
        &meta("dm", 3),
    )
    .expect("main commit");

    let mut mr = merge_request::open(
        &g,
        "cp_test",
        "choice/marsh",
        "main",
        "",
        vec!["co-dm".into()],
        &meta("dm", 4),
    )
    .expect("open");
    assert!(mr.id.starts_with("mr_"));
    assert!(mr.conflicts.is_empty());
    let e = merge_request::merge(&mut g, &mut mr, &BTreeMap::new(), &meta("dm", 5))
        .expect_err("unapproved");
    assert_eq!(e.code(), "campaign.merge.unapproved");
    let e = merge_request::review(&mut mr, "ana", true, "", 5).expect_err("not a reviewer");
    assert_eq!(e.code(), "campaign.merge.not_reviewer");
    merge_request::review(&mut mr, "co-dm", false, "name the witch", 6).expect("review");
    assert_eq!(mr.status, MergeStatus::ChangesRequested);
    merge_request::review(&mut mr, "co-dm", true, "fine", 7).expect("review");
    assert_eq!(mr.status, MergeStatus::Approved);
    let c2 =
        merge_request::merge(&mut g, &mut mr, &BTreeMap::new(), &meta("dm", 8)).expect("merge");
    assert_eq!(c2.body.parents.len(), 2);
    assert_eq!(c2.body.kind, CommitKind::Merge);
    assert_eq!(mr.status, MergeStatus::Merged);
    let (merged, _) = g.at("main").expect("head");
    assert_eq!(merged.chapters.len(), 9);
    assert_eq!(merged.chapters[7].title, "The Crown Beneath the Waves");
    assert_eq!(merged.plots[0].branches[0].chosen, Some(1));
    assert!(validate(rules, &merged).valid);
    assert_eq!(
        merge_request::merge(&mut g, &mut mr, &BTreeMap::new(), &meta("dm", 9))
            .expect_err("closed")
            .code(),
        "campaign.merge.closed"
    );
}

#[test]
fn conflicting_edits_are_conflicts_settled_per_path() {
    let base = medium();
    let mut ours = base.clone();
    ours.chapters[1].title = "Riot!".into();
    let mut theirs = base.clone();
    theirs.chapters[1].title = "The Bread Riot".into();
    theirs.chapters[1].npcs.push("baker".into());
    ours.chapters[1].npcs.push("guard".into());
    let m = merge_campaigns(&base, &ours, &theirs, &BTreeMap::new()).expect("merge");
    assert_eq!(m.conflicts.len(), 1);
    assert_eq!(m.conflicts[0].path, "/chapters/market-riot/title");
    // String lists merge as sets.
    assert_eq!(m.campaign.chapters[1].npcs, ["guard", "baker"]);
    let res = BTreeMap::from([(
        "/chapters/market-riot/title".to_string(),
        Resolution::Theirs,
    )]);
    let m = merge_campaigns(&base, &ours, &theirs, &res).expect("merge");
    assert!(m.conflicts.is_empty());
    assert_eq!(m.campaign.chapters[1].title, "The Bread Riot");
    let bad = BTreeMap::from([("/title".to_string(), Resolution::Ours)]);
    assert_eq!(
        merge_campaigns(&base, &ours, &theirs, &bad)
            .expect_err("not a conflict")
            .code(),
        "invalid_input.value"
    );
    // Each side adds a prerequisite that is fine alone; together they form a cycle.
    let mut a = base.clone();
    require(&mut a, "old-lighthouse", "council").expect("fine");
    let mut b = base.clone();
    b.chapters[5].prerequisites.push("old-lighthouse".into());
    let ok = merge_campaigns(&base, &a, &b, &BTreeMap::new()).expect("no cycle");
    assert!(ok.conflicts.is_empty());
    assert_eq!(
        ok.campaign.chapters[5].prerequisites,
        ["council", "old-lighthouse"]
    );
    let mut c = base.clone();
    c.chapters[3].prerequisites.push("old-lighthouse".into());
    let e = merge_campaigns(&base, &a, &c, &BTreeMap::new()).expect_err("cycle");
    assert_eq!(e.code(), "campaign.chapter.cycle");
}

#[test]
fn campaign_versions_use_the_character_commit_format() {
    let c = medium();
    let mut g = CampaignGraph::default();
    let first = g
        .commit_on("main", None, &c, CommitKind::Commit, &[], &meta("dm", 1))
        .expect("first");
    first.verify().expect("hash is the id");
    assert_eq!(
        first.body.object,
        dnd_core::history::content_id(&c).expect("hash")
    );
    let e = g
        .commit_on("main", None, &c, CommitKind::Commit, &[], &meta("dm", 2))
        .expect_err("stale head");
    assert_eq!(e.code(), "conflict.head");
    let mut tampered = g.clone();
    if let Some(o) = tampered.objects.values_mut().next() {
        o.title = "changed".into();
    }
    assert_eq!(
        tampered.at("main").expect_err("tampered").code(),
        "history.tampered"
    );
}
