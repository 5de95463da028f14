//! Robustness: every parser takes arbitrary bytes, never panics, and answers with a value or a
//! typed error. Inputs are random bytes and random edits of valid samples.

use passage_log::{
    Appender, BundleData, BundleId, Checkpoint, Hash, KeyType, Policy, Receipt, RightEdge,
    SigningKey, TileData, TileId, TilePath, VerifierKey, open_checkpoint, open_note, parse_bundle,
};
use proptest::prelude::*;

fn log_key() -> SigningKey {
    SigningKey::from_seed("corridor.example/log", KeyType::Ed25519, [1; 32]).expect("valid")
}

fn samples() -> Vec<Vec<u8>> {
    let key = log_key();
    let checkpoint = Checkpoint {
        origin: "corridor.example/log".into(),
        size: 3,
        root: Hash([7; 32]),
        extensions: vec![],
    };
    let note = checkpoint.sign(&key).expect("signs");
    let receipt = Receipt {
        extra: Some(b"entry".to_vec()),
        index: 1,
        proof: vec![Hash([1; 32]), Hash([2; 32])],
        checkpoint: note.clone(),
    };
    vec![
        note.into_bytes(),
        checkpoint.to_text().into_bytes(),
        key.verifier_key().to_string().into_bytes(),
        key.to_skey().into_bytes(),
        receipt.to_text().into_bytes(),
        format!("log {}\nquorum none\n", key.verifier_key()).into_bytes(),
        b"tile/1/x001/x234/067.p/8".to_vec(),
        b"tile/entries/x001/234".to_vec(),
        passage_log::encode_bundle([&b"one"[..], b"", b"three"]),
        format!("old 0\n{}\n\n{}", Hash([3; 32]), receipt.checkpoint).into_bytes(),
    ]
}

/// Runs every parser over `bytes`. Each call must return (not panic).
fn parse_everything(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let key = log_key().verifier_key();
    let _ = open_note(bytes, std::slice::from_ref(&key));
    let _ = open_checkpoint(bytes, &key, &[]);
    let _ = Checkpoint::parse(bytes);
    let _ = VerifierKey::parse(&text);
    let _ = SigningKey::parse(&text);
    let _ = TilePath::parse(&text);
    let _ = Hash::from_base64(&text);
    let _ = Receipt::parse(bytes);
    if let Ok(request) = passage_log::AddCheckpointRequest::parse(bytes) {
        let _ = request.origin();
        let _ = passage_log::check_add_checkpoint(&request, &key, None);
    }
    if let Ok(policy) = Policy::parse(bytes) {
        let _ = policy.verify_checkpoint(bytes);
    }
    for width in [1, 3, 255, 256] {
        let _ = parse_bundle(bytes, width);
        let _ = TileId { level: 0, index: 0, width }.parse_data(bytes);
    }
    // Any size up to 2^64 - 1: the right edge then spans up to eight tile levels.
    let size = bytes
        .iter()
        .fold(0u64, |size, &byte| size.wrapping_mul(0x100_0000_01b3).wrapping_add(u64::from(byte)));
    let edge = RightEdge {
        size,
        tiles: passage_log::right_edge_tiles(size)
            .into_iter()
            .map(|tile| TileData { tile, data: bytes.to_vec() })
            .collect(),
        bundle: Some(BundleData {
            bundle: BundleId { index: size / 256, width: (size % 256).max(1) as u16 },
            data: bytes.to_vec(),
        }),
    };
    let _ = Appender::resume(&edge);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

    /// A well-formed right edge at any size resumes, and appending to it works up to the
    /// largest tree, where it refuses with a typed error.
    #[test]
    fn any_size_resumes_and_appends(size in any::<u64>()) {
        let empty_leaf = passage_log::leaf_hash(b"");
        let tiles = passage_log::right_edge_tiles(size)
            .into_iter()
            .map(|tile| TileData { tile, data: empty_leaf.0.repeat(usize::from(tile.width)) })
            .collect();
        let width = (size % 256) as u16;
        let bundle = (width > 0).then(|| BundleData {
            bundle: BundleId { index: size / 256, width },
            data: vec![0u8; 2 * usize::from(width)],
        });
        let mut appender = Appender::resume(&RightEdge { size, tiles, bundle }).expect("well formed");
        let _ = appender.root();
        match appender.append(b"next") {
            Ok(index) => prop_assert_eq!(index, size),
            Err(error) => prop_assert_eq!(error, passage_log::AppendError::TreeFull),
        }
        let _ = appender.take_changes();
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        parse_everything(&bytes);
    }

    #[test]
    fn edited_samples_never_panic(
        which in 0usize..10,
        edits in proptest::collection::vec((any::<usize>(), any::<u8>(), 0u8..3), 1..6),
    ) {
        let mut bytes = samples()[which].clone();
        for (position, byte, kind) in edits {
            let position = position % (bytes.len() + 1);
            match kind {
                0 if position < bytes.len() => bytes[position] = byte,
                1 => bytes.insert(position, byte),
                _ if position < bytes.len() => { bytes.remove(position); }
                _ => bytes.push(byte),
            }
        }
        parse_everything(&bytes);
    }
}

#[test]
fn the_samples_are_valid() {
    // The edited-sample test is only meaningful if the samples parse before editing.
    let samples = samples();
    let key = log_key().verifier_key();
    assert!(open_checkpoint(&samples[0], &key, &[]).is_ok());
    assert!(Checkpoint::parse(&samples[1]).is_ok());
    assert!(VerifierKey::parse(std::str::from_utf8(&samples[2]).expect("utf-8")).is_ok());
    assert!(SigningKey::parse(std::str::from_utf8(&samples[3]).expect("utf-8")).is_ok());
    assert!(Receipt::parse(&samples[4]).is_ok());
    assert!(Policy::parse(&samples[5]).is_ok());
    assert!(TilePath::parse("tile/1/x001/x234/067.p/8").is_ok());
    assert!(TilePath::parse("tile/entries/x001/234").is_ok());
    assert_eq!(parse_bundle(&samples[8], 3).expect("valid").len(), 3);
    let request = passage_log::AddCheckpointRequest::parse(&samples[9]).expect("valid");
    assert_eq!(request.origin().as_deref(), Ok("corridor.example/log"));
}
