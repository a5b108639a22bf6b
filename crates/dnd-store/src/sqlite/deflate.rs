//! Raw deflate of stored objects with one reused compressor and decompressor per thread.

use std::cell::RefCell;

use flate2::{Compress, Compression, Decompress, FlushCompress, FlushDecompress, Status};

use super::io;
use crate::error::{Result, StoreError};

thread_local! {
    /// One deflate and one inflate state per thread, reset between uses: setting one up
    /// allocates and clears tens of kilobytes, more than compressing a character takes.
    static DEFLATE: RefCell<Compress> = RefCell::new(Compress::new(Compression::fast(), false));
    static INFLATE: RefCell<Decompress> = RefCell::new(Decompress::new(false));
}

/// Deflates bytes (raw deflate, fast level: commits are latency-bound).
pub(crate) fn compress(bytes: &[u8]) -> Result<Vec<u8>> {
    DEFLATE.with(|c| {
        let mut c = c.borrow_mut();
        c.reset();
        let mut out = Vec::with_capacity(bytes.len() / 2 + 64);
        loop {
            let done = usize::try_from(c.total_in()).unwrap_or(bytes.len());
            let status = c
                .compress_vec(
                    &bytes[done.min(bytes.len())..],
                    &mut out,
                    FlushCompress::Finish,
                )
                .map_err(|e| io("compress", &e))?;
            if status == Status::StreamEnd {
                return Ok(out);
            }
            out.reserve(out.capacity().max(256));
        }
    })
}

/// Inflates bytes written by [`compress`].
pub(crate) fn decompress(bytes: &[u8]) -> Result<Vec<u8>> {
    let corrupt = |reason: String| StoreError::Corrupt {
        reason: format!("a compressed object does not inflate: {reason}"),
    };
    INFLATE.with(|d| {
        let mut d = d.borrow_mut();
        d.reset(false);
        let mut out = Vec::with_capacity(bytes.len() * 4);
        loop {
            let done = usize::try_from(d.total_in()).unwrap_or(bytes.len());
            let status = d
                .decompress_vec(
                    &bytes[done.min(bytes.len())..],
                    &mut out,
                    FlushDecompress::Finish,
                )
                .map_err(|e| corrupt(e.to_string()))?;
            if status == Status::StreamEnd {
                return Ok(out);
            }
            if out.len() < out.capacity() {
                // Room was left, so the input ran out before the end of the stream.
                return Err(corrupt("the stream is truncated".into()));
            }
            out.reserve(out.capacity().max(1024));
        }
    })
}

#[cfg(test)]
mod tests {
    use super::{compress, decompress};

    #[test]
    fn deflate_round_trips_and_refuses_truncated_or_garbage_input() {
        let small = b"{\"name\":\"Bren\"}".to_vec();
        let big: Vec<u8> = (0..200_000u32)
            .flat_map(|i| (i.wrapping_mul(2_654_435_761) >> 13).to_le_bytes())
            .collect();
        for bytes in [Vec::new(), small, big] {
            let z = compress(&bytes).expect("compress");
            assert_eq!(decompress(&z).expect("inflate"), bytes);
            // The reused states give the same result a second time.
            assert_eq!(compress(&bytes).expect("again"), z);
            if z.len() > 4 {
                assert!(decompress(&z[..z.len() / 2]).is_err());
            }
        }
        assert!(decompress(b"\xff\xff\xff not deflate").is_err());
        // Streams from the standard encoder (as older builds wrote them) inflate too.
        use std::io::Write;
        let mut e = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        e.write_all(b"older data").expect("write");
        let old = e.finish().expect("finish");
        assert_eq!(decompress(&old).expect("old"), b"older data");
    }
}
