//! The store's errors: variants a caller can act on, messages a person can act on.

use std::fmt;

/// Everything a store operation can fail with.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The batch does not start at the log's current size: another sequencer wrote, or this
    /// one is stale. Nothing was written; the caller must reload its state before retrying.
    #[error(
        "batch starts at index {batch_first_index} but the log holds {tree_size} entries; \
         another sequencer wrote or this one is stale, so reload the state and resequence"
    )]
    IndexMismatch {
        /// The log's size when the batch was refused.
        tree_size: u64,
        /// Index of the batch's first entry.
        batch_first_index: u64,
    },
    /// This handle was elected in leadership epoch `epoch`, and another node has been
    /// elected since: it no longer leads. Nothing was written; the caller must stop
    /// sequencing and acknowledge nothing of the batch.
    #[error(
        "this node was elected in leadership epoch {epoch} but the database is at epoch \
         {current_epoch}: another node leads now, so this one must stop sequencing; nothing \
         of the batch was written"
    )]
    LeadershipLost {
        /// The epoch this handle was elected in.
        epoch: u64,
        /// The epoch the database holds.
        current_epoch: u64,
    },
    /// A statement of the batch is already in the log. Nothing was written; the caller
    /// should answer that statement with `index` and resubmit the rest.
    #[error("statement {} is already in the log at index {index}", Hex(statement_sha256))]
    DuplicateStatement {
        /// SHA-256 of the signed statement.
        statement_sha256: [u8; 32],
        /// Index of the entry that holds it.
        index: u64,
    },
    /// The batch breaks a rule the store checks before writing; nothing was written.
    #[error("invalid batch: {0}")]
    InvalidBatch(String),
    /// A query is out of bounds (page size, read size).
    #[error("invalid query: {0}")]
    InvalidQuery(String),
    /// The configuration cannot be used.
    #[error("invalid store configuration: {0}")]
    InvalidConfig(String),
    /// No checkpoint is stored for this tree size.
    #[error("no checkpoint is stored for tree size {tree_size}")]
    CheckpointNotFound {
        /// The size asked for.
        tree_size: u64,
    },
    /// A different checkpoint is already stored for this size.
    #[error("a different checkpoint is already stored for tree size {tree_size}")]
    CheckpointConflict {
        /// The size concerned.
        tree_size: u64,
    },
    /// A checkpoint names a size the log has not reached.
    #[error("checkpoint for tree size {checkpoint_size} but the log holds {tree_size} entries")]
    CheckpointBeyondLog {
        /// The checkpoint's size.
        checkpoint_size: u64,
        /// The log's size.
        tree_size: u64,
    },
    /// The database was written by a newer version of Passage; refusing to touch it.
    #[error(
        "the database schema is at version {found}, newer than the {known} this build knows; \
         run a newer Passage"
    )]
    SchemaTooNew {
        /// The version found in the database.
        found: i64,
        /// The newest version this build knows.
        known: i64,
    },
    /// A stored value does not have the shape the schema promises.
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    /// The SQLite database failed.
    #[error("SQLite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The PostgreSQL connection's TLS settings are refused, or its TLS handshake failed
    /// (the server's certificate refused, with what is wrong with it).
    #[error(transparent)]
    PostgresTls(#[from] crate::postgres_tls::PostgresTlsError),
    /// The PostgreSQL server failed or the connection broke.
    #[error("PostgreSQL: {0}")]
    Postgres(#[from] tokio_postgres::Error),
    /// No PostgreSQL connection could be taken from the pool.
    #[error("PostgreSQL connection pool: {0}")]
    Pool(#[from] deadpool_postgres::PoolError),
    /// The store did not answer within the caller's deadline; the work may still have
    /// taken effect.
    #[error("the store did not answer within {ms} ms")]
    TimedOut {
        /// The deadline.
        ms: u64,
    },
    /// The runtime is shutting down and the database work was cancelled.
    #[error("the store's work was cancelled because the runtime is shutting down")]
    ShuttingDown,
    /// A test's fault plan failed this call on purpose (feature `testing`: see
    /// [`crate::faults`]). `when` says whether the store had persisted the call's work
    /// ([`When::AfterPersisting`](crate::faults::When::AfterPersisting)) or not.
    #[cfg(feature = "testing")]
    #[error("injected fault: call {call} of {point} failed {when}")]
    Injected {
        /// The call that failed.
        point: crate::faults::FaultPoint,
        /// Its number among the calls at that point since the store opened, from 1.
        call: u64,
        /// Before or after the store's work.
        when: crate::faults::When,
    },
    /// A file operation failed (the SQLite database's lock file).
    #[error("{context}: {source}")]
    Io {
        /// What was being done.
        context: String,
        /// The cause.
        source: std::io::Error,
    },
}

/// Lower-case hex for messages.
struct Hex<'a>(&'a [u8]);

impl fmt::Display for Hex<'_> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|byte| write!(formatter, "{byte:02x}"))
    }
}
