//! End-to-end: `passage payloads MRN` reads a movement's confidential payloads from the
//! real binary serving on loopback, signing each request with the reader's key; a reader
//! the regime does not name, and a key nobody enrolled, are refused with a non-zero exit.
//! Each payload is checked against its statement as the log holds it: a node on loopback
//! that makes up a commitment, or names an entry the log does not hold, is refused. With
//! `--entry`, the mission reads back its observation and its report's narrative, which no
//! one else may read.

use crate::common::{
    BINARY, Served, TRUCK_DECLARATION, fails, key_file, log_policy, ok, serve_corridor,
    wait_for_receipt,
};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use passage_core::regime::Act;
use passage_core::statement::{Recorded, Statement};
use passage_core::testing::ident;
use passage_core::{Commitment, Entry, SignedStatement};
use passage_log::Receipt;
use passage_node::api::payloads::MovementPayloadsResponse;
use std::path::Path;
use std::process::Command;

/// A declaration on a node serving the default corridor, with its payloads attached and a
/// published checkpoint covering it: the node, the MRN, the entry, the key file of a
/// customs officer on its route, and the trust policy file.
struct Declared {
    node: Served,
    mrn: String,
    index: u64,
    customs: String,
    carrier: String,
    policy: String,
}

fn declared(folder: &Path) -> Declared {
    // The corridor's files go in batches; every one is acknowledged in order.
    let (node, local) = serve_corridor(folder);
    let carrier = key_file(folder, "carrier:ARAZ-TRUCKS");
    let declaration = folder.join("truck.toml");
    std::fs::write(&declaration, TRUCK_DECLARATION).expect("declaration written");
    let declaration = declaration.display().to_string();
    let declared: serde_json::Value = serde_json::from_str(&ok(
        &node,
        &["declare", "--file", &declaration, "--key", &carrier, "--json"],
    ))
    .expect("json");
    let mrn = declared["mrn"].as_str().expect("an MRN").to_owned();
    let index = declared["index"].as_u64().expect("an entry");
    let corridor = local.state.corridor();
    let route = corridor.route_index(&ident("AM-TRANSIT-ROAD")).expect("route");
    let customs = corridor.routes[route]
        .posts
        .iter()
        .find_map(|&post| local.try_officer_for(Act::Accept, corridor.post(post).id.as_str()))
        .expect("an officer on the route");
    let customs = key_file(folder, &customs);
    wait_for_receipt(&node, index);
    let policy = log_policy(folder);
    Declared { node, mrn, index, customs, carrier, policy }
}

#[test]
fn a_movement_s_payloads_are_read_with_a_signed_request() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let Declared { node, mrn, index, customs, carrier, policy } = declared(folder.path());
    let folder = folder.path();
    let refused = fails(&node, &["payloads", &mrn, "--key", &customs], 2);
    assert!(refused.contains("--policy is required"), "{refused}");
    let shown = ok(&node, &["payloads", &mrn, "--key", &customs, "--policy", &policy]);
    let expected = format!(
        "{mrn}: 3 payloads in one entry\n  entry {index}  consignee: Ordubad Agro\n  entry \
         {index}  goods/0/description: apples, 1800 boxes\n  entry {index}  goods/0/value: \
         21000 USD\n"
    );
    assert_eq!(shown, expected);
    let json: serde_json::Value = serde_json::from_str(&ok(
        &node,
        &["payloads", &mrn, "--key", &carrier, "--policy", &policy, "--json"],
    ))
    .expect("json");
    assert_eq!(json["entries"][0]["index"].as_u64(), Some(index), "{json}");
    assert_eq!(json["entries"][0]["payloads"].as_array().map(Vec::len), Some(3), "{json}");

    let authority = key_file(folder, "authority:AM");
    let refused = fails(&node, &["payloads", &mrn, "--key", &authority, "--policy", &policy], 1);
    assert!(refused.contains("not_a_reader"), "{refused}");
    let stranger = key_file(folder, "customs@NOWHERE");
    let refused = fails(&node, &["payloads", &mrn, "--key", &stranger, "--policy", &policy], 1);
    assert!(refused.contains("unknown_signer"), "{refused}");
    let refused =
        fails(&node, &["payloads", "NOT-AN-MRN", "--key", &customs, "--policy", &policy], 2);
    assert!(refused.contains("not an MRN"), "{refused}");
}

/// Serves, on a loopback port, a node that answers the movement's payloads with
/// `payloads` (JSON) and every receipt with `receipt` (status and text), whatever the
/// request, as a node that lies would. The server runs until the test ends.
fn lying_node(payloads: String, receipt: (u16, String)) -> String {
    use axum::http::StatusCode;
    use axum::routing::get;
    let (sender, address) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Runtime::new().expect("a runtime");
        runtime.block_on(async move {
            let status = StatusCode::from_u16(receipt.0).expect("a status");
            let router = axum::Router::new()
                .route("/v1/movements/{mrn}/payloads", get(move || async move { payloads }))
                .route(
                    "/v1/entries/{index}/receipt",
                    get(move || async move { (status, receipt.1) }),
                );
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port");
            sender.send(listener.local_addr().expect("an address")).expect("the test waits");
            axum::serve(listener, router).await.expect("serving");
        });
    });
    format!("http://{}", address.recv().expect("the server starts"))
}

/// Runs `passage payloads` against the node at `base`: its exit code and standard error.
fn read_from(base: &str, declared: &Declared) -> (Option<i32>, String) {
    let output = Command::new(BINARY)
        .env("PASSAGE_LANG", "en")
        .args(["payloads", &declared.mrn, "--key", &declared.customs, "--policy", &declared.policy])
        .env("PASSAGE_NODE", base)
        .output()
        .expect("runs");
    (output.status.code(), String::from_utf8_lossy(&output.stderr).into_owned())
}

#[test]
fn a_node_that_makes_up_a_commitment_or_an_entry_is_refused() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let declared = declared(folder.path());
    let genuine_payloads: MovementPayloadsResponse = serde_json::from_str(&ok(
        &declared.node,
        &[
            "payloads",
            &declared.mrn,
            "--key",
            &declared.customs,
            "--policy",
            &declared.policy,
            "--json",
        ],
    ))
    .expect("json");
    let genuine_receipt = wait_for_receipt(&declared.node, declared.index);

    // The node tells the truth through the lying server's door: accepted.
    let truthful = lying_node(
        serde_json::to_string(&genuine_payloads).expect("json"),
        (200, genuine_receipt.clone()),
    );
    let (code, stderr) = read_from(&truthful, &declared);
    assert_eq!(code, Some(0), "{stderr}");

    // A consignee the node made up, with a salt and a commitment that open each other:
    // the check against the node's own commitment passed it; the logged one does not.
    let salt = [42u8; 32];
    let made_up = b"Someone Else Trading LLC";
    let commitment = Commitment::compute(&salt, made_up);
    let mut forged = genuine_payloads.clone();
    let consignee = forged.entries[0]
        .payloads
        .iter_mut()
        .find(|payload| payload.field == "consignee")
        .expect("the consignee's payload");
    consignee.salt = BASE64.encode(salt);
    consignee.payload = BASE64.encode(made_up);
    consignee.commitment = hex::encode(commitment.0);
    let forged_payloads = serde_json::to_string(&forged).expect("json");
    let lying = lying_node(forged_payloads.clone(), (200, genuine_receipt.clone()));
    let (code, stderr) = read_from(&lying, &declared);
    assert_eq!(code, Some(2), "{stderr}");
    let logged = genuine_payloads.entries[0]
        .payloads
        .iter()
        .find(|payload| payload.field == "consignee")
        .expect("the consignee's payload")
        .commitment
        .clone();
    let index = declared.index;
    assert!(
        stderr.contains(&format!(
            "entry {index}, payload `consignee`: the node gives the commitment {}, but the \
             logged statement commits to {logged}",
            hex::encode(commitment.0)
        )),
        "{stderr}"
    );

    // The same made-up payload with an entry that commits to it, which the log does not
    // hold: the receipt's proof does not lead from it to the checkpoint's root.
    let receipt = Receipt::parse(genuine_receipt.as_bytes()).expect("a receipt");
    let entry = Entry::decode(receipt.extra.as_deref().expect("the entry")).expect("an entry");
    let mut recorded = entry.statement.decode_statement().expect("a statement");
    let Statement::Declare(declaration) = &mut recorded.statement else {
        panic!("the entry is the declaration")
    };
    declaration.consignee = commitment;
    let statement = Recorded::encode(&recorded).expect("encodes");
    let forged_entry =
        Entry { statement: SignedStatement { statement, ..entry.statement }, ..entry };
    let forged_receipt = Receipt { extra: Some(forged_entry.encode()), ..receipt.clone() };
    let lying = lying_node(forged_payloads.clone(), (200, forged_receipt.to_text()));
    let (code, stderr) = read_from(&lying, &declared);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "entry {index} is not proved in the log: the receipt does not verify against the \
             trust policy"
        )),
        "{stderr}"
    );

    // The receipt of another entry, or none at all: refused too.
    let other = Receipt { index: index + 1, ..receipt };
    let lying = lying_node(forged_payloads.clone(), (200, other.to_text()));
    let (_, stderr) = read_from(&lying, &declared);
    assert!(
        stderr.contains(&format!(
            "entry {index} is not proved in the log: the receipt is for entry {}",
            index + 1
        )),
        "{stderr}"
    );
    let lying = lying_node(forged_payloads, (404, String::new()));
    let (code, stderr) = read_from(&lying, &declared);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!("entry {index} is not proved in the log: no receipt")),
        "{stderr}"
    );
}

#[test]
fn the_mission_reads_back_its_observation_and_its_narrative_and_no_one_else_does() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let folder = folder.path();
    let (node, _local) = serve_corridor(folder);
    let monitor = key_file(folder, "monitor@AM-MEGHRI-E");
    let note = folder.join("note.txt");
    std::fs::write(&note, "the gate's register, page 12").expect("the note is written");
    let observed: serde_json::Value = serde_json::from_str(&ok(
        &node,
        &[
            "record",
            "observe",
            "--category",
            "closure",
            "--post",
            "AM-MEGHRI-E",
            "--summary",
            "The gate closed for an hour",
            "--details",
            "closed by the shift chief at 06:40",
            "--attach",
            note.to_str().expect("a UTF-8 path"),
            "--key",
            &monitor,
            "--json",
        ],
    ))
    .expect("json");
    let index = observed["index"].as_u64().expect("an entry");
    wait_for_receipt(&node, index);
    let policy = log_policy(folder);
    let entry = index.to_string();
    // The monitor and the mission's authority read the details and the attachment, each
    // checked against the observation as the log holds it.
    let mission = key_file(folder, "authority:MON");
    for reader in [&monitor, &mission] {
        let shown =
            ok(&node, &["payloads", "--entry", &entry, "--key", reader, "--policy", &policy]);
        assert_eq!(
            shown,
            format!(
                "entry {index}: 2 payloads in one entry\n  entry {index}  attachments/0: the \
                 gate's register, page 12\n  entry {index}  details: closed by the shift chief \
                 at 06:40\n"
            )
        );
    }
    // The host state's customs, whom the regime lets read traders' data, a carrier and
    // another party's authority are refused, and shown nothing.
    for name in ["customs@AM-MEGHRI-E", "carrier:ARAZ-TRUCKS", "authority:AZ"] {
        let key = key_file(folder, name);
        let output = Command::new(BINARY)
            .env("PASSAGE_LANG", "en")
            .env("PASSAGE_NODE", &node.base)
            .args(["payloads", "--entry", &entry, "--key", &key, "--policy", &policy])
            .output()
            .expect("runs");
        let (stdout, stderr) =
            (String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
        assert_eq!(output.status.code(), Some(1), "{name}: {stdout} {stderr}");
        assert!(
            stderr.contains("not_a_reader") || stdout.contains("not_a_reader"),
            "{name}: {stdout} {stderr}"
        );
        for secret in ["06:40", "register"] {
            assert!(!stdout.contains(secret) && !stderr.contains(secret), "{name} saw {secret}");
        }
    }

    // The mission signs yesterday's report (a day with nothing counted: no figures), its
    // narrative a confidential payload; its authority reads it back, customs may not.
    let today = passage_core::Timestamp(passage_node::sequencer::now_ms()).day();
    let yesterday = passage_core::Timestamp::start_of_day(today - 1).to_string()[..10].to_owned();
    let narrative = folder.join("narrative.txt");
    std::fs::write(&narrative, "A quiet day; the gate closed once.").expect("written");
    let narrative = narrative.to_str().expect("a UTF-8 path");
    let signed = ok(
        &node,
        &["report", &yesterday, "--sign", "--narrative", narrative, "--key", &mission, "--json"],
    );
    let signed: serde_json::Value = serde_json::from_str(&signed).expect("json");
    let index = signed["index"].as_u64().expect("an entry");
    wait_for_receipt(&node, index);
    let entry = index.to_string();
    let shown = ok(&node, &["payloads", "--entry", &entry, "--key", &mission, "--policy", &policy]);
    assert_eq!(
        shown,
        format!(
            "entry {index}: one payload in one entry\n  entry {index}  narrative: A quiet day; the gate closed once.\n"
        )
    );
    let customs = key_file(folder, "customs@AM-MEGHRI-E");
    let refused =
        fails(&node, &["payloads", "--entry", &entry, "--key", &customs, "--policy", &policy], 1);
    assert!(refused.contains("not_a_reader") && !refused.contains("quiet"), "{refused}");
}
