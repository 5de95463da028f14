//! Benchmark: time from a statement's acknowledgement to a published checkpoint covering it,
//! through the real node on loopback, (a) cosigned by the charter's three witnesses (each an
//! axum server with its SQLite state, as `passage witness serve` runs it) and (b) as the
//! baseline in the same run, a node without witnesses (log-signed checkpoints only).
//!
//! Each sample submits one statement over HTTP, takes the acknowledgement's time, then polls
//! `GET /log/checkpoint` every millisecond until the published size covers the entry. The
//! next statement is sent after a pause that varies over the publisher's interval, so
//! statements land at every phase of it.
//!
//! `cargo bench -p passage-node --bench publication -- [SAMPLES] [INTERVAL_MS]`

mod common;

use common::{ms, percentile, published_size, signed, start_witnesses};
use std::time::{Duration, Instant};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use passage_core::SignedStatement;
use passage_core::statement::Statement;
use passage_core::testing::{ScenarioConfig, ident, public_key_for};
use passage_log::{KeyType, SigningKey};
use passage_node::publisher::WitnessConfig;
use passage_node::{Node, NodeConfig};
use passage_store::{SqliteConfig, StoreConfig};

async fn submit(http: &reqwest::Client, base: &str, statement: SignedStatement) -> u64 {
    let body = serde_json::json!({ "statement": BASE64.encode(statement.encode()) });
    let response =
        http.post(format!("{base}/v1/statements")).json(&body).send().await.expect("answers");
    assert_eq!(response.status(), 200);
    let json: serde_json::Value = response.json().await.expect("JSON");
    json["index"].as_u64().expect("an index")
}

/// Acknowledgement-to-publication times of `samples` statements.
async fn measure(witnessed: bool, samples: u32, interval: Duration) -> Vec<Duration> {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let log_key =
        SigningKey::from_seed("bench.passage/log", KeyType::Ed25519, [9; 32]).expect("a key");
    let witnesses = if witnessed {
        WitnessConfig { urls: start_witnesses(dir.path(), &log_key).await, ..Default::default() }
    } else {
        WitnessConfig::none()
    };
    let config = NodeConfig {
        listen: "127.0.0.1:0".parse().expect("an address"),
        store: StoreConfig::Sqlite(SqliteConfig::new(dir.path().join("passage.db"))),
        log_key,
        checkpoint_interval: interval,
        snapshot_interval_entries: passage_node::snapshot::SNAPSHOT_INTERVAL_ENTRIES,
        connections: passage_serve::Config::new(passage_serve::ErrorFormat::Json),
        charter_sha256: ScenarioConfig::syunik().charter_sha256(),
    };
    let node = Node::start_with_witnesses(config, witnesses).await.expect("the node starts");
    let base = format!("http://{}", node.address);
    let http = reqwest::Client::new();
    let document = ScenarioConfig::syunik().charter_document();
    submit(&http, &base, signed("authority:AM", Statement::Charter { document })).await;
    let mut times = Vec::new();
    for number in 0..samples {
        let carrier = format!("BENCH-{number}");
        let statement = Statement::RegisterCarrier {
            carrier: ident(&carrier),
            name: format!("{carrier} Ltd"),
            key: public_key_for(&format!("carrier:{carrier}")),
        };
        let index = submit(&http, &base, signed("authority:AM", statement)).await;
        let acknowledged = Instant::now();
        while published_size(&http, &base).await <= index {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        times.push(acknowledged.elapsed());
        // Vary the phase: pause 0 to 1.3 intervals before the next statement.
        let pause = interval.mul_f64(f64::from(number * 37 % 13) / 10.0);
        tokio::time::sleep(pause).await;
    }
    node.stop().await;
    times
}

#[tokio::main]
async fn main() {
    // `cargo bench` passes `--bench`; take the numbers only.
    let numbers: Vec<u64> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let samples = numbers.first().copied().unwrap_or(200) as u32;
    let interval = Duration::from_millis(numbers.get(1).copied().unwrap_or(100));
    println!(
        "acknowledgement to published checkpoint, {samples} statements, publisher interval {} ms",
        interval.as_millis()
    );
    let mut baseline = measure(false, samples, interval).await;
    let mut witnessed = measure(true, samples, interval).await;
    let (base50, base99) = (percentile(&mut baseline, 0.5), percentile(&mut baseline, 0.99));
    let (wit50, wit99) = (percentile(&mut witnessed, 0.5), percentile(&mut witnessed, 0.99));
    println!("no witnesses (baseline): p50 {:.1} ms, p99 {:.1} ms", ms(base50), ms(base99));
    println!(
        "three witnesses cosigning: p50 {:.1} ms ({:.2}x), p99 {:.1} ms ({:.2}x)",
        ms(wit50),
        ms(wit50) / ms(base50),
        ms(wit99),
        ms(wit99) / ms(base99)
    );
}
