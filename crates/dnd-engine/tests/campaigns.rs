//! The campaign verbs end to end on a real SQLite file: a medium campaign of 8 chapters,
//! sessions that award XP until a level-up suggestion at 2,700 XP, journals, a campaign event
//! applied to a character and reverted exactly, a player-choice branch merged back through a
//! merge request another user reviews, concurrent edits as conflicts, world effects and
//! encounters for the campaign's party.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use dnd_core::build::{LevelUp, level_up};
use dnd_core::campaign::chapters::{Chapter, ChapterKind};
use dnd_core::campaign::effects::{Change, Target, Value, WorldEffect};
use dnd_core::campaign::encounters::{Difficulty, Filter, Rating};
use dnd_core::campaign::impacts::Impact;
use dnd_core::campaign::journal::{EntryKind, JournalEntry};
use dnd_core::campaign::locations::Faction;
use dnd_core::campaign::npcs::{Npc, RelationKind, Relationship};
use dnd_core::campaign::sessions::Session;
use dnd_core::campaign::{Campaign, MergeStatus, Player};
use dnd_core::history::{CommitKind, Resolution};
use dnd_core::model::Character;
use dnd_core::rules::Rules;
use dnd_engine::Engine;

fn engine(dir: &std::path::Path, actor: &str, t: Arc<AtomicI64>) -> Engine {
    Engine::open(dir.join("dnd.db"), Cow::Borrowed(Rules::srd()))
        .expect("open")
        .with_actor(actor)
        .with_clock(Arc::new(move || t.fetch_add(1000, Ordering::SeqCst)))
}

fn fighter(level: usize) -> Character {
    let mut ch = Character::from_json(include_str!("../../../examples/characters/fighter-1.json"))
        .expect("example");
    for _ in 1..level {
        ch = level_up(
            Rules::srd(),
            &ch,
            &LevelUp {
                class: "fighter".into(),
                ..Default::default()
            },
        )
        .expect("level up")
        .character;
    }
    ch.details.xp = dnd_core::campaign::progress::xp_for_level(level as u8).expect("xp");
    ch
}

fn chapter(id: &str, kind: ChapterKind, pre: &[&str]) -> Chapter {
    Chapter {
        id: id.into(),
        title: id.replace('-', " "),
        kind,
        prerequisites: pre.iter().map(|s| s.to_string()).collect(),
        ..Default::default()
    }
}

struct World {
    _dir: tempfile::TempDir,
    dm: Engine,
    co: Engine,
    id: String,
    ana: String,
    ben: String,
}

fn world() -> World {
    let dir = tempfile::tempdir().expect("dir");
    let t = Arc::new(AtomicI64::new(1_700_000_000_000));
    let dm = engine(dir.path(), "dm", t.clone());
    let co = engine(dir.path(), "co-dm", t);
    let ana = dm.save(&fighter(3), "main", "ana", None).expect("ana").id;
    let ben = dm.save(&fighter(3), "main", "ben", None).expect("ben").id;
    let mut c = Campaign::new("The Sunken Crown", "");
    c.players = vec![
        Player {
            user: "ana".into(),
            characters: vec![ana.clone()],
        },
        Player {
            user: "ben".into(),
            characters: vec![ben.clone()],
        },
    ];
    c.factions.push(Faction {
        id: "guild".into(),
        name: "Harbour Guild".into(),
        attributes: BTreeMap::from([("influence".into(), Value::Number(50))]),
        ..Default::default()
    });
    let id = dm.campaign_new(&c).expect("new").id;
    for (ch, kind, pre) in [
        ("arrival", ChapterKind::Intro, vec![]),
        ("market-riot", ChapterKind::Story, vec!["arrival"]),
        ("old-lighthouse", ChapterKind::SideQuest, vec!["arrival"]),
        ("council", ChapterKind::Story, vec!["market-riot"]),
        ("harbour", ChapterKind::Story, vec!["council"]),
        ("marsh", ChapterKind::Story, vec!["council"]),
        (
            "drowned-king",
            ChapterKind::BossBattle,
            vec!["harbour", "marsh"],
        ),
        ("crown", ChapterKind::Finale, vec!["drowned-king"]),
    ] {
        dm.chapter_add(&id, "main", &chapter(ch, kind, &pre))
            .expect("chapter");
    }
    World {
        _dir: dir,
        dm,
        co,
        id,
        ana,
        ben,
    }
}

#[test]
fn a_medium_campaign_with_a_choice_branch_merged_back() {
    let w = world();
    let (c, _) = w.dm.campaign(&w.id, None).expect("loads");
    assert_eq!(c.owner, "dm");
    assert_eq!(c.chapters.len(), 8);
    let report = w.dm.campaign_validate(&w.id, None).expect("report");
    assert!(report.valid, "{:?}", report.issues);
    let order = w.dm.chapter_order(&w.id, None).expect("order");
    assert_eq!(order.first().map(|o| o.id.as_str()), Some("arrival"));
    assert_eq!(order.last().map(|o| o.id.as_str()), Some("crown"));
    let e =
        w.dm.chapter_remove(&w.id, "main", "council")
            .expect_err("required");
    assert_eq!(e.code(), "campaign.chapter.required");
    assert!(e.is_refusal());
    let e =
        w.dm.chapter_add(
            &w.id,
            "main",
            &chapter("arrival", ChapterKind::Story, &["crown"]),
        )
        .expect_err("dup");
    assert_eq!(e.code(), "campaign.chapter.duplicate");

    // The players' choice is played out on a branch.
    w.dm.campaign_branch(&w.id, "choice/marsh", None)
        .expect("branch");
    w.dm.chapter_add(
        &w.id,
        "choice/marsh",
        &chapter("witch-bargain", ChapterKind::SideQuest, &["marsh"]),
    )
    .expect("on the branch");
    w.dm.npc_add(
        &w.id,
        "main",
        &Npc {
            id: "witch".into(),
            name: "Old Mag".into(),
            ..Default::default()
        },
    )
    .expect("npc on main");
    let m =
        w.dm.campaign_merge_open(
            &w.id,
            "choice/marsh",
            "main",
            "the marsh it is",
            &["co-dm".into()],
        )
        .expect("open");
    assert!(m.conflicts.is_empty());
    assert_eq!(
        w.dm.campaign_merge(&m.id, &BTreeMap::new())
            .expect_err("unapproved")
            .code(),
        "campaign.merge.unapproved"
    );
    assert_eq!(
        w.dm.campaign_merge_review(&m.id, true, "")
            .expect_err("not a reviewer")
            .code(),
        "campaign.merge.not_reviewer"
    );
    let m =
        w.co.campaign_merge_review(&m.id, true, "good")
            .expect("review");
    assert_eq!(m.status, MergeStatus::Approved);
    let (m, commit) = w.dm.campaign_merge(&m.id, &BTreeMap::new()).expect("merge");
    assert_eq!(m.status, MergeStatus::Merged);
    assert_eq!(commit.body.kind, CommitKind::Merge);
    assert_eq!(commit.body.parents.len(), 2);
    let (c, head) = w.dm.campaign(&w.id, None).expect("merged");
    assert_eq!(head.id, commit.id);
    assert_eq!(c.chapters.len(), 9);
    assert!(c.npc("witch").is_some());
    assert_eq!(
        w.dm.campaign_history(&w.id, "main").expect("log")[0].id,
        commit.id
    );
    assert_eq!(w.dm.campaign_merge_requests(&w.id).expect("list").len(), 1);

    // A conflicting edit on both branches, settled per path.
    w.dm.campaign_branch(&w.id, "retitle", None)
        .expect("branch");
    let mut a = c.clone();
    a.chapters[7].title = "The Crown".into();
    w.dm.campaign_save(&a, "main", None, "retitle")
        .expect("main");
    let (mut b, _) = w.dm.campaign(&w.id, Some("retitle")).expect("branch");
    b.chapters[7].title = "Crown of Tides".into();
    w.dm.campaign_save(&b, "retitle", None, "retitle")
        .expect("branch");
    let m =
        w.dm.campaign_merge_open(&w.id, "retitle", "main", "", &[])
            .expect("open");
    assert_eq!(m.conflicts.len(), 1);
    assert_eq!(m.conflicts[0].path, "/chapters/crown/title");
    let e =
        w.dm.campaign_merge(&m.id, &BTreeMap::new())
            .expect_err("conflict");
    assert_eq!(e.code(), "history.merge.conflict");
    let res = BTreeMap::from([("/chapters/crown/title".to_string(), Resolution::Theirs)]);
    w.dm.campaign_merge(&m.id, &res).expect("resolved");
    assert_eq!(
        w.dm.campaign(&w.id, None).expect("c").0.chapters[7].title,
        "Crown of Tides"
    );

    // A stale whole-file save is a conflict carrying both heads.
    let e =
        w.dm.campaign_save(&a, "main", Some(&head.id), "stale")
            .expect_err("stale");
    assert_eq!(e.code(), "store.conflict");
    assert!(e.is_refusal());
}

#[test]
fn sessions_award_xp_until_a_level_up_suggestion_at_2700() {
    let w = world();
    w.dm.npc_add(
        &w.id,
        "main",
        &Npc {
            id: "harbour-master".into(),
            name: "Ilsa".into(),
            ..Default::default()
        },
    )
    .expect("npc");
    w.dm.npc_relate(
        &w.id,
        "main",
        &Relationship {
            from: "harbour-master".into(),
            to: w.ana.clone(),
            kind: RelationKind::Friend,
            standing: 20,
            note: String::new(),
        },
    )
    .expect("relate");
    let award = |n: u32| dnd_core::campaign::journal::XpAward {
        amount: n,
        source: "session".into(),
        reason: String::new(),
    };
    for (number, xp) in [(1u32, 600u32), (2, 600), (3, 600)] {
        let s = Session {
            number,
            date: "2026-12-01".into(),
            day: Some(number * 2),
            chapters: vec!["arrival".into()],
            attendees: vec![w.ana.clone(), w.ben.clone()],
            party_xp: vec![award(xp)],
            ..Default::default()
        };
        let r = w.dm.session_record(&w.id, "main", &s).expect("records");
        assert_eq!(r.journal.len(), 2);
        assert_eq!(r.characters.len(), 2);
        if number < 3 {
            assert!(r.suggestions.is_empty(), "session {number}");
        } else {
            assert_eq!(r.suggestions.len(), 2);
            assert_eq!(r.suggestions[0].xp, 2_700);
            assert_eq!(r.suggestions[0].earned_level, 4);
        }
    }
    let (ana, _) = w.dm.load(&w.ana, None).expect("ana");
    assert_eq!(ana.details.xp, 2_700);
    let p = w.dm.progress(&w.id, &w.ana).expect("progress");
    assert!(p.suggestion.is_some());
    let j = w.dm.journal(&w.id, Some(&w.ana)).expect("journal");
    assert_eq!(j.entries.len(), 3);
    assert_eq!(j.summary.xp, 1_800);
    assert_eq!(w.dm.campaign(&w.id, None).expect("c").0.calendar.day, 6);
    assert_eq!(
        w.dm.session_record(
            &w.id,
            "main",
            &Session {
                number: 2,
                ..Default::default()
            }
        )
        .expect_err("dup")
        .code(),
        "campaign.session.duplicate"
    );
    // A note with XP through the journal.
    let r =
        w.dm.journal_add(
            &w.id,
            &JournalEntry {
                character: w.ben.clone(),
                kind: EntryKind::Note,
                xp: vec![award(100)],
                ..Default::default()
            },
        )
        .expect("note");
    assert_eq!(r.journal[0].id.chars().next(), Some('j'));
    assert_eq!(w.dm.load(&w.ben, None).expect("ben").0.details.xp, 2_800);
    let r =
        w.dm.xp_award(&w.id, std::slice::from_ref(&w.ana), 50, "riddle", "")
            .expect("xp");
    assert_eq!(r.characters.len(), 1);
    assert_eq!(
        w.dm.xp_award(&w.id, &["ch_stranger".into()], 50, "x", "")
            .expect_err("who")
            .code(),
        "not_found.campaign_entry"
    );
    assert_eq!(
        w.dm.xp_award(&w.id, std::slice::from_ref(&w.ana), 0, "x", "")
            .expect_err("zero")
            .code(),
        "invalid_input.out_of_range"
    );
}

#[test]
fn a_campaign_event_is_a_character_version_and_reverts_exactly() {
    let w = world();
    let (before, _) = w.dm.load(&w.ana, None).expect("ana");
    let impacts = [
        Impact::HitPoints { delta: -5 },
        Impact::Condition {
            condition: "frightened".into(),
            add: true,
        },
        Impact::Item {
            item: "potion-of-healing".into(),
            quantity: 1,
        },
    ];
    let r =
        w.dm.campaign_event(&w.id, &w.ana, "drowned king's curse", &impacts)
            .expect("applies");
    assert!(r.id.starts_with("rv_"));
    let (after, head) = w.dm.load(&w.ana, None).expect("ana");
    assert_eq!(head.id, r.after);
    assert!(after.state.conditions.contains(&"frightened".to_string()));
    // Meanwhile the player renames the character: kept by the three-way revert.
    let mut renamed = after.clone();
    renamed.name = "Ana the Bold".into();
    w.dm.save(&renamed, "main", "rename", None).expect("rename");
    w.dm.campaign_event_revert(&r.id).expect("reverts");
    let (back, _) = w.dm.load(&w.ana, None).expect("ana");
    assert_eq!(back.state, before.state, "the exact prior values");
    assert_eq!(back.inventory, before.inventory);
    assert_eq!(back.name, "Ana the Bold");
    assert_eq!(
        w.dm.campaign_event_revert(&r.id).expect_err("twice").code(),
        "campaign.event.reverted"
    );
    assert!(
        w.dm.campaign_events(&w.id).expect("list")[0]
            .reverted
            .is_some()
    );
    let e =
        w.dm.campaign_event(
            &w.id,
            &w.ana,
            "loss",
            &[Impact::Item {
                item: "bag-of-holding".into(),
                quantity: -1,
            }],
        )
        .expect_err("not held");
    assert_eq!(e.code(), "play.item.not_found");
}

#[test]
fn effects_and_encounters_for_the_campaign() {
    let w = world();
    w.dm.effect_add(
        &w.id,
        "main",
        &WorldEffect {
            id: "embargo".into(),
            name: "Embargo".into(),
            source: Default::default(),
            target: Target::Faction("guild".into()),
            scale: Default::default(),
            start_day: 0,
            duration_days: Some(5),
            conditions: vec![],
            changes: vec![Change {
                attribute: "influence".into(),
                value: Value::Number(-10),
                set: false,
            }],
            conditional: vec![],
        },
    )
    .expect("effect");
    let s =
        w.dm.effect_state(&w.id, None, &Target::Faction("guild".into()), Some(1))
            .expect("state");
    assert_eq!(s.current["influence"], Value::Number(40));
    let s =
        w.dm.effect_state(&w.id, None, &Target::Faction("guild".into()), Some(5))
            .expect("state");
    assert_eq!(s.current["influence"], Value::Number(50));
    let party = w.dm.campaign_party(&w.id).expect("party");
    assert_eq!(party, [3, 3]);
    let r =
        w.dm.encounter_build(&party, Difficulty::High, &Filter::default())
            .expect("build");
    assert!(r.total_xp <= 800);
    let r =
        w.dm.encounter_rate(&party, &BTreeMap::from([("ogre".to_string(), 1)]))
            .expect("rate");
    assert_eq!(r.rating, Rating::Moderate);
    let all = w.dm.campaigns(Some("dm")).expect("list");
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].title, "The Sunken Crown");
    assert!(w.dm.campaigns(Some("nobody")).expect("none").is_empty());
}
