//! Helpers for the SRD cross-checks: locating `../shared/srd-5.2`, reading its JSON and Markdown,
//! and asserting lists of known disagreements.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde_json::Value;

/// The SRD 5.2 reference data: `$DND_SRD_DIR`, else `<workspace>/../shared/srd-5.2`.
/// When the folder is missing, fails under `CI=true` and otherwise prints a notice and gives `None`.
pub fn srd_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os("DND_SRD_DIR").filter(|d| !d.is_empty()) {
        Some(d) => PathBuf::from(d),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/srd-5.2"),
    };
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!(
            "SRD cross-checks need the SRD 5.2 reference data (../shared/srd-5.2), not found at {} \
             (set DND_SRD_DIR to its location)",
            dir.display()
        );
    }
    // Written to the real stderr, not through eprintln!, so the notice shows even when the test
    // harness captures output.
    let _ = std::io::Write::write_all(
        &mut std::io::stderr(),
        format!(
            "notice: skipping SRD cross-checks: ../shared/srd-5.2 not found (looked in {})\n",
            dir.display()
        )
        .as_bytes(),
    );
    None
}

pub fn read_text(dir: &Path, rel: &str) -> String {
    let p = dir.join(rel);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("reading {}: {e}", p.display()))
}

pub fn read_json(dir: &Path, rel: &str) -> Value {
    serde_json::from_str(&read_text(dir, rel)).unwrap_or_else(|e| panic!("parsing {rel}: {e}"))
}

/// The pack's id for a name: lowercase, apostrophes dropped, other non-alphanumerics → `-`.
pub fn kebab(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().filter(|c| *c != '\'' && *c != '’') {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// A table cell normalized for comparison: `—`/`-`/empty → `0`, lowercase, no `+`, no ` ft.`,
/// and a lone die gets its count (`D6` → `1d6`).
pub fn norm(s: &str) -> String {
    let s = s.trim().to_lowercase();
    let s = s.trim_start_matches('+').trim_end_matches(" ft.");
    match s {
        "" | "—" | "–" | "-" => "0".into(),
        _ if s.starts_with('d') => format!("1{s}"),
        _ => s.to_string(),
    }
}

/// The average of a dice expression like `3d10 + 3` or `2d8 - 2`, rounded down.
pub fn dice_average(expr: &str) -> Option<i64> {
    let s: String = expr.chars().filter(|c| !c.is_whitespace()).collect();
    let (dice, bonus) = match s.find(['+', '-']) {
        Some(i) => (&s[..i], s[i..].trim_start_matches('+').parse::<i64>().ok()?),
        None => (s.as_str(), 0),
    };
    let (n, d) = dice.split_once('d')?;
    let (n, d): (i64, i64) = (n.parse().ok()?, d.parse().ok()?);
    Some((n * (d + 1) + 2 * bonus).div_euclid(2))
}

/// A Markdown table introduced by a `Table: <title>` line.
#[derive(Debug)]
pub struct MdTable {
    pub title: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl MdTable {
    /// The cell of a row in the column with this header, if the table has that column.
    pub fn cell<'a>(&self, row: &'a [String], header: &str) -> Option<&'a str> {
        let i = self.header.iter().position(|h| h == header)?;
        row.get(i).map(String::as_str)
    }
}

fn split_row(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|').trim_end_matches('|');
    inner.split('|').map(|c| c.trim().to_string()).collect()
}

/// Every `Table: …` of a Markdown file with its header and body rows.
pub fn md_tables(text: &str) -> Vec<MdTable> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(title) = line.trim_start_matches('#').trim().strip_prefix("Table:") else {
            continue;
        };
        let mut rows = lines[i + 1..]
            .iter()
            .map(|l| l.trim())
            .skip_while(|l| l.is_empty())
            .take_while(|l| l.starts_with('|'))
            .map(split_row);
        let Some(header) = rows.next() else { continue };
        let is_rule = |r: &Vec<String>| r.iter().all(|c| c.chars().all(|ch| "-: ".contains(ch)));
        let rows = rows.filter(|r| !is_rule(r)).collect();
        out.push(MdTable {
            title: title.trim().to_string(),
            header,
            rows,
        });
    }
    out
}

/// A spell's facts as the cross-checks compare them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SpellFacts {
    pub level: Option<u64>,
    pub school: String,
    pub ritual: Option<bool>,
    pub concentration: Option<bool>,
    pub classes: BTreeSet<String>,
}

impl SpellFacts {
    /// `(field, value)` pairs, for per-field comparison.
    pub fn cells(&self) -> [(&'static str, String); 5] {
        let classes = self.classes.iter().cloned().collect::<Vec<_>>().join(",");
        [
            ("level", format!("{:?}", self.level)),
            ("school", self.school.clone()),
            ("ritual", format!("{:?}", self.ritual)),
            ("concentration", format!("{:?}", self.concentration)),
            ("classes", classes),
        ]
    }
}

/// The text after `key` on a line, up to the next `**` (bold label).
fn labelled<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let rest = &line[line.find(key)? + key.len()..];
    Some(rest.split("**").next().unwrap_or("").trim())
}

/// Spells of `08_b_spellsaz.md` by id: `#### Name`, then `*Level N School (Classes)*` or
/// `*School Cantrip (Classes)*`, `**Casting Time:** … or Ritual`, `**Duration:** Concentration, …`.
/// `renames` fixes heading typos of the Markdown.
pub fn md_spells(text: &str, renames: &[(&str, &str)]) -> BTreeMap<String, SpellFacts> {
    let mut out = BTreeMap::new();
    let mut cur: Option<String> = None;
    for line in text.lines().map(str::trim) {
        if let Some(h) = line.strip_prefix("#### ") {
            let name = h.trim().trim_matches('*').trim();
            let name = renames.iter().find(|r| r.0 == name).map_or(name, |r| r.1);
            let id = kebab(name);
            assert!(
                out.insert(id.clone(), SpellFacts::default()).is_none(),
                "spell {id} twice"
            );
            cur = Some(id);
            continue;
        }
        let Some(f) = cur.as_ref().and_then(|id| out.get_mut(id)) else {
            continue;
        };
        if f.school.is_empty() && line.starts_with('*') {
            let t = line.trim_matches('*').trim();
            let (head, classes) = t
                .split_once(" (")
                .unwrap_or_else(|| panic!("spell line {t}"));
            let words: Vec<&str> = head.split_whitespace().collect();
            let (level, school) = match words[..] {
                ["Level", n, school] => (n.parse().ok(), school),
                [school, "Cantrip"] => (Some(0), school),
                _ => panic!("unexpected spell line {t}"),
            };
            f.level = level;
            f.school = school.to_lowercase();
            let classes = classes.trim_end_matches(')').split(',');
            f.classes = classes.map(|c| c.trim().to_lowercase()).collect();
        }
        if let Some(ct) = labelled(line, "**Casting Time:**") {
            f.ritual = Some(ct.contains("Ritual"));
        }
        if let Some(d) = labelled(line, "**Duration:**") {
            f.concentration = Some(d.starts_with("Concentration"));
        }
    }
    out
}

/// A creature's numbers from a Markdown stat block.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StatBlock {
    pub ac: Option<String>,
    pub hp: Option<String>,
    pub cr: Option<String>,
    /// The XP written after the CR (the first number: `XP 5,900, or 7,200 in lair` → 5900).
    pub xp: Option<u32>,
    /// `XP 0 or 10`.
    pub xp_or_10: bool,
}

/// The number (digits and `/`) after the first of `labels` on a line.
fn stat(line: &str, labels: &[&str]) -> Option<String> {
    let rest = labels
        .iter()
        .find_map(|l| line.find(l).map(|i| &line[i + l.len()..]))?;
    let rest = rest.trim_start_matches([':', '*', ' ']);
    let n: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '/')
        .collect();
    (!n.is_empty()).then_some(n)
}

/// Stat blocks by id: a heading (also inside `>` quotes) followed, before the next heading, by an
/// Armor Class line. The first block of a name wins.
pub fn md_stat_blocks(text: &str, out: &mut BTreeMap<String, StatBlock>) {
    let lines: Vec<&str> = text
        .lines()
        .map(|l| l.trim_start_matches('>').trim())
        .collect();
    for (i, line) in lines.iter().enumerate() {
        if !line.starts_with('#') {
            continue;
        }
        let name = line.trim_start_matches('#').trim().trim_matches('*').trim();
        let mut b = StatBlock::default();
        for l in lines[i + 1..]
            .iter()
            .take(40)
            .take_while(|l| !l.starts_with('#'))
        {
            b.ac =
                b.ac.take()
                    .or_else(|| stat(l, &["**AC**", "**Armor Class"]));
            b.hp = b.hp.take().or_else(|| stat(l, &["**HP**", "**Hit Points"]));
            if b.cr.is_none() {
                b.cr = stat(l, &["**CR**"]);
                if let Some(xp) = b.cr.as_ref().and_then(|_| labelled(l, "(XP ")) {
                    let digits = xp.chars().take_while(|c| c.is_ascii_digit() || *c == ',');
                    let digits: String = digits.collect();
                    b.xp = digits.replace(',', "").parse().ok();
                    b.xp_or_10 = xp.starts_with("0 or 10");
                }
            }
        }
        if b.ac.is_some() {
            out.entry(kebab(name)).or_insert(b);
        }
    }
}

/// Asserts that `found` (key → what the sources say) has exactly the keys of `known`.
pub fn assert_known(what: &str, found: &BTreeMap<String, String>, known: &[&str]) {
    let known: BTreeSet<&str> = known.iter().copied().collect();
    let new: Vec<String> = found
        .iter()
        .filter(|(k, _)| !known.contains(k.as_str()))
        .map(|(k, v)| format!("{k}: {v}"))
        .collect();
    let stale: Vec<&&str> = known.iter().filter(|k| !found.contains_key(**k)).collect();
    assert!(
        new.is_empty() && stale.is_empty(),
        "{what}:\n  disagreements not in the known list:\n    {}\n  listed but no longer disagreeing: {stale:?}",
        new.join("\n    ")
    );
}

/// Asserts that a list of mismatches is empty.
pub fn assert_none(what: &str, mismatches: &[String]) {
    assert!(
        mismatches.is_empty(),
        "{what} ({}):\n  {}",
        mismatches.len(),
        mismatches.join("\n  ")
    );
}
