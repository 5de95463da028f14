//! Test fixtures: a harness per backend that opens store handles on one fresh database, and
//! builders for realistic batches (entries, the C2SP tiles and bundles they change,
//! projections). The benchmark includes this file too.

#![allow(dead_code, clippy::unwrap_used)]

use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};

use passage_store::{
    AppendBatch, Entry, EntryBundle, HashTile, MovementHistoryRow, MovementRow, PostgresConfig,
    PostgresStore, PostingRow, SqliteConfig, SqliteStore, Store, StoreError,
};
use sha2::{Digest, Sha256};

/// Tail size at which the tests' stores merge the statement-hash index: small, so that
/// tests of a few hundred entries cross merges.
pub const TEST_STATEMENT_MERGE_ENTRIES: u64 = 100;

/// The environment variable naming the PostgreSQL server the tests use.
pub const POSTGRES_URL_VARIABLE: &str = "PASSAGE_TEST_POSTGRES_URL";

/// Opens store handles on one database that lives as long as the harness.
pub trait Harness: Send + Sync + 'static {
    /// The backend.
    type S: Store;
    /// A new handle on the harness's database (a second node, or the same node restarted).
    fn try_open(&self) -> impl Future<Output = Result<Self::S, StoreError>> + Send;
    /// [`Harness::try_open`], which must succeed.
    fn open(&self) -> impl Future<Output = Self::S> + Send {
        async { self.try_open().await.unwrap() }
    }
    /// Records a schema version newer than this build knows, as a newer node would.
    fn record_schema_version(&self, version: i64) -> impl Future<Output = ()> + Send;
    /// Takes the database back to before migration 6 (no `reported_post` column on
    /// incidents, and none of what migration 7 added), as a database written by an older
    /// node is.
    fn undo_incident_reported_post(&self) -> impl Future<Output = ()> + Send;
}

/// What migrations 6, 7, 8 and 9 added, removed again.
pub const UNDO_INCIDENT_REPORTED_POST: &str = "DROP TABLE observations;
     DELETE FROM schema_migrations WHERE version = 9;
     DROP TABLE request_nonces;
     DELETE FROM schema_migrations WHERE version = 8;
     DROP TABLE checkpoint_figures;
     DROP INDEX movements_last_entry;
     ALTER TABLE movement_history DROP COLUMN status;
     DELETE FROM schema_migrations WHERE version = 7;
     DROP INDEX incidents_reported_post;
     ALTER TABLE incidents DROP COLUMN reported_post;
     DELETE FROM schema_migrations WHERE version = 6;";

/// A SQLite database in a fresh temporary directory.
pub struct SqliteHarness {
    pub directory: tempfile::TempDir,
}

impl SqliteHarness {
    pub fn new() -> SqliteHarness {
        SqliteHarness { directory: tempfile::tempdir().unwrap() }
    }

    pub fn path(&self) -> std::path::PathBuf {
        self.directory.path().join("passage.db")
    }
}

impl Harness for SqliteHarness {
    type S = SqliteStore;

    async fn try_open(&self) -> Result<SqliteStore, StoreError> {
        let config = SqliteConfig {
            statement_merge_entries: TEST_STATEMENT_MERGE_ENTRIES,
            ..SqliteConfig::new(self.path())
        };
        SqliteStore::open(config).await
    }

    async fn record_schema_version(&self, version: i64) {
        let connection = rusqlite::Connection::open(self.path()).unwrap();
        connection
            .execute(
                "INSERT INTO schema_migrations (version, name, applied_at_ms) VALUES (?1, 'future', 0)",
                [version],
            )
            .unwrap();
    }

    async fn undo_incident_reported_post(&self) {
        let connection = rusqlite::Connection::open(self.path()).unwrap();
        connection.busy_timeout(std::time::Duration::from_secs(10)).unwrap();
        connection.execute_batch(UNDO_INCIDENT_REPORTED_POST).unwrap();
    }
}

/// A fresh schema in the test PostgreSQL database, dropped by [`PostgresHarness::drop_schema`].
pub struct PostgresHarness {
    pub url: String,
    pub schema: String,
}

static SCHEMA_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Prefix of the store tests' schemas, followed by their creation time in Unix seconds.
pub const SCHEMA_PREFIX: &str = "store_test_";
/// A test schema older than this is a leftover of a killed run: no store test runs for an
/// hour, so dropping it cannot disturb a run still going.
pub const STALE_SCHEMA_SECONDS: u64 = 3_600;

fn unix_seconds() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs()
}

/// Drops the stale schemas of [`SCHEMA_PREFIX`], once per test process.
pub async fn drop_stale_schemas(url: &str) {
    static DONE: tokio::sync::OnceCell<()> = tokio::sync::OnceCell::const_new();
    DONE.get_or_init(|| async {
        let (client, connection) =
            tokio_postgres::connect(url, tokio_postgres::NoTls).await.unwrap();
        tokio::spawn(connection);
        let rows = client.query("SELECT nspname::text FROM pg_namespace", &[]).await.unwrap();
        for row in rows {
            let name: String = row.get(0);
            let Some(rest) = name.strip_prefix(SCHEMA_PREFIX) else { continue };
            let created = rest.split('_').next().and_then(|seconds| seconds.parse::<u64>().ok());
            if created.is_some_and(|created| created + STALE_SCHEMA_SECONDS < unix_seconds()) {
                // Another run may be dropping it too: a failure here is only reported.
                let sql = format!("DROP SCHEMA IF EXISTS {name} CASCADE");
                if let Err(error) = client.batch_execute(&sql).await {
                    eprintln!("stale schema {name} not dropped: {error}");
                }
            }
        }
    })
    .await;
}

/// The test server's URL, or `None` after saying loudly why the test is skipped.
pub fn postgres_url(test: &str) -> Option<String> {
    match std::env::var(POSTGRES_URL_VARIABLE) {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            // Written to the process's stderr rather than with eprintln!, which the test
            // harness captures and hides for passing tests: a skip must be seen.
            let message = format!(
                "SKIPPED {test} (PostgreSQL): {POSTGRES_URL_VARIABLE} is not set; set it to \
                 postgres://postgres@127.0.0.1:5432/test (as .ci/run does) to run the \
                 PostgreSQL store tests\n"
            );
            std::io::Write::write_all(&mut std::io::stderr(), message.as_bytes()).unwrap();
            None
        }
    }
}

impl PostgresHarness {
    /// A harness on a schema no other test uses, so tests run in parallel.
    pub fn new(url: String, test: &str) -> PostgresHarness {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos();
        let counter = SCHEMA_COUNTER.fetch_add(1, Ordering::Relaxed);
        let mut schema = format!(
            "{SCHEMA_PREFIX}{}_{}_{counter}_{nanos}_{test}",
            unix_seconds(),
            std::process::id()
        );
        schema.truncate(63);
        PostgresHarness { url, schema }
    }

    pub fn config(&self) -> PostgresConfig {
        PostgresConfig {
            schema: self.schema.clone(),
            pool_size: 4,
            statement_merge_entries: TEST_STATEMENT_MERGE_ENTRIES,
            ..PostgresConfig::new(self.url.clone())
        }
    }

    pub async fn admin(&self) -> tokio_postgres::Client {
        let (client, connection) =
            tokio_postgres::connect(&self.url, tokio_postgres::NoTls).await.unwrap();
        tokio::spawn(connection);
        client
    }

    pub async fn drop_schema(&self) {
        let client = self.admin().await;
        client
            .batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.schema))
            .await
            .unwrap();
    }
}

impl Harness for PostgresHarness {
    type S = PostgresStore;

    async fn try_open(&self) -> Result<PostgresStore, StoreError> {
        PostgresStore::open(self.config()).await
    }

    async fn record_schema_version(&self, version: i64) {
        let client = self.admin().await;
        client
            .execute(
                &format!(
                    "INSERT INTO {}.schema_migrations (version, name, applied_at_ms) VALUES ($1, 'future', 0)",
                    self.schema
                ),
                &[&version],
            )
            .await
            .unwrap();
    }

    async fn undo_incident_reported_post(&self) {
        let client = self.admin().await;
        let sql = format!("SET search_path TO {};\n{UNDO_INCIDENT_REPORTED_POST}", self.schema);
        client.batch_execute(&sql).await.unwrap();
    }
}

/// Size of a typical entry: a signed statement with its commitments.
pub const ENTRY_BYTES_TYPICAL: usize = 400;

/// Deterministic entry bytes for index `index`, of `length` bytes.
pub fn entry_bytes(index: u64, length: usize) -> Vec<u8> {
    let mut bytes = index.to_be_bytes().to_vec();
    bytes.resize(length.max(8), (index % 251) as u8);
    bytes.truncate(length);
    bytes
}

/// The statement hash of the entry at `index` (distinct per index and per `salt`).
pub fn statement_sha256(index: u64, salt: u64) -> [u8; 32] {
    Sha256::new()
        .chain_update(index.to_be_bytes())
        .chain_update(salt.to_be_bytes())
        .finalize()
        .into()
}

/// An entry with typical bytes.
pub fn entry(index: u64) -> Entry {
    Entry {
        index,
        bytes: entry_bytes(index, ENTRY_BYTES_TYPICAL),
        statement_sha256: statement_sha256(index, 0),
        sequenced_at_ms: 1_700_000_000_000 + index as i64,
    }
}

/// The tiles (level, index, width) that growing the tree from `old` to `new` changes, as
/// C2SP tlog-tiles lays them out: level `l` holds `size >> 8l` hashes, 256 to a tile.
pub fn changed_tiles(old: u64, new: u64) -> Vec<(u8, u64, u16)> {
    let mut changed = Vec::new();
    for level in 0..8u8 {
        let shift = 8 * u32::from(level);
        let (old_count, new_count) = (old >> shift, new >> shift);
        if new_count == 0 {
            break;
        }
        if new_count == old_count {
            continue;
        }
        for tile in old_count / 256..=(new_count - 1) / 256 {
            let width = (new_count - tile * 256).min(256) as u16;
            changed.push((level, tile, width));
        }
    }
    changed
}

/// Deterministic stand-in hashes for a tile: prefix-stable like real tiles.
pub fn tile_hashes(level: u8, index: u64, width: u16) -> Vec<u8> {
    (0..u64::from(width))
        .flat_map(|position| {
            let digest: [u8; 32] = Sha256::new()
                .chain_update([level])
                .chain_update((index * 256 + position).to_be_bytes())
                .finalize()
                .into();
            digest
        })
        .collect()
}

/// The entry bundle `index` of width `width`, from entries whose bytes `bytes_of` gives.
pub fn bundle_bytes(index: u64, width: u16, bytes_of: impl Fn(u64) -> Vec<u8>) -> Vec<u8> {
    let mut bundle = Vec::new();
    for position in index * 256..index * 256 + u64::from(width) {
        let bytes = bytes_of(position);
        bundle.extend_from_slice(&(bytes.len() as u16).to_be_bytes());
        bundle.extend_from_slice(&bytes);
    }
    bundle
}

/// The hash tiles and bundles a batch from `old` to `new` changes.
pub fn tiles_for(
    old: u64,
    new: u64,
    bytes_of: impl Fn(u64) -> Vec<u8>,
) -> (Vec<HashTile>, Vec<EntryBundle>) {
    let mut hash_tiles = Vec::new();
    let mut entry_bundles = Vec::new();
    for (level, index, width) in changed_tiles(old, new) {
        hash_tiles.push(HashTile { level, index, width, hashes: tile_hashes(level, index, width) });
        if level == 0 {
            entry_bundles.push(EntryBundle {
                index,
                width,
                bytes: bundle_bytes(index, width, &bytes_of),
            });
        }
    }
    (hash_tiles, entry_bundles)
}

/// A realistic batch of `count` typical entries at `first`: its tiles and bundles, one
/// movement per batch with a history line and a posting per entry.
pub fn batch(first: u64, count: u64) -> AppendBatch {
    let entries: Vec<Entry> = (first..first + count).map(entry).collect();
    let (hash_tiles, entry_bundles) =
        tiles_for(first, first + count, |index| entry_bytes(index, ENTRY_BYTES_TYPICAL));
    let reference = format!("MRN{first:015}");
    let mut batch = AppendBatch { entries, hash_tiles, entry_bundles, ..AppendBatch::default() };
    batch.projections.movements.push(MovementRow {
        reference: reference.clone(),
        status: "declared".into(),
        carrier: format!("carrier-{}", first % 3),
        declared_at_ms: first as i64,
        current_post: Some(format!("post-{}", first % 2)),
        last_entry_index: first + count - 1,
        snapshot: vec![1, 2, 3],
    });
    for index in first..first + count {
        batch.projections.movement_history.push(MovementHistoryRow {
            reference: reference.clone(),
            entry_index: index,
            status: "declared".into(),
        });
        batch.projections.postings.push(PostingRow {
            entry_index: index,
            ordinal: 0,
            account: "fees".into(),
            currency: "EUR".into(),
            amount_minor: 1,
            at_ms: index as i64,
        });
    }
    batch
}

/// Runs a suite function against a fresh PostgreSQL schema, dropping the schema afterwards
/// even if the function panics (the panic is then re-raised).
pub async fn run_postgres<F, Fut>(test: &str, body: F)
where
    F: FnOnce(std::sync::Arc<PostgresHarness>) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let Some(url) = postgres_url(test) else { return };
    drop_stale_schemas(&url).await;
    let harness = std::sync::Arc::new(PostgresHarness::new(url, test));
    let outcome = tokio::spawn(body(std::sync::Arc::clone(&harness))).await;
    harness.drop_schema().await;
    if let Err(error) = outcome {
        std::panic::resume_unwind(error.into_panic());
    }
}
