//! The checks of an antitheticon: every identity named, the identity network connected, at
//! most 5 active deceptions, at most 1 unresolved critical plot impact; warnings for isolated
//! identities and deceptions never maintained.

use std::collections::{BTreeMap, BTreeSet};

use super::antitheticon::Antitheticon;
use super::validate::{CampaignIssue, Severity};

/// Most active deceptions a network can keep up.
pub const MAX_ACTIVE_DECEPTIONS: usize = 5;
/// Most unresolved critical plot impacts at once.
pub const MAX_CRITICAL_UNRESOLVED: usize = 1;

/// Runs the checks; paths are JSON pointers into the campaign (`/antitheticon/...`).
pub fn check(a: &Antitheticon) -> Vec<CampaignIssue> {
    let mut out = Vec::new();
    let base = "/antitheticon";
    let mut seen = BTreeSet::new();
    for (i, x) in a.identities.iter().enumerate() {
        if x.name.trim().is_empty() {
            out.push(CampaignIssue::new(
                "antitheticon.identity.unnamed",
                Severity::Error,
                format!("{base}/identities/{i}/name"),
                format!("identity `{}` has no name", x.id),
            ));
        }
        if !seen.insert(x.id.as_str()) {
            out.push(CampaignIssue::new(
                "antitheticon.identity.duplicate",
                Severity::Error,
                format!("{base}/identities/{i}/id"),
                format!("identity id `{}` is used twice", x.id),
            ));
        }
    }
    // The undirected link graph.
    let mut adj: BTreeMap<&str, BTreeSet<&str>> = a
        .identities
        .iter()
        .map(|x| (x.id.as_str(), BTreeSet::new()))
        .collect();
    for (i, x) in a.identities.iter().enumerate() {
        for (j, l) in x.links.iter().enumerate() {
            if !seen.contains(l.as_str()) {
                out.push(CampaignIssue::new(
                    "antitheticon.link.unknown",
                    Severity::Error,
                    format!("{base}/identities/{i}/links/{j}"),
                    format!("identity `{}` links to unknown identity `{l}`", x.id),
                ));
                continue;
            }
            if l != &x.id {
                adj.entry(x.id.as_str()).or_default().insert(l.as_str());
                adj.entry(l.as_str()).or_default().insert(x.id.as_str());
            }
        }
    }
    let linked: Vec<&str> = adj
        .iter()
        .filter(|(_, n)| !n.is_empty())
        .map(|(k, _)| *k)
        .collect();
    for (i, x) in a.identities.iter().enumerate() {
        if a.identities.len() > 1 && adj.get(x.id.as_str()).is_some_and(BTreeSet::is_empty) {
            out.push(CampaignIssue::new(
                "antitheticon.identity.isolated",
                Severity::Warning,
                format!("{base}/identities/{i}/links"),
                format!("identity `{}` has no tie to any other identity", x.id),
            ));
        }
    }
    let groups = components(&adj, &linked);
    if groups.len() > 1 {
        let shown: Vec<String> = groups
            .iter()
            .map(|g| format!("[{}]", g.join(", ")))
            .collect();
        out.push(CampaignIssue::new(
            "antitheticon.network.disconnected",
            Severity::Error,
            format!("{base}/identities"),
            format!(
                "the identity network falls into {} parts: {}",
                groups.len(),
                shown.join(" ")
            ),
        ));
    }
    let active: Vec<usize> = (0..a.deceptions.len())
        .filter(|&i| a.deceptions[i].active)
        .collect();
    if active.len() > MAX_ACTIVE_DECEPTIONS {
        out.push(CampaignIssue::new(
            "antitheticon.deception.too_many",
            Severity::Error,
            format!("{base}/deceptions"),
            format!(
                "{} active deceptions; at most {MAX_ACTIVE_DECEPTIONS} can be kept up",
                active.len()
            ),
        ));
    }
    for &i in &active {
        let d = &a.deceptions[i];
        if !seen.contains(d.by.as_str()) {
            out.push(CampaignIssue::new(
                "antitheticon.deception.unknown_identity",
                Severity::Error,
                format!("{base}/deceptions/{i}/by"),
                format!(
                    "deception `{}` is told by unknown identity `{}`",
                    d.id, d.by
                ),
            ));
        }
        if d.maintained.is_empty() {
            out.push(CampaignIssue::new(
                "antitheticon.deception.unmaintained",
                Severity::Warning,
                format!("{base}/deceptions/{i}/maintained"),
                format!(
                    "deception `{}` has never been maintained in a session",
                    d.id
                ),
            ));
        }
    }
    let critical = a
        .plot_impacts
        .iter()
        .filter(|p| p.critical && !p.resolved)
        .count();
    if critical > MAX_CRITICAL_UNRESOLVED {
        out.push(CampaignIssue::new(
            "antitheticon.plot.critical_unresolved",
            Severity::Error,
            format!("{base}/plot_impacts"),
            format!(
                "{critical} unresolved critical plot impacts; resolve all but {MAX_CRITICAL_UNRESOLVED}"
            ),
        ));
    }
    if let Some(h) = &a.helper {
        if !(0.0..=1.0).contains(&h.truth_ratio) {
            out.push(CampaignIssue::new(
                "antitheticon.helper.truth_ratio",
                Severity::Error,
                format!("{base}/helper/truth_ratio"),
                format!("truth ratio {} is outside 0 to 1", h.truth_ratio),
            ));
        }
        if !seen.contains(h.identity.as_str()) {
            out.push(CampaignIssue::new(
                "antitheticon.helper.unknown_identity",
                Severity::Error,
                format!("{base}/helper/identity"),
                format!("the helper is unknown identity `{}`", h.identity),
            ));
        }
    }
    out
}

/// Connected groups of the linked identities, each sorted, in order of their first id.
fn components<'a>(
    adj: &BTreeMap<&'a str, BTreeSet<&'a str>>,
    nodes: &[&'a str],
) -> Vec<Vec<&'a str>> {
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    let mut out = Vec::new();
    for &n in nodes {
        if !seen.insert(n) {
            continue;
        }
        let mut group = vec![n];
        let mut stack = vec![n];
        while let Some(x) = stack.pop() {
            for &y in adj.get(x).into_iter().flatten() {
                if seen.insert(y) {
                    group.push(y);
                    stack.push(y);
                }
            }
        }
        group.sort_unstable();
        out.push(group);
    }
    out
}
