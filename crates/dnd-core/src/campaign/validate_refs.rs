//! The campaign checks on chapters and plots: references, the DAG, levels and arcs.

use std::collections::{BTreeMap, BTreeSet};

use super::chapters::{ChapterKind, find_cycle, play_order};
use super::model::{Campaign, LengthClass};
use super::plots::all_plots;
use super::validate::Out;
use crate::rules::Rules;

pub(super) fn chapter_checks(
    rules: &Rules,
    c: &Campaign,
    o: &mut Out,
    chapters: &BTreeSet<&str>,
    npcs: &BTreeSet<&str>,
    locations: &BTreeSet<&str>,
) {
    let by_id: BTreeMap<&str, &super::chapters::Chapter> =
        c.chapters.iter().map(|x| (x.id.as_str(), x)).collect();
    for (i, ch) in c.chapters.iter().enumerate() {
        for (j, p) in ch.prerequisites.iter().enumerate() {
            match by_id.get(p.as_str()) {
                None => o.push(
                    "campaign.chapter.unknown_prerequisite",
                    format!("/chapters/{i}/prerequisites/{j}"),
                    format!("no chapter `{p}`"),
                ),
                Some(pre) => {
                    if let (Some(a), Some(b)) = (ch.level_range, pre.level_range)
                        && a.min < b.min
                    {
                        o.push(
                            "campaign.chapter.level_order",
                            format!("/chapters/{i}/level_range"),
                            format!(
                                "`{}` starts at level {} but its prerequisite `{p}` at {}",
                                ch.id, a.min, b.min
                            ),
                        );
                    }
                }
            }
        }
        if let Some(lr) = ch.level_range
            && (lr.min > lr.max || !c.level_range.contains(&lr))
        {
            o.push(
                "campaign.chapter.level_range",
                format!("/chapters/{i}/level_range"),
                format!(
                    "levels {}–{} are outside the campaign's {}–{}",
                    lr.min, lr.max, c.level_range.min, c.level_range.max
                ),
            );
        }
        for (j, n) in ch.npcs.iter().enumerate() {
            if !npcs.contains(n.as_str()) {
                o.push(
                    "campaign.chapter.unknown_npc",
                    format!("/chapters/{i}/npcs/{j}"),
                    format!("no NPC `{n}`"),
                );
            }
        }
        for (j, l) in ch.locations.iter().enumerate() {
            if !locations.contains(l.as_str()) {
                o.push(
                    "campaign.chapter.unknown_location",
                    format!("/chapters/{i}/locations/{j}"),
                    format!("no location `{l}`"),
                );
            }
        }
        for (j, e) in ch.encounters.iter().enumerate() {
            for id in e.creatures.keys() {
                if rules.creatures.get(id).is_none() {
                    let hint = rules
                        .creatures
                        .closest(id)
                        .map(|s| format!(" (did you mean `{s}`?)"))
                        .unwrap_or_default();
                    o.push(
                        "campaign.chapter.unknown_creature",
                        format!("/chapters/{i}/encounters/{j}/creatures/{id}"),
                        format!("no creature `{id}`{hint}"),
                    );
                }
            }
        }
    }
    if let Some(cycle) = find_cycle(&c.chapters) {
        o.push(
            "campaign.chapter.cycle",
            "/chapters".into(),
            format!("prerequisites form a cycle: {}", cycle.join(" → ")),
        );
    }
    let n = c.chapters.len();
    if n > 1
        && c.length != LengthClass::OneShot
        && !c.chapters.iter().any(|x| x.kind == ChapterKind::Finale)
    {
        o.push(
            "campaign.chapter.no_finale",
            "/chapters".into(),
            format!("{n} chapters and no finale"),
        );
    }
    let (lo, hi) = c.length.chapters();
    if n > 0 && (n < lo || n > hi) {
        o.push(
            "campaign.chapter.count",
            "/chapters".into(),
            format!(
                "{n} chapters for a {:?} campaign (expected {lo}{})",
                c.length,
                if hi == usize::MAX {
                    "+".to_string()
                } else {
                    format!("–{hi}")
                }
            )
            .to_lowercase(),
        );
    }
    let _ = chapters;
}

pub(super) fn plot_checks(c: &Campaign, o: &mut Out, chapters: &BTreeSet<&str>) {
    let position: BTreeMap<String, usize> = play_order(&c.chapters)
        .map(|v| v.into_iter().map(|x| (x.id, x.position)).collect())
        .unwrap_or_default();
    let mut seen = BTreeSet::new();
    for (path, p) in all_plots(&c.plots) {
        if !seen.insert(p.id.as_str()) {
            o.push(
                "campaign.plot.duplicate",
                format!("{path}/id"),
                format!("id `{}` is used twice", p.id),
            );
        }
        let mut last: Option<(usize, &str)> = None;
        for (j, ch) in p.arc.iter().enumerate() {
            if !chapters.contains(ch.as_str()) {
                o.push(
                    "campaign.plot.unknown_chapter",
                    format!("{path}/arc/{j}"),
                    format!("no chapter `{ch}`"),
                );
                continue;
            }
            if let Some(&pos) = position.get(ch) {
                if let Some((prev, prev_id)) = last
                    && requires(c, prev_id, ch)
                {
                    o.push("campaign.plot.arc_order", format!("{path}/arc/{j}"), format!("`{prev_id}` comes before `{ch}` in the arc but requires it (play positions {prev} and {pos})"));
                }
                last = Some((pos, ch));
            }
        }
        for (j, b) in p.branches.iter().enumerate() {
            for (k, ch) in b.choices.iter().enumerate() {
                if let Some(t) = &ch.leads_to
                    && !chapters.contains(t.as_str())
                {
                    o.push(
                        "campaign.plot.branch_target",
                        format!("{path}/branches/{j}/choices/{k}/leads_to"),
                        format!("no chapter `{t}`"),
                    );
                }
            }
        }
    }
}

/// Whether chapter `a` (transitively) requires chapter `b`.
fn requires(c: &Campaign, a: &str, b: &str) -> bool {
    let mut stack = vec![a];
    let mut seen = BTreeSet::new();
    while let Some(x) = stack.pop() {
        if !seen.insert(x) {
            continue;
        }
        if let Some(ch) = c.chapter(x) {
            for p in &ch.prerequisites {
                if p == b {
                    return true;
                }
                stack.push(p);
            }
        }
    }
    false
}
