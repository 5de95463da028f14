//! Durable persistence for the node: embedded SQLite by default, PostgreSQL for scale-out.
//!
//! The store keeps the log (entries, C2SP tlog-tiles hash tiles and entry bundles,
//! checkpoints) and the core's projections (movements, their history, ledger postings,
//! incidents, the core's state snapshot). It knows neither the log library nor the core:
//! it stores plain rows ([`Entry`], [`HashTile`], [`EntryBundle`], [`MovementRow`],
//! [`PostingRow`], [`IncidentRow`], [`StateSnapshot`], ...) made of strings, integers and
//! bytes, and the node maps its values to and from them.
//!
//! # Guarantees
//!
//! - [`Store::append_batch`] writes a batch's entries, tiles, optional checkpoint and
//!   projections in one transaction with one durable commit (SQLite:
//!   `synchronous=FULL` in WAL mode, so the commit is fsynced before it returns;
//!   PostgreSQL: `synchronous_commit` as the server is configured, `on` by default). After a
//!   crash the log and the projections agree, and every acknowledged batch is there.
//! - [`Store::write_snapshot`] writes the core's state snapshot beside the batches (SQLite:
//!   in chunks of [`SNAPSHOT_CHUNK_BYTES`], each its own short transaction; PostgreSQL: one
//!   transaction on a connection of its own), and recovery reads it only once complete: a
//!   crash part-way leaves the previous snapshot in use.
//! - A statement already in the log is refused with [`StoreError::DuplicateStatement`] and
//!   its first index, checked under the write lock before anything is written. The
//!   statement-hash index behind that check and [`Store::find_statements`] is merged in
//!   sorted bulk every [`STATEMENT_MERGE_ENTRIES`] entries; each handle holds the newer
//!   hashes in memory (about 80 bytes an entry), rebuilt from the log at need.
//! - A batch whose first index is not the log's current size is refused with
//!   [`StoreError::IndexMismatch`] inside the transaction, so two writers can never fork
//!   the log, whatever the leadership says.
//! - One sequencer at a time: [`Store::try_acquire_leadership`] and friends elect it
//!   through the database (PostgreSQL: a session advisory lock on a dedicated connection,
//!   lost when that connection dies; SQLite: an exclusive lock on a file beside the
//!   database, lost when the process dies). Each election raises a leadership epoch kept
//!   in the database, and a handle that led commits only while the epoch is still its own
//!   ([`StoreError::LeadershipLost`]), so a leader cut off from its lock stops committing
//!   as soon as a successor is elected.
//!
//! # Using it from the node
//!
//! [`Store`] uses `async fn` in a trait whose futures are `Send`, so a node can be generic
//! over `S: Store`, or hold an [`AnyStore`] chosen at start from a [`StoreConfig`].
//!
//! ```no_run
//! use passage_store::{AnyStore, AppendBatch, Entry, EntryCursor, SqliteConfig, Store, StoreConfig};
//!
//! # async fn run() -> Result<(), passage_store::StoreError> {
//! let store = AnyStore::open(StoreConfig::Sqlite(SqliteConfig::new("passage.db"))).await?;
//! store.acquire_leadership().await?; // a follower waits here
//! let recovery = store.recovery().await?;
//! // Decode `recovery.snapshot`, then replay the tail:
//! let mut tail = EntryCursor::new(recovery.replay_from, 4_096);
//! while let Some(entries) = tail.next_chunk(&store).await? { /* core.apply each */ }
//! // Sequence: one batch per group commit, starting at the current size.
//! let entry = Entry {
//!     index: recovery.tree_size,
//!     bytes: b"statement".to_vec(),
//!     statement_sha256: [7; 32],
//!     sequenced_at_ms: 1_700_000_000_000,
//! };
//! let batch = AppendBatch { entries: vec![entry], ..AppendBatch::default() };
//! let appended = store.append_batch(batch).await?;
//! assert_eq!(appended.tree_size, recovery.tree_size + 1);
//! # Ok(())
//! # }
//! ```

mod check;
mod error;
#[cfg(feature = "testing")]
pub mod faults;
mod migrations;
mod postgres;
pub mod postgres_tls;
mod query;
mod rows;
mod sqlite;
mod statements;

use std::future::Future;

pub use check::bundle_prefix;
pub use error::StoreError;
pub use postgres::{PostgresConfig, PostgresStore};
pub use rows::*;
pub use sqlite::{SqliteConfig, SqliteStore};
pub use statements::STATEMENT_MERGE_ENTRIES;

/// Largest entry: tlog-tiles entry bundles prefix each entry with a 16-bit length.
pub const ENTRY_BYTES_MAX: usize = 65_535;
/// Most entries in one batch. At 400 bytes an entry this is about 3.3 MB per transaction,
/// and 32 times the 256 at which group commit already makes fsync negligible.
pub const BATCH_ENTRIES_MAX: usize = 8_192;
/// Largest index or size the store accepts: the databases store them as signed 64-bit.
pub const INDEX_MAX: u64 = i64::MAX as u64;
/// Highest tile level: C2SP tlog-tiles levels are 0 to 63.
pub const TILE_LEVEL_MAX: u8 = 63;
/// Hashes in a full tile, and entries in a full bundle.
pub const TILE_WIDTH_MAX: u16 = 256;
/// Largest page a search returns.
pub const PAGE_SIZE_MAX: u32 = 1_000;
/// Most entries one [`Store::entries`] call returns.
pub const ENTRIES_READ_MAX: u32 = 4_096;
/// Most hashes one [`Store::find_statements`] call looks up.
pub const STATEMENT_LOOKUP_MAX: usize = BATCH_ENTRIES_MAX;
/// Most history lines returned for one movement; a movement with its 110 seal checks and
/// a few dozen other acts stays far below.
pub const HISTORY_MAX: u32 = 10_000;
/// Most balance lines one query returns (accounts × currencies).
pub const BALANCE_ROWS_MAX: u32 = 10_000;
/// Longest identifier or name stored in a text column.
pub const TEXT_BYTES_MAX: usize = 1_024;
/// Longest checkpoint note: a checkpoint with a few dozen cosignatures is a few KB.
pub const CHECKPOINT_NOTE_BYTES_MAX: usize = 64 * 1024;
/// Largest confidential payload: the core's limit on what a commitment may open to.
pub const PAYLOAD_BYTES_MAX: usize = 1 << 20;
/// Most payloads one [`Store::save_payloads`] call stores: a declaration of 110 units with
/// a description and a value each, and its consignee, is 221.
pub const PAYLOADS_PER_CALL_MAX: usize = 1_024;
/// Longest payload field name (`goods/1023/description` and the like).
pub const PAYLOAD_FIELD_BYTES_MAX: usize = 64;
/// Checkpoints whose figures ([`CheckpointFigures`]) are kept: the newest ones. At one
/// checkpoint a second this is more than an hour, longer than a full audit of fifty million
/// entries at 100,000 a second takes, so the size an auditor verified still has its
/// figures when the audit compares them; the table stays this size however long the log.
pub const CHECKPOINT_FIGURES_KEPT: u64 = 4_096;
/// Largest figures text stored for one checkpoint: [`BALANCE_ROWS_MAX`] balance lines of
/// about a hundred bytes each, and the statistics.
pub const FIGURES_BYTES_MAX: usize = 2 << 20;
/// Longest nonce of a signed read the store remembers.
pub const NONCE_BYTES_MAX: usize = 64;
/// Name under which the core's state snapshot is kept in the `snapshots` table.
pub const CORE_SNAPSHOT_NAME: &str = "core";
/// Largest chunk of a state snapshot written outside the batches. On SQLite, whose one
/// writer a batch waits for, a chunk's transaction (a mebibyte written and fsynced) holds
/// a batch for a few milliseconds at most, against most of a second for a whole snapshot
/// of a million entries (56 MB, BENCHMARKS.md).
pub const SNAPSHOT_CHUNK_BYTES: usize = 1 << 20;
/// Most chunks in one snapshot: 4 GiB, four times the core's largest snapshot.
pub const SNAPSHOT_CHUNKS_MAX: u32 = 4_096;

/// The durable store the node runs on. Both backends pass one shared test suite.
///
/// A dropped future never leaves a partial batch: a transaction commits whole or not at
/// all. But a dropped `append_batch` may still have committed (SQLite finishes the work on
/// its blocking thread; PostgreSQL may have received the commit), so a sequencer that gives
/// up on an append must reload the size with [`Store::tree_size`] before the next batch;
/// [`StoreError::IndexMismatch`] tells it so if it does not.
pub trait Store: Send + Sync + 'static {
    /// Appends one sequencer batch in one durable transaction: entries, the tiles and
    /// bundles it changed, an optional checkpoint and the projections (the core's state
    /// snapshot goes beside the batches, through [`Store::write_snapshot`]). Refuses a batch not starting at the current size
    /// ([`StoreError::IndexMismatch`]) and a statement already in the log
    /// ([`StoreError::DuplicateStatement`]); a refused batch writes nothing.
    fn append_batch(
        &self,
        batch: AppendBatch,
    ) -> impl Future<Output = Result<Appended, StoreError>> + Send;

    /// Writes a state snapshot outside the batches; recovery uses it once it is complete
    /// and only if it covers more entries than the stored one. Returns whether it became
    /// the snapshot recovery reads (`false`: a snapshot covering as many entries or more
    /// is stored).
    ///
    /// The state is cut into chunks of [`SNAPSHOT_CHUNK_BYTES`]. SQLite writes each chunk
    /// in its own short transaction, so batches run between them, and points the
    /// `snapshots` row at them in a last one ([`Store::save_snapshot_chunk`], then
    /// [`Store::complete_snapshot`]); a crash part-way leaves the previous snapshot in use.
    /// PostgreSQL writes everything in one transaction on a pooled connection of its own,
    /// beside the batches. Either way a handle that led writes only while its leadership
    /// epoch is current ([`StoreError::LeadershipLost`]), and chunks of unfinished or
    /// superseded snapshots are deleted. Refused with [`StoreError::InvalidBatch`] for a
    /// snapshot covering more entries than the log holds or with a root not of 32 bytes.
    fn write_snapshot(
        &self,
        snapshot: StateSnapshot,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;

    /// Stores one chunk of a snapshot being written, in a transaction of its own (a chunk
    /// stored again replaces the earlier copy). Not read by recovery before
    /// [`Store::complete_snapshot`]. Refused past [`SNAPSHOT_CHUNK_BYTES`] or
    /// [`SNAPSHOT_CHUNKS_MAX`], and once the handle's leadership epoch is gone.
    fn save_snapshot_chunk(
        &self,
        chunk: SnapshotChunk,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Makes the stored chunks `0..head.chunk_count` of `head.tree_size` the snapshot
    /// recovery reads, if it covers more entries than the stored one; returns whether it
    /// did. Refused ([`StoreError::InvalidBatch`]) if a chunk is missing or the log holds
    /// fewer entries, and once the handle's leadership epoch is gone.
    fn complete_snapshot(
        &self,
        head: SnapshotHead,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;

    /// Number of entries in the log.
    fn tree_size(&self) -> impl Future<Output = Result<u64, StoreError>> + Send;

    /// What the node needs to resume after a restart or a crash.
    fn recovery(&self) -> impl Future<Output = Result<Recovery, StoreError>> + Send;

    /// Up to `limit` (at most [`ENTRIES_READ_MAX`]) entries from `start`, in order.
    fn entries(
        &self,
        start: u64,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<Entry>, StoreError>> + Send;

    /// The entry at `index`, if the log holds it.
    fn entry(&self, index: u64) -> impl Future<Output = Result<Option<Entry>, StoreError>> + Send;

    /// The statements among `hashes` (at most [`STATEMENT_LOOKUP_MAX`]) that the log
    /// already holds, with their indexes: how a resubmission is answered idempotently.
    fn find_statements(
        &self,
        hashes: &[[u8; 32]],
    ) -> impl Future<Output = Result<Vec<StatementIndex>, StoreError>> + Send;

    /// The first `width` hashes of hash tile (`level`, `index`), if the stored tile is at
    /// least that wide (`width` 256 asks for the full tile).
    fn hash_tile(
        &self,
        level: u8,
        index: u64,
        width: u16,
    ) -> impl Future<Output = Result<Option<Vec<u8>>, StoreError>> + Send;

    /// The first `width` entries of entry bundle `index`, if the stored bundle is at least
    /// that wide.
    fn entry_bundle(
        &self,
        index: u64,
        width: u16,
    ) -> impl Future<Output = Result<Option<Vec<u8>>, StoreError>> + Send;

    /// Stores a signed checkpoint outside a batch (the publisher's timer). Storing the same
    /// note again is a no-op; a different note for a stored size is refused.
    fn save_checkpoint(
        &self,
        checkpoint: NewCheckpoint,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Records the checkpoint with its witnesses' cosignatures.
    fn set_checkpoint_cosigned(
        &self,
        tree_size: u64,
        cosigned_note: &str,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Marks the checkpoint published at `published_at_ms`.
    fn mark_checkpoint_published(
        &self,
        tree_size: u64,
        published_at_ms: i64,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// The checkpoint stored for `tree_size`.
    fn checkpoint(
        &self,
        tree_size: u64,
    ) -> impl Future<Output = Result<Option<CheckpointRow>, StoreError>> + Send;

    /// Stores what the node publishes about its state at a stored checkpoint's size (the
    /// publisher calls it before marking the checkpoint published), and forgets the
    /// figures of all but the newest [`CHECKPOINT_FIGURES_KEPT`] checkpoints. Storing the
    /// same figures again is a no-op; other figures for a stored size are refused
    /// ([`StoreError::CheckpointConflict`]), as is a size with no stored checkpoint
    /// ([`StoreError::CheckpointNotFound`]) or figures out of bounds
    /// ([`StoreError::InvalidBatch`]).
    fn save_checkpoint_figures(
        &self,
        figures: CheckpointFigures,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// The figures stored for the checkpoint of `tree_size`, if kept.
    fn checkpoint_figures(
        &self,
        tree_size: u64,
    ) -> impl Future<Output = Result<Option<CheckpointFigures>, StoreError>> + Send;

    /// One page of movements as of a batch boundary (a checkpoint's size), in reference
    /// order: each movement declared below it, with its status then. A page may hold fewer
    /// lines than asked (movements declared later are scanned and left out); `next` says
    /// whether another follows.
    fn movement_statuses(
        &self,
        query: MovementStatusQuery,
    ) -> impl Future<Output = Result<Page<MovementStatusRow, String>, StoreError>> + Send;

    /// Remembers the nonce of a signed read, once, in one durable transaction: first
    /// forgets every nonce expired at `now_ms`, then refuses a nonce the reader used before
    /// ([`NonceAdmission::Replayed`]) or a reader already holding `per_reader_max` nonces
    /// ([`NonceAdmission::ReaderFull`]), and otherwise keeps it until its expiry. Every
    /// node of a group shares the table, so a nonce is taken once across restarts and
    /// nodes. (On PostgreSQL two nodes admitting one reader's requests at the same instant
    /// may each see the count below the bound: the bound holds within a few.) Refused with
    /// [`StoreError::InvalidQuery`] for a nonce longer than [`NONCE_BYTES_MAX`] or a bound
    /// of 0.
    fn admit_nonce(
        &self,
        nonce: RequestNonce,
        now_ms: i64,
        per_reader_max: u32,
    ) -> impl Future<Output = Result<NonceAdmission, StoreError>> + Send;

    /// The newest published checkpoint: what `GET <prefix>/checkpoint` serves.
    fn latest_published_checkpoint(
        &self,
    ) -> impl Future<Output = Result<Option<CheckpointRow>, StoreError>> + Send;

    /// The movement with this reference.
    fn movement(
        &self,
        reference: &str,
    ) -> impl Future<Output = Result<Option<MovementRow>, StoreError>> + Send;

    /// Indexes of the entries that touched this movement, ascending, at most
    /// [`HISTORY_MAX`].
    fn movement_history(
        &self,
        reference: &str,
    ) -> impl Future<Output = Result<Vec<u64>, StoreError>> + Send;

    /// One page of movements matching the query, in `(declared_at_ms, reference)` order.
    fn search_movements(
        &self,
        query: MovementQuery,
    ) -> impl Future<Output = Result<Page<MovementRow, MovementCursor>, StoreError>> + Send;

    /// How many movements match the filter.
    fn count_movements(
        &self,
        filter: MovementFilter,
    ) -> impl Future<Output = Result<u64, StoreError>> + Send;

    /// Movements per status, by status name.
    fn movement_status_counts(
        &self,
    ) -> impl Future<Output = Result<Vec<StatusCount>, StoreError>> + Send;

    /// The incident with this id.
    fn incident(
        &self,
        id: &str,
    ) -> impl Future<Output = Result<Option<IncidentRow>, StoreError>> + Send;

    /// One page of incidents matching the query, in `(opened_at_ms, id)` order.
    fn search_incidents(
        &self,
        query: IncidentQuery,
    ) -> impl Future<Output = Result<Page<IncidentRow, IncidentCursor>, StoreError>> + Send;

    /// Incidents per status, by status name.
    fn incident_status_counts(
        &self,
    ) -> impl Future<Output = Result<Vec<StatusCount>, StoreError>> + Send;

    /// Sums of postings per account and currency over a period, by account then currency;
    /// refused with [`StoreError::InvalidQuery`] past [`BALANCE_ROWS_MAX`] lines.
    fn balances(
        &self,
        query: BalanceQuery,
    ) -> impl Future<Output = Result<Vec<BalanceRow>, StoreError>> + Send;

    /// One page of an account's postings (a statement of account).
    fn postings(
        &self,
        query: PostingQuery,
    ) -> impl Future<Output = Result<Page<PostingRow, PostingCursor>, StoreError>> + Send;

    /// Stores confidential payloads of entries already in the log (at most
    /// [`PAYLOADS_PER_CALL_MAX`]), durably, before it returns. The caller has checked each
    /// against its commitment. A payload already stored for the same entry and field is
    /// left as it is (the commitment binds it, so a second copy is the same data). Refused
    /// with [`StoreError::InvalidBatch`] for an entry beyond the log or a payload out of
    /// bounds; a refused call stores nothing.
    fn save_payloads(
        &self,
        payloads: Vec<PayloadRow>,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// The payloads stored for an entry, by field.
    fn payloads(
        &self,
        entry_index: u64,
    ) -> impl Future<Output = Result<Vec<PayloadRow>, StoreError>> + Send;

    /// One page of the payloads stored for the entries of a movement's history, in
    /// `(entry_index, field)` order.
    fn movement_payloads(
        &self,
        query: MovementPayloadQuery,
    ) -> impl Future<Output = Result<Page<PayloadRow, PayloadCursor>, StoreError>> + Send;

    /// One page of the monitors' observations, newest first (by entry); the page's `next`
    /// is the `before` of the following page. An index range scan, whatever the log's length.
    fn observations(
        &self,
        query: ObservationQuery,
    ) -> impl Future<Output = Result<Page<ObservationRow, u64>, StoreError>> + Send;

    /// Tries to become the sequencer without waiting; `true` if this store now leads
    /// (also when it already did).
    fn try_acquire_leadership(&self) -> impl Future<Output = Result<bool, StoreError>> + Send;

    /// Waits until this store leads. A follower runs this in the background and starts
    /// sequencing when it returns.
    fn acquire_leadership(&self) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Whether this store still leads: `false` once the leadership was released or the
    /// connection holding it died. The sequencer checks it before each batch.
    fn is_leader(&self) -> impl Future<Output = Result<bool, StoreError>> + Send;

    /// Gives up the leadership, if held.
    fn release_leadership(&self) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// The leadership epoch this handle was last elected in, `None` if it never led.
    ///
    /// Every election raises the database's epoch, and once a handle has led, each of its
    /// batches checks inside its transaction that the database is still at that handle's
    /// epoch ([`StoreError::LeadershipLost`] otherwise). So a leader cut off from its lock
    /// commits nothing once a successor is elected. A handle that never led is not fenced.
    fn leadership_epoch(&self) -> Option<u64>;
}

/// Reads the log in order in chunks of bounded size, for a replay or an audit.
#[derive(Clone, Debug)]
pub struct EntryCursor {
    next_index: u64,
    chunk: u32,
}

impl EntryCursor {
    /// A cursor starting at `start`, reading `chunk` (1 to [`ENTRIES_READ_MAX`]) entries
    /// at a time.
    pub fn new(start: u64, chunk: u32) -> EntryCursor {
        EntryCursor { next_index: start, chunk: chunk.clamp(1, ENTRIES_READ_MAX) }
    }

    /// The next chunk, or `None` at the end of the log.
    pub async fn next_chunk<S: Store>(
        &mut self,
        store: &S,
    ) -> Result<Option<Vec<Entry>>, StoreError> {
        let entries = store.entries(self.next_index, self.chunk).await?;
        let Some(last) = entries.last() else { return Ok(None) };
        let dense = entries.first().is_some_and(|first| first.index == self.next_index)
            && last.index == self.next_index + entries.len() as u64 - 1;
        if !dense {
            return Err(StoreError::Corrupt(format!(
                "the log has a gap after entry {}",
                self.next_index.saturating_sub(1)
            )));
        }
        self.next_index = last.index + 1;
        Ok(Some(entries))
    }
}

/// Which backend to open, as the node's configuration says.
#[derive(Clone, Debug)]
pub enum StoreConfig {
    /// Embedded SQLite in one file.
    Sqlite(SqliteConfig),
    /// A PostgreSQL server shared by several nodes.
    Postgres(PostgresConfig),
    /// The store `inner` configures, failing as the shared plan `faults` says (a test
    /// double, feature `testing`: see [`faults`]).
    #[cfg(feature = "testing")]
    Faulty {
        /// The real store.
        inner: Box<StoreConfig>,
        /// The plan, shared with the test.
        faults: std::sync::Arc<faults::Faults>,
    },
}

/// Either backend, for a node that picks one at start.
#[derive(Debug)]
pub enum AnyStore {
    /// Embedded SQLite.
    Sqlite(SqliteStore),
    /// PostgreSQL (boxed: its pool and configuration are much larger than SQLite's handle).
    Postgres(Box<PostgresStore>),
    /// A real store failing as a test's plan says (feature `testing`: see [`faults`]).
    #[cfg(feature = "testing")]
    Faulty(Box<faults::FaultyStore>),
}

impl AnyStore {
    /// Records `api_url` as the API address of the node that sequences. The leader writes
    /// it once elected; the other nodes on the same database read it with
    /// [`AnyStore::leader`] to forward writes there. It may name a leader that has since
    /// died, until the next one is elected.
    pub async fn advertise_leader(&self, api_url: &str) -> Result<(), StoreError> {
        match self {
            AnyStore::Sqlite(store) => store.advertise_leader(api_url).await,
            AnyStore::Postgres(store) => store.advertise_leader(api_url).await,
            #[cfg(feature = "testing")]
            AnyStore::Faulty(store) => faults::real!(store.advertise_leader(api_url)),
        }
    }

    /// The address the last elected leader advertised, if any.
    pub async fn leader(&self) -> Result<Option<LeaderRow>, StoreError> {
        match self {
            AnyStore::Sqlite(store) => store.leader().await,
            AnyStore::Postgres(store) => store.leader().await,
            #[cfg(feature = "testing")]
            AnyStore::Faulty(store) => faults::real!(store.leader()),
        }
    }

    /// Opens the configured backend and runs its migrations.
    pub async fn open(config: StoreConfig) -> Result<AnyStore, StoreError> {
        Ok(match config {
            StoreConfig::Sqlite(config) => AnyStore::Sqlite(SqliteStore::open(config).await?),
            StoreConfig::Postgres(config) => {
                AnyStore::Postgres(Box::new(PostgresStore::open(config).await?))
            }
            #[cfg(feature = "testing")]
            StoreConfig::Faulty { inner, faults } => {
                let inner = match *inner {
                    StoreConfig::Sqlite(config) => {
                        AnyStore::Sqlite(SqliteStore::open(config).await?)
                    }
                    StoreConfig::Postgres(config) => {
                        AnyStore::Postgres(Box::new(PostgresStore::open(config).await?))
                    }
                    StoreConfig::Faulty { .. } => {
                        return Err(StoreError::InvalidConfig(
                            "a faulty store wraps a real store, not another faulty one".into(),
                        ));
                    }
                };
                AnyStore::Faulty(Box::new(faults::FaultyStore::new(inner, faults)?))
            }
        })
    }
}

/// Forwards a trait method to whichever backend this is.
macro_rules! dispatch {
    ($self:ident . $method:ident ( $($argument:expr),* )) => {
        match $self {
            AnyStore::Sqlite(store) => store.$method($($argument),*).await,
            AnyStore::Postgres(store) => store.$method($($argument),*).await,
            #[cfg(feature = "testing")]
            AnyStore::Faulty(store) => faults::real!(store.$method($($argument),*)),
        }
    };
}

/// As `dispatch!`, for the calls a faulty store can fail: those go through its plan.
macro_rules! dispatch_faulty {
    ($self:ident . $method:ident ( $($argument:expr),* )) => {
        match $self {
            AnyStore::Sqlite(store) => store.$method($($argument),*).await,
            AnyStore::Postgres(store) => store.$method($($argument),*).await,
            #[cfg(feature = "testing")]
            AnyStore::Faulty(store) => store.$method($($argument),*).await,
        }
    };
}

impl Store for AnyStore {
    async fn append_batch(&self, batch: AppendBatch) -> Result<Appended, StoreError> {
        dispatch_faulty!(self.append_batch(batch))
    }
    async fn tree_size(&self) -> Result<u64, StoreError> {
        dispatch!(self.tree_size())
    }
    async fn write_snapshot(&self, snapshot: StateSnapshot) -> Result<bool, StoreError> {
        dispatch_faulty!(self.write_snapshot(snapshot))
    }
    async fn save_snapshot_chunk(&self, chunk: SnapshotChunk) -> Result<(), StoreError> {
        dispatch_faulty!(self.save_snapshot_chunk(chunk))
    }
    async fn complete_snapshot(&self, head: SnapshotHead) -> Result<bool, StoreError> {
        dispatch!(self.complete_snapshot(head))
    }
    async fn recovery(&self) -> Result<Recovery, StoreError> {
        dispatch!(self.recovery())
    }
    async fn entries(&self, start: u64, limit: u32) -> Result<Vec<Entry>, StoreError> {
        dispatch!(self.entries(start, limit))
    }
    async fn entry(&self, index: u64) -> Result<Option<Entry>, StoreError> {
        dispatch!(self.entry(index))
    }
    async fn find_statements(
        &self,
        hashes: &[[u8; 32]],
    ) -> Result<Vec<StatementIndex>, StoreError> {
        dispatch!(self.find_statements(hashes))
    }
    async fn hash_tile(
        &self,
        level: u8,
        index: u64,
        width: u16,
    ) -> Result<Option<Vec<u8>>, StoreError> {
        dispatch!(self.hash_tile(level, index, width))
    }
    async fn entry_bundle(&self, index: u64, width: u16) -> Result<Option<Vec<u8>>, StoreError> {
        dispatch!(self.entry_bundle(index, width))
    }
    async fn save_checkpoint(&self, checkpoint: NewCheckpoint) -> Result<(), StoreError> {
        dispatch!(self.save_checkpoint(checkpoint))
    }
    async fn set_checkpoint_cosigned(
        &self,
        tree_size: u64,
        cosigned_note: &str,
    ) -> Result<(), StoreError> {
        dispatch!(self.set_checkpoint_cosigned(tree_size, cosigned_note))
    }
    async fn mark_checkpoint_published(
        &self,
        tree_size: u64,
        published_at_ms: i64,
    ) -> Result<(), StoreError> {
        dispatch!(self.mark_checkpoint_published(tree_size, published_at_ms))
    }
    async fn checkpoint(&self, tree_size: u64) -> Result<Option<CheckpointRow>, StoreError> {
        dispatch!(self.checkpoint(tree_size))
    }
    async fn latest_published_checkpoint(&self) -> Result<Option<CheckpointRow>, StoreError> {
        dispatch!(self.latest_published_checkpoint())
    }
    async fn save_checkpoint_figures(&self, figures: CheckpointFigures) -> Result<(), StoreError> {
        dispatch!(self.save_checkpoint_figures(figures))
    }
    async fn admit_nonce(
        &self,
        nonce: RequestNonce,
        now_ms: i64,
        per_reader_max: u32,
    ) -> Result<NonceAdmission, StoreError> {
        dispatch!(self.admit_nonce(nonce, now_ms, per_reader_max))
    }
    async fn checkpoint_figures(
        &self,
        tree_size: u64,
    ) -> Result<Option<CheckpointFigures>, StoreError> {
        dispatch!(self.checkpoint_figures(tree_size))
    }
    async fn movement_statuses(
        &self,
        query: MovementStatusQuery,
    ) -> Result<Page<MovementStatusRow, String>, StoreError> {
        dispatch!(self.movement_statuses(query))
    }
    async fn movement(&self, reference: &str) -> Result<Option<MovementRow>, StoreError> {
        dispatch!(self.movement(reference))
    }
    async fn movement_history(&self, reference: &str) -> Result<Vec<u64>, StoreError> {
        dispatch!(self.movement_history(reference))
    }
    async fn search_movements(
        &self,
        query: MovementQuery,
    ) -> Result<Page<MovementRow, MovementCursor>, StoreError> {
        dispatch!(self.search_movements(query))
    }
    async fn count_movements(&self, filter: MovementFilter) -> Result<u64, StoreError> {
        dispatch!(self.count_movements(filter))
    }
    async fn movement_status_counts(&self) -> Result<Vec<StatusCount>, StoreError> {
        dispatch!(self.movement_status_counts())
    }
    async fn incident(&self, id: &str) -> Result<Option<IncidentRow>, StoreError> {
        dispatch!(self.incident(id))
    }
    async fn search_incidents(
        &self,
        query: IncidentQuery,
    ) -> Result<Page<IncidentRow, IncidentCursor>, StoreError> {
        dispatch!(self.search_incidents(query))
    }
    async fn incident_status_counts(&self) -> Result<Vec<StatusCount>, StoreError> {
        dispatch!(self.incident_status_counts())
    }
    async fn balances(&self, query: BalanceQuery) -> Result<Vec<BalanceRow>, StoreError> {
        dispatch!(self.balances(query))
    }
    async fn save_payloads(&self, payloads: Vec<PayloadRow>) -> Result<(), StoreError> {
        dispatch_faulty!(self.save_payloads(payloads))
    }
    async fn payloads(&self, entry_index: u64) -> Result<Vec<PayloadRow>, StoreError> {
        dispatch!(self.payloads(entry_index))
    }
    async fn postings(
        &self,
        query: PostingQuery,
    ) -> Result<Page<PostingRow, PostingCursor>, StoreError> {
        dispatch!(self.postings(query))
    }
    async fn movement_payloads(
        &self,
        query: MovementPayloadQuery,
    ) -> Result<Page<PayloadRow, PayloadCursor>, StoreError> {
        dispatch!(self.movement_payloads(query))
    }
    async fn observations(
        &self,
        query: ObservationQuery,
    ) -> Result<Page<ObservationRow, u64>, StoreError> {
        dispatch!(self.observations(query))
    }
    async fn try_acquire_leadership(&self) -> Result<bool, StoreError> {
        dispatch!(self.try_acquire_leadership())
    }
    async fn acquire_leadership(&self) -> Result<(), StoreError> {
        dispatch!(self.acquire_leadership())
    }
    async fn is_leader(&self) -> Result<bool, StoreError> {
        dispatch!(self.is_leader())
    }
    async fn release_leadership(&self) -> Result<(), StoreError> {
        dispatch!(self.release_leadership())
    }
    fn leadership_epoch(&self) -> Option<u64> {
        match self {
            AnyStore::Sqlite(store) => store.leadership_epoch(),
            AnyStore::Postgres(store) => store.leadership_epoch(),
            #[cfg(feature = "testing")]
            AnyStore::Faulty(store) => match store.inner() {
                AnyStore::Sqlite(store) => store.leadership_epoch(),
                AnyStore::Postgres(store) => store.leadership_epoch(),
                AnyStore::Faulty(_) => unreachable!("a faulty store wraps a real one"),
            },
        }
    }
}
