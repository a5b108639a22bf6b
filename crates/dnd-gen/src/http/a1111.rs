//! An Automatic1111 / SD-WebUI `txt2img` image provider (local image generation).

use serde::{Deserialize, Serialize};
use serde_json::json;

use super::client::{Bucket, ClientConfig, RobustClient};
use super::openai::decode_png;
use crate::error::{GenError, Result};
use crate::provider::{CancelToken, Image, ImageProvider, ImageRequest};

/// Settings of an SD-WebUI server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct A1111Config {
    /// `http://127.0.0.1:7860`.
    pub base_url: String,
    pub steps: u32,
    pub cfg_scale: f32,
    pub sampler: String,
}

impl Default for A1111Config {
    fn default() -> Self {
        A1111Config {
            base_url: "http://127.0.0.1:7860".into(),
            steps: 28,
            cfg_scale: 7.0,
            sampler: "Euler a".into(),
        }
    }
}

/// The provider.
#[derive(Debug)]
pub struct A1111 {
    cfg: A1111Config,
    client: RobustClient,
}

impl A1111 {
    /// A provider with the default client policies.
    pub fn new(cfg: A1111Config, client: ClientConfig) -> Result<A1111> {
        Ok(A1111 {
            cfg,
            client: RobustClient::new("a1111", client)?,
        })
    }

    /// A provider over a prepared client.
    pub fn with_client(cfg: A1111Config, client: RobustClient) -> A1111 {
        A1111 { cfg, client }
    }
}

impl ImageProvider for A1111 {
    fn name(&self) -> &str {
        "a1111"
    }

    fn generate(&self, req: &ImageRequest, cancel: &CancelToken) -> Result<Image> {
        let body = json!({
            "prompt": req.prompt,
            "negative_prompt": req.negative,
            "seed": req.seed,
            "steps": self.cfg.steps,
            "cfg_scale": self.cfg.cfg_scale,
            "sampler_name": self.cfg.sampler,
            "width": req.width,
            "height": req.height,
            "batch_size": 1,
        });
        let url = format!(
            "{}/sdapi/v1/txt2img",
            self.cfg.base_url.trim_end_matches('/')
        );
        let v = self
            .client
            .post_json(Bucket::Images, &url, &[], &body, cancel)?;
        let b64 = v["images"][0].as_str().ok_or_else(|| GenError::Malformed {
            what: "txt2img response",
            reason: "no images[0]".into(),
        })?;
        decode_png(b64)
    }
}
