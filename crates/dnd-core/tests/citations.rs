//! Every validation rule cites a heading that exists in the SRD 5.2 Markdown
//! (`../shared/srd-5.2/markdown`), in a file of the cited chapter.

mod common;

use dnd_core::validate::codes;

fn chapter_files(chapter: &str) -> &'static [&'static str] {
    match chapter {
        "Playing the Game" => &["02_playing_the_game.md"],
        "Character Creation" => &["03_character_creation.md"],
        "Classes" => &["04_classes.md"],
        "Character Origins" => &["05_character_origins.md"],
        "Feats" => &["06_feats.md"],
        "Equipment" => &[
            "07_equipment_rules.md",
            "07_adventuring_gear.md",
            "07_magic_items.md",
            "07_tools.md",
        ],
        "Spells" => &["08_spells.md", "08_b_spellsaz.md"],
        "Rules Glossary" => &["09_rules_glossary.md"],
        "Gameplay Toolbox" => &["10_gameplay_toolbox.md"],
        _ => &[],
    }
}

fn normalize(h: &str) -> String {
    let h = h.trim_start_matches('#').replace("**", "");
    let h = h.split(" [").next().unwrap_or(&h).trim().to_lowercase();
    h.replace(['’', '‘'], "'")
}

#[test]
fn every_citation_names_an_srd_heading() {
    let Some(dir) = common::srd_dir() else { return };
    let mut missing = Vec::new();
    for c in codes() {
        let files = chapter_files(&c.citation.chapter);
        assert!(
            !files.is_empty(),
            "{}: unknown chapter {}",
            c.code,
            c.citation.chapter
        );
        let want = normalize(&c.citation.heading);
        let found = files.iter().any(|f| {
            common::read_text(&dir, &format!("markdown/{f}"))
                .lines()
                .filter(|l| l.starts_with('#'))
                .map(normalize)
                .any(|h| h == want || h.ends_with(&format!(": {want}")))
        });
        if !found {
            missing.push(format!(
                "{}: {} › {}",
                c.code, c.citation.chapter, c.citation.heading
            ));
        }
    }
    assert!(
        missing.is_empty(),
        "citations without a matching SRD heading:\n{}",
        missing.join("\n")
    );
}
