//! The generation verbs through the built binary: create (print, -o, --save with provenance),
//! backstory, refine, suggest, prompt, map (SVG, PNG, --save) and jobs; exit codes.

mod common;

use common::{dnd, root};

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().expect("tmp")
}

fn s(p: &std::path::Path) -> String {
    p.display().to_string()
}

#[test]
fn create_prints_writes_and_saves_a_valid_character() {
    let out = dnd(&["create", "a stealthy elven archer", "--seed", "7"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ch: serde_json::Value = serde_json::from_slice(&out.stdout).expect("character JSON");
    assert_eq!(ch["species"]["id"], "elf");
    assert!(String::from_utf8_lossy(&out.stderr).contains("by offline in 1 attempt(s)"));
    let again = dnd(&["create", "a stealthy elven archer", "--seed", "7"]);
    assert_eq!(
        out.stdout, again.stdout,
        "same concept and seed, same character"
    );
    let d = tmp();
    let file = d.path().join("c.json");
    let out = dnd(&[
        "create",
        "a dwarven cleric",
        "--level",
        "4",
        "-o",
        &s(&file),
    ]);
    assert!(out.status.success());
    let v = dnd(&["validate", &s(&file)]);
    assert!(v.status.success(), "{}", String::from_utf8_lossy(&v.stdout));
    let db = d.path().join("g.db");
    let out = dnd(&[
        "--db",
        &s(&db),
        "create",
        "a gnome wizard",
        "--save",
        "--json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let g: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let id = g["saved"]["id"].as_str().expect("id").to_string();
    let h = dnd(&["--db", &s(&db), "history", &id, "--json"]);
    assert!(h.status.success(), "{}", String::from_utf8_lossy(&h.stderr));
    let text = String::from_utf8_lossy(&h.stdout);
    assert!(
        text.contains("gen.prompt_hash") && text.contains("gen.answer_hash"),
        "{text}"
    );
}

#[test]
fn bad_generation_input_exits_2() {
    assert_eq!(dnd(&["create", "x", "--level", "0"]).status.code(), Some(2));
    let out = dnd(&[
        "create",
        "x",
        "--json",
        "--provider",
        "openai",
        "--api-key-env",
        "DND_TEST_NO_SUCH_KEY",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let e: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json error");
    assert_eq!(e["error"]["code"], "gen.bad_request");
}

#[test]
fn backstory_refine_suggest_and_prompt() {
    let d = tmp();
    let file = d.path().join("c.json");
    assert!(
        dnd(&[
            "create",
            "a devout human cleric",
            "--seed",
            "5",
            "-o",
            &s(&file)
        ])
        .status
        .success()
    );
    let b = dnd(&["backstory", &s(&file)]);
    assert!(b.status.success());
    assert!(String::from_utf8_lossy(&b.stdout).contains("Traits: "));
    let out2 = d.path().join("c2.json");
    assert!(
        dnd(&["backstory", &s(&file), "--seed", "9", "-o", &s(&out2)])
            .status
            .success()
    );
    let r = dnd(&["refine", &s(&file), "more of a healer", "--json"]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let v: serde_json::Value = serde_json::from_slice(&r.stdout).expect("json");
    assert!(v["diff"]["changes"].is_array());
    let sug = dnd(&["suggest", &s(&file)]);
    assert!(String::from_utf8_lossy(&sug.stdout).contains("cleric → level 2"));
    let p1 = dnd(&[
        "prompt",
        "portrait",
        "examples/characters/paladin-1.json",
        "--json",
    ]);
    let p2 = dnd(&[
        "prompt",
        "portrait",
        "examples/characters/paladin-1.json",
        "--json",
    ]);
    assert!(p1.status.success());
    assert_eq!(p1.stdout, p2.stdout);
    let themed = dnd(&[
        "--pack",
        "examples/packs/themes",
        "prompt",
        "item",
        "examples/characters/paladin-1.json",
        "--theme",
        "western",
    ]);
    assert!(
        String::from_utf8_lossy(&themed.stdout).contains("weird west"),
        "{}",
        String::from_utf8_lossy(&themed.stderr)
    );
}

#[test]
fn maps_render_to_svg_and_png_and_save_as_assets() {
    let d = tmp();
    let svg = dnd(&[
        "map",
        "dungeon",
        "--seed",
        "7",
        "--token",
        "Ilse@5,5#2f4f8f",
        "--area",
        "cone@5,5:15:0",
    ]);
    assert!(svg.status.success());
    assert!(svg.stdout.starts_with(b"<svg"));
    let golden =
        std::fs::read(root().join("fixtures/gen/dungeon-40x40-seed-7.svg")).expect("golden");
    let plain = dnd(&[
        "map",
        "dungeon",
        "--seed",
        "7",
        "--token",
        "Ilse@5,5#2f4f8f",
        "--token",
        "Orc@9,6",
        "--area",
        "circle@12,12:20",
        "--area",
        "cone@5,5:15:0",
        "--area",
        "line@20,20:60:5:90",
        "--area",
        "square@30,30:10",
    ]);
    assert_eq!(plain.stdout, golden, "the CLI draws the golden map");
    let png = d.path().join("m.png");
    let db = d.path().join("m.db");
    let out = dnd(&[
        "--db",
        &s(&db),
        "map",
        "region",
        "--seed",
        "3",
        "-o",
        &s(&png),
        "--save",
        "--json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(std::fs::read(&png).expect("png").starts_with(b"\x89PNG"));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(v["asset"].is_string());
    assert_eq!(
        dnd(&["map", "dungeon", "--token", "nope"]).status.code(),
        Some(2)
    );
    assert_eq!(
        dnd(&["map", "dungeon", "-o", &s(&d.path().join("m.gif"))])
            .status
            .code(),
        Some(2)
    );
    let jobs = dnd(&["--db", &s(&db), "jobs"]);
    assert!(String::from_utf8_lossy(&jobs.stdout).contains("no jobs"));
}
