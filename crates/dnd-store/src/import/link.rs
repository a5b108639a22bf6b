//! Linking imported entries to the rules pack's ids (the pack's scheme: a lowercase slug of the
//! name, `alchemists-supplies`; class features `<class or subclass>-<slug>`).

use dnd_core::rules::{Kind, Rules};

/// The pack's id scheme: lowercase ASCII letters and digits, everything else one `-`, with
/// apostrophes dropped (`Alchemist's Supplies` → `alchemists-supplies`).
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut dash = false;
    for c in name.chars() {
        let c = fold(c);
        if c == '\'' || c == '’' {
            continue;
        }
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            dash = true;
        }
    }
    out
}

fn fold(c: char) -> char {
    match c {
        'à'..='å' | 'À'..='Å' => 'a',
        'è'..='ë' | 'È'..='Ë' => 'e',
        'ì'..='ï' | 'Ì'..='Ï' => 'i',
        'ò'..='ö' | 'Ò'..='Ö' => 'o',
        'ù'..='ü' | 'Ù'..='Ü' => 'u',
        'ñ' => 'n',
        'ç' => 'c',
        other => other,
    }
}

/// The pack table of a catalog kind.
pub(crate) fn pack_kind(kind: &str) -> Option<Kind> {
    Some(match kind {
        "spell" => Kind::Spells,
        "class" => Kind::Classes,
        "subclass" => Kind::Subclasses,
        "species" => Kind::Species,
        "background" => Kind::Backgrounds,
        "feat" => Kind::Feats,
        "weapon" => Kind::Weapons,
        "armor" => Kind::Armor,
        "gear" => Kind::Gear,
        "tool" => Kind::Tools,
        "magic-item" => Kind::MagicItems,
        "creature" => Kind::Creatures,
        "condition" => Kind::Conditions,
        "language" => Kind::Languages,
        _ => return None,
    })
}

/// The pack id an entry of `kind` with candidate id `id` is linked to, if the pack has it.
pub(crate) fn rules_id(rules: &Rules, kind: &str, id: &str) -> Option<String> {
    if kind == "class-feature" {
        return is_feature(rules, id).then(|| id.to_string());
    }
    let k = pack_kind(kind)?;
    rules
        .list(k)
        .iter()
        .any(|(i, _)| *i == id)
        .then(|| id.to_string())
}

/// The pack id one edit away from `id` (a data set's typo, `thunderwavea`), for ids long
/// enough that one edit cannot turn one real name into another.
pub(crate) fn near_id(rules: &Rules, kind: &str, id: &str) -> Option<String> {
    if id.len() < 8 {
        return None;
    }
    let k = pack_kind(kind)?;
    let mut near = rules
        .list(k)
        .into_iter()
        .filter(|(i, _)| i.len() >= 8 && strsim::levenshtein(i, id) == 1);
    match (near.next(), near.next()) {
        (Some((i, _)), None) => Some(i.to_string()),
        _ => None,
    }
}

/// Whether a class or subclass of the pack has a feature with this id.
pub(crate) fn is_feature(rules: &Rules, id: &str) -> bool {
    rules
        .classes
        .all()
        .iter()
        .any(|c| c.features.iter().any(|f| f.id == id))
        || rules
            .subclasses
            .all()
            .iter()
            .any(|s| s.features.iter().any(|f| f.id == id))
}

/// The kind of an equipment entry: the pack table that has its id, else the category's hint.
pub(crate) fn item_kind(rules: &Rules, id: &str, category: &str) -> &'static str {
    for (k, name) in [
        (Kind::Weapons, "weapon"),
        (Kind::Armor, "armor"),
        (Kind::Tools, "tool"),
        (Kind::Gear, "gear"),
    ] {
        if rules.list(k).iter().any(|(i, _)| *i == id) {
            return name;
        }
    }
    let c = category.to_ascii_lowercase();
    if c.contains("tool") {
        "tool"
    } else if c.contains("armor") || c.contains("shield") {
        "armor"
    } else if c.contains("weapon") && !c.contains("ammunition") {
        "weapon"
    } else {
        "gear"
    }
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn slugs_follow_the_pack() {
        assert_eq!(slug("Alchemist's Supplies"), "alchemists-supplies");
        assert_eq!(slug("Ammunition, +1, +2, or +3"), "ammunition-1-2-or-3");
        assert_eq!(slug("  Fireball "), "fireball");
        assert_eq!(slug("Bigby’s Hand"), "bigbys-hand");
    }
}
