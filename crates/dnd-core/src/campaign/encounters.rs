//! 2024 combat encounter building: the XP Budget per Character table (SRD 5.2, Gameplay
//! Toolbox, "Combat Encounter Difficulty"), creature XP from the rules pack's creatures,
//! building an encounter from the catalog to fit a budget, and rating an encounter.
//!
//! The party's budget is the sum of each character's budget at its level (for a party of one
//! level: the table's number times the party size, as the SRD says). An encounter is rated
//! by its creatures' total XP: at most the low budget is `low`, at most the moderate budget
//! `moderate`, at most the high budget `high`, above it `beyond_high`.
//!
//! The SRD 5.2 creature facts carry no environments, so the `environment` filter is refused
//! with the filters that exist (type, size, alignment, CR range, name).

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::Size;
use crate::rules::{CreatureDef, Rules};

/// Encounter difficulty (2024).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Difficulty {
    Low,
    Moderate,
    High,
}

impl Difficulty {
    /// Parses `low`, `moderate` or `high`.
    pub fn parse(s: &str) -> Result<Difficulty> {
        match s {
            "low" => Ok(Difficulty::Low),
            "moderate" => Ok(Difficulty::Moderate),
            "high" => Ok(Difficulty::High),
            _ => Err(Error::InvalidValue {
                path: "difficulty".into(),
                reason: format!("`{s}` is not low, moderate or high"),
            }),
        }
    }
}

/// XP Budget per Character: `[low, moderate, high]` for levels 1 to 20.
pub const XP_BUDGET_PER_CHARACTER: [[u32; 3]; 20] = [
    [50, 75, 100],
    [100, 150, 200],
    [150, 225, 400],
    [250, 375, 500],
    [500, 750, 1_100],
    [600, 1_000, 1_400],
    [750, 1_300, 1_700],
    [1_000, 1_700, 2_100],
    [1_300, 2_000, 2_600],
    [1_600, 2_300, 3_100],
    [1_900, 2_900, 4_100],
    [2_200, 3_700, 4_700],
    [2_600, 4_200, 5_400],
    [2_900, 4_900, 6_200],
    [3_300, 5_400, 7_800],
    [3_800, 6_100, 9_800],
    [4_500, 7_200, 11_700],
    [5_000, 8_700, 14_200],
    [5_500, 10_700, 17_200],
    [6_400, 13_200, 22_000],
];

/// The budget of one character of `level` (1–20).
pub fn budget_per_character(level: u8, d: Difficulty) -> Result<u32> {
    let row = usize::from(level)
        .checked_sub(1)
        .and_then(|i| XP_BUDGET_PER_CHARACTER.get(i))
        .ok_or(Error::OutOfRange {
            path: "party".into(),
            value: i64::from(level),
            min: 1,
            max: 20,
        })?;
    Ok(row[d as usize])
}

/// The party's budgets: low, moderate and high.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Budget {
    pub low: u32,
    pub moderate: u32,
    pub high: u32,
}

impl Budget {
    /// The budget of a difficulty.
    pub fn of(&self, d: Difficulty) -> u32 {
        match d {
            Difficulty::Low => self.low,
            Difficulty::Moderate => self.moderate,
            Difficulty::High => self.high,
        }
    }
}

/// The budgets of a party given by its characters' levels (1 to 8 characters of level 1–20).
pub fn party_budget(levels: &[u8]) -> Result<Budget> {
    if levels.is_empty() || levels.len() > 8 {
        return Err(Error::OutOfRange {
            path: "party".into(),
            value: levels.len() as i64,
            min: 1,
            max: 8,
        });
    }
    let mut b = Budget {
        low: 0,
        moderate: 0,
        high: 0,
    };
    for &l in levels {
        b.low += budget_per_character(l, Difficulty::Low)?;
        b.moderate += budget_per_character(l, Difficulty::Moderate)?;
        b.high += budget_per_character(l, Difficulty::High)?;
    }
    Ok(b)
}

/// How hard an encounter is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    Low,
    Moderate,
    High,
    /// Above the high budget.
    BeyondHigh,
}

impl Rating {
    /// `low`, `moderate`, `high` or `beyond_high`.
    pub fn as_str(self) -> &'static str {
        match self {
            Rating::Low => "low",
            Rating::Moderate => "moderate",
            Rating::High => "high",
            Rating::BeyondHigh => "beyond_high",
        }
    }
}

/// Some creatures of one kind in an encounter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Group {
    pub creature: String,
    pub name: String,
    pub cr: String,
    /// XP of one.
    pub xp: u32,
    pub count: u32,
}

/// An encounter rated against a party's budgets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Rated {
    pub party: Vec<u8>,
    pub budget: Budget,
    pub groups: Vec<Group>,
    pub creatures: u32,
    pub total_xp: u32,
    pub rating: Rating,
    /// The difficulty asked for, when built.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Difficulty>,
    /// XP left in the target's budget, when built.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unspent: Option<u32>,
    /// The SRD's troubleshooting notes that apply (more than two creatures per character).
    pub notes: Vec<String>,
}

impl Rated {
    /// One line per group and a total, for a person.
    pub fn render(&self) -> String {
        let mut s = String::new();
        for g in &self.groups {
            s.push_str(&format!(
                "{} × {} (CR {}, {} XP each)\n",
                g.count, g.name, g.cr, g.xp
            ));
        }
        s.push_str(&format!(
            "{} XP: {} (budgets: low {}, moderate {}, high {})\n",
            self.total_xp,
            self.rating.as_str(),
            self.budget.low,
            self.budget.moderate,
            self.budget.high
        ));
        for n in &self.notes {
            s.push_str(&format!("note: {n}\n"));
        }
        s
    }
}

fn creature<'a>(rules: &'a Rules, id: &str) -> Result<&'a CreatureDef> {
    rules.creatures.get(id).ok_or_else(|| Error::UnknownId {
        kind: "creature",
        id: id.to_string(),
        path: "creatures".into(),
        suggestion: rules.creatures.closest(id),
    })
}

/// Rates creatures (id → count) against a party.
pub fn rate(rules: &Rules, party: &[u8], creatures: &BTreeMap<String, u32>) -> Result<Rated> {
    let budget = party_budget(party)?;
    let mut groups = Vec::new();
    let mut total: u64 = 0;
    let mut count: u64 = 0;
    for (id, &n) in creatures {
        if n == 0 {
            continue;
        }
        let c = creature(rules, id)?;
        total += u64::from(c.xp) * u64::from(n);
        count += u64::from(n);
        groups.push(Group {
            creature: c.id.clone(),
            name: c.name.clone(),
            cr: c.cr.clone(),
            xp: c.xp,
            count: n,
        });
    }
    if groups.is_empty() {
        return Err(Error::InvalidValue {
            path: "creatures".into(),
            reason: "an encounter needs at least one creature".into(),
        });
    }
    groups.sort_by(|a, b| b.xp.cmp(&a.xp).then(a.creature.cmp(&b.creature)));
    let total = u32::try_from(total).unwrap_or(u32::MAX);
    let creatures = u32::try_from(count).unwrap_or(u32::MAX);
    let rating = if total <= budget.low {
        Rating::Low
    } else if total <= budget.moderate {
        Rating::Moderate
    } else if total <= budget.high {
        Rating::High
    } else {
        Rating::BeyondHigh
    };
    let mut notes = Vec::new();
    if creatures as usize > 2 * party.len() {
        notes.push(format!(
            "{creatures} creatures for {} characters: more than two per character, so include fragile ones that fall quickly",
            party.len()
        ));
    }
    Ok(Rated {
        party: party.to_vec(),
        budget,
        groups,
        creatures,
        total_xp: total,
        rating,
        target: None,
        unspent: None,
        notes,
    })
}

/// Which creatures an encounter may be built from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Filter {
    /// Creature types (`undead`, `humanoid`); any when empty.
    pub types: Vec<String>,
    /// Sizes; any when empty.
    pub sizes: Vec<Size>,
    /// A word the alignment must contain (`evil`, `lawful`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alignment: Option<String>,
    /// Lowest and highest challenge rating (`1/4`, `5`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cr_min: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cr_max: Option<String>,
    /// Environments: the SRD 5.2 pack has none, so a non-empty list is refused.
    pub environments: Vec<String>,
    /// Creature ids never used.
    pub exclude: Vec<String>,
    /// At most this many creatures (default: two per character).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_creatures: Option<u32>,
    /// Picks among creatures of equal XP (0: the first by id).
    pub seed: u64,
}

/// A challenge rating as a number (`1/8` → 0.125).
pub fn cr_value(cr: &str) -> Option<f64> {
    match cr {
        "1/8" => Some(0.125),
        "1/4" => Some(0.25),
        "1/2" => Some(0.5),
        _ => cr.parse::<u32>().ok().map(f64::from),
    }
}

fn cr_bound(path: &str, cr: &Option<String>) -> Result<Option<f64>> {
    cr.as_deref()
        .map(|c| {
            cr_value(c).ok_or_else(|| Error::InvalidValue {
                path: path.into(),
                reason: format!("`{c}` is not a challenge rating (0, 1/8, 1/4, 1/2, 1 … 30)"),
            })
        })
        .transpose()
}

/// The creatures a filter allows, by id.
pub fn candidates<'a>(rules: &'a Rules, f: &Filter) -> Result<Vec<&'a CreatureDef>> {
    if !f.environments.is_empty() {
        return Err(Error::InvalidValue {
            path: "environments".into(),
            reason: "the rules pack's creatures have no environments (SRD 5.2 lists none); \
                     filter by type, size, alignment or CR instead"
                .into(),
        });
    }
    let lo = cr_bound("cr_min", &f.cr_min)?;
    let hi = cr_bound("cr_max", &f.cr_max)?;
    let mut out: Vec<&CreatureDef> = rules
        .creatures
        .all()
        .iter()
        .filter(|c| f.types.is_empty() || f.types.iter().any(|t| t == &c.creature_type))
        .filter(|c| f.sizes.is_empty() || f.sizes.contains(&c.size))
        .filter(|c| {
            f.alignment
                .as_deref()
                .is_none_or(|a| c.alignment.to_lowercase().contains(&a.to_lowercase()))
        })
        .filter(|c| {
            let v = cr_value(&c.cr).unwrap_or(0.0);
            lo.is_none_or(|l| v >= l) && hi.is_none_or(|h| v <= h)
        })
        .filter(|c| !f.exclude.contains(&c.id))
        .filter(|c| c.xp > 0)
        .collect();
    out.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(out)
}

/// Builds an encounter for the party at a difficulty from the creatures the filter allows:
/// one or two kinds of creature (a leader and, if it helps, followers), spending as much of
/// the budget as possible without going over; among equal totals, fewer creatures, then a
/// stronger leader. Deterministic for a given filter and seed.
pub fn build(rules: &Rules, party: &[u8], d: Difficulty, f: &Filter) -> Result<Rated> {
    let budget = party_budget(party)?.of(d);
    let cands = candidates(rules, f)?;
    let cap = f.max_creatures.unwrap_or(2 * party.len() as u32).max(1);
    // Distinct XP values, highest first, each with the creatures that have it.
    let mut by_xp: BTreeMap<u32, Vec<&CreatureDef>> = BTreeMap::new();
    for c in cands.iter().filter(|c| c.xp <= budget) {
        by_xp.entry(c.xp).or_default().push(c);
    }
    let values: Vec<u32> = by_xp.keys().rev().copied().collect();
    // Maximise (total, fewer creatures, stronger leader): (total, count, leader xp, leaders).
    let mut best: Option<(u32, u32, u32, u32)> = None;
    let mut best_follow: (u32, u32) = (0, 0);
    for (i, &x1) in values.iter().enumerate() {
        for a in 1..=cap {
            let spent = x1.saturating_mul(a);
            if spent > budget {
                break;
            }
            let mut options = vec![(0u32, 0u32)];
            for &x2 in &values[i + 1..] {
                let room = (budget - spent) / x2;
                let b = room.min(cap - a);
                if b > 0 {
                    options.push((x2, b));
                }
            }
            for (x2, b) in options {
                let total = spent + x2 * b;
                let count = a + b;
                let better = match best {
                    None => true,
                    Some((t, n, l, _)) => {
                        (total, std::cmp::Reverse(count), x1) > (t, std::cmp::Reverse(n), l)
                    }
                };
                if better {
                    best = Some((total, count, x1, a));
                    best_follow = (x2, b);
                }
            }
        }
    }
    let Some((_, _, x1, a)) = best else {
        return Err(Error::Refused {
            code: "campaign.encounter.no_fit",
            message: format!("no allowed creature fits a budget of {budget} XP"),
            path: Some("filter".into()),
            alternatives: vec![
                "widen the filter (types, CR range)".into(),
                "raise the difficulty".into(),
            ],
        });
    };
    let pick = |xp: u32| -> Option<&CreatureDef> {
        let list = by_xp.get(&xp)?;
        list.get((f.seed % list.len() as u64) as usize).copied()
    };
    let mut creatures = BTreeMap::new();
    if let Some(c) = pick(x1) {
        creatures.insert(c.id.clone(), a);
    }
    let (x2, b) = best_follow;
    if b > 0
        && let Some(c) = pick(x2)
    {
        *creatures.entry(c.id.clone()).or_insert(0) += b;
    }
    let mut r = rate(rules, party, &creatures)?;
    r.target = Some(d);
    r.unspent = Some(budget.saturating_sub(r.total_xp));
    Ok(r)
}
