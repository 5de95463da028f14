//! c2sp.org/tlog-checkpoint: the log's tree head (origin, size, root), its text form, and
//! opening a signed checkpoint with the log's key and witnesses' keys.

use crate::hash::{Hash, HashParseError};
use crate::note::{
    KeyType, NOTE_BYTES_MAX, NoteError, OpenedNote, SignError, SigningKey, VerifiedSignature,
    VerifierKey, open_note,
};

/// Largest checkpoint text we read; real ones are about 100 bytes.
pub const CHECKPOINT_TEXT_BYTES_MAX: usize = 64 * 1024;

/// A checkpoint: the log's identity, its size and its root.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checkpoint {
    /// The log's origin (its unique identity, by convention a schema-less URL).
    pub origin: String,
    /// Entries in the tree.
    pub size: u64,
    /// RFC 6962 root of the tree.
    pub root: Hash,
    /// Extension lines (opaque, not recommended); each non-empty.
    pub extensions: Vec<String>,
}

/// Why a checkpoint could not be read or opened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CheckpointError {
    /// The text is larger than [`CHECKPOINT_TEXT_BYTES_MAX`].
    #[error("a checkpoint is at most {CHECKPOINT_TEXT_BYTES_MAX} bytes")]
    TooLarge,
    /// The text is not UTF-8.
    #[error("a checkpoint is UTF-8 text")]
    NotUtf8,
    /// The text does not end in a newline.
    #[error("a checkpoint ends in a newline")]
    NoFinalNewline,
    /// A required line (origin, size, root) is missing or empty.
    #[error("a checkpoint has a non-empty origin, size and root line")]
    MissingLine,
    /// The size is not a decimal number without leading zeros.
    #[error("the tree size is a decimal number without leading zeros")]
    Size,
    /// The root is not a base64 SHA-256 hash.
    #[error("the root: {0}")]
    Root(HashParseError),
    /// An extension line is empty.
    #[error("a checkpoint's extension lines are non-empty")]
    EmptyExtension,
    /// The note around the checkpoint is malformed or badly signed.
    #[error(transparent)]
    Note(#[from] NoteError),
    /// The log key's name is not the checkpoint's origin.
    #[error("the checkpoint's origin `{origin}` is not the log key's name `{key_name}`")]
    OriginMismatch {
        /// The checkpoint's origin.
        origin: String,
        /// The key name.
        key_name: String,
    },
    /// The log's key did not sign the checkpoint.
    #[error("the log's key did not sign the checkpoint")]
    NotSignedByLog,
    /// The log key is not an Ed25519 (0x01) key.
    #[error("a log key has signature type 0x01 (Ed25519)")]
    LogKeyType,
}

impl Checkpoint {
    /// Reads a checkpoint text (the body of the signed note).
    pub fn parse(text: &[u8]) -> Result<Checkpoint, CheckpointError> {
        if text.len() > CHECKPOINT_TEXT_BYTES_MAX {
            return Err(CheckpointError::TooLarge);
        }
        let text = std::str::from_utf8(text).map_err(|_| CheckpointError::NotUtf8)?;
        let body = text.strip_suffix('\n').ok_or(CheckpointError::NoFinalNewline)?;
        let mut lines = body.split('\n');
        let origin = lines.next().filter(|line| !line.is_empty());
        let size = lines.next().filter(|line| !line.is_empty());
        let root = lines.next().filter(|line| !line.is_empty());
        let (Some(origin), Some(size), Some(root)) = (origin, size, root) else {
            return Err(CheckpointError::MissingLine);
        };
        let size = parse_size(size)?;
        let root = Hash::from_base64(root).map_err(CheckpointError::Root)?;
        let mut extensions = Vec::new();
        for line in lines {
            if line.is_empty() {
                return Err(CheckpointError::EmptyExtension);
            }
            extensions.push(line.to_owned());
        }
        Ok(Checkpoint { origin: origin.to_owned(), size, root, extensions })
    }

    /// The checkpoint text: origin, size, root and extension lines, each ending in a newline.
    pub fn to_text(&self) -> String {
        let mut text = format!("{}\n{}\n{}\n", self.origin, self.size, self.root);
        for line in &self.extensions {
            text.push_str(line);
            text.push('\n');
        }
        text
    }

    /// Signs the checkpoint with the log's Ed25519 key and returns the signed note.
    pub fn sign(&self, log_key: &SigningKey) -> Result<String, SignError> {
        log_key.sign_note(&self.to_text())
    }
}

fn parse_size(text: &str) -> Result<u64, CheckpointError> {
    if !text.bytes().all(|byte| byte.is_ascii_digit()) || (text.len() > 1 && text.starts_with('0'))
    {
        return Err(CheckpointError::Size);
    }
    text.parse().map_err(|_| CheckpointError::Size)
}

/// A checkpoint whose log signature verified, with the cosignatures that verified.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedCheckpoint {
    /// The checkpoint.
    pub checkpoint: Checkpoint,
    /// Valid cosignatures from the witness keys given.
    pub cosignatures: Vec<VerifiedSignature>,
}

/// Opens a signed checkpoint: the log's key must have signed it and be named as its origin;
/// cosignatures from the given witness keys are checked (a failing one rejects the note) and
/// returned; signatures from other keys are ignored.
pub fn open_checkpoint(
    note: &[u8],
    log_key: &VerifierKey,
    witness_keys: &[VerifierKey],
) -> Result<SignedCheckpoint, CheckpointError> {
    if log_key.key_type() != KeyType::Ed25519 {
        return Err(CheckpointError::LogKeyType);
    }
    if note.len() > NOTE_BYTES_MAX {
        return Err(CheckpointError::TooLarge);
    }
    let mut known = Vec::with_capacity(1 + witness_keys.len());
    known.push(log_key.clone());
    known.extend(witness_keys.iter().cloned());
    let OpenedNote { text, verified, .. } = open_note(note, &known)?;
    let checkpoint = Checkpoint::parse(text.as_bytes())?;
    if checkpoint.origin != log_key.name() {
        return Err(CheckpointError::OriginMismatch {
            origin: checkpoint.origin,
            key_name: log_key.name().to_owned(),
        });
    }
    let mut signed_by_log = false;
    let mut cosignatures = Vec::new();
    for signature in verified {
        if signature.key == *log_key {
            signed_by_log = true;
        } else {
            cosignatures.push(signature);
        }
    }
    if !signed_by_log {
        return Err(CheckpointError::NotSignedByLog);
    }
    Ok(SignedCheckpoint { checkpoint, cosignatures })
}
