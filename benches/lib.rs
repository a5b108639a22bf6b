//! Shared inputs for the criterion benches: the example characters, embedded.

/// `(name, JSON)` of the characters the derive bench uses.
pub const CHARACTERS: [(&str, &str); 3] = [
    (
        "level-1 fighter",
        include_str!("../examples/characters/fighter-1.json"),
    ),
    (
        "level-20 wizard",
        include_str!("../examples/characters/wizard-20.json"),
    ),
    (
        "paladin 3 / bard 9",
        include_str!("../examples/characters/paladin-3-bard-9.json"),
    ),
];
