//! Shared fixtures for the node's tests: a log in memory, keys from fixed seeds, a witness,
//! and a node with its corridor (`node`).

#![allow(dead_code)]

pub mod node;

use std::path::Path;
use std::sync::Arc;

use passage_log::{Appender, Checkpoint, Hash, KeyType, MemoryTiles, SigningKey, VerifierKey};
use passage_witness::server::{WitnessState, WitnessStore};

pub const ORIGIN: &str = "corridor.example/log";

pub fn log_key() -> SigningKey {
    SigningKey::from_seed(ORIGIN, KeyType::Ed25519, [1; 32]).expect("a valid key name")
}

pub fn witness_key(number: u8) -> SigningKey {
    SigningKey::from_seed(
        &format!("w{number}.example/witness"),
        KeyType::CosignatureV1,
        [10 + number; 32],
    )
    .expect("a valid key name")
}

/// A log in memory: entries `prefix-0`, `prefix-1`, ...
pub struct MemoryLog {
    pub appender: Appender,
    pub tiles: MemoryTiles,
    pub entries: Vec<Vec<u8>>,
}

impl MemoryLog {
    pub fn new() -> MemoryLog {
        MemoryLog { appender: Appender::new(), tiles: MemoryTiles::new(), entries: Vec::new() }
    }

    /// The first `common` entries are shared by every prefix; later ones carry the prefix, so
    /// two logs with different prefixes fork after `common` entries.
    pub fn with_entries(size: u64, common: u64, prefix: &str) -> MemoryLog {
        let mut log = MemoryLog::new();
        for index in 0..size {
            let entry =
                if index < common { format!("entry-{index}") } else { format!("{prefix}-{index}") };
            log.push(entry.as_bytes());
        }
        log
    }

    pub fn push(&mut self, entry: &[u8]) {
        self.appender.append(entry).expect("a small entry");
        self.tiles.apply(&self.appender.take_changes());
        self.entries.push(entry.to_vec());
    }

    /// The root at `size` (recomputed from the entries).
    pub fn root_at(&self, size: u64) -> Hash {
        let leaves: Vec<Hash> =
            self.entries[..size as usize].iter().map(|e| passage_log::leaf_hash(e)).collect();
        passage_log::root_of(&leaves)
    }

    /// A checkpoint at `size`, signed by `key`.
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

    pub fn proof(&self, old_size: u64, size: u64) -> Vec<Hash> {
        // Proofs for older sizes need tiles at that size: rebuild a tree up to `size`.
        let mut log = MemoryLog::new();
        for entry in &self.entries[..size as usize] {
            log.push(entry);
        }
        passage_log::prove_consistency(&log.tiles, old_size, size).expect("a proof")
    }
}

pub fn fixed_clock() -> passage_witness::server::Clock {
    Arc::new(|| 1_700_000_000)
}

/// A witness over the store in `dir`, trusting `logs`.
pub fn witness_in(dir: &Path, number: u8, logs: Vec<VerifierKey>) -> WitnessState {
    let store = WitnessStore::open(
        &dir.join(format!("w{number}.db")),
        &dir.join(format!("w{number}.guard")),
    )
    .expect("opening the witness store");
    WitnessState::new(witness_key(number), logs, store, fixed_clock()).expect("a witness")
}
