//! Interop: what our witness and log produce verifies with independent implementations of
//! the C2SP formats: the `signed_note` crate opens the checkpoint note, a `cosignature/v1`
//! verifier written here from the spec text with `ed25519-dalek` (through `signed_note`'s
//! `Verifier` trait) checks the witness's cosignature, and `tlog_tiles` authenticates our
//! tiles against the checkpoint's root and finds each entry's record hash in them.

use axum::body::Body;
use axum::http::Request;
use ed25519_dalek::Verifier as _;
use passage_log::AddCheckpointRequest;
use passage_log::testing::{MemoryLog, log_key};
use passage_witness::testing::{witness_in, witness_key};
use sha2::Digest as _;
use signed_note::{Note, StandardVerifier, Verifier, VerifierList};
use tower::ServiceExt as _;

/// A c2sp.org/tlog-cosignature `cosignature/v1` verifier, from the spec: the key id is
/// SHA-256(name || "\n" || 0x04 || key)[:4]; the signature is an 8-byte big-endian
/// timestamp then Ed25519 over "cosignature/v1\ntime <t>\n" and the checkpoint text.
struct CosignatureV1 {
    name: String,
    key: ed25519_dalek::VerifyingKey,
    text: Vec<u8>,
}

impl Verifier for CosignatureV1 {
    fn name(&self) -> &str {
        &self.name
    }
    fn key_id(&self) -> u32 {
        let mut hasher = sha2::Sha256::new();
        hasher.update(self.name.as_bytes());
        hasher.update(b"\n\x04");
        hasher.update(self.key.as_bytes());
        let digest = hasher.finalize();
        u32::from_be_bytes([digest[0], digest[1], digest[2], digest[3]])
    }
    fn verify(&self, _message: &[u8], signature: &[u8]) -> bool {
        let Ok(bytes) = <[u8; 72]>::try_from(signature) else { return false };
        let time = u64::from_be_bytes(bytes[..8].try_into().expect("8 bytes"));
        let mut message = format!("cosignature/v1\ntime {time}\n").into_bytes();
        message.extend_from_slice(&self.text);
        let signature =
            ed25519_dalek::Signature::from_bytes(&bytes[8..].try_into().expect("64 bytes"));
        self.key.verify(&message, &signature).is_ok()
    }
}

/// Our tiles, read by `tlog_tiles` (height 8, the same tile data layout).
struct Tiles<'a>(&'a passage_log::MemoryTiles);

impl tlog_tiles::TileReader for Tiles<'_> {
    fn height(&self) -> u8 {
        8
    }
    fn read_tiles(&self, tiles: &[tlog_tiles::Tile]) -> Result<Vec<Vec<u8>>, tlog_tiles::Error> {
        tiles
            .iter()
            .map(|tile| {
                let id = passage_log::TileId {
                    level: tile.level(),
                    index: tile.level_index(),
                    width: u16::try_from(tile.width()).expect("a tile width fits"),
                };
                passage_log::TileReader::read_tile(self.0, id)
                    .map_err(|_| tlog_tiles::Error::InvalidTile)
            })
            .collect()
    }
    fn save_tiles(&self, _tiles: &[tlog_tiles::Tile], _data: &[Vec<u8>]) {}
}

#[tokio::test]
async fn checkpoints_cosignatures_and_tiles_verify_with_independent_code() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let size = 70_000;
    let log = MemoryLog::with_entries(size, size, "entry");
    let note = log.note_at(size, &log_key());
    let witness = witness_in(dir.path(), 1, vec![log_key().verifier_key()]);
    let body =
        AddCheckpointRequest { old_size: 0, proof: vec![], checkpoint: note.clone() }.to_text();
    let request = Request::post("/add-checkpoint").body(Body::from(body)).expect("a request");
    let response = passage_witness::server::app(witness).oneshot(request).await.expect("an answer");
    assert_eq!(response.status(), 200);
    let line = axum::body::to_bytes(response.into_body(), 1 << 16).await.expect("a body");
    let cosigned = format!("{note}{}", String::from_utf8_lossy(&line));

    // The log's signature, with the signed_note crate alone.
    let parsed = Note::from_bytes(cosigned.as_bytes()).expect("signed_note reads the note");
    let log_vkey = StandardVerifier::new(&log_key().verifier_key().to_string()).expect("a vkey");
    let (verified, _) =
        parsed.verify(&VerifierList::new(vec![Box::new(log_vkey)])).expect("the log signed");
    assert_eq!(verified.len(), 1);

    // The witness's cosignature, with the spec's verifier.
    let witness_vkey = witness_key(1).verifier_key();
    let cosignature = CosignatureV1 {
        name: witness_vkey.name().to_owned(),
        key: *witness_vkey.public_key(),
        text: parsed.text().to_vec(),
    };
    let (verified, _) = parsed
        .verify(&VerifierList::new(vec![Box::new(cosignature)]))
        .expect("the witness cosigned");
    assert_eq!(verified.len(), 1);
    assert_eq!(verified[0].signature().len(), 8 + 64, "timestamp and signature");

    // The checkpoint text with tlog_tiles, and the tiles authenticated against its root.
    let checkpoint =
        tlog_tiles::Checkpoint::from_bytes(parsed.text()).expect("tlog_tiles reads it");
    assert_eq!((checkpoint.origin(), checkpoint.size()), ("corridor.example/log", size));
    let reader = Tiles(&log.tiles);
    let hashes = tlog_tiles::TileHashReader::new(size, *checkpoint.hash(), &reader);
    for index in [0, 1, 255, 256, 65_535, 65_536, 69_999] {
        let stored = tlog_tiles::stored_hash_index(0, index);
        let found = tlog_tiles::HashReader::read_hashes(&hashes, &[stored]).expect("authenticated");
        let entry = format!("entry-{index}");
        assert_eq!(found[0], tlog_tiles::record_hash(entry.as_bytes()), "entry {index}");
    }
    assert_eq!(tlog_tiles::tree_hash(size, &hashes).expect("a root"), *checkpoint.hash());
}
