//! Behaviour contract of sessions, journals and progress: the 2024 XP table (checked against
//! the SRD Markdown), sessions that award XP and trigger a level-up suggestion at 2,700 XP,
//! journal summaries, and campaign events applied and reverted exactly.

mod campaign_helpers;
mod common;

use campaign_helpers::medium;
use dnd_core::build::{LevelUp, level_up};
use dnd_core::campaign::impacts::{Impact, apply_impacts, revert_impacts};
use dnd_core::campaign::journal::{QuestState, QuestUpdate, StandingChange, XpAward, summarize};
use dnd_core::campaign::npcs::{Npc, add_npc};
use dnd_core::campaign::progress::{level_for_xp, progress, xp_for_level};
use dnd_core::campaign::sessions::{CharacterNote, Session, record_session};
use dnd_core::campaign::{Advancement, validate};
use dnd_core::model::{Ability, Character};
use dnd_core::rules::Rules;

fn level3_fighter() -> Character {
    let rules = Rules::srd();
    let mut ch = Character::from_json(include_str!("../../../examples/characters/fighter-1.json"))
        .expect("example");
    for _ in 0..2 {
        ch = level_up(
            rules,
            &ch,
            &LevelUp {
                class: "fighter".into(),
                ..Default::default()
            },
        )
        .expect("level up")
        .character;
    }
    ch.id = Some("ch_ana".into());
    ch.details.xp = 900;
    ch
}

#[test]
fn the_xp_table_matches_the_srd_character_advancement_table() {
    assert_eq!(level_for_xp(0), 1);
    assert_eq!(level_for_xp(2_699), 3);
    assert_eq!(level_for_xp(2_700), 4);
    assert_eq!(level_for_xp(355_000), 20);
    assert_eq!(level_for_xp(u64::MAX), 20);
    assert_eq!(xp_for_level(4), Some(2_700));
    assert_eq!(xp_for_level(21), None);
    assert_eq!(xp_for_level(0), None);
    let Some(dir) = common::srd_dir() else { return };
    let md = common::read_text(&dir, "markdown/03_character_creation.md");
    let start = md.find("Table: Character Advancement").expect("table");
    let mut rows = 0;
    let table = md[start..]
        .lines()
        .filter(|l| l.starts_with('|'))
        .filter(|l| {
            l.split('|')
                .nth(1)
                .is_some_and(|c| c.trim().parse::<u8>().is_ok())
        })
        .take(20);
    for line in table {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let level: u8 = cells[1].parse().expect("level");
        let xp: u32 = cells[2].replace(',', "").parse().expect("xp");
        assert_eq!(xp_for_level(level), Some(xp), "level {level}");
        rows += 1;
    }
    assert_eq!(rows, 20);
}

#[test]
fn sessions_award_xp_and_a_level_up_suggestion_appears_at_2700() {
    let rules = Rules::srd();
    let mut c = medium();
    add_npc(
        &mut c,
        Npc {
            id: "harbour-master".into(),
            name: "Ilsa Brant".into(),
            ..Default::default()
        },
    )
    .expect("npc");
    let mut ana = level3_fighter();
    assert_eq!(ana.level(), 3);
    let award = |n: u32, what: &str| XpAward {
        amount: n,
        source: what.into(),
        reason: String::new(),
    };
    let sessions = [
        (1, 900, vec!["arrival"], None),
        (2, 500, vec!["market-riot"], Some(10)),
        (3, 400, vec!["council"], Some(15)),
    ];
    let mut journal = Vec::new();
    for (number, xp, chapters, standing) in sessions {
        let s = Session {
            number,
            date: format!("2026-11-0{number}"),
            day: Some(number * 3),
            chapters: chapters.into_iter().map(String::from).collect(),
            attendees: vec!["ch_ana".into(), "ch_ben".into()],
            party_xp: vec![award(xp, &format!("session-{number}"))],
            characters: vec![CharacterNote {
                character: "ch_ana".into(),
                quests: vec![QuestUpdate {
                    quest: "find-the-crown".into(),
                    title: "Find the crown".into(),
                    state: QuestState::Active,
                    progress: u8::try_from(number * 20).expect("small"),
                }],
                standing: standing
                    .map(|d| StandingChange {
                        npc: "harbour-master".into(),
                        delta: d,
                        note: String::new(),
                    })
                    .into_iter()
                    .collect(),
                ..Default::default()
            }],
            ..Default::default()
        };
        let entries = record_session(&mut c, s, i64::from(number)).expect("records");
        assert_eq!(entries.len(), 2, "one per attendee");
        for e in entries.iter().filter(|e| e.character == "ch_ana") {
            for x in &e.xp {
                ana = apply_impacts(rules, &ana, &[Impact::Xp { amount: x.amount }])
                    .expect("xp")
                    .character;
            }
        }
        journal.extend(entries);
        let p = progress(rules, &ana, Advancement::Xp, None).expect("progress");
        if number < 3 {
            assert!(
                p.suggestion.is_none(),
                "no level 4 before 2,700 XP: {}",
                ana.details.xp
            );
        } else {
            assert_eq!(ana.details.xp, 2_700);
            let s = p.suggestion.expect("a level-up suggestion at 2,700 XP");
            assert_eq!((s.level, s.earned_level), (3, 4));
            assert_eq!(s.options[0].class, "fighter");
            assert_eq!(s.options[0].class_level, 4);
            assert!(
                s.options[0]
                    .decisions
                    .iter()
                    .any(|d| d.key.contains("asi") || d.key.contains("feat")),
                "level 4 asks for an ability score improvement or feat: {:?}",
                s.options[0]
                    .decisions
                    .iter()
                    .map(|d| &d.key)
                    .collect::<Vec<_>>()
            );
        }
    }
    assert_eq!(c.calendar.day, 9);
    assert_eq!(c.sessions.len(), 3);
    assert_eq!(
        c.chapters[3].state,
        dnd_core::campaign::ChapterState::InProgress
    );
    let sum = summarize("ch_ana", &journal);
    assert_eq!(sum.entries, 3);
    assert_eq!(sum.xp, 1_800);
    assert_eq!(sum.quests["find-the-crown"].progress, 60);
    assert_eq!(sum.standing["harbour-master"], 25);
    let rel = c
        .relationships
        .iter()
        .find(|r| r.from == "ch_ana" && r.to == "harbour-master")
        .expect("standing pushed into the relationship graph");
    assert_eq!(rel.standing, 25);
    assert!(
        validate(rules, &c).valid,
        "{:?}",
        validate(rules, &c).issues
    );
    // A session number is recorded once; an unknown attendee is refused.
    let again = Session {
        number: 3,
        ..Default::default()
    };
    assert_eq!(
        record_session(&mut c, again, 9)
            .expect_err("duplicate")
            .code(),
        "campaign.session.duplicate"
    );
    let stranger = Session {
        number: 4,
        attendees: vec!["ch_zed".into()],
        ..Default::default()
    };
    assert_eq!(
        record_session(&mut c, stranger, 9)
            .expect_err("unknown")
            .code(),
        "not_found.campaign_entry"
    );
    let zero = Session {
        number: 4,
        attendees: vec!["ch_ana".into()],
        party_xp: vec![award(0, "nothing")],
        ..Default::default()
    };
    assert_eq!(
        record_session(&mut c, zero, 9).expect_err("xp > 0").code(),
        "invalid_input.out_of_range"
    );
}

#[test]
fn milestone_advancement_suggests_at_the_milestone_level() {
    let rules = Rules::srd();
    let ana = level3_fighter();
    let p = progress(rules, &ana, Advancement::Milestone, Some(3)).expect("p");
    assert!(p.suggestion.is_none());
    let p = progress(rules, &ana, Advancement::Milestone, Some(4)).expect("p");
    assert_eq!(p.suggestion.expect("milestone").earned_level, 4);
    assert!(p.next_level_xp.is_none());
}

#[test]
fn campaign_events_apply_as_one_change_and_revert_exactly() {
    let rules = Rules::srd();
    let ana = level3_fighter();
    let impacts = [
        Impact::Xp { amount: 250 },
        Impact::HitPoints { delta: -7 },
        Impact::Condition {
            condition: "poisoned".into(),
            add: true,
        },
        Impact::Item {
            item: "potion-of-healing".into(),
            quantity: 2,
        },
        Impact::Ability {
            ability: Ability::Str,
            delta: 1,
        },
    ];
    let applied = apply_impacts(rules, &ana, &impacts).expect("applies");
    let after = &applied.character;
    assert_eq!(after.details.xp, 1_150);
    assert!(after.state.conditions.contains(&"poisoned".to_string()));
    assert!(
        after
            .inventory
            .items
            .iter()
            .any(|i| i.item == "potion-of-healing" && i.quantity == 2)
    );
    assert_eq!(after.abilities.base.str, ana.abilities.base.str + 1);
    assert_eq!(applied.summary.len(), 5);
    assert!(!applied.changes.changes.is_empty());
    let back = revert_impacts(after, &applied.changes).expect("reverts");
    assert_eq!(back, ana, "the exact prior values come back");
    // Refusals leave nothing half-applied.
    let e = apply_impacts(
        rules,
        &ana,
        &[
            Impact::Xp { amount: 10 },
            Impact::Item {
                item: "potion-of-healing".into(),
                quantity: -1,
            },
        ],
    )
    .expect_err("not held");
    assert_eq!(e.code(), "play.item.not_found");
    assert!(apply_impacts(rules, &ana, &[]).is_err());
    let e = apply_impacts(
        rules,
        &ana,
        &[Impact::Ability {
            ability: Ability::Con,
            delta: 40,
        }],
    )
    .expect_err("range");
    assert_eq!(e.code(), "invalid_input.out_of_range");
}
