//! The sequencer: the log's one writer. It batches verified statements through the core and
//! commits each batch (entries, tiles, projections) in one durable store transaction.
//!
//! Stateless checks (decode, size, signature, key known) happen before, in the request
//! handlers, in parallel; the sequencer only applies and commits. An acknowledgement leaves
//! only after its batch's commit returned, so nothing acknowledged is ever lost.
//!
//! The sequencer runs only while its node leads. Every batch's transaction checks the
//! store's leadership epoch (a successor's election refuses it whole, with
//! [`StoreError::LeadershipLost`]), and every [`LEADERSHIP_CHECK_INTERVAL_MS`] it asks the
//! store whether it still holds the leadership. Either way it steps down: it answers
//! everything not committed as unavailable and returns its queue ([`Stop::LeadershipLost`]).
//! It steps down too when it cannot confirm the leadership [`LEADERSHIP_CHECK_FAILURES_MAX`]
//! times in a row (the database is out of reach: a node that cannot reach it must not keep
//! claiming to lead), and gives up when its store keeps failing: after
//! [`COMMIT_FAILURES_MAX`] failed commits in a row, or a failed commit the log does not
//! recover from ([`Stop::StoreFailing`]). A node whose writes only fail would otherwise
//! answer 503 for ever while holding the leadership another node could use. A commit that
//! does not end within [`COMMIT_TIMEOUT_MS`] counts as failed, so a store that stops
//! answering without closing its connections cannot hold the sequencer either.

use crate::figures::Committed;
use crate::projection;
use crate::snapshot::Snapshots;
use passage_core::draw::CheckedOutputs;
use passage_core::statement::{Recorded, Statement};
use passage_core::{DecodeError, Entry, Event, Mrn, Refusal, SignedStatement, State, Timestamp};
use passage_log::{Appender, Hash};
use passage_store::{AnyStore, AppendBatch, Appended, Store, StoreError};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tokio::sync::{mpsc, oneshot, watch};

/// Most statements in one group commit. At about 400 bytes a statement this is 1.6 MB per
/// transaction; past a few hundred, the fsync is already shared so widely it stops mattering.
pub const SEQUENCER_BATCH_MAX: usize = 4_096;
/// Most statements waiting for the sequencer: beyond it, submitters are told to retry
/// (503) rather than queueing without bound.
pub const SEQUENCER_QUEUE_MAX: usize = 65_536;
/// How often the sequencer asks the store whether its node still leads, besides the epoch
/// every batch's transaction checks: a leader cut off from its lock while idle steps down
/// within this time rather than at its next batch. One query a second on the leadership's
/// own connection costs nothing next to the batches.
pub const LEADERSHIP_CHECK_INTERVAL_MS: u64 = 1_000;
/// Leadership checks in a row that may fail (an error or no answer within
/// [`LEADERSHIP_CHECK_TIMEOUT_MS`]) before the sequencer steps down: one lost query is
/// forgiven, three (three seconds and more without an answer) mean the database is out of
/// reach, and a successor may already be elected.
pub const LEADERSHIP_CHECK_FAILURES_MAX: u32 = 3;
/// Longest wait for one leadership check: the query is a lookup in `pg_locks` (or a look at
/// a held file lock), answered in milliseconds by a live database.
pub const LEADERSHIP_CHECK_TIMEOUT_MS: u64 = 2_000;
/// Longest wait for a batch's commit, from the moment it was handed to the store: past it
/// the commit is abandoned and fails like any other (its statements are answered 503, the
/// state is recovered from the store, which may hold the batch after all). A commit takes
/// milliseconds; a store that holds one for this long is out of reach behind something
/// that still answers at the TCP level, and without a deadline the sequencer would wait
/// for it for ever, unable even to step down.
pub const COMMIT_TIMEOUT_MS: u64 = 10_000;
/// Failed commits in a row after which the sequencer gives up the leadership. Each failure
/// reloads state and tree from the store, which heals a lost answer or a connection that
/// died; three in a row mean the store cannot write for this node (a full disk, a broken
/// connection pool, a revoked grant), and another node may.
pub const COMMIT_FAILURES_MAX: u32 = 3;

/// Why [`Sequencer::run`] returned.
#[derive(Debug)]
pub enum Stop {
    /// Every sender is gone and everything received was answered.
    Drained,
    /// Another node was elected, or this node's hold on the leadership lapsed. Nothing
    /// that was not committed was acknowledged; what was waiting got
    /// [`SubmitError::Unavailable`]. The queue is handed back, for leading again later.
    LeadershipLost(mpsc::Receiver<Submission>),
    /// The store kept failing: [`COMMIT_FAILURES_MAX`] commits in a row failed, or a commit
    /// failed and the log did not recover from the store. Nothing that was not committed
    /// was acknowledged; what was waiting got [`SubmitError::Unavailable`]. The queue is
    /// handed back; the node should give up the leadership so that another may take it.
    StoreFailing(mpsc::Receiver<Submission>),
}

/// One statement handed to the sequencer, already decoded and signature-checked.
pub struct Submission {
    /// The statement, decoded.
    pub statement: Decoded,
    /// Where the answer goes.
    pub reply: oneshot::Sender<Result<Ack, SubmitError>>,
}

/// A signed statement decoded once, with its id: the handler decodes it to check it, and
/// the sequencer applies what the handler decoded rather than decoding it again. The
/// fields are private so that the statement applied is always the one the envelope that
/// goes into the log carries.
#[derive(Clone, Debug)]
pub struct Decoded {
    signed: SignedStatement,
    recorded: Recorded,
    id: [u8; 32],
    /// VRF outputs whose proofs were checked before the statement reached the sequencer
    /// (the drawer's), so that its one thread does not check them again.
    checked: CheckedOutputs,
}

impl Decoded {
    /// Decodes the statement `signed` carries and computes its id.
    pub fn new(signed: SignedStatement) -> Result<Decoded, DecodeError> {
        let recorded = signed.decode_statement()?;
        let id = signed.id();
        Ok(Decoded { signed, recorded, id, checked: CheckedOutputs::none() })
    }

    /// The same statement, with VRF outputs checked already for its `draw` proofs (see
    /// [`CheckedOutputs`]: the core takes only outputs whose proofs verified, and checks
    /// any other proof itself).
    pub fn with_checked_outputs(self, checked: CheckedOutputs) -> Decoded {
        Decoded { checked, ..self }
    }

    /// The envelope: the statement's bytes, signer and signature.
    pub fn signed(&self) -> &SignedStatement {
        &self.signed
    }

    /// The statement, decoded from [`Decoded::signed`].
    pub fn recorded(&self) -> &Recorded {
        &self.recorded
    }

    /// Its id ([`SignedStatement::id`]): how a resubmission is recognised.
    pub fn id(&self) -> [u8; 32] {
        self.id
    }
}

impl std::borrow::Borrow<SignedStatement> for Decoded {
    fn borrow(&self) -> &SignedStatement {
        &self.signed
    }
}

/// A durable acknowledgement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ack {
    /// The entry holding the statement.
    pub index: u64,
    /// Whether the statement was already in the log (this answer points at the first entry).
    pub duplicate: bool,
    /// What the statement did, in words (empty for a duplicate).
    pub events: Vec<String>,
}

/// Why a statement was not acknowledged.
#[derive(Debug, Clone, thiserror::Error)]
pub enum SubmitError {
    /// The core refused it; nothing changed.
    #[error(transparent)]
    Refused(Refusal),
    /// The store failed or the sequencer is not running; the statement may be resubmitted.
    #[error("the sequencer is unavailable; resubmit later")]
    Unavailable,
    /// The log is empty and this charter is not the one the node was configured for
    /// (`charter_sha256`); nothing changed.
    #[error(
        "this node serves the charter whose document has SHA-256 {configured}, not {found}; \
         only that charter may be entry 0"
    )]
    NotTheConfiguredCharter {
        /// SHA-256 of the configured charter document, in hexadecimal.
        configured: String,
        /// SHA-256 of the charter document submitted, in hexadecimal.
        found: String,
    },
    /// The log is empty and the configured charter arrived, but the witnesses the node is
    /// configured with do not fit it (one it does not name, or too few for its quorum):
    /// the node could never publish a checkpoint the charter's policy accepts. Nothing
    /// changed; the operator corrects the node's `[witnesses]` and restarts it.
    #[error("{0}")]
    WitnessesNotInCharter(crate::publisher::WitnessesNotInCharter),
}

/// What a node checks a charter offered as entry 0 against: its configuration.
#[derive(Clone, Debug)]
pub struct GenesisCheck {
    /// SHA-256 of the charter document the node serves: the only entry 0 it sequences.
    pub charter_sha256: [u8; 32],
    /// The names of the witnesses the node has URLs for, which the charter must name and
    /// which must be able to meet its quorum (none: the node publishes without witnesses).
    pub witness_names: Vec<String>,
    /// The log's verifier key, with which the charter's trust policy is made.
    pub log_key: Option<passage_log::VerifierKey>,
}

/// Whether `recorded`, offered as entry 0, may be sequenced by a node configured as `check`
/// says: a charter statement must carry the very document whose SHA-256 is
/// `check.charter_sha256`, and that charter must name the witnesses the node is configured
/// with and be able to meet its quorum with them. Any other statement is left to the core,
/// which refuses it as entry 0, as it refuses a charter that does not parse.
pub fn check_genesis(recorded: &Recorded, check: &GenesisCheck) -> Result<(), SubmitError> {
    let Statement::Charter { document } = &recorded.statement else { return Ok(()) };
    let found = passage_core::digest::sha256(document.as_bytes());
    if found != check.charter_sha256 {
        return Err(SubmitError::NotTheConfiguredCharter {
            configured: hex::encode(check.charter_sha256),
            found: hex::encode(found),
        });
    }
    let (Some(log_key), false) = (&check.log_key, check.witness_names.is_empty()) else {
        return Ok(());
    };
    let Ok(charter) = passage_core::charter::Charter::from_toml(document) else { return Ok(()) };
    crate::publisher::check_witnesses(&charter, &check.witness_names, log_key)
        .map_err(SubmitError::WitnessesNotInCharter)
}

/// The tree as last committed: what the publisher signs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TreeHead {
    /// Entries.
    pub size: u64,
    /// Root hash.
    pub root: Hash,
}

/// Why the node could not recover its state from the store.
#[derive(Debug, thiserror::Error)]
pub enum RecoveryError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A stored entry does not decode or is refused on replay: the log is not this core's.
    #[error("entry {index} does not replay: {reason}")]
    Replay {
        /// The entry.
        index: u64,
        /// Why.
        reason: String,
    },
    /// The stored tiles or checkpoint disagree with the replayed entries.
    #[error("the stored tree is inconsistent: {0}")]
    Tree(String),
}

/// The state readers share with the sequencer.
pub struct Shared {
    /// The core's state; `None` before the charter. The sequencer applies statements to it
    /// before their batch commits.
    pub state: RwLock<Option<State>>,
    /// The tree as last committed.
    pub tree: watch::Sender<TreeHead>,
    /// The group commits made so far, by size.
    pub commits: CommitCounters,
    /// The log as last committed (tree, state and running totals), which the figures are
    /// read from: replaced whole at each commit, before `tree` moves.
    committed: RwLock<Arc<Committed>>,
    /// The publisher's cache of the state digest, kept between checkpoints.
    digest_cache: std::sync::Mutex<crate::figures::LineageDigestCache>,
}

impl Shared {
    /// What readers share with a sequencer about to run on `state` and `tree`.
    pub fn new(state: Option<State>, tree: watch::Sender<TreeHead>) -> Shared {
        let committed = Committed::recovered(*tree.borrow(), state.clone());
        Shared {
            state: RwLock::new(state),
            tree,
            commits: CommitCounters::default(),
            committed: RwLock::new(Arc::new(committed)),
            digest_cache: std::sync::Mutex::default(),
        }
    }

    /// Takes the publisher's digest cache (an empty one if another holds it), to be put
    /// back with [`Shared::keep_digest_cache`].
    pub fn take_digest_cache(&self) -> crate::figures::LineageDigestCache {
        std::mem::take(
            &mut *self.digest_cache.lock().unwrap_or_else(std::sync::PoisonError::into_inner),
        )
    }

    /// Keeps `cache` for the next checkpoint.
    pub fn keep_digest_cache(&self, cache: crate::figures::LineageDigestCache) {
        *self.digest_cache.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = cache;
    }

    /// The log as last committed. Readers hold it as long as they like: the sequencer
    /// replaces it rather than changing it.
    pub fn committed(&self) -> Arc<Committed> {
        self.committed.read().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }

    /// Makes `committed` what readers see, then moves the tree head to it.
    pub fn set_committed(&self, committed: Arc<Committed>) {
        let head = committed.head;
        *self.committed.write().unwrap_or_else(std::sync::PoisonError::into_inner) = committed;
        self.tree.send_replace(head);
    }

    /// Replaces the state with `state`, recovered at `head`, and returns what readers now
    /// see (its totals walked once).
    pub fn reset(&self, state: Option<State>, head: TreeHead) -> Arc<Committed> {
        let committed = Arc::new(Committed::recovered(head, state.clone()));
        *self.state.write().unwrap_or_else(std::sync::PoisonError::into_inner) = state;
        self.set_committed(committed.clone());
        committed
    }

    /// Runs `read` on the current state, if the charter is in.
    pub fn read_state<T>(&self, read: impl FnOnce(&State) -> T) -> Option<T> {
        let guard = self.state.read().unwrap_or_else(std::sync::PoisonError::into_inner);
        guard.as_ref().map(read)
    }
}

/// Buckets of [`CommitCounts::by_size`]: bucket `b` counts the commits of `2^(b-1) + 1` to
/// `2^b` entries (bucket 0, one entry), up to the one holding [`SEQUENCER_BATCH_MAX`].
pub const COMMIT_SIZE_BUCKETS: usize =
    (usize::BITS - (SEQUENCER_BATCH_MAX - 1).leading_zeros()) as usize + 1;

/// The bucket of [`CommitCounts::by_size`] a commit of `entries` entries falls in.
pub fn commit_size_bucket(entries: usize) -> usize {
    (usize::BITS - entries.saturating_sub(1).leading_zeros()) as usize
}

/// Counts of the group commits the sequencer made, kept as it runs: a few relaxed atomic
/// additions per commit, so they are always on. A bench or a test takes
/// [`CommitCounters::counts`] before and after a run to see the batch sizes the load
/// produced and how long the store took over them.
#[derive(Debug, Default)]
pub struct CommitCounters {
    commits: AtomicU64,
    entries: AtomicU64,
    commit_micros: AtomicU64,
    by_size: [AtomicU64; COMMIT_SIZE_BUCKETS],
}

impl CommitCounters {
    fn record(&self, entries: usize, took: Duration) {
        assert!((1..=SEQUENCER_BATCH_MAX).contains(&entries), "a commit holds 1 to the maximum");
        self.commits.fetch_add(1, Ordering::Relaxed);
        self.entries.fetch_add(entries as u64, Ordering::Relaxed);
        self.commit_micros.fetch_add(took.as_micros() as u64, Ordering::Relaxed);
        self.by_size[commit_size_bucket(entries)].fetch_add(1, Ordering::Relaxed);
    }

    /// The counts now.
    pub fn counts(&self) -> CommitCounts {
        CommitCounts {
            commits: self.commits.load(Ordering::Relaxed),
            entries: self.entries.load(Ordering::Relaxed),
            commit_micros: self.commit_micros.load(Ordering::Relaxed),
            by_size: std::array::from_fn(|bucket| self.by_size[bucket].load(Ordering::Relaxed)),
        }
    }
}

/// The group commits made, as counted by [`CommitCounters`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CommitCounts {
    /// Commits that succeeded.
    pub commits: u64,
    /// Entries they held.
    pub entries: u64,
    /// Microseconds from handing each batch to the store to its commit returning, summed.
    pub commit_micros: u64,
    /// Commits by size (see [`COMMIT_SIZE_BUCKETS`]).
    pub by_size: [u64; COMMIT_SIZE_BUCKETS],
}

impl CommitCounts {
    /// What was counted after `earlier` was taken.
    pub fn since(&self, earlier: &CommitCounts) -> CommitCounts {
        CommitCounts {
            commits: self.commits - earlier.commits,
            entries: self.entries - earlier.entries,
            commit_micros: self.commit_micros - earlier.commit_micros,
            by_size: std::array::from_fn(|bucket| self.by_size[bucket] - earlier.by_size[bucket]),
        }
    }

    /// The largest size the bucket of the commit at `fraction` (0 to 1) of the commits,
    /// smallest first, allows: an upper bound of that commit's size, within a factor of two.
    /// `None` if no commit was counted.
    pub fn size_at(&self, fraction: f64) -> Option<usize> {
        let rank = ((self.commits as f64 * fraction).ceil() as u64).clamp(1, self.commits.max(1));
        let mut seen = 0;
        for (bucket, count) in self.by_size.iter().enumerate() {
            seen += count;
            if *count > 0 && seen >= rank {
                return Some((1usize << bucket).min(SEQUENCER_BATCH_MAX));
            }
        }
        None
    }
}

/// The writer: state, tree and store.
pub struct Sequencer {
    store: Arc<AnyStore>,
    shared: Arc<Shared>,
    appender: Appender,
    last_time_ms: u64,
    /// Ids of the statements applied but not yet committed (staged or in flight), with
    /// their entries: a resubmission meanwhile is answered with the first entry.
    uncommitted: HashMap<[u8; 32], u64>,
    /// The state snapshots taken when a batch crosses a multiple of the interval, encoded
    /// and written off this task.
    snapshots: Snapshots,
    /// What a charter offered as entry 0 is checked against.
    genesis: GenesisCheck,
    /// The log at the start of the staged batch: what its totals advance from.
    started: Arc<Committed>,
}

/// Milliseconds since the Unix epoch by the system clock.
pub fn now_ms() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |elapsed| elapsed.as_millis() as u64)
}

/// Rebuilds the state and tree from the store (from the latest state snapshot, then the
/// entries after it; see [`crate::snapshot::recover`]).
pub async fn recover(store: &AnyStore) -> Result<(Option<State>, Appender), RecoveryError> {
    let recovered = crate::snapshot::recover(store).await?;
    Ok((recovered.state, recovered.appender))
}

/// A statement accepted into the batch being built, answered once that batch commits.
struct Accepted {
    reply: oneshot::Sender<Result<Ack, SubmitError>>,
    index: u64,
    duplicate: bool,
    events: Vec<String>,
}

/// Statements applied to the state but not yet handed to the store: the next group commit.
/// While one commit runs, the sequencer keeps applying what arrives into this batch, so a
/// refusal is answered at once and the next commit starts as soon as the previous returns.
struct Staged {
    /// Index of the first entry of the batch.
    first_index: u64,
    entries: Vec<passage_store::Entry>,
    accepted: Vec<Accepted>,
    touched: Vec<Mrn>,
    /// The monitors' observations among the entries, for their projection.
    observations: Vec<passage_store::ObservationRow>,
}

impl Staged {
    fn new(first_index: u64) -> Staged {
        Staged {
            first_index,
            entries: Vec::new(),
            accepted: Vec::new(),
            touched: Vec::new(),
            observations: Vec::new(),
        }
    }
}

/// A group commit the store is running.
struct InFlight {
    commit: tokio::task::JoinHandle<Result<Appended, StoreError>>,
    started: tokio::time::Instant,
    accepted: Vec<Accepted>,
    head: TreeHead,
    ids: Vec<[u8; 32]>,
    /// What readers see once it commits.
    committed: Arc<Committed>,
}

/// What woke the sequencer.
enum Step {
    Committed(Result<Appended, StoreError>),
    CheckLeadership,
    Received(usize),
}

/// Waits for the commit in flight, if there is one (never returns otherwise), until
/// [`COMMIT_TIMEOUT_MS`] after it started; past it the commit is abandoned (its connection
/// closed), and it fails as a commit whose outcome is unknown.
async fn committed(in_flight: &mut Option<InFlight>) -> Result<Appended, StoreError> {
    match in_flight.as_mut() {
        Some(in_flight) => {
            let deadline = in_flight.started + Duration::from_millis(COMMIT_TIMEOUT_MS);
            match tokio::time::timeout_at(deadline, &mut in_flight.commit).await {
                Ok(Ok(result)) => result,
                Ok(Err(_)) => Err(StoreError::ShuttingDown),
                Err(_) => {
                    in_flight.commit.abort();
                    Err(StoreError::TimedOut { ms: COMMIT_TIMEOUT_MS })
                }
            }
        }
        None => std::future::pending().await,
    }
}

fn fail(accepted: Vec<Accepted>) {
    for accepted in accepted {
        let _ = accepted.reply.send(Err(SubmitError::Unavailable));
    }
}

/// Answers everything staged or still queued as unavailable and hands the queue back.
fn step_down(staged: Staged, queue: mpsc::Receiver<Submission>) -> Stop {
    tracing::warn!("this node no longer leads; the sequencer stopped");
    Stop::LeadershipLost(drain(staged, queue))
}

/// As [`step_down`], because the store keeps failing.
fn give_up(staged: Staged, queue: mpsc::Receiver<Submission>) -> Stop {
    tracing::error!("the store keeps failing; the sequencer stops so that another node may lead");
    Stop::StoreFailing(drain(staged, queue))
}

/// Answers everything staged or still queued as unavailable.
fn drain(staged: Staged, mut queue: mpsc::Receiver<Submission>) -> mpsc::Receiver<Submission> {
    fail(staged.accepted);
    while let Ok(submission) = queue.try_recv() {
        let _ = submission.reply.send(Err(SubmitError::Unavailable));
    }
    queue
}

impl Sequencer {
    /// A sequencer over a recovered state and tree, for the charter whose document's
    /// SHA-256 is `charter_sha256` (the only entry 0 it sequences).
    pub fn new(
        store: Arc<AnyStore>,
        shared: Arc<Shared>,
        appender: Appender,
        charter_sha256: [u8; 32],
    ) -> Sequencer {
        let last_time_ms = shared.read_state(|state| state.time().0).unwrap_or_default();
        let head = TreeHead { size: appender.size(), root: appender.root() };
        // What readers see already folds this tree when the state was just recovered
        // (`Shared::new`, a follower's recovery): its totals are not walked again.
        let current = shared.committed();
        let started = if current.head == head {
            current
        } else {
            shared.reset(shared.read_state(State::clone), head)
        };
        let snapshots =
            Snapshots::new(Arc::clone(&store), crate::snapshot::SNAPSHOT_INTERVAL_ENTRIES);
        Sequencer {
            store,
            shared,
            appender,
            last_time_ms,
            uncommitted: HashMap::new(),
            snapshots,
            genesis: GenesisCheck { charter_sha256, witness_names: Vec::new(), log_key: None },
            started,
        }
    }

    /// Refuses as entry 0 a charter that does not name every one of `names` (the
    /// witnesses the node has URLs for) or whose quorum they cannot meet, the policy made
    /// with `log_key`: a node misconfigured so stops at its charter, not at its first
    /// publication.
    pub fn with_witnesses(
        mut self,
        names: Vec<String>,
        log_key: passage_log::VerifierKey,
    ) -> Sequencer {
        self.genesis.witness_names = names;
        self.genesis.log_key = Some(log_key);
        self
    }

    /// Writes a state snapshot every `entries` entries instead of every
    /// [`crate::snapshot::SNAPSHOT_INTERVAL_ENTRIES`].
    pub fn with_snapshot_interval(mut self, entries: u64) -> Sequencer {
        self.snapshots.set_interval(entries);
        self
    }

    /// Sequences submissions until every sender is gone and everything received is
    /// committed (or answered as not committed), or until this node no longer leads.
    ///
    /// One commit at a time runs in the store; meanwhile new submissions are applied into
    /// the next batch ([`Staged`]), whose commit starts when the running one returns. So a
    /// batch grows with the load up to [`SEQUENCER_BATCH_MAX`], the core and the store
    /// work side by side, and a refused statement is answered without waiting for any
    /// fsync. Accepted statements are acknowledged only after their own batch commits.
    pub async fn run(mut self, mut queue: mpsc::Receiver<Submission>) -> Stop {
        let mut received = Vec::with_capacity(SEQUENCER_BATCH_MAX);
        let mut staged = Staged::new(self.appender.size());
        let mut in_flight: Option<InFlight> = None;
        let mut open = true;
        let mut stepping_down = false;
        let mut commit_failures = 0u32;
        let mut leadership_check_failures = 0u32;
        let period = Duration::from_millis(LEADERSHIP_CHECK_INTERVAL_MS);
        let mut leadership_check =
            tokio::time::interval_at(tokio::time::Instant::now() + period, period);
        leadership_check.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            if stepping_down && in_flight.is_none() {
                return step_down(staged, queue);
            }
            if !open && in_flight.is_none() && staged.accepted.is_empty() {
                self.snapshots.finish().await;
                return Stop::Drained;
            }
            let room = SEQUENCER_BATCH_MAX.saturating_sub(staged.accepted.len());
            let step = tokio::select! {
                biased;
                result = committed(&mut in_flight) => Step::Committed(result),
                _ = leadership_check.tick(), if !stepping_down => Step::CheckLeadership,
                count = queue.recv_many(&mut received, room),
                    if open && room > 0 && !stepping_down => Step::Received(count),
            };
            match step {
                Step::Received(0) => open = false,
                Step::Received(_) => {
                    let submissions = std::mem::take(&mut received);
                    self.apply(submissions, &mut staged).await;
                }
                Step::CheckLeadership => {
                    let timeout = Duration::from_millis(LEADERSHIP_CHECK_TIMEOUT_MS);
                    match tokio::time::timeout(timeout, self.store.is_leader()).await {
                        Ok(Ok(true)) => leadership_check_failures = 0,
                        Ok(Ok(false)) => stepping_down = true,
                        answer => {
                            leadership_check_failures += 1;
                            let error = match answer {
                                Ok(Err(error)) => error.to_string(),
                                _ => format!("no answer within {LEADERSHIP_CHECK_TIMEOUT_MS} ms"),
                            };
                            tracing::warn!(
                                %error,
                                failures = leadership_check_failures,
                                "could not check the leadership"
                            );
                            if leadership_check_failures >= LEADERSHIP_CHECK_FAILURES_MAX {
                                tracing::error!(
                                    "the leadership cannot be confirmed; stepping down"
                                );
                                stepping_down = true;
                            }
                        }
                    }
                }
                Step::Committed(result) => {
                    let Some(done) = in_flight.take() else { continue };
                    for id in &done.ids {
                        self.uncommitted.remove(id);
                    }
                    match result {
                        Ok(appended) => {
                            commit_failures = 0;
                            assert_eq!(
                                appended.tree_size, done.head.size,
                                "the store took the batch"
                            );
                            self.shared.set_committed(done.committed);
                            self.shared.commits.record(done.ids.len(), done.started.elapsed());
                            self.snapshots.batch_committed(done.head.size);
                            for Accepted { reply, index, duplicate, events } in done.accepted {
                                let _ = reply.send(Ok(Ack { index, duplicate, events }));
                            }
                        }
                        Err(error @ StoreError::LeadershipLost { .. }) => {
                            // Another node leads: nothing of this batch was written, and
                            // nothing staged on top of it may be.
                            tracing::error!(%error, "batch refused by the leadership fence");
                            fail(done.accepted);
                            self.snapshots.batch_failed();
                            stepping_down = true;
                        }
                        Err(error) if stepping_down => {
                            // The leadership could not be confirmed and the batch did not
                            // commit (or its answer was lost): nothing to recover here, the
                            // next leader recovers from the store.
                            tracing::error!(%error, "batch not committed while stepping down");
                            fail(done.accepted);
                            self.snapshots.batch_failed();
                        }
                        Err(error) => {
                            commit_failures += 1;
                            tracing::error!(
                                %error,
                                failures = commit_failures,
                                "batch not committed; recovering from the store"
                            );
                            fail(done.accepted);
                            // The staged statements were applied on top of the lost batch.
                            fail(std::mem::replace(&mut staged, Staged::new(0)).accepted);
                            self.uncommitted.clear();
                            // The snapshot being encoded may fold the lost batch.
                            self.snapshots.batch_failed();
                            match recover(&self.store).await {
                                Ok((state, appender)) => {
                                    self.appender = appender;
                                    // The store may hold the batch after all (its commit
                                    // landed and only the answer was lost): the tree head
                                    // follows the store now, not at the next commit.
                                    let head = TreeHead {
                                        size: self.appender.size(),
                                        root: self.appender.root(),
                                    };
                                    self.started = self.shared.reset(state, head);
                                    staged = Staged::new(self.appender.size());
                                }
                                Err(error) => {
                                    tracing::error!(%error, "recovery failed");
                                    return give_up(staged, queue);
                                }
                            }
                            if commit_failures >= COMMIT_FAILURES_MAX {
                                return give_up(staged, queue);
                            }
                        }
                    }
                }
            }
            if in_flight.is_none() && !stepping_down {
                in_flight = self.start_commit(&mut staged).await;
            }
        }
    }

    /// Applies submissions to the state into the staged batch. Refusals and resubmissions
    /// of committed statements are answered at once; the rest wait for the staged batch's
    /// commit.
    async fn apply(&mut self, submissions: Vec<Submission>, staged: &mut Staged) {
        let ids: Vec<[u8; 32]> = submissions
            .iter()
            .map(|submission| submission.statement.id())
            .filter(|id| !self.uncommitted.contains_key(id))
            .collect();
        let known: HashMap<[u8; 32], u64> = match self.store.find_statements(&ids).await {
            Ok(found) => {
                found.into_iter().map(|found| (found.statement_sha256, found.index)).collect()
            }
            Err(error) => {
                // Nothing was applied: these may simply be resubmitted.
                tracing::error!(%error, "statement lookup failed");
                for submission in submissions {
                    let _ = submission.reply.send(Err(SubmitError::Unavailable));
                }
                return;
            }
        };
        // Entry times never go backwards, whatever the system clock does.
        let time_ms = now_ms().max(self.last_time_ms);
        self.last_time_ms = time_ms;
        let time = Timestamp(time_ms);
        let mut guard =
            self.shared.state.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        for Submission { statement, reply } in submissions {
            let id = statement.id();
            if let Some(&index) = known.get(&id) {
                // Committed already: answer now.
                let _ = reply.send(Ok(Ack { index, duplicate: true, events: vec![] }));
                continue;
            }
            if let Some(&index) = self.uncommitted.get(&id) {
                // Its first submission is still on its way to the store: answer with it.
                staged.accepted.push(Accepted { reply, index, duplicate: true, events: vec![] });
                continue;
            }
            if guard.is_none()
                && let Err(refused) = check_genesis(statement.recorded(), &self.genesis)
            {
                // Whoever reaches an empty node first does not get to name its corridor.
                let _ = reply.send(Err(refused));
                continue;
            }
            let index = self.appender.size();
            let outcome = passage_core::fold::apply_hashed(
                &mut guard,
                index,
                time,
                statement.signed(),
                &id,
                statement.recorded(),
                &statement.checked,
            );
            let (events, leaf): (Vec<Event>, [u8; 32]) = match outcome {
                Ok(folded) => folded,
                Err(refusal) => {
                    // A refused statement changed nothing: answer at once, whatever the
                    // store is doing.
                    let _ = reply.send(Err(SubmitError::Refused(refusal)));
                    continue;
                }
            };
            if let Some(row) =
                projection::observation_row(index, time, &statement.recorded().statement)
            {
                staged.observations.push(row);
            }
            let bytes = Entry { sequenced_at: time, statement: statement.signed }.encode();
            // The fold hashed these very bytes for the core's tree.
            let appended = self.appender.append_hashed(&bytes, passage_log::Hash(leaf));
            assert_eq!(appended, Ok(index), "the tree grows by one per accepted entry");
            staged.touched.extend(events.iter().filter_map(projection::event_movement));
            staged.entries.push(passage_store::Entry {
                index,
                bytes,
                statement_sha256: id,
                sequenced_at_ms: time_ms as i64,
            });
            self.uncommitted.insert(id, index);
            let events = events.iter().map(ToString::to_string).collect();
            staged.accepted.push(Accepted { reply, index, duplicate: false, events });
        }
    }

    /// Hands the staged batch to the store, if it holds entries; answers it at once if it
    /// holds only resubmissions (every earlier batch has committed when this runs).
    async fn start_commit(&mut self, staged: &mut Staged) -> Option<InFlight> {
        let size = self.appender.size();
        let staged = std::mem::replace(staged, Staged::new(size));
        if staged.entries.is_empty() {
            for Accepted { reply, index, duplicate, events } in staged.accepted {
                let _ = reply.send(Ok(Ack { index, duplicate, events }));
            }
            return None;
        }
        assert_eq!(
            staged.first_index + staged.entries.len() as u64,
            size,
            "the staged batch holds every entry since the last commit"
        );
        let mut batch = AppendBatch::default();
        let (projections, after) = {
            let guard = self.shared.state.read().unwrap_or_else(std::sync::PoisonError::into_inner);
            let projections = guard
                .as_ref()
                .map(|state| projection::project(state, staged.first_index, &staged.touched));
            // A copy shares the state's persistent collections: O(1), and the sequencer's
            // next changes copy only the nodes they touch.
            (projections, guard.clone())
        };
        if let Some(projections) = projections {
            batch.projections = projections;
        }
        batch.projections.observations = staged.observations;
        let mut totals = self.started.totals.clone();
        totals.advance(
            self.started.state.as_ref(),
            after.as_ref(),
            staged.first_index,
            &staged.touched,
        );
        let committed = Arc::new(Committed {
            head: TreeHead { size, root: self.appender.root() },
            state: after,
            totals,
            lineage: self.started.lineage,
        });
        self.started = committed.clone();
        let changes = self.appender.take_changes();
        batch.hash_tiles = changes
            .tiles
            .into_iter()
            .map(|tile| passage_store::HashTile {
                level: tile.tile.level,
                index: tile.tile.index,
                width: tile.tile.width,
                hashes: tile.data,
            })
            .collect();
        batch.entry_bundles = changes
            .bundles
            .into_iter()
            .map(|bundle| passage_store::EntryBundle {
                index: bundle.bundle.index,
                width: bundle.bundle.width,
                bytes: bundle.data,
            })
            .collect();
        self.snapshots.batch_started(&self.shared, staged.first_index, size, self.appender.root());
        let ids = staged.entries.iter().map(|entry| entry.statement_sha256).collect();
        batch.entries = staged.entries;
        let store = Arc::clone(&self.store);
        let started = tokio::time::Instant::now();
        let commit = tokio::spawn(async move { store.append_batch(batch).await });
        let head = TreeHead { size, root: self.appender.root() };
        Some(InFlight { commit, started, accepted: staged.accepted, head, ids, committed })
    }
}
