//! How the node answers submissions around its group commits: a refused statement is
//! answered while an earlier batch is still committing, an accepted one only after its own
//! batch committed, a resubmission meanwhile points at the first entry, and a batch request
//! with a forged signature refuses exactly that statement.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use passage_core::statement::{OfficerRole, Recorded, Statement};
use passage_core::testing::{self, ScenarioConfig, ident, key_for};
use passage_core::{Mrn, SignedStatement, Timestamp};
use passage_node::api::{self, BatchItem, SubmitBatchResponse, SubmitResponse};
use passage_node::{Node, NodeConfig};
use passage_store::{SqliteConfig, StoreConfig};
use std::path::PathBuf;
use std::time::{Duration, Instant};
use tower::ServiceExt as _;

/// How long a test waits for something that should happen at once.
const WAIT_MAX: Duration = Duration::from_secs(5);

struct Harness {
    node: Node,
    database: PathBuf,
    _folder: tempfile::TempDir,
}

fn signed(signer: &str, statement: Statement, time: u64) -> SignedStatement {
    SignedStatement::sign(&key_for(signer), &Recorded::new(Timestamp(time), statement))
        .expect("encodes")
}

fn now() -> u64 {
    passage_node::sequencer::now_ms()
}

fn declaration(plate: &str) -> SignedStatement {
    let truck = testing::truck("AM-TRANSIT-ROAD", plate, "2022:080810", 18_000);
    signed("carrier:ARAZ-TRUCKS", Statement::Declare(truck), now())
}

async fn request(app: &api::AppState, uri: &str, body: String) -> (StatusCode, serde_json::Value) {
    let request = Request::builder()
        .method("POST")
        .uri(uri)
        .header("content-type", "application/json")
        .body(Body::from(body))
        .expect("request");
    let response = api::app(app.clone()).oneshot(request).await.expect("answers");
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.expect("body");
    (status, serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null))
}

async fn submit(
    app: &api::AppState,
    statement: &SignedStatement,
) -> (StatusCode, serde_json::Value) {
    let body = serde_json::json!({ "statement": BASE64.encode(statement.encode()) });
    request(app, "/v1/statements", body.to_string()).await
}

impl Harness {
    /// A node on a fresh SQLite file with the charter, a customs officer at Meghri and one
    /// carrier.
    async fn start() -> Harness {
        let folder = tempfile::tempdir().expect("temporary folder");
        let database = folder.path().join("passage.db");
        let config = NodeConfig {
            listen: "127.0.0.1:0".parse().expect("address"),
            store: StoreConfig::Sqlite(SqliteConfig::new(&database)),
            log_key: passage_log::SigningKey::from_seed(
                "test.passage/log",
                passage_log::KeyType::Ed25519,
                [7; 32],
            )
            .expect("key"),
            checkpoint_interval: Duration::from_millis(50),
            snapshot_interval_entries: passage_node::snapshot::SNAPSHOT_INTERVAL_ENTRIES,
        };
        let harness = Harness {
            node: Node::start(config).await.expect("node starts"),
            database,
            _folder: folder,
        };
        let document = ScenarioConfig::syunik().charter_document();
        harness.accept(signed("authority:AM", Statement::Charter { document }, now())).await;
        let key =
            testing::public_key_for(&testing::officer_name(OfficerRole::Customs, "AM-MEGHRI-E"));
        let enrol = Statement::EnrolOfficer {
            key,
            role: OfficerRole::Customs,
            posts: vec![ident("AM-MEGHRI-E")],
        };
        harness.accept(signed("authority:AM", enrol, now())).await;
        let register = Statement::RegisterCarrier {
            carrier: ident("ARAZ-TRUCKS"),
            name: "Araz Trucks Ltd".into(),
            key: testing::public_key_for("carrier:ARAZ-TRUCKS"),
        };
        harness.accept(signed("authority:AM", register, now())).await;
        harness
    }

    fn app(&self) -> &api::AppState {
        &self.node.app_state
    }

    async fn accept(&self, statement: SignedStatement) -> SubmitResponse {
        let (status, json) = submit(self.app(), &statement).await;
        assert_eq!(status, StatusCode::OK, "{json}");
        serde_json::from_value(json).expect("a submit response")
    }

    fn tree_size(&self) -> u64 {
        self.app().shared.tree.borrow().size
    }

    fn movement_refs(&self) -> Vec<Mrn> {
        self.app()
            .shared
            .read_state(|state| state.movements().iter().map(|movement| movement.mrn).collect())
            .unwrap_or_default()
    }
}

/// Polls `condition` until it holds, failing the test after [`WAIT_MAX`].
async fn wait_for(what: &str, mut condition: impl FnMut() -> bool) {
    let deadline = Instant::now() + WAIT_MAX;
    while !condition() {
        assert!(Instant::now() < deadline, "waited too long for {what}");
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refusal_does_not_wait_for_an_earlier_batch_to_commit() {
    let harness = Harness::start().await;
    let size = harness.tree_size();

    // Another connection holds the database's write lock: the next commit waits for it.
    let blocker = rusqlite::Connection::open(&harness.database).expect("opens");
    blocker.execute_batch("BEGIN IMMEDIATE").expect("takes the write lock");

    let declared = declaration("10AB200");
    let app = harness.app().clone();
    let first = declared.clone();
    let pending = tokio::spawn(async move { submit(&app, &first).await });
    // The declaration is applied (its movement exists) but cannot commit.
    wait_for("the declaration to be applied", || harness.movement_refs().len() == 1).await;
    let mrn = harness.movement_refs()[0];

    // A carrier may not accept its own declaration: the core refuses it, at once.
    let accept_own = signed("carrier:ARAZ-TRUCKS", Statement::Accept { mrn }, now());
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
    let first: SubmitResponse = serde_json::from_value(json).expect("a submit response");
    assert_eq!((first.index, first.duplicate), (size, false));
    let (status, json) = again.await.expect("the resubmission ran");
    assert_eq!(status, StatusCode::OK, "{json}");
    let again: SubmitResponse = serde_json::from_value(json).expect("a submit response");
    assert_eq!((again.index, again.duplicate), (first.index, true));
    wait_for("the tree head to move", || harness.tree_size() == size + 1).await;
    assert_eq!(harness.movement_refs(), [mrn], "the refusal changed nothing");
}

#[tokio::test]
async fn a_forged_signature_in_a_batch_refuses_that_statement_alone() {
    let harness = Harness::start().await;
    let size = harness.tree_size();
    let mut forged = declaration("10AB302");
    forged.signature[10] ^= 0x40;
    let batch = [declaration("10AB301"), forged, declaration("10AB303")];
    let statements: Vec<String> =
        batch.iter().map(|statement| BASE64.encode(statement.encode())).collect();
    let body = serde_json::json!({ "statements": statements }).to_string();
    let (status, json) = request(harness.app(), "/v1/statements/batch", body).await;
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
    wait_for("the tree head to move", || harness.tree_size() == size + 2).await;
    assert_eq!(harness.movement_refs().len(), 2, "the forged declaration changed nothing");
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
    let harness = Harness::start().await;
    let commits = &harness.app().shared.commits;
    let before = commits.counts();

    // The first declaration's commit waits for another connection's write lock; five more
    // are applied into the next batch meanwhile.
    let blocker = rusqlite::Connection::open(&harness.database).expect("opens");
    blocker.execute_batch("BEGIN IMMEDIATE").expect("takes the write lock");
    let app = harness.app().clone();
    let mut pending =
        vec![tokio::spawn(async move { submit(&app, &declaration("10AB300")).await })];
    wait_for("the first declaration to be applied", || harness.movement_refs().len() == 1).await;
    for number in 1..=5 {
        let app = harness.app().clone();
        let statement = declaration(&format!("10AB30{number}"));
        pending.push(tokio::spawn(async move { submit(&app, &statement).await }));
    }
    wait_for("the others to be applied", || harness.movement_refs().len() == 6).await;
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
