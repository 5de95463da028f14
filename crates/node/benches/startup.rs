//! Node start-up and recovery on a long log, with and without a state snapshot, in the same
//! run: builds a log of core-valid entries (trucks declared, accepted, passed through every
//! post and discharged, selection seeded with the real roots) straight into the store, as
//! the sequencer would write it, then times `Node::start` and `snapshot::recover` on a copy
//! without the snapshot (replay from entry 0) and on one with the snapshot the sequencer
//! would have written at the last multiple of `SNAPSHOT_INTERVAL_ENTRIES` (replay of the
//! tail only). Also times the snapshot's encoding and decoding against replaying from 0,
//! and a copy of the state (what the sequencer takes before encoding off its task), against
//! a deep copy of its movements, ledger legs and keys (what a copy cost while they were
//! plain vectors).
//!
//! Then the sequencer under a steady load on the long log: the longest acknowledgement
//! latency while a batch crosses a snapshot multiple (the snapshot taken, encoded and
//! written outside the batches), against the same load without a crossing, in the same
//! run.
//!
//! `cargo bench -p passage-node --bench startup -- [entries]` (default 1,000,000). SQLite;
//! PostgreSQL too when `PASSAGE_TEST_POSTGRES_URL` is set (in schemas dropped at the end).

use passage_core::statement::{Recorded, Statement};
use passage_core::testing::{self, Scenario, ScenarioConfig, Signing, key_for};
use passage_core::{Entry, SignedStatement, State, Timestamp};
use passage_log::Appender;
use passage_node::sequencer::{Decoded, Submission, SubmitError};
use passage_node::snapshot::{self, SNAPSHOT_INTERVAL_ENTRIES, SNAPSHOT_INTERVAL_ENTRIES_MAX};
use passage_node::{Node, NodeConfig};
use passage_store::{AnyStore, AppendBatch, PostgresConfig, SqliteConfig, Store, StoreConfig};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[path = "../tests/node/schemas/mod.rs"]
mod schemas;

/// Entries per store batch while building the log.
const BUILD_BATCH: usize = 4_096;
/// Timed runs of each start-up; the best is reported.
const RUNS: usize = 3;
/// Statements offered per second to the sequencer in the latency runs: a steady load well
/// below its capacity, so that a long acknowledgement is a stall, not a queue.
const LOAD_RATE_PER_SECOND: u64 = 2_000;
/// Statements offered in each latency run (three seconds at the rate).
const LOAD_STATEMENTS: u64 = 6_000;
/// Statements offered before the batch that crosses the snapshot multiple.
const LOAD_BEFORE_CROSSING: u64 = 2_000;

#[derive(Default)]
struct Built {
    tree: Appender,
    pending: Vec<Vec<u8>>,
}

/// The pending entries, tiles and bundles as one store batch.
fn take_batch(built: &mut Built) -> AppendBatch {
    let first = built.tree.size() - built.pending.len() as u64;
    let entries = std::mem::take(&mut built.pending)
        .into_iter()
        .enumerate()
        .map(|(offset, bytes)| {
            let entry = Entry::decode(&bytes).expect("entries decode");
            passage_store::Entry {
                index: first + offset as u64,
                statement_sha256: entry.statement.id(),
                sequenced_at_ms: entry.sequenced_at.0 as i64,
                bytes,
            }
        })
        .collect();
    let changes = built.tree.take_changes();
    AppendBatch {
        entries,
        hash_tiles: changes
            .tiles
            .into_iter()
            .map(|tile| passage_store::HashTile {
                level: tile.tile.level,
                index: tile.tile.index,
                width: tile.tile.width,
                hashes: tile.data,
            })
            .collect(),
        entry_bundles: changes
            .bundles
            .into_iter()
            .map(|bundle| passage_store::EntryBundle {
                index: bundle.bundle.index,
                width: bundle.bundle.width,
                bytes: bundle.data,
            })
            .collect(),
        ..AppendBatch::default()
    }
}

/// Builds a log of at least `target` entries into both stores; the second also gets the
/// snapshot the sequencer writes at the last multiple of the interval. Returns the final
/// state and the log's size.
async fn build(target: u64, plain: &AnyStore, with_snapshot: &AnyStore) -> (State, u64, Timestamp) {
    let shared = Arc::new(Mutex::new(Built::default()));
    let mut scenario = Scenario::new(&ScenarioConfig::syunik());
    scenario.signing = Signing::Skip;
    // The entries are kept only until they are moved into the stores' batches below.
    let mut truck = 0u64;
    let mut last_snapshot = 0;
    while scenario.state.next_entry_index() < target {
        truck += 1;
        scenario.advance_minutes(1);
        let plate = format!("{:02}TR{:06}", truck / 1_000_000 % 100, truck % 1_000_000);
        let declaration = testing::truck("AM-TRANSIT-ROAD", &plate, "2022:080810", 18_000);
        let mrn = scenario.declare_accepted("ARAZ-TRUCKS", declaration);
        scenario.complete(mrn);
        let full = {
            let mut built = shared.lock().expect("not poisoned");
            for (entry, _) in scenario.take_entries() {
                let bytes = entry.encode();
                let index = built.tree.size();
                assert_eq!(built.tree.append(&bytes), Ok(index));
                built.pending.push(bytes);
            }
            (built.pending.len() >= BUILD_BATCH).then(|| {
                let size_after = built.tree.size();
                let size_before = size_after - built.pending.len() as u64;
                (size_before, size_after, built.tree.root(), take_batch(&mut built))
            })
        };
        if let Some((size_before, size_after, root, batch)) = full {
            plain.append_batch(batch.clone()).await.expect("the plain store appends");
            with_snapshot.append_batch(batch).await.expect("the other store appends");
            // As the sequencer does: the snapshot is written beside the batches once the
            // batch that crossed the multiple has committed.
            if snapshot::crosses_interval(size_before, size_after, SNAPSHOT_INTERVAL_ENTRIES) {
                let state = snapshot::snapshot_of(&scenario.state, size_after, root);
                let written = with_snapshot.write_snapshot(state).await;
                assert!(written.expect("the other store writes the snapshot"), "a newer snapshot");
                last_snapshot = size_after;
            }
        }
    }
    let batch = take_batch(&mut shared.lock().expect("not poisoned"));
    if !batch.entries.is_empty() {
        plain.append_batch(batch.clone()).await.expect("the plain store appends");
        with_snapshot.append_batch(batch).await.expect("the other store appends");
    }
    let size = scenario.state.next_entry_index();
    println!("  built {size} entries ({truck} trucks); snapshot at {last_snapshot}");
    (scenario.state, size, scenario.now)
}

fn node_config(store: StoreConfig) -> NodeConfig {
    NodeConfig {
        listen: "127.0.0.1:0".parse().expect("address"),
        store,
        log_key: passage_log::SigningKey::from_seed(
            "bench.passage/log",
            passage_log::KeyType::Ed25519,
            [9; 32],
        )
        .expect("key"),
        checkpoint_interval: Duration::from_millis(500),
        snapshot_interval_entries: SNAPSHOT_INTERVAL_ENTRIES,
        connections: passage_serve::Config::new(passage_serve::ErrorFormat::Json),
        charter_sha256: ScenarioConfig::syunik().charter_sha256(),
    }
}

/// The best of `RUNS` timings of `Node::start` (to serving) and of `recover` alone.
async fn time_start(config: &StoreConfig, digest: [u8; 32]) -> (Duration, Duration, u64) {
    let mut start_best = Duration::MAX;
    let mut recover_best = Duration::MAX;
    let mut replayed_from = 0;
    for _ in 0..RUNS {
        let started = Instant::now();
        let node = Node::start(node_config(config.clone())).await.expect("the node starts");
        start_best = start_best.min(started.elapsed());
        let state_digest = node.app_state.shared.read_state(|state| state.digest());
        assert_eq!(state_digest, Some(digest), "the node recovered the built state");
        node.stop().await;
        let store = AnyStore::open(config.clone()).await.expect("the store opens");
        let started = Instant::now();
        let recovered = snapshot::recover(&store).await.expect("recovers");
        recover_best = recover_best.min(started.elapsed());
        replayed_from = recovered.replayed_from;
    }
    (start_best, recover_best, replayed_from)
}

/// Truck declarations with plates of `series`, recorded at `now`: the built log's clock,
/// which runs ahead of the system's (a declaration recorded before the log's last entry
/// by more than the core allows is refused).
fn declarations(series: u64, count: u64, now: Timestamp) -> Vec<SignedStatement> {
    let key = key_for("carrier:ARAZ-TRUCKS");
    (0..count)
        .map(|number| {
            let plate = format!("{series:02}TR{number:06}");
            let truck = testing::truck("AM-TRANSIT-ROAD", &plate, "2022:080810", 18_000);
            SignedStatement::sign(&key, &Recorded::new(now, Statement::Declare(truck)))
                .expect("encodes")
        })
        .collect()
}

/// Acknowledgement latencies under a steady load.
struct Latencies {
    median: Duration,
    longest: Duration,
}

/// Starts a node on `config` with snapshots every `interval` entries and hands it
/// `statements` straight to the sequencer's queue at [`LOAD_RATE_PER_SECOND`], each timed
/// from when it was due (so a stall delays the answers, not the offers).
async fn offer(config: &StoreConfig, interval: u64, statements: Vec<SignedStatement>) -> Latencies {
    let mut node_config = node_config(config.clone());
    node_config.snapshot_interval_entries = interval;
    let node = Node::start(node_config).await.expect("the node starts");
    let queue = node.app_state.queue.clone();
    let started = tokio::time::Instant::now();
    let mut answers = Vec::with_capacity(statements.len());
    for (number, signed) in statements.into_iter().enumerate() {
        let due = started + Duration::from_micros(number as u64 * 1_000_000 / LOAD_RATE_PER_SECOND);
        tokio::time::sleep_until(due).await;
        let (reply, answer) = tokio::sync::oneshot::channel();
        let statement = Decoded::new(signed).expect("decodes");
        queue.send(Submission { statement, reply }).await.expect("the sequencer runs");
        answers.push(tokio::spawn(async move {
            let acknowledged: Result<_, SubmitError> = answer.await.expect("answered");
            let ack = acknowledged.expect("accepted");
            assert!(!ack.duplicate);
            due.elapsed()
        }));
    }
    let mut latencies = Vec::with_capacity(answers.len());
    for answer in answers {
        latencies.push(answer.await.expect("timed"));
    }
    // A crossing's snapshot is written outside the batches: wait until it is in the store
    // (at most a minute), so that the run measured the whole of it.
    let size = node.app_state.shared.tree.borrow().size;
    if size >= interval {
        let written = |recovery: passage_store::Recovery| recovery.snapshot.map(|s| s.tree_size);
        let mut waited = 0;
        while written(node.app_state.store.recovery().await.expect("reads")) < Some(interval) {
            assert!(waited < 600, "the crossing's snapshot was not written within a minute");
            tokio::time::sleep(Duration::from_millis(100)).await;
            waited += 1;
        }
    }
    node.stop().await;
    latencies.sort_unstable();
    Latencies { median: latencies[latencies.len() / 2], longest: latencies[latencies.len() - 1] }
}

/// The longest acknowledgement latency with a batch crossing a snapshot multiple, against
/// the same load without one.
async fn crossing_latency(config: &StoreConfig, size: u64, now: Timestamp) {
    let calm =
        offer(config, SNAPSHOT_INTERVAL_ENTRIES_MAX, declarations(97, LOAD_STATEMENTS, now)).await;
    let interval = size + LOAD_STATEMENTS + LOAD_BEFORE_CROSSING;
    let crossing = offer(config, interval, declarations(98, LOAD_STATEMENTS, now)).await;
    let ms = |duration: Duration| duration.as_secs_f64() * 1e3;
    println!(
        "  ack latency at {LOAD_RATE_PER_SECOND}/s: without a snapshot median {:.1} ms, \
         longest {:.1} ms; crossing a snapshot multiple median {:.1} ms, longest {:.1} ms: \
         longest ratio {:.1}",
        ms(calm.median),
        ms(calm.longest),
        ms(crossing.median),
        ms(crossing.longest),
        crossing.longest.as_secs_f64() / calm.longest.as_secs_f64()
    );
}

async fn run(name: &str, target: u64, plain: StoreConfig, with_snapshot: StoreConfig) {
    println!("{name}:");
    let started = Instant::now();
    let plain_store = AnyStore::open(plain.clone()).await.expect("opens");
    let snapshot_store = AnyStore::open(with_snapshot.clone()).await.expect("opens");
    let (state, size, now) = build(target, &plain_store, &snapshot_store).await;
    drop((plain_store, snapshot_store));
    println!("  build took {:.1} s", started.elapsed().as_secs_f64());
    let digest = state.digest();

    let started = Instant::now();
    let copy = state.clone();
    let clone = started.elapsed();
    drop(copy);
    // What `State::clone` cost while the state's large parts were plain vectors: a deep
    // copy of the movements, the ledger's legs and the keys (the bulk of it).
    let started = Instant::now();
    let deep = (
        state.movements().iter().cloned().collect::<Vec<_>>(),
        state.ledger().legs().iter().cloned().collect::<Vec<_>>(),
        state.keys().iter().cloned().collect::<Vec<_>>(),
    );
    let deep_copy = started.elapsed();
    drop(deep);
    let started = Instant::now();
    let bytes = state.encode_snapshot();
    let encode = started.elapsed();
    let started = Instant::now();
    let decoded = State::decode_snapshot(&bytes).expect("decodes");
    let decode = started.elapsed();
    assert_eq!(decoded.digest(), digest);

    let (plain_start, plain_recover, plain_from) = time_start(&plain, digest).await;
    let (snap_start, snap_recover, snap_from) = time_start(&with_snapshot, digest).await;
    let ms = |duration: Duration| duration.as_secs_f64() * 1e3;
    println!(
        "  snapshot of {size} entries: {:.1} MB, encode {:.0} ms, decode {:.0} ms \
         (replay from 0 within recovery: {:.0} ms, {:.1}x the decode)",
        bytes.len() as f64 / 1e6,
        ms(encode),
        ms(decode),
        ms(plain_recover),
        plain_recover.as_secs_f64() / decode.as_secs_f64()
    );
    println!(
        "  copy of the state {:.3} ms (a deep copy of its movements, legs and keys {:.0} ms: \
         {:.0}x); encoding takes {:.0}x the copy",
        ms(clone),
        ms(deep_copy),
        deep_copy.as_secs_f64() / clone.as_secs_f64(),
        encode.as_secs_f64() / clone.as_secs_f64()
    );
    println!(
        "  recover: no snapshot {:.0} ms (from entry {plain_from}), with snapshot {:.0} ms \
         (from entry {snap_from}): ratio {:.1}",
        ms(plain_recover),
        ms(snap_recover),
        plain_recover.as_secs_f64() / snap_recover.as_secs_f64()
    );
    println!(
        "  Node::start: no snapshot {:.0} ms, with snapshot {:.0} ms: ratio {:.1}",
        ms(plain_start),
        ms(snap_start),
        plain_start.as_secs_f64() / snap_start.as_secs_f64()
    );
    crossing_latency(&with_snapshot, size, now).await;
}

fn main() {
    let target: u64 =
        std::env::args().skip(1).find_map(|argument| argument.parse().ok()).unwrap_or(1_000_000);
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let folder = tempfile::tempdir().expect("folder");
    runtime.block_on(run(
        "sqlite",
        target,
        StoreConfig::Sqlite(SqliteConfig::new(folder.path().join("plain.db"))),
        StoreConfig::Sqlite(SqliteConfig::new(folder.path().join("snapshot.db"))),
    ));
    match std::env::var("PASSAGE_TEST_POSTGRES_URL") {
        Ok(url) => runtime.block_on(async {
            let plain_schema = schemas::TestSchema::new(&url, "bench_startup_plain_").await;
            let snapshot_schema = schemas::TestSchema::new(&url, "bench_startup_snapshot_").await;
            let mut plain = PostgresConfig::new(url.clone());
            plain.schema = plain_schema.name.clone();
            let mut with_snapshot = PostgresConfig::new(url.clone());
            with_snapshot.schema = snapshot_schema.name.clone();
            run(
                "postgres",
                target,
                StoreConfig::Postgres(plain),
                StoreConfig::Postgres(with_snapshot),
            )
            .await;
            plain_schema.drop_schema().await;
            snapshot_schema.drop_schema().await;
        }),
        Err(_) => println!("postgres: skipped (PASSAGE_TEST_POSTGRES_URL is not set)"),
    }
}
