//! Campaigns: validating a 50-chapter campaign (aim: well under 10 ms), its play order and a
//! three-way merge of two edits; listing and loading with 1,000 campaigns of one owner in a
//! real SQLite file (WAL mode, a temp dir).

use std::collections::BTreeMap;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use dnd_core::campaign::chapters::{Chapter, ChapterKind, PlannedEncounter};
use dnd_core::campaign::npcs::{Npc, Relationship};
use dnd_core::campaign::plots::Plot;
use dnd_core::campaign::{
    Campaign, LengthClass, LevelRange, Player, merge_campaigns, play_order, validate,
};
use dnd_core::history::CommitMeta;
use dnd_core::rules::Rules;
use dnd_store::SqliteStore;

/// 50 chapters in a braid (each requires one or two earlier ones), 30 NPCs with ties, 10 plots
/// whose arcs run through the chapters, an encounter per chapter.
fn big() -> Campaign {
    let mut c = Campaign::new("Epic of the Fifty", "dm");
    c.length = LengthClass::Epic;
    c.level_range = LevelRange { min: 1, max: 20 };
    c.players = vec![Player {
        user: "p".into(),
        characters: (0..4).map(|i| format!("ch_{i}")).collect(),
    }];
    for i in 0..30 {
        c.npcs.push(Npc {
            id: format!("npc-{i}"),
            name: format!("NPC {i}"),
            ..Default::default()
        });
    }
    for i in 0..29 {
        c.relationships.push(Relationship {
            from: format!("npc-{i}"),
            to: format!("npc-{}", i + 1),
            standing: 10,
            ..Default::default()
        });
    }
    for i in 0..50usize {
        let mut pre = Vec::new();
        if i > 0 {
            pre.push(format!("ch-{}", i - 1));
        }
        if i > 2 {
            pre.push(format!("ch-{}", i - 3));
        }
        let level = u8::try_from(1 + i * 19 / 49).unwrap_or(20);
        c.chapters.push(Chapter {
            id: format!("ch-{i}"),
            title: format!("Chapter {i}"),
            kind: if i == 49 {
                ChapterKind::Finale
            } else {
                ChapterKind::Story
            },
            prerequisites: pre,
            npcs: vec![format!("npc-{}", i % 30)],
            encounters: vec![PlannedEncounter {
                name: "fight".into(),
                creatures: BTreeMap::from([
                    ("goblin-warrior".to_string(), 4),
                    ("ogre".to_string(), 1),
                ]),
            }],
            level_range: Some(LevelRange {
                min: level,
                max: level.saturating_add(1).min(20),
            }),
            ..Default::default()
        });
    }
    for p in 0..10 {
        c.plots.push(Plot {
            id: format!("plot-{p}"),
            title: format!("Plot {p}"),
            arc: (0..5).map(|k| format!("ch-{}", p * 5 + k)).collect(),
            ..Default::default()
        });
    }
    c
}

fn meta(i: i64) -> CommitMeta {
    CommitMeta {
        author: "dm".into(),
        message: String::new(),
        timestamp: i,
        ..Default::default()
    }
}

fn benches(c: &mut Criterion) {
    let rules = Rules::srd();
    let camp = big();
    assert!(
        validate(rules, &camp).valid,
        "{:?}",
        validate(rules, &camp).issues
    );
    let mut g = c.benchmark_group("campaign");
    g.bench_function("validate 50 chapters", |b| {
        b.iter(|| black_box(validate(rules, black_box(&camp))))
    });
    g.bench_function("play order 50 chapters", |b| {
        b.iter(|| black_box(play_order(black_box(&camp.chapters))))
    });
    let mut ours = camp.clone();
    ours.chapters[10].title = "Renamed".into();
    let mut theirs = camp.clone();
    theirs.chapters[40].npcs.push("npc-3".into());
    let none = BTreeMap::new();
    g.bench_function("merge two edits, 50 chapters", |b| {
        b.iter(|| black_box(merge_campaigns(&camp, &ours, &theirs, &none)))
    });

    let dir = tempfile::tempdir().expect("tempdir");
    let s = SqliteStore::open(dir.path().join("bench.db")).expect("open");
    let mut ids = Vec::new();
    for i in 0..1000 {
        let mut x = Campaign::new(format!("Campaign {i}"), "dm");
        x.chapters = camp.chapters[..5].to_vec();
        ids.push(
            s.save_campaign(&x, "main", None, &meta(i))
                .expect("save")
                .id,
        );
    }
    for i in 0..200 {
        let other = Campaign::new(format!("Other {i}"), "someone-else");
        s.save_campaign(&other, "main", None, &meta(i))
            .expect("save");
    }
    let big_id = s
        .save_campaign(&camp, "main", None, &meta(5000))
        .expect("save")
        .id;
    g.bench_function("list 1,000 campaigns of one owner", |b| {
        b.iter(|| black_box(s.list_campaigns(Some("dm")).expect("list").len()))
    });
    let mut k = 0usize;
    g.bench_function("load one of 1,000 campaigns", |b| {
        b.iter(|| {
            k = (k + 7) % ids.len();
            black_box(s.load_campaign(&ids[k], "main").expect("load"))
        })
    });
    g.bench_function("load the 50-chapter campaign", |b| {
        b.iter(|| black_box(s.load_campaign(&big_id, "main").expect("load")))
    });
    g.finish();
}

criterion_group!(campaign, benches);
criterion_main!(campaign);
