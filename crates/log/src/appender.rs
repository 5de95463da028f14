//! The incremental appender: adds entries to a tiled tree and reports exactly which tiles and
//! entry bundles changed, keeping only the right edge of the tree in memory.
//!
//! State is the tree size, one frontier hash per tree level, and the right-edge partial tiles
//! and entry bundle (at most 8 KiB per tile level and one partial bundle). A store persists the
//! [`Changes`] of each batch in the same transaction as the entries; after a restart it reads
//! back the right edge ([`crate::right_edge_tiles`]) and calls [`Appender::resume`].

use crate::hash::{HASH_BYTES, Hash, LeafHasher, leaf_hash, node_hash, root_of};
use crate::tile::{
    BundleId, ENTRY_BYTES_MAX, TILE_BYTES_MAX, TILE_HEIGHT, TILE_WIDTH, TileDataError, TileId,
    parse_bundle, push_bundle_entry, right_edge_tiles,
};

/// Entries one [`Appender::append_batch`] call takes. A batch is one group commit; its
/// changes (a few full tiles plus the right edge) must fit one database transaction.
pub const BATCH_ENTRIES_MAX: usize = 65_536;

/// Tile data to store under [`TileId::path`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TileData {
    /// Which tile, with its width.
    pub tile: TileId,
    /// The tile's hashes, 32 bytes each.
    pub data: Vec<u8>,
}

/// An entry bundle to store under [`BundleId::path`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BundleData {
    /// Which bundle, with its width.
    pub bundle: BundleId,
    /// The bundle bytes: each entry prefixed with its `uint16` big-endian length.
    pub data: Vec<u8>,
}

/// What changed since the last [`Appender::take_changes`]: every tile and bundle that became
/// full, and the current state of every partial one that changed. Writing all of them (full
/// ones are immutable, partial ones are new files for the new width) brings a store to `size`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    /// Tree size after the changes.
    pub size: u64,
    /// Tiles that became full, then the changed partial tiles, lowest level first.
    pub tiles: Vec<TileData>,
    /// Bundles that became full, then the changed partial bundle.
    pub bundles: Vec<BundleData>,
}

/// The result of [`Appender::append_batch`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Batch {
    /// Index of the batch's first entry.
    pub first_index: u64,
    /// For each entry of the batch, the root of the tree just before it was appended.
    pub roots_before: Vec<Hash>,
    /// The tiles and bundles to write.
    pub changes: Changes,
}

/// The right edge of a tree: what an appender needs to resume.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RightEdge {
    /// Tree size.
    pub size: u64,
    /// The partial tiles named by [`crate::right_edge_tiles`]`(size)`.
    pub tiles: Vec<TileData>,
    /// The partial entry bundle, present when `size` is not a multiple of 256.
    pub bundle: Option<BundleData>,
}

/// Why an entry was not appended.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AppendError {
    /// The entry is longer than an entry bundle can frame.
    #[error("an entry is at most {ENTRY_BYTES_MAX} bytes, this one is {bytes}")]
    EntryTooLarge {
        /// Position of the entry in its batch.
        position: usize,
        /// Its length.
        bytes: usize,
    },
    /// The batch holds more entries than [`BATCH_ENTRIES_MAX`].
    #[error("a batch holds at most {BATCH_ENTRIES_MAX} entries, this one {entries}")]
    BatchTooLarge {
        /// Entries in the batch.
        entries: usize,
    },
    /// The tree holds 2^64 − 1 entries and cannot grow.
    #[error("the tree is full")]
    TreeFull,
}

/// Why an appender could not resume from a right edge.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResumeError {
    /// A right-edge tile the size requires is absent.
    #[error("the right edge lacks tile {0:?}")]
    MissingTile(TileId),
    /// A tile is given that is not a right-edge tile of this size.
    #[error("tile {0:?} is not on the right edge of the tree")]
    UnexpectedTile(TileId),
    /// The partial entry bundle is absent, or given when the size needs none.
    #[error("the partial entry bundle does not match the tree size")]
    BundleWidth,
    /// Tile or bundle data is malformed.
    #[error(transparent)]
    Data(#[from] TileDataError),
    /// An entry of the partial bundle does not hash to the level-0 tile's hash.
    #[error("entry {index} of the partial bundle does not match its level-0 tile hash")]
    BundleMismatch {
        /// Index of the entry in the log.
        index: u64,
    },
}

/// Adds entries to a tiled Merkle tree, keeping only the right edge.
///
/// Cloning is cheap (a few kilobytes): a sequencer clones before a batch and restores the
/// clone if the batch's transaction fails.
#[derive(Clone, Debug)]
pub struct Appender {
    size: u64,
    /// `frontier[h]` is the root of the complete subtree at tree level `h` on the right edge;
    /// it is meaningful only when bit `h` of `size` is set.
    frontier: [Hash; 64],
    /// Right-edge partial tile of each tile level, as tile bytes (never full).
    partial_tiles: Vec<Vec<u8>>,
    /// Right-edge partial entry bundle (never full).
    partial_bundle: Vec<u8>,
    /// Full tiles and bundles completed since the last `take_changes`.
    completed: Changes,
    /// Bit `l` set: the partial tile at level `l` changed since the last `take_changes`.
    dirty_tile_levels: u64,
    bundle_dirty: bool,
    leaf_hasher: LeafHasher,
}

impl Default for Appender {
    fn default() -> Self {
        Appender::new()
    }
}

impl Appender {
    /// An appender for a new, empty tree.
    pub fn new() -> Appender {
        Appender {
            size: 0,
            frontier: [Hash::default(); 64],
            partial_tiles: Vec::new(),
            partial_bundle: Vec::new(),
            completed: Changes::default(),
            dirty_tile_levels: 0,
            bundle_dirty: false,
            leaf_hasher: LeafHasher::default(),
        }
    }

    /// Resumes from a stored right edge, checking it is complete and self-consistent (every
    /// tile present at its width, the bundle's entries hashing to the level-0 tile). The
    /// caller then compares [`Appender::root`] with its last signed checkpoint.
    pub fn resume(edge: &RightEdge) -> Result<Appender, ResumeError> {
        let expected = right_edge_tiles(edge.size);
        for given in &edge.tiles {
            if !expected.contains(&given.tile) {
                return Err(ResumeError::UnexpectedTile(given.tile));
            }
        }
        let mut appender = Appender::new();
        appender.size = edge.size;
        for tile in &expected {
            let given = edge
                .tiles
                .iter()
                .find(|given| given.tile == *tile)
                .ok_or(ResumeError::MissingTile(*tile))?;
            tile.parse_data(&given.data)?;
            let level = usize::from(tile.level);
            if appender.partial_tiles.len() <= level {
                appender.partial_tiles.resize_with(level + 1, Vec::new);
            }
            appender.partial_tiles[level] = given.data.clone();
        }
        let bundle_width = (edge.size % u64::from(TILE_WIDTH)) as u16;
        match (&edge.bundle, bundle_width) {
            (None, 0) => {}
            (Some(bundle), width)
                if width > 0 && bundle.bundle == (BundleId { index: edge.size / 256, width }) =>
            {
                let entries = parse_bundle(&bundle.data, width)?;
                let level0 = appender.partial_tiles.first().map(Vec::as_slice).unwrap_or(&[]);
                let first = edge.size - u64::from(width);
                for (position, entry) in entries.iter().enumerate() {
                    let stored = &level0[position * HASH_BYTES..(position + 1) * HASH_BYTES];
                    if leaf_hash(entry).0 != stored {
                        return Err(ResumeError::BundleMismatch { index: first + position as u64 });
                    }
                }
                appender.partial_bundle = bundle.data.clone();
            }
            _ => return Err(ResumeError::BundleWidth),
        }
        // Each frontier hash is the root of a run of hashes inside one partial tile.
        for height in 0..64u32 {
            if edge.size >> height & 1 == 0 {
                continue;
            }
            let level = (height / TILE_HEIGHT) as usize;
            let within = height % TILE_HEIGHT;
            let local = (edge.size >> (TILE_HEIGHT * level as u32)) & 0xff;
            let start = (local & !((1u64 << (within + 1)) - 1)) as usize;
            let count = 1usize << within;
            let hashes: Vec<Hash> = appender.partial_tiles[level]
                [start * HASH_BYTES..(start + count) * HASH_BYTES]
                .chunks_exact(HASH_BYTES)
                .filter_map(Hash::from_slice)
                .collect();
            appender.frontier[height as usize] = root_of(&hashes);
        }
        Ok(appender)
    }

    /// Entries in the tree.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// The tree's root. Costs one node hash per set bit of the size (at most 63), no reads.
    pub fn root(&self) -> Hash {
        let mut root: Option<Hash> = None;
        for height in 0..64 {
            if self.size >> height & 1 == 1 {
                let subtree = &self.frontier[height];
                root = Some(match root {
                    None => *subtree,
                    Some(right) => node_hash(subtree, &right),
                });
            }
        }
        root.unwrap_or(crate::hash::EMPTY_ROOT)
    }

    /// Appends one entry and returns its index.
    pub fn append(&mut self, entry: &[u8]) -> Result<u64, AppendError> {
        let leaf = self.leaf_hasher.hash(entry);
        self.append_hashed(entry, leaf)
    }

    /// Appends one entry whose leaf hash (RFC 6962: SHA-256 of a zero byte and the entry)
    /// the caller computed already, as the node's sequencer has from the core's fold, and
    /// returns its index. A wrong `leaf` makes a tree that no one else computes: every
    /// proof from it fails, and an audit names the first entry that differs.
    pub fn append_hashed(&mut self, entry: &[u8], leaf: Hash) -> Result<u64, AppendError> {
        if entry.len() > ENTRY_BYTES_MAX {
            return Err(AppendError::EntryTooLarge { position: 0, bytes: entry.len() });
        }
        let index = self.size;
        if index == u64::MAX {
            return Err(AppendError::TreeFull);
        }
        let size = index + 1;
        push_bundle_entry(&mut self.partial_bundle, entry);
        self.bundle_dirty = true;

        let mut hash = leaf;
        self.push_tile_hash(0, &hash, size);
        let mut height = 0;
        // Each set low bit of the old size is a complete subtree that now merges.
        while index >> height & 1 == 1 {
            hash = node_hash(&self.frontier[height], &hash);
            height += 1;
            if height % TILE_HEIGHT as usize == 0 {
                self.push_tile_hash(height / TILE_HEIGHT as usize, &hash, size);
            }
        }
        self.frontier[height] = hash;
        self.size = size;

        if size.is_multiple_of(u64::from(TILE_WIDTH)) {
            // The next bundle likely has a similar size: reserve it now instead of growing
            // (and copying) the buffer eight times over the next 256 entries.
            let capacity = self.partial_bundle.len();
            let data = std::mem::replace(&mut self.partial_bundle, Vec::with_capacity(capacity));
            let bundle = BundleId { index: size / u64::from(TILE_WIDTH) - 1, width: TILE_WIDTH };
            self.completed.bundles.push(BundleData { bundle, data });
            self.bundle_dirty = false;
        }
        Ok(index)
    }

    fn push_tile_hash(&mut self, level: usize, hash: &Hash, size: u64) {
        if self.partial_tiles.len() <= level {
            self.partial_tiles.resize_with(level + 1, Vec::new);
        }
        let tile = &mut self.partial_tiles[level];
        if tile.capacity() == 0 {
            tile.reserve_exact(TILE_BYTES_MAX);
        }
        tile.extend_from_slice(&hash.0);
        self.dirty_tile_levels |= 1 << level;
        if tile.len() == TILE_BYTES_MAX {
            let data = std::mem::replace(tile, Vec::with_capacity(TILE_BYTES_MAX));
            let nodes = size >> (TILE_HEIGHT * level as u32);
            let index = nodes / u64::from(TILE_WIDTH) - 1;
            let tile = TileId { level: level as u8, index, width: TILE_WIDTH };
            self.completed.tiles.push(TileData { tile, data });
            self.dirty_tile_levels &= !(1 << level);
        }
    }

    /// Appends a batch of entries: all or none (sizes are checked first). Returns the root
    /// before each entry and the tiles and bundles to write.
    pub fn append_batch<E: AsRef<[u8]>>(&mut self, entries: &[E]) -> Result<Batch, AppendError> {
        if entries.len() > BATCH_ENTRIES_MAX {
            return Err(AppendError::BatchTooLarge { entries: entries.len() });
        }
        for (position, entry) in entries.iter().enumerate() {
            let bytes = entry.as_ref().len();
            if bytes > ENTRY_BYTES_MAX {
                return Err(AppendError::EntryTooLarge { position, bytes });
            }
        }
        if u64::MAX - self.size < entries.len() as u64 {
            return Err(AppendError::TreeFull);
        }
        let first_index = self.size;
        let mut roots_before = Vec::with_capacity(entries.len());
        for entry in entries {
            roots_before.push(self.root());
            self.append(entry.as_ref())?;
        }
        Ok(Batch { first_index, roots_before, changes: self.take_changes() })
    }

    /// Takes what changed since the last call: the tiles and bundles that became full and the
    /// current contents of the partial ones that changed.
    pub fn take_changes(&mut self) -> Changes {
        let mut changes = std::mem::take(&mut self.completed);
        changes.size = self.size;
        for (level, tile) in self.partial_tiles.iter().enumerate() {
            if self.dirty_tile_levels >> level & 1 == 1 && !tile.is_empty() {
                let nodes = self.size >> (TILE_HEIGHT * level as u32);
                assert_eq!(
                    (tile.len() / HASH_BYTES) as u64,
                    nodes % u64::from(TILE_WIDTH),
                    "the partial tile at level {level} must match the tree size"
                );
                let id = TileId {
                    level: level as u8,
                    index: nodes / u64::from(TILE_WIDTH),
                    width: (tile.len() / HASH_BYTES) as u16,
                };
                changes.tiles.push(TileData { tile: id, data: tile.clone() });
            }
        }
        if self.bundle_dirty && !self.partial_bundle.is_empty() {
            let width = (self.size % u64::from(TILE_WIDTH)) as u16;
            let bundle = BundleId { index: self.size / u64::from(TILE_WIDTH), width };
            changes.bundles.push(BundleData { bundle, data: self.partial_bundle.clone() });
        }
        self.dirty_tile_levels = 0;
        self.bundle_dirty = false;
        changes
    }

    /// The right edge, to persist or to hand to [`Appender::resume`].
    pub fn right_edge(&self) -> RightEdge {
        let tiles = right_edge_tiles(self.size)
            .into_iter()
            .map(|tile| TileData {
                tile,
                data: self.partial_tiles[usize::from(tile.level)].clone(),
            })
            .collect();
        let width = (self.size % u64::from(TILE_WIDTH)) as u16;
        let bundle = (width > 0).then(|| BundleData {
            bundle: BundleId { index: self.size / u64::from(TILE_WIDTH), width },
            data: self.partial_bundle.clone(),
        });
        RightEdge { size: self.size, tiles, bundle }
    }
}
