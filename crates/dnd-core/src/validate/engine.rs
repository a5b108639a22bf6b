//! Running the rules: once, incrementally with a cache, or in bulk on all cores.

use std::hash::{Hash, Hasher};

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHasher};

use super::input::Input;
use super::profile::Profile;
use super::registry::{RuleDef, Sink, all_rules, sections};
use super::report::{Issue, Report};
use crate::derive::{check_all, derive_checked};
use crate::error::ErrorData;
use crate::model::Character;
use crate::rules::Rules;

fn run_rule(def: &'static RuleDef, input: &Input<'_>, out: &mut Vec<Issue>) {
    if def.needs_sheet && input.sheet.is_none() {
        return;
    }
    if let Some(severity) = input.profile.severity_for(def.code, def.severity) {
        (def.check)(input, &mut Sink { def, severity, out });
    }
}

fn prepare<'a>(rules: &'a Rules, ch: &'a Character, profile: &'a Profile) -> Input<'a> {
    let mut shape = check_all(rules, ch);
    let sheet = if shape.is_empty() {
        match derive_checked(rules, ch) {
            Ok(s) => Some(s),
            Err(e) => {
                shape.push(e);
                None
            }
        }
    } else {
        None
    };
    let mut input = Input::new(rules, ch, profile, sheet);
    input.shape_errors = shape;
    input
}

/// Validates one character against the rules and a profile.
pub fn validate(rules: &Rules, ch: &Character, profile: &Profile) -> Report {
    let input = prepare(rules, ch, profile);
    let mut issues = Vec::new();
    for def in all_rules() {
        run_rule(def, &input, &mut issues);
    }
    Report::from_issues(issues)
}

/// Validates many characters on all cores; results in input order.
pub fn validate_many(rules: &Rules, characters: &[Character], profile: &Profile) -> Vec<Report> {
    characters
        .par_iter()
        .map(|c| validate(rules, c, profile))
        .collect()
}

/// The result for one line of a JSON Lines input.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct BulkItem {
    /// 1-based line number.
    pub line: usize,
    /// The report, when the line is a character.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<Report>,
    /// Why the line is not a character.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorData>,
}

/// Validates one character per non-empty line, in parallel; a bad line never stops the rest.
pub fn validate_jsonl(rules: &Rules, text: &str, profile: &Profile) -> Vec<BulkItem> {
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| (i + 1, l))
        .collect();
    lines
        .par_iter()
        .map(|(line, l)| match Character::from_json(l) {
            Ok(c) => BulkItem {
                line: *line,
                report: Some(validate(rules, &c, profile)),
                error: None,
            },
            Err(e) => BulkItem {
                line: *line,
                report: None,
                error: Some(ErrorData::from(&e)),
            },
        })
        .collect()
}

/// Hashes of the character's sections, in [`sections::NAMES`] order.
fn section_hashes(ch: &Character) -> [u64; 10] {
    fn h<T: Hash + ?Sized>(v: &T) -> u64 {
        let mut s = FxHasher::default();
        v.hash(&mut s);
        s.finish()
    }
    [
        h(&ch.name),
        h(&ch.species),
        h(&ch.background),
        h(&ch.abilities),
        h(&ch.levels),
        h(&ch.origin),
        h(&ch.inventory),
        h(&ch.state),
        h(&(&ch.details.alignment, ch.details.xp, &ch.id, ch.format)),
        h(&ch.details),
    ]
}

/// Validates edit after edit, re-running only the rules whose sections changed, and caching
/// whole reports by content hash.
#[derive(Debug)]
pub struct Validator<'r> {
    rules: &'r Rules,
    profile: Profile,
    last: Option<([u64; 10], bool, Vec<Vec<Issue>>)>,
    cache: FxHashMap<u64, Report>,
    cache_limit: usize,
    /// Rules run by the last call (for tests and metrics).
    pub last_rules_run: usize,
    /// Cache hits so far.
    pub cache_hits: u64,
}

impl<'r> Validator<'r> {
    /// A validator for these rules and profile.
    pub fn new(rules: &'r Rules, profile: Profile) -> Self {
        Validator {
            rules,
            profile,
            last: None,
            cache: FxHashMap::default(),
            cache_limit: 1024,
            last_rules_run: 0,
            cache_hits: 0,
        }
    }

    /// Validates, reusing what the previous call computed for unchanged sections.
    pub fn validate(&mut self, ch: &Character) -> Report {
        let hashes = section_hashes(ch);
        let mut whole = FxHasher::default();
        hashes.hash(&mut whole);
        let key = whole.finish();
        if let Some(r) = self.cache.get(&key) {
            self.cache_hits += 1;
            self.last_rules_run = 0;
            return r.clone();
        }
        let changed: u16 = match &self.last {
            Some((prev, _, _)) => (0..10)
                .filter(|i| prev[*i] != hashes[*i])
                .fold(0, |m, i| m | (1 << i)),
            None => sections::ALL,
        };
        let old = self.last.take();
        let rerun = |def: &RuleDef| def.reads & changed != 0;
        // Derive only when some rule has to run again.
        let input = all_rules()
            .any(rerun)
            .then(|| prepare(self.rules, ch, &self.profile));
        let has_sheet = match (&input, &old) {
            (Some(i), _) => i.sheet.is_some(),
            (None, Some((_, s, _))) => *s,
            (None, None) => false,
        };
        // A sheet that appeared or vanished changes what every sheet rule sees.
        let sheet_flip = old.as_ref().is_some_and(|(_, s, _)| *s != has_sheet);
        let old = old.map(|l| l.2);
        let mut per_rule = Vec::new();
        self.last_rules_run = 0;
        for (i, def) in all_rules().enumerate() {
            let reuse = old
                .as_ref()
                .and_then(|o| o.get(i))
                .filter(|_| !rerun(def) && !sheet_flip);
            let issues = match (reuse, &input) {
                (Some(prev), _) => prev.clone(),
                (None, Some(input)) => {
                    self.last_rules_run += 1;
                    let mut out = Vec::new();
                    run_rule(def, input, &mut out);
                    out
                }
                (None, None) => Vec::new(),
            };
            per_rule.push(issues);
        }
        let report = Report::from_issues(per_rule.iter().flatten().cloned().collect());
        if self.cache.len() >= self.cache_limit {
            self.cache.clear();
        }
        self.cache.insert(key, report.clone());
        self.last = Some((hashes, has_sheet, per_rule));
        report
    }
}
