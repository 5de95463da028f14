//! Core state snapshots in the store, and recovery from them. The sequencer puts a
//! snapshot of the state into a batch every [`SNAPSHOT_INTERVAL_ENTRIES`] entries, written
//! in the batch's transaction; [`recover`] starts from the latest one and replays only the
//! entries after it. A snapshot is a cache of the log: one that does not decode or does
//! not agree with the tree is set aside with a warning and the log is replayed from entry 0.

use crate::sequencer::{RecoveryError, Shared};
use passage_core::{ApplyContext, Entry, State};
use passage_log::{Appender, BundleData, BundleId, RightEdge, TileData, right_edge_tiles};
use passage_store::{AnyStore, EntryCursor, StateSnapshot, Store};

/// Entries between two snapshots by default. Encoding a state of a million entries takes
/// a few tens of milliseconds (BENCHMARKS.md), so once every 65,536 entries keeps it well
/// under 1 % of the sequencer's time, and a restart replays at most that many entries.
pub const SNAPSHOT_INTERVAL_ENTRIES: u64 = 65_536;
/// Most entries between two snapshots a node may be configured with (a restart replays at
/// most this many: about a minute at the core's replay speed).
pub const SNAPSHOT_INTERVAL_ENTRIES_MAX: u64 = 1 << 24;
/// Entries read per chunk while replaying the log at start.
const REPLAY_CHUNK: u32 = 4_096;

/// The snapshot a batch growing the log from `size_before` to `size_after` entries must
/// carry: one when the batch crosses a multiple of `interval`, with the state after it.
pub fn for_batch(
    shared: &Shared,
    size_before: u64,
    size_after: u64,
    interval: u64,
) -> Option<StateSnapshot> {
    let interval = interval.max(1);
    if size_before / interval == size_after / interval {
        return None;
    }
    shared.read_state(|state| snapshot_of(state, size_after))
}

/// The store row for `state`, which folds the first `tree_size` entries.
pub fn snapshot_of(state: &State, tree_size: u64) -> StateSnapshot {
    assert_eq!(state.next_entry_index(), tree_size, "a snapshot covers the whole tree");
    let bytes = state.encode_snapshot();
    let digest = State::snapshot_digest(&bytes).expect("a fresh snapshot has a header");
    StateSnapshot { tree_size, digest: digest.to_vec(), state: bytes }
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
/// tree size and gives the digest recorded beside it.
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
    while let Some(entries) = cursor.next_chunk(store).await? {
        for stored in entries {
            let index = stored.index;
            let replay = |reason: String| RecoveryError::Replay { index, reason };
            let entry = Entry::decode(&stored.bytes).map_err(|error| replay(error.to_string()))?;
            let ctx = ApplyContext {
                entry_index: index,
                time: entry.sequenced_at,
                selection_seed: appender.root().0,
            };
            match state.as_mut() {
                None => {
                    let (genesis, _) = State::genesis(&ctx, &entry.statement)
                        .map_err(|refusal| replay(refusal.to_string()))?;
                    state = Some(genesis);
                }
                Some(state) => {
                    state
                        .apply_signed(&ctx, &entry.statement)
                        .map_err(|refusal| replay(refusal.to_string()))?;
                }
            }
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
