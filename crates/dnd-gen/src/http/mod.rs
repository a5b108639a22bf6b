//! Remote providers over HTTP and the robust client they share.

pub mod a1111;
pub mod client;
pub mod openai;
pub mod policy;

pub use a1111::{A1111, A1111Config};
pub use client::{Bucket, ClientConfig, RobustClient, Stats};
pub use openai::{OpenAiCompatible, OpenAiConfig, Structured};
pub use policy::{
    CircuitBreaker, Clock, ManualClock, RetryPolicy, Sleeper, SystemClock, ThreadSleeper,
    TokenBucket,
};
