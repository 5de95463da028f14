//! A persistent hash map with a fast, deterministic hasher for the core's compact keys
//! (MRNs, public keys, identifiers). The keys are allocated by the core or enrolled by authorities, not
//! chosen by anonymous callers, so flooding attacks on the hash do not apply; iteration
//! order is never used for anything observable.

use std::hash::{BuildHasherDefault, Hasher};

/// Multiply-and-rotate hashing of 8-byte words (the scheme of rustc's FxHasher).
#[derive(Clone, Copy, Default)]
pub struct FoldHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FoldHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FoldHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, value: u8) {
        self.add(u64::from(value));
    }

    fn write_usize(&mut self, value: usize) {
        self.add(value as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

/// A persistent (structurally shared) hash map using [`FoldHasher`]: cloning it is O(1),
/// and a clone shares every node until one side changes it. The state's large indexes use
/// it so that a copy of the state (the snapshot's) costs no deep copy.
pub type SharedMap<K, V> =
    imbl::GenericHashMap<K, V, BuildHasherDefault<FoldHasher>, imbl::shared_ptr::DefaultSharedPtr>;
