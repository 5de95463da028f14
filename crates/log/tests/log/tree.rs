//! Laws of the tree: the appender's roots, tiles and proofs agree with the RFC 6962
//! definition and with two independent implementations (ct-merkle, tlog_tiles), every proof
//! verifies, and any flipped bit is caught.

use passage_log::{
    Appender, Changes, EMPTY_ROOT, Hash, MemoryTiles, RightEdge, TILE_WIDTH, TileData, TileId,
    TileReader, leaf_hash, parse_bundle, prove_consistency, prove_inclusion, right_edge_tiles,
    root_of, tree_root, verify_consistency, verify_inclusion,
};
use proptest::prelude::*;

/// Deterministic entry bytes: varied lengths, so bundles are not uniform.
fn entry(index: u64) -> Vec<u8> {
    let length = (index % 7) as usize * 5;
    let mut bytes = format!("entry {index}:").into_bytes();
    bytes.extend(std::iter::repeat_n((index % 251) as u8, length));
    bytes
}

/// A tree of `size` entries: its tiles, its leaf hashes, and the appender.
struct Built {
    tiles: MemoryTiles,
    leaves: Vec<Hash>,
    appender: Appender,
    bundles: Vec<Changes>,
}

/// Appends `size` entries in batches of `batch` (checking the root before each against the
/// appender's own root), storing every change as a store would.
fn build(size: u64, batch: u64) -> Built {
    let mut appender = Appender::new();
    let mut tiles = MemoryTiles::new();
    let mut leaves = Vec::with_capacity(size as usize);
    let mut bundles = Vec::new();
    let mut next = 0;
    while next < size {
        let end = (next + batch).min(size);
        let entries: Vec<Vec<u8>> = (next..end).map(entry).collect();
        let before = appender.root();
        let result = appender.append_batch(&entries).expect("entries are small");
        assert_eq!(result.first_index, next);
        assert_eq!(result.roots_before[0], before);
        tiles.apply(&result.changes);
        leaves.extend(entries.iter().map(|entry| leaf_hash(entry)));
        bundles.push(result.changes);
        next = end;
    }
    Built { tiles, leaves, appender, bundles }
}

fn ct_merkle_root(leaves_data: &[Vec<u8>]) -> [u8; 32] {
    let mut tree = ct_merkle::mem_backed_tree::MemoryBackedTree::<sha2_011::Sha256, Vec<u8>>::new();
    for data in leaves_data {
        tree.push(data.clone());
    }
    let root = tree.root();
    let mut out = [0u8; 32];
    out.copy_from_slice(root.as_bytes());
    out
}

/// tlog_tiles computes roots through its own stored-hash layout.
struct TlogStore(Vec<tlog_tiles::Hash>);

impl tlog_tiles::HashReader for TlogStore {
    fn read_hashes(&self, indexes: &[u64]) -> Result<Vec<tlog_tiles::Hash>, tlog_tiles::Error> {
        Ok(indexes.iter().map(|&index| self.0[index as usize]).collect())
    }
}

fn tlog_tiles_store(size: u64) -> TlogStore {
    let mut store = TlogStore(Vec::new());
    for index in 0..size {
        let hashes = tlog_tiles::stored_hashes(index, &entry(index), &store).expect("in memory");
        store.0.extend(hashes);
    }
    store
}

#[test]
fn small_trees_agree_with_the_definition_ct_merkle_and_tlog_tiles() {
    let store = tlog_tiles_store(600);
    let mut appender = Appender::new();
    let mut data = Vec::new();
    let mut leaves = Vec::new();
    for size in 0..=600u64 {
        let root = appender.root();
        assert_eq!(root, root_of(&leaves), "definition, size {size}");
        assert_eq!(root.0, ct_merkle_root(&data), "ct-merkle, size {size}");
        let theirs = tlog_tiles::tree_hash(size, &store).expect("in memory");
        assert_eq!(root.0, theirs.0, "tlog_tiles, size {size}");
        let next = entry(size);
        appender.append(&next).expect("small entry");
        leaves.push(leaf_hash(&next));
        data.push(next);
    }
}

#[test]
fn empty_tree() {
    let built = build(0, 1);
    assert_eq!(built.appender.root(), EMPTY_ROOT);
    assert_eq!(tree_root(&built.tiles, 0).expect("no read needed"), EMPTY_ROOT);
    assert!(matches!(
        prove_inclusion(&built.tiles, 0, 0),
        Err(passage_log::ProofError::IndexOutOfRange { index: 0, size: 0 })
    ));
    assert_eq!(prove_consistency(&built.tiles, 0, 0).expect("empty"), vec![]);
    assert_eq!(verify_consistency(0, 0, &EMPTY_ROOT, &EMPTY_ROOT, &[]), Ok(()));
}

/// Sizes around every tile boundary that matters: 1, powers of two, a full tile, one entry
/// into the next tile, the end of a partial tile, a full level-1 tile.
const EDGE_SIZES: &[u64] =
    &[1, 2, 3, 4, 7, 8, 255, 256, 257, 511, 512, 513, 1024, 65_535, 65_536, 65_537];

#[test]
fn edge_sizes_prove_every_kind_of_index() {
    let built = build(70_000, 1000);
    for &size in EDGE_SIZES {
        let root = root_of(&built.leaves[..size as usize]);
        assert_eq!(tree_root(&built.tiles, size).expect("tiles stored"), root, "size {size}");
        let indexes = [0, size / 2, size.saturating_sub(256), size - 2.min(size), size - 1];
        for index in indexes {
            let proof = prove_inclusion(&built.tiles, size, index).expect("tiles stored");
            let leaf = built.leaves[index as usize];
            assert_eq!(
                verify_inclusion(&leaf, index, size, &proof, &root),
                Ok(()),
                "{index}/{size}"
            );
        }
        for &old in EDGE_SIZES.iter().filter(|&&old| old <= size) {
            let old_root = root_of(&built.leaves[..old as usize]);
            let proof = prove_consistency(&built.tiles, old, size).expect("tiles stored");
            assert_eq!(
                verify_consistency(old, size, &old_root, &root, &proof),
                Ok(()),
                "{old}->{size}"
            );
        }
    }
}

#[test]
fn proofs_agree_with_ct_merkle() {
    let size = 1000u64;
    let built = build(size, 77);
    let mut tree = ct_merkle::mem_backed_tree::MemoryBackedTree::<sha2_011::Sha256, Vec<u8>>::new();
    for index in 0..size {
        tree.push(entry(index));
    }
    for index in [0, 1, 255, 256, 500, 998, 999] {
        let ours = prove_inclusion(&built.tiles, size, index).expect("tiles stored");
        let theirs = tree.prove_inclusion(index as usize);
        let ours_bytes: Vec<u8> = ours.iter().flat_map(|hash| hash.0).collect();
        assert_eq!(ours_bytes, theirs.as_bytes(), "inclusion of {index}");
    }
    for old in [1, 2, 3, 255, 256, 257, 600, 999] {
        let ours = prove_consistency(&built.tiles, old, size).expect("tiles stored");
        let theirs = tree.prove_consistency((size - old) as usize);
        let ours_bytes: Vec<u8> = ours.iter().flat_map(|hash| hash.0).collect();
        assert_eq!(ours_bytes, theirs.as_bytes(), "consistency {old} -> {size}");
    }
}

#[test]
fn the_known_tile_layout_of_size_70000() {
    // c2sp.org/tlog-tiles: a tree of 70,000 entries has 273 full level-0 tiles, a level-0
    // partial tile of width 112, one full level-1 tile, a level-1 partial of width 17 and a
    // level-2 partial of width 1.
    let built = build(70_000, 4096);
    let mut full = [0u64; 3];
    for changes in &built.bundles {
        for tile in &changes.tiles {
            if tile.tile.is_full() {
                full[usize::from(tile.tile.level)] += 1;
            }
        }
    }
    assert_eq!(full, [273, 1, 0]);
    let edge: Vec<String> = right_edge_tiles(70_000).iter().map(TileId::path).collect();
    assert_eq!(edge, ["tile/0/273.p/112", "tile/1/001.p/17", "tile/2/000.p/1"]);
    // Proving entry 5 reads the right edge below level 2 and its full level-0 and level-1
    // tiles; the level-2 tile holds only the left subtree's root, which the proof never needs.
    let read: Vec<String> =
        passage_log::inclusion_tiles(70_000, 5).iter().map(TileId::path).collect();
    assert_eq!(read, ["tile/1/001.p/17", "tile/0/273.p/112", "tile/1/000", "tile/0/000"]);
    assert!(passage_log::inclusion_tiles(70_000, 70_000).is_empty());
    let read: Vec<String> =
        passage_log::consistency_tiles(65_536, 70_000).iter().map(TileId::path).collect();
    // From a power of two, the proof is the one subtree hash of the new entries.
    assert_eq!(read, ["tile/1/001.p/17", "tile/0/273.p/112"]);
}

#[test]
fn bundles_hold_the_entries_in_order() {
    let built = build(700, 100);
    let mut full_bundles = Vec::new();
    let mut last_partial = None;
    for changes in &built.bundles {
        for bundle in &changes.bundles {
            if bundle.bundle.is_full() {
                full_bundles.push(bundle.clone());
            } else {
                last_partial = Some(bundle.clone());
            }
        }
    }
    assert_eq!(full_bundles.len(), 2);
    let partial = last_partial.expect("700 is not a multiple of 256");
    assert_eq!(partial.bundle.path(), "tile/entries/002.p/188");
    let mut index = 0u64;
    for bundle in full_bundles.iter().chain([&partial]) {
        for data in parse_bundle(&bundle.data, bundle.bundle.width).expect("well formed") {
            assert_eq!(data, entry(index));
            index += 1;
        }
    }
    assert_eq!(index, 700);
}

#[test]
fn roots_before_each_entry_of_a_batch() {
    let mut appender = Appender::new();
    let entries: Vec<Vec<u8>> = (0..300).map(entry).collect();
    let batch = appender.append_batch(&entries).expect("small");
    let leaves: Vec<Hash> = entries.iter().map(|data| leaf_hash(data)).collect();
    for (position, root) in batch.roots_before.iter().enumerate() {
        assert_eq!(*root, root_of(&leaves[..position]));
    }
}

#[test]
fn an_entry_appended_with_its_leaf_hash_makes_the_same_tree_and_tiles() {
    let mut hashing = Appender::new();
    let mut given = Appender::new();
    for number in 0..600 {
        let data = entry(number);
        hashing.append(&data).expect("small");
        given.append_hashed(&data, leaf_hash(&data)).expect("small");
    }
    assert_eq!(given.root(), hashing.root());
    assert_eq!(given.take_changes(), hashing.take_changes(), "the same tiles and bundles");
}

#[test]
fn a_failed_batch_appends_nothing() {
    let mut appender = Appender::new();
    appender.append(b"first").expect("small");
    let before = appender.root();
    let too_big = vec![0u8; passage_log::ENTRY_BYTES_MAX + 1];
    let result = appender.append_batch(&[b"ok".to_vec(), too_big]);
    assert_eq!(result, Err(passage_log::AppendError::EntryTooLarge { position: 1, bytes: 65_536 }));
    assert_eq!((appender.size(), appender.root()), (1, before));
}

/// A store that keeps only full tiles and the latest partial tiles, as a database would.
fn right_edge_from(tiles: &MemoryTiles, changes: &[Changes], size: u64) -> RightEdge {
    let edge_tiles = right_edge_tiles(size)
        .into_iter()
        .map(|tile| TileData { tile, data: tiles.read_tile(tile).expect("stored") })
        .collect();
    let bundle = changes
        .iter()
        .flat_map(|changes| &changes.bundles)
        .rfind(|bundle| !bundle.bundle.is_full() && bundle.bundle.index == size / 256)
        .filter(|_| !size.is_multiple_of(u64::from(TILE_WIDTH)))
        .cloned();
    RightEdge { size, tiles: edge_tiles, bundle }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Stopping anywhere, storing the right edge and resuming gives the same tree as never
    /// stopping.
    #[test]
    fn resuming_from_the_right_edge_continues_the_same_tree(
        first in 0u64..2000,
        second in 1u64..600,
        batch in 1u64..300,
    ) {
        let built = build(first, batch);
        let edge = right_edge_from(&built.tiles, &built.bundles, first);
        prop_assert_eq!(&edge, &built.appender.right_edge());
        let mut resumed = Appender::resume(&edge).expect("a consistent edge");
        prop_assert_eq!(resumed.root(), built.appender.root());
        let mut tiles = built.tiles.clone();
        for index in first..first + second {
            resumed.append(&entry(index)).expect("small");
        }
        tiles.apply(&resumed.take_changes());
        let whole = build(first + second, 512);
        prop_assert_eq!(resumed.root(), whole.appender.root());
        prop_assert_eq!(resumed.right_edge(), whole.appender.right_edge());
        let size = first + second;
        prop_assert_eq!(tree_root(&tiles, size).expect("stored"), whole.appender.root());
    }

    /// For random trees, sampled inclusion and consistency proofs verify, and flipping any
    /// bit of the proof, the root, the entry or its leaf hash, or moving the index, is
    /// caught.
    #[test]
    fn proofs_verify_and_every_flipped_bit_is_caught(
        size in 1u64..3000,
        picks in proptest::collection::vec(any::<u64>(), 3),
    ) {
        let built = build(size, 97);
        let root = built.appender.root();
        let index = picks[0] % size;
        let leaf = built.leaves[index as usize];
        let proof = prove_inclusion(&built.tiles, size, index).expect("stored");
        prop_assert_eq!(verify_inclusion(&leaf, index, size, &proof, &root), Ok(()));
        for position in 0..proof.len() {
            for bit in [0, 77, 255] {
                let mut bad = proof.clone();
                bad[position].0[bit / 8] ^= 1 << (bit % 8);
                prop_assert!(verify_inclusion(&leaf, index, size, &bad, &root).is_err());
            }
        }
        let mut bad_root = root;
        bad_root.0[(picks[1] % 32) as usize] ^= 1 << (picks[2] % 8);
        prop_assert!(verify_inclusion(&leaf, index, size, &proof, &bad_root).is_err());
        let mut bad_entry = entry(index);
        let flip = (picks[1] % (bad_entry.len() as u64 * 8)) as usize;
        bad_entry[flip / 8] ^= 1 << (flip % 8);
        prop_assert!(verify_inclusion(&leaf_hash(&bad_entry), index, size, &proof, &root).is_err());
        let mut bad_leaf = leaf;
        bad_leaf.0[(picks[2] % 32) as usize] ^= 1 << (picks[1] % 8);
        prop_assert!(verify_inclusion(&bad_leaf, index, size, &proof, &root).is_err());
        if size > 1 {
            let other = (index + 1) % size;
            prop_assert!(verify_inclusion(&leaf, other, size, &proof, &root).is_err());
        }
        // The size is not flipped here: a proof for an entry left of the last complete subtree
        // can verify for a neighbouring size too; the signed checkpoint binds size to root.

        let old = 1 + picks[1] % size;
        let old_root = root_of(&built.leaves[..old as usize]);
        let consistency = prove_consistency(&built.tiles, old, size).expect("stored");
        prop_assert_eq!(verify_consistency(old, size, &old_root, &root, &consistency), Ok(()));
        for position in 0..consistency.len() {
            let mut bad = consistency.clone();
            bad[position].0[(picks[2] % 32) as usize] ^= 1;
            prop_assert!(verify_consistency(old, size, &old_root, &root, &bad).is_err());
        }
        prop_assert!(verify_consistency(old, size, &bad_root, &root, &consistency).is_err()
            || old == size && bad_root == root);
        prop_assert!(verify_consistency(old, size, &old_root, &bad_root, &consistency).is_err());
    }
}

proptest! {
    // Big trees are few: each case builds up to 100,000 entries twice (ours and ct-merkle).
    #![proptest_config(ProptestConfig { cases: 3, ..ProptestConfig::default() })]

    #[test]
    fn big_trees_agree_with_ct_merkle_and_their_proofs_verify(
        size in 50_000u64..=100_000,
        picks in proptest::collection::vec(any::<u64>(), 16),
    ) {
        let built = build(size, 4096);
        let data: Vec<Vec<u8>> = (0..size).map(entry).collect();
        prop_assert_eq!(built.appender.root().0, ct_merkle_root(&data));
        let root = built.appender.root();
        for pick in &picks {
            let index = pick % size;
            let proof = prove_inclusion(&built.tiles, size, index).expect("stored");
            prop_assert_eq!(
                verify_inclusion(&built.leaves[index as usize], index, size, &proof, &root),
                Ok(())
            );
            let old = 1 + pick % size;
            let old_root = tree_root(&built.tiles, old).expect("stored");
            let consistency = prove_consistency(&built.tiles, old, size).expect("stored");
            prop_assert_eq!(verify_consistency(old, size, &old_root, &root, &consistency), Ok(()));
        }
    }
}

#[test]
fn a_reader_error_reaches_the_caller_typed() {
    let built = build(300, 300);
    let empty = MemoryTiles::new();
    let error = prove_inclusion(&empty, 300, 5).expect_err("no tiles");
    assert!(matches!(error, passage_log::ProofError::Read { tile, .. } if tile.level == 0));
    assert!(prove_inclusion(&built.tiles, 300, 5).is_ok());
}

/// Serves our tiles to tlog_tiles, which authenticates every tile it reads against the root.
struct OurTilesForTlogTiles<'a>(&'a MemoryTiles);

impl tlog_tiles::TileReader for OurTilesForTlogTiles<'_> {
    fn height(&self) -> u8 {
        8
    }

    fn read_tiles(&self, tiles: &[tlog_tiles::Tile]) -> Result<Vec<Vec<u8>>, tlog_tiles::Error> {
        tiles
            .iter()
            .map(|tile| {
                let id = TileId {
                    level: tile.level(),
                    index: tile.level_index(),
                    width: tile.width() as u16,
                };
                self.0.read_tile(id).map_err(|_| tlog_tiles::Error::InvalidTile)
            })
            .collect()
    }

    fn save_tiles(&self, _tiles: &[tlog_tiles::Tile], _data: &[Vec<u8>]) {}
}

#[test]
fn tlog_tiles_reads_and_authenticates_our_tiles() {
    // Another implementation reads our tiles, checks each against the root, and proves from
    // them exactly what we prove.
    let size = 70_000u64;
    let built = build(size, 1000);
    let root = tlog_tiles::Hash(built.appender.root().0);
    let theirs = OurTilesForTlogTiles(&built.tiles);
    let reader = tlog_tiles::TileHashReader::new(size, root, &theirs);
    assert_eq!(tlog_tiles::tree_hash(size, &reader).expect("authentic tiles"), root);
    for index in [0, 255, 256, 65_535, 65_536, 69_999] {
        let their_proof = tlog_tiles::prove_record(size, index, &reader).expect("authentic");
        let our_proof = prove_inclusion(&built.tiles, size, index).expect("stored");
        let their_bytes: Vec<[u8; 32]> = their_proof.iter().map(|hash| hash.0).collect();
        let our_bytes: Vec<[u8; 32]> = our_proof.iter().map(|hash| hash.0).collect();
        assert_eq!(their_bytes, our_bytes, "inclusion of {index}");
    }
    let their_proof = tlog_tiles::prove_tree(size, 12_345, &reader).expect("authentic");
    let our_proof = prove_consistency(&built.tiles, 12_345, size).expect("stored");
    assert_eq!(
        their_proof.iter().map(|hash| hash.0).collect::<Vec<_>>(),
        our_proof.iter().map(|hash| hash.0).collect::<Vec<_>>()
    );
}

#[test]
fn every_proof_of_every_small_tree_verifies() {
    // Exhaustive below 300 entries (past a full tile): every index of every size, and every
    // old size of every new size up to 160.
    let built = build(300, 300);
    let roots: Vec<Hash> = (0..=300).map(|size| root_of(&built.leaves[..size])).collect();
    for size in 1..=300u64 {
        for index in 0..size {
            let proof = prove_inclusion(&built.tiles, size, index).expect("stored");
            let leaf = &built.leaves[index as usize];
            assert_eq!(
                verify_inclusion(leaf, index, size, &proof, &roots[size as usize]),
                Ok(()),
                "{index} in {size}"
            );
        }
    }
    for size in 1..=160u64 {
        for old in 0..=size {
            let proof = prove_consistency(&built.tiles, old, size).expect("stored");
            let (old_root, new_root) = (&roots[old as usize], &roots[size as usize]);
            assert_eq!(verify_consistency(old, size, old_root, new_root, &proof), Ok(()));
            if old > 0 && old < size {
                assert!(verify_consistency(old, size, new_root, new_root, &proof).is_err());
            }
        }
    }
}

#[test]
fn proving_many_at_once_gives_the_same_proofs() {
    let size = 70_000u64;
    let built = build(size, 4096);
    let indexes: Vec<u64> = (0..size).step_by(97).chain([size - 1, 65_535, 65_536]).collect();
    let batch = passage_log::prove_inclusions(&built.tiles, size, &indexes).expect("stored");
    for (index, proof) in indexes.iter().zip(&batch) {
        assert_eq!(*proof, prove_inclusion(&built.tiles, size, *index).expect("stored"));
    }
    assert!(matches!(
        passage_log::prove_inclusions(&built.tiles, size, &[1, size]),
        Err(passage_log::ProofError::IndexOutOfRange { .. })
    ));
}
