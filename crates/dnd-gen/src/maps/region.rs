//! Region maps: seeded terrain from value noise, points of interest on land, and roads
//! between the settlements.

use serde::{Deserialize, Serialize};

use super::draw::{Canvas, MapRng, Rgba, Shape};
use crate::tables::names::mix;

/// Pixels per region cell.
pub const REGION_CELL: i32 = 16;

/// What to make.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RegionSpec {
    pub width: i32,
    pub height: i32,
    pub seed: u64,
    /// Points of interest to place.
    pub points: u32,
}

impl Default for RegionSpec {
    fn default() -> Self {
        RegionSpec {
            width: 48,
            height: 32,
            seed: 0,
            points: 8,
        }
    }
}

/// Terrain of a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Terrain {
    Water,
    Plains,
    Forest,
    Hills,
    Mountains,
}

/// A point of interest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Poi {
    pub name: String,
    /// `town`, `village`, `ruin`, `cave`, `tower`, `shrine`.
    pub kind: String,
    pub x: i32,
    pub y: i32,
}

/// A generated region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Region {
    pub width: i32,
    pub height: i32,
    pub seed: u64,
    pub terrain: Vec<Terrain>,
    pub points: Vec<Poi>,
}

const KINDS: &[&str] = &["town", "village", "ruin", "cave", "tower", "shrine"];
const FIRST: &[&str] = &[
    "Ash", "Bel", "Cor", "Dun", "Elm", "Fal", "Glen", "Har", "Iron", "Kel", "Mor", "Raven",
    "Stone", "Thorn", "Wil",
];
const LAST: &[&str] = &[
    "ford", "holt", "mere", "wick", "moor", "gate", "crag", "hollow", "barrow", "watch", "vale",
    "reach",
];

fn lattice(seed: u64, x: i32, y: i32) -> f64 {
    let h = mix(seed ^ ((x as u64) << 32) ^ (y as u64 & 0xffff_ffff));
    (h >> 11) as f64 / (1u64 << 53) as f64
}

fn noise(seed: u64, x: f64, y: f64) -> f64 {
    let (x0, y0) = (x.floor() as i32, y.floor() as i32);
    let (fx, fy) = (x - f64::from(x0), y - f64::from(y0));
    let s = |t: f64| t * t * (3.0 - 2.0 * t);
    let (sx, sy) = (s(fx), s(fy));
    let a = lattice(seed, x0, y0) + (lattice(seed, x0 + 1, y0) - lattice(seed, x0, y0)) * sx;
    let b = lattice(seed, x0, y0 + 1)
        + (lattice(seed, x0 + 1, y0 + 1) - lattice(seed, x0, y0 + 1)) * sx;
    a + (b - a) * sy
}

/// Generates the region.
pub fn generate(spec: &RegionSpec) -> Region {
    let (w, h) = (spec.width.clamp(8, 256), spec.height.clamp(8, 256));
    let mut terrain = Vec::with_capacity((w * h) as usize);
    for y in 0..h {
        for x in 0..w {
            let (fx, fy) = (f64::from(x), f64::from(y));
            let e = 0.6 * noise(spec.seed, fx / 8.0, fy / 8.0)
                + 0.3 * noise(spec.seed ^ 1, fx / 4.0, fy / 4.0)
                + 0.1 * noise(spec.seed ^ 2, fx / 2.0, fy / 2.0);
            let m = noise(spec.seed ^ 7, fx / 6.0, fy / 6.0);
            terrain.push(match e {
                e if e < 0.34 => Terrain::Water,
                e if e > 0.74 => Terrain::Mountains,
                e if e > 0.64 => Terrain::Hills,
                _ if m > 0.55 => Terrain::Forest,
                _ => Terrain::Plains,
            });
        }
    }
    let mut rng = MapRng::new(spec.seed ^ 0x5017);
    let mut points: Vec<Poi> = Vec::new();
    for i in 0..spec.points * 40 {
        if points.len() as u32 >= spec.points {
            break;
        }
        let (x, y) = (rng.range(1, w - 2), rng.range(1, h - 2));
        let t = terrain[(y * w + x) as usize];
        let far = points
            .iter()
            .all(|p| (p.x - x).abs() + (p.y - y).abs() >= 5);
        if t == Terrain::Water || !far {
            continue;
        }
        let kind = match t {
            Terrain::Mountains => "cave",
            Terrain::Hills if i % 2 == 0 => "tower",
            _ => KINDS[rng.range(0, KINDS.len() as i32 - 1) as usize],
        };
        let name = format!(
            "{}{}",
            FIRST[rng.range(0, FIRST.len() as i32 - 1) as usize],
            LAST[rng.range(0, LAST.len() as i32 - 1) as usize]
        );
        points.push(Poi {
            name,
            kind: kind.into(),
            x,
            y,
        });
    }
    Region {
        width: w,
        height: h,
        seed: spec.seed,
        terrain,
        points,
    }
}

fn color(t: Terrain) -> Rgba {
    match t {
        Terrain::Water => Rgba(0x3a, 0x6e, 0xa5, 255),
        Terrain::Plains => Rgba(0xa8, 0xc6, 0x6c, 255),
        Terrain::Forest => Rgba(0x3f, 0x7a, 0x3a, 255),
        Terrain::Hills => Rgba(0xb0, 0x9a, 0x6a, 255),
        Terrain::Mountains => Rgba(0x80, 0x78, 0x70, 255),
    }
}

/// Draws the region with roads between settlements and labelled points of interest.
pub fn draw(r: &Region) -> Canvas {
    let c = REGION_CELL;
    let mut shapes = Vec::new();
    for y in 0..r.height {
        let mut x = 0;
        while x < r.width {
            let t = r.terrain[(y * r.width + x) as usize];
            let start = x;
            while x < r.width && r.terrain[(y * r.width + x) as usize] == t {
                x += 1;
            }
            shapes.push(Shape::Rect {
                x: start * c,
                y: y * c,
                w: (x - start) * c,
                h: c,
                fill: color(t),
            });
        }
    }
    let road = Rgba(0x6b, 0x4a, 0x2b, 255);
    let settlements: Vec<&Poi> = r
        .points
        .iter()
        .filter(|p| p.kind == "town" || p.kind == "village")
        .collect();
    for pair in settlements.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        shapes.push(Shape::Line {
            x1: a.x * c + c / 2,
            y1: a.y * c + c / 2,
            x2: b.x * c + c / 2,
            y2: b.y * c + c / 2,
            stroke: road,
            width: 2.0,
        });
    }
    let ink = Rgba(0x1a, 0x1a, 0x1a, 255);
    for p in &r.points {
        let (cx, cy) = (p.x * c + c / 2, p.y * c + c / 2);
        let fill = match p.kind.as_str() {
            "town" => Rgba(0xd4, 0x3f, 0x3a, 255),
            "village" => Rgba(0xf0, 0xa2, 0x02, 255),
            "ruin" => Rgba(0x77, 0x77, 0x77, 255),
            "cave" => Rgba(0x30, 0x30, 0x30, 255),
            "tower" => Rgba(0x6a, 0x3d, 0x9a, 255),
            _ => Rgba(0xff, 0xff, 0xff, 255),
        };
        shapes.push(Shape::Circle {
            cx,
            cy,
            r: 5,
            fill,
            stroke: Some(ink),
        });
        shapes.push(Shape::Text {
            x: cx,
            y: cy - 8,
            size: 11,
            text: p.name.clone(),
            fill: ink,
        });
    }
    Canvas {
        width: (r.width * c) as u32,
        height: (r.height * c) as u32,
        shapes,
    }
}
