//! The node's server under attack on a real socket: one client's idle connections, headers
//! and bodies a byte at a time, idle keep-alive connections; a batch of a million tiny
//! items; a leader whose answer never ends. The limits are `passage_serve`'s (tested in
//! depth there); these show the node, leader and follower, serves through them.

use crate::common::node::{MEGHRI_OFFICERS, TestNode, node_config};
use axum::http::StatusCode;
use passage_node::NodeConfig;
use passage_node::follower::{GroupConfig, GroupNode, Role};
use passage_serve::testing::{Outcome, closes, connect_from, get_from, read_answer, trickle};
use passage_serve::{Config, ErrorFormat};
use passage_store::{SqliteConfig, StoreConfig};
use std::time::Duration;
use tokio::io::AsyncWriteExt as _;

/// Small caps and short timeouts; `header_read_ms` long where only the caps are tested.
fn limits(header_read_ms: u64) -> Config {
    Config {
        connections_max: 8,
        connections_per_client_max: 4,
        header_read_timeout: Duration::from_millis(header_read_ms),
        body_timeout: Duration::from_millis(300),
        response_write_timeout: Duration::from_millis(300),
        errors: ErrorFormat::Json,
    }
}

async fn node_with(connections: Config) -> TestNode {
    TestNode::start_with(MEGHRI_OFFICERS, |config| NodeConfig { connections, ..config }).await
}

fn answered(outcome: Outcome) -> passage_serve::testing::Answer {
    match outcome {
        Outcome::Answered(answer) => answer,
        Outcome::Closed => panic!("the connection closed without an answer"),
    }
}

/// One client opens more idle connections than the node holds; another is served, and
/// the first one's connections past its share get the JSON 429.
async fn one_client_cannot_lock_the_others_out(server: std::net::SocketAddr) {
    let mut idle = Vec::new();
    for _ in 0..10 {
        idle.push(connect_from("127.0.0.2", server).await);
    }
    let answer = answered(get_from("127.0.0.3", server, "/healthz").await);
    assert_eq!(answer.status, 200, "{answer:?}");
    for stream in &mut idle[4..] {
        let answer = answered(read_answer(stream).await);
        assert_eq!(answer.status, 429, "{answer:?}");
        let json: serde_json::Value = serde_json::from_str(&answer.body).expect("a JSON body");
        assert_eq!(json["error"], "too_many_connections", "{json}");
    }
}

#[tokio::test]
async fn attack_idle_connections_of_one_client_lock_no_one_out_of_a_node() {
    let harness = node_with(limits(600_000)).await;
    one_client_cannot_lock_the_others_out(harness.node.address).await;
}

#[tokio::test]
async fn attack_idle_connections_of_one_client_lock_no_one_out_of_a_follower() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let store = StoreConfig::Sqlite(SqliteConfig::new(folder.path().join("passage.db")));
    let group = |store| GroupConfig {
        node: NodeConfig { connections: limits(600_000), ..node_config(store) },
        advertise: None,
        members: vec![],
        witnesses: passage_node::publisher::WitnessConfig::none(),
    };
    let leader = GroupNode::start(group(store.clone())).await.expect("the leader starts");
    let follower = GroupNode::start(group(store)).await.expect("the follower starts");
    assert_eq!(*follower.role.borrow(), Role::Follower);
    one_client_cannot_lock_the_others_out(follower.address).await;
    follower.stop().await;
    leader.stop().await;
}

#[tokio::test]
async fn attack_a_request_head_sent_a_byte_at_a_time_is_cut_off() {
    let harness = node_with(limits(300)).await;
    let head =
        format!("GET /healthz HTTP/1.1\r\nhost: passage\r\nx-slow: {}\r\n\r\n", "z".repeat(100));
    let stream = connect_from("127.0.0.2", harness.node.address).await;
    let sent = trickle(stream, head.as_bytes(), Duration::from_millis(20)).await;
    let sent = sent.expect("the node closes the connection");
    assert!(sent < head.len(), "closed after {sent} of {} bytes", head.len());
}

#[tokio::test]
async fn attack_a_statement_body_that_stops_coming_is_refused_in_json() {
    let harness = node_with(limits(5_000)).await;
    let mut stream = connect_from("127.0.0.2", harness.node.address).await;
    // The head announces 1,000 bytes; 10 come, then nothing.
    let request = "POST /v1/statements HTTP/1.1\r\nhost: passage\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{\"stateme";
    stream.write_all(request.as_bytes()).await.expect("sent");
    let answer = answered(read_answer(&mut stream).await);
    assert_eq!(answer.status, 400, "{answer:?}");
    let json: serde_json::Value = serde_json::from_str(&answer.body).expect("a JSON body");
    assert_eq!(json["error"], "unreadable_body", "{json}");
    assert!(closes(&mut stream).await, "the connection is closed after");
}

#[tokio::test]
async fn attack_a_statement_body_sent_a_byte_at_a_time_is_cut_off() {
    let harness = node_with(limits(5_000)).await;
    let body = format!("{{\"statement\": \"{}\"}}", "A".repeat(200));
    let head = format!(
        "POST /v1/statements HTTP/1.1\r\nhost: passage\r\ncontent-length: {}\r\n\r\n",
        body.len()
    );
    let mut stream = connect_from("127.0.0.2", harness.node.address).await;
    stream.write_all(head.as_bytes()).await.expect("the head is sent");
    let sent = trickle(stream, body.as_bytes(), Duration::from_millis(20)).await;
    let sent = sent.expect("the node closes the connection");
    assert!(sent < body.len(), "closed after {sent} of {} body bytes", body.len());
}

#[tokio::test]
async fn attack_an_idle_keep_alive_connection_to_a_node_is_closed() {
    let harness = node_with(limits(300)).await;
    let mut stream = connect_from("127.0.0.2", harness.node.address).await;
    stream.write_all(b"GET /healthz HTTP/1.1\r\nhost: passage\r\n\r\n").await.expect("sent");
    assert_eq!(answered(read_answer(&mut stream).await).status, 200);
    assert!(closes(&mut stream).await, "an idle keep-alive connection is closed");
}

#[tokio::test]
async fn attack_a_batch_of_a_million_tiny_items_is_refused_as_too_large() {
    let harness = TestNode::start(MEGHRI_OFFICERS).await;
    let count = passage_node::api::BODY_BYTES_MAX / 4;
    let body = format!(r#"{{"statements":[{}""]}}"#, r#""","#.repeat(count - 1));
    let (status, json) = harness.request("POST", "/v1/statements/batch", body).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{json}");
    assert_eq!(json["error"], "too_large");
    assert_eq!(json["message"], "a batch holds at most 1000 statements, this one more");
}

#[tokio::test]
async fn attack_a_leader_whose_answer_never_ends_is_cut_off_at_the_limit() {
    // Whatever answers at the leader's advertised address sends a body with no length that
    // never ends; the follower relaying a write stops at FORWARDED_ANSWER_BYTES_MAX, long
    // before its forwarding timeout, and answers 503.
    let endless = || async {
        let chunk = axum::body::Bytes::from_static(&[b'x'; 16 * 1024]);
        axum::body::Body::from_stream(futures_util::stream::repeat_with(move || {
            Ok::<_, std::io::Error>(chunk.clone())
        }))
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let fake = listener.local_addr().expect("an address");
    let app = axum::Router::new().route("/v1/statements", axum::routing::post(endless));
    tokio::spawn(async move { axum::serve(listener, app).await });

    let folder = tempfile::tempdir().expect("a temporary folder");
    let store = StoreConfig::Sqlite(SqliteConfig::new(folder.path().join("passage.db")));
    // The fake leader is a configured member: only its answer is hostile.
    let group = |store| GroupConfig {
        node: node_config(store),
        advertise: None,
        members: vec![format!("http://{fake}")],
        witnesses: passage_node::publisher::WitnessConfig::none(),
    };
    let leader = GroupNode::start(group(store.clone())).await.expect("the leader starts");
    let follower = GroupNode::start(group(store)).await.expect("the follower starts");
    leader.app_state.store.advertise_leader(&format!("http://{fake}")).await.expect("advertised");
    let answer = reqwest::Client::new()
        .post(format!("http://{}/v1/statements", follower.address))
        .body(r#"{"statement": "AAAA"}"#)
        .timeout(Duration::from_secs(20))
        .send()
        .await
        .expect("the follower answers before the forwarding timeout");
    assert_eq!(answer.status(), reqwest::StatusCode::SERVICE_UNAVAILABLE);
    let json: serde_json::Value = answer.json().await.expect("a JSON body");
    assert_eq!(json["error"], "leader_unavailable", "{json}");
    follower.stop().await;
    leader.stop().await;
}
