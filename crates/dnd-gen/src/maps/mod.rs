//! Procedural maps without any model: dungeon/tactical maps and region maps, seeded, drawn to
//! SVG and PNG from one display list.

pub mod draw;
pub mod dungeon;
pub mod palette;
pub mod region;

pub use draw::{Canvas, Rgba, Shape};
pub use dungeon::{Area, Dungeon, DungeonSpec, Token};
pub use palette::Palette;
pub use region::{Poi, Region, RegionSpec, Terrain};

/// A dungeon map's canvas (layout and overlays).
pub fn dungeon_canvas(spec: &DungeonSpec) -> (Dungeon, Canvas) {
    let d = dungeon::generate(spec);
    let c = dungeon::draw(&d, spec);
    (d, c)
}

/// A region map's canvas.
pub fn region_canvas(spec: &RegionSpec) -> (Region, Canvas) {
    let r = region::generate(spec);
    let c = region::draw(&r);
    (r, c)
}
