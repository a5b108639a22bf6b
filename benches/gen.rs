//! Generation: offline concept → valid character, the HTTP path's overhead around a provider's
//! answer (against the scripted fake on 127.0.0.1), and a 40×40 dungeon map to SVG and PNG.

#[path = "../crates/dnd-gen/tests/common/fake.rs"]
mod fake;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use dnd_core::rules::Rules;
use dnd_gen::http::{ClientConfig, OpenAiCompatible, OpenAiConfig};
use dnd_gen::maps::{DungeonSpec, dungeon_canvas};
use dnd_gen::{
    CancelToken, Catalog, CharacterRequest, OfflineText, RulesCatalog, TextProvider,
    generate_character,
};
use fake::{Fake, Reply};

const VALID: &str = r#"{"name":"Ilse Vane","class":"wizard","species":"elf","lineage":"high-elf","background":"sage","skills":["insight","investigation"],"spells":["magic-missile"],"weapon":"quarterstaff","backstory":"Ilse studied in a tower library."}"#;

fn benches(c: &mut Criterion) {
    let r = Rules::srd();
    let mut g = c.benchmark_group("gen");
    let offline = OfflineText::new(r);
    let catalog = RulesCatalog::new(r);
    let cancel = CancelToken::new();
    let mut seed = 0u64;
    g.bench_function("offline concept -> valid level-1 character", |b| {
        b.iter(|| {
            seed = seed.wrapping_add(1);
            let req = CharacterRequest {
                concept: "a stealthy elven archer".into(),
                level: 1,
                seed,
            };
            generate_character(r, &offline, &catalog, black_box(&req), &cancel).expect("valid")
        })
    });
    let fits = catalog.fits("a stealthy elven archer");
    g.bench_function("parts: catalog fits", |b| {
        b.iter(|| catalog.fits(black_box("a stealthy elven archer")))
    });
    g.bench_function("parts: prompt messages", |b| {
        b.iter(|| {
            dnd_gen::prompt::character_messages(r, "a stealthy elven archer", 1, black_box(&fits))
        })
    });
    let ob = dnd_gen::concept::offline_build(r, &fits, 3);
    g.bench_function("parts: realize offline build", |b| {
        b.iter(|| dnd_gen::realize(r, black_box(&ob), 1, 3, false).expect("valid"))
    });
    let ch = dnd_gen::realize(r, &ob, 1, 3, false).expect("valid");
    g.bench_function("parts: validate", |b| {
        b.iter(|| dnd_core::validate::validate(r, black_box(&ch), &Default::default()))
    });
    g.bench_function("parts: builder decisions", |b| {
        b.iter(|| dnd_core::build::Builder::new(3).decisions(r).expect("d"))
    });
    let fake = Fake::start();
    fake.chat(vec![Reply::chat(VALID)]);
    let cfg = OpenAiConfig {
        base_url: format!("{}/v1", fake.base),
        model: "fake".into(),
        api_key_env: "DND_BENCH_NO_KEY".into(),
        ..OpenAiConfig::default()
    };
    // No cache and no rate limit in the way: every iteration is a real HTTP round trip.
    let client = ClientConfig {
        cache_entries: 0,
        text_per_minute: u32::MAX,
        ..ClientConfig::default()
    };
    let http = OpenAiCompatible::new(cfg, client).expect("provider");
    let req = CharacterRequest {
        concept: "a bookish elven wizard".into(),
        level: 1,
        seed: 7,
    };
    let chat = dnd_gen::ChatRequest {
        messages: dnd_gen::prompt::character_messages(
            r,
            &req.concept,
            1,
            &catalog.fits(&req.concept),
        ),
        schema: Some(("character_build".into(), dnd_gen::build_schema())),
        task: dnd_gen::Task::Character {
            concept: req.concept.clone(),
            level: 1,
        },
        seed: 7,
        temperature: 0.7,
        max_tokens: Some(1500),
    };
    g.bench_function(
        "http path: one chat completion round trip (prompt out, answer parsed)",
        |b| b.iter(|| http.complete(black_box(&chat), &cancel).expect("answer")),
    );
    g.bench_function("http path: concept -> valid character (one answer)", |b| {
        b.iter(|| generate_character(r, &http, &catalog, black_box(&req), &cancel).expect("valid"))
    });
    g.bench_function("realize the same answer without HTTP", |b| {
        let build: dnd_gen::Build = serde_json::from_str(VALID).expect("build");
        b.iter(|| dnd_gen::realize(r, black_box(&build), 1, 7, true).expect("valid"))
    });
    let spec = DungeonSpec {
        seed: 7,
        ..DungeonSpec::default()
    };
    g.bench_function("dungeon 40x40 -> SVG", |b| {
        b.iter(|| dungeon_canvas(black_box(&spec)).1.to_svg())
    });
    g.bench_function("dungeon 40x40 -> PNG", |b| {
        b.iter(|| dungeon_canvas(black_box(&spec)).1.to_png().expect("png"))
    });
    g.finish();
}

criterion_group!(gen_benches, benches);
criterion_main!(gen_benches);
