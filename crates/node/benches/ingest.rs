//! Durable ingest over HTTP on loopback: truck declarations, pre-signed, posted in batches
//! by several clients to a node on SQLite (and PostgreSQL when `PASSAGE_TEST_POSTGRES_URL`
//! is set), against signature verification alone of the same statements in the same run
//! (one by one and, as the node checks them, together in chunks; on one core and on every
//! core). Then the acknowledgement latency of single
//! submissions offered at a steady rate, each timed from when it was due to be sent (so a
//! slow answer does not delay the next request and hide its own wait).
//!
//! `cargo bench -p passage-node --bench ingest -- [statements]` (default 20,000; a sustained
//! load of 100,000 or more also reports the rate over each tenth of the run, so a slowdown
//! as the log grows shows). `PASSAGE_BENCH_RATE` (default 5,000 statements/s) and
//! `PASSAGE_BENCH_LATENCY_SECONDS` (default 4; 0 skips it) set the latency run;
//! `PASSAGE_BENCH_STORE=sqlite` or `postgres` runs one backend only (for a profile).
//!
//! After each part it prints the sequencer's group commits over that part (from the node's
//! commit counters): how many a second, how many entries each held, and how long the store
//! took over each, so a run's latency can be read against the batches it fell into.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use passage_core::statement::{Recorded, Statement};
use passage_core::testing::{self, ScenarioConfig, ident, key_for};
use passage_core::{SignedStatement, Timestamp};
use passage_node::sequencer::CommitCounts;
use passage_node::{Node, NodeConfig};
use passage_store::{PostgresConfig, SqliteConfig, StoreConfig};
use rayon::prelude::*;
use std::time::{Duration, Instant};

#[path = "../tests/node/schemas/mod.rs"]
mod schemas;

const CLIENTS: usize = 8;
const BATCH: usize = 250;
/// Most single submissions in flight in the latency run: past it, a due request waits for
/// a free connection (and that wait counts in its latency), rather than opening ever more.
const IN_FLIGHT_MAX: usize = 256;

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

/// Truck declarations with plates from `first` on, signed now.
fn declarations(first: usize, count: usize) -> Vec<String> {
    (first..first + count)
        .into_par_iter()
        .map(|number| {
            let plate = format!("{:02}TR{:05}", number / 100_000 % 100, number % 100_000);
            let truck = testing::truck("AM-TRANSIT-ROAD", &plate, "2022:080810", 18_000);
            sign("carrier:ARAZ-TRUCKS", Statement::Declare(truck))
        })
        .collect()
}

/// Offers `statements` one per request at `rate` per second and returns the latency of
/// each acknowledgement, measured from when its request was due.
async fn latencies(
    client: &reqwest::Client,
    base: &str,
    statements: Vec<String>,
    rate: f64,
) -> Vec<Duration> {
    let started = tokio::time::Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    let in_flight = std::sync::Arc::new(tokio::sync::Semaphore::new(IN_FLIGHT_MAX));
    for (number, statement) in statements.into_iter().enumerate() {
        let due = started + Duration::from_secs_f64(number as f64 / rate);
        tokio::time::sleep_until(due).await;
        let permit = in_flight.clone().acquire_owned().await.expect("the semaphore stays open");
        let client = client.clone();
        let url = format!("{base}/v1/statements");
        tasks.spawn(async move {
            let response = client
                .post(url)
                .json(&serde_json::json!({ "statement": statement }))
                .send()
                .await
                .expect("the node answers");
            assert!(
                response.status().is_success(),
                "{}",
                response.text().await.unwrap_or_default()
            );
            drop(permit);
            due.elapsed()
        });
    }
    let mut latencies = Vec::new();
    while let Some(joined) = tasks.join_next().await {
        latencies.push(joined.expect("client"));
    }
    latencies.sort_unstable();
    latencies
}

fn percentile(sorted: &[Duration], fraction: f64) -> f64 {
    let rank = ((sorted.len() as f64 * fraction).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1].as_secs_f64() * 1e3
}

/// What `run` compares against, measured in the same run.
struct Ceiling {
    verify_one_core_per_s: f64,
    verify_all_cores_per_s: f64,
    together_one_core_per_s: f64,
    together_all_cores_per_s: f64,
}

async fn run(
    name: &str,
    store: StoreConfig,
    statements: &[String],
    offered: Vec<String>,
    rate: f64,
    ceiling: &Ceiling,
) {
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
        snapshot_interval_entries: passage_node::snapshot::SNAPSHOT_INTERVAL_ENTRIES,
        // Every client of the bench is on 127.0.0.1, up to IN_FLIGHT_MAX connections at
        // once: one address standing for many clients gets the whole cap as its share.
        connections: passage_serve::Config {
            connections_per_client_max: passage_serve::CONNECTIONS_MAX,
            ..passage_serve::Config::new(passage_serve::ErrorFormat::Json)
        },
        charter_sha256: ScenarioConfig::syunik().charter_sha256(),
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
    let commits = &node.app_state.shared.commits;
    let counted = commits.counts();
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    // When each batch was acknowledged, and how many statements it held.
    let (done_sender, mut done) = tokio::sync::mpsc::unbounded_channel::<(Instant, usize)>();
    for client_index in 0..CLIENTS {
        let mine: Vec<String> =
            statements.iter().skip(client_index).step_by(CLIENTS).cloned().collect();
        let client = client.clone();
        let base = base.clone();
        let done_sender = done_sender.clone();
        tasks.spawn(async move {
            for chunk in mine.chunks(BATCH) {
                post(&client, &base, chunk.to_vec()).await;
                let _ = done_sender.send((Instant::now(), chunk.len()));
            }
        });
    }
    drop(done_sender);
    while let Some(joined) = tasks.join_next().await {
        joined.expect("client");
    }
    let elapsed = started.elapsed().as_secs_f64();
    let mut acknowledged = Vec::new();
    while let Some(batch) = done.recv().await {
        acknowledged.push(batch);
    }
    let per_s = statements.len() as f64 / elapsed;
    println!(
        "{name}: {} statements in {elapsed:.2} s = {per_s:.0} statements/s durable; \
         ratio to verification alone one by one {:.2} (one core), {:.2} (all cores), \
         together as the node checks {:.2} (one core), {:.2} (all cores)",
        statements.len(),
        per_s / ceiling.verify_one_core_per_s,
        per_s / ceiling.verify_all_cores_per_s,
        per_s / ceiling.together_one_core_per_s,
        per_s / ceiling.together_all_cores_per_s,
    );
    if let Some((slowest, fastest)) = tenths(started, &mut acknowledged) {
        println!(
            "{name}: over each tenth of the run, slowest {slowest:.0} statements/s, \
             fastest {fastest:.0} statements/s"
        );
    }
    println!("{name}: {}", describe_commits(&commits.counts().since(&counted), elapsed));
    let count = offered.len();
    if count == 0 {
        node.stop().await;
        return;
    }
    let counted = commits.counts();
    let started = Instant::now();
    let sorted = latencies(&client, &base, offered, rate).await;
    let elapsed = started.elapsed().as_secs_f64();
    let achieved = count as f64 / elapsed;
    println!(
        "{name}: {count} single submissions offered at {rate:.0}/s (achieved {achieved:.0}/s): \
         acknowledgement p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        percentile(&sorted, 0.50),
        percentile(&sorted, 0.99),
        percentile(&sorted, 1.0),
    );
    println!("{name}: {}", describe_commits(&commits.counts().since(&counted), elapsed));
    node.stop().await;
}

/// The sequencer's group commits over `seconds`: how many, how large (the size bounds are
/// those of the counters' buckets, powers of two) and how long the store took over each.
fn describe_commits(counts: &CommitCounts, seconds: f64) -> String {
    if counts.commits == 0 {
        return "no commits".to_owned();
    }
    let bound = |fraction| counts.size_at(fraction).unwrap_or_default();
    let by_size: Vec<String> = counts
        .by_size
        .iter()
        .enumerate()
        .filter(|(_, count)| **count > 0)
        .map(|(bucket, count)| format!("<={}: {count}", 1usize << bucket))
        .collect();
    format!(
        "{} commits ({:.0}/s), {:.1} entries a commit (p50 <= {}, p90 <= {}), \
         {:.2} ms in the store a commit; commits by entries [{}]",
        counts.commits,
        counts.commits as f64 / seconds,
        counts.entries as f64 / counts.commits as f64,
        bound(0.5),
        bound(0.9),
        counts.commit_micros as f64 / counts.commits as f64 / 1e3,
        by_size.join(", "),
    )
}

/// The slowest and fastest rate over the tenths of a run, from when each batch was
/// acknowledged; `None` for a run too short to cut in ten.
fn tenths(started: Instant, acknowledged: &mut [(Instant, usize)]) -> Option<(f64, f64)> {
    if acknowledged.len() < 40 {
        return None;
    }
    acknowledged.sort_unstable_by_key(|&(at, _)| at);
    let total: usize = acknowledged.iter().map(|&(_, count)| count).sum();
    let (mut rates, mut cumulative, mut mark) = (Vec::new(), 0, 1);
    let mut previous = (started, 0);
    for &(at, count) in acknowledged.iter() {
        cumulative += count;
        if cumulative * 10 >= total * mark {
            let statements = cumulative - previous.1;
            rates.push(statements as f64 / at.duration_since(previous.0).as_secs_f64());
            previous = (at, cumulative);
            mark += 1;
        }
    }
    let slowest = rates.iter().copied().fold(f64::INFINITY, f64::min);
    let fastest = rates.iter().copied().fold(0.0, f64::max);
    Some((slowest, fastest))
}

fn env_number(name: &str, default: f64) -> f64 {
    std::env::var(name).ok().and_then(|text| text.parse().ok()).unwrap_or(default)
}

fn main() {
    let count: usize =
        std::env::args().skip(1).find_map(|argument| argument.parse().ok()).unwrap_or(20_000);
    let rate = env_number("PASSAGE_BENCH_RATE", 5_000.0);
    let latency_count = (rate * env_number("PASSAGE_BENCH_LATENCY_SECONDS", 4.0)) as usize;
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    println!("signing {count} truck declarations, and {latency_count} per backend for latency...");
    let statements = declarations(0, count);
    // The ceiling: decode and verify each statement as a handler does, on one core and
    // then on every core.
    let check = |text: &String| {
        let bytes = BASE64.decode(text).expect("base64");
        let signed = SignedStatement::decode(&bytes).expect("decodes");
        signed.verify_signature().expect("verifies");
    };
    let started = Instant::now();
    statements.iter().for_each(check);
    let verify_one_core_per_s = count as f64 / started.elapsed().as_secs_f64();
    let started = Instant::now();
    statements.par_iter().for_each(check);
    let verify_all_cores_per_s = count as f64 / started.elapsed().as_secs_f64();
    // Decode and verify as the node does: each request's statements checked together, in
    // one chunk per core (`passage_node::verify`), on one core and then on every core.
    let chunk = BATCH.div_ceil(cores);
    let check_together = |group: &[String]| {
        let signed: Vec<SignedStatement> = group
            .iter()
            .map(|text| {
                SignedStatement::decode(&BASE64.decode(text).expect("base64")).expect("decodes")
            })
            .collect();
        let verdicts = passage_core::verify_signatures(
            &signed,
            rand::thread_rng(),
            SignedStatement::signer_key,
        );
        assert!(verdicts.iter().all(Result::is_ok), "verifies");
    };
    let started = Instant::now();
    statements.chunks(chunk).for_each(check_together);
    let together_one_core_per_s = count as f64 / started.elapsed().as_secs_f64();
    let started = Instant::now();
    statements.par_chunks(chunk).for_each(check_together);
    let together_all_cores_per_s = count as f64 / started.elapsed().as_secs_f64();
    // The same, with no signer repeated: each chunk's terms do not coalesce by key, the
    // least a request's signatures gain together (one officer's device sends its own).
    let distinct: Vec<SignedStatement> = (0..count)
        .into_par_iter()
        .map(|number| {
            let mut seed = [7; 32];
            seed[..8].copy_from_slice(&(number as u64).to_le_bytes());
            let key = ed25519_dalek::SigningKey::from_bytes(&seed);
            SignedStatement::sign(&key, &Recorded::new(now(), Statement::Tick)).expect("encodes")
        })
        .collect();
    let started = Instant::now();
    for group in distinct.chunks(chunk) {
        let verdicts =
            passage_core::verify_signatures(group, rand::thread_rng(), SignedStatement::signer_key);
        assert!(verdicts.iter().all(Result::is_ok), "verifies");
    }
    let distinct_one_core_per_s = count as f64 / started.elapsed().as_secs_f64();
    println!(
        "verification alone, one by one: {verify_one_core_per_s:.0}/s on one core, \
         {verify_all_cores_per_s:.0}/s on {cores} cores; together in chunks of {chunk} as \
         the node checks them: {together_one_core_per_s:.0}/s on one core, \
         {together_all_cores_per_s:.0}/s on {cores} cores (every statement from its own \
         signer: {distinct_one_core_per_s:.0}/s on one core)"
    );
    let ceiling = Ceiling {
        verify_one_core_per_s,
        verify_all_cores_per_s,
        together_one_core_per_s,
        together_all_cores_per_s,
    };
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let folder = tempfile::tempdir().expect("folder");
    let only = std::env::var("PASSAGE_BENCH_STORE").ok();
    if only.as_deref().is_none_or(|store| store == "sqlite") {
        runtime.block_on(run(
            "sqlite",
            StoreConfig::Sqlite(SqliteConfig::new(folder.path().join("bench.db"))),
            &statements,
            declarations(count, latency_count),
            rate,
            &ceiling,
        ));
    }
    match std::env::var("PASSAGE_TEST_POSTGRES_URL") {
        Ok(_) if only.as_deref().is_some_and(|store| store != "postgres") => {}
        Ok(url) => {
            let schema = runtime.block_on(schemas::TestSchema::new(&url, "node_bench_"));
            let mut config = PostgresConfig::new(url);
            config.schema = schema.name.clone();
            runtime.block_on(run(
                "postgres",
                StoreConfig::Postgres(config),
                &statements,
                declarations(count + latency_count, latency_count),
                rate,
                &ceiling,
            ));
            runtime.block_on(schema.drop_schema());
        }
        Err(_) => println!("postgres: skipped (PASSAGE_TEST_POSTGRES_URL is not set)"),
    }
}
