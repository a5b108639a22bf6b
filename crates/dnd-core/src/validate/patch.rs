//! A small JSON Patch (RFC 6902: add, remove, replace) used by validation fixes.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{Error, Result};

/// One JSON Patch operation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "op", rename_all = "lowercase")]
pub enum PatchOp {
    /// Adds a member or inserts into an array (`-` appends).
    Add { path: String, value: Value },
    /// Removes a member or array element.
    Remove { path: String },
    /// Replaces a value that exists.
    Replace { path: String, value: Value },
}

fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

fn bad(path: &str, reason: &str) -> Error {
    Error::InvalidValue {
        path: path.to_string(),
        reason: format!("cannot apply patch: {reason}"),
    }
}

/// Splits a pointer into its parent pointer and last token.
fn split(path: &str) -> Result<(&str, String)> {
    let i = path
        .rfind('/')
        .ok_or_else(|| bad(path, "not a JSON pointer"))?;
    Ok((&path[..i], unescape(&path[i + 1..])))
}

fn parent_mut<'v>(doc: &'v mut Value, parent: &str, path: &str) -> Result<&'v mut Value> {
    doc.pointer_mut(parent)
        .ok_or_else(|| bad(path, "parent does not exist"))
}

/// Applies operations in order; on error the document may be partly changed (apply to a copy).
pub fn apply(doc: &mut Value, ops: &[PatchOp]) -> Result<()> {
    for op in ops {
        match op {
            PatchOp::Add { path, value } => {
                if path.is_empty() {
                    *doc = value.clone();
                    continue;
                }
                let (parent, key) = split(path)?;
                match parent_mut(doc, parent, path)? {
                    Value::Object(m) => {
                        m.insert(key, value.clone());
                    }
                    Value::Array(a) => {
                        let i = if key == "-" {
                            a.len()
                        } else {
                            key.parse().map_err(|_| bad(path, "bad index"))?
                        };
                        if i > a.len() {
                            return Err(bad(path, "index out of bounds"));
                        }
                        a.insert(i, value.clone());
                    }
                    _ => return Err(bad(path, "parent is not a container")),
                }
            }
            PatchOp::Remove { path } => {
                let (parent, key) = split(path)?;
                match parent_mut(doc, parent, path)? {
                    Value::Object(m) => {
                        m.remove(&key).ok_or_else(|| bad(path, "no such member"))?;
                    }
                    Value::Array(a) => {
                        let i: usize = key.parse().map_err(|_| bad(path, "bad index"))?;
                        if i >= a.len() {
                            return Err(bad(path, "index out of bounds"));
                        }
                        a.remove(i);
                    }
                    _ => return Err(bad(path, "parent is not a container")),
                }
            }
            PatchOp::Replace { path, value } => {
                let slot = doc
                    .pointer_mut(path)
                    .ok_or_else(|| bad(path, "no such value"))?;
                *slot = value.clone();
            }
        }
    }
    Ok(())
}
