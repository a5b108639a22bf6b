//! Canonical JSON and SHA-256 content addresses.
//!
//! Canonical form: object keys sorted by their UTF-8 bytes, no insignificant whitespace,
//! strings escaped as `serde_json` escapes them, integers in decimal, and a float with no
//! fractional part written as an integer (`2.0` → `2`), others in their shortest round-trip
//! form. The same value gives the same bytes on every run and platform.

use std::fmt::Write;

use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::canonical_ser::to_canonical_vec;
use crate::error::{Error, Result};

/// The canonical JSON text of a value.
pub fn canonical_json(v: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, v);
    out
}

/// The canonical JSON text of any serializable value (the same text as
/// `canonical_json(&serde_json::to_value(v)?)`, written without the intermediate value).
pub fn canonical_of<T: Serialize>(v: &T) -> Result<String> {
    String::from_utf8(canonical_bytes(v)?).map_err(|e| Error::Json {
        line: 0,
        column: 0,
        reason: format!("canonical JSON is not UTF-8: {e}"),
    })
}

/// The canonical JSON of any serializable value, as bytes (what [`content_id`] hashes).
pub fn canonical_bytes<T: Serialize>(v: &T) -> Result<Vec<u8>> {
    to_canonical_vec(v).map_err(|e| Error::from_serde(&e))
}

/// SHA-256 of bytes as 64 lowercase hex digits.
pub fn sha256_hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest.iter() {
        s.push(char::from(HEX[usize::from(b >> 4)]));
        s.push(char::from(HEX[usize::from(b & 0xf)]));
    }
    s
}

/// The content address of a serializable value: SHA-256 of its canonical JSON.
pub fn content_id<T: Serialize>(v: &T) -> Result<String> {
    Ok(sha256_hex(&canonical_bytes(v)?))
}

/// Whether a string looks like a content address (64 lowercase hex digits).
pub fn is_hash(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

fn write_value(out: &mut String, v: &Value) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => write_number(out, n),
        Value::String(s) => write_string(out, s),
        Value::Array(a) => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(out, x);
            }
            out.push(']');
        }
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort_unstable_by(|a, b| a.as_bytes().cmp(b.as_bytes()));
            out.push('{');
            for (i, k) in keys.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(out, k);
                out.push(':');
                if let Some(x) = m.get(*k) {
                    write_value(out, x);
                }
            }
            out.push('}');
        }
    }
}

fn write_number(out: &mut String, n: &serde_json::Number) {
    if let Some(i) = n.as_i64() {
        let _ = write!(out, "{i}");
    } else if let Some(u) = n.as_u64() {
        let _ = write!(out, "{u}");
    } else if let Some(f) = n.as_f64() {
        if f.fract() == 0.0 && f.abs() < 9.0e15 {
            let _ = write!(out, "{}", f as i64);
        } else {
            // serde_json prints the shortest representation that round-trips.
            out.push_str(
                &serde_json::Number::from_f64(f).map_or_else(|| "null".into(), |x| x.to_string()),
            );
        }
    }
}

/// Writes a JSON string exactly as `serde_json` escapes it: `"` and `\\` backslashed, control
/// characters as `\b \t \n \f \r` or `\u00xx`, everything else (all non-ASCII) as is.
fn write_string(out: &mut String, s: &str) {
    out.push('"');
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let esc: &str = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        if esc.is_empty() {
            let _ = write!(out, "\\u{b:04x}");
        } else {
            out.push_str(esc);
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
}
