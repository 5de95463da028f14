//! Inclusion and consistency proofs (RFC 9162 §2.1.3, §2.1.4): generation from hashes read
//! out of tiles through [`TileReader`], and verification.

use std::collections::HashMap;

use crate::appender::Changes;
use crate::hash::{EMPTY_ROOT, HASH_BYTES, Hash, largest_power_of_two_below, node_hash, root_of};
use crate::tile::{TILE_HEIGHT, TileId, tile_at};

/// Most hashes a proof can hold: a tree of fewer than 2^64 entries has depth at most 64, and a
/// consistency proof may add the old root's subtree.
pub const PROOF_HASHES_MAX: usize = 65;

/// Reads tiles of hashes from wherever they are kept: memory, a database, a web server.
pub trait TileReader {
    /// What goes wrong when reading (a missing tile, a failed request).
    type Error: std::error::Error + 'static;

    /// Returns the data of tile `(tile.level, tile.index)`: at least `tile.width` hashes of 32
    /// bytes. A reader may return a wider tile at the same position (for example the full tile
    /// when asked for an old partial); the prover uses only the first `tile.width` hashes.
    fn read_tile(&self, tile: TileId) -> Result<Vec<u8>, Self::Error>;
}

/// Why a proof could not be generated.
#[derive(Debug, thiserror::Error)]
pub enum ProofError<E: std::error::Error + 'static> {
    /// The entry index is not in the tree.
    #[error("entry {index} is not in a tree of {size} entries")]
    IndexOutOfRange {
        /// The index asked for.
        index: u64,
        /// The tree size.
        size: u64,
    },
    /// The old tree is larger than the new one.
    #[error("no consistency proof from {old_size} entries to fewer ({new_size})")]
    OldSizeAfterNew {
        /// The old size.
        old_size: u64,
        /// The new size.
        new_size: u64,
    },
    /// The reader failed.
    #[error("reading tile {tile:?}: {source}")]
    Read {
        /// The tile being read.
        tile: TileId,
        /// The reader's error.
        source: E,
    },
    /// The reader returned fewer bytes than the tile's width needs.
    #[error("tile {tile:?} has {bytes} bytes, fewer than its width needs")]
    ShortTile {
        /// The tile being read.
        tile: TileId,
        /// Bytes returned.
        bytes: usize,
    },
}

/// Why a proof does not verify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VerifyError {
    /// The entry index is not in the tree.
    #[error("entry {index} is not in a tree of {size} entries")]
    IndexOutOfRange {
        /// The index.
        index: u64,
        /// The tree size.
        size: u64,
    },
    /// The old tree is larger than the new one.
    #[error("the old tree ({old_size}) is larger than the new one ({new_size})")]
    OldSizeAfterNew {
        /// The old size.
        old_size: u64,
        /// The new size.
        new_size: u64,
    },
    /// The proof has the wrong number of hashes for these sizes.
    #[error("the proof has the wrong number of hashes ({0})")]
    ProofLength(usize),
    /// The proof leads to a different root.
    #[error("the proof does not lead to the expected root")]
    RootMismatch,
}

/// Proves that entry `index` is in the tree of `size` entries whose tiles `reader` serves.
/// Hashes come leaf-sibling first, as RFC 6962 and c2sp.org/tlog-proof order them.
pub fn prove_inclusion<R: TileReader>(
    reader: &R,
    size: u64,
    index: u64,
) -> Result<Vec<Hash>, ProofError<R::Error>> {
    if index >= size {
        return Err(ProofError::IndexOutOfRange { index, size });
    }
    inclusion_path(&mut Prover::new(reader, size), index)
}

/// RFC 9162's PATH(m, D[n]), iteratively: siblings from the root down, then reversed.
fn inclusion_path<R: TileReader>(
    prover: &mut Prover<'_, R>,
    index: u64,
) -> Result<Vec<Hash>, ProofError<R::Error>> {
    let mut proof = Vec::new();
    let (mut low, mut high) = (0, prover.size);
    while high - low > 1 {
        let split = largest_power_of_two_below(high - low);
        if index < low + split {
            proof.push(prover.range(low + split, high)?);
            high = low + split;
        } else {
            proof.push(prover.range(low, low + split)?);
            low += split;
        }
    }
    proof.reverse();
    Ok(proof)
}

/// Proves that the tree of `old_size` entries is a prefix of the tree of `new_size` entries
/// whose tiles `reader` serves. Empty when `old_size` is 0 or equals `new_size`.
pub fn prove_consistency<R: TileReader>(
    reader: &R,
    old_size: u64,
    new_size: u64,
) -> Result<Vec<Hash>, ProofError<R::Error>> {
    if old_size > new_size {
        return Err(ProofError::OldSizeAfterNew { old_size, new_size });
    }
    if old_size == 0 || old_size == new_size {
        return Ok(Vec::new());
    }
    let mut prover = Prover::new(reader, new_size);
    let mut proof = Vec::new();
    let (mut low, mut high, mut old) = (0, new_size, old_size);
    // `whole` is RFC 9162's flag b: the old tree is still a complete subtree of this range.
    let mut whole = true;
    loop {
        if old == high - low {
            if !whole {
                proof.push(prover.range(low, high)?);
            }
            break;
        }
        let split = largest_power_of_two_below(high - low);
        if old <= split {
            proof.push(prover.range(low + split, high)?);
            high = low + split;
        } else {
            proof.push(prover.range(low, low + split)?);
            low += split;
            old -= split;
            whole = false;
        }
    }
    proof.reverse();
    Ok(proof)
}

/// Proves many entries of one tree at once: the same proofs as [`prove_inclusion`], but each
/// tile is read once and each shared subtree hashed once, so proving every entry of a batch
/// (receipts after a checkpoint) costs little more than proving one.
pub fn prove_inclusions<R: TileReader>(
    reader: &R,
    size: u64,
    indexes: &[u64],
) -> Result<Vec<Vec<Hash>>, ProofError<R::Error>> {
    let mut prover = Prover::with_memo(reader, size);
    let mut proofs = Vec::with_capacity(indexes.len());
    for &index in indexes {
        if index >= size {
            return Err(ProofError::IndexOutOfRange { index, size });
        }
        proofs.push(inclusion_path(&mut prover, index)?);
    }
    Ok(proofs)
}

/// The root of the tree of `size` entries, from its tiles.
pub fn tree_root<R: TileReader>(reader: &R, size: u64) -> Result<Hash, ProofError<R::Error>> {
    if size == 0 {
        return Ok(EMPTY_ROOT);
    }
    Prover::new(reader, size).range(0, size)
}

/// Records which tiles a proof reads, serving zeros: lets a remote reader fetch them all at
/// once before proving.
struct TileRecorder(std::cell::RefCell<Vec<TileId>>);

impl TileReader for TileRecorder {
    type Error = std::convert::Infallible;

    fn read_tile(&self, tile: TileId) -> Result<Vec<u8>, Self::Error> {
        self.0.borrow_mut().push(tile);
        Ok(vec![0; usize::from(tile.width) * HASH_BYTES])
    }
}

/// The tiles [`prove_inclusion`] reads for entry `index` of a tree of `size` entries, so a
/// remote reader can fetch them in parallel first. Empty if the index is not in the tree.
pub fn inclusion_tiles(size: u64, index: u64) -> Vec<TileId> {
    let recorder = TileRecorder(std::cell::RefCell::new(Vec::new()));
    let _ = prove_inclusion(&recorder, size, index);
    recorder.0.into_inner()
}

/// The tiles [`prove_consistency`] reads from `old_size` to `new_size`.
pub fn consistency_tiles(old_size: u64, new_size: u64) -> Vec<TileId> {
    let recorder = TileRecorder(std::cell::RefCell::new(Vec::new()));
    let _ = prove_consistency(&recorder, old_size, new_size);
    recorder.0.into_inner()
}

/// Reads subtree hashes out of tiles, reading each tile once per proof.
struct Prover<'a, R: TileReader> {
    reader: &'a R,
    size: u64,
    tiles: Vec<(TileId, Vec<u8>)>,
    /// Subtree hashes already computed, kept when proving many entries at once (their
    /// proofs share most of their hashes); `None` for a single proof, which shares nothing.
    memo: Option<HashMap<(u32, u64), Hash>>,
}

impl<'a, R: TileReader> Prover<'a, R> {
    fn new(reader: &'a R, size: u64) -> Self {
        Prover { reader, size, tiles: Vec::new(), memo: None }
    }

    fn with_memo(reader: &'a R, size: u64) -> Self {
        Prover { reader, size, tiles: Vec::new(), memo: Some(HashMap::new()) }
    }

    fn tile(&mut self, tile: TileId) -> Result<&[u8], ProofError<R::Error>> {
        let position = match self.tiles.iter().position(|(cached, _)| *cached == tile) {
            Some(position) => position,
            None => {
                let data = self
                    .reader
                    .read_tile(tile)
                    .map_err(|source| ProofError::Read { tile, source })?;
                if data.len() < usize::from(tile.width) * HASH_BYTES {
                    return Err(ProofError::ShortTile { tile, bytes: data.len() });
                }
                self.tiles.push((tile, data));
                self.tiles.len() - 1
            }
        };
        Ok(&self.tiles[position].1)
    }

    /// The root of the complete subtree at tree level `height` with index `index`: a run of
    /// `2^(height mod 8)` hashes inside one tile, hashed up.
    fn subtree(&mut self, height: u32, index: u64) -> Result<Hash, ProofError<R::Error>> {
        let Some(memo) = &self.memo else { return self.subtree_from_tile(height, index) };
        if let Some(hash) = memo.get(&(height, index)) {
            return Ok(*hash);
        }
        let hash = if height.is_multiple_of(TILE_HEIGHT) {
            self.subtree_from_tile(height, index)?
        } else {
            let left = self.subtree(height - 1, 2 * index)?;
            let right = self.subtree(height - 1, 2 * index + 1)?;
            node_hash(&left, &right)
        };
        if let Some(memo) = &mut self.memo {
            memo.insert((height, index), hash);
        }
        Ok(hash)
    }

    fn subtree_from_tile(&mut self, height: u32, index: u64) -> Result<Hash, ProofError<R::Error>> {
        let level = height / TILE_HEIGHT;
        let within = height % TILE_HEIGHT;
        let first = index << within;
        let tile = tile_at(level as u8, first >> TILE_HEIGHT, self.size)
            .expect("a complete subtree of the tree lies in a tile of the tree");
        let offset = (first & 0xff) as usize;
        let count = 1usize << within;
        let data = self.tile(tile)?;
        let hashes: Vec<Hash> = data[offset * HASH_BYTES..(offset + count) * HASH_BYTES]
            .chunks_exact(HASH_BYTES)
            .filter_map(Hash::from_slice)
            .collect();
        Ok(root_of(&hashes))
    }

    /// The Merkle tree hash of entries `[low, high)`, where `low` is a multiple of the largest
    /// power of two not above `high − low` (true of every range RFC 9162's recursion visits).
    fn range(&mut self, low: u64, high: u64) -> Result<Hash, ProofError<R::Error>> {
        assert!(low < high && high <= self.size, "range {low}..{high} outside the tree");
        let mut parts = Vec::new();
        let mut start = low;
        while start < high {
            let fits = 63 - (high - start).leading_zeros();
            let aligned = start.trailing_zeros();
            let height = fits.min(aligned);
            parts.push(self.subtree(height, start >> height)?);
            start += 1 << height;
        }
        let mut root = parts.pop().expect("a non-empty range has a part");
        while let Some(left) = parts.pop() {
            root = node_hash(&left, &root);
        }
        Ok(root)
    }
}

/// Verifies that `leaf` is entry `index` of the tree of `size` entries with `root`
/// (RFC 9162 §2.1.3.2).
pub fn verify_inclusion(
    leaf: &Hash,
    index: u64,
    size: u64,
    proof: &[Hash],
    root: &Hash,
) -> Result<(), VerifyError> {
    if index >= size {
        return Err(VerifyError::IndexOutOfRange { index, size });
    }
    if proof.len() > PROOF_HASHES_MAX {
        return Err(VerifyError::ProofLength(proof.len()));
    }
    let (mut fn_, mut sn) = (index, size - 1);
    let mut computed = *leaf;
    for sibling in proof {
        if sn == 0 {
            return Err(VerifyError::ProofLength(proof.len()));
        }
        if fn_ & 1 == 1 || fn_ == sn {
            computed = node_hash(sibling, &computed);
            if fn_ & 1 == 0 {
                while fn_ & 1 == 0 && fn_ != 0 {
                    fn_ >>= 1;
                    sn >>= 1;
                }
            }
        } else {
            computed = node_hash(&computed, sibling);
        }
        fn_ >>= 1;
        sn >>= 1;
    }
    if sn != 0 {
        return Err(VerifyError::ProofLength(proof.len()));
    }
    if computed != *root {
        return Err(VerifyError::RootMismatch);
    }
    Ok(())
}

/// Verifies that the tree of `old_size` entries with `old_root` is a prefix of the tree of
/// `new_size` entries with `new_root` (RFC 9162 §2.1.4.2). Equal sizes need an empty proof and
/// equal roots; an empty old tree needs an empty proof and the empty root.
pub fn verify_consistency(
    old_size: u64,
    new_size: u64,
    old_root: &Hash,
    new_root: &Hash,
    proof: &[Hash],
) -> Result<(), VerifyError> {
    if old_size > new_size {
        return Err(VerifyError::OldSizeAfterNew { old_size, new_size });
    }
    if proof.len() > PROOF_HASHES_MAX {
        return Err(VerifyError::ProofLength(proof.len()));
    }
    if old_size == 0 || old_size == new_size {
        if !proof.is_empty() {
            return Err(VerifyError::ProofLength(proof.len()));
        }
        let expected_old = if old_size == 0 { EMPTY_ROOT } else { *new_root };
        return if *old_root == expected_old { Ok(()) } else { Err(VerifyError::RootMismatch) };
    }
    if proof.is_empty() {
        return Err(VerifyError::ProofLength(0));
    }
    let mut path = proof.iter();
    let first = if old_size.is_power_of_two() {
        *old_root
    } else {
        *path.next().expect("the proof is not empty")
    };
    let (mut fn_, mut sn) = (old_size - 1, new_size - 1);
    while fn_ & 1 == 1 {
        fn_ >>= 1;
        sn >>= 1;
    }
    let (mut old_computed, mut new_computed) = (first, first);
    for hash in path {
        if sn == 0 {
            return Err(VerifyError::ProofLength(proof.len()));
        }
        if fn_ & 1 == 1 || fn_ == sn {
            old_computed = node_hash(hash, &old_computed);
            new_computed = node_hash(hash, &new_computed);
            if fn_ & 1 == 0 {
                while fn_ & 1 == 0 && fn_ != 0 {
                    fn_ >>= 1;
                    sn >>= 1;
                }
            }
        } else {
            new_computed = node_hash(&new_computed, hash);
        }
        fn_ >>= 1;
        sn >>= 1;
    }
    if sn != 0 {
        return Err(VerifyError::ProofLength(proof.len()));
    }
    if old_computed != *old_root || new_computed != *new_root {
        return Err(VerifyError::RootMismatch);
    }
    Ok(())
}

/// A tile is not in a [`MemoryTiles`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("tile {0:?} is not stored")]
pub struct TileMissing(pub TileId);

/// Tiles kept in memory: the latest data of each tile position. For tests, tools and caches.
#[derive(Clone, Debug, Default)]
pub struct MemoryTiles {
    tiles: HashMap<(u8, u64), Vec<u8>>,
}

impl MemoryTiles {
    /// An empty store.
    pub fn new() -> MemoryTiles {
        MemoryTiles::default()
    }

    /// Stores one tile's data, replacing a narrower version of the same tile.
    pub fn insert(&mut self, tile: TileId, data: Vec<u8>) {
        let slot = self.tiles.entry((tile.level, tile.index)).or_default();
        if data.len() >= slot.len() {
            *slot = data;
        }
    }

    /// Stores every tile of an appender's changes.
    pub fn apply(&mut self, changes: &Changes) {
        for tile in &changes.tiles {
            self.insert(tile.tile, tile.data.clone());
        }
    }

    /// The stored data of the tile at `(level, index)`, at its widest.
    pub fn get(&self, level: u8, index: u64) -> Option<&[u8]> {
        self.tiles.get(&(level, index)).map(Vec::as_slice)
    }
}

impl TileReader for MemoryTiles {
    type Error = TileMissing;

    fn read_tile(&self, tile: TileId) -> Result<Vec<u8>, TileMissing> {
        match self.tiles.get(&(tile.level, tile.index)) {
            Some(data) if data.len() >= usize::from(tile.width) * HASH_BYTES => {
                Ok(data[..usize::from(tile.width) * HASH_BYTES].to_vec())
            }
            _ => Err(TileMissing(tile)),
        }
    }
}
