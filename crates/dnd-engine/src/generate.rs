//! Verbs: generation. A concept becomes a valid character (saved with its provenance in the
//! commit), backstories, refinements as proposed diffs, level-up suggestions, image prompts,
//! procedural maps (stored as assets when asked) and the job list.
//!
//! The Engine is synchronous and the HTTP providers use reqwest's blocking client: an async
//! server must call these verbs from `spawn_blocking`.

use std::sync::Arc;

use dnd_core::model::Character;
use dnd_gen::http::{ClientConfig, OpenAiCompatible, OpenAiConfig};
use dnd_gen::maps::{Area, DungeonSpec, Palette, RegionSpec, Token, dungeon_canvas, region_canvas};
use dnd_gen::{
    Backstory, CancelToken, CharacterRequest, Generated, ImagePrompt, JobQueue, JobRecord,
    LevelUpSuggestion, OfflineText, PromptKind, Refinement, RulesCatalog, TextProvider,
};
use dnd_store::{Saved, Store};
use serde::{Deserialize, Serialize};

use crate::engine::Engine;
use crate::error::{EngineError, Result};

/// Which text provider to use.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(tag = "provider", rename_all = "snake_case")]
pub enum ProviderChoice {
    /// The tables: no network, deterministic from the seed.
    #[default]
    Offline,
    /// An OpenAI-compatible server (the API key comes from its environment variable).
    Openai(OpenAiConfig),
}

/// Generation options: the provider and its client policies.
#[derive(Debug, Clone, Default)]
pub struct GenOptions {
    pub provider: ProviderChoice,
    pub client: ClientConfig,
    /// Cancels a running generation.
    pub cancel: CancelToken,
}

/// A generated character and, when saved, where.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GeneratedCharacter {
    #[serde(flatten)]
    pub generated: Generated,
    pub saved: Option<Saved>,
}

/// Dungeon or region.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MapKind {
    Dungeon,
    Region,
}

/// SVG or PNG.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MapFormat {
    Svg,
    Png,
}

/// A map to make.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapRequest {
    pub kind: MapKind,
    pub seed: u64,
    /// Cells across and down (defaults: dungeon 40×40, region 48×32).
    pub width: Option<i32>,
    pub height: Option<i32>,
    /// A theme id whose palette colours the dungeon.
    pub theme: Option<String>,
    pub tokens: Vec<Token>,
    pub areas: Vec<Area>,
    pub format: MapFormat,
    /// Store the image as a `map` asset.
    pub save: bool,
}

/// A rendered map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapOutput {
    #[serde(skip)]
    pub bytes: Vec<u8>,
    pub content_type: String,
    /// The asset id when saved.
    pub asset: Option<String>,
    /// Rooms (dungeon) or points of interest (region).
    pub features: usize,
}

impl Engine {
    fn text_provider(&self, opts: &GenOptions) -> Result<Box<dyn TextProvider + '_>> {
        Ok(match &opts.provider {
            ProviderChoice::Offline => Box::new(OfflineText::new(&self.rules)),
            ProviderChoice::Openai(cfg) => {
                Box::new(OpenAiCompatible::new(cfg.clone(), opts.client.clone())?)
            }
        })
    }

    /// Generates a valid character for a concept; with `save`, stores it as a new character
    /// whose first commit carries the provenance (provider, model, prompt hash, seed, answer
    /// hash). Nothing is stored when generation fails.
    pub fn generate_character(
        &self,
        concept: &str,
        level: u32,
        seed: u64,
        opts: &GenOptions,
        save: bool,
    ) -> Result<GeneratedCharacter> {
        let provider = self.text_provider(opts)?;
        let req = CharacterRequest {
            concept: concept.into(),
            level,
            seed,
        };
        let generated = dnd_gen::generate_character(
            &self.rules,
            provider.as_ref(),
            &RulesCatalog::new(&self.rules),
            &req,
            &opts.cancel,
        )?;
        let saved = if save {
            let mut meta = self.meta(&format!("generated from concept: {}", concept.trim()));
            meta.provenance = generated.provenance.to_map();
            Some(self.store.save_character(
                &self.actor,
                &generated.character,
                "main",
                None,
                &meta,
            )?)
        } else {
            None
        };
        Ok(GeneratedCharacter { generated, saved })
    }

    /// Backstory and personality consistent with the sheet (contradictions left are flagged).
    pub fn backstory(&self, ch: &Character, seed: u64, opts: &GenOptions) -> Result<Backstory> {
        let provider = self.text_provider(opts)?;
        Ok(dnd_gen::write_backstory(
            &self.rules,
            provider.as_ref(),
            ch,
            seed,
            &opts.cancel,
        )?)
    }

    /// A refined character for the feedback, as a proposal with its diff (nothing saved).
    pub fn refine(
        &self,
        ch: &Character,
        feedback: &str,
        seed: u64,
        opts: &GenOptions,
    ) -> Result<Refinement> {
        let provider = self.text_provider(opts)?;
        Ok(dnd_gen::refine(
            &self.rules,
            provider.as_ref(),
            ch,
            feedback,
            seed,
            &opts.cancel,
        )?)
    }

    /// What the next level asks for, with picks fitting the character (and `concept`).
    pub fn level_up_suggestion(
        &self,
        ch: &Character,
        class: Option<&str>,
        concept: Option<&str>,
    ) -> Result<LevelUpSuggestion> {
        Ok(dnd_gen::suggest_level_up(
            &self.rules,
            &RulesCatalog::new(&self.rules),
            ch,
            class,
            concept,
        )?)
    }

    /// An image prompt (portrait, item or map) for a valid character, in `theme` (default: the
    /// theme the character wears).
    pub fn prompt(
        &self,
        ch: &Character,
        kind: PromptKind,
        theme: Option<&str>,
        item: Option<&str>,
    ) -> Result<ImagePrompt> {
        let id = theme
            .map(str::to_string)
            .or_else(|| ch.theme.as_ref().map(|t| t.id.clone()));
        let def = id.map(|i| self.theme(&i)).transpose()?;
        Ok(dnd_gen::compile_prompt(
            &self.rules,
            ch,
            def.as_ref(),
            kind,
            item,
        )?)
    }

    /// A procedural map, rendered (and stored as a `map` asset with `save`).
    pub fn map(&self, req: &MapRequest) -> Result<MapOutput> {
        let (canvas, features) = match req.kind {
            MapKind::Dungeon => {
                let palette = match &req.theme {
                    Some(t) => Palette::of_theme(&self.theme(t)?),
                    None => Palette::default(),
                };
                let spec = DungeonSpec {
                    width: req.width.unwrap_or(40),
                    height: req.height.unwrap_or(40),
                    seed: req.seed,
                    palette,
                    tokens: req.tokens.clone(),
                    areas: req.areas.clone(),
                    ..DungeonSpec::default()
                };
                let (d, c) = dungeon_canvas(&spec);
                (c, d.rooms.len())
            }
            MapKind::Region => {
                let spec = RegionSpec {
                    width: req.width.unwrap_or(48),
                    height: req.height.unwrap_or(32),
                    seed: req.seed,
                    ..RegionSpec::default()
                };
                let (r, c) = region_canvas(&spec);
                (c, r.points.len())
            }
        };
        let (bytes, content_type) = match req.format {
            MapFormat::Svg => (canvas.to_svg().into_bytes(), "image/svg+xml"),
            MapFormat::Png => (canvas.to_png().map_err(EngineError::Gen)?, "image/png"),
        };
        let asset = if req.save {
            let kind = if req.kind == MapKind::Dungeon {
                "dungeon"
            } else {
                "region"
            };
            let seed = format!("seed:{}", req.seed);
            Some(
                self.asset_put(&bytes, content_type, "map", &[kind, &seed], None)?
                    .0,
            )
        } else {
            None
        };
        Ok(MapOutput {
            bytes,
            content_type: content_type.into(),
            asset,
            features,
        })
    }

    /// Every job recorded in the database, newest first.
    pub fn jobs(&self) -> Result<Vec<JobRecord>> {
        let mut v: Vec<JobRecord> = Vec::new();
        for d in self.store.list_documents("job", None)? {
            let rec = serde_json::from_value(d.body).map_err(|e| EngineError::Document {
                kind: "job",
                id: d.id.clone(),
                reason: e.to_string(),
            })?;
            v.push(rec);
        }
        v.sort_by(|a, b| b.created_ms.cmp(&a.created_ms).then(b.id.cmp(&a.id)));
        Ok(v)
    }

    /// A job queue running `concurrency` jobs at once and recording them in this database
    /// (through a second connection to the same file; an in-memory database keeps them in
    /// memory only).
    pub fn job_queue(&self, concurrency: usize) -> Result<JobQueue> {
        let store = match self.store.path() {
            Some(p) => Some(Arc::new(dnd_store::SqliteStore::open(p)?)),
            None => None,
        };
        Ok(JobQueue::new(concurrency, store, &self.actor))
    }
}
