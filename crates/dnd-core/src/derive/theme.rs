//! The theme a character wears, resolved against the rules for derivation.

use super::checks::unknown;
use crate::error::{Error, Result};
use crate::history::{ThemeDef, ThemeFeature, ThemeState};
use crate::rules::Rules;

/// The theme a character wears, resolved.
#[derive(Debug)]
pub(crate) struct HeldTheme<'r> {
    pub def: &'r ThemeDef,
    pub state: &'r ThemeState,
    pub features: Vec<&'r ThemeFeature>,
}

/// The worn theme's definition and the features it granted; unknown ids are errors at their path.
pub(crate) fn resolve<'r>(rules: &'r Rules, state: &'r ThemeState) -> Result<HeldTheme<'r>> {
    let def = rules
        .themes
        .get(&state.id)
        .ok_or_else(|| unknown(&rules.themes, "theme", &state.id, "/theme/id".into()))?;
    let mut features = Vec::with_capacity(state.applied.features.len());
    for (i, id) in state.applied.features.iter().enumerate() {
        let f = def.feature(id).ok_or_else(|| Error::UnknownId {
            kind: "theme feature",
            id: id.clone(),
            path: format!("/theme/applied/features/{i}"),
            suggestion: def
                .features
                .iter()
                .map(|f| (strsim::jaro_winkler(id, &f.id), f.id.clone()))
                .max_by(|a, b| a.0.total_cmp(&b.0))
                .map(|x| x.1),
        })?;
        features.push(f);
    }
    Ok(HeldTheme {
        def,
        state,
        features,
    })
}
