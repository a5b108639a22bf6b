//! `dnd map dungeon|region`: seeded procedural maps with tokens and areas of effect.

use std::fmt::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use dnd_engine::generation::maps::{Area, Token};
use dnd_engine::{MapFormat, MapKind, MapRequest};

use crate::error::CliError;
use crate::packs::write_atomic_bytes;

/// Map kinds.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum MapKindArg {
    /// Rooms, corridors and doors on a 5-ft grid.
    Dungeon,
    /// Terrain with points of interest and roads.
    Region,
}

/// Options of `dnd map`.
#[derive(Debug, Args)]
pub struct MapArgs {
    #[arg(value_enum)]
    pub kind: MapKindArg,
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Cells across (dungeon 40, region 48 by default).
    #[arg(long)]
    pub width: Option<i32>,
    /// Cells down (dungeon 40, region 32 by default).
    #[arg(long)]
    pub height: Option<i32>,
    /// A theme id whose palette colours the map.
    #[arg(long)]
    pub theme: Option<String>,
    /// A token: LABEL@X,Y or LABEL@X,Y#rrggbb (cells; repeatable).
    #[arg(long = "token", value_name = "LABEL@X,Y")]
    pub tokens: Vec<String>,
    /// An area: circle@X,Y:RADIUS_FT, square@X,Y:SIZE_FT, cone@X,Y:LENGTH_FT:DEGREES or
    /// line@X,Y:LENGTH_FT:WIDTH_FT:DEGREES (repeatable).
    #[arg(long = "area", value_name = "SHAPE@X,Y:…")]
    pub areas: Vec<String>,
    /// OUT.svg or OUT.png (default: SVG on standard output).
    #[arg(short = 'o', long = "out", value_name = "OUT")]
    pub out: Option<PathBuf>,
    /// Also store the image as a `map` asset in the database (--db).
    #[arg(long)]
    pub save: bool,
    #[arg(long)]
    pub json: bool,
}

fn usage(message: String) -> CliError {
    CliError::Usage { message }
}

fn xy(s: &str, what: &str) -> Result<(i32, i32), CliError> {
    let (x, y) = s
        .split_once(',')
        .ok_or_else(|| usage(format!("{what}: expected X,Y in `{s}`")))?;
    let n = |v: &str| {
        v.trim()
            .parse::<i32>()
            .map_err(|_| usage(format!("{what}: `{v}` is not a whole number")))
    };
    Ok((n(x)?, n(y)?))
}

fn token(s: &str) -> Result<Token, CliError> {
    let (label, rest) = s
        .split_once('@')
        .ok_or_else(|| usage(format!("--token takes LABEL@X,Y, not `{s}`")))?;
    let (pos, color) = match rest.split_once('#') {
        Some((p, c)) => (p, Some(format!("#{c}"))),
        None => (rest, None),
    };
    let (x, y) = xy(pos, "--token")?;
    Ok(Token {
        label: label.into(),
        x,
        y,
        color,
    })
}

fn area(s: &str) -> Result<Area, CliError> {
    let (shape, rest) = s
        .split_once('@')
        .ok_or_else(|| usage(format!("--area takes SHAPE@X,Y:…, not `{s}`")))?;
    let mut parts = rest.split(':');
    let (x, y) = xy(parts.next().unwrap_or_default(), "--area")?;
    let nums: Vec<f64> = parts
        .map(|p| {
            p.trim()
                .parse::<f64>()
                .map_err(|_| usage(format!("--area: `{p}` is not a number")))
        })
        .collect::<Result<_, _>>()?;
    let ft = |i: usize| {
        nums.get(i)
            .map(|v| v.max(0.0) as u32)
            .ok_or_else(|| usage(format!("--area `{s}`: missing a size")))
    };
    let deg = |i: usize| {
        nums.get(i)
            .copied()
            .ok_or_else(|| usage(format!("--area `{s}`: missing a direction")))
    };
    Ok(match shape {
        "circle" => Area::Circle {
            x,
            y,
            radius_ft: ft(0)?,
        },
        "square" => Area::Square {
            x,
            y,
            size_ft: ft(0)?,
        },
        "cone" => Area::Cone {
            x,
            y,
            length_ft: ft(0)?,
            direction: deg(1)?,
        },
        "line" => Area::Line {
            x,
            y,
            length_ft: ft(0)?,
            width_ft: ft(1)?,
            direction: deg(2)?,
        },
        other => {
            return Err(usage(format!(
                "--area: unknown shape `{other}` (circle, square, cone, line)"
            )));
        }
    })
}

/// Runs `dnd map`.
pub fn run(cli: &crate::Cli, a: &MapArgs, out: &mut String) -> Result<u8, CliError> {
    let format = match a
        .out
        .as_ref()
        .and_then(|p| p.extension())
        .and_then(|e| e.to_str())
    {
        Some("png") => MapFormat::Png,
        Some("svg") | None => MapFormat::Svg,
        Some(other) => return Err(usage(format!("-o: `.{other}` is not .svg or .png"))),
    };
    let req = MapRequest {
        kind: match a.kind {
            MapKindArg::Dungeon => MapKind::Dungeon,
            MapKindArg::Region => MapKind::Region,
        },
        seed: a.seed,
        width: a.width,
        height: a.height,
        theme: a.theme.clone(),
        tokens: a
            .tokens
            .iter()
            .map(|t| token(t))
            .collect::<Result<_, _>>()?,
        areas: a.areas.iter().map(|t| area(t)).collect::<Result<_, _>>()?,
        format,
        save: a.save,
    };
    let e = if a.save {
        crate::commands::engine(cli)?
    } else {
        let r = crate::packs::rules(&cli.packs)?.into_owned();
        dnd_engine::Engine::open_in_memory(std::borrow::Cow::Owned(r))?
    };
    let m = e.map(&req)?;
    match &a.out {
        Some(path) => {
            write_atomic_bytes(path, &m.bytes)?;
        }
        None if !a.json => out.push_str(&String::from_utf8_lossy(&m.bytes)),
        None => {}
    }
    if a.json {
        let _ = writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({
                "written": a.out.as_ref().map(|p| p.display().to_string()),
                "content_type": m.content_type,
                "bytes": m.bytes.len(),
                "features": m.features,
                "asset": m.asset,
            }))?
        );
    } else if let Some(path) = &a.out {
        let what = if matches!(a.kind, MapKindArg::Dungeon) {
            "room(s)"
        } else {
            "point(s) of interest"
        };
        let _ = writeln!(
            out,
            "wrote {} ({} bytes, {} {what}){}",
            path.display(),
            m.bytes.len(),
            m.features,
            m.asset.map_or(String::new(), |id| format!("; asset {id}"))
        );
    }
    Ok(0)
}
