//! Name tables per species: syllables this project made up, combined by a seed.

/// (species id, first syllables, last syllables, family names).
type NameTable = (
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
    &'static [&'static str],
);

const TABLES: &[NameTable] = &[
    (
        "elf",
        &[
            "Ae", "Ith", "Lua", "Sel", "Thal", "Ny", "Eri", "Faen", "Ila", "Syl",
        ],
        &[
            "ra", "wen", "lian", "driel", "nor", "thae", "vyn", "sarra", "eth", "iel",
        ],
        &[
            "Moonbrook",
            "Silverleaf",
            "Dawnwhisper",
            "Starfall",
            "Thornvale",
            "Mistwood",
        ],
    ),
    (
        "dwarf",
        &[
            "Bra", "Dur", "Gro", "Kha", "Thor", "Bal", "Hel", "Ror", "Vis", "Ud",
        ],
        &[
            "din", "gar", "rik", "dra", "mund", "li", "gret", "ak", "vun", "dis",
        ],
        &[
            "Ironfist",
            "Stonebeard",
            "Deepdelver",
            "Coalbrow",
            "Anvilborn",
            "Granitehelm",
        ],
    ),
    (
        "halfling",
        &[
            "Pip", "Ros", "Tob", "Mer", "Wil", "Cor", "Lil", "Fen", "Dar", "Bel",
        ],
        &[
            "pin", "ie", "by", "ry", "lo", "wick", "la", "do", "ette", "bo",
        ],
        &[
            "Underbough",
            "Tealeaf",
            "Goodbarrel",
            "Thistlefoot",
            "Brushgather",
            "Hilltopple",
        ],
    ),
    (
        "gnome",
        &[
            "Fiz", "Nim", "Bim", "Orl", "Zan", "Tin", "Quil", "Wren", "Pok", "Ell",
        ],
        &[
            "wick", "ble", "dle", "pip", "kin", "bix", "nock", "sy", "dri", "mop",
        ],
        &[
            "Cogspring",
            "Sparkwhistle",
            "Copperkettle",
            "Gearloose",
            "Brightlamp",
            "Fizzlebang",
        ],
    ),
    (
        "human",
        &[
            "Al", "Bren", "Cas", "Da", "Ed", "Mar", "Ro", "Sa", "Ter", "Ys",
        ],
        &[
            "ric", "na", "sian", "vid", "mund", "ta", "wyn", "bel", "ric", "olde",
        ],
        &[
            "Ashford",
            "Blackwood",
            "Carrow",
            "Dunmore",
            "Hale",
            "Marsh",
            "Redfield",
            "Vance",
        ],
    ),
    (
        "orc",
        &[
            "Gru", "Ka", "Mok", "Sha", "Ur", "Dra", "Bol", "Vo", "Yag", "Zor",
        ],
        &[
            "mash", "rga", "gul", "tha", "zak", "nok", "ra", "dush", "gath", "ka",
        ],
        &[
            "Skullsplitter",
            "Ironhide",
            "Ashmaw",
            "Stormtusk",
            "Redfang",
            "Bonecleaver",
        ],
    ),
    (
        "goliath",
        &[
            "Ka", "Tha", "Gae", "Ila", "Ma", "Pa", "Vau", "Nal", "Keo", "Lo",
        ],
        &[
            "nu", "lai", "ga", "kanu", "thi", "ron", "ea", "la", "mak", "vu",
        ],
        &[
            "Peakstrider",
            "Cloudwatcher",
            "Stoneguard",
            "Skyreach",
            "Frostclimber",
            "Thunderstep",
        ],
    ),
    (
        "dragonborn",
        &[
            "Ar", "Bal", "Dra", "Kri", "Med", "Nal", "Sora", "Tor", "Vyr", "Zhar",
        ],
        &[
            "jhan", "asar", "kar", "thrix", "rash", "ira", "nyx", "inn", "vash", "uun",
        ],
        &[
            "Clan Kerrhylon",
            "Clan Myastan",
            "Clan Ophinshtal",
            "Clan Yarjerit",
            "Clan Delmirev",
        ],
    ),
    (
        "tiefling",
        &[
            "Ak", "Bar", "Cri", "Dam", "Ka", "Lev", "Mor", "Nem", "Ori", "Zel",
        ],
        &[
            "menos", "akas", "ella", "ai", "llista", "iah", "thos", "eia", "anthe", "ix",
        ],
        &[
            "Ashbloom",
            "Cinder",
            "Nightwhisper",
            "Sorrow",
            "Vesper",
            "Hollow",
        ],
    ),
];

/// A name for `species` from `seed` (humans' table for an unknown species).
pub fn name_for(species: &str, seed: u64) -> String {
    let t = TABLES.iter().find(|t| t.0 == species).unwrap_or(&TABLES[4]);
    let pick = |list: &[&'static str], salt: u64| -> &'static str {
        let h = mix(seed ^ salt);
        list[(h % list.len() as u64) as usize]
    };
    format!("{}{} {}", pick(t.1, 0x11), pick(t.2, 0x22), pick(t.3, 0x33))
}

/// A 64-bit mixer (SplitMix64's finaliser): spreads a seed over all bits.
pub fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}
