//! The witness's decision on `add-checkpoint` requests (c2sp.org/tlog-witness), status by
//! status.

use passage_log::{
    AddCheckpointRequest, Appender, Checkpoint, Hash, KeyType, MemoryTiles, SigningKey,
    WitnessRefusal, add_cosignature, check_add_checkpoint, open_checkpoint, prove_consistency,
};

fn log_key() -> SigningKey {
    SigningKey::from_seed("corridor.example/log", KeyType::Ed25519, [1; 32]).expect("valid")
}

/// Checkpoints of one log at sizes 1000 and 1500, and its tiles at 1500.
struct Log {
    tiles: MemoryTiles,
    at_1000: (Checkpoint, String),
    at_1500: (Checkpoint, String),
}

fn log() -> Log {
    let mut appender = Appender::new();
    let mut tiles = MemoryTiles::new();
    let mut signed = Vec::new();
    for (start, end) in [(0u32, 1000u32), (1000, 1500)] {
        let entries: Vec<Vec<u8>> = (start..end).map(|i| i.to_be_bytes().to_vec()).collect();
        tiles.apply(&appender.append_batch(&entries).expect("small").changes);
        let checkpoint = Checkpoint {
            origin: "corridor.example/log".into(),
            size: appender.size(),
            root: appender.root(),
            extensions: vec![],
        };
        let note = checkpoint.sign(&log_key()).expect("signs");
        signed.push((checkpoint, note));
    }
    let at_1500 = signed.pop().expect("two");
    let at_1000 = signed.pop().expect("two");
    Log { tiles, at_1000, at_1500 }
}

fn request(old_size: u64, proof: Vec<Hash>, note: &str) -> AddCheckpointRequest {
    let request = AddCheckpointRequest { old_size, proof, checkpoint: note.to_owned() };
    let parsed = AddCheckpointRequest::parse(request.to_text().as_bytes()).expect("round trip");
    assert_eq!(parsed, request);
    parsed
}

#[test]
fn a_fresh_witness_then_a_consistent_update_are_accepted_and_cosigned() {
    let log = log();
    let key = log_key().verifier_key();
    let first = request(0, vec![], &log.at_1000.1);
    assert_eq!(first.origin().expect("readable"), "corridor.example/log");
    assert_eq!(check_add_checkpoint(&first, &key, None), Ok(log.at_1000.0.clone()));
    let proof = prove_consistency(&log.tiles, 1000, 1500).expect("stored");
    let update = request(1000, proof, &log.at_1500.1);
    let latest = Some((1000, log.at_1000.0.root));
    let accepted = check_add_checkpoint(&update, &key, latest).expect("consistent");
    // The witness then cosigns; the log appends the line to its note.
    let witness = SigningKey::from_seed("monitor.example/w1", KeyType::CosignatureV1, [2; 32])
        .expect("valid");
    let cosigned = add_cosignature(&update.checkpoint, &witness, 1_700_000_000).expect("cosigns");
    let opened =
        open_checkpoint(cosigned.as_bytes(), &key, &[witness.verifier_key()]).expect("valid");
    assert_eq!((opened.checkpoint, opened.cosignatures.len()), (accepted, 1));
}

#[test]
fn each_refusal_has_the_specs_status() {
    let log = log();
    let key = log_key().verifier_key();
    let latest = Some((1000, log.at_1000.0.root));
    let proof = prove_consistency(&log.tiles, 1000, 1500).expect("stored");

    // 409: the log's idea of the witness's state is stale; the body tells it the size.
    let stale = request(999, proof.clone(), &log.at_1500.1);
    let refusal = check_add_checkpoint(&stale, &key, latest).expect_err("stale");
    assert_eq!(refusal, WitnessRefusal::Conflict { old_size: 999, latest_size: 1000 });
    assert_eq!(refusal.http_status(), 409);

    // 400: old after new.
    let backwards = request(1600, vec![], &log.at_1500.1);
    assert_eq!(
        check_add_checkpoint(&backwards, &key, latest).map_err(|r| r.http_status()),
        Err(400)
    );

    // 422: a bad proof, a proof with old 0, the same size with another root.
    let mut bad = proof.clone();
    bad[0].0[0] ^= 1;
    let refusal = check_add_checkpoint(&request(1000, bad, &log.at_1500.1), &key, latest);
    assert_eq!(refusal, Err(WitnessRefusal::Inconsistent));
    let refusal = check_add_checkpoint(&request(0, proof.clone(), &log.at_1500.1), &key, None);
    assert_eq!(refusal.map_err(|r| r.http_status()), Err(422));
    let fork = Checkpoint { root: Hash([5; 32]), ..log.at_1000.0.clone() };
    let fork_note = fork.sign(&log_key()).expect("signs");
    let refusal = check_add_checkpoint(&request(1000, vec![], &fork_note), &key, latest);
    assert_eq!(refusal, Err(WitnessRefusal::Inconsistent));

    // 403: not signed by the log's key.
    let impostor =
        SigningKey::from_seed("corridor.example/log", KeyType::Ed25519, [9; 32]).expect("valid");
    let forged = log.at_1500.0.sign(&impostor).expect("signs");
    let refusal = check_add_checkpoint(&request(1000, proof, &forged), &key, latest);
    assert_eq!(refusal.map_err(|r| r.http_status()), Err(403));
}

#[test]
fn malformed_requests_are_refused_with_a_reason() {
    for (body, reason) in [
        ("", "the first line is `old <n>`, n in decimal without leading zeros"),
        ("old 01\n\n", "the first line is `old <n>`, n in decimal without leading zeros"),
        ("old 1\nnot-base64\n\n", "proof line 1: a hash must be standard base64"),
        ("old 1\n", "the proof is followed by an empty line and the checkpoint"),
    ] {
        let error = AddCheckpointRequest::parse(body.as_bytes()).expect_err("malformed");
        assert_eq!(error.to_string(), reason, "{body:?}");
    }
    let too_long =
        format!("old 1\n{}\n", "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n".repeat(64));
    assert_eq!(
        AddCheckpointRequest::parse(too_long.as_bytes()),
        Err(passage_log::WitnessRequestError::ProofTooLong)
    );
}
