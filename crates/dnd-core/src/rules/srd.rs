//! The SRD 5.2 pack, embedded in the crate.

use super::Pack;
use crate::error::Result;

include!(concat!(env!("OUT_DIR"), "/srd_files.rs"));

/// Parses the embedded SRD 5.2 pack (each call parses anew; [`super::Rules::srd`] caches).
pub fn srd_pack() -> Result<Pack> {
    Pack::from_files(SRD_FILES.iter().copied())
}

/// The embedded files as `(file name, JSON text)`.
pub fn srd_files() -> &'static [(&'static str, &'static str)] {
    SRD_FILES
}
