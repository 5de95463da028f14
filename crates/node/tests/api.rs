//! The HTTP API through `tower::ServiceExt::oneshot` on a node over a fresh SQLite store:
//! bad input gets the right 4xx with a clear message and changes nothing; a resubmitted
//! statement answers with its first entry.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use passage_core::statement::{OfficerRole, Recorded, Statement};
use passage_core::testing::{self, ScenarioConfig, ident, key_for};
use passage_core::{Mrn, SignedStatement, Timestamp};
use passage_node::api::{self, SubmitResponse};
use passage_node::{Node, NodeConfig};
use passage_store::{SqliteConfig, StoreConfig};
use std::time::Duration;
use tower::ServiceExt as _;

mod schemas;

struct Harness {
    node: Node,
    _folder: tempfile::TempDir,
}

fn now() -> Timestamp {
    Timestamp(passage_node::sequencer::now_ms())
}

fn signed(signer: &str, statement: Statement) -> SignedStatement {
    SignedStatement::sign(&key_for(signer), &Recorded::new(now(), statement)).expect("encodes")
}

fn body_of(statement: &SignedStatement) -> String {
    serde_json::json!({ "statement": BASE64.encode(statement.encode()) }).to_string()
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
    }
}

impl Harness {
    /// A node with the default charter, the officers of Meghri, and one carrier.
    async fn start() -> Harness {
        let folder = tempfile::tempdir().expect("temporary folder");
        let store = StoreConfig::Sqlite(SqliteConfig::new(folder.path().join("passage.db")));
        Harness::start_on(store, folder).await
    }

    async fn start_on(store: StoreConfig, folder: tempfile::TempDir) -> Harness {
        let config = config(store);
        let harness =
            Harness { node: Node::start(config).await.expect("node starts"), _folder: folder };
        let document = ScenarioConfig::syunik().charter_document();
        harness.accept(signed("authority:AM", Statement::Charter { document })).await;
        for (authority, role, post) in [
            ("authority:AM", OfficerRole::Customs, "AM-MEGHRI-E"),
            ("authority:MON", OfficerRole::Monitor, "AM-MEGHRI-E"),
        ] {
            let key = testing::public_key_for(&testing::officer_name(role, post));
            let enrol = Statement::EnrolOfficer { key, role, posts: vec![ident(post)] };
            harness.accept(signed(authority, enrol)).await;
        }
        let register = Statement::RegisterCarrier {
            carrier: ident("ARAZ-TRUCKS"),
            name: "Araz Trucks Ltd".into(),
            key: testing::public_key_for("carrier:ARAZ-TRUCKS"),
        };
        harness.accept(signed("authority:AM", register)).await;
        harness
    }

    async fn request(
        &self,
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
        let response =
            api::app(self.node.app_state.clone()).oneshot(request).await.expect("answers");
        let status = response.status();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.expect("body");
        let json = serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null);
        (status, json)
    }

    async fn submit(&self, statement: &SignedStatement) -> (StatusCode, serde_json::Value) {
        self.request("POST", "/v1/statements", body_of(statement)).await
    }

    async fn accept(&self, statement: SignedStatement) -> SubmitResponse {
        let (status, json) = self.submit(&statement).await;
        assert_eq!(status, StatusCode::OK, "{json}");
        serde_json::from_value(json).expect("a submit response")
    }

    fn tree_size(&self) -> u64 {
        self.node.app_state.shared.tree.borrow().size
    }

    /// A truck declared and accepted.
    async fn accepted_truck(&self, plate: &str) -> Mrn {
        let truck = testing::truck("AM-TRANSIT-ROAD", plate, "2022:080810", 18_000);
        let declared = self.accept(signed("carrier:ARAZ-TRUCKS", Statement::Declare(truck))).await;
        let mrn = declared
            .events
            .iter()
            .find_map(|event| event.strip_suffix(" declared"))
            .and_then(|text| Mrn::parse(text).ok())
            .expect("the declaration names its MRN");
        self.accept(signed("customs@AM-MEGHRI-E", Statement::Accept { mrn })).await;
        mrn
    }

    /// Sends a request that must be refused with `status` and `code`, and checks the log
    /// did not grow.
    async fn check_refused(
        &self,
        method: &str,
        uri: &str,
        body: impl Into<Body>,
        status: StatusCode,
        code: &str,
    ) {
        let before = self.tree_size();
        let (got, json) = self.request(method, uri, body).await;
        assert_eq!((got, json["error"].as_str()), (status, Some(code)), "{json}");
        let message = json["message"].as_str().unwrap_or_default();
        assert!(message.len() > 10, "a refusal explains itself: {json}");
        assert_eq!(self.tree_size(), before, "a refusal changes nothing");
    }
}

#[tokio::test]
async fn bad_input_gets_a_clear_4xx_and_changes_nothing() {
    let harness = Harness::start().await;
    let mrn = harness.accepted_truck("10AB123").await;

    harness
        .check_refused(
            "POST",
            "/v1/statements",
            "{\"statement\": ",
            StatusCode::BAD_REQUEST,
            "malformed_json",
        )
        .await;
    harness
        .check_refused(
            "POST",
            "/v1/statements",
            "{\"statement\": \"%%%\"}",
            StatusCode::BAD_REQUEST,
            "bad_base64",
        )
        .await;

    // An MRN whose check character is wrong.
    let text = mrn.to_string();
    let last = text.chars().last().expect("an MRN");
    let wrong = format!("{}{}", &text[..text.len() - 1], if last == '0' { '1' } else { '0' });
    harness
        .check_refused(
            "GET",
            &format!("/v1/movements/{wrong}"),
            Body::empty(),
            StatusCode::BAD_REQUEST,
            "bad_mrn",
        )
        .await;

    // A post the corridor does not have.
    let arrive =
        signed("monitor@AM-MEGHRI-E", Statement::Arrive { mrn, post: ident("XX-NOWHERE") });
    harness
        .check_refused(
            "POST",
            "/v1/statements",
            body_of(&arrive),
            StatusCode::UNPROCESSABLE_ENTITY,
            "unknown_post",
        )
        .await;

    // A forged signature: one bit flipped.
    let mut forged =
        signed("monitor@AM-MEGHRI-E", Statement::Arrive { mrn, post: ident("AM-MEGHRI-E") });
    forged.signature[0] ^= 1;
    harness
        .check_refused(
            "POST",
            "/v1/statements",
            body_of(&forged),
            StatusCode::UNAUTHORIZED,
            "bad_signature",
        )
        .await;

    // A key nobody enrolled.
    let stranger = signed("monitor@NOWHERE", Statement::Arrive { mrn, post: ident("AM-MEGHRI-E") });
    harness
        .check_refused(
            "POST",
            "/v1/statements",
            body_of(&stranger),
            StatusCode::UNAUTHORIZED,
            "unknown_signer",
        )
        .await;

    // The wrong role: a carrier may not accept its own declaration.
    let truck = testing::truck("AM-TRANSIT-ROAD", "10AB124", "2022:080810", 18_000);
    harness.accept(signed("carrier:ARAZ-TRUCKS", Statement::Declare(truck))).await;
    let accept_own = signed("carrier:ARAZ-TRUCKS", Statement::Accept { mrn });
    let (status, json) = harness.submit(&accept_own).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{json}");

    // An oversized body.
    let huge = format!("{{\"statement\": \"{}\"}}", "A".repeat(api::BODY_BYTES_MAX + 1));
    harness
        .check_refused("POST", "/v1/statements", huge, StatusCode::PAYLOAD_TOO_LARGE, "too_large")
        .await;
}

#[tokio::test]
async fn a_resubmitted_statement_answers_with_its_first_entry() {
    let harness = Harness::start().await;
    let mrn = harness.accepted_truck("10AB125").await;
    let arrive =
        signed("monitor@AM-MEGHRI-E", Statement::Arrive { mrn, post: ident("AM-MEGHRI-E") });
    let first = harness.accept(arrive.clone()).await;
    assert!(!first.duplicate);
    let size = harness.tree_size();
    let again = harness.accept(arrive).await;
    assert_eq!((again.index, again.duplicate), (first.index, true));
    assert_eq!(harness.tree_size(), size, "a resubmission is stored once");

    // The movement shows the arrival; its history names the entries.
    let (status, json) =
        harness.request("GET", &format!("/v1/movements/{mrn}"), Body::empty()).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    assert_eq!(json["movement"]["status"], "at_post");
    assert_eq!(json["history"].as_array().map(Vec::len), Some(3), "{json}");
    let (status, json) =
        harness.request("GET", "/v1/movements?status=at_post&limit=10", Body::empty()).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    assert_eq!(json["movements"].as_array().map(Vec::len), Some(1), "{json}");
}

#[tokio::test]
async fn entries_prove_their_inclusion_in_the_published_checkpoint_and_tiles_are_served() {
    let harness = Harness::start().await;
    harness.accepted_truck("10AB126").await;
    let log_key = passage_log::SigningKey::from_seed(
        "test.passage/log",
        passage_log::KeyType::Ed25519,
        [7; 32],
    )
    .expect("key");
    let state = &harness.node.app_state;
    let head = *state.shared.tree.borrow();
    let mut publisher = passage_node::publisher::Publisher {
        store: state.store.clone(),
        log_key: log_key.clone(),
        witnesses: None,
        published_size: 0,
    };
    publisher.publish(head).await.expect("publishes");

    let request = |uri: &str| Request::builder().uri(uri).body(Body::empty()).expect("request");
    let app = api::app(state.clone());
    let response = app.clone().oneshot(request("/log/checkpoint")).await.expect("answers");
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["cache-control"].to_str().unwrap_or_default().contains("no-cache"));
    let note = axum::body::to_bytes(response.into_body(), usize::MAX).await.expect("body");
    let checkpoint = passage_log::open_checkpoint(&note, &log_key.verifier_key(), &[])
        .expect("the log signed it")
        .checkpoint;
    assert_eq!((checkpoint.size, checkpoint.root), (head.size, head.root));

    for index in [0, 3, head.size - 1] {
        let (status, json) =
            harness.request("GET", &format!("/v1/entries/{index}"), Body::empty()).await;
        assert_eq!(status, StatusCode::OK, "{json}");
        let entry = BASE64.decode(json["entry"].as_str().expect("entry")).expect("base64");
        let proof: Vec<passage_log::Hash> = json["inclusion_proof"]
            .as_array()
            .expect("a proof")
            .iter()
            .map(|hash| {
                let bytes = BASE64.decode(hash.as_str().expect("text")).expect("base64");
                passage_log::Hash::from_slice(&bytes).expect("32 bytes")
            })
            .collect();
        let leaf = passage_log::leaf_hash(&entry);
        passage_log::verify_inclusion(&leaf, index, checkpoint.size, &proof, &checkpoint.root)
            .expect("the proof leads to the checkpoint's root");
    }

    let width = head.size % 256;
    let response =
        app.clone().oneshot(request(&format!("/log/tile/0/000.p/{width}"))).await.expect("answers");
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "application/octet-stream");
    let tile = axum::body::to_bytes(response.into_body(), usize::MAX).await.expect("body");
    assert_eq!(tile.len() as u64, 32 * width);
    let response = app
        .clone()
        .oneshot(request(&format!("/log/tile/entries/000.p/{width}")))
        .await
        .expect("answers");
    assert_eq!(response.status(), StatusCode::OK);
    let bundle = axum::body::to_bytes(response.into_body(), usize::MAX).await.expect("body");
    let entries = passage_log::parse_bundle(&bundle, width as u16).expect("a bundle");
    for (entry, hash) in entries.iter().zip(tile.chunks_exact(32)) {
        assert_eq!(passage_log::leaf_hash(entry).0, hash, "the bundle and the tile agree");
    }
    let response = app.oneshot(request("/log/tile/0/x001/000")).await.expect("answers");
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

/// The same node on PostgreSQL: it sequences, stops, and recovers the same log.
#[tokio::test]
async fn a_node_on_postgres_sequences_and_recovers() {
    let Ok(url) = std::env::var("PASSAGE_TEST_POSTGRES_URL") else {
        eprintln!(
            "SKIPPED: PASSAGE_TEST_POSTGRES_URL is not set; the PostgreSQL node test did not run"
        );
        return;
    };
    let schema = schemas::TestSchema::new(&url, "node_test_").await;
    let mut postgres = passage_store::PostgresConfig::new(url);
    postgres.schema = schema.name.clone();
    let folder = tempfile::tempdir().expect("temporary folder");
    let harness = Harness::start_on(StoreConfig::Postgres(postgres.clone()), folder).await;
    let mrn = harness.accepted_truck("10AB127").await;
    let size = harness.tree_size();
    let Harness { node, _folder } = harness;
    // Stopping gives up the leadership, so the second node can sequence.
    node.stop().await;
    let again = Node::start(config(StoreConfig::Postgres(postgres))).await.expect("restarts");
    assert_eq!(again.app_state.shared.tree.borrow().size, size);
    let status = again.app_state.shared.read_state(|state| state.movement(&mrn).map(|m| m.status));
    assert_eq!(status, Some(Some(passage_core::MovementStatus::Accepted)));
    again.stop().await;
    schema.drop_schema().await;
}
