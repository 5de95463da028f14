//! The HTTP API through `tower::ServiceExt::oneshot` on a node over a fresh SQLite store:
//! bad input gets the right 4xx with a clear message and changes nothing; a resubmitted
//! statement answers with its first entry; confidential payloads are checked on the way in
//! and read only with a fresh signature by a role the regime names; incidents and
//! statistics per period answer from the log.

use crate::common::node::{
    MEGHRI_OFFICERS, TestNode, body_of, node_config, register_carrier, signed,
};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use passage_core::statement::Statement;
use passage_core::testing::{self, ident, key_for};
use passage_core::{Mrn, SignedStatement};
use passage_node::api;
use passage_node::{Node, NodeConfig};
use passage_store::StoreConfig;
use tower::ServiceExt as _;

use crate::common;
use crate::schemas;

/// Helpers of these tests only.
impl TestNode {
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
    let harness = TestNode::start(MEGHRI_OFFICERS).await;
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
    let harness = TestNode::start(MEGHRI_OFFICERS).await;
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

/// The MRNs of every page of `GET /v1/movements?<query>`, following `next`.
async fn movement_pages(harness: &TestNode, query: &str) -> Vec<Vec<String>> {
    let mut pages = Vec::new();
    let mut after = String::new();
    loop {
        let (status, json) =
            harness.request("GET", &format!("/v1/movements?{query}{after}"), Body::empty()).await;
        assert_eq!(status, StatusCode::OK, "{json}");
        let mrns = json["movements"].as_array().expect("movements").iter();
        pages.push(
            mrns.map(|movement| movement["mrn"].as_str().expect("an MRN").to_owned()).collect(),
        );
        match json["next"].as_str() {
            Some(next) => after = format!("&after={next}"),
            None => return pages,
        }
        assert!(pages.len() <= 10, "pagination did not end");
    }
}

#[tokio::test]
async fn movements_are_listed_oldest_or_newest_first() {
    let harness = TestNode::start(MEGHRI_OFFICERS).await;
    let mut declared = Vec::new();
    for plate in ["10AB131", "10AB132", "10AB133", "10AB134", "10AB135"] {
        declared.push(harness.accepted_truck(plate).await.to_string());
    }
    let oldest: Vec<String> = movement_pages(&harness, "limit=2").await.concat();
    assert_eq!(oldest, declared, "the default order is the declarations'");
    let explicit = movement_pages(&harness, "order=oldest&limit=5").await;
    assert_eq!(explicit, vec![declared.clone()]);
    let newest = movement_pages(&harness, "order=newest&limit=2").await;
    let mut reversed = declared.clone();
    reversed.reverse();
    assert_eq!(newest.concat(), reversed, "{newest:?}");
    assert_eq!(newest.iter().map(Vec::len).collect::<Vec<_>>(), [2, 2, 1]);
    // Filters hold in either order.
    let (status, json) =
        harness.request("GET", "/v1/movements?order=newest&status=declared", Body::empty()).await;
    assert_eq!((status, json["movements"].as_array().map(Vec::len)), (StatusCode::OK, Some(0)));
    // A movement declared between two pages of a newest-first walk comes before its first
    // page: the walk neither repeats nor skips a movement.
    let (_, first) =
        harness.request("GET", "/v1/movements?order=newest&limit=3", Body::empty()).await;
    let later = harness.accepted_truck("10AB136").await.to_string();
    let next = first["next"].as_str().expect("a second page");
    let (_, second) = harness
        .request("GET", &format!("/v1/movements?order=newest&limit=3&after={next}"), Body::empty())
        .await;
    let walked: Vec<&str> = [&first, &second]
        .iter()
        .flat_map(|page| page["movements"].as_array().expect("movements"))
        .map(|movement| movement["mrn"].as_str().expect("an MRN"))
        .collect();
    assert_eq!(walked, reversed, "{later} is newer than the walk");
    assert_eq!(movement_pages(&harness, "order=newest&limit=1").await[0], [later]);
    for bad in ["order=sideways", "order=NEWEST", "limit=ten"] {
        harness
            .check_refused(
                "GET",
                &format!("/v1/movements?{bad}"),
                Body::empty(),
                StatusCode::BAD_REQUEST,
                "invalid_query",
            )
            .await;
    }
}

#[tokio::test]
async fn entries_prove_their_inclusion_in_the_published_checkpoint_and_tiles_are_served() {
    let harness = TestNode::start(MEGHRI_OFFICERS).await;
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
        shared: state.shared.clone(),
        log_key: log_key.clone(),
        witnesses: None,
        published_size: 0,
        published: None,
    };
    publisher.publish().await.expect("publishes");

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
    let store = StoreConfig::Postgres(postgres);
    let harness = TestNode::start_with(MEGHRI_OFFICERS, |config| NodeConfig {
        store: store.clone(),
        ..config
    })
    .await;
    let mrn = harness.accepted_truck("10AB127").await;
    let size = harness.tree_size();
    // Stopping gives up the leadership, so the second node can sequence.
    harness.node.stop().await;
    let again = Node::start(node_config(store)).await.expect("restarts");
    assert_eq!(again.app_state.shared.tree.borrow().size, size);
    let status = again.app_state.shared.read_state(|state| state.movement(&mrn).map(|m| m.status));
    assert_eq!(status, Some(Some(passage_core::MovementStatus::Accepted)));
    again.stop().await;
    schema.drop_schema().await;
}

/// The salt `testing::test_commitment` derives from a payload.
fn test_salt(payload: &str) -> [u8; 32] {
    use sha2::Digest as _;
    sha2::Sha256::digest(format!("salt\n{payload}").as_bytes()).into()
}

fn attached(field: &str, payload: &str) -> serde_json::Value {
    serde_json::json!({
        "field": field,
        "salt": BASE64.encode(test_salt(payload)),
        "payload": BASE64.encode(payload),
    })
}

#[tokio::test]
async fn attack_keys_nobody_enrolled_take_no_place_in_the_nonce_memory() {
    // Anyone can make key pairs: signed reads from keys nobody enrolled are refused before
    // their signature is checked or their nonce kept, so they cannot fill the memory that
    // officers' reads need.
    let harness = TestNode::start(MEGHRI_OFFICERS).await;
    let now = passage_node::sequencer::now_ms();
    let uri = "/v1/entries/0/payloads";
    for number in 0..200 {
        let stranger = format!("carrier:NOBODY-{number}");
        let (status, json) =
            harness.send(signed_get(&stranger, uri, now, "nonce-0000000001")).await;
        assert_eq!(
            (status, json["error"].as_str()),
            (StatusCode::UNAUTHORIZED, Some("unknown_signer")),
            "{json}"
        );
    }
    assert_eq!(stored_nonces(&harness.database), 0);
    // An officer's read is taken, and its nonce kept.
    let (status, json) =
        harness.send(signed_get("customs@AM-MEGHRI-E", uri, now, "nonce-0000000001")).await;
    assert_ne!(status, StatusCode::UNAUTHORIZED, "{json}");
    assert_ne!(status, StatusCode::SERVICE_UNAVAILABLE, "{json}");
    assert_eq!(stored_nonces(&harness.database), 1);
}

/// The nonces of signed reads kept in a node's SQLite store.
fn stored_nonces(database: &std::path::Path) -> u64 {
    let connection = rusqlite::Connection::open(database).expect("the node's database");
    connection
        .query_row("SELECT COUNT(*) FROM request_nonces", [], |row| row.get(0))
        .expect("a count")
}

/// Whether a signed read got past the signature and the nonce (its role decides the rest).
fn taken(status: StatusCode) -> bool {
    status != StatusCode::UNAUTHORIZED && status != StatusCode::SERVICE_UNAVAILABLE
}

/// The answer's status and error code.
fn verdict(answer: &(StatusCode, serde_json::Value)) -> (StatusCode, Option<&str>) {
    (answer.0, answer.1["error"].as_str())
}

#[tokio::test]
async fn attack_a_signed_read_replayed_after_a_restart_is_refused() {
    let harness = TestNode::start(MEGHRI_OFFICERS).await;
    let now = passage_node::sequencer::now_ms();
    let read =
        || signed_get("customs@AM-MEGHRI-E", "/v1/entries/0/payloads", now, "nonce-restart-001");
    let first = harness.send(read()).await;
    assert!(taken(first.0), "{}", first.1);
    let TestNode { node, database, folder: _folder } = harness;
    node.stop().await;
    let again =
        Node::start(node_config(StoreConfig::Sqlite(passage_store::SqliteConfig::new(&database))))
            .await
            .expect("restarts");
    let replayed = common::node::send_request(&again.app_state, read()).await;
    assert_eq!(
        (replayed.0, replayed.2["error"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("replayed_request")),
        "{}",
        replayed.2
    );
    again.stop().await;
}

#[tokio::test]
async fn attack_a_signed_read_replayed_to_another_node_of_the_group_is_refused() {
    use passage_node::follower::{GroupConfig, GroupNode};
    let folder = tempfile::tempdir().expect("temporary folder");
    let store =
        StoreConfig::Sqlite(passage_store::SqliteConfig::new(folder.path().join("passage.db")));
    let group = |store: StoreConfig| GroupConfig {
        node: node_config(store),
        advertise: None,
        members: vec![],
        witnesses: passage_node::publisher::WitnessConfig::none(),
    };
    let leader = GroupNode::start(group(store.clone())).await.expect("the leader starts");
    common::node::set_up_corridor(&leader.app_state, MEGHRI_OFFICERS).await;
    let follower = GroupNode::start(group(store)).await.expect("the follower starts");
    let size = leader.app_state.shared.tree.borrow().size;
    let mut tree = follower.app_state.shared.tree.subscribe();
    tokio::time::timeout(
        std::time::Duration::from_secs(30),
        tree.wait_for(|head| head.size == size),
    )
    .await
    .expect("the follower catches up")
    .expect("the follower runs");
    let now = passage_node::sequencer::now_ms();
    let read =
        || signed_get("customs@AM-MEGHRI-E", "/v1/entries/0/payloads", now, "nonce-group-00001");
    let first = common::node::send_request(&leader.app_state, read()).await;
    assert!(taken(first.0), "{}", first.2);
    let replayed = common::node::send_request(&follower.app_state, read()).await;
    assert_eq!(
        (replayed.0, replayed.2["error"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("replayed_request")),
        "{}",
        replayed.2
    );
    // A fresh nonce is read on the follower: the refusal was the replay, not the node.
    let fresh =
        signed_get("customs@AM-MEGHRI-E", "/v1/entries/0/payloads", now, "nonce-group-00002");
    let fresh = common::node::send_request(&follower.app_state, fresh).await;
    assert!(taken(fresh.0), "{}", fresh.2);
}

#[tokio::test]
async fn attack_a_signed_read_for_another_corridors_log_is_refused() {
    let harness = TestNode::start(MEGHRI_OFFICERS).await;
    let now = passage_node::sequencer::now_ms();
    let uri = "/v1/entries/0/payloads";
    // Signed by an officer enrolled here, for another corridor's node.
    let elsewhere =
        signed_get_for("other.corridor/log", "customs@AM-MEGHRI-E", uri, now, "nonce-origin-0001");
    let refused = harness.send(elsewhere).await;
    assert_eq!(
        verdict(&refused),
        (StatusCode::UNAUTHORIZED, Some("bad_signature")),
        "{}",
        refused.1
    );
    assert_eq!(stored_nonces(&harness.database), 0, "nothing was stored for it");
    // The same read signed for this node's log is taken.
    let here = signed_get("customs@AM-MEGHRI-E", uri, now, "nonce-origin-0001");
    let here = harness.send(here).await;
    assert!(taken(here.0), "{}", here.1);
}

/// A GET request signed by `signer` at `timestamp_ms` with `nonce`, for the test nodes' log.
fn signed_get(signer: &str, uri: &str, timestamp_ms: u64, nonce: &str) -> Request<Body> {
    let origin = common::node::node_log_key().verifier_key().name().to_owned();
    signed_get_for(&origin, signer, uri, timestamp_ms, nonce)
}

/// A GET request signed by `signer` for the log `origin`.
fn signed_get_for(
    origin: &str,
    signer: &str,
    uri: &str,
    timestamp_ms: u64,
    nonce: &str,
) -> Request<Body> {
    use ed25519_dalek::Signer as _;
    let key = key_for(signer);
    let (path, query) = uri.split_once('?').unwrap_or((uri, ""));
    let message = passage_node::confidential::signed_request_message(
        origin,
        "GET",
        path,
        query,
        timestamp_ms,
        nonce,
        b"",
    );
    let signature = key.sign(message.as_bytes());
    Request::builder()
        .method("GET")
        .uri(uri)
        .header("passage-key", hex::encode(key.verifying_key().to_bytes()))
        .header("passage-timestamp", timestamp_ms.to_string())
        .header("passage-nonce", nonce)
        .header("passage-signature", BASE64.encode(signature.to_bytes()))
        .body(Body::empty())
        .expect("request")
}

#[tokio::test]
async fn payloads_are_checked_against_their_commitments_and_read_by_readers_only() {
    let harness = TestNode::start(MEGHRI_OFFICERS).await;
    let truck = testing::truck("AM-TRANSIT-ROAD", "10AB130", "2022:080810", 18_000);
    let declare = signed("carrier:ARAZ-TRUCKS", Statement::Declare(truck));
    let encoded = BASE64.encode(declare.encode());
    let submit = |payloads: Vec<serde_json::Value>| {
        serde_json::json!({ "statement": encoded, "payloads": payloads }).to_string()
    };

    // A payload that does not open its commitment, or names none, is refused; the log
    // does not grow.
    let wrong = attached("consignee", "consignee: someone else");
    let body = submit(vec![wrong]);
    harness
        .check_refused(
            "POST",
            "/v1/statements",
            body,
            StatusCode::UNPROCESSABLE_ENTITY,
            "payload_mismatch",
        )
        .await;
    let unknown = attached("findings", "no findings");
    let body = submit(vec![unknown]);
    harness
        .check_refused(
            "POST",
            "/v1/statements",
            body,
            StatusCode::UNPROCESSABLE_ENTITY,
            "unknown_payload_field",
        )
        .await;
    let twice = vec![
        attached("consignee", "consignee: Ordubad Agro"),
        attached("consignee", "consignee: Ordubad Agro"),
    ];
    harness
        .check_refused(
            "POST",
            "/v1/statements",
            submit(twice),
            StatusCode::BAD_REQUEST,
            "malformed_payload",
        )
        .await;

    // From a key nobody enrolled, the answer is `unknown_signer`, whatever its payloads.
    let stranger = testing::truck("AM-TRANSIT-ROAD", "10AB131", "2022:080810", 18_000);
    let stranger = signed("carrier:NOBODY", Statement::Declare(stranger));
    let body = serde_json::json!({
        "statement": BASE64.encode(stranger.encode()),
        "payloads": [attached("consignee", "consignee: someone else")],
    });
    harness
        .check_refused(
            "POST",
            "/v1/statements",
            body.to_string(),
            StatusCode::UNAUTHORIZED,
            "unknown_signer",
        )
        .await;

    // The right payloads are stored with the entry.
    let good = vec![
        attached("consignee", "consignee: Ordubad Agro"),
        attached("goods/0/value", "value on 10AB130"),
    ];
    let (status, json) = harness.request("POST", "/v1/statements", submit(good)).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    let index = json["index"].as_u64().expect("an index");
    let uri = format!("/v1/entries/{index}/payloads");

    // Customs of the host state read them, and each opens its commitment.
    let now = passage_node::sequencer::now_ms();
    let (status, json) =
        harness.send(signed_get("customs@AM-MEGHRI-E", &uri, now, "nonce-0000000001")).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    let payloads = json["payloads"].as_array().expect("payloads");
    let fields: Vec<_> = payloads.iter().map(|item| item["field"].as_str()).collect();
    assert_eq!(fields, [Some("consignee"), Some("goods/0/value")]);
    for item in payloads {
        let decode = |name: &str| BASE64.decode(item[name].as_str().expect(name)).expect(name);
        let salt: [u8; 32] = decode("salt").try_into().expect("32 bytes");
        let commitment: [u8; 32] = hex::decode(item["commitment"].as_str().expect("commitment"))
            .expect("hex")
            .try_into()
            .expect("32 bytes");
        assert!(passage_core::Commitment(commitment).matches(&salt, &decode("payload")));
    }
    // So does the carrier whose movement it is.
    let (status, _) =
        harness.send(signed_get("carrier:ARAZ-TRUCKS", &uri, now, "nonce-0000000002")).await;
    assert_eq!(status, StatusCode::OK);

    // Refusals, each typed.
    let check = |request: Request<Body>, expected: (StatusCode, &'static str)| {
        let harness = &harness;
        async move {
            let (status, json) = harness.send(request).await;
            assert_eq!((status, json["error"].as_str()), (expected.0, Some(expected.1)), "{json}");
        }
    };
    let unsigned = Request::builder().uri(&uri).body(Body::empty()).expect("request");
    check(unsigned, (StatusCode::UNAUTHORIZED, "unsigned")).await;
    // Signed for another path: the signature does not verify.
    let mut moved =
        signed_get("customs@AM-MEGHRI-E", "/v1/entries/0/payloads", now, "nonce-0000000003");
    *moved.uri_mut() = uri.parse().expect("uri");
    check(moved, (StatusCode::UNAUTHORIZED, "bad_signature")).await;
    let replayed = signed_get("customs@AM-MEGHRI-E", &uri, now, "nonce-0000000001");
    check(replayed, (StatusCode::UNAUTHORIZED, "replayed_request")).await;
    let skew = passage_node::confidential::REQUEST_SKEW_MS_MAX + 1_000;
    let stale = signed_get("customs@AM-MEGHRI-E", &uri, now - skew, "nonce-0000000004");
    check(stale, (StatusCode::UNAUTHORIZED, "stale_request")).await;
    let early = signed_get("customs@AM-MEGHRI-E", &uri, now + skew, "nonce-0000000005");
    check(early, (StatusCode::UNAUTHORIZED, "stale_request")).await;
    let stranger = signed_get("customs@NOWHERE", &uri, now, "nonce-0000000006");
    check(stranger, (StatusCode::UNAUTHORIZED, "unknown_signer")).await;
    let short_nonce = signed_get("customs@AM-MEGHRI-E", &uri, now, "short");
    check(short_nonce, (StatusCode::UNAUTHORIZED, "unsigned")).await;
    // Another carrier, and a party's authority key, may not read.
    register_carrier(harness.app(), "OTHER-TRUCKS", "Other Trucks").await;
    let other = signed_get("carrier:OTHER-TRUCKS", &uri, now, "nonce-0000000007");
    check(other, (StatusCode::FORBIDDEN, "not_a_reader")).await;
    let authority = signed_get("authority:AM", &uri, now, "nonce-0000000008");
    check(authority, (StatusCode::FORBIDDEN, "not_a_reader")).await;

    // A resubmission with its payloads answers with the first entry and keeps them.
    let again = vec![attached("goods/0/description", "goods on 10AB130")];
    let (status, json) = harness.request("POST", "/v1/statements", submit(again)).await;
    assert_eq!(
        (status, json["index"].as_u64(), json["duplicate"].as_bool()),
        (StatusCode::OK, Some(index), Some(true))
    );
    let (status, json) =
        harness.send(signed_get("monitor@AM-MEGHRI-E", &uri, now, "nonce-0000000009")).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    assert_eq!(json["payloads"].as_array().map(Vec::len), Some(3), "{json}");
}

#[tokio::test]
async fn incidents_are_listed_by_post_status_and_period() {
    let harness = TestNode::start(MEGHRI_OFFICERS).await;
    let mrn = harness.accepted_truck("10AB131").await;
    let second = harness.accepted_truck("10AB132").await;
    let post = ident("AM-MEGHRI-E");
    harness.accept(signed("monitor@AM-MEGHRI-E", Statement::Arrive { mrn, post })).await;
    let report = Statement::ReportIncident {
        mrn,
        kind: passage_core::statement::IncidentKind::SealBroken,
        details: testing::test_commitment("seal cut on the trailer"),
    };
    let opened = harness.accept(signed("monitor@AM-MEGHRI-E", report)).await;

    let list = |query: &str| {
        let harness = &harness;
        let uri = format!("/v1/incidents{query}");
        async move {
            let (status, json) = harness.request("GET", &uri, Body::empty()).await;
            assert_eq!(status, StatusCode::OK, "{json}");
            json["incidents"]
                .as_array()
                .expect("incidents")
                .iter()
                .map(|item| {
                    format!(
                        "{} {} {} {} reported@{} opened@{}",
                        item["id"].as_str().unwrap_or_default(),
                        item["kind"].as_str().unwrap_or_default(),
                        item["status"].as_str().unwrap_or_default(),
                        item["post"].as_str().unwrap_or("-"),
                        item["reported_post"].as_str().unwrap_or("-"),
                        item["opened_entry"],
                    )
                })
                .collect::<Vec<_>>()
        }
    };
    let expected = vec![format!(
        "{mrn}/1 seal_broken open AM-MEGHRI-E reported@AM-MEGHRI-E opened@{}",
        opened.index
    )];
    assert_eq!(list("").await, expected);
    assert_eq!(list("?status=open&post=AM-MEGHRI-E").await, expected);
    assert_eq!(list(&format!("?movement={mrn}")).await, expected);
    assert!(list("?status=closed").await.is_empty());
    assert!(list("?post=AM-AGARAK-X").await.is_empty());
    let now = passage_node::sequencer::now_ms();
    assert!(list(&format!("?from={}", now + 60_000)).await.is_empty());
    assert_eq!(list(&format!("?from=0&until={}", now + 60_000)).await, expected);

    // An incident reported before the movement reached a post and closed at the entry
    // post: `post` filters on where it was reported (nowhere), `last_change_post` on where
    // it last changed.
    let report = Statement::ReportIncident {
        mrn: second,
        kind: passage_core::statement::IncidentKind::SealBroken,
        details: testing::test_commitment("seal found cut before the border"),
    };
    let reported = harness.accept(signed("monitor@AM-MEGHRI-E", report)).await;
    harness.accept(signed("monitor@AM-MEGHRI-E", Statement::Arrive { mrn: second, post })).await;
    let close = Statement::CloseIncident {
        mrn: second,
        incident: 1,
        resolution: testing::test_commitment("seal replaced under customs control"),
    };
    harness.accept(signed("customs@AM-MEGHRI-E", close)).await;
    let closed =
        format!("{second}/1 seal_broken closed AM-MEGHRI-E reported@- opened@{}", reported.index);
    assert_eq!(list("?post=AM-MEGHRI-E").await, expected);
    let mut at_entry = expected.clone();
    at_entry.push(closed.clone());
    assert_eq!(list("?last_change_post=AM-MEGHRI-E").await, at_entry);
    assert_eq!(list("?status=closed").await, [closed]);
    assert!(list("?last_change_post=AM-AGARAK-X").await.is_empty());

    for (query, code) in [
        ("?status=pending", "bad_status"),
        ("?limit=0", "bad_limit"),
        ("?limit=501", "bad_limit"),
        ("?after=nonsense", "bad_cursor"),
        ("?from=10&until=5", "bad_period"),
        ("?movement=NOT-AN-MRN", "bad_mrn"),
    ] {
        harness
            .check_refused(
                "GET",
                &format!("/v1/incidents{query}"),
                Body::empty(),
                StatusCode::BAD_REQUEST,
                code,
            )
            .await;
    }
}

#[tokio::test]
async fn statistics_per_period_count_declarations_and_validate_the_range() {
    let harness = TestNode::start(MEGHRI_OFFICERS).await;
    harness.accepted_truck("10AB133").await;
    harness.accepted_truck("10AB134").await;
    let hour = 3_600_000;
    let now = passage_node::sequencer::now_ms();
    let from = now / hour * hour - 2 * hour;
    let to = from + 4 * hour;
    let uri = format!("/v1/statistics/periods?from={from}&to={to}&granularity=hour");
    let (status, json) = harness.request("GET", &uri, Body::empty()).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    let periods = json["periods"].as_array().expect("periods");
    assert_eq!(periods.len(), 4);
    let declared: Vec<u64> =
        periods.iter().map(|period| period["declared"].as_u64().unwrap_or(99)).collect();
    assert_eq!(declared, [0, 0, 2, 0], "{json}");
    assert_eq!(periods[2]["from_ms"].as_u64(), Some(from + 2 * hour));

    let day = 24 * hour;
    for (query, code) in [
        (format!("from={from}&to={from}&granularity=hour"), "bad_period"),
        (format!("from={}&to={to}&granularity=hour", from + 1), "bad_period"),
        (format!("from=0&to={}&granularity=hour", 1_001 * hour), "bad_period"),
        (format!("from=0&to={}&granularity=day", 1_000 * day), "ok"),
        (format!("from={from}&to={to}&granularity=minute"), "invalid_query"),
        (format!("from={from}&granularity=hour"), "invalid_query"),
    ] {
        let uri = format!("/v1/statistics/periods?{query}");
        if code == "ok" {
            let (status, json) = harness.request("GET", &uri, Body::empty()).await;
            assert_eq!(status, StatusCode::OK, "{json}");
            continue;
        }
        harness.check_refused("GET", &uri, Body::empty(), StatusCode::BAD_REQUEST, code).await;
    }
}

/// The MRN a declaration's acknowledgement names.
fn declared(response: &serde_json::Value) -> Mrn {
    response["events"]
        .as_array()
        .into_iter()
        .flatten()
        .find_map(|event| event.as_str()?.strip_suffix(" declared"))
        .and_then(|text| Mrn::parse(text).ok())
        .expect("the declaration names its MRN")
}

fn declaration(plate: &str) -> SignedStatement {
    let truck = testing::truck("AM-TRANSIT-ROAD", plate, "2022:080810", 18_000);
    signed("carrier:ARAZ-TRUCKS", Statement::Declare(truck))
}

/// The payload lines of a page of `/v1/movements/{mrn}/payloads` or of an entry's
/// payloads, `<index> <field>`, after checking each opens its commitment.
fn payload_lines(index: u64, payloads: &serde_json::Value) -> Vec<String> {
    let payloads = payloads.as_array().expect("payloads");
    payloads
        .iter()
        .map(|item| {
            let decode = |name: &str| BASE64.decode(item[name].as_str().expect(name)).expect(name);
            let salt: [u8; 32] = decode("salt").try_into().expect("32 bytes");
            let commitment: [u8; 32] =
                hex::decode(item["commitment"].as_str().expect("commitment"))
                    .expect("hex")
                    .try_into()
                    .expect("32 bytes");
            assert!(passage_core::Commitment(commitment).matches(&salt, &decode("payload")));
            format!("{index} {}", item["field"].as_str().unwrap_or_default())
        })
        .collect()
}

#[tokio::test]
async fn a_batch_carries_payloads_and_a_bad_one_is_refused_alone() {
    let harness = TestNode::start(MEGHRI_OFFICERS).await;
    let (bare, opened, mismatched, malformed) = (
        declaration("10AB140"),
        declaration("10AB141"),
        declaration("10AB142"),
        declaration("10AB143"),
    );
    let encode = |statement: &SignedStatement| BASE64.encode(statement.encode());
    let mut bad_salt = attached("consignee", "consignee: Ordubad Agro");
    bad_salt["salt"] = "%%%".into();
    let body = serde_json::json!({ "statements": [
        encode(&bare),
        {
            "statement": encode(&opened),
            "payloads": [
                attached("consignee", "consignee: Ordubad Agro"),
                attached("goods/0/value", "value on 10AB141"),
            ],
        },
        { "statement": encode(&mismatched), "payloads": [attached("consignee", "someone else")] },
        { "statement": encode(&malformed), "payloads": [bad_salt] },
        { "statement": encode(&declaration("10AB144")) },
    ]});
    let before = harness.tree_size();
    let (status, json) = harness.request("POST", "/v1/statements/batch", body.to_string()).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    let results = json["results"].as_array().expect("results");
    let outcome = |item: &serde_json::Value| match item["error"].as_str() {
        Some(code) => {
            let message = item["message"].as_str().unwrap_or_default();
            let position = message.split(':').next().unwrap_or_default();
            format!("{code} ({position})")
        }
        None => "accepted".to_owned(),
    };
    let outcomes: Vec<String> = results.iter().map(outcome).collect();
    assert_eq!(
        outcomes,
        [
            "accepted",
            "accepted",
            "payload_mismatch (batch statement 2)",
            "malformed_payload (batch statement 3)",
            "accepted"
        ],
        "{json}"
    );
    assert_eq!(harness.tree_size(), before + 3, "the refused statements are not sequenced");

    // The payloads went in with their own statement only.
    let now = passage_node::sequencer::now_ms();
    let read = |index: &serde_json::Value, nonce: &'static str| {
        let harness = &harness;
        let uri = format!("/v1/entries/{}/payloads", index.as_u64().expect("an index"));
        async move {
            let (status, json) =
                harness.send(signed_get("customs@AM-MEGHRI-E", &uri, now, nonce)).await;
            assert_eq!(status, StatusCode::OK, "{json}");
            payload_lines(json["index"].as_u64().expect("index"), &json["payloads"])
        }
    };
    let index = results[1]["index"].as_u64().expect("an index");
    assert_eq!(
        read(&results[1]["index"], "nonce-batch-00001").await,
        [format!("{index} consignee"), format!("{index} goods/0/value")]
    );
    assert!(read(&results[0]["index"], "nonce-batch-00002").await.is_empty());

    // The refused statement, sent again with its right payload, is accepted, and a
    // duplicate in a batch stores payloads it did not carry the first time.
    let body = serde_json::json!({ "statements": [
        {
            "statement": encode(&mismatched),
            "payloads": [attached("consignee", "consignee: Ordubad Agro")],
        },
        { "statement": encode(&bare), "payloads": [attached("goods/0/value", "value on 10AB140")] },
    ]});
    let (status, json) = harness.request("POST", "/v1/statements/batch", body.to_string()).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    let outcomes: Vec<String> =
        json["results"].as_array().expect("results").iter().map(outcome).collect();
    assert_eq!(outcomes, ["accepted", "accepted"], "{json}");
    assert_eq!(json["results"][1]["duplicate"].as_bool(), Some(true), "{json}");
    let bare_index = results[0]["index"].as_u64().expect("an index");
    assert_eq!(
        read(&results[0]["index"], "nonce-batch-00003").await,
        [format!("{bare_index} goods/0/value")]
    );

    // An item that is neither text nor an object is malformed JSON, refused whole.
    harness
        .check_refused(
            "POST",
            "/v1/statements/batch",
            "{\"statements\": [42]}",
            StatusCode::BAD_REQUEST,
            "malformed_json",
        )
        .await;
}

/// Another well-formed MRN than `mrn`: one character changed, the check character
/// recomputed.
fn another_mrn(mrn: Mrn) -> Mrn {
    let mut bytes = mrn.to_string().into_bytes();
    bytes[10] = if bytes[10] == b'9' { b'8' } else { b'9' };
    (b'0'..=b'9')
        .chain(b'A'..=b'Z')
        .find_map(|check| {
            bytes[17] = check;
            Mrn::parse(std::str::from_utf8(&bytes).ok()?).ok()
        })
        .expect("some check character fits")
}

#[tokio::test]
async fn a_movement_s_payloads_are_read_in_one_signed_call_by_readers_only() {
    let harness = TestNode::start(MEGHRI_OFFICERS).await;
    let declare = declaration("10AB150");
    let body = serde_json::json!({
        "statement": BASE64.encode(declare.encode()),
        "payloads": [
            attached("consignee", "consignee: Ordubad Agro"),
            attached("goods/0/description", "goods on 10AB150"),
            attached("goods/0/value", "value on 10AB150"),
        ],
    });
    let (status, json) = harness.request("POST", "/v1/statements", body.to_string()).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    let declared_at = json["index"].as_u64().expect("an index");
    let mrn = declared(&json);
    harness.accept(signed("customs@AM-MEGHRI-E", Statement::Accept { mrn })).await;
    let post = ident("AM-MEGHRI-E");
    harness.accept(signed("monitor@AM-MEGHRI-E", Statement::Arrive { mrn, post })).await;
    let report = signed(
        "monitor@AM-MEGHRI-E",
        Statement::ReportIncident {
            mrn,
            kind: passage_core::statement::IncidentKind::SealBroken,
            details: testing::test_commitment("seal cut on the trailer"),
        },
    );
    let body = serde_json::json!({
        "statement": BASE64.encode(report.encode()),
        "payloads": [attached("details", "seal cut on the trailer")],
    });
    let (status, json) = harness.request("POST", "/v1/statements", body.to_string()).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    let reported_at = json["index"].as_u64().expect("an index");
    // Another movement's payloads stay out.
    let other = declaration("10AB151");
    let body = serde_json::json!({
        "statement": BASE64.encode(other.encode()),
        "payloads": [attached("consignee", "consignee: Ordubad Agro")],
    });
    let (status, json) = harness.request("POST", "/v1/statements", body.to_string()).await;
    assert_eq!(status, StatusCode::OK, "{json}");

    let expected = vec![
        format!("{declared_at} consignee"),
        format!("{declared_at} goods/0/description"),
        format!("{declared_at} goods/0/value"),
        format!("{reported_at} details"),
    ];
    let uri = format!("/v1/movements/{mrn}/payloads");
    let now = passage_node::sequencer::now_ms();
    let lines = |json: &serde_json::Value| -> Vec<String> {
        json["entries"]
            .as_array()
            .expect("entries")
            .iter()
            .flat_map(|entry| {
                payload_lines(entry["index"].as_u64().expect("index"), &entry["payloads"])
            })
            .collect()
    };
    // Customs of the host state read them all in one call; so does the carrier.
    for (reader, nonce) in
        [("customs@AM-MEGHRI-E", "nonce-movement-01"), ("carrier:ARAZ-TRUCKS", "nonce-movement-02")]
    {
        let (status, json) = harness.send(signed_get(reader, &uri, now, nonce)).await;
        assert_eq!(status, StatusCode::OK, "{json}");
        assert_eq!(
            (lines(&json), json["mrn"].as_str()),
            (expected.clone(), Some(&*mrn.to_string()))
        );
        assert!(json["next"].is_null(), "{json}");
    }
    // Page by page, each page a fresh signed request with its query signed too.
    let mut paged = Vec::new();
    let mut after: Option<String> = None;
    for page in 0..10 {
        let query = match &after {
            None => "limit=3".to_owned(),
            Some(cursor) => format!("limit=3&after={cursor}"),
        };
        let nonce = format!("nonce-movement-page-{page}");
        let request = signed_get("customs@AM-MEGHRI-E", &format!("{uri}?{query}"), now, &nonce);
        let (status, json) = harness.send(request).await;
        assert_eq!(status, StatusCode::OK, "{json}");
        paged.extend(lines(&json));
        match json["next"].as_str() {
            Some(next) => after = Some(next.to_owned()),
            None => break,
        }
    }
    assert_eq!(paged, expected);

    // Refusals, each typed.
    let check = |request: Request<Body>, expected: (StatusCode, &'static str)| {
        let harness = &harness;
        async move {
            let (status, json) = harness.send(request).await;
            assert_eq!((status, json["error"].as_str()), (expected.0, Some(expected.1)), "{json}");
        }
    };
    let unsigned = Request::builder().uri(&uri).body(Body::empty()).expect("request");
    check(unsigned, (StatusCode::UNAUTHORIZED, "unsigned")).await;
    let replayed = signed_get("customs@AM-MEGHRI-E", &uri, now, "nonce-movement-01");
    check(replayed, (StatusCode::UNAUTHORIZED, "replayed_request")).await;
    let stranger = signed_get("customs@NOWHERE", &uri, now, "nonce-movement-03");
    check(stranger, (StatusCode::UNAUTHORIZED, "unknown_signer")).await;
    let unknown = format!("/v1/movements/{}/payloads", another_mrn(mrn));
    let missing = signed_get("customs@AM-MEGHRI-E", &unknown, now, "nonce-movement-04");
    check(missing, (StatusCode::NOT_FOUND, "not_found")).await;
    register_carrier(harness.app(), "OTHER-TRUCKS", "Other Trucks").await;
    let other_carrier = signed_get("carrier:OTHER-TRUCKS", &uri, now, "nonce-movement-05");
    check(other_carrier, (StatusCode::FORBIDDEN, "not_a_reader")).await;
    let authority = signed_get("authority:AM", &uri, now, "nonce-movement-06");
    check(authority, (StatusCode::FORBIDDEN, "not_a_reader")).await;
    for (query, nonce, code) in [
        ("limit=0", "nonce-movement-07", "bad_limit"),
        ("limit=257", "nonce-movement-08", "bad_limit"),
        ("after=nonsense", "nonce-movement-09", "bad_cursor"),
    ] {
        let request = signed_get("customs@AM-MEGHRI-E", &format!("{uri}?{query}"), now, nonce);
        check(request, (StatusCode::BAD_REQUEST, code)).await;
    }
    let bad_mrn = signed_get(
        "customs@AM-MEGHRI-E",
        "/v1/movements/NOT-AN-MRN/payloads",
        now,
        "nonce-movement-10",
    );
    check(bad_mrn, (StatusCode::BAD_REQUEST, "bad_mrn")).await;
}

#[tokio::test]
async fn regime_proposals_are_listed_with_their_status_and_approvals() {
    let harness = TestNode::start(MEGHRI_OFFICERS).await;
    let list = |query: &str| {
        let harness = &harness;
        let uri = format!("/v1/regimes/proposals{query}");
        async move {
            let (status, json) = harness.request("GET", &uri, Body::empty()).await;
            assert_eq!(status, StatusCode::OK, "{json}");
            let lines: Vec<String> = json["proposals"]
                .as_array()
                .expect("proposals")
                .iter()
                .map(|item| {
                    format!(
                        "{} {} {} current={} by={} from={} sha256={}",
                        item["entry"],
                        item["name"].as_str().unwrap_or_default(),
                        item["status"].as_str().unwrap_or_default(),
                        item["current"],
                        item["approvals"],
                        item["effective_from_ms"],
                        item["document_sha256"].as_str().unwrap_or_default(),
                    )
                })
                .collect();
            (lines, json["next"].clone())
        }
    };
    assert_eq!(list("").await, (Vec::new(), serde_json::Value::Null));

    let document = testing::SYUNIK_REGIME_NO_CHECKS.to_owned();
    let sha256 = hex::encode(passage_core::digest::sha256(document.as_bytes()));
    let charter =
        passage_core::Charter::from_toml(&testing::ScenarioConfig::syunik().charter_document())
            .expect("the charter");
    let parties: Vec<_> = charter.parties.iter().map(|party| party.id).collect();
    let name = passage_core::Regime::from_toml(&document, &charter.corridor, &parties)
        .expect("the regime")
        .name;
    let propose = |signer: &str| {
        signed(
            signer,
            Statement::ProposeRegime {
                effective_from: passage_core::Timestamp(0),
                document: document.clone(),
            },
        )
    };
    let first = harness.accept(propose("authority:AM")).await.index;
    let second = harness.accept(propose("authority:AZ")).await.index;
    let pending = |entry: u64, by: &str| {
        format!("{entry} {name} pending current=false by={by} from=0 sha256={sha256}")
    };
    assert_eq!(
        list("").await,
        (vec![pending(first, r#"["AM"]"#), pending(second, r#"["AZ"]"#)], serde_json::Value::Null)
    );
    // The quorum approves the first: in force at once (it takes effect on adoption).
    let approve = Statement::ApproveRegime { proposal_entry: first };
    harness.accept(signed("authority:AZ", approve.clone())).await;
    let adopted = harness.accept(signed("authority:MON", approve)).await;
    let (in_force, next) = list("?status=in_force").await;
    assert_eq!(next, serde_json::Value::Null);
    assert_eq!(in_force.len(), 1, "{in_force:?}");
    assert!(
        in_force[0].starts_with(&format!(
            "{first} {name} in_force current=true by=[\"AM\",\"AZ\",\"MON\"] from="
        )) && !in_force[0].contains(" from=0 "),
        "{in_force:?}, adopted at entry {}",
        adopted.index
    );
    assert_eq!(list("?status=pending").await.0, [pending(second, r#"["AZ"]"#)]);
    assert!(list("?status=adopted").await.0.is_empty());
    // A page at a time.
    let (page, next) = list("?limit=1").await;
    assert_eq!((page.len(), next.as_u64()), (1, Some(first)));
    let (page, next) = list(&format!("?limit=1&after={first}")).await;
    assert_eq!((page, next), (vec![pending(second, r#"["AZ"]"#)], serde_json::Value::Null));

    for (query, code) in [
        ("?status=withdrawn", "bad_status"),
        ("?limit=0", "bad_limit"),
        ("?limit=101", "bad_limit"),
        ("?after=first", "invalid_query"),
    ] {
        harness
            .check_refused(
                "GET",
                &format!("/v1/regimes/proposals{query}"),
                Body::empty(),
                StatusCode::BAD_REQUEST,
                code,
            )
            .await;
    }
}

/// Sends `request` (method, URI, body) and checks the answer is the JSON error body with
/// `expect` (status, code).
async fn check(harness: &TestNode, request: (&str, &str, &str), expect: (StatusCode, &str)) {
    let (method, uri, body) = request;
    let request = Request::builder()
        .method(method)
        .uri(uri)
        .body(Body::from(body.to_owned()))
        .expect("request");
    let (status, headers, json) = common::node::send_request(harness.app(), request).await;
    assert_eq!(
        (status, json["error"].as_str()),
        (expect.0, Some(expect.1)),
        "{method} {uri}: {json}"
    );
    assert!(
        json["message"].as_str().is_some_and(|text| !text.is_empty()),
        "{method} {uri}: {json}"
    );
    assert_eq!(headers["content-type"], "application/json", "{method} {uri}");
}

#[tokio::test]
async fn every_malformed_query_path_or_body_is_answered_with_the_json_error_body() {
    let harness = TestNode::start(MEGHRI_OFFICERS).await;
    let bad = StatusCode::BAD_REQUEST;
    let unsigned = StatusCode::UNAUTHORIZED;
    for (request, expect) in [
        (("POST", "/v1/statements", "{"), (bad, "malformed_json")),
        (("POST", "/v1/statements", "{\"statement\": 5}"), (bad, "malformed_json")),
        (("POST", "/v1/statements/batch", "[]"), (bad, "malformed_json")),
        (("POST", "/v1/statements/batch", "{\"statements\": \"x\"}"), (bad, "malformed_json")),
        (("GET", "/v1/entries/notanumber", ""), (bad, "bad_index")),
        (("GET", "/v1/entries/%FF", ""), (bad, "invalid_path")),
        (("GET", "/v1/entries/notanumber/receipt", ""), (bad, "bad_index")),
        (("GET", "/v1/entries/%FF/receipt", ""), (bad, "invalid_path")),
        // A signed read checks the signature before anything else.
        (("GET", "/v1/entries/notanumber/payloads", ""), (unsigned, "unsigned")),
        (("GET", "/v1/movements?limit=ten", ""), (bad, "invalid_query")),
        (("GET", "/v1/movements?order=sideways", ""), (bad, "invalid_query")),
        (("GET", "/v1/movements?from=yesterday", ""), (bad, "invalid_query")),
        (("GET", "/v1/movements?limit=0", ""), (bad, "bad_limit")),
        (("GET", "/v1/movements?after=nocursor", ""), (bad, "bad_cursor")),
        (("GET", "/v1/movements/NOTANMRN", ""), (bad, "bad_mrn")),
        (("GET", "/v1/movements/%FF", ""), (bad, "invalid_path")),
        (("GET", "/v1/movements/NOTANMRN/payloads?limit=ten", ""), (unsigned, "unsigned")),
        (("GET", "/v1/accounts?from=yesterday", ""), (bad, "invalid_query")),
        (("GET", "/v1/accounts/receipts/statement?limit=ten", ""), (bad, "invalid_query")),
        (("GET", "/v1/accounts/receipts/statement?after=x", ""), (bad, "bad_cursor")),
        (("GET", "/v1/accounts/receipts/statement?limit=100000", ""), (bad, "bad_limit")),
        (("GET", "/v1/accounts/%FF/statement", ""), (bad, "invalid_path")),
        (("GET", "/v1/regimes/proposals?after=x", ""), (bad, "invalid_query")),
        (("GET", "/v1/regimes/proposals?status=gone", ""), (bad, "bad_status")),
        (("GET", "/v1/regimes/proposals?limit=0", ""), (bad, "bad_limit")),
        (("GET", "/v1/statistics/periods", ""), (bad, "invalid_query")),
        (
            ("GET", "/v1/statistics/periods?from=0&to=1&granularity=minute", ""),
            (bad, "invalid_query"),
        ),
        (("GET", "/v1/statistics/periods?from=1&to=2&granularity=hour", ""), (bad, "bad_period")),
        (("GET", "/v1/incidents?from=yesterday", ""), (bad, "invalid_query")),
        (("GET", "/v1/incidents?limit=ten", ""), (bad, "invalid_query")),
        (("GET", "/v1/incidents?status=maybe", ""), (bad, "bad_status")),
        (("GET", "/v1/incidents?movement=NOTANMRN", ""), (bad, "bad_mrn")),
        (("GET", "/v1/incidents?from=2&until=1", ""), (bad, "bad_period")),
        (("GET", "/v1/incidents?after=x", ""), (bad, "bad_cursor")),
        (("GET", "/log/tile/notatile", ""), (bad, "bad_tile_path")),
        (("GET", "/v1/nothing", ""), (StatusCode::NOT_FOUND, "not_found")),
        (("GET", "/v1/statements/nothing", ""), (StatusCode::NOT_FOUND, "not_found")),
        (("GET", "/v1/statements", ""), (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed")),
        (("DELETE", "/v1/movements", ""), (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed")),
    ] {
        check(&harness, request, expect).await;
    }
}

/// A node's handlers whose sequencer queue holds `capacity` statements, all taken: its
/// receiver is never drained. Returns the receiver (to see what was queued) and the
/// permits that fill the queue.
async fn a_full_queue(
    folder: &tempfile::TempDir,
) -> (
    passage_node::api::AppState,
    tokio::sync::mpsc::Receiver<passage_node::sequencer::Submission>,
    tokio::sync::mpsc::OwnedPermit<passage_node::sequencer::Submission>,
) {
    let store = passage_store::StoreConfig::Sqlite(passage_store::SqliteConfig::new(
        folder.path().join("passage.db"),
    ));
    let store = std::sync::Arc::new(passage_store::AnyStore::open(store).await.expect("opens"));
    let (tree, _) = tokio::sync::watch::channel(passage_node::sequencer::TreeHead {
        size: 0,
        root: passage_log::Hash::default(),
    });
    let shared = std::sync::Arc::new(passage_node::sequencer::Shared::new(None, tree));
    let (queue, receiver) = tokio::sync::mpsc::channel(1);
    let verifier =
        std::sync::Arc::new(passage_node::verify::Verifier::new().expect("verification pool"));
    let state = passage_node::api::AppState::new(store, shared, queue.clone(), verifier);
    let held = queue.try_reserve_owned().expect("room for one");
    (state, receiver, held)
}

#[tokio::test]
async fn a_full_queue_answers_503_with_retry_after_to_one_statement_and_to_a_batch() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let (state, mut receiver, held) = a_full_queue(&folder).await;
    let document = passage_core::testing::ScenarioConfig::syunik().charter_document();
    let charter = signed("authority:AM", Statement::Charter { document });
    let enrol = signed(
        "authority:AM",
        Statement::RegisterCarrier {
            carrier: ident("ARAZ-TRUCKS"),
            name: "Araz Trucks Ltd".into(),
            key: testing::public_key_for("carrier:ARAZ-TRUCKS"),
        },
    );
    let batch = serde_json::json!({ "statements": [
        BASE64.encode(charter.encode()),
        BASE64.encode(enrol.encode()),
    ]})
    .to_string();
    for (uri, body) in [("/v1/statements", body_of(&charter)), ("/v1/statements/batch", batch)] {
        let request = Request::builder()
            .method("POST")
            .uri(uri)
            .header("content-type", "application/json")
            .body(Body::from(body))
            .expect("request");
        // A handler that waited for room would never answer: the queue is never drained.
        let answer = tokio::time::timeout(
            std::time::Duration::from_secs(30),
            common::node::send_request(&state, request),
        )
        .await;
        let (status, headers, json) = answer.expect("answered without waiting for room");
        assert_eq!(
            (status, json["error"].as_str()),
            (StatusCode::SERVICE_UNAVAILABLE, Some("unavailable")),
            "{uri}: {json}"
        );
        assert!(headers.contains_key("retry-after"), "{uri}: retry after a while");
    }
    drop(held);
    assert!(receiver.try_recv().is_err(), "nothing of a refused request was queued");
}

/// Polls the node's statistics until its latest published checkpoint covers `size`.
async fn published(harness: &TestNode, size: u64) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let (_, statistics) = harness.request("GET", "/v1/statistics", Body::empty()).await;
        if statistics["checkpoint_size"].as_u64() >= Some(size) {
            return;
        }
        assert!(std::time::Instant::now() < deadline, "no checkpoint of size {size}: {statistics}");
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
}

#[tokio::test]
async fn figures_published_with_a_checkpoint_stay_as_published_while_the_node_goes_on() {
    let harness = TestNode::start(MEGHRI_OFFICERS).await;
    let first = harness.accepted_truck("10AB131").await;
    let size = harness.tree_size();
    published(&harness, size).await;
    let committed = harness.app().shared.committed();
    assert_eq!(committed.head.size, size, "nothing was sequenced since");
    let digest = hex::encode(committed.state.as_ref().expect("a charter").digest());
    let (status, at_size) =
        harness.request("GET", &format!("/v1/statistics?at={size}"), Body::empty()).await;
    assert_eq!(status, StatusCode::OK, "{at_size}");
    assert_eq!(at_size["tree_size"], size);
    assert_eq!(at_size["state_digest"], digest.as_str());
    assert_eq!(at_size["movements"]["accepted"], 1);
    let balances_request = |uri: String| Request::builder().uri(uri).body(Body::empty());
    let (_, headers, balances_at_size) = common::node::send_request(
        harness.app(),
        balances_request(format!("/v1/accounts?at={size}")).expect("request"),
    )
    .await;
    assert_eq!(headers["passage-tree-size"], size.to_string().as_str());

    // The node goes on: the first truck arrives, a second is declared.
    let arrive = Statement::Arrive { mrn: first, post: ident("AM-MEGHRI-E") };
    harness.accept(signed("monitor@AM-MEGHRI-E", arrive)).await;
    let second = harness.accepted_truck("10AB132").await;
    let now = harness.tree_size();
    let (_, current) = harness.request("GET", "/v1/statistics", Body::empty()).await;
    assert_eq!(current["tree_size"], now);
    assert_eq!(current["movements"]["accepted"], 1);
    assert_eq!(current["movements"]["at_post"], 1);
    assert_eq!(current["state_digest"], serde_json::Value::Null);

    // What was published at `size` reads the same, whatever the node did since.
    let (_, again) =
        harness.request("GET", &format!("/v1/statistics?at={size}"), Body::empty()).await;
    assert_eq!(again, at_size);
    let (_, headers, balances_again) = common::node::send_request(
        harness.app(),
        balances_request(format!("/v1/accounts?at={size}")).expect("request"),
    )
    .await;
    assert_eq!(headers["passage-tree-size"], size.to_string().as_str());
    assert_eq!(balances_again, balances_at_size);
    let (status, statuses) =
        harness.request("GET", &format!("/v1/movements/statuses?at={size}"), Body::empty()).await;
    assert_eq!(status, StatusCode::OK, "{statuses}");
    assert_eq!(now, size + 3, "the arrival, then the second truck's declaration and acceptance");
    assert_eq!(
        statuses,
        serde_json::json!({
            "tree_size": size,
            "movements": [{
                "mrn": first.to_string(),
                "status": "accepted",
                "last_entry_index": size - 1,
                "changed_since": size,
            }],
            "next": null,
        }),
        "the arrival and the second truck ({second}) came after size {size}"
    );

    // A size with no published figures, and a period with `at`, are refused.
    let unpublished = size + 1;
    let (status, refused) =
        harness.request("GET", &format!("/v1/statistics?at={unpublished}"), Body::empty()).await;
    assert_eq!((status, refused["error"].as_str()), (StatusCode::NOT_FOUND, Some("no_figures")));
    let (status, refused) = harness
        .request("GET", &format!("/v1/movements/statuses?at={unpublished}"), Body::empty())
        .await;
    assert_eq!((status, refused["error"].as_str()), (StatusCode::NOT_FOUND, Some("no_figures")));
    let (status, refused) =
        harness.request("GET", &format!("/v1/accounts?at={size}&from=0"), Body::empty()).await;
    assert_eq!((status, refused["error"].as_str()), (StatusCode::BAD_REQUEST, Some("bad_query")));
}

#[tokio::test]
async fn the_node_serves_the_trust_policy_its_charter_implies() {
    let harness = TestNode::start(MEGHRI_OFFICERS).await;
    let request = Request::builder().uri("/.well-known/passage-policy").body(Body::empty());
    let response =
        api::app(harness.app().clone()).oneshot(request.expect("request")).await.expect("answers");
    assert_eq!(response.status(), StatusCode::OK);
    let body = axum::body::to_bytes(response.into_body(), usize::MAX).await.expect("body");
    let text = String::from_utf8(body.to_vec()).expect("text");
    let log_key = common::node::node_log_key().verifier_key();
    let policy = passage_log::Policy::parse(text.as_bytes()).expect("a policy auditors read");
    assert!(text.starts_with(&format!("log {log_key}\n")), "{text}");
    // The default charter names a witness per party and asks every party.
    assert_eq!(policy.witnesses().len(), 3, "{text}");
}

/// A GET through the node's handlers: the status, the headers and the body's bytes.
async fn raw(harness: &TestNode, uri: &str) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let request = axum::http::Request::builder().uri(uri).body(Body::empty()).expect("request");
    let response =
        passage_node::api::app(harness.app().clone()).oneshot(request).await.expect("answers");
    let (status, headers) = (response.status(), response.headers().clone());
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.expect("body");
    (status, headers, bytes.to_vec())
}

#[tokio::test]
async fn contests_the_mission_and_the_day_s_report_are_read_from_the_core() {
    let harness = TestNode::start(MEGHRI_OFFICERS).await;
    // The days the entries below fall on, which the reports are read for: one, or two when
    // the test runs across midnight (UTC).
    let first_day = passage_core::Timestamp(passage_node::sequencer::now_ms()).day();
    let mrn = harness.accepted_truck("10AB141").await;
    let post = ident("AM-MEGHRI-E");
    harness.accept(signed("monitor@AM-MEGHRI-E", Statement::Arrive { mrn, post })).await;
    let hold =
        Statement::Hold { mrn, post, reason: passage_core::statement::HoldReason::Documents };
    let held = harness.accept(signed("customs@AM-MEGHRI-E", hold)).await;
    let contest = |entry| Statement::Contest { entry, reason: ident("held_too_long") };
    // The host state's own officer does not contest its party's act: refused, nothing
    // sequenced.
    let own = body_of(&signed("customs@AM-MEGHRI-E", contest(held.index)));
    harness.check_refused("POST", "/v1/statements", own, StatusCode::FORBIDDEN, "own_act").await;
    harness.accept(signed("monitor@AM-MEGHRI-E", contest(held.index))).await;
    // Only the act's party answers.
    let answer = Statement::AnswerContest {
        contest: 1,
        answer: passage_core::statement::ContestAnswer::Rejected,
        reasons: testing::test_commitment("the documents were incomplete"),
    };
    let wrong = body_of(&signed("monitor@AM-MEGHRI-E", answer));
    harness
        .check_refused("POST", "/v1/statements", wrong, StatusCode::FORBIDDEN, "not_the_acts_party")
        .await;

    let (status, page) = harness.request("GET", "/v1/contests", Body::empty()).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let contests = page["contests"].as_array().expect("contests");
    assert_eq!(contests.len(), 1, "{page}");
    let line = &contests[0];
    assert_eq!(
        (line["number"].as_u64(), line["entry"].as_u64(), line["party"].as_str()),
        (Some(1), Some(held.index), Some("AM"))
    );
    assert_eq!(
        (line["act_kind"].as_str(), line["contester"].as_str()),
        (Some("hold"), Some("MON"))
    );
    assert_eq!(line["reason"], "held_too_long");
    assert_eq!(line["overdue"], false);

    let (status, mission) = harness.request("GET", "/v1/mission", Body::empty()).await;
    assert_eq!(status, StatusCode::OK, "{mission}");
    assert_eq!(
        (mission["party"].as_str(), mission["mandate_ended"].as_bool()),
        (Some("MON"), Some(false))
    );
    assert_eq!(mission["open_contests"], 1);
    assert_eq!(mission["totals"]["contests_opened"], 1);

    let last_day = passage_core::Timestamp(passage_node::sequencer::now_ms()).day();
    let day_text =
        |day: u32| passage_core::Timestamp::start_of_day(day).to_string()[..10].to_owned();
    // Each line's figure summed over the days the entries fell on.
    let mut summed: std::collections::BTreeMap<String, u64> = std::collections::BTreeMap::new();
    for day in first_day..=last_day {
        let (status, report) =
            harness.request("GET", &format!("/v1/reports/{}", day_text(day)), Body::empty()).await;
        assert_eq!(status, StatusCode::OK, "{report}");
        let expected_status = if day == last_day { "open" } else { "to_sign" };
        assert_eq!(report["status"], expected_status);
        for line in report["figures"].as_array().expect("figures") {
            let key = format!(
                "{} {} {}",
                line["post"].as_str().unwrap_or("corridor"),
                line["figure"].as_str().unwrap_or_default(),
                line["detail"],
            );
            *summed.entry(key).or_default() += line["value"].as_u64().expect("a count");
        }
    }
    let figures: Vec<String> =
        summed.iter().map(|(line, value)| format!("{line} {value}")).collect();
    for expected in [
        "AM-MEGHRI-E arrivals 1 1",
        "AM-MEGHRI-E holds_started 0 1",
        "corridor contests_opened 0 1",
    ] {
        assert!(figures.iter().any(|line| line == expected), "{expected} in {figures:?}");
    }

    // The same report as a page and a PDF, in each language, with the figures of the JSON.
    let day = day_text(last_day);
    let (status, json) = harness.request("GET", &format!("/v1/reports/{day}"), Body::empty()).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    for language in ["hy", "az", "ru", "en"] {
        let (status, headers, page) =
            raw(&harness, &format!("/v1/reports/{day}/page?language={language}")).await;
        assert_eq!(status, StatusCode::OK, "{language}");
        assert_eq!(headers["content-type"], "text/html; charset=utf-8");
        let policy = headers["content-security-policy"].to_str().expect("ASCII");
        assert!(policy.starts_with("default-src 'none'; style-src 'sha256-"), "{policy}");
        let page = String::from_utf8(page).expect("UTF-8");
        assert!(page.contains(&format!("<html lang=\"{language}\">")), "{page}");
        assert!(!page.contains("mission-"), "{language}: a raw key in {page}");
        // One figure per line of the JSON report beside the summary's five.
        let figures = passage_document::figures_of_page(&page);
        let lines = json["figures"].as_array().expect("figures").len();
        assert_eq!(figures.len(), 5 + lines, "{language}: {figures:?}");
        for line in json["figures"].as_array().expect("figures") {
            let value = line["value"].as_u64().expect("a count").to_string();
            let figure = line["figure"].as_str().unwrap_or_default();
            if !figure.ends_with("_ms") {
                assert!(
                    figures.iter().any(|(v, _)| *v == value),
                    "{language}: {value} of {figure}"
                );
            }
        }
        let (status, headers, pdf) =
            raw(&harness, &format!("/v1/reports/{day}/pdf?language={language}")).await;
        assert_eq!(status, StatusCode::OK, "{language}");
        assert_eq!(headers["content-type"], "application/pdf");
        assert!(pdf.starts_with(b"%PDF-"), "{language}");
    }

    for (uri, code) in [
        ("/v1/reports/2026-02-30", "bad_day"),
        ("/v1/reports/2026-11-26T10:00Z", "bad_day"),
        ("/v1/reports/2026-02-30/page", "bad_day"),
        ("/v1/reports/2026-11-26/page?language=fr", "bad_language"),
        ("/v1/reports/2026-11-26/pdf?language=x", "bad_language"),
        ("/v1/contests?limit=0", "bad_limit"),
    ] {
        harness.check_refused("GET", uri, Body::empty(), StatusCode::BAD_REQUEST, code).await;
    }
}

#[tokio::test]
async fn observations_are_listed_newest_first_a_page_at_a_time() {
    use passage_core::statement::{IncidentPlace, ObservationCategory};
    let harness = TestNode::start(MEGHRI_OFFICERS).await;
    let observe = |place, category, summary: &str, attachments: usize| Statement::Observe {
        place,
        category,
        summary: summary.to_owned(),
        details: testing::test_commitment("details"),
        attachments: (0..attachments)
            .map(|i| testing::test_commitment(&format!("photograph {i}")))
            .collect(),
    };
    let (status, empty) = harness.request("GET", "/v1/observations", Body::empty()).await;
    assert_eq!(status, StatusCode::OK, "{empty}");
    assert_eq!(empty["observations"], serde_json::json!([]));
    let at_post = harness
        .accept(signed(
            "monitor@AM-MEGHRI-E",
            observe(
                IncidentPlace::Post(ident("AM-MEGHRI-E")),
                ObservationCategory::Queue,
                "Twelve trucks wait at the gate",
                2,
            ),
        ))
        .await;
    let segment = IncidentPlace::Segment {
        from: ident("AM-AGARAK-X"),
        to: ident("AM-MEGHRI-E"),
        position_m: 12_000,
    };
    let on_segment = harness
        .accept(signed(
            "monitor@AM-MEGHRI-E",
            observe(segment, ObservationCategory::RoadCondition, "Rockfall cleared", 0),
        ))
        .await;
    // A refused observation (a customs officer is no monitor) is not listed.
    let refused = body_of(&signed(
        "customs@AM-MEGHRI-E",
        observe(IncidentPlace::Post(ident("AM-MEGHRI-E")), ObservationCategory::Other, "x", 0),
    ));
    harness
        .check_refused("POST", "/v1/statements", refused, StatusCode::FORBIDDEN, "not_a_monitor")
        .await;

    let (status, first) = harness.request("GET", "/v1/observations?limit=1", Body::empty()).await;
    assert_eq!(status, StatusCode::OK, "{first}");
    let newest = &first["observations"][0];
    assert_eq!(newest["entry"], on_segment.index);
    assert_eq!(
        (newest["post"].as_str(), newest["segment_to"].as_str(), newest["position_m"].as_u64()),
        (Some("AM-AGARAK-X"), Some("AM-MEGHRI-E"), Some(12_000))
    );
    assert_eq!(
        (newest["category"].as_str(), newest["attachments"].as_u64()),
        (Some("road_condition"), Some(0))
    );
    assert_eq!(first["next"], on_segment.index);
    let (_, second) = harness
        .request(
            "GET",
            &format!("/v1/observations?limit=1&before={}", on_segment.index),
            Body::empty(),
        )
        .await;
    let older = &second["observations"][0];
    assert_eq!(older["entry"], at_post.index);
    assert_eq!(
        (older["summary"].as_str(), older["attachments"].as_u64(), older["segment_to"].as_str()),
        (Some("Twelve trucks wait at the gate"), Some(2), None)
    );
    assert_eq!(second["next"], serde_json::Value::Null, "{second}");
    for (uri, code) in
        [("/v1/observations?limit=0", "bad_limit"), ("/v1/observations?before=x", "invalid_query")]
    {
        harness.check_refused("GET", uri, Body::empty(), StatusCode::BAD_REQUEST, code).await;
    }
}

#[tokio::test]
async fn a_key_shows_what_its_enrolments_give_it_and_its_revocation() {
    let harness = TestNode::start(MEGHRI_OFFICERS).await;
    let app = harness.app();
    let hex_of = |name: &str| hex::encode(testing::public_key_for(name).0);
    let read = |key: String| async move {
        common::node::request(app, "GET", &format!("/v1/keys/{key}"), Body::empty()).await
    };
    let customs = hex_of(&testing::officer_name(
        passage_core::statement::OfficerRole::Customs,
        "AM-MEGHRI-E",
    ));
    let (status, json) = read(customs.clone()).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    assert_eq!(
        json,
        serde_json::json!({
            "key": customs, "holder": "officer", "party": "AM", "role": "customs",
            "posts": ["AM-MEGHRI-E"], "name": null, "since_entry": 1, "revoked_at_entry": null,
        })
    );
    let (_, json) = read(hex_of("carrier:ARAZ-TRUCKS")).await;
    assert_eq!(
        (json["holder"].as_str(), json["party"].as_str(), json["name"].as_str()),
        (Some("carrier"), Some("AM"), Some("ARAZ-TRUCKS")),
        "{json}"
    );
    let (_, json) = read(hex_of("authority:MON")).await;
    assert_eq!(
        (json["holder"].as_str(), json["party"].as_str(), json["since_entry"].as_u64()),
        (Some("authority"), Some("MON"), Some(0)),
        "{json}"
    );
    // A key nobody enrolled, and text that is not a key.
    let (status, json) = read(hex_of("nobody")).await;
    assert_eq!((status, json["error"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")));
    for text in ["xyz", &customs[..63], &format!("{customs}00")] {
        let (status, json) = read(text.to_owned()).await;
        assert_eq!((status, json["error"].as_str()), (StatusCode::BAD_REQUEST, Some("bad_key")));
    }
    // Revoked: the entry that revoked it is shown.
    let revoke = Statement::RevokeKey {
        key: testing::public_key_for(&testing::officer_name(
            passage_core::statement::OfficerRole::Customs,
            "AM-MEGHRI-E",
        )),
    };
    let revoked = harness.accept(signed("authority:AM", revoke)).await;
    let (_, json) = read(customs).await;
    assert_eq!(json["revoked_at_entry"].as_u64(), Some(revoked.index), "{json}");
}

#[tokio::test]
async fn attack_the_mission_s_observation_is_read_by_its_monitors_and_authority_only() {
    use passage_core::statement::{IncidentPlace, ObservationCategory};
    let harness = TestNode::start(MEGHRI_OFFICERS).await;
    // A photograph: bytes that are not text, committed with a salt of the test's own.
    let mut photograph = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0x00];
    photograph.extend((0..=255u8).cycle().take(2048));
    let salt = [42u8; 32];
    let details = "a customs officer waved the queue back at 06:40";
    let observe = Statement::Observe {
        place: IncidentPlace::Post(ident("AM-MEGHRI-E")),
        category: ObservationCategory::Conduct,
        summary: "The gate closed for an hour".to_owned(),
        details: testing::test_commitment(details),
        attachments: vec![passage_core::Commitment::compute(&salt, &photograph)],
    };
    let body = serde_json::json!({
        "statement": BASE64.encode(signed("monitor@AM-MEGHRI-E", observe).encode()),
        "payloads": [
            attached("details", details),
            { "field": "attachments/0", "salt": BASE64.encode(salt), "payload": BASE64.encode(&photograph) },
        ],
    });
    let (status, json) = harness.request("POST", "/v1/statements", body.to_string()).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    let uri = format!("/v1/entries/{}/payloads", json["index"].as_u64().expect("an index"));
    let now = passage_node::sequencer::now_ms();

    // The mission reads back its own: the monitor who observed, and the mission's authority.
    for (number, reader) in ["monitor@AM-MEGHRI-E", "authority:MON"].into_iter().enumerate() {
        let nonce = format!("nonce-mission-{number:04}");
        let (status, json) = harness.send(signed_get(reader, &uri, now, &nonce)).await;
        assert_eq!(status, StatusCode::OK, "{reader}: {json}");
        let payload = |field: &str| {
            let item = json["payloads"]
                .as_array()
                .expect("payloads")
                .iter()
                .find(|item| item["field"] == field)
                .unwrap_or_else(|| panic!("{field} in {json}"));
            BASE64.decode(item["payload"].as_str().expect("payload")).expect("base64")
        };
        assert_eq!(payload("details"), details.as_bytes(), "{reader}");
        assert_eq!(payload("attachments/0"), photograph, "{reader}");
    }

    // Everyone else is refused, typed, and learns nothing of the payloads: not the host
    // state's customs (whom the regime lets read traders' data), not a carrier, not
    // another party's authority, not a key nobody enrolled.
    let secrets = [
        details.to_owned(),
        BASE64.encode(details),
        BASE64.encode(&photograph[..64]),
        hex::encode(testing::test_commitment(details).0),
        BASE64.encode(salt),
    ];
    for (number, (reader, status, code)) in [
        ("customs@AM-MEGHRI-E", StatusCode::FORBIDDEN, "not_a_reader"),
        ("carrier:ARAZ-TRUCKS", StatusCode::FORBIDDEN, "not_a_reader"),
        ("authority:AM", StatusCode::FORBIDDEN, "not_a_reader"),
        ("authority:AZ", StatusCode::FORBIDDEN, "not_a_reader"),
        ("monitor@NOWHERE", StatusCode::UNAUTHORIZED, "unknown_signer"),
    ]
    .into_iter()
    .enumerate()
    {
        let nonce = format!("nonce-outsider-{number:04}");
        let (got, json) = harness.send(signed_get(reader, &uri, now, &nonce)).await;
        assert_eq!((got, json["error"].as_str()), (status, Some(code)), "{reader}: {json}");
        let text = json.to_string();
        for secret in &secrets {
            assert!(!text.contains(secret.as_str()), "{reader} learnt {secret}: {text}");
        }
        assert!(json.get("payloads").is_none(), "{reader}: {json}");
    }
}
