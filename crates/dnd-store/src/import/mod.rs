//! Importers: public SRD 5.2 data sets (Open5e fixtures, 5e-database JSON, the SRD Markdown)
//! read into catalog entries with full text, linked to the rules pack's ids, each tagged with
//! its source and licence. [`catalog`] stores them (one transaction per import).

pub mod catalog;
pub(crate) mod facts;
mod five_e_database;
pub(crate) mod link;
mod open5e;
mod open5e_items;
mod srd_markdown;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Result, StoreError};

pub use catalog::{CatalogStats, ImportReport};
pub use link::slug;

/// The kinds of catalog entry.
pub const KINDS: &[&str] = &[
    "spell",
    "class",
    "subclass",
    "class-feature",
    "species",
    "background",
    "feat",
    "weapon",
    "armor",
    "gear",
    "tool",
    "magic-item",
    "creature",
    "condition",
    "language",
    "rule",
    "section",
];

/// The public formats an importer reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ImportFormat {
    /// Open5e v2 Django fixtures (`Spell.json`, `Creature.json`, …: lists of `{model, pk, fields}`).
    Open5e,
    /// 5e-bits 5e-database JSON (`5e-SRD-Classes.json`, …).
    #[serde(rename = "5e-database")]
    FiveEDatabase,
    /// The SRD 5.2 as Markdown, one file per chapter.
    SrdMarkdown,
}

impl ImportFormat {
    /// Every format.
    pub const ALL: [ImportFormat; 3] = [
        ImportFormat::Open5e,
        ImportFormat::FiveEDatabase,
        ImportFormat::SrdMarkdown,
    ];

    /// The name used on the command line and as the entries' `source`.
    pub fn as_str(self) -> &'static str {
        match self {
            ImportFormat::Open5e => "open5e",
            ImportFormat::FiveEDatabase => "5e-database",
            ImportFormat::SrdMarkdown => "srd-markdown",
        }
    }

    /// Parses `open5e`, `5e-database` or `srd-markdown`.
    pub fn parse(s: &str) -> Option<ImportFormat> {
        ImportFormat::ALL.into_iter().find(|f| f.as_str() == s)
    }

    /// The licence of the content as the data set states it.
    pub fn licence(self) -> &'static str {
        match self {
            ImportFormat::Open5e => {
                "SRD 5.2 content CC-BY-4.0 (Wizards of the Coast); Open5e data MIT"
            }
            ImportFormat::FiveEDatabase => {
                "SRD 5.2 content CC-BY-4.0 (Wizards of the Coast); 5e-database data MIT"
            }
            ImportFormat::SrdMarkdown => "CC-BY-4.0 (Wizards of the Coast, SRD 5.2)",
        }
    }
}

/// Structured facts of an entry, used as search filters and facets.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Facets {
    /// Spell level (0 for cantrips), class-feature level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<i64>,
    /// Spell school, lowercase.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub school: Option<String>,
    /// Class ids (a spell's lists, a feature's class).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub classes: Vec<String>,
    /// Magic item rarity (`very-rare`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rarity: Option<String>,
    /// Challenge rating as a number (`0.25` for 1/4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cr: Option<f64>,
    /// Creature type (`dragon`) or item category (`wondrous-item`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Free tags (`ritual`, `concentration`, `attunement`, the chapter of a section).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

/// One imported entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CatalogEntry {
    /// The data set it came from (`open5e`, `5e-database`, `srd-markdown`).
    pub source: String,
    /// One of [`KINDS`].
    pub kind: String,
    /// The rules pack's id where one matches, else a slug of the name.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The rules pack id it is linked to, if any.
    pub rules_id: Option<String>,
    /// Full text (Markdown).
    pub text: String,
    /// Structured facts.
    pub facets: Facets,
    /// Where in the data set: file and record key (`Spell.json#srd-2024_fireball`).
    pub origin: String,
    /// The licence of the text.
    pub licence: String,
}

/// What an importer reports while it reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// The file just read.
    pub file: String,
    /// Files read so far.
    pub done: usize,
    /// Files to read.
    pub total: usize,
}

/// Reads a data set folder into entries (no writes). A malformed file fails with its name,
/// line and column.
pub fn read_dataset(
    format: ImportFormat,
    dir: &Path,
    rules: &dnd_core::rules::Rules,
    progress: &mut dyn FnMut(&Progress),
) -> Result<Vec<CatalogEntry>> {
    if !dir.is_dir() {
        return Err(StoreError::ImportSource {
            format: format.as_str(),
            path: dir.to_path_buf(),
            reason: "not a folder".into(),
        });
    }
    let mut out = Reader::new(format, dir, rules);
    match format {
        ImportFormat::Open5e => open5e::read(&mut out, progress)?,
        ImportFormat::FiveEDatabase => five_e_database::read(&mut out, progress)?,
        ImportFormat::SrdMarkdown => srd_markdown::read(&mut out, progress)?,
    }
    Ok(out.entries)
}

/// Shared state of one importer run: the folder, the rules to link to, the entries so far.
pub(crate) struct Reader<'a> {
    pub format: ImportFormat,
    pub dir: PathBuf,
    pub rules: &'a dnd_core::rules::Rules,
    pub entries: Vec<CatalogEntry>,
    seen: std::collections::HashSet<(String, String)>,
}

impl<'a> Reader<'a> {
    fn new(format: ImportFormat, dir: &Path, rules: &'a dnd_core::rules::Rules) -> Self {
        Reader {
            format,
            dir: dir.to_path_buf(),
            rules,
            entries: Vec::new(),
            seen: Default::default(),
        }
    }

    /// Adds an entry, linking its id to the pack; a second entry with the same kind and id
    /// gets a numbered id (`-2`), so nothing is silently dropped.
    #[allow(clippy::too_many_arguments)]
    pub fn push(
        &mut self,
        kind: &str,
        id: String,
        name: &str,
        text: String,
        facets: Facets,
        origin: String,
    ) {
        let mut rules_id = link::rules_id(self.rules, kind, &id);
        let mut id = id;
        if rules_id.is_none() && kind != "class-feature" {
            // Data sets spell some ids their own way (`antipathysympathy`); the name's slug is
            // the pack's scheme.
            let by_name = slug(name);
            if let Some(r) = link::rules_id(self.rules, kind, &by_name)
                .or_else(|| link::near_id(self.rules, kind, &id))
            {
                rules_id = Some(r.clone());
                id = r;
            }
        }
        let mut key = id;
        let mut n = 1;
        while !self.seen.insert((kind.to_string(), key.clone())) {
            n += 1;
            key = format!("{}-{n}", rules_id.as_deref().unwrap_or(&key));
        }
        self.entries.push(CatalogEntry {
            source: self.format.as_str().to_string(),
            kind: kind.to_string(),
            rules_id: if n == 1 { rules_id } else { None },
            id: key,
            name: name.trim().to_string(),
            text: text.trim().to_string(),
            facets,
            origin,
            licence: self.format.licence().to_string(),
        });
    }

    /// The text of a file of the data set; a missing required file is `store.import.source`.
    pub fn text(&self, name: &str) -> Result<String> {
        let path = self.dir.join(name);
        std::fs::read_to_string(&path).map_err(|e| StoreError::ImportSource {
            format: self.format.as_str(),
            path: self.dir.clone(),
            reason: format!("cannot read `{name}`: {e}"),
        })
    }

    /// Parses a JSON file of the data set into `T`; a syntax or shape error carries the file
    /// name, line and column.
    pub fn json<T: serde::de::DeserializeOwned>(&self, name: &str) -> Result<T> {
        let text = self.text(name)?;
        serde_json::from_str(&text).map_err(|e| StoreError::Malformed {
            file: self.dir.join(name).display().to_string(),
            line: e.line(),
            column: e.column(),
            reason: e.to_string(),
        })
    }

    /// Whether a file of the data set exists.
    pub fn has(&self, name: &str) -> bool {
        self.dir.join(name).is_file()
    }
}

/// Reports progress over a list of files.
pub(crate) fn tick(progress: &mut dyn FnMut(&Progress), file: &str, done: usize, total: usize) {
    progress(&Progress {
        file: file.to_string(),
        done,
        total,
    });
}

/// Parses a challenge rating (`1/4`, `0.250`, `10`).
pub fn parse_cr(s: &str) -> Option<f64> {
    let s = s.trim();
    match s.split_once('/') {
        Some((a, b)) => {
            let (a, b) = (a.trim().parse::<f64>().ok()?, b.trim().parse::<f64>().ok()?);
            (b != 0.0).then(|| a / b)
        }
        None => s.parse().ok(),
    }
}
