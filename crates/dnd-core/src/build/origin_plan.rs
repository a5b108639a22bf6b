//! Creation decisions outside the class level: origin (species and its lineage, size, skills,
//! lineage spellcasting ability and feat; background tools and feat choices; languages),
//! ability scores (method, scores, background increase), alignment, name and starting equipment.

use crate::model::{Ability, AbilityMethod, Character, FeatChoice, Skill};
use crate::rules::{FeatCategory, Rules};

use super::decision::{Decision, Step};
use super::feat_plan::{FeatAt, feat_choices};

/// The nine alignments.
pub const ALIGNMENTS: [&str; 9] = [
    "lawful good",
    "neutral good",
    "chaotic good",
    "lawful neutral",
    "neutral",
    "chaotic neutral",
    "lawful evil",
    "neutral evil",
    "chaotic evil",
];

/// The species decisions of a draft whose species is set.
pub(crate) fn species(rules: &Rules, ch: &Character, out: &mut Vec<Decision>) {
    let Some(sp) = rules.species.get(&ch.species.id) else {
        return;
    };
    let o = Step::Origin;
    if !sp.lineages.is_empty() {
        let label = sp
            .lineage_label
            .clone()
            .unwrap_or_else(|| "lineages".into());
        let opts = sp.lineages.iter().map(|l| l.id.clone()).collect();
        out.push(Decision::pick(
            "lineage",
            o,
            1,
            &format!("{label} options"),
            opts,
        ));
    }
    if sp.sizes.len() > 1 {
        let opts = sp.sizes.iter().map(crate::model::key_of).collect();
        out.push(Decision::pick("size", o, 1, "sizes", opts));
    }
    if let Some(sc) = &sp.skill_choice {
        let from = if sc.from.is_empty() {
            Skill::ALL.to_vec()
        } else {
            sc.from.clone()
        };
        let opts = from.iter().map(|s| s.key().to_string()).collect();
        out.push(Decision::pick(
            "species-skills",
            o,
            sc.count as u32,
            "skills",
            opts,
        ));
    }
    let lineage = sp
        .lineages
        .iter()
        .find(|l| Some(&l.id) == ch.species.lineage.as_ref());
    if lineage.is_some_and(|l| !l.spells.is_empty()) {
        let opts = ["int", "wis", "cha"].map(String::from).to_vec();
        out.push(Decision::pick(
            "lineage-spellcasting-ability",
            o,
            1,
            "spellcasting abilities",
            opts,
        ));
    }
    if sp.origin_feat_choice {
        let bg_feat = rules
            .backgrounds
            .get(&ch.background.id)
            .map(|b| b.feat.as_str());
        let feats = rules
            .feats
            .all()
            .iter()
            .filter(|f| f.category == FeatCategory::Origin);
        let opts = feats
            .filter(|f| f.repeatable || Some(f.id.as_str()) != bg_feat)
            .map(|f| f.id.clone())
            .collect();
        out.push(Decision::pick("species-feat", o, 1, "origin feats", opts));
        if let Some(f) = &ch.origin.species_feat {
            feat_of(rules, f, "species-feat", None, out);
        }
    }
}

fn feat_of(
    rules: &Rules,
    f: &FeatChoice,
    prefix: &str,
    fixed: Option<&str>,
    out: &mut Vec<Decision>,
) {
    if let Some(def) = rules.feats.get(&f.id) {
        let at = FeatAt {
            def,
            prefix,
            step: Step::Origin,
            fixed_list: fixed,
            current: Some(&f.choices),
        };
        feat_choices(rules, at, out);
    }
}

/// The background decisions (tools, feat choices) and languages.
pub(crate) fn background(rules: &Rules, ch: &Character, out: &mut Vec<Decision>) {
    let o = Step::Origin;
    if let Some(bg) = rules.backgrounds.get(&ch.background.id) {
        let count: u32 = bg
            .tool_training
            .choices
            .iter()
            .map(|c| c.count as u32)
            .sum();
        if count > 0 {
            let from: Vec<&str> = bg
                .tool_training
                .choices
                .iter()
                .flat_map(|c| c.from.iter().map(String::as_str))
                .collect();
            let tools = rules.tools.all().iter();
            let opts = tools
                .filter(|t| from.contains(&t.id.as_str()) || from.contains(&t.category.as_str()))
                .map(|t| t.id.clone())
                .collect();
            out.push(Decision::pick("background-tools", o, count, "tools", opts));
        }
        let fixed = bg.feat_choices.get("spell_list").map(String::as_str);
        let f = ch.background.feat.clone().unwrap_or(FeatChoice {
            id: bg.feat.clone(),
            abilities: Default::default(),
            choices: Default::default(),
        });
        feat_of(rules, &f, "background-feat", fixed, out);
    }
    let langs = rules.languages.all().iter();
    let opts = langs
        .filter(|l| !l.rare && l.id != "common")
        .map(|l| l.id.clone())
        .collect();
    out.push(Decision::pick(
        "origin-languages",
        o,
        2,
        "standard languages besides Common",
        opts,
    ));
}

/// The ability decisions: method, scores and the background increase.
pub(crate) fn abilities(rules: &Rules, ch: &Character, out: &mut Vec<Decision>) {
    let a = Step::Abilities;
    let methods = ["standard-array", "point-buy", "roll", "manual"]
        .map(String::from)
        .to_vec();
    out.push(Decision::pick(
        "ability-method",
        a,
        1,
        "ability score methods",
        methods,
    ));
    let prompt = match ch.abilities.method {
        AbilityMethod::StandardArray => {
            "assign 15, 14, 13, 12, 10, 8 to the six abilities".to_string()
        }
        AbilityMethod::PointBuy => {
            "buy scores 8 to 15 with 27 points (9 = 1 point … 15 = 9 points)".to_string()
        }
        AbilityMethod::Roll => {
            let totals: Vec<String> = ch
                .abilities
                .rolls
                .iter()
                .map(|r| roll_total(r).to_string())
                .collect();
            format!(
                "assign the rolled totals {} to the six abilities",
                totals.join(", ")
            )
        }
        AbilityMethod::Manual => {
            "enter six scores (3 to 18), flagged for the campaign profile".to_string()
        }
    };
    out.push(Decision::formatted(
        "scores",
        a,
        prompt,
        "str=N,dex=N,con=N,int=N,wis=N,cha=N",
    ));
    if let Some(bg) = rules.backgrounds.get(&ch.background.id) {
        let names: Vec<&str> = bg.abilities.iter().map(|x| x.key()).collect();
        let prompt = format!("assign +2/+1 or +1/+1/+1 among [{}]", names.join(", "));
        out.push(Decision::formatted(
            "background-bonus",
            a,
            prompt,
            "ability+N[,ability+N]",
        ));
    }
}

pub(crate) use crate::rules::tables::drop_lowest_total as roll_total;

/// Alignment, name and starting equipment.
pub(crate) fn details(rules: &Rules, ch: &Character, out: &mut Vec<Decision>) {
    let opts = ALIGNMENTS.map(String::from).to_vec();
    out.push(Decision::pick(
        "alignment",
        Step::Alignment,
        1,
        "alignments",
        opts,
    ));
    let mut name = Decision::formatted("name", Step::Details, "name the character".into(), "text");
    name.count = 0;
    out.push(name);
    if let Some(c) = ch.levels.first().and_then(|l| rules.classes.get(&l.class)) {
        out.push(Decision::pick(
            "class-equipment",
            Step::Details,
            1,
            "equipment options",
            letters(c.starting_equipment.len()),
        ));
    }
    if let Some(b) = rules.backgrounds.get(&ch.background.id) {
        out.push(Decision::pick(
            "background-equipment",
            Step::Details,
            1,
            "equipment options",
            letters(b.equipment.len()),
        ));
    }
}

/// `a`, `b`, … for the SRD's lettered equipment options.
fn letters(n: usize) -> Vec<String> {
    (0..n.min(26))
        .map(|k| char::from(b'a' + k as u8).to_string())
        .collect()
}

/// The ability an ability-score answer names, with its value.
pub(crate) fn parse_scores(text: &str) -> Option<[i32; 6]> {
    let mut out = [0; 6];
    let mut seen = [false; 6];
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (name, v) = part.split_once(['=', ':'])?;
        let a = Ability::parse(name)?;
        out[a.index()] = v.trim().parse().ok()?;
        seen[a.index()] = true;
    }
    seen.iter().all(|s| *s).then_some(out)
}
