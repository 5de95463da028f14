//! Core state snapshots taken off the sequencer's path: the sequencer copies the state when
//! a batch crosses a multiple of the interval, encodes it on a blocking thread, and once
//! that batch has committed writes the snapshot outside the batches. Recovery from it
//! gives the same state as the live node.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use passage_core::statement::{Recorded, Statement};
use passage_core::testing::{self, ScenarioConfig, ident, key_for};
use passage_core::{SignedStatement, Timestamp};
use passage_node::api::{self, SubmitResponse};
use passage_node::{Node, NodeConfig, snapshot};
use passage_store::{AnyStore, SqliteConfig, Store, StoreConfig};
use std::time::Duration;
use tower::ServiceExt as _;

/// Entries between snapshots in this test: small, so that a few statements cross several.
const INTERVAL: u64 = 3;
/// Most declarations submitted while waiting for the first snapshot to land: each waits
/// for its acknowledgement, and encoding and writing so small a state is done long before.
const DECLARATIONS_MAX: usize = 200;

fn signed(signer: &str, statement: Statement) -> SignedStatement {
    let now = Timestamp(passage_node::sequencer::now_ms());
    SignedStatement::sign(&key_for(signer), &Recorded::new(now, statement)).expect("encodes")
}

async fn accept(node: &Node, statement: &SignedStatement) -> SubmitResponse {
    let body = serde_json::json!({ "statement": BASE64.encode(statement.encode()) });
    let request = Request::builder()
        .method("POST")
        .uri("/v1/statements")
        .header("content-type", "application/json")
        .body(Body::from(body.to_string()))
        .expect("request");
    let response = api::app(node.app_state.clone()).oneshot(request).await.expect("answers");
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.expect("body");
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&bytes));
    serde_json::from_slice(&bytes).expect("a submit response")
}

fn config(store: StoreConfig) -> NodeConfig {
    NodeConfig {
        listen: "127.0.0.1:0".parse().expect("address"),
        store,
        log_key: passage_log::SigningKey::from_seed(
            "test.passage/log",
            passage_log::KeyType::Ed25519,
            [7; 32],
        )
        .expect("key"),
        checkpoint_interval: Duration::from_millis(50),
        snapshot_interval_entries: INTERVAL,
    }
}

#[tokio::test]
async fn a_snapshot_is_written_beside_the_batches_and_recovery_resumes_from_it() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let store = StoreConfig::Sqlite(SqliteConfig::new(folder.path().join("passage.db")));
    let node = Node::start(config(store.clone())).await.expect("node starts");
    let document = ScenarioConfig::syunik().charter_document();
    accept(&node, &signed("authority:AM", Statement::Charter { document })).await;
    let register = Statement::RegisterCarrier {
        carrier: ident("ARAZ-TRUCKS"),
        name: "Araz Trucks Ltd".into(),
        key: testing::public_key_for("carrier:ARAZ-TRUCKS"),
    };
    accept(&node, &signed("authority:AM", register)).await;
    // One statement a batch: the batch ending at 3 crosses the first multiple, and its
    // snapshot is written once that batch has committed, while later batches go on.
    let mut landed = None;
    for number in 0..DECLARATIONS_MAX {
        let truck =
            testing::truck("AM-TRANSIT-ROAD", &format!("10AB{number:03}"), "2022:080810", 18_000);
        accept(&node, &signed("carrier:ARAZ-TRUCKS", Statement::Declare(truck))).await;
        let recovery = node.app_state.store.recovery().await.expect("reads");
        if let Some(snapshot) = recovery.snapshot {
            landed = Some((snapshot, recovery.tree_size));
            break;
        }
    }
    let (snapshot, size_when_landed) = landed.expect("a snapshot reached the store");
    assert_eq!(snapshot.tree_size % INTERVAL, 0, "taken at a multiple");
    assert!(
        snapshot.tree_size <= size_when_landed,
        "taken at a committed size: {} <= {size_when_landed}",
        snapshot.tree_size
    );
    assert_eq!(snapshot.root.as_ref().map(Vec::len), Some(32), "it records its root");
    let live = node.app_state.shared.read_state(|state| state.digest()).expect("state");
    let size = node.app_state.shared.tree.borrow().size;
    node.stop().await;

    // Recovery resumes from the snapshot (its digest and root check out) and replays the
    // tail to the live state.
    let store = AnyStore::open(store).await.expect("opens");
    let latest = store.recovery().await.expect("reads").snapshot.expect("a snapshot");
    let recovered = snapshot::recover(&store).await.expect("recovers");
    assert_eq!(recovered.replayed_from, latest.tree_size);
    assert!(latest.tree_size > 0 && latest.tree_size < size);
    assert_eq!(recovered.appender.size(), size);
    assert_eq!(recovered.state.map(|state| state.digest()), Some(live));
}
