//! The compound parts of the canonical writer: sequences, maps and structs, and map keys.

use super::*;

impl Seq<'_> {
    fn element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<()> {
        if !self.first {
            self.c.out.push(b',');
        }
        self.first = false;
        v.serialize(&mut *self.c)
    }
    fn finish(self) {
        self.c.out.push(b']');
        if self.variant {
            self.c.out.push(b'}');
        }
    }
}

impl ser::SerializeSeq for Seq<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<()> {
        self.element(v)
    }
    fn end(self) -> Result<()> {
        self.finish();
        Ok(())
    }
}

impl ser::SerializeTuple for Seq<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<()> {
        self.element(v)
    }
    fn end(self) -> Result<()> {
        self.finish();
        Ok(())
    }
}

impl ser::SerializeTupleStruct for Seq<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<()> {
        self.element(v)
    }
    fn end(self) -> Result<()> {
        self.finish();
        Ok(())
    }
}

impl ser::SerializeTupleVariant for Seq<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<()> {
        self.element(v)
    }
    fn end(self) -> Result<()> {
        self.finish();
        Ok(())
    }
}

impl Map<'_> {
    fn field<T: Serialize + ?Sized>(&mut self, key: &str, v: &T) -> Result<()> {
        self.c.begin_entry(&mut self.m, key);
        v.serialize(&mut *self.c)?;
        self.c.end_entry(&mut self.m);
        Ok(())
    }
    fn finish(self) {
        self.c.close_map(&self.m);
        if self.variant {
            self.c.out.push(b'}');
        }
    }
}

impl ser::SerializeMap for Map<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<()> {
        let mut k = KeyText(None);
        if !key.serialize(&mut k)? {
            // Not a plain string: let serde_json turn it into its key text.
            k.0 = Some(serde_json_key(key)?);
        }
        let text = k.0.unwrap_or_default();
        self.c.begin_entry(&mut self.m, &text);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<()> {
        v.serialize(&mut *self.c)?;
        self.c.end_entry(&mut self.m);
        Ok(())
    }
    fn end(self) -> Result<()> {
        self.finish();
        Ok(())
    }
}

impl ser::SerializeStruct for Map<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> Result<()> {
        self.field(key, v)
    }
    fn end(self) -> Result<()> {
        self.finish();
        Ok(())
    }
}

impl ser::SerializeStructVariant for Map<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> Result<()> {
        self.field(key, v)
    }
    fn end(self) -> Result<()> {
        self.finish();
        Ok(())
    }
}

/// The key text serde_json gives any map key (numbers, bools, enums… as strings).
fn serde_json_key<T: Serialize + ?Sized>(key: &T) -> Result<String> {
    struct One<'a, T: ?Sized>(&'a T);
    impl<T: Serialize + ?Sized> Serialize for One<'_, T> {
        fn serialize<S: ser::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
            use ser::SerializeMap;
            let mut m = s.serialize_map(Some(1))?;
            m.serialize_entry(self.0, &())?;
            m.end()
        }
    }
    match serde_json::to_value(One(key))? {
        serde_json::Value::Object(m) => {
            Ok(m.into_iter().next().map(|(k, _)| k).unwrap_or_default())
        }
        _ => Err(ser::Error::custom("key must be a string")),
    }
}

/// Captures a string key without allocating a `Value`; answers `false` for any other kind of
/// key (the caller then asks serde_json).
struct KeyText(Option<String>);

impl ser::Serializer for &mut KeyText {
    type Ok = bool;
    type Error = Error;
    type SerializeSeq = Impossible<bool, Error>;
    type SerializeTuple = Impossible<bool, Error>;
    type SerializeTupleStruct = Impossible<bool, Error>;
    type SerializeTupleVariant = Impossible<bool, Error>;
    type SerializeMap = Impossible<bool, Error>;
    type SerializeStruct = Impossible<bool, Error>;
    type SerializeStructVariant = Impossible<bool, Error>;

    fn serialize_str(self, v: &str) -> Result<bool> {
        self.0 = Some(v.to_owned());
        Ok(true)
    }
    fn serialize_char(self, v: char) -> Result<bool> {
        self.0 = Some(v.to_string());
        Ok(true)
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<bool> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        v: &T,
    ) -> Result<bool> {
        v.serialize(self)
    }
    fn serialize_bool(self, _v: bool) -> Result<bool> {
        Ok(false)
    }
    fn serialize_i8(self, _v: i8) -> Result<bool> {
        Ok(false)
    }
    fn serialize_i16(self, _v: i16) -> Result<bool> {
        Ok(false)
    }
    fn serialize_i32(self, _v: i32) -> Result<bool> {
        Ok(false)
    }
    fn serialize_i64(self, _v: i64) -> Result<bool> {
        Ok(false)
    }
    fn serialize_i128(self, _v: i128) -> Result<bool> {
        Ok(false)
    }
    fn serialize_u8(self, _v: u8) -> Result<bool> {
        Ok(false)
    }
    fn serialize_u16(self, _v: u16) -> Result<bool> {
        Ok(false)
    }
    fn serialize_u32(self, _v: u32) -> Result<bool> {
        Ok(false)
    }
    fn serialize_u64(self, _v: u64) -> Result<bool> {
        Ok(false)
    }
    fn serialize_u128(self, _v: u128) -> Result<bool> {
        Ok(false)
    }
    fn serialize_f32(self, _v: f32) -> Result<bool> {
        Ok(false)
    }
    fn serialize_f64(self, _v: f64) -> Result<bool> {
        Ok(false)
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<bool> {
        Ok(false)
    }
    fn serialize_none(self) -> Result<bool> {
        Ok(false)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _v: &T) -> Result<bool> {
        Ok(false)
    }
    fn serialize_unit(self) -> Result<bool> {
        Ok(false)
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<bool> {
        Ok(false)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _v: &T,
    ) -> Result<bool> {
        Ok(false)
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq> {
        Err(ser::Error::custom("key must be a string"))
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple> {
        Err(ser::Error::custom("key must be a string"))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        Err(ser::Error::custom("key must be a string"))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(ser::Error::custom("key must be a string"))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
        Err(ser::Error::custom("key must be a string"))
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeStruct> {
        Err(ser::Error::custom("key must be a string"))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(ser::Error::custom("key must be a string"))
    }
}
