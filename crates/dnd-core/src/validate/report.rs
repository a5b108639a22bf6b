//! What validation returns: issues with codes, severities, paths, citations and fixes.

use std::borrow::Cow;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::patch::PatchOp;

/// How serious an issue is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Breaks the rules: exit 1 from the CLI.
    Error,
    /// Legal but probably unintended, or with side effects (Strength shortfall, encumbrance).
    Warning,
    /// Worth knowing.
    Info,
}

/// Where in the SRD 5.2 a rule is stated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Citation {
    /// Always `SRD 5.2`.
    pub document: Cow<'static, str>,
    pub chapter: Cow<'static, str>,
    pub heading: Cow<'static, str>,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Issue {
    /// Stable code (`ability.point_buy.over_budget`).
    pub code: Cow<'static, str>,
    pub severity: Severity,
    /// JSON pointer into the character file (`/abilities/base/str`); `""` for the whole file.
    pub path: String,
    pub message: String,
    pub citation: Citation,
    /// A machine-applicable fix (JSON Patch operations on the character file).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fix: Option<Vec<PatchOp>>,
    /// What a person could do about it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
}

/// The result of validating one character.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Report {
    /// No issue of severity `error`.
    pub valid: bool,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Issues in rule order, then path order.
    pub issues: Vec<Issue>,
}

impl Report {
    /// Builds a report from issues, counting them.
    pub fn from_issues(issues: Vec<Issue>) -> Report {
        let count = |s| issues.iter().filter(|i| i.severity == s).count();
        let (errors, warnings, infos) = (
            count(Severity::Error),
            count(Severity::Warning),
            count(Severity::Info),
        );
        Report {
            valid: errors == 0,
            errors,
            warnings,
            infos,
            issues,
        }
    }

    /// Whether some issue has this code.
    pub fn has(&self, code: &str) -> bool {
        self.issues.iter().any(|i| i.code == code)
    }

    /// Codes of the issues, in order.
    pub fn codes(&self) -> Vec<&str> {
        self.issues.iter().map(|i| i.code.as_ref()).collect()
    }
}
