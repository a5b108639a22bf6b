//! Structured JSON rendered as short fact lines (`**Hit Die:** 12`), for the searchable text of
//! records that have no prose: the rules pack's own entries and data-set fields.

use std::fmt::Write;

use serde_json::Value;

/// `hit_die` → `Hit die`.
fn label(key: &str) -> String {
    let words = key.replace(['_', '-'], " ");
    let mut c = words.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// A value as a short phrase: scalars as they are, references by name, lists joined, nested
/// objects as `key value` pairs; `None` for nothing worth saying.
fn phrase(v: &Value, depth: usize) -> Option<String> {
    match v {
        Value::Null => None,
        Value::Bool(b) => Some(if *b { "yes" } else { "no" }.into()),
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) if s.is_empty() => None,
        Value::String(s) => Some(s.replace(['-', '_'], " ")),
        Value::Array(a) => {
            let parts: Vec<String> = a.iter().filter_map(|x| phrase(x, depth + 1)).collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        Value::Object(o) => {
            if let Some(n) = o.get("name").and_then(Value::as_str) {
                return Some(n.to_string());
            }
            if depth > 2 {
                return None;
            }
            let parts: Vec<String> = o
                .iter()
                .filter(|(k, _)| !matches!(k.as_str(), "url" | "index" | "id"))
                .filter_map(|(k, x)| phrase(x, depth + 1).map(|p| format!("{} {p}", label(k))))
                .collect();
            (!parts.is_empty()).then(|| parts.join("; "))
        }
    }
}

/// One `**Label:** value` line per top-level field of an object, skipping `skip`.
pub(crate) fn facts_text(v: &Value, skip: &[&str]) -> String {
    let mut out = String::new();
    let Value::Object(o) = v else {
        return phrase(v, 0).unwrap_or_default();
    };
    for (k, x) in o {
        if skip.contains(&k.as_str()) {
            continue;
        }
        if let Some(p) = phrase(x, 0) {
            let _ = writeln!(out, "**{}:** {p}", label(k));
        }
    }
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::facts_text;
    use serde_json::json;

    #[test]
    fn facts_render_scalars_references_and_lists() {
        let v = json!({"index": "x", "hit_die": 12, "saving_throws": [{"index": "str", "name": "STR"}],
                       "ritual": false, "note": "", "range": {"normal": 20, "long": 60}});
        let t = facts_text(&v, &["index"]);
        assert!(t.contains("**Hit die:** 12"), "{t}");
        assert!(t.contains("**Saving throws:** STR"), "{t}");
        assert!(t.contains("**Ritual:** no"), "{t}");
        assert!(t.contains("Long 60; Normal 20"), "{t}");
        assert!(!t.contains("Note"), "{t}");
    }
}
