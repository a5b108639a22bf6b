//! Reading rules packs and character files from disk (the core does no I/O).

use std::fs;
use std::io::Read;
use std::path::Path;

use dnd_core::rules::{Pack, Rules};

use crate::error::CliError;

/// Reads a file, or standard input for `-`.
pub fn read_text(path: &Path) -> Result<String, CliError> {
    if path.as_os_str() == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|source| CliError::Read {
                path: "standard input".into(),
                source,
            })?;
        return Ok(s);
    }
    fs::read_to_string(path).map_err(|source| CliError::Read {
        path: path.display().to_string(),
        source,
    })
}

/// Loads one pack from a folder (`pack.json` + kind files) or a single JSON file.
pub fn load_pack(path: &Path) -> Result<Pack, CliError> {
    if path.is_dir() {
        let mut files = Vec::new();
        let entries = fs::read_dir(path).map_err(|source| CliError::Read {
            path: path.display().to_string(),
            source,
        })?;
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".json") {
                files.push((name, read_text(&entry.path())?));
            }
        }
        files.sort();
        Ok(Pack::from_files(
            files.iter().map(|(n, t)| (n.as_str(), t.as_str())),
        )?)
    } else {
        let text = read_text(path)?;
        Pack::from_json(&text).map_err(|e| {
            CliError::Core(dnd_core::Error::PackInvalid {
                pack: "?".into(),
                file: path.display().to_string(),
                reason: e.to_string(),
            })
        })
    }
}

/// The SRD rules plus any `--pack`s.
pub fn rules(packs: &[std::path::PathBuf]) -> Result<std::borrow::Cow<'static, Rules>, CliError> {
    if packs.is_empty() {
        return Ok(std::borrow::Cow::Borrowed(Rules::try_srd()?));
    }
    let extra = packs
        .iter()
        .map(|p| load_pack(p))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(std::borrow::Cow::Owned(Rules::srd_with(extra)?))
}

/// Writes a file through a temporary file in the same folder and a rename, so a crash never
/// leaves it half-written.
pub fn write_atomic(path: &Path, text: &str) -> Result<(), CliError> {
    write_atomic_bytes(path, text.as_bytes())
}

/// Writes bytes atomically (temp file + rename), like [`write_atomic`].
pub fn write_atomic_bytes(path: &Path, text: &[u8]) -> Result<(), CliError> {
    let err = |source| CliError::Write {
        path: path.display().to_string(),
        source,
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let tmp = dir.join(format!(
        ".{}.tmp-{}",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("out"),
        std::process::id()
    ));
    fs::write(&tmp, text).map_err(err)?;
    fs::rename(&tmp, path).map_err(|e| {
        let _ = fs::remove_file(&tmp);
        err(e)
    })
}
