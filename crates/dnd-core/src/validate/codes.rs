//! The generated list of validation codes (`docs/validation-codes.md`, `dnd rules codes`).

use std::fmt::Write;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::registry::{all_rules, sections};
use super::report::{Citation, Severity};

/// One validation code as data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CodeInfo {
    pub code: String,
    pub severity: Severity,
    pub citation: Citation,
    pub description: String,
    /// Character file sections the rule reads.
    pub reads: Vec<String>,
}

/// Every validation code, in report order.
pub fn codes() -> Vec<CodeInfo> {
    all_rules()
        .map(|r| CodeInfo {
            code: r.code.to_string(),
            severity: r.severity,
            citation: r.citation(),
            description: r.description.to_string(),
            reads: (0..10)
                .filter(|i| r.reads & (1 << i) != 0)
                .map(|i| sections::NAMES[i].to_string())
                .collect(),
        })
        .collect()
}

/// The Markdown list checked in as `docs/validation-codes.md`.
pub fn codes_markdown() -> String {
    let mut s = String::from(
        "# Validation codes\n\nGenerated from the rule declarations in `crates/dnd-core/src/validate/` \
         (`dnd rules codes`); a test fails when this file is out of date. Codes are stable.\n\n\
         | code | severity | SRD 5.2 citation | what it means |\n|---|---|---|---|\n",
    );
    for c in codes() {
        let sev = crate::model::key_of(&c.severity);
        let _ = writeln!(
            s,
            "| `{}` | {sev} | {} › {} | {} |",
            c.code, c.citation.chapter, c.citation.heading, c.description
        );
    }
    s
}
