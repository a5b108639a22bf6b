//! The facade's one error type: the core's or the store's, with their stable codes.

use dnd_core::ErrorData;
use dnd_store::StoreError;

/// Everything an [`Engine`](crate::Engine) verb can fail with.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EngineError {
    /// The rules engine refused or could not read the input.
    #[error(transparent)]
    Core(#[from] dnd_core::Error),
    /// The store failed (or found a conflict, a missing id, a corrupt file).
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A dice expression that cannot be read or rolled.
    #[error(transparent)]
    Dice(#[from] dnd_core::dice::DiceError),
    /// Generation failed (a provider, an answer that stayed invalid, a map render).
    #[error(transparent)]
    Gen(#[from] dnd_gen::GenError),
    /// A document in the store that is not what its kind says.
    #[error("stored {kind} `{id}` cannot be read: {reason}")]
    Document {
        kind: &'static str,
        id: String,
        reason: String,
    },
}

impl EngineError {
    /// The stable code (the core's or the store's own).
    pub fn code(&self) -> &'static str {
        match self {
            EngineError::Core(e) => e.code(),
            EngineError::Store(e) => e.code(),
            EngineError::Dice(e) => e.code(),
            EngineError::Gen(e) => e.code(),
            EngineError::Document { .. } => "store.corrupt",
        }
    }

    /// Whether the rules (or a concurrent writer) refuse the step: CLI exit 1, HTTP 409/422.
    pub fn is_refusal(&self) -> bool {
        match self {
            EngineError::Core(e) => e.is_refusal(),
            EngineError::Store(e) => e.code() == "store.conflict",
            EngineError::Gen(e) => {
                matches!(e.code(), "gen.invalid")
                    || matches!(e, dnd_gen::GenError::Core(c) if c.is_refusal())
            }
            EngineError::Dice(_) | EngineError::Document { .. } => false,
        }
    }

    /// The field path, when there is one.
    pub fn path(&self) -> Option<&str> {
        match self {
            EngineError::Core(e) => e.path(),
            _ => None,
        }
    }

    /// The error as data (code, message, path, alternatives).
    pub fn data(&self) -> ErrorData {
        match self {
            EngineError::Core(e) => ErrorData::from(e),
            other => ErrorData {
                code: other.code().to_string(),
                message: other.to_string(),
                path: None,
                alternatives: vec![],
            },
        }
    }
}

/// `Result` with [`EngineError`].
pub type Result<T, E = EngineError> = std::result::Result<T, E>;
