//! The primitives of the canonical binary encoding (see `ENCODING.md`): big-endian fixed
//! width integers, length-prefixed byte strings, one tag byte per enum. Each value has
//! exactly one encoding, so equal values give equal bytes and the log can hash them.

use crate::ids::{
    ContainerNumber, CountryCode, Currency, HsCode, IdError, Ident, Mrn, UicWagonNumber, UnLocode,
    Wagon1520Number,
};

/// Why bytes are not a valid encoding. Every decoder returns this, never panics.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// The bytes end before the value does.
    #[error("the bytes end at offset {offset} while reading {what}")]
    Truncated {
        /// What was being read.
        what: &'static str,
        /// Where the bytes ended.
        offset: usize,
    },
    /// Bytes remain after a complete value.
    #[error("{count} bytes remain after the end of the {what}")]
    TrailingBytes {
        /// What was read.
        what: &'static str,
        /// How many bytes remain.
        count: usize,
    },
    /// A version byte this implementation does not know.
    #[error(
        "{what} version {found} is not supported (this implementation reads version {supported})"
    )]
    UnknownVersion {
        /// What carries the version.
        what: &'static str,
        /// Version found.
        found: u8,
        /// Version supported.
        supported: u8,
    },
    /// A tag byte that names no variant.
    #[error("tag {tag} at offset {offset} names no {what}")]
    UnknownTag {
        /// The enum being read.
        what: &'static str,
        /// The tag found.
        tag: u8,
        /// Where.
        offset: usize,
    },
    /// An identifier that fails its own rules (check digit, characters).
    #[error("invalid {what} at offset {offset}: {source}")]
    Identifier {
        /// The field.
        what: &'static str,
        /// Where.
        offset: usize,
        /// The identifier's own error.
        source: IdError,
    },
    /// A list or text longer than its limit.
    #[error("{what} has {found} elements at offset {offset}; at most {max} are allowed")]
    TooLong {
        /// The field.
        what: &'static str,
        /// Elements found.
        found: usize,
        /// The limit.
        max: usize,
        /// Where.
        offset: usize,
    },
    /// Text that is not UTF-8.
    #[error("{what} at offset {offset} is not UTF-8")]
    NotUtf8 {
        /// The field.
        what: &'static str,
        /// Where.
        offset: usize,
    },
    /// A value that is well formed but not canonical (for example a list out of order).
    #[error("{what} at offset {offset} is not in canonical form: {rule}")]
    NotCanonical {
        /// The field.
        what: &'static str,
        /// Where.
        offset: usize,
        /// The rule broken.
        rule: &'static str,
    },
}

/// Appends canonical encodings to a byte buffer.
#[derive(Debug, Default)]
pub struct Writer {
    bytes: Vec<u8>,
}

impl Writer {
    /// A writer with room for `capacity` bytes.
    pub fn with_capacity(capacity: usize) -> Writer {
        Writer { bytes: Vec::with_capacity(capacity) }
    }

    /// The bytes written.
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    /// Forgets the bytes written, keeping the buffer.
    pub fn clear(&mut self) {
        self.bytes.clear();
    }

    /// The bytes written so far.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// One byte.
    pub fn u8(&mut self, value: u8) {
        self.bytes.push(value);
    }

    /// Two bytes, big-endian.
    pub fn u16(&mut self, value: u16) {
        self.bytes.extend_from_slice(&value.to_be_bytes());
    }

    /// Four bytes, big-endian.
    pub fn u32(&mut self, value: u32) {
        self.bytes.extend_from_slice(&value.to_be_bytes());
    }

    /// Eight bytes, big-endian.
    pub fn u64(&mut self, value: u64) {
        self.bytes.extend_from_slice(&value.to_be_bytes());
    }

    /// Eight bytes, big-endian two's complement.
    pub fn i64(&mut self, value: i64) {
        self.bytes.extend_from_slice(&value.to_be_bytes());
    }

    /// Raw bytes of a fixed-size field.
    pub fn fixed(&mut self, bytes: &[u8]) {
        self.bytes.extend_from_slice(bytes);
    }

    /// A byte string with a two-byte length prefix. The caller keeps it under 65,536.
    pub fn bytes16(&mut self, bytes: &[u8]) {
        assert!(bytes.len() <= usize::from(u16::MAX), "byte strings are checked before encoding");
        self.u16(bytes.len() as u16);
        self.bytes.extend_from_slice(bytes);
    }

    /// A list length as two bytes. The caller keeps it under 65,536.
    pub fn count(&mut self, count: usize) {
        assert!(count <= usize::from(u16::MAX), "lists are checked before encoding");
        self.u16(count as u16);
    }

    /// An [`Ident`]: one length byte, then its bytes.
    pub fn ident(&mut self, ident: &Ident) {
        self.u8(ident.as_bytes().len() as u8);
        self.bytes.extend_from_slice(ident.as_bytes());
    }

    /// An HS code: edition (2 bytes), digit count (1 byte), digits.
    pub fn hs_code(&mut self, code: &HsCode) {
        self.u16(code.edition());
        self.u8(code.digits().len() as u8);
        self.bytes.extend_from_slice(code.digits());
    }
}

/// Wraps an identifier's own error with the field and offset where it was read.
fn identifier<T>(
    what: &'static str,
    offset: usize,
    result: Result<T, IdError>,
) -> Result<T, DecodeError> {
    result.map_err(|source| DecodeError::Identifier { what, offset, source })
}

/// Reads canonical encodings from a byte slice, tracking the offset for error messages.
#[derive(Debug)]
pub struct Reader<'a> {
    bytes: &'a [u8],
    offset: usize,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `bytes`.
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, offset: 0 }
    }

    /// The current offset.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// How many bytes are left to read.
    pub fn remaining(&self) -> usize {
        self.bytes.len() - self.offset
    }

    /// Fails unless every byte was read.
    pub fn finish(&self, what: &'static str) -> Result<(), DecodeError> {
        let count = self.bytes.len() - self.offset;
        if count == 0 { Ok(()) } else { Err(DecodeError::TrailingBytes { what, count }) }
    }

    /// The next `length` bytes.
    pub fn take(&mut self, what: &'static str, length: usize) -> Result<&'a [u8], DecodeError> {
        let end = self.offset.checked_add(length).filter(|end| *end <= self.bytes.len());
        let Some(end) = end else {
            return Err(DecodeError::Truncated { what, offset: self.bytes.len() });
        };
        let slice = &self.bytes[self.offset..end];
        self.offset = end;
        Ok(slice)
    }

    /// A fixed-size array.
    pub fn array<const N: usize>(&mut self, what: &'static str) -> Result<[u8; N], DecodeError> {
        let slice = self.take(what, N)?;
        let mut array = [0u8; N];
        array.copy_from_slice(slice);
        Ok(array)
    }

    /// One byte.
    pub fn u8(&mut self, what: &'static str) -> Result<u8, DecodeError> {
        Ok(self.array::<1>(what)?[0])
    }

    /// Two bytes, big-endian.
    pub fn u16(&mut self, what: &'static str) -> Result<u16, DecodeError> {
        Ok(u16::from_be_bytes(self.array(what)?))
    }

    /// Four bytes, big-endian.
    pub fn u32(&mut self, what: &'static str) -> Result<u32, DecodeError> {
        Ok(u32::from_be_bytes(self.array(what)?))
    }

    /// Eight bytes, big-endian.
    pub fn u64(&mut self, what: &'static str) -> Result<u64, DecodeError> {
        Ok(u64::from_be_bytes(self.array(what)?))
    }

    /// Eight bytes, big-endian two's complement.
    pub fn i64(&mut self, what: &'static str) -> Result<i64, DecodeError> {
        Ok(i64::from_be_bytes(self.array(what)?))
    }

    /// A boolean: exactly 0 or 1.
    pub fn bool(&mut self, what: &'static str) -> Result<bool, DecodeError> {
        let offset = self.offset;
        match self.u8(what)? {
            0 => Ok(false),
            1 => Ok(true),
            tag => Err(DecodeError::UnknownTag { what, tag, offset }),
        }
    }

    /// A tag byte, checked against the number of variants.
    pub fn tag(&mut self, what: &'static str, variants: u8) -> Result<u8, DecodeError> {
        let offset = self.offset;
        let tag = self.u8(what)?;
        if tag < variants { Ok(tag) } else { Err(DecodeError::UnknownTag { what, tag, offset }) }
    }

    /// A byte string with a two-byte length prefix, at most `max` bytes.
    pub fn bytes16(&mut self, what: &'static str, max: usize) -> Result<&'a [u8], DecodeError> {
        let offset = self.offset;
        let length = usize::from(self.u16(what)?);
        if length > max {
            return Err(DecodeError::TooLong { what, found: length, max, offset });
        }
        self.take(what, length)
    }

    /// UTF-8 text with a two-byte length prefix, at most `max` bytes.
    pub fn text16(&mut self, what: &'static str, max: usize) -> Result<&'a str, DecodeError> {
        let offset = self.offset;
        let bytes = self.bytes16(what, max)?;
        std::str::from_utf8(bytes).map_err(|_| DecodeError::NotUtf8 { what, offset })
    }

    /// A list length, at most `max`.
    pub fn count(&mut self, what: &'static str, max: usize) -> Result<usize, DecodeError> {
        let offset = self.offset;
        let count = usize::from(self.u16(what)?);
        if count > max {
            return Err(DecodeError::TooLong { what, found: count, max, offset });
        }
        Ok(count)
    }

    /// An [`Ident`].
    pub fn ident(&mut self, what: &'static str) -> Result<Ident, DecodeError> {
        let offset = self.offset;
        let length = usize::from(self.u8(what)?);
        let bytes = self.take(what, length)?;
        identifier(what, offset, Ident::from_bytes(bytes))
    }

    /// An MRN (18 bytes, check character verified).
    pub fn mrn(&mut self, what: &'static str) -> Result<Mrn, DecodeError> {
        let offset = self.offset;
        let bytes = self.array(what)?;
        identifier(what, offset, Mrn::from_bytes(bytes))
    }

    /// A container number (11 bytes, check digit verified).
    pub fn container(&mut self, what: &'static str) -> Result<ContainerNumber, DecodeError> {
        let offset = self.offset;
        let bytes = self.array(what)?;
        identifier(what, offset, ContainerNumber::from_bytes(bytes))
    }

    /// A UIC wagon number (12 bytes, check digit verified).
    pub fn uic_wagon(&mut self, what: &'static str) -> Result<UicWagonNumber, DecodeError> {
        let offset = self.offset;
        let bytes = self.array(what)?;
        identifier(what, offset, UicWagonNumber::from_bytes(bytes))
    }

    /// A 1520 mm wagon number (8 bytes, check digit verified).
    pub fn wagon_1520(&mut self, what: &'static str) -> Result<Wagon1520Number, DecodeError> {
        let offset = self.offset;
        let bytes = self.array(what)?;
        identifier(what, offset, Wagon1520Number::from_bytes(bytes))
    }

    /// A country code (2 bytes).
    pub fn country(&mut self, what: &'static str) -> Result<CountryCode, DecodeError> {
        let offset = self.offset;
        let bytes = self.array(what)?;
        identifier(what, offset, CountryCode::from_bytes(bytes))
    }

    /// A UN/LOCODE (5 bytes).
    pub fn unlocode(&mut self, what: &'static str) -> Result<UnLocode, DecodeError> {
        let offset = self.offset;
        let bytes = self.array(what)?;
        identifier(what, offset, UnLocode::from_bytes(bytes))
    }

    /// A currency (3 bytes).
    pub fn currency(&mut self, what: &'static str) -> Result<Currency, DecodeError> {
        let offset = self.offset;
        let bytes = self.array(what)?;
        identifier(what, offset, Currency::from_bytes(bytes))
    }

    /// An HS code with its edition.
    pub fn hs_code(&mut self, what: &'static str) -> Result<HsCode, DecodeError> {
        let offset = self.offset;
        let edition = self.u16(what)?;
        let length = usize::from(self.u8(what)?);
        if length > HsCode::DIGITS_MAX {
            return Err(DecodeError::TooLong {
                what,
                found: length,
                max: HsCode::DIGITS_MAX,
                offset,
            });
        }
        let digits = self.take(what, length)?;
        identifier(what, offset, HsCode::new(edition, digits))
    }
}
