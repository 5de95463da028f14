//! The publisher with the charter's witnesses, in one process on loopback: the policy the
//! charter implies; a checkpoint published only once every party's witness cosigned; a
//! witness down delays publication but never an acknowledgement; receipts of covered
//! entries verify, and an entry not yet covered gets 425; an arrival's lanes are drawn from
//! the parties' witnesses once a checkpoint covering it is cosigned, and stay pending while
//! a party's witness is down.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::common::node::{node_config, node_log_key, signed};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use passage_core::SignedStatement;
use passage_core::statement::Statement;
use passage_core::testing::{ScenarioConfig, ident, key_for, public_key_for};
use passage_log::{KeyType, Policy, Receipt, SigningKey, leaf_hash};
use passage_node::publisher::{WitnessConfig, charter_policy_text};
use passage_node::{Node, NodeConfig};
use passage_store::{SqliteConfig, StoreConfig};
use passage_witness::client::ClientConfig;
use passage_witness::server::{WitnessState, WitnessStore, system_clock};

const DEADLINE: Duration = Duration::from_secs(30);

/// The witness the default charter names for `party`.
fn charter_witness(party: &str) -> SigningKey {
    let name = format!("witness.{}", party.to_lowercase());
    let seed = key_for(&format!("witness:{party}")).to_bytes();
    SigningKey::from_seed(&name, KeyType::CosignatureV1, seed).expect("a key name")
}

fn witness_state(dir: &Path, party: &str) -> WitnessState {
    let key = charter_witness(party);
    let db = dir.join(format!("{}.db", key.name()));
    let guard = dir.join(format!("{}.guard", key.name()));
    let store = WitnessStore::open(&db, &guard).expect("a witness store");
    let state = WitnessState::new(key, vec![node_log_key().verifier_key()], store, system_clock())
        .expect("a witness");
    // The party's VRF key, the one the default charter names.
    state.set_vrf_key(passage_core::testing::vrf_key_for(party).to_bytes()).expect("a VRF key");
    state
}

/// A witness served on loopback until stopped.
struct Served {
    stop: tokio::sync::oneshot::Sender<()>,
    task: tokio::task::JoinHandle<()>,
}

impl Served {
    /// Stops accepting and closes its idle connections (the node's client keeps some).
    async fn stop(self) {
        let _ = self.stop.send(());
        let _ = self.task.await;
    }
}

fn serve(listener: tokio::net::TcpListener, state: WitnessState) -> Served {
    let (stop, stopped) = tokio::sync::oneshot::channel();
    let task = tokio::spawn(async move {
        let _ = axum::serve(listener, passage_witness::server::app(state))
            .with_graceful_shutdown(async move {
                let _ = stopped.await;
            })
            .await;
    });
    Served { stop, task }
}

async fn submit(base: &str, statement: SignedStatement) -> u64 {
    let body = serde_json::json!({ "statement": BASE64.encode(statement.encode()) });
    let response = reqwest::Client::new()
        .post(format!("{base}/v1/statements"))
        .json(&body)
        .send()
        .await
        .expect("the node answers");
    assert_eq!(response.status(), 200);
    let json: serde_json::Value = response.json().await.expect("JSON");
    json["index"].as_u64().expect("an index")
}

fn policy() -> Policy {
    let mut text = format!("log {}\n", node_log_key().verifier_key());
    for party in ["AM", "AZ", "MON"] {
        let key = charter_witness(party);
        text.push_str(&format!("witness {} {}\n", key.name(), key.verifier_key()));
    }
    text.push_str("group all3 all witness.am witness.az witness.mon\nquorum all3\n");
    Policy::parse(text.as_bytes()).expect("a policy")
}

async fn published(base: &str) -> Option<String> {
    let response = reqwest::get(format!("{base}/log/checkpoint")).await.expect("answers");
    if response.status() != 200 {
        return None;
    }
    Some(response.text().await.expect("a note"))
}

/// Polls until the published checkpoint satisfies `policy` at `size`.
async fn wait_published(base: &str, policy: &Policy, size: u64) {
    let deadline = Instant::now() + DEADLINE;
    loop {
        if let Some(note) = published(base).await
            && policy.verify_checkpoint(note.as_bytes()).is_ok_and(|s| s.checkpoint.size == size)
        {
            return;
        }
        assert!(Instant::now() < deadline, "no cosigned checkpoint at size {size}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[test]
fn the_default_charter_asks_every_partys_witness() {
    let state = passage_core::testing::Scenario::syunik().state;
    let urls = BTreeMap::from([("witness.am".to_owned(), "http://127.0.0.1:1".to_owned())]);
    let text = charter_policy_text(state.charter(), &node_log_key().verifier_key(), &urls)
        .expect("a policy");
    let vkey = |party: &str| charter_witness(party).verifier_key().to_string();
    assert_eq!(
        text,
        format!(
            "log {}\nwitness witness.am {} http://127.0.0.1:1\nwitness witness.az {}\n\
             witness witness.mon {}\ngroup party-AM any witness.am\n\
             group party-AZ any witness.az\ngroup party-MON any witness.mon\n\
             group parties-threshold 3 party-AM party-AZ party-MON\n\
             group parties-required all party-AM party-AZ party-MON\n\
             group charter-quorum all parties-required parties-threshold\n\
             quorum charter-quorum\n",
            node_log_key().verifier_key(),
            vkey("AM"),
            vkey("AZ"),
            vkey("MON")
        )
    );
    // Two of three cosignatures do not meet it; three do.
    let policy = Policy::parse(text.as_bytes()).expect("it parses");
    assert!(!policy.quorum_met(&[true, true, false]));
    assert!(policy.quorum_met(&[true, true, true]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn checkpoints_wait_for_every_witness_acks_do_not_and_receipts_verify() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let mut listeners = Vec::new();
    let mut urls = Vec::new();
    for party in ["AM", "AZ", "MON"] {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port");
        let address = listener.local_addr().expect("an address");
        urls.push((charter_witness(party).name().to_owned(), format!("http://{address}")));
        listeners.push((party, listener, address));
    }
    let mut servers = Vec::new();
    let mut addresses = Vec::new();
    for (party, listener, address) in listeners {
        servers.push(serve(listener, witness_state(folder.path(), party)));
        addresses.push(address);
    }
    let store = StoreConfig::Sqlite(SqliteConfig::new(folder.path().join("passage.db")));
    let config =
        NodeConfig { checkpoint_interval: Duration::from_millis(20), ..node_config(store) };
    let client = ClientConfig {
        request_timeout: Duration::from_secs(2),
        attempts: 1,
        retry_delay: Duration::from_millis(10),
    };
    let node =
        Node::start_with_witnesses(config, WitnessConfig { urls, client, local_vrf_keys: vec![] })
            .await
            .expect("the node starts");
    let base = format!("http://{}", node.address);
    let policy = policy();

    let document = ScenarioConfig::syunik().charter_document();
    submit(&base, signed("authority:AM", Statement::Charter { document })).await;
    let register = |carrier: &str| Statement::RegisterCarrier {
        carrier: ident(carrier),
        name: format!("{carrier} Ltd"),
        key: public_key_for(&format!("carrier:{carrier}")),
    };
    let first = submit(&base, signed("authority:AM", register("CARRIER-ONE"))).await;
    wait_published(&base, &policy, first + 1).await;

    // A receipt of a covered entry verifies with the policy alone.
    let text = reqwest::get(format!("{base}/v1/entries/{first}/receipt"))
        .await
        .expect("answers")
        .text()
        .await
        .expect("a receipt");
    let receipt = Receipt::parse(text.as_bytes()).expect("a receipt");
    let entry = receipt.extra.clone().expect("the receipt carries its entry");
    let signed_checkpoint = receipt.verify(&leaf_hash(&entry), &policy).expect("it verifies");
    assert_eq!((receipt.index, signed_checkpoint.checkpoint.size), (first, first + 1));

    // The monitors' witness stops: the next statement is acknowledged, not published.
    servers.pop().expect("three servers").stop().await;
    let second = submit(&base, signed("authority:AM", register("CARRIER-TWO"))).await;
    assert_eq!(second, first + 1);
    let response =
        reqwest::get(format!("{base}/v1/entries/{second}/receipt")).await.expect("answers");
    assert_eq!(response.status(), 425);
    let body: serde_json::Value = response.json().await.expect("JSON");
    assert_eq!(body["error"], "not_yet_covered", "{body}");
    let note = published(&base).await.expect("a published checkpoint");
    let signed_checkpoint = policy.verify_checkpoint(note.as_bytes()).expect("still cosigned");
    assert_eq!(signed_checkpoint.checkpoint.size, first + 1);

    // Back on its address with its state: publication resumes and covers the new entry.
    let listener = tokio::net::TcpListener::bind(addresses[2]).await.expect("the same port");
    let _monitors = serve(listener, witness_state(folder.path(), "MON"));
    wait_published(&base, &policy, second + 1).await;
    node.stop().await;
}

/// The lanes of the movement's visit at `post`, as the API shows them.
async fn lanes(base: &str, mrn: &str) -> Vec<String> {
    let json: serde_json::Value = reqwest::get(format!("{base}/v1/movements/{mrn}"))
        .await
        .expect("answers")
        .json()
        .await
        .expect("JSON");
    json["movement"]["visits"][0]["units"]
        .as_array()
        .expect("units")
        .iter()
        .map(|unit| unit["lane"].as_str().expect("a lane").to_owned())
        .collect()
}

/// Polls until the movement's lanes are drawn (not `pending`).
async fn wait_drawn(base: &str, mrn: &str) -> Vec<String> {
    let deadline = Instant::now() + DEADLINE;
    loop {
        let lanes = lanes(base, mrn).await;
        if !lanes.is_empty() && lanes.iter().all(|lane| lane != "pending") {
            return lanes;
        }
        assert!(Instant::now() < deadline, "the lanes of {mrn} are still {lanes:?}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lanes_are_drawn_from_every_partys_witness_and_wait_for_one_that_is_down() {
    use crate::common::node::{MEGHRI_OFFICERS, set_up_corridor};
    let folder = tempfile::tempdir().expect("a temporary folder");
    let mut servers = Vec::new();
    let mut urls = Vec::new();
    let mut addresses = Vec::new();
    for party in ["AM", "AZ", "MON"] {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port");
        let address = listener.local_addr().expect("an address");
        urls.push((charter_witness(party).name().to_owned(), format!("http://{address}")));
        servers.push(serve(listener, witness_state(folder.path(), party)));
        addresses.push(address);
    }
    let store = StoreConfig::Sqlite(SqliteConfig::new(folder.path().join("passage.db")));
    let config =
        NodeConfig { checkpoint_interval: Duration::from_millis(20), ..node_config(store) };
    let client = ClientConfig {
        request_timeout: Duration::from_secs(2),
        attempts: 1,
        retry_delay: Duration::from_millis(10),
    };
    let node =
        Node::start_with_witnesses(config, WitnessConfig { urls, client, local_vrf_keys: vec![] })
            .await
            .expect("the node starts");
    let base = format!("http://{}", node.address);
    set_up_corridor(&node.app_state, MEGHRI_OFFICERS).await;
    let truck = |plate: &str| {
        let base = base.clone();
        let plate = plate.to_owned();
        async move {
            let declaration =
                passage_core::testing::truck("AM-TRANSIT-ROAD", &plate, "2022:080810", 18_000);
            let body = serde_json::json!({
                "statement": BASE64.encode(
                    signed("carrier:ARAZ-TRUCKS", Statement::Declare(declaration)).encode()
                )
            });
            let json: serde_json::Value = reqwest::Client::new()
                .post(format!("{base}/v1/statements"))
                .json(&body)
                .send()
                .await
                .expect("the node answers")
                .json()
                .await
                .expect("JSON");
            let mrn = json["events"]
                .as_array()
                .expect("events")
                .iter()
                .find_map(|event| event.as_str()?.strip_suffix(" declared"))
                .and_then(|text| passage_core::Mrn::parse(text).ok())
                .expect("the declaration names its MRN");
            submit(&base, signed("customs@AM-MEGHRI-E", Statement::Accept { mrn })).await;
            let arrive = Statement::Arrive { mrn, post: ident("AM-MEGHRI-E") };
            submit(&base, signed("monitor@AM-MEGHRI-E", arrive)).await;
            mrn.to_string()
        }
    };

    // The arrival is acknowledged with its lanes pending; once a checkpoint covering it is
    // cosigned, the three witnesses' proofs draw them.
    let first = truck("10AB201").await;
    let drawn = wait_drawn(&base, &first).await;
    assert!(drawn.iter().all(|lane| ["green", "yellow", "red"].contains(&lane.as_str())));

    // The monitors' witness stops: the next arrival's lanes stay pending, visibly.
    servers.pop().expect("three servers").stop().await;
    let second = truck("10AB202").await;
    assert_eq!(lanes(&base, &second).await, ["pending"]);
    // Back on its address with its state: the draw resumes.
    let listener = tokio::net::TcpListener::bind(addresses[2]).await.expect("the same port");
    let _monitors = serve(listener, witness_state(folder.path(), "MON"));
    wait_drawn(&base, &second).await;
    node.stop().await;
}
