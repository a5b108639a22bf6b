//! The facade end to end on a real SQLite file: save, branch, level up on the branch while
//! main takes damage and XP, merge (two parents, lower HP, summed XP), diff, restore, DM
//! proposals, themes, assets, events, backup, export/import and verify.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use dnd_core::build::{LevelUp, NewCharacter, level_up, new_character};
use dnd_core::history::{CommitKind, Page, Submitted};
use dnd_core::model::Character;
use dnd_core::rules::{Pack, Rules};
use dnd_engine::Engine;

fn engine(dir: &std::path::Path) -> Engine {
    let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/packs/themes");
    let themes = std::fs::read_dir(folder)
        .expect("themes pack")
        .flatten()
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(e.path()).expect("read"))
        })
        .collect::<Vec<_>>();
    let pack =
        Pack::from_files(themes.iter().map(|(n, t)| (n.as_str(), t.as_str()))).expect("pack");
    let rules = Rules::srd_with(vec![pack]).expect("rules");
    let t = Arc::new(AtomicI64::new(1_700_000_000_000));
    Engine::open(dir.join("dnd.db"), Cow::Owned(rules))
        .expect("open")
        .with_actor("dm")
        .with_clock(Arc::new(move || t.fetch_add(1000, Ordering::SeqCst)))
}

fn hero(e: &Engine) -> Character {
    let req = NewCharacter {
        class: "fighter".into(),
        species: "human".into(),
        background: "soldier".into(),
        name: Some("Kara".into()),
        ..Default::default()
    };
    new_character(e.rules(), &req).expect("new").character
}

fn up(e: &Engine, ch: &Character) -> Character {
    let req = LevelUp {
        class: "fighter".into(),
        ..Default::default()
    };
    level_up(e.rules(), ch, &req).expect("up").character
}

#[test]
fn branch_level_up_while_main_takes_damage_then_merge() {
    let dir = tempfile::tempdir().expect("tmp");
    let e = engine(dir.path());
    let saved = e.save(&hero(&e), "main", "created", None).expect("save");
    let id = saved.id.clone();
    e.branch(&id, "level-5-plan", None).expect("branch");
    let (mut plan, _) = e.load(&id, Some("level-5-plan")).expect("load");
    for _ in 0..4 {
        plan = up(&e, &plan);
    }
    plan.details.xp += 200;
    e.save(&plan, "level-5-plan", "levels 2-5", None)
        .expect("save plan");
    let (mut main, _) = e.load(&id, None).expect("main");
    main.state.hp = Some(4);
    main.details.xp += 300;
    e.save(&main, "main", "a hard fight", None)
        .expect("save main");
    let none = BTreeMap::new();
    let merged = e
        .merge(&id, "level-5-plan", "main", &none, false, "")
        .expect("merge");
    assert_eq!(merged.body.parents.len(), 2);
    assert_eq!(merged.body.kind, CommitKind::Merge);
    let (ch, _) = e.load(&id, None).expect("merged");
    assert_eq!(ch.levels.len(), 5);
    assert_eq!(ch.details.xp, 500);
    assert_eq!(ch.state.hp, Some(4), "the lower current HP");
    let log = e
        .history(
            &id,
            "main",
            Page {
                offset: 0,
                limit: 10,
            },
        )
        .expect("log");
    assert_eq!(log.len(), 4);
    let d = e.diff(&id, &saved.version, "main").expect("diff");
    assert!(d.summary.contains("Fighter 1 → 5"), "{}", d.summary);
    let r = e.restore(&id, "main", &saved.version).expect("restore");
    assert_eq!(r.body.kind, CommitKind::Restore);
    assert_eq!(e.load(&id, None).expect("restored").0.levels.len(), 1);
    assert!(e.verify().expect("verify").is_clean());
}

#[test]
fn a_stale_head_is_a_conflict_and_nothing_is_lost() {
    let dir = tempfile::tempdir().expect("tmp");
    let e = engine(dir.path());
    let first = e.save(&hero(&e), "main", "created", None).expect("save");
    let (ch, _) = e.load(&first.id, None).expect("load");
    e.save(&up(&e, &ch), "main", "level 2", None)
        .expect("level 2");
    let err = e
        .save(&ch, "main", "stale", Some(&first.version))
        .expect_err("stale head");
    assert_eq!(err.code(), "store.conflict");
    assert!(err.is_refusal());
    assert_eq!(e.load(&first.id, None).expect("kept").0.levels.len(), 2);
}

#[test]
fn critical_changes_wait_for_the_dm() {
    let dir = tempfile::tempdir().expect("tmp");
    let e = engine(dir.path());
    let id = e.save(&hero(&e), "main", "created", None).expect("save").id;
    let (mut ch, _) = e.load(&id, None).expect("load");
    ch.details.xp = 50;
    let s = e
        .propose(&ch, "main", "xp from a session", false)
        .expect("xp");
    assert!(
        matches!(s, Submitted::Committed { .. }),
        "XP is not critical"
    );
    let (mut ch, _) = e.load(&id, None).expect("load");
    ch.abilities.base.str += 1;
    let s = e.propose(&ch, "main", "found a belt", false).expect("str");
    let Submitted::Proposed { proposal } = s else {
        panic!("an ability score change needs approval");
    };
    let now = e.load(&id, None).expect("unchanged").0;
    assert_eq!(now.abilities.base.str + 1, ch.abilities.base.str);
    assert_eq!(e.proposals(Some(&id)).expect("list").len(), 1);
    let c = e.approve(&proposal.id, "fair").expect("approve");
    assert_eq!(c.body.kind, CommitKind::Approval);
    let approved = e.load(&id, None).expect("approved").0;
    assert_eq!(approved.abilities.base.str, ch.abilities.base.str);
    let again = e.approve(&proposal.id, "twice").expect_err("closed");
    assert_eq!(again.code(), "history.proposal.closed");
}

#[test]
fn themes_assets_events_backup_and_archive() {
    let dir = tempfile::tempdir().expect("tmp");
    let e = engine(dir.path());
    let id = e.save(&hero(&e), "main", "created", None).expect("save").id;
    let themed = e
        .theme_apply(&id, "main", Some("cyberpunk"))
        .expect("theme");
    assert_eq!(themed.body.kind, CommitKind::Theme);
    let now = e.load(&id, None).expect("themed").0;
    assert_eq!(now.theme.map(|t| t.id), Some("cyberpunk".into()));
    e.theme_rollback(&id, "main").expect("rollback");
    assert!(e.load(&id, None).expect("back").0.theme.is_none());
    assert_eq!(e.lineage(&id, "main").expect("lineage").len(), 3);
    let png = b"\x89PNG fake";
    let a = e
        .asset_put(png, "image/png", "portrait", &["face"], Some(&id))
        .expect("asset");
    assert_eq!(e.asset_get(&a.0).expect("get").1, png);
    assert!(e.events(0, 100).expect("events").len() >= 3);
    let backup = dir.path().join("backup.db");
    e.backup(&backup).expect("backup");
    let restored = dir.path().join("restored.db");
    assert!(
        Engine::restore_backup(&backup, &restored)
            .expect("restore")
            .is_clean()
    );
    let mut a1 = Vec::new();
    e.export(&mut a1).expect("export");
    let other = Engine::open_in_memory(Cow::Borrowed(Rules::srd())).expect("mem");
    other.import(std::io::Cursor::new(&a1)).expect("import");
    let mut a2 = Vec::new();
    other.export(&mut a2).expect("export again");
    assert_eq!(a1, a2, "export → import → export is byte-identical");
}
