//! Benchmark: time from an arrival's acknowledgement to its drawn lanes, through the real
//! node on loopback with the charter's three witnesses (each an axum server with its SQLite
//! state and the party's VRF key, as `passage witness serve --vrf-key` runs it). The
//! baseline, measured on the same arrivals in the same run, is the time from the
//! acknowledgement to the published checkpoint covering the arrival: the draw cannot start
//! before it, so the ratio is what the draw adds to publication.
//!
//! Each sample declares and accepts a truck (not timed), submits its arrival at a
//! controlled post, takes the acknowledgement's time, then polls `GET /log/checkpoint` and
//! `GET /v1/movements/{mrn}` every millisecond until the checkpoint covers the arrival and
//! the lanes are no longer `pending`.
//!
//! `cargo bench -p passage-node --bench draw -- [SAMPLES] [INTERVAL_MS]`

mod common;

use common::{ms, percentile, published_size, signed, start_witnesses};
use std::time::{Duration, Instant};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use passage_core::SignedStatement;
use passage_core::statement::{OfficerRole, Statement};
use passage_core::testing::{self, ScenarioConfig, ident, public_key_for};
use passage_log::{KeyType, SigningKey};
use passage_node::publisher::WitnessConfig;
use passage_node::{Node, NodeConfig};
use passage_store::{SqliteConfig, StoreConfig};

async fn submit(http: &reqwest::Client, base: &str, statement: SignedStatement) -> Vec<String> {
    let body = serde_json::json!({ "statement": BASE64.encode(statement.encode()) });
    let response =
        http.post(format!("{base}/v1/statements")).json(&body).send().await.expect("answers");
    assert_eq!(response.status(), 200);
    let json: serde_json::Value = response.json().await.expect("JSON");
    let index = json["index"].as_u64().expect("an index");
    let mut events = vec![index.to_string()];
    for event in json["events"].as_array().expect("events") {
        events.push(event.as_str().expect("text").to_owned());
    }
    events
}

async fn drawn(http: &reqwest::Client, base: &str, mrn: &str) -> bool {
    let json: serde_json::Value = http
        .get(format!("{base}/v1/movements/{mrn}"))
        .send()
        .await
        .expect("answers")
        .json()
        .await
        .expect("JSON");
    let units = json["movement"]["visits"][0]["units"].as_array().cloned().unwrap_or_default();
    !units.is_empty() && units.iter().all(|unit| unit["lane"] != "pending")
}

/// (acknowledgement to publication, acknowledgement to drawn lanes) of `samples` arrivals.
async fn measure(samples: u32, interval: Duration) -> (Vec<Duration>, Vec<Duration>) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let log_key =
        SigningKey::from_seed("bench.passage/log", KeyType::Ed25519, [9; 32]).expect("a key");
    let witnesses =
        WitnessConfig { urls: start_witnesses(dir.path(), &log_key).await, ..Default::default() };
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
    for (authority, role, officer) in [
        ("authority:AM", OfficerRole::Customs, "customs@AM-MEGHRI-E"),
        ("authority:MON", OfficerRole::Monitor, "monitor@AM-MEGHRI-E"),
    ] {
        let key = public_key_for(officer);
        let enrol = Statement::EnrolOfficer { key, role, posts: vec![ident("AM-MEGHRI-E")] };
        submit(&http, &base, signed(authority, enrol)).await;
    }
    let register = Statement::RegisterCarrier {
        carrier: ident("ARAZ-TRUCKS"),
        name: "Araz Trucks Ltd".into(),
        key: public_key_for("carrier:ARAZ-TRUCKS"),
    };
    submit(&http, &base, signed("authority:AM", register)).await;
    let (mut published, mut drawn_times) = (Vec::new(), Vec::new());
    for number in 0..samples {
        let truck =
            testing::truck("AM-TRANSIT-ROAD", &format!("BN{number:05}"), "2022:080810", 9_000);
        let events =
            submit(&http, &base, signed("carrier:ARAZ-TRUCKS", Statement::Declare(truck))).await;
        let mrn = events
            .iter()
            .find_map(|event| event.strip_suffix(" declared"))
            .and_then(|text| passage_core::Mrn::parse(text).ok())
            .expect("the declaration names its MRN");
        submit(&http, &base, signed("customs@AM-MEGHRI-E", Statement::Accept { mrn })).await;
        let arrive = Statement::Arrive { mrn, post: ident("AM-MEGHRI-E") };
        let events = submit(&http, &base, signed("monitor@AM-MEGHRI-E", arrive)).await;
        let acknowledged = Instant::now();
        let index: u64 = events[0].parse().expect("an index");
        let mut covered = None;
        let mrn = mrn.to_string();
        loop {
            if covered.is_none() && published_size(&http, &base).await > index {
                covered = Some(acknowledged.elapsed());
            }
            if covered.is_some() && drawn(&http, &base, &mrn).await {
                break;
            }
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        published.push(covered.expect("covered before drawn"));
        drawn_times.push(acknowledged.elapsed());
        // Vary the phase: pause 0 to 1.3 intervals before the next arrival.
        let pause = interval.mul_f64(f64::from(number * 37 % 13) / 10.0);
        tokio::time::sleep(pause).await;
    }
    node.stop().await;
    (published, drawn_times)
}

#[tokio::main]
async fn main() {
    // `cargo bench` passes `--bench`; take the numbers only.
    let numbers: Vec<u64> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let samples = numbers.first().copied().unwrap_or(200) as u32;
    let interval = Duration::from_millis(numbers.get(1).copied().unwrap_or(100));
    println!(
        "arrival acknowledgement to drawn lanes, {samples} arrivals, three witnesses, \
         publisher interval {} ms",
        interval.as_millis()
    );
    let (mut published, mut drawn) = measure(samples, interval).await;
    let (pub50, pub99) = (percentile(&mut published, 0.5), percentile(&mut published, 0.99));
    let (draw50, draw99) = (percentile(&mut drawn, 0.5), percentile(&mut drawn, 0.99));
    println!(
        "to the cosigned checkpoint (baseline): p50 {:.1} ms, p99 {:.1} ms",
        ms(pub50),
        ms(pub99)
    );
    println!(
        "to the drawn lanes: p50 {:.1} ms ({:.2}x), p99 {:.1} ms ({:.2}x)",
        ms(draw50),
        ms(draw50) / ms(pub50),
        ms(draw99),
        ms(draw99) / ms(pub99)
    );
}
