//! The witness's durable state: per log origin the latest cosigned checkpoint, the recent
//! ones before it, the evidence of misbehaviour it refused, and a guard file that a
//! restored old database cannot undo.
//!
//! Cosigned history. Besides the latest, the witness keeps the (size, root) of the last
//! [`COSIGNED_KEPT_PER_LOG_MAX`] checkpoints it cosigned per log, so that a checkpoint the
//! log signs for one of those sizes with another root is recorded as a fork, not only one
//! of the latest size. All of them would grow without end (ten years at one checkpoint a
//! second is 315 million rows, some 15 GB); the window is bounded and still enough: a fork
//! of an older size cannot get cosigned anyway (the witness only moves forward from its
//! latest), so the history adds evidence, not safety, and a log shows a fork to its
//! witnesses near its head, where the window is.
//!
//! Evidence. Each record is something the log signed and cannot deny (a fork), or a
//! rollback of the witness's own database. A record is kept once (by its reason, which
//! names the sizes and roots), at most [`EVIDENCE_PER_LOG_MAX`] per log, and listed in
//! pages ([`EVIDENCE_PAGE_MAX`]) in an order that puts real forks first: forks before
//! rollbacks, and each log's first fork before any log's second, so a log that floods the
//! witness with forks of its own cannot push another log's fork off the first page.
//!
//! State lives in one SQLite file with `synchronous=FULL`; every decision runs inside one
//! `BEGIN IMMEDIATE` transaction, so the old-size check and the update are atomic even if
//! two witness processes were pointed at the same file.
//!
//! Rollback guard. If the database is replaced by an older copy (a restored backup, a
//! snapshot rolled back), the witness would believe it last cosigned an older checkpoint and
//! could be led to cosign a fork branching after it: two inconsistent cosignatures under one
//! key. So before committing each new state the witness writes the same (size, root) to a
//! guard file beside the database (or on another medium: it is configurable), atomically and
//! durably. On open, for each origin the guard is compared with the database:
//! - guard == database: normal.
//! - guard ahead of the database (larger size): the database was rolled back, or the process
//!   stopped between the guard write and the commit. Either way the guard holds a checkpoint
//!   this witness vowed to, so the witness adopts it as its latest state (it forgets nothing
//!   it signed) and records the rollback in the evidence table.
//! - same size, different root, or database ahead of a guard that names the origin: the files
//!   do not belong together; opening fails with [`StoreError::GuardMismatch`] and an operator
//!   must decide. A witness never guesses in favour of cosigning.
//!
//! The guard defends against a restored database, not against an attacker who restores both
//! files: keep the guard where backups are not restored from.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use passage_log::{HASH_BYTES, Hash};
use rusqlite::{Connection, OptionalExtension as _, TransactionBehavior, params};

/// Largest guard file we read: one line per log origin, a few hundred logs at most.
pub const GUARD_BYTES_MAX: u64 = 1 << 20;
/// Most evidence records in one page of the listing: 100 records of a few hundred bytes
/// (the request they came in, at most the tlog-witness request limit) make a page of at
/// most a few MiB, usually tens of KiB.
pub const EVIDENCE_PAGE_MAX: usize = 100;
/// Most evidence records kept per log and kind: a fork is a checkpoint the log signed at a
/// size this witness cosigned with another root, so a handful already proves the log
/// forked; a rollback is kept at most once per start of the witness.
pub const EVIDENCE_PER_LOG_MAX: usize = 100;
/// Cosigned checkpoints remembered per log, the latest included: 4,096 rows of some 50
/// bytes, 200 KiB per log; an hour at one checkpoint a second, days at the node's usual
/// pace of one when the tree grew.
pub const COSIGNED_KEPT_PER_LOG_MAX: usize = 4_096;

/// The tables, made when absent; [`migrate_evidence`] adds the columns made later.
const SCHEMA: &str = "CREATE TABLE IF NOT EXISTS latest (
    origin TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    root BLOB NOT NULL,
    note TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS evidence (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    origin TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    reason TEXT NOT NULL,
    latest_size INTEGER NOT NULL,
    latest_root BLOB NOT NULL,
    request TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS cosigned (
    origin TEXT NOT NULL,
    size INTEGER NOT NULL,
    root BLOB NOT NULL,
    PRIMARY KEY (origin, size)
) WITHOUT ROWID;";

/// Why the witness's state could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database failed.
    #[error("witness database: {0}")]
    Database(#[from] rusqlite::Error),
    /// The guard file could not be read or written.
    #[error("witness guard file {path}: {source}")]
    GuardIo {
        /// The guard file.
        path: PathBuf,
        /// What failed.
        source: std::io::Error,
    },
    /// The guard file is malformed.
    #[error("witness guard file {path} line {line} is not `<origin> <size> <base64 root>`")]
    GuardFormat {
        /// The guard file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
    },
    /// The guard and the database disagree in a way no rollback explains.
    #[error(
        "for {origin} the database holds size {database_size} and the guard size {guard_size} \
         with a different root: these files do not belong together; restore the matching pair"
    )]
    GuardMismatch {
        /// The log origin.
        origin: String,
        /// Size in the database.
        database_size: u64,
        /// Size in the guard.
        guard_size: u64,
    },
    /// A stored root is not 32 bytes.
    #[error("a stored root for {0} is not 32 bytes")]
    StoredRoot(String),
    /// An evidence cursor is not one the listing gave.
    #[error("`{0}` is not an evidence cursor (`<kind>.<rank>.<id>`, as `next` gave it)")]
    Cursor(String),
}

/// The latest checkpoint cosigned for one origin.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Latest {
    /// Tree size.
    pub size: u64,
    /// Root hash.
    pub root: Hash,
}

/// What a piece of evidence shows, in the order the listing puts them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EvidenceKind {
    /// The log signed two checkpoints of one size with different roots: it forked.
    Fork = 0,
    /// The witness's database was behind its guard file: restored from an older copy.
    Rollback = 1,
}

impl EvidenceKind {
    fn from_stored(class: i64) -> EvidenceKind {
        if class == EvidenceKind::Fork as i64 { EvidenceKind::Fork } else { EvidenceKind::Rollback }
    }
}

/// Where a page of the evidence listing ends, and the next begins: the listing's order
/// (kind, the record's rank among its log's records of that kind, id). Written
/// `<kind>.<rank>.<id>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct EvidenceCursor {
    kind: i64,
    rank: i64,
    id: i64,
}

impl std::fmt::Display for EvidenceCursor {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(formatter, "{}.{}.{}", self.kind, self.rank, self.id)
    }
}

impl std::str::FromStr for EvidenceCursor {
    type Err = StoreError;

    fn from_str(text: &str) -> Result<EvidenceCursor, StoreError> {
        let bad = || StoreError::Cursor(text.chars().take(64).collect());
        let mut parts = text.split('.').map(|part| {
            let canonical = !part.is_empty()
                && part.len() <= 19
                && part.bytes().all(|byte| byte.is_ascii_digit())
                && (part == "0" || !part.starts_with('0'));
            if canonical { part.parse::<i64>().map_err(|_| bad()) } else { Err(bad()) }
        });
        match (parts.next(), parts.next(), parts.next(), parts.next()) {
            (Some(kind), Some(rank), Some(id), None) => {
                Ok(EvidenceCursor { kind: kind?, rank: rank?, id: id? })
            }
            _ => Err(bad()),
        }
    }
}

/// One page of the evidence listing.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct EvidencePage {
    /// The records, real forks first.
    pub evidence: Vec<Evidence>,
    /// The cursor of the next page (`after=`), or `None` if this page is the last.
    pub next: Option<String>,
}

/// One piece of evidence: a validly signed checkpoint the witness refused as inconsistent,
/// or a rollback of its own database.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Evidence {
    /// Sequence number of the record.
    pub id: i64,
    /// What it shows.
    pub kind: EvidenceKind,
    /// The log origin.
    pub origin: String,
    /// When it was received (seconds since the Unix epoch).
    pub received_at: u64,
    /// What is wrong, in words.
    pub reason: String,
    /// The size the witness had cosigned.
    pub latest_size: u64,
    /// The root the witness had cosigned (base64).
    pub latest_root: String,
    /// The request body as received.
    pub request: String,
}

/// The witness's state: a SQLite database and its guard file. The module's notes say what
/// it remembers of the checkpoints it cosigned, and how the evidence is kept and listed:
/// deduplicated, at most [`EVIDENCE_PER_LOG_MAX`] per log and kind, real forks first (forks
/// before rollbacks, each log's first fork before any log's second).
pub struct WitnessStore {
    connection: Connection,
    guard_path: PathBuf,
    guard: BTreeMap<String, Latest>,
}

fn root_from(origin: &str, bytes: &[u8]) -> Result<Hash, StoreError> {
    Hash::from_slice(bytes).ok_or_else(|| StoreError::StoredRoot(origin.to_owned()))
}

impl WitnessStore {
    /// Opens (creating if needed) the database at `path` and its guard at `guard_path`.
    pub fn open(path: &Path, guard_path: &Path) -> Result<WitnessStore, StoreError> {
        let connection = Connection::open(path)?;
        connection.pragma_update(None, "journal_mode", "WAL")?;
        connection.pragma_update(None, "synchronous", "FULL")?;
        connection.busy_timeout(std::time::Duration::from_secs(5))?;
        connection.execute_batch(SCHEMA)?;
        migrate_evidence(&connection)?;
        let guard = read_guard(guard_path)?;
        let mut store =
            WitnessStore { connection, guard_path: guard_path.to_owned(), guard: BTreeMap::new() };
        store.reconcile(guard)?;
        Ok(store)
    }

    /// Compares the guard with the database and rolls the database forward where it is behind.
    fn reconcile(&mut self, guard: BTreeMap<String, Latest>) -> Result<(), StoreError> {
        let transaction =
            self.connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        for (origin, guarded) in &guard {
            let stored = latest_in(&transaction, origin)?;
            match stored {
                Some((latest, _)) if latest == *guarded => {}
                Some((latest, _)) if latest.size >= guarded.size => {
                    return Err(StoreError::GuardMismatch {
                        origin: origin.clone(),
                        database_size: latest.size,
                        guard_size: guarded.size,
                    });
                }
                stored => {
                    let size = stored.as_ref().map(|(latest, _)| latest.size).unwrap_or(0);
                    tracing::warn!(
                        origin,
                        database_size = size,
                        guard_size = guarded.size,
                        "the witness database is behind its guard; adopting the guard's state"
                    );
                    let reason = format!(
                        "rollback: the database said size {size}, the guard size {}; the \
                         guard's state was adopted",
                        guarded.size
                    );
                    insert_evidence(
                        &transaction,
                        origin,
                        0,
                        EvidenceKind::Rollback,
                        &reason,
                        guarded,
                        "",
                    )?;
                    remember_cosigned(&transaction, origin, guarded)?;
                    // The note is unknown after a rollback: monitors get 404 until the next
                    // cosignature rather than an older checkpoint.
                    transaction.execute(
                        "INSERT INTO latest (origin, size, root, note) VALUES (?1, ?2, ?3, '')
                         ON CONFLICT(origin) DO UPDATE SET size = ?2, root = ?3, note = ''",
                        params![origin, guarded.size as i64, guarded.root.0.as_slice()],
                    )?;
                }
            }
        }
        // Origins the database has but the guard lacks (a guard created after the database):
        // adopt the database's state into the guard.
        let mut statement = transaction.prepare("SELECT origin, size, root FROM latest")?;
        let rows: Vec<(String, i64, Vec<u8>)> = statement
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?
            .collect::<Result<_, _>>()?;
        drop(statement);
        let mut merged = guard;
        for (origin, size, root) in rows {
            let root = root_from(&origin, &root)?;
            merged.entry(origin).or_insert(Latest { size: size as u64, root });
        }
        self.guard = merged;
        write_guard(&self.guard_path, &self.guard)?;
        transaction.commit()?;
        Ok(())
    }

    /// The latest cosigned state for `origin`.
    pub fn latest(&self, origin: &str) -> Result<Option<Latest>, StoreError> {
        Ok(latest_in(&self.connection, origin)?.map(|(latest, _)| latest))
    }

    /// The latest cosigned note for `origin` (`None` if never cosigned, or unknown after a
    /// rollback).
    pub fn latest_note(&self, origin: &str) -> Result<Option<String>, StoreError> {
        Ok(latest_in(&self.connection, origin)?
            .map(|(_, note)| note)
            .filter(|note| !note.is_empty()))
    }

    /// The latest note for the origin whose SHA-256 is `origin_hash` (lowercase hex).
    pub fn latest_note_by_hash(&self, origin_hash: &str) -> Result<Option<String>, StoreError> {
        let origins: Vec<String> = {
            let mut statement = self.connection.prepare("SELECT origin FROM latest")?;
            statement.query_map([], |row| row.get(0))?.collect::<Result<_, _>>()?
        };
        for origin in origins {
            if origin_sha256_hex(&origin) == origin_hash {
                return self.latest_note(&origin);
            }
        }
        Ok(None)
    }

    /// Runs `decide` on the latest state inside one immediate transaction. If it returns a
    /// new state and note, the guard is written and the state updated before the transaction
    /// commits: the old-size check and the update are atomic. `None` leaves the state as is.
    pub fn decide<T>(
        &mut self,
        origin: &str,
        decide: impl FnOnce(Option<Latest>) -> (Option<(Latest, String)>, T),
    ) -> Result<T, StoreError> {
        let transaction =
            self.connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let latest = latest_in(&transaction, origin)?.map(|(latest, _)| latest);
        let (update, outcome) = decide(latest.clone());
        if let Some((new, note)) = update {
            // Monotonic: a new state never goes below what this store holds.
            assert!(
                latest.as_ref().is_none_or(|latest| new.size >= latest.size),
                "a witness state never shrinks"
            );
            let mut guard = self.guard.clone();
            guard.insert(origin.to_owned(), new.clone());
            write_guard(&self.guard_path, &guard)?;
            transaction.execute(
                "INSERT INTO latest (origin, size, root, note) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT(origin) DO UPDATE SET size = ?2, root = ?3, note = ?4",
                params![origin, new.size as i64, new.root.0.as_slice(), note],
            )?;
            remember_cosigned(&transaction, origin, &new)?;
            transaction.commit()?;
            self.guard = guard;
        }
        Ok(outcome)
    }

    /// The root this witness cosigned for `origin` at `size`, if that checkpoint is among
    /// the [`COSIGNED_KEPT_PER_LOG_MAX`] latest it remembers.
    pub fn cosigned_root(&self, origin: &str, size: u64) -> Result<Option<Hash>, StoreError> {
        let root: Option<Vec<u8>> = self
            .connection
            .query_row(
                "SELECT root FROM cosigned WHERE origin = ?1 AND size = ?2",
                params![origin, size as i64],
                |row| row.get(0),
            )
            .optional()?;
        root.map(|root| root_from(origin, &root)).transpose()
    }

    /// Records a refused, validly signed checkpoint that shows the log forked (`reason`
    /// says how), against what the witness cosigned at that size (`cosigned`).
    pub fn add_fork(
        &mut self,
        origin: &str,
        received_at: u64,
        reason: &str,
        cosigned: &Latest,
        request: &str,
    ) -> Result<(), StoreError> {
        insert_evidence(
            &self.connection,
            origin,
            received_at,
            EvidenceKind::Fork,
            reason,
            cosigned,
            request,
        )
    }

    /// One page of the evidence, in the listing's order (real forks first), after `after`
    /// (from the start if `None`), at most `limit` records (capped at
    /// [`EVIDENCE_PAGE_MAX`]).
    pub fn evidence(
        &self,
        after: Option<EvidenceCursor>,
        limit: usize,
    ) -> Result<EvidencePage, StoreError> {
        evidence_in(&self.connection, after, limit)
    }

    /// One page of the evidence in the database at `path`, opened read-only: safe while a
    /// witness runs on it (the guard is neither read nor written).
    pub fn read_evidence(
        path: &Path,
        after: Option<EvidenceCursor>,
        limit: usize,
    ) -> Result<EvidencePage, StoreError> {
        let connection =
            Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        connection.busy_timeout(std::time::Duration::from_secs(5))?;
        evidence_in(&connection, after, limit)
    }
}

/// Adds the listing's columns to a database made before them: each record's kind and its
/// rank among its log's records of that kind (the order they were kept in), and indexes
/// for the listing and for the per-log checks.
fn migrate_evidence(connection: &Connection) -> Result<(), StoreError> {
    let has_rank: bool = connection.query_row(
        "SELECT count(*) > 0 FROM pragma_table_info('evidence') WHERE name = 'rank'",
        [],
        |row| row.get(0),
    )?;
    if !has_rank {
        connection.execute_batch(
            "BEGIN IMMEDIATE;
             ALTER TABLE evidence ADD COLUMN kind INTEGER NOT NULL DEFAULT 0;
             ALTER TABLE evidence ADD COLUMN rank INTEGER NOT NULL DEFAULT 0;
             UPDATE evidence SET kind = 1 WHERE reason LIKE 'rollback:%';
             UPDATE evidence SET rank = (
                 SELECT count(*) FROM evidence AS earlier
                 WHERE earlier.origin = evidence.origin AND earlier.kind = evidence.kind
                   AND earlier.id < evidence.id
             );
             COMMIT;",
        )?;
    }
    connection.execute_batch(
        "CREATE INDEX IF NOT EXISTS evidence_listing ON evidence (kind, rank, id);
         CREATE INDEX IF NOT EXISTS evidence_per_log ON evidence (origin, kind, reason);",
    )?;
    Ok(())
}

/// Keeps one record unless the same is kept already (its reason names the sizes and
/// roots) or its log has [`EVIDENCE_PER_LOG_MAX`] records of its kind: past that, one more
/// proves nothing new, and a log cannot grow the witness's disk without end.
fn insert_evidence(
    connection: &Connection,
    origin: &str,
    received_at: u64,
    kind: EvidenceKind,
    reason: &str,
    cosigned: &Latest,
    request: &str,
) -> Result<(), StoreError> {
    connection.execute(
        "INSERT INTO evidence
             (origin, received_at, reason, latest_size, latest_root, request, kind, rank)
         SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7,
                (SELECT count(*) FROM evidence WHERE origin = ?1 AND kind = ?7)
         WHERE NOT EXISTS (SELECT 1 FROM evidence WHERE origin = ?1 AND kind = ?7 AND reason = ?3)
           AND (SELECT count(*) FROM evidence WHERE origin = ?1 AND kind = ?7) < ?8",
        params![
            origin,
            received_at as i64,
            reason,
            cosigned.size as i64,
            cosigned.root.0.as_slice(),
            request,
            kind as i64,
            EVIDENCE_PER_LOG_MAX as i64
        ],
    )?;
    Ok(())
}

/// Remembers a cosigned checkpoint and forgets those of `origin` beyond the latest
/// [`COSIGNED_KEPT_PER_LOG_MAX`].
fn remember_cosigned(
    connection: &Connection,
    origin: &str,
    cosigned: &Latest,
) -> Result<(), StoreError> {
    connection.execute(
        "INSERT INTO cosigned (origin, size, root) VALUES (?1, ?2, ?3)
         ON CONFLICT(origin, size) DO UPDATE SET root = ?3",
        params![origin, cosigned.size as i64, cosigned.root.0.as_slice()],
    )?;
    connection.execute(
        "DELETE FROM cosigned WHERE origin = ?1 AND size <= (
             SELECT size FROM cosigned WHERE origin = ?1 ORDER BY size DESC LIMIT 1 OFFSET ?2
         )",
        params![origin, COSIGNED_KEPT_PER_LOG_MAX as i64],
    )?;
    Ok(())
}

fn evidence_in(
    connection: &Connection,
    after: Option<EvidenceCursor>,
    limit: usize,
) -> Result<EvidencePage, StoreError> {
    let limit = limit.clamp(1, EVIDENCE_PAGE_MAX);
    let after = after.unwrap_or(EvidenceCursor { kind: -1, rank: -1, id: -1 });
    let mut statement = connection.prepare(
        "SELECT id, origin, received_at, reason, latest_size, latest_root, request, kind, rank
         FROM evidence WHERE (kind, rank, id) > (?1, ?2, ?3)
         ORDER BY kind, rank, id LIMIT ?4",
    )?;
    // One more than the page, to know whether another page follows.
    let rows = statement.query_map(
        params![after.kind, after.rank, after.id, (limit + 1) as i64],
        |row| {
            let root: Vec<u8> = row.get(5)?;
            let kind: i64 = row.get(7)?;
            let cursor = EvidenceCursor { kind, rank: row.get(8)?, id: row.get(0)? };
            let evidence = Evidence {
                id: row.get(0)?,
                kind: EvidenceKind::from_stored(kind),
                origin: row.get(1)?,
                received_at: row.get::<_, i64>(2)? as u64,
                reason: row.get(3)?,
                latest_size: row.get::<_, i64>(4)? as u64,
                latest_root: Hash::from_slice(&root).map(|h| h.to_base64()).unwrap_or_default(),
                request: row.get(6)?,
            };
            Ok((cursor, evidence))
        },
    )?;
    let mut rows: Vec<(EvidenceCursor, Evidence)> = rows.collect::<Result<_, _>>()?;
    let next = if rows.len() > limit {
        rows.truncate(limit);
        rows.last().map(|(cursor, _)| cursor.to_string())
    } else {
        None
    };
    Ok(EvidencePage { evidence: rows.into_iter().map(|(_, evidence)| evidence).collect(), next })
}

/// Lowercase hex SHA-256 of an origin: the monitoring path element of c2sp.org/tlog-witness.
pub fn origin_sha256_hex(origin: &str) -> String {
    use sha2::Digest as _;
    hex::encode(sha2::Sha256::digest(origin.as_bytes()))
}

fn latest_in(
    connection: &Connection,
    origin: &str,
) -> Result<Option<(Latest, String)>, StoreError> {
    let row: Option<(i64, Vec<u8>, String)> = connection
        .query_row("SELECT size, root, note FROM latest WHERE origin = ?1", [origin], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?))
        })
        .optional()?;
    match row {
        None => Ok(None),
        Some((size, root, note)) => {
            if root.len() != HASH_BYTES {
                return Err(StoreError::StoredRoot(origin.to_owned()));
            }
            Ok(Some((Latest { size: size as u64, root: root_from(origin, &root)? }, note)))
        }
    }
}

fn read_guard(path: &Path) -> Result<BTreeMap<String, Latest>, StoreError> {
    let io = |source| StoreError::GuardIo { path: path.to_owned(), source };
    let text = match std::fs::File::open(path) {
        Ok(file) => {
            use std::io::Read as _;
            let mut text = String::new();
            file.take(GUARD_BYTES_MAX).read_to_string(&mut text).map_err(io)?;
            text
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(error) => return Err(io(error)),
    };
    let mut guard = BTreeMap::new();
    for (number, line) in text.lines().enumerate() {
        let format = || StoreError::GuardFormat { path: path.to_owned(), line: number + 1 };
        let mut words = line.split(' ');
        let (Some(origin), Some(size), Some(root), None) =
            (words.next(), words.next(), words.next(), words.next())
        else {
            return Err(format());
        };
        let size = size.parse().map_err(|_| format())?;
        let root = Hash::from_base64(root).map_err(|_| format())?;
        guard.insert(origin.to_owned(), Latest { size, root });
    }
    Ok(guard)
}

/// Writes the guard atomically and durably: a temporary file, fsync, rename, fsync the folder.
fn write_guard(path: &Path, guard: &BTreeMap<String, Latest>) -> Result<(), StoreError> {
    let io = |source| StoreError::GuardIo { path: path.to_owned(), source };
    let mut text = String::new();
    for (origin, latest) in guard {
        text.push_str(&format!("{origin} {} {}\n", latest.size, latest.root.to_base64()));
    }
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".tmp");
    let temporary = PathBuf::from(temporary);
    let mut file = std::fs::File::create(&temporary).map_err(io)?;
    file.write_all(text.as_bytes()).map_err(io)?;
    file.sync_all().map_err(io)?;
    std::fs::rename(&temporary, path).map_err(io)?;
    if let Some(parent) = path.parent().filter(|parent| !parent.as_os_str().is_empty()) {
        std::fs::File::open(parent).and_then(|folder| folder.sync_all()).map_err(io)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cosigned_window_keeps_the_latest_and_forgets_the_rest() {
        let connection = Connection::open_in_memory().expect("a database");
        connection.execute_batch(SCHEMA).expect("the schema");
        let extra = 10;
        for size in 1..=(COSIGNED_KEPT_PER_LOG_MAX + extra) as u64 {
            let root = Hash([size as u8; 32]);
            remember_cosigned(&connection, "a.example/log", &Latest { size, root })
                .expect("remembered");
        }
        remember_cosigned(&connection, "b.example/log", &Latest { size: 1, root: Hash([1; 32]) })
            .expect("remembered");
        let kept = |origin: &str| -> (i64, i64, i64) {
            connection
                .query_row(
                    "SELECT count(*), min(size), max(size) FROM cosigned WHERE origin = ?1",
                    [origin],
                    |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
                )
                .expect("counted")
        };
        let last = (COSIGNED_KEPT_PER_LOG_MAX + extra) as i64;
        assert_eq!(
            kept("a.example/log"),
            (COSIGNED_KEPT_PER_LOG_MAX as i64, extra as i64 + 1, last)
        );
        assert_eq!(kept("b.example/log"), (1, 1, 1), "each log has its own window");
    }

    #[test]
    fn evidence_kept_before_the_listing_s_order_is_listed_in_it() {
        // A database from before evidence had a kind and a rank: a rollback, then two
        // forks of one log and one of another.
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("w.db");
        let old = Connection::open(&path).expect("a database");
        old.execute_batch(SCHEMA).expect("the old schema");
        for (origin, reason) in [
            ("a.example/log", "rollback: the database said size 1, the guard size 2"),
            ("a.example/log", "fork: one"),
            ("a.example/log", "fork: two"),
            ("b.example/log", "fork: three"),
        ] {
            old.execute(
                "INSERT INTO evidence
                     (origin, received_at, reason, latest_size, latest_root, request)
                 VALUES (?1, 0, ?2, 1, x'00', '')",
                params![origin, reason],
            )
            .expect("a record");
        }
        drop(old);
        let store = WitnessStore::open(&path, &dir.path().join("w.guard")).expect("opens");
        let page = store.evidence(None, EVIDENCE_PAGE_MAX).expect("a page");
        let listed: Vec<(EvidenceKind, &str)> =
            page.evidence.iter().map(|record| (record.kind, record.reason.as_str())).collect();
        assert_eq!(
            listed,
            [
                (EvidenceKind::Fork, "fork: one"),
                (EvidenceKind::Fork, "fork: three"),
                (EvidenceKind::Fork, "fork: two"),
                (EvidenceKind::Rollback, "rollback: the database said size 1, the guard size 2"),
            ]
        );
        assert_eq!(page.next, None);
    }
}
