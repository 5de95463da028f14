//! How the node answers submissions around its group commits: a refused statement is
//! answered while an earlier batch is still committing, an accepted one only after its own
//! batch committed, a resubmission meanwhile points at the first entry, and a batch request
//! with a forged signature refuses exactly that statement.

use crate::common::node::{TestNode, declaration, now_ms, request, signed_at, submit, wait_for};
use axum::http::StatusCode;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use passage_core::Mrn;
use passage_core::statement::{OfficerRole, Statement};
use passage_node::api::statements::{BatchItem, SubmitBatchResponse};
use std::time::Duration;

/// How long a test waits for something that should happen at once.
const WAIT_MAX: Duration = Duration::from_secs(5);

/// The node of these tests: the charter, a customs officer at Meghri and one carrier.
async fn start() -> TestNode {
    TestNode::start(&[("authority:AM", OfficerRole::Customs, "AM-MEGHRI-E")]).await
}

/// The movements in the node's state.
fn movement_refs(node: &TestNode) -> Vec<Mrn> {
    node.app()
        .shared
        .read_state(|state| state.movements().iter().map(|movement| movement.mrn).collect())
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refusal_does_not_wait_for_an_earlier_batch_to_commit() {
    let harness = start().await;
    let size = harness.tree_size();

    // Another connection holds the database's write lock: the next commit waits for it.
    let blocker = rusqlite::Connection::open(&harness.database).expect("opens");
    blocker.execute_batch("BEGIN IMMEDIATE").expect("takes the write lock");

    let declared = declaration("10AB200");
    let app = harness.app().clone();
    let first = declared.clone();
    let pending = tokio::spawn(async move { submit(&app, &first).await });
    // The declaration is applied (its movement exists) but cannot commit.
    wait_for("the declaration to be applied", WAIT_MAX, || movement_refs(&harness).len() == 1)
        .await;
    let mrn = movement_refs(&harness)[0];

    // A carrier may not accept its own declaration: the core refuses it, at once.
    let accept_own = signed_at("carrier:ARAZ-TRUCKS", Statement::Accept { mrn }, now_ms());
    let (status, json) = submit(harness.app(), &accept_own).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{json}");
    assert!(!pending.is_finished(), "the declaration is not acknowledged before its commit");

    // A resubmission of the uncommitted declaration waits for it and names its entry.
    let app = harness.app().clone();
    let again = tokio::spawn(async move { submit(&app, &declared).await });
    assert_eq!(harness.tree_size(), size, "nothing is published before the commit");

    blocker.execute_batch("ROLLBACK").expect("releases the write lock");
    let (status, json) = pending.await.expect("the submission ran");
    assert_eq!(status, StatusCode::OK, "{json}");
    let first: passage_node::api::statements::SubmitResponse =
        serde_json::from_value(json).expect("a submit response");
    assert_eq!((first.index, first.duplicate), (size, false));
    let (status, json) = again.await.expect("the resubmission ran");
    assert_eq!(status, StatusCode::OK, "{json}");
    let again: passage_node::api::statements::SubmitResponse =
        serde_json::from_value(json).expect("a submit response");
    assert_eq!((again.index, again.duplicate), (first.index, true));
    wait_for("the tree head to move", WAIT_MAX, || harness.tree_size() == size + 1).await;
    assert_eq!(movement_refs(&harness), [mrn], "the refusal changed nothing");
}

#[tokio::test]
async fn a_forged_signature_in_a_batch_refuses_that_statement_alone() {
    let harness = start().await;
    let size = harness.tree_size();
    let mut forged = declaration("10AB302");
    forged.signature[10] ^= 0x40;
    let batch = [declaration("10AB301"), forged, declaration("10AB303")];
    let statements: Vec<String> =
        batch.iter().map(|statement| BASE64.encode(statement.encode())).collect();
    let body = serde_json::json!({ "statements": statements }).to_string();
    let (status, json) = request(harness.app(), "POST", "/v1/statements/batch", body).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    let response: SubmitBatchResponse = serde_json::from_value(json).expect("a batch response");
    let outcomes: Vec<String> = response
        .results
        .iter()
        .map(|item| match item {
            BatchItem::Accepted(ack) => format!("entry {}", ack.index),
            BatchItem::Refused(error) => error.error.clone(),
        })
        .collect();
    let expected = [format!("entry {size}"), "bad_signature".into(), format!("entry {}", size + 1)];
    assert_eq!(outcomes, expected);
    wait_for("the tree head to move", WAIT_MAX, || harness.tree_size() == size + 2).await;
    assert_eq!(movement_refs(&harness).len(), 2, "the forged declaration changed nothing");
}

#[test]
fn commit_sizes_fall_in_power_of_two_buckets() {
    use passage_node::sequencer::{COMMIT_SIZE_BUCKETS, SEQUENCER_BATCH_MAX, commit_size_bucket};
    let buckets: Vec<usize> = [1, 2, 3, 4, 5, 8, 9, 250, 256, 257, SEQUENCER_BATCH_MAX]
        .into_iter()
        .map(commit_size_bucket)
        .collect();
    assert_eq!(buckets, [0, 1, 2, 2, 3, 3, 4, 8, 8, 9, 12]);
    assert_eq!(COMMIT_SIZE_BUCKETS, commit_size_bucket(SEQUENCER_BATCH_MAX) + 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_commit_counters_count_each_batch_by_its_size() {
    let harness = start().await;
    let commits = &harness.app().shared.commits;
    let before = commits.counts();

    // The first declaration's commit waits for another connection's write lock; five more
    // are applied into the next batch meanwhile.
    let blocker = rusqlite::Connection::open(&harness.database).expect("opens");
    blocker.execute_batch("BEGIN IMMEDIATE").expect("takes the write lock");
    let app = harness.app().clone();
    let mut pending =
        vec![tokio::spawn(async move { submit(&app, &declaration("10AB300")).await })];
    wait_for("the first declaration to be applied", WAIT_MAX, || {
        movement_refs(&harness).len() == 1
    })
    .await;
    for number in 1..=5 {
        let app = harness.app().clone();
        let statement = declaration(&format!("10AB30{number}"));
        pending.push(tokio::spawn(async move { submit(&app, &statement).await }));
    }
    wait_for("the others to be applied", WAIT_MAX, || movement_refs(&harness).len() == 6).await;
    blocker.execute_batch("ROLLBACK").expect("releases the write lock");
    for answer in pending {
        let (status, json) = answer.await.expect("the submission ran");
        assert_eq!(status, StatusCode::OK, "{json}");
    }

    let counts = commits.counts().since(&before);
    assert_eq!((counts.commits, counts.entries), (2, 6));
    let mut by_size = [0; passage_node::sequencer::COMMIT_SIZE_BUCKETS];
    by_size[0] = 1; // the first declaration alone
    by_size[3] = 1; // the five others: 5 to 8 entries
    assert_eq!(counts.by_size, by_size);
    assert_eq!((counts.size_at(0.5), counts.size_at(1.0)), (Some(1), Some(8)));
    assert_eq!(before.since(&before).size_at(0.5), None, "no commit, no size");
}
