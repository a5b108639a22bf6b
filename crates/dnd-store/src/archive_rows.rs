//! The campaign tables (migration 0004) in the archive: one `row` line per table row, in
//! foreign-key order, each table sorted by its key. A campaign object's `data` is written as its
//! canonical JSON text (`json`) and rehashed on import, like a character object.

use std::collections::BTreeMap;

use dnd_core::history::sha256_hex;
use rusqlite::types::{Value as Sql, ValueRef};
use rusqlite::{Connection, params_from_iter};
use serde_json::Value;

use crate::error::{Result, SqlStep, StoreError};
use crate::sqlite::{compress, decompress};

/// The tables, in the order they are written and read back, with their sort order.
pub(crate) const TABLES: &[(&str, &str)] = &[
    ("campaigns", "id"),
    ("campaign_objects", "id"),
    ("campaign_commits", "seq"),
    ("campaign_refs", "campaign_id, kind, name"),
    ("merge_requests", "id"),
    ("journals", "seq"),
    ("campaign_reversions", "id"),
];

fn bad(reason: String) -> StoreError {
    StoreError::Invalid {
        what: "archive",
        reason,
    }
}

/// Every row of the campaign tables as (table, column → value).
pub(crate) fn rows(c: &Connection) -> Result<Vec<(String, BTreeMap<String, Value>)>> {
    let mut out = Vec::new();
    for (table, order) in TABLES {
        let mut s = c
            .prepare(&format!("SELECT * FROM {table} ORDER BY {order}"))
            .step("export campaigns")?;
        let names: Vec<String> = s.column_names().iter().map(|n| n.to_string()).collect();
        let mut q = s.query([]).step("export campaigns")?;
        while let Some(r) = q.next().step("export campaigns")? {
            let mut row = BTreeMap::new();
            for (i, name) in names.iter().enumerate() {
                let v = match r.get_ref(i).step("export campaigns")? {
                    ValueRef::Null => Value::Null,
                    ValueRef::Integer(n) => Value::from(n),
                    ValueRef::Real(f) => Value::from(f),
                    ValueRef::Text(t) => Value::from(String::from_utf8_lossy(t).into_owned()),
                    ValueRef::Blob(b) if *table == "campaign_objects" && name == "data" => {
                        let text = String::from_utf8(decompress(b)?)
                            .map_err(|e| bad(format!("campaign object: {e}")))?;
                        row.insert("json".to_string(), Value::from(text));
                        continue;
                    }
                    ValueRef::Blob(_) => return Err(bad(format!("{table}.{name} is a blob"))),
                };
                row.insert(name.clone(), v);
            }
            out.push((table.to_string(), row));
        }
    }
    Ok(out)
}

/// Writes one row line back (a known table, plain column names; an object is rehashed).
pub(crate) fn import_row(
    tx: &Connection,
    table: &str,
    row: &BTreeMap<String, Value>,
) -> Result<()> {
    if !TABLES.iter().any(|(t, _)| *t == table) {
        return Err(bad(format!("`{table}` is not an archived table")));
    }
    let mut cols = Vec::new();
    let mut vals = Vec::new();
    for (name, v) in row {
        if !name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
            return Err(bad(format!("`{name}` is not a column name")));
        }
        if table == "campaign_objects" && name == "json" {
            let text = v
                .as_str()
                .ok_or_else(|| bad("campaign object json".into()))?;
            let id = row.get("id").and_then(Value::as_str).unwrap_or_default();
            let actual = sha256_hex(text.as_bytes());
            if actual != id {
                return Err(StoreError::Tampered {
                    kind: "campaign object",
                    id: id.to_string(),
                    actual,
                });
            }
            cols.push("data".to_string());
            vals.push(Sql::Blob(compress(text.as_bytes())?));
            continue;
        }
        cols.push(name.clone());
        vals.push(match v {
            Value::Null => Sql::Null,
            Value::Number(n) if n.is_i64() => Sql::Integer(n.as_i64().unwrap_or_default()),
            Value::Number(n) => Sql::Real(n.as_f64().unwrap_or_default()),
            Value::String(s) => Sql::Text(s.clone()),
            other => {
                return Err(bad(format!(
                    "{table}.{name}: {other} is not a column value"
                )));
            }
        });
    }
    let marks = vec!["?"; cols.len()].join(", ");
    tx.execute(
        &format!(
            "INSERT OR REPLACE INTO {table} ({}) VALUES ({marks})",
            cols.join(", ")
        ),
        params_from_iter(vals),
    )
    .step("import campaigns")?;
    Ok(())
}
