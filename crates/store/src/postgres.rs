//! The PostgreSQL backend, for several API nodes sharing one database.
//!
//! Every table lives in one schema (`passage` unless configured), set as the `search_path`
//! of each connection, so several logs (or parallel tests) can share a database.
//!
//! Writes: a batch is one transaction in two round trips on one connection, each table
//! written by a single prepared `INSERT ... SELECT FROM UNNEST(arrays)` however many rows
//! the batch holds. The first round trip pipelines `BEGIN` with the leadership fence, the
//! head's compare-and-set and the reads the checks need; the second pipelines every write
//! with the `COMMIT`, which the server turns into a rollback if any write failed. The commit
//! is as durable as the server's `synchronous_commit` (`on` by default: flushed to the WAL
//! before it returns).
//!
//! Leadership: a session-level advisory lock taken on a dedicated connection. The server
//! releases it when that connection ends, so a node that dies or loses the network loses
//! the leadership and another takes over.
//!
//! Dead peers are found in seconds, not in the hours of the operating system's TCP
//! defaults. Every connection sets TCP keepalives on both ends (the client's socket, and
//! the server's through the session parameters `tcp_keepalives_*`), a TCP user timeout
//! (unacknowledged data for longer ends the connection), and a connect timeout; the pool
//! bounds its waits. A dead database host thus fails this node's queries within about
//! [`TCP_USER_TIMEOUT_MS`], and a dead node host loses its lock as soon as the server's
//! probes go unanswered. The leadership's connection is besides a lease: its session sets
//! `idle_session_timeout` to [`LEADERSHIP_LEASE_MS`] and the store sends a heartbeat on it
//! every [`LEADERSHIP_HEARTBEAT_MS`], so a leader whose traffic stops reaching the server,
//! whatever still answers at the TCP level in between (a proxy, a half-open path), loses the
//! lock within the lease, and a follower is elected. (Session parameters need
//! PostgreSQL 14 or later.) Every session also sets `idle_in_transaction_session_timeout`
//! to [`IDLE_IN_TRANSACTION_TIMEOUT_MS`]: a node cut off in the middle of a transaction
//! (between a batch's two round trips, or inside a checkpoint's write) would otherwise
//! leave the server holding that transaction's row locks for as long as the path stays
//! half-open, and its successor's election or first batch would wait on them for ever.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use deadpool_postgres::{ManagerConfig, Object, Pool, RecyclingMethod};
use futures_util::future::join_all;
use sha2::{Digest, Sha256};
use tokio::sync::Mutex;
use tokio_postgres::types::ToSql;
use tokio_postgres::{Client, Row};

use crate::check::{
    check_batch, check_checkpoint_note, check_entries_limit, check_limit, check_lookup,
    check_payloads, check_snapshot_chunk, check_snapshot_head, check_snapshot_within_log,
    check_tile_query, from_sql_index, join_snapshot_chunks, last_per_key, payload_row,
    snapshot_chunks, tile_prefix, to_sha256, to_sql_index,
};
use crate::migrations::{self, Migration};
use crate::postgres_tls::{self, Connector, PostgresTls};
use crate::query::{self, Dialect, Param, Sql};
use crate::statements::{STATEMENT_MERGE_ENTRIES, StatementTail};
use crate::{
    AppendBatch, Appended, BalanceQuery, BalanceRow, CORE_SNAPSHOT_NAME, CheckpointFigures,
    CheckpointRow, Entry, HISTORY_MAX, IncidentCursor, IncidentQuery, IncidentRow, MovementCursor,
    MovementFilter, MovementPayloadQuery, MovementQuery, MovementRow, MovementStatusQuery,
    MovementStatusRow, NewCheckpoint, NonceAdmission, ObservationQuery, ObservationRow, Page,
    PayloadCursor, PayloadRow, PostingCursor, PostingQuery, PostingRow, Recovery, RequestNonce,
    SnapshotChunk, SnapshotHead, StateSnapshot, StatementIndex, StatusCount, Store, StoreError,
    bundle_prefix,
};

/// Longest wait for a new connection to be established, TLS included.
pub const CONNECT_TIMEOUT_MS: u64 = 5_000;
/// Silence on a connection after which TCP keepalive probes start, on both ends.
pub const TCP_KEEPALIVE_IDLE_MS: u64 = 5_000;
/// Time between keepalive probes.
pub const TCP_KEEPALIVE_INTERVAL_MS: u64 = 1_000;
/// Unanswered probes after which the connection is dead: 5 s + 3 × 1 s, so a dead peer is
/// found in about 8 s.
pub const TCP_KEEPALIVE_RETRIES: u32 = 3;
/// Longest time sent data may stay unacknowledged before the connection is dead (Linux's
/// `TCP_USER_TIMEOUT`): a query sent to a dead host fails after it, not after the
/// retransmissions' fifteen minutes.
pub const TCP_USER_TIMEOUT_MS: u64 = 10_000;
/// Longest wait for a pooled connection (a free one, a new one, or the check of a returned
/// one), so that a caller learns the database is out of reach instead of queueing.
pub const POOL_WAIT_TIMEOUT_MS: u64 = 10_000;
/// How long the server keeps the leadership's session while it hears nothing from it
/// (`idle_session_timeout`); the lock goes with the session.
pub const LEADERSHIP_LEASE_MS: u64 = 5_000;
/// How often the leader's store speaks on the leadership's connection to keep its lease:
/// five heartbeats per lease, so a few delayed ones do not lose it.
pub const LEADERSHIP_HEARTBEAT_MS: u64 = 1_000;
/// Longest time the server keeps a session that sits inside a transaction without sending
/// anything (`idle_in_transaction_session_timeout`); the session ends and its transaction
/// rolls back, releasing its locks. The store's transactions send their statements
/// back-to-back (a batch is two pipelined round trips with a few checks between them), so
/// only a node that was cut off, or stopped, reaches it.
pub const IDLE_IN_TRANSACTION_TIMEOUT_MS: u64 = 5_000;
/// Longest wait for the unlock when giving up the leadership; past it the connection is
/// closed, which releases the lock as well (or the lease lapses).
const LEADERSHIP_RELEASE_TIMEOUT_MS: u64 = 2_000;

/// Longest schema name PostgreSQL keeps (NAMEDATALEN − 1).
const SCHEMA_NAME_BYTES_MAX: usize = 63;

/// How to reach the PostgreSQL store.
#[derive(Clone)]
pub struct PostgresConfig {
    /// Connection string, `postgres://user@host:port/database` or key=value form. Its
    /// `sslmode` and `sslrootcert`, if any, are read as [`postgres_tls`] says.
    pub url: String,
    /// TLS settings beside the connection string's (which must agree with them); with none
    /// anywhere, the connection is in clear.
    pub tls: PostgresTls,
    /// Schema holding the tables: lower-case letters, digits and `_`, not starting with a
    /// digit. Created at open if missing.
    pub schema: String,
    /// Most pooled connections this node opens for reads and writes (the leadership
    /// connection comes on top).
    pub pool_size: usize,
    /// Tail entries at which the statement-hash index is merged (see
    /// [`STATEMENT_MERGE_ENTRIES`]); tests lower it to exercise merges.
    pub statement_merge_entries: u64,
}

impl PostgresConfig {
    /// The default schema `passage` with 8 pooled connections.
    pub fn new(url: impl Into<String>) -> PostgresConfig {
        PostgresConfig {
            url: url.into(),
            tls: PostgresTls::default(),
            schema: "passage".into(),
            pool_size: 8,
            statement_merge_entries: STATEMENT_MERGE_ENTRIES,
        }
    }
}

impl fmt::Debug for PostgresConfig {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The URL may hold a password.
        formatter
            .debug_struct("PostgresConfig")
            .field("tls", &self.tls)
            .field("schema", &self.schema)
            .field("pool_size", &self.pool_size)
            .field("statement_merge_entries", &self.statement_merge_entries)
            .finish_non_exhaustive()
    }
}

/// The PostgreSQL store.
pub struct PostgresStore {
    pool: Pool,
    /// How every connection is made (in clear or over TLS).
    connector: Connector,
    schema: String,
    /// The leadership's connection: the pooled options and the lease.
    leadership_config: tokio_postgres::Config,
    leadership_key: i64,
    leadership: Mutex<Option<Arc<Client>>>,
    /// The leadership epoch this handle was last elected in; 0 if it never led (elections
    /// number epochs from 1).
    epoch: AtomicU64,
    /// This handle's view of the statement-hash tail.
    tail: Mutex<StatementTail>,
    statement_merge_entries: u64,
}

impl fmt::Debug for PostgresStore {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("PostgresStore")
            .field("schema", &self.schema)
            .field("leadership_key", &self.leadership_key)
            .finish_non_exhaustive()
    }
}

/// A 64-bit advisory-lock key for `purpose` in `schema`: advisory locks are per database,
/// so the schema is part of the key.
fn lock_key(purpose: &str, schema: &str) -> i64 {
    let digest = Sha256::digest(format!("passage/{purpose}/{schema}"));
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    i64::from_be_bytes(first)
}

/// A pooled connection inside a transaction that [`PipelinedTransaction::begin`] and
/// [`PipelinedTransaction::commit`] pipeline with the transaction's own statements, so
/// neither costs a round trip of its own (tokio-postgres sends the requests of futures
/// polled together in the order they are first polled, and the server runs them in that
/// order).
///
/// Dropped before the transaction has ended (an error returned half-way, or the caller's
/// future dropped), the connection leaves the pool and closes, and the server rolls the
/// transaction back: a connection never goes back to the pool inside a transaction, where
/// the next user's `BEGIN` would only warn and its writes would join this one's.
struct PipelinedTransaction {
    client: Option<Object>,
}

impl PipelinedTransaction {
    fn new(client: Object) -> PipelinedTransaction {
        PipelinedTransaction { client: Some(client) }
    }

    fn client(&self) -> &Object {
        self.client.as_ref().expect("the connection is held until the transaction ends")
    }

    /// Sends `BEGIN`; the statements polled after it run inside the transaction.
    async fn begin(&self) -> Result<(), tokio_postgres::Error> {
        self.client().batch_execute("BEGIN").await
    }

    /// Sends `COMMIT`. If a statement before it failed, the server has aborted the
    /// transaction and answers `COMMIT` by rolling it back, without an error: the caller
    /// must treat the batch as committed only if every statement succeeded too.
    async fn commit(&self) -> Result<(), tokio_postgres::Error> {
        self.client().batch_execute("COMMIT").await
    }

    /// Rolls back and returns the connection to the pool.
    async fn rollback(mut self) -> Result<(), tokio_postgres::Error> {
        self.client().batch_execute("ROLLBACK").await?;
        self.client = None;
        Ok(())
    }

    /// Returns the connection to the pool after `COMMIT` succeeded, whatever the
    /// transaction's statements answered: the transaction has ended either way.
    fn ended(mut self) {
        self.client = None;
    }
}

impl Drop for PipelinedTransaction {
    fn drop(&mut self) {
        if let Some(client) = self.client.take() {
            // Detached from the pool, the client closes its connection when dropped.
            drop(Object::take(client));
        }
    }
}

fn check_schema_name(schema: &str) -> Result<(), StoreError> {
    let valid = !schema.is_empty()
        && schema.len() <= SCHEMA_NAME_BYTES_MAX
        && !schema.starts_with(|c: char| c.is_ascii_digit())
        && schema.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !valid {
        return Err(StoreError::InvalidConfig(format!(
            "schema name {schema:?}: use 1 to {SCHEMA_NAME_BYTES_MAX} lower-case letters, \
             digits and '_', not starting with a digit"
        )));
    }
    Ok(())
}

impl PostgresStore {
    /// Connects, creates the schema if missing and brings it up to date. Several nodes may
    /// open the same schema at once: migrations run under an advisory lock.
    pub async fn open(config: PostgresConfig) -> Result<PostgresStore, StoreError> {
        check_schema_name(&config.schema)?;
        if config.pool_size == 0 {
            return Err(StoreError::InvalidConfig("pool size 0: use at least 1".into()));
        }
        if config.statement_merge_entries == 0 {
            return Err(StoreError::InvalidConfig("statement merge size 0: use at least 1".into()));
        }
        let (url, tls) = postgres_tls::resolve(&config.url, &config.tls)?;
        let connector = Connector::new(&tls)?;
        let mut connect_config: tokio_postgres::Config = url
            .parse()
            .map_err(|error| StoreError::InvalidConfig(format!("PostgreSQL URL: {error}")))?;
        connect_config.ssl_mode(connector.ssl_mode());
        if tls.mode == postgres_tls::SslMode::Disable
            && connect_config.get_channel_binding()
                == tokio_postgres::config::ChannelBinding::Require
        {
            return Err(postgres_tls::PostgresTlsError::ChannelBindingWithoutTls.into());
        }
        if tls.mode == postgres_tls::SslMode::Disable
            && postgres_tls::cleartext_to_remote_host(&connect_config)
        {
            tracing::warn!(
                "the PostgreSQL connection is in clear (sslmode=disable) to a host other than \
                 the loopback: set sslmode=verify-full and sslrootcert unless the network \
                 between them is trusted"
            );
        }
        // The server's side of the connection: its probes find a dead node host.
        let session = format!(
            "-c search_path={} -c tcp_keepalives_idle={} -c tcp_keepalives_interval={} \
             -c tcp_keepalives_count={} -c tcp_user_timeout={} \
             -c idle_in_transaction_session_timeout={}",
            config.schema,
            TCP_KEEPALIVE_IDLE_MS / 1_000,
            TCP_KEEPALIVE_INTERVAL_MS / 1_000,
            TCP_KEEPALIVE_RETRIES,
            TCP_USER_TIMEOUT_MS,
            IDLE_IN_TRANSACTION_TIMEOUT_MS,
        );
        let options = match connect_config.get_options() {
            Some(existing) if !existing.is_empty() => format!("{existing} {session}"),
            _ => session,
        };
        connect_config.options(&options);
        // The node's side: its probes and timeouts find a dead database host. A connect
        // timeout the URL sets is kept.
        if connect_config.get_connect_timeout().is_none() {
            connect_config.connect_timeout(Duration::from_millis(CONNECT_TIMEOUT_MS));
        }
        connect_config
            .keepalives(true)
            .keepalives_idle(Duration::from_millis(TCP_KEEPALIVE_IDLE_MS))
            .keepalives_interval(Duration::from_millis(TCP_KEEPALIVE_INTERVAL_MS))
            .keepalives_retries(TCP_KEEPALIVE_RETRIES)
            .tcp_user_timeout(Duration::from_millis(TCP_USER_TIMEOUT_MS));
        let mut leadership_config = connect_config.clone();
        leadership_config
            .options(format!("{options} -c idle_session_timeout={LEADERSHIP_LEASE_MS}"));

        let mut client = connector.connect(&connect_config).await?;
        migrate(&mut client, &config.schema).await?;
        drop(client);

        let manager = connector.manager(
            connect_config.clone(),
            ManagerConfig { recycling_method: RecyclingMethod::Fast },
        );
        let pool_wait = Some(Duration::from_millis(POOL_WAIT_TIMEOUT_MS));
        let pool = Pool::builder(manager)
            .max_size(config.pool_size)
            .runtime(deadpool_postgres::Runtime::Tokio1)
            .wait_timeout(pool_wait)
            .create_timeout(pool_wait)
            .recycle_timeout(pool_wait)
            .build()
            .map_err(|error| StoreError::InvalidConfig(format!("connection pool: {error}")))?;
        tracing::info!(schema = %config.schema, sslmode = tls.mode.as_str(), "opened the PostgreSQL store");
        Ok(PostgresStore {
            pool,
            connector,
            leadership_config,
            leadership_key: lock_key("sequencer", &config.schema),
            schema: config.schema,
            leadership: Mutex::new(None),
            epoch: AtomicU64::new(0),
            tail: Mutex::new(StatementTail::default()),
            statement_merge_entries: config.statement_merge_entries,
        })
    }

    /// The schema holding the tables.
    pub fn schema(&self) -> &str {
        &self.schema
    }

    /// The TLS version of a pooled session as the server sees it (`pg_stat_ssl`), or
    /// `None` when the session is in clear: what an operator checks after asking for TLS.
    pub async fn session_tls_version(&self) -> Result<Option<String>, StoreError> {
        let client = self.pool.get().await?;
        let row = client
            .query_opt("SELECT version FROM pg_stat_ssl WHERE pid = pg_backend_pid() AND ssl", &[])
            .await?;
        Ok(row.map(|row| row.try_get::<_, Option<String>>(0)).transpose()?.flatten())
    }

    /// The advisory-lock key of the sequencer election, for an operator looking at
    /// `pg_locks` (`classid` holds its high 32 bits, `objid` its low 32 bits).
    pub fn leadership_lock_key(&self) -> i64 {
        self.leadership_key
    }

    async fn client(&self) -> Result<Object, StoreError> {
        Ok(self.pool.get().await?)
    }

    async fn query_sql(&self, sql: &Sql) -> Result<Vec<Row>, StoreError> {
        let client = self.client().await?;
        let statement = client.prepare_cached(&sql.text).await?;
        let params: Vec<&(dyn ToSql + Sync)> = sql
            .params
            .iter()
            .map(|param| match param {
                Param::Int(value) => value as &(dyn ToSql + Sync),
                Param::Text(value) => value as &(dyn ToSql + Sync),
            })
            .collect();
        Ok(client.query(&statement, &params).await?)
    }

    async fn query_one_optional(
        &self,
        sql: &str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<Option<Row>, StoreError> {
        let client = self.client().await?;
        let statement = client.prepare_cached(sql).await?;
        Ok(client.query_opt(&statement, params).await?)
    }

    async fn query_all(
        &self,
        sql: &str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<Vec<Row>, StoreError> {
        let client = self.client().await?;
        let statement = client.prepare_cached(sql).await?;
        Ok(client.query(&statement, params).await?)
    }

    /// The statements among `hashes` the log holds, in the tail or the durable index.
    async fn find(&self, hashes: &[[u8; 32]]) -> Result<Vec<StatementIndex>, StoreError> {
        let keys: Vec<&[u8]> = hashes.iter().map(|hash| hash.as_slice()).collect();
        let client = self.client().await?;
        let (scan_tail, find_indexed) = tokio::try_join!(
            client.prepare_cached(SCAN_TAIL),
            client.prepare_cached(FIND_INDEXED),
        )?;
        let mut tail = self.tail.lock().await;
        let scan_from = to_sql_index(tail.scan_from())?;
        // The index is read after the tail: a merge committed in between moves entries from
        // the tail into the index, never out of both.
        let scan_params: [&(dyn ToSql + Sync); 1] = [&scan_from];
        let find_params: [&(dyn ToSql + Sync); 1] = [&keys];
        let (scanned, indexed) = tokio::try_join!(
            client.query(&scan_tail, &scan_params),
            client.query(&find_indexed, &find_params),
        )?;
        apply_scan(&mut tail, &scanned)?;
        let mut found = Vec::new();
        for row in &indexed {
            found.push(StatementIndex {
                statement_sha256: to_sha256(row.try_get::<_, &[u8]>(0)?)?,
                index: from_sql_index(row.try_get(1)?)?,
            });
        }
        for hash in hashes {
            if let Some(index) = tail.get(hash) {
                found.push(StatementIndex { statement_sha256: *hash, index });
            }
        }
        Ok(found)
    }

    async fn leadership_held(&self, client: &Client) -> Result<bool, tokio_postgres::Error> {
        let key = self.leadership_key as u64;
        let (high, low) = ((key >> 32) as i64, (key & 0xffff_ffff) as i64);
        let row = client
            .query_one(
                "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory'
                     AND pid = pg_backend_pid() AND granted AND objsubid = 1
                     AND classid::bigint = $1 AND objid::bigint = $2)",
                &[&high, &low],
            )
            .await?;
        row.try_get(0)
    }
}

async fn migrate(client: &mut Client, schema: &str) -> Result<(), StoreError> {
    let known = migrations::latest(migrations::POSTGRES);
    let transaction = client.transaction().await?;
    // Nodes starting together wait here for the first to finish; the lock is released
    // with the transaction.
    transaction
        .execute("SELECT pg_advisory_xact_lock($1)", &[&lock_key("migrations", schema)])
        .await?;
    transaction
        .batch_execute(&format!(
            "CREATE SCHEMA IF NOT EXISTS {schema};
             CREATE TABLE IF NOT EXISTS {schema}.schema_migrations (
                 version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at_ms BIGINT NOT NULL)"
        ))
        .await?;
    let current: i64 = transaction
        .query_one("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", &[])
        .await?
        .try_get(0)?;
    if current > known {
        return Err(StoreError::SchemaTooNew { found: current, known });
    }
    for Migration { version, name, sql } in migrations::POSTGRES {
        if current >= *version {
            continue;
        }
        transaction.batch_execute(sql).await?;
        transaction
            .execute(
                "INSERT INTO schema_migrations (version, name, applied_at_ms) VALUES ($1, $2, $3)",
                &[version as &(dyn ToSql + Sync), name, &crate::sqlite::now_ms()],
            )
            .await?;
        tracing::info!(version, name, schema, "applied a PostgreSQL migration");
    }
    transaction.commit().await?;
    Ok(())
}

/// Brings a tail up to date from the rows of [`SCAN_TAIL`].
fn apply_scan(tail: &mut StatementTail, rows: &[Row]) -> Result<(), StoreError> {
    // The watermark is the row without a hash. Sorting does not trust UNION ALL to keep
    // its branches' order.
    let mut indexed_size = None;
    let mut scanned = Vec::with_capacity(rows.len());
    for row in rows {
        let index = from_sql_index(row.try_get(0)?)?;
        match row.try_get::<_, Option<&[u8]>>(1)? {
            None => indexed_size = Some(index),
            Some(hash) => scanned.push((index, to_sha256(hash)?)),
        }
    }
    let indexed_size =
        indexed_size.ok_or_else(|| StoreError::Corrupt("log_head is empty".into()))?;
    scanned.sort_unstable_by_key(|(index, _)| *index);
    tail.apply(indexed_size, scanned)
}

fn entry_from_row(row: &Row) -> Result<Entry, StoreError> {
    Ok(Entry {
        index: from_sql_index(row.try_get(0)?)?,
        statement_sha256: to_sha256(row.try_get::<_, &[u8]>(1)?)?,
        sequenced_at_ms: row.try_get(2)?,
        bytes: row.try_get(3)?,
    })
}

fn checkpoint_from_row(row: &Row) -> Result<CheckpointRow, StoreError> {
    Ok(CheckpointRow {
        tree_size: from_sql_index(row.try_get(0)?)?,
        signed_note: row.try_get(1)?,
        cosigned_note: row.try_get(2)?,
        published_at_ms: row.try_get(3)?,
    })
}

fn movement_from_row(row: &Row) -> Result<MovementRow, StoreError> {
    Ok(MovementRow {
        reference: row.try_get(0)?,
        status: row.try_get(1)?,
        carrier: row.try_get(2)?,
        declared_at_ms: row.try_get(3)?,
        current_post: row.try_get(4)?,
        last_entry_index: from_sql_index(row.try_get(5)?)?,
        snapshot: row.try_get(6)?,
    })
}

fn incident_from_row(row: &Row) -> Result<IncidentRow, StoreError> {
    Ok(IncidentRow {
        id: row.try_get(0)?,
        movement_reference: row.try_get(1)?,
        post: row.try_get(2)?,
        kind: row.try_get(3)?,
        status: row.try_get(4)?,
        opened_at_ms: row.try_get(5)?,
        last_entry_index: from_sql_index(row.try_get(6)?)?,
        snapshot: row.try_get(7)?,
        reported_post: row.try_get(8)?,
    })
}

fn posting_from_row(row: &Row) -> Result<PostingRow, StoreError> {
    let ordinal: i32 = row.try_get(1)?;
    Ok(PostingRow {
        entry_index: from_sql_index(row.try_get(0)?)?,
        ordinal: u32::try_from(ordinal)
            .map_err(|_| StoreError::Corrupt(format!("negative posting ordinal {ordinal}")))?,
        account: row.try_get(2)?,
        currency: row.try_get(3)?,
        amount_minor: row.try_get(4)?,
        at_ms: row.try_get(5)?,
    })
}

fn status_count_from_row(row: &Row) -> Result<StatusCount, StoreError> {
    let count: i64 = row.try_get(1)?;
    Ok(StatusCount { status: row.try_get(0)?, count: from_sql_index(count)? })
}

fn collect<T>(
    rows: &[Row],
    decode: fn(&Row) -> Result<T, StoreError>,
) -> Result<Vec<T>, StoreError> {
    rows.iter().map(decode).collect()
}

const CHECKPOINT_COLUMNS: &str = "tree_size, signed_note, cosigned_note, published_at_ms";

// `FOR SHARE` keeps an election from raising the epoch until the batch's transaction ends.
const FENCE: &str = "SELECT epoch FROM leader_epoch WHERE id = 1 FOR SHARE";
const MOVE_HEAD: &str = "UPDATE log_head SET tree_size = $1 WHERE id = 1 AND tree_size = $2";
const SELECT_CHECKPOINT: &str = "SELECT signed_note FROM checkpoints WHERE tree_size = $1";
const MOVE_WATERMARK: &str = "UPDATE log_head SET indexed_size = $1 WHERE id = 1";
const INSERT_ENTRIES: &str = "INSERT INTO entries
     (entry_index, statement_sha256, sequenced_at_ms, bytes)
     SELECT * FROM UNNEST($1::bigint[], $2::bytea[], $3::bigint[], $4::bytea[])";
// A tile only ever grows: the WHERE keeps a narrower (stale) version from replacing a wider one.
const UPSERT_TILES: &str = "INSERT INTO hash_tiles (level, tile_index, width, hashes)
     SELECT * FROM UNNEST($1::integer[], $2::bigint[], $3::integer[], $4::bytea[])
     ON CONFLICT (level, tile_index) DO UPDATE SET width = excluded.width,
         hashes = excluded.hashes WHERE excluded.width >= hash_tiles.width";
const UPSERT_BUNDLES: &str = "INSERT INTO entry_bundles (bundle_index, width, bytes)
     SELECT * FROM UNNEST($1::bigint[], $2::integer[], $3::bytea[])
     ON CONFLICT (bundle_index) DO UPDATE SET width = excluded.width,
         bytes = excluded.bytes WHERE excluded.width >= entry_bundles.width";
const INSERT_CHECKPOINT: &str = "INSERT INTO checkpoints (tree_size, signed_note) VALUES ($1, $2)
     ON CONFLICT (tree_size) DO NOTHING";
const UPSERT_MOVEMENTS: &str = "INSERT INTO movements (reference, status, carrier, declared_at_ms,
         current_post, last_entry_index, snapshot)
     SELECT * FROM UNNEST($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[],
         $6::bigint[], $7::bytea[])
     ON CONFLICT (reference) DO UPDATE SET status = excluded.status, carrier = excluded.carrier,
         declared_at_ms = excluded.declared_at_ms, current_post = excluded.current_post,
         last_entry_index = excluded.last_entry_index, snapshot = excluded.snapshot";
const INSERT_HISTORY: &str = "INSERT INTO movement_history (reference, entry_index, status)
     SELECT * FROM UNNEST($1::text[], $2::bigint[], $3::text[]) ON CONFLICT DO NOTHING";
const INSERT_POSTINGS: &str = "INSERT INTO postings
         (entry_index, ordinal, account, currency, amount_minor, at_ms)
     SELECT * FROM UNNEST($1::bigint[], $2::integer[], $3::text[], $4::text[], $5::bigint[],
         $6::bigint[])";
const INSERT_OBSERVATIONS: &str = "INSERT INTO observations (entry_index, observed_at_ms, post,
         segment_to, position_m, category, summary, attachments)
     SELECT * FROM UNNEST($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::bigint[],
         $6::text[], $7::text[], $8::integer[])";
const UPSERT_INCIDENTS: &str = "INSERT INTO incidents (incident_id, movement_reference, post, kind,
         status, opened_at_ms, last_entry_index, snapshot, reported_post)
     SELECT * FROM UNNEST($1::text[], $2::text[], $3::text[], $4::text[], $5::text[],
         $6::bigint[], $7::bigint[], $8::bytea[], $9::text[])
     ON CONFLICT (incident_id) DO UPDATE SET movement_reference = excluded.movement_reference,
         post = excluded.post, kind = excluded.kind, status = excluded.status,
         opened_at_ms = excluded.opened_at_ms, last_entry_index = excluded.last_entry_index,
         snapshot = excluded.snapshot, reported_post = excluded.reported_post";
// The watermark (the row without a hash) and the entries from the tail's scan position
// (or from the watermark, for a tail behind it), in one statement so both come from one
// snapshot of the database. The scalar subquery is evaluated once, so the entries are an
// index range scan whatever plan the prepared statement settles on.
const SCAN_TAIL: &str = "SELECT indexed_size, NULL::bytea FROM log_head WHERE id = 1
     UNION ALL
     (SELECT entry_index, statement_sha256 FROM entries
      WHERE entry_index >= GREATEST($1::bigint, (SELECT indexed_size FROM log_head WHERE id = 1))
      ORDER BY entry_index)";
const FIND_INDEXED: &str = "SELECT statement_sha256, entry_index FROM statement_index
     WHERE statement_sha256 = ANY($1::bytea[])";
const INSERT_MERGED: &str = "INSERT INTO statement_index (statement_sha256, entry_index)
     SELECT * FROM UNNEST($1::bytea[], $2::bigint[])";
// A payload already stored is the same data (its commitment binds it): the first stays,
// and of two rows for one key in the same call, the first is written.
const INSERT_PAYLOADS: &str = "INSERT INTO payloads (entry_index, field, commitment, salt, payload)
     SELECT * FROM UNNEST($1::bigint[], $2::text[], $3::bytea[], $4::bytea[], $5::bytea[])
     ON CONFLICT (entry_index, field) DO NOTHING";
// A snapshot encoded off the sequencer's path may arrive after a newer one: it never
// replaces a snapshot covering more entries.
const UPSERT_SNAPSHOT_CHUNK: &str =
    "INSERT INTO snapshot_chunks (name, tree_size, chunk_index, bytes)
     VALUES ($1, $2, $3, $4)
     ON CONFLICT (name, tree_size, chunk_index) DO UPDATE SET bytes = excluded.bytes";
// Chunks neither the stored snapshot's nor those of one being written (`$2`).
const DELETE_STALE_SNAPSHOT_CHUNKS: &str = "DELETE FROM snapshot_chunks
     WHERE name = $1 AND tree_size IS DISTINCT FROM $2
       AND tree_size IS DISTINCT FROM (
           SELECT tree_size FROM snapshots WHERE name = $1 AND chunk_count > 0)";

/// The leadership fence for writes outside a batch, as in a batch: `FOR SHARE` holds the
/// epoch's row until the transaction ends, so an election waits for it.
async fn check_fence(
    transaction: &deadpool_postgres::Transaction<'_>,
    epoch: u64,
) -> Result<(), StoreError> {
    let row = transaction.query_one("SELECT epoch FROM leader_epoch WHERE id = 1 FOR SHARE", &[]);
    let current_epoch = from_sql_index(row.await?.try_get(0)?)?;
    if epoch != 0 && current_epoch != epoch {
        return Err(StoreError::LeadershipLost { epoch, current_epoch });
    }
    Ok(())
}

async fn save_snapshot_chunk_in(
    transaction: &deadpool_postgres::Transaction<'_>,
    chunk: &SnapshotChunk,
) -> Result<(), StoreError> {
    let tree_size = to_sql_index(chunk.tree_size)?;
    let index = i32::try_from(chunk.index).unwrap_or(i32::MAX);
    let statement = transaction.prepare_cached(UPSERT_SNAPSHOT_CHUNK).await?;
    transaction
        .execute(&statement, &[&CORE_SNAPSHOT_NAME, &tree_size, &index, &chunk.bytes])
        .await?;
    Ok(())
}

/// Points the `snapshots` row at stored chunks inside `transaction` (whose fence the
/// caller checks); whether it did.
async fn complete_snapshot_in(
    transaction: &deadpool_postgres::Transaction<'_>,
    snapshot: &SnapshotHead,
) -> Result<bool, StoreError> {
    let snapshot_size = to_sql_index(snapshot.tree_size)?;
    let chunk_count = i32::try_from(snapshot.chunk_count).unwrap_or(i32::MAX);
    let tree_size = from_sql_index(
        transaction
            .query_one("SELECT tree_size FROM log_head WHERE id = 1", &[])
            .await?
            .try_get(0)?,
    )?;
    check_snapshot_within_log(snapshot, tree_size)?;
    let stored: i64 = transaction
        .query_one(
            "SELECT COUNT(*) FROM snapshot_chunks
             WHERE name = $1 AND tree_size = $2 AND chunk_index < $3",
            &[&CORE_SNAPSHOT_NAME, &snapshot_size, &chunk_count],
        )
        .await?
        .try_get(0)?;
    if stored != i64::from(chunk_count) {
        return Err(StoreError::InvalidBatch(format!(
            "the state snapshot at {} entries has {stored} of its {} chunks stored",
            snapshot.tree_size, snapshot.chunk_count
        )));
    }
    let empty: &[u8] = &[];
    let replaced = transaction
        .execute(
            "INSERT INTO snapshots (name, tree_size, digest, state, root, chunk_count)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (name) DO UPDATE SET tree_size = excluded.tree_size,
                 digest = excluded.digest, state = excluded.state, root = excluded.root,
                 chunk_count = excluded.chunk_count
             WHERE snapshots.tree_size < excluded.tree_size",
            &[
                &CORE_SNAPSHOT_NAME,
                &snapshot_size,
                &snapshot.digest,
                &empty,
                &snapshot.root,
                &chunk_count,
            ],
        )
        .await?;
    Ok(replaced == 1)
}

/// Runs `statement` only when `rows` is non-empty; an empty batch part costs nothing.
async fn execute_if(
    client: &Client,
    rows: usize,
    statement: &tokio_postgres::Statement,
    params: &[&(dyn ToSql + Sync)],
) -> Result<u64, tokio_postgres::Error> {
    if rows == 0 { Ok(0) } else { client.execute(statement, params).await }
}

/// Runs the query `statement` only when `rows` is non-empty, else answers no rows.
async fn query_if(
    client: &Client,
    rows: usize,
    statement: &tokio_postgres::Statement,
    params: &[&(dyn ToSql + Sync)],
) -> Result<Vec<Row>, tokio_postgres::Error> {
    if rows == 0 { Ok(Vec::new()) } else { client.query(statement, params).await }
}

impl Store for PostgresStore {
    async fn append_batch(&self, batch: AppendBatch) -> Result<Appended, StoreError> {
        let tree_size = check_batch(&batch)?;
        let first_index = tree_size - batch.entries.len() as u64;
        let (size_sql, first_sql) = (to_sql_index(tree_size)?, to_sql_index(first_index)?);

        // Column arrays, one per table column: each table is one statement however many
        // rows the batch holds.
        let entries = &batch.entries;
        let entry_index: Vec<i64> = entries.iter().map(|e| e.index as i64).collect();
        let entry_sha: Vec<&[u8]> = entries.iter().map(|e| e.statement_sha256.as_slice()).collect();
        let entry_at: Vec<i64> = entries.iter().map(|e| e.sequenced_at_ms).collect();
        let entry_bytes: Vec<&[u8]> = entries.iter().map(|e| e.bytes.as_slice()).collect();

        let tiles = last_per_key(&batch.hash_tiles, |tile| (tile.level, tile.index));
        let tile_level: Vec<i32> = tiles.iter().map(|t| i32::from(t.level)).collect();
        let tile_index: Vec<i64> = tiles.iter().map(|t| t.index as i64).collect();
        let tile_width: Vec<i32> = tiles.iter().map(|t| i32::from(t.width)).collect();
        let tile_hashes: Vec<&[u8]> = tiles.iter().map(|t| t.hashes.as_slice()).collect();

        let bundles = last_per_key(&batch.entry_bundles, |bundle| bundle.index);
        let bundle_index: Vec<i64> = bundles.iter().map(|b| b.index as i64).collect();
        let bundle_width: Vec<i32> = bundles.iter().map(|b| i32::from(b.width)).collect();
        let bundle_bytes: Vec<&[u8]> = bundles.iter().map(|b| b.bytes.as_slice()).collect();

        let projections = &batch.projections;
        let movements = last_per_key(&projections.movements, |m| m.reference.as_str());
        let movement_reference: Vec<&str> =
            movements.iter().map(|m| m.reference.as_str()).collect();
        let movement_status: Vec<&str> = movements.iter().map(|m| m.status.as_str()).collect();
        let movement_carrier: Vec<&str> = movements.iter().map(|m| m.carrier.as_str()).collect();
        let movement_declared: Vec<i64> = movements.iter().map(|m| m.declared_at_ms).collect();
        let movement_post: Vec<Option<&str>> =
            movements.iter().map(|m| m.current_post.as_deref()).collect();
        let movement_last: Vec<i64> = movements.iter().map(|m| m.last_entry_index as i64).collect();
        let movement_snapshot: Vec<&[u8]> =
            movements.iter().map(|m| m.snapshot.as_slice()).collect();

        let history = &projections.movement_history;
        let history_reference: Vec<&str> = history.iter().map(|h| h.reference.as_str()).collect();
        let history_index: Vec<i64> = history.iter().map(|h| h.entry_index as i64).collect();
        let history_status: Vec<&str> = history.iter().map(|h| h.status.as_str()).collect();

        let postings = &projections.postings;
        let posting_index: Vec<i64> = postings.iter().map(|p| p.entry_index as i64).collect();
        let posting_ordinal: Vec<i32> = postings
            .iter()
            .map(|p| i32::try_from(p.ordinal))
            .collect::<Result<_, _>>()
            .map_err(|_| StoreError::InvalidBatch("a posting ordinal above 2^31".into()))?;
        let posting_account: Vec<&str> = postings.iter().map(|p| p.account.as_str()).collect();
        let posting_currency: Vec<&str> = postings.iter().map(|p| p.currency.as_str()).collect();
        let posting_amount: Vec<i64> = postings.iter().map(|p| p.amount_minor).collect();
        let posting_at: Vec<i64> = postings.iter().map(|p| p.at_ms).collect();

        let incidents = last_per_key(&projections.incidents, |i| i.id.as_str());
        let incident_id: Vec<&str> = incidents.iter().map(|i| i.id.as_str()).collect();
        let incident_movement: Vec<Option<&str>> =
            incidents.iter().map(|i| i.movement_reference.as_deref()).collect();
        let incident_post: Vec<Option<&str>> =
            incidents.iter().map(|i| i.post.as_deref()).collect();
        let incident_kind: Vec<&str> = incidents.iter().map(|i| i.kind.as_str()).collect();
        let incident_status: Vec<&str> = incidents.iter().map(|i| i.status.as_str()).collect();
        let incident_opened: Vec<i64> = incidents.iter().map(|i| i.opened_at_ms).collect();
        let incident_last: Vec<i64> = incidents.iter().map(|i| i.last_entry_index as i64).collect();
        let incident_snapshot: Vec<&[u8]> =
            incidents.iter().map(|i| i.snapshot.as_slice()).collect();
        let incident_reported_post: Vec<Option<&str>> =
            incidents.iter().map(|i| i.reported_post.as_deref()).collect();

        let checkpoint_size = match &batch.checkpoint {
            Some(checkpoint) => to_sql_index(checkpoint.tree_size)?,
            None => 0,
        };
        let checkpoint_note = batch.checkpoint.as_ref().map_or("", |c| c.signed_note.as_str());

        let client = self.client().await?;
        // Prepared once per connection; after that each is a cache lookup.
        let (fence, head, select_checkpoint) = tokio::try_join!(
            client.prepare_cached(FENCE),
            client.prepare_cached(MOVE_HEAD),
            client.prepare_cached(SELECT_CHECKPOINT),
        )?;
        let (insert_entries, upsert_tiles, upsert_bundles, insert_checkpoint) = tokio::try_join!(
            client.prepare_cached(INSERT_ENTRIES),
            client.prepare_cached(UPSERT_TILES),
            client.prepare_cached(UPSERT_BUNDLES),
            client.prepare_cached(INSERT_CHECKPOINT),
        )?;
        let (upsert_movements, insert_history, insert_postings, upsert_incidents) = tokio::try_join!(
            client.prepare_cached(UPSERT_MOVEMENTS),
            client.prepare_cached(INSERT_HISTORY),
            client.prepare_cached(INSERT_POSTINGS),
            client.prepare_cached(UPSERT_INCIDENTS),
        )?;
        let insert_observations = client.prepare_cached(INSERT_OBSERVATIONS).await?;
        let (scan_tail, find_indexed, insert_merged, move_watermark) = tokio::try_join!(
            client.prepare_cached(SCAN_TAIL),
            client.prepare_cached(FIND_INDEXED),
            client.prepare_cached(INSERT_MERGED),
            client.prepare_cached(MOVE_WATERMARK),
        )?;
        let has_checkpoint = usize::from(batch.checkpoint.is_some());
        let observations = &batch.projections.observations;
        let observation_index: Vec<i64> =
            observations.iter().map(|o| to_sql_index(o.entry_index)).collect::<Result<_, _>>()?;
        let observation_at: Vec<i64> = observations.iter().map(|o| o.observed_at_ms).collect();
        let observation_post: Vec<&str> = observations.iter().map(|o| o.post.as_str()).collect();
        let observation_to: Vec<Option<&str>> =
            observations.iter().map(|o| o.segment_to.as_deref()).collect();
        let observation_position: Vec<Option<i64>> =
            observations.iter().map(|o| o.position_m).collect();
        let observation_category: Vec<&str> =
            observations.iter().map(|o| o.category.as_str()).collect();
        let observation_summary: Vec<&str> =
            observations.iter().map(|o| o.summary.as_str()).collect();
        let observation_attachments: Vec<i32> =
            observations.iter().map(|o| i32::try_from(o.attachments).unwrap_or(i32::MAX)).collect();

        type Params<'a, const N: usize> = [&'a (dyn ToSql + Sync); N];
        let head_params: Params<'_, 2> = [&size_sql, &first_sql];
        let entry_params: Params<'_, 4> = [&entry_index, &entry_sha, &entry_at, &entry_bytes];
        let tile_params: Params<'_, 4> = [&tile_level, &tile_index, &tile_width, &tile_hashes];
        let bundle_params: Params<'_, 3> = [&bundle_index, &bundle_width, &bundle_bytes];
        let checkpoint_params: Params<'_, 2> = [&checkpoint_size, &checkpoint_note];
        let stored_checkpoint_params: Params<'_, 1> = [&checkpoint_size];
        let movement_params: Params<'_, 7> = [
            &movement_reference,
            &movement_status,
            &movement_carrier,
            &movement_declared,
            &movement_post,
            &movement_last,
            &movement_snapshot,
        ];
        let history_params: Params<'_, 3> = [&history_reference, &history_index, &history_status];
        let posting_params: Params<'_, 6> = [
            &posting_index,
            &posting_ordinal,
            &posting_account,
            &posting_currency,
            &posting_amount,
            &posting_at,
        ];
        let observation_params: Params<'_, 8> = [
            &observation_index,
            &observation_at,
            &observation_post,
            &observation_to,
            &observation_position,
            &observation_category,
            &observation_summary,
            &observation_attachments,
        ];
        let incident_params: Params<'_, 9> = [
            &incident_id,
            &incident_movement,
            &incident_post,
            &incident_kind,
            &incident_status,
            &incident_opened,
            &incident_last,
            &incident_snapshot,
            &incident_reported_post,
        ];

        // Round trip one, pipelined and run in this order: `BEGIN`; the leadership fence,
        // whose `FOR SHARE` holds the epoch's row until the transaction ends, so an election
        // (which raises the epoch) waits for this batch and a batch begun after an election
        // reads the new epoch; the head's compare-and-set, which takes the head's row lock,
        // so a second writer waits there and then finds the size moved; then, under that
        // lock, what the checks need: the statement tail and index, and the checkpoint
        // already stored at the batch's checkpoint size (`save_checkpoint` takes the head's
        // row too, so none can appear before this transaction ends).
        let mut tail = self.tail.lock().await;
        let scan_from = to_sql_index(tail.scan_from())?;
        let scan_params: Params<'_, 1> = [&scan_from];
        let find_params: Params<'_, 1> = [&entry_sha];
        let epoch = self.epoch.load(Ordering::Acquire);
        let transaction = PipelinedTransaction::new(client);
        let t = transaction.client();
        let (begun, fenced, moved, scanned, indexed, stored_checkpoint) = tokio::join!(
            transaction.begin(),
            t.query_one(&fence, &[]),
            t.execute(&head, &head_params),
            t.query(&scan_tail, &scan_params),
            t.query(&find_indexed, &find_params),
            query_if(t, has_checkpoint, &select_checkpoint, &stored_checkpoint_params),
        );
        begun?;
        let current_epoch = from_sql_index(fenced?.try_get(0)?)?;
        if epoch != 0 && current_epoch != epoch {
            transaction.rollback().await?;
            return Err(StoreError::LeadershipLost { epoch, current_epoch });
        }
        if moved? != 1 {
            transaction.rollback().await?;
            return Err(StoreError::IndexMismatch {
                tree_size: self.tree_size().await?,
                batch_first_index: first_index,
            });
        }
        apply_scan(&mut tail, &scanned?)?;
        let duplicate = match indexed?.first() {
            Some(row) => Some(StatementIndex {
                statement_sha256: to_sha256(row.try_get::<_, &[u8]>(0)?)?,
                index: from_sql_index(row.try_get(1)?)?,
            }),
            None => entries.iter().find_map(|entry| {
                tail.get(&entry.statement_sha256)
                    .map(|index| StatementIndex { statement_sha256: entry.statement_sha256, index })
            }),
        };
        if let Some(found) = duplicate {
            transaction.rollback().await?;
            return Err(StoreError::DuplicateStatement {
                statement_sha256: found.statement_sha256,
                index: found.index,
            });
        }
        if let (Some(new), Some(row)) = (&batch.checkpoint, stored_checkpoint?.first()) {
            let stored: &str = row.try_get(0)?;
            if stored != new.signed_note {
                transaction.rollback().await?;
                return Err(StoreError::CheckpointConflict { tree_size: new.tree_size });
            }
        }

        // Round trip two, pipelined: every write of the batch, the merge of the statement
        // tail into the durable index when it is due, and the `COMMIT`.
        let merge = tail.len() + entries.len() as u64 >= self.statement_merge_entries;
        let merged = if merge { tail.merged_with(entries) } else { Vec::new() };
        // Lookups need the tail while this transaction writes and commits; they cannot see
        // the batch before it commits, and the head's row lock keeps any other batch out.
        drop(tail);
        let merged_sha: Vec<&[u8]> = merged.iter().map(|(hash, _)| hash.as_slice()).collect();
        let merged_index: Vec<i64> = merged.iter().map(|(_, index)| *index as i64).collect();
        let merge_params: Params<'_, 2> = [&merged_sha, &merged_index];
        let watermark_params: Params<'_, 1> = [&size_sql];
        // One statement per table, each an `execute_if` future, so all of one type: in an
        // array, joined in order. `join_all` polls each once before any waits (it keeps up to
        // 30 in a plain array polled front to back), which sends them in this order, then
        // the `ANALYZE` and the `COMMIT` behind them: still one round trip.
        let writes = [
            execute_if(t, entry_index.len(), &insert_entries, &entry_params),
            execute_if(t, tile_index.len(), &upsert_tiles, &tile_params),
            execute_if(t, bundle_index.len(), &upsert_bundles, &bundle_params),
            execute_if(t, has_checkpoint, &insert_checkpoint, &checkpoint_params),
            execute_if(t, movement_reference.len(), &upsert_movements, &movement_params),
            execute_if(t, history_index.len(), &insert_history, &history_params),
            execute_if(t, posting_index.len(), &insert_postings, &posting_params),
            execute_if(t, incident_id.len(), &upsert_incidents, &incident_params),
            execute_if(t, observation_index.len(), &insert_observations, &observation_params),
            execute_if(t, merged_sha.len(), &insert_merged, &merge_params),
            execute_if(t, usize::from(merge), &move_watermark, &watermark_params),
        ];
        let (written, analyzed, committed) = tokio::join!(
            join_all(writes),
            // Fresh statistics, or the planner, still believing the index empty, answers
            // `= ANY(hashes)` with a sequential scan (seen: 230 ms per lookup at 65 k rows).
            async { if merge { t.batch_execute("ANALYZE statement_index").await } else { Ok(()) } },
            transaction.commit(),
        );
        // Only a `COMMIT` that succeeded ends the transaction for sure; otherwise the
        // connection closes with it.
        committed?;
        transaction.ended();
        // A write that failed made the server answer the `COMMIT` with a rollback.
        for result in written {
            result?;
        }
        analyzed?;
        self.tail.lock().await.committed(merge, entries, tree_size);
        Ok(Appended { first_index, tree_size })
    }

    async fn write_snapshot(&self, snapshot: StateSnapshot) -> Result<bool, StoreError> {
        let (head, chunks) = snapshot_chunks(snapshot)?;
        let epoch = self.epoch.load(Ordering::Acquire);
        // One transaction on a pooled connection of its own: the batches go on beside it
        // on others, and nothing of it is visible before it commits.
        let mut client = self.client().await?;
        let transaction = client.transaction().await?;
        let writing = Some(to_sql_index(head.tree_size)?);
        transaction.execute(DELETE_STALE_SNAPSHOT_CHUNKS, &[&CORE_SNAPSHOT_NAME, &writing]).await?;
        for chunk in &chunks {
            save_snapshot_chunk_in(&transaction, chunk).await?;
        }
        let replaced = complete_snapshot_in(&transaction, &head).await?;
        let none: Option<i64> = None;
        transaction.execute(DELETE_STALE_SNAPSHOT_CHUNKS, &[&CORE_SNAPSHOT_NAME, &none]).await?;
        // The fence last, so that the epoch's row is held (and an election waits) only
        // while the transaction commits, not while tens of megabytes are sent.
        check_fence(&transaction, epoch).await?;
        transaction.commit().await?;
        Ok(replaced)
    }

    async fn save_snapshot_chunk(&self, chunk: SnapshotChunk) -> Result<(), StoreError> {
        check_snapshot_chunk(&chunk)?;
        let epoch = self.epoch.load(Ordering::Acquire);
        let mut client = self.client().await?;
        let transaction = client.transaction().await?;
        check_fence(&transaction, epoch).await?;
        save_snapshot_chunk_in(&transaction, &chunk).await?;
        transaction.commit().await?;
        Ok(())
    }

    async fn complete_snapshot(&self, head: SnapshotHead) -> Result<bool, StoreError> {
        check_snapshot_head(&head)?;
        let epoch = self.epoch.load(Ordering::Acquire);
        let mut client = self.client().await?;
        let transaction = client.transaction().await?;
        check_fence(&transaction, epoch).await?;
        let replaced = complete_snapshot_in(&transaction, &head).await?;
        transaction.commit().await?;
        Ok(replaced)
    }

    async fn tree_size(&self) -> Result<u64, StoreError> {
        let rows = self.query_all("SELECT tree_size FROM log_head WHERE id = 1", &[]).await?;
        let row = rows.first().ok_or_else(|| StoreError::Corrupt("log_head is empty".into()))?;
        from_sql_index(row.try_get(0)?)
    }

    async fn recovery(&self) -> Result<Recovery, StoreError> {
        let mut client = self.client().await?;
        // One snapshot of the database for all parts.
        let transaction = client
            .build_transaction()
            .isolation_level(tokio_postgres::IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()
            .await?;
        let tree_size = from_sql_index(
            transaction
                .query_one("SELECT tree_size FROM log_head WHERE id = 1", &[])
                .await?
                .try_get(0)?,
        )?;
        let latest_checkpoint = transaction
            .query_opt(
                &format!(
                    "SELECT {CHECKPOINT_COLUMNS} FROM checkpoints ORDER BY tree_size DESC LIMIT 1"
                ),
                &[],
            )
            .await?
            .as_ref()
            .map(checkpoint_from_row)
            .transpose()?;
        let latest_published_checkpoint = transaction
            .query_opt(
                &format!(
                    "SELECT {CHECKPOINT_COLUMNS} FROM checkpoints WHERE published_at_ms IS NOT NULL
                     ORDER BY tree_size DESC LIMIT 1"
                ),
                &[],
            )
            .await?
            .as_ref()
            .map(checkpoint_from_row)
            .transpose()?;
        let snapshot = transaction
            .query_opt(
                "SELECT tree_size, digest, state, root, chunk_count FROM snapshots
                 WHERE name = $1",
                &[&CORE_SNAPSHOT_NAME],
            )
            .await?
            .map(|row| -> Result<(StateSnapshot, i32), StoreError> {
                let snapshot = StateSnapshot {
                    tree_size: from_sql_index(row.try_get(0)?)?,
                    digest: row.try_get(1)?,
                    state: row.try_get(2)?,
                    root: row.try_get(3)?,
                };
                Ok((snapshot, row.try_get(4)?))
            })
            .transpose()?;
        let snapshot = match snapshot {
            Some((mut snapshot, chunk_count)) if chunk_count > 0 => {
                let rows = transaction
                    .query(
                        "SELECT chunk_index, bytes FROM snapshot_chunks
                         WHERE name = $1 AND tree_size = $2 AND chunk_index < $3
                         ORDER BY chunk_index",
                        &[&CORE_SNAPSHOT_NAME, &to_sql_index(snapshot.tree_size)?, &chunk_count],
                    )
                    .await?;
                let chunks = rows
                    .iter()
                    .map(|row| -> Result<(u64, Vec<u8>), StoreError> {
                        let index: i32 = row.try_get(0)?;
                        Ok((u64::try_from(index).unwrap_or(u64::MAX), row.try_get(1)?))
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                let count = u64::try_from(chunk_count).unwrap_or(u64::MAX);
                snapshot.state = join_snapshot_chunks(snapshot.tree_size, count, chunks)?;
                Some(snapshot)
            }
            // A state kept whole in its row: a database whose snapshots were written with
            // the batches, before they went beside them.
            other => other.map(|(snapshot, _)| snapshot),
        };
        transaction.commit().await?;
        let replay_from = snapshot.as_ref().map_or(0, |snapshot| snapshot.tree_size);
        Ok(Recovery {
            tree_size,
            latest_checkpoint,
            latest_published_checkpoint,
            snapshot,
            replay_from,
        })
    }

    async fn entries(&self, start: u64, limit: u32) -> Result<Vec<Entry>, StoreError> {
        check_entries_limit(limit)?;
        let Ok(start) = to_sql_index(start) else { return Ok(Vec::new()) };
        let rows = self
            .query_all(
                "SELECT entry_index, statement_sha256, sequenced_at_ms, bytes FROM entries
                 WHERE entry_index >= $1 ORDER BY entry_index LIMIT $2",
                &[&start, &i64::from(limit)],
            )
            .await?;
        collect(&rows, entry_from_row)
    }

    async fn entry(&self, index: u64) -> Result<Option<Entry>, StoreError> {
        let Ok(index) = to_sql_index(index) else { return Ok(None) };
        self.query_one_optional(
            "SELECT entry_index, statement_sha256, sequenced_at_ms, bytes FROM entries
             WHERE entry_index = $1",
            &[&index],
        )
        .await?
        .as_ref()
        .map(entry_from_row)
        .transpose()
    }

    async fn find_statements(
        &self,
        hashes: &[[u8; 32]],
    ) -> Result<Vec<StatementIndex>, StoreError> {
        check_lookup(hashes.len())?;
        if hashes.is_empty() {
            return Ok(Vec::new());
        }
        // Answer in the order asked, as the SQLite backend does.
        let found = self.find(hashes).await?;
        Ok(hashes
            .iter()
            .filter_map(|hash| found.iter().find(|found| found.statement_sha256 == *hash).copied())
            .collect())
    }

    async fn hash_tile(
        &self,
        level: u8,
        index: u64,
        width: u16,
    ) -> Result<Option<Vec<u8>>, StoreError> {
        check_tile_query(level, width)?;
        let Ok(index) = to_sql_index(index) else { return Ok(None) };
        let row = self
            .query_one_optional(
                "SELECT hashes FROM hash_tiles WHERE level = $1 AND tile_index = $2",
                &[&i32::from(level), &index],
            )
            .await?;
        let Some(row) = row else { return Ok(None) };
        let hashes: &[u8] = row.try_get(0)?;
        Ok(tile_prefix(hashes, width).map(<[u8]>::to_vec))
    }

    async fn entry_bundle(&self, index: u64, width: u16) -> Result<Option<Vec<u8>>, StoreError> {
        check_tile_query(0, width)?;
        let Ok(index_sql) = to_sql_index(index) else { return Ok(None) };
        let row = self
            .query_one_optional(
                "SELECT width, bytes FROM entry_bundles WHERE bundle_index = $1",
                &[&index_sql],
            )
            .await?;
        let Some(row) = row else { return Ok(None) };
        let stored_width: i32 = row.try_get(0)?;
        if stored_width < i32::from(width) {
            return Ok(None);
        }
        let bytes: &[u8] = row.try_get(1)?;
        bundle_prefix(bytes, width)
            .map(|prefix| Some(prefix.to_vec()))
            .ok_or_else(|| StoreError::Corrupt(format!("entry bundle {index} is truncated")))
    }

    async fn save_checkpoint(&self, checkpoint: NewCheckpoint) -> Result<(), StoreError> {
        check_checkpoint_note(&checkpoint.signed_note)?;
        let size = to_sql_index(checkpoint.tree_size)?;
        let mut client = self.client().await?;
        let transaction = client.transaction().await?;
        // FOR SHARE: the size cannot shrink, but this keeps the check and the insert in one
        // consistent view without blocking readers.
        let tree_size = from_sql_index(
            transaction
                .query_one("SELECT tree_size FROM log_head WHERE id = 1 FOR SHARE", &[])
                .await?
                .try_get(0)?,
        )?;
        if checkpoint.tree_size > tree_size {
            return Err(StoreError::CheckpointBeyondLog {
                checkpoint_size: checkpoint.tree_size,
                tree_size,
            });
        }
        let inserted =
            transaction.execute(INSERT_CHECKPOINT, &[&size, &checkpoint.signed_note]).await?;
        if inserted == 0 {
            let stored: String = transaction
                .query_one("SELECT signed_note FROM checkpoints WHERE tree_size = $1", &[&size])
                .await?
                .try_get(0)?;
            if stored != checkpoint.signed_note {
                return Err(StoreError::CheckpointConflict { tree_size: checkpoint.tree_size });
            }
        }
        transaction.commit().await?;
        Ok(())
    }

    async fn set_checkpoint_cosigned(
        &self,
        tree_size: u64,
        cosigned_note: &str,
    ) -> Result<(), StoreError> {
        check_checkpoint_note(cosigned_note)?;
        let Ok(size) = to_sql_index(tree_size) else {
            return Err(StoreError::CheckpointNotFound { tree_size });
        };
        let client = self.client().await?;
        let updated = client
            .execute(
                "UPDATE checkpoints SET cosigned_note = $1 WHERE tree_size = $2",
                &[&cosigned_note, &size],
            )
            .await?;
        if updated == 0 {
            return Err(StoreError::CheckpointNotFound { tree_size });
        }
        Ok(())
    }

    async fn mark_checkpoint_published(
        &self,
        tree_size: u64,
        published_at_ms: i64,
    ) -> Result<(), StoreError> {
        let Ok(size) = to_sql_index(tree_size) else {
            return Err(StoreError::CheckpointNotFound { tree_size });
        };
        let client = self.client().await?;
        let updated = client
            .execute(
                "UPDATE checkpoints SET published_at_ms = $1 WHERE tree_size = $2",
                &[&published_at_ms, &size],
            )
            .await?;
        if updated == 0 {
            return Err(StoreError::CheckpointNotFound { tree_size });
        }
        Ok(())
    }

    async fn checkpoint(&self, tree_size: u64) -> Result<Option<CheckpointRow>, StoreError> {
        let Ok(size) = to_sql_index(tree_size) else { return Ok(None) };
        self.query_one_optional(
            &format!("SELECT {CHECKPOINT_COLUMNS} FROM checkpoints WHERE tree_size = $1"),
            &[&size],
        )
        .await?
        .as_ref()
        .map(checkpoint_from_row)
        .transpose()
    }

    async fn save_checkpoint_figures(&self, figures: CheckpointFigures) -> Result<(), StoreError> {
        let size = crate::check::check_figures(&figures)?;
        let mut client = self.client().await?;
        let transaction = client.transaction().await?;
        let stored = transaction
            .query_opt("SELECT tree_size FROM checkpoints WHERE tree_size = $1", &[&size])
            .await?;
        if stored.is_none() {
            return Err(StoreError::CheckpointNotFound { tree_size: figures.tree_size });
        }
        let inserted = transaction
            .execute(
                "INSERT INTO checkpoint_figures (tree_size, state_digest, figures)
                 VALUES ($1, $2, $3) ON CONFLICT (tree_size) DO NOTHING",
                &[&size, &figures.state_digest, &figures.figures],
            )
            .await?;
        if inserted == 0 {
            let row = transaction
                .query_one(
                    "SELECT state_digest, figures FROM checkpoint_figures WHERE tree_size = $1",
                    &[&size],
                )
                .await?;
            let digest: Vec<u8> = row.try_get(0)?;
            let text: String = row.try_get(1)?;
            if digest != figures.state_digest || text != figures.figures {
                return Err(StoreError::CheckpointConflict { tree_size: figures.tree_size });
            }
        }
        // Only the newest are kept: a seek to the oldest kept, then a range delete.
        let kept_offset = (crate::CHECKPOINT_FIGURES_KEPT - 1) as i64;
        transaction
            .execute(
                "DELETE FROM checkpoint_figures WHERE tree_size < (SELECT tree_size
                     FROM checkpoint_figures ORDER BY tree_size DESC LIMIT 1 OFFSET $1)",
                &[&kept_offset],
            )
            .await?;
        transaction.commit().await?;
        Ok(())
    }

    async fn admit_nonce(
        &self,
        nonce: RequestNonce,
        now_ms: i64,
        per_reader_max: u32,
    ) -> Result<NonceAdmission, StoreError> {
        crate::check::check_nonce(&nonce, per_reader_max)?;
        let reader = nonce.reader.as_slice();
        let mut client = self.client().await?;
        let transaction = client.transaction().await?;
        // Expired nonces leave first: a range of the expiry index.
        transaction
            .execute("DELETE FROM request_nonces WHERE expires_at_ms < $1", &[&now_ms])
            .await?;
        let held: i64 = transaction
            .query_one("SELECT COUNT(*) FROM request_nonces WHERE reader = $1", &[&reader])
            .await?
            .try_get(0)?;
        let seen = transaction
            .query_opt(
                "SELECT 1 FROM request_nonces WHERE reader = $1 AND nonce = $2",
                &[&reader, &nonce.nonce],
            )
            .await?
            .is_some();
        let admission = if seen {
            NonceAdmission::Replayed
        } else if held >= i64::from(per_reader_max) {
            NonceAdmission::ReaderFull
        } else {
            // Another node may have taken the same nonce since: the key decides.
            let inserted = transaction
                .execute(
                    "INSERT INTO request_nonces (reader, nonce, expires_at_ms) VALUES ($1, $2, $3)
                     ON CONFLICT (reader, nonce) DO NOTHING",
                    &[&reader, &nonce.nonce, &nonce.expires_at_ms],
                )
                .await?;
            if inserted == 0 { NonceAdmission::Replayed } else { NonceAdmission::Admitted }
        };
        transaction.commit().await?;
        Ok(admission)
    }

    async fn checkpoint_figures(
        &self,
        tree_size: u64,
    ) -> Result<Option<CheckpointFigures>, StoreError> {
        let Ok(size) = to_sql_index(tree_size) else { return Ok(None) };
        let row = self
            .query_one_optional(
                "SELECT state_digest, figures FROM checkpoint_figures WHERE tree_size = $1",
                &[&size],
            )
            .await?;
        row.map(|row| {
            Ok(CheckpointFigures {
                tree_size,
                state_digest: row.try_get(0)?,
                figures: row.try_get(1)?,
            })
        })
        .transpose()
    }

    async fn movement_statuses(
        &self,
        query: MovementStatusQuery,
    ) -> Result<Page<MovementStatusRow, String>, StoreError> {
        let sql = query::movement_statuses(Dialect::Postgres, &query)?;
        let rows = self
            .query_sql(&sql)
            .await?
            .iter()
            .map(|row| {
                let last: Option<i64> = row.try_get(2)?;
                let now: i64 = row.try_get(3)?;
                Ok((
                    row.try_get(0)?,
                    row.try_get(1)?,
                    last.map(from_sql_index).transpose()?,
                    from_sql_index(now)?,
                ))
            })
            .collect::<Result<Vec<query::ScannedStatus>, StoreError>>()?;
        query::movement_status_page(rows, &query)
    }

    async fn latest_published_checkpoint(&self) -> Result<Option<CheckpointRow>, StoreError> {
        self.query_one_optional(
            &format!(
                "SELECT {CHECKPOINT_COLUMNS} FROM checkpoints WHERE published_at_ms IS NOT NULL
                 ORDER BY tree_size DESC LIMIT 1"
            ),
            &[],
        )
        .await?
        .as_ref()
        .map(checkpoint_from_row)
        .transpose()
    }

    async fn movement(&self, reference: &str) -> Result<Option<MovementRow>, StoreError> {
        self.query_one_optional(
            &format!("SELECT {} FROM movements WHERE reference = $1", query::MOVEMENT_COLUMNS),
            &[&reference],
        )
        .await?
        .as_ref()
        .map(movement_from_row)
        .transpose()
    }

    async fn movement_history(&self, reference: &str) -> Result<Vec<u64>, StoreError> {
        let rows = self
            .query_all(
                "SELECT entry_index FROM movement_history WHERE reference = $1
                 ORDER BY entry_index LIMIT $2",
                &[&reference, &i64::from(HISTORY_MAX)],
            )
            .await?;
        rows.iter().map(|row| from_sql_index(row.try_get(0)?)).collect()
    }

    async fn search_movements(
        &self,
        query: MovementQuery,
    ) -> Result<Page<MovementRow, MovementCursor>, StoreError> {
        let sql = query::search_movements(Dialect::Postgres, &query)?;
        let rows = collect(&self.query_sql(&sql).await?, movement_from_row)?;
        Ok(query::page(rows, query.limit, |row| MovementCursor {
            declared_at_ms: row.declared_at_ms,
            reference: row.reference.clone(),
        }))
    }

    async fn count_movements(&self, filter: MovementFilter) -> Result<u64, StoreError> {
        let sql = query::count_movements(Dialect::Postgres, &filter);
        let rows = self.query_sql(&sql).await?;
        let row =
            rows.first().ok_or_else(|| StoreError::Corrupt("COUNT returned no row".into()))?;
        from_sql_index(row.try_get(0)?)
    }

    async fn movement_status_counts(&self) -> Result<Vec<StatusCount>, StoreError> {
        let rows = self
            .query_all(
                "SELECT status, COUNT(*) FROM movements GROUP BY status ORDER BY status",
                &[],
            )
            .await?;
        collect(&rows, status_count_from_row)
    }

    async fn incident(&self, id: &str) -> Result<Option<IncidentRow>, StoreError> {
        self.query_one_optional(
            &format!("SELECT {} FROM incidents WHERE incident_id = $1", query::INCIDENT_COLUMNS),
            &[&id],
        )
        .await?
        .as_ref()
        .map(incident_from_row)
        .transpose()
    }

    async fn search_incidents(
        &self,
        query: IncidentQuery,
    ) -> Result<Page<IncidentRow, IncidentCursor>, StoreError> {
        let sql = query::search_incidents(Dialect::Postgres, &query)?;
        let rows = collect(&self.query_sql(&sql).await?, incident_from_row)?;
        Ok(query::page(rows, query.limit, |row| IncidentCursor {
            opened_at_ms: row.opened_at_ms,
            id: row.id.clone(),
        }))
    }

    async fn incident_status_counts(&self) -> Result<Vec<StatusCount>, StoreError> {
        let rows = self
            .query_all(
                "SELECT status, COUNT(*) FROM incidents GROUP BY status ORDER BY status",
                &[],
            )
            .await?;
        collect(&rows, status_count_from_row)
    }

    async fn balances(&self, query: BalanceQuery) -> Result<Vec<BalanceRow>, StoreError> {
        let sql = query::balances(Dialect::Postgres, &query);
        let rows = self.query_sql(&sql).await?;
        let rows = rows
            .iter()
            .map(|row| {
                Ok(BalanceRow {
                    account: row.try_get(0)?,
                    currency: row.try_get(1)?,
                    amount_minor: row.try_get(2)?,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        query::check_balance_rows(rows)
    }

    async fn postings(
        &self,
        query: PostingQuery,
    ) -> Result<Page<PostingRow, PostingCursor>, StoreError> {
        let sql = query::postings(Dialect::Postgres, &query)?;
        let rows = collect(&self.query_sql(&sql).await?, posting_from_row)?;
        Ok(query::page(rows, query.limit, |row| PostingCursor {
            entry_index: row.entry_index,
            ordinal: row.ordinal,
        }))
    }

    async fn save_payloads(&self, payloads: Vec<PayloadRow>) -> Result<(), StoreError> {
        check_payloads(&payloads)?;
        let Some(highest) = payloads.iter().map(|row| row.entry_index).max() else {
            return Ok(());
        };
        let index: Vec<i64> =
            payloads.iter().map(|row| to_sql_index(row.entry_index)).collect::<Result<_, _>>()?;
        let field: Vec<&str> = payloads.iter().map(|row| row.field.as_str()).collect();
        let commitment: Vec<&[u8]> = payloads.iter().map(|row| row.commitment.as_slice()).collect();
        let salt: Vec<&[u8]> = payloads.iter().map(|row| row.salt.as_slice()).collect();
        let payload: Vec<&[u8]> = payloads.iter().map(|row| row.payload.as_slice()).collect();
        let client = self.client().await?;
        let (read_head, insert) = tokio::try_join!(
            client.prepare_cached("SELECT tree_size FROM log_head WHERE id = 1 FOR SHARE"),
            client.prepare_cached(INSERT_PAYLOADS),
        )?;
        // Two round trips: the log's size, read under a share lock on the head so the
        // check holds until the commit; then every row in one statement, with the commit.
        let transaction = PipelinedTransaction::new(client);
        let t = transaction.client();
        let (begun, head) = tokio::join!(transaction.begin(), t.query_one(&read_head, &[]));
        begun?;
        let tree_size = from_sql_index(head?.try_get(0)?)?;
        if highest >= tree_size {
            transaction.rollback().await?;
            return Err(StoreError::InvalidBatch(format!(
                "payload for entry {highest} but the log holds {tree_size} entries"
            )));
        }
        let params: [&(dyn ToSql + Sync); 5] = [&index, &field, &commitment, &salt, &payload];
        let (inserted, committed) = tokio::join!(t.execute(&insert, &params), transaction.commit());
        committed?;
        transaction.ended();
        inserted?;
        Ok(())
    }

    async fn payloads(&self, entry_index: u64) -> Result<Vec<PayloadRow>, StoreError> {
        let Ok(index) = to_sql_index(entry_index) else { return Ok(Vec::new()) };
        let rows = self
            .query_all(
                "SELECT field, commitment, salt, payload FROM payloads WHERE entry_index = $1
                 ORDER BY field",
                &[&index],
            )
            .await?;
        rows.iter()
            .map(|row| {
                let commitment: Vec<u8> = row.try_get(1)?;
                let salt: Vec<u8> = row.try_get(2)?;
                payload_row(entry_index, row.try_get(0)?, &commitment, &salt, row.try_get(3)?)
            })
            .collect()
    }

    async fn observations(
        &self,
        query: ObservationQuery,
    ) -> Result<Page<ObservationRow, u64>, StoreError> {
        check_limit(query.limit)?;
        let before = query.before.map_or(Ok(i64::MAX), to_sql_index).unwrap_or(i64::MAX);
        let limit = i64::from(query.limit) + 1;
        let rows = self
            .query_all(
                "SELECT entry_index, observed_at_ms, post, segment_to, position_m, category,
                     summary, attachments
                 FROM observations WHERE entry_index < $1 ORDER BY entry_index DESC LIMIT $2",
                &[&before, &limit],
            )
            .await?;
        let rows = rows
            .iter()
            .map(|row| {
                Ok(ObservationRow {
                    entry_index: from_sql_index(row.try_get(0)?)?,
                    observed_at_ms: row.try_get(1)?,
                    post: row.try_get(2)?,
                    segment_to: row.try_get(3)?,
                    position_m: row.try_get(4)?,
                    category: row.try_get(5)?,
                    summary: row.try_get(6)?,
                    attachments: u32::try_from(row.try_get::<_, i32>(7)?).unwrap_or_default(),
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(query::page(rows, query.limit, |row| row.entry_index))
    }

    async fn movement_payloads(
        &self,
        query: MovementPayloadQuery,
    ) -> Result<Page<PayloadRow, PayloadCursor>, StoreError> {
        let sql = query::movement_payloads(Dialect::Postgres, &query)?;
        let rows = self
            .query_sql(&sql)
            .await?
            .iter()
            .map(|row| {
                let entry_index = from_sql_index(row.try_get(0)?)?;
                let commitment: Vec<u8> = row.try_get(2)?;
                let salt: Vec<u8> = row.try_get(3)?;
                payload_row(entry_index, row.try_get(1)?, &commitment, &salt, row.try_get(4)?)
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(query::page(rows, query.limit, |row| PayloadCursor {
            entry_index: row.entry_index,
            field: row.field.clone(),
        }))
    }

    async fn try_acquire_leadership(&self) -> Result<bool, StoreError> {
        let mut leadership = self.leadership.lock().await;
        if leadership.is_some() {
            return Ok(true);
        }
        let client = self.connector.connect(&self.leadership_config).await?;
        let acquired: bool = client
            .query_one("SELECT pg_try_advisory_lock($1)", &[&self.leadership_key])
            .await?
            .try_get(0)?;
        if acquired {
            // Dropping `client` on an error ends its session and the lock: no election then.
            let epoch = raise_epoch(&client).await?;
            self.epoch.store(epoch, Ordering::Release);
            *leadership = Some(keep_lease(client));
            tracing::info!(schema = %self.schema, epoch, "this store now leads");
        }
        Ok(acquired)
    }

    async fn acquire_leadership(&self) -> Result<(), StoreError> {
        if self.leadership.lock().await.is_some() {
            return Ok(());
        }
        // Wait on a fresh connection without holding the mutex. If this future is dropped,
        // the connection closes and the server drops the wait (or, if the lock was granted
        // meanwhile, releases it when the backend notices the closed connection).
        // Waiting in `pg_advisory_lock` is a running statement, not an idle session: the
        // lease does not end the wait.
        let client = self.connector.connect(&self.leadership_config).await?;
        client.execute("SELECT pg_advisory_lock($1)", &[&self.leadership_key]).await?;
        let epoch = raise_epoch(&client).await?;
        let mut leadership = self.leadership.lock().await;
        if leadership.is_none() {
            self.epoch.store(epoch, Ordering::Release);
            *leadership = Some(keep_lease(client));
            tracing::info!(schema = %self.schema, epoch, "this store now leads");
        }
        Ok(())
    }

    async fn is_leader(&self) -> Result<bool, StoreError> {
        let mut leadership = self.leadership.lock().await;
        let Some(client) = leadership.as_ref() else { return Ok(false) };
        match self.leadership_held(client).await {
            Ok(true) => Ok(true),
            Ok(false) => {
                *leadership = None;
                Ok(false)
            }
            Err(error) => {
                // The connection that held the lock is gone, and the lock with it.
                tracing::warn!(%error, schema = %self.schema, "lost the leadership connection");
                *leadership = None;
                Ok(false)
            }
        }
    }

    async fn release_leadership(&self) -> Result<(), StoreError> {
        let Some(client) = self.leadership.lock().await.take() else { return Ok(()) };
        let key: [&(dyn ToSql + Sync); 1] = [&self.leadership_key];
        let unlock = client.execute("SELECT pg_advisory_unlock($1)", &key);
        let timeout = Duration::from_millis(LEADERSHIP_RELEASE_TIMEOUT_MS);
        match tokio::time::timeout(timeout, unlock).await {
            Ok(Ok(_)) => {}
            // Closing the connection below releases the lock anyway.
            Ok(Err(error)) => {
                tracing::warn!(%error, "could not unlock the leadership; closing its connection");
            }
            Err(_) => tracing::warn!(
                timeout_ms = LEADERSHIP_RELEASE_TIMEOUT_MS,
                "the unlock went unanswered; closing the leadership's connection"
            ),
        }
        drop(client);
        tracing::info!(schema = %self.schema, "this store no longer leads");
        Ok(())
    }

    fn leadership_epoch(&self) -> Option<u64> {
        Some(self.epoch.load(Ordering::Acquire)).filter(|&epoch| epoch != 0)
    }
}

/// Shares the leadership's connection with a task that speaks on it every
/// [`LEADERSHIP_HEARTBEAT_MS`], so the server's idle timeout (the lease) ends the session
/// only when this node's traffic stops reaching it. The task holds the connection weakly:
/// once the store lets it go, the connection closes and the task ends.
fn keep_lease(client: Client) -> Arc<Client> {
    let client = Arc::new(client);
    let weak = Arc::downgrade(&client);
    tokio::spawn(async move {
        let period = Duration::from_millis(LEADERSHIP_HEARTBEAT_MS);
        let mut ticker = tokio::time::interval_at(tokio::time::Instant::now() + period, period);
        ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticker.tick().await;
            let Some(client) = weak.upgrade() else { return };
            // A failed heartbeat is not acted on here: the leadership check finds the lock
            // gone and the sequencer steps down.
            let heartbeat = client.simple_query("SELECT 1");
            if tokio::time::timeout(period, heartbeat).await.is_err() || client.is_closed() {
                tracing::warn!("the leadership's heartbeat went unanswered");
            }
        }
    });
    client
}

/// Raises the leadership epoch for an election this handle just won, and returns it. The
/// update waits for a batch of the previous leader that holds the epoch's row (`FOR
/// SHARE`), so that batch is either committed before the new epoch or refused after it.
async fn raise_epoch(client: &Client) -> Result<u64, StoreError> {
    let row = client
        .query_one("UPDATE leader_epoch SET epoch = epoch + 1 WHERE id = 1 RETURNING epoch", &[])
        .await?;
    from_sql_index(row.try_get(0)?)
}

/// The leader's advertisement (see [`crate::AnyStore::advertise_leader`]).
impl PostgresStore {
    /// Records `api_url` as the leader's API address.
    pub async fn advertise_leader(&self, api_url: &str) -> Result<(), StoreError> {
        let client = self.client().await?;
        let now = crate::sqlite::now_ms();
        client
            .execute(
                "INSERT INTO leader (id, api_url, since_ms) VALUES (1, $1, $2)
                 ON CONFLICT (id) DO UPDATE SET api_url = excluded.api_url,
                     since_ms = excluded.since_ms",
                &[&api_url, &now],
            )
            .await?;
        Ok(())
    }

    /// The address the last elected leader advertised, if any.
    pub async fn leader(&self) -> Result<Option<crate::LeaderRow>, StoreError> {
        let row = self
            .query_one_optional("SELECT api_url, since_ms FROM leader WHERE id = 1", &[])
            .await?;
        row.map(|row| Ok(crate::LeaderRow { api_url: row.try_get(0)?, since_ms: row.try_get(1)? }))
            .transpose()
    }
}
