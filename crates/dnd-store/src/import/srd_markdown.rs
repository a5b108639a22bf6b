//! The SRD 5.2 as Markdown, one file per chapter: spells, creatures, glossary entries, magic
//! items, feats and classes by their headings; every other heading up to level 3 is an SRD
//! section.

use super::link::slug;
use super::{Facets, Progress, Reader, parse_cr, tick};
use crate::error::{Result, StoreError};

/// A heading and the lines under it up to the next heading of any level.
struct Heading {
    level: usize,
    title: String,
    line: usize,
    /// Index of the first and one past the last line of its own text.
    start: usize,
    end: usize,
}

fn clean(title: &str) -> String {
    title.replace("**", "").replace('*', "").trim().to_string()
}

fn headings(lines: &[&str]) -> Vec<Heading> {
    let mut out: Vec<Heading> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let level = l.chars().take_while(|c| *c == '#').count();
        if level == 0 || level > 6 || !l[level..].starts_with(' ') {
            continue;
        }
        if let Some(prev) = out.last_mut() {
            prev.end = i;
        }
        out.push(Heading {
            level,
            title: clean(&l[level..]),
            line: i + 1,
            start: i + 1,
            end: lines.len(),
        });
    }
    out
}

/// The text under heading `h` down to the next heading of level `<= h.level`.
fn block(lines: &[&str], hs: &[Heading], at: usize) -> String {
    let h = &hs[at];
    let end = hs[at + 1..]
        .iter()
        .find(|x| x.level <= h.level)
        .map_or(lines.len(), |x| x.start - 1);
    lines[h.start..end.max(h.start)].join("\n")
}

/// The first italic line (`*Level 2 Evocation (Wizard)*`), without its stars.
fn italic_line(text: &str) -> Option<String> {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .filter(|l| l.starts_with('*') && !l.starts_with("**"))
        .map(|l| l.trim_matches('*').trim().to_string())
}

/// What the special headings of a chapter are: `(file, heading level, kind)`.
const SPECIAL: &[(&str, usize, &str)] = &[
    ("08_b_spellsaz.md", 4, "spell"),
    ("13_monsters_az.md", 2, "creature"),
    ("14_animals.md", 2, "creature"),
    ("09_rules_glossary.md", 4, "rule"),
    ("07_magic_items.md", 3, "magic-item"),
    ("06_feats.md", 4, "feat"),
    ("04_classes.md", 2, "class"),
];

pub(crate) fn read(r: &mut Reader<'_>, p: &mut dyn FnMut(&Progress)) -> Result<()> {
    let mut files: Vec<String> = std::fs::read_dir(&r.dir)
        .map_err(|e| StoreError::ImportSource {
            format: "srd-markdown",
            path: r.dir.clone(),
            reason: e.to_string(),
        })?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md") && n.as_bytes().first().is_some_and(u8::is_ascii_digit))
        .collect();
    files.sort();
    if !files.iter().any(|f| f.starts_with("08_b_spellsaz")) {
        return Err(StoreError::ImportSource {
            format: "srd-markdown",
            path: r.dir.clone(),
            reason: "no `08_b_spellsaz.md` (the spells A–Z chapter)".into(),
        });
    }
    let total = files.len();
    for (i, file) in files.iter().enumerate() {
        let text = r.text(file)?;
        chapter(r, file, &text);
        tick(p, file, i + 1, total);
    }
    Ok(())
}

fn chapter(r: &mut Reader<'_>, file: &str, text: &str) {
    let lines: Vec<&str> = text.lines().collect();
    let hs = headings(&lines);
    let special = SPECIAL.iter().find(|(f, _, _)| *f == file);
    let stem = file
        .trim_end_matches(".md")
        .split_once('_')
        .map_or(file, |(_, s)| s)
        .replace('_', "-");
    let mut feat_category = String::new();
    let mut covered_until = 0;
    for (i, h) in hs.iter().enumerate() {
        if file == "06_feats.md" && h.level == 3 {
            feat_category = h.title.trim_end_matches(" Feats").to_ascii_lowercase();
        }
        let body = block(&lines, &hs, i);
        let origin = format!("{file}:{}", h.line);
        if let Some((_, level, kind)) = special.filter(|(_, l, _)| *l == h.level) {
            let id = slug(&h.title);
            if *kind == "class" && super::link::rules_id(r.rules, "class", &id).is_none() {
                // A chapter heading that is not a class: an ordinary section.
            } else {
                let facets = facets_of(kind, &body, &feat_category);
                r.push(kind, id, &h.title, body, facets, origin);
                covered_until = hs[i + 1..]
                    .iter()
                    .find(|x| x.level <= *level)
                    .map_or(usize::MAX, |x| x.line);
                continue;
            }
        }
        if h.level > 3 || h.line < covered_until || body.trim().is_empty() {
            continue;
        }
        let own_end = hs[i + 1..]
            .iter()
            .find(|x| x.level <= 3)
            .map_or(lines.len(), |x| x.start - 1);
        let own = lines[h.start..own_end.max(h.start)].join("\n");
        if own.trim().is_empty() {
            continue;
        }
        let facets = Facets {
            tags: vec![stem.clone()],
            ..Default::default()
        };
        let id = format!("{stem}-{}", slug(&h.title));
        r.push("section", id, &h.title, own, facets, origin);
    }
}

fn facets_of(kind: &str, body: &str, feat_category: &str) -> Facets {
    let mut f = Facets::default();
    let line = italic_line(body).unwrap_or_default();
    match kind {
        "spell" => spell_line(&line, &mut f),
        "creature" => {
            let (size_type, _) = line.split_once(',').unwrap_or((line.as_str(), ""));
            let mut words = size_type.split_whitespace();
            if let Some(size) = words.next() {
                f.tags.push(size.to_ascii_lowercase());
            }
            let ty: Vec<&str> = words.collect();
            if !ty.is_empty() {
                let ty = ty.join(" ").to_ascii_lowercase();
                f.category = Some(ty.split(" (").next().unwrap_or(&ty).to_string());
            }
            f.cr = body
                .split("**CR**")
                .nth(1)
                .and_then(|rest| rest.split_whitespace().next().and_then(parse_cr));
        }
        "magic-item" => {
            let lower = line.to_ascii_lowercase();
            if lower.contains("requires attunement") {
                f.tags.push("attunement".into());
            }
            let head = lower.split(" (requires").next().unwrap_or(&lower);
            f.category = head.split([',', '(']).next().map(slug);
            for rarity in [
                "very rare",
                "legendary",
                "artifact",
                "uncommon",
                "common",
                "rare",
            ] {
                if head.contains(rarity) {
                    f.rarity = Some(rarity.replace(' ', "-"));
                    break;
                }
            }
        }
        "feat" if !feat_category.is_empty() => f.category = Some(feat_category.to_string()),
        "rule" => f.tags.push("glossary".into()),
        _ => {}
    }
    f
}

/// `Level 2 Evocation (Wizard)` or `Evocation Cantrip (Sorcerer, Wizard)`.
fn spell_line(line: &str, f: &mut Facets) {
    let (head, classes) = line.split_once('(').unwrap_or((line, ""));
    f.classes = classes
        .trim_end_matches(')')
        .split(',')
        .map(slug)
        .filter(|c| !c.is_empty())
        .collect();
    let words: Vec<&str> = head.split_whitespace().collect();
    if words.first() == Some(&"Level") {
        f.level = words.get(1).and_then(|n| n.parse().ok());
        f.school = words.get(2).map(|s| s.to_ascii_lowercase());
    } else if words
        .get(1)
        .is_some_and(|w| w.eq_ignore_ascii_case("cantrip"))
    {
        f.level = Some(0);
        f.school = words.first().map(|s| s.to_ascii_lowercase());
    }
}

#[cfg(test)]
mod tests {
    use super::{Facets, spell_line};

    #[test]
    fn spell_lines_parse() {
        let mut f = Facets::default();
        spell_line("Level 3 Evocation (Sorcerer, Wizard)", &mut f);
        assert_eq!((f.level, f.school.as_deref()), (Some(3), Some("evocation")));
        assert_eq!(f.classes, ["sorcerer", "wizard"]);
        let mut f = Facets::default();
        spell_line("Conjuration Cantrip (Sorcerer, Warlock, Wizard)", &mut f);
        assert_eq!(
            (f.level, f.school.as_deref()),
            (Some(0), Some("conjuration"))
        );
    }
}
