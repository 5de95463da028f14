//! Durable batched append throughput of both backends, as a ratio to a plain file.
//!
//! For each batch size, the same realistic batches (400-byte entries, the C2SP hash tiles and
//! entry bundles they change, a movement upsert, a history line and a posting per entry)
//! are appended to SQLite, to PostgreSQL (when
//! `PASSAGE_TEST_POSTGRES_URL` is set) and, as the baseline, written to a plain file with
//! one `fdatasync` per batch (the entry, tile and bundle bytes only). The three take turns
//! batch by batch, so a noisy neighbour slows them alike. Only the append or the
//! write-and-sync is timed; building the batches is not. Each measurement starts from an
//! empty store and lasts until SQLite has spent the time budget appending.
//!
//! Run: `cargo bench -p passage-store --bench append`. `PASSAGE_BENCH_SECONDS` sets the
//! time per measurement (2 s by default), `PASSAGE_BENCH_BATCHES` the batch sizes
//! (`1,64,256,1024` by default), `PASSAGE_BENCH_ENTRIES` the most entries per measurement
//! (400,000 by default).

#![allow(clippy::unwrap_used, missing_docs)]

#[path = "../tests/store/common.rs"]
mod common;

use std::fs::File;
use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use std::future::Future;

use passage_store::{
    AppendBatch, ENTRIES_READ_MAX, EntryCursor, PostgresConfig, PostgresStore,
    STATEMENT_MERGE_ENTRIES, SqliteConfig, SqliteStore, Store,
};

const BATCH_SIZES_DEFAULT: &str = "1,64,256,1024";
/// Entries appended at most per measurement, whatever the time, unless
/// `PASSAGE_BENCH_ENTRIES` says otherwise: bounds the disk used.
const ENTRIES_PER_MEASUREMENT_DEFAULT: u64 = 400_000;

/// One measurement: entries appended and the time spent appending them.
#[derive(Default)]
struct Measured {
    entries: u64,
    batches: u64,
    elapsed: Duration,
}

impl Measured {
    fn entries_per_second(&self) -> f64 {
        self.entries as f64 / self.elapsed.as_secs_f64()
    }
    fn ms_per_commit(&self) -> f64 {
        self.elapsed.as_secs_f64() * 1_000.0 / self.batches as f64
    }
    fn add(&mut self, batch_size: u64, elapsed: Duration) {
        self.entries += batch_size;
        self.batches += 1;
        self.elapsed += elapsed;
    }
}

/// Times one call.
async fn timed(work: impl Future<Output = ()>) -> Duration {
    let started = Instant::now();
    work.await;
    started.elapsed()
}

/// The baseline: the batch's entry, tile and bundle bytes appended to a file, fdatasync'd.
fn write_and_sync(file: &mut File, batch: &AppendBatch) {
    let mut bytes = Vec::new();
    for entry in &batch.entries {
        bytes.extend_from_slice(&entry.bytes);
        bytes.extend_from_slice(&entry.statement_sha256);
    }
    for tile in &batch.hash_tiles {
        bytes.extend_from_slice(&tile.hashes);
    }
    for bundle in &batch.entry_bundles {
        bytes.extend_from_slice(&bundle.bytes);
    }
    file.write_all(&bytes).unwrap();
    file.sync_data().unwrap();
}

fn report(backend: &str, batch_size: u64, measured: &Measured, baseline: &Measured) {
    println!(
        "| {backend} | {batch_size} | {:.0} | {:.3} | {:.0} | {:.2} |",
        measured.entries_per_second(),
        measured.ms_per_commit(),
        baseline.entries_per_second(),
        measured.entries_per_second() / baseline.entries_per_second(),
    );
}

fn main() {
    let seconds: f64 =
        std::env::var("PASSAGE_BENCH_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(2.0);
    let budget = Duration::from_secs_f64(seconds);
    let entries_max: u64 = std::env::var("PASSAGE_BENCH_ENTRIES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(ENTRIES_PER_MEASUREMENT_DEFAULT);
    // On the disk the build uses, not /tmp, which may be a RAM file system.
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR"));
    std::fs::create_dir_all(scratch).unwrap();
    let postgres_url =
        std::env::var(common::POSTGRES_URL_VARIABLE).ok().filter(|url| !url.is_empty());
    if postgres_url.is_none() {
        eprintln!("PostgreSQL not measured: {} is not set", common::POSTGRES_URL_VARIABLE);
    }
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        println!("| backend | batch | entries/s | ms/commit | baseline entries/s | ratio |");
        println!("| --- | --- | --- | --- | --- | --- |");
        let batch_sizes =
            std::env::var("PASSAGE_BENCH_BATCHES").unwrap_or_else(|_| BATCH_SIZES_DEFAULT.into());
        let mut scans = Vec::new();
        for batch_size in batch_sizes.split(',').map(|size| size.trim().parse::<u64>().unwrap()) {
            let directory = tempfile::tempdir_in(scratch).unwrap();
            let mut file = File::create(directory.path().join("baseline")).unwrap();
            let sqlite = SqliteStore::open(SqliteConfig::new(directory.path().join("passage.db")))
                .await
                .unwrap();
            let harness =
                postgres_url.as_ref().map(|url| common::PostgresHarness::new(url.clone(), "bench"));
            let postgres = match &harness {
                Some(harness) => Some(
                    PostgresStore::open(PostgresConfig {
                        pool_size: 2,
                        statement_merge_entries: STATEMENT_MERGE_ENTRIES,
                        ..harness.config()
                    })
                    .await
                    .unwrap(),
                ),
                None => None,
            };
            // The three take turns batch by batch, so a noisy neighbour slows them alike
            // and the ratios stay meaningful on a shared machine.
            let (mut baseline, mut on_sqlite, mut on_postgres) =
                <(Measured, Measured, Measured)>::default();
            while on_sqlite.elapsed < budget && on_sqlite.entries < entries_max {
                let batch = common::batch(on_sqlite.entries, batch_size);
                baseline.add(batch_size, timed(async { write_and_sync(&mut file, &batch) }).await);
                if let Some(postgres) = &postgres {
                    let copy = batch.clone();
                    on_postgres.add(
                        batch_size,
                        timed(async { postgres.append_batch(copy).await.map(drop).unwrap() }).await,
                    );
                }
                on_sqlite.add(
                    batch_size,
                    timed(async { sqlite.append_batch(batch).await.map(drop).unwrap() }).await,
                );
            }
            report("SQLite", batch_size, &on_sqlite, &baseline);
            if postgres.is_some() {
                report("PostgreSQL", batch_size, &on_postgres, &baseline);
            }
            scans.push(("SQLite", scan(&sqlite).await));
            if let Some(postgres) = &postgres {
                scans.push(("PostgreSQL", scan(postgres).await));
            }
            drop(postgres);
            if let Some(harness) = harness {
                harness.drop_schema().await;
            }
        }
        // Reading the whole log back in order, as a full replay or an audit does.
        println!();
        println!("| backend | entries read in order | entries/s |");
        println!("| --- | --- | --- |");
        for (backend, (entries, elapsed)) in scans {
            println!("| {backend} | {entries} | {:.0} |", entries as f64 / elapsed.as_secs_f64());
        }
    });
}

/// Reads the whole log with an [`EntryCursor`] in chunks of the largest read.
async fn scan<S: Store>(store: &S) -> (u64, Duration) {
    let started = Instant::now();
    let mut cursor = EntryCursor::new(0, ENTRIES_READ_MAX);
    let mut entries = 0;
    while let Some(chunk) = cursor.next_chunk(store).await.unwrap() {
        entries += chunk.len() as u64;
    }
    (entries, started.elapsed())
}
