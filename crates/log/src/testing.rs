//! Fixtures for other crates' tests (feature `testing`): a log key from a fixed seed, and a
//! log kept in memory that signs a checkpoint and proves consistency at any of its sizes.

use crate::{Appender, Checkpoint, Hash, KeyType, MemoryTiles, SigningKey};

/// The origin of the fixtures' log.
pub const ORIGIN: &str = "corridor.example/log";

/// The fixtures' log key (Ed25519, from a fixed seed).
pub fn log_key() -> SigningKey {
    SigningKey::from_seed(ORIGIN, KeyType::Ed25519, [1; 32]).expect("a valid key name")
}

/// A log in memory: entries `prefix-0`, `prefix-1`, ...
#[derive(Default)]
pub struct MemoryLog {
    /// The tree's right edge.
    pub appender: Appender,
    /// Every tile written so far.
    pub tiles: MemoryTiles,
    /// The entries, in order.
    pub entries: Vec<Vec<u8>>,
}

impl MemoryLog {
    /// An empty log.
    pub fn new() -> MemoryLog {
        MemoryLog::default()
    }

    /// A log of `size` entries whose first `common` entries are shared by every prefix and
    /// later ones carry `prefix`, so two logs with different prefixes fork after `common`.
    pub fn with_entries(size: u64, common: u64, prefix: &str) -> MemoryLog {
        let mut log = MemoryLog::new();
        for index in 0..size {
            let entry =
                if index < common { format!("entry-{index}") } else { format!("{prefix}-{index}") };
            log.push(entry.as_bytes());
        }
        log
    }

    /// Appends `entry` and writes its tiles.
    pub fn push(&mut self, entry: &[u8]) {
        self.appender.append(entry).expect("a small entry");
        self.tiles.apply(&self.appender.take_changes());
        self.entries.push(entry.to_vec());
    }

    /// The root at `size`, recomputed from the entries.
    pub fn root_at(&self, size: u64) -> Hash {
        let leaves: Vec<Hash> =
            self.entries[..size as usize].iter().map(|entry| crate::leaf_hash(entry)).collect();
        crate::root_of(&leaves)
    }

    /// A checkpoint at `size`, signed by `key`, as note text.
    pub fn note_at(&self, size: u64, key: &SigningKey) -> String {
        Checkpoint {
            origin: key.name().to_owned(),
            size,
            root: self.root_at(size),
            extensions: vec![],
        }
        .sign(key)
        .expect("signing")
    }

    /// The consistency proof from `old_size` to `size`.
    pub fn proof(&self, old_size: u64, size: u64) -> Vec<Hash> {
        // Proofs for older sizes need the tiles at that size: rebuild the tree up to `size`.
        let mut log = MemoryLog::new();
        for entry in &self.entries[..size as usize] {
            log.push(entry);
        }
        crate::prove_consistency(&log.tiles, old_size, size).expect("a proof")
    }
}
