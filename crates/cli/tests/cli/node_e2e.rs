//! End to end with separate processes on loopback: one node (`passage serve` on a SQLite
//! folder) and the three witnesses its charter names (`passage witness serve`). Traffic goes
//! through the node's HTTP API (`passage demo --node`); the node publishes checkpoints once
//! all three witnesses cosigned; a receipt fetched from the node verifies offline; `passage
//! audit` recomputes the node's figures. A witness killed: acknowledgements continue,
//! publication waits, and resumes when the witness is back. A projection changed in the
//! store behind the log's back: the audit names the difference.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::processes::{Server, ok, passage, start, stdout};
use passage_core::testing::key_for;
use passage_log::{KeyType, Policy, SigningKey};

/// How long a condition polled for may take before the test fails (a loaded machine).
const DEADLINE: Duration = Duration::from_secs(60);

/// The witness the default charter names for `party`: its name and signing key.
fn charter_witness(party: &str) -> (String, SigningKey) {
    let name = format!("witness.{}", party.to_lowercase());
    let seed = key_for(&format!("witness:{party}")).to_bytes();
    let key = SigningKey::from_seed(&name, KeyType::CosignatureV1, seed).expect("a key name");
    (name, key)
}

fn start_witness(work: &Path, name: &str, log_vkey: &str, listen: &str) -> Server {
    // The party's VRF key, the one the default charter names (`witness.am` is party AM's):
    // with it the witness gives the party's contribution to the draw.
    let party = name.trim_start_matches("witness.").to_uppercase();
    let vrf_key = work.join(format!("{name}.vrf"));
    let secret = passage_core::testing::vrf_key_for(&party).to_bytes();
    std::fs::write(&vrf_key, format!("{}\n", hex::encode(secret))).expect("a VRF key file");
    start(
        passage()
            .args(["witness", "serve", "--listen", listen, "--log", log_vkey, "--key"])
            .arg(work.join(format!("{name}.key")))
            .arg("--db")
            .arg(work.join(format!("{name}.db")))
            .arg("--vrf-key")
            .arg(&vrf_key),
        "listening on ",
    )
}

/// GET, answering the status and the body.
fn get(url: &str) -> (u16, String) {
    let runtime =
        tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
    runtime.block_on(async {
        let response = reqwest::get(url).await.expect("the node answers");
        let status = response.status().as_u16();
        (status, response.text().await.expect("a body"))
    })
}

fn get_json(url: &str) -> serde_json::Value {
    let (status, body) = get(url);
    assert_eq!(status, 200, "{url}: {body}");
    serde_json::from_str(&body).expect("JSON")
}

/// Polls until `ready` holds, failing after [`DEADLINE`].
fn wait_for(what: &str, mut ready: impl FnMut() -> bool) {
    let deadline = Instant::now() + DEADLINE;
    while !ready() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The size of the node's published checkpoint, if it satisfies the policy.
fn cosigned_size(base: &str, policy: &Policy) -> Option<u64> {
    let (status, note) = get(&format!("{base}/log/checkpoint"));
    if status != 200 {
        return None;
    }
    policy.verify_checkpoint(note.as_bytes()).ok().map(|signed| signed.checkpoint.size)
}

fn entries(base: &str) -> u64 {
    get_json(&format!("{base}/v1/statistics"))["entries"].as_u64().expect("entries")
}

fn drive(base: &str, count: u32) {
    let output = ok(passage()
        .args(["demo", "--node", base, "--concurrency", "2", "--count"])
        .arg(count.to_string()));
    assert!(output.contains("final: entries"), "{output}");
}

#[test]
fn a_node_publishes_with_its_charters_witnesses_and_an_auditor_recomputes_its_figures() {
    let work = tempfile::tempdir().expect("a temporary folder");
    let work = work.path();
    let log_key = work.join("log.key");
    let log_vkey = ok(passage()
        .args(["keys", "generate", "--name", "passage.test/log", "--out"])
        .arg(&log_key))
    .trim()
    .to_owned();

    let mut policy_text = format!("log {log_vkey}\n");
    let mut witnesses = Vec::new();
    let mut witness_flags = Vec::new();
    for party in ["AM", "AZ", "MON"] {
        let (name, key) = charter_witness(party);
        std::fs::write(work.join(format!("{name}.key")), format!("{}\n", key.to_skey()))
            .expect("writing a witness key");
        let server = start_witness(work, &name, &log_vkey, "127.0.0.1:0");
        witness_flags.push(format!("--witness={name}=http://{}", server.address));
        policy_text.push_str(&format!("witness {name} {}\n", key.verifier_key()));
        witnesses.push(server);
    }
    // The charter asks every party: its witnesses' quorum is all three.
    policy_text.push_str("group all3 all witness.am witness.az witness.mon\nquorum all3\n");
    let policy_path = work.join("policy");
    std::fs::write(&policy_path, &policy_text).expect("writing the policy");
    let policy = Policy::parse(policy_text.as_bytes()).expect("a policy");

    let node = start(
        passage()
            .args(["serve", "--listen", "127.0.0.1:0", "--checkpoint-interval-ms", "100"])
            .arg("--log-key")
            .arg(&log_key)
            .arg("--charter-sha256")
            .arg(hex::encode(passage_core::testing::ScenarioConfig::syunik().charter_sha256()))
            .arg("--database")
            .arg(work.join("node").join("passage.db"))
            .args(&witness_flags),
        "serving ",
    );
    let base = node.address.clone();

    drive(&base, 6);
    let size = entries(&base);
    assert!(size > 50, "the traffic made {size} entries");
    wait_for("a checkpoint cosigned by all three witnesses", || {
        cosigned_size(&base, &policy) == Some(size)
    });

    // A receipt from the node verifies with the policy alone.
    let receipt = work.join("receipt");
    let index = size - 1;
    ok(passage()
        .args(["receipt", "get", &index.to_string(), "--node", &base, "--out"])
        .arg(&receipt));
    let verdict =
        ok(passage().args(["receipt", "verify"]).arg(&receipt).arg("--policy").arg(&policy_path));
    assert_eq!(
        verdict,
        format!(
            "ok: entry {index} is in passage.test/log at size {size}, cosigned by witness.am, \
             witness.az, witness.mon\n"
        )
    );
    // An entry beyond the published checkpoint has no receipt yet.
    let (status, body) = get(&format!("{base}/v1/entries/{size}/receipt"));
    assert_eq!(status, 404, "{body}");

    // The audit recomputes the node's figures from the log alone.
    let audit = ok(passage()
        .args(["audit", &format!("{base}/log"), "--json", "--policy"])
        .arg(&policy_path));
    let audit: serde_json::Value = serde_json::from_str(&audit).expect("JSON");
    assert_eq!(audit["size"], size);
    assert_eq!(audit["node"]["differences"], serde_json::json!([]), "{audit}");
    assert_eq!(audit["cosigners"], serde_json::json!(["witness.am", "witness.az", "witness.mon"]));
    let node_balances = get_json(&format!("{base}/v1/accounts"));
    let mut node_balances: Vec<(String, String, i64)> = node_balances
        .as_array()
        .expect("balances")
        .iter()
        .map(|b| {
            let text = |key: &str| b[key].as_str().expect("text").to_owned();
            (text("account"), text("currency"), b["amount_minor"].as_i64().expect("amount"))
        })
        .collect();
    let mut audit_balances: Vec<(String, String, i64)> = audit["state"]["balances"]
        .as_array()
        .expect("balances")
        .iter()
        .map(|b| {
            let text = |key: &str| b[key].as_str().expect("text").to_owned();
            (text("account"), text("currency"), b["amount"].as_i64().expect("amount"))
        })
        .collect();
    node_balances.sort();
    audit_balances.sort();
    assert!(!audit_balances.is_empty(), "the traffic charged fees");
    assert_eq!(audit_balances, node_balances);
    let statistics = get_json(&format!("{base}/v1/statistics"));
    let discharged = audit["state"]["movements"]
        .as_array()
        .expect("movements")
        .iter()
        .find(|pair| pair[0] == "discharged")
        .map(|pair| pair[1].clone());
    assert_eq!(discharged, Some(statistics["movements"]["discharged"].clone()));

    // The monitors' witness goes down: statements are still acknowledged, but no checkpoint
    // meets the policy, so publication waits, and so do the lanes of every arrival (the
    // monitors' contribution to the draw is missing): the traffic waits at the posts.
    let monitors = witnesses.pop().expect("three witnesses");
    let monitors_address = monitors.address.clone();
    drop(monitors);
    let traffic = std::thread::spawn({
        let base = base.clone();
        move || drive(&base, 2)
    });
    wait_for("statements acknowledged while a witness is down", || entries(&base) > size);
    assert_eq!(cosigned_size(&base, &policy), Some(size), "published without the monitors");
    // Back on its address, with its state: publication and the draws resume, the traffic
    // finishes, and publication covers every entry.
    let _monitors = start_witness(work, "witness.mon", &log_vkey, &monitors_address);
    traffic.join().expect("the traffic finishes once the lanes are drawn");
    let grown = entries(&base);
    assert!(grown > size);
    wait_for("publication to resume", || cosigned_size(&base, &policy) == Some(grown));
    let receipt = work.join("receipt-after");
    ok(passage()
        .args(["receipt", "get", &(grown - 1).to_string(), "--node", &base, "--out"])
        .arg(&receipt));
    ok(passage().args(["receipt", "verify"]).arg(&receipt).arg("--policy").arg(&policy_path));

    // A projection changed in the store behind the log's back: the audit names it and fails.
    let database = rusqlite::Connection::open(work.join("node").join("passage.db"))
        .expect("opening the node's database");
    database.busy_timeout(Duration::from_secs(10)).expect("a busy timeout");
    let tampered: String = database
        .query_row(
            "UPDATE movements SET status = 'cancelled' \
             WHERE reference = (SELECT MIN(reference) FROM movements WHERE status = 'discharged') \
             RETURNING reference",
            [],
            |row| row.get(0),
        )
        .expect("a discharged movement");
    let output =
        passage().args(["audit", &format!("{base}/log"), "--policy"]).arg(&policy_path).output();
    let output = output.expect("running the audit");
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(
        text.contains(&format!(
            "movement {tampered}: the node lists it under cancelled, the log gives discharged"
        )),
        "{text}"
    );
}
