//! A node for the tests: its configuration, statements signed by the core's test keys,
//! requests through the node's handlers (`api::app`, no socket), and the corridor most
//! tests start from.

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use passage_core::statement::{OfficerRole, Recorded, Statement};
use passage_core::testing::{self, ScenarioConfig, ident, key_for};
use passage_core::{SignedStatement, Timestamp};
use passage_node::api::statements::SubmitResponse;
use passage_node::api::{self, AppState};
use passage_node::{Node, NodeConfig};
use passage_store::{SqliteConfig, StoreConfig};
use std::path::PathBuf;
use std::time::{Duration, Instant};
use tower::ServiceExt as _;

/// The officers most tests enrol: host-state customs and a monitor at Meghri, each with
/// the authority that enrols them.
pub const MEGHRI_OFFICERS: &[(&str, OfficerRole, &str)] = &[
    ("authority:AM", OfficerRole::Customs, "AM-MEGHRI-E"),
    ("authority:MON", OfficerRole::Monitor, "AM-MEGHRI-E"),
];

/// The log key of the test nodes.
pub fn node_log_key() -> passage_log::SigningKey {
    passage_log::SigningKey::from_seed("test.passage/log", passage_log::KeyType::Ed25519, [7; 32])
        .expect("key")
}

/// A node over `store` on a loopback port, publishing a checkpoint every 50 ms, with the
/// default snapshot interval.
pub fn node_config(store: StoreConfig) -> NodeConfig {
    NodeConfig {
        listen: "127.0.0.1:0".parse().expect("address"),
        store,
        log_key: node_log_key(),
        checkpoint_interval: Duration::from_millis(50),
        snapshot_interval_entries: passage_node::snapshot::SNAPSHOT_INTERVAL_ENTRIES,
        connections: passage_serve::Config::new(passage_serve::ErrorFormat::Json),
        charter_sha256: ScenarioConfig::syunik().charter_sha256(),
    }
}

/// No witnesses, and the parties' VRF keys held by the node itself, so that draws resolve
/// at each publication as they would with the parties' witnesses.
pub fn local_draws() -> passage_node::publisher::WitnessConfig {
    passage_node::publisher::WitnessConfig {
        local_vrf_keys: ScenarioConfig::syunik()
            .parties
            .iter()
            .map(|party| (ident(party.id), testing::vrf_key_for(party.id)))
            .collect(),
        ..passage_node::publisher::WitnessConfig::none()
    }
}

/// The system's time now, as the node's sequencer reads it.
pub fn now_ms() -> u64 {
    passage_node::sequencer::now_ms()
}

/// `statement` signed by the test key of `signer`, recorded at `time_ms`.
pub fn signed_at(signer: &str, statement: Statement, time_ms: u64) -> SignedStatement {
    SignedStatement::sign(&key_for(signer), &Recorded::new(Timestamp(time_ms), statement))
        .expect("encodes")
}

/// `statement` signed by the test key of `signer`, recorded now.
pub fn signed(signer: &str, statement: Statement) -> SignedStatement {
    signed_at(signer, statement, now_ms())
}

/// A truck with plate `plate` declared by the carrier Araz Trucks on the road route.
pub fn declaration(plate: &str) -> SignedStatement {
    let truck = testing::truck("AM-TRANSIT-ROAD", plate, "2022:080810", 18_000);
    signed("carrier:ARAZ-TRUCKS", Statement::Declare(truck))
}

/// The body of `POST /v1/statements` for `statement`, without payloads.
pub fn body_of(statement: &SignedStatement) -> String {
    serde_json::json!({ "statement": BASE64.encode(statement.encode()) }).to_string()
}

/// Sends `request` through the node's handlers: the status, the headers and the body as
/// JSON (`Null` when it is none).
pub async fn send_request(
    app: &AppState,
    request: Request<Body>,
) -> (StatusCode, HeaderMap, serde_json::Value) {
    let response = api::app(app.clone()).oneshot(request).await.expect("answers");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.expect("body");
    (status, headers, serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null))
}

/// Sends a JSON request with `method`, `uri` and `body` through the node's handlers.
pub async fn request(
    app: &AppState,
    method: &str,
    uri: &str,
    body: impl Into<Body>,
) -> (StatusCode, serde_json::Value) {
    let request = Request::builder()
        .method(method)
        .uri(uri)
        .header("content-type", "application/json")
        .body(body.into())
        .expect("request");
    let (status, _, json) = send_request(app, request).await;
    (status, json)
}

/// Submits `statement` through the node's handlers.
pub async fn submit(
    app: &AppState,
    statement: &SignedStatement,
) -> (StatusCode, serde_json::Value) {
    request(app, "POST", "/v1/statements", body_of(statement)).await
}

/// Submits `statement`, which must be acknowledged.
pub async fn accept(app: &AppState, statement: &SignedStatement) -> SubmitResponse {
    let (status, json) = submit(app, statement).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    serde_json::from_value(json).expect("a submit response")
}

/// Sets up the default corridor on a node without a charter: the charter, `officers`
/// (authority, role, post) and the carrier Araz Trucks, in that order.
pub async fn set_up_corridor(app: &AppState, officers: &[(&str, OfficerRole, &str)]) {
    let document = ScenarioConfig::syunik().charter_document();
    accept(app, &signed("authority:AM", Statement::Charter { document })).await;
    for &(authority, role, post) in officers {
        let key = testing::public_key_for(&testing::officer_name(role, post));
        let enrol = Statement::EnrolOfficer { key, role, posts: vec![ident(post)] };
        accept(app, &signed(authority, enrol)).await;
    }
    register_carrier(app, "ARAZ-TRUCKS", "Araz Trucks Ltd").await;
}

/// Registers the carrier `carrier` (its key the test key of `carrier:{carrier}`), by the
/// host state's authority.
pub async fn register_carrier(app: &AppState, carrier: &str, name: &str) -> SubmitResponse {
    let register = Statement::RegisterCarrier {
        carrier: ident(carrier),
        name: name.into(),
        key: testing::public_key_for(&format!("carrier:{carrier}")),
    };
    accept(app, &signed("authority:AM", register)).await
}

/// Polls `condition` until it holds, failing the test after `wait_max`.
pub async fn wait_for(what: &str, wait_max: Duration, mut condition: impl FnMut() -> bool) {
    let deadline = Instant::now() + wait_max;
    while !condition() {
        assert!(Instant::now() < deadline, "waited too long for {what}");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

/// A node on a fresh SQLite file in a temporary folder, removed with it.
pub struct TestNode {
    /// The node.
    pub node: Node,
    /// Its SQLite file.
    pub database: PathBuf,
    /// The temporary folder holding it, removed when dropped.
    pub folder: tempfile::TempDir,
}

impl TestNode {
    /// A node with the default corridor: the charter, `officers` and the carrier Araz
    /// Trucks ([`set_up_corridor`]).
    pub async fn start(officers: &[(&str, OfficerRole, &str)]) -> TestNode {
        TestNode::start_with(officers, |config| config).await
    }

    /// As [`TestNode::start`], with the configuration of [`node_config`] changed by
    /// `configure`.
    pub async fn start_with(
        officers: &[(&str, OfficerRole, &str)],
        configure: impl FnOnce(NodeConfig) -> NodeConfig,
    ) -> TestNode {
        let folder = tempfile::tempdir().expect("temporary folder");
        let database = folder.path().join("passage.db");
        let config = configure(node_config(StoreConfig::Sqlite(SqliteConfig::new(&database))));
        let node = Node::start_with_witnesses(config, local_draws()).await.expect("node starts");
        set_up_corridor(&node.app_state, officers).await;
        TestNode { node, database, folder }
    }

    /// The handlers' state.
    pub fn app(&self) -> &AppState {
        &self.node.app_state
    }

    /// Entries in the tree as last committed.
    pub fn tree_size(&self) -> u64 {
        self.node.app_state.shared.tree.borrow().size
    }

    /// Sends `request` through the node's handlers: the status and the body as JSON.
    pub async fn send(&self, request: Request<Body>) -> (StatusCode, serde_json::Value) {
        let (status, _, json) = send_request(self.app(), request).await;
        (status, json)
    }

    /// Sends a JSON request through the node's handlers ([`request`]).
    pub async fn request(
        &self,
        method: &str,
        uri: &str,
        body: impl Into<Body>,
    ) -> (StatusCode, serde_json::Value) {
        request(self.app(), method, uri, body).await
    }

    /// Submits `statement` through the node's handlers.
    pub async fn submit(&self, statement: &SignedStatement) -> (StatusCode, serde_json::Value) {
        submit(self.app(), statement).await
    }

    /// Submits `statement`, which must be acknowledged.
    pub async fn accept(&self, statement: SignedStatement) -> SubmitResponse {
        accept(self.app(), &statement).await
    }
}
