//! The verifiable log: RFC 6962 Merkle trees, C2SP tiles, signed notes, checkpoints,
//! cosignatures, offline receipts and trust policies. Pure: no IO.
//!
//! - [`Appender`] adds entries, keeping only the right edge of the tree, and reports the
//!   [`Changes`] (tiles and entry bundles) a store must write.
//! - [`prove_inclusion`] and [`prove_consistency`] read hashes out of tiles through a
//!   [`TileReader`]; [`verify_inclusion`] and [`verify_consistency`] check proofs.
//! - [`SigningKey`], [`VerifierKey`], [`open_note`]: c2sp.org/signed-note with Ed25519 and
//!   `cosignature/v1`; [`Checkpoint`] and [`open_checkpoint`]: c2sp.org/tlog-checkpoint.
//! - [`Policy`]: c2sp.org/tlog-policy; [`Receipt`]: c2sp.org/tlog-proof.
//! - [`AddCheckpointRequest`] and [`check_add_checkpoint`]: c2sp.org/tlog-witness's request
//!   and the witness's decision, without state or HTTP.
//!
//! Dependencies. `signed_note` parses notes and applies the verifier rules; this crate adds
//! the `cosignature/v1` (0x04) key type, vkey and skey text for both key types, and
//! cosigning. `tlog_tiles` 0.2 is not a dependency: its hash reader reads by stored-hash
//! index with a fixed error type (no typed reader errors, no tiles), its paths are the Go
//! sumdb form (`tile/<H>/<L>/...`, `data`), its checkpoint errors carry no detail, and it has
//! no right-edge appender. Its tile hash reader also accepted a tampered level-0 tile of a
//! 70,000-entry tree: the loop that checks tiles against their parents starts at the number
//! of root subtrees (6) rather than the number of tiles they occupy (3), skipping the next
//! tiles (Go's `sumdb/tlog` has the same loop). It and `ct-merkle` stay as dev-dependencies
//! that cross-check roots and proofs; nothing here trusts a tile without checking what it
//! yields against a root.
//!
//! A sequencer's loop, with a store that keeps tiles (here in memory):
//!
//! ```
//! use passage_log::{Appender, Checkpoint, KeyType, MemoryTiles, Policy, Receipt, SigningKey};
//!
//! let log_key = SigningKey::from_seed("corridor.example/log", KeyType::Ed25519, [7; 32])?;
//! let mut appender = Appender::new(); // or Appender::resume(&right_edge) after a restart
//! let mut tiles = MemoryTiles::new();
//!
//! // One group commit: the root before each entry is public randomness for the core.
//! let batch = appender.append_batch(&[b"declare".as_slice(), b"arrive".as_slice()])?;
//! assert_eq!(batch.roots_before.len(), 2);
//! tiles.apply(&batch.changes); // a database writes these in the entries' transaction
//!
//! let checkpoint = Checkpoint {
//!     origin: "corridor.example/log".into(),
//!     size: appender.size(),
//!     root: appender.root(),
//!     extensions: vec![],
//! };
//! let note = checkpoint.sign(&log_key)?;
//!
//! // An offline receipt for entry 1, checked against a policy that trusts the log.
//! let proof = passage_log::prove_inclusion(&tiles, checkpoint.size, 1)?;
//! let receipt = Receipt { extra: None, index: 1, proof, checkpoint: note };
//! let policy = Policy::single_log(log_key.verifier_key());
//! receipt.verify(&passage_log::leaf_hash(b"arrive"), &policy)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod appender;
mod checkpoint;
mod draw;
mod hash;
mod note;
mod policy;
mod proof;
mod receipt;
mod tile;
mod witness;

#[cfg(feature = "testing")]
pub mod testing;

pub use appender::{
    AppendError, Appender, BATCH_ENTRIES_MAX, Batch, BundleData, Changes, ResumeError, RightEdge,
    TileData,
};
pub use checkpoint::{
    CHECKPOINT_TEXT_BYTES_MAX, Checkpoint, CheckpointError, SignedCheckpoint, open_checkpoint,
};
pub use draw::{
    DRAW_ORIGIN_BYTES_MAX, DRAW_REQUEST_BYTES_MAX, DRAW_VRF_INPUT_BYTES, DRAW_VRF_INPUT_CONTEXT,
    DrawRefusal, DrawRequest, DrawRequestError, check_draw_request, draw_vrf_input,
};
pub use hash::{EMPTY_ROOT, HASH_BYTES, Hash, HashParseError, leaf_hash, node_hash, root_of};
pub use note::{
    COSIGNATURE_TIME_MAX, KEY_TEXT_BYTES_MAX, KeyError, KeyType, NOTE_BYTES_MAX,
    NOTE_SIGNATURES_MAX, NoteError, OpenedNote, SignError, SigningKey, VerifiedSignature,
    VerifierKey, add_cosignature, is_valid_key_name, key_id, open_note,
};
pub use policy::{
    POLICY_BYTES_MAX, POLICY_ITEMS_MAX, Policy, PolicyError, PolicyErrorKind, PolicyGroup,
    PolicyLog, PolicyVerifyError, PolicyWitness,
};
pub use proof::{
    MemoryTiles, PROOF_HASHES_MAX, ProofError, TileMissing, TileReader, VerifyError,
    consistency_tiles, inclusion_tiles, prove_consistency, prove_inclusion, prove_inclusions,
    tree_root, verify_consistency, verify_inclusion,
};
pub use receipt::{
    RECEIPT_BYTES_MAX, RECEIPT_EXTRA_BYTES_MAX, RECEIPT_HEADER, Receipt, ReceiptError,
    ReceiptParseError,
};
pub use tile::{
    BUNDLE_BYTES_MAX, BundleId, ENTRY_BYTES_MAX, TILE_BYTES_MAX, TILE_HEIGHT, TILE_LEVEL_MAX,
    TILE_PATH_BYTES_MAX, TILE_WIDTH, TileDataError, TileId, TilePath, TilePathError, encode_bundle,
    parse_bundle, right_edge_tiles, tile_at,
};
pub use witness::{
    AddCheckpointRequest, WITNESS_PROOF_LINES_MAX, WITNESS_REQUEST_BYTES_MAX, WitnessRefusal,
    WitnessRequestError, check_add_checkpoint,
};
