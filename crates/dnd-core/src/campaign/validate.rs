//! The campaign validation report: every finding with a stable code (`campaign.chapter.cycle`),
//! a severity and a JSON pointer into the campaign file. [`CODES`] lists them all.

use std::borrow::Cow;
use std::collections::BTreeSet;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use super::codes::CODES;
use super::effects::Target;
use super::locations::ancestors;
use super::model::{Campaign, CampaignType};
use super::npcs::StatBlock;
use super::validate_refs::{chapter_checks, plot_checks};
use crate::rules::Rules;
pub use crate::validate::Severity;

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CampaignIssue {
    pub code: Cow<'static, str>,
    pub severity: Severity,
    /// JSON pointer into the campaign file (`/chapters/3/prerequisites/0`).
    pub path: String,
    pub message: String,
}

impl CampaignIssue {
    pub(crate) fn new(
        code: &'static str,
        severity: Severity,
        path: String,
        message: String,
    ) -> Self {
        CampaignIssue {
            code: Cow::Borrowed(code),
            severity,
            path,
            message,
        }
    }
}

/// The result of validating a campaign.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CampaignReport {
    /// No finding of severity `error`.
    pub valid: bool,
    pub errors: usize,
    pub warnings: usize,
    pub issues: Vec<CampaignIssue>,
}

impl CampaignReport {
    /// The codes found, in order.
    pub fn codes(&self) -> Vec<&str> {
        self.issues.iter().map(|i| i.code.as_ref()).collect()
    }
}

pub(super) struct Out(pub(super) Vec<CampaignIssue>);

impl Out {
    pub(super) fn push(&mut self, code: &'static str, path: String, message: String) {
        let sev = CODES
            .iter()
            .find(|c| c.0 == code)
            .map_or(Severity::Error, |c| c.1);
        self.0.push(CampaignIssue::new(code, sev, path, message));
    }
}

fn ids<'a>(
    out: &mut Out,
    code: &'static str,
    what: &str,
    list: impl Iterator<Item = &'a str>,
) -> BTreeSet<&'a str> {
    let mut seen = BTreeSet::new();
    for (i, id) in list.enumerate() {
        if super::model::check_id("", id).is_err() {
            out.push(
                "campaign.id.invalid",
                format!("/{what}/{i}/id"),
                format!("`{id}` is not a valid id"),
            );
        }
        if !seen.insert(id) {
            out.push(
                code,
                format!("/{what}/{i}/id"),
                format!("id `{id}` is used twice"),
            );
        }
    }
    seen
}

/// Validates a campaign against the rules (creatures, classes) and its own references.
pub fn validate(rules: &Rules, c: &Campaign) -> CampaignReport {
    let mut o = Out(Vec::new());
    if c.title.trim().is_empty() {
        o.push(
            "campaign.title.empty",
            "/title".into(),
            "the campaign has no title".into(),
        );
    }
    if !(1..=8).contains(&c.party_size) {
        o.push(
            "campaign.party_size.range",
            "/party_size".into(),
            format!("party size {} is not 1 to 8", c.party_size),
        );
    }
    let lr = c.level_range;
    if lr.min < 1 || lr.max > 20 || lr.min > lr.max {
        o.push(
            "campaign.level_range.invalid",
            "/level_range".into(),
            format!("levels {}–{}", lr.min, lr.max),
        );
    }
    let chars: BTreeSet<&str> = c.characters().collect();
    if chars.len() > usize::from(c.party_size) {
        o.push(
            "campaign.players.too_many",
            "/players".into(),
            format!("{} characters for a party of {}", chars.len(), c.party_size),
        );
    }
    let chapters = ids(
        &mut o,
        "campaign.chapter.duplicate",
        "chapters",
        c.chapters.iter().map(|x| x.id.as_str()),
    );
    let npcs = ids(
        &mut o,
        "campaign.npc.duplicate",
        "npcs",
        c.npcs.iter().map(|x| x.id.as_str()),
    );
    let locations = ids(
        &mut o,
        "campaign.location.duplicate",
        "locations",
        c.locations.iter().map(|x| x.id.as_str()),
    );
    let factions = ids(
        &mut o,
        "campaign.location.duplicate",
        "factions",
        c.factions.iter().map(|x| x.id.as_str()),
    );
    chapter_checks(rules, c, &mut o, &chapters, &npcs, &locations);
    plot_checks(c, &mut o, &chapters);
    for (i, n) in c.npcs.iter().enumerate() {
        if let Some(f) = &n.faction
            && !factions.contains(f.as_str())
        {
            o.push(
                "campaign.npc.unknown_faction",
                format!("/npcs/{i}/faction"),
                format!("no faction `{f}`"),
            );
        }
        let bad = match &n.stats {
            Some(StatBlock::Class { class, level }) => {
                rules.classes.get(class).is_none() || !(1..=20).contains(level)
            }
            Some(StatBlock::Creature { creature }) => rules.creatures.get(creature).is_none(),
            None => false,
        };
        if bad {
            o.push(
                "campaign.npc.unknown_stats",
                format!("/npcs/{i}/stats"),
                format!(
                    "NPC `{}` has an unknown class or creature, or a level outside 1–20",
                    n.id
                ),
            );
        }
    }
    for (i, r) in c.relationships.iter().enumerate() {
        for (end, id) in [("from", &r.from), ("to", &r.to)] {
            if !npcs.contains(id.as_str()) && !chars.contains(id.as_str()) {
                o.push(
                    "campaign.relationship.unknown",
                    format!("/relationships/{i}/{end}"),
                    format!("`{id}` is no NPC or campaign character"),
                );
            }
        }
        if !(-100..=100).contains(&r.standing) {
            o.push(
                "campaign.relationship.standing",
                format!("/relationships/{i}/standing"),
                format!("standing {} is outside −100..100", r.standing),
            );
        }
    }
    for (i, l) in c.locations.iter().enumerate() {
        if let Some(p) = &l.parent {
            match c.locations.iter().find(|x| &x.id == p) {
                None => o.push(
                    "campaign.location.unknown_parent",
                    format!("/locations/{i}/parent"),
                    format!("no location `{p}`"),
                ),
                Some(parent) if parent.kind >= l.kind => o.push(
                    "campaign.location.hierarchy",
                    format!("/locations/{i}/parent"),
                    format!("a {:?} cannot lie inside a {:?}", l.kind, parent.kind).to_lowercase(),
                ),
                Some(_) => {}
            }
            if ancestors(&c.locations, &l.id).1 {
                o.push(
                    "campaign.location.cycle",
                    format!("/locations/{i}/parent"),
                    format!("location `{}` contains itself", l.id),
                );
            }
        }
        for (j, f) in l.factions.iter().enumerate() {
            if !factions.contains(f.as_str()) {
                o.push(
                    "campaign.location.unknown_faction",
                    format!("/locations/{i}/factions/{j}"),
                    format!("no faction `{f}`"),
                );
            }
        }
    }
    let mut effects = BTreeSet::new();
    for (i, e) in c.effects.iter().enumerate() {
        if !effects.insert(e.id.as_str()) {
            o.push(
                "campaign.effect.duplicate",
                format!("/effects/{i}/id"),
                format!("id `{}` is used twice", e.id),
            );
        }
        let known = match &e.target {
            Target::Faction(f) => factions.contains(f.as_str()),
            Target::Location(l) => locations.contains(l.as_str()),
        };
        if !known {
            o.push(
                "campaign.effect.unknown_target",
                format!("/effects/{i}/target"),
                format!("no {}", e.target),
            );
        }
    }
    let mut numbers = BTreeSet::new();
    for (i, s) in c.sessions.iter().enumerate() {
        if !numbers.insert(s.number) {
            o.push(
                "campaign.session.duplicate",
                format!("/sessions/{i}/number"),
                format!("session {} is recorded twice", s.number),
            );
        }
        for (j, ch) in s.chapters.iter().enumerate() {
            if !chapters.contains(ch.as_str()) {
                o.push(
                    "campaign.session.unknown_chapter",
                    format!("/sessions/{i}/chapters/{j}"),
                    format!("no chapter `{ch}`"),
                );
            }
        }
        for (j, a) in s.attendees.iter().enumerate() {
            if !chars.contains(a.as_str()) {
                o.push(
                    "campaign.session.unknown_attendee",
                    format!("/sessions/{i}/attendees/{j}"),
                    format!("no player plays `{a}`"),
                );
            }
        }
    }
    match (c.kind, &c.antitheticon) {
        (CampaignType::Antitheticon, None) => o.push(
            "campaign.antitheticon.missing",
            "/antitheticon".into(),
            "an antitheticon campaign needs its nemesis data".into(),
        ),
        (CampaignType::Antitheticon, Some(a)) => o.0.extend(super::antitheticon_checks::check(a)),
        (CampaignType::Traditional, Some(_)) => o.push(
            "campaign.antitheticon.unexpected",
            "/antitheticon".into(),
            "a traditional campaign ignores nemesis data".into(),
        ),
        (CampaignType::Traditional, None) => {}
    }
    let issues = o.0;
    let errors = issues
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .count();
    let warnings = issues
        .iter()
        .filter(|i| i.severity == Severity::Warning)
        .count();
    CampaignReport {
        valid: errors == 0,
        errors,
        warnings,
        issues,
    }
}
