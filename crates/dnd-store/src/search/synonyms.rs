//! D&D synonyms, applied as query expansion (`AC` searches `(AC OR "armor class")` and the
//! other way round), and the light lexer that finds the bare words of a query so they can be
//! expanded or, when the index has never seen them, matched fuzzily.

/// Abbreviation ↔ expansion. Both directions expand.
pub const SYNONYMS: &[(&str, &str)] = &[
    ("ac", "armor class"),
    ("hp", "hit points"),
    ("thp", "temporary hit points"),
    ("dc", "difficulty class"),
    ("pb", "proficiency bonus"),
    ("aoo", "opportunity attack"),
    ("cr", "challenge rating"),
    ("xp", "experience points"),
    ("aoe", "area of effect"),
    ("crit", "critical hit"),
    ("npc", "nonplayer character"),
    ("lr", "long rest"),
    ("sr", "short rest"),
    ("ki", "focus points"),
    ("str", "strength"),
    ("dex", "dexterity"),
    ("con", "constitution"),
    ("int", "intelligence"),
    ("wis", "wisdom"),
    ("cha", "charisma"),
    ("armour", "armor"),
];

/// One piece of a query string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// A plain word with no operator or field syntax: may be expanded or fuzzed.
    Word(String),
    /// Anything passed through to the query parser as it is (phrases, operators, `-word`,
    /// `field:value`, parentheses).
    Raw(String),
}

/// Splits a query into words and pass-through pieces.
pub fn lex(q: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let chars: Vec<char> = q.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c == '(' || c == ')' {
            out.push(Piece::Raw(c.to_string()));
            i += 1;
            continue;
        }
        let start = i;
        let prefixed = c == '+' || c == '-';
        if prefixed {
            i += 1;
        }
        if i < chars.len() && chars[i] == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += 1;
            }
            i = (i + 1).min(chars.len());
            while i < chars.len() && !chars[i].is_whitespace() && chars[i] != ')' {
                i += 1;
            }
            out.push(Piece::Raw(chars[start..i].iter().collect()));
            continue;
        }
        while i < chars.len() && !chars[i].is_whitespace() && !matches!(chars[i], '(' | ')' | '"') {
            i += 1;
        }
        let word: String = chars[start..i].iter().collect();
        let plain = !prefixed
            && !matches!(word.as_str(), "AND" | "OR" | "NOT" | "&&" | "||")
            && word
                .chars()
                .all(|c| c.is_alphanumeric() || c == '\'' || c == '’' || c == '-');
        out.push(if plain && !word.is_empty() {
            Piece::Word(word)
        } else {
            Piece::Raw(word)
        });
    }
    out
}

fn quoted(s: &str) -> String {
    if s.contains(' ') {
        format!("\"{s}\"")
    } else {
        s.to_string()
    }
}

/// The other side of a synonym pair for a one- or two-word key.
fn partner(key: &str) -> Option<&'static str> {
    SYNONYMS.iter().find_map(|(a, b)| {
        if *a == key {
            Some(*b)
        } else if *b == key {
            Some(*a)
        } else {
            None
        }
    })
}

/// The query with synonyms expanded, and the words `is_typo` picked out for fuzzy matching
/// (removed from the text). Multi-word keys (`armor class`, `hit points`) are matched first.
pub fn rewrite(q: &str, is_typo: &mut dyn FnMut(&str) -> bool) -> (String, Vec<String>) {
    let pieces = lex(q);
    let mut out: Vec<String> = Vec::new();
    let mut typos = Vec::new();
    let mut i = 0;
    while i < pieces.len() {
        match &pieces[i] {
            Piece::Raw(r) => out.push(r.clone()),
            Piece::Word(w) => {
                let lower = w.to_lowercase();
                let mut used = false;
                for span in [3usize, 2] {
                    let words: Option<Vec<String>> = (0..span)
                        .map(|k| match pieces.get(i + k) {
                            Some(Piece::Word(x)) => Some(x.to_lowercase()),
                            _ => None,
                        })
                        .collect();
                    let Some(words) = words else { continue };
                    let key = words.join(" ");
                    if let Some(p) = partner(&key) {
                        out.push(format!("(\"{key}\" OR {})", quoted(p)));
                        i += span;
                        used = true;
                        break;
                    }
                }
                if used {
                    continue;
                }
                if let Some(p) = partner(&lower) {
                    out.push(format!("({w} OR {})", quoted(p)));
                } else if is_typo(&lower) {
                    typos.push(lower);
                } else {
                    out.push(w.clone());
                }
            }
        }
        i += 1;
    }
    (out.join(" "), typos)
}

#[cfg(test)]
mod tests {
    use super::{Piece, lex, rewrite};

    #[test]
    fn lexing_keeps_syntax_and_finds_words() {
        let p = lex(r#"fire -cold "hit points"~2 level:3 (a OR b)"#);
        assert_eq!(p[0], Piece::Word("fire".into()));
        assert_eq!(p[1], Piece::Raw("-cold".into()));
        assert_eq!(p[2], Piece::Raw("\"hit points\"~2".into()));
        assert_eq!(p[3], Piece::Raw("level:3".into()));
        assert_eq!(p[4], Piece::Raw("(".into()));
        assert_eq!(p[6], Piece::Raw("OR".into()));
    }

    #[test]
    fn synonyms_expand_both_ways_and_typos_are_taken_out() {
        let (q, t) = rewrite("AC of plate", &mut |_| false);
        assert_eq!(q, "(AC OR \"armor class\") of plate");
        assert!(t.is_empty());
        let (q, _) = rewrite("Armor Class bonus", &mut |_| false);
        assert_eq!(q, "(\"armor class\" OR ac) bonus");
        let (q, t) = rewrite("firbal spell", &mut |w| w == "firbal");
        assert_eq!((q.as_str(), t), ("spell", vec!["firbal".to_string()]));
    }
}
