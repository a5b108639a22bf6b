//! The one error type of `dnd-gen`, with stable codes.

use thiserror::Error;

/// Everything generation can fail with. Each variant has a stable [`GenError::code`].
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum GenError {
    /// The rules engine refused or could not read something (its code is passed through).
    #[error(transparent)]
    Core(#[from] dnd_core::Error),
    /// The store failed (its code is passed through).
    #[error(transparent)]
    Store(#[from] dnd_store::StoreError),
    /// The provider's answers never became a valid character: every problem of the last attempt.
    #[error("no valid character after {attempts} attempt(s): {}", .problems.join("; "))]
    Invalid {
        attempts: u32,
        problems: Vec<String>,
    },
    /// The provider's answer was not the JSON asked for.
    #[error("the provider's answer is not valid JSON for {what}: {reason}")]
    Malformed { what: &'static str, reason: String },
    /// The provider could not be reached or kept failing (after retries).
    #[error("provider `{provider}` unavailable: {reason}")]
    Unavailable { provider: String, reason: String },
    /// The provider answered with an HTTP error that retrying does not fix.
    #[error("provider `{provider}` answered HTTP {status}: {body}")]
    Http {
        provider: String,
        status: u16,
        body: String,
    },
    /// Every attempt timed out.
    #[error("provider `{provider}` timed out after {attempts} attempt(s)")]
    Timeout { provider: String, attempts: u32 },
    /// The circuit breaker is open after repeated failures; no request was sent.
    #[error("provider `{provider}` circuit open for {retry_in_ms} ms more after repeated failures")]
    CircuitOpen { provider: String, retry_in_ms: u64 },
    /// The caller cancelled.
    #[error("cancelled")]
    Cancelled,
    /// A request the generator cannot serve (unknown kind, bad option, missing key).
    #[error("{field}: {reason}")]
    BadRequest { field: String, reason: String },
    /// A job id the queue does not know.
    #[error("no job `{0}`")]
    NoJob(String),
    /// Rendering an image failed.
    #[error("render failed: {0}")]
    Render(String),
}

impl GenError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            GenError::Core(e) => e.code(),
            GenError::Store(e) => e.code(),
            GenError::Invalid { .. } => "gen.invalid",
            GenError::Malformed { .. } => "gen.malformed",
            GenError::Unavailable { .. } => "gen.unavailable",
            GenError::Http { .. } => "gen.http",
            GenError::Timeout { .. } => "gen.timeout",
            GenError::CircuitOpen { .. } => "gen.circuit_open",
            GenError::Cancelled => "gen.cancelled",
            GenError::BadRequest { .. } => "gen.bad_request",
            GenError::NoJob(_) => "gen.job.not_found",
            GenError::Render(_) => "gen.render",
        }
    }

    /// Whether retrying the same request later may succeed.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            GenError::Unavailable { .. } | GenError::Timeout { .. } | GenError::CircuitOpen { .. }
        )
    }

    /// Every code this crate defines itself, with its meaning and CLI exit code.
    pub const CODES: &'static [(&'static str, &'static str, u8)] = &[
        (
            "gen.invalid",
            "the provider's answers never became a valid character (repair rounds exhausted); the problems are listed",
            1,
        ),
        (
            "gen.malformed",
            "the provider's answer is not the JSON asked for",
            2,
        ),
        (
            "gen.unavailable",
            "the provider could not be reached or kept failing after retries",
            2,
        ),
        (
            "gen.http",
            "the provider answered with an HTTP error that retrying does not fix",
            2,
        ),
        ("gen.timeout", "every attempt at the provider timed out", 2),
        (
            "gen.circuit_open",
            "the circuit breaker is open after repeated provider failures; no request was sent",
            2,
        ),
        ("gen.cancelled", "the caller cancelled the generation", 2),
        (
            "gen.bad_request",
            "a generation request that cannot be served (bad option, missing API key)",
            2,
        ),
        ("gen.job.not_found", "a job id the queue does not know", 2),
        ("gen.render", "rendering a map image failed", 2),
    ];
}

/// `Result` with [`GenError`].
pub type Result<T, E = GenError> = std::result::Result<T, E>;
