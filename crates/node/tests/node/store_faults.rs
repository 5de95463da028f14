//! What the node promises when its store fails, over the store double that fails on demand
//! (`passage_store::faults`): a failed commit fails its batch and the one staged behind
//! it, acknowledges none of them and reloads the state from the store (the store is the
//! truth, also when it stored the batch and only the answer was lost); payloads that could
//! not be stored are answered 503 naming the entry, which stays in the log; a failed
//! snapshot write leaves the node serving and the previous snapshot (or the one written)
//! in use, and recovery reaches the live state; a snapshot taken at the end of a failed
//! batch is never written.

use crate::common::node::{TestNode, declaration, request, submit, wait_for};
use axum::http::StatusCode;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use passage_core::SignedStatement;
use passage_core::statement::OfficerRole;
use passage_node::{NodeConfig, snapshot};
use passage_store::faults::{FailAt, FaultPoint, Faults, When};
use passage_store::{AnyStore, SqliteConfig, Store, StoreConfig};
use std::sync::Arc;
use std::time::Duration;

/// How long a test waits for something that should happen at once.
const WAIT_MAX: Duration = Duration::from_secs(10);

/// A node whose store fails as `faults` says, with the charter, a customs officer at
/// Meghri and one carrier, snapshotting every `snapshot_interval_entries` entries.
async fn start(faults: &Arc<Faults>, snapshot_interval_entries: u64) -> TestNode {
    let officers = [("authority:AM", OfficerRole::Customs, "AM-MEGHRI-E")];
    TestNode::start_with(&officers, |config| NodeConfig {
        store: StoreConfig::Faulty { inner: Box::new(config.store), faults: Arc::clone(faults) },
        snapshot_interval_entries,
        ..config
    })
    .await
}

/// The default interval: no snapshot is taken in these tests unless they ask.
const NO_SNAPSHOTS: u64 = snapshot::SNAPSHOT_INTERVAL_ENTRIES;

/// The status and error code of an answer, or the index and `duplicate` of an
/// acknowledgement: `200 entry 7`, `200 entry 7 duplicate`, `503 unavailable`.
fn outcome((status, json): &(StatusCode, serde_json::Value)) -> String {
    match json["index"].as_u64() {
        Some(index) if *status == StatusCode::OK => {
            let duplicate = if json["duplicate"] == true { " duplicate" } else { "" };
            format!("{} entry {index}{duplicate}", status.as_u16())
        }
        _ => format!("{} {}", status.as_u16(), json["error"].as_str().unwrap_or("?")),
    }
}

/// Submits `statements` at once, the first of which is to be held in the store's
/// `append_batch` while the others are applied into the batch staged behind it; once they
/// are, lets the held append go on (or fail, as armed) and returns each answer.
async fn submit_behind_a_held_append(
    harness: &TestNode,
    faults: &Faults,
    statements: &[SignedStatement],
) -> Vec<String> {
    let movements_before = movement_count(harness);
    faults.hold(FaultPoint::AppendBatch);
    let mut answers = Vec::new();
    for (position, statement) in statements.iter().enumerate() {
        let (app, statement) = (harness.app().clone(), statement.clone());
        answers.push(tokio::spawn(async move { submit(&app, &statement).await }));
        if position == 0 {
            wait_for("the first batch to reach the store", WAIT_MAX, || {
                faults.waiting(FaultPoint::AppendBatch) == 1
            })
            .await;
        }
    }
    wait_for("every statement to be applied", WAIT_MAX, || {
        movement_count(harness) == movements_before + statements.len()
    })
    .await;
    faults.release(FaultPoint::AppendBatch);
    let mut outcomes = Vec::new();
    for answer in answers {
        outcomes.push(outcome(&answer.await.expect("the submission ran")));
    }
    outcomes
}

/// Movements in the node's state.
fn movement_count(harness: &TestNode) -> usize {
    harness.app().shared.read_state(|state| state.movements().len()).unwrap_or_default()
}

/// The log's size in the store.
async fn stored_size(harness: &TestNode) -> u64 {
    harness.app().store.tree_size().await.expect("reads")
}

/// What the node holds, to compare with the store: the tree head's size, the state's
/// entry count and its movements, and the state's digest equal to a replay of the store.
async fn node_and_store(harness: &TestNode) -> String {
    let shared = &harness.app().shared;
    let (next_index, movements, digest) = shared
        .read_state(|state| (state.next_entry_index(), state.movements().len(), state.digest()))
        .expect("a state");
    let recovered = snapshot::recover(&harness.app().store).await.expect("recovers");
    let replayed = recovered.state.expect("a state").digest();
    format!(
        "store {} entries, tree head {}, state {next_index} entries and {movements} movements, \
         digest {}",
        stored_size(harness).await,
        harness.tree_size(),
        if digest == replayed { "as replayed" } else { "NOT as replayed" }
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_append_failing_before_it_is_stored_fails_its_batch_and_the_one_behind_it() {
    let faults = Faults::new();
    let harness = start(&faults, NO_SNAPSHOTS).await;
    let size = harness.tree_size();
    let (first, second, third) =
        (declaration("10AB401"), declaration("10AB402"), declaration("10AB403"));

    faults.fail(FaultPoint::AppendBatch, FailAt { nth: 1, when: When::BeforePersisting });
    let outcomes =
        submit_behind_a_held_append(&harness, &faults, &[first.clone(), second.clone()]).await;
    assert_eq!(outcomes, ["503 unavailable", "503 unavailable"]);
    assert_eq!(faults.injected(FaultPoint::AppendBatch), 1);

    // The state reloaded: the next statement gets the index the store expects, and
    // neither lost declaration is in the state.
    assert_eq!(outcome(&submit(harness.app(), &third).await), format!("200 entry {size}"));
    let expected = format!(
        "store {0} entries, tree head {0}, state {0} entries and 1 movements, digest as replayed",
        size + 1
    );
    assert_eq!(node_and_store(&harness).await, expected);

    // Resubmitted, both are sequenced after it.
    let again = [submit(harness.app(), &first).await, submit(harness.app(), &second).await];
    let again: Vec<String> = again.iter().map(outcome).collect();
    assert_eq!(again, [format!("200 entry {}", size + 1), format!("200 entry {}", size + 2)]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_append_failing_after_it_is_stored_is_not_acknowledged_but_is_in_the_log() {
    let faults = Faults::new();
    let harness = start(&faults, NO_SNAPSHOTS).await;
    let size = harness.tree_size();
    let (first, second, third) =
        (declaration("10AB411"), declaration("10AB412"), declaration("10AB413"));

    faults.fail(FaultPoint::AppendBatch, FailAt { nth: 1, when: When::AfterPersisting });
    let outcomes =
        submit_behind_a_held_append(&harness, &faults, &[first.clone(), second.clone()]).await;
    assert_eq!(outcomes, ["503 unavailable", "503 unavailable"], "nothing acknowledged");

    // The store is the truth: the first declaration is there, the staged one is not, and
    // the resubmitted first is answered with its stored entry. The state and the tree
    // head follow the store without waiting for another commit.
    let resubmitted = outcome(&submit(harness.app(), &first).await);
    assert_eq!(resubmitted, format!("200 entry {size} duplicate"));
    let expected = format!(
        "store {0} entries, tree head {0}, state {0} entries and 1 movements, digest as replayed",
        size + 1
    );
    assert_eq!(node_and_store(&harness).await, expected);

    // The next appends go on at the right index.
    let again = [submit(harness.app(), &second).await, submit(harness.app(), &third).await];
    let again: Vec<String> = again.iter().map(outcome).collect();
    assert_eq!(again, [format!("200 entry {}", size + 1), format!("200 entry {}", size + 2)]);
    wait_for("the tree head to move", WAIT_MAX, || harness.tree_size() == size + 3).await;
    let expected = format!(
        "store {0} entries, tree head {0}, state {0} entries and 3 movements, digest as replayed",
        size + 3
    );
    assert_eq!(node_and_store(&harness).await, expected);
}

/// The salt `testing::test_commitment` derives from a payload.
fn test_salt(payload: &str) -> [u8; 32] {
    use sha2::Digest as _;
    sha2::Sha256::digest(format!("salt\n{payload}").as_bytes()).into()
}

/// `declaration(plate)` with the payload that opens its consignee commitment, as the body
/// of `POST /v1/statements` or an item of a batch.
fn with_consignee(plate: &str) -> serde_json::Value {
    let payload = "consignee: Ordubad Agro";
    serde_json::json!({
        "statement": BASE64.encode(declaration(plate).encode()),
        "payloads": [{
            "field": "consignee",
            "salt": BASE64.encode(test_salt(payload)),
            "payload": BASE64.encode(payload),
        }],
    })
}

#[tokio::test]
async fn payloads_not_stored_are_answered_503_naming_the_entry_which_stays_in_the_log() {
    let faults = Faults::new();
    let harness = start(&faults, NO_SNAPSHOTS).await;
    // (when the save fails, payloads stored by the failed call)
    let cases = [(When::BeforePersisting, 0), (When::AfterPersisting, 1)];
    for (number, (when, stored_by_the_failure)) in cases.into_iter().enumerate() {
        let body = with_consignee(&format!("10AB42{number}"));
        let index = harness.tree_size();

        faults.fail(FaultPoint::SavePayloads, FailAt { nth: 1, when });
        let (status, json) = harness.request("POST", "/v1/statements", body.to_string()).await;
        assert_eq!(
            (status, json["error"].as_str(), json["message"].as_str()),
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Some("unavailable"),
                Some(
                    format!(
                        "the statement is at entry {index} but its payloads were not stored; \
                         resubmit it with them"
                    )
                    .as_str()
                )
            ),
            "{when:?}"
        );
        // Acknowledged by the sequencer means stored: the statement stays in the log.
        assert!(harness.app().store.entry(index).await.expect("reads").is_some(), "{when:?}");
        let payloads = harness.app().store.payloads(index).await.expect("reads");
        assert_eq!(payloads.len(), stored_by_the_failure, "{when:?}");

        // Resubmitted with its payloads, it is a duplicate of that entry and they are stored.
        let again = harness.request("POST", "/v1/statements", body.to_string()).await;
        assert_eq!(outcome(&again), format!("200 entry {index} duplicate"), "{when:?}");
        let payloads = harness.app().store.payloads(index).await.expect("reads");
        assert_eq!(payloads.len(), 1, "{when:?}");
    }

    // In a batch, the statement whose payloads were not stored is answered so, by position
    // and entry; the others are acknowledged.
    let index = harness.tree_size();
    let statements = [
        serde_json::json!(BASE64.encode(declaration("10AB430").encode())),
        with_consignee("10AB431"),
    ];
    let body = serde_json::json!({ "statements": statements }).to_string();
    faults.fail(FaultPoint::SavePayloads, FailAt { nth: 1, when: When::BeforePersisting });
    let (status, json) = request(harness.app(), "POST", "/v1/statements/batch", body).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    let results = json["results"].as_array().expect("results");
    assert_eq!(results[0]["index"].as_u64(), Some(index), "{json}");
    assert_eq!(
        (results[1]["error"].as_str(), results[1]["message"].as_str()),
        (
            Some("unavailable"),
            Some(
                format!(
                    "batch statement 1 is at entry {} but its payloads were not stored; \
                     resubmit it with them",
                    index + 1
                )
                .as_str()
            )
        ),
        "{json}"
    );
    assert!(harness.app().store.entry(index + 1).await.expect("reads").is_some());
}

/// Entries between snapshots in the snapshot test: small, so that a few statements cross.
const SNAPSHOT_INTERVAL: u64 = 3;
/// Most declarations submitted while waiting for a snapshot write: one at a time, so a
/// write starts within a few intervals.
const DECLARATIONS_MAX: usize = 100;

/// The tree size of the snapshot the store holds.
async fn stored_snapshot(store: &AnyStore) -> Option<u64> {
    store.recovery().await.expect("reads").snapshot.map(|snapshot| snapshot.tree_size)
}

/// Submits one declaration, plate `10AB<plate>`, which must be acknowledged; the next
/// plate for the next.
async fn declare(harness: &TestNode, plate: &mut usize) {
    let answer = submit(harness.app(), &declaration(&format!("10AB{plate:03}"))).await;
    assert_eq!(answer.0, StatusCode::OK, "{}", answer.1);
    *plate += 1;
}

/// Submits declarations one at a time ([`declare`]) until `done`.
async fn declare_until(
    harness: &TestNode,
    plate: &mut usize,
    what: &str,
    mut done: impl FnMut() -> bool,
) {
    for _ in 0..DECLARATIONS_MAX {
        if done() {
            return;
        }
        declare(harness, plate).await;
    }
    assert!(done(), "{what} after {DECLARATIONS_MAX} declarations");
}

/// Waits until the store holds a snapshot covering more than `size` entries; its size.
async fn snapshot_beyond(store: &AnyStore, size: Option<u64>) -> u64 {
    let deadline = std::time::Instant::now() + WAIT_MAX;
    loop {
        if let Some(stored) = stored_snapshot(store).await.filter(|stored| Some(*stored) > size) {
            return stored;
        }
        assert!(std::time::Instant::now() < deadline, "waited too long for a snapshot");
        tokio::task::yield_now().await;
    }
}

/// A snapshot write fails at `point` (the whole write, or its chunk), `when`: the node
/// goes on acknowledging, the store holds the previous snapshot (or the new one, if it
/// was stored before the failure), a recovery from the store resumes from it and reaches
/// the live state, and later snapshots are written.
async fn check_snapshot_failure(point: FaultPoint, when: When, new_one_stored: bool) {
    let case = format!("{point} {when:?}");
    let faults = Faults::new();
    // The snapshot of the corridor's set-up waits until the test lets it through.
    faults.hold(FaultPoint::WriteSnapshot);
    let harness = start(&faults, SNAPSHOT_INTERVAL).await;
    let store = Arc::clone(&harness.app().store);
    let mut plate = 0;
    declare_until(&harness, &mut plate, "a snapshot write started", || {
        faults.waiting(FaultPoint::WriteSnapshot) == 1
    })
    .await;
    faults.release(FaultPoint::WriteSnapshot);
    let previous = snapshot_beyond(&store, None).await;

    // The next write fails.
    faults.hold(FaultPoint::WriteSnapshot);
    faults.fail(point, FailAt { nth: 1, when });
    declare_until(&harness, &mut plate, "the next snapshot write started", || {
        faults.waiting(FaultPoint::WriteSnapshot) == 1
    })
    .await;
    let size_at_failure = harness.tree_size();
    faults.release(FaultPoint::WriteSnapshot);
    wait_for("the fault to strike", WAIT_MAX, || faults.injected(point) == 1).await;
    faults.hold(FaultPoint::WriteSnapshot);
    let stored = stored_snapshot(&store).await.expect("a snapshot");
    if new_one_stored {
        // The failing write's snapshot, taken at a multiple after the previous one.
        let taken = stored > previous && stored % SNAPSHOT_INTERVAL == 0;
        assert!(taken && stored <= size_at_failure, "{case}: {previous}, {stored}");
    } else {
        assert_eq!(stored, previous, "{case}: the previous snapshot stays");
    }

    // The node goes on acknowledging.
    declare(&harness, &mut plate).await;
    let size = harness.tree_size();
    let live = harness.app().shared.read_state(|state| state.digest()).expect("a state");

    // A node restarting now recovers from the stored snapshot to the live state (the
    // writes held meanwhile cannot land: the gate is closed).
    let check_recovery = |expected_snapshot: u64| {
        let database = harness.database.clone();
        let case = case.clone();
        async move {
            let store = AnyStore::open(StoreConfig::Sqlite(SqliteConfig::new(&database)))
                .await
                .expect("opens");
            let recovered = snapshot::recover(&store).await.expect("recovers");
            assert_eq!(recovered.replayed_from, expected_snapshot, "{case}");
            assert_eq!(recovered.appender.size(), size, "{case}");
            assert_eq!(recovered.state.map(|state| state.digest()), Some(live), "{case}");
        }
    };
    check_recovery(stored).await;
    assert_eq!(stored_snapshot(&store).await, Some(stored), "{case}: nothing else landed");

    // Later snapshots are written again.
    faults.release(FaultPoint::WriteSnapshot);
    let mut newer = None;
    for _ in 0..DECLARATIONS_MAX {
        newer = stored_snapshot(&store).await.filter(|newer| *newer > size);
        if newer.is_some() {
            break;
        }
        declare(&harness, &mut plate).await;
    }
    assert!(newer.is_some(), "{case}: a later snapshot was written");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_snapshot_write_leaves_the_node_serving_and_recovery_exact() {
    check_snapshot_failure(FaultPoint::WriteSnapshot, When::BeforePersisting, false).await;
    check_snapshot_failure(FaultPoint::WriteSnapshot, When::AfterPersisting, true).await;
    check_snapshot_failure(FaultPoint::SaveSnapshotChunk, When::BeforePersisting, false).await;
    check_snapshot_failure(FaultPoint::SaveSnapshotChunk, When::AfterPersisting, false).await;
}

/// Entries between snapshots in the next test: more than the corridor's set-up, so that
/// the first snapshot is the one taken at the end of the failing batch.
const SNAPSHOT_AFTER_SET_UP: u64 = 8;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_snapshot_taken_at_the_end_of_a_failed_batch_is_not_written() {
    let faults = Faults::new();
    let harness = start(&faults, SNAPSHOT_AFTER_SET_UP).await;
    let mut plate = 0;
    declare_until(&harness, &mut plate, "the log one short of the interval", || {
        harness.tree_size() == SNAPSHOT_AFTER_SET_UP - 1
    })
    .await;

    // The batch that crosses the interval fails: the state copied at its end folds a
    // statement the log does not hold.
    faults.fail(FaultPoint::AppendBatch, FailAt { nth: 1, when: When::BeforePersisting });
    let lost = submit(harness.app(), &declaration("10AB900")).await;
    assert_eq!(outcome(&lost), "503 unavailable");

    // Another statement takes its entry; the snapshot written at that size is this one's.
    declare(&harness, &mut plate).await;
    let store = Arc::clone(&harness.app().store);
    assert_eq!(snapshot_beyond(&store, None).await, SNAPSHOT_AFTER_SET_UP);
    let live = harness.app().shared.read_state(|state| state.digest()).expect("a state");
    let recovered = snapshot::recover(&store).await.expect("recovers");
    assert_eq!(recovered.replayed_from, SNAPSHOT_AFTER_SET_UP, "the snapshot is usable");
    assert_eq!(recovered.state.map(|state| state.digest()), Some(live));
}
