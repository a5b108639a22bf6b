//! Golden tests: image prompts and SVG maps are byte-for-byte the same for the same inputs
//! (`UPDATE_GOLDEN=1` rewrites `fixtures/gen/`).

use std::path::PathBuf;

use dnd_core::history::ThemeDef;
use dnd_core::model::Character;
use dnd_core::rules::Rules;
use dnd_gen::PromptKind;
use dnd_gen::maps::{Area, DungeonSpec, Palette, RegionSpec, Token, dungeon_canvas, region_canvas};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn golden(name: &str, actual: &str) {
    let path = root().join("fixtures/gen").join(name);
    if std::env::var("UPDATE_GOLDEN").is_ok_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, actual).expect("write");
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("missing {}; run UPDATE_GOLDEN=1", path.display()));
    assert_eq!(
        expected, actual,
        "{name} changed; run UPDATE_GOLDEN=1 cargo test -p dnd-gen --test goldens after checking why"
    );
}

fn character(name: &str) -> Character {
    let text =
        std::fs::read_to_string(root().join("examples/characters").join(name)).expect("example");
    Character::from_json(&text).expect("character")
}

fn themes() -> Vec<ThemeDef> {
    let text =
        std::fs::read_to_string(root().join("examples/packs/themes/themes.json")).expect("themes");
    serde_json::from_str(&text).expect("theme defs")
}

#[test]
fn prompts_are_golden_and_deterministic() {
    let r = Rules::srd();
    let themes = themes();
    let cyber = themes.iter().find(|t| t.id == "cyberpunk");
    let mut out = Vec::new();
    for (file, theme) in [
        ("paladin-1.json", None),
        ("cleric-5.json", cyber),
        ("monk-20.json", themes.first()),
    ] {
        let ch = character(file);
        for kind in [PromptKind::Portrait, PromptKind::Item, PromptKind::Map] {
            let a = dnd_gen::compile_prompt(r, &ch, theme, kind, None).expect("prompt");
            let b = dnd_gen::compile_prompt(r, &ch, theme, kind, None).expect("prompt");
            assert_eq!(a, b);
            out.push(serde_json::json!({"character": file, "theme": theme.map(|t| t.id.clone()), "prompt": a}));
        }
    }
    let mut poisoned = character("paladin-1.json");
    poisoned.state.conditions.push("poisoned".into());
    let p =
        dnd_gen::compile_prompt(r, &poisoned, None, PromptKind::Portrait, None).expect("prompt");
    assert!(p.positive.contains("sickly pallor"), "{}", p.positive);
    let base = dnd_gen::compile_prompt(
        r,
        &character("paladin-1.json"),
        None,
        PromptKind::Portrait,
        None,
    )
    .expect("prompt");
    assert_ne!(p.seed, base.seed);
    golden(
        "prompts.json",
        &format!("{}\n", serde_json::to_string_pretty(&out).expect("json")),
    );
}

#[test]
fn an_invalid_character_gets_no_prompt() {
    let mut ch = character("paladin-1.json");
    ch.abilities.base.str = 30;
    let e = dnd_gen::compile_prompt(Rules::srd(), &ch, None, PromptKind::Portrait, None)
        .expect_err("invalid");
    assert_eq!(e.code(), "gen.invalid");
}

#[test]
fn dungeon_svg_is_golden_and_png_renders() {
    let spec = DungeonSpec {
        seed: 7,
        tokens: vec![
            Token {
                label: "Ilse".into(),
                x: 5,
                y: 5,
                color: Some("#2f4f8f".into()),
            },
            Token {
                label: "Orc".into(),
                x: 9,
                y: 6,
                color: None,
            },
        ],
        areas: vec![
            Area::Circle {
                x: 12,
                y: 12,
                radius_ft: 20,
            },
            Area::Cone {
                x: 5,
                y: 5,
                length_ft: 15,
                direction: 0.0,
            },
            Area::Line {
                x: 20,
                y: 20,
                length_ft: 60,
                width_ft: 5,
                direction: 90.0,
            },
            Area::Square {
                x: 30,
                y: 30,
                size_ft: 10,
            },
        ],
        ..DungeonSpec::default()
    };
    let (d, c) = dungeon_canvas(&spec);
    assert!(d.rooms.len() >= 4, "{} rooms", d.rooms.len());
    assert!(d.cells.contains(&dnd_gen::maps::dungeon::Cell::Door));
    let svg = c.to_svg();
    assert_eq!(svg, dungeon_canvas(&spec).1.to_svg());
    assert_ne!(
        svg,
        dungeon_canvas(&DungeonSpec {
            seed: 8,
            ..spec.clone()
        })
        .1
        .to_svg()
    );
    golden("dungeon-40x40-seed-7.svg", &svg);
    let png = c.to_png().expect("png");
    assert!(png.starts_with(b"\x89PNG"));
    assert_eq!(png, dungeon_canvas(&spec).1.to_png().expect("png"));
    let themed = DungeonSpec {
        palette: Palette::of_theme(&themes()[1]),
        ..spec
    };
    assert!(dungeon_canvas(&themed).1.to_svg().contains("#ff2a6d"));
}

#[test]
fn region_svg_is_golden() {
    let spec = RegionSpec {
        seed: 3,
        ..RegionSpec::default()
    };
    let (r, c) = region_canvas(&spec);
    assert!(!r.points.is_empty());
    assert!(
        r.points
            .iter()
            .all(|p| r.terrain[(p.y * r.width + p.x) as usize] != dnd_gen::maps::Terrain::Water)
    );
    let svg = c.to_svg();
    assert_eq!(svg, region_canvas(&spec).1.to_svg());
    golden("region-48x32-seed-3.svg", &svg);
    assert!(c.to_png().expect("png").starts_with(b"\x89PNG"));
}
