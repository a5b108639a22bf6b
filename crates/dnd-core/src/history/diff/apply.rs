//! Applying a diff, JSON pointers and value equality.

use serde_json::Value;

use super::{Change, Diff};
use crate::error::{Error, Result};
use crate::model::Character;

/// Equality of JSON values where numbers compare by value (`2` equals `2.0`).
pub(crate) fn json_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            if x.is_f64() || y.is_f64() {
                x.as_f64() == y.as_f64()
            } else {
                x == y
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| json_eq(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, p)| y.get(k).is_some_and(|q| json_eq(p, q)))
        }
        _ => a == b,
    }
}

/// Splits a JSON pointer into unescaped tokens (`""` is the whole document).
pub(crate) fn parse_pointer(path: &str) -> Option<Vec<String>> {
    if path.is_empty() {
        return Some(Vec::new());
    }
    let rest = path.strip_prefix('/')?;
    Some(
        rest.split('/')
            .map(|t| t.replace("~1", "/").replace("~0", "~"))
            .collect(),
    )
}

/// Applies a diff to a character. A change whose `old` is not the current value (or whose path
/// does not exist) fails with `invalid_input.value` naming the change's path.
pub fn apply(ch: &Character, diff: &Diff) -> Result<Character> {
    let mut value = serde_json::to_value(ch).map_err(|e| Error::from_serde(&e))?;
    apply_values(&mut value, diff)?;
    serde_json::from_value(value).map_err(|e| Error::from_serde(&e))
}

/// Applies a diff to a JSON value in place, by the same rules as [`apply`].
pub fn apply_values(value: &mut Value, diff: &Diff) -> Result<()> {
    for c in &diff.changes {
        apply_one(value, c)?;
    }
    Ok(())
}

fn apply_one(root: &mut Value, c: &Change) -> Result<()> {
    let bad = |reason: &str| Error::InvalidValue {
        path: c.path.clone(),
        reason: reason.to_string(),
    };
    let stale = || bad("the current value is not the change's old value");
    let tokens = parse_pointer(&c.path).ok_or_else(|| bad("not a JSON pointer"))?;
    let Some((last, parents)) = tokens.split_last() else {
        return match (&c.old, &c.new) {
            (Some(old), Some(new)) if json_eq(root, old) => {
                *root = new.clone();
                Ok(())
            }
            (Some(_), Some(_)) => Err(stale()),
            _ => Err(bad("the whole character can only be replaced")),
        };
    };
    let mut cur = root;
    for t in parents {
        cur = match cur {
            Value::Object(m) => m.get_mut(t.as_str()),
            Value::Array(xs) => index(t).and_then(|i| xs.get_mut(i)),
            _ => None,
        }
        .ok_or_else(|| bad("the path does not exist"))?;
    }
    match cur {
        Value::Object(m) => {
            match (m.get(last.as_str()), &c.old) {
                (None, None) => {}
                (Some(x), Some(old)) if json_eq(x, old) => {}
                _ => return Err(stale()),
            }
            match &c.new {
                Some(v) => m.insert(last.clone(), v.clone()),
                None => m.remove(last.as_str()),
            };
            Ok(())
        }
        Value::Array(xs) => {
            let i = index(last).ok_or_else(|| bad("not an array index"))?;
            match (&c.old, &c.new) {
                (None, Some(v)) if i <= xs.len() => xs.insert(i, v.clone()),
                (None, Some(_)) => return Err(bad("index past the end of the array")),
                (None, None) => {}
                (Some(old), new) => {
                    if !xs.get(i).is_some_and(|x| json_eq(x, old)) {
                        return Err(stale());
                    }
                    match new {
                        Some(v) => xs[i] = v.clone(),
                        None => {
                            xs.remove(i);
                        }
                    }
                }
            }
            Ok(())
        }
        _ => Err(bad("the parent is neither an object nor an array")),
    }
}

fn index(token: &str) -> Option<usize> {
    if token.is_empty() || !token.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if token.len() > 1 && token.starts_with('0') {
        return None;
    }
    token.parse().ok()
}
