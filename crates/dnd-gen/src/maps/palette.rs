//! Map colours, from a theme's palette (`#rrggbb` entries in order: floor, wall, accent) or
//! the defaults of its genre.

use dnd_core::history::ThemeDef;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::draw::Rgba;

/// The colours a map uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    pub floor: Rgba,
    pub wall: Rgba,
    pub door: Rgba,
    pub grid: Rgba,
    pub accent: Rgba,
    pub ink: Rgba,
}

impl Default for Palette {
    fn default() -> Self {
        Palette {
            floor: Rgba(0xe8, 0xdc, 0xc0, 255),
            wall: Rgba(0x3b, 0x34, 0x2c, 255),
            door: Rgba(0x8b, 0x5a, 0x2b, 255),
            grid: Rgba(0xb8, 0xa8, 0x88, 255),
            accent: Rgba(0xc0, 0x39, 0x2b, 255),
            ink: Rgba(0x1a, 0x1a, 0x1a, 255),
        }
    }
}

impl Palette {
    /// The palette of a theme: its `style.palette` hex colours override floor, wall and accent.
    pub fn of_theme(theme: &ThemeDef) -> Palette {
        let genre = serde_json::to_value(theme.genre)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let mut p = match genre.as_str() {
            "cyberpunk" => Palette {
                floor: Rgba(0x1d, 0x20, 0x33, 255),
                wall: Rgba(0x08, 0x08, 0x12, 255),
                door: Rgba(0xff, 0x2e, 0x88, 255),
                grid: Rgba(0x2f, 0x8f, 0xff, 255),
                accent: Rgba(0x00, 0xff, 0xd5, 255),
                ink: Rgba(0xf0, 0xf0, 0xff, 255),
            },
            "horror" => Palette {
                floor: Rgba(0x55, 0x55, 0x50, 255),
                wall: Rgba(0x12, 0x10, 0x10, 255),
                door: Rgba(0x5c, 0x1a, 0x1a, 255),
                grid: Rgba(0x3a, 0x3a, 0x36, 255),
                accent: Rgba(0x9b, 0x11, 0x11, 255),
                ink: Rgba(0xee, 0xee, 0xe8, 255),
            },
            _ => Palette::default(),
        };
        let hex: Vec<Rgba> = theme
            .style
            .palette
            .iter()
            .filter_map(|c| Rgba::hex(c))
            .collect();
        if let Some(c) = hex.first() {
            p.floor = *c;
        }
        if let Some(c) = hex.get(1) {
            p.wall = *c;
        }
        if let Some(c) = hex.get(2) {
            p.accent = *c;
        }
        p
    }
}

fn hex(c: Rgba) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

impl Serialize for Palette {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        [
            self.floor,
            self.wall,
            self.door,
            self.grid,
            self.accent,
            self.ink,
        ]
        .map(hex)
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Palette {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Palette, D::Error> {
        let v: Vec<String> = Vec::deserialize(d)?;
        let mut p = Palette::default();
        let slots = [
            &mut p.floor,
            &mut p.wall,
            &mut p.door,
            &mut p.grid,
            &mut p.accent,
            &mut p.ink,
        ];
        for (slot, s) in slots.into_iter().zip(v.iter()) {
            *slot = Rgba::hex(s)
                .ok_or_else(|| serde::de::Error::custom(format!("`{s}` is not #rrggbb")))?;
        }
        Ok(p)
    }
}
