//! Dungeon and tactical maps: rooms, corridors and doors on a 5-ft grid, with token and
//! area-of-effect overlays, seeded and drawn in a theme palette.

use serde::{Deserialize, Serialize};

use super::draw::{Canvas, MapRng, Rgba, Shape};
use super::palette::Palette;

/// Pixels per 5-ft cell.
pub const CELL: i32 = 20;

/// A token on the map (cell coordinates).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    pub label: String,
    pub x: i32,
    pub y: i32,
    /// `#rrggbb` (the palette's accent when absent or invalid).
    #[serde(default)]
    pub color: Option<String>,
}

/// An area of effect (origin in cells, sizes in feet, direction in degrees, 0 = east).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "shape", rename_all = "snake_case")]
pub enum Area {
    Circle {
        x: i32,
        y: i32,
        radius_ft: u32,
    },
    Square {
        x: i32,
        y: i32,
        size_ft: u32,
    },
    Cone {
        x: i32,
        y: i32,
        length_ft: u32,
        direction: f64,
    },
    Line {
        x: i32,
        y: i32,
        length_ft: u32,
        width_ft: u32,
        direction: f64,
    },
}

/// What to make.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DungeonSpec {
    /// Cells across and down (each 5 ft).
    pub width: i32,
    pub height: i32,
    pub seed: u64,
    /// Rooms to try to place.
    pub rooms: u32,
    pub palette: Palette,
    pub tokens: Vec<Token>,
    pub areas: Vec<Area>,
}

impl Default for DungeonSpec {
    fn default() -> Self {
        DungeonSpec {
            width: 40,
            height: 40,
            seed: 0,
            rooms: 9,
            palette: Palette::default(),
            tokens: vec![],
            areas: vec![],
        }
    }
}

/// A room (cells).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Room {
    pub x: i32,
    pub y: i32,
    pub w: i32,
    pub h: i32,
}

impl Room {
    fn center(&self) -> (i32, i32) {
        (self.x + self.w / 2, self.y + self.h / 2)
    }

    fn contains(&self, x: i32, y: i32) -> bool {
        x >= self.x && x < self.x + self.w && y >= self.y && y < self.y + self.h
    }
}

/// A cell of the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cell {
    Wall,
    Floor,
    Door,
}

/// A generated dungeon.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dungeon {
    pub width: i32,
    pub height: i32,
    pub seed: u64,
    pub rooms: Vec<Room>,
    /// Row-major cells.
    pub cells: Vec<Cell>,
}

impl Dungeon {
    /// The cell at (x, y) (walls outside).
    pub fn cell(&self, x: i32, y: i32) -> Cell {
        if x < 0 || y < 0 || x >= self.width || y >= self.height {
            return Cell::Wall;
        }
        self.cells[(y * self.width + x) as usize]
    }

    fn set(&mut self, x: i32, y: i32, c: Cell) {
        if x > 0 && y > 0 && x < self.width - 1 && y < self.height - 1 {
            self.cells[(y * self.width + x) as usize] = c;
        }
    }
}

/// Generates the layout.
pub fn generate(spec: &DungeonSpec) -> Dungeon {
    let (w, h) = (spec.width.clamp(8, 200), spec.height.clamp(8, 200));
    let mut rng = MapRng::new(spec.seed);
    let mut d = Dungeon {
        width: w,
        height: h,
        seed: spec.seed,
        rooms: vec![],
        cells: vec![Cell::Wall; (w * h) as usize],
    };
    let max_side = (w.min(h) / 4).clamp(3, 10);
    for _ in 0..spec.rooms.max(1) * 12 {
        if d.rooms.len() as u32 >= spec.rooms.max(1) {
            break;
        }
        let rw = rng.range(3, max_side);
        let rh = rng.range(3, max_side);
        let r = Room {
            x: rng.range(1, w - rw - 1),
            y: rng.range(1, h - rh - 1),
            w: rw,
            h: rh,
        };
        let clear = d.rooms.iter().all(|o| {
            r.x + r.w + 1 < o.x || o.x + o.w + 1 < r.x || r.y + r.h + 1 < o.y || o.y + o.h + 1 < r.y
        });
        if clear {
            d.rooms.push(r);
        }
    }
    for r in d.rooms.clone() {
        for y in r.y..r.y + r.h {
            for x in r.x..r.x + r.w {
                d.set(x, y, Cell::Floor);
            }
        }
    }
    let mut order = d.rooms.clone();
    order.sort_by_key(|r| (r.center().0, r.center().1));
    for pair in order.windows(2) {
        let (a, b) = (pair[0].center(), pair[1].center());
        let horizontal_first = rng.range(0, 1) == 0;
        let corner = if horizontal_first {
            (b.0, a.1)
        } else {
            (a.0, b.1)
        };
        for (p, q) in [(a, corner), (corner, b)] {
            let (mut x, mut y) = p;
            loop {
                if d.cell(x, y) == Cell::Wall {
                    d.set(x, y, Cell::Floor);
                }
                if (x, y) == q {
                    break;
                }
                x += (q.0 - x).signum();
                y += (q.1 - y).signum();
            }
        }
    }
    // Doors: corridor cells next to a room, with walls on both sides across the passage.
    let rooms = d.rooms.clone();
    let in_room = |x: i32, y: i32| rooms.iter().any(|r| r.contains(x, y));
    for y in 1..h - 1 {
        for x in 1..w - 1 {
            if d.cell(x, y) != Cell::Floor || in_room(x, y) {
                continue;
            }
            let ns = d.cell(x, y - 1) == Cell::Wall && d.cell(x, y + 1) == Cell::Wall;
            let ew = d.cell(x - 1, y) == Cell::Wall && d.cell(x + 1, y) == Cell::Wall;
            let touches = (ns && (in_room(x - 1, y) || in_room(x + 1, y)))
                || (ew && (in_room(x, y - 1) || in_room(x, y + 1)));
            if touches {
                d.set(x, y, Cell::Door);
            }
        }
    }
    d
}

fn area_shape(a: &Area, color: Rgba) -> Shape {
    let px = |ft: u32| (ft as i32) * CELL / 5;
    let c = |x: i32, y: i32| (x * CELL + CELL / 2, y * CELL + CELL / 2);
    let fill = Rgba(color.0, color.1, color.2, 90);
    let ray = |(ox, oy): (i32, i32), len: f64, deg: f64| {
        let r = deg.to_radians();
        (
            ox + (len * r.cos()).round() as i32,
            oy + (len * r.sin()).round() as i32,
        )
    };
    match *a {
        Area::Circle { x, y, radius_ft } => {
            let (cx, cy) = c(x, y);
            Shape::Circle {
                cx,
                cy,
                r: px(radius_ft),
                fill,
                stroke: None,
            }
        }
        Area::Square { x, y, size_ft } => Shape::Rect {
            x: x * CELL,
            y: y * CELL,
            w: px(size_ft),
            h: px(size_ft),
            fill,
        },
        Area::Cone {
            x,
            y,
            length_ft,
            direction,
        } => {
            // A 2024 cone: its width at the end equals its length (half-angle ≈ 26.57°).
            let o = c(x, y);
            let len = f64::from(px(length_ft));
            let half = 0.5f64.atan().to_degrees();
            let reach = len / half.to_radians().cos();
            Shape::Polygon {
                points: vec![
                    o,
                    ray(o, reach, direction - half),
                    ray(o, reach, direction + half),
                ],
                fill,
            }
        }
        Area::Line {
            x,
            y,
            length_ft,
            width_ft,
            direction,
        } => {
            let o = c(x, y);
            let (len, half) = (f64::from(px(length_ft)), f64::from(px(width_ft)) / 2.0);
            let a = ray(o, half, direction - 90.0);
            let b = ray(o, half, direction + 90.0);
            Shape::Polygon {
                points: vec![a, ray(a, len, direction), ray(b, len, direction), b],
                fill,
            }
        }
    }
}

/// Draws a dungeon with its overlays.
pub fn draw(d: &Dungeon, spec: &DungeonSpec) -> Canvas {
    let p = &spec.palette;
    let mut shapes = vec![Shape::Rect {
        x: 0,
        y: 0,
        w: d.width * CELL,
        h: d.height * CELL,
        fill: p.wall,
    }];
    for y in 0..d.height {
        let mut x = 0;
        while x < d.width {
            if d.cell(x, y) == Cell::Wall {
                x += 1;
                continue;
            }
            let start = x;
            while x < d.width && d.cell(x, y) != Cell::Wall {
                x += 1;
            }
            shapes.push(Shape::Rect {
                x: start * CELL,
                y: y * CELL,
                w: (x - start) * CELL,
                h: CELL,
                fill: p.floor,
            });
        }
    }
    for y in 0..d.height {
        for x in 0..d.width {
            if d.cell(x, y) == Cell::Door {
                shapes.push(Shape::Rect {
                    x: x * CELL + 4,
                    y: y * CELL + 4,
                    w: CELL - 8,
                    h: CELL - 8,
                    fill: p.door,
                });
            }
        }
    }
    for i in 0..=d.width {
        shapes.push(Shape::Line {
            x1: i * CELL,
            y1: 0,
            x2: i * CELL,
            y2: d.height * CELL,
            stroke: p.grid,
            width: 1.0,
        });
    }
    for j in 0..=d.height {
        shapes.push(Shape::Line {
            x1: 0,
            y1: j * CELL,
            x2: d.width * CELL,
            y2: j * CELL,
            stroke: p.grid,
            width: 1.0,
        });
    }
    for a in &spec.areas {
        shapes.push(area_shape(a, p.accent));
    }
    for t in &spec.tokens {
        let color = t.color.as_deref().and_then(Rgba::hex).unwrap_or(p.accent);
        let (cx, cy) = (t.x * CELL + CELL / 2, t.y * CELL + CELL / 2);
        shapes.push(Shape::Circle {
            cx,
            cy,
            r: CELL / 2 - 2,
            fill: color,
            stroke: Some(p.ink),
        });
        let label: String = t.label.chars().take(2).collect();
        shapes.push(Shape::Text {
            x: cx,
            y: cy + 4,
            size: 10,
            text: label,
            fill: p.ink,
        });
    }
    Canvas {
        width: (d.width * CELL) as u32,
        height: (d.height * CELL) as u32,
        shapes,
    }
}
