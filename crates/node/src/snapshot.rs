//! Core state snapshots in the store, and recovery from them.
//!
//! When a batch crosses a multiple of [`SNAPSHOT_INTERVAL_ENTRIES`], the sequencer takes a
//! copy of the state and the tree's root at the batch's end ([`Capture`]): the state's large
//! parts are persistent collections, so the copy costs O(1) and the sequencer does not
//! stall. The copy is encoded on a blocking thread at once; once the batch that crossed
//! has committed, the encoded snapshot is written to the store outside the batches
//! ([`Store::write_snapshot`]: SQLite in chunks over short transactions between batches,
//! PostgreSQL in one transaction on a connection of its own), under the leadership fence.
//! [`Snapshots`] keeps that bookkeeping for the sequencer. [`recover`] starts from the
//! latest snapshot and replays only the entries after it.
//!
//! A snapshot is a cache of the log: one that does not decode, does not give its recorded
//! digest, or whose root is not the stored tree's at its size is set aside with a warning
//! and the log is replayed from entry 0. A snapshot never completed (a crash while it was
//! encoded or written, a failed batch) only means a longer replay from the previous one;
//! of two written the store keeps the one covering more entries.

use crate::sequencer::{RecoveryError, Shared};
use passage_core::{Entry, State};
use passage_log::{Appender, BundleData, BundleId, Hash, RightEdge, TileData, right_edge_tiles};
use passage_store::{AnyStore, EntryCursor, StateSnapshot, Store};
use std::sync::Arc;
use tokio::task::JoinHandle;

/// Entries between two snapshots by default: a restart replays at most this many. Encoding
/// and writing a state of a million entries takes most of a second (BENCHMARKS.md), all of
/// it off the sequencer's task; what the sequencer itself spends is one O(1) copy of the
/// state per interval.
pub const SNAPSHOT_INTERVAL_ENTRIES: u64 = 65_536;
/// Most entries between two snapshots a node may be configured with (a restart replays at
/// most this many: about a minute at the core's replay speed).
pub const SNAPSHOT_INTERVAL_ENTRIES_MAX: u64 = 1 << 24;
/// Entries read per chunk while replaying the log at start.
const REPLAY_CHUNK: u32 = 4_096;

/// Whether a batch growing the log from `size_before` to `size_after` entries crosses a
/// multiple of `interval`, so that the state after it is to be kept as a snapshot.
pub fn crosses_interval(size_before: u64, size_after: u64, interval: u64) -> bool {
    let interval = interval.max(1);
    size_before / interval != size_after / interval
}

/// A copy of the state at a tree size, with the tree's root there, to be encoded off the
/// sequencer's task.
pub struct Capture {
    state: State,
    tree_size: u64,
    root: Hash,
}

impl Capture {
    /// Copies the shared state, which folds the first `tree_size` entries of the tree with
    /// `root`; `None` before the charter.
    pub fn of(shared: &Shared, tree_size: u64, root: Hash) -> Option<Capture> {
        shared.read_state(|state| Capture { state: state.clone(), tree_size, root })
    }

    /// The tree size the copy belongs to.
    pub fn tree_size(&self) -> u64 {
        self.tree_size
    }

    /// Encodes the copy on a blocking thread.
    pub fn spawn_encode(self) -> tokio::task::JoinHandle<StateSnapshot> {
        tokio::task::spawn_blocking(move || snapshot_of(&self.state, self.tree_size, self.root))
    }
}

/// The sequencer's snapshots: at most one taken and not yet written at a time.
pub struct Snapshots {
    store: Arc<AnyStore>,
    interval_entries: u64,
    pending: Option<Pending>,
}

enum Pending {
    /// Taken at the end of the batch in flight and being encoded; written once that batch
    /// has committed, dropped if it fails.
    Encoding { tree_size: u64, task: JoinHandle<StateSnapshot> },
    /// Being written to the store (the encoding finishing first).
    Writing { tree_size: u64, task: JoinHandle<()> },
}

impl Snapshots {
    /// Snapshots every `interval_entries` entries, written to `store`.
    pub fn new(store: Arc<AnyStore>, interval_entries: u64) -> Snapshots {
        Snapshots { store, interval_entries, pending: None }
    }

    /// Sets the interval.
    pub fn set_interval(&mut self, interval_entries: u64) {
        self.interval_entries = interval_entries;
    }

    /// A batch growing the log from `size_before` to `size_after` (with `root`) was handed
    /// to the store: if it crosses a multiple of the interval, copies the state (O(1)) and
    /// starts encoding the copy, unless a snapshot is still encoded or written.
    pub fn batch_started(
        &mut self,
        shared: &Shared,
        size_before: u64,
        size_after: u64,
        root: Hash,
    ) {
        if let Some(Pending::Writing { task, .. }) = &self.pending
            && task.is_finished()
        {
            self.pending = None;
        }
        if !crosses_interval(size_before, size_after, self.interval_entries) {
            return;
        }
        if let Some(
            Pending::Encoding { tree_size: busy, .. } | Pending::Writing { tree_size: busy, .. },
        ) = &self.pending
        {
            tracing::warn!(
                tree_size = size_after,
                busy,
                "the previous snapshot is still being written; this one is skipped"
            );
            return;
        }
        if let Some(capture) = Capture::of(shared, size_after, root) {
            let tree_size = capture.tree_size();
            self.pending = Some(Pending::Encoding { tree_size, task: capture.spawn_encode() });
        }
    }

    /// The batch ending at `tree_size` committed: a snapshot taken there goes to the store,
    /// on a task of its own. It is sound: the log's first `tree_size` entries are now
    /// durably the ones its state folds, and it records the root, which recovery checks.
    pub fn batch_committed(&mut self, tree_size: u64) {
        let taken_here = matches!(
            &self.pending,
            Some(Pending::Encoding { tree_size: taken, .. }) if *taken == tree_size
        );
        if !taken_here {
            return;
        }
        let Some(Pending::Encoding { task: encoding, .. }) = self.pending.take() else { return };
        let store = Arc::clone(&self.store);
        let task = tokio::spawn(async move {
            let snapshot = match encoding.await {
                Ok(snapshot) => snapshot,
                Err(error) => {
                    tracing::error!(%error, tree_size, "encoding a snapshot failed");
                    return;
                }
            };
            let started = std::time::Instant::now();
            let bytes = snapshot.state.len();
            match store.write_snapshot(snapshot).await {
                Ok(replaced) => tracing::info!(
                    tree_size,
                    bytes,
                    replaced,
                    elapsed_ms = started.elapsed().as_millis() as u64,
                    "state snapshot written"
                ),
                Err(error) => tracing::warn!(%error, tree_size, "state snapshot not written"),
            }
        });
        self.pending = Some(Pending::Writing { tree_size, task });
    }

    /// A batch failed: a snapshot taken at its end folds entries that are not in the log,
    /// and is dropped. One already being written folds only committed entries.
    pub fn batch_failed(&mut self) {
        if matches!(self.pending, Some(Pending::Encoding { .. })) {
            self.pending = None;
        }
    }

    /// Waits for the snapshot being written, if any (a sequencer that drained its queue
    /// leaves nothing half done behind it).
    pub async fn finish(&mut self) {
        if let Some(Pending::Writing { task, .. }) = self.pending.take() {
            let _ = task.await;
        }
    }
}

/// The store row for `state`, which folds the first `tree_size` entries of the tree with
/// `root`.
pub fn snapshot_of(state: &State, tree_size: u64, root: Hash) -> StateSnapshot {
    assert_eq!(state.next_entry_index(), tree_size, "a snapshot covers the whole tree");
    let bytes = state.encode_snapshot();
    let digest = State::snapshot_digest(&bytes).expect("a fresh snapshot has a header");
    StateSnapshot { tree_size, root: Some(root.0.to_vec()), digest: digest.to_vec(), state: bytes }
}

/// What recovery rebuilt.
pub struct Recovered {
    /// The core's state (`None` before the charter).
    pub state: Option<State>,
    /// The tree, resumed at the log's size.
    pub appender: Appender,
    /// The first entry replayed (the snapshot's size, or 0 without a usable snapshot).
    pub replayed_from: u64,
}

/// The stored right edge of the tree at `size`: the right-edge tiles and partial bundle,
/// cut from the stored (possibly wider) ones.
async fn stored_right_edge(store: &AnyStore, size: u64) -> Result<RightEdge, RecoveryError> {
    let mut tiles = Vec::new();
    for tile in right_edge_tiles(size) {
        let data = store
            .hash_tile(tile.level, tile.index, tile.width)
            .await?
            .ok_or_else(|| RecoveryError::Tree(format!("tile {} is missing", tile.path())))?;
        tiles.push(TileData { tile, data });
    }
    let width = (size % 256) as u16;
    let bundle = if width == 0 {
        None
    } else {
        let index = size / 256;
        let data = store
            .entry_bundle(index, width)
            .await?
            .ok_or_else(|| RecoveryError::Tree(format!("entry bundle {index} is missing")))?;
        Some(BundleData { bundle: BundleId { index, width }, data })
    };
    Ok(RightEdge { size, tiles, bundle })
}

/// The state and tree at a snapshot's size, once the snapshot decodes, covers exactly its
/// tree size, gives the digest recorded beside it, and (when it records one) was taken at
/// the root the stored tree has at that size.
async fn resume_snapshot(
    store: &AnyStore,
    snapshot: &StateSnapshot,
    tree_size: u64,
) -> Result<(State, Appender), String> {
    if snapshot.tree_size > tree_size {
        return Err(format!("it covers {} entries of {tree_size}", snapshot.tree_size));
    }
    let state = State::decode_snapshot(&snapshot.state).map_err(|error| error.to_string())?;
    if state.next_entry_index() != snapshot.tree_size {
        return Err(format!(
            "its state folds {} entries, its row says {}",
            state.next_entry_index(),
            snapshot.tree_size
        ));
    }
    if state.digest().as_slice() != snapshot.digest.as_slice() {
        return Err("its state's digest is not the recorded one".into());
    }
    let edge = stored_right_edge(store, snapshot.tree_size).await.map_err(|e| e.to_string())?;
    let appender = Appender::resume(&edge).map_err(|error| error.to_string())?;
    if let Some(root) = &snapshot.root
        && root.as_slice() != appender.root().0.as_slice()
    {
        return Err(format!(
            "it was taken at another root than the stored tree's at {} entries",
            snapshot.tree_size
        ));
    }
    Ok((state, appender))
}

/// Rebuilds the state and tree from the store: from the latest snapshot if it is usable,
/// then the entries after it; checks that the tree rebuilt this way has the stored right
/// edge's root and agrees with the latest checkpoint.
pub async fn recover(store: &AnyStore) -> Result<Recovered, RecoveryError> {
    let recovery = store.recovery().await?;
    let mut state: Option<State> = None;
    let mut appender = Appender::new();
    if let Some(snapshot) = &recovery.snapshot {
        match resume_snapshot(store, snapshot, recovery.tree_size).await {
            Ok((resumed, tree)) => {
                state = Some(resumed);
                appender = tree;
            }
            Err(reason) => tracing::warn!(
                tree_size = snapshot.tree_size,
                %reason,
                "state snapshot not usable; replaying the log from entry 0"
            ),
        }
    }
    let replayed_from = appender.size();
    let mut cursor = EntryCursor::new(replayed_from, REPLAY_CHUNK);
    // Replay up to the size `recovery` read, not beyond: another node may be appending
    // meanwhile (a leader stepping down recovers while its successor writes), and the
    // tiles and checkpoint checked below are those of that size.
    while appender.size() < recovery.tree_size {
        let Some(entries) = cursor.next_chunk(store).await? else { break };
        let within = entries.into_iter().take_while(|stored| stored.index < recovery.tree_size);
        for stored in within {
            let index = stored.index;
            let replay = |reason: String| RecoveryError::Replay { index, reason };
            let entry = Entry::decode(&stored.bytes).map_err(|error| replay(error.to_string()))?;
            passage_core::fold::apply_entry(&mut state, index, &entry)
                .map_err(|refusal| replay(refusal.to_string()))?;
            appender.append(&stored.bytes).map_err(|error| replay(error.to_string()))?;
        }
        // Tiles are already stored: drop what the rebuilt appender would write.
        appender.take_changes();
    }
    if appender.size() != recovery.tree_size {
        return Err(RecoveryError::Tree(format!(
            "{} entries replayed, the store counts {}",
            appender.size(),
            recovery.tree_size
        )));
    }
    // The stored right edge must give the same root: the tiles agree with the entries (and,
    // after a snapshot, the tree at the snapshot's size is a prefix of the stored one).
    let edge = stored_right_edge(store, appender.size()).await?;
    let resumed =
        Appender::resume(&edge).map_err(|error| RecoveryError::Tree(error.to_string()))?;
    if resumed.root() != appender.root() {
        return Err(RecoveryError::Tree("the stored tiles give another root".into()));
    }
    if let Some(checkpoint) = recovery.latest_checkpoint {
        check_checkpoint_root(store, &checkpoint.signed_note, &appender).await?;
    }
    Ok(Recovered { state, appender: resumed, replayed_from })
}

/// The latest checkpoint must be a prefix of the replayed tree with the root it states.
async fn check_checkpoint_root(
    store: &AnyStore,
    note: &str,
    appender: &Appender,
) -> Result<(), RecoveryError> {
    let text = note.split("\n\n").next().unwrap_or_default();
    let checkpoint = passage_log::Checkpoint::parse(format!("{text}\n").as_bytes())
        .map_err(|error| RecoveryError::Tree(format!("latest checkpoint: {error}")))?;
    let root = if checkpoint.size == appender.size() {
        appender.root()
    } else {
        let mut tiles = passage_log::MemoryTiles::new();
        for tile in passage_log::consistency_tiles(checkpoint.size, appender.size()) {
            if let Some(data) = store.hash_tile(tile.level, tile.index, tile.width).await? {
                tiles.insert(tile, data);
            }
        }
        passage_log::tree_root(&tiles, checkpoint.size)
            .map_err(|error| RecoveryError::Tree(format!("root at checkpoint: {error}")))?
    };
    if root != checkpoint.root {
        return Err(RecoveryError::Tree(format!(
            "the checkpoint at size {} states another root",
            checkpoint.size
        )));
    }
    Ok(())
}
