//! The choices a feat needs (Magic Initiate's list, cantrips and spell; Skilled's skills).

use std::collections::BTreeMap;

use crate::model::Skill;
use crate::rules::{FeatDef, Rules};

use super::decision::{Decision, Step};

/// The lists Magic Initiate may use.
use crate::rules::tables::MAGIC_INITIATE_LISTS as INITIATE_LISTS;

/// A feat being taken somewhere, and what is already chosen for it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FeatAt<'a> {
    pub def: &'a FeatDef,
    /// Key prefix of its decisions (`feat`, `species-feat`, `background-feat`).
    pub prefix: &'a str,
    pub step: Step,
    /// A background's fixed Magic Initiate list.
    pub fixed_list: Option<&'a str>,
    pub current: Option<&'a BTreeMap<String, Vec<String>>>,
}

/// Appends the decisions of the feat, keyed `{prefix}.spell_list`, `{prefix}.cantrips`, ….
pub(crate) fn feat_choices(rules: &Rules, at: FeatAt<'_>, out: &mut Vec<Decision>) {
    let key = |k: &str| format!("{}.{k}", at.prefix);
    match at.def.id.as_str() {
        "magic-initiate" => {
            if at.fixed_list.is_none() {
                let opts = INITIATE_LISTS.iter().map(|s| s.to_string()).collect();
                out.push(Decision::pick(
                    &key("spell_list"),
                    at.step,
                    1,
                    "spell lists",
                    opts,
                ));
            }
            let chosen = at
                .current
                .and_then(|c| c.get("spell_list"))
                .and_then(|l| l.first());
            let Some(list) = at
                .fixed_list
                .map(str::to_string)
                .or_else(|| chosen.cloned())
            else {
                return;
            };
            let of = |lvl: u8| -> Vec<String> {
                let all = rules.spells.all().iter();
                all.filter(|s| s.level == lvl && s.classes.contains(&list))
                    .map(|s| s.id.clone())
                    .collect()
            };
            let cantrips = format!("{list} cantrips");
            out.push(Decision::pick(
                &key("cantrips"),
                at.step,
                2,
                &cantrips,
                of(0),
            ));
            let spells = format!("level 1 {list} spells");
            out.push(Decision::pick(&key("spells"), at.step, 1, &spells, of(1)));
        }
        "skilled" => {
            let opts = Skill::ALL.iter().map(|s| s.key().to_string()).collect();
            out.push(Decision::pick(&key("skills"), at.step, 3, "skills", opts));
        }
        _ => {}
    }
}
