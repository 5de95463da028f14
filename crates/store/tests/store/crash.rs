//! Crash tests: a child process appends batches and reports each acknowledged size; the
//! test kills it with SIGKILL mid-stream, reopens the store and checks that every
//! acknowledged batch is there, that no batch is there in part, and that the projections
//! agree with the log. Three kills in a row, each writer resuming from what it recovers.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use passage_store::{
    BalanceQuery, EntryCursor, MovementFilter, Period, PostgresConfig, PostgresStore, SqliteConfig,
    SqliteStore, Store, StoreError,
};

use crate::common::{self, Harness, SqliteHarness, run_postgres};

/// Which store the child writes to: `sqlite:<path>` or `postgres:<schema>`.
const TARGET_VARIABLE: &str = "PASSAGE_STORE_CRASH_TARGET";
/// Acknowledgements to wait for before each kill.
const KILL_AFTER_ACKS: [u32; 3] = [5, 17, 40];
/// Batches a child writes at most, should nobody kill it.
const CHILD_BATCHES_MAX: u32 = 20_000;
const CHILD_TEST: &str = "crash::crash_child_writer";

/// Batch lengths are a function of the first index, so the test knows every batch boundary.
fn batch_length(first: u64) -> u64 {
    1 + (first.wrapping_mul(2_654_435_761) >> 7) % 64
}

#[test]
#[ignore = "the writer half of the crash tests, run by them as a child process"]
fn crash_child_writer() {
    let target = std::env::var(TARGET_VARIABLE).expect("the crash tests set the target");
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        if let Some(path) = target.strip_prefix("sqlite:") {
            let config = SqliteConfig {
                statement_merge_entries: common::TEST_STATEMENT_MERGE_ENTRIES,
                ..SqliteConfig::new(path)
            };
            write_until_killed(SqliteStore::open(config).await.unwrap()).await;
        } else if let Some(schema) = target.strip_prefix("postgres:") {
            let url = std::env::var(common::POSTGRES_URL_VARIABLE).unwrap();
            let config = PostgresConfig {
                schema: schema.into(),
                pool_size: 2,
                statement_merge_entries: common::TEST_STATEMENT_MERGE_ENTRIES,
                ..PostgresConfig::new(url)
            };
            write_until_killed(PostgresStore::open(config).await.unwrap()).await;
        } else {
            panic!("unknown crash target {target}");
        }
    });
}

async fn write_until_killed<S: Store>(store: S) {
    let mut size = store.recovery().await.unwrap().tree_size;
    for _ in 0..CHILD_BATCHES_MAX {
        match store.append_batch(common::batch(size, batch_length(size))).await {
            Ok(appended) => {
                size = appended.tree_size;
                // Flush each line: the test reads it as the acknowledgement.
                println!("acked {size}");
                std::io::Write::flush(&mut std::io::stdout()).unwrap();
            }
            // A batch of the killed predecessor committed after it died, unacknowledged.
            Err(StoreError::IndexMismatch { tree_size, .. }) => size = tree_size,
            Err(error) => panic!("the writer failed: {error}"),
        }
    }
}

/// Runs a writer, kills it after `acks` acknowledgements, returns the largest acked size.
fn run_and_kill(target: &str, acks: u32) -> u64 {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([CHILD_TEST, "--exact", "--ignored", "--nocapture", "--test-threads=1"])
        .env(TARGET_VARIABLE, target)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut seen = 0;
    let mut acked = 0;
    for line in BufReader::new(stdout).lines() {
        if let Some(size) = line.unwrap().strip_prefix("acked ") {
            acked = size.parse().unwrap();
            seen += 1;
            if seen == acks {
                break;
            }
        }
    }
    assert_eq!(seen, acks, "the writer stopped by itself after {seen} batches");
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(!status.success(), "the writer was killed, not finished");
    acked
}

/// Everything acknowledged is there, whole, and the projections agree with the entries.
async fn verify<S: Store>(store: &S, acked: u64) {
    let recovery = store.recovery().await.unwrap();
    let size = recovery.tree_size;
    assert!(size >= acked, "acknowledged {acked} entries but only {size} survived");
    let (mut boundary, mut batches) = (0, 0);
    while boundary < size {
        boundary += batch_length(boundary);
        batches += 1;
    }
    assert_eq!(boundary, size, "the log ends inside a batch");

    let mut cursor = EntryCursor::new(0, 1_000);
    let mut index = 0;
    while index < size {
        let chunk = cursor.next_chunk(store).await.unwrap().expect("entries up to the size");
        for entry in chunk.into_iter().take((size - index) as usize) {
            assert_eq!(entry, common::entry(index));
            index += 1;
        }
    }
    // One posting of 1 per entry, at_ms = index: the ledger holds exactly the entries.
    let period = Period { from_ms: None, until_ms: Some(size as i64) };
    let balances =
        store.balances(BalanceQuery { account: Some("fees".into()), period }).await.unwrap();
    assert_eq!(balances.first().map(|row| row.amount_minor), (size > 0).then_some(size as i64));
    // One movement per batch, declared at its first index, with a history line per entry.
    let declared = MovementFilter { declared: period, ..MovementFilter::default() };
    assert_eq!(store.count_movements(declared).await.unwrap(), batches);
    if size > 0 {
        let mut start = 0;
        while start + batch_length(start) < size {
            start += batch_length(start);
        }
        let history = store.movement_history(&format!("MRN{start:015}")).await.unwrap();
        assert_eq!(history, (start..size).collect::<Vec<_>>(), "the last batch's history");
    }
}

#[test]
fn sqlite_crash_loses_nothing_acknowledged() {
    let harness = SqliteHarness::new();
    drop(tokio_runtime().block_on(harness.open()));
    let target = format!("sqlite:{}", harness.path().display());
    for acks in KILL_AFTER_ACKS {
        let acked = run_and_kill(&target, acks);
        tokio_runtime().block_on(async { verify(&harness.open().await, acked).await });
    }
}

#[test]
fn postgres_crash_loses_nothing_acknowledged() {
    tokio_runtime().block_on(run_postgres(
        "postgres_crash_loses_nothing_acknowledged",
        |harness| async move {
            drop(harness.open().await);
            let target = format!("postgres:{}", harness.schema);
            for acks in KILL_AFTER_ACKS {
                let child_target = target.clone();
                let acked = tokio::task::spawn_blocking(move || run_and_kill(&child_target, acks))
                    .await
                    .unwrap();
                verify(&harness.open().await, acked).await;
            }
        },
    ));
}

fn tokio_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}
