//! Character creation in the 2024 order: class, origin (background and species), ability scores,
//! alignment, details. A [`Builder`] holds the answers so far (it is plain data, so a bot can
//! keep it between messages); every step exposes its pending decisions and checks an answer
//! the moment it is given.

use std::collections::{BTreeMap, BTreeSet};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::model::{
    AbilityChoice, AbilityMethod, AbilityScores, BackgroundChoice, Character, SpeciesChoice,
};
use crate::play::{Event, Outcome, refuse};
use crate::rules::Rules;
use crate::validate::{Profile, Severity, validate};

use super::decision::{Decision, Step};
use super::level::resolve;
use super::origin_plan;

/// A decision with whether the caller answered it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DecisionState {
    #[serde(flatten)]
    pub decision: Decision,
    /// Answered by the caller (otherwise filled with a deterministic pick).
    pub answered: bool,
    /// The value used (the answer, or the pick).
    pub value: String,
}

/// A character being created: the answers so far and the seed for rolled scores.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Builder {
    /// Answers by decision key (`class=wizard`, `skills=arcana,history`).
    #[serde(default)]
    pub answers: BTreeMap<String, String>,
    /// Seed for 4d6-drop-lowest scores.
    #[serde(default)]
    pub seed: u64,
}

/// Lists the decisions of a draft.
type Plan = fn(&Rules, &Character, &mut Vec<Decision>);

/// What a draft built from the answers holds.
struct Draft {
    character: Character,
    states: Vec<DecisionState>,
    events: Vec<Event>,
    pending: Vec<String>,
}

/// Takes answers or picks, one decision at a time.
struct Taker {
    answers: BTreeMap<String, String>,
    given: BTreeSet<String>,
    strict: bool,
    states: Vec<DecisionState>,
    events: Vec<Event>,
    pending: Vec<String>,
}

impl Taker {
    fn take(&mut self, d: Decision, pick: Option<String>) -> Result<Vec<String>> {
        let answered = self.given.contains(&d.key);
        let value = match self.answers.remove(&d.key) {
            Some(v) => v,
            None => {
                if self.strict && d.required {
                    self.pending.push(d.prompt.clone());
                }
                let v = pick.unwrap_or_default();
                self.events.push(Event::DecisionFilled {
                    key: d.key.clone(),
                    value: v.clone(),
                });
                v
            }
        };
        let values = d.check(&value)?;
        self.states.push(DecisionState {
            decision: d,
            answered,
            value,
        });
        Ok(values)
    }
}

fn blank(class: &str, species: &str, background: &str) -> Character {
    let mut ch: Character = Character {
        format: crate::model::CHARACTER_FORMAT,
        id: None,
        name: String::new(),
        species: SpeciesChoice {
            id: species.into(),
            lineage: None,
            size: None,
            skills: vec![],
            spellcasting_ability: None,
        },
        background: BackgroundChoice {
            id: background.into(),
            ability_increases: BTreeMap::new(),
            tools: vec![],
            feat: None,
        },
        abilities: AbilityChoice {
            method: AbilityMethod::StandardArray,
            base: AbilityScores::from_array([10; 6]),
            rolls: vec![],
        },
        levels: vec![],
        origin: Default::default(),
        inventory: Default::default(),
        state: Default::default(),
        details: Default::default(),
        theme: None,
    };
    ch.levels.push(super::level::empty_level(class));
    ch
}

impl Builder {
    /// A builder with no answers.
    pub fn new(seed: u64) -> Builder {
        Builder {
            answers: BTreeMap::new(),
            seed,
        }
    }

    fn draft(&self, rules: &Rules, strict: bool) -> Result<Draft> {
        let mut t = Taker {
            answers: self.answers.clone(),
            given: self.answers.keys().cloned().collect(),
            strict,
            states: vec![],
            events: vec![],
            pending: vec![],
        };
        let ids = |v: Vec<&String>| v.into_iter().cloned().collect::<Vec<_>>();
        let classes = ids(rules.classes.all().iter().map(|c| &c.id).collect());
        let class = t.take(
            Decision::pick("class", Step::Class, 1, "classes", classes.clone()),
            classes.first().cloned(),
        )?;
        let bgs = ids(rules.backgrounds.all().iter().map(|c| &c.id).collect());
        let bg = t.take(
            Decision::pick("background", Step::Origin, 1, "backgrounds", bgs.clone()),
            bgs.first().cloned(),
        )?;
        let sps = ids(rules.species.all().iter().map(|c| &c.id).collect());
        let sp = t.take(
            Decision::pick("species", Step::Origin, 1, "species", sps.clone()),
            sps.first().cloned(),
        )?;
        let one = |v: &Vec<String>| v.first().cloned().unwrap_or_default();
        let mut ch = blank(&one(&class), &one(&sp), &one(&bg));
        let mut done = BTreeSet::new();
        let origin: Plan = |r, c, l| {
            origin_plan::species(r, c, l);
            origin_plan::background(r, c, l);
            origin_plan::abilities(r, c, l);
        };
        self.walk(rules, &mut ch, &mut t, &mut done, origin)?;
        self.walk(rules, &mut ch, &mut t, &mut done, origin_plan::details)?;
        super::create_apply::equip(rules, &mut ch);
        let mut level_answers: BTreeMap<String, String> = BTreeMap::new();
        let level_keys: Vec<String> = t
            .answers
            .keys()
            .filter(|k| !super::create_apply::is_creation_key(k))
            .cloned()
            .collect();
        for k in level_keys {
            if let Some(v) = t.answers.remove(&k) {
                level_answers.insert(k, v);
            }
        }
        let before = level_answers.clone();
        resolve(rules, &mut ch, 0, &mut level_answers, strict, &mut t.events)?;
        if let Some(key) = level_answers.keys().next() {
            return Err(refuse(
                "build.decision.invalid",
                format!("`{key}` is not a decision of this character"),
                None,
                vec![],
            ));
        }
        let sheet = crate::derive::derive(rules, &ch).ok();
        if let Some(p) = super::level_plan::Planned::new(rules, &ch, 0) {
            for d in super::level_plan::decisions(&p, sheet.as_ref()) {
                let filled = t.events.iter().find_map(|e| match e {
                    Event::DecisionFilled { key, value } if *key == d.key => Some(value.clone()),
                    _ => None,
                });
                let answered = before.contains_key(&d.key);
                let value = before.get(&d.key).cloned().or(filled).unwrap_or_default();
                t.states.push(DecisionState {
                    decision: d,
                    answered,
                    value,
                });
            }
        }
        if let Some(key) = t.answers.keys().next() {
            return Err(refuse(
                "build.decision.invalid",
                format!("`{key}` is not a decision of this character"),
                None,
                vec![],
            ));
        }
        Ok(Draft {
            character: ch,
            states: t.states,
            events: t.events,
            pending: t.pending,
        })
    }

    /// Takes the decisions `plan` lists, one at a time (each answer can change what follows).
    fn walk(
        &self,
        rules: &Rules,
        ch: &mut Character,
        t: &mut Taker,
        done: &mut BTreeSet<String>,
        plan: Plan,
    ) -> Result<()> {
        for _ in 0..64 {
            let mut list = Vec::new();
            plan(rules, ch, &mut list);
            let Some(d) = list.into_iter().find(|d| !done.contains(&d.key)) else {
                break;
            };
            done.insert(d.key.clone());
            let pick = super::create_fill::pick(rules, ch, &d, self.seed);
            let key = d.key.clone();
            let values = t.take(d, pick)?;
            super::create_apply::apply(rules, ch, &key, values, self.seed)?;
        }
        Ok(())
    }

    /// Every decision known so far, answered or filled, in order.
    pub fn decisions(&self, rules: &Rules) -> Result<Vec<DecisionState>> {
        Ok(self.draft(rules, false)?.states)
    }

    /// The current step: the first with an unanswered decision (`None` when all are answered).
    pub fn step(&self, rules: &Rules) -> Result<Option<Step>> {
        let states = self.decisions(rules)?;
        Ok(current(&states))
    }

    /// The decisions of the current step still to answer (only its root choices, class,
    /// background, species or method, while those are open).
    pub fn pending(&self, rules: &Rules) -> Result<Vec<Decision>> {
        let states = self.decisions(rules)?;
        let Some(step) = current(&states) else {
            return Ok(vec![]);
        };
        let open = states
            .iter()
            .filter(|s| !s.answered && s.decision.required && s.decision.step == step);
        let roots: Vec<Decision> = open
            .clone()
            .filter(|s| is_root(&s.decision.key))
            .map(|s| s.decision.clone())
            .collect();
        if !roots.is_empty() {
            return Ok(roots);
        }
        Ok(open.map(|s| s.decision.clone()).collect())
    }

    /// Answers one decision, checked at once: the value must be one of its options, belong to
    /// the current step or an earlier one, and break no rule the character did not break before.
    pub fn choose(&mut self, rules: &Rules, key: &str, value: &str) -> Result<()> {
        let states = self.decisions(rules)?;
        let Some(state) = states.iter().find(|s| s.decision.key == key) else {
            let keys = states
                .iter()
                .filter(|s| !s.answered)
                .map(|s| s.decision.key.clone())
                .collect();
            return Err(refuse(
                "build.decision.invalid",
                format!("`{key}` is not a decision of this character now"),
                None,
                keys,
            ));
        };
        // The 2024 order: a later step opens once the root choices of the earlier ones (class;
        // background and species; the ability method) are made.
        let blocking = states.iter().find(|s| {
            is_root(&s.decision.key) && !s.answered && s.decision.step < state.decision.step
        });
        if let Some(b) = blocking {
            return Err(refuse(
                "build.step.order",
                format!(
                    "`{key}` belongs to the {:?} step; choose `{}` ({:?} step) first",
                    state.decision.step, b.decision.key, b.decision.step
                ),
                None,
                vec![b.decision.key.clone()],
            ));
        }
        state.decision.check(value)?;
        let before = self.draft(rules, false)?.character;
        let mut next = self.clone();
        next.answers.insert(key.to_string(), value.to_string());
        let after = next.draft(rules, false)?.character;
        crate::play::guard(rules, &before, &after)?;
        *self = next;
        Ok(())
    }

    /// Builds the character: unanswered decisions are filled (or, `strict`, refused with the
    /// pending list), and the result must validate without errors.
    pub fn build(&self, rules: &Rules, strict: bool) -> Result<Outcome> {
        let draft = self.draft(rules, strict)?;
        if strict && !draft.pending.is_empty() {
            return Err(refuse(
                "build.decision.pending",
                format!("{} decision(s) not given", draft.pending.len()),
                None,
                draft.pending,
            ));
        }
        let report = validate(rules, &draft.character, &Profile::default());
        if let Some(e) = report.issues.iter().find(|i| i.severity == Severity::Error) {
            return Err(crate::Error::Refused {
                code: crate::play::static_code(&e.code),
                message: e.message.clone(),
                path: Some(e.path.clone()),
                alternatives: e.suggestion.clone().into_iter().collect(),
            });
        }
        let ch = &draft.character;
        let filled = draft.events.len();
        let summary = format!(
            "{}: level 1 {} {} ({}), {} decision(s) filled",
            ch.name,
            ch.species.lineage.as_deref().unwrap_or(&ch.species.id),
            ch.levels.first().map_or("", |l| l.class.as_str()),
            ch.background.id,
            filled
        );
        let warnings = report
            .issues
            .into_iter()
            .filter(|i| i.severity == Severity::Warning)
            .collect();
        Ok(Outcome {
            character: draft.character,
            summary,
            events: draft.events,
            warnings,
        })
    }
}

fn is_root(key: &str) -> bool {
    matches!(key, "class" | "background" | "species" | "ability-method")
}

fn current(states: &[DecisionState]) -> Option<Step> {
    Step::ALL.into_iter().find(|step| {
        states
            .iter()
            .any(|s| s.decision.step == *step && s.decision.required && !s.answered)
    })
}
