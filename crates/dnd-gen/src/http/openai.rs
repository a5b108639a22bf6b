//! An OpenAI-compatible provider (OpenAI, Ollama, llama.cpp server, vLLM): chat completions
//! with `response_format` JSON Schema where the server takes it and plain JSON instructions
//! where not, embeddings, and images.

use std::sync::atomic::{AtomicBool, Ordering};

use base64::Engine as _;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::client::{Bucket, ClientConfig, RobustClient};
use crate::error::{GenError, Result};
use crate::provider::{
    CancelToken, ChatRequest, ChatResponse, EmbeddingProvider, Image, ImageProvider, ImageRequest,
    Role, TextProvider, Usage,
};

/// How structured output is asked for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Structured {
    /// `response_format: {type: json_schema}`; falls back to instructions when refused.
    #[default]
    JsonSchema,
    /// `response_format: {type: json_object}` plus the schema in the instructions.
    JsonObject,
    /// The schema in the instructions only (servers without `response_format`).
    Instructions,
}

/// Settings of an OpenAI-compatible provider.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct OpenAiConfig {
    /// `https://api.openai.com/v1`, `http://localhost:11434/v1` (Ollama), …
    pub base_url: String,
    pub model: String,
    /// The environment variable holding the API key (none needed for local servers).
    pub api_key_env: String,
    pub structured: Structured,
    pub embedding_model: String,
    pub image_model: String,
}

impl Default for OpenAiConfig {
    fn default() -> Self {
        OpenAiConfig {
            base_url: "https://api.openai.com/v1".into(),
            model: "gpt-4o-mini".into(),
            api_key_env: "OPENAI_API_KEY".into(),
            structured: Structured::JsonSchema,
            embedding_model: "text-embedding-3-small".into(),
            image_model: "gpt-image-1".into(),
        }
    }
}

/// The provider.
#[derive(Debug)]
pub struct OpenAiCompatible {
    cfg: OpenAiConfig,
    key: Option<String>,
    client: RobustClient,
    no_schema: AtomicBool,
}

impl OpenAiCompatible {
    /// A provider reading its key from `cfg.api_key_env` (required for api.openai.com).
    pub fn new(cfg: OpenAiConfig, client: ClientConfig) -> Result<OpenAiCompatible> {
        let client = RobustClient::new("openai-compatible", client)?;
        OpenAiCompatible::with_client(cfg, client)
    }

    /// A provider over a prepared client (an injected clock in tests).
    pub fn with_client(cfg: OpenAiConfig, client: RobustClient) -> Result<OpenAiCompatible> {
        let key = std::env::var(&cfg.api_key_env)
            .ok()
            .filter(|k| !k.trim().is_empty());
        if key.is_none() && cfg.base_url.contains("api.openai.com") {
            return Err(GenError::BadRequest {
                field: "api_key".into(),
                reason: format!("set {} to use {}", cfg.api_key_env, cfg.base_url),
            });
        }
        Ok(OpenAiCompatible {
            cfg,
            key,
            client,
            no_schema: AtomicBool::new(false),
        })
    }

    /// The client underneath (stats, usage).
    pub fn client(&self) -> &RobustClient {
        &self.client
    }

    fn url(&self, path: &str) -> String {
        format!("{}/{path}", self.cfg.base_url.trim_end_matches('/'))
    }

    fn headers(&self) -> Vec<(String, String)> {
        self.key
            .iter()
            .map(|k| ("Authorization".to_string(), format!("Bearer {k}")))
            .collect()
    }

    fn body(&self, req: &ChatRequest, mode: Structured) -> Value {
        let mut messages: Vec<Value> = req
            .messages
            .iter()
            .map(|m| json!({"role": m.role, "content": m.content}))
            .collect();
        if let Some((name, schema)) = &req.schema {
            if mode != Structured::JsonSchema {
                let note = format!(
                    "Reply with one JSON object only (no prose, no code fences) matching this JSON Schema named {name}: {schema}"
                );
                match messages
                    .iter_mut()
                    .find(|m| m["role"] == json!(Role::System))
                {
                    Some(m) => {
                        m["content"] = json!(format!(
                            "{}\n\n{note}",
                            m["content"].as_str().unwrap_or_default()
                        ))
                    }
                    None => messages.insert(0, json!({"role": "system", "content": note})),
                }
            }
        }
        let mut body = json!({
            "model": self.cfg.model,
            "messages": messages,
            "temperature": req.temperature,
            "seed": req.seed,
        });
        if let Some(m) = req.max_tokens {
            body["max_tokens"] = json!(m);
        }
        match (&req.schema, mode) {
            (Some((name, schema)), Structured::JsonSchema) => {
                body["response_format"] =
                    json!({"type": "json_schema", "json_schema": {"name": name, "schema": schema}});
            }
            (Some(_), Structured::JsonObject) => {
                body["response_format"] = json!({"type": "json_object"})
            }
            _ => {}
        }
        body
    }
}

fn usage(v: &Value) -> Usage {
    let n = |k: &str| v["usage"][k].as_u64().unwrap_or(0);
    Usage {
        prompt_tokens: n("prompt_tokens"),
        completion_tokens: n("completion_tokens"),
        total_tokens: n("total_tokens"),
    }
}

fn malformed(what: &'static str, reason: impl Into<String>) -> GenError {
    GenError::Malformed {
        what,
        reason: reason.into(),
    }
}

impl TextProvider for OpenAiCompatible {
    fn name(&self) -> &str {
        "openai-compatible"
    }

    fn model(&self) -> &str {
        &self.cfg.model
    }

    fn complete(&self, req: &ChatRequest, cancel: &CancelToken) -> Result<ChatResponse> {
        let mut mode = self.cfg.structured;
        if mode == Structured::JsonSchema && self.no_schema.load(Ordering::Relaxed) {
            mode = Structured::Instructions;
        }
        let url = self.url("chat/completions");
        let v = match self.client.post_json(
            Bucket::Text,
            &url,
            &self.headers(),
            &self.body(req, mode),
            cancel,
        ) {
            Err(GenError::Http {
                status: 400 | 422,
                body,
                ..
            }) if mode == Structured::JsonSchema && body.contains("response_format") => {
                // The server does not take JSON Schema output: ask in the instructions instead.
                self.no_schema.store(true, Ordering::Relaxed);
                let body = self.body(req, Structured::Instructions);
                self.client
                    .post_json(Bucket::Text, &url, &self.headers(), &body, cancel)?
            }
            other => other?,
        };
        let content = v["choices"][0]["message"]["content"]
            .as_str()
            .ok_or_else(|| malformed("chat completion", "no choices[0].message.content"))?
            .to_string();
        let u = usage(&v);
        self.client.record_usage(u);
        Ok(ChatResponse {
            content,
            usage: u,
            model: v["model"].as_str().unwrap_or(&self.cfg.model).to_string(),
            cached: false,
        })
    }
}

impl EmbeddingProvider for OpenAiCompatible {
    fn name(&self) -> &str {
        "openai-compatible"
    }

    fn embed(&self, inputs: &[String], cancel: &CancelToken) -> Result<Vec<Vec<f32>>> {
        let body = json!({"model": self.cfg.embedding_model, "input": inputs});
        let v = self.client.post_json(
            Bucket::Text,
            &self.url("embeddings"),
            &self.headers(),
            &body,
            cancel,
        )?;
        self.client.record_usage(usage(&v));
        let data = v["data"]
            .as_array()
            .ok_or_else(|| malformed("embeddings", "no data array"))?;
        let mut rows: Vec<(u64, Vec<f32>)> = data
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let vec = d["embedding"].as_array().map(|a| {
                    a.iter()
                        .filter_map(|x| x.as_f64())
                        .map(|x| x as f32)
                        .collect()
                });
                (
                    d["index"].as_u64().unwrap_or(i as u64),
                    vec.unwrap_or_default(),
                )
            })
            .collect();
        rows.sort_by_key(|r| r.0);
        if rows.len() != inputs.len() {
            return Err(malformed(
                "embeddings",
                format!("{} vectors for {} inputs", rows.len(), inputs.len()),
            ));
        }
        Ok(rows.into_iter().map(|r| r.1).collect())
    }
}

/// Decodes a base64 image field.
pub(crate) fn decode_png(b64: &str) -> Result<Image> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(b64.trim())
        .map_err(|e| malformed("image", e.to_string()))?;
    let content_type = if bytes.starts_with(b"\x89PNG") {
        "image/png"
    } else {
        "application/octet-stream"
    };
    Ok(Image {
        bytes,
        content_type: content_type.into(),
    })
}

impl ImageProvider for OpenAiCompatible {
    fn name(&self) -> &str {
        "openai-compatible"
    }

    fn generate(&self, req: &ImageRequest, cancel: &CancelToken) -> Result<Image> {
        let prompt = if req.negative.is_empty() {
            req.prompt.clone()
        } else {
            format!("{}. Avoid: {}", req.prompt, req.negative)
        };
        let body = json!({
            "model": self.cfg.image_model,
            "prompt": prompt,
            "n": 1,
            "size": format!("{}x{}", req.width, req.height),
            "response_format": "b64_json",
        });
        let v = self.client.post_json(
            Bucket::Images,
            &self.url("images/generations"),
            &self.headers(),
            &body,
            cancel,
        )?;
        let b64 = v["data"][0]["b64_json"]
            .as_str()
            .ok_or_else(|| malformed("image", "no data[0].b64_json"))?;
        decode_png(b64)
    }
}
