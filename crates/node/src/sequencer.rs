//! The sequencer: the log's one writer. It batches verified statements through the core and
//! commits each batch (entries, tiles, projections) in one durable store transaction.
//!
//! Stateless checks (decode, size, signature, key known) happen before, in the request
//! handlers, in parallel; the sequencer only applies and commits. An acknowledgement leaves
//! only after its batch's commit returned, so nothing acknowledged is ever lost.

use crate::projection;
use passage_core::{ApplyContext, Entry, Event, Refusal, SignedStatement, State, Timestamp};
use passage_log::{Appender, Hash};
use passage_store::{AnyStore, AppendBatch, Store, StoreError};
use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::{SystemTime, UNIX_EPOCH};
use tokio::sync::{mpsc, oneshot, watch};

/// Most statements in one group commit. At about 400 bytes a statement this is 1.6 MB per
/// transaction; past a few hundred, the fsync is already shared so widely it stops mattering.
pub const SEQUENCER_BATCH_MAX: usize = 4_096;
/// Most statements waiting for the sequencer: beyond it, submitters are told to retry
/// (503) rather than queueing without bound.
pub const SEQUENCER_QUEUE_MAX: usize = 65_536;

/// One statement handed to the sequencer, already decoded and signature-checked.
pub struct Submission {
    /// The statement.
    pub signed: SignedStatement,
    /// Its id ([`SignedStatement::id`]): how a resubmission is recognised.
    pub id: [u8; 32],
    /// Where the answer goes.
    pub reply: oneshot::Sender<Result<Ack, SubmitError>>,
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
    /// The core's state; `None` before the charter.
    pub state: RwLock<Option<State>>,
    /// The tree as last committed.
    pub tree: watch::Sender<TreeHead>,
}

impl Shared {
    /// Runs `read` on the current state, if the charter is in.
    pub fn read_state<T>(&self, read: impl FnOnce(&State) -> T) -> Option<T> {
        let guard = self.state.read().unwrap_or_else(std::sync::PoisonError::into_inner);
        guard.as_ref().map(read)
    }
}

/// The writer: state, tree and store.
pub struct Sequencer {
    store: Arc<AnyStore>,
    shared: Arc<Shared>,
    appender: Appender,
    last_time_ms: u64,
    snapshot_interval_entries: u64,
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

/// A statement accepted into the batch being built.
struct Accepted {
    reply: oneshot::Sender<Result<Ack, SubmitError>>,
    index: u64,
    duplicate: bool,
    events: Vec<String>,
}

impl Sequencer {
    /// A sequencer over a recovered state and tree.
    pub fn new(store: Arc<AnyStore>, shared: Arc<Shared>, appender: Appender) -> Sequencer {
        let last_time_ms = shared.read_state(|state| state.time().0).unwrap_or_default();
        shared.tree.send_replace(TreeHead { size: appender.size(), root: appender.root() });
        let snapshot_interval_entries = crate::snapshot::SNAPSHOT_INTERVAL_ENTRIES;
        Sequencer { store, shared, appender, last_time_ms, snapshot_interval_entries }
    }

    /// Writes a state snapshot every `entries` entries instead of every
    /// [`crate::snapshot::SNAPSHOT_INTERVAL_ENTRIES`].
    pub fn with_snapshot_interval(mut self, entries: u64) -> Sequencer {
        self.snapshot_interval_entries = entries;
        self
    }

    /// Sequences submissions until every sender is gone.
    pub async fn run(mut self, mut queue: mpsc::Receiver<Submission>) {
        let mut batch = Vec::with_capacity(SEQUENCER_BATCH_MAX);
        while queue.recv_many(&mut batch, SEQUENCER_BATCH_MAX).await > 0 {
            let submissions = std::mem::take(&mut batch);
            if let Err(error) = self.sequence(submissions).await {
                tracing::error!(%error, "batch not committed; recovering from the store");
                match recover(&self.store).await {
                    Ok((state, appender)) => {
                        *self
                            .shared
                            .state
                            .write()
                            .unwrap_or_else(std::sync::PoisonError::into_inner) = state;
                        self.appender = appender;
                    }
                    Err(error) => {
                        tracing::error!(%error, "recovery failed; the sequencer stops");
                        return;
                    }
                }
            }
        }
    }

    /// Applies, commits and acknowledges one batch.
    async fn sequence(&mut self, submissions: Vec<Submission>) -> Result<(), StoreError> {
        let ids: Vec<[u8; 32]> = submissions.iter().map(|submission| submission.id).collect();
        let known: HashMap<[u8; 32], u64> = self
            .store
            .find_statements(&ids)
            .await?
            .into_iter()
            .map(|found| (found.statement_sha256, found.index))
            .collect();
        // Entry times never go backwards, whatever the system clock does.
        let time_ms = now_ms().max(self.last_time_ms);
        let time = Timestamp(time_ms);
        let first_index = self.appender.size();
        let mut batch = AppendBatch::default();
        let mut accepted: Vec<Accepted> = Vec::new();
        let mut in_batch: HashMap<[u8; 32], u64> = HashMap::new();
        let mut touched = Vec::new();
        {
            let mut guard =
                self.shared.state.write().unwrap_or_else(std::sync::PoisonError::into_inner);
            for Submission { signed, id, reply } in submissions {
                if let Some(&index) = known.get(&id).or_else(|| in_batch.get(&id)) {
                    accepted.push(Accepted { reply, index, duplicate: true, events: vec![] });
                    continue;
                }
                let index = self.appender.size();
                let ctx = ApplyContext {
                    entry_index: index,
                    time,
                    selection_seed: self.appender.root().0,
                };
                let outcome = match guard.as_mut() {
                    None => State::genesis(&ctx, &signed).map(|(state, events)| {
                        *guard = Some(state);
                        events
                    }),
                    Some(state) => state.apply_signed(&ctx, &signed),
                };
                let events: Vec<Event> = match outcome {
                    Ok(events) => events,
                    Err(refusal) => {
                        // A refused statement changed nothing: answer at once.
                        let _ = reply.send(Err(SubmitError::Refused(refusal)));
                        continue;
                    }
                };
                let bytes = Entry { sequenced_at: time, statement: signed }.encode();
                let appended = self.appender.append(&bytes);
                assert_eq!(appended, Ok(index), "the tree grows by one per accepted entry");
                touched.extend(events.iter().filter_map(projection::event_movement));
                batch.entries.push(passage_store::Entry {
                    index,
                    bytes,
                    statement_sha256: id,
                    sequenced_at_ms: time_ms as i64,
                });
                in_batch.insert(id, index);
                let events = events.iter().map(ToString::to_string).collect();
                accepted.push(Accepted { reply, index, duplicate: false, events });
            }
            if let Some(state) = guard.as_ref() {
                batch.projections = projection::project(state, first_index, &touched);
            }
        }
        if !batch.entries.is_empty() {
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
            batch.snapshot = crate::snapshot::for_batch(
                &self.shared,
                first_index,
                self.appender.size(),
                self.snapshot_interval_entries,
            );
            let result = self.store.append_batch(batch).await;
            if let Err(error) = result {
                for accepted in accepted {
                    let _ = accepted.reply.send(Err(SubmitError::Unavailable));
                }
                return Err(error);
            }
            self.last_time_ms = time_ms;
            self.shared
                .tree
                .send_replace(TreeHead { size: self.appender.size(), root: self.appender.root() });
        }
        for Accepted { reply, index, duplicate, events } in accepted {
            let _ = reply.send(Ok(Ack { index, duplicate, events }));
        }
        Ok(())
    }
}
