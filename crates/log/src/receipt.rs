//! c2sp.org/tlog-proof: an offline receipt that an entry is in a checkpoint cosigned by
//! witnesses. Encode, decode, verify against a trust policy.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;

use crate::checkpoint::SignedCheckpoint;
use crate::hash::{Hash, HashParseError};
use crate::note::NOTE_BYTES_MAX;
use crate::policy::{Policy, PolicyVerifyError};
use crate::proof::{PROOF_HASHES_MAX, VerifyError, verify_inclusion};

/// The first line of every receipt.
pub const RECEIPT_HEADER: &str = "c2sp.org/tlog-proof@v1";
/// Largest receipt we read: a note, an inclusion proof and extra data of up to 128 KiB.
pub const RECEIPT_BYTES_MAX: usize = NOTE_BYTES_MAX + 256 * 1024;
/// Largest extra data we read (enough for one entry of the largest size).
pub const RECEIPT_EXTRA_BYTES_MAX: usize = 128 * 1024;

/// An offline receipt: entry index, inclusion proof and the (cosigned) checkpoint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Receipt {
    /// Unauthenticated extra data (Passage puts the entry itself here).
    pub extra: Option<Vec<u8>>,
    /// Index of the entry in the log.
    pub index: u64,
    /// Inclusion proof, leaf sibling first.
    pub proof: Vec<Hash>,
    /// The signed checkpoint, verbatim, with its cosignatures.
    pub checkpoint: String,
}

/// Why a receipt could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReceiptParseError {
    /// The receipt is larger than [`RECEIPT_BYTES_MAX`].
    #[error("a receipt is at most {RECEIPT_BYTES_MAX} bytes")]
    TooLarge,
    /// Not UTF-8.
    #[error("a receipt is UTF-8 text")]
    NotUtf8,
    /// The first line is not `c2sp.org/tlog-proof@v1`.
    #[error("a receipt starts with the line `{RECEIPT_HEADER}`")]
    Header,
    /// The `extra` line is malformed or too large.
    #[error("the extra line is `extra <base64>` of at most {RECEIPT_EXTRA_BYTES_MAX} bytes")]
    Extra,
    /// The `index` line is missing or not a decimal number without leading zeros.
    #[error("expected the line `index <n>` with n in decimal, without leading zeros")]
    Index,
    /// A proof line is not a base64 hash.
    #[error("proof line {line}: {error}")]
    ProofHash {
        /// Position of the hash in the proof.
        line: usize,
        /// What is wrong.
        error: HashParseError,
    },
    /// More proof hashes than any tree needs.
    #[error("an inclusion proof has at most {PROOF_HASHES_MAX} hashes")]
    ProofTooLong,
    /// No empty line before the checkpoint.
    #[error("the proof is followed by an empty line and the checkpoint")]
    NoCheckpoint,
}

/// Why a receipt does not verify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReceiptError {
    /// The checkpoint does not satisfy the policy.
    #[error("checkpoint: {0}")]
    Checkpoint(#[from] PolicyVerifyError),
    /// The inclusion proof does not verify.
    #[error("inclusion proof: {0}")]
    Inclusion(#[from] VerifyError),
}

impl Receipt {
    /// Reads a receipt.
    pub fn parse(bytes: &[u8]) -> Result<Receipt, ReceiptParseError> {
        if bytes.len() > RECEIPT_BYTES_MAX {
            return Err(ReceiptParseError::TooLarge);
        }
        let text = std::str::from_utf8(bytes).map_err(|_| ReceiptParseError::NotUtf8)?;
        let (header, mut rest) = text.split_once('\n').ok_or(ReceiptParseError::Header)?;
        if header != RECEIPT_HEADER {
            return Err(ReceiptParseError::Header);
        }
        let next_line = |rest: &mut &str| -> Option<String> {
            let (line, after) = rest.split_once('\n')?;
            *rest = after;
            Some(line.to_owned())
        };
        let mut line = next_line(&mut rest).ok_or(ReceiptParseError::Index)?;
        let mut extra = None;
        if let Some(encoded) = line.strip_prefix("extra ") {
            if encoded.len() > RECEIPT_EXTRA_BYTES_MAX.div_ceil(3) * 4 {
                return Err(ReceiptParseError::Extra);
            }
            extra = Some(BASE64.decode(encoded).map_err(|_| ReceiptParseError::Extra)?);
            line = next_line(&mut rest).ok_or(ReceiptParseError::Index)?;
        }
        let index_text = line.strip_prefix("index ").ok_or(ReceiptParseError::Index)?;
        if index_text.is_empty()
            || !index_text.bytes().all(|byte| byte.is_ascii_digit())
            || (index_text.len() > 1 && index_text.starts_with('0'))
        {
            return Err(ReceiptParseError::Index);
        }
        let index = index_text.parse().map_err(|_| ReceiptParseError::Index)?;
        let mut proof = Vec::new();
        loop {
            let line = next_line(&mut rest).ok_or(ReceiptParseError::NoCheckpoint)?;
            if line.is_empty() {
                break;
            }
            if proof.len() == PROOF_HASHES_MAX {
                return Err(ReceiptParseError::ProofTooLong);
            }
            let hash = Hash::from_base64(&line)
                .map_err(|error| ReceiptParseError::ProofHash { line: proof.len() + 1, error })?;
            proof.push(hash);
        }
        Ok(Receipt { extra, index, proof, checkpoint: rest.to_owned() })
    }

    /// The receipt text.
    pub fn to_text(&self) -> String {
        let mut text = format!("{RECEIPT_HEADER}\n");
        if let Some(extra) = &self.extra {
            text.push_str(&format!("extra {}\n", BASE64.encode(extra)));
        }
        text.push_str(&format!("index {}\n", self.index));
        for hash in &self.proof {
            text.push_str(&hash.to_base64());
            text.push('\n');
        }
        text.push('\n');
        text.push_str(&self.checkpoint);
        text
    }

    /// Verifies that the entry with `leaf` hash is at this receipt's index in a checkpoint
    /// that satisfies `policy`.
    pub fn verify(&self, leaf: &Hash, policy: &Policy) -> Result<SignedCheckpoint, ReceiptError> {
        let signed = policy.verify_checkpoint(self.checkpoint.as_bytes())?;
        let checkpoint = &signed.checkpoint;
        verify_inclusion(leaf, self.index, checkpoint.size, &self.proof, &checkpoint.root)?;
        Ok(signed)
    }
}
