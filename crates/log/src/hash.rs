//! SHA-256 hashes and the RFC 6962 leaf and interior-node hash functions.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use sha2::{Digest as _, Sha256};

/// Bytes in one hash (SHA-256).
pub const HASH_BYTES: usize = 32;

/// A SHA-256 hash: a leaf hash, an interior node hash or a tree root.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Hash(pub [u8; HASH_BYTES]);

/// The root of the empty tree: SHA-256 of the empty string (RFC 6962 §2.1).
pub const EMPTY_ROOT: Hash = Hash([
    0xe3, 0xb0, 0xc4, 0x42, 0x98, 0xfc, 0x1c, 0x14, 0x9a, 0xfb, 0xf4, 0xc8, 0x99, 0x6f, 0xb9, 0x24,
    0x27, 0xae, 0x41, 0xe4, 0x64, 0x9b, 0x93, 0x4c, 0xa4, 0x95, 0x99, 0x1b, 0x78, 0x52, 0xb8, 0x55,
]);

/// Why a text hash could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HashParseError {
    /// The text is not standard base64.
    #[error("a hash must be standard base64")]
    Base64,
    /// The decoded bytes are not 32 long.
    #[error("a hash must be 32 bytes, found {0}")]
    Length(usize),
}

impl Hash {
    /// Reads a hash from its standard base64 form (44 characters).
    pub fn from_base64(text: &str) -> Result<Hash, HashParseError> {
        // 44 characters of base64 decode to 32 bytes; longer input is refused before decoding.
        if text.len() > 4 * HASH_BYTES.div_ceil(3) {
            return Err(HashParseError::Length(text.len() * 3 / 4));
        }
        let bytes = BASE64.decode(text).map_err(|_| HashParseError::Base64)?;
        Hash::from_slice(&bytes).ok_or(HashParseError::Length(bytes.len()))
    }

    /// Reads a hash from exactly 32 bytes.
    pub fn from_slice(bytes: &[u8]) -> Option<Hash> {
        <[u8; HASH_BYTES]>::try_from(bytes).ok().map(Hash)
    }

    /// The standard base64 form, as checkpoints and proofs write it.
    pub fn to_base64(&self) -> String {
        BASE64.encode(self.0)
    }
}

impl fmt::Display for Hash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_base64())
    }
}

impl fmt::Debug for Hash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for byte in &self.0[..8] {
            write!(f, "{byte:02x}")?;
        }
        f.write_str("…")
    }
}

/// The leaf hash of an entry: `SHA-256(0x00 || entry)` (RFC 6962 §2.1).
pub fn leaf_hash(entry: &[u8]) -> Hash {
    let mut hasher = Sha256::new();
    hasher.update([0x00]);
    hasher.update(entry);
    Hash(hasher.finalize().into())
}

/// The hash of an interior node: `SHA-256(0x01 || left || right)` (RFC 6962 §2.1).
pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
    // One contiguous buffer: the digest then runs over two blocks without copying twice.
    let mut buffer = [0u8; 1 + 2 * HASH_BYTES];
    buffer[0] = 0x01;
    buffer[1..1 + HASH_BYTES].copy_from_slice(&left.0);
    buffer[1 + HASH_BYTES..].copy_from_slice(&right.0);
    Hash(Sha256::digest(buffer).into())
}

/// The Merkle tree hash of a list of leaf hashes (RFC 6962 §2.1), computed in memory.
///
/// This is the plain recursive definition; the appender and the tile prover compute the same
/// value incrementally. Used for small ranges (inside one tile) and as a reference in tests.
pub fn root_of(leaves: &[Hash]) -> Hash {
    match leaves.len() {
        0 => EMPTY_ROOT,
        1 => leaves[0],
        n => {
            let split = largest_power_of_two_below(n as u64) as usize;
            node_hash(&root_of(&leaves[..split]), &root_of(&leaves[split..]))
        }
    }
}

/// The largest power of two strictly less than `n` (`n` ≥ 2): RFC 6962's split point `k`.
pub(crate) fn largest_power_of_two_below(n: u64) -> u64 {
    assert!(n >= 2, "the split point exists only for n >= 2");
    1 << (63 - (n - 1).leading_zeros())
}
