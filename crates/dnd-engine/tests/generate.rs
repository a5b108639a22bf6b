//! Generation through the facade on a real SQLite file: a generated character saved with its
//! provenance, nothing stored when the provider's answers stay invalid, prompts, maps stored as
//! assets, and jobs recorded in the database.

#[path = "../../dnd-gen/tests/common/fake.rs"]
mod fake;

use std::borrow::Cow;

use dnd_core::rules::Rules;
use dnd_engine::generation::PromptKind;
use dnd_engine::generation::http::{ClientConfig, OpenAiConfig, RetryPolicy};
use dnd_engine::{Engine, GenOptions, MapFormat, MapKind, MapRequest, ProviderChoice};
use fake::{Fake, Reply};
use serde_json::json;

fn engine(dir: &std::path::Path) -> Engine {
    Engine::open(dir.join("dnd.db"), Cow::Borrowed(Rules::srd())).expect("engine")
}

#[test]
fn a_generated_character_is_saved_with_its_provenance() {
    let dir = tempfile::tempdir().expect("tmp");
    let e = engine(dir.path());
    let g = e
        .generate_character(
            "a stealthy elven archer",
            3,
            7,
            &GenOptions::default(),
            true,
        )
        .expect("generated");
    let saved = g.saved.expect("saved");
    let (ch, commit) = e.load(&saved.id, None).expect("load");
    assert_eq!(ch.species.id, "elf");
    assert_eq!(ch.level(), 3);
    let p = &commit.body.provenance;
    assert_eq!(p.get("gen.provider").map(String::as_str), Some("offline"));
    assert_eq!(p.get("gen.seed").map(String::as_str), Some("7"));
    assert_eq!(
        p.get("gen.prompt_hash"),
        Some(&g.generated.provenance.prompt_hash)
    );
    assert_eq!(
        p.get("gen.answer_hash"),
        Some(&g.generated.provenance.answer_hash)
    );
    assert!(commit.body.message.contains("stealthy elven archer"));
    let again = e
        .generate_character(
            "a stealthy elven archer",
            3,
            7,
            &GenOptions::default(),
            false,
        )
        .expect("again");
    assert!(again.saved.is_none());
    assert_eq!(again.generated.character, g.generated.character);
}

#[test]
fn nothing_is_stored_when_the_answers_stay_invalid() {
    let dir = tempfile::tempdir().expect("tmp");
    let e = engine(dir.path());
    let fake = Fake::start();
    fake.chat(vec![Reply::chat(
        r#"{"name":"X","class":"necromancer","species":"elf","background":"sage"}"#,
    )]);
    let opts = GenOptions {
        provider: ProviderChoice::Openai(OpenAiConfig {
            base_url: format!("{}/v1", fake.base),
            model: "m".into(),
            api_key_env: "DND_TEST_NO_SUCH_KEY".into(),
            ..OpenAiConfig::default()
        }),
        client: ClientConfig {
            retry: RetryPolicy {
                max_retries: 0,
                ..RetryPolicy::default()
            },
            ..ClientConfig::default()
        },
        ..GenOptions::default()
    };
    let err = e
        .generate_character("a necromancer", 1, 1, &opts, true)
        .expect_err("invalid");
    assert_eq!(err.code(), "gen.invalid");
    assert!(err.is_refusal());
    assert!(e.list(None).expect("list").is_empty());
    assert_eq!(fake.count(), 4);
}

#[test]
fn backstory_refine_suggestion_prompt_maps_and_jobs() {
    let dir = tempfile::tempdir().expect("tmp");
    let e = engine(dir.path());
    let opts = GenOptions::default();
    let ch = e
        .generate_character("a devout dwarven cleric", 1, 3, &opts, false)
        .expect("gen")
        .generated
        .character;
    let b = e.backstory(&ch, 4, &opts).expect("backstory");
    assert!(b.contradictions.is_empty());
    let r = e.refine(&ch, "more of a healer", 3, &opts).expect("refine");
    assert_eq!(r.character.levels[0].class, "cleric");
    let s = e.level_up_suggestion(&ch, None, None).expect("suggestion");
    assert_eq!(s.new_level, 2);
    let p = e
        .prompt(&ch, PromptKind::Portrait, None, None)
        .expect("prompt");
    assert!(p.positive.contains("dwarf"));
    let req = MapRequest {
        kind: MapKind::Dungeon,
        seed: 5,
        width: None,
        height: None,
        theme: None,
        tokens: vec![],
        areas: vec![],
        format: MapFormat::Png,
        save: true,
    };
    let m = e.map(&req).expect("map");
    let id = m.asset.expect("asset");
    let (meta, bytes) = e.asset_get(&id).expect("asset back");
    assert_eq!(bytes, m.bytes);
    assert_eq!(meta.content_type, "image/png");
    let svg = e
        .map(&MapRequest {
            kind: MapKind::Region,
            format: MapFormat::Svg,
            save: false,
            ..req
        })
        .expect("region");
    assert!(String::from_utf8_lossy(&svg.bytes).starts_with("<svg"));
    let q = e.job_queue(2).expect("queue");
    let job = q.submit(
        "map",
        1,
        Box::new(|ctx| {
            ctx.progress(0.5, "drawing");
            Ok(json!({"ok": true}))
        }),
    );
    q.wait(&job).expect("done");
    drop(q);
    let jobs = e.jobs().expect("jobs");
    assert_eq!(jobs.len(), 1);
    assert_eq!(jobs[0].id, job);
    assert!(
        e.events(0, 100)
            .expect("events")
            .iter()
            .any(|ev| ev.kind == "job.done" && ev.subject == job)
    );
}
