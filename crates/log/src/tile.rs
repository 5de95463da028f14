//! C2SP tlog-tiles: tile coordinates, their paths, tile data and entry bundles.
//!
//! A tile at level `L` and index `N` holds up to 256 hashes of tree level `8·L`: hash `i` is
//! the root of the subtree over entries `[(N·256+i)·256^L, (N·256+i+1)·256^L)`. A tile with
//! fewer than 256 hashes is partial and has a width. Entry bundles hold the entries of one
//! level-0 tile, each prefixed by its length as a big-endian `uint16`.

use std::fmt::Write as _;

use crate::hash::{HASH_BYTES, Hash};

/// Hashes in a full tile (the tile height is 8 tree levels).
pub const TILE_WIDTH: u16 = 256;
/// Bytes in a full tile: 256 hashes of 32 bytes.
pub const TILE_BYTES_MAX: usize = TILE_WIDTH as usize * HASH_BYTES;
/// Tree levels covered by one tile level.
pub const TILE_HEIGHT: u32 = 8;
/// Highest tile level a path may name (c2sp.org/tlog-tiles: 0 to 63).
pub const TILE_LEVEL_MAX: u8 = 63;
/// Largest entry the log accepts: an entry bundle prefixes each entry with a `uint16` length.
pub const ENTRY_BYTES_MAX: usize = u16::MAX as usize;
/// Largest entry bundle: 256 entries of the largest size, each with its two-byte prefix.
pub const BUNDLE_BYTES_MAX: usize = TILE_WIDTH as usize * (2 + ENTRY_BYTES_MAX);
/// Longest tile path we read: `tile/entries/` plus seven groups plus `.p/255` is 46 bytes.
pub const TILE_PATH_BYTES_MAX: usize = 64;

/// A tile of hashes: its level, its index within the level and how many hashes it holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TileId {
    /// Tile level: the tile holds hashes of tree level `8·level`.
    pub level: u8,
    /// Index of the tile within its level.
    pub index: u64,
    /// Hashes in the tile, 1 to 256; 256 is a full tile.
    pub width: u16,
}

/// An entry bundle: the entries under one level-0 tile.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BundleId {
    /// Index of the bundle (equal to the index of its level-0 tile).
    pub index: u64,
    /// Entries in the bundle, 1 to 256; 256 is a full bundle.
    pub width: u16,
}

/// What a tile path names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TilePath {
    /// `tile/<L>/<N>[.p/<W>]`
    Hashes(TileId),
    /// `tile/entries/<N>[.p/<W>]`
    Entries(BundleId),
}

/// Why a tile path could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TilePathError {
    /// The path is longer than any tile path.
    #[error("a tile path is at most {TILE_PATH_BYTES_MAX} bytes")]
    TooLong,
    /// The path does not start with `tile/`.
    #[error("a tile path starts with `tile/`")]
    Prefix,
    /// The level is not a decimal number from 0 to 63 (or `entries`).
    #[error("a tile level is a number from 0 to 63 or `entries`")]
    Level,
    /// The index is not written as `x`-prefixed groups of three digits.
    #[error("a tile index is written as groups of three digits, all but the last prefixed `x`")]
    Index,
    /// The width after `.p/` is not a number from 1 to 255.
    #[error("a partial tile width is a number from 1 to 255")]
    Width,
    /// The path is not written the one canonical way (for example a leading `x000/` group).
    #[error("the tile path is not in canonical form")]
    NotCanonical,
}

/// Why tile data or an entry bundle could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TileDataError {
    /// Tile data is not exactly 32 bytes per hash of the tile's width.
    #[error("tile data must be {expected} bytes (32 per hash), found {found}")]
    TileLength {
        /// Bytes the width implies.
        expected: usize,
        /// Bytes present.
        found: usize,
    },
    /// A bundle ends inside a length prefix or an entry.
    #[error("the entry bundle is truncated at byte {offset}")]
    BundleTruncated {
        /// Offset of the entry that does not fit.
        offset: usize,
    },
    /// A bundle holds more entries than its width (or more than 256).
    #[error("the entry bundle holds more than {expected} entries")]
    BundleTooLong {
        /// Entries expected.
        expected: usize,
    },
    /// A bundle holds fewer entries than its width.
    #[error("the entry bundle holds {found} entries, expected {expected}")]
    BundleTooShort {
        /// Entries expected.
        expected: usize,
        /// Entries found.
        found: usize,
    },
}

fn write_index(path: &mut String, index: u64) {
    let digits = index.to_string();
    // Left-pad to a multiple of three digits, then split into groups.
    let padded = format!("{}{digits}", "0".repeat((3 - digits.len() % 3) % 3));
    let groups = padded.len() / 3;
    for group in 0..groups {
        if group + 1 < groups {
            path.push('x');
        }
        path.push_str(&padded[group * 3..group * 3 + 3]);
        if group + 1 < groups {
            path.push('/');
        }
    }
}

fn write_width(path: &mut String, width: u16) {
    assert!((1..=TILE_WIDTH).contains(&width), "a tile width is 1 to 256, not {width}");
    if width < TILE_WIDTH {
        let _ = write!(path, ".p/{width}");
    }
}

impl TileId {
    /// The C2SP path of this tile, for example `tile/1/x001/x234/067.p/8`.
    pub fn path(&self) -> String {
        let mut path = format!("tile/{}/", self.level);
        write_index(&mut path, self.index);
        write_width(&mut path, self.width);
        path
    }

    /// Whether the tile holds all 256 hashes.
    pub fn is_full(&self) -> bool {
        self.width == TILE_WIDTH
    }

    /// Splits tile data into its hashes, checking the length matches the width.
    pub fn parse_data(&self, data: &[u8]) -> Result<Vec<Hash>, TileDataError> {
        let expected = usize::from(self.width) * HASH_BYTES;
        if data.len() != expected {
            return Err(TileDataError::TileLength { expected, found: data.len() });
        }
        Ok(data.chunks_exact(HASH_BYTES).filter_map(Hash::from_slice).collect())
    }
}

impl BundleId {
    /// The C2SP path of this bundle, for example `tile/entries/x001/234.p/5`.
    pub fn path(&self) -> String {
        let mut path = String::from("tile/entries/");
        write_index(&mut path, self.index);
        write_width(&mut path, self.width);
        path
    }

    /// Whether the bundle holds all 256 entries.
    pub fn is_full(&self) -> bool {
        self.width == TILE_WIDTH
    }
}

impl TilePath {
    /// Reads a C2SP tile path. Only the canonical spelling is accepted, so that one tile has
    /// one path.
    pub fn parse(path: &str) -> Result<TilePath, TilePathError> {
        if path.len() > TILE_PATH_BYTES_MAX {
            return Err(TilePathError::TooLong);
        }
        let rest = path.strip_prefix("tile/").ok_or(TilePathError::Prefix)?;
        let (level_text, rest) = rest.split_once('/').ok_or(TilePathError::Level)?;
        let (index_text, width) = match rest.split_once(".p/") {
            Some((index_text, width_text)) => {
                let width: u16 = parse_decimal(width_text).ok_or(TilePathError::Width)?;
                if !(1..TILE_WIDTH).contains(&width) {
                    return Err(TilePathError::Width);
                }
                (index_text, width)
            }
            None => (rest, TILE_WIDTH),
        };
        let index = parse_index(index_text)?;
        let parsed = if level_text == "entries" {
            TilePath::Entries(BundleId { index, width })
        } else {
            let level: u8 = parse_decimal(level_text).ok_or(TilePathError::Level)?;
            if level > TILE_LEVEL_MAX {
                return Err(TilePathError::Level);
            }
            TilePath::Hashes(TileId { level, index, width })
        };
        if parsed.path() != path {
            return Err(TilePathError::NotCanonical);
        }
        Ok(parsed)
    }

    /// The canonical path.
    pub fn path(&self) -> String {
        match self {
            TilePath::Hashes(tile) => tile.path(),
            TilePath::Entries(bundle) => bundle.path(),
        }
    }
}

/// Parses a decimal number written with ASCII digits only (no sign, no spaces).
fn parse_decimal<T: std::str::FromStr>(text: &str) -> Option<T> {
    if text.is_empty() || !text.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn parse_index(text: &str) -> Result<u64, TilePathError> {
    let groups: Vec<&str> = text.split('/').collect();
    let mut index: u64 = 0;
    for (position, group) in groups.iter().enumerate() {
        let digits = if position + 1 < groups.len() {
            group.strip_prefix('x').ok_or(TilePathError::Index)?
        } else {
            group
        };
        if digits.len() != 3 || !digits.bytes().all(|byte| byte.is_ascii_digit()) {
            return Err(TilePathError::Index);
        }
        let value: u64 = digits.parse().map_err(|_| TilePathError::Index)?;
        index = index
            .checked_mul(1000)
            .and_then(|index| index.checked_add(value))
            .ok_or(TilePathError::Index)?;
    }
    Ok(index)
}

/// Appends one entry to a bundle: its `uint16` big-endian length, then its bytes.
///
/// The caller has checked `entry.len() <= ENTRY_BYTES_MAX`.
pub(crate) fn push_bundle_entry(bundle: &mut Vec<u8>, entry: &[u8]) {
    let length = u16::try_from(entry.len()).expect("entry length was checked at the boundary");
    bundle.extend_from_slice(&length.to_be_bytes());
    bundle.extend_from_slice(entry);
}

/// Encodes entries as an entry bundle.
pub fn encode_bundle<'a>(entries: impl IntoIterator<Item = &'a [u8]>) -> Vec<u8> {
    let mut bundle = Vec::new();
    for entry in entries {
        assert!(entry.len() <= ENTRY_BYTES_MAX, "an entry is at most {ENTRY_BYTES_MAX} bytes");
        push_bundle_entry(&mut bundle, entry);
    }
    bundle
}

/// Splits an entry bundle into its entries; `width` is how many it must hold (256 for a
/// full bundle).
pub fn parse_bundle(data: &[u8], width: u16) -> Result<Vec<&[u8]>, TileDataError> {
    let expected = usize::from(width.min(TILE_WIDTH));
    let mut entries = Vec::with_capacity(expected);
    let mut offset = 0;
    while offset < data.len() {
        if entries.len() == expected {
            return Err(TileDataError::BundleTooLong { expected });
        }
        let prefix =
            data.get(offset..offset + 2).ok_or(TileDataError::BundleTruncated { offset })?;
        let length = usize::from(u16::from_be_bytes([prefix[0], prefix[1]]));
        let entry = data
            .get(offset + 2..offset + 2 + length)
            .ok_or(TileDataError::BundleTruncated { offset })?;
        entries.push(entry);
        offset += 2 + length;
    }
    if entries.len() != expected {
        return Err(TileDataError::BundleTooShort { expected, found: entries.len() });
    }
    Ok(entries)
}

/// The tiles (with their widths) that make up the right edge of a tree of `size` entries:
/// one partial tile per level whose width is not zero. Exactly these, plus the partial entry
/// bundle, let an [`crate::Appender`] resume.
pub fn right_edge_tiles(size: u64) -> Vec<TileId> {
    let mut tiles = Vec::new();
    let mut level = 0u8;
    let mut count = size;
    while count > 0 {
        let width = (count % u64::from(TILE_WIDTH)) as u16;
        if width > 0 {
            tiles.push(TileId { level, index: count / u64::from(TILE_WIDTH), width });
        }
        count /= u64::from(TILE_WIDTH);
        level += 1;
    }
    tiles
}

/// The tile at `level` and `index` in a tree of `size` entries, with the width it has at that
/// size, or `None` if the tree does not reach it.
pub fn tile_at(level: u8, index: u64, size: u64) -> Option<TileId> {
    let nodes = size.checked_shr(TILE_HEIGHT * u32::from(level)).unwrap_or(0);
    let start = index.checked_mul(u64::from(TILE_WIDTH))?;
    if nodes <= start {
        return None;
    }
    let width = (nodes - start).min(u64::from(TILE_WIDTH)) as u16;
    Some(TileId { level, index, width })
}
