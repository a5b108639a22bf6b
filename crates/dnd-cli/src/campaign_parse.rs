//! The small grammars of the campaign flags: enum words, `USER=CHARACTERS`, `ITEM:N`,
//! `str+1`, `ATTR=+5`, `stability>=40`, `QUEST=state:progress`, `NPC=+10`, `ID:COUNT`.

use std::collections::BTreeMap;
use std::path::Path;

use dnd_core::campaign::effects::{Change, Condition, Op, Value};
use dnd_core::campaign::impacts::Impact;
use dnd_core::campaign::journal::{QuestUpdate, StandingChange};
use dnd_core::model::Ability;
use serde::de::DeserializeOwned;

use crate::error::CliError;
use crate::packs::read_text;

fn usage(message: String) -> CliError {
    CliError::Usage { message }
}

/// An enum value from its word (`side-quest` or `side_quest`).
pub fn word<T: DeserializeOwned>(what: &str, s: &str, options: &str) -> Result<T, CliError> {
    serde_json::from_value(serde_json::Value::String(s.replace('-', "_")))
        .map_err(|_| usage(format!("--{what} takes one of {options}, not `{s}`")))
}

/// A JSON file of any campaign type, with line and column on malformed input.
pub fn json_file<T: DeserializeOwned>(path: &Path) -> Result<T, CliError> {
    let text = read_text(path)?;
    serde_json::from_str(&text).map_err(|e| {
        CliError::Core(dnd_core::Error::Json {
            line: e.line(),
            column: e.column(),
            reason: e.to_string(),
        })
    })
}

/// `KEY=VALUE`.
pub fn pair<'a>(flag: &str, s: &'a str) -> Result<(&'a str, &'a str), CliError> {
    s.split_once('=')
        .filter(|(k, _)| !k.is_empty())
        .ok_or_else(|| usage(format!("--{flag} takes KEY=VALUE, not `{s}`")))
}

/// An attribute value: an integer, `true`/`false`, or a word.
pub fn value(s: &str) -> Value {
    if let Ok(n) = s.trim_start_matches('+').parse::<i64>() {
        Value::Number(n)
    } else if let Ok(b) = s.parse::<bool>() {
        Value::Flag(b)
    } else {
        Value::Text(s.to_string())
    }
}

/// `ATTR=+5` (adds) / `ATTR=word` (sets), or with `set` every value sets.
pub fn change(s: &str, set: bool) -> Result<Change, CliError> {
    let (k, v) = pair(if set { "set" } else { "change" }, s)?;
    Ok(Change {
        attribute: k.into(),
        value: value(v),
        set,
    })
}

/// `stability>=40`.
pub fn condition(s: &str) -> Result<Condition, CliError> {
    for (sym, op) in [
        (">=", Op::Ge),
        ("<=", Op::Le),
        ("!=", Op::Ne),
        ("==", Op::Eq),
        (">", Op::Gt),
        ("<", Op::Lt),
        ("=", Op::Eq),
    ] {
        if let Some((k, v)) = s.split_once(sym) {
            return Ok(Condition {
                attribute: k.trim().into(),
                op,
                value: value(v.trim()),
            });
        }
    }
    Err(usage(format!(
        "--when takes ATTR>=VALUE (>=, <=, >, <, ==, !=), not `{s}`"
    )))
}

/// The impacts of `dnd campaign event` flags.
pub fn impacts(
    xp: Option<u32>,
    hp: Option<i32>,
    conditions: &[String],
    items: &[String],
    abilities: &[String],
) -> Result<Vec<Impact>, CliError> {
    let mut out = Vec::new();
    if let Some(amount) = xp {
        out.push(Impact::Xp { amount });
    }
    if let Some(delta) = hp {
        out.push(Impact::HitPoints { delta });
    }
    for c in conditions {
        let (add, id) = match c.strip_prefix('-') {
            Some(id) => (false, id),
            None => (true, c.trim_start_matches('+')),
        };
        out.push(Impact::Condition {
            condition: id.into(),
            add,
        });
    }
    for i in items {
        let (item, n) = i.rsplit_once(':').unwrap_or((i, "1"));
        let quantity = n
            .parse()
            .map_err(|_| usage(format!("--item takes ITEM[:N], not `{i}`")))?;
        out.push(Impact::Item {
            item: item.into(),
            quantity,
        });
    }
    for a in abilities {
        let bad = || {
            usage(format!(
                "--ability takes ABILITY+N or ABILITY-N (`str+1`), not `{a}`"
            ))
        };
        let at = a.find(['+', '-']).ok_or_else(bad)?;
        let ability = Ability::parse(&a[..at]).ok_or_else(bad)?;
        let delta = a[at..].parse().map_err(|_| bad())?;
        out.push(Impact::Ability { ability, delta });
    }
    Ok(out)
}

/// `QUEST=active|completed|failed[:PROGRESS]`.
pub fn quest(s: &str) -> Result<QuestUpdate, CliError> {
    let (id, rest) = pair("quest", s)?;
    let (state, progress) = rest.split_once(':').unwrap_or((rest, "0"));
    Ok(QuestUpdate {
        quest: id.into(),
        title: String::new(),
        state: word("quest", state, "active, completed, failed")?,
        progress: progress
            .parse()
            .map_err(|_| usage(format!("--quest progress is 0 to 100, not `{progress}`")))?,
    })
}

/// `NPC=+10`.
pub fn standing(s: &str) -> Result<StandingChange, CliError> {
    let (npc, d) = pair("standing", s)?;
    Ok(StandingChange {
        npc: npc.into(),
        delta: d
            .trim_start_matches('+')
            .parse()
            .map_err(|_| usage(format!("--standing takes NPC=+N or NPC=-N, not `{s}`")))?,
        note: String::new(),
    })
}

/// `ID` or `ID:COUNT` pairs.
pub fn creatures(list: &[String]) -> Result<BTreeMap<String, u32>, CliError> {
    let mut out = BTreeMap::new();
    for c in list {
        let (id, n) = c.rsplit_once(':').unwrap_or((c, "1"));
        let n: u32 = n
            .parse()
            .map_err(|_| usage(format!("a creature is ID or ID:COUNT, not `{c}`")))?;
        *out.entry(id.to_string()).or_insert(0) += n;
    }
    Ok(out)
}
