//! The embedded SQLite backend: one database file in WAL mode, fsynced at every commit.
//!
//! Durability: `journal_mode=WAL` with `synchronous=FULL`, so each commit fsyncs the WAL
//! before it returns and an acknowledged batch survives a process crash and a power loss.
//! (`NORMAL` would skip that fsync and could lose the last commits on power loss, which
//! breaks the promise that nothing acknowledged is lost; group commit makes `FULL` cheap.)
//!
//! Concurrency: one writer connection behind a mutex, and a small pool of reader
//! connections that read consistent snapshots beside the writer, as WAL allows. rusqlite is
//! synchronous, so every call runs on tokio's blocking pool.
//!
//! Leadership: an exclusive `flock` on `<database>.sequencer-lock`, held by an open file
//! and released when it is closed, including when the process dies.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use rusqlite::types::{ToSqlOutput, Value};
use rusqlite::{
    Connection, OpenFlags, OptionalExtension, Row, ToSql, Transaction, TransactionBehavior, params,
    params_from_iter,
};

use crate::check::{
    check_batch, check_checkpoint_note, check_entries_limit, check_limit, check_lookup,
    check_payloads, check_snapshot_chunk, check_snapshot_head, check_snapshot_within_log,
    check_tile_query, join_snapshot_chunks, last_per_key, payload_row, snapshot_chunks,
    tile_prefix,
};
use crate::migrations::{self, Migration};
use crate::query::{self, Dialect, Param, Sql};
use crate::statements::{STATEMENT_MERGE_ENTRIES, StatementTail};
use crate::{
    AppendBatch, Appended, BalanceQuery, BalanceRow, CORE_SNAPSHOT_NAME, CheckpointFigures,
    CheckpointRow, Entry, HISTORY_MAX, INDEX_MAX, IncidentCursor, IncidentQuery, IncidentRow,
    MovementCursor, MovementFilter, MovementPayloadQuery, MovementQuery, MovementRow,
    MovementStatusQuery, MovementStatusRow, NewCheckpoint, NonceAdmission, ObservationQuery,
    ObservationRow, Page, PayloadCursor, PayloadRow, PostingCursor, PostingQuery, PostingRow,
    Recovery, RequestNonce, SnapshotChunk, SnapshotHead, StateSnapshot, StatementIndex,
    StatusCount, Store, StoreError, bundle_prefix,
};

/// Reader connections kept open between reads; more are opened under load and closed after.
const READERS_IDLE_MAX: usize = 8;
/// How long a connection waits for a lock held by another before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);
/// WAL pages between automatic checkpoints (10,000 pages of 4 KiB = 40 MiB).
const WAL_AUTOCHECKPOINT_PAGES: i64 = 10_000;
/// Prepared statements cached per connection: the write path uses 11, reads about 20.
const STATEMENT_CACHE_CAPACITY: usize = 64;

/// Where the SQLite database lives.
#[derive(Clone, Debug)]
pub struct SqliteConfig {
    /// The database file; created with its schema if missing.
    pub path: PathBuf,
    /// Tail entries at which the statement-hash index is merged (see
    /// [`STATEMENT_MERGE_ENTRIES`]); tests lower it to exercise merges.
    pub statement_merge_entries: u64,
}

impl SqliteConfig {
    /// A configuration for the database at `path`.
    pub fn new(path: impl Into<PathBuf>) -> SqliteConfig {
        SqliteConfig { path: path.into(), statement_merge_entries: STATEMENT_MERGE_ENTRIES }
    }
}

/// The embedded SQLite store. Cloning shares the connections and the leadership.
#[derive(Clone, Debug)]
pub struct SqliteStore {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    path: PathBuf,
    writer: Mutex<Connection>,
    readers: Mutex<Vec<Connection>>,
    leadership: Mutex<Option<File>>,
    /// The leadership epoch this handle was last elected in; 0 if it never led (elections
    /// number epochs from 1).
    epoch: AtomicU64,
    /// This handle's view of the statement-hash tail; locked after `writer`, never before.
    tail: Mutex<StatementTail>,
    statement_merge_entries: u64,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding the writer leaves no partial transaction (rusqlite rolls back
    // on drop), so the connection is still sound.
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Runs blocking database work off the async threads.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, StoreError> + Send + 'static,
) -> Result<T, StoreError> {
    match tokio::task::spawn_blocking(work).await {
        Ok(result) => result,
        Err(error) if error.is_panic() => std::panic::resume_unwind(error.into_panic()),
        Err(_) => Err(StoreError::ShuttingDown),
    }
}

impl SqliteStore {
    /// Opens (or creates) the database and brings its schema up to date.
    pub async fn open(config: SqliteConfig) -> Result<SqliteStore, StoreError> {
        let SqliteConfig { path, statement_merge_entries } = config;
        if statement_merge_entries == 0 {
            return Err(StoreError::InvalidConfig("statement merge size 0: use at least 1".into()));
        }
        blocking(move || {
            let mut writer = open_connection(&path)?;
            let journal_mode: String =
                writer.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
            if !journal_mode.eq_ignore_ascii_case("wal") {
                return Err(StoreError::InvalidConfig(format!(
                    "{} cannot use write-ahead logging (journal mode {journal_mode})",
                    path.display()
                )));
            }
            writer.pragma_update(None, "synchronous", "FULL")?;
            writer.pragma_update(None, "cache_size", -32_768)?;
            // Checkpoint the WAL into the database every 40 MB rather than 4 MB: pages that
            // several batches dirty (partial tiles and bundles, index pages) are copied once.
            writer.pragma_update(None, "wal_autocheckpoint", WAL_AUTOCHECKPOINT_PAGES)?;
            migrate(&mut writer)?;
            tracing::info!(path = %path.display(), "opened the SQLite store");
            Ok(SqliteStore {
                inner: Arc::new(Inner {
                    path,
                    writer: Mutex::new(writer),
                    readers: Mutex::new(Vec::new()),
                    leadership: Mutex::new(None),
                    epoch: AtomicU64::new(0),
                    tail: Mutex::new(StatementTail::default()),
                    statement_merge_entries,
                }),
            })
        })
        .await
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.inner.path
    }

    async fn read<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Connection) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let inner = Arc::clone(&self.inner);
        blocking(move || {
            let pooled = lock(&inner.readers).pop();
            let connection = match pooled {
                Some(connection) => connection,
                None => {
                    let connection = open_connection(&inner.path)?;
                    connection.pragma_update(None, "query_only", true)?;
                    connection
                }
            };
            let result = work(&connection);
            let mut readers = lock(&inner.readers);
            if readers.len() < READERS_IDLE_MAX {
                readers.push(connection);
            }
            result
        })
        .await
    }

    async fn write<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut Connection) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let inner = Arc::clone(&self.inner);
        blocking(move || work(&mut lock(&inner.writer))).await
    }

    async fn query_page<T: Send + 'static, C: Send + 'static>(
        &self,
        sql: Sql,
        limit: u32,
        decode: fn(&Row<'_>) -> rusqlite::Result<T>,
        cursor: fn(&T) -> C,
    ) -> Result<Page<T, C>, StoreError> {
        let rows = self
            .read(move |connection| {
                let mut statement = connection.prepare_cached(&sql.text)?;
                let rows = statement.query_map(params_from_iter(&sql.params), decode)?;
                Ok(rows.collect::<Result<Vec<_>, _>>()?)
            })
            .await?;
        Ok(query::page(rows, limit, cursor))
    }

    async fn delete_stale_snapshot_chunk(&self, writing: Option<u64>) -> Result<bool, StoreError> {
        let inner = Arc::clone(&self.inner);
        self.write(move |connection| {
            delete_stale_snapshot_chunk(connection, inner.epoch.load(Ordering::Acquire), writing)
        })
        .await
    }

    fn lock_path(&self) -> PathBuf {
        let mut name = self.inner.path.as_os_str().to_owned();
        name.push(".sequencer-lock");
        PathBuf::from(name)
    }
}

fn open_connection(path: &Path) -> Result<Connection, StoreError> {
    let connection = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    connection.busy_timeout(BUSY_TIMEOUT)?;
    connection.set_prepared_statement_cache_capacity(STATEMENT_CACHE_CAPACITY);
    Ok(connection)
}

fn migrate(connection: &mut Connection) -> Result<(), StoreError> {
    connection.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
             version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at_ms INTEGER NOT NULL)",
    )?;
    let known = migrations::latest(migrations::SQLITE);
    for Migration { version, name, sql } in migrations::SQLITE {
        // IMMEDIATE takes the write lock first, so two processes opening one new file
        // apply each migration once.
        let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let current: i64 = transaction.query_row(
            "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
            [],
            |row| row.get(0),
        )?;
        if current > known {
            return Err(StoreError::SchemaTooNew { found: current, known });
        }
        if current >= *version {
            continue;
        }
        transaction.execute_batch(sql)?;
        transaction.execute(
            "INSERT INTO schema_migrations (version, name, applied_at_ms) VALUES (?1, ?2, ?3)",
            params![version, name, now_ms()],
        )?;
        transaction.commit()?;
        tracing::info!(version, name, "applied a SQLite migration");
    }
    Ok(())
}

/// Wall-clock time for the migration record only; the log's times come from the node.
pub(crate) fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| i64::try_from(elapsed.as_millis()).unwrap_or(i64::MAX))
}

impl ToSql for Param {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            Param::Int(value) => ToSqlOutput::Owned(Value::Integer(*value)),
            Param::Text(value) => ToSqlOutput::Borrowed(value.as_str().into()),
        })
    }
}

/// Brings a tail up to date with what the database has committed.
fn refresh_tail(connection: &Connection, tail: &mut StatementTail) -> Result<(), StoreError> {
    let indexed_size: u64 = connection
        .prepare_cached("SELECT indexed_size FROM log_head WHERE id = 1")?
        .query_row([], |row| row.get(0))?;
    // Catch up with the watermark first, so a fresh tail scans from it, not from 0.
    tail.apply(indexed_size, [])?;
    let mut scan = connection.prepare_cached(
        "SELECT entry_index, statement_sha256 FROM entries WHERE entry_index >= ?1
         ORDER BY entry_index",
    )?;
    let rows = scan
        .query_map(params![tail.scan_from()], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<Result<Vec<(u64, [u8; 32])>, _>>()?;
    tail.apply(indexed_size, rows)
}

/// The entry holding this statement: in the tail, or in the durable index.
fn find_statement(
    connection: &Connection,
    tail: &StatementTail,
    statement_sha256: &[u8; 32],
) -> Result<Option<u64>, StoreError> {
    if let Some(index) = tail.get(statement_sha256) {
        return Ok(Some(index));
    }
    Ok(connection
        .prepare_cached("SELECT entry_index FROM statement_index WHERE statement_sha256 = ?1")?
        .query_row(params![statement_sha256], |row| row.get(0))
        .optional()?)
}

fn append(
    connection: &mut Connection,
    tail_lock: &Mutex<StatementTail>,
    statement_merge_entries: u64,
    epoch: u64,
    batch: &AppendBatch,
) -> Result<Appended, StoreError> {
    let tree_size = check_batch(batch)?;
    let first_index = tree_size - batch.entries.len() as u64;
    let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // The leadership fence, under the write lock: an election commits its new epoch under
    // the same lock, so either this batch commits before it or it sees the new epoch.
    if epoch != 0 {
        let current_epoch = current_epoch(&transaction)?;
        if current_epoch != epoch {
            return Err(StoreError::LeadershipLost { epoch, current_epoch });
        }
    }
    // The compare-and-set on the head is what keeps a stale or second writer from forking
    // the log: it runs under the database's write lock, before anything else is written.
    let moved = transaction
        .prepare_cached("UPDATE log_head SET tree_size = ?1 WHERE id = 1 AND tree_size = ?2")?
        .execute(params![tree_size, first_index])?;
    if moved != 1 {
        return Err(StoreError::IndexMismatch {
            tree_size: head(&transaction)?,
            batch_first_index: first_index,
        });
    }
    // Under the write lock the tail is exact: refresh it, then refuse a statement already
    // in the log before writing anything.
    let mut tail = lock(tail_lock);
    refresh_tail(&transaction, &mut tail)?;
    for entry in &batch.entries {
        if let Some(index) = find_statement(&transaction, &tail, &entry.statement_sha256)? {
            return Err(StoreError::DuplicateStatement {
                statement_sha256: entry.statement_sha256,
                index,
            });
        }
    }
    {
        let mut insert = transaction.prepare_cached(
            "INSERT INTO entries (entry_index, statement_sha256, sequenced_at_ms, bytes)
             VALUES (?1, ?2, ?3, ?4)",
        )?;
        for entry in &batch.entries {
            insert.execute(params![
                entry.index,
                entry.statement_sha256,
                entry.sequenced_at_ms,
                entry.bytes
            ])?;
        }
    }
    let merge = tail.len() + batch.entries.len() as u64 >= statement_merge_entries;
    let merged = if merge { tail.merged_with(&batch.entries) } else { Vec::new() };
    // Lookups need the tail while this transaction writes and fsyncs; they cannot see the
    // batch before it commits, and the write lock keeps any other batch out meanwhile.
    drop(tail);
    if merge {
        let mut insert = transaction.prepare_cached(
            "INSERT INTO statement_index (statement_sha256, entry_index) VALUES (?1, ?2)",
        )?;
        for (statement_sha256, index) in merged {
            insert.execute(params![statement_sha256, index])?;
        }
        transaction
            .prepare_cached("UPDATE log_head SET indexed_size = ?1 WHERE id = 1")?
            .execute(params![tree_size])?;
    }
    write_tiles(&transaction, batch)?;
    if let Some(checkpoint) = &batch.checkpoint {
        insert_checkpoint(&transaction, checkpoint)?;
    }
    write_projections(&transaction, batch)?;
    transaction.commit()?;
    lock(tail_lock).committed(merge, &batch.entries, tree_size);
    Ok(Appended { first_index, tree_size })
}

fn current_epoch(connection: &Connection) -> Result<u64, StoreError> {
    Ok(connection
        .prepare_cached("SELECT epoch FROM leader_epoch WHERE id = 1")?
        .query_row([], |row| row.get(0))?)
}

/// The leadership fence for writes outside a batch: a handle that led (`epoch` not 0)
/// writes only while the database's epoch is still its own.
fn check_fence(connection: &Connection, epoch: u64) -> Result<(), StoreError> {
    if epoch != 0 {
        let current_epoch = current_epoch(connection)?;
        if current_epoch != epoch {
            return Err(StoreError::LeadershipLost { epoch, current_epoch });
        }
    }
    Ok(())
}

/// Stores one snapshot chunk in its own transaction.
fn save_snapshot_chunk(
    connection: &mut Connection,
    epoch: u64,
    chunk: &SnapshotChunk,
) -> Result<(), StoreError> {
    let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    check_fence(&transaction, epoch)?;
    transaction
        .prepare_cached(
            "INSERT INTO snapshot_chunks (name, tree_size, chunk_index, bytes)
             VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (name, tree_size, chunk_index) DO UPDATE SET bytes = excluded.bytes",
        )?
        .execute(params![CORE_SNAPSHOT_NAME, chunk.tree_size, chunk.index, chunk.bytes])?;
    transaction.commit()?;
    Ok(())
}

/// Points the `snapshots` row at stored chunks, if they are all there and cover more
/// entries than the stored snapshot; whether it did.
fn complete_snapshot(
    connection: &mut Connection,
    epoch: u64,
    snapshot: &SnapshotHead,
) -> Result<bool, StoreError> {
    let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    check_fence(&transaction, epoch)?;
    let tree_size = head(&transaction)?;
    check_snapshot_within_log(snapshot, tree_size)?;
    let stored: u32 = transaction
        .prepare_cached(
            "SELECT COUNT(*) FROM snapshot_chunks
             WHERE name = ?1 AND tree_size = ?2 AND chunk_index < ?3",
        )?
        .query_row(
            params![CORE_SNAPSHOT_NAME, snapshot.tree_size, snapshot.chunk_count],
            |row| row.get(0),
        )?;
    if stored != snapshot.chunk_count {
        return Err(StoreError::InvalidBatch(format!(
            "the state snapshot at {} entries has {stored} of its {} chunks stored",
            snapshot.tree_size, snapshot.chunk_count
        )));
    }
    let replaced = transaction
        .prepare_cached(
            "INSERT INTO snapshots (name, tree_size, digest, state, root, chunk_count)
             VALUES (?1, ?2, ?3, x'', ?4, ?5)
             ON CONFLICT (name) DO UPDATE SET tree_size = excluded.tree_size,
                 digest = excluded.digest, state = excluded.state, root = excluded.root,
                 chunk_count = excluded.chunk_count
             WHERE snapshots.tree_size < excluded.tree_size",
        )?
        .execute(params![
            CORE_SNAPSHOT_NAME,
            snapshot.tree_size,
            snapshot.digest,
            snapshot.root,
            snapshot.chunk_count
        ])?;
    transaction.commit()?;
    Ok(replaced == 1)
}

/// Deletes one chunk that the stored snapshot does not use, other than those of the
/// snapshot at `writing` entries; whether there was one. One at a time, so that a batch
/// never waits behind more than one chunk's deletion.
fn delete_stale_snapshot_chunk(
    connection: &mut Connection,
    epoch: u64,
    writing: Option<u64>,
) -> Result<bool, StoreError> {
    let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    check_fence(&transaction, epoch)?;
    let deleted = transaction
        .prepare_cached(
            "DELETE FROM snapshot_chunks WHERE rowid IN (
                 SELECT rowid FROM snapshot_chunks
                 WHERE name = ?1 AND tree_size IS NOT ?2
                   AND tree_size IS NOT (
                       SELECT tree_size FROM snapshots WHERE name = ?1 AND chunk_count > 0)
                 LIMIT 1)",
        )?
        .execute(params![CORE_SNAPSHOT_NAME, writing])?;
    transaction.commit()?;
    Ok(deleted > 0)
}

/// Raises the leadership epoch for an election this handle just won, and returns it.
fn raise_epoch(connection: &Connection) -> Result<u64, StoreError> {
    Ok(connection
        .prepare_cached("UPDATE leader_epoch SET epoch = epoch + 1 WHERE id = 1 RETURNING epoch")?
        .query_row([], |row| row.get(0))?)
}

fn head(connection: &Connection) -> Result<u64, StoreError> {
    Ok(connection
        .prepare_cached("SELECT tree_size FROM log_head WHERE id = 1")?
        .query_row([], |row| row.get(0))?)
}

fn write_tiles(transaction: &Transaction<'_>, batch: &AppendBatch) -> Result<(), StoreError> {
    // A tile only ever grows: the WHERE keeps a narrower (stale) version from replacing a
    // wider one.
    let mut tile = transaction.prepare_cached(
        "INSERT INTO hash_tiles (level, tile_index, width, hashes) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (level, tile_index) DO UPDATE SET width = excluded.width,
             hashes = excluded.hashes WHERE excluded.width >= hash_tiles.width",
    )?;
    for row in last_per_key(&batch.hash_tiles, |tile| (tile.level, tile.index)) {
        tile.execute(params![row.level, row.index, row.width, row.hashes])?;
    }
    let mut bundle = transaction.prepare_cached(
        "INSERT INTO entry_bundles (bundle_index, width, bytes) VALUES (?1, ?2, ?3)
         ON CONFLICT (bundle_index) DO UPDATE SET width = excluded.width,
             bytes = excluded.bytes WHERE excluded.width >= entry_bundles.width",
    )?;
    for row in last_per_key(&batch.entry_bundles, |bundle| bundle.index) {
        bundle.execute(params![row.index, row.width, row.bytes])?;
    }
    Ok(())
}

fn insert_checkpoint(
    transaction: &Transaction<'_>,
    checkpoint: &NewCheckpoint,
) -> Result<(), StoreError> {
    let inserted = transaction
        .prepare_cached(
            "INSERT INTO checkpoints (tree_size, signed_note) VALUES (?1, ?2)
             ON CONFLICT (tree_size) DO NOTHING",
        )?
        .execute(params![checkpoint.tree_size, checkpoint.signed_note])?;
    if inserted == 0 {
        let stored: String = transaction
            .prepare_cached("SELECT signed_note FROM checkpoints WHERE tree_size = ?1")?
            .query_row(params![checkpoint.tree_size], |row| row.get(0))?;
        if stored != checkpoint.signed_note {
            return Err(StoreError::CheckpointConflict { tree_size: checkpoint.tree_size });
        }
    }
    Ok(())
}

fn write_projections(transaction: &Transaction<'_>, batch: &AppendBatch) -> Result<(), StoreError> {
    let projections = &batch.projections;
    let mut movement = transaction.prepare_cached(
        "INSERT INTO movements (reference, status, carrier, declared_at_ms, current_post,
             last_entry_index, snapshot) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (reference) DO UPDATE SET status = excluded.status,
             carrier = excluded.carrier, declared_at_ms = excluded.declared_at_ms,
             current_post = excluded.current_post, last_entry_index = excluded.last_entry_index,
             snapshot = excluded.snapshot",
    )?;
    for row in last_per_key(&projections.movements, |movement| movement.reference.as_str()) {
        movement.execute(params![
            row.reference,
            row.status,
            row.carrier,
            row.declared_at_ms,
            row.current_post,
            row.last_entry_index,
            row.snapshot
        ])?;
    }
    let mut history = transaction.prepare_cached(
        "INSERT INTO movement_history (reference, entry_index, status) VALUES (?1, ?2, ?3)
         ON CONFLICT DO NOTHING",
    )?;
    for row in &projections.movement_history {
        history.execute(params![row.reference, row.entry_index, row.status])?;
    }
    let mut posting = transaction.prepare_cached(
        "INSERT INTO postings (entry_index, ordinal, account, currency, amount_minor, at_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for row in &projections.postings {
        posting.execute(params![
            row.entry_index,
            row.ordinal,
            row.account,
            row.currency,
            row.amount_minor,
            row.at_ms
        ])?;
    }
    let mut incident = transaction.prepare_cached(
        "INSERT INTO incidents (incident_id, movement_reference, post, kind, status,
             opened_at_ms, last_entry_index, snapshot, reported_post)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (incident_id) DO UPDATE SET movement_reference = excluded.movement_reference,
             post = excluded.post, kind = excluded.kind, status = excluded.status,
             opened_at_ms = excluded.opened_at_ms, last_entry_index = excluded.last_entry_index,
             snapshot = excluded.snapshot, reported_post = excluded.reported_post",
    )?;
    for row in last_per_key(&projections.incidents, |incident| incident.id.as_str()) {
        incident.execute(params![
            row.id,
            row.movement_reference,
            row.post,
            row.kind,
            row.status,
            row.opened_at_ms,
            row.last_entry_index,
            row.snapshot,
            row.reported_post
        ])?;
    }
    let mut observation = transaction.prepare_cached(
        "INSERT INTO observations (entry_index, observed_at_ms, post, segment_to, position_m,
             category, summary, attachments)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for row in &projections.observations {
        observation.execute(params![
            row.entry_index,
            row.observed_at_ms,
            row.post,
            row.segment_to,
            row.position_m,
            row.category,
            row.summary,
            row.attachments
        ])?;
    }
    Ok(())
}

fn observation_from_row(row: &Row<'_>) -> rusqlite::Result<ObservationRow> {
    Ok(ObservationRow {
        entry_index: row.get(0)?,
        observed_at_ms: row.get(1)?,
        post: row.get(2)?,
        segment_to: row.get(3)?,
        position_m: row.get(4)?,
        category: row.get(5)?,
        summary: row.get(6)?,
        attachments: row.get(7)?,
    })
}

fn entry_from_row(row: &Row<'_>) -> rusqlite::Result<Entry> {
    Ok(Entry {
        index: row.get(0)?,
        statement_sha256: row.get(1)?,
        sequenced_at_ms: row.get(2)?,
        bytes: row.get(3)?,
    })
}

fn checkpoint_from_row(row: &Row<'_>) -> rusqlite::Result<CheckpointRow> {
    Ok(CheckpointRow {
        tree_size: row.get(0)?,
        signed_note: row.get(1)?,
        cosigned_note: row.get(2)?,
        published_at_ms: row.get(3)?,
    })
}

fn movement_from_row(row: &Row<'_>) -> rusqlite::Result<MovementRow> {
    Ok(MovementRow {
        reference: row.get(0)?,
        status: row.get(1)?,
        carrier: row.get(2)?,
        declared_at_ms: row.get(3)?,
        current_post: row.get(4)?,
        last_entry_index: row.get(5)?,
        snapshot: row.get(6)?,
    })
}

fn incident_from_row(row: &Row<'_>) -> rusqlite::Result<IncidentRow> {
    Ok(IncidentRow {
        id: row.get(0)?,
        movement_reference: row.get(1)?,
        post: row.get(2)?,
        kind: row.get(3)?,
        status: row.get(4)?,
        opened_at_ms: row.get(5)?,
        last_entry_index: row.get(6)?,
        snapshot: row.get(7)?,
        reported_post: row.get(8)?,
    })
}

fn posting_from_row(row: &Row<'_>) -> rusqlite::Result<PostingRow> {
    Ok(PostingRow {
        entry_index: row.get(0)?,
        ordinal: row.get(1)?,
        account: row.get(2)?,
        currency: row.get(3)?,
        amount_minor: row.get(4)?,
        at_ms: row.get(5)?,
    })
}

const CHECKPOINT_COLUMNS: &str = "tree_size, signed_note, cosigned_note, published_at_ms";

fn status_counts(connection: &Connection, table: &str) -> Result<Vec<StatusCount>, StoreError> {
    let mut statement = connection.prepare_cached(&format!(
        "SELECT status, COUNT(*) FROM {table} GROUP BY status ORDER BY status"
    ))?;
    let rows = statement
        .query_map([], |row| Ok(StatusCount { status: row.get(0)?, count: row.get(1)? }))?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

impl Store for SqliteStore {
    async fn append_batch(&self, batch: AppendBatch) -> Result<Appended, StoreError> {
        let inner = Arc::clone(&self.inner);
        self.write(move |connection| {
            let epoch = inner.epoch.load(Ordering::Acquire);
            append(connection, &inner.tail, inner.statement_merge_entries, epoch, &batch)
        })
        .await
    }

    async fn tree_size(&self) -> Result<u64, StoreError> {
        self.read(head).await
    }

    async fn write_snapshot(&self, snapshot: StateSnapshot) -> Result<bool, StoreError> {
        let (head, chunks) = snapshot_chunks(snapshot)?;
        // Every step is its own short transaction through the writer's lock, and its own
        // call on the blocking pool, so a batch waiting for the lock runs between two.
        let writing = Some(head.tree_size);
        while self.delete_stale_snapshot_chunk(writing).await? {}
        for chunk in chunks {
            self.save_snapshot_chunk(chunk).await?;
        }
        let replaced = self.complete_snapshot(head).await?;
        while self.delete_stale_snapshot_chunk(None).await? {}
        Ok(replaced)
    }

    async fn save_snapshot_chunk(&self, chunk: SnapshotChunk) -> Result<(), StoreError> {
        check_snapshot_chunk(&chunk)?;
        let inner = Arc::clone(&self.inner);
        self.write(move |connection| {
            save_snapshot_chunk(connection, inner.epoch.load(Ordering::Acquire), &chunk)
        })
        .await
    }

    async fn complete_snapshot(&self, snapshot: SnapshotHead) -> Result<bool, StoreError> {
        check_snapshot_head(&snapshot)?;
        let inner = Arc::clone(&self.inner);
        self.write(move |connection| {
            complete_snapshot(connection, inner.epoch.load(Ordering::Acquire), &snapshot)
        })
        .await
    }

    async fn recovery(&self) -> Result<Recovery, StoreError> {
        self.read(|connection| {
            // One read transaction, so the parts describe one state of the database.
            let transaction = connection.unchecked_transaction()?;
            let tree_size = head(&transaction)?;
            let latest_checkpoint = transaction
                .prepare_cached(&format!(
                    "SELECT {CHECKPOINT_COLUMNS} FROM checkpoints ORDER BY tree_size DESC LIMIT 1"
                ))?
                .query_row([], checkpoint_from_row)
                .optional()?;
            let latest_published_checkpoint = latest_published(&transaction)?;
            let snapshot = transaction
                .prepare_cached(
                    "SELECT tree_size, digest, state, root, chunk_count FROM snapshots
                     WHERE name = ?1",
                )?
                .query_row(params![CORE_SNAPSHOT_NAME], |row| {
                    let snapshot = StateSnapshot {
                        tree_size: row.get(0)?,
                        digest: row.get(1)?,
                        state: row.get(2)?,
                        root: row.get(3)?,
                    };
                    Ok((snapshot, row.get::<_, u64>(4)?))
                })
                .optional()?;
            let snapshot = match snapshot {
                Some((mut snapshot, chunk_count)) if chunk_count > 0 => {
                    let chunks = transaction
                        .prepare_cached(
                            "SELECT chunk_index, bytes FROM snapshot_chunks
                             WHERE name = ?1 AND tree_size = ?2 AND chunk_index < ?3
                             ORDER BY chunk_index",
                        )?
                        .query_map(
                            params![CORE_SNAPSHOT_NAME, snapshot.tree_size, chunk_count],
                            |row| Ok((row.get(0)?, row.get(1)?)),
                        )?
                        .collect::<Result<Vec<(u64, Vec<u8>)>, _>>()?;
                    snapshot.state = join_snapshot_chunks(snapshot.tree_size, chunk_count, chunks)?;
                    Some(snapshot)
                }
                // A state kept whole in its row: a database whose snapshots were written
                // with the batches, before they went beside them.
                other => other.map(|(snapshot, _)| snapshot),
            };
            let replay_from = snapshot.as_ref().map_or(0, |snapshot| snapshot.tree_size);
            transaction.finish()?;
            Ok(Recovery {
                tree_size,
                latest_checkpoint,
                latest_published_checkpoint,
                snapshot,
                replay_from,
            })
        })
        .await
    }

    async fn entries(&self, start: u64, limit: u32) -> Result<Vec<Entry>, StoreError> {
        check_entries_limit(limit)?;
        if start > INDEX_MAX {
            return Ok(Vec::new());
        }
        self.read(move |connection| {
            let mut statement = connection.prepare_cached(
                "SELECT entry_index, statement_sha256, sequenced_at_ms, bytes FROM entries
                 WHERE entry_index >= ?1 ORDER BY entry_index LIMIT ?2",
            )?;
            let rows = statement.query_map(params![start, limit], entry_from_row)?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
        .await
    }

    async fn entry(&self, index: u64) -> Result<Option<Entry>, StoreError> {
        if index > INDEX_MAX {
            return Ok(None);
        }
        self.read(move |connection| {
            Ok(connection
                .prepare_cached(
                    "SELECT entry_index, statement_sha256, sequenced_at_ms, bytes FROM entries
                     WHERE entry_index = ?1",
                )?
                .query_row(params![index], entry_from_row)
                .optional()?)
        })
        .await
    }

    async fn find_statements(
        &self,
        hashes: &[[u8; 32]],
    ) -> Result<Vec<StatementIndex>, StoreError> {
        check_lookup(hashes.len())?;
        let hashes = hashes.to_vec();
        let inner = Arc::clone(&self.inner);
        self.read(move |connection| {
            // One read transaction: the tail and the index from one state of the database.
            let transaction = connection.unchecked_transaction()?;
            let mut tail = lock(&inner.tail);
            refresh_tail(&transaction, &mut tail)?;
            let mut found = Vec::new();
            for statement_sha256 in hashes {
                if let Some(index) = find_statement(&transaction, &tail, &statement_sha256)? {
                    found.push(StatementIndex { statement_sha256, index });
                }
            }
            transaction.finish()?;
            Ok(found)
        })
        .await
    }

    async fn hash_tile(
        &self,
        level: u8,
        index: u64,
        width: u16,
    ) -> Result<Option<Vec<u8>>, StoreError> {
        check_tile_query(level, width)?;
        if index > INDEX_MAX {
            return Ok(None);
        }
        self.read(move |connection| {
            let stored: Option<Vec<u8>> = connection
                .prepare_cached(
                    "SELECT hashes FROM hash_tiles WHERE level = ?1 AND tile_index = ?2",
                )?
                .query_row(params![level, index], |row| row.get(0))
                .optional()?;
            Ok(stored.and_then(|hashes| tile_prefix(&hashes, width).map(<[u8]>::to_vec)))
        })
        .await
    }

    async fn entry_bundle(&self, index: u64, width: u16) -> Result<Option<Vec<u8>>, StoreError> {
        check_tile_query(0, width)?;
        if index > INDEX_MAX {
            return Ok(None);
        }
        self.read(move |connection| {
            let stored: Option<(u16, Vec<u8>)> = connection
                .prepare_cached("SELECT width, bytes FROM entry_bundles WHERE bundle_index = ?1")?
                .query_row(params![index], |row| Ok((row.get(0)?, row.get(1)?)))
                .optional()?;
            match stored {
                Some((stored_width, bytes)) if stored_width >= width => {
                    bundle_prefix(&bytes, width).map(|prefix| Some(prefix.to_vec())).ok_or_else(
                        || StoreError::Corrupt(format!("entry bundle {index} is truncated")),
                    )
                }
                _ => Ok(None),
            }
        })
        .await
    }

    async fn save_checkpoint(&self, checkpoint: NewCheckpoint) -> Result<(), StoreError> {
        check_checkpoint_note(&checkpoint.signed_note)?;
        self.write(move |connection| {
            let transaction =
                connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let tree_size = head(&transaction)?;
            if checkpoint.tree_size > tree_size {
                return Err(StoreError::CheckpointBeyondLog {
                    checkpoint_size: checkpoint.tree_size,
                    tree_size,
                });
            }
            insert_checkpoint(&transaction, &checkpoint)?;
            Ok(transaction.commit()?)
        })
        .await
    }

    async fn set_checkpoint_cosigned(
        &self,
        tree_size: u64,
        cosigned_note: &str,
    ) -> Result<(), StoreError> {
        check_checkpoint_note(cosigned_note)?;
        let cosigned_note = cosigned_note.to_owned();
        if tree_size > INDEX_MAX {
            return Err(StoreError::CheckpointNotFound { tree_size });
        }
        self.write(move |connection| {
            let updated = connection
                .prepare_cached("UPDATE checkpoints SET cosigned_note = ?1 WHERE tree_size = ?2")?
                .execute(params![cosigned_note, tree_size])?;
            if updated == 0 {
                return Err(StoreError::CheckpointNotFound { tree_size });
            }
            Ok(())
        })
        .await
    }

    async fn mark_checkpoint_published(
        &self,
        tree_size: u64,
        published_at_ms: i64,
    ) -> Result<(), StoreError> {
        if tree_size > INDEX_MAX {
            return Err(StoreError::CheckpointNotFound { tree_size });
        }
        self.write(move |connection| {
            let updated = connection
                .prepare_cached("UPDATE checkpoints SET published_at_ms = ?1 WHERE tree_size = ?2")?
                .execute(params![published_at_ms, tree_size])?;
            if updated == 0 {
                return Err(StoreError::CheckpointNotFound { tree_size });
            }
            Ok(())
        })
        .await
    }

    async fn checkpoint(&self, tree_size: u64) -> Result<Option<CheckpointRow>, StoreError> {
        if tree_size > INDEX_MAX {
            return Ok(None);
        }
        self.read(move |connection| {
            Ok(connection
                .prepare_cached(&format!(
                    "SELECT {CHECKPOINT_COLUMNS} FROM checkpoints WHERE tree_size = ?1"
                ))?
                .query_row(params![tree_size], checkpoint_from_row)
                .optional()?)
        })
        .await
    }

    async fn latest_published_checkpoint(&self) -> Result<Option<CheckpointRow>, StoreError> {
        self.read(latest_published).await
    }

    async fn save_checkpoint_figures(&self, figures: CheckpointFigures) -> Result<(), StoreError> {
        let size = crate::check::check_figures(&figures)?;
        self.write(move |connection| {
            let transaction = connection.transaction()?;
            let stored: Option<i64> = transaction
                .prepare_cached("SELECT tree_size FROM checkpoints WHERE tree_size = ?1")?
                .query_row(params![size], |row| row.get(0))
                .optional()?;
            if stored.is_none() {
                return Err(StoreError::CheckpointNotFound { tree_size: figures.tree_size });
            }
            let inserted = transaction
                .prepare_cached(
                    "INSERT INTO checkpoint_figures (tree_size, state_digest, figures)
                     VALUES (?1, ?2, ?3) ON CONFLICT (tree_size) DO NOTHING",
                )?
                .execute(params![size, figures.state_digest, figures.figures])?;
            if inserted == 0 {
                let (digest, text): (Vec<u8>, String) = transaction
                    .prepare_cached(
                        "SELECT state_digest, figures FROM checkpoint_figures WHERE tree_size = ?1",
                    )?
                    .query_row(params![size], |row| Ok((row.get(0)?, row.get(1)?)))?;
                if digest != figures.state_digest || text != figures.figures {
                    return Err(StoreError::CheckpointConflict { tree_size: figures.tree_size });
                }
            }
            // Only the newest are kept: a seek to the oldest kept, then a range delete.
            transaction
                .prepare_cached(
                    "DELETE FROM checkpoint_figures WHERE tree_size < (SELECT tree_size
                         FROM checkpoint_figures ORDER BY tree_size DESC LIMIT 1 OFFSET ?1)",
                )?
                .execute(params![crate::CHECKPOINT_FIGURES_KEPT - 1])?;
            transaction.commit()?;
            Ok(())
        })
        .await
    }

    async fn admit_nonce(
        &self,
        nonce: RequestNonce,
        now_ms: i64,
        per_reader_max: u32,
    ) -> Result<NonceAdmission, StoreError> {
        crate::check::check_nonce(&nonce, per_reader_max)?;
        self.write(move |connection| {
            let transaction = connection.transaction()?;
            // Expired nonces leave first: a range of the expiry index, what expired since
            // the last admission.
            transaction
                .prepare_cached("DELETE FROM request_nonces WHERE expires_at_ms < ?1")?
                .execute(params![now_ms])?;
            let held: i64 = transaction
                .prepare_cached("SELECT COUNT(*) FROM request_nonces WHERE reader = ?1")?
                .query_row(params![nonce.reader], |row| row.get(0))?;
            let seen = transaction
                .prepare_cached("SELECT 1 FROM request_nonces WHERE reader = ?1 AND nonce = ?2")?
                .query_row(params![nonce.reader, nonce.nonce], |_| Ok(()))
                .optional()?
                .is_some();
            let admission = if seen {
                NonceAdmission::Replayed
            } else if held >= i64::from(per_reader_max) {
                NonceAdmission::ReaderFull
            } else {
                transaction
                    .prepare_cached(
                        "INSERT INTO request_nonces (reader, nonce, expires_at_ms)
                         VALUES (?1, ?2, ?3)",
                    )?
                    .execute(params![nonce.reader, nonce.nonce, nonce.expires_at_ms])?;
                NonceAdmission::Admitted
            };
            transaction.commit()?;
            Ok(admission)
        })
        .await
    }

    async fn checkpoint_figures(
        &self,
        tree_size: u64,
    ) -> Result<Option<CheckpointFigures>, StoreError> {
        if tree_size > INDEX_MAX {
            return Ok(None);
        }
        self.read(move |connection| {
            Ok(connection
                .prepare_cached(
                    "SELECT state_digest, figures FROM checkpoint_figures WHERE tree_size = ?1",
                )?
                .query_row(params![tree_size], |row| {
                    Ok(CheckpointFigures {
                        tree_size,
                        state_digest: row.get(0)?,
                        figures: row.get(1)?,
                    })
                })
                .optional()?)
        })
        .await
    }

    async fn movement_statuses(
        &self,
        query: MovementStatusQuery,
    ) -> Result<Page<MovementStatusRow, String>, StoreError> {
        let sql = query::movement_statuses(Dialect::Sqlite, &query)?;
        let rows = self
            .read(move |connection| {
                let mut statement = connection.prepare_cached(&sql.text)?;
                let rows = statement.query_map(params_from_iter(&sql.params), |row| {
                    Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
                })?;
                Ok(rows.collect::<Result<Vec<_>, _>>()?)
            })
            .await?;
        query::movement_status_page(rows, &query)
    }

    async fn movement(&self, reference: &str) -> Result<Option<MovementRow>, StoreError> {
        let reference = reference.to_owned();
        self.read(move |connection| {
            Ok(connection
                .prepare_cached(&format!(
                    "SELECT {} FROM movements WHERE reference = ?1",
                    query::MOVEMENT_COLUMNS
                ))?
                .query_row(params![reference], movement_from_row)
                .optional()?)
        })
        .await
    }

    async fn movement_history(&self, reference: &str) -> Result<Vec<u64>, StoreError> {
        let reference = reference.to_owned();
        self.read(move |connection| {
            let mut statement = connection.prepare_cached(
                "SELECT entry_index FROM movement_history WHERE reference = ?1
                 ORDER BY entry_index LIMIT ?2",
            )?;
            let rows = statement.query_map(params![reference, HISTORY_MAX], |row| row.get(0))?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
        .await
    }

    async fn search_movements(
        &self,
        query: MovementQuery,
    ) -> Result<Page<MovementRow, MovementCursor>, StoreError> {
        let sql = query::search_movements(Dialect::Sqlite, &query)?;
        self.query_page(sql, query.limit, movement_from_row, |row| MovementCursor {
            declared_at_ms: row.declared_at_ms,
            reference: row.reference.clone(),
        })
        .await
    }

    async fn count_movements(&self, filter: MovementFilter) -> Result<u64, StoreError> {
        let sql = query::count_movements(Dialect::Sqlite, &filter);
        self.read(move |connection| {
            Ok(connection
                .prepare_cached(&sql.text)?
                .query_row(params_from_iter(&sql.params), |row| row.get(0))?)
        })
        .await
    }

    async fn movement_status_counts(&self) -> Result<Vec<StatusCount>, StoreError> {
        self.read(|connection| status_counts(connection, "movements")).await
    }

    async fn incident(&self, id: &str) -> Result<Option<IncidentRow>, StoreError> {
        let id = id.to_owned();
        self.read(move |connection| {
            Ok(connection
                .prepare_cached(&format!(
                    "SELECT {} FROM incidents WHERE incident_id = ?1",
                    query::INCIDENT_COLUMNS
                ))?
                .query_row(params![id], incident_from_row)
                .optional()?)
        })
        .await
    }

    async fn search_incidents(
        &self,
        query: IncidentQuery,
    ) -> Result<Page<IncidentRow, IncidentCursor>, StoreError> {
        let sql = query::search_incidents(Dialect::Sqlite, &query)?;
        self.query_page(sql, query.limit, incident_from_row, |row| IncidentCursor {
            opened_at_ms: row.opened_at_ms,
            id: row.id.clone(),
        })
        .await
    }

    async fn incident_status_counts(&self) -> Result<Vec<StatusCount>, StoreError> {
        self.read(|connection| status_counts(connection, "incidents")).await
    }

    async fn balances(&self, query: BalanceQuery) -> Result<Vec<BalanceRow>, StoreError> {
        let sql = query::balances(Dialect::Sqlite, &query);
        let rows = self
            .read(move |connection| {
                let mut statement = connection.prepare_cached(&sql.text)?;
                let rows = statement.query_map(params_from_iter(&sql.params), |row| {
                    Ok(BalanceRow {
                        account: row.get(0)?,
                        currency: row.get(1)?,
                        amount_minor: row.get(2)?,
                    })
                })?;
                Ok(rows.collect::<Result<Vec<_>, _>>()?)
            })
            .await?;
        query::check_balance_rows(rows)
    }

    async fn postings(
        &self,
        query: PostingQuery,
    ) -> Result<Page<PostingRow, PostingCursor>, StoreError> {
        let sql = query::postings(Dialect::Sqlite, &query)?;
        self.query_page(sql, query.limit, posting_from_row, |row| PostingCursor {
            entry_index: row.entry_index,
            ordinal: row.ordinal,
        })
        .await
    }

    async fn save_payloads(&self, payloads: Vec<PayloadRow>) -> Result<(), StoreError> {
        check_payloads(&payloads)?;
        if payloads.is_empty() {
            return Ok(());
        }
        self.write(move |connection| {
            let transaction =
                connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let tree_size = head(&transaction)?;
            {
                let mut insert = transaction.prepare_cached(
                    "INSERT INTO payloads (entry_index, field, commitment, salt, payload)
                     VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (entry_index, field) DO NOTHING",
                )?;
                for row in &payloads {
                    if row.entry_index >= tree_size {
                        return Err(StoreError::InvalidBatch(format!(
                            "payload for entry {} but the log holds {tree_size} entries",
                            row.entry_index
                        )));
                    }
                    insert.execute(params![
                        row.entry_index,
                        row.field,
                        row.commitment.as_slice(),
                        row.salt.as_slice(),
                        row.payload
                    ])?;
                }
            }
            Ok(transaction.commit()?)
        })
        .await
    }

    async fn payloads(&self, entry_index: u64) -> Result<Vec<PayloadRow>, StoreError> {
        if entry_index > INDEX_MAX {
            return Ok(Vec::new());
        }
        self.read(move |connection| {
            let mut statement = connection.prepare_cached(
                "SELECT field, commitment, salt, payload FROM payloads WHERE entry_index = ?1
                 ORDER BY field",
            )?;
            let rows = statement.query_map(params![entry_index], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, Vec<u8>>(1)?,
                    row.get::<_, Vec<u8>>(2)?,
                    row.get::<_, Vec<u8>>(3)?,
                ))
            })?;
            let mut payloads = Vec::new();
            for row in rows {
                let (field, commitment, salt, payload) = row?;
                payloads.push(payload_row(entry_index, field, &commitment, &salt, payload)?);
            }
            Ok(payloads)
        })
        .await
    }

    async fn observations(
        &self,
        query: ObservationQuery,
    ) -> Result<Page<ObservationRow, u64>, StoreError> {
        check_limit(query.limit)?;
        let before = query.before.unwrap_or(INDEX_MAX).min(INDEX_MAX);
        let limit = query.limit;
        let rows = self
            .read(move |connection| {
                let mut statement = connection.prepare_cached(
                    "SELECT entry_index, observed_at_ms, post, segment_to, position_m, category,
                         summary, attachments
                     FROM observations WHERE entry_index < ?1
                     ORDER BY entry_index DESC LIMIT ?2",
                )?;
                let rows = statement
                    .query_map(params![before, i64::from(limit) + 1], observation_from_row)?;
                Ok(rows.collect::<Result<Vec<_>, _>>()?)
            })
            .await?;
        Ok(query::page(rows, limit, |row| row.entry_index))
    }

    async fn movement_payloads(
        &self,
        query: MovementPayloadQuery,
    ) -> Result<Page<PayloadRow, PayloadCursor>, StoreError> {
        let sql = query::movement_payloads(Dialect::Sqlite, &query)?;
        let rows = self
            .read(move |connection| {
                let mut statement = connection.prepare_cached(&sql.text)?;
                let rows = statement.query_map(params_from_iter(&sql.params), |row| {
                    Ok((
                        row.get::<_, u64>(0)?,
                        row.get::<_, String>(1)?,
                        row.get::<_, Vec<u8>>(2)?,
                        row.get::<_, Vec<u8>>(3)?,
                        row.get::<_, Vec<u8>>(4)?,
                    ))
                })?;
                let mut payloads = Vec::new();
                for row in rows {
                    let (entry_index, field, commitment, salt, payload) = row?;
                    payloads.push(payload_row(entry_index, field, &commitment, &salt, payload)?);
                }
                Ok(payloads)
            })
            .await?;
        Ok(query::page(rows, query.limit, |row| PayloadCursor {
            entry_index: row.entry_index,
            field: row.field.clone(),
        }))
    }

    async fn try_acquire_leadership(&self) -> Result<bool, StoreError> {
        let inner = Arc::clone(&self.inner);
        let lock_path = self.lock_path();
        blocking(move || {
            let mut leadership = lock(&inner.leadership);
            if leadership.is_some() {
                return Ok(true);
            }
            let file = open_lock_file(&lock_path)?;
            match file.try_lock() {
                Ok(()) => {
                    // Dropping `file` on an error releases the lock: no election then.
                    let epoch = raise_epoch(&lock(&inner.writer))?;
                    inner.epoch.store(epoch, Ordering::Release);
                    *leadership = Some(file);
                    tracing::info!(lock = %lock_path.display(), epoch, "this store now leads");
                    Ok(true)
                }
                Err(TryLockError::WouldBlock) => Ok(false),
                Err(TryLockError::Error(source)) => Err(StoreError::Io {
                    context: format!("locking {}", lock_path.display()),
                    source,
                }),
            }
        })
        .await
    }

    async fn acquire_leadership(&self) -> Result<(), StoreError> {
        if lock(&self.inner.leadership).is_some() {
            return Ok(());
        }
        let lock_path = self.lock_path();
        let inner = Arc::clone(&self.inner);
        // Wait for the lock on a blocking thread without holding the mutex, so `is_leader`
        // answers meanwhile; if this future is dropped the file is closed when the wait
        // ends, which releases the lock at once.
        let (file, epoch) = blocking(move || {
            let file = open_lock_file(&lock_path)?;
            file.lock().map_err(|source| StoreError::Io {
                context: format!("locking {}", lock_path.display()),
                source,
            })?;
            // Dropping `file` on an error releases the lock: no election then.
            let epoch = raise_epoch(&lock(&inner.writer))?;
            Ok((file, epoch))
        })
        .await?;
        let mut leadership = lock(&self.inner.leadership);
        if leadership.is_none() {
            self.inner.epoch.store(epoch, Ordering::Release);
            *leadership = Some(file);
            tracing::info!(path = %self.inner.path.display(), epoch, "this store now leads");
        }
        Ok(())
    }

    async fn is_leader(&self) -> Result<bool, StoreError> {
        Ok(lock(&self.inner.leadership).is_some())
    }

    async fn release_leadership(&self) -> Result<(), StoreError> {
        if let Some(file) = lock(&self.inner.leadership).take() {
            file.unlock().map_err(|source| StoreError::Io {
                context: "releasing the sequencer lock".into(),
                source,
            })?;
            tracing::info!(path = %self.inner.path.display(), "this store no longer leads");
        }
        Ok(())
    }

    fn leadership_epoch(&self) -> Option<u64> {
        Some(self.inner.epoch.load(Ordering::Acquire)).filter(|&epoch| epoch != 0)
    }
}

fn latest_published(connection: &Connection) -> Result<Option<CheckpointRow>, StoreError> {
    Ok(connection
        .prepare_cached(&format!(
            "SELECT {CHECKPOINT_COLUMNS} FROM checkpoints WHERE published_at_ms IS NOT NULL
             ORDER BY tree_size DESC LIMIT 1"
        ))?
        .query_row([], checkpoint_from_row)
        .optional()?)
}

fn open_lock_file(path: &Path) -> Result<File, StoreError> {
    OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .map_err(|source| StoreError::Io { context: format!("opening {}", path.display()), source })
}

/// The leader's advertisement (see [`crate::AnyStore::advertise_leader`]).
impl SqliteStore {
    /// Records `api_url` as the leader's API address.
    pub async fn advertise_leader(&self, api_url: &str) -> Result<(), StoreError> {
        let api_url = api_url.to_owned();
        self.write(move |connection| {
            connection.execute(
                "INSERT INTO leader (id, api_url, since_ms) VALUES (1, ?1, ?2)
                 ON CONFLICT (id) DO UPDATE SET api_url = excluded.api_url,
                     since_ms = excluded.since_ms",
                params![api_url, now_ms()],
            )?;
            Ok(())
        })
        .await
    }

    /// The address the last elected leader advertised, if any.
    pub async fn leader(&self) -> Result<Option<crate::LeaderRow>, StoreError> {
        self.read(|connection| {
            Ok(connection
                .prepare_cached("SELECT api_url, since_ms FROM leader WHERE id = 1")?
                .query_row([], |row| {
                    Ok(crate::LeaderRow { api_url: row.get(0)?, since_ms: row.get(1)? })
                })
                .optional()?)
        })
        .await
    }
}
