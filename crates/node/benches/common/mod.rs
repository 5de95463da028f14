//! What the node's latency benches share: signing a statement now, reading the published
//! checkpoint's size, the charter's three witnesses on loopback, and the percentiles.

use std::time::Duration;

use passage_core::statement::{Recorded, Statement};
use passage_core::testing::key_for;
use passage_core::{SignedStatement, Timestamp};
use passage_log::{KeyType, SigningKey};
use passage_witness::server::{WitnessState, WitnessStore, system_clock};

/// `statement` signed by `signer`'s test key, recorded now.
pub fn signed(signer: &str, statement: Statement) -> SignedStatement {
    let now = Timestamp(passage_node::sequencer::now_ms());
    SignedStatement::sign(&key_for(signer), &Recorded::new(now, statement)).expect("encodes")
}

/// The size of the node's published checkpoint, 0 before the first.
pub async fn published_size(http: &reqwest::Client, base: &str) -> u64 {
    let response = http.get(format!("{base}/log/checkpoint")).send().await.expect("answers");
    if response.status() != 200 {
        return 0;
    }
    let note = response.text().await.expect("a note");
    note.lines().nth(1).and_then(|line| line.parse().ok()).unwrap_or(0)
}

/// The charter's three witnesses, each an axum server with its SQLite state and its party's
/// VRF key, as `passage witness serve --vrf-key` runs it: their names and URLs.
pub async fn start_witnesses(dir: &std::path::Path, log_key: &SigningKey) -> Vec<(String, String)> {
    let mut urls = Vec::new();
    for party in ["AM", "AZ", "MON"] {
        let name = format!("witness.{}", party.to_lowercase());
        let seed = key_for(&format!("witness:{party}")).to_bytes();
        let key = SigningKey::from_seed(&name, KeyType::CosignatureV1, seed).expect("a key");
        let store =
            WitnessStore::open(&dir.join(format!("{name}.db")), &dir.join(format!("{name}.guard")))
                .expect("a witness store");
        let state = WitnessState::new(key, vec![log_key.verifier_key()], store, system_clock())
            .expect("a witness");
        state
            .set_vrf_key(passage_core::testing::vrf_key_for(party).to_bytes())
            .expect("the party's VRF key");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port");
        urls.push((name, format!("http://{}", listener.local_addr().expect("an address"))));
        tokio::spawn(
            async move { axum::serve(listener, passage_witness::server::app(state)).await },
        );
    }
    urls
}

/// The sample at `fraction` (0.5 for the median) of `samples`, sorted in place.
pub fn percentile(samples: &mut [Duration], fraction: f64) -> Duration {
    samples.sort();
    let index = ((samples.len() as f64 - 1.0) * fraction).round() as usize;
    samples[index]
}

/// `duration` in milliseconds.
pub fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e3
}
