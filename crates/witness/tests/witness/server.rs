//! The witness server through its router: the tlog-witness status matrix, cosignatures,
//! durable state, the monitoring endpoint, evidence, and the attacks it must refuse.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use expect_test::expect;
use passage_log::testing::{MemoryLog, ORIGIN, log_key};
use passage_log::{AddCheckpointRequest, Hash, KeyType, SigningKey};
use passage_witness::server::{WitnessState, app, origin_sha256_hex};
use passage_witness::testing::{witness_in, witness_key};
use tower::ServiceExt as _;

/// Sends one request to the witness; returns status, content type and body.
async fn send(
    state: &WitnessState,
    method: &str,
    uri: &str,
    body: String,
) -> (u16, String, String) {
    let request =
        Request::builder().method(method).uri(uri).body(Body::from(body)).expect("a request");
    let response = app(state.clone()).oneshot(request).await.expect("the router answers");
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let bytes = axum::body::to_bytes(response.into_body(), 1 << 20).await.expect("a body");
    (status, content_type, String::from_utf8_lossy(&bytes).into_owned())
}

async fn add(
    state: &WitnessState,
    old_size: u64,
    proof: Vec<Hash>,
    note: &str,
) -> (u16, String, String) {
    let body = AddCheckpointRequest { old_size, proof, checkpoint: note.to_owned() }.to_text();
    send(state, "POST", "/add-checkpoint", body).await
}

/// How a case builds its request from the honest log (10 entries) and a fork of it.
enum Case {
    /// A raw body.
    Raw(&'static str),
    /// `old`, proof from `proof_from` (None: empty), checkpoint at `size`, signed by `signer`,
    /// from the honest log or the fork; `flip` corrupts the proof's first hash.
    Request(Req),
    /// A size-0 checkpoint with a wrong root, to a witness that never cosigned.
    EmptyWrongRoot,
    /// A checkpoint whose signature bytes were altered.
    BadSignature,
}

#[derive(Clone, Copy)]
struct Req {
    old: u64,
    proof_from: Option<u64>,
    size: u64,
    signer: Signer,
    fork: bool,
    flip: bool,
}

#[derive(Clone, Copy)]
enum Signer {
    Log,
    OtherKeySameOrigin,
    OtherOrigin,
}

/// Runs each case against a fresh witness that has cosigned size 4 of the honest log, and
/// renders one line per case: name, status, content type and the first body line.
async fn check(cases: &[(&str, Case)], expect: expect_test::Expect) {
    let honest = MemoryLog::with_entries(10, 10, "honest");
    // The fork shares only the first 2 entries with the honest log.
    let fork = MemoryLog::with_entries(10, 2, "fork");
    let mut out = String::new();
    for (name, case) in cases {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let witness = witness_in(dir.path(), 1, vec![log_key().verifier_key()]);
        if !matches!(case, Case::EmptyWrongRoot) {
            let (status, _, _) =
                add(&witness, 0, honest.proof(0, 4), &honest.note_at(4, &log_key())).await;
            assert_eq!(status, 200, "the witness cosigns the first checkpoint");
        }
        let (status, content_type, body) = match case {
            Case::Raw(body) => send(&witness, "POST", "/add-checkpoint", (*body).to_owned()).await,
            Case::Request(Req { old, proof_from, size, signer, fork: forked, flip }) => {
                let log = if *forked { &fork } else { &honest };
                let key = match signer {
                    Signer::Log => log_key(),
                    Signer::OtherKeySameOrigin => {
                        SigningKey::from_seed(ORIGIN, KeyType::Ed25519, [99; 32]).expect("a key")
                    }
                    Signer::OtherOrigin => {
                        SigningKey::from_seed("other.example/log", KeyType::Ed25519, [98; 32])
                            .expect("a key")
                    }
                };
                let mut proof = proof_from.map(|from| log.proof(from, *size)).unwrap_or_default();
                if *flip {
                    proof[0].0[0] ^= 1;
                }
                add(&witness, *old, proof, &log.note_at(*size, &key)).await
            }
            Case::EmptyWrongRoot => {
                let note = passage_log::Checkpoint {
                    origin: ORIGIN.into(),
                    size: 0,
                    root: Hash([7; 32]),
                    extensions: vec![],
                }
                .sign(&log_key())
                .expect("signing");
                add(&witness, 0, vec![], &note).await
            }
            Case::BadSignature => {
                let note = honest.note_at(10, &log_key());
                // Alter the last base64 character before the newline of the signature line.
                let mut bytes = note.into_bytes();
                let position = bytes.len() - 3;
                bytes[position] = if bytes[position] == b'A' { b'B' } else { b'A' };
                let note = String::from_utf8(bytes).expect("still UTF-8");
                add(&witness, 4, honest.proof(4, 10), &note).await
            }
        };
        let first_line = body.lines().next().unwrap_or("");
        let first_line = if status == 200 {
            first_line.split(' ').take(2).collect::<Vec<_>>().join(" ")
        } else {
            first_line.to_owned()
        };
        out.push_str(&format!("{name}: {status} [{content_type}] {first_line}\n"));
    }
    expect.assert_eq(&out);
}

#[tokio::test]
async fn status_matrix() {
    use Case::*;
    use Signer::*;
    let req = |old, proof_from, size| Req {
        old,
        proof_from,
        size,
        signer: Log,
        fork: false,
        flip: false,
    };
    let request = |old, proof_from, size| Request(req(old, proof_from, size));
    check(
        &[
            ("malformed", Raw("hello\n")),
            ("unknown origin", Request(Req { signer: OtherOrigin, ..req(4, Some(4), 10) })),
            ("unknown log key", Request(Req { signer: OtherKeySameOrigin, ..req(4, Some(4), 10) })),
            ("bad signature", BadSignature),
            ("old beyond size", request(8, None, 6)),
            ("stale old", request(2, Some(2), 10)),
            ("bad proof", Request(Req { flip: true, ..req(4, Some(4), 10) })),
            ("same size, other root", Request(Req { fork: true, ..req(4, None, 4) })),
            ("fork proved from 4", Request(Req { fork: true, ..req(4, Some(4), 10) })),
            ("size 0 with a wrong root", EmptyWrongRoot),
            ("same checkpoint again", request(4, None, 4)),
            ("success", request(4, Some(4), 10)),
        ],
        expect![[r#"
            malformed: 400 [text/plain; charset=utf-8] the request body is malformed: the first line is `old <n>`, n in decimal without leading zeros
            unknown origin: 404 [text/plain; charset=utf-8] this witness does not know the log `other.example/log`
            unknown log key: 403 [text/plain; charset=utf-8] the checkpoint is not validly signed by the log: no known key signed the note
            bad signature: 403 [text/plain; charset=utf-8] the checkpoint is not validly signed by the log: the signature of known key corridor.example/log+d8eca0ac does not verify
            old beyond size: 400 [text/plain; charset=utf-8] old size 8 is larger than the checkpoint's size 6
            stale old: 409 [text/x.tlog.size] 4
            bad proof: 422 [text/plain; charset=utf-8] the checkpoint is not consistent with the last cosigned one
            same size, other root: 422 [text/plain; charset=utf-8] the checkpoint is not consistent with the last cosigned one
            fork proved from 4: 422 [text/plain; charset=utf-8] the checkpoint is not consistent with the last cosigned one
            size 0 with a wrong root: 422 [text/plain; charset=utf-8] the checkpoint is not consistent with the last cosigned one
            same checkpoint again: 200 [text/plain; charset=utf-8] — w1.example/witness
            success: 200 [text/plain; charset=utf-8] — w1.example/witness
        "#]],
    )
    .await;
}

#[tokio::test]
async fn a_cosignature_verifies_and_the_state_survives_a_restart() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let log = MemoryLog::with_entries(10, 10, "honest");
    let note = log.note_at(10, &log_key());
    let witness = witness_in(dir.path(), 1, vec![log_key().verifier_key()]);
    let (status, content_type, line) = add(&witness, 0, log.proof(0, 10), &note).await;
    assert_eq!((status, content_type.as_str()), (200, "text/plain; charset=utf-8"));
    let cosigned = format!("{note}{line}");
    let opened = passage_log::open_checkpoint(
        cosigned.as_bytes(),
        &log_key().verifier_key(),
        &[witness_key(1).verifier_key()],
    )
    .expect("the cosigned checkpoint opens");
    assert_eq!(opened.cosignatures.len(), 1);
    assert_eq!(opened.cosignatures[0].timestamp, Some(1_700_000_000));

    // The monitoring endpoint serves the cosigned checkpoint.
    let path = format!("/{}/checkpoint", origin_sha256_hex(ORIGIN));
    let (status, _, served) = send(&witness, "GET", &path, String::new()).await;
    assert_eq!((status, served.as_str()), (200, cosigned.as_str()));
    let unknown = format!("/{}/checkpoint", origin_sha256_hex("other.example/log"));
    assert_eq!(send(&witness, "GET", &unknown, String::new()).await.0, 404);

    // Reopen the database: the witness still knows it cosigned size 10.
    drop(witness);
    let witness = witness_in(dir.path(), 1, vec![log_key().verifier_key()]);
    let (status, content_type, body) = add(&witness, 0, vec![], &note).await;
    assert_eq!((status, content_type.as_str(), body.as_str()), (409, "text/x.tlog.size", "10\n"));
    assert_eq!(send(&witness, "GET", &path, String::new()).await.2, cosigned);
}

#[tokio::test]
async fn attack_a_forked_log_is_refused_and_evidence_kept() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let honest = MemoryLog::with_entries(10, 10, "honest");
    let fork = MemoryLog::with_entries(12, 6, "fork");
    let witness = witness_in(dir.path(), 1, vec![log_key().verifier_key()]);
    assert_eq!(add(&witness, 0, honest.proof(0, 8), &honest.note_at(8, &log_key())).await.0, 200);

    // The log signs a fork that shares only the first 6 entries: no proof from 8 can hold.
    let fork_note = fork.note_at(12, &log_key());
    let (status, _, _) = add(&witness, 8, fork.proof(8, 12), &fork_note).await;
    assert_eq!(status, 422);
    // The same-size fork is refused too.
    let (status, _, _) = add(&witness, 8, vec![], &fork.note_at(8, &log_key())).await;
    assert_eq!(status, 422);

    // Sent again, the same fork is not kept twice.
    let (status, _, _) = add(&witness, 8, vec![], &fork.note_at(8, &log_key())).await;
    assert_eq!(status, 422);

    // Only the same-size fork is evidence: the log signed it and cannot deny it. The
    // checkpoint at 12 came with a proof that does not verify, and a proof is the sender's
    // word, not the log's, so it is refused and not recorded.
    let records = evidence_of(&witness).await;
    let reasons: Vec<&str> = records.iter().map(|r| r["reason"].as_str().unwrap_or("")).collect();
    assert_eq!(reasons.len(), 1, "{reasons:?}");
    assert!(reasons[0].starts_with("fork: the log signed size 8"), "{reasons:?}");
    assert!(records[0]["request"].as_str().unwrap_or("").contains(&fork.note_at(8, &log_key())));

    // The witness still cosigns the honest log.
    assert_eq!(add(&witness, 8, honest.proof(8, 10), &honest.note_at(10, &log_key())).await.0, 200);
}

/// The evidence the witness lists, every page of it.
async fn evidence_of(witness: &WitnessState) -> Vec<serde_json::Value> {
    all_pages(witness, 100).await
}

/// Every page of the evidence, `limit` records a page, in the listing's order.
async fn all_pages(witness: &WitnessState, limit: usize) -> Vec<serde_json::Value> {
    let mut records = Vec::new();
    let mut uri = format!("/evidence?limit={limit}");
    loop {
        let (status, content_type, json) = send(witness, "GET", &uri, String::new()).await;
        assert_eq!((status, content_type.as_str()), (200, "application/json"), "{json}");
        let page: serde_json::Value = serde_json::from_str(&json).expect("JSON evidence");
        let evidence = page["evidence"].as_array().expect("a list").clone();
        assert!(evidence.len() <= limit, "a page holds at most {limit}");
        records.extend(evidence);
        match page["next"].as_str() {
            Some(next) => uri = format!("/evidence?limit={limit}&after={next}"),
            None => return records,
        }
    }
}

/// A checkpoint of `size` with `root`, signed by `key`: what a forking log signs.
fn signed_root(key: &SigningKey, size: u64, root: Hash) -> String {
    passage_log::Checkpoint { origin: key.name().to_owned(), size, root, extensions: vec![] }
        .sign(key)
        .expect("signing")
}

#[tokio::test]
async fn attack_genuine_checkpoints_sent_with_bad_proofs_leave_no_evidence() {
    // Anyone can fetch a log's genuine checkpoints; an attacker sends them to a witness with
    // proofs that do not verify, over and over, to make the log look forked and to bury
    // real evidence. Each is refused, and nothing is recorded.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let honest = MemoryLog::with_entries(40, 40, "honest");
    let witness = witness_in(dir.path(), 1, vec![log_key().verifier_key()]);
    assert_eq!(add(&witness, 0, honest.proof(0, 8), &honest.note_at(8, &log_key())).await.0, 200);
    let garbage = vec![passage_log::Hash([7; 32]); 3];
    for size in 9..=40 {
        for _ in 0..4 {
            let note = honest.note_at(size, &log_key());
            assert_eq!(add(&witness, 8, garbage.clone(), &note).await.0, 422, "size {size}");
        }
    }
    assert_eq!(evidence_of(&witness).await, Vec::<serde_json::Value>::new());
    // The honest log still goes on, and a real fork is still recorded.
    assert_eq!(add(&witness, 8, honest.proof(8, 40), &honest.note_at(40, &log_key())).await.0, 200);
    let fork = MemoryLog::with_entries(40, 20, "fork");
    assert_eq!(add(&witness, 40, vec![], &fork.note_at(40, &log_key())).await.0, 422);
    assert_eq!(evidence_of(&witness).await.len(), 1);
}

#[tokio::test]
async fn attack_a_checkpoint_signed_by_an_unknown_key_is_refused() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let log = MemoryLog::with_entries(4, 4, "honest");
    let witness = witness_in(dir.path(), 1, vec![log_key().verifier_key()]);
    let impostor = SigningKey::from_seed(ORIGIN, KeyType::Ed25519, [66; 32]).expect("a key");
    let (status, _, body) = add(&witness, 0, log.proof(0, 4), &log.note_at(4, &impostor)).await;
    assert_eq!(status, 403, "{body}");
    // Nothing was cosigned: the monitoring endpoint has nothing for the origin.
    let path = format!("/{}/checkpoint", origin_sha256_hex(ORIGIN));
    assert_eq!(send(&witness, "GET", &path, String::new()).await.0, 404);
}

fn copy_database(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("a backup folder");
    for suffix in ["", "-wal", "-shm"] {
        let name = format!("w1.db{suffix}");
        let _ = std::fs::remove_file(to.join(&name));
        if from.join(&name).exists() {
            std::fs::copy(from.join(&name), to.join(&name)).expect("copying the database");
        }
    }
}

#[tokio::test]
async fn attack_a_witness_rolled_back_on_disk_cannot_be_made_to_cosign_a_fork() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let backup = dir.path().join("backup");
    let honest = MemoryLog::with_entries(10, 10, "honest");
    // The fork agrees with the honest log up to 4 entries, then diverges.
    let fork = MemoryLog::with_entries(12, 4, "fork");
    let logs = || vec![log_key().verifier_key()];

    let witness = witness_in(dir.path(), 1, logs());
    assert_eq!(add(&witness, 0, honest.proof(0, 4), &honest.note_at(4, &log_key())).await.0, 200);
    drop(witness);
    copy_database(dir.path(), &backup); // a backup at size 4

    let witness = witness_in(dir.path(), 1, logs());
    assert_eq!(add(&witness, 4, honest.proof(4, 10), &honest.note_at(10, &log_key())).await.0, 200);
    drop(witness);

    // The database is restored from the backup; the guard file is not.
    copy_database(&backup, dir.path());
    let witness = witness_in(dir.path(), 1, logs());
    // A fork consistent with size 4 but not with size 10: the witness remembers 10.
    let fork_note = fork.note_at(12, &log_key());
    let (status, content_type, body) = add(&witness, 4, fork.proof(4, 12), &fork_note).await;
    assert_eq!((status, content_type.as_str(), body.as_str()), (409, "text/x.tlog.size", "10\n"));
    let (status, _, _) = add(&witness, 10, fork.proof(10, 12), &fork_note).await;
    assert_eq!(status, 422);
    // The rollback itself is on record.
    let (_, _, json) = send(&witness, "GET", "/evidence", String::new()).await;
    assert!(json.contains("rollback: the database said size 4, the guard size 10"), "{json}");
    assert!(json.contains(r#""kind": "rollback""#), "{json}");
    // The honest log continues.
    assert_eq!(add(&witness, 10, vec![], &honest.note_at(10, &log_key())).await.0, 200);
}

#[tokio::test]
async fn a_database_that_does_not_match_its_guard_is_refused_at_start() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let honest = MemoryLog::with_entries(10, 10, "honest");
    let witness = witness_in(dir.path(), 1, vec![log_key().verifier_key()]);
    assert_eq!(add(&witness, 0, honest.proof(0, 4), &honest.note_at(4, &log_key())).await.0, 200);
    drop(witness);
    // A guard naming a different root at the same size.
    let guard = dir.path().join("w1.guard");
    std::fs::write(&guard, format!("{ORIGIN} 4 {}\n", Hash([5; 32]).to_base64())).expect("writing");
    let opened = passage_witness::server::WitnessStore::open(&dir.path().join("w1.db"), &guard);
    assert!(
        matches!(
            opened,
            Err(passage_witness::server::StoreError::GuardMismatch {
                database_size: 4,
                guard_size: 4,
                ..
            })
        ),
        "{:?}",
        opened.err()
    );
}

#[tokio::test]
async fn a_body_over_the_limit_is_refused() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let witness = witness_in(dir.path(), 1, vec![log_key().verifier_key()]);
    let body = "x".repeat(passage_witness::server::ADD_CHECKPOINT_BODY_BYTES_MAX + 1);
    let (status, _, _) = send(&witness, "POST", "/add-checkpoint", body).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE.as_u16());
}

#[tokio::test]
async fn attack_a_flood_of_requests_for_one_log_is_held_to_its_rate() {
    use passage_witness::server::{ADD_CHECKPOINT_PER_LOG_PER_SECOND_MAX, Clock, WitnessStore};
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU64, Ordering};

    let dir = tempfile::tempdir().expect("a temporary folder");
    let second = Arc::new(AtomicU64::new(1_700_000_000));
    let clock_second = second.clone();
    let clock: Clock = Arc::new(move || clock_second.load(Ordering::Relaxed));
    let store = WitnessStore::open(&dir.path().join("w1.db"), &dir.path().join("w1.guard"))
        .expect("opening the witness store");
    let witness = WitnessState::new(witness_key(1), vec![log_key().verifier_key()], store, clock)
        .expect("a witness");
    let honest = MemoryLog::with_entries(10, 10, "honest");
    assert_eq!(add(&witness, 0, honest.proof(0, 8), &honest.note_at(8, &log_key())).await.0, 200);

    // Requests the witness must read and refuse, as fast as the sender can: within one
    // second the log's origin gets its quota, then 429, even for a good request.
    let note = honest.note_at(10, &log_key());
    let garbage = vec![passage_log::Hash([7; 32]); 3];
    for _ in 1..ADD_CHECKPOINT_PER_LOG_PER_SECOND_MAX {
        assert_eq!(add(&witness, 8, garbage.clone(), &note).await.0, 422);
    }
    let (status, _, body) = add(&witness, 8, honest.proof(8, 10), &note).await;
    assert_eq!(status, 429, "{body}");
    // The next second the log is served again.
    second.fetch_add(1, Ordering::Relaxed);
    assert_eq!(add(&witness, 8, honest.proof(8, 10), &note).await.0, 200);
}

#[tokio::test]
async fn attack_a_fork_of_an_older_cosigned_size_is_kept_as_evidence() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let honest = MemoryLog::with_entries(10, 10, "honest");
    let witness = witness_in(dir.path(), 1, vec![log_key().verifier_key()]);
    for (old, size) in [(0, 4), (4, 8), (8, 10)] {
        let note = honest.note_at(size, &log_key());
        assert_eq!(add(&witness, old, honest.proof(old, size), &note).await.0, 200);
    }
    // The log signs another root for size 8, which this witness cosigned before 10: it is
    // refused (it is not the latest), and it is a fork the log cannot deny.
    let fork = MemoryLog::with_entries(10, 6, "fork");
    let (status, _, _) = add(&witness, 10, vec![], &fork.note_at(8, &log_key())).await;
    assert_eq!(status, 400);
    // A size it never cosigned proves nothing, whatever its root.
    let (status, _, _) = add(&witness, 10, vec![], &fork.note_at(7, &log_key())).await;
    assert_eq!(status, 400);
    let records = evidence_of(&witness).await;
    assert_eq!(records.len(), 1, "{records:?}");
    assert_eq!(records[0]["kind"], "fork");
    assert_eq!(records[0]["latest_size"], 8);
    assert_eq!(records[0]["latest_root"], honest.root_at(8).to_base64());
    let reason = records[0]["reason"].as_str().unwrap_or("");
    assert!(reason.starts_with("fork: the log signed size 8 with root"), "{reason}");
}

#[tokio::test]
async fn attack_a_log_flooding_forks_cannot_hide_another_log_s_fork() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let other =
        SigningKey::from_seed("other.example/log", KeyType::Ed25519, [98; 32]).expect("a key");
    let witness = witness_in(dir.path(), 1, vec![log_key().verifier_key(), other.verifier_key()]);
    let honest = MemoryLog::with_entries(4, 4, "honest");
    for key in [&log_key(), &other] {
        assert_eq!(add(&witness, 0, honest.proof(0, 4), &honest.note_at(4, key)).await.0, 200);
    }
    // The first log signs 120 other roots for size 4 (and sends each twice, within its
    // rate): at most EVIDENCE_PER_LOG_MAX are kept, each once.
    for round in 0..2 {
        for number in 0..120u8 {
            let note = signed_root(&log_key(), 4, Hash([number; 32]));
            assert_eq!(add(&witness, 4, vec![], &note).await.0, 422, "round {round}");
        }
    }
    // Then the second log forks once.
    let note = signed_root(&other, 4, Hash([200; 32]));
    assert_eq!(add(&witness, 4, vec![], &note).await.0, 422);

    let records = all_pages(&witness, 10).await;
    let per_log = passage_witness::server::EVIDENCE_PER_LOG_MAX;
    assert_eq!(records.len(), per_log + 1, "each log's forks are kept up to the cap, once each");
    let origins: Vec<&str> = records.iter().map(|r| r["origin"].as_str().unwrap_or("")).collect();
    // The second log's fork is on the first page, right after the first log's first.
    assert_eq!(origins[..2], [ORIGIN, "other.example/log"], "{origins:?}");
    let reasons: std::collections::BTreeSet<&str> =
        records.iter().map(|r| r["reason"].as_str().unwrap_or("")).collect();
    assert_eq!(reasons.len(), records.len(), "no record twice");
}

#[tokio::test]
async fn paging_returns_every_record_exactly_once_real_forks_first() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let backup = dir.path().join("backup");
    let honest = MemoryLog::with_entries(10, 10, "honest");
    let witness = witness_in(dir.path(), 1, vec![log_key().verifier_key()]);
    assert_eq!(add(&witness, 0, honest.proof(0, 4), &honest.note_at(4, &log_key())).await.0, 200);
    drop(witness);
    copy_database(dir.path(), &backup);
    let witness = witness_in(dir.path(), 1, vec![log_key().verifier_key()]);
    assert_eq!(add(&witness, 4, honest.proof(4, 10), &honest.note_at(10, &log_key())).await.0, 200);
    drop(witness);
    // A rollback first, kept before any fork...
    copy_database(&backup, dir.path());
    let witness = witness_in(dir.path(), 1, vec![log_key().verifier_key()]);
    // ...then 23 forks of size 10 and 2 of size 4.
    for number in 0..23u8 {
        let note = signed_root(&log_key(), 10, Hash([number; 32]));
        assert_eq!(add(&witness, 10, vec![], &note).await.0, 422);
    }
    for number in 0..2u8 {
        let note = signed_root(&log_key(), 4, Hash([number; 32]));
        assert_eq!(add(&witness, 10, vec![], &note).await.0, 400);
    }
    let whole = all_pages(&witness, 100).await;
    assert_eq!(whole.len(), 26, "{whole:?}");
    let kinds: Vec<&str> = whole.iter().map(|r| r["kind"].as_str().unwrap_or("")).collect();
    assert_eq!(kinds[..25], ["fork"; 25], "forks first");
    assert_eq!(kinds[25], "rollback");
    for limit in [1, 3, 7, 25, 26] {
        let paged = all_pages(&witness, limit).await;
        assert_eq!(paged, whole, "pages of {limit} give each record once, in order");
    }
    // Cursors and limits that are not the listing's are refused.
    for query in ["limit=0", "limit=101", "after=1.2", "after=0.0.x", "after=00.1.2", "page=2"] {
        let (status, _, body) =
            send(&witness, "GET", &format!("/evidence?{query}"), String::new()).await;
        assert_eq!(status, 400, "{query}: {body}");
    }
}

/// `POST /draw`: the witness proves with the party's VRF key only for a tree within the
/// latest checkpoint it cosigned (so no output exists before the tree is irrevocable), and
/// its proof is the one the VRF gives for that size and root (so asking twice is useless).
/// Each case: the tree's size, whether its root is the log's, the latest size the request
/// claims; the witness cosigned size 6 of 10 entries.
#[tokio::test]
async fn a_witness_draws_only_within_what_it_cosigned() {
    use base64::Engine as _;
    let honest = MemoryLog::with_entries(10, 10, "honest");
    let dir = tempfile::tempdir().expect("a temporary folder");
    let witness = witness_in(dir.path(), 1, vec![log_key().verifier_key()]);
    let secret = [5u8; 32];
    witness.set_vrf_key(secret).expect("a VRF key");
    let (status, _, _) = add(&witness, 0, honest.proof(0, 6), &honest.note_at(6, &log_key())).await;
    assert_eq!(status, 200);
    let draw = |size: u64, true_root: bool, latest: u64| {
        let root = if true_root { honest.root_at(size) } else { honest.root_at(size - 1) };
        let proof =
            if size <= latest && latest <= 10 { honest.proof(size, latest) } else { vec![] };
        passage_log::DrawRequest { origin: ORIGIN.into(), size, root, latest_size: latest, proof }
            .to_text()
    };
    let mut lines = Vec::new();
    for (name, body) in [
        ("a tree within the cosigned checkpoint", draw(4, true, 6)),
        ("the cosigned checkpoint itself", draw(6, true, 6)),
        ("another root at that size", draw(4, false, 6)),
        ("a stale latest size", draw(4, true, 5)),
        ("a tree not yet cosigned", draw(8, true, 8)),
        ("an unknown log", draw(4, true, 6).replace(ORIGIN, "other.example/log")),
        ("a malformed body", "origin x\n".to_owned()),
    ] {
        let (status, content_type, body) = send(&witness, "POST", "/draw", body).await;
        let first = body.lines().next().unwrap_or("").to_owned();
        let shown =
            if status == 200 { format!("{} base64 characters", first.len()) } else { first };
        lines.push(format!("{name}: {status} {content_type} {shown}"));
    }
    expect![[r#"
        a tree within the cosigned checkpoint: 200 text/plain; charset=utf-8 108 base64 characters
        the cosigned checkpoint itself: 200 text/plain; charset=utf-8 108 base64 characters
        another root at that size: 422 text/plain; charset=utf-8 the tree of size 4 is not a prefix of the checkpoint this witness cosigned
        a stale latest size: 409 text/x.tlog.size 6
        a tree not yet cosigned: 409 text/x.tlog.size 6
        an unknown log: 404 text/plain; charset=utf-8 this witness does not know the log `other.example/log`
        a malformed body: 400 text/plain; charset=utf-8 the draw request is malformed: line 2 is `size <n>`
    "#]].assert_eq(&(lines.join("\n") + "\n"));
    // The proof is the VRF's for that tree under the witness's key: the same every time.
    let (_, _, first) = send(&witness, "POST", "/draw", draw(4, true, 6)).await;
    let (_, _, again) = send(&witness, "POST", "/draw", draw(4, true, 6)).await;
    assert_eq!(first, again, "the VRF is deterministic");
    let proof: [u8; 80] = base64::engine::general_purpose::STANDARD
        .decode(first.trim_end())
        .expect("base64")
        .try_into()
        .expect("80 bytes");
    let key = vrf_r255::PublicKey::from(
        Option::<vrf_r255::SecretKey>::from(vrf_r255::SecretKey::from_bytes(secret))
            .expect("a key"),
    );
    let input = passage_log::draw_vrf_input(4, &honest.root_at(4));
    let proof = vrf_r255::Proof::from_bytes(proof).expect("a proof");
    assert!(bool::from(key.verify(&input, &proof).is_some()), "the proof verifies");
    // Without a VRF key the witness gives no contribution.
    let bare = witness_in(dir.path(), 2, vec![log_key().verifier_key()]);
    let (status, _, body) = send(&bare, "POST", "/draw", draw(4, true, 6)).await;
    assert_eq!(
        (status, body.trim_end()),
        (404, "this witness has no VRF key: it gives no contribution to the draw")
    );
}
