//! Identifiers with their check digits (MRN, ISO 6346 containers, UIC and 1520 mm wagons,
//! UN/LOCODE, HS codes with their edition, ISO 4217 currencies) and integer money.
//!
//! Every identifier is a small `Copy` value held inline, so statements and state carry
//! them without allocating. Parsing validates the check digit; the canonical form is the
//! one `Display` prints (no spaces, upper case).

use std::fmt;

/// Why a text is not a valid identifier.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    /// The text has the wrong length.
    #[error("{what} `{text}` has {found} characters; it must have {expected}")]
    Length {
        /// The kind of identifier.
        what: &'static str,
        /// The text as given.
        text: String,
        /// Characters found.
        found: usize,
        /// What the rule expects, in words.
        expected: &'static str,
    },
    /// A character is not allowed at its position.
    #[error("{what} `{text}`: character {position} must be {expected}")]
    Character {
        /// The kind of identifier.
        what: &'static str,
        /// The text as given.
        text: String,
        /// One-based position of the bad character.
        position: usize,
        /// What the rule expects, in words.
        expected: &'static str,
    },
    /// The check digit does not match the rest.
    #[error(
        "{what} `{text}` has check character {found}, but its other characters give {computed}"
    )]
    CheckDigit {
        /// The kind of identifier.
        what: &'static str,
        /// The text as given.
        text: String,
        /// Check character found.
        found: char,
        /// Check character computed.
        computed: char,
    },
    /// A code that is well formed but not known (HS edition, currency).
    #[error("{what} `{text}` is not known; known values: {known}")]
    Unknown {
        /// The kind of identifier.
        what: &'static str,
        /// The text as given.
        text: String,
        /// The values Passage knows.
        known: &'static str,
    },
}

fn length_error(what: &'static str, text: &str, expected: &'static str) -> IdError {
    IdError::Length { what, text: text.to_owned(), found: text.chars().count(), expected }
}

fn char_error(what: &'static str, text: &str, position: usize, expected: &'static str) -> IdError {
    IdError::Character { what, text: text.to_owned(), position: position + 1, expected }
}

/// The ISO 6346 value of a character: digits are their face value; letters start at
/// A = 10 and skip the multiples of 11 (so B = 12, L = 23, V = 34).
fn iso6346_value(byte: u8) -> Option<u32> {
    const LETTERS: [u8; 26] = [
        10, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 34, 35,
        36, 37, 38,
    ];
    match byte {
        b'0'..=b'9' => Some(u32::from(byte - b'0')),
        b'A'..=b'Z' => Some(u32::from(LETTERS[usize::from(byte - b'A')])),
        _ => None,
    }
}

/// The ISO 6346 check digit of `body` (each character's value times 2^position, summed,
/// modulo 11, and a remainder of 10 read as 0). NCTS uses the same rule for the MRN.
/// Returns `None` if a character is not a digit or an upper-case letter.
pub fn iso6346_check_digit(body: &[u8]) -> Option<u8> {
    let mut sum: u64 = 0;
    for (position, &byte) in body.iter().enumerate() {
        let value = u64::from(iso6346_value(byte)?);
        sum += value << position;
    }
    Some(b'0' + ((sum % 11) % 10) as u8)
}

/// The UIC check digit (Luhn): from the right, digits are multiplied alternately by 2 and
/// 1 (the rightmost by 2), the digits of the products are summed, and the check digit
/// brings the sum up to a multiple of ten. `body` must hold ASCII digits.
pub fn luhn_check_digit(body: &[u8]) -> u8 {
    let mut sum: u32 = 0;
    for (from_right, &byte) in body.iter().rev().enumerate() {
        let digit = u32::from(byte - b'0');
        let product = if from_right % 2 == 0 { digit * 2 } else { digit };
        sum += product / 10 + product % 10;
    }
    b'0' + ((10 - sum % 10) % 10) as u8
}

/// Strips the separators people write inside numbers (spaces and hyphens).
fn compact(text: &str) -> Vec<u8> {
    text.bytes().filter(|byte| *byte != b' ' && *byte != b'-').collect()
}

fn ascii_str(bytes: &[u8]) -> &str {
    // Every identifier below is validated as ASCII before it is stored.
    std::str::from_utf8(bytes).unwrap_or("?")
}

/// Movement reference number, as NCTS: 18 characters, the year (2 digits), the ISO
/// country code of the allocating office (2 letters), 13 characters chosen by that office
/// (the last one is the procedure indicator, `J` for transit), and an ISO 6346 check
/// character.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Mrn([u8; 18]);

impl Mrn {
    const WHAT: &'static str = "MRN";

    /// Parses and checks an MRN.
    pub fn parse(text: &str) -> Result<Mrn, IdError> {
        let bytes = text.as_bytes();
        if bytes.len() != 18 {
            return Err(length_error(Self::WHAT, text, "18"));
        }
        let mut array = [0u8; 18];
        array.copy_from_slice(bytes);
        Mrn::from_bytes(array).map_err(|error| match error {
            IdError::Character { position, expected, .. } => {
                IdError::Character { what: Self::WHAT, text: text.to_owned(), position, expected }
            }
            other => other,
        })
    }

    /// Checks 18 raw bytes as an MRN.
    pub fn from_bytes(bytes: [u8; 18]) -> Result<Mrn, IdError> {
        let text = || String::from_utf8_lossy(&bytes).into_owned();
        for (position, byte) in bytes.iter().enumerate() {
            let ok = match position {
                0 | 1 => byte.is_ascii_digit(),
                2 | 3 => byte.is_ascii_uppercase(),
                _ => byte.is_ascii_digit() || byte.is_ascii_uppercase(),
            };
            if !ok {
                let expected = match position {
                    0 | 1 => "a digit (the year)",
                    2 | 3 => "an upper-case letter (the country)",
                    _ => "a digit or an upper-case letter",
                };
                return Err(char_error(Self::WHAT, &text(), position, expected));
            }
        }
        let computed = iso6346_check_digit(&bytes[..17]).unwrap_or(b'?');
        if computed != bytes[17] {
            return Err(IdError::CheckDigit {
                what: Self::WHAT,
                text: text(),
                found: char::from(bytes[17]),
                computed: char::from(computed),
            });
        }
        Ok(Mrn(bytes))
    }

    /// Allocates the MRN of a transit movement: year, country, a 12-digit serial and the
    /// procedure indicator `J` (transit only), then the check character.
    pub fn allocate(year: u32, country: CountryCode, serial: u64) -> Mrn {
        assert!(serial < 1_000_000_000_000, "MRN serials have 12 digits");
        let body = format!("{:02}{}{:012}J", year % 100, ascii_str(&country.0), serial);
        let mut bytes = [0u8; 18];
        bytes[..17].copy_from_slice(body.as_bytes());
        bytes[17] = iso6346_check_digit(&bytes[..17]).unwrap_or(b'0');
        Mrn(bytes)
    }

    /// The 18 bytes of the MRN.
    pub fn as_bytes(&self) -> &[u8; 18] {
        &self.0
    }
}

/// A container number per ISO 6346: owner code (3 letters), category (U, J or Z), serial
/// (6 digits) and check digit.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ContainerNumber([u8; 11]);

impl ContainerNumber {
    const WHAT: &'static str = "container number";

    /// Parses and checks a container number (spaces and hyphens are ignored).
    pub fn parse(text: &str) -> Result<ContainerNumber, IdError> {
        let bytes = compact(text);
        if bytes.len() != 11 {
            return Err(length_error(Self::WHAT, text, "11 (without spaces)"));
        }
        let mut array = [0u8; 11];
        array.copy_from_slice(&bytes);
        ContainerNumber::from_bytes(array)
    }

    /// Checks 11 raw bytes as a container number.
    pub fn from_bytes(bytes: [u8; 11]) -> Result<ContainerNumber, IdError> {
        let text = || String::from_utf8_lossy(&bytes).into_owned();
        for (position, &byte) in bytes.iter().enumerate() {
            let (ok, expected) = match position {
                0..=2 => (byte.is_ascii_uppercase(), "an upper-case letter (the owner code)"),
                3 => (matches!(byte, b'U' | b'J' | b'Z'), "U, J or Z (the equipment category)"),
                _ => (byte.is_ascii_digit(), "a digit"),
            };
            if !ok {
                return Err(char_error(Self::WHAT, &text(), position, expected));
            }
        }
        let computed = iso6346_check_digit(&bytes[..10]).unwrap_or(b'?');
        if computed != bytes[10] {
            return Err(IdError::CheckDigit {
                what: Self::WHAT,
                text: text(),
                found: char::from(bytes[10]),
                computed: char::from(computed),
            });
        }
        Ok(ContainerNumber(bytes))
    }

    /// The 11 bytes.
    pub fn as_bytes(&self) -> &[u8; 11] {
        &self.0
    }
}

/// A 12-digit UIC wagon number (standard gauge): type, country, vehicle type, serial and a
/// Luhn check digit.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UicWagonNumber([u8; 12]);

impl UicWagonNumber {
    const WHAT: &'static str = "UIC wagon number";

    /// Parses and checks a UIC wagon number (spaces and hyphens are ignored).
    pub fn parse(text: &str) -> Result<UicWagonNumber, IdError> {
        let bytes = compact(text);
        if bytes.len() != 12 {
            return Err(length_error(Self::WHAT, text, "12 digits"));
        }
        let mut array = [0u8; 12];
        array.copy_from_slice(&bytes);
        UicWagonNumber::from_bytes(array)
    }

    /// Checks 12 raw bytes as a UIC wagon number.
    pub fn from_bytes(bytes: [u8; 12]) -> Result<UicWagonNumber, IdError> {
        check_digits_luhn(Self::WHAT, &bytes)?;
        Ok(UicWagonNumber(bytes))
    }

    /// The 12 bytes.
    pub fn as_bytes(&self) -> &[u8; 12] {
        &self.0
    }
}

fn check_digits_luhn(what: &'static str, bytes: &[u8]) -> Result<(), IdError> {
    let text = || String::from_utf8_lossy(bytes).into_owned();
    if let Some(position) = bytes.iter().position(|byte| !byte.is_ascii_digit()) {
        return Err(char_error(what, &text(), position, "a digit"));
    }
    let last = bytes.len() - 1;
    let computed = luhn_check_digit(&bytes[..last]);
    if computed != bytes[last] {
        return Err(IdError::CheckDigit {
            what,
            text: text(),
            found: char::from(bytes[last]),
            computed: char::from(computed),
        });
    }
    Ok(())
}

/// An 8-digit wagon number of the 1520 mm (CIS) networks: the first digit is the wagon
/// type, the eighth a control digit.
///
/// The control digit is checked with the same Luhn scheme as UIC numbers (weights 2, 1,
/// 2, ... from the left over seven digits). That scheme is the one commonly described for
/// these numbers, but it was not confirmed against an official source; see ENCODING.md.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Wagon1520Number([u8; 8]);

impl Wagon1520Number {
    const WHAT: &'static str = "1520 mm wagon number";

    /// Parses and checks an 8-digit wagon number (spaces and hyphens are ignored).
    pub fn parse(text: &str) -> Result<Wagon1520Number, IdError> {
        let bytes = compact(text);
        if bytes.len() != 8 {
            return Err(length_error(Self::WHAT, text, "8 digits"));
        }
        let mut array = [0u8; 8];
        array.copy_from_slice(&bytes);
        Wagon1520Number::from_bytes(array)
    }

    /// Checks 8 raw bytes as a 1520 mm wagon number.
    pub fn from_bytes(bytes: [u8; 8]) -> Result<Wagon1520Number, IdError> {
        check_digits_luhn(Self::WHAT, &bytes)?;
        Ok(Wagon1520Number(bytes))
    }

    /// The 8 bytes.
    pub fn as_bytes(&self) -> &[u8; 8] {
        &self.0
    }
}

/// An ISO 3166-1 alpha-2 country code (two upper-case letters). The list of assigned codes
/// is not checked: a corridor may involve any state.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CountryCode(pub(crate) [u8; 2]);

impl CountryCode {
    const WHAT: &'static str = "country code";

    /// Parses a country code.
    pub fn parse(text: &str) -> Result<CountryCode, IdError> {
        let bytes = text.as_bytes();
        if bytes.len() != 2 {
            return Err(length_error(Self::WHAT, text, "2 letters"));
        }
        CountryCode::from_bytes([bytes[0], bytes[1]])
    }

    /// Checks two raw bytes as a country code.
    pub fn from_bytes(bytes: [u8; 2]) -> Result<CountryCode, IdError> {
        if let Some(position) = bytes.iter().position(|byte| !byte.is_ascii_uppercase()) {
            return Err(char_error(
                Self::WHAT,
                &String::from_utf8_lossy(&bytes),
                position,
                "an upper-case letter",
            ));
        }
        Ok(CountryCode(bytes))
    }

    /// The two bytes.
    pub fn as_bytes(&self) -> &[u8; 2] {
        &self.0
    }
}

/// A UN/LOCODE: the country (2 letters) and 3 characters for the place (letters, or
/// digits 2 to 9). Written with or without the space (`AM KJN`, `AMKJN`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnLocode([u8; 5]);

impl UnLocode {
    const WHAT: &'static str = "UN/LOCODE";

    /// Parses a UN/LOCODE.
    pub fn parse(text: &str) -> Result<UnLocode, IdError> {
        let bytes: Vec<u8> = text.bytes().filter(|byte| *byte != b' ').collect();
        if bytes.len() != 5 {
            return Err(length_error(Self::WHAT, text, "5 (without the space)"));
        }
        let mut array = [0u8; 5];
        array.copy_from_slice(&bytes);
        UnLocode::from_bytes(array)
    }

    /// Checks 5 raw bytes as a UN/LOCODE.
    pub fn from_bytes(bytes: [u8; 5]) -> Result<UnLocode, IdError> {
        for (position, &byte) in bytes.iter().enumerate() {
            let ok = if position < 2 {
                byte.is_ascii_uppercase()
            } else {
                byte.is_ascii_uppercase() || (b'2'..=b'9').contains(&byte)
            };
            if !ok {
                let expected = if position < 2 {
                    "an upper-case letter (the country)"
                } else {
                    "an upper-case letter or a digit from 2 to 9"
                };
                return Err(char_error(
                    Self::WHAT,
                    &String::from_utf8_lossy(&bytes),
                    position,
                    expected,
                ));
            }
        }
        Ok(UnLocode(bytes))
    }

    /// The 5 bytes.
    pub fn as_bytes(&self) -> &[u8; 5] {
        &self.0
    }
}

/// The Harmonized System editions Passage knows. A code's meaning depends on its edition
/// (HS 2022 and HS 2028 differ from 1 January 2028), so every code carries one.
pub const HS_EDITIONS: [u16; 6] = [2002, 2007, 2012, 2017, 2022, 2028];

/// An HS code with its edition: 6 digits (the international subheading) to 10 digits
/// (with national subdivisions), written `2022:850440` or `2022:8504.40`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct HsCode {
    edition: u16,
    length: u8,
    digits: [u8; 10],
}

impl HsCode {
    const WHAT: &'static str = "HS code";
    /// Most digits an HS code may have (6 international plus 4 national).
    pub const DIGITS_MAX: usize = 10;

    /// Parses `EDITION:CODE`; dots and spaces inside the code are ignored.
    pub fn parse(text: &str) -> Result<HsCode, IdError> {
        let Some((edition, code)) = text.split_once(':') else {
            return Err(char_error(Self::WHAT, text, 0, "an edition first, as in `2022:850440`"));
        };
        let edition: u16 = edition.trim().parse().map_err(|_| IdError::Unknown {
            what: "HS edition",
            text: edition.to_owned(),
            known: "2002, 2007, 2012, 2017, 2022, 2028",
        })?;
        let digits: Vec<u8> = code.bytes().filter(|byte| *byte != b'.' && *byte != b' ').collect();
        HsCode::new(edition, &digits).map_err(|error| match error {
            IdError::Length { what, found, expected, .. } => {
                IdError::Length { what, text: text.to_owned(), found, expected }
            }
            other => other,
        })
    }

    /// Builds a code from its edition and its digits (ASCII).
    pub fn new(edition: u16, digits: &[u8]) -> Result<HsCode, IdError> {
        let text = || format!("{edition}:{}", String::from_utf8_lossy(digits));
        if !HS_EDITIONS.contains(&edition) {
            return Err(IdError::Unknown {
                what: "HS edition",
                text: edition.to_string(),
                known: "2002, 2007, 2012, 2017, 2022, 2028",
            });
        }
        if !(6..=Self::DIGITS_MAX).contains(&digits.len()) || !digits.len().is_multiple_of(2) {
            return Err(IdError::Length {
                what: Self::WHAT,
                text: text(),
                found: digits.len(),
                expected: "6, 8 or 10 digits",
            });
        }
        if let Some(position) = digits.iter().position(|byte| !byte.is_ascii_digit()) {
            return Err(char_error(Self::WHAT, &text(), position, "a digit"));
        }
        // Chapters run from 01 to 97; 77 is reserved for future use and 98-99 are national.
        let chapter = (digits[0] - b'0') * 10 + (digits[1] - b'0');
        if chapter == 0 || chapter == 77 || chapter > 97 {
            return Err(char_error(Self::WHAT, &text(), 0, "a chapter from 01 to 97 (not 77)"));
        }
        let mut array = [0u8; 10];
        array[..digits.len()].copy_from_slice(digits);
        Ok(HsCode { edition, length: digits.len() as u8, digits: array })
    }

    /// The edition (year).
    pub fn edition(&self) -> u16 {
        self.edition
    }

    /// The digits (6, 8 or 10 ASCII digits).
    pub fn digits(&self) -> &[u8] {
        &self.digits[..usize::from(self.length)]
    }

    /// Whether the code starts with `prefix` (ASCII digits), the way selection rules name
    /// a chapter, heading or subheading.
    pub fn starts_with(&self, prefix: &[u8]) -> bool {
        self.digits().starts_with(prefix)
    }
}

/// ISO 4217 currency codes Passage knows, with the number of minor-unit digits.
/// The list holds the corridor's region and the usual reserve currencies; extend it here.
const CURRENCIES: &[(&str, u8)] = &[
    ("AMD", 2),
    ("AZN", 2),
    ("CHF", 2),
    ("CNY", 2),
    ("EUR", 2),
    ("GBP", 2),
    ("GEL", 2),
    ("IRR", 2),
    ("JPY", 0),
    ("KGS", 2),
    ("KWD", 3),
    ("KZT", 2),
    ("RUB", 2),
    ("TMT", 2),
    ("TRY", 2),
    ("USD", 2),
    ("UZS", 2),
    ("XDR", 0),
];

const CURRENCY_LIST: &str =
    "AMD, AZN, CHF, CNY, EUR, GBP, GEL, IRR, JPY, KGS, KWD, KZT, RUB, TMT, TRY, USD, UZS, XDR";

/// An ISO 4217 currency.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency([u8; 3]);

impl Currency {
    /// Parses a currency code.
    pub fn parse(text: &str) -> Result<Currency, IdError> {
        let bytes = text.as_bytes();
        if bytes.len() != 3 {
            return Err(length_error("currency", text, "3 letters"));
        }
        Currency::from_bytes([bytes[0], bytes[1], bytes[2]])
    }

    /// Checks three raw bytes as a known currency.
    pub fn from_bytes(bytes: [u8; 3]) -> Result<Currency, IdError> {
        if CURRENCIES.iter().any(|(code, _)| code.as_bytes() == bytes) {
            Ok(Currency(bytes))
        } else {
            Err(IdError::Unknown {
                what: "ISO 4217 currency",
                text: String::from_utf8_lossy(&bytes).into_owned(),
                known: CURRENCY_LIST,
            })
        }
    }

    /// Digits after the decimal point in this currency (2 for AMD: 1 AMD = 100 luma).
    pub fn minor_digits(&self) -> u8 {
        CURRENCIES
            .iter()
            .find(|(code, _)| code.as_bytes() == self.0)
            .map_or(2, |(_, digits)| *digits)
    }

    /// The three bytes.
    pub fn as_bytes(&self) -> &[u8; 3] {
        &self.0
    }
}

/// An amount of money in minor units (luma, qəpik, cents). Money is never floating point.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AmountMinor(pub i64);

impl AmountMinor {
    /// Zero.
    pub const ZERO: AmountMinor = AmountMinor(0);

    /// Sum, or `None` on overflow.
    pub fn checked_add(self, other: AmountMinor) -> Option<AmountMinor> {
        self.0.checked_add(other.0).map(AmountMinor)
    }

    /// Difference, or `None` on overflow.
    pub fn checked_sub(self, other: AmountMinor) -> Option<AmountMinor> {
        self.0.checked_sub(other.0).map(AmountMinor)
    }

    /// The amount written in `currency`'s major units, as `1234.50 AMD`.
    pub fn display(self, currency: Currency) -> String {
        let digits = u32::from(currency.minor_digits());
        let sign = if self.0 < 0 { "-" } else { "" };
        let magnitude = self.0.unsigned_abs();
        if digits == 0 {
            return format!("{sign}{magnitude} {currency}");
        }
        let scale = 10u64.pow(digits);
        format!(
            "{sign}{}.{:0width$} {currency}",
            magnitude / scale,
            magnitude % scale,
            width = digits as usize
        )
    }
}

/// Most bytes in an [`Ident`].
pub const IDENT_LEN_MAX: usize = 32;

/// Which bytes an [`Ident`] may hold, as a table: identifiers are checked on every decode,
/// so the check is one lookup per byte.
const IDENT_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        let b = byte as u8;
        table[byte] = b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':' | b'/');
        byte += 1;
    }
    table
};

/// A short identifier chosen in a charter or corridor file: parties (`AM`), posts
/// (`AM-AGARAK-X`), routes, carriers, accounts, seals, plates. 1 to 32 characters from
/// `A-Z a-z 0-9 - _ . : /`, held inline so it costs no allocation.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Ident {
    length: u8,
    bytes: [u8; IDENT_LEN_MAX],
}

impl Ident {
    /// Parses an identifier.
    pub fn parse(text: &str) -> Result<Ident, IdError> {
        Ident::from_bytes(text.as_bytes())
    }

    /// Checks raw bytes as an identifier.
    pub fn from_bytes(bytes: &[u8]) -> Result<Ident, IdError> {
        if bytes.is_empty() || bytes.len() > IDENT_LEN_MAX {
            return Err(IdError::Length {
                what: "identifier",
                text: String::from_utf8_lossy(bytes).into_owned(),
                found: bytes.len(),
                expected: "1 to 32",
            });
        }
        if let Some(position) = bytes.iter().position(|byte| !IDENT_BYTES[usize::from(*byte)]) {
            return Err(char_error(
                "identifier",
                &String::from_utf8_lossy(bytes),
                position,
                "a letter, a digit or one of - _ . : /",
            ));
        }
        let mut array = [0u8; IDENT_LEN_MAX];
        array[..bytes.len()].copy_from_slice(bytes);
        Ok(Ident { length: bytes.len() as u8, bytes: array })
    }

    /// The identifier's bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..usize::from(self.length)]
    }

    /// The identifier as text.
    pub fn as_str(&self) -> &str {
        ascii_str(self.as_bytes())
    }
}

macro_rules! text_display {
    ($($type:ty => |$value:ident| $body:expr;)*) => {$(
        impl fmt::Display for $type {
            fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                let $value = self;
                fmt::Display::fmt(&$body, formatter)
            }
        }
        impl fmt::Debug for $type {
            fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(self, formatter)
            }
        }
    )*};
}

text_display! {
    Mrn => |mrn| ascii_str(&mrn.0);
    ContainerNumber => |number| ascii_str(&number.0);
    UicWagonNumber => |number| ascii_str(&number.0);
    Wagon1520Number => |number| ascii_str(&number.0);
    CountryCode => |country| ascii_str(&country.0);
    UnLocode => |code| ascii_str(&code.0);
    HsCode => |code| format!("{}:{}", code.edition, ascii_str(code.digits()));
    Currency => |currency| ascii_str(&currency.0);
    Ident => |ident| ident.as_str();
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::{Expect, expect};

    fn check(result: Result<String, IdError>, expect: Expect) {
        let rendered = match result {
            Ok(text) => format!("ok {text}"),
            Err(error) => format!("error: {error}"),
        };
        expect.assert_eq(&rendered);
    }

    #[test]
    fn iso6346_vectors_from_the_context_file() {
        assert_eq!(iso6346_check_digit(b"CSQU305438"), Some(b'3'));
        assert_eq!(iso6346_check_digit(b"ZEPU003725"), Some(b'5'));
        assert_eq!(iso6346_check_digit(b"22ITZXBZYUTJFLJXK"), Some(b'6'));
        assert_eq!(iso6346_check_digit(b"22DK1V0QQK2S6J7TU"), Some(b'1'));
        assert_eq!(iso6346_check_digit(b"csq"), None);
    }

    #[test]
    fn uic_vectors_from_the_context_file() {
        assert_eq!(luhn_check_digit(b"21812471217"), b'3');
        assert_eq!(luhn_check_digit(b"51800843001"), b'0');
    }

    #[test]
    fn parse_identifiers() {
        let mrn = |text: &str| Mrn::parse(text).map(|mrn| mrn.to_string());
        check(mrn("22ITZXBZYUTJFLJXK6"), expect!["ok 22ITZXBZYUTJFLJXK6"]);
        check(mrn("22DK1V0QQK2S6J7TU1"), expect!["ok 22DK1V0QQK2S6J7TU1"]);
        check(
            mrn("22ITZXBZYUTJFLJXK7"),
            expect![
                "error: MRN `22ITZXBZYUTJFLJXK7` has check character 7, but its other characters give 6"
            ],
        );
        check(
            mrn("2AITZXBZYUTJFLJXK6"),
            expect!["error: MRN `2AITZXBZYUTJFLJXK6`: character 2 must be a digit (the year)"],
        );
        check(mrn("22IT"), expect!["error: MRN `22IT` has 4 characters; it must have 18"]);
        check(
            mrn("22itZXBZYUTJFLJXK6"),
            expect![
                "error: MRN `22itZXBZYUTJFLJXK6`: character 3 must be an upper-case letter (the country)"
            ],
        );

        let container = |text: &str| ContainerNumber::parse(text).map(|c| c.to_string());
        check(container("CSQU3054383"), expect!["ok CSQU3054383"]);
        check(container("ZEPU 003725 5"), expect!["ok ZEPU0037255"]);
        check(
            container("CSQU3054384"),
            expect![
                "error: container number `CSQU3054384` has check character 4, but its other characters give 3"
            ],
        );
        check(
            container("CSQX3054383"),
            expect![
                "error: container number `CSQX3054383`: character 4 must be U, J or Z (the equipment category)"
            ],
        );

        let uic = |text: &str| UicWagonNumber::parse(text).map(|w| w.to_string());
        check(uic("21 81 2471 217-3"), expect!["ok 218124712173"]);
        check(uic("51 80 0843 001-0"), expect!["ok 518008430010"]);
        check(
            uic("51 80 0843 001-1"),
            expect![
                "error: UIC wagon number `518008430011` has check character 1, but its other characters give 0"
            ],
        );

        let wagon = |text: &str| Wagon1520Number::parse(text).map(|w| w.to_string());
        check(wagon("4234567-8"), expect!["ok 42345678"]);
        check(
            wagon("42345672"),
            expect![
                "error: 1520 mm wagon number `42345672` has check character 2, but its other characters give 8"
            ],
        );

        let locode = |text: &str| UnLocode::parse(text).map(|c| c.to_string());
        check(locode("AZ DJU"), expect!["ok AZDJU"]);
        check(locode("AM KJN"), expect!["ok AMKJN"]);
        check(
            locode("AZ NA1"),
            expect![
                "error: UN/LOCODE `AZNA1`: character 5 must be an upper-case letter or a digit from 2 to 9"
            ],
        );

        let hs = |text: &str| HsCode::parse(text).map(|c| c.to_string());
        check(hs("2022:8504.40"), expect!["ok 2022:850440"]);
        check(hs("2028:85044090"), expect!["ok 2028:85044090"]);
        check(
            hs("2023:850440"),
            expect![
                "error: HS edition `2023` is not known; known values: 2002, 2007, 2012, 2017, 2022, 2028"
            ],
        );
        check(
            hs("2022:7701"),
            expect!["error: HS code `2022:7701` has 4 characters; it must have 6, 8 or 10 digits"],
        );
        check(
            hs("2022:770100"),
            expect![
                "error: HS code `2022:770100`: character 1 must be a chapter from 01 to 97 (not 77)"
            ],
        );
        check(
            hs("850440"),
            expect![
                "error: HS code `850440`: character 1 must be an edition first, as in `2022:850440`"
            ],
        );

        let currency = |text: &str| Currency::parse(text).map(|c| c.to_string());
        check(currency("AMD"), expect!["ok AMD"]);
        check(
            currency("XYZ"),
            expect![
                "error: ISO 4217 currency `XYZ` is not known; known values: AMD, AZN, CHF, CNY, EUR, GBP, GEL, IRR, JPY, KGS, KWD, KZT, RUB, TMT, TRY, USD, UZS, XDR"
            ],
        );
    }

    #[test]
    fn allocated_mrns_check() {
        let country = CountryCode::parse("AM").expect("valid country");
        let mrn = Mrn::allocate(2026, country, 42);
        expect!["26AM000000000042J4"].assert_eq(&mrn.to_string());
        assert_eq!(Mrn::parse(&mrn.to_string()), Ok(mrn));
    }

    #[test]
    fn money_renders_in_major_units() {
        let amd = Currency::parse("AMD").expect("known");
        let jpy = Currency::parse("JPY").expect("known");
        expect!["1234.05 AMD"].assert_eq(&AmountMinor(123_405).display(amd));
        expect!["-0.50 AMD"].assert_eq(&AmountMinor(-50).display(amd));
        expect!["700 JPY"].assert_eq(&AmountMinor(700).display(jpy));
    }
}
