//! Plots: main, side, character, faction, mystery and hidden, with subplots, an arc over
//! ordered chapters and branches where the players choose.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// What a plot is about.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PlotKind {
    #[default]
    Main,
    Side,
    Character,
    Faction,
    Mystery,
    /// Kept from the players until revealed.
    Hidden,
}

/// Where a plot stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PlotState {
    #[default]
    Planned,
    Active,
    Resolved,
    Abandoned,
}

/// One choice at a plot branch.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Choice {
    pub text: String,
    /// What follows from it.
    pub consequences: Vec<String>,
    /// The chapter it leads to, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub leads_to: Option<String>,
}

/// A point where the players' choice changes the story.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct PlotBranch {
    pub id: String,
    /// What sets it off.
    pub trigger: String,
    pub choices: Vec<Choice>,
    /// Whether the players have reached it.
    pub explored: bool,
    /// The index of the choice taken, once explored.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chosen: Option<usize>,
}

/// A plot (or subplot).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Plot {
    pub id: String,
    pub title: String,
    pub kind: PlotKind,
    pub state: PlotState,
    pub summary: String,
    /// The chapters it runs through, in order (their play order must agree).
    pub arc: Vec<String>,
    pub branches: Vec<PlotBranch>,
    pub subplots: Vec<Plot>,
}

impl Plot {
    /// This plot and every subplot below it, depth first, with their JSON pointers below
    /// `base` (`/plots/0`, `/plots/0/subplots/1`, …).
    pub fn walk<'a>(&'a self, base: String, out: &mut Vec<(String, &'a Plot)>) {
        out.push((base.clone(), self));
        for (i, s) in self.subplots.iter().enumerate() {
            s.walk(format!("{base}/subplots/{i}"), out);
        }
    }
}

/// Every plot and subplot of a list with its JSON pointer (`/plots/N/...`).
pub fn all_plots(plots: &[Plot]) -> Vec<(String, &Plot)> {
    let mut out = Vec::new();
    for (i, p) in plots.iter().enumerate() {
        p.walk(format!("/plots/{i}"), &mut out);
    }
    out
}
