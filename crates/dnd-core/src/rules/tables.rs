//! Fixed SRD 5.2 tables that every pack shares.

/// Proficiency bonus by character level (index 0 = level 1).
pub const PROFICIENCY_BONUS: [i32; 20] =
    [2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 6, 6, 6, 6];

/// Proficiency bonus at a character level (1..=20; clamped).
pub fn proficiency_bonus(level: u32) -> i32 {
    PROFICIENCY_BONUS[(level.clamp(1, 20) - 1) as usize]
}

/// Spell slots of levels 1–9 by caster level (index 0 = caster level 1). This is the full caster's
/// table and the Multiclass Spellcaster table of the SRD 5.2.
pub const SPELL_SLOTS: [[u8; 9]; 20] = [
    [2, 0, 0, 0, 0, 0, 0, 0, 0],
    [3, 0, 0, 0, 0, 0, 0, 0, 0],
    [4, 2, 0, 0, 0, 0, 0, 0, 0],
    [4, 3, 0, 0, 0, 0, 0, 0, 0],
    [4, 3, 2, 0, 0, 0, 0, 0, 0],
    [4, 3, 3, 0, 0, 0, 0, 0, 0],
    [4, 3, 3, 1, 0, 0, 0, 0, 0],
    [4, 3, 3, 2, 0, 0, 0, 0, 0],
    [4, 3, 3, 3, 1, 0, 0, 0, 0],
    [4, 3, 3, 3, 2, 0, 0, 0, 0],
    [4, 3, 3, 3, 2, 1, 0, 0, 0],
    [4, 3, 3, 3, 2, 1, 0, 0, 0],
    [4, 3, 3, 3, 2, 1, 1, 0, 0],
    [4, 3, 3, 3, 2, 1, 1, 0, 0],
    [4, 3, 3, 3, 2, 1, 1, 1, 0],
    [4, 3, 3, 3, 2, 1, 1, 1, 0],
    [4, 3, 3, 3, 2, 1, 1, 1, 1],
    [4, 3, 3, 3, 3, 1, 1, 1, 1],
    [4, 3, 3, 3, 3, 2, 1, 1, 1],
    [4, 3, 3, 3, 3, 2, 2, 1, 1],
];

/// Slots for a caster level (0 = none).
pub fn spell_slots(caster_level: u32) -> [u8; 9] {
    if caster_level == 0 {
        [0; 9]
    } else {
        SPELL_SLOTS[(caster_level.min(20) - 1) as usize]
    }
}

/// Experience points needed for each character level (index 0 = level 1).
pub const XP_FOR_LEVEL: [u32; 20] = [
    0, 300, 900, 2_700, 6_500, 14_000, 23_000, 34_000, 48_000, 64_000, 85_000, 100_000, 120_000,
    140_000, 165_000, 195_000, 225_000, 265_000, 305_000, 355_000,
];

/// The 2024 standard array.
pub const STANDARD_ARRAY: [i32; 6] = [15, 14, 13, 12, 10, 8];

/// Point-buy budget.
pub const POINT_BUY_BUDGET: i32 = 27;

/// Point-buy cost of a score 8..=15, or `None` outside that range.
pub fn point_buy_cost(score: i32) -> Option<i32> {
    Some(match score {
        8 => 0,
        9 => 1,
        10 => 2,
        11 => 3,
        12 => 4,
        13 => 5,
        14 => 7,
        15 => 9,
        _ => return None,
    })
}

/// XP value of a challenge rating written as text (`0`, `1/8`, `1/4`, `1/2`, `1`…`30`).
pub fn xp_for_cr(cr: &str) -> Option<u32> {
    const WHOLE: [u32; 31] = [
        10, 200, 450, 700, 1_100, 1_800, 2_300, 2_900, 3_900, 5_000, 5_900, 7_200, 8_400, 10_000,
        11_500, 13_000, 15_000, 18_000, 20_000, 22_000, 25_000, 33_000, 41_000, 50_000, 62_000,
        75_000, 90_000, 105_000, 120_000, 135_000, 155_000,
    ];
    match cr {
        "1/8" => Some(25),
        "1/4" => Some(50),
        "1/2" => Some(100),
        _ => cr.parse::<usize>().ok().and_then(|n| WHOLE.get(n).copied()),
    }
}

/// The spell lists Magic Initiate may use (SRD 5.2 feat).
pub const MAGIC_INITIATE_LISTS: [&str; 3] = ["cleric", "druid", "wizard"];

/// The spell lists the Bard's Magical Secrets (and Magical Discoveries) open.
pub const MAGICAL_SECRETS_LISTS: [&str; 3] = ["cleric", "druid", "wizard"];

/// A 4d6 roll's total without its lowest die (the 2024 random ability score method).
pub fn drop_lowest_total(r: &[u8; 4]) -> i32 {
    let mut d = r.map(i32::from);
    d.sort_unstable();
    d[1] + d[2] + d[3]
}
