//! Online backup through SQLite's backup API, and `verify`, which rehashes everything.

use std::path::Path;
use std::time::Duration;

use dnd_core::history::sha256_hex;
use rusqlite::Connection;
use rusqlite::backup::{Backup, StepResult};
use serde::{Deserialize, Serialize};

use crate::archive::all;
use crate::error::{Result, SqlStep, StoreError};
use crate::sqlite::rows::parse_commit;
use crate::sqlite::{SqliteStore, decompress};

/// A mismatch found by [`SqliteStore::verify`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// `object`, `commit`, `ref` (a branch or tag naming a missing version) or `asset`.
    pub kind: String,
    /// The stored id.
    pub id: String,
    /// What is wrong.
    pub reason: String,
}

/// What [`SqliteStore::verify`] checked and found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifyReport {
    /// Objects rehashed.
    pub objects: usize,
    /// Commits rehashed.
    pub commits: usize,
    /// Assets rehashed.
    pub assets: usize,
    /// Every mismatch.
    pub problems: Vec<Problem>,
}

impl VerifyReport {
    /// Whether nothing is wrong.
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }
}

impl SqliteStore {
    /// Copies the database to `path` with SQLite's online backup API, from one consistent
    /// snapshot, while writers keep going.
    pub fn backup_to(&self, path: impl AsRef<Path>) -> Result<()> {
        let mut dst = Connection::open(path.as_ref()).step("backup")?;
        let run = |src: &Connection, dst: &mut Connection| -> Result<()> {
            let b = Backup::new(src, dst).step("backup")?;
            // All pages in one step: one read snapshot, so writers never restart the copy.
            for _ in 0..10_000 {
                match b.step(-1).step("backup")? {
                    StepResult::Done => return Ok(()),
                    StepResult::More => {}
                    _ => std::thread::sleep(Duration::from_millis(5)),
                }
            }
            Err(StoreError::Io {
                step: "backup",
                reason: "the source stayed busy".into(),
            })
        };
        match self.path() {
            Some(p) => {
                let src = self.open_reader(p)?;
                run(&src, &mut dst)
            }
            None => self.with_writer(|src| run(src, &mut dst)),
        }
    }

    /// Rehashes every object, commit and asset and reports each mismatch.
    pub fn verify(&self) -> Result<VerifyReport> {
        self.read(|c| {
            let mut rep = VerifyReport::default();
            let bad = |kind: &str, id: &str, reason: String| Problem {
                kind: kind.into(),
                id: id.into(),
                reason,
            };
            for (id, data) in all(c, "SELECT id, data FROM objects ORDER BY id", |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, Vec<u8>>(1)?))
            })? {
                rep.objects += 1;
                match decompress(&data) {
                    Ok(bytes) if sha256_hex(&bytes) == id => {}
                    Ok(bytes) => rep.problems.push(bad(
                        "object",
                        &id,
                        format!("hashes to {}", sha256_hex(&bytes)),
                    )),
                    Err(e) => rep.problems.push(bad("object", &id, e.to_string())),
                }
            }
            for (id, body) in all(c, "SELECT id, body FROM commits ORDER BY seq", |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })? {
                rep.commits += 1;
                if let Err(e) = parse_commit(&id, &body) {
                    rep.problems.push(bad("commit", &id, e.to_string()));
                }
            }
            // Campaign versions (migration 0004), counted with the objects and commits.
            for (id, data) in all(
                c,
                "SELECT id, data FROM campaign_objects ORDER BY id",
                |r| Ok((r.get::<_, String>(0)?, r.get::<_, Vec<u8>>(1)?)),
            )? {
                rep.objects += 1;
                match decompress(&data) {
                    Ok(bytes) if sha256_hex(&bytes) == id => {}
                    Ok(bytes) => rep.problems.push(bad(
                        "campaign object",
                        &id,
                        format!("hashes to {}", sha256_hex(&bytes)),
                    )),
                    Err(e) => rep
                        .problems
                        .push(bad("campaign object", &id, e.to_string())),
                }
            }
            for (id, body) in all(
                c,
                "SELECT id, body FROM campaign_commits ORDER BY seq",
                |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
            )? {
                rep.commits += 1;
                if let Err(e) = parse_commit(&id, &body) {
                    rep.problems
                        .push(bad("campaign commit", &id, e.to_string()));
                }
            }
            // Refs name stored commits of their own character (no foreign key keeps them so).
            for (character, kind, name, commit) in all(
                c,
                "SELECT r.character_id, r.kind, r.name, r.commit_id FROM refs r
                 WHERE NOT EXISTS (SELECT 1 FROM commits c
                                   WHERE c.id = r.commit_id AND c.character_id = r.character_id)
                 ORDER BY 1, 2, 3",
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                    ))
                },
            )? {
                rep.problems.push(bad(
                    "ref",
                    &format!("{character} {kind} {name}"),
                    format!("names version {commit}, which is not stored"),
                ));
            }
            for (id, data) in all(c, "SELECT id, data FROM assets ORDER BY id", |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, Vec<u8>>(1)?))
            })? {
                rep.assets += 1;
                let actual = sha256_hex(&data);
                if actual != id {
                    rep.problems
                        .push(bad("asset", &id, format!("hashes to {actual}")));
                }
            }
            Ok(rep)
        })
    }
}
