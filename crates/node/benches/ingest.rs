//! Durable ingest over HTTP on loopback: truck declarations, pre-signed, posted in batches
//! by several clients to a node on SQLite (and PostgreSQL when `PASSAGE_TEST_POSTGRES_URL`
//! is set), against signature verification alone of the same statements in the same run.
//!
//! `cargo bench -p passage-node --bench ingest -- [statements]` (default 20,000).

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use passage_core::statement::{Recorded, Statement};
use passage_core::testing::{self, ScenarioConfig, ident, key_for};
use passage_core::{SignedStatement, Timestamp};
use passage_node::{Node, NodeConfig};
use passage_store::{PostgresConfig, SqliteConfig, StoreConfig};
use std::time::{Duration, Instant};

#[path = "../tests/schemas/mod.rs"]
mod schemas;

const CLIENTS: usize = 8;
const BATCH: usize = 250;

fn now() -> Timestamp {
    Timestamp(passage_node::sequencer::now_ms())
}

fn sign(signer: &str, statement: Statement) -> String {
    let signed =
        SignedStatement::sign(&key_for(signer), &Recorded::new(now(), statement)).expect("encodes");
    BASE64.encode(signed.encode())
}

async fn post(client: &reqwest::Client, base: &str, statements: Vec<String>) {
    let response = client
        .post(format!("{base}/v1/statements/batch"))
        .json(&serde_json::json!({ "statements": statements }))
        .send()
        .await
        .expect("the node answers");
    assert!(response.status().is_success(), "{}", response.text().await.unwrap_or_default());
}

async fn run(name: &str, store: StoreConfig, statements: &[String], verify_per_s: f64) {
    let config = NodeConfig {
        listen: "127.0.0.1:0".parse().expect("address"),
        store,
        log_key: passage_log::SigningKey::from_seed(
            "bench.passage/log",
            passage_log::KeyType::Ed25519,
            [9; 32],
        )
        .expect("key"),
        checkpoint_interval: Duration::from_millis(500),
    };
    let node = Node::start(config).await.expect("node starts");
    let base = format!("http://{}", node.address);
    let client = reqwest::Client::new();
    let setup = vec![sign(
        "authority:AM",
        Statement::Charter { document: ScenarioConfig::syunik().charter_document() },
    )];
    post(&client, &base, setup).await;
    let register = Statement::RegisterCarrier {
        carrier: ident("ARAZ-TRUCKS"),
        name: "Araz Trucks Ltd".into(),
        key: testing::public_key_for("carrier:ARAZ-TRUCKS"),
    };
    post(&client, &base, vec![sign("authority:AM", register)]).await;
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for client_index in 0..CLIENTS {
        let mine: Vec<String> =
            statements.iter().skip(client_index).step_by(CLIENTS).cloned().collect();
        let client = client.clone();
        let base = base.clone();
        tasks.spawn(async move {
            for chunk in mine.chunks(BATCH) {
                post(&client, &base, chunk.to_vec()).await;
            }
        });
    }
    while let Some(joined) = tasks.join_next().await {
        joined.expect("client");
    }
    let elapsed = started.elapsed().as_secs_f64();
    let per_s = statements.len() as f64 / elapsed;
    println!(
        "{name}: {} statements in {elapsed:.2} s = {per_s:.0} statements/s durable; \
         signature verification alone {verify_per_s:.0}/s; ratio {:.2}",
        statements.len(),
        per_s / verify_per_s
    );
    node.stop().await;
}

fn main() {
    let count: usize =
        std::env::args().skip(1).find_map(|argument| argument.parse().ok()).unwrap_or(20_000);
    println!("signing {count} truck declarations...");
    let statements: Vec<String> = (0..count)
        .map(|number| {
            let plate = format!("{:02}TR{:05}", number / 100_000 % 100, number % 100_000);
            let truck = testing::truck("AM-TRANSIT-ROAD", &plate, "2022:080810", 18_000);
            sign("carrier:ARAZ-TRUCKS", Statement::Declare(truck))
        })
        .collect();
    // The ceiling: decode and verify each statement on one core, as a handler does.
    let started = Instant::now();
    for text in &statements {
        let bytes = BASE64.decode(text).expect("base64");
        let signed = SignedStatement::decode(&bytes).expect("decodes");
        signed.verify_signature().expect("verifies");
    }
    let verify_per_s = count as f64 / started.elapsed().as_secs_f64();
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let folder = tempfile::tempdir().expect("folder");
    runtime.block_on(run(
        "sqlite",
        StoreConfig::Sqlite(SqliteConfig::new(folder.path().join("bench.db"))),
        &statements,
        verify_per_s,
    ));
    match std::env::var("PASSAGE_TEST_POSTGRES_URL") {
        Ok(url) => {
            let schema = runtime.block_on(schemas::TestSchema::new(&url, "node_bench_"));
            let mut config = PostgresConfig::new(url);
            config.schema = schema.name.clone();
            runtime.block_on(run(
                "postgres",
                StoreConfig::Postgres(config),
                &statements,
                verify_per_s,
            ));
            runtime.block_on(schema.drop_schema());
        }
        Err(_) => println!("postgres: skipped (PASSAGE_TEST_POSTGRES_URL is not set)"),
    }
}
