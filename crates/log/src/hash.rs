//! SHA-256 hashes and the RFC 6962 leaf and interior-node hash functions.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use sha2::digest::consts::U64;
use sha2::digest::generic_array::GenericArray;
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

/// SHA-256's initial state (FIPS 180-4 §5.3.3).
const SHA256_INITIAL_STATE: [u32; 8] = [
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

type Block = GenericArray<u8, U64>;

fn state_to_hash(state: &[u32; 8]) -> Hash {
    let mut hash = [0u8; HASH_BYTES];
    for (bytes, word) in hash.chunks_exact_mut(4).zip(state) {
        bytes.copy_from_slice(&word.to_be_bytes());
    }
    Hash(hash)
}

/// The hash of an interior node: `SHA-256(0x01 || left || right)` (RFC 6962 §2.1).
///
/// The 65-byte message always pads to exactly two blocks, so they are laid out here and
/// compressed in one call: half the per-call overhead of the streaming digest, which matters
/// because every appended entry costs one node hash on average.
pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
    let mut blocks = [Block::default(); 2];
    blocks[0][0] = 0x01;
    blocks[0][1..33].copy_from_slice(&left.0);
    blocks[0][33..].copy_from_slice(&right.0[..31]);
    blocks[1][0] = right.0[31];
    blocks[1][1] = 0x80;
    blocks[1][56..].copy_from_slice(&(65u64 * 8).to_be_bytes());
    let mut state = SHA256_INITIAL_STATE;
    sha2::compress256(&mut state, &blocks);
    state_to_hash(&state)
}

/// Computes leaf hashes into a reused, padded block buffer so each leaf is one call to the
/// compression function (the streaming digest splits `0x00 || entry` into three calls).
#[derive(Clone, Debug, Default)]
pub(crate) struct LeafHasher {
    blocks: Vec<Block>,
}

impl LeafHasher {
    /// `SHA-256(0x00 || entry)`, equal to [`leaf_hash`].
    pub(crate) fn hash(&mut self, entry: &[u8]) -> Hash {
        // Message: 0x00, the entry, 0x80, zeros, then the bit length in the last 8 bytes.
        let length = entry.len() + 1;
        let block_count = (length + 1 + 8).div_ceil(64);
        self.blocks.clear();
        self.blocks.resize(block_count, Block::default());
        for (position, block) in self.blocks.iter_mut().enumerate() {
            let start = position * 64;
            let low = start.max(1);
            let high = (start + 64).min(length);
            if low < high {
                block[low - start..high - start].copy_from_slice(&entry[low - 1..high - 1]);
            }
            if (start..start + 64).contains(&length) {
                block[length - start] = 0x80;
            }
        }
        let last = self.blocks.last_mut().expect("at least one block");
        last[56..].copy_from_slice(&(length as u64 * 8).to_be_bytes());
        let mut state = SHA256_INITIAL_STATE;
        sha2::compress256(&mut state, &self.blocks);
        state_to_hash(&state)
    }
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

#[cfg(test)]
mod tests {
    //! The block-level hashers against the streaming digest, at every length where padding
    //! changes shape.

    use super::*;

    #[test]
    fn leaf_hasher_equals_the_streaming_digest() {
        let mut hasher = LeafHasher::default();
        for length in (0..300).chain([1000, 4095, 4096, 65_535]) {
            let entry: Vec<u8> = (0..length).map(|i| (i * 7 + length) as u8).collect();
            assert_eq!(hasher.hash(&entry), leaf_hash(&entry), "length {length}");
        }
    }

    #[test]
    fn node_hash_equals_the_streaming_digest() {
        let left = Hash([0xab; 32]);
        let right = Hash(std::array::from_fn(|i| i as u8));
        let mut digest = Sha256::new();
        digest.update([0x01]);
        digest.update(left.0);
        digest.update(right.0);
        assert_eq!(node_hash(&left, &right), Hash(digest.finalize().into()));
    }
}
