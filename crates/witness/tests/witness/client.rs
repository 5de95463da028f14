//! The witness client against witness servers on loopback: quorum collected in parallel, a
//! 409 answered with a proof from the reported size, a witness that is down reported without
//! blocking the others.

use std::time::Duration;

use passage_log::testing::{MemoryLog, log_key};
use passage_log::{AddCheckpointRequest, Policy};
use passage_witness::client::{ClientConfig, WitnessClient, WitnessOutcome};
use passage_witness::server::WitnessState;
use passage_witness::testing::{witness_in, witness_key};

/// Serves a witness on a loopback port; returns its URL.
async fn serve(state: WitnessState) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let address = listener.local_addr().expect("an address");
    tokio::spawn(async move { axum::serve(listener, passage_witness::server::app(state)).await });
    format!("http://{address}")
}

fn policy(urls: &[String]) -> Policy {
    let mut text = format!("log {}\n", log_key().verifier_key());
    for (number, url) in urls.iter().enumerate() {
        let number = number as u8 + 1;
        text.push_str(&format!("witness w{number} {} {url}\n", witness_key(number).verifier_key()));
    }
    text.push_str("group all3 all w1 w2 w3\nquorum all3\n");
    Policy::parse(text.as_bytes()).expect("a policy")
}

fn outcomes(report: &passage_witness::client::CosignReport) -> String {
    report
        .witnesses
        .iter()
        .map(|(name, outcome)| match outcome {
            WitnessOutcome::Cosigned(_) => format!("{name}: cosigned"),
            WitnessOutcome::Refused { status, .. } => format!("{name}: refused {status}"),
            WitnessOutcome::Unreachable(_) => format!("{name}: unreachable"),
            WitnessOutcome::NoUrl => format!("{name}: no URL"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[tokio::test]
async fn the_client_collects_a_quorum_and_answers_a_conflict_with_a_proof() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let log = MemoryLog::with_entries(300, 300, "entry");
    let states: Vec<_> =
        (1..=3).map(|n| witness_in(dir.path(), n, vec![log_key().verifier_key()])).collect();
    let mut urls = Vec::new();
    for state in &states {
        urls.push(serve(state.clone()).await);
    }
    let policy = policy(&urls);
    // Witness 2 already cosigned size 100 (from another log process): it will answer 409.
    let body = AddCheckpointRequest {
        old_size: 0,
        proof: vec![],
        checkpoint: log.note_at(100, &log_key()),
    }
    .to_text();
    let response = reqwest::Client::new()
        .post(format!("{}/add-checkpoint", urls[1]))
        .body(body)
        .send()
        .await
        .expect("an answer");
    assert_eq!(response.status(), 200);

    let client = WitnessClient::new(ClientConfig::default()).expect("a client");
    let note = log.note_at(300, &log_key());
    let report = client.cosign(&policy, &note, &log.tiles).await.expect("cosigning");
    assert_eq!(outcomes(&report), "w1: cosigned, w2: cosigned, w3: cosigned");
    assert_eq!(report.quorum, Ok(()));
    let signed = policy.verify_checkpoint(report.note.as_bytes()).expect("the policy holds");
    assert_eq!(signed.cosignatures.len(), 3);
}

#[tokio::test]
async fn a_witness_that_is_down_is_reported_and_does_not_block_the_others() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let log = MemoryLog::with_entries(10, 10, "entry");
    let mut urls = Vec::new();
    for number in 1..=2 {
        urls.push(serve(witness_in(dir.path(), number, vec![log_key().verifier_key()])).await);
    }
    // A port that was bound and released: nothing listens there.
    let closed = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let address = closed.local_addr().expect("an address");
    drop(closed);
    urls.push(format!("http://{address}"));
    let policy = policy(&urls);
    let config = ClientConfig {
        request_timeout: Duration::from_secs(2),
        attempts: 2,
        retry_delay: Duration::from_millis(1),
    };
    let client = WitnessClient::new(config).expect("a client");
    let report =
        client.cosign(&policy, &log.note_at(10, &log_key()), &log.tiles).await.expect("cosigning");
    assert_eq!(outcomes(&report), "w1: cosigned, w2: cosigned, w3: unreachable");
    assert_eq!(report.quorum, Err(passage_log::PolicyVerifyError::QuorumNotMet));
}

#[tokio::test]
async fn attack_a_witness_whose_answer_never_ends_is_cut_off_at_the_limit() {
    // Whatever answers at a witness's URL sends a body with no length that never ends. The
    // client stops reading at WITNESS_RESPONSE_BYTES_MAX, long before its request timeout.
    use axum::routing::post;
    let endless = || async {
        let chunk = axum::body::Bytes::from_static(&[b'x'; 16 * 1024]);
        axum::body::Body::from_stream(futures_util::stream::repeat_with(move || {
            Ok::<_, std::io::Error>(chunk.clone())
        }))
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let address = listener.local_addr().expect("an address");
    let app = axum::Router::new().route("/add-checkpoint", post(endless));
    tokio::spawn(async move { axum::serve(listener, app).await });
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut urls = Vec::new();
    for number in 1..=2 {
        urls.push(serve(witness_in(dir.path(), number, vec![log_key().verifier_key()])).await);
    }
    urls.push(format!("http://{address}"));
    let config = ClientConfig {
        request_timeout: Duration::from_secs(600),
        attempts: 1,
        retry_delay: Duration::from_millis(1),
    };
    let client = WitnessClient::new(config).expect("a client");
    let log = MemoryLog::with_entries(10, 10, "entry");
    let note = log.note_at(10, &log_key());
    let report = tokio::time::timeout(
        Duration::from_secs(60),
        client.cosign(&policy(&urls), &note, &log.tiles),
    )
    .await
    .expect("the client stops reading at the limit, not at its timeout")
    .expect("cosigning");
    assert_eq!(outcomes(&report), "w1: cosigned, w2: cosigned, w3: unreachable");
    let (_, outcome) = &report.witnesses[2];
    let expected = passage_peer::AnswerError::TooLarge {
        bytes_max: passage_witness::client::WITNESS_RESPONSE_BYTES_MAX,
    };
    assert_eq!(*outcome, WitnessOutcome::Unreachable(expected.to_string()));
}
