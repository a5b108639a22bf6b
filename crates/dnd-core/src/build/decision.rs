//! Pending decisions as data: what a UI, a bot or an LLM must choose next.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::play::refuse;

/// The steps of character creation, in the 2024 order.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// Step 1: choose a class (and its level 1 choices).
    Class,
    /// Step 2: determine origin: background, species, languages.
    Origin,
    /// Step 3: determine ability scores (method, assignment, background increases).
    Abilities,
    /// Step 4: choose an alignment.
    Alignment,
    /// Step 5: fill in details (name) and starting equipment.
    Details,
}

impl Step {
    /// All steps in order.
    pub const ALL: [Step; 5] = [
        Step::Class,
        Step::Origin,
        Step::Abilities,
        Step::Alignment,
        Step::Details,
    ];
}

/// One choice still to make.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Decision {
    /// The key to answer with (`--choose KEY=VALUE`): `skills`, `subclass`, `cantrips`,
    /// `divine-order`, `background-bonus`, …
    pub key: String,
    /// The step of creation it belongs to (level-up decisions are all `class`).
    pub step: Step,
    /// For a person: `choose 2 skills from [athletics, perception, …]`.
    pub prompt: String,
    /// How many values to give (comma-separated); `0` means free text (a name).
    pub count: u32,
    /// The allowed values (empty for free text, or when the answer has its own grammar such as
    /// `str+2,dex+1`; `format` then says so).
    pub options: Vec<String>,
    /// The grammar of the answer when it is not a list of options (`ability+N[,ability+N]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// Whether it must be answered (optional ones are only offered).
    pub required: bool,
}

impl Decision {
    /// A pick of `count` values from `options`.
    pub fn pick(key: &str, step: Step, count: u32, what: &str, options: Vec<String>) -> Decision {
        let noun = if count == 1 {
            what.trim_end_matches('s').to_string()
        } else {
            what.to_string()
        };
        let shown: Vec<&str> = options.iter().take(40).map(String::as_str).collect();
        let more = if options.len() > 40 {
            format!(", … {} more", options.len() - 40)
        } else {
            String::new()
        };
        Decision {
            key: key.into(),
            step,
            prompt: format!("choose {count} {noun} from [{}{more}]", shown.join(", ")),
            count,
            options,
            format: None,
            required: true,
        }
    }

    /// A value with its own grammar.
    pub fn formatted(key: &str, step: Step, prompt: String, format: &str) -> Decision {
        Decision {
            key: key.into(),
            step,
            prompt,
            count: 1,
            options: Vec::new(),
            format: Some(format.into()),
            required: true,
        }
    }

    /// Splits and checks an answer against the options and the count.
    pub fn check(&self, value: &str) -> crate::Result<Vec<String>> {
        let values: Vec<String> = value
            .split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        if self.count == 0 || self.format.is_some() {
            return Ok(values);
        }
        let alternatives = || self.options.iter().take(40).cloned().collect();
        if values.len() != self.count as usize {
            return Err(refuse(
                "build.decision.invalid",
                format!(
                    "`{}` takes {} value(s); {} given",
                    self.key,
                    self.count,
                    values.len()
                ),
                None,
                alternatives(),
            ));
        }
        for (k, v) in values.iter().enumerate() {
            if !self.options.is_empty() && !self.options.contains(v) {
                return Err(refuse(
                    "build.decision.invalid",
                    format!("`{v}` is not an option of `{}`", self.key),
                    None,
                    alternatives(),
                ));
            }
            if values[..k].contains(v) {
                return Err(refuse(
                    "build.decision.invalid",
                    format!("`{v}` is given twice for `{}`", self.key),
                    None,
                    alternatives(),
                ));
            }
        }
        Ok(values)
    }
}
