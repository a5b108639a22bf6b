//! The robust HTTP client every remote provider uses: timeouts, retries with exponential
//! backoff and jitter on 429/5xx/timeouts (honouring Retry-After), a circuit breaker,
//! token-bucket rate limits, token usage accounting, a response cache keyed by request hash,
//! and cancellation. It uses reqwest's blocking client: call it from a plain thread (an async
//! server runs it under `spawn_blocking`).

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use dnd_core::history::sha256_hex;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::policy::{
    CircuitBreaker, Clock, RetryPolicy, Sleeper, SystemClock, ThreadSleeper, TokenBucket,
};
use crate::error::{GenError, Result};
use crate::provider::{CancelToken, Usage};

/// Which rate limit a request counts against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bucket {
    Text,
    Images,
}

/// Settings of a [`RobustClient`].
#[derive(Debug, Clone, PartialEq)]
pub struct ClientConfig {
    pub retry: RetryPolicy,
    /// Consecutive failures that open the circuit.
    pub breaker_threshold: u32,
    pub breaker_cooldown: Duration,
    /// Text (and embedding) requests per minute.
    pub text_per_minute: u32,
    /// Image requests per minute.
    pub images_per_minute: u32,
    /// Cached responses kept (0: no cache).
    pub cache_entries: usize,
}

impl Default for ClientConfig {
    fn default() -> Self {
        ClientConfig {
            retry: RetryPolicy::default(),
            breaker_threshold: 5,
            breaker_cooldown: Duration::from_secs(30),
            text_per_minute: 100,
            images_per_minute: 10,
            cache_entries: 256,
        }
    }
}

/// What the client did so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stats {
    /// HTTP requests sent.
    pub requests: u64,
    /// Retries among them.
    pub retries: u64,
    pub cache_hits: u64,
    /// Calls that ended in an error.
    pub failures: u64,
    pub usage: Usage,
}

#[derive(Debug, Default)]
struct Cache {
    map: HashMap<String, Value>,
    order: VecDeque<String>,
}

/// A robust JSON-over-HTTP client.
pub struct RobustClient {
    name: String,
    http: reqwest::blocking::Client,
    config: ClientConfig,
    clock: Arc<dyn Clock>,
    sleeper: Arc<dyn Sleeper>,
    breaker: CircuitBreaker,
    text: TokenBucket,
    images: TokenBucket,
    cache: Mutex<Cache>,
    stats: Mutex<Stats>,
}

impl std::fmt::Debug for RobustClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RobustClient")
            .field("name", &self.name)
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

enum Failure {
    Retry {
        status: Option<u16>,
        after: Option<Duration>,
        reason: String,
        timeout: bool,
    },
    Fatal(GenError),
}

fn retry_after(h: &reqwest::header::HeaderMap) -> Option<Duration> {
    let v = h.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?.trim();
    v.parse::<f64>()
        .ok()
        .filter(|s| *s >= 0.0)
        .map(Duration::from_secs_f64)
}

impl RobustClient {
    /// A client on the system clock.
    pub fn new(name: impl Into<String>, config: ClientConfig) -> Result<RobustClient> {
        RobustClient::with_clock(
            name,
            config,
            Arc::new(SystemClock::default()),
            Arc::new(ThreadSleeper),
        )
    }

    /// A client with an injected clock and sleeper (tests).
    pub fn with_clock(
        name: impl Into<String>,
        config: ClientConfig,
        clock: Arc<dyn Clock>,
        sleeper: Arc<dyn Sleeper>,
    ) -> Result<RobustClient> {
        let name = name.into();
        let http = reqwest::blocking::Client::builder()
            .timeout(config.retry.timeout)
            .connect_timeout(config.retry.timeout.min(Duration::from_secs(10)))
            .build()
            .map_err(|e| GenError::Unavailable {
                provider: name.clone(),
                reason: e.to_string(),
            })?;
        let now = clock.now_ms();
        Ok(RobustClient {
            breaker: CircuitBreaker::new(config.breaker_threshold, config.breaker_cooldown),
            text: TokenBucket::new(config.text_per_minute, now),
            images: TokenBucket::new(config.images_per_minute, now),
            name,
            http,
            config,
            clock,
            sleeper,
            cache: Mutex::new(Cache::default()),
            stats: Mutex::new(Stats::default()),
        })
    }

    /// What the client did so far.
    pub fn stats(&self) -> Stats {
        self.stats.lock().map(|s| *s).unwrap_or_default()
    }

    /// Adds a response's token usage to the totals.
    pub fn record_usage(&self, u: Usage) {
        if let Ok(mut s) = self.stats.lock() {
            s.usage.add(u);
        }
    }

    /// Whether the circuit is open now.
    pub fn circuit_open(&self) -> bool {
        self.breaker.is_open(self.clock.now_ms())
    }

    fn bump(&self, f: impl FnOnce(&mut Stats)) {
        if let Ok(mut s) = self.stats.lock() {
            f(&mut s);
        }
    }

    /// Posts `body` as JSON to `url` and returns the JSON answer (cached by request hash).
    pub fn post_json(
        &self,
        bucket: Bucket,
        url: &str,
        headers: &[(String, String)],
        body: &Value,
        cancel: &CancelToken,
    ) -> Result<Value> {
        let key = sha256_hex(format!("{url}\n{body}").as_bytes());
        if self.config.cache_entries > 0 {
            if let Some(v) = self
                .cache
                .lock()
                .ok()
                .and_then(|c| c.map.get(&key).cloned())
            {
                self.bump(|s| s.cache_hits += 1);
                return Ok(v);
            }
        }
        let result = self.attempts(bucket, url, headers, body, cancel);
        match &result {
            Ok(v) if self.config.cache_entries > 0 => {
                if let Ok(mut c) = self.cache.lock() {
                    if c.map.insert(key.clone(), v.clone()).is_none() {
                        c.order.push_back(key);
                    }
                    while c.order.len() > self.config.cache_entries {
                        if let Some(old) = c.order.pop_front() {
                            c.map.remove(&old);
                        }
                    }
                }
            }
            Ok(_) => {}
            Err(_) => self.bump(|s| s.failures += 1),
        }
        result
    }

    fn attempts(
        &self,
        bucket: Bucket,
        url: &str,
        headers: &[(String, String)],
        body: &Value,
        cancel: &CancelToken,
    ) -> Result<Value> {
        let policy = &self.config.retry;
        let mut last = String::new();
        let mut timeouts = 0;
        for attempt in 0..=policy.max_retries {
            cancel.check()?;
            self.breaker.check(&self.name, self.clock.now_ms())?;
            let b = if bucket == Bucket::Text {
                &self.text
            } else {
                &self.images
            };
            b.take(self.clock.as_ref(), self.sleeper.as_ref(), cancel)?;
            self.bump(|s| {
                s.requests += 1;
                if attempt > 0 {
                    s.retries += 1;
                }
            });
            match self.once(url, headers, body) {
                Ok(v) => {
                    self.breaker.success();
                    return Ok(v);
                }
                Err(Failure::Fatal(e)) => return Err(e),
                Err(Failure::Retry {
                    status,
                    after,
                    reason,
                    timeout,
                }) => {
                    self.breaker.failure(self.clock.now_ms());
                    timeouts += u32::from(timeout);
                    last = match status {
                        Some(s) => format!("HTTP {s}: {reason}"),
                        None => reason,
                    };
                    if attempt < policy.max_retries {
                        cancel.check()?;
                        self.sleeper.sleep(policy.delay(attempt, after), cancel)?;
                    }
                }
            }
        }
        let attempts = policy.max_retries + 1;
        if timeouts == attempts {
            return Err(GenError::Timeout {
                provider: self.name.clone(),
                attempts,
            });
        }
        Err(GenError::Unavailable {
            provider: self.name.clone(),
            reason: format!("{last} (after {attempts} attempts)"),
        })
    }

    fn once(
        &self,
        url: &str,
        headers: &[(String, String)],
        body: &Value,
    ) -> std::result::Result<Value, Failure> {
        let mut rb = self.http.post(url).json(body);
        for (k, v) in headers {
            rb = rb.header(k.as_str(), v.as_str());
        }
        let resp = match rb.send() {
            Ok(r) => r,
            Err(e) => {
                return Err(Failure::Retry {
                    status: None,
                    after: None,
                    reason: e.to_string(),
                    timeout: e.is_timeout(),
                });
            }
        };
        let status = resp.status().as_u16();
        let after = retry_after(resp.headers());
        let text = match resp.text() {
            Ok(t) => t,
            Err(e) => {
                return Err(Failure::Retry {
                    status: Some(status),
                    after,
                    reason: e.to_string(),
                    timeout: e.is_timeout(),
                });
            }
        };
        if status == 429 || status >= 500 {
            let reason: String = text.chars().take(200).collect();
            return Err(Failure::Retry {
                status: Some(status),
                after,
                reason,
                timeout: false,
            });
        }
        if !(200..300).contains(&status) {
            return Err(Failure::Fatal(GenError::Http {
                provider: self.name.clone(),
                status,
                body: text.chars().take(500).collect(),
            }));
        }
        serde_json::from_str(&text).map_err(|e| {
            Failure::Fatal(GenError::Malformed {
                what: "provider response body",
                reason: e.to_string(),
            })
        })
    }
}
