//! Signing, cosigning, checkpoints, trust policies and receipts, end to end in memory.

use expect_test::{Expect, expect};
use passage_log::{
    Appender, Checkpoint, CheckpointError, KeyType, MemoryTiles, NoteError, Policy,
    PolicyVerifyError, Receipt, ReceiptError, SigningKey, VerifierKey, add_cosignature, leaf_hash,
    open_checkpoint, prove_inclusion,
};

fn key(name: &str, key_type: KeyType, seed: u8) -> SigningKey {
    SigningKey::from_seed(name, key_type, [seed; 32]).expect("valid name")
}

fn log_key() -> SigningKey {
    key("corridor.example/log", KeyType::Ed25519, 1)
}

fn witness(name: &str, seed: u8) -> SigningKey {
    key(name, KeyType::CosignatureV1, seed)
}

/// A log of 1000 entries, its tiles and its signed checkpoint.
fn log() -> (MemoryTiles, Checkpoint, String) {
    let mut appender = Appender::new();
    let entries: Vec<Vec<u8>> =
        (0..1000u32).map(|i| format!("statement {i}").into_bytes()).collect();
    let batch = appender.append_batch(&entries).expect("small");
    let mut tiles = MemoryTiles::new();
    tiles.apply(&batch.changes);
    let checkpoint = Checkpoint {
        origin: "corridor.example/log".into(),
        size: appender.size(),
        root: appender.root(),
        extensions: vec![],
    };
    let note = checkpoint.sign(&log_key()).expect("an Ed25519 key");
    (tiles, checkpoint, note)
}

#[test]
fn a_signed_checkpoint_opens_with_the_log_key_and_cosignatures_verify() {
    let (_, checkpoint, note) = log();
    let a = witness("gov-a.example/w1", 2);
    let b = witness("gov-b.example/w1", 3);
    let note = add_cosignature(&note, &a, 1_700_000_000).expect("cosign");
    let note = add_cosignature(&note, &b, 1_700_000_001).expect("cosign");
    let signed = open_checkpoint(
        note.as_bytes(),
        &log_key().verifier_key(),
        &[a.verifier_key(), b.verifier_key()],
    )
    .expect("valid");
    assert_eq!(signed.checkpoint, checkpoint);
    let times: Vec<Option<u64>> = signed.cosignatures.iter().map(|s| s.timestamp).collect();
    assert_eq!(times, [Some(1_700_000_000), Some(1_700_000_001)]);
    // A witness unknown to the reader is ignored.
    let signed = open_checkpoint(note.as_bytes(), &log_key().verifier_key(), &[]).expect("valid");
    assert!(signed.cosignatures.is_empty());
}

#[test]
fn a_cosignature_key_cannot_sign_a_checkpoint_and_the_log_key_must_sign() {
    let (_, checkpoint, note) = log();
    let witness = witness("gov-a.example/w1", 2);
    assert!(checkpoint.sign(&witness).is_err());
    assert!(log_key().cosign(&checkpoint.to_text(), 5).is_err());
    // A note signed only by a witness: the log's signature is missing.
    let other_log = key("corridor.example/log", KeyType::Ed25519, 9);
    let foreign = checkpoint.sign(&other_log).expect("signs");
    let cosigned = add_cosignature(&foreign, &witness, 7).expect("cosign");
    assert_eq!(
        open_checkpoint(cosigned.as_bytes(), &log_key().verifier_key(), &[witness.verifier_key()]),
        Err(CheckpointError::NotSignedByLog)
    );
    // The origin must be the log key's name.
    let renamed = key("other.example/log", KeyType::Ed25519, 1);
    assert!(matches!(
        open_checkpoint(note.as_bytes(), &renamed.verifier_key(), &[]),
        Err(CheckpointError::Note(NoteError::NoKnownSignature))
    ));
}

#[test]
fn a_flipped_bit_anywhere_in_a_cosigned_note_is_caught() {
    let (_, _, note) = log();
    let a = witness("gov-a.example/w1", 2);
    let note = add_cosignature(&note, &a, 1_700_000_000).expect("cosign");
    // A flip in the witness's name makes its cosignature unknown, and unknown signatures are
    // ignored by design; the policy's quorum is what then refuses the note.
    let policy_text =
        format!("log {}\nwitness a {}\nquorum a\n", log_key().verifier_key(), a.verifier_key());
    let policy = Policy::parse(policy_text.as_bytes()).expect("valid");
    assert!(policy.verify_checkpoint(note.as_bytes()).is_ok());
    let bytes = note.as_bytes();
    for position in 0..bytes.len() {
        for bit in 0..8 {
            let mut bad = bytes.to_vec();
            bad[position] ^= 1 << bit;
            assert!(
                policy.verify_checkpoint(&bad).is_err(),
                "flip at byte {position} bit {bit} went unnoticed"
            );
        }
    }
}

const POLICY: &str = "\
# Two states and a monitor: one witness of each must cosign.
log corridor.example/log+{LOG}
witness a1 {A1}
witness a2 {A2}
group state-a any a1 a2
witness b1 {B1}
group state-b 1 b1
witness m1 {M1} https://monitor.example/witness
group all-parties all state-a state-b m1
quorum all-parties
";

fn policy_text() -> (String, [SigningKey; 4]) {
    let keys = [
        witness("gov-a.example/w1", 11),
        witness("gov-a.example/w2", 12),
        witness("gov-b.example/w1", 13),
        witness("monitor.example/w1", 14),
    ];
    let log_vkey = log_key().verifier_key().to_string();
    let text = POLICY
        .replace("corridor.example/log+{LOG}", &log_vkey)
        .replace("{A1}", &keys[0].verifier_key().to_string())
        .replace("{A2}", &keys[1].verifier_key().to_string())
        .replace("{B1}", &keys[2].verifier_key().to_string())
        .replace("{M1}", &keys[3].verifier_key().to_string());
    (text, keys)
}

#[test]
fn the_policy_needs_every_party() {
    let (text, keys) = policy_text();
    let policy = Policy::parse(text.as_bytes()).expect("valid policy");
    let (_, _, note) = log();
    let cosign = |note: &str, signers: &[&SigningKey]| {
        signers.iter().fold(note.to_owned(), |note, signer| {
            add_cosignature(&note, signer, 1_700_000_000).expect("cosign")
        })
    };
    let [a1, a2, b1, m1] = &keys;
    assert!(policy.verify_checkpoint(cosign(&note, &[a2, b1, m1]).as_bytes()).is_ok());
    assert!(policy.verify_checkpoint(cosign(&note, &[a1, a2, b1, m1]).as_bytes()).is_ok());
    assert_eq!(
        policy.verify_checkpoint(cosign(&note, &[a1, a2, b1]).as_bytes()),
        Err(PolicyVerifyError::QuorumNotMet)
    );
    assert_eq!(
        policy.verify_checkpoint(cosign(&note, &[b1, m1]).as_bytes()),
        Err(PolicyVerifyError::QuorumNotMet)
    );
    let stranger = witness("stranger.example/w", 99);
    assert_eq!(
        policy.verify_checkpoint(cosign(&note, &[&stranger, b1, m1]).as_bytes()),
        Err(PolicyVerifyError::QuorumNotMet)
    );
}

fn check_policy(text: &str, expect: Expect) {
    let rendered = match Policy::parse(text.as_bytes()) {
        Ok(policy) => format!(
            "ok: {} logs, {} witnesses, {} groups",
            policy.logs().len(),
            policy.witnesses().len(),
            policy.groups().len()
        ),
        Err(error) => format!("error: {error}"),
    };
    expect.assert_eq(&rendered);
}

#[test]
fn policy_errors_name_the_line() {
    let log = log_key().verifier_key().to_string();
    let w = witness("w.example/1", 5).verifier_key().to_string();
    let w2 = witness("w.example/2", 6).verifier_key().to_string();
    check_policy("quorum none\n", expect!["ok: 0 logs, 0 witnesses, 0 groups"]);
    check_policy(&format!("log {log}\nquorum none"), expect!["ok: 1 logs, 0 witnesses, 0 groups"]);
    check_policy("", expect!["error: a policy has exactly one quorum line; this one has none"]);
    check_policy(
        "quorum none\nquorum none\n",
        expect!["error: policy line 2: a policy has exactly one quorum line"],
    );
    check_policy(
        "quorum x\n",
        expect!["error: policy line 1: `x` is not defined on an earlier line"],
    );
    check_policy(
        &format!("witness none {w}\nquorum none"),
        expect!["error: policy line 1: `none` is reserved"],
    );
    check_policy(
        &format!("witness a {w}\nwitness a {w2}\nquorum a"),
        expect!["error: policy line 2: the name `a` is already defined"],
    );
    check_policy(
        &format!("witness a {w}\nwitness b {w}\nquorum a"),
        expect!["error: policy line 2: the same public key is listed twice"],
    );
    check_policy(
        &format!("witness a {w}\ngroup g 2 a\nquorum g"),
        expect![
            "error: policy line 2: a threshold is all, any or a number from 1 to the number of members"
        ],
    );
    check_policy(
        &format!("witness a {w}\ngroup g any a a\nquorum g"),
        expect!["error: policy line 2: `a` is listed twice in the group"],
    );
    check_policy(
        &format!("witness a {log}\nquorum a"),
        expect!["error: policy line 1: a witness key has signature type 0x04 (cosignature/v1)"],
    );
    check_policy(
        &format!("log {w}\nquorum none"),
        expect!["error: policy line 1: a log key has signature type 0x01 (Ed25519)"],
    );
    check_policy(
        "frobnicate\nquorum none",
        expect![
            "error: policy line 1: unknown keyword `frobnicate` (expected log, witness, group or quorum)"
        ],
    );
    check_policy(
        "quorum none\u{7}\n",
        expect!["error: policy line 1: only tab and newline are allowed as control characters"],
    );
    check_policy("  # comment\n\t\nquorum\tnone  \n", expect!["ok: 0 logs, 0 witnesses, 0 groups"]);
}

#[test]
fn a_receipt_proves_an_entry_offline() {
    let (tiles, checkpoint, note) = log();
    let (text, keys) = policy_text();
    let policy = Policy::parse(text.as_bytes()).expect("valid");
    let cosigned = [&keys[0], &keys[2], &keys[3]]
        .iter()
        .fold(note, |note, signer| add_cosignature(&note, signer, 1_700_000_000).expect("cosign"));
    let index = 437;
    let entry = format!("statement {index}").into_bytes();
    let receipt = Receipt {
        extra: Some(entry.clone()),
        index,
        proof: prove_inclusion(&tiles, checkpoint.size, index).expect("stored"),
        checkpoint: cosigned,
    };
    let text = receipt.to_text();
    let parsed = Receipt::parse(text.as_bytes()).expect("round trip");
    assert_eq!(parsed, receipt);
    assert!(text.starts_with("c2sp.org/tlog-proof@v1\nextra "));
    let signed = parsed.verify(&leaf_hash(&entry), &policy).expect("valid receipt");
    assert_eq!(signed.checkpoint, checkpoint);
    // Another entry, another index, or a weaker policy's checkpoint does not pass.
    assert!(matches!(
        parsed.verify(&leaf_hash(b"statement 438"), &policy),
        Err(ReceiptError::Inclusion(_))
    ));
    let moved = Receipt { index: 438, ..parsed.clone() };
    assert!(moved.verify(&leaf_hash(&entry), &policy).is_err());
    let only_log =
        Receipt { checkpoint: checkpoint.sign(&log_key()).expect("signs"), ..parsed.clone() };
    assert_eq!(
        only_log.verify(&leaf_hash(&entry), &policy),
        Err(ReceiptError::Checkpoint(PolicyVerifyError::QuorumNotMet))
    );
    assert!(
        only_log.verify(&leaf_hash(&entry), &Policy::single_log(log_key().verifier_key())).is_ok()
    );
    // Every flipped bit of the receipt text is caught (or makes it unreadable).
    let bytes = text.as_bytes();
    for position in (0..bytes.len()).step_by(3) {
        let mut bad = bytes.to_vec();
        bad[position] ^= 0x01;
        let caught = match Receipt::parse(&bad) {
            Err(_) => true,
            Ok(receipt) => {
                let leaf = leaf_hash(receipt.extra.as_deref().unwrap_or_default());
                receipt.verify(&leaf, &policy).is_err()
            }
        };
        // Flips in base64 padding bits or in an unknown-key line can leave it valid; neither
        // exists in the header, index or proof lines.
        if position < text.find("\n\n").expect("blank line") {
            assert!(caught, "flip at byte {position} of the receipt went unnoticed");
        }
    }
}

#[test]
fn keys_round_trip_through_their_text_forms() {
    let signer = witness("gov-a.example/w1", 2);
    let parsed = SigningKey::parse(&signer.to_skey()).expect("round trip");
    assert_eq!(parsed.verifier_key(), signer.verifier_key());
    let vkey = signer.verifier_key().to_string();
    assert_eq!(VerifierKey::parse(&vkey).expect("round trip"), signer.verifier_key());
    assert!(!format!("{signer:?}").contains(&signer.to_skey()));
}

#[test]
fn a_cosignature_signs_the_header_the_time_and_the_checkpoint() {
    // c2sp.org/tlog-cosignature: the line carries key id, 8-byte big-endian time and an
    // Ed25519 signature over "cosignature/v1\ntime <t>\n" followed by the checkpoint text.
    use base64::Engine as _;
    let (_, checkpoint, _) = log();
    let witness = witness("gov-a.example/w1", 2);
    let line = witness.cosign(&checkpoint.to_text(), 1_234_567_890).expect("cosign");
    let encoded = line.trim_end().rsplit_once(' ').expect("name and signature").1;
    let bytes = base64::engine::general_purpose::STANDARD.decode(encoded).expect("base64");
    assert_eq!(bytes.len(), 4 + 8 + 64);
    let vkey = witness.verifier_key();
    assert_eq!(bytes[..4], vkey.key_id().to_be_bytes());
    assert_eq!(bytes[4..12], 1_234_567_890u64.to_be_bytes());
    let message = format!("cosignature/v1\ntime 1234567890\n{}", checkpoint.to_text());
    let signature = ed25519_dalek::Signature::from_slice(&bytes[12..]).expect("64 bytes");
    assert!(vkey.public_key().verify_strict(message.as_bytes(), &signature).is_ok());
    // The vkey has type 0x04 and its id covers that type byte.
    let typed = base64::engine::general_purpose::STANDARD
        .decode(vkey.to_string().rsplit_once('+').expect("three fields").1)
        .expect("base64");
    assert_eq!(typed[0], 0x04);
}

#[test]
fn a_note_with_many_unknown_signatures_still_opens() {
    // c2sp.org/signed-note: verifiers must accept at least 16 signatures and ignore those
    // from unknown keys.
    let (_, checkpoint, note) = log();
    let mut note = note;
    for seed in 0..40u8 {
        let stranger = key(&format!("stranger{seed}.example/w"), KeyType::CosignatureV1, seed);
        note = add_cosignature(&note, &stranger, 1).expect("cosign");
    }
    let signed = open_checkpoint(note.as_bytes(), &log_key().verifier_key(), &[]).expect("opens");
    assert_eq!(signed.checkpoint, checkpoint);
}

#[test]
fn a_policy_may_list_two_keys_for_one_origin() {
    // During a key rotation both keys are trusted; a checkpoint signed by either passes.
    let (_, checkpoint, _) = log();
    let new_key = key("corridor.example/log", KeyType::Ed25519, 42);
    let text =
        format!("log {}\nlog {}\nquorum none\n", log_key().verifier_key(), new_key.verifier_key());
    let policy = Policy::parse(text.as_bytes()).expect("valid");
    let note = checkpoint.sign(&new_key).expect("signs");
    assert!(policy.verify_checkpoint(note.as_bytes()).is_ok());
    let stranger = key("corridor.example/log", KeyType::Ed25519, 43);
    let note = checkpoint.sign(&stranger).expect("signs");
    assert!(matches!(
        policy.verify_checkpoint(note.as_bytes()),
        Err(PolicyVerifyError::Checkpoint(CheckpointError::Note(NoteError::NoKnownSignature)))
    ));
}
