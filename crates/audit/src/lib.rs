//! The auditor's library: fetch a log's checkpoint and tiles (over HTTP or from a folder),
//! verify the checkpoint against a trust policy, recompute the whole tree from the entry
//! bundles and compare every tile with it, and remember the verified checkpoint so the next
//! audit proves consistency from it and reads only the new entries.
//!
//! Each entry also goes through a [`Replay`] step: the domain core plugs in there to check
//! statements and recompute state ([`CoreReplay`], through the core's own fold,
//! `passage_core::fold`); [`NoReplay`] checks the log alone. [`compare`] then reads what a
//! node publishes, through this crate's own reading of the node's documented API, and names
//! every figure that differs from the recomputed state.
//!
//! An auditor shares none of the node's code for what it checks: this crate depends on the
//! log and the core, never on the node or its store. Everything read from a peer is read
//! with a size limit ([`FETCH_BYTES_MAX`], [`compare::NODE_RESPONSE_BYTES_MAX`]), so a
//! hostile server cannot exhaust the auditor's memory.

pub mod compare;
mod replay;
mod source;

use std::path::{Path, PathBuf};

use passage_log::{
    Appender, BundleId, Hash, Policy, PolicyVerifyError, RightEdge, SignedCheckpoint, TILE_WIDTH,
    TileData, TileId, TilePath, leaf_hash, parse_bundle, tile_at,
};

pub use replay::{Balance, CoreReplay, OpenIncident, ReplayError, StateSummary};
pub use source::write_atomic as write_file_atomic;
pub use source::{
    CachedSource, FETCH_BYTES_MAX, FolderSource, FolderTiles, HttpSource, SourceError, TileSource,
};

/// Tiles and bundles fetched ahead while earlier ones are hashed.
pub const FETCH_AHEAD_MAX: usize = 16;

/// A step run on every entry, in order (the domain core's replay).
pub trait Replay {
    /// Why an entry is refused.
    type Error: std::error::Error + Send + Sync + 'static;
    /// Takes entry `index`.
    fn apply(&mut self, index: u64, entry: &[u8]) -> Result<(), Self::Error>;
    /// Takes entries `first`, `first + 1`, ... in order (the new entries of one bundle),
    /// or refuses one, named by its index. By default each goes to [`Replay::apply`] in
    /// turn; a replay may check them together.
    fn apply_all(&mut self, first: u64, entries: &[&[u8]]) -> Result<(), (u64, Self::Error)> {
        for (offset, entry) in entries.iter().enumerate() {
            let index = first + offset as u64;
            self.apply(index, entry).map_err(|error| (index, error))?;
        }
        Ok(())
    }
    /// Whether the replay can start from the middle of the log (it keeps its own state
    /// across audits). If not, an incremental audit still proves the new checkpoint extends
    /// the remembered one, then reads every entry from the start.
    fn resumable(&self) -> bool {
        false
    }
    /// Called when the audit resumes from a remembered tree of `tree.size()` entries:
    /// restores what [`Replay::save`] kept at `path` (beside the audit memory) for that
    /// same tree, and says whether the replay can continue from entry `tree.size()`.
    /// By default, what [`Replay::resumable`] says.
    fn restore(&mut self, path: &Path, tree: &Appender) -> bool {
        let _ = (path, tree);
        self.resumable()
    }
    /// Called after a successful audit with memory: keeps at `path` what
    /// [`Replay::restore`] needs to resume after `tree.size()` entries. By default nothing.
    fn save(&self, path: &Path, tree: &Appender) -> std::io::Result<()> {
        let _ = (path, tree);
        Ok(())
    }
}

/// Checks the log alone.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoReplay;

impl Replay for NoReplay {
    type Error = std::convert::Infallible;
    fn apply(&mut self, _index: u64, _entry: &[u8]) -> Result<(), Self::Error> {
        Ok(())
    }
    fn resumable(&self) -> bool {
        true
    }
}

/// Why an audit failed. Every variant names what to look at.
#[derive(Debug, thiserror::Error)]
pub enum AuditError<E: std::error::Error + 'static> {
    /// Fetching failed.
    #[error(transparent)]
    Source(#[from] SourceError),
    /// The source has no checkpoint.
    #[error("the log serves no checkpoint")]
    NoCheckpoint,
    /// The checkpoint does not satisfy the policy.
    #[error("the checkpoint does not satisfy the policy: {0}")]
    Policy(#[from] PolicyVerifyError),
    /// A file the checkpoint needs is missing.
    #[error("{0} is missing")]
    Missing(String),
    /// A tile or bundle is malformed.
    #[error("{path}: {error}")]
    Malformed {
        /// Its path.
        path: String,
        /// What is wrong.
        error: passage_log::TileDataError,
    },
    /// An entry does not hash to its level-0 tile hash.
    #[error("entry {index} does not match its hash in the level-0 tile {tile}")]
    EntryMismatch {
        /// The entry's index.
        index: u64,
        /// The tile path.
        tile: String,
    },
    /// A tile differs from the tree recomputed from the entries.
    #[error("{path} differs from the tree recomputed from entries {first_entry}..{end_entry}")]
    TileMismatch {
        /// The tile path.
        path: String,
        /// First entry under the tile.
        first_entry: u64,
        /// One past the last entry under the tile.
        end_entry: u64,
    },
    /// The entries give another root than the checkpoint.
    #[error("the entries give root {computed}, the checkpoint says {expected}")]
    RootMismatch {
        /// Recomputed.
        computed: Hash,
        /// Signed.
        expected: Hash,
    },
    /// The checkpoint is smaller than one audited before: the log rolled back.
    #[error("the log's checkpoint has size {size}, smaller than the size {audited} audited before")]
    Rollback {
        /// Size now.
        size: u64,
        /// Size audited before.
        audited: u64,
    },
    /// The checkpoint does not extend the one audited before: a fork.
    #[error(
        "the checkpoint at size {size} is not consistent with the one audited at size {audited}"
    )]
    Fork {
        /// Size now.
        size: u64,
        /// Size audited before.
        audited: u64,
    },
    /// The remembered audit state is unreadable.
    #[error("the audit state in {path}: {reason}")]
    State {
        /// The state file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// The replay refused an entry.
    #[error("entry {index}: {source}")]
    Replay {
        /// The entry's index.
        index: u64,
        /// The replay's reason.
        source: E,
    },
}

/// What an audit verified.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditReport {
    /// The log's origin.
    pub origin: String,
    /// The verified size.
    pub size: u64,
    /// The verified root.
    pub root: Hash,
    /// The size audited before (0 on a first audit).
    pub from_size: u64,
    /// Entries read and checked in this run.
    pub entries_checked: u64,
    /// Tiles compared with the recomputed tree.
    pub tiles_checked: u64,
    /// Names of the policy's witnesses that cosigned.
    pub cosigners: Vec<String>,
}

/// Progress reports: entries checked so far out of the total to check.
pub trait Progress {
    /// Called as entries are checked.
    fn update(&self, checked: u64, total: u64);
}

impl Progress for () {
    fn update(&self, _checked: u64, _total: u64) {}
}

/// Where an audit remembers the last verified checkpoint: a folder (usually the cache).
#[derive(Clone, Debug)]
pub struct AuditMemory {
    folder: PathBuf,
}

impl AuditMemory {
    /// Remembers in `folder`.
    pub fn new(folder: &Path) -> AuditMemory {
        AuditMemory { folder: folder.to_owned() }
    }

    fn path(&self, origin: &str) -> PathBuf {
        self.folder.join("audited").join(origin_sha256_hex(origin))
    }

    /// Where the replay keeps its state beside the remembered tree (`<memory>.state`).
    fn state_path(&self, origin: &str) -> PathBuf {
        let mut path = self.path(origin).into_os_string();
        path.push(".state");
        PathBuf::from(path)
    }
}

/// Lowercase hex SHA-256 of a log's origin: the name of its remembered checkpoint, as a
/// witness names a log's monitoring path (c2sp.org/tlog-witness).
fn origin_sha256_hex(origin: &str) -> String {
    use sha2::Digest as _;
    hex::encode(sha2::Sha256::digest(origin.as_bytes()))
}

/// Audits the log `source` serves against `policy`. With `memory`, starts from the last
/// verified checkpoint (proving consistency from it) and remembers the new one.
pub async fn audit<S: TileSource, R: Replay, P: Progress>(
    source: &S,
    policy: &Policy,
    memory: Option<&AuditMemory>,
    replay: &mut R,
    progress: &P,
) -> Result<AuditReport, AuditError<R::Error>> {
    let note = source.fetch("checkpoint").await?.ok_or(AuditError::NoCheckpoint)?;
    let signed = policy.verify_checkpoint(&note)?;
    let SignedCheckpoint { checkpoint, cosignatures } = signed;
    let size = checkpoint.size;
    let cosigners = policy
        .witnesses()
        .iter()
        .filter(|witness| cosignatures.iter().any(|c| c.key == witness.key))
        .map(|witness| witness.name.clone())
        .collect();

    // The remembered right edge: the new checkpoint must extend it. Reading starts there
    // only if the replay can resume too.
    let remembered = match memory {
        Some(memory) => read_memory(&memory.path(&checkpoint.origin))?,
        None => None,
    };
    let mut appender = Appender::new();
    if let Some(edge) = remembered {
        if size < edge.size {
            return Err(AuditError::Rollback { size, audited: edge.size });
        }
        let resumed = Appender::resume(&edge).map_err(|error| AuditError::State {
            path: memory.map(|m| m.path(&checkpoint.origin)).unwrap_or_default(),
            reason: error.to_string(),
        })?;
        // The log's own consistency proof must hold too: a monitor relying on proofs rather
        // than on re-reading must reach the same verdict.
        let proof = prove_from_source(source, edge.size, size).await?;
        if passage_log::verify_consistency(
            edge.size,
            size,
            &resumed.root(),
            &checkpoint.root,
            &proof,
        )
        .is_err()
        {
            return Err(AuditError::Fork { size, audited: edge.size });
        }
        let state_path = memory.map(|m| m.state_path(&checkpoint.origin)).unwrap_or_default();
        if replay.restore(&state_path, &resumed) {
            appender = resumed;
        }
    }
    let from_size = appender.size();

    let mut tiles_checked = 0u64;
    let first_bundle = from_size / u64::from(TILE_WIDTH);
    let end_bundle = size.div_ceil(u64::from(TILE_WIDTH));
    let mut fetches = futures_util::stream::StreamExt::buffered(
        futures_util::stream::iter((first_bundle..end_bundle).map(|index| {
            let width = tile_at(0, index, size).map(|tile| tile.width).unwrap_or(TILE_WIDTH);
            let bundle = BundleId { index, width };
            let tile = TileId { level: 0, index, width };
            async move {
                let bundle_data = fetch_required(source, &bundle.path()).await;
                let tile_data = fetch_required(source, &tile.path()).await;
                (bundle, tile, bundle_data, tile_data)
            }
        })),
        FETCH_AHEAD_MAX,
    );
    let total = size - from_size;
    let mut upper_tiles: Vec<TileData> = Vec::new();
    while let Some((bundle, tile, bundle_data, tile_data)) =
        futures_util::stream::StreamExt::next(&mut fetches).await
    {
        let (bundle_data, tile_data) = (bundle_data?, tile_data?);
        let entries = parse_bundle(&bundle_data, bundle.width)
            .map_err(|error| AuditError::Malformed { path: bundle.path(), error })?;
        let hashes = tile
            .parse_data(&tile_data)
            .map_err(|error| AuditError::Malformed { path: tile.path(), error })?;
        let base = bundle.index * u64::from(TILE_WIDTH);
        for (position, entry) in entries.iter().enumerate() {
            if leaf_hash(entry) != hashes[position] {
                let index = base + position as u64;
                return Err(AuditError::EntryMismatch { index, tile: tile.path() });
            }
        }
        // Entries audited before are in the resumed right edge already.
        let first = appender.size().max(base);
        let fresh = &entries[usize::try_from(first - base).expect("within a bundle")..];
        replay
            .apply_all(first, fresh)
            .map_err(|(index, source)| AuditError::Replay { index, source })?;
        for entry in fresh {
            appender.append(entry).map_err(|_| AuditError::Missing(bundle.path()))?;
        }
        tiles_checked += 1;
        // Level 0 was checked hash by hash; higher tiles are compared below.
        upper_tiles.extend(appender.take_changes().tiles.into_iter().filter(|t| t.tile.level > 0));
        progress.update(appender.size() - from_size, total);
    }
    // Compare the upper tiles the log serves with the recomputed ones (full tiles once, and
    // the right edge at this size) before the root: a mismatch names a range of entries.
    for tile in upper_tiles {
        let Some(at_size) = tile_at(tile.tile.level, tile.tile.index, size) else { continue };
        if tile.tile.width != TILE_WIDTH && tile.tile.width != at_size.width {
            continue;
        }
        let path = tile.tile.path();
        let served = fetch_required(source, &path).await?;
        if served != tile.data {
            let span = 1u64 << (passage_log::TILE_HEIGHT * u32::from(tile.tile.level));
            let first_entry = tile.tile.index * u64::from(TILE_WIDTH) * span;
            let end_entry = (first_entry + u64::from(tile.tile.width) * span).min(size);
            return Err(AuditError::TileMismatch { path, first_entry, end_entry });
        }
        tiles_checked += 1;
    }

    assert!(appender.size() == size, "the audit read every entry up to the checkpoint");
    if appender.root() != checkpoint.root {
        return Err(AuditError::RootMismatch {
            computed: appender.root(),
            expected: checkpoint.root,
        });
    }

    if let Some(memory) = memory {
        // The replay's state first: a crash between the two writes leaves a state the
        // remembered tree does not match, which the next audit ignores (replaying from 0).
        let state_path = memory.state_path(&checkpoint.origin);
        replay.save(&state_path, &appender).map_err(|error| AuditError::State {
            path: state_path.clone(),
            reason: error.to_string(),
        })?;
        write_memory(&memory.path(&checkpoint.origin), &appender.right_edge())?;
    }
    Ok(AuditReport {
        origin: checkpoint.origin,
        size,
        root: checkpoint.root,
        from_size,
        entries_checked: total,
        tiles_checked,
        cosigners,
    })
}

async fn fetch_required<S: TileSource, E: std::error::Error + 'static>(
    source: &S,
    path: &str,
) -> Result<Vec<u8>, AuditError<E>> {
    source.fetch(path).await?.ok_or_else(|| AuditError::Missing(path.to_owned()))
}

/// Proves consistency from `old_size` to `size` with tiles fetched from the source.
async fn prove_from_source<S: TileSource, E: std::error::Error + 'static>(
    source: &S,
    old_size: u64,
    size: u64,
) -> Result<Vec<Hash>, AuditError<E>> {
    let mut tiles = passage_log::MemoryTiles::new();
    for tile in passage_log::consistency_tiles(old_size, size) {
        tiles.insert(tile, fetch_required(source, &tile.path()).await?);
    }
    passage_log::prove_consistency(&tiles, old_size, size)
        .map_err(|error| AuditError::Missing(error.to_string()))
}

/// Reads a remembered right edge: one line `size <n>`, then `<path> <base64 data>` lines.
fn read_memory<E: std::error::Error + 'static>(
    path: &Path,
) -> Result<Option<RightEdge>, AuditError<E>> {
    use base64::Engine as _;
    let state_error =
        |reason: &str| AuditError::State { path: path.to_owned(), reason: reason.into() };
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(state_error(&error.to_string())),
    };
    let mut lines = text.lines();
    let size = lines
        .next()
        .and_then(|line| line.strip_prefix("size "))
        .and_then(|size| size.parse().ok())
        .ok_or_else(|| state_error("the first line is not `size <n>`"))?;
    let mut edge = RightEdge { size, tiles: Vec::new(), bundle: None };
    for line in lines {
        let (tile_path, data) =
            line.split_once(' ').ok_or_else(|| state_error("a line is not `<path> <data>`"))?;
        let data = base64::engine::general_purpose::STANDARD
            .decode(data)
            .map_err(|_| state_error("tile data is not base64"))?;
        match TilePath::parse(tile_path) {
            Ok(TilePath::Hashes(tile)) => edge.tiles.push(TileData { tile, data }),
            Ok(TilePath::Entries(bundle)) => {
                edge.bundle = Some(passage_log::BundleData { bundle, data })
            }
            Err(_) => return Err(state_error("a line names no tile")),
        }
    }
    Ok(Some(edge))
}

fn write_memory<E: std::error::Error + 'static>(
    path: &Path,
    edge: &RightEdge,
) -> Result<(), AuditError<E>> {
    use base64::Engine as _;
    let mut text = format!("size {}\n", edge.size);
    for tile in &edge.tiles {
        let data = base64::engine::general_purpose::STANDARD.encode(&tile.data);
        text.push_str(&format!("{} {data}\n", tile.tile.path()));
    }
    if let Some(bundle) = &edge.bundle {
        let data = base64::engine::general_purpose::STANDARD.encode(&bundle.data);
        text.push_str(&format!("{} {data}\n", bundle.bundle.path()));
    }
    source::write_atomic(path, text.as_bytes())
        .map_err(|error| AuditError::State { path: path.to_owned(), reason: error.to_string() })
}
