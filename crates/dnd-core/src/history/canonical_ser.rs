//! A `serde::Serializer` that writes canonical JSON straight from `Serialize`, with no
//! intermediate `serde_json::Value`. Its bytes are exactly those of
//! `canonical_json(&serde_json::to_value(v)?)` (see the module doc of `canonical.rs`; a test
//! compares the two on every example character and on edge cases).
//!
//! Maps and structs are written in place as their entries come; each entry's raw key (the
//! unescaped bytes the sort compares) is kept in a side arena. When a map ends with its keys out
//! of order (or repeated: the last value wins, as in a `serde_json::Map`), its region is copied
//! out once and written back sorted, so each level costs one copy at most.

mod compound;

use serde::ser::{self, Impossible, Serialize};
use serde_json::Error;

type Result<T> = std::result::Result<T, Error>;

/// One entry of an open map: its raw key in `Canon::keys`, its `"key":value` bytes in `out`
/// (offsets from the start of the map's body).
#[derive(Debug, Clone, Copy)]
struct Entry {
    key_start: usize,
    key_end: usize,
    start: usize,
    end: usize,
}

/// The canonical writer.
#[derive(Debug, Default)]
pub(crate) struct Canon {
    pub(crate) out: Vec<u8>,
    keys: Vec<u8>,
    entries: Vec<Entry>,
    scratch: Vec<u8>,
}

/// The canonical JSON bytes of `v`.
pub(crate) fn to_canonical_vec<T: Serialize + ?Sized>(v: &T) -> Result<Vec<u8>> {
    let mut c = Canon {
        out: Vec::with_capacity(4096),
        ..Canon::default()
    };
    v.serialize(&mut c)?;
    Ok(c.out)
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Writes a JSON string exactly as `serde_json` escapes it: `"` and `\\` backslashed, control
/// characters as `\b \t \n \f \r` or `\u00xx`, everything else (all non-ASCII) as is.
pub(crate) fn write_str(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let esc: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0c => b"\\f",
            0..=0x1f => b"",
            _ => continue,
        };
        out.extend_from_slice(&bytes[start..i]);
        if esc.is_empty() {
            out.extend_from_slice(b"\\u00");
            out.push(HEX[usize::from(b >> 4)]);
            out.push(HEX[usize::from(b & 0xf)]);
        } else {
            out.extend_from_slice(esc);
        }
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

fn write_u64(out: &mut Vec<u8>, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        // `n % 10` is below 10, so the cast is exact.
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[i..]);
}

fn write_i64(out: &mut Vec<u8>, n: i64) {
    if n < 0 {
        out.push(b'-');
    }
    write_u64(out, n.unsigned_abs());
}

/// A float as `canonical_json` writes a `serde_json::Number` holding it: integral values (below
/// 9e15) as integers, others in serde_json's shortest round-trip form, non-finite as `null`
/// (`serde_json::to_value` turns them into `Value::Null`).
fn write_f64(out: &mut Vec<u8>, f: f64) {
    if !f.is_finite() {
        out.extend_from_slice(b"null");
    } else if f.fract() == 0.0 && f.abs() < 9.0e15 {
        // Integral and within i64 range: exact.
        #[allow(clippy::cast_possible_truncation)]
        write_i64(out, f as i64);
    } else {
        match serde_json::Number::from_f64(f) {
            Some(n) => out.extend_from_slice(n.to_string().as_bytes()),
            None => out.extend_from_slice(b"null"),
        }
    }
}

impl Canon {
    fn open_map(&mut self) -> MapState {
        self.out.push(b'{');
        MapState {
            body: self.out.len(),
            entries: self.entries.len(),
            keys: self.keys.len(),
            pending: None,
        }
    }

    /// Starts an entry whose raw key is `key`: writes the comma and the escaped key.
    fn begin_entry(&mut self, m: &mut MapState, key: &str) {
        if self.entries.len() > m.entries {
            self.out.push(b',');
        }
        let start = self.out.len() - m.body;
        let key_start = self.keys.len();
        self.keys.extend_from_slice(key.as_bytes());
        write_str(&mut self.out, key);
        self.out.push(b':');
        m.pending = Some((key_start, self.keys.len(), start));
    }

    fn end_entry(&mut self, m: &mut MapState) {
        if let Some((key_start, key_end, start)) = m.pending.take() {
            self.entries.push(Entry {
                key_start,
                key_end,
                start,
                end: self.out.len() - m.body,
            });
        }
    }

    /// Closes a map: sorts its entries by raw key bytes if they are not in order already.
    fn close_map(&mut self, m: &MapState) {
        let keys = &self.keys;
        let ents = &mut self.entries[m.entries..];
        let key = |e: &Entry| &keys[e.key_start..e.key_end];
        let sorted = ents.windows(2).all(|w| key(&w[0]) < key(&w[1]));
        if !sorted {
            ents.sort_by(|a, b| key(a).cmp(key(b)));
            let mut scratch = std::mem::take(&mut self.scratch);
            scratch.clear();
            scratch.extend_from_slice(&self.out[m.body..]);
            self.out.truncate(m.body);
            let mut first = true;
            for (i, e) in ents.iter().enumerate() {
                // Of equal keys, the last one written wins (stable sort keeps their order).
                if ents.get(i + 1).is_some_and(|n| key(n) == key(e)) {
                    continue;
                }
                if !first {
                    self.out.push(b',');
                }
                first = false;
                self.out.extend_from_slice(&scratch[e.start..e.end]);
            }
            self.scratch = scratch;
        }
        self.entries.truncate(m.entries);
        self.keys.truncate(m.keys);
        self.out.push(b'}');
    }
}

/// An open map or struct.
#[derive(Debug)]
struct MapState {
    /// Where the map's body starts in `out` (just after `{`).
    body: usize,
    /// Index of its first entry in `Canon::entries`.
    entries: usize,
    /// Start of its keys in `Canon::keys`.
    keys: usize,
    /// The entry whose key is written and whose value is awaited.
    pending: Option<(usize, usize, usize)>,
}

#[doc(hidden)]
#[derive(Debug)]
pub(crate) struct Seq<'a> {
    c: &'a mut Canon,
    first: bool,
    /// Close an enclosing `{"variant":` too.
    variant: bool,
}

#[doc(hidden)]
#[derive(Debug)]
pub(crate) struct Map<'a> {
    c: &'a mut Canon,
    m: MapState,
    variant: bool,
}

impl<'a> ser::Serializer for &'a mut Canon {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Seq<'a>;
    type SerializeTuple = Seq<'a>;
    type SerializeTupleStruct = Seq<'a>;
    type SerializeTupleVariant = Seq<'a>;
    type SerializeMap = Map<'a>;
    type SerializeStruct = Map<'a>;
    type SerializeStructVariant = Map<'a>;

    fn serialize_bool(self, v: bool) -> Result<()> {
        self.out
            .extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<()> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i16(self, v: i16) -> Result<()> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i32(self, v: i32) -> Result<()> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i64(self, v: i64) -> Result<()> {
        write_i64(&mut self.out, v);
        Ok(())
    }
    fn serialize_i128(self, v: i128) -> Result<()> {
        if let Ok(u) = u64::try_from(v) {
            self.serialize_u64(u)
        } else if let Ok(i) = i64::try_from(v) {
            self.serialize_i64(i)
        } else {
            Err(ser::Error::custom("number out of range"))
        }
    }
    fn serialize_u8(self, v: u8) -> Result<()> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u16(self, v: u16) -> Result<()> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u32(self, v: u32) -> Result<()> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u64(self, v: u64) -> Result<()> {
        write_u64(&mut self.out, v);
        Ok(())
    }
    fn serialize_u128(self, v: u128) -> Result<()> {
        match u64::try_from(v) {
            Ok(u) => self.serialize_u64(u),
            Err(_) => Err(ser::Error::custom("number out of range")),
        }
    }
    fn serialize_f32(self, v: f32) -> Result<()> {
        // serde_json keeps an f32 as the f64 it converts to.
        write_f64(&mut self.out, f64::from(v));
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Result<()> {
        write_f64(&mut self.out, v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<()> {
        let mut b = [0u8; 4];
        write_str(&mut self.out, v.encode_utf8(&mut b));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<()> {
        write_str(&mut self.out, v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<()> {
        self.out.push(b'[');
        for (i, b) in v.iter().enumerate() {
            if i > 0 {
                self.out.push(b',');
            }
            write_u64(&mut self.out, u64::from(*b));
        }
        self.out.push(b']');
        Ok(())
    }
    fn serialize_none(self) -> Result<()> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<()> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<()> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<()> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<()> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        v: &T,
    ) -> Result<()> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        v: &T,
    ) -> Result<()> {
        self.out.push(b'{');
        write_str(&mut self.out, variant);
        self.out.push(b':');
        v.serialize(&mut *self)?;
        self.out.push(b'}');
        Ok(())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Seq<'a>> {
        self.out.push(b'[');
        Ok(Seq {
            c: self,
            first: true,
            variant: false,
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Seq<'a>> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Seq<'a>> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Seq<'a>> {
        self.out.push(b'{');
        write_str(&mut self.out, variant);
        self.out.extend_from_slice(b":[");
        Ok(Seq {
            c: self,
            first: true,
            variant: true,
        })
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Map<'a>> {
        let m = self.open_map();
        Ok(Map {
            c: self,
            m,
            variant: false,
        })
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Map<'a>> {
        self.serialize_map(None)
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Map<'a>> {
        self.out.push(b'{');
        write_str(&mut self.out, variant);
        self.out.push(b':');
        let m = self.open_map();
        Ok(Map {
            c: self,
            m,
            variant: true,
        })
    }
}
