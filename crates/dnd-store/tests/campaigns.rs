//! Behaviour contract of campaign storage on a real SQLite file: versions in the character
//! commit format, expected heads (`store.conflict` with both heads), branches and the graph,
//! hash checks on read, listing by owner, merge requests, journals, and one-transaction steps
//! that write everything or nothing.

mod common;

use common::{example, meta};
use dnd_store::core::campaign::journal::{JournalEntry, XpAward};
use dnd_store::core::campaign::{Campaign, Chapter, MergeRequest, add_chapter};
use dnd_store::core::history::CommitKind;
use dnd_store::{CampaignSave, CampaignStep, SaveRequest, SqliteStore, Store, StoreError};

fn store(dir: &tempfile::TempDir) -> SqliteStore {
    SqliteStore::open(dir.path().join("dnd.db")).expect("opens")
}

fn campaign(title: &str, owner: &str) -> Campaign {
    let mut c = Campaign::new(title, owner);
    add_chapter(
        &mut c,
        Chapter {
            id: "intro".into(),
            title: "Intro".into(),
            ..Default::default()
        },
    )
    .expect("chapter");
    c
}

#[test]
fn versions_heads_branches_and_the_graph() {
    let dir = tempfile::tempdir().expect("dir");
    let s = store(&dir);
    let c = campaign("Sunken Crown", "dm");
    let first = s
        .save_campaign(&c, "main", None, &meta("dm", "created", 1))
        .expect("saves");
    assert!(
        first.id.starts_with("cp_") && first.id.len() == 15,
        "{}",
        first.id
    );
    let (loaded, commit) = s.load_campaign(&first.id, "main").expect("loads");
    assert_eq!(loaded.id.as_deref(), Some(first.id.as_str()));
    assert_eq!(loaded.title, "Sunken Crown");
    assert_eq!(commit.id, first.version);
    commit.verify().expect("the commit format of characters");
    assert_eq!(
        commit.body.object,
        dnd_store::core::history::content_id(&loaded).expect("id")
    );

    let mut next = loaded.clone();
    next.title = "The Sunken Crown".into();
    let second = s
        .save_campaign(
            &next,
            "main",
            Some(&first.version),
            &meta("dm", "rename", 2),
        )
        .expect("second");
    // A writer that still holds the first head is refused with both heads, nothing written.
    let e = s
        .save_campaign(&next, "main", Some(&first.version), &meta("dm", "stale", 3))
        .expect_err("stale");
    match &e {
        StoreError::Conflict {
            expected, actual, ..
        } => {
            assert_eq!(expected.as_deref(), Some(first.version.as_str()));
            assert_eq!(actual.as_deref(), Some(second.version.as_str()));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(e.code(), "store.conflict");
    s.create_campaign_ref(&first.id, "branch", "choice/marsh", &first.version, "dm")
        .expect("branch");
    assert!(
        s.create_campaign_ref(&first.id, "branch", "choice/marsh", "main", "dm")
            .is_err()
    );
    s.create_campaign_ref(&first.id, "tag", "session-0", "main", "dm")
        .expect("tag");
    let branches = s.campaign_refs(&first.id, "branch").expect("refs");
    assert_eq!(branches.len(), 2);
    let (at_tag, _) = s.load_campaign(&first.id, "session-0").expect("tag loads");
    assert_eq!(at_tag.title, "The Sunken Crown");
    let (old, _) = s
        .load_campaign(&first.id, &first.version)
        .expect("by version");
    assert_eq!(old.title, "Sunken Crown");
    let g = s.campaign_graph(&first.id).expect("graph");
    assert_eq!(g.commits.len(), 2);
    assert_eq!(
        g.head("choice/marsh").as_deref(),
        Some(first.version.as_str())
    );
    assert_eq!(g.log("main").expect("log").len(), 2);
    // A merge made by the core is written with its two parents.
    let mut branch_side = old.clone();
    branch_side.chapters[0].title = "Into the marsh".into();
    let b = s
        .save_campaign(
            &branch_side,
            "choice/marsh",
            Some(&first.version),
            &meta("dm", "marsh", 4),
        )
        .expect("branch commit");
    let mut g = s.campaign_graph(&first.id).expect("graph");
    let mut merged = next.clone();
    merged.id = Some(first.id.clone());
    merged.chapters[0].title = "Into the marsh".into();
    let mc = g
        .commit_on(
            "main",
            Some(&second.version),
            &merged,
            CommitKind::Merge,
            std::slice::from_ref(&b.version),
            &meta("dm", "merge", 5),
        )
        .expect("core merge");
    s.commit_campaign_raw(&first.id, "main", Some(&second.version), &mc, &merged, "dm")
        .expect("raw");
    let (m, c2) = s.load_campaign(&first.id, "main").expect("merged");
    assert_eq!(c2.body.parents.len(), 2);
    assert_eq!(m.chapters[0].title, "Into the marsh");
    let mut wrong = merged.clone();
    wrong.title = "not the object".into();
    assert_eq!(
        s.commit_campaign_raw(&first.id, "main", Some(&mc.id), &mc, &wrong, "dm")
            .expect_err("object mismatch")
            .code(),
        "store.invalid"
    );
    assert_eq!(
        s.load_campaign("cp_nope", "main").expect_err("none").code(),
        "store.not_found"
    );
    assert_eq!(
        s.load_campaign(&first.id, "nowhere")
            .expect_err("none")
            .code(),
        "store.not_found"
    );
    // Events and audit rows came with the writes.
    let events = s.events(0, 1000).expect("events");
    assert!(
        events
            .iter()
            .any(|e| e.kind == "campaign.created" && e.subject == first.id)
    );
    assert!(events.iter().filter(|e| e.kind == "campaign.saved").count() >= 3);
}

#[test]
fn tampered_objects_are_refused_on_read() {
    let dir = tempfile::tempdir().expect("dir");
    let s = store(&dir);
    let saved = s
        .save_campaign(&campaign("T", "dm"), "main", None, &meta("dm", "", 1))
        .expect("saves");
    drop(s);
    let raw = rusqlite::Connection::open(dir.path().join("dnd.db")).expect("raw");
    let other = campaign("Other", "dm");
    let text = dnd_store::core::history::canonical_bytes(&other).expect("bytes");
    let mut e = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut e, &text).expect("deflate");
    let data = e.finish().expect("finish");
    raw.execute("UPDATE campaign_objects SET data = ?1", [data])
        .expect("tamper");
    drop(raw);
    let s = store(&dir);
    assert_eq!(
        s.load_campaign(&saved.id, "main")
            .expect_err("tampered")
            .code(),
        "store.tampered"
    );
    let rep = s.verify().expect("verify runs");
    assert!(
        rep.problems.iter().any(|p| p.kind == "campaign object"),
        "{:?}",
        rep.problems
    );
}

#[test]
fn listing_by_owner() {
    let s = SqliteStore::open_in_memory().expect("mem");
    for i in 0..30 {
        let owner = if i % 3 == 0 { "ana" } else { "ben" };
        s.save_campaign(
            &campaign(&format!("C{i}"), owner),
            "main",
            None,
            &meta(owner, "", i),
        )
        .expect("saves");
    }
    assert_eq!(s.list_campaigns(Some("ana")).expect("list").len(), 10);
    assert_eq!(s.list_campaigns(Some("ben")).expect("list").len(), 20);
    assert_eq!(s.list_campaigns(None).expect("list").len(), 30);
    let rows = s.list_campaigns(Some("ana")).expect("list");
    assert!(rows.windows(2).all(|w| w[0].id < w[1].id));
    assert_eq!(rows[0].kind, "traditional");
    assert_eq!(rows[0].state, "draft");
}

#[test]
fn a_step_writes_campaign_journal_and_characters_together_or_not_at_all() {
    let dir = tempfile::tempdir().expect("dir");
    let s = store(&dir);
    let hero = s
        .save_character(
            "ana",
            &example("fighter-1"),
            "main",
            None,
            &meta("ana", "", 1),
        )
        .expect("hero");
    let (mut ch, head) = s.load(&hero.id, "main").expect("hero loads");
    let mut c = campaign("Steps", "dm");
    c.players.push(dnd_store::core::campaign::Player {
        user: "ana".into(),
        characters: vec![hero.id.clone()],
    });
    let cs = s
        .save_campaign(&c, "main", None, &meta("dm", "", 1))
        .expect("campaign");
    let (c, chead) = s.load_campaign(&cs.id, "main").expect("campaign loads");
    ch.details.xp += 300;
    let entry = JournalEntry {
        character: hero.id.clone(),
        xp: vec![XpAward {
            amount: 300,
            source: "goblins".into(),
            reason: String::new(),
        }],
        ..Default::default()
    };
    let m = meta("dm", "session 1", 2);
    // The character's head is stale: nothing at all is written.
    let stale = [SaveRequest {
        owner: "ana",
        character: &ch,
        branch: "main",
        expected_head: Some("0000000000000000000000000000000000000000000000000000000000000000"),
        meta: &m,
    }];
    let before_events = s.events(0, 10_000).expect("events").len();
    let e = s
        .campaign_step(CampaignStep {
            campaign_id: &cs.id,
            save: Some(CampaignSave {
                campaign: &c,
                branch: "main",
                expected_head: Some(&chead.id),
                meta: &m,
            }),
            journal: std::slice::from_ref(&entry),
            characters: &stale,
            reversions: vec![None],
            actor: "dm",
        })
        .expect_err("conflict");
    assert_eq!(e.code(), "store.conflict");
    assert!(s.journal(&cs.id, None).expect("journal").is_empty());
    assert_eq!(
        s.load_campaign(&cs.id, "main").expect("same").1.id,
        chead.id
    );
    assert_eq!(s.events(0, 10_000).expect("events").len(), before_events);
    let ok = [SaveRequest {
        expected_head: Some(&head.id),
        ..stale[0]
    }];
    let w = s
        .campaign_step(CampaignStep {
            campaign_id: &cs.id,
            save: Some(CampaignSave {
                campaign: &c,
                branch: "main",
                expected_head: Some(&chead.id),
                meta: &m,
            }),
            journal: std::slice::from_ref(&entry),
            characters: &ok,
            reversions: vec![None],
            actor: "dm",
        })
        .expect("writes");
    assert_eq!(w.journal[0].id.chars().next(), Some('j'));
    assert_eq!(w.characters.len(), 1);
    assert_eq!(s.load(&hero.id, "main").expect("hero").0.details.xp, 300);
    let j = s.journal(&cs.id, Some(&hero.id)).expect("journal");
    assert_eq!(j.len(), 1);
    assert_eq!(j[0].xp[0].amount, 300);
    assert!(
        s.journal(&cs.id, Some("ch_other"))
            .expect("none")
            .is_empty()
    );
}

#[test]
fn merge_requests_are_stored_and_listed() {
    let s = SqliteStore::open_in_memory().expect("mem");
    let cs = s
        .save_campaign(&campaign("MR", "dm"), "main", None, &meta("dm", "", 1))
        .expect("c");
    s.create_campaign_ref(&cs.id, "branch", "side", "main", "dm")
        .expect("branch");
    let g = s.campaign_graph(&cs.id).expect("graph");
    let mut mr: MergeRequest = dnd_store::core::campaign::merge_request::open(
        &g,
        &cs.id,
        "side",
        "main",
        "try",
        vec!["co".into()],
        &meta("dm", "", 2),
    )
    .expect("open");
    s.put_merge_request(&mr, "dm").expect("put");
    dnd_store::core::campaign::merge_request::review(&mut mr, "co", true, "ok", 3).expect("review");
    s.put_merge_request(&mr, "co").expect("update");
    let back = s.merge_request(&mr.id).expect("get");
    assert_eq!(back, mr);
    assert_eq!(s.merge_requests(&cs.id).expect("list").len(), 1);
    assert_eq!(
        s.merge_request("mr_none").expect_err("none").code(),
        "store.not_found"
    );
}

/// Campaigns travel in the portable archive: export → import into an empty store → export is
/// byte-identical, the campaign loads with its history, and a tampered campaign object is
/// refused with nothing written.
#[test]
fn campaigns_round_trip_through_the_archive() {
    let dir = tempfile::tempdir().expect("dir");
    let s = store(&dir);
    let mut c = campaign("Sunken Crown", "dm");
    let first = s
        .save_campaign(&c, "main", None, &meta("dm", "created", 1))
        .expect("saves");
    c.id = Some(first.id.clone());
    c.title = "The Sunken Crown".into();
    s.save_campaign(&c, "main", Some(&first.version), &meta("dm", "retitled", 2))
        .expect("second version");
    let mut a = Vec::new();
    s.export(&mut a).expect("export");
    let text = String::from_utf8(a.clone()).expect("utf-8");
    assert!(text.contains(r#""type":"row","#) && text.contains("campaign_commits"));

    let other = tempfile::tempdir().expect("dir");
    let t = store(&other);
    t.import(std::io::Cursor::new(&a)).expect("import");
    let mut b = Vec::new();
    t.export(&mut b).expect("export again");
    assert_eq!(a, b, "export → import → export is byte-identical");
    let (loaded, _) = t.load_campaign(&first.id, "main").expect("loads");
    assert_eq!(loaded.title, "The Sunken Crown");
    assert!(t.verify().expect("verify").problems.is_empty());

    // A campaign object whose text no longer hashes to its id is refused; nothing is written.
    let tampered = text.replacen("Sunken Crown", "Risen Crown", 1);
    let third = tempfile::tempdir().expect("dir");
    let u = store(&third);
    assert!(u.import(std::io::Cursor::new(tampered.as_bytes())).is_err());
    assert!(u.list_campaigns(None).expect("list").is_empty());
}
