//! Shared campaign fixtures: a medium campaign of 8 chapters.
#![allow(dead_code)]

use dnd_core::campaign::{
    Campaign, Chapter, ChapterKind, LengthClass, LevelRange, Player, add_chapter,
};

/// A chapter with prerequisites.
pub fn chapter(id: &str, kind: ChapterKind, pre: &[&str], levels: (u8, u8)) -> Chapter {
    Chapter {
        id: id.into(),
        title: format!("Chapter {id}"),
        kind,
        prerequisites: pre.iter().map(|s| s.to_string()).collect(),
        level_range: Some(LevelRange {
            min: levels.0,
            max: levels.1,
        }),
        ..Default::default()
    }
}

/// "The Sunken Crown": 8 chapters, a fork after chapter 3 (the harbour or the marsh), joined
/// again before the finale.
pub fn medium() -> Campaign {
    let mut c = Campaign::new("The Sunken Crown", "dm");
    c.length = LengthClass::Medium;
    c.level_range = LevelRange { min: 1, max: 8 };
    c.players = vec![
        Player {
            user: "ana".into(),
            characters: vec!["ch_ana".into()],
        },
        Player {
            user: "ben".into(),
            characters: vec!["ch_ben".into()],
        },
    ];
    let chapters = [
        chapter("arrival", ChapterKind::Intro, &[], (1, 1)),
        chapter("market-riot", ChapterKind::Story, &["arrival"], (1, 2)),
        chapter(
            "old-lighthouse",
            ChapterKind::SideQuest,
            &["arrival"],
            (2, 3),
        ),
        chapter("council", ChapterKind::Story, &["market-riot"], (2, 3)),
        chapter("harbour", ChapterKind::Story, &["council"], (3, 4)),
        chapter("marsh", ChapterKind::Story, &["council"], (3, 4)),
        chapter(
            "drowned-king",
            ChapterKind::BossBattle,
            &["harbour", "marsh"],
            (5, 6),
        ),
        chapter("crown", ChapterKind::Finale, &["drowned-king"], (6, 8)),
    ];
    for ch in chapters {
        add_chapter(&mut c, ch).expect("chapter adds");
    }
    c
}
