//! The CLI's one error type and the one place that maps codes to exit codes.

use std::io::Write;
use std::process::ExitCode;

/// Everything a `dnd` command can fail with. Each variant has a stable [`CliError::code`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CliError {
    /// The rules engine refused the input.
    #[error(transparent)]
    Core(#[from] dnd_core::Error),
    /// The engine (history, store) failed or refused.
    #[error(transparent)]
    Engine(#[from] dnd_engine::EngineError),
    /// A dice expression was refused.
    #[error(transparent)]
    Dice(#[from] dnd_core::dice::DiceError),
    /// A file or standard input could not be read.
    #[error("{path}: {source}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// A file could not be written.
    #[error("cannot write {path}: {source}")]
    Write {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// `dnd rules list|show KIND` with a kind that does not exist.
    #[error("unknown kind `{kind}`; expected one of: {expected}")]
    UnknownKind { kind: String, expected: String },
    /// `dnd schema NAME` with a name that does not exist.
    #[error("unknown schema `{name}`; expected one of: {expected}")]
    UnknownSchema { name: String, expected: String },
    /// `--explain PATH` with a path that explains nothing.
    #[error("nothing to explain at `{path}`; try one of: {hint}")]
    ExplainPath { path: String, hint: String },
    /// Arguments that parse but do not make sense (`--choose` without `=`).
    #[error("{message}")]
    Usage { message: String },
    /// Output could not be serialized.
    #[error("cannot write JSON: {0}")]
    Serialize(#[from] serde_json::Error),
}

impl CliError {
    /// Stable code: the core's own, or one of the CLI's.
    pub fn code(&self) -> &'static str {
        match self {
            CliError::Core(e) => e.code(),
            CliError::Engine(e) => e.code(),
            CliError::Dice(e) => e.code(),
            CliError::Read { .. } => "invalid_input.io",
            CliError::Write { .. } => "io.write",
            CliError::UnknownKind { .. } => "invalid_input.kind",
            CliError::UnknownSchema { .. } => "invalid_input.schema",
            CliError::ExplainPath { .. } => "invalid_input.explain_path",
            CliError::Usage { .. } => "invalid_input.usage",
            CliError::Serialize(_) => "internal.serialize",
        }
    }

    /// Every code the CLI adds to the core's, with its meaning and exit code.
    pub const CODES: &'static [(&'static str, &'static str, u8)] = &[
        (
            "invalid_input.io",
            "a file or standard input could not be read",
            2,
        ),
        ("io.write", "a file could not be written", 2),
        (
            "invalid_input.kind",
            "an unknown kind in `dnd rules list` or `dnd rules show`",
            2,
        ),
        (
            "invalid_input.schema",
            "an unknown schema name in `dnd schema`",
            2,
        ),
        (
            "invalid_input.explain_path",
            "`--explain PATH` explains nothing",
            2,
        ),
        (
            "invalid_input.usage",
            "arguments that parse but do not make sense (`--choose` without `=`)",
            2,
        ),
        ("internal.serialize", "output could not be serialized", 2),
    ];

    /// The field path the error is about, if any.
    pub fn path(&self) -> Option<&str> {
        match self {
            CliError::Core(e) => e.path(),
            CliError::Engine(e) => e.path(),
            _ => None,
        }
    }

    /// 1 when the rules refuse (validation, later), 2 for unreadable or malformed input and bad
    /// usage. Keyed on the code so every surface agrees.
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Core(e) if e.is_refusal() => return 1,
            CliError::Engine(e) if e.is_refusal() => return 1,
            _ => {}
        }
        let code = self.code();
        match Self::CODES.iter().find(|c| c.0 == code) {
            Some(c) => c.2,
            None if code.starts_with("rules.") => 1,
            None => 2,
        }
    }

    /// Prints the error (and, for `--json`, a JSON error object on standard output) and gives
    /// the exit code.
    pub fn report(&self, json: bool) -> ExitCode {
        if json {
            let alternatives = match self {
                CliError::Core(e) => e.alternatives().to_vec(),
                CliError::Engine(e) => e.data().alternatives,
                _ => vec![],
            };
            let mut v = serde_json::json!({"error": {"code": self.code(), "message": self.to_string(), "path": self.path(), "alternatives": alternatives}});
            let conflicts = match self {
                CliError::Core(dnd_core::Error::MergeConflicts { conflicts })
                | CliError::Engine(dnd_engine::EngineError::Core(
                    dnd_core::Error::MergeConflicts { conflicts },
                )) => Some(conflicts),
                _ => None,
            };
            if let (Some(c), Some(e)) = (conflicts, v.get_mut("error")) {
                e["conflicts"] = serde_json::json!(c);
            }
            let _ = writeln!(std::io::stdout(), "{v}");
        }
        let _ = writeln!(std::io::stderr(), "error[{}]: {self}", self.code());
        ExitCode::from(self.exit_code())
    }
}
