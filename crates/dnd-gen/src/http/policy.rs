//! The robust client's policies: an injectable clock and sleeper, exponential backoff with
//! jitter, a circuit breaker and token-bucket rate limits.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::error::{GenError, Result};
use crate::provider::CancelToken;
use crate::tables::names::mix;

/// Milliseconds on a monotonic clock.
pub trait Clock: Send + Sync {
    fn now_ms(&self) -> u64;
}

/// Waits (cancellably).
pub trait Sleeper: Send + Sync {
    /// Sleeps `d`, returning `Err(Cancelled)` as soon as `cancel` is set.
    fn sleep(&self, d: Duration, cancel: &CancelToken) -> Result<()>;
}

/// The real monotonic clock.
#[derive(Debug)]
pub struct SystemClock(Instant);

impl Default for SystemClock {
    fn default() -> Self {
        SystemClock(Instant::now())
    }
}

impl Clock for SystemClock {
    fn now_ms(&self) -> u64 {
        self.0.elapsed().as_millis() as u64
    }
}

/// Real sleeping in slices of at most 20 ms, checking cancellation between them.
#[derive(Debug, Default, Clone, Copy)]
pub struct ThreadSleeper;

impl Sleeper for ThreadSleeper {
    fn sleep(&self, d: Duration, cancel: &CancelToken) -> Result<()> {
        let end = Instant::now() + d;
        loop {
            cancel.check()?;
            let now = Instant::now();
            if now >= end {
                return Ok(());
            }
            std::thread::sleep((end - now).min(Duration::from_millis(20)));
        }
    }
}

/// A manual clock whose sleeper advances it instantly (tests: fast and deterministic). The
/// sleeps asked for are recorded.
#[derive(Debug, Default, Clone)]
pub struct ManualClock {
    now: Arc<Mutex<u64>>,
    slept: Arc<Mutex<Vec<u64>>>,
}

impl ManualClock {
    /// Moves time forward.
    pub fn advance(&self, ms: u64) {
        if let Ok(mut n) = self.now.lock() {
            *n += ms;
        }
    }

    /// Every sleep asked for, in milliseconds.
    pub fn sleeps(&self) -> Vec<u64> {
        self.slept.lock().map(|s| s.clone()).unwrap_or_default()
    }
}

impl Clock for ManualClock {
    fn now_ms(&self) -> u64 {
        self.now.lock().map(|n| *n).unwrap_or(0)
    }
}

impl Sleeper for ManualClock {
    fn sleep(&self, d: Duration, cancel: &CancelToken) -> Result<()> {
        cancel.check()?;
        let ms = d.as_millis() as u64;
        if let Ok(mut s) = self.slept.lock() {
            s.push(ms);
        }
        self.advance(ms);
        Ok(())
    }
}

/// Retries with exponential backoff and full jitter (deterministic from a seed).
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    /// Retries after the first attempt.
    pub max_retries: u32,
    pub base: Duration,
    pub max_delay: Duration,
    /// Per-request timeout.
    pub timeout: Duration,
    /// Seed of the jitter.
    pub jitter_seed: u64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 4,
            base: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
            timeout: Duration::from_secs(60),
            jitter_seed: 0x6A17,
        }
    }
}

impl RetryPolicy {
    /// The wait before retry `n` (0-based): a jittered value in `[cap/2, cap]` where
    /// `cap = min(max_delay, base * 2^n)`; a server's Retry-After wins when longer.
    pub fn delay(&self, n: u32, retry_after: Option<Duration>) -> Duration {
        let cap = self
            .base
            .saturating_mul(1u32 << n.min(20))
            .min(self.max_delay);
        let cap_ms = cap.as_millis() as u64;
        let jitter = if cap_ms == 0 {
            0
        } else {
            mix(self.jitter_seed ^ u64::from(n)) % (cap_ms / 2 + 1)
        };
        let d = Duration::from_millis(cap_ms / 2 + jitter);
        match retry_after {
            Some(r) if r > d => r.min(Duration::from_secs(600)),
            _ => d,
        }
    }
}

/// A circuit breaker: after `threshold` consecutive failures it opens for `cooldown`; then one
/// trial request goes through (half-open) and its result closes or re-opens it.
#[derive(Debug)]
pub struct CircuitBreaker {
    pub threshold: u32,
    pub cooldown: Duration,
    state: Mutex<(u32, Option<u64>)>,
}

impl CircuitBreaker {
    /// A closed breaker.
    pub fn new(threshold: u32, cooldown: Duration) -> CircuitBreaker {
        CircuitBreaker {
            threshold,
            cooldown,
            state: Mutex::new((0, None)),
        }
    }

    /// `Err(CircuitOpen)` while open.
    pub fn check(&self, provider: &str, now: u64) -> Result<()> {
        let s = self.state.lock().map_err(|_| poisoned())?;
        if let Some(until) = s.1 {
            if now < until {
                return Err(GenError::CircuitOpen {
                    provider: provider.into(),
                    retry_in_ms: until - now,
                });
            }
        }
        Ok(())
    }

    /// Records a success (closes).
    pub fn success(&self) {
        if let Ok(mut s) = self.state.lock() {
            *s = (0, None);
        }
    }

    /// Records a failure (opens at the threshold, or again after a failed trial).
    pub fn failure(&self, now: u64) {
        if let Ok(mut s) = self.state.lock() {
            s.0 += 1;
            if s.0 >= self.threshold {
                s.1 = Some(now + self.cooldown.as_millis() as u64);
            }
        }
    }

    /// Whether it is open at `now`.
    pub fn is_open(&self, now: u64) -> bool {
        self.state
            .lock()
            .is_ok_and(|s| s.1.is_some_and(|u| now < u))
    }
}

fn poisoned() -> GenError {
    GenError::Unavailable {
        provider: "client".into(),
        reason: "internal lock poisoned".into(),
    }
}

/// A token bucket: `per_minute` tokens, refilled continuously, burst up to `per_minute`.
#[derive(Debug)]
pub struct TokenBucket {
    pub per_minute: u32,
    state: Mutex<(f64, u64)>,
}

impl TokenBucket {
    /// A full bucket (`now` is the clock's current time).
    pub fn new(per_minute: u32, now: u64) -> TokenBucket {
        TokenBucket {
            per_minute: per_minute.max(1),
            state: Mutex::new((f64::from(per_minute.max(1)), now)),
        }
    }

    /// Takes a token, or says how long until one is there.
    pub fn try_take(&self, now: u64) -> std::result::Result<(), Duration> {
        let Ok(mut s) = self.state.lock() else {
            return Ok(());
        };
        let rate = f64::from(self.per_minute) / 60_000.0;
        let elapsed = now.saturating_sub(s.1) as f64;
        s.0 = (s.0 + elapsed * rate).min(f64::from(self.per_minute));
        s.1 = now;
        if s.0 >= 1.0 {
            s.0 -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_millis(((1.0 - s.0) / rate).ceil() as u64))
        }
    }

    /// Takes a token, waiting with `sleeper` when the bucket is empty.
    pub fn take(
        &self,
        clock: &dyn Clock,
        sleeper: &dyn Sleeper,
        cancel: &CancelToken,
    ) -> Result<()> {
        loop {
            match self.try_take(clock.now_ms()) {
                Ok(()) => return Ok(()),
                Err(wait) => sleeper.sleep(wait, cancel)?,
            }
        }
    }
}
