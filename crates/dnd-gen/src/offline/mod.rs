//! The offline providers: no network, deterministic from the seed. Text answers come from the
//! keyword, name and prose tables; embeddings are hashed bags of words.

use dnd_core::rules::Rules;
use serde_json::Value;

use crate::catalog::{Catalog, Kind, RulesCatalog, of_kind};
use crate::choice::Build;
use crate::concept::offline_build;
use crate::error::{GenError, Result};
use crate::prose::offline_prose;
use crate::provider::{
    CancelToken, ChatRequest, ChatResponse, EmbeddingProvider, Image, ImageProvider, ImageRequest,
    Task, TextProvider, Usage,
};
use crate::tables::keywords::words;
use crate::tables::names::mix;

/// Offline chat "completion": answers the structured task from tables.
#[derive(Debug, Clone, Copy)]
pub struct OfflineText<'r> {
    rules: &'r Rules,
}

impl<'r> OfflineText<'r> {
    /// Offline text over these rules.
    pub fn new(rules: &'r Rules) -> OfflineText<'r> {
        OfflineText { rules }
    }

    fn refine(&self, feedback: &str, current: &Value) -> Result<Build> {
        let mut b: Build =
            serde_json::from_value(current.clone()).map_err(|e| GenError::Malformed {
                what: "current build",
                reason: e.to_string(),
            })?;
        let fits = RulesCatalog::new(self.rules).fits(feedback);
        let ids = |k: Kind| {
            of_kind(&fits, k)
                .iter()
                .map(|f| f.id.clone())
                .collect::<Vec<_>>()
        };
        let front = |new: Vec<String>, old: &[String]| {
            let mut v = new;
            v.extend(
                old.iter()
                    .filter(|o| !fits.iter().any(|f| f.id == **o && f.score < 0))
                    .cloned(),
            );
            v.dedup();
            v
        };
        let spells = ids(Kind::Spell);
        b.skills = front(ids(Kind::Skill), &b.skills);
        b.spells = front(spells.clone(), &b.spells);
        if let Some(w) = ids(Kind::Weapon).first() {
            b.weapon = Some(w.clone());
        }
        if let Some(a) = ids(Kind::Alignment).first() {
            b.alignment = Some(a.clone());
        }
        let strong = |k: Kind| {
            of_kind(&fits, k)
                .into_iter()
                .find(|f| f.score >= 5)
                .map(|f| f.id.clone())
        };
        if let Some(s) = strong(Kind::Species) {
            if s != b.species {
                b.species = s;
                b.lineage = None;
            }
        }
        if let Some(bg) = strong(Kind::Background) {
            b.background = bg;
        }
        // Keep the class when it can already do what the feedback asks (learn its spells).
        let classes = ids(Kind::Class);
        let keeps = classes.is_empty()
            || classes.contains(&b.class)
            || spells.iter().any(|s| {
                self.rules
                    .spells
                    .get(s)
                    .is_some_and(|d| d.classes.contains(&b.class))
            });
        if !keeps {
            b.class = classes[0].clone();
            b.choices.clear();
            let subs: Vec<String> = ids(Kind::Subclass);
            b.subclass = subs.into_iter().find(|s| {
                self.rules
                    .subclasses
                    .get(s)
                    .is_some_and(|d| d.class == b.class)
            });
        }
        Ok(b)
    }
}

fn tokens(s: &str) -> u64 {
    (s.len() as u64).div_ceil(4)
}

impl TextProvider for OfflineText<'_> {
    fn name(&self) -> &str {
        "offline"
    }

    fn model(&self) -> &str {
        "tables-v1"
    }

    fn complete(&self, req: &ChatRequest, cancel: &CancelToken) -> Result<ChatResponse> {
        cancel.check()?;
        let value = match &req.task {
            Task::Character { concept, .. } => {
                let fits = RulesCatalog::new(self.rules).fits(concept);
                serde_json::to_value(offline_build(self.rules, &fits, req.seed))
            }
            Task::Repair { concept, .. } => {
                // The tables' build for another seed: offline builds are made to validate.
                let fits = RulesCatalog::new(self.rules).fits(concept);
                serde_json::to_value(offline_build(self.rules, &fits, mix(req.seed)))
            }
            Task::Refine { feedback, current } => {
                serde_json::to_value(self.refine(feedback, current)?)
            }
            Task::Backstory { facts } => serde_json::to_value(offline_prose(facts, req.seed)),
        }
        .map_err(|e| GenError::Malformed {
            what: "offline answer",
            reason: e.to_string(),
        })?;
        let content = value.to_string();
        let prompt: u64 = req.messages.iter().map(|m| tokens(&m.content)).sum();
        let completion = tokens(&content);
        Ok(ChatResponse {
            content,
            usage: Usage {
                prompt_tokens: prompt,
                completion_tokens: completion,
                total_tokens: prompt + completion,
            },
            model: self.model().into(),
            cached: false,
        })
    }
}

/// Offline embeddings: a 256-dimension hashed bag of words (and word pairs), L2-normalised.
/// Deterministic and dependency-free; similar wording gives similar vectors.
#[derive(Debug, Clone, Copy, Default)]
pub struct OfflineEmbeddings;

/// The dimension of [`OfflineEmbeddings`] vectors.
pub const OFFLINE_DIM: usize = 256;

fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

impl EmbeddingProvider for OfflineEmbeddings {
    fn name(&self) -> &str {
        "offline"
    }

    fn embed(&self, inputs: &[String], cancel: &CancelToken) -> Result<Vec<Vec<f32>>> {
        cancel.check()?;
        Ok(inputs
            .iter()
            .map(|t| {
                let mut v = vec![0f32; OFFLINE_DIM];
                let ws = words(t);
                let pairs = ws.windows(2).map(|p| format!("{} {}", p[0], p[1]));
                for (w, weight) in ws
                    .iter()
                    .cloned()
                    .map(|w| (w, 1.0))
                    .chain(pairs.map(|p| (p, 0.5)))
                {
                    let h = fnv(&w);
                    let sign = if h & 1 == 0 { 1.0 } else { -1.0 };
                    v[(h >> 1) as usize % OFFLINE_DIM] += sign * weight;
                }
                let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
                if norm > 0.0 {
                    v.iter_mut().for_each(|x| *x /= norm);
                }
                v
            })
            .collect())
    }
}

/// Offline has no image model: it refuses with `gen.unavailable` (maps need no model; portraits
/// need an image provider).
#[derive(Debug, Clone, Copy, Default)]
pub struct OfflineImages;

impl ImageProvider for OfflineImages {
    fn name(&self) -> &str {
        "offline"
    }

    fn generate(&self, _req: &ImageRequest, _cancel: &CancelToken) -> Result<Image> {
        Err(GenError::Unavailable {
            provider: "offline".into(),
            reason:
                "no image model offline: use `dnd prompt` with an image provider (openai or a1111)"
                    .into(),
        })
    }
}
