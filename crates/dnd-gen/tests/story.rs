//! Backstories, the consistency check, refinement as a proposed diff, level-up suggestions and
//! the job queue.

use std::sync::Arc;

use dnd_core::history::Category;
use dnd_core::model::Character;
use dnd_core::rules::Rules;
use dnd_gen::{
    CancelToken, CharacterRequest, JobQueue, JobStatus, OfflineText, RulesCatalog,
    generate_character, write_backstory,
};
use serde_json::json;

fn make(concept: &str, level: u32, seed: u64) -> Character {
    let r = Rules::srd();
    let req = CharacterRequest {
        concept: concept.into(),
        level,
        seed,
    };
    generate_character(
        r,
        &OfflineText::new(r),
        &RulesCatalog::new(r),
        &req,
        &CancelToken::new(),
    )
    .expect("generated")
    .character
}

#[test]
fn backstories_are_consistent_with_the_sheet() {
    let r = Rules::srd();
    for seed in 0..40 {
        let ch = make("a gruff dwarven soldier with a hammer", 2, seed);
        let b = write_backstory(r, &OfflineText::new(r), &ch, seed, &CancelToken::new())
            .expect("backstory");
        assert!(b.prose.backstory.len() > 40);
        assert!(!b.prose.personality_traits.is_empty() && !b.prose.ideals.is_empty());
        assert!(
            b.contradictions.is_empty(),
            "seed {seed}: {:?} in {}",
            b.contradictions,
            b.prose.backstory
        );
        let applied = b.apply(&ch);
        assert_eq!(applied.details.backstory, b.prose.backstory);
    }
}

#[test]
fn the_check_flags_a_class_species_or_alignment_the_sheet_lacks() {
    let r = Rules::srd();
    let mut ch = make("an elven wizard", 1, 3);
    ch.details.alignment = Some("lawful good".into());
    let found = dnd_gen::check_consistency(
        r,
        &ch,
        "A famous dwarven paladin, chaotic evil to the core, who studied as a wizard.",
    );
    let kinds: Vec<(&str, &str)> = found
        .iter()
        .map(|c| (c.kind.as_str(), c.word.as_str()))
        .collect();
    assert!(kinds.contains(&("class", "paladin")), "{kinds:?}");
    assert!(kinds.contains(&("species", "dwarf")), "{kinds:?}");
    assert!(kinds.contains(&("alignment", "chaotic evil")), "{kinds:?}");
    assert!(!kinds.iter().any(|k| k.1 == "wizard"));
}

#[test]
fn refine_proposes_a_diff_toward_the_feedback() {
    let r = Rules::srd();
    let ch = make("a devout human cleric", 1, 5);
    let f = dnd_gen::refine(
        r,
        &OfflineText::new(r),
        &ch,
        "make her more of a healer",
        5,
        &CancelToken::new(),
    )
    .expect("refined");
    assert_eq!(
        f.character.levels[0].class, "cleric",
        "a cleric can heal: class kept"
    );
    assert_eq!(f.character.name, ch.name);
    let spells = &f.character.levels[0].spells;
    assert!(
        spells
            .iter()
            .any(|s| s == "cure-wounds" || s == "healing-word"),
        "{spells:?}"
    );
    assert!(!f.diff.changes.is_empty());
    // A fighter has no healing spells: the class changes toward one that heals.
    let fighter = make("a fighter with a sword", 1, 2);
    let f = dnd_gen::refine(
        r,
        &OfflineText::new(r),
        &fighter,
        "make him a healer",
        2,
        &CancelToken::new(),
    )
    .expect("refined");
    assert_ne!(f.character.levels[0].class, "fighter");
    assert!(f.diff.changes.iter().any(|c| c.category == Category::Level
        || c.category == Category::ClassFeature
        || c.category == Category::Other));
    assert_eq!(
        dnd_gen::refine(
            r,
            &OfflineText::new(r),
            &fighter,
            " ",
            2,
            &CancelToken::new()
        )
        .expect_err("empty")
        .code(),
        "gen.bad_request"
    );
}

#[test]
fn level_up_suggestions_name_the_choices_and_fitting_picks() {
    let r = Rules::srd();
    let ch = make("a stealthy halfling rogue", 2, 9);
    let s = dnd_gen::suggest_level_up(r, &RulesCatalog::new(r), &ch, None, Some("a thief"))
        .expect("suggestion");
    assert_eq!(s.class, "rogue");
    assert_eq!(s.new_level, 3);
    assert!(s.decisions.iter().any(|d| d.key == "subclass"));
    assert_eq!(s.picks.get("subclass").map(String::as_str), Some("thief"));
}

#[test]
fn the_job_queue_runs_by_priority_with_progress_and_cancellation_into_the_event_log() {
    let dir = tempfile::tempdir().expect("dir");
    let store = Arc::new(dnd_store::SqliteStore::open(dir.path().join("jobs.db")).expect("store"));
    let q = JobQueue::new(1, Some(Arc::clone(&store)), "tester");
    let (tx, rx) = std::sync::mpsc::channel::<()>();
    // A blocker holds the only worker so the others queue up.
    let blocker = q.submit(
        "block",
        0,
        Box::new(move |_| {
            let _ = rx.recv();
            Ok(json!("unblocked"))
        }),
    );
    let order = Arc::new(std::sync::Mutex::new(Vec::new()));
    let mk = |name: &'static str| {
        let order = Arc::clone(&order);
        Box::new(move |ctx: &dnd_gen::JobContext<'_>| {
            ctx.progress(0.5, "half");
            order.lock().expect("order").push(name);
            Ok(json!(name))
        }) as dnd_gen::Work
    };
    let low = q.submit("gen", 1, mk("low"));
    let high = q.submit("gen", 9, mk("high"));
    let doomed = q.submit("gen", 5, mk("doomed"));
    assert_eq!(
        q.cancel(&doomed).expect("cancel").status,
        JobStatus::Cancelled
    );
    let fails = q.submit(
        "gen",
        0,
        Box::new(|_| {
            Err(dnd_gen::GenError::BadRequest {
                field: "x".into(),
                reason: "no".into(),
            })
        }),
    );
    tx.send(()).expect("unblock");
    assert_eq!(
        q.wait(&blocker).expect("wait").result,
        Some(json!("unblocked"))
    );
    assert_eq!(q.wait(&low).expect("low").status, JobStatus::Done);
    assert_eq!(q.wait(&high).expect("high").result, Some(json!("high")));
    let f = q.wait(&fails).expect("fails");
    assert_eq!(f.status, JobStatus::Failed);
    assert_eq!(
        f.error.as_ref().and_then(|e| e["code"].as_str()),
        Some("gen.bad_request")
    );
    assert_eq!(*order.lock().expect("order"), vec!["high", "low"]);
    assert_eq!(
        q.status("nope").expect_err("none").code(),
        "gen.job.not_found"
    );
    assert_eq!(q.list().len(), 5);
    let events = store.events(0, 1000).expect("events");
    let kinds: Vec<&str> = events
        .iter()
        .filter(|e| e.subject == high)
        .map(|e| e.kind.as_str())
        .collect();
    assert_eq!(
        kinds,
        vec!["job.queued", "job.started", "job.progress", "job.done"]
    );
    let doc = store.get_document(&high).expect("job document");
    assert_eq!(doc.kind, "job");
    assert_eq!(doc.body["status"], "done");
}

#[test]
fn refinement_of_many_characters_stays_valid() {
    let r = Rules::srd();
    let feedback = [
        "make her more of a healer",
        "sneakier",
        "more of a brute, less charming",
        "give him a longbow",
        "make them a wizard",
    ];
    for seed in 0..60u64 {
        let concept = [
            "a stealthy elven archer",
            "a dwarven priest",
            "a tiefling warlock",
            "a halfling bard",
            "an orc barbarian",
            "a gnome wizard",
        ][(seed % 6) as usize];
        let ch = make(concept, 1 + (seed % 5) as u32, seed);
        let fb = feedback[(seed % feedback.len() as u64) as usize];
        let f = dnd_gen::refine(r, &OfflineText::new(r), &ch, fb, seed, &CancelToken::new())
            .unwrap_or_else(|e| panic!("{concept} / {fb} (seed {seed}): {e}"));
        assert!(dnd_core::validate::validate(r, &f.character, &Default::default()).valid);
        assert_eq!(f.character.level(), ch.level());
    }
}
