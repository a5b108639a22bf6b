//! A scripted OpenAI-compatible (and SD-WebUI) fake server on 127.0.0.1, for tests and benches.
//! Each path has a queue of replies; the last one repeats. Every request body is recorded.

#![allow(dead_code)]

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

/// One scripted reply.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub body: String,
    pub delay_ms: u64,
    pub retry_after: Option<String>,
}

impl Reply {
    /// A 200 chat completion whose message content is `content`.
    pub fn chat(content: &str) -> Reply {
        let body = json!({
            "id": "chatcmpl-fake",
            "object": "chat.completion",
            "model": "fake-model",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120}
        });
        Reply {
            status: 200,
            body: body.to_string(),
            delay_ms: 0,
            retry_after: None,
        }
    }

    /// A 200 with a JSON body.
    pub fn json(v: Value) -> Reply {
        Reply {
            status: 200,
            body: v.to_string(),
            delay_ms: 0,
            retry_after: None,
        }
    }

    /// An error status with a body.
    pub fn status(status: u16, body: &str) -> Reply {
        Reply {
            status,
            body: body.into(),
            delay_ms: 0,
            retry_after: None,
        }
    }

    /// This reply after a delay.
    pub fn slow(mut self, ms: u64) -> Reply {
        self.delay_ms = ms;
        self
    }

    /// With a Retry-After header.
    pub fn retry_after(mut self, v: &str) -> Reply {
        self.retry_after = Some(v.into());
        self
    }
}

#[derive(Default)]
struct Script {
    replies: HashMap<String, VecDeque<Reply>>,
    requests: Vec<(String, Value)>,
}

/// The running server.
pub struct Fake {
    pub base: String,
    script: Arc<Mutex<Script>>,
    _thread: std::thread::JoinHandle<()>,
}

async fn handle(
    State(s): State<Arc<Mutex<Script>>>,
    uri: Uri,
    _h: HeaderMap,
    body: Bytes,
) -> Response {
    let path = uri.path().to_string();
    let reply = {
        let mut st = s.lock().expect("script");
        let v: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
        st.requests.push((path.clone(), v));
        let q = st.replies.entry(path).or_default();
        if q.len() > 1 {
            q.pop_front()
        } else {
            q.front().cloned()
        }
    };
    let Some(r) = reply else {
        return (StatusCode::NOT_FOUND, "no script").into_response();
    };
    if r.delay_ms > 0 {
        tokio::time::sleep(Duration::from_millis(r.delay_ms)).await;
    }
    let mut resp = (
        StatusCode::from_u16(r.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        r.body,
    )
        .into_response();
    resp.headers_mut()
        .insert("content-type", HeaderValue::from_static("application/json"));
    if let Some(a) = r.retry_after.and_then(|a| HeaderValue::from_str(&a).ok()) {
        resp.headers_mut().insert("retry-after", a);
    }
    resp
}

impl Fake {
    /// Starts a server on a free port of 127.0.0.1.
    pub fn start() -> Fake {
        let script = Arc::new(Mutex::new(Script::default()));
        let (tx, rx) = std::sync::mpsc::channel();
        let s2 = Arc::clone(&script);
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("runtime");
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                    .await
                    .expect("bind");
                tx.send(listener.local_addr().expect("addr")).expect("send");
                let app = Router::new().fallback(handle).with_state(s2);
                axum::serve(listener, app).await.expect("serve");
            });
        });
        let addr = rx.recv().expect("address");
        Fake {
            base: format!("http://{addr}"),
            script,
            _thread: thread,
        }
    }

    /// Replaces the script of `path` (`/v1/chat/completions`).
    pub fn script(&self, path: &str, replies: Vec<Reply>) {
        let mut st = self.script.lock().expect("script");
        st.replies.insert(path.into(), replies.into());
    }

    /// The chat completion path's script.
    pub fn chat(&self, replies: Vec<Reply>) {
        self.script("/v1/chat/completions", replies);
    }

    /// Every request so far: (path, JSON body).
    pub fn requests(&self) -> Vec<(String, Value)> {
        self.script.lock().expect("script").requests.clone()
    }

    /// How many requests so far.
    pub fn count(&self) -> usize {
        self.script.lock().expect("script").requests.len()
    }
}
