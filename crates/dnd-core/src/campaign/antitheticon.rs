//! Antitheticon campaigns: a recurring nemesis that mirrors the party.
//!
//! From the party's profile (classes, alignments, methods, beliefs, strengths, weaknesses)
//! [`derive`] makes the antithesis: a leader mirroring the strongest character and one member
//! mirroring each other character, whose traits oppose theirs (opposite class and alignment,
//! opposed methods and beliefs; the nemesis is strong where the party is weak and weak where
//! it is strong), at the party's average level + 1; a disguised helper at the party's level − 1
//! who feeds information with a truth ratio (default 0.7); and an inverted "mirror" reality for
//! each theme. Revelation is staged (helper → ally → nemesis) by the party's knowledge
//! (0–100, thresholds 40 and 80 by default). On a theme change [`evolve`] re-derives the
//! traits against the party as it is now and remembers the previous theme.
//!
//! Names and prose come from generation; derived identities get working names. The checks are
//! in `antitheticon_checks.rs`, the derivation in `antitheticon_derive.rs`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// One character as the nemesis sees it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct PartyMember {
    pub character: String,
    pub name: String,
    pub class: String,
    pub level: u8,
    /// `lawful good`, `chaotic neutral`, `neutral`.
    pub alignment: String,
    pub methods: Vec<String>,
    pub beliefs: Vec<String>,
    pub strengths: Vec<String>,
    pub weaknesses: Vec<String>,
}

/// The party's profile.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct PartyProfile {
    pub members: Vec<PartyMember>,
}

impl PartyProfile {
    /// The average level, rounded half up (at least 1).
    pub fn average_level(&self) -> u8 {
        let n = self.members.len() as u32;
        if n == 0 {
            return 1;
        }
        let sum: u32 = self.members.iter().map(|m| u32::from(m.level)).sum();
        u8::try_from(((sum + n / 2) / n).max(1)).unwrap_or(20)
    }
}

/// The part an identity plays.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum IdentityRole {
    Leader,
    #[default]
    Member,
    /// The disguised helper.
    Helper,
    /// A false face another identity wears.
    Mask,
}

/// One identity of the nemesis's network.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Identity {
    pub id: String,
    pub name: String,
    pub role: IdentityRole,
    /// The character it mirrors.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mirrors: Option<String>,
    pub class: String,
    pub alignment: String,
    pub level: u8,
    pub methods: Vec<String>,
    pub beliefs: Vec<String>,
    pub strengths: Vec<String>,
    pub weaknesses: Vec<String>,
    /// Ids of the identities it is tied to (ties count both ways).
    pub links: Vec<String>,
}

/// How far the helper's mask has slipped.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    #[default]
    Helper,
    Ally,
    Nemesis,
}

/// A piece of information the helper gave.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Info {
    pub session: u32,
    pub text: String,
    pub truthful: bool,
}

/// The disguised helper.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Helper {
    /// Its identity id.
    pub identity: String,
    /// The share of what it says that is true (0 to 1).
    #[serde(default = "default_truth")]
    pub truth_ratio: f64,
    #[serde(default)]
    pub stage: Stage,
    #[serde(default)]
    pub fed: Vec<Info>,
}

pub(super) fn default_truth() -> f64 {
    0.7
}

/// A lie the network keeps up.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Deception {
    pub id: String,
    /// The identity that tells it.
    pub by: String,
    /// A character id, or `party`.
    pub target: String,
    pub about: String,
    pub active: bool,
    /// Sessions in which it was reinforced.
    pub maintained: Vec<u32>,
}

/// What the nemesis's doings do to the plot.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct PlotImpact {
    pub id: String,
    pub text: String,
    pub critical: bool,
    pub resolved: bool,
}

/// One aspect turned around in the mirror reality.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Inversion {
    /// `theme`, `alignment`, `belief`, `method`.
    pub aspect: String,
    pub party: String,
    pub mirror: String,
}

/// The inverted reality of one theme.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Mirror {
    pub theme: String,
    pub inversions: Vec<Inversion>,
}

/// What the nemesis remembers of an earlier theme.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Memory {
    pub theme: String,
    pub party_level: u8,
    pub knowledge: u8,
    pub stage: Stage,
}

/// Knowledge thresholds of the stages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Thresholds {
    pub ally: u8,
    pub nemesis: u8,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            ally: 40,
            nemesis: 80,
        }
    }
}

/// The nemesis data of an antitheticon campaign.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Antitheticon {
    pub theme: String,
    pub party: PartyProfile,
    /// What the party knows of the network, 0 to 100.
    pub knowledge: u8,
    pub thresholds: Thresholds,
    pub identities: Vec<Identity>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub helper: Option<Helper>,
    pub deceptions: Vec<Deception>,
    pub plot_impacts: Vec<PlotImpact>,
    pub mirrors: Vec<Mirror>,
    pub memory: Vec<Memory>,
}

impl Antitheticon {
    /// The stage the party's knowledge has reached.
    pub fn stage_for(&self, knowledge: u8) -> Stage {
        if knowledge >= self.thresholds.nemesis {
            Stage::Nemesis
        } else if knowledge >= self.thresholds.ally {
            Stage::Ally
        } else {
            Stage::Helper
        }
    }

    /// The party learns `amount` (knowledge capped at 100); the helper's stage moves forward
    /// (never back). Gives the stage now.
    pub fn learn(&mut self, amount: u8) -> Stage {
        self.knowledge = self.knowledge.saturating_add(amount).min(100);
        let st = self.stage_for(self.knowledge);
        if let Some(h) = &mut self.helper {
            h.stage = h.stage.max(st);
            return h.stage;
        }
        st
    }

    /// The helper feeds pieces of information in a session; which are true follows the truth
    /// ratio exactly over all it has said (the k-th piece is true when ⌊(k+1)·r⌋ > ⌊k·r⌋).
    pub fn feed(&mut self, session: u32, texts: &[String]) -> Result<&[Info]> {
        let h = self.helper.as_mut().ok_or_else(|| Error::InvalidValue {
            path: "/antitheticon/helper".into(),
            reason: "this antitheticon has no helper".into(),
        })?;
        let r = h.truth_ratio.clamp(0.0, 1.0);
        let start = h.fed.len();
        for (i, t) in texts.iter().enumerate() {
            let k = (start + i) as f64;
            let truthful = ((k + 1.0) * r + 1e-9).floor() > (k * r + 1e-9).floor();
            h.fed.push(Info {
                session,
                text: t.clone(),
                truthful,
            });
        }
        Ok(&h.fed[start..])
    }
}
