//! The explanation trail: every derived number with the contributions that made it.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One contribution to a number.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Term {
    /// What contributed (`chain mail`, `Dexterity modifier`, `proficiency bonus`).
    pub source: String,
    pub value: i32,
}

/// How one number came about.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Explanation {
    pub value: i32,
    pub terms: Vec<Term>,
    /// Things considered and not applied (`Dex not applied: heavy armor`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

impl Explanation {
    /// A one-line rendering: `armor_class 18 = chain mail 16 + shield 2; Dex not applied: heavy armor`.
    pub fn render(&self, path: &str) -> String {
        let mut s = format!("{path} {}", self.value);
        if !self.terms.is_empty() {
            s.push_str(" =");
            for (i, t) in self.terms.iter().enumerate() {
                let sign = if t.value < 0 { "-" } else { "+" };
                if i == 0 {
                    if t.value < 0 {
                        s.push_str(" -");
                    }
                    s.push_str(&format!(" {} {}", t.source, t.value.abs()));
                } else {
                    s.push_str(&format!(" {sign} {} {}", t.source, t.value.abs()));
                }
            }
        }
        for n in &self.notes {
            s.push_str("; ");
            s.push_str(n);
        }
        s
    }
}

/// Explanations keyed by sheet path (`armor_class`, `abilities.dex.save`, `skills.stealth.bonus`).
pub type Trail = BTreeMap<String, Explanation>;

/// Records terms when explaining and does nothing otherwise; labels are built only when recording.
#[derive(Debug)]
pub(crate) struct Recorder<'a> {
    trail: Option<&'a mut Trail>,
}

impl<'a> Recorder<'a> {
    pub(crate) fn new(trail: Option<&'a mut Trail>) -> Self {
        Recorder { trail }
    }

    #[inline]
    pub(crate) fn on(&self) -> bool {
        self.trail.is_some()
    }

    /// Adds a term to `path`.
    #[inline]
    pub(crate) fn term(&mut self, path: &str, source: impl FnOnce() -> String, value: i32) {
        if let Some(t) = self.trail.as_deref_mut() {
            t.entry(path.to_string()).or_default().terms.push(Term {
                source: source(),
                value,
            });
        }
    }

    /// Adds a note to `path`.
    #[inline]
    pub(crate) fn note(&mut self, path: &str, note: impl FnOnce() -> String) {
        if let Some(t) = self.trail.as_deref_mut() {
            t.entry(path.to_string()).or_default().notes.push(note());
        }
    }

    /// Sets the final value of `path`.
    #[inline]
    pub(crate) fn total(&mut self, path: &str, value: i32) {
        if let Some(t) = self.trail.as_deref_mut() {
            t.entry(path.to_string()).or_default().value = value;
        }
    }

    /// Replaces the terms of `path` (for a candidate that won over others).
    pub(crate) fn set(&mut self, path: &str, e: Explanation) {
        if let Some(t) = self.trail.as_deref_mut() {
            t.insert(path.to_string(), e);
        }
    }
}
