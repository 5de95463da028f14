//! Fixtures for other crates' tests (feature `testing`): witness keys from fixed seeds, a
//! clock that always says the same second, and a witness over a store in a folder.

use std::path::Path;
use std::sync::Arc;

use passage_log::{KeyType, SigningKey, VerifierKey};

use crate::server::{Clock, WitnessState, WitnessStore};

/// Witness `number`'s key (`w<number>.example/witness`, cosignature/v1, a fixed seed).
pub fn witness_key(number: u8) -> SigningKey {
    SigningKey::from_seed(
        &format!("w{number}.example/witness"),
        KeyType::CosignatureV1,
        [10 + number; 32],
    )
    .expect("a valid key name")
}

/// A clock that always says the same second, so cosignatures are reproducible.
pub fn fixed_clock() -> Clock {
    Arc::new(|| 1_700_000_000)
}

/// Witness `number` over a store in `dir`, trusting `logs`, on the fixed clock.
pub fn witness_in(dir: &Path, number: u8, logs: Vec<VerifierKey>) -> WitnessState {
    let store = WitnessStore::open(
        &dir.join(format!("w{number}.db")),
        &dir.join(format!("w{number}.guard")),
    )
    .expect("opening the witness store");
    WitnessState::new(witness_key(number), logs, store, fixed_clock()).expect("a witness")
}
