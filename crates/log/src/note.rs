//! c2sp.org/signed-note with Ed25519: verifier keys (vkeys) and signer keys (skeys), key ids,
//! signing, and opening a note under the spec's verifier rules. Cosignatures (type 0x04,
//! c2sp.org/tlog-cosignature) are signed-note signatures too and live here.
//!
//! Parsing and the verifier rules come from the `signed_note` crate: it ignores signatures from
//! unknown keys, rejects a note whose known key fails, requires one known key and accepts up
//! to 100 signatures (the spec asks for at least 16). This module adds the key types it lacks.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use ed25519_dalek::{Signer as _, SigningKey as DalekSigningKey, VerifyingKey};
use rand_core::CryptoRngCore;
use sha2::{Digest as _, Sha256};

/// Largest note we open (the `signed_note` crate's limit).
pub const NOTE_BYTES_MAX: usize = 1_000_000;
/// Most signature lines a note may carry (the `signed_note` crate's limit; the spec asks
/// verifiers to accept at least 16).
pub const NOTE_SIGNATURES_MAX: usize = 100;
/// Longest vkey or skey text we read: a 255-byte name plus id and base64 key fit easily.
pub const KEY_TEXT_BYTES_MAX: usize = 512;
/// Largest timestamp a cosignature may carry (c2sp.org/tlog-cosignature: at most 2^63 − 1).
pub const COSIGNATURE_TIME_MAX: u64 = i64::MAX as u64;

/// The signature type of a key, the first byte of its encoded public key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyType {
    /// 0x01: Ed25519 over the note text. Logs sign checkpoints with it.
    Ed25519,
    /// 0x04: timestamped Ed25519 over `cosignature/v1\ntime <t>\n` and the checkpoint.
    /// Witnesses cosign with it.
    CosignatureV1,
}

impl KeyType {
    /// The signature type byte.
    pub fn byte(self) -> u8 {
        match self {
            KeyType::Ed25519 => 0x01,
            KeyType::CosignatureV1 => 0x04,
        }
    }

    fn from_byte(byte: u8) -> Option<KeyType> {
        match byte {
            0x01 => Some(KeyType::Ed25519),
            0x04 => Some(KeyType::CosignatureV1),
            _ => None,
        }
    }
}

/// Why a vkey or skey could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    /// The text is longer than any key.
    #[error("a key is at most {KEY_TEXT_BYTES_MAX} bytes of text")]
    TooLong,
    /// The text does not have the form `<name>+<id>+<key>` (or `PRIVATE+KEY+...`).
    #[error("a vkey is `<name>+<8 hex digits>+<base64 key>`; an skey starts with `PRIVATE+KEY+`")]
    Fields,
    /// The name is empty or holds a space or a `+`.
    #[error("a key name is non-empty and holds no spaces and no `+`")]
    Name,
    /// The key id is not eight lowercase hex digits.
    #[error("a key id is 8 lowercase hex digits")]
    KeyIdText,
    /// The key is not standard base64.
    #[error("the key is not standard base64")]
    Base64,
    /// The signature type byte is not one Passage knows.
    #[error("signature type {0:#04x} is not supported (only 0x01 Ed25519 and 0x04 cosignature/v1)")]
    UnknownType(u8),
    /// The key bytes are not 32 long.
    #[error("an Ed25519 key is 32 bytes, found {0}")]
    KeyLength(usize),
    /// The bytes are not a valid Ed25519 public key.
    #[error("the bytes are not a valid Ed25519 public key")]
    PublicKey,
    /// The stated key id is not the one the name and key imply.
    #[error("the key id {stated:08x} does not match the name and key ({computed:08x})")]
    KeyIdMismatch {
        /// The id written in the key.
        stated: u32,
        /// The id computed from name and key.
        computed: u32,
    },
}

/// Whether a key name is valid: non-empty, no Unicode white space, no `+`.
pub fn is_valid_key_name(name: &str) -> bool {
    !name.is_empty() && !name.chars().any(char::is_whitespace) && !name.contains('+')
}

/// The key id: the first four bytes of `SHA-256(name || "\n" || type || public key)`.
pub fn key_id(name: &str, key_type: KeyType, public_key: &VerifyingKey) -> u32 {
    let mut hasher = Sha256::new();
    hasher.update(name.as_bytes());
    hasher.update(b"\n");
    hasher.update([key_type.byte()]);
    hasher.update(public_key.as_bytes());
    let digest = hasher.finalize();
    u32::from_be_bytes([digest[0], digest[1], digest[2], digest[3]])
}

/// A verifier key: a name, a key id, a signature type and an Ed25519 public key.
#[derive(Clone, PartialEq, Eq)]
pub struct VerifierKey {
    name: String,
    key_id: u32,
    key_type: KeyType,
    public_key: VerifyingKey,
}

impl VerifierKey {
    /// A verifier key for `public_key` under `name`.
    pub fn new(
        name: &str,
        key_type: KeyType,
        public_key: VerifyingKey,
    ) -> Result<VerifierKey, KeyError> {
        if !is_valid_key_name(name) {
            return Err(KeyError::Name);
        }
        let key_id = key_id(name, key_type, &public_key);
        Ok(VerifierKey { name: name.to_owned(), key_id, key_type, public_key })
    }

    /// Reads the vkey text form `<name>+<hex id>+<base64(type || key)>`.
    pub fn parse(text: &str) -> Result<VerifierKey, KeyError> {
        if text.len() > KEY_TEXT_BYTES_MAX {
            return Err(KeyError::TooLong);
        }
        // The base64 key may itself hold `+`, so only the first two `+` separate fields.
        let mut fields = text.splitn(3, '+');
        let (Some(name), Some(id_text), Some(key_text)) =
            (fields.next(), fields.next(), fields.next())
        else {
            return Err(KeyError::Fields);
        };
        let stated = parse_key_id(id_text)?;
        let (key_type, key_bytes) = decode_typed_key(key_text)?;
        let public_key = VerifyingKey::from_bytes(&key_bytes).map_err(|_| KeyError::PublicKey)?;
        let key = VerifierKey::new(name, key_type, public_key)?;
        if key.key_id != stated {
            return Err(KeyError::KeyIdMismatch { stated, computed: key.key_id });
        }
        Ok(key)
    }

    /// The key name (for a log key, the checkpoint origin).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The key id.
    pub fn key_id(&self) -> u32 {
        self.key_id
    }

    /// The signature type.
    pub fn key_type(&self) -> KeyType {
        self.key_type
    }

    /// The Ed25519 public key.
    pub fn public_key(&self) -> &VerifyingKey {
        &self.public_key
    }

    /// Whether `signature` (without the four-byte key id) is valid for `text` under this key.
    pub fn verify_signature(&self, text: &[u8], signature: &[u8]) -> bool {
        match self.key_type {
            KeyType::Ed25519 => {
                let Ok(bytes) = <[u8; 64]>::try_from(signature) else { return false };
                let signature = ed25519_dalek::Signature::from_bytes(&bytes);
                self.public_key.verify_strict(text, &signature).is_ok()
            }
            KeyType::CosignatureV1 => {
                let Some((timestamp, bytes)) = split_cosignature(signature) else { return false };
                let signature = ed25519_dalek::Signature::from_bytes(&bytes);
                let message = cosignature_message(text, timestamp);
                self.public_key.verify_strict(&message, &signature).is_ok()
            }
        }
    }
}

impl fmt::Display for VerifierKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut typed = Vec::with_capacity(33);
        typed.push(self.key_type.byte());
        typed.extend_from_slice(self.public_key.as_bytes());
        write!(f, "{}+{:08x}+{}", self.name, self.key_id, BASE64.encode(typed))
    }
}

impl fmt::Debug for VerifierKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "VerifierKey({self})")
    }
}

impl std::str::FromStr for VerifierKey {
    type Err = KeyError;
    fn from_str(text: &str) -> Result<Self, KeyError> {
        VerifierKey::parse(text)
    }
}

impl signed_note::Verifier for VerifierKey {
    fn name(&self) -> &str {
        &self.name
    }
    fn key_id(&self) -> u32 {
        self.key_id
    }
    fn verify(&self, message: &[u8], signature: &[u8]) -> bool {
        self.verify_signature(message, signature)
    }
}

fn parse_key_id(text: &str) -> Result<u32, KeyError> {
    if text.len() != 8 || !text.bytes().all(|byte| matches!(byte, b'0'..=b'9' | b'a'..=b'f')) {
        return Err(KeyError::KeyIdText);
    }
    u32::from_str_radix(text, 16).map_err(|_| KeyError::KeyIdText)
}

fn decode_typed_key(text: &str) -> Result<(KeyType, [u8; 32]), KeyError> {
    let bytes = BASE64.decode(text).map_err(|_| KeyError::Base64)?;
    let (&type_byte, key) = bytes.split_first().ok_or(KeyError::KeyLength(0))?;
    let key_type = KeyType::from_byte(type_byte).ok_or(KeyError::UnknownType(type_byte))?;
    let key = <[u8; 32]>::try_from(key).map_err(|_| KeyError::KeyLength(key.len()))?;
    Ok((key_type, key))
}

/// Splits a cosignature into its timestamp and Ed25519 signature.
fn split_cosignature(signature: &[u8]) -> Option<(u64, [u8; 64])> {
    if signature.len() != 8 + 64 {
        return None;
    }
    let timestamp = u64::from_be_bytes(signature[..8].try_into().ok()?);
    if timestamp > COSIGNATURE_TIME_MAX {
        return None;
    }
    Some((timestamp, signature[8..].try_into().ok()?))
}

/// The message a `cosignature/v1` signs: a header, the time, then the checkpoint text.
fn cosignature_message(text: &[u8], timestamp: u64) -> Vec<u8> {
    let mut message = format!("cosignature/v1\ntime {timestamp}\n").into_bytes();
    message.extend_from_slice(text);
    message
}

/// A signing key with its name and type. Its `Debug` form never shows the secret.
#[derive(Clone)]
pub struct SigningKey {
    name: String,
    key_type: KeyType,
    secret: DalekSigningKey,
}

/// Why a signature could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignError {
    /// The key has the wrong type for this kind of signature.
    #[error("this signature needs a key of type {needed:?}, the key is {found:?}")]
    WrongKeyType {
        /// The type the signature needs.
        needed: KeyType,
        /// The key's type.
        found: KeyType,
    },
    /// The text is not a valid note text.
    #[error("invalid note text: {0}")]
    Text(#[from] NoteError),
    /// The cosignature time is above 2^63 − 1.
    #[error("a cosignature time is at most 2^63 - 1 seconds")]
    Time,
}

impl SigningKey {
    /// A new key from `rng`.
    pub fn generate<R: CryptoRngCore + ?Sized>(
        rng: &mut R,
        name: &str,
        key_type: KeyType,
    ) -> Result<SigningKey, KeyError> {
        if !is_valid_key_name(name) {
            return Err(KeyError::Name);
        }
        Ok(SigningKey { name: name.to_owned(), key_type, secret: DalekSigningKey::generate(rng) })
    }

    /// A key from a 32-byte Ed25519 seed (for deterministic simulations and tests; real keys
    /// come from [`SigningKey::generate`]).
    pub fn from_seed(
        name: &str,
        key_type: KeyType,
        seed: [u8; 32],
    ) -> Result<SigningKey, KeyError> {
        if !is_valid_key_name(name) {
            return Err(KeyError::Name);
        }
        Ok(SigningKey {
            name: name.to_owned(),
            key_type,
            secret: DalekSigningKey::from_bytes(&seed),
        })
    }

    /// Reads the skey text form `PRIVATE+KEY+<name>+<hex id>+<base64(type || seed)>`.
    pub fn parse(text: &str) -> Result<SigningKey, KeyError> {
        if text.len() > KEY_TEXT_BYTES_MAX {
            return Err(KeyError::TooLong);
        }
        let rest = text.strip_prefix("PRIVATE+KEY+").ok_or(KeyError::Fields)?;
        // The base64 key may itself hold `+`, so only the first two `+` separate fields.
        let mut fields = rest.splitn(3, '+');
        let (Some(name), Some(id_text), Some(key_text)) =
            (fields.next(), fields.next(), fields.next())
        else {
            return Err(KeyError::Fields);
        };
        let stated = parse_key_id(id_text)?;
        let (key_type, seed) = decode_typed_key(key_text)?;
        if !is_valid_key_name(name) {
            return Err(KeyError::Name);
        }
        let key = SigningKey {
            name: name.to_owned(),
            key_type,
            secret: DalekSigningKey::from_bytes(&seed),
        };
        let computed = key.verifier_key().key_id;
        if computed != stated {
            return Err(KeyError::KeyIdMismatch { stated, computed });
        }
        Ok(key)
    }

    /// The skey text form. It is a secret: store it with owner-only permissions.
    pub fn to_skey(&self) -> String {
        let mut typed = Vec::with_capacity(33);
        typed.push(self.key_type.byte());
        typed.extend_from_slice(self.secret.as_bytes());
        format!(
            "PRIVATE+KEY+{}+{:08x}+{}",
            self.name,
            self.verifier_key().key_id,
            BASE64.encode(typed)
        )
    }

    /// The matching verifier key.
    pub fn verifier_key(&self) -> VerifierKey {
        let public_key = self.secret.verifying_key();
        let key_id = key_id(&self.name, self.key_type, &public_key);
        VerifierKey { name: self.name.clone(), key_id, key_type: self.key_type, public_key }
    }

    /// The key name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Signs a note text with an Ed25519 (0x01) key and returns the whole signed note.
    pub fn sign_note(&self, text: &str) -> Result<String, SignError> {
        if self.key_type != KeyType::Ed25519 {
            return Err(SignError::WrongKeyType { needed: KeyType::Ed25519, found: self.key_type });
        }
        check_note_text(text.as_bytes())?;
        let signature = self.secret.sign(text.as_bytes()).to_bytes();
        Ok(format!("{text}\n{}", self.signature_line(&signature)))
    }

    /// Cosigns a checkpoint text with a `cosignature/v1` (0x04) key at `timestamp` (seconds
    /// since the Unix epoch) and returns the signature line to append to the note.
    pub fn cosign(&self, checkpoint_text: &str, timestamp: u64) -> Result<String, SignError> {
        if self.key_type != KeyType::CosignatureV1 {
            return Err(SignError::WrongKeyType {
                needed: KeyType::CosignatureV1,
                found: self.key_type,
            });
        }
        if timestamp > COSIGNATURE_TIME_MAX {
            return Err(SignError::Time);
        }
        check_note_text(checkpoint_text.as_bytes())?;
        let message = cosignature_message(checkpoint_text.as_bytes(), timestamp);
        let signature = self.secret.sign(&message).to_bytes();
        let mut timestamped = timestamp.to_be_bytes().to_vec();
        timestamped.extend_from_slice(&signature);
        Ok(self.signature_line(&timestamped))
    }

    fn signature_line(&self, signature: &[u8]) -> String {
        let mut bytes = self.verifier_key().key_id.to_be_bytes().to_vec();
        bytes.extend_from_slice(signature);
        format!("— {} {}\n", self.name, BASE64.encode(bytes))
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SigningKey({}, secret hidden)", self.verifier_key())
    }
}

/// Why a note could not be opened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NoteError {
    /// The note is larger than [`NOTE_BYTES_MAX`].
    #[error("a note is at most {NOTE_BYTES_MAX} bytes")]
    TooLarge,
    /// The note is not UTF-8.
    #[error("a note is UTF-8 text")]
    NotUtf8,
    /// A control character other than newline.
    #[error("a note holds no control characters other than newline (found one at byte {offset})")]
    ControlCharacter {
        /// Byte offset of the character.
        offset: usize,
    },
    /// No blank line separates the text from the signatures, or the note does not end in a
    /// newline.
    #[error(
        "a note is text ending in a newline, a blank line, then signature lines each ending in a newline"
    )]
    NoSignatureBlock,
    /// A signature line is not `— <name> <base64 of key id and signature>`.
    #[error(
        "signature line {line} is not `— <name> <base64>` with a valid name and at least 5 bytes"
    )]
    SignatureLine {
        /// 1-based position among the signature lines.
        line: usize,
    },
    /// More signature lines than [`NOTE_SIGNATURES_MAX`].
    #[error("a note carries at most {NOTE_SIGNATURES_MAX} signatures")]
    TooManySignatures,
    /// The note is not well formed in some other way.
    #[error("malformed note")]
    Malformed,
    /// A signature from a known key does not verify: the whole note is rejected.
    #[error("the signature of known key {name}+{key_id:08x} does not verify")]
    InvalidSignature {
        /// The key name.
        name: String,
        /// The key id.
        key_id: u32,
    },
    /// No known key signed the note.
    #[error("no known key signed the note")]
    NoKnownSignature,
    /// Two known keys share a name and key id.
    #[error("two known keys share the name and id {name}+{key_id:08x}")]
    AmbiguousKey {
        /// The key name.
        name: String,
        /// The key id.
        key_id: u32,
    },
}

fn map_note_error(error: signed_note::NoteError) -> NoteError {
    use signed_note::{NoteError as E, VerificationError as V};
    match error {
        E::InvalidSignature { name, id } => NoteError::InvalidSignature { name, key_id: id },
        E::UnverifiedNote => NoteError::NoKnownSignature,
        E::VerificationError(V::AmbiguousKey { name, id }) => {
            NoteError::AmbiguousKey { name, key_id: id }
        }
        _ => NoteError::Malformed,
    }
}

/// Says what is wrong with a note the `signed_note` crate refused as malformed.
pub(crate) fn diagnose_malformed(note: &[u8]) -> NoteError {
    let Ok(text) = std::str::from_utf8(note) else { return NoteError::NotUtf8 };
    if let Some(offset) = text.bytes().position(|byte| byte < 0x20 && byte != b'\n') {
        return NoteError::ControlCharacter { offset };
    }
    let Some((_, signatures)) = text.rsplit_once("\n\n") else {
        return NoteError::NoSignatureBlock;
    };
    let Some(signatures) = signatures.strip_suffix('\n') else {
        return NoteError::NoSignatureBlock;
    };
    let lines: Vec<&str> = signatures.split('\n').collect();
    for (position, line) in lines.iter().enumerate() {
        if signed_note::Signature::from_bytes(line.as_bytes()).is_err() {
            return NoteError::SignatureLine { line: position + 1 };
        }
    }
    if lines.len() > NOTE_SIGNATURES_MAX {
        return NoteError::TooManySignatures;
    }
    NoteError::Malformed
}

fn check_note_text(text: &[u8]) -> Result<(), NoteError> {
    if text.len() > NOTE_BYTES_MAX {
        return Err(NoteError::TooLarge);
    }
    signed_note::Note::new(text, &[]).map(|_| ()).map_err(map_note_error)
}

/// A signature that verified with a known key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifiedSignature {
    /// The key that made it.
    pub key: VerifierKey,
    /// For a cosignature, the time it states (seconds since the Unix epoch).
    pub timestamp: Option<u64>,
}

/// A note whose signatures were checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenedNote {
    /// The note text (ending in a newline).
    pub text: String,
    /// Signatures from known keys, all valid.
    pub verified: Vec<VerifiedSignature>,
    /// How many signatures came from unknown keys (ignored, as the spec says).
    pub unknown_signatures: usize,
}

/// Opens a signed note under the signed-note verifier rules: signatures from unknown keys are
/// ignored, a known key whose signature fails rejects the note, at least one known key must
/// have signed.
pub fn open_note(note: &[u8], known: &[VerifierKey]) -> Result<OpenedNote, NoteError> {
    if note.len() > NOTE_BYTES_MAX {
        return Err(NoteError::TooLarge);
    }
    let parsed = signed_note::Note::from_bytes(note).map_err(|_| diagnose_malformed(note))?;
    let list = signed_note::VerifierList::new(
        known.iter().map(|key| Box::new(key.clone()) as Box<dyn signed_note::Verifier>).collect(),
    );
    let (verified, unknown) = parsed.verify(&list).map_err(map_note_error)?;
    let verified = verified
        .iter()
        .filter_map(|signature| {
            let key = known
                .iter()
                .find(|key| key.name() == signature.name() && key.key_id() == signature.id())?;
            let timestamp = match key.key_type() {
                KeyType::Ed25519 => None,
                KeyType::CosignatureV1 => {
                    split_cosignature(signature.signature()).map(|(time, _)| time)
                }
            };
            Some(VerifiedSignature { key: key.clone(), timestamp })
        })
        .collect();
    let text = String::from_utf8(parsed.text().to_vec()).map_err(|_| NoteError::Malformed)?;
    Ok(OpenedNote { text, verified, unknown_signatures: unknown.len() })
}

/// Appends a cosignature line to a signed note (a checkpoint), after checking the note is
/// well formed.
pub fn add_cosignature(
    note: &str,
    cosigner: &SigningKey,
    timestamp: u64,
) -> Result<String, SignError> {
    if note.len() > NOTE_BYTES_MAX {
        return Err(SignError::Text(NoteError::TooLarge));
    }
    let parsed = signed_note::Note::from_bytes(note.as_bytes())
        .map_err(|_| diagnose_malformed(note.as_bytes()))?;
    let text = std::str::from_utf8(parsed.text()).map_err(|_| NoteError::Malformed)?;
    let line = cosigner.cosign(text, timestamp)?;
    Ok(format!("{note}{line}"))
}
