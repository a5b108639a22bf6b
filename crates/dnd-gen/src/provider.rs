//! Provider traits (text, embeddings, images) and the data they exchange.
//!
//! A [`ChatRequest`] carries both the chat messages an LLM reads and the structured [`Task`]
//! they were compiled from, so the offline provider answers the same request deterministically
//! from tables while an HTTP provider sends the messages. Both answers go through the same
//! parse → validate → repair path.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{GenError, Result};

/// A cancellation flag shared between a caller and a running generation. Checked before each
/// attempt, during backoff and rate-limit waits, and between repair rounds.
#[derive(Debug, Clone, Default)]
pub struct CancelToken(Arc<AtomicBool>);

impl CancelToken {
    /// A token not yet cancelled.
    pub fn new() -> CancelToken {
        CancelToken::default()
    }

    /// Asks every holder to stop.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    /// Whether cancellation was asked for.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }

    /// `Err(Cancelled)` once cancelled.
    pub fn check(&self) -> Result<()> {
        if self.is_cancelled() {
            Err(GenError::Cancelled)
        } else {
            Ok(())
        }
    }
}

/// Who speaks in a chat message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    System,
    User,
    Assistant,
}

/// One chat message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub role: Role,
    pub content: String,
}

impl Message {
    /// A message from `role`.
    pub fn new(role: Role, content: impl Into<String>) -> Message {
        Message {
            role,
            content: content.into(),
        }
    }
}

/// What a request asks for, as data (the offline provider answers from this).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "task", rename_all = "snake_case")]
pub enum Task {
    /// Choose a character build for a concept.
    Character { concept: String, level: u32 },
    /// Repair a build after validation problems (the previous build and the problems).
    Repair {
        concept: String,
        level: u32,
        previous: Value,
        problems: Vec<String>,
    },
    /// Change a build according to feedback.
    Refine { feedback: String, current: Value },
    /// Write backstory and personality for a sheet summary.
    Backstory { facts: Value },
}

/// A chat completion request with an optional JSON Schema for structured output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChatRequest {
    pub messages: Vec<Message>,
    /// The schema the answer must follow: (name, schema).
    pub schema: Option<(String, Value)>,
    pub task: Task,
    /// Seed (offline: the whole answer; HTTP: passed as `seed` where the server takes it).
    pub seed: u64,
    pub temperature: f32,
    pub max_tokens: Option<u32>,
}

/// Tokens used by one answer (or summed over many).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Usage {
    pub prompt_tokens: u64,
    pub completion_tokens: u64,
    pub total_tokens: u64,
}

impl Usage {
    /// Adds another usage.
    pub fn add(&mut self, o: Usage) {
        self.prompt_tokens += o.prompt_tokens;
        self.completion_tokens += o.completion_tokens;
        self.total_tokens += o.total_tokens;
    }
}

/// A chat completion answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChatResponse {
    /// The text (JSON when a schema was asked for).
    pub content: String,
    pub usage: Usage,
    /// The model that answered.
    pub model: String,
    /// Served from the response cache.
    pub cached: bool,
}

/// Chat completion with JSON-Schema structured output.
pub trait TextProvider: Send + Sync {
    /// `offline`, `openai-compatible`, …
    fn name(&self) -> &str;
    /// The model asked for.
    fn model(&self) -> &str;
    /// Answers one request.
    fn complete(&self, req: &ChatRequest, cancel: &CancelToken) -> Result<ChatResponse>;
}

/// Text embeddings.
pub trait EmbeddingProvider: Send + Sync {
    /// The provider's name.
    fn name(&self) -> &str;
    /// One vector per input, in order.
    fn embed(&self, inputs: &[String], cancel: &CancelToken) -> Result<Vec<Vec<f32>>>;
}

/// An image request (from the prompt compiler).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageRequest {
    pub prompt: String,
    pub negative: String,
    pub seed: u64,
    pub width: u32,
    pub height: u32,
}

/// Generated image bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    pub bytes: Vec<u8>,
    /// `image/png`, …
    pub content_type: String,
}

/// Image generation.
pub trait ImageProvider: Send + Sync {
    /// The provider's name.
    fn name(&self) -> &str;
    /// Generates one image.
    fn generate(&self, req: &ImageRequest, cancel: &CancelToken) -> Result<Image>;
}
