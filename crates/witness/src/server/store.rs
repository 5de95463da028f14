//! The witness's durable state: per log origin the latest cosigned checkpoint, the evidence of
//! misbehaviour it refused, and a guard file that a restored old database cannot undo.
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
/// Most evidence records `evidence` lists in one call.
pub const EVIDENCE_LIST_MAX: usize = 1_000;
/// Most evidence records kept per log: each is a checkpoint the log signed at a size this
/// witness cosigned with another root, so a handful already proves the log forked.
pub const EVIDENCE_PER_LOG_MAX: usize = 100;

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
}

/// The latest checkpoint cosigned for one origin.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Latest {
    /// Tree size.
    pub size: u64,
    /// Root hash.
    pub root: Hash,
}

/// One piece of evidence: a validly signed checkpoint the witness refused as inconsistent.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Evidence {
    /// Sequence number of the record.
    pub id: i64,
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

/// The witness's state: a SQLite database and its guard file.
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
        connection.execute_batch(
            "CREATE TABLE IF NOT EXISTS latest (
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
             );",
        )?;
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
                    transaction.execute(
                        "INSERT INTO evidence
                             (origin, received_at, reason, latest_size, latest_root, request)
                         VALUES (?1, 0, ?2, ?3, ?4, '')",
                        params![
                            origin,
                            format!(
                                "rollback: the database said size {size}, the guard size {}; \
                                 the guard's state was adopted",
                                guarded.size
                            ),
                            guarded.size as i64,
                            guarded.root.0.as_slice(),
                        ],
                    )?;
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
            transaction.commit()?;
            self.guard = guard;
        }
        Ok(outcome)
    }

    /// Records a refused, validly signed checkpoint.
    pub fn add_evidence(
        &mut self,
        origin: &str,
        received_at: u64,
        reason: &str,
        latest: &Latest,
        request: &str,
    ) -> Result<(), StoreError> {
        // The same misbehaviour is kept once (its reason names the sizes and roots), and at
        // most EVIDENCE_PER_LOG_MAX records per log: past that, one more proves nothing new.
        self.connection.execute(
            "INSERT INTO evidence (origin, received_at, reason, latest_size, latest_root, request)
             SELECT ?1, ?2, ?3, ?4, ?5, ?6
             WHERE NOT EXISTS (SELECT 1 FROM evidence WHERE origin = ?1 AND reason = ?3)
               AND (SELECT count(*) FROM evidence WHERE origin = ?1) < ?7",
            params![
                origin,
                received_at as i64,
                reason,
                latest.size as i64,
                latest.root.0.as_slice(),
                request,
                EVIDENCE_PER_LOG_MAX as i64
            ],
        )?;
        Ok(())
    }

    /// The evidence kept, oldest first, at most [`EVIDENCE_LIST_MAX`] records after `after_id`.
    pub fn evidence(&self, after_id: i64) -> Result<Vec<Evidence>, StoreError> {
        evidence_in(&self.connection, after_id)
    }

    /// The evidence in the database at `path`, opened read-only: safe while a witness runs
    /// on it (the guard is neither read nor written).
    pub fn read_evidence(path: &Path, after_id: i64) -> Result<Vec<Evidence>, StoreError> {
        let connection =
            Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        connection.busy_timeout(std::time::Duration::from_secs(5))?;
        evidence_in(&connection, after_id)
    }
}

fn evidence_in(connection: &Connection, after_id: i64) -> Result<Vec<Evidence>, StoreError> {
    let mut statement = connection.prepare(
        "SELECT id, origin, received_at, reason, latest_size, latest_root, request
         FROM evidence WHERE id > ?1 ORDER BY id LIMIT ?2",
    )?;
    let rows = statement.query_map(params![after_id, EVIDENCE_LIST_MAX as i64], |row| {
        let root: Vec<u8> = row.get(5)?;
        Ok(Evidence {
            id: row.get(0)?,
            origin: row.get(1)?,
            received_at: row.get::<_, i64>(2)? as u64,
            reason: row.get(3)?,
            latest_size: row.get::<_, i64>(4)? as u64,
            latest_root: Hash::from_slice(&root).map(|h| h.to_base64()).unwrap_or_default(),
            request: row.get(6)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
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
