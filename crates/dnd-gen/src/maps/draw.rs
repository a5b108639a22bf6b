//! A display list of shapes (pixels), rendered to SVG text or a PNG with tiny-skia. Maps draw
//! into it once; both outputs show the same geometry (PNG leaves labels out: no fonts).

use std::fmt::Write;

use crate::error::{GenError, Result};

/// An RGBA colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgba(pub u8, pub u8, pub u8, pub u8);

impl Rgba {
    /// Parses `#rrggbb` (or `#rrggbbaa`); `None` for anything else.
    pub fn hex(s: &str) -> Option<Rgba> {
        let h = s.strip_prefix('#')?;
        let b = |i: usize| u8::from_str_radix(h.get(i..i + 2)?, 16).ok();
        match h.len() {
            6 => Some(Rgba(b(0)?, b(2)?, b(4)?, 255)),
            8 => Some(Rgba(b(0)?, b(2)?, b(4)?, b(6)?)),
            _ => None,
        }
    }

    fn svg(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    fn opacity(self) -> String {
        if self.3 == 255 {
            String::new()
        } else {
            format!(" fill-opacity=\"{:.3}\"", f32::from(self.3) / 255.0)
        }
    }
}

/// One shape.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    Rect {
        x: i32,
        y: i32,
        w: i32,
        h: i32,
        fill: Rgba,
    },
    Line {
        x1: i32,
        y1: i32,
        x2: i32,
        y2: i32,
        stroke: Rgba,
        width: f32,
    },
    Circle {
        cx: i32,
        cy: i32,
        r: i32,
        fill: Rgba,
        stroke: Option<Rgba>,
    },
    Polygon {
        points: Vec<(i32, i32)>,
        fill: Rgba,
    },
    Text {
        x: i32,
        y: i32,
        size: u32,
        text: String,
        fill: Rgba,
    },
}

/// A canvas: size and shapes in drawing order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Canvas {
    pub width: u32,
    pub height: u32,
    pub shapes: Vec<Shape>,
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

impl Canvas {
    /// The SVG text (deterministic: same shapes, same bytes).
    pub fn to_svg(&self) -> String {
        let mut s = String::with_capacity(self.shapes.len() * 64 + 256);
        let _ = writeln!(
            s,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\">",
            w = self.width,
            h = self.height
        );
        for sh in &self.shapes {
            let _ = match sh {
                Shape::Rect { x, y, w, h, fill } => writeln!(
                    s,
                    "<rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" fill=\"{}\"{}/>",
                    fill.svg(),
                    fill.opacity()
                ),
                Shape::Line {
                    x1,
                    y1,
                    x2,
                    y2,
                    stroke,
                    width,
                } => writeln!(
                    s,
                    "<line x1=\"{x1}\" y1=\"{y1}\" x2=\"{x2}\" y2=\"{y2}\" stroke=\"{}\" stroke-width=\"{width}\"/>",
                    stroke.svg()
                ),
                Shape::Circle {
                    cx,
                    cy,
                    r,
                    fill,
                    stroke,
                } => {
                    let st = stroke.map_or(String::new(), |c| {
                        format!(" stroke=\"{}\" stroke-width=\"2\"", c.svg())
                    });
                    writeln!(
                        s,
                        "<circle cx=\"{cx}\" cy=\"{cy}\" r=\"{r}\" fill=\"{}\"{}{st}/>",
                        fill.svg(),
                        fill.opacity()
                    )
                }
                Shape::Polygon { points, fill } => {
                    let pts: Vec<String> = points.iter().map(|(x, y)| format!("{x},{y}")).collect();
                    writeln!(
                        s,
                        "<polygon points=\"{}\" fill=\"{}\"{}/>",
                        pts.join(" "),
                        fill.svg(),
                        fill.opacity()
                    )
                }
                Shape::Text {
                    x,
                    y,
                    size,
                    text,
                    fill,
                } => writeln!(
                    s,
                    "<text x=\"{x}\" y=\"{y}\" font-family=\"sans-serif\" font-size=\"{size}\" text-anchor=\"middle\" fill=\"{}\">{}</text>",
                    fill.svg(),
                    esc(text)
                ),
            };
        }
        s.push_str("</svg>\n");
        s
    }

    /// A PNG of the same shapes (labels left out).
    pub fn to_png(&self) -> Result<Vec<u8>> {
        use tiny_skia::{Color, FillRule, Paint, PathBuilder, Pixmap, Rect, Stroke, Transform};
        let mut pm = Pixmap::new(self.width.max(1), self.height.max(1))
            .ok_or_else(|| GenError::Render(format!("bad size {}x{}", self.width, self.height)))?;
        let paint = |c: Rgba| {
            let mut p = Paint::default();
            p.set_color(Color::from_rgba8(c.0, c.1, c.2, c.3));
            p.anti_alias = true;
            p
        };
        let t = Transform::identity();
        for sh in &self.shapes {
            match sh {
                Shape::Rect { x, y, w, h, fill } => {
                    if let Some(r) = Rect::from_xywh(*x as f32, *y as f32, *w as f32, *h as f32) {
                        pm.fill_rect(r, &paint(*fill), t, None);
                    }
                }
                Shape::Line {
                    x1,
                    y1,
                    x2,
                    y2,
                    stroke,
                    width,
                } => {
                    let mut pb = PathBuilder::new();
                    pb.move_to(*x1 as f32, *y1 as f32);
                    pb.line_to(*x2 as f32, *y2 as f32);
                    if let Some(p) = pb.finish() {
                        let st = Stroke {
                            width: *width,
                            ..Stroke::default()
                        };
                        pm.stroke_path(&p, &paint(*stroke), &st, t, None);
                    }
                }
                Shape::Circle {
                    cx,
                    cy,
                    r,
                    fill,
                    stroke,
                } => {
                    if let Some(p) = PathBuilder::from_circle(*cx as f32, *cy as f32, *r as f32) {
                        pm.fill_path(&p, &paint(*fill), FillRule::Winding, t, None);
                        if let Some(c) = stroke {
                            let st = Stroke {
                                width: 2.0,
                                ..Stroke::default()
                            };
                            pm.stroke_path(&p, &paint(*c), &st, t, None);
                        }
                    }
                }
                Shape::Polygon { points, fill } => {
                    let mut pb = PathBuilder::new();
                    for (i, (x, y)) in points.iter().enumerate() {
                        if i == 0 {
                            pb.move_to(*x as f32, *y as f32)
                        } else {
                            pb.line_to(*x as f32, *y as f32)
                        }
                    }
                    pb.close();
                    if let Some(p) = pb.finish() {
                        pm.fill_path(&p, &paint(*fill), FillRule::Winding, t, None);
                    }
                }
                Shape::Text { .. } => {}
            }
        }
        pm.encode_png().map_err(|e| GenError::Render(e.to_string()))
    }
}

/// A seeded RNG for maps (ChaCha8: the same on every platform).
#[derive(Debug)]
pub struct MapRng(rand_chacha::ChaCha8Rng);

impl MapRng {
    /// From a seed.
    pub fn new(seed: u64) -> MapRng {
        use rand_chacha::rand_core::SeedableRng;
        MapRng(rand_chacha::ChaCha8Rng::seed_from_u64(seed))
    }

    /// A value in `lo..=hi`.
    pub fn range(&mut self, lo: i32, hi: i32) -> i32 {
        use rand_chacha::rand_core::RngCore;
        if hi <= lo {
            return lo;
        }
        lo + (self.0.next_u64() % (hi - lo + 1) as u64) as i32
    }

    /// A value in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        use rand_chacha::rand_core::RngCore;
        (self.0.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}
