//! The one error type of `dnd-core`.

use thiserror::Error;

/// Everything that can fail in `dnd-core`. Each variant has a stable [`Error::code`].
///
/// Messages name only the offending id or field path, never user prose.
#[derive(Debug, Error, Clone, PartialEq)]
#[non_exhaustive]
pub enum Error {
    /// A JSON document could not be parsed or did not have the expected shape.
    #[error("malformed JSON at line {line}, column {column}: {reason}")]
    Json {
        line: usize,
        column: usize,
        reason: String,
    },
    /// An id that no loaded pack defines.
    #[error("unknown {kind} `{id}` at {path}{}", suggestion_text(.suggestion))]
    UnknownId {
        kind: &'static str,
        id: String,
        path: String,
        suggestion: Option<String>,
    },
    /// A number outside its allowed range.
    #[error("{path} is {value}, outside {min}..={max}")]
    OutOfRange {
        path: String,
        value: i64,
        min: i64,
        max: i64,
    },
    /// A value that is the wrong kind for its field (e.g. a subclass of another class).
    #[error("{path}: {reason}")]
    InvalidValue { path: String, reason: String },
    /// Two packs define the same id.
    #[error("{kind} `{id}` is defined by both pack `{first}` and pack `{second}`")]
    PackConflict {
        kind: &'static str,
        id: String,
        first: String,
        second: String,
    },
    /// A pack refers to an id no loaded pack defines.
    #[error("pack `{pack}`: {path} refers to unknown {kind} `{id}`")]
    PackReference {
        pack: String,
        kind: &'static str,
        id: String,
        path: String,
    },
    /// A pack file is not valid.
    #[error("pack `{pack}`, file `{file}`: {reason}")]
    PackInvalid {
        pack: String,
        file: String,
        reason: String,
    },
    /// A stored object or commit whose content does not hash to its id.
    #[error("{kind} `{id}` is corrupt: its content hashes to `{actual}`")]
    Tampered {
        kind: &'static str,
        id: String,
        actual: String,
    },
    /// A version, branch, tag, proposal or theme that does not exist.
    #[error("no {kind} `{id}`")]
    NotFound { kind: &'static str, id: String },
    /// A write that named a head the branch no longer has (someone else committed first).
    #[error("branch `{branch}` moved: expected head {}, found {}", opt(.expected), opt(.actual))]
    HeadConflict {
        branch: String,
        expected: Option<String>,
        actual: Option<String>,
    },
    /// A merge (or cherry-pick, revert, rebase) with conflicts left unresolved.
    #[error("{} unresolved conflict(s): {}", .conflicts.len(), conflict_paths(.conflicts))]
    MergeConflicts {
        conflicts: Vec<crate::history::Conflict>,
    },
    /// The rules refuse a step (a fourth attunement, a spell above the castable level, a
    /// multiclass without the prerequisite). `code` is the validation code the step would break
    /// (`equipment.attunement.too_many`) or a play code (`play.slot.unavailable`, see
    /// [`crate::play::REFUSALS`]); `alternatives` lists what could be done instead.
    #[error("{message}{}", alternatives_text(.alternatives))]
    Refused {
        code: &'static str,
        message: String,
        path: Option<String>,
        alternatives: Vec<String>,
    },
}

fn opt(s: &Option<String>) -> String {
    s.as_deref().map_or("none".into(), |h| format!("`{h}`"))
}

fn conflict_paths(c: &[crate::history::Conflict]) -> String {
    c.iter()
        .map(|c| c.path.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn alternatives_text(a: &[String]) -> String {
    if a.is_empty() {
        String::new()
    } else {
        format!(" (alternatives: {})", a.join("; "))
    }
}

fn suggestion_text(s: &Option<String>) -> String {
    match s {
        Some(s) => format!(" (did you mean `{s}`?)"),
        None => String::new(),
    }
}

impl Error {
    /// The stable, machine-readable code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Json { .. } => "invalid_input.json",
            Error::UnknownId { .. } => "not_found.content",
            Error::OutOfRange { .. } => "invalid_input.out_of_range",
            Error::InvalidValue { .. } => "invalid_input.value",
            Error::PackConflict { .. } => "pack.conflict",
            Error::PackReference { .. } => "pack.reference",
            Error::PackInvalid { .. } => "pack.invalid",
            Error::Tampered { .. } => "history.tampered",
            Error::NotFound { kind, .. } => match *kind {
                "branch" => "not_found.branch",
                "tag" => "not_found.tag",
                "proposal" => "not_found.proposal",
                "theme" => "not_found.theme",
                "object" => "not_found.object",
                "campaign" => "not_found.campaign",
                "chapter" => "not_found.chapter",
                "npc" => "not_found.npc",
                "campaign entry" => "not_found.campaign_entry",
                "merge request" => "not_found.merge_request",
                "reversion" => "not_found.reversion",
                _ => "not_found.version",
            },
            Error::HeadConflict { .. } => "conflict.head",
            Error::MergeConflicts { .. } => "history.merge.conflict",
            Error::Refused { code, .. } => code,
        }
    }

    /// The JSON-pointer-like field path the error is about, when it has one.
    pub fn path(&self) -> Option<&str> {
        match self {
            Error::UnknownId { path, .. }
            | Error::OutOfRange { path, .. }
            | Error::InvalidValue { path, .. }
            | Error::PackReference { path, .. } => Some(path),
            Error::Refused { path, .. } => path.as_deref(),
            _ => None,
        }
    }

    /// Every code this crate can produce, for the generated error list.
    pub const CODES: &'static [(&'static str, &'static str)] = &[
        (
            "invalid_input.json",
            "malformed JSON or wrong shape, with line and column",
        ),
        (
            "not_found.content",
            "an id no loaded pack defines, with the closest known id",
        ),
        (
            "invalid_input.out_of_range",
            "a score, level or count outside its range, with the field path",
        ),
        (
            "invalid_input.value",
            "a value of the wrong kind for its field, with the field path",
        ),
        ("pack.conflict", "two packs define the same id"),
        ("pack.reference", "a pack refers to an unknown id"),
        ("pack.invalid", "a pack file is malformed"),
        (
            "history.tampered",
            "a stored commit or object whose content does not hash to its id",
        ),
        ("not_found.version", "no version (commit) with that id"),
        ("not_found.branch", "no branch with that name"),
        ("not_found.tag", "no tag with that name"),
        ("not_found.proposal", "no proposal with that id"),
        ("not_found.theme", "no theme with that id"),
        ("not_found.object", "no stored object with that id"),
        ("not_found.campaign", "no campaign with that id"),
        (
            "not_found.chapter",
            "no chapter with that id in the campaign",
        ),
        (
            "not_found.npc",
            "no NPC (or campaign character) with that id",
        ),
        (
            "not_found.campaign_entry",
            "no plot, location, faction or character with that id in the campaign",
        ),
        (
            "not_found.merge_request",
            "no campaign merge request with that id",
        ),
        (
            "not_found.reversion",
            "no campaign event reversion record with that id",
        ),
        (
            "conflict.head",
            "a write named a branch head that moved (both heads given); retry on the new head",
        ),
        (
            "history.merge.conflict",
            "a merge left conflicts unresolved (each with path, base, ours, theirs)",
        ),
    ];

    /// Whether the rules refuse (CLI exit code 1) rather than the input being bad (exit 2).
    pub fn is_refusal(&self) -> bool {
        matches!(
            self,
            Error::Refused { .. } | Error::HeadConflict { .. } | Error::MergeConflicts { .. }
        )
    }

    /// What could be done instead, for a refusal.
    pub fn alternatives(&self) -> &[String] {
        match self {
            Error::Refused { alternatives, .. } => alternatives,
            _ => &[],
        }
    }

    pub(crate) fn from_serde(e: &serde_json::Error) -> Error {
        Error::Json {
            line: e.line(),
            column: e.column(),
            reason: e.to_string(),
        }
    }
}

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An error as data: what bindings, the CLI's `--json` and the server print.
#[derive(
    Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
pub struct ErrorData {
    pub code: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// For a refusal: what could be done instead.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<String>,
}

impl From<&Error> for ErrorData {
    fn from(e: &Error) -> Self {
        ErrorData {
            code: e.code().to_string(),
            message: e.to_string(),
            path: e.path().map(str::to_string),
            alternatives: e.alternatives().to_vec(),
        }
    }
}
