//! The HTTP path against a scripted OpenAI-compatible fake on 127.0.0.1: valid answers,
//! repairs, invalid and malformed answers, 429 with Retry-After, 500s, timeouts, the circuit
//! breaker, the JSON-Schema fallback, the cache, rate limits, embeddings and images.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::fake::{Fake, Reply};
use dnd_core::rules::Rules;
use dnd_gen::http::{
    A1111, A1111Config, ClientConfig, ManualClock, OpenAiCompatible, OpenAiConfig, RetryPolicy,
    RobustClient, Structured,
};
use dnd_gen::{
    CancelToken, CharacterRequest, EmbeddingProvider, ImageProvider, ImageRequest, RulesCatalog,
    generate_character,
};
use serde_json::json;

const VALID: &str = r#"{"name":"Ilse Vane","class":"wizard","species":"elf","lineage":"high-elf","background":"sage","skills":["insight","investigation"],"spells":["magic-missile"],"weapon":"quarterstaff","alignment":"neutral good","backstory":"Ilse studied in a tower library until the night it burned.","personality_traits":["Keeps notes on everything"]}"#;
const INVALID: &str =
    r#"{"name":"Ilse Vane","class":"wizzard","species":"elf","background":"sage"}"#;

fn config(max_retries: u32, timeout_ms: u64) -> ClientConfig {
    ClientConfig {
        retry: RetryPolicy {
            max_retries,
            base: Duration::from_millis(200),
            max_delay: Duration::from_secs(5),
            timeout: Duration::from_millis(timeout_ms),
            jitter_seed: 1,
        },
        ..ClientConfig::default()
    }
}

fn provider(fake: &Fake, cfg: ClientConfig, clock: &ManualClock) -> OpenAiCompatible {
    let client = RobustClient::with_clock(
        "openai-compatible",
        cfg,
        Arc::new(clock.clone()),
        Arc::new(clock.clone()),
    )
    .expect("client");
    let oc = OpenAiConfig {
        base_url: format!("{}/v1", fake.base),
        model: "fake-model".into(),
        api_key_env: "DND_TEST_NO_SUCH_KEY".into(),
        ..OpenAiConfig::default()
    };
    OpenAiCompatible::with_client(oc, client).expect("provider")
}

fn generate(p: &OpenAiCompatible) -> dnd_gen::Result<dnd_gen::Generated> {
    let r = Rules::srd();
    let req = CharacterRequest {
        concept: "a bookish elven wizard".into(),
        level: 1,
        seed: 7,
    };
    generate_character(r, p, &RulesCatalog::new(r), &req, &CancelToken::new())
}

#[test]
fn a_valid_answer_becomes_a_valid_character_with_provenance() {
    let fake = Fake::start();
    fake.chat(vec![Reply::chat(VALID)]);
    let clock = ManualClock::default();
    let p = provider(&fake, config(2, 5000), &clock);
    let g = generate(&p).expect("generated");
    assert_eq!(g.character.levels[0].class, "wizard");
    assert_eq!(g.character.species.lineage.as_deref(), Some("high-elf"));
    assert_eq!(g.provenance.provider, "openai-compatible");
    assert_eq!(g.provenance.model, "fake-model");
    assert_eq!(g.provenance.attempts, 1);
    assert_eq!(
        g.provenance.answer_hash,
        dnd_core::history::sha256_hex(VALID.as_bytes())
    );
    assert_eq!(g.usage.total_tokens, 120);
    assert_eq!(p.client().stats().usage.total_tokens, 120);
    let reqs = fake.requests();
    let body = &reqs[0].1;
    assert_eq!(body["response_format"]["type"], "json_schema");
    assert!(body["response_format"]["json_schema"]["schema"]["properties"]["class"].is_object());
    assert!(
        body["messages"][1]["content"]
            .as_str()
            .unwrap_or_default()
            .contains("\"wizard\"")
    );
}

#[test]
fn an_invalid_answer_is_repaired_with_the_problems_fed_back() {
    let fake = Fake::start();
    fake.chat(vec![Reply::chat(INVALID), Reply::chat(VALID)]);
    let p = provider(&fake, config(0, 5000), &ManualClock::default());
    let g = generate(&p).expect("repaired");
    assert_eq!(g.provenance.attempts, 2);
    let reqs = fake.requests();
    assert_eq!(reqs.len(), 2);
    let msgs = reqs[1].1["messages"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let last = msgs
        .last()
        .and_then(|m| m["content"].as_str())
        .unwrap_or_default()
        .to_string();
    assert!(last.contains("wizzard"), "{last}");
    assert_eq!(msgs[msgs.len() - 2]["role"], "assistant");
}

#[test]
fn an_always_invalid_answer_is_a_clear_error_after_three_repairs() {
    let fake = Fake::start();
    fake.chat(vec![Reply::chat(INVALID)]);
    let p = provider(&fake, config(0, 5000), &ManualClock::default());
    let e = generate(&p).expect_err("invalid");
    assert_eq!(e.code(), "gen.invalid");
    assert!(e.to_string().contains("wizzard"), "{e}");
    assert_eq!(fake.count(), 4);
}

#[test]
fn malformed_json_is_a_malformed_error() {
    let fake = Fake::start();
    fake.chat(vec![Reply::chat(
        "Sure! Here is your character: {name: Ilse",
    )]);
    let p = provider(&fake, config(0, 5000), &ManualClock::default());
    assert_eq!(generate(&p).expect_err("malformed").code(), "gen.malformed");
    let fake = Fake::start();
    fake.chat(vec![Reply::status(200, "<html>not json</html>")]);
    let p = provider(&fake, config(0, 5000), &ManualClock::default());
    assert_eq!(
        generate(&p).expect_err("malformed body").code(),
        "gen.malformed"
    );
}

#[test]
fn a_fenced_answer_with_text_around_it_is_accepted() {
    let fake = Fake::start();
    fake.chat(vec![Reply::chat(&format!(
        "Here you go:\n```json\n{VALID}\n```"
    ))]);
    let p = provider(&fake, config(0, 5000), &ManualClock::default());
    assert!(generate(&p).is_ok());
}

#[test]
fn a_429_is_retried_after_its_retry_after() {
    let fake = Fake::start();
    fake.chat(vec![
        Reply::status(429, "slow down").retry_after("7"),
        Reply::chat(VALID),
    ]);
    let clock = ManualClock::default();
    let p = provider(&fake, config(3, 5000), &clock);
    generate(&p).expect("after retry");
    assert!(clock.sleeps().contains(&7000), "{:?}", clock.sleeps());
    assert_eq!(p.client().stats().retries, 1);
}

#[test]
fn a_500_is_retried_with_backoff_and_then_gives_up() {
    let fake = Fake::start();
    fake.chat(vec![Reply::status(500, "oops"), Reply::chat(VALID)]);
    let clock = ManualClock::default();
    let p = provider(&fake, config(3, 5000), &clock);
    generate(&p).expect("after retry");
    let fake = Fake::start();
    fake.chat(vec![Reply::status(503, "down")]);
    let clock = ManualClock::default();
    let p = provider(
        &fake,
        ClientConfig {
            breaker_threshold: 100,
            ..config(3, 5000)
        },
        &clock,
    );
    let e = generate(&p).expect_err("unavailable");
    assert_eq!(e.code(), "gen.unavailable");
    assert_eq!(fake.count(), 4);
    let s = clock.sleeps();
    assert_eq!(s.len(), 3);
    // Exponential with jitter: each wait within [cap/2, cap], caps 200, 400, 800 ms.
    for (i, ms) in s.iter().enumerate() {
        let cap = 200u64 << i;
        assert!(*ms >= cap / 2 && *ms <= cap, "{s:?}");
    }
}

#[test]
fn a_slow_answer_past_the_timeout_is_a_timeout() {
    let fake = Fake::start();
    fake.chat(vec![Reply::chat(VALID).slow(1500)]);
    let p = provider(&fake, config(1, 250), &ManualClock::default());
    let e = generate(&p).expect_err("timeout");
    assert_eq!(e.code(), "gen.timeout");
    assert!(e.is_transient());
}

#[test]
fn an_open_circuit_sends_nothing() {
    let fake = Fake::start();
    fake.chat(vec![Reply::status(500, "down")]);
    let clock = ManualClock::default();
    let cfg = ClientConfig {
        breaker_threshold: 2,
        breaker_cooldown: Duration::from_secs(60),
        ..config(1, 5000)
    };
    let p = provider(&fake, cfg, &clock);
    assert_eq!(generate(&p).expect_err("down").code(), "gen.unavailable");
    assert_eq!(fake.count(), 2);
    assert!(p.client().circuit_open());
    let e = generate(&p).expect_err("open");
    assert_eq!(e.code(), "gen.circuit_open");
    assert_eq!(fake.count(), 2, "no request while open");
    // After the cooldown one trial goes through and closes it.
    clock.advance(61_000);
    fake.chat(vec![Reply::chat(VALID)]);
    generate(&p).expect("closed again");
    assert!(!p.client().circuit_open());
}

#[test]
fn a_server_without_json_schema_gets_plain_json_instructions() {
    let fake = Fake::start();
    fake.chat(vec![
        Reply::status(
            400,
            r#"{"error":{"message":"unknown field response_format"}}"#,
        ),
        Reply::chat(VALID),
    ]);
    let p = provider(&fake, config(0, 5000), &ManualClock::default());
    generate(&p).expect("fallback");
    let reqs = fake.requests();
    assert!(reqs[1].1.get("response_format").is_none());
    let system = reqs[1].1["messages"][0]["content"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(system.contains("JSON Schema"), "{system}");
}

#[test]
fn identical_requests_are_served_from_the_cache_and_rate_limits_wait() {
    let fake = Fake::start();
    fake.chat(vec![Reply::chat(VALID)]);
    let clock = ManualClock::default();
    let p = provider(
        &fake,
        ClientConfig {
            text_per_minute: 1,
            ..config(0, 5000)
        },
        &clock,
    );
    generate(&p).expect("first");
    generate(&p).expect("cached");
    assert_eq!(fake.count(), 1);
    assert_eq!(p.client().stats().cache_hits, 1);
    assert!(clock.sleeps().is_empty());
    let r = Rules::srd();
    let req = CharacterRequest {
        concept: "another wizard".into(),
        level: 1,
        seed: 8,
    };
    generate_character(r, &p, &RulesCatalog::new(r), &req, &CancelToken::new()).expect("third");
    assert_eq!(clock.sleeps().len(), 1, "waited for a token");
    assert!(clock.sleeps()[0] >= 59_000, "{:?}", clock.sleeps());
}

#[test]
fn cancellation_stops_before_any_request() {
    let fake = Fake::start();
    fake.chat(vec![Reply::chat(VALID)]);
    let p = provider(&fake, config(0, 5000), &ManualClock::default());
    let r = Rules::srd();
    let cancel = CancelToken::new();
    cancel.cancel();
    let req = CharacterRequest {
        concept: "x".into(),
        level: 1,
        seed: 1,
    };
    let e = generate_character(r, &p, &RulesCatalog::new(r), &req, &cancel).expect_err("cancelled");
    assert_eq!(e.code(), "gen.cancelled");
    assert_eq!(fake.count(), 0);
}

#[test]
fn embeddings_and_images_endpoints() {
    let fake = Fake::start();
    fake.script("/v1/embeddings", vec![Reply::json(json!({"data": [{"index": 1, "embedding": [0.0, 1.0]}, {"index": 0, "embedding": [1.0, 0.0]}], "usage": {"prompt_tokens": 4, "total_tokens": 4}}))]);
    let png = tiny_skia::Pixmap::new(2, 2)
        .expect("pixmap")
        .encode_png()
        .expect("png");
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD.encode(&png);
    fake.script(
        "/v1/images/generations",
        vec![Reply::json(json!({"data": [{"b64_json": b64}]}))],
    );
    fake.script(
        "/sdapi/v1/txt2img",
        vec![Reply::json(json!({"images": [b64]}))],
    );
    let clock = ManualClock::default();
    let p = provider(&fake, config(0, 5000), &clock);
    let v = p
        .embed(&["a".into(), "b".into()], &CancelToken::new())
        .expect("embed");
    assert_eq!(v, vec![vec![1.0, 0.0], vec![0.0, 1.0]]);
    let req = ImageRequest {
        prompt: "portrait".into(),
        negative: "blurry".into(),
        seed: 3,
        width: 512,
        height: 512,
    };
    let img = p.generate(&req, &CancelToken::new()).expect("image");
    assert_eq!(img.content_type, "image/png");
    assert_eq!(img.bytes, png);
    let client = RobustClient::with_clock(
        "a1111",
        config(0, 5000),
        Arc::new(clock.clone()),
        Arc::new(clock.clone()),
    )
    .expect("client");
    let a = A1111::with_client(
        A1111Config {
            base_url: fake.base.clone(),
            ..A1111Config::default()
        },
        client,
    );
    assert_eq!(
        a.generate(&req, &CancelToken::new())
            .expect("txt2img")
            .bytes,
        png
    );
    let sd = fake
        .requests()
        .into_iter()
        .find(|(p, _)| p == "/sdapi/v1/txt2img")
        .expect("sd request")
        .1;
    assert_eq!(sd["negative_prompt"], "blurry");
    assert_eq!(sd["seed"], 3);
}

#[test]
fn instructions_mode_never_sends_response_format() {
    let fake = Fake::start();
    fake.chat(vec![Reply::chat(VALID)]);
    let client = RobustClient::new("openai-compatible", config(0, 5000)).expect("client");
    let oc = OpenAiConfig {
        base_url: format!("{}/v1", fake.base),
        model: "llama".into(),
        api_key_env: "DND_TEST_NO_SUCH_KEY".into(),
        structured: Structured::Instructions,
        ..OpenAiConfig::default()
    };
    let p = OpenAiCompatible::with_client(oc, client).expect("provider");
    generate(&p).expect("ok");
    assert!(fake.requests()[0].1.get("response_format").is_none());
}

#[test]
fn api_openai_com_needs_a_key() {
    let oc = OpenAiConfig {
        api_key_env: "DND_TEST_NO_SUCH_KEY".into(),
        ..OpenAiConfig::default()
    };
    let e = OpenAiCompatible::new(oc, ClientConfig::default()).expect_err("no key");
    assert_eq!(e.code(), "gen.bad_request");
}
